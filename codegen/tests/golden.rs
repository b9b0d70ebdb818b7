//! Golden files: the generated code for the bundled collection and for small fixtures.

use std::path::Path;

fn generate(path: &Path) -> String {
    let json = std::fs::read_to_string(path).expect("fixture is readable");
    let generated = postman_codegen::Config::new()
        .runtime_path("crate")
        .generate(&json)
        .expect("fixture generates");
    generated.code
}

#[test]
fn bundled_collection() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../collection/zoom.postman_collection.json");
    insta::assert_snapshot!(generate(&path));
}
