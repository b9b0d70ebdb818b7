//! The generator's settings and what it generates: [`Config`] runs the pipeline, and
//! [`Generated`] holds the outputs and writes them where a build script wants them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{analyze, Analysis};
use crate::diagnostics::{Error, Location, Warning};
use crate::emit;
use crate::events;
use crate::infer::{Sharing, VariantNames};
use crate::names;
use crate::openapi::{OAuthUrls, OpenApi};
use crate::output::{write_if_changed, Output, Written};
use crate::overlay::{Observations, Overlay};
use crate::profile::{self, Profile};
use crate::tools::diff::Impact;
use crate::tools::{diff, inspect, learn, lock, stats};

/// The runtime crate generated code calls, unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::postman_runtime";

/// Generation settings: a builder, then [`generate`](Config::generate) (or one of its
/// siblings) as often as needed.
///
/// ```no_run
/// # fn main() -> Result<(), postman_codegen::Error> {
/// let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
/// let generated = postman_codegen::Config::new()
///     .api_name("example")
///     .mock_data(true)
///     .generate_file("collection.json".as_ref())?;
/// for warning in generated.warnings() {
///     println!("cargo:warning={warning}");
/// }
/// // `include!(env!("EXAMPLE_API"))` in the crate then takes the bindings.
/// generated.write_to(&out_dir)?.export("EXAMPLE");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    runtime_path: String,
    profile: Option<Arc<dyn Profile>>,
    feature_modules: BTreeSet<String>,
    example_tests_crate: Option<String>,
    mock_data: bool,
    api_name: Option<String>,
    token_url: Option<String>,
    authorize_url: Option<String>,
    variant_names: VariantNames,
    overlay: Option<OverlaySource>,
}

/// Where an overlay comes from: its text, or a file read when the collection is.
#[derive(Debug, Clone)]
enum OverlaySource {
    Text(String),
    File(PathBuf),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            profile: None,
            feature_modules: BTreeSet::new(),
            example_tests_crate: None,
            mock_data: false,
            api_name: None,
            token_url: None,
            authorize_url: None,
            variant_names: VariantNames::default(),
            overlay: None,
        }
    }
}

impl Config {
    /// The default settings: the built-in profile that recognises the collection, the
    /// runtime at `::postman_runtime`, no feature gates, mock data or example tests.
    pub fn new() -> Self {
        Self::default()
    }

    /// The path by which generated code reaches the runtime crate: `::postman_runtime` by
    /// default, or a re-export of it.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// The vendor conventions to read the collection with: a built-in profile
    /// ([`profile::Zoom`], [`profile::Generic`]) or one implemented anywhere else. Without
    /// one, the built-in profile that recognises the collection is used.
    pub fn profile(&mut self, profile: impl Profile + 'static) -> &mut Self {
        self.profile = Some(Arc::new(profile));
        self
    }

    /// How the variants of enums whose values are numbers are named: after what the
    /// collection says each value means (`Instant`, `Scheduled`; the default), or after
    /// the values (`Value1`, `Value2`), as bindings generated before
    /// [`VariantNames::FromMeaning`] named them. The rule is in [`VariantNames`].
    pub fn variant_names(&mut self, names: VariantNames) -> &mut Self {
        self.variant_names = names;
        self
    }

    /// A built-in profile by name (`auto` for detection), as `--profile` takes it.
    pub fn profile_named(&mut self, name: &str) -> Result<&mut Self, Error> {
        if name == "auto" {
            self.profile = None;
            return Ok(self);
        }
        match profile::built_in(name) {
            Some(profile) => {
                self.profile = Some(profile);
                Ok(self)
            }
            None => Err(Error::new(
                &Location::root(),
                format!(
                    "no profile is named {name:?}; the profiles are auto, {}",
                    profile::built_in_names().join(", ")
                ),
            )),
        }
    }

    /// Puts each generated module whose name is in `features` behind the cargo feature of
    /// that name, so that users compile only the groups they call. The crate that includes
    /// the code must declare those features (see [`features`](crate::features)).
    pub fn feature_modules<I, S>(&mut self, features: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.feature_modules = features.into_iter().map(Into::into).collect();
        self
    }

    /// Also generates the body of the example tests ([`Output::ExampleTests`]).
    /// `crate_path` is how those tests reach the generated modules, for example `zoom`.
    pub fn example_tests(&mut self, crate_path: impl Into<String>) -> &mut Self {
        self.example_tests_crate = Some(crate_path.into());
        self
    }

    /// Also generates the mock server's data ([`Output::MockData`]): a static `MOCK_API`
    /// for the runtime's `mock::MockServer` (and, for events, `MOCK_EVENTS`).
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

    /// Types the collection with what an overlay (written by `postman-codegen learn`)
    /// learned from observed responses, given as its JSON text: fields no example shows
    /// become typed fields, kinds the examples do not show widen a type as disagreeing
    /// examples do, and the docs say what was observed. Without an overlay the output is
    /// what the collection alone gives.
    pub fn overlay(&mut self, json: impl Into<String>) -> &mut Self {
        self.overlay = Some(OverlaySource::Text(json.into()));
        self
    }

    /// [`overlay`](Config::overlay) from a file, read each time a collection is; errors
    /// name it.
    pub fn overlay_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.overlay = Some(OverlaySource::File(path.into()));
        self
    }

    /// The OAuth endpoints: the collection's, else those given to
    /// [`oauth_endpoints`](Config::oauth_endpoints), else the profile's. The bindings and
    /// the OpenAPI document name the same ones.
    fn oauth_urls(&self, analysis: &Analysis) -> OAuthUrls {
        let oauth = &analysis.api.oauth;
        let profile = analysis.profile.as_ref();
        OAuthUrls {
            token_url: oauth
                .token_url
                .clone()
                .or(self.token_url.clone())
                .or(profile.oauth_token_url().map(str::to_owned)),
            authorize_url: oauth
                .authorize_url
                .clone()
                .or(self.authorize_url.clone())
                .or(profile.oauth_authorize_url().map(str::to_owned)),
        }
    }

    fn analyze(&self, json: &str) -> Result<Analysis, Error> {
        let overlay = read_overlay(self.overlay.as_ref())?;
        analyze(
            json,
            self.profile.as_ref(),
            self.variant_names,
            overlay.as_ref(),
            Sharing::Resources,
        )
    }

    /// Folds observation files (as `postman-runtime` writes them) into an overlay for a
    /// collection: what they show that the collection's examples do not, per operation and
    /// status, merged with what the `existing` overlay learned before. The overlay's text
    /// is in one layout, so that the same observations give the same bytes. The overlay
    /// and the observations are `(file name, text)` pairs; a broken one is an error
    /// naming it and the JSON path.
    pub fn learn(
        &self,
        collection_json: &str,
        existing: Option<(&str, &str)>,
        observations: &[(String, String)],
    ) -> Result<Learned, Error> {
        let existing = existing
            .map(|(file, text)| Overlay::parse(text).map_err(|e| e.in_file(file)))
            .transpose()?;
        let mut all = Observations::default();
        for (file, text) in observations {
            all.merge(Observations::parse(text, file)?);
        }
        // Compared with each operation's types from the collection alone, before the
        // structs of a resource are shared: the overlay is applied to each operation's own
        // examples, so it says what it adds to those.
        let analysis = analyze(
            collection_json,
            self.profile.as_ref(),
            self.variant_names,
            None,
            Sharing::EachOperation,
        )?;
        let folded = learn::fold(&analysis, existing.as_ref(), all);
        Ok(Learned {
            text: folded.overlay.render(),
            warnings: folded.warnings,
            counts: folded.counts,
        })
    }

    /// Generates the bindings, and what else the settings ask for, from a collection's
    /// JSON text (Postman v2.0 or v2.1).
    pub fn generate(&self, json: &str) -> Result<Generated, Error> {
        let analysis = self.analyze(json)?;
        let api = &analysis.api;
        let urls = self.oauth_urls(&analysis);
        let defaults = emit::ApiDefaults {
            name: self
                .api_name
                .clone()
                .unwrap_or_else(|| names::snake(&api.name, "api")),
            token_url: urls.token_url,
            authorize_url: urls.authorize_url,
        };
        let options = emit::EmitOptions {
            runtime: &self.runtime_path,
            feature_modules: &self.feature_modules,
            defaults: &defaults,
        };
        let mut outputs = vec![(Output::Api, emit::emit(api, &analysis.types, &options)?)];
        if let Some(krate) = &self.example_tests_crate {
            let tests = emit::example_tests::example_tests(
                api,
                &analysis.types,
                krate,
                &self.feature_modules,
            )?;
            outputs.push((Output::ExampleTests, tests));
        }
        if self.mock_data {
            let data = emit::mock_data::mock_data(api, &analysis.types, &self.runtime_path)?;
            outputs.push((Output::MockData, data));
        }
        let modules = module_summaries(api);
        outputs.push((Output::ModuleIndex, module_index(&modules)));
        Ok(Generated {
            api_lock: lock::render(&analysis),
            outputs,
            operations: api.operations.len(),
            requests: analysis.requests,
            modules,
            profile: analysis.profile.name().to_owned(),
            warnings: analysis.warnings,
        })
    }

    /// [`generate`](Config::generate) from a file, with errors that name it.
    pub fn generate_file(&self, collection: &Path) -> Result<Generated, Error> {
        let json = read_input(collection, "the collection")?;
        self.generate(&json)
            .map_err(|e| e.in_file(collection.display().to_string()))
    }

    /// Generates typed webhook events from an events description (a title and, per event,
    /// a name, a summary and example deliveries): [`Output::Events`], and with
    /// [`mock_data`](Config::mock_data) [`Output::EventsMockData`].
    pub fn generate_events(&self, json: &str) -> Result<Generated, Error> {
        let generated = events::generate(json, &self.runtime_path, self.mock_data)?;
        let mut outputs = vec![(Output::Events, generated.code)];
        if let Some(data) = generated.mock_data {
            outputs.push((Output::EventsMockData, data));
        }
        Ok(Generated {
            outputs,
            operations: 0,
            requests: 0,
            modules: Vec::new(),
            profile: String::new(),
            api_lock: String::new(),
            warnings: Vec::new(),
        })
    }

    /// [`generate_events`](Config::generate_events) from a file, with errors that name it.
    pub fn generate_events_file(&self, description: &Path) -> Result<Generated, Error> {
        let json = read_input(description, "the events description")?;
        self.generate_events(&json)
            .map_err(|e| e.in_file(description.display().to_string()))
    }

    /// What the generator made of a collection: for each operation its module and
    /// function, method, path, parameters with their Rust types, body, and response types
    /// by status, as JSON; and statistics of the types, as text.
    pub fn inspect(&self, json: &str) -> Result<Inspection, Error> {
        let analysis = self.analyze(json)?;
        let (modules, total) = stats::type_stats(&analysis.types);
        Ok(Inspection {
            model: inspect::inspect(&analysis.api, &analysis.types),
            stats: stats::render(&modules, &total),
            warnings: analysis.warnings,
        })
    }

    /// An OpenAPI 3.1 document of the collection's API, from the same model and types as
    /// the bindings: servers, paths with typed parameters, bodies and responses per status,
    /// named types as components, tags from folders, security schemes from the auth, and
    /// the profile's knowledge (rate limit labels, scopes) as `x-` extensions.
    ///
    /// ```
    /// # fn main() -> Result<(), postman_codegen::Error> {
    /// let collection = r#"{"info": {"name": "Shop", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    ///     "item": [{"name": "Get an order", "request": "https://shop.example/orders/:id"}]}"#;
    /// let openapi = postman_codegen::Config::new().openapi(collection)?;
    /// assert_eq!(openapi.document()["paths"]["/orders/{id}"]["get"]["operationId"], "orders::get_an_order");
    /// assert!(openapi.to_yaml().starts_with("openapi: \"3.1.0\"\n"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn openapi(&self, json: &str) -> Result<OpenApi, Error> {
        let analysis = self.analyze(json)?;
        let urls = self.oauth_urls(&analysis);
        Ok(OpenApi::new(analysis, &urls))
    }

    /// [`openapi`](Config::openapi) from a file, with errors that name it.
    pub fn openapi_file(&self, collection: &Path) -> Result<OpenApi, Error> {
        let json = read_input(collection, "the collection")?;
        self.openapi(&json)
            .map_err(|e| e.in_file(collection.display().to_string()))
    }

    /// What changed between the APIs two collections generate, each change breaking or
    /// compatible for code written against the old one. Both are read with these
    /// settings, the overlay included.
    pub fn diff(&self, old_json: &str, new_json: &str) -> Result<ApiDiff, Error> {
        let old = self.analyze(old_json)?;
        let new = self.analyze(new_json)?;
        Ok(ApiDiff {
            changes: diff::diff(&old, &new),
        })
    }

    /// [`diff`](Config::diff) with the old collection read with `old`'s settings (its
    /// overlay, say) and the new one with these: with the same collection on both sides
    /// and an overlay only here, it shows what the overlay changes.
    pub fn diff_from(
        &self,
        old: &Config,
        old_json: &str,
        new_json: &str,
    ) -> Result<ApiDiff, Error> {
        let old = old.analyze(old_json)?;
        let new = self.analyze(new_json)?;
        Ok(ApiDiff {
            changes: diff::diff(&old, &new),
        })
    }
}

/// The overlay a config names, read; a file's errors name it.
fn read_overlay(source: Option<&OverlaySource>) -> Result<Option<Overlay>, Error> {
    match source {
        None => Ok(None),
        Some(OverlaySource::Text(text)) => Overlay::parse(text).map(Some),
        Some(OverlaySource::File(path)) => {
            let text = read_input(path, "the overlay")?;
            Overlay::parse(&text)
                .map(Some)
                .map_err(|e| e.in_file(path.display().to_string()))
        }
    }
}

/// What [`Config::learn`] made of the observations.
#[derive(Debug, Clone)]
pub struct Learned {
    text: String,
    warnings: Vec<String>,
    counts: learn::ChangeCounts,
}

impl Learned {
    /// The overlay's text, in its one layout (sorted keys, two-space indents).
    pub fn overlay(&self) -> &str {
        &self.text
    }

    /// What could not be learned: operations the collection lacks, error statuses,
    /// responses of a kind the generated type cannot take.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// `2 operations: 3 fields added, 1 typed, 1 conflict, 1 never seen, 0 value sets`.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        format!(
            "{} operations: {} fields added, {} typed, {} conflicts, {} never seen, {} value sets",
            c.operations, c.added, c.typed, c.conflicts, c.never_seen, c.value_sets
        )
    }
}

/// Reads an input file, or says which one could not be read.
fn read_input(path: &Path, what: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::new(&Location::root(), format!("cannot read {what}: {e}"))
            .in_file(path.display().to_string())
    })
}

/// What one run of the generator produced: its outputs, its warnings, and facts about the
/// generated API.
#[derive(Debug, Clone)]
pub struct Generated {
    outputs: Vec<(Output, String)>,
    warnings: Vec<Warning>,
    operations: usize,
    requests: usize,
    modules: Vec<ModuleSummary>,
    profile: String,
    api_lock: String,
}

impl Generated {
    /// The text of one output, when this run produced it.
    pub fn output(&self, output: Output) -> Option<&str> {
        self.outputs
            .iter()
            .find(|(kind, _)| *kind == output)
            .map(|(_, text)| text.as_str())
    }

    /// The generated bindings ([`Output::Api`]); for events, the events' code.
    pub fn code(&self) -> &str {
        self.output(Output::Api)
            .or_else(|| self.output(Output::Events))
            .unwrap_or_default()
    }

    /// What the input did not say clearly enough, and what the generator did about it.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// How many requests became functions.
    pub fn operations(&self) -> usize {
        self.operations
    }

    /// How many requests the collection holds; those that did not become functions are
    /// named in the warnings.
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// The generated modules, in order.
    pub fn modules(&self) -> &[ModuleSummary] {
        &self.modules
    }

    /// The name of the profile the collection was read with.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// The API lock of the generated code: one line per public function and type, in a
    /// stable order, for a crate to commit and compare ([`Generated::compare_lock`]).
    pub fn api_lock(&self) -> &str {
        &self.api_lock
    }

    /// The lines of a recorded lock that this API no longer has, and the ones it adds.
    pub fn compare_lock(&self, recorded: &str) -> LockChanges {
        let (removed, added) = lock::compare(recorded, &self.api_lock);
        LockChanges { removed, added }
    }

    /// Writes every output into `dir` under its [`Output::file_name`], leaving files whose
    /// content would not change untouched (so that cargo does not rebuild what includes
    /// them), and says where each went.
    pub fn write_to(&self, dir: &Path) -> Result<Written, Error> {
        let mut files = Vec::new();
        for (output, text) in &self.outputs {
            let path = dir.join(output.file_name());
            write_if_changed(&path, text)?;
            files.push((*output, path));
        }
        Ok(Written::new(files))
    }
}

/// The difference between a recorded API lock and the generated one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockChanges {
    /// Lines of the recorded lock the generated API lacks.
    pub removed: Vec<String>,
    /// Lines of the generated API the recorded lock lacks.
    pub added: Vec<String>,
}

impl LockChanges {
    /// Whether the two locks describe the same API.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty()
    }

    /// The items (functions, structs, enums, ...) the differing lines change, each breaking
    /// or compatible for code written against the recorded API; breaking ones first.
    pub fn items(&self) -> Vec<LockChange> {
        crate::tools::lock_changes::classify(&self.removed, &self.added)
            .into_iter()
            .map(|change| LockChange {
                impact: change.impact,
                item: change.item,
                what: change.what,
            })
            .collect()
    }

    /// `N breaking, M compatible`, then the first `lines` items, one per line.
    pub fn summary(&self, lines: usize) -> String {
        let items = self.items();
        let breaking = items
            .iter()
            .filter(|c| c.impact == Impact::Breaking)
            .count();
        let mut out = format!("{breaking} breaking, {} compatible", items.len() - breaking);
        for change in items.iter().take(lines) {
            let label = match change.impact {
                Impact::Breaking => "breaking",
                Impact::Compatible | Impact::Docs => "compatible",
            };
            out.push_str(&format!("\n  {label}: `{}` {}", change.item, change.what));
        }
        if items.len() > lines {
            out.push_str(&format!("\n  ... and {} more", items.len() - lines));
        }
        out
    }
}

/// One item of the API that differs from the recorded lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockChange {
    /// Whether code written against the recorded API still compiles.
    pub impact: Impact,
    /// The item as the lock names it: `fn users::get_a_user`, `struct users::User`.
    pub item: String,
    /// What changed: `removed`, `added`, `added email: String = "email"`, ...
    pub what: String,
}

/// A generated module: its name, the folder it comes from, and how many functions it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The module's name in Rust.
    pub name: String,
    /// The collection's folder it was generated from; for a module of requests outside any
    /// folder, the path segment it is named after.
    pub folder: String,
    /// The module holds requests outside any folder, grouped by the first segment of
    /// their paths.
    pub top_level: bool,
    /// How many functions it has.
    pub operations: usize,
}

fn module_summaries(api: &crate::model::Api) -> Vec<ModuleSummary> {
    api.modules
        .iter()
        .map(|module| ModuleSummary {
            name: module.name.clone(),
            folder: module.folder.clone(),
            top_level: module.top_level,
            operations: api
                .operations
                .iter()
                .filter(|op| op.module.as_deref() == Some(module.name.as_str()))
                .count(),
        })
        .collect()
}

/// A crate front page's list of the generated modules, with links to them.
fn module_index(modules: &[ModuleSummary]) -> String {
    let mut index = String::from(
        "# API groups\n\nOne module for each top-level folder of the collection, and for the requests outside any folder one per first segment of their paths:\n\n| Module | Folder | Functions |\n|---|---|---|\n",
    );
    for module in modules {
        let folder = module.folder.replace(['`', '|'], "");
        let folder = if module.top_level {
            format!("(outside any folder) `/{folder}`")
        } else {
            folder
        };
        index.push_str(&format!(
            "| [`{name}`]({name}) | {folder} | {count} |\n",
            name = module.name,
            count = module.operations
        ));
    }
    index
}

/// What [`Config::inspect`] found.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The model: every operation with its names, parameters, body and response types.
    pub model: serde_json::Value,
    /// Per module, what the collection gave the types: typed and untyped fields (and why),
    /// enums and where their values come from, fields learned from write bodies.
    pub stats: String,
    /// The warnings of reading the collection.
    pub warnings: Vec<Warning>,
}

/// What [`Config::diff`] found: the changes between two generated APIs.
#[derive(Debug, Clone)]
pub struct ApiDiff {
    changes: Vec<diff::Change>,
}

impl ApiDiff {
    /// The changes, grouped by module.
    pub fn changes(&self) -> &[diff::Change] {
        &self.changes
    }

    /// Whether some change breaks code written against the old API.
    pub fn is_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|change| change.impact == diff::Impact::Breaking)
    }

    /// The report as text: the changes by module, then a summary line
    /// (`2 breaking, 4 compatible`).
    pub fn to_text(&self) -> String {
        diff::render_text(&self.changes)
    }

    /// The report as an object with `breaking`, `compatible` and `docs` arrays.
    pub fn to_json(&self) -> serde_json::Value {
        diff::to_json(&self.changes)
    }
}
