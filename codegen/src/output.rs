//! The generator's outputs as files: their names, writing them without touching what did
//! not change, and telling the including crate where they are.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Error, Location};

/// One kind of generated file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Output {
    /// The bindings: modules of functions and types, the `Api` type, `Client` aliases.
    Api,
    /// The body of the example tests: a `check_examples` function.
    ExampleTests,
    /// The mock server's routes and example responses: a static `MOCK_API`.
    MockData,
    /// A markdown list of the generated modules, for a crate's front page.
    ModuleIndex,
    /// Webhook event structs and their `Event` enum.
    Events,
    /// The example deliveries of the events, for the mock's webhook sender: `MOCK_EVENTS`.
    EventsMockData,
}

impl Output {
    /// The name [`Generated::write_to`](crate::Generated::write_to) gives the file.
    pub fn file_name(self) -> &'static str {
        match self {
            Output::Api => "api.rs",
            Output::ExampleTests => "examples.rs",
            Output::MockData => "mock.rs",
            Output::ModuleIndex => "modules.md",
            Output::Events => "events.rs",
            Output::EventsMockData => "events_mock.rs",
        }
    }

    /// The suffix of the environment variable [`Written::export`] sets to the file's path.
    pub fn env_suffix(self) -> &'static str {
        match self {
            Output::Api => "API",
            Output::ExampleTests => "EXAMPLES",
            Output::MockData => "MOCK",
            Output::ModuleIndex => "MODULES",
            Output::Events => "EVENTS",
            Output::EventsMockData => "EVENTS_MOCK",
        }
    }
}

/// Where [`Generated::write_to`](crate::Generated::write_to) wrote each output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    files: Vec<(Output, PathBuf)>,
}

impl Written {
    pub(crate) fn new(files: Vec<(Output, PathBuf)>) -> Self {
        Written { files }
    }

    /// The path of one output, when it was written.
    pub fn path(&self, output: Output) -> Option<&Path> {
        self.files
            .iter()
            .find(|(kind, _)| *kind == output)
            .map(|(_, path)| path.as_path())
    }

    /// Every output written, with its path.
    pub fn files(&self) -> &[(Output, PathBuf)] {
        &self.files
    }

    /// The cargo instructions that give the crate being built an environment variable per
    /// output, `{prefix}_{suffix}` ([`Output::env_suffix`]) set to its path, so that it
    /// includes them by name: `include!(env!("ZOOM_API"))`.
    pub fn cargo_instructions(&self, prefix: &str) -> String {
        self.files
            .iter()
            .map(|(output, path)| {
                format!(
                    "cargo:rustc-env={prefix}_{}={}\n",
                    output.env_suffix(),
                    path.display()
                )
            })
            .collect()
    }

    /// Prints [`cargo_instructions`](Written::cargo_instructions), from a build script.
    pub fn export(&self, prefix: &str) {
        print!("{}", self.cargo_instructions(prefix));
    }
}

/// Writes `content` to `path` unless the file already holds exactly that, so that an
/// unchanged output keeps its timestamp and cargo does not rebuild what includes it.
pub fn write_if_changed(path: &Path, content: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|e| {
        Error::new(
            &Location::root(),
            format!("cannot write {}: {e}", path.display()),
        )
    })
}
