//! The cargo features of the API groups are the groups of the bundled collection and of the
//! two full Zoom collections, written by `postman-codegen features --write`: this fails when
//! a folder is added to one of them and Cargo.toml is not updated. The bundled collection's
//! part runs always; the full collections' with `POSTMAN_CORPUS` set.

use std::collections::BTreeSet;
use std::path::Path;

mod inputs;

use inputs::{corpus, zoom_file};

fn generate(path: &Path) -> postman_codegen::Generated {
    postman_codegen::Config::new()
        .generate_file(path)
        .expect("the collection generates")
}

fn declared_groups() -> BTreeSet<String> {
    let manifest = std::fs::read_to_string(zoom_file("Cargo.toml")).expect("the manifest");
    postman_codegen::features::declared(&manifest).expect("the region is there")
}

/// Every group of the bundled collection has its feature, so that a build with chosen
/// features leaves out every module not asked for.
#[test]
fn every_group_of_the_bundled_collection_has_a_feature() {
    let generated = generate(&zoom_file("collection/zoom.postman_collection.json"));
    let table = postman_codegen::features::FeatureTable::new(
        generated.modules().iter().map(|m| m.name.clone()),
    );
    let declared = declared_groups();
    let missing: Vec<&String> = table
        .groups()
        .iter()
        .filter(|group| !declared.contains(*group))
        .collect();
    assert!(
        missing.is_empty(),
        "groups of the bundled collection without a feature in Cargo.toml: {missing:?}"
    );
}

#[test]
fn cargo_features_match_the_collections_groups() {
    let Some(corpus) = corpus("the features of the full Zoom collections") else {
        return;
    };
    let collections = [
        zoom_file("collection/zoom.postman_collection.json"),
        corpus.join("zoom/zoom-api-export.postman_collection.json"),
        corpus.join("zoom/zoom-api-converted-tags.postman_collection.json"),
    ];
    let generated: Vec<_> = collections.iter().map(|path| generate(path)).collect();
    let table = postman_codegen::features::FeatureTable::new(
        generated
            .iter()
            .flat_map(|one| one.modules().iter().map(|m| m.name.clone())),
    );
    let manifest = std::fs::read_to_string(zoom_file("Cargo.toml")).expect("the manifest");
    let declared = postman_codegen::features::declared(&manifest).expect("the region is there");
    assert_eq!(
        &declared,
        table.groups(),
        "Cargo.toml's API group features are stale: run `cargo run -p postman-codegen -- \
         features --write collection/zoom.postman_collection.json $POSTMAN_CORPUS/zoom/*.json`"
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
    let generated = postman_codegen::Config::new()
        .profile(postman_codegen::profile::Zoom)
        .generate_file(&zoom_file("collection/zoom.postman_collection.json"))
        .expect("the collection generates");
    let recorded = std::fs::read_to_string(zoom_file("api.lock")).expect("api.lock");
    let changes = generated.compare_lock(&recorded);
    let (removed, added) = (changes.removed, changes.added);
    assert!(
        removed.is_empty() && added.is_empty(),
        "api.lock is stale (run `cargo run -p postman-codegen -- lock \
         collection/zoom.postman_collection.json --write api.lock`):\n- {}\n+ {}",
        removed.join("\n- "),
        added.join("\n+ ")
    );
    assert_eq!(
        recorded,
        generated.api_lock(),
        "the same lines, in the same order"
    );
}
