//! Golden files: the generated code and the inferred model for the bundled collection and
//! for a fixture that exercises each inference and naming rule
//! (`fixtures/inference.postman_collection.json`). Review changes with `cargo insta review`.

use std::path::{Path, PathBuf};

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(path(relative)).expect("fixture is readable")
}

/// The fixture follows Zoom's conventions (error codes in example names, JSON bodies as
/// form fields), so it is read with Zoom's profile; the bundled collection's is detected.
fn config(relative: &str) -> postman_codegen::Config {
    let mut config = postman_codegen::Config::new();
    if relative.contains("inference") {
        config.profile(postman_codegen::profile::Zoom);
    }
    config
}

/// The generated code, and the warnings one a line.
fn generate(relative: &str) -> (String, String) {
    let generated = config(relative)
        .generate(&read(relative))
        .expect("fixture generates");
    let warnings: Vec<String> = generated.warnings().iter().map(|w| w.to_string()).collect();
    (generated.code().to_owned(), warnings.join("\n"))
}

fn inspect(relative: &str) -> String {
    let inspection = config(relative)
        .inspect(&read(relative))
        .expect("fixture loads");
    serde_json::to_string_pretty(&inspection.model).expect("the model is JSON")
}

#[test]
fn bundled_collection() {
    let (code, warnings) = generate("../collection/zoom.postman_collection.json");
    assert_eq!(
        warnings, "",
        "the bundled collection generates without warnings"
    );
    insta::assert_snapshot!(code);
}

#[test]
fn inference_rules() {
    let (code, warnings) = generate("tests/fixtures/inference.postman_collection.json");
    insta::assert_snapshot!(code);
    // The fixture's broken examples are read as far as they can be, and said so.
    insta::assert_snapshot!("inference_rules_warnings", warnings);
}

#[test]
fn inference_rules_model() {
    insta::assert_snapshot!(inspect("tests/fixtures/inference.postman_collection.json"));
}

/// The events generator on a small description: one struct per event envelope and what it
/// nests, the `Event` enum and its catch-all, and the mock's example deliveries.
#[test]
fn events() {
    let generated = postman_codegen::Config::new()
        .mock_data(true)
        .generate_events(&read("tests/fixtures/events.json"))
        .expect("the fixture generates");
    let mock = generated
        .output(postman_codegen::Output::EventsMockData)
        .unwrap_or_default();
    insta::assert_snapshot!(format!(
        "{}\n// ---- mock data ----\n{mock}",
        generated.code()
    ));
}
