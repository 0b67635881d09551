//! Input: turn the paths given on the command line into crates of parsed files.
//!
//! A path is a cargo package directory (its library and binary targets), a workspace directory
//! (each member), or a single `.rs` file taken as a crate root. From each target root the module
//! tree is followed through `mod` declarations and `#[path]` attributes. Manifests are read
//! first ([`plan`]): each crate becomes a [`CratePlan`], and its Rust files are read and parsed
//! only by [`CratePlan::load`], on the worker that analyzes it. A file that cannot be
//! read as UTF-8 or parsed becomes a `parse_error` diagnostic and the rest of the crate is still
//! analyzed; only a path that cannot be analyzed at all is an [`InputError`].
//!
//! Architecture invariant: this module knows nothing of FFI, contracts or escapes.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::lints::parse_error;
use crate::prefilter;
use crate::source::{FileId, SourceDb, Span};

/// Why a path given on the command line cannot be analyzed at all (exit code 2).
#[derive(Debug)]
pub enum InputError {
    /// The path does not exist.
    NotFound(PathBuf),
    /// The path is neither a directory with a Cargo.toml nor a `.rs` file.
    NotRust(PathBuf),
    /// A directory without a Cargo.toml.
    NoManifest(PathBuf),
    /// The root file or manifest could not be read.
    Io(PathBuf, std::io::Error),
    /// The Cargo.toml is not valid or names no target.
    BadManifest(PathBuf, String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotFound(p) => write!(f, "path `{}` does not exist", p.display()),
            InputError::NotRust(p) => write!(
                f,
                "`{}` is neither a cargo package directory nor a `.rs` file",
                p.display()
            ),
            InputError::NoManifest(p) => {
                write!(f, "directory `{}` has no Cargo.toml", p.display())
            }
            InputError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
            InputError::BadManifest(p, e) => write!(f, "invalid manifest `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for InputError {}

/// One parsed file of a crate.
pub struct ParsedFile {
    /// Its id in the crate's [`SourceDb`].
    pub file: FileId,
    /// The module path of the file's top level, starting with the target's root segment.
    pub module: Vec<String>,
    /// The syntax tree, or `None` when the file did not parse: only the skeleton's items
    /// unless `full` (see [`crate::prefilter`]).
    pub ast: Option<syn::File>,
    /// `ast` has every function of the file: its function view or its whole tree.
    pub full: bool,
    /// The whole file was parsed: `ast` is its tree, or `None` for its syntax error (or it is
    /// no text the parser can take). `--parse-all` parses every other file.
    pub whole: bool,
    /// What the prefilter's lexer found.
    pub scan: crate::prefilter::Scan,
}

impl ParsedFile {
    /// The crate root `text`, added to `db` under `name`, with `ast`: its whole tree, or its
    /// skeleton's or function view's (`whole` says which). How the tests and fuzz targets give
    /// one file to what reads the loader's files.
    pub fn root(db: &mut SourceDb, name: &str, text: &str, ast: syn::File, whole: bool) -> Self {
        ParsedFile {
            file: db.add(name.to_owned(), text.to_owned()),
            module: Vec::new(),
            ast: Some(ast),
            full: true,
            whole,
            scan: prefilter::scan(text),
        }
    }
}

/// A crate (or all targets of one package) ready for analysis.
pub struct CrateSource {
    /// Crate name (package name, or the file stem for a single file).
    pub name: String,
    /// The name of the library target as used in paths (`-` replaced by `_`), if there is one.
    pub lib_name: Option<String>,
    /// How the analyzed root was given, for messages.
    pub root: String,
    /// The files' text and names.
    pub db: SourceDb,
    /// Parsed files in discovery order.
    pub files: Vec<ParsedFile>,
    /// Diagnostics found while reading (parse errors, missing modules).
    pub diagnostics: Vec<Diagnostic>,
    /// The Cargo.toml files that configure the crate, as files of `db`: the workspace's first,
    /// the package's own last.
    pub manifests: Vec<FileId>,
    /// Files of `-sys` dependencies, read only for their FFI declarations; module paths start
    /// with the name the crate uses for the dependency.
    pub dep_files: Vec<ParsedFile>,
    /// The names under which the crate uses its `-sys` dependencies, read or not
    /// (`ffi` for `ffi = { package = "openssl-sys" }`): calls through them are FFI calls.
    pub sys_names: Vec<String>,
}

/// One crate to read, decided from manifests alone: no Rust file is read until
/// [`CratePlan::load`]. Plans are `Send` (syntax trees are not), so the crates of a workspace
/// are read and analyzed on several workers, each crate on one.
pub struct CratePlan {
    name: String,
    lib_name: Option<String>,
    root: String,
    /// What to read, in order (the order gives the files their ids).
    steps: Vec<Step>,
    sys_names: Vec<String>,
}

/// One thing a [`CratePlan`] reads.
enum Step {
    /// A target root and its module tree ([`CrateSource::load_target`]).
    Target {
        root: PathBuf,
        display_base: PathBuf,
        module: Vec<String>,
        as_given: bool,
    },
    /// A Cargo.toml that configures the crate: its name as shown, and its text.
    Manifest(String, String),
    /// A `-sys` dependency's library ([`CrateSource::load_dependency`]).
    Dependency {
        root: PathBuf,
        display_base: PathBuf,
        as_name: String,
    },
}

impl CratePlan {
    fn new(name: String, lib_name: Option<String>, root: String) -> Self {
        CratePlan {
            name,
            lib_name,
            root,
            steps: Vec::new(),
            sys_names: Vec::new(),
        }
    }

    fn target(&mut self, root: &Path, display_base: &Path, module: Vec<String>, as_given: bool) {
        self.steps.push(Step::Target {
            root: root.to_owned(),
            display_base: display_base.to_owned(),
            module,
            as_given,
        });
    }

    /// A Cargo.toml that configures the crate, shown as `name`.
    fn manifest(&mut self, name: String, text: String) {
        self.steps.push(Step::Manifest(name, text));
    }

    /// A guess, before any Rust file is read, at how much work the crate is: the bytes of the
    /// `.rs` files in the directories of its target roots and `-sys` dependencies (hidden and
    /// `target` directories left out), or of the file itself when one was named. It only
    /// orders the work, largest first, so that no worker is left alone with a big crate at
    /// the end; it never changes what is read.
    pub fn size_hint(&self) -> u64 {
        let mut dirs = Vec::new();
        let mut size = 0;
        for step in &self.steps {
            match step {
                Step::Target {
                    root,
                    as_given: true,
                    ..
                } => size += std::fs::metadata(root).map_or(0, |m| m.len()),
                Step::Target { root, .. } | Step::Dependency { root, .. } => {
                    dirs.extend(root.parent().map(Path::to_path_buf));
                }
                Step::Manifest(..) => {}
            }
        }
        // A directory inside another one is walked with it.
        dirs.sort();
        dirs.dedup_by(|inner, outer| inner.starts_with(outer));
        for dir in dirs {
            let walk = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_type().is_dir()
                        && (e.file_name() == "target"
                            || e.file_name().as_encoded_bytes().starts_with(b".")))
            });
            size += walk
                .flatten()
                .filter(|e| e.file_type().is_file() && e.path().extension() == Some("rs".as_ref()))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum::<u64>();
        }
        size
    }

    /// Reads and parses the crate's files.
    pub fn load(self) -> Result<CrateSource, InputError> {
        let mut krate = CrateSource::new(self.name, self.lib_name, self.root);
        for step in self.steps {
            match step {
                Step::Target {
                    root,
                    display_base,
                    module,
                    as_given,
                } => krate.load_target(&root, &display_base, module, as_given)?,
                Step::Manifest(name, text) => {
                    let file = krate.db.add(name, text);
                    krate.manifests.push(file);
                }
                Step::Dependency {
                    root,
                    display_base,
                    as_name,
                } => krate.load_dependency(&root, &display_base, &as_name),
            }
        }
        krate.sys_names = self.sys_names;
        Ok(krate)
    }
}

/// The crates a command-line path denotes, to be read.
pub fn plan(path: &Path) -> Result<Vec<CratePlan>, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound(path.to_owned()),
        _ => InputError::Io(path.to_owned(), e),
    })?;
    if meta.is_dir() {
        match plan_with_metadata(path) {
            Some(crates) => Ok(crates),
            None => plan_dir(path, None),
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().replace('-', "_"))
            .unwrap_or_default();
        let display_base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut krate = CratePlan::new(name, None, path.display().to_string());
        krate.target(path, &display_base, Vec::new(), true);
        Ok(vec![krate])
    } else {
        Err(InputError::NotRust(path.to_owned()))
    }
}

/// Plans a package or workspace directory through `cargo metadata`: its members (those under
/// `dir`) with their library and binary targets, and the FFI declarations of their `-sys`
/// dependencies (a name ending in `-sys`/`_sys`, or a `links` key) from the local registry.
///
/// It runs offline and `--locked`, so it never touches the network nor writes a lock file; it
/// needs a Cargo.lock that locks a `-sys` crate, and downloaded dependencies. `None` when it
/// cannot run or has nothing to add: the caller then reads Cargo.toml itself (no dependencies).
fn plan_with_metadata(dir: &Path) -> Option<Vec<CratePlan>> {
    let dir = canonical(dir);
    // The lock file cargo would use: the package's own, or its workspace root's. (Spawning
    // cargo only to fail, for every vendored crate of a corpus, costs seconds.)
    let lock = dir.ancestors().find(|a| {
        a.join("Cargo.lock").is_file()
            && (*a == dir
                || std::fs::read_to_string(a.join("Cargo.toml"))
                    .is_ok_and(|t| t.contains("[workspace]")))
    })?;
    if !locks_available_sys(&lock.join("Cargo.lock"), &dir.join("Cargo.toml")) {
        return None;
    }
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(dir.join("Cargo.toml"))
        .other_options(vec!["--offline".to_owned(), "--locked".to_owned()])
        .exec()
        .ok()?;
    let workspace_manifest = metadata
        .workspace_root
        .join("Cargo.toml")
        .into_std_path_buf();
    let mut crates = Vec::new();
    let mut members = metadata.workspace_packages();
    members.sort_by(|a, b| a.manifest_path.cmp(&b.manifest_path));
    for pkg in members {
        let pkg_dir = pkg.manifest_path.parent()?.as_std_path().to_path_buf();
        if !canonical(&pkg_dir).starts_with(&dir) {
            continue;
        }
        let is_lib = |t: &cargo_metadata::Target| {
            use cargo_metadata::TargetKind as K;
            t.kind.iter().any(|k| {
                matches!(
                    k,
                    K::Lib | K::RLib | K::DyLib | K::CDyLib | K::StaticLib | K::ProcMacro
                )
            })
        };
        let lib = pkg.targets.iter().find(|t| is_lib(t));
        let root = match pkg_dir.strip_prefix(&dir) {
            Ok(rel) if rel.as_os_str().is_empty() => dir.display().to_string(),
            _ => pkg_dir.display().to_string(),
        };
        let mut krate = CratePlan::new(
            pkg.name.to_string(),
            lib.map(|t| t.name.replace('-', "_")),
            root,
        );
        // A target cargo names but that is not there: Cargo.toml is read instead.
        let exists = |t: &cargo_metadata::Target| t.src_path.as_std_path().is_file();
        if let Some(t) = lib {
            exists(t).then_some(())?;
            krate.target(t.src_path.as_std_path(), &pkg_dir, Vec::new(), false);
        }
        let mut bins: Vec<&cargo_metadata::Target> = pkg
            .targets
            .iter()
            .filter(|t| t.is_kind(cargo_metadata::TargetKind::Bin))
            .collect();
        bins.sort_by(|a, b| a.name.cmp(&b.name));
        for t in bins {
            exists(t).then_some(())?;
            krate.target(
                t.src_path.as_std_path(),
                &pkg_dir,
                vec![format!("{{bin {}}}", t.name)],
                false,
            );
        }
        let mut manifests = vec![workspace_manifest.as_path()];
        if pkg.manifest_path.as_std_path() != workspace_manifest {
            manifests.push(pkg.manifest_path.as_std_path());
        }
        for manifest in manifests {
            if let Ok(text) = std::fs::read_to_string(manifest) {
                let name = relative_to(manifest, &pkg_dir);
                krate.manifest(name, text);
            }
        }
        let node = metadata
            .resolve
            .as_ref()
            .and_then(|r| r.nodes.iter().find(|n| n.id == pkg.id));
        for dep in node.map(|n| n.deps.as_slice()).unwrap_or_default() {
            let normal = dep
                .dep_kinds
                .iter()
                .any(|k| k.kind == cargo_metadata::DependencyKind::Normal);
            let dep_pkg = &metadata[&dep.pkg];
            let name = dep_pkg.name.as_str();
            let sys = name.ends_with("-sys") || name.ends_with("_sys") || dep_pkg.links.is_some();
            if normal && sys {
                krate.sys_names.push(dep.name.clone());
            }
            if normal
                && sys
                && let Some(t) = dep_pkg.targets.iter().find(|t| is_lib(t))
            {
                // Shown as `libgit2-sys-0.17.0/src/lib.rs`.
                let base = dep_pkg
                    .manifest_path
                    .parent()?
                    .parent()?
                    .as_std_path()
                    .to_path_buf();
                krate.steps.push(Step::Dependency {
                    root: t.src_path.as_std_path().to_owned(),
                    display_base: base,
                    as_name: dep.name.clone(),
                });
            }
        }
        crates.push(krate);
    }
    (!crates.is_empty()).then_some(crates)
}

/// A workspace manifest inherited by its members: path and text.
type Inherited<'a> = Option<&'a (PathBuf, String)>;

fn plan_dir(dir: &Path, workspace: Inherited<'_>) -> Result<Vec<CratePlan>, InputError> {
    let manifest_path = dir.join("Cargo.toml");
    if !manifest_path.is_file() {
        return Err(InputError::NoManifest(dir.to_owned()));
    }
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| InputError::Io(manifest_path.clone(), e))?;
    let manifest: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        InputError::BadManifest(manifest_path.clone(), e.message().to_owned())
    })?;
    let mut crates = Vec::new();
    let own = (manifest_path.clone(), text);
    let workspace = if manifest.contains_key("workspace") {
        Some(&own)
    } else {
        workspace
    };
    if let Some(package) = manifest.get("package").and_then(|p| p.as_table()) {
        let mut krate = plan_package(dir, &manifest_path, &manifest, package)?;
        // The workspace's manifest configures its members first; the package's own comes last.
        let mut manifests = Vec::new();
        if let Some(ws) = workspace.filter(|ws| ws.0 != own.0) {
            manifests.push(ws);
        }
        manifests.push(&own);
        for (path, text) in manifests {
            krate.manifest(relative_to(path, dir), text.clone());
        }
        crates.push(krate);
    }
    if let Some(members) = manifest
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
    {
        for member in members.iter().filter_map(|m| m.as_str()) {
            for member_dir in expand_member(dir, member) {
                if member_dir != dir && member_dir.join("Cargo.toml").is_file() {
                    crates.extend(plan_dir(&member_dir, workspace)?);
                }
            }
        }
    }
    if crates.is_empty() {
        return Err(InputError::BadManifest(
            manifest_path,
            "no [package] and no workspace members".into(),
        ));
    }
    Ok(crates)
}

/// Expands a workspace member entry; only a trailing `*` glob is supported.
fn expand_member(dir: &Path, member: &str) -> Vec<PathBuf> {
    match member.strip_suffix("/*") {
        Some(parent) => {
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir.join(parent))
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            dirs
        }
        None => vec![dir.join(member)],
    }
}

fn plan_package(
    dir: &Path,
    manifest_path: &Path,
    manifest: &toml::Table,
    package: &toml::Table,
) -> Result<CratePlan, InputError> {
    let name = package
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or("crate")
        .to_owned();
    let lib_name = name.replace('-', "_");
    let mut targets: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let lib_path = manifest
        .get("lib")
        .and_then(|l| l.get("path"))
        .and_then(|p| p.as_str())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("src/lib.rs"));
    let has_lib = dir.join(&lib_path).is_file();
    if has_lib {
        targets.push((lib_path, Vec::new()));
    }
    let mut bins: Vec<(String, PathBuf)> = Vec::new();
    for bin in manifest
        .get("bin")
        .and_then(|b| b.as_array())
        .into_iter()
        .flatten()
    {
        let bin_name = bin
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or(&name)
            .to_owned();
        let path = bin
            .get("path")
            .and_then(|p| p.as_str())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(format!("src/bin/{bin_name}.rs")));
        bins.push((bin_name, path));
    }
    if dir.join("src/main.rs").is_file() && !bins.iter().any(|(_, p)| p == Path::new("src/main.rs"))
    {
        bins.push((name.clone(), PathBuf::from("src/main.rs")));
    }
    let mut auto_bins: Vec<PathBuf> = std::fs::read_dir(dir.join("src/bin"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            if p.extension().is_some_and(|e| e == "rs") {
                Some(p)
            } else if p.join("main.rs").is_file() {
                Some(p.join("main.rs"))
            } else {
                None
            }
        })
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect();
    auto_bins.sort();
    for p in auto_bins {
        if !bins.iter().any(|(_, b)| *b == p) {
            let stem = p.with_extension("");
            let bin_name = stem
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| s != "main")
                .or_else(|| {
                    stem.parent()
                        .and_then(|p| p.file_name())
                        .map(|s| s.to_string_lossy().into_owned())
                })
                .unwrap_or_default();
            bins.push((bin_name, p));
        }
    }
    for (bin_name, path) in bins {
        if dir.join(&path).is_file() {
            targets.push((path, vec![format!("{{bin {bin_name}}}")]));
        }
    }
    if targets.is_empty() {
        return Err(InputError::BadManifest(
            manifest_path.to_owned(),
            "the package has no library or binary target".into(),
        ));
    }
    let mut krate = CratePlan::new(name, has_lib.then_some(lib_name), dir.display().to_string());
    for (path, module) in targets {
        krate.target(&dir.join(&path), dir, module, false);
    }
    krate.sys_names = sys_dependencies(manifest);
    Ok(krate)
}

/// The names under which a manifest's normal dependencies on `-sys` crates are used
/// (`[dependencies]` and `[target.'cfg(..)'.dependencies]`), renamed ones included:
/// `ffi = { package = "openssl-sys" }` gives `ffi`.
fn sys_dependencies(manifest: &toml::Table) -> Vec<String> {
    let tables = manifest
        .get("dependencies")
        .into_iter()
        .chain(
            manifest
                .get("target")
                .and_then(|t| t.as_table())
                .into_iter()
                .flat_map(|t| t.values())
                .filter_map(|t| t.get("dependencies")),
        )
        .filter_map(|d| d.as_table());
    let mut names = Vec::new();
    for deps in tables {
        for (key, dep) in deps {
            let package = dep.get("package").and_then(|p| p.as_str()).unwrap_or(key);
            let name = key.replace('-', "_");
            if (package.ends_with("-sys") || package.ends_with("_sys")) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.sort();
    names
}

impl CrateSource {
    fn new(name: String, lib_name: Option<String>, root: String) -> Self {
        CrateSource {
            name,
            lib_name,
            root,
            db: SourceDb::default(),
            files: Vec::new(),
            diagnostics: Vec::new(),
            manifests: Vec::new(),
            dep_files: Vec::new(),
            sys_names: Vec::new(),
        }
    }

    /// Reads a `-sys` dependency's library for its FFI declarations, under the name `as_name`
    /// the crate uses for it. Its parse errors are not the user's: they are dropped.
    fn load_dependency(&mut self, root: &Path, display_base: &Path, as_name: &str) {
        let (files, diags) = (self.files.len(), self.diagnostics.len());
        // An unreadable dependency only means fewer known FFI functions.
        let _ = self.load_target(root, display_base, vec![as_name.to_owned()], false);
        let loaded = self.files.split_off(files);
        self.dep_files.extend(loaded);
        self.diagnostics.truncate(diags);
    }

    /// Loads a target root and the module tree below it. `display_base` is the directory file
    /// names are shown relative to; for a single file the name is the path as given.
    fn load_target(
        &mut self,
        root: &Path,
        display_base: &Path,
        module: Vec<String>,
        as_given: bool,
    ) -> Result<(), InputError> {
        let bytes = std::fs::read(root).map_err(|e| InputError::Io(root.to_owned(), e))?;
        let name = if as_given {
            root.display().to_string()
        } else {
            display_name(root, display_base)
        };
        let mut seen = HashSet::new();
        if let Ok(meta) = std::fs::metadata(root) {
            seen.insert(FileKey::of(&meta, root));
        }
        let mut queue = vec![(root.to_owned(), name, bytes, module, true)];
        while let Some((path, name, bytes, module, is_root)) = queue.pop() {
            // A file named on the command line is parsed in full: its syntax errors are
            // reported even where it cannot reach C.
            let parsed = self.parse(name, bytes, module, as_given && path == root);
            let (file, module) = (parsed.file, &parsed.module);
            if let Some(ast) = &parsed.ast {
                let child_dir = module_dir(&path, is_root);
                let mut found = Vec::new();
                collect_mod_decls(
                    &ast.items,
                    &child_dir,
                    path.parent().unwrap_or(Path::new("")),
                    module,
                    &mut found,
                );
                for decl in found {
                    // Its metadata says both that it is a file and which (one call each).
                    let found = decl.candidates.iter().enumerate().find_map(|(i, c)| {
                        let meta = std::fs::metadata(c).ok().filter(|m| m.is_file())?;
                        Some((i, FileKey::of(&meta, c)))
                    });
                    let Some((index, key)) = found else {
                        if decl.optional {
                            continue;
                        }
                        let tried: Vec<String> = decl
                            .candidates
                            .iter()
                            .map(|c| display_name(c, display_base))
                            .collect();
                        self.diagnostics.push(
                            Diagnostic::new(
                                parse_error::CODE,
                                Severity::Error,
                                format!("file not found for module `{}`", decl.name),
                                Span::in_file(file, self.db.lines(file), decl.span),
                            )
                            .help(format!("create one of: {}", tried.join(", "))),
                        );
                        continue;
                    };
                    // The same file under exclusive `cfg`s, or a `#[path]` cycle: read it once.
                    if !seen.insert(key) {
                        continue;
                    }
                    let child = &decl.candidates[index];
                    match std::fs::read(child) {
                        Ok(bytes) => {
                            let child_name = if as_given {
                                child.display().to_string()
                            } else {
                                display_name(child, display_base)
                            };
                            queue.push((
                                child.clone(),
                                child_name,
                                bytes,
                                decl.module,
                                index < decl.attr_paths,
                            ));
                        }
                        Err(e) => self.diagnostics.push(Diagnostic::new(
                            parse_error::CODE,
                            Severity::Error,
                            format!("cannot read `{}`: {e}", child.display()),
                            Span::in_file(file, self.db.lines(file), decl.span),
                        )),
                    }
                }
            }
            self.files.push(parsed);
        }
        Ok(())
    }

    /// Adds a file of `module` to the database and parses its skeleton; its function view when
    /// the prefilter says its functions are always read or the skeleton does not parse; the
    /// whole file when it is `full` (named on the command line) or does not lex cleanly.
    /// Failures become `parse_error` diagnostics.
    fn parse(
        &mut self,
        name: String,
        bytes: Vec<u8>,
        module: Vec<String>,
        full: bool,
    ) -> ParsedFile {
        let parsed = |file, ast, full, whole, scan| ParsedFile {
            file,
            module,
            ast,
            full,
            whole,
            scan,
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = self.db.add(name, lossy);
                self.diagnostics.push(parse_error::not_utf8(Span {
                    file,
                    start: at,
                    end: at + 1,
                }));
                return parsed(file, None, true, true, prefilter::Scan::default());
            }
        };
        let scan = prefilter::scan(&text);
        if let Some((at, what)) = &scan.too_deep {
            let at = *at;
            let what = what.clone();
            let file = self.db.add(name, text);
            self.diagnostics.push(parse_error::too_deep(
                Span {
                    file,
                    start: at,
                    end: at + 1,
                },
                &what,
            ));
            return parsed(file, None, true, true, scan);
        }
        let skeleton = match full || scan.always_full {
            true => None,
            false => syn::parse_file(&prefilter::skeleton(&text, &scan))
                .ok()
                .map(|mut ast| {
                    crate::macros::expand_items(&mut ast.items, None);
                    ast
                }),
        };
        let file = self.db.add(name, text);
        if skeleton.is_some() {
            return parsed(file, skeleton, false, false, scan);
        }
        let (ast, whole) = match full || scan.bad {
            true => (parse_full(&self.db, file, &mut self.diagnostics), true),
            false => parse_functions(&self.db, file, &scan, &mut self.diagnostics),
        };
        parsed(file, ast, true, whole, scan)
    }
}

/// Parses the function view of a file of `db` (see [`prefilter::functions`]): what the
/// analysis reads of a file whose functions must be indexed and lowered. When the view does not
/// parse, the whole file is parsed, and its failure is the diagnostic. Also says whether the
/// whole file was parsed.
pub fn parse_functions(
    db: &SourceDb,
    file: FileId,
    scan: &prefilter::Scan,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<syn::File>, bool) {
    let text = db.text(file);
    match syn::parse_file(&prefilter::functions(text, scan)) {
        Ok(mut ast) => {
            crate::macros::expand_items(&mut ast.items, db.lines(file));
            (Some(ast), false)
        }
        Err(_) => (parse_full(db, file, diagnostics), true),
    }
}

/// Parses a whole file of `db`, with the items of module-level macros in place (see
/// [`crate::macros`]); a failure becomes a `parse_error` diagnostic.
pub fn parse_full(
    db: &SourceDb,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<syn::File> {
    match syn::parse_file(db.text(file)) {
        Ok(mut ast) => {
            crate::macros::expand_items(&mut ast.items, db.lines(file));
            Some(ast)
        }
        Err(e) => {
            diagnostics.push(parse_error::from_syn(file, db.lines(file), &e));
            None
        }
    }
}

/// Whether `cargo metadata --offline` can tell something Cargo.toml does not: the lock file
/// locks a `-sys` crate other than the package of `manifest` (no crate depends on itself: a
/// `-sys` package alone in its lock has no `-sys` dependency), and every package it locks
/// from a registry is downloaded. Spawning cargo only to hear it fail offline, or to learn
/// nothing, costs 40 ms a crate.
fn locks_available_sys(lock: &Path, manifest: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(lock) else {
        return false;
    };
    // Most locks name no `-sys` crate: no need to parse them.
    if !text.contains("-sys\"") && !text.contains("_sys\"") {
        return false;
    }
    let table = |text: &str| text.parse::<toml::Table>().ok();
    let Some(packages) = table(&text).and_then(|t| t.get("package")?.as_array().cloned()) else {
        return false;
    };
    let field = |p: &toml::Value, k: &str| p.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let sys: Vec<&toml::Value> = packages
        .iter()
        .filter(|p| field(p, "name").is_some_and(|n| n.ends_with("-sys") || n.ends_with("_sys")))
        .collect();
    // The package itself is locked without a source; its manifest is read only if one is.
    let local = |p: &&toml::Value| field(p, "source").is_none();
    let own = sys
        .iter()
        .any(local)
        .then(|| {
            let t = table(&std::fs::read_to_string(manifest).ok()?)?;
            Some(t.get("package")?.get("name")?.as_str()?.to_owned())
        })
        .flatten();
    if sys
        .iter()
        .all(|p| local(p) && own.is_some() && field(p, "name") == own)
    {
        return false;
    }
    // A registry package is downloaded as `$CARGO_HOME/registry/cache/<registry>/<name>-<version>.crate`
    // and unpacked in `$CARGO_HOME/registry/src/<registry>/<name>-<version>`.
    let Ok(home) = home::cargo_home() else {
        return false;
    };
    let mut have = HashSet::new();
    for dir in ["cache", "src"] {
        let registries = std::fs::read_dir(home.join("registry").join(dir))
            .into_iter()
            .flatten();
        for registry in registries.flatten() {
            let entries = std::fs::read_dir(registry.path()).into_iter().flatten();
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                have.insert(
                    name.strip_suffix(".crate")
                        .map(str::to_owned)
                        .unwrap_or(name),
                );
            }
        }
    }
    packages.iter().all(|p| {
        !field(p, "source").is_some_and(|s| s.starts_with("registry+"))
            || have.contains(&format!(
                "{}-{}",
                field(p, "name").unwrap_or_default(),
                field(p, "version").unwrap_or_default()
            ))
    })
}

/// `path` as seen from directory `base` (`Cargo.toml`, `../../Cargo.toml`).
fn relative_to(path: &Path, base: &Path) -> String {
    if let Ok(rel) = path.strip_prefix(base) {
        return rel.display().to_string();
    }
    let parent = path.parent().unwrap_or(Path::new(""));
    match base.strip_prefix(parent) {
        Ok(up) => {
            let ups = "../".repeat(up.components().count());
            format!(
                "{ups}{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )
        }
        Err(_) => path.display().to_string(),
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

/// Which file a path names, whatever links or `..` lead to it: device and inode on Unix, read
/// from metadata the caller has anyway. Canonicalizing instead asks the system to resolve
/// every component of the path (`readlink` each): 28,500 of the 72,000 system calls that
/// `check` of the corpus made.
///
/// Elsewhere, or on a file system that reports no inode (0), the canonical path.
#[derive(PartialEq, Eq, Hash)]
enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    fn of(meta: &std::fs::Metadata, path: &Path) -> Self {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            Some((meta.dev(), meta.ino())).filter(|&(_, ino)| ino != 0)
        };
        #[cfg(not(unix))]
        let inode: Option<(u64, u64)> = {
            let _ = meta;
            None
        };
        match inode {
            Some((dev, ino)) => FileKey::Inode(dev, ino),
            None => FileKey::Path(canonical(path)),
        }
    }
}

fn display_name(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The directory in which `mod x;` of this file looks for `x.rs` and `x/mod.rs`.
fn module_dir(path: &Path, is_mod_rs: bool) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new("")).to_path_buf();
    if is_mod_rs || path.file_name().is_some_and(|n| n == "mod.rs") {
        parent
    } else {
        parent.join(path.file_stem().unwrap_or_default())
    }
}

struct ModDecl {
    /// Conditionally compiled: a missing file is not an error.
    optional: bool,
    name: String,
    module: Vec<String>,
    candidates: Vec<PathBuf>,
    /// How many of the candidates come from `#[path]` (their children resolve next to them).
    attr_paths: usize,
    /// The module's name in the tree (a skeleton's: read by line and column, see
    /// [`crate::source::byte_range`], when a diagnostic needs it).
    span: proc_macro2::Span,
}

/// The `#[path = ".."]` of a module, and the paths of `#[cfg_attr(pred, path = "..")]`.
fn path_attrs(attrs: &[syn::Attribute]) -> Vec<String> {
    let str_value = |e: &syn::Expr| match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    let mut out = Vec::new();
    for a in attrs {
        if a.path().is_ident("path") {
            if let syn::Meta::NameValue(nv) = &a.meta {
                out.extend(str_value(&nv.value));
            }
        } else if a.path().is_ident("cfg_attr") {
            let nested = a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            );
            for m in nested.into_iter().flatten() {
                if let syn::Meta::NameValue(nv) = m
                    && nv.path.is_ident("path")
                {
                    out.extend(str_value(&nv.value));
                }
            }
        }
    }
    out
}

/// Whether an item is conditionally compiled, or read from a macro body that may not emit it
/// (its module file may legitimately be absent).
fn has_cfg(attrs: &[syn::Attribute]) -> bool {
    crate::macros::from_macro(attrs)
        || attrs
            .iter()
            .any(|a| a.path().is_ident("cfg") || a.path().is_ident("cfg_attr"))
}

/// Finds `mod x;` declarations, descending into inline modules.
fn collect_mod_decls(
    items: &[syn::Item],
    dir: &Path,
    file_dir: &Path,
    module: &[String],
    out: &mut Vec<ModDecl>,
) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let name = syn::ext::IdentExt::unraw(&m.ident).to_string();
        let mut child_module = module.to_vec();
        child_module.push(name.clone());
        match &m.content {
            Some((_, items)) => {
                let inner = match path_attrs(&m.attrs).into_iter().next() {
                    Some(p) => file_dir.join(p),
                    None => dir.join(&name),
                };
                collect_mod_decls(items, &inner, &inner, &child_module, out);
            }
            None => {
                let paths = path_attrs(&m.attrs);
                let default = [
                    dir.join(format!("{name}.rs")),
                    dir.join(&name).join("mod.rs"),
                ];
                let attr_paths = paths.len();
                let mut candidates: Vec<PathBuf> = paths.iter().map(|p| file_dir.join(p)).collect();
                if candidates.is_empty() || has_cfg(&m.attrs) {
                    candidates.extend(default);
                }
                out.push(ModDecl {
                    optional: has_cfg(&m.attrs),
                    name,
                    module: child_module,
                    candidates,
                    attr_paths,
                    span: m.ident.span(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{locks_available_sys, parse_full};
    use crate::source::SourceDb;

    #[test]
    fn a_syntax_error_after_a_byte_order_mark_is_where_it_is() {
        // syn leaves the mark out of the positions it gives: the error is read by line and
        // column, not by syn's byte offset (three bytes short).
        let text = "\u{feff}fn f() { let x = ; }\n";
        let mut db = SourceDb::default();
        let file = db.add("t.rs".into(), text.to_owned());
        let mut diagnostics = Vec::new();
        assert!(parse_full(&db, file, &mut diagnostics).is_none());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].span.start, text.find(';').expect("a `;`"));
    }

    /// A lock of `packages` (name, registry source or none) and the manifest of package `own`,
    /// as `locks_available_sys` sees them.
    fn gate(own: &str, packages: &[(&str, bool)]) -> bool {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut lock = String::from("version = 3\n");
        for (name, registry) in packages {
            lock.push_str(&format!(
                "\n[[package]]\nname = \"{name}\"\nversion = \"9.9.9\"\n"
            ));
            if *registry {
                lock.push_str(
                    "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
                );
            }
        }
        let manifest = format!("[package]\nname = \"{own}\"\nversion = \"9.9.9\"\n");
        std::fs::write(dir.path().join("Cargo.lock"), lock).expect("write the lock");
        std::fs::write(dir.path().join("Cargo.toml"), manifest).expect("write the manifest");
        locks_available_sys(
            &dir.path().join("Cargo.lock"),
            &dir.path().join("Cargo.toml"),
        )
    }

    #[test]
    fn cargo_metadata_only_where_it_can_add_a_sys_dependency() {
        // A `-sys` package alone in its lock: nothing to learn.
        assert!(!gate("foo-sys", &[("foo-sys", false)]));
        // No `-sys` package at all.
        assert!(!gate("app", &[("app", false), ("cfg-if", false)]));
        // A `-sys` path dependency, or another `-sys` member of the workspace.
        assert!(gate("app", &[("app", false), ("foo-sys", false)]));
        assert!(gate("foo-sys", &[("foo-sys", false), ("bar_sys", false)]));
        // A `-sys` crate from a registry that is not downloaded: cargo would fail offline.
        assert!(!gate("app", &[("app", false), ("absent-sys", true)]));
    }
}
