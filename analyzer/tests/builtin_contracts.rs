//! Validation of the built-in contract data (`analyzer/contracts/*.toml`): every file parses,
//! entries are well-formed, and the well-known retainers carry the rules their documentation
//! gives.

use std::collections::HashMap;

use ffi_escape::builtin::{self, FILES, Function, Rule};

fn get(symbol: &str) -> &'static Function {
    builtin::lookup(symbol).unwrap_or_else(|| panic!("{symbol} has a built-in contract"))
}

fn keys(args: &[Option<&str>]) -> Vec<Option<String>> {
    args.iter().map(|a| a.map(str::to_owned)).collect()
}

#[test]
fn every_file_parses() {
    for (name, text) in FILES {
        let lib = builtin::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            format!("{}.toml", lib.library),
            *name,
            "library name matches file"
        );
        assert!(!lib.description.trim().is_empty(), "{name}: description");
        assert!(!lib.function.is_empty(), "{name}: no functions");
    }
    assert_eq!(builtin::libraries().len(), FILES.len());
}

#[test]
fn all_expected_libraries_are_present() {
    let names: Vec<&str> = builtin::libraries()
        .iter()
        .map(|l| l.library.as_str())
        .collect();
    for lib in [
        "libc", "pthread", "sqlite3", "zlib", "curl", "glfw", "sdl2", "openssl", "libgit2", "zmq",
        "alsa",
    ] {
        assert!(names.contains(&lib), "{lib} missing from {names:?}");
    }
}

#[test]
fn no_duplicate_symbols() {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for lib in builtin::libraries() {
        for f in &lib.function {
            if let Some(prev) = seen.insert(&f.name, &lib.library) {
                panic!("{} is in both {prev} and {}", f.name, lib.library);
            }
        }
    }
}

#[test]
fn every_function_is_well_formed() {
    for lib in builtin::libraries() {
        for f in &lib.function {
            let n = &f.name;
            assert!(
                !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{}: bad symbol {n:?}",
                lib.library
            );
            assert!(!f.source.trim().is_empty(), "{n}: empty source");
            for w in &f.when {
                assert!(
                    w.param < f.params.len() || f.variadic.is_some(),
                    "{n}: when.param {} out of range",
                    w.param
                );
                assert!(
                    w.arg < f.params.len(),
                    "{n}: when.arg {} is not a declared parameter",
                    w.arg
                );
                assert_ne!(w.param, w.arg, "{n}: when depends on itself");
                assert!(!w.is.is_empty(), "{n}: when with no values");
                assert_ne!(
                    w.then,
                    f.rule(w.param, &[]),
                    "{n}: when changes nothing for param {}",
                    w.param
                );
            }
            // nocallback and a callback parameter contradict each other.
            if f.nocallback {
                let callbacks = f.params.iter().chain(&f.variadic);
                assert!(
                    !callbacks.into_iter().any(|r| *r == Rule::Callback),
                    "{n}: nocallback but takes a callback"
                );
            }
            // A retained parameter must say why.
            let retains = f
                .params
                .iter()
                .chain(&f.variadic)
                .any(|r| *r == Rule::Escape)
                || f.when.iter().any(|w| w.then == Rule::Escape);
            if retains {
                assert!(
                    f.source.contains(':') || f.source.contains("http"),
                    "{n}: a retainer's source must quote or link the documentation: {:?}",
                    f.source
                );
            }
        }
    }
}

#[test]
fn lookup_finds_every_function() {
    for lib in builtin::libraries() {
        for f in &lib.function {
            assert!(std::ptr::eq(get(&f.name), f), "{}", f.name);
            for (i, r) in f.params.iter().enumerate() {
                if f.when.iter().all(|w| w.param != i) {
                    assert_eq!(f.rule(i, &[]), *r, "{} param {i}", f.name);
                }
            }
        }
    }
    assert!(builtin::lookup("no_such_c_function").is_none());
}

#[test]
fn libc_has_at_least_300_functions() {
    let libc = builtin::libraries()
        .iter()
        .find(|l| l.library == "libc")
        .expect("libc");
    assert!(libc.function.len() >= 300, "{}", libc.function.len());
}

#[test]
fn string_functions_are_noescape_and_nocallback() {
    for name in ["strlen", "memcpy", "strcmp"] {
        let f = get(name);
        assert!(f.nocallback, "{name}");
        assert!(
            f.params
                .iter()
                .all(|r| *r != Rule::Escape && *r != Rule::Callback),
            "{name}: {:?}",
            f.params
        );
        assert_eq!(f.rule(0, &[]), Rule::NoEscape, "{name}");
        // strlen has one parameter: nothing is known of an argument beyond it.
        assert_eq!(
            f.rule(1, &[]),
            if name == "strlen" {
                Rule::Unknown
            } else {
                Rule::NoEscape
            }
        );
    }
}

#[test]
fn lio_listio_keeps_its_aiocbs_and_says_nothing_of_sevp() {
    let f = get("lio_listio");
    let nowait = [Some("LIO_NOWAIT".to_owned())];
    let wait = [Some("LIO_WAIT".to_owned())];
    assert_eq!(f.rule(1, &nowait), Rule::Escape);
    assert_eq!(f.rule(1, &wait), Rule::NoEscape);
    // POSIX ignores sevp with LIO_WAIT and does not say it must outlive an LIO_NOWAIT call.
    assert_eq!(f.rule(3, &wait), Rule::NoEscape);
    assert_eq!(f.rule(3, &nowait), Rule::Unknown);
}

#[test]
fn libc_retainers() {
    assert_eq!(get("putenv").params, [Rule::Escape]);
    let setvbuf = get("setvbuf");
    assert_eq!(setvbuf.params.len(), 4);
    assert_eq!(setvbuf.rule(1, &[]), Rule::Escape);
    assert_eq!(get("setbuf").rule(1, &[]), Rule::Escape);
    assert_eq!(get("atexit").params, [Rule::Callback]);
    assert!(!get("atexit").nocallback);
    // Submitting a request retains its control block until completion...
    for aio in ["aio_read", "aio_write", "aio_fsync"] {
        let f = get(aio);
        assert!(f.params.contains(&Rule::Escape), "{aio}: {:?}", f.params);
    }
    // ...asking about it, waiting for it or cancelling it keeps nothing new.
    for aio in ["aio_error", "aio_return", "aio_cancel", "aio_suspend"] {
        let f = get(aio);
        assert!(!f.params.contains(&Rule::Escape), "{aio}: {:?}", f.params);
    }
    assert_eq!(get("aio_read").params, [Rule::Escape]);
    let lio = get("lio_listio");
    assert_eq!(lio.rule(1, &[]), Rule::Escape);
    assert_eq!(lio.rule(1, &keys(&[Some("LIO_NOWAIT")])), Rule::Escape);
    assert_eq!(lio.rule(1, &keys(&[Some("LIO_WAIT")])), Rule::NoEscape);
    assert_eq!(get("strtok").rule(0, &[]), Rule::Escape);
    assert_eq!(get("strtok_r").rule(0, &[]), Rule::NoEscape);
    assert_eq!(get("setenv").params[..2], [Rule::NoEscape, Rule::NoEscape]);
    assert_eq!(get("setlocale").rule(1, &[]), Rule::NoEscape);
    let qsort = get("qsort");
    assert_eq!(qsort.rule(0, &[]), Rule::NoEscape);
    assert_eq!(qsort.rule(3, &[]), Rule::Callback);
    assert!(!qsort.nocallback);
    assert_eq!(get("bsearch").rule(4, &[]), Rule::Callback);
    assert_eq!(get("signal").rule(1, &[]), Rule::Callback);
}

#[test]
fn pthread_retainers() {
    let create = get("pthread_create");
    assert_eq!(
        create.params,
        [Rule::NoEscape, Rule::NoEscape, Rule::Callback, Rule::Escape]
    );
    assert!(!create.nocallback);
    assert_eq!(get("pthread_setspecific").rule(1, &[]), Rule::Escape);
    assert_eq!(get("pthread_key_create").rule(1, &[]), Rule::Callback);
}

#[test]
fn glfw_user_pointer_is_retained() {
    assert_eq!(
        get("glfwSetWindowUserPointer").params,
        [Rule::NoEscape, Rule::Escape]
    );
}

#[test]
fn sqlite3_bind_depends_on_the_destructor() {
    for (name, text, destructor) in [
        ("sqlite3_bind_text", 2, 4),
        ("sqlite3_bind_text16", 2, 4),
        ("sqlite3_bind_text64", 2, 4),
        ("sqlite3_bind_blob", 2, 4),
        ("sqlite3_bind_blob64", 2, 4),
    ] {
        let f = get(name);
        let with = |key: Option<&str>| {
            let mut k = vec![None; f.params.len()];
            k[destructor] = key.map(str::to_owned);
            f.rule(text, &k)
        };
        assert_eq!(f.params[destructor], Rule::Callback, "{name}");
        assert_eq!(with(None), Rule::Escape, "{name}");
        assert_eq!(with(Some("SQLITE_STATIC")), Rule::Escape, "{name}");
        assert_eq!(with(Some("SQLITE_TRANSIENT")), Rule::NoEscape, "{name}");
    }
}

#[test]
fn curl_easy_setopt_depends_on_the_option() {
    let f = get("curl_easy_setopt");
    let with = |option: &str| f.rule(2, &keys(&[None, Some(option), None]));
    for kept in [
        "CURLOPT_POSTFIELDS",
        "CURLOPT_WRITEDATA",
        "CURLOPT_READDATA",
        "CURLOPT_HEADERDATA",
        "CURLOPT_ERRORBUFFER",
        "CURLOPT_HTTPHEADER",
        "CURLOPT_PRIVATE",
        "CURLOPT_WRITEFUNCTION",
    ] {
        assert_eq!(with(kept), Rule::Escape, "{kept}");
    }
    for copied in ["CURLOPT_URL", "CURLOPT_USERAGENT", "CURLOPT_COPYPOSTFIELDS"] {
        assert_eq!(with(copied), Rule::NoEscape, "{copied}");
    }
    assert_eq!(f.rule(2, &keys(&[None, None, None])), Rule::NoEscape);
}
