//! Golden files, one folder per rule of the generator: `tests/golden/<rule>/` holds a small
//! collection that shows the rule (`collection.json`; `events.json` for the events
//! generator) and what the generator makes of it:
//!
//! - `expected.rs`: exactly `Generated::code()`, which the `postman-goldens` crate
//!   (`goldens/` at the workspace root) includes, so that building the workspace compiles
//!   every golden and clippy and rustdoc check it;
//! - `expected_warnings.txt`: the warnings, one a line, for a rule that has any (a rule
//!   without the file must generate none);
//! - `expected_model.json`: the model `Config::inspect` gives, for the rules whose point
//!   is what was inferred rather than how it is written;
//! - `expected_mock.rs`: the mock data, for the rules that generate it;
//! - for the rules of learning from observed responses, `observations.json` is a second
//!   input: `expected_overlay.json` is the overlay `Config::learn` folds it into (with
//!   `expected_learn_warnings.txt`), and `expected.rs` is generated with that overlay.
//!
//! A change to the generator that changes its output fails here with the first line that
//! differs. When the change is meant, rewrite the expected files and review them in the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p postman-codegen --test golden
//! ```
//!
//! A new rule is a new folder, a line in `goldens!` below and a module in
//! `goldens/src/lib.rs`; `every_rule_is_tested_and_compiled` fails until all three exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use postman_codegen::{profile, Config, Output};

/// How a rule's input is read.
#[derive(Clone, Copy)]
struct Golden {
    /// Read with Zoom's profile, for the rules that are Zoom's conventions; otherwise with
    /// the generic one (never detected, so that a fixture's host cannot change its rule).
    zoom: bool,
    /// The modules put behind cargo features of their names.
    feature_modules: &'static [&'static str],
    /// Also compare the `inspect` model.
    model: bool,
    /// Also generate and compare the mock data.
    mock: bool,
    /// The input is an events description, for `Config::generate_events`.
    events: bool,
    /// `observations.json` is learned into an overlay, which the code is generated with.
    learned: bool,
}

impl Golden {
    const GENERIC: Golden = Golden {
        zoom: false,
        feature_modules: &[],
        model: false,
        mock: false,
        events: false,
        learned: false,
    };

    const fn zoom(self) -> Golden {
        Golden { zoom: true, ..self }
    }

    const fn model(self) -> Golden {
        Golden {
            model: true,
            ..self
        }
    }

    const fn mock(self) -> Golden {
        Golden { mock: true, ..self }
    }

    const fn events(self) -> Golden {
        Golden {
            events: true,
            ..self
        }
    }

    const fn learned(self) -> Golden {
        Golden {
            learned: true,
            ..self
        }
    }

    const fn feature_modules(self, modules: &'static [&'static str]) -> Golden {
        Golden {
            feature_modules: modules,
            ..self
        }
    }

    fn config(&self) -> Config {
        let mut config = Config::new();
        if self.zoom {
            config.profile(profile::Zoom);
        } else {
            config.profile(profile::Generic);
        }
        config
            .feature_modules(self.feature_modules.iter().copied())
            .mock_data(self.mock);
        config
    }
}

/// One test per rule, named after its folder, and the list of them.
macro_rules! goldens {
    ($($rule:ident: $golden:expr;)*) => {
        $(
            #[test]
            fn $rule() {
                check(stringify!($rule), $golden);
            }
        )*

        const RULES: &[&str] = &[$(stringify!($rule)),*];
    };
}

const GENERIC: Golden = Golden::GENERIC;
const ZOOM: Golden = Golden::GENERIC.zoom();

goldens! {
    path_parameters: GENERIC.model();
    query_parameters: ZOOM.model();
    json_bodies: GENERIC.model();
    form_bodies: GENERIC;
    form_fields_holding_json: ZOOM;
    multipart_bodies: GENERIC;
    binary_bodies: GENERIC;
    text_and_graphql_bodies: GENERIC;
    success_response: GENERIC.mock();
    responses_by_status: GENERIC.model();
    response_shapes: GENERIC;
    merged_examples: GENERIC;
    nested_objects: GENERIC;
    disagreeing_fields: GENERIC;
    lenient_examples: GENERIC;
    documented_values: GENERIC.model();
    fields_from_write_bodies: GENERIC;
    shared_resources: GENERIC.model();
    naming: GENERIC;
    pagination: ZOOM.mock();
    docs_and_deprecation: ZOOM;
    feature_modules: GENERIC.feature_modules(&["billing"]);
    root_requests: GENERIC;
    multi_host: GENERIC.mock();
    auth: GENERIC;
    webhook_events: GENERIC.events().mock();
    learned_fields: GENERIC.learned().model();
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| !value.is_empty() && value != "0")
}

/// Generates the rule's outputs from its input and compares each with its expected file
/// (or rewrites the files, under `UPDATE_GOLDEN`).
fn check(rule: &str, golden: Golden) {
    let dir = golden_dir().join(rule);
    let input_name = if golden.events {
        "events.json"
    } else {
        "collection.json"
    };
    let input = std::fs::read_to_string(dir.join(input_name))
        .unwrap_or_else(|e| panic!("{rule}/{input_name} is readable: {e}"));
    let mut config = golden.config();
    let mut outputs = Vec::new();
    if golden.learned {
        let observations = std::fs::read_to_string(dir.join("observations.json"))
            .unwrap_or_else(|e| panic!("{rule}/observations.json is readable: {e}"));
        let learned = config
            .learn(
                &input,
                None,
                &[("observations.json".to_owned(), observations)],
            )
            .unwrap_or_else(|e| panic!("{rule}: the observations are learned: {e}"));
        let warnings = learned.warnings().join("\n") + "\n";
        outputs.push(("expected_overlay.json", Some(learned.overlay().to_owned())));
        outputs.push(("expected_learn_warnings.txt", Some(warnings)));
        config.overlay(learned.overlay());
    }
    let generated = if golden.events {
        config.generate_events(&input)
    } else {
        config.generate(&input)
    }
    .unwrap_or_else(|e| panic!("{rule}/{input_name} generates: {e}"));

    outputs.push(("expected.rs", Some(generated.code().to_owned())));
    let warnings: Vec<String> = generated.warnings().iter().map(|w| w.to_string()).collect();
    let warnings = (!warnings.is_empty()).then(|| warnings.join("\n") + "\n");
    outputs.push(("expected_warnings.txt", warnings));
    if golden.model {
        let inspection = config
            .inspect(&input)
            .unwrap_or_else(|e| panic!("{rule}/{input_name} inspects: {e}"));
        let model = serde_json::to_string_pretty(&inspection.model).expect("the model is JSON");
        outputs.push(("expected_model.json", Some(model + "\n")));
    }
    if golden.mock {
        let which = if golden.events {
            Output::EventsMockData
        } else {
            Output::MockData
        };
        let mock = generated.output(which).map(str::to_owned);
        assert!(mock.is_some(), "{rule}: the mock data was asked for");
        outputs.push(("expected_mock.rs", mock));
    }

    let mut failures = Vec::new();
    for (file, actual) in outputs {
        let path = dir.join(file);
        if updating() {
            match &actual {
                Some(text) => std::fs::write(&path, text).expect("the golden file is writable"),
                None if path.exists() => {
                    std::fs::remove_file(&path).expect("the golden file is removable")
                }
                None => {}
            }
            continue;
        }
        let expected = std::fs::read_to_string(&path).ok();
        if let Some(difference) = difference(expected.as_deref(), actual.as_deref()) {
            failures.push(format!("{rule}/{file}: {difference}"));
        }
    }
    assert!(
        failures.is_empty(),
        "the generated output differs from the golden files:\n\n{}\n\n\
         If the change is meant, rewrite them with \
         `UPDATE_GOLDEN=1 cargo test -p postman-codegen --test golden` and review the diff.",
        failures.join("\n\n")
    );
}

/// The first difference between an expected file and the generated text, readably: the
/// line number, the lines before it, and both versions of the line.
fn difference(expected: Option<&str>, actual: Option<&str>) -> Option<String> {
    let (expected, actual) = match (expected, actual) {
        (None, None) => return None,
        (None, Some(_)) => return Some("the file is missing, and the generator writes it".into()),
        (Some(_), None) => {
            return Some("the generator writes nothing for this file, but it exists".into())
        }
        (Some(expected), Some(actual)) if expected == actual => return None,
        (Some(expected), Some(actual)) => (expected, actual),
    };
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let at = expected_lines
        .iter()
        .zip(&actual_lines)
        .position(|(e, a)| e != a)
        .unwrap_or(expected_lines.len().min(actual_lines.len()));
    let context: String = expected_lines[at.saturating_sub(3)..at]
        .iter()
        .map(|line| format!("    {line}\n"))
        .collect();
    let line = |lines: &[&str]| {
        lines
            .get(at)
            .map_or("(end of text)".to_owned(), |l| format!("{l:?}"))
    };
    if expected_lines == actual_lines {
        return Some("the texts differ only in line endings or a final newline".into());
    }
    Some(format!(
        "first difference at line {}:\n{context}  expected: {}\n  generated: {}",
        at + 1,
        line(&expected_lines),
        line(&actual_lines),
    ))
}

/// Rules whose expected code does not compile because of a bug of the generator (or of
/// its contract with the runtime), with the bug. `goldens/src/lib.rs` includes each in a
/// `compile_fail` doctest instead of a module: the doctest fails once the code compiles,
/// and the rule then becomes a module there and leaves this list.
const NOT_COMPILING: &[(&str, &str)] = &[];

/// Every rule folder has its test, and `postman-goldens` compiles each of its expected
/// files, so that no golden is left only compared and never built.
#[test]
fn every_rule_is_tested_and_compiled() {
    let folders: BTreeSet<String> = std::fs::read_dir(golden_dir())
        .expect("tests/golden is readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_dir())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let tested: BTreeSet<String> = RULES.iter().map(|rule| rule.to_string()).collect();
    assert_eq!(
        folders, tested,
        "every folder of tests/golden is a rule of `goldens!` in tests/golden.rs, and every rule has its folder"
    );

    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../goldens/src/lib.rs");
    let lib = std::fs::read_to_string(&crate_root).expect("goldens/src/lib.rs is readable");
    let mut missing = Vec::new();
    for rule in &folders {
        for file in ["expected.rs", "expected_mock.rs"] {
            if !golden_dir().join(rule).join(file).exists() {
                continue;
            }
            let include = if NOT_COMPILING.iter().any(|(name, _)| name == rule) {
                format!("/../codegen/tests/golden/{rule}/{file}\"")
            } else {
                format!("include!(\"../../codegen/tests/golden/{rule}/{file}\")")
            };
            if !lib.contains(&include) {
                missing.push(include);
            }
        }
    }
    let doctests = lib.matches("```compile_fail").count();
    assert_eq!(
        doctests,
        NOT_COMPILING.len(),
        "goldens/src/lib.rs has a `compile_fail` doctest for each rule of NOT_COMPILING, and no other"
    );
    assert!(
        missing.is_empty(),
        "goldens/src/lib.rs must compile every golden (the rules of NOT_COMPILING in a doctest: {NOT_COMPILING:?}); it lacks:\n{}",
        missing.join("\n")
    );
}
