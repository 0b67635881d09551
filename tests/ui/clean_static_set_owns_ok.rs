//! A box moved into a static by `STATIC.set(Box::new(..))` (`OnceLock`, `OnceBox`, atomics'
//! `store`) belongs to the static: it is not a temporary that dies with the statement.

use std::sync::OnceLock;

static SOURCE: OnceLock<Box<u64>> = OnceLock::new();

pub fn set_source(seed: u64) -> bool {
    SOURCE.set(Box::new(seed)).is_ok()
}
