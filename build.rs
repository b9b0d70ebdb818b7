//! Generates the API bindings from the bundled collection, or from the file that
//! `ZOOM_COLLECTION` names, into `OUT_DIR/zoom_api.rs`.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=ZOOM_COLLECTION");
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let collection = match std::env::var_os("ZOOM_COLLECTION") {
        Some(path) => manifest_dir.join(path),
        None => manifest_dir.join("collection/zoom.postman_collection.json"),
    };
    println!("cargo:rerun-if-changed={}", collection.display());
    // The mock server serves the same collection's examples.
    println!(
        "cargo:rustc-env=ZOOM_COLLECTION_FILE={}",
        collection.display()
    );

    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("zoom_api.rs");
    let mut config = postman_codegen::Config::new();
    config
        .runtime_path("crate")
        .feature_modules(group_features(&manifest_dir.join("Cargo.toml")))
        .example_tests("zoom");
    let written = config.write(&collection, &out).and_then(|generated| {
        let tests = generated.example_tests.as_deref().unwrap_or_default();
        postman_codegen::write_if_changed(&out.with_file_name("zoom_examples.rs"), tests)?;
        postman_codegen::write_if_changed(
            &out.with_file_name("zoom_modules.md"),
            &module_index(&generated.modules),
        )?;
        Ok(generated)
    });
    match written {
        Ok(generated) => {
            for warning in &generated.warnings {
                println!(
                    "cargo:warning={}: {}",
                    collection.display(),
                    one_line(&warning.to_string())
                );
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            println!(
                "cargo:warning=cannot generate the bindings: {}",
                one_line(&error.to_string())
            );
            std::process::exit(1);
        }
    }
}

/// The API group features the manifest declares: every feature in `[features]` except
/// the ones that are not groups. A generated module is compiled only with its group's
/// feature when the manifest declares one.
fn group_features(manifest: &std::path::Path) -> Vec<String> {
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    let mut in_features = false;
    let mut features = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let is_group = !matches!(name, "default" | "mock" | "all-groups") && !name.starts_with('#');
        if in_features && is_group {
            features.push(name.to_owned());
        }
    }
    features
}

/// The crate front page's list of API groups, with links into the generated modules.
fn module_index(modules: &[postman_codegen::ModuleSummary]) -> String {
    let mut index = String::from(
        "# API groups\n\nOne module for each top-level folder of the collection:\n\n| Module | Folder | Functions |\n|---|---|---|\n",
    );
    for module in modules {
        let folder = module.folder.replace(['`', '|'], "");
        index.push_str(&format!(
            "| [`{name}`]({name}) | {folder} | {count} |\n",
            name = module.name,
            count = module.operations
        ));
    }
    index
}

/// Cargo reads one warning per line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}
