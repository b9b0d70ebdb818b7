//! The cargo features of the API groups are the groups of the bundled collection and of the
//! two full Zoom collections, written by `postman-codegen features --write`: this fails when
//! a folder is added to one of them and Cargo.toml is not updated.

use std::path::Path;

fn analyze(path: &Path) -> postman_codegen::model::Api {
    let json = postman_codegen::read_collection(path).expect("the collection is readable");
    postman_codegen::Config::new()
        .analyze(&json)
        .expect("the collection generates")
        .api
}

#[test]
fn cargo_features_match_the_collections_groups() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let collections = [
        root.join("collection/zoom.postman_collection.json"),
        root.join("../shared/corpus/zoom/zoom-api-export.postman_collection.json"),
        root.join("../shared/corpus/zoom/zoom-api-converted-tags.postman_collection.json"),
    ];
    let apis: Vec<_> = collections.iter().map(|path| analyze(path)).collect();
    let table = postman_codegen::features::FeatureTable::of(&apis.iter().collect::<Vec<_>>());
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("the manifest");
    let declared = postman_codegen::features::declared(&manifest).expect("the region is there");
    assert_eq!(
        &declared,
        table.groups(),
        "Cargo.toml's API group features are stale: run `cargo run -p postman-codegen -- \
         features --write collection/zoom.postman_collection.json ../shared/corpus/zoom/*.json`"
    );
    assert_eq!(
        postman_codegen::features::update(&manifest, &table).expect("the region is there"),
        manifest,
        "the region is not as the generator writes it"
    );
}

/// `api.lock` records the API the bundled collection generates: regenerating from an
/// unchanged collection changes nothing, and a changed one shows in review.
#[test]
fn the_api_lock_is_the_api_the_bundled_collection_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json =
        postman_codegen::read_collection(&root.join("collection/zoom.postman_collection.json"))
            .expect("the collection is readable");
    let mut config = postman_codegen::Config::new();
    config.profile(postman_codegen::ProfileName::Zoom);
    let generated = config.generate(&json).expect("the collection generates");
    let recorded = std::fs::read_to_string(root.join("api.lock")).expect("api.lock");
    let (removed, added) = postman_codegen::lock::compare(&recorded, &generated.api_lock);
    assert!(
        removed.is_empty() && added.is_empty(),
        "api.lock is stale (run `cargo run -p postman-codegen -- lock \
         collection/zoom.postman_collection.json --write api.lock`):\n- {}\n+ {}",
        removed.join("\n- "),
        added.join("\n+ ")
    );
    assert_eq!(
        recorded, generated.api_lock,
        "the same lines, in the same order"
    );
}
