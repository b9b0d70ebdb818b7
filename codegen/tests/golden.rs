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

fn generate(relative: &str) -> String {
    let generated = postman_codegen::Config::new()
        .runtime_path("crate")
        .generate(&read(relative))
        .expect("fixture generates");
    assert!(
        generated.warnings.is_empty(),
        "unexpected warnings: {:?}",
        generated.warnings
    );
    generated.code
}

fn inspect(relative: &str) -> String {
    let (model, _) = postman_codegen::Config::new()
        .inspect(&read(relative))
        .expect("fixture loads");
    serde_json::to_string_pretty(&model).expect("the model is JSON")
}

#[test]
fn bundled_collection() {
    insta::assert_snapshot!(generate("../collection/zoom.postman_collection.json"));
}

#[test]
fn inference_rules() {
    insta::assert_snapshot!(generate("tests/fixtures/inference.postman_collection.json"));
}

#[test]
fn inference_rules_model() {
    insta::assert_snapshot!(inspect("tests/fixtures/inference.postman_collection.json"));
}
