//! Support code shared by the workspace integration tests in `tests/tests/`.
