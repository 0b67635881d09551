// C fixtures for the Go parity tests (tests/tests/cgo_*.rs), compiled by tests/build.rs.
// They mirror the C side of Go's runtime tests for #cgo noescape and #cgo nocallback:
// one function that only looks at the pointer it is given, one that keeps it, and one that
// calls back into Rust although it is declared never to.

#include <stddef.h>

// Where run_c_without_noescape keeps the last pointer it was given. `volatile` so that the
// store is made even though C never reads it back.
static void *volatile kept_pointer = NULL;

// Uses p only during the call: the Rust side declares it noescape.
void run_c_with_noescape(void *p) {
    (void)p;
}

// Keeps p after it returns: memory passed here must outlive the call.
void run_c_without_noescape(void *p) {
    kept_pointer = p;
}

// Declared nocallback on the Rust side, yet calls back into Rust through cb.
// The callback is passed as a function pointer so that this library links into every test
// binary, whichever of them defines a callback.
void run_c_should_not_callback(void (*cb)(void)) {
    cb();
}
