//! Typed Rust API bindings from Postman collections.
//!
//! The pipeline reads top to bottom:
//!
//! 1. [`parse`]: the collection JSON (v2.0 or v2.1, every shape Postman writes) into a typed
//!    tree, with errors that name the JSON path and the item;
//! 2. [`model`]: that tree into operations (method, path template, parameters, body,
//!    example responses, docs);
//! 3. `infer`: Rust types from example values;
//! 4. `emit`: Rust source, formatted with prettyplease.
//!
//! [`generate`] runs them all and returns the code as a string; [`Config::write`] writes it
//! to a file only when it changed, for build scripts.
//!
//! ```no_run
//! let json = std::fs::read_to_string("collection.json").unwrap();
//! let generated = postman_codegen::Config::new()
//!     .runtime_path("::zoom")
//!     .generate(&json)
//!     .unwrap();
//! for warning in &generated.warnings {
//!     eprintln!("warning: {warning}");
//! }
//! println!("{}", generated.code);
//! ```

pub mod describe;
pub mod diagnostics;
pub mod model;
mod names;
pub mod parse;

#[cfg(feature = "emit")]
mod emit;
#[cfg(feature = "emit")]
mod example_tests;
#[cfg(feature = "emit")]
pub mod infer;
#[cfg(feature = "emit")]
mod inspect;
mod parallel;
#[cfg(feature = "emit")]
mod rustdoc;

pub use diagnostics::{Error, Location, Warning};

/// Parses a collection and builds its operation model, without generating code.
pub fn load(json: &str) -> Result<(model::Api, Vec<Warning>), Error> {
    let parsed = parse::parse(json)?;
    let (api, mut warnings) = model::build(&parsed.collection);
    let mut all = parsed.warnings;
    all.append(&mut warnings);
    Ok((api, all))
}

/// Generated code and the warnings raised while generating it.
#[cfg(feature = "emit")]
#[derive(Debug, Clone)]
pub struct Generated {
    pub code: String,
    /// The example round-trip test's body, when [`Config::example_tests`] asked for it.
    pub example_tests: Option<String>,
    pub warnings: Vec<Warning>,
    /// How many requests became functions.
    pub operations: usize,
    /// The generated modules, in order: for a crate's front page.
    pub modules: Vec<ModuleSummary>,
}

/// A generated module: its name, the folder it comes from, and how many functions it has.
#[cfg(feature = "emit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSummary {
    pub name: String,
    pub folder: String,
    pub operations: usize,
}

#[cfg(feature = "emit")]
fn module_summaries(api: &model::Api) -> Vec<ModuleSummary> {
    let mut modules: Vec<ModuleSummary> = Vec::new();
    for operation in &api.operations {
        let (Some(name), Some(folder)) = (&operation.module, operation.folders.first()) else {
            continue;
        };
        match modules.iter_mut().find(|m| m.name == *name) {
            Some(module) => module.operations += 1,
            None => modules.push(ModuleSummary {
                name: name.clone(),
                folder: folder.clone(),
                operations: 1,
            }),
        }
    }
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    modules
}

/// Generation settings.
#[cfg(feature = "emit")]
#[derive(Debug, Clone)]
pub struct Config {
    runtime_path: String,
    feature_modules: std::collections::BTreeSet<String>,
    example_tests_crate: Option<String>,
}

#[cfg(feature = "emit")]
impl Default for Config {
    fn default() -> Self {
        Config {
            runtime_path: "::zoom".to_owned(),
            feature_modules: Default::default(),
            example_tests_crate: None,
        }
    }
}

#[cfg(feature = "emit")]
impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// The path by which generated code reaches the runtime: `::zoom` (the default) for code
    /// compiled in another crate, `crate` for code included in the runtime crate itself.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// Puts each generated module whose name is in `features` behind the cargo feature of
    /// that name, so that users compile only the groups they call. The crate that includes
    /// the code must declare those features.
    pub fn feature_modules<I, S>(&mut self, features: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.feature_modules = features.into_iter().map(Into::into).collect();
        self
    }

    /// Also generates the body of a test that decodes every successful JSON example into
    /// its generated type and encodes it back ([`Generated::example_tests`]). `crate_path`
    /// is how that test reaches the generated modules, for example `zoom`.
    pub fn example_tests(&mut self, crate_path: impl Into<String>) -> &mut Self {
        self.example_tests_crate = Some(crate_path.into());
        self
    }

    /// Generates Rust source from a collection's JSON text.
    pub fn generate(&self, json: &str) -> Result<Generated, Error> {
        syn::parse_str::<syn::Path>(&self.runtime_path).map_err(|e| {
            Error::new(
                &Location::default(),
                format!(
                    "runtime path {:?} is not a Rust path: {e}",
                    self.runtime_path
                ),
            )
        })?;
        let (api, mut warnings) = load(json)?;
        let (types, type_warnings) = infer::infer(&api);
        warnings.extend(type_warnings);
        let options = emit::EmitOptions {
            runtime: &self.runtime_path,
            feature_modules: &self.feature_modules,
        };
        let code = emit::emit(&api, &types, &options)
            .map_err(|message| Error::new(&Location::root(), message))?;
        let example_tests = match &self.example_tests_crate {
            Some(krate) => Some(
                example_tests::example_tests(&api, &types, krate, &self.feature_modules)
                    .map_err(|message| Error::new(&Location::root(), message))?,
            ),
            None => None,
        };
        Ok(Generated {
            code,
            example_tests,
            warnings,
            operations: api.operations.len(),
            modules: module_summaries(&api),
        })
    }

    /// The inferred model of a collection as JSON: for each operation its module and
    /// function, method, path, parameters with their Rust types, body, and response types by
    /// status as a JSON-Schema-like tree.
    pub fn inspect(&self, json: &str) -> Result<(serde_json::Value, Vec<Warning>), Error> {
        let (api, mut warnings) = load(json)?;
        let (types, type_warnings) = infer::infer(&api);
        warnings.extend(type_warnings);
        Ok((inspect::inspect(&api, &types), warnings))
    }

    /// Generates code from the collection at `input` and writes it to `output`, leaving the
    /// file untouched when its content would not change (so that cargo does not rebuild).
    pub fn write(
        &self,
        input: &std::path::Path,
        output: &std::path::Path,
    ) -> Result<Generated, Error> {
        let file_name = input.display().to_string();
        let json = std::fs::read_to_string(input).map_err(|e| {
            Error::new(
                &Location::default(),
                format!("cannot read the collection: {e}"),
            )
            .in_file(&file_name)
        })?;
        let generated = self.generate(&json).map_err(|e| e.in_file(&file_name))?;
        write_if_changed(output, &generated.code).map_err(|e| e.in_file(&file_name))?;
        Ok(generated)
    }
}

/// Writes `content` to `path` unless the file already holds exactly that, so that an
/// unchanged output keeps its timestamp and cargo does not rebuild what includes it.
pub fn write_if_changed(path: &std::path::Path, content: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|e| {
        Error::new(
            &Location::default(),
            format!("cannot write {}: {e}", path.display()),
        )
    })
}

/// Generates Rust source with the default [`Config`].
#[cfg(feature = "emit")]
pub fn generate(json: &str) -> Result<Generated, Error> {
    Config::new().generate(json)
}
