//! Built-in contracts of well-known C APIs, shipped as data.
//!
//! Most FFI code calls the same few C libraries (libc/POSIX, pthread, SQLite, zlib, curl, GLFW,
//! SDL2, OpenSSL, ZeroMQ, libgit2, ALSA), whose documentation or source says what each
//! function does with the pointers it is given: `strlen` or `memcpy` only read or write during
//! the call, `putenv` and `setvbuf` keep the pointer, `pthread_create` hands its `arg` to
//! another thread, `git_reference_create` copies the name. Rather than asking every
//! user to annotate these, the analyzer carries their contracts as one TOML file per library
//! (`analyzer/contracts/*.toml`, embedded in the binary with `include_str!`). They apply only
//! where the user said nothing about a function (a directive or Cargo.toml metadata always
//! wins), and can be turned off.
//!
//! Each function lists one [`Rule`] per declared C parameter, in order, plus an optional rule
//! for variadic arguments, whether it may call back into the program, the documentation the
//! rules come from, and value-dependent overrides ([`When`]): `sqlite3_bind_text` keeps its
//! text unless the destructor argument is `SQLITE_TRANSIENT`, `curl_easy_setopt` keeps its
//! value only for some options.
//!
//! Architecture invariant: this module is pure data loading; it knows nothing of syntax,
//! directives or the analysis.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a C function does with one argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// A pointer only used during the call: not retained after it returns.
    NoEscape,
    /// A pointer retained after the call returns.
    Escape,
    /// A function pointer C calls back later; the pointer itself is not data.
    Callback,
    /// Not a pointer (integers, enums, handles passed by value): nothing to say.
    Value,
    /// A pointer the documentation says nothing definite about: no built-in contract for this
    /// argument (the escape is assumed, as for any function without a contract).
    Unknown,
}

/// A value-dependent override: parameter `param` follows `then` when argument `arg` is one of
/// `is`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The parameter (0-based) whose rule is overridden.
    pub param: usize,
    /// The argument (0-based) whose value decides.
    pub arg: usize,
    /// The values of that argument for which the override holds: the last segment of a path
    /// (`SQLITE_TRANSIENT`, `CURLOPT_POSTFIELDS`), of a called function's path
    /// (`SQLITE_TRANSIENT()`), or literal text (`-1`, `None`, `0`).
    pub is: Vec<String>,
    /// The rule that holds when the argument is one of `is`.
    pub then: Rule,
}

/// The contract of one C function.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// The C symbol.
    pub name: String,
    /// One rule per declared parameter, in order.
    pub params: Vec<Rule>,
    /// The rule for the arguments of `...`, for variadic functions.
    #[serde(default)]
    pub variadic: Option<Rule>,
    /// The function never calls a function supplied by the program.
    #[serde(default)]
    pub nocallback: bool,
    /// Where the behaviour is documented (a man page, a documentation section), with a short
    /// quote for every retained parameter; or, where the documentation does not settle it, the
    /// library source read (version or commit, file and function) and what happens to every
    /// pointer parameter.
    pub source: String,
    /// Value-dependent overrides, first match wins.
    #[serde(default)]
    pub when: Vec<When>,
}

impl Function {
    /// Whether a call with `args` arguments fits the contract: as many as its parameters, or
    /// more when it is variadic. A call that does not fit is of another function under the
    /// same name (another platform's, a wrong binding), and the contract is not applied to it.
    pub fn fits(&self, args: usize) -> bool {
        args == self.params.len() || (self.variadic.is_some() && args > self.params.len())
    }

    /// The rule for argument `param` of a call whose arguments' constant names are `arg_keys`
    /// (`None` where an argument is not a constant). The declared parameter's rule, or the
    /// variadic rule beyond the declared parameters, overridden by the first [`When`] for that
    /// parameter whose argument's key is one of its values.
    ///
    /// An argument beyond the listed parameters of a function without a variadic rule is
    /// `Unknown`: the Rust binding declares more parameters than the contract knows (another
    /// version of the library, or a wrong binding), and nothing may be concluded about them.
    /// (The analysis does not apply a contract to a call that does not [`Function::fits`] it.)
    pub fn rule(&self, param: usize, arg_keys: &[Option<String>]) -> Rule {
        let base = match self.params.get(param) {
            Some(rule) => *rule,
            None => self.variadic.unwrap_or(Rule::Unknown),
        };
        self.when
            .iter()
            .filter(|w| w.param == param)
            .find(|w| {
                arg_keys
                    .get(w.arg)
                    .and_then(Option::as_deref)
                    .is_some_and(|key| w.is.iter().any(|v| v == key))
            })
            .map_or(base, |w| w.then)
    }
}

/// The contracts of one C library, as in one data file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// The library's short name (`libc`, `pthread`, `sqlite3`, ...).
    pub library: String,
    /// What the library is.
    pub description: String,
    /// Its functions (`[[function]]` tables in the data file).
    pub function: Vec<Function>,
}

/// The embedded data files: (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    ("libc.toml", include_str!("../contracts/libc.toml")),
    ("pthread.toml", include_str!("../contracts/pthread.toml")),
    ("sqlite3.toml", include_str!("../contracts/sqlite3.toml")),
    ("zlib.toml", include_str!("../contracts/zlib.toml")),
    ("curl.toml", include_str!("../contracts/curl.toml")),
    ("glfw.toml", include_str!("../contracts/glfw.toml")),
    ("sdl2.toml", include_str!("../contracts/sdl2.toml")),
    ("openssl.toml", include_str!("../contracts/openssl.toml")),
    ("libgit2.toml", include_str!("../contracts/libgit2.toml")),
    ("zmq.toml", include_str!("../contracts/zmq.toml")),
    ("alsa.toml", include_str!("../contracts/alsa.toml")),
];

/// Parses one data file.
pub fn parse(text: &str) -> Result<Library, toml::de::Error> {
    toml::from_str(text)
}

/// Every built-in library, parsed once.
pub fn libraries() -> &'static [Library] {
    static LIBRARIES: OnceLock<Vec<Library>> = OnceLock::new();
    LIBRARIES.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| {
                // The data is embedded at compile time and `tests/builtin_contracts.rs` parses
                // every file, so this cannot fail in a released binary.
                parse(text)
                    .unwrap_or_else(|e| panic!("built-in contract file {name} is valid: {e}"))
            })
            .collect()
    })
}

/// The built-in contract of a C symbol, across all libraries.
pub fn lookup(symbol: &str) -> Option<&'static Function> {
    static BY_SYMBOL: OnceLock<HashMap<&'static str, &'static Function>> = OnceLock::new();
    BY_SYMBOL
        .get_or_init(|| {
            libraries()
                .iter()
                .flat_map(|lib| &lib.function)
                .map(|f| (f.name.as_str(), f))
                .collect()
        })
        .get(symbol)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(params: Vec<Rule>, variadic: Option<Rule>, when: Vec<When>) -> Function {
        Function {
            name: "f".into(),
            params,
            variadic,
            nocallback: false,
            source: "test".into(),
            when,
        }
    }

    #[test]
    fn rule_uses_params_then_variadic_then_unknown() {
        let g = f(
            vec![Rule::NoEscape, Rule::Value],
            Some(Rule::Escape),
            vec![],
        );
        assert_eq!(g.rule(0, &[]), Rule::NoEscape);
        assert_eq!(g.rule(1, &[]), Rule::Value);
        assert_eq!(g.rule(5, &[]), Rule::Escape);
        // More arguments than the contract lists: nothing is known of the extra ones.
        let h = f(vec![Rule::NoEscape], None, vec![]);
        assert_eq!(h.rule(3, &[]), Rule::Unknown);
    }

    #[test]
    fn first_matching_when_overrides() {
        let w = |is: &str, then| When {
            param: 0,
            arg: 1,
            is: vec![is.into()],
            then,
        };
        let g = f(
            vec![Rule::Escape, Rule::Value],
            None,
            vec![w("A", Rule::NoEscape), w("A", Rule::Callback)],
        );
        assert_eq!(g.rule(0, &[None, Some("A".into())]), Rule::NoEscape);
        assert_eq!(g.rule(0, &[None, Some("B".into())]), Rule::Escape);
        assert_eq!(g.rule(0, &[None, None]), Rule::Escape);
        assert_eq!(g.rule(0, &[]), Rule::Escape);
    }
}
