//! Typed Rust API bindings from Postman collections.
//!
//! The pipeline reads top to bottom:
//!
//! 1. [`parse`]: the collection JSON (v2.0 or v2.1, every shape Postman writes) into a typed
//!    tree, with errors that name the JSON path and the item;
//! 2. [`model`]: that tree into operations (method, path template, parameters, body,
//!    example responses, docs), each with an id, read with a vendor's conventions
//!    ([`profile`]);
//! 3. [`infer`]: Rust types from example values, keyed by the model's ids;
//! 4. emit: Rust source, formatted with prettyplease, for the bindings; and, from the same
//!    model, the mock server's data and the tests of the collection's examples.
//!
//! Beside collections, [`events`] reads a description of webhook events with example
//! deliveries and writes typed, lossless event structs and an `Event` enum from them, with
//! the same inference.
//!
//! [`Config::generate`] runs them all and returns the code as a string; [`Config::write`]
//! writes it to a file only when it changed, for build scripts. The generated code calls
//! the [`postman-runtime`](https://docs.rs/postman-runtime) crate.
//!
//! ```no_run
//! let json = std::fs::read_to_string("collection.json").unwrap();
//! let generated = postman_codegen::Config::new().generate(&json).unwrap();
//! for warning in &generated.warnings {
//!     eprintln!("warning: {warning}");
//! }
//! println!("{}", generated.code);
//! ```

mod contract;
pub mod describe;
pub mod diagnostics;
pub mod diff;
mod emit;
pub mod events;
mod example_tests;
pub mod features;
pub mod infer;
mod inspect;
pub mod lock;
mod mock_data;
pub mod model;
mod names;
mod parallel;
pub mod parse;
pub mod profile;
mod rustdoc;
pub mod stats;

use std::collections::BTreeSet;

pub use diagnostics::{one_line, Error, Location, Warning};
pub use profile::{Profile, ProfileName};

/// A collection read, modelled and typed: what every output is written from.
#[derive(Debug)]
pub struct Analysis {
    pub api: model::Api,
    pub types: infer::Types,
    /// The profile the collection was read with.
    pub profile: &'static dyn Profile,
    pub warnings: Vec<Warning>,
}

/// Generated code and the warnings raised while generating it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub code: String,
    /// The example tests' body, when [`Config::example_tests`] asked for it.
    pub example_tests: Option<String>,
    /// The mock server's data, when [`Config::mock_data`] asked for it.
    pub mock_data: Option<String>,
    pub warnings: Vec<Warning>,
    /// How many requests became functions.
    pub operations: usize,
    /// The generated modules, by name: for a crate's front page.
    pub modules: Vec<ModuleSummary>,
    /// The name of the profile the collection was read with.
    pub profile: &'static str,
    /// The API lock of the generated code ([`lock`]).
    pub api_lock: String,
}

/// A generated module: its name, the folder it comes from, and how many functions it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSummary {
    pub name: String,
    pub folder: String,
    pub operations: usize,
}

fn module_summaries(api: &model::Api) -> Vec<ModuleSummary> {
    api.modules
        .iter()
        .map(|module| ModuleSummary {
            name: module.name.clone(),
            folder: module.folder.clone(),
            operations: api
                .operations
                .iter()
                .filter(|op| op.module.as_deref() == Some(module.name.as_str()))
                .count(),
        })
        .collect()
}

/// The runtime crate generated code calls, unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::postman_runtime";

/// Generation settings.
#[derive(Debug, Clone)]
pub struct Config {
    runtime_path: String,
    profile: ProfileName,
    feature_modules: BTreeSet<String>,
    example_tests_crate: Option<String>,
    mock_data: bool,
    api_name: Option<String>,
    token_url: Option<String>,
    authorize_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            profile: ProfileName::Auto,
            feature_modules: BTreeSet::new(),
            example_tests_crate: None,
            mock_data: false,
            api_name: None,
            token_url: None,
            authorize_url: None,
        }
    }
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// The path by which generated code reaches the runtime crate: `::postman_runtime` by
    /// default, or a re-export of it.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// The vendor conventions to read the collection with; by default detected from the
    /// collection ([`ProfileName::Auto`]).
    pub fn profile(&mut self, profile: ProfileName) -> &mut Self {
        self.profile = profile;
        self
    }

    /// Puts each generated module whose name is in `features` behind the cargo feature of
    /// that name, so that users compile only the groups they call. The crate that includes
    /// the code must declare those features (see [`features`]).
    pub fn feature_modules<I, S>(&mut self, features: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.feature_modules = features.into_iter().map(Into::into).collect();
        self
    }

    /// Also generates the body of the example tests ([`Generated::example_tests`]).
    /// `crate_path` is how those tests reach the generated modules, for example `zoom`.
    pub fn example_tests(&mut self, crate_path: impl Into<String>) -> &mut Self {
        self.example_tests_crate = Some(crate_path.into());
        self
    }

    /// Also generates the mock server's data ([`Generated::mock_data`]): a static
    /// `MOCK_API` for the runtime's `mock::MockServer`.
    pub fn mock_data(&mut self, generate: bool) -> &mut Self {
        self.mock_data = generate;
        self
    }

    /// The API's name in logs (the `api` field of the runtime's spans); by default the
    /// collection's name in snake case.
    pub fn api_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.api_name = Some(name.into());
        self
    }

    /// The OAuth token endpoint and authorization page the generated `Api` type declares,
    /// where the collection's `oauth2` auth does not name them.
    pub fn oauth_endpoints(
        &mut self,
        token_url: impl Into<String>,
        authorize_url: impl Into<String>,
    ) -> &mut Self {
        self.token_url = Some(token_url.into());
        self.authorize_url = Some(authorize_url.into());
        self
    }

    /// Reads, models and types a collection, without generating code.
    pub fn analyze(&self, json: &str) -> Result<Analysis, Error> {
        let parsed = parse::parse(json)?;
        let profile = self.profile.resolve(&parsed.collection);
        let (api, model_warnings) = model::build(&parsed.collection, profile);
        let (types, type_warnings) = infer::infer(&api, profile);
        let mut warnings = parsed.warnings;
        warnings.extend(model_warnings);
        warnings.extend(type_warnings);
        Ok(Analysis {
            api,
            types,
            profile,
            warnings,
        })
    }

    /// Generates Rust source from a collection's JSON text.
    pub fn generate(&self, json: &str) -> Result<Generated, Error> {
        let analysis = self.analyze(json)?;
        let api = &analysis.api;
        let defaults = emit::ApiDefaults {
            name: self
                .api_name
                .clone()
                .unwrap_or_else(|| names::snake(&api.name, "api")),
            token_url: api
                .oauth
                .token_url
                .clone()
                .or_else(|| self.token_url.clone()),
            authorize_url: api
                .oauth
                .authorize_url
                .clone()
                .or_else(|| self.authorize_url.clone()),
        };
        let options = emit::EmitOptions {
            runtime: &self.runtime_path,
            feature_modules: &self.feature_modules,
            defaults: &defaults,
        };
        let code = emit::emit(api, &analysis.types, &options)?;
        let example_tests = match &self.example_tests_crate {
            Some(krate) => Some(example_tests::example_tests(
                api,
                &analysis.types,
                krate,
                &self.feature_modules,
            )?),
            None => None,
        };
        let mock_data = match self.mock_data {
            true => Some(mock_data::mock_data(api, &self.runtime_path)?),
            false => None,
        };
        Ok(Generated {
            api_lock: lock::render(&analysis),
            code,
            example_tests,
            mock_data,
            operations: api.operations.len(),
            modules: module_summaries(api),
            profile: analysis.profile.name(),
            warnings: analysis.warnings,
        })
    }

    /// The inferred model of a collection as JSON: for each operation its module and
    /// function, method, path, parameters with their Rust types, body, and response types by
    /// status as a JSON-Schema-like tree.
    pub fn inspect(&self, json: &str) -> Result<(serde_json::Value, Vec<Warning>), Error> {
        let analysis = self.analyze(json)?;
        Ok((
            inspect::inspect(&analysis.api, &analysis.types),
            analysis.warnings,
        ))
    }

    /// Generates code from the collection at `input` and writes it to `output`, leaving the
    /// file untouched when its content would not change (so that cargo does not rebuild).
    pub fn write(
        &self,
        input: &std::path::Path,
        output: &std::path::Path,
    ) -> Result<Generated, Error> {
        let json = read_collection(input)?;
        let file_name = input.display().to_string();
        let generated = self.generate(&json).map_err(|e| e.in_file(&file_name))?;
        write_if_changed(output, &generated.code).map_err(|e| e.in_file(&file_name))?;
        Ok(generated)
    }
}

/// A collection file's text, or an error naming the file.
pub fn read_collection(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            &Location::default(),
            format!("cannot read the collection: {e}"),
        )
        .in_file(path.display().to_string())
    })
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
pub fn generate(json: &str) -> Result<Generated, Error> {
    Config::new().generate(json)
}
