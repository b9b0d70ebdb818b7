//! Generates the API bindings from the bundled collection, or from the file that
//! `ZOOM_COLLECTION` names, into `OUT_DIR`: the bindings (`zoom_api.rs`), the mock server's
//! data (`zoom_mock.rs`), the example tests (`zoom_examples.rs`) and the front page's list
//! of API groups (`zoom_modules.md`); and, from `collection/zoom-events.json` (or the file
//! `ZOOM_EVENTS` names), the webhook events (`zoom_events.rs`) and their example deliveries
//! for the mock (`zoom_events_mock.rs`).

use std::path::{Path, PathBuf};

/// Zoom's OAuth endpoints, which the export's collection-level auth does not name.
const TOKEN_URL: &str = "https://zoom.us/oauth/token";
const AUTHORIZE_URL: &str = "https://zoom.us/oauth/authorize";

fn main() {
    println!("cargo:rerun-if-env-changed=ZOOM_COLLECTION");
    println!("cargo:rerun-if-env-changed=ZOOM_EVENTS");
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let collection = match std::env::var_os("ZOOM_COLLECTION") {
        Some(path) => manifest_dir.join(path),
        None => manifest_dir.join("collection/zoom.postman_collection.json"),
    };
    println!("cargo:rerun-if-changed={}", collection.display());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let events = match std::env::var_os("ZOOM_EVENTS") {
        Some(path) => manifest_dir.join(path),
        None => manifest_dir.join("collection/zoom-events.json"),
    };
    println!("cargo:rerun-if-changed={}", events.display());
    let generated = generate(&manifest_dir, &collection, &out_dir)
        .and_then(|()| generate_events(&events, &out_dir));
    if let Err(error) = generated {
        eprintln!("error: {error}");
        println!(
            "cargo:warning=cannot generate the bindings: {}",
            postman_codegen::one_line(&error.to_string())
        );
        std::process::exit(1);
    }
}

fn generate(
    manifest_dir: &Path,
    collection: &Path,
    out_dir: &Path,
) -> Result<(), postman_codegen::Error> {
    let manifest = manifest_dir.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let manifest_text = std::fs::read_to_string(&manifest).map_err(|e| {
        postman_codegen::Error::new(
            &postman_codegen::Location::default(),
            format!("cannot read {}: {e}", manifest.display()),
        )
    })?;
    let groups = postman_codegen::features::declared(&manifest_text)
        .map_err(|e| e.in_file(manifest.display().to_string()))?;

    let mut config = postman_codegen::Config::new();
    config
        .profile(postman_codegen::ProfileName::Zoom)
        .api_name("zoom")
        .oauth_endpoints(TOKEN_URL, AUTHORIZE_URL)
        .feature_modules(groups.iter().cloned())
        .example_tests("zoom")
        .mock_data(true);
    let generated = config.write(collection, &out_dir.join("zoom_api.rs"))?;
    let write =
        |name: &str, text: &str| postman_codegen::write_if_changed(&out_dir.join(name), text);
    write(
        "zoom_examples.rs",
        generated.example_tests.as_deref().unwrap_or_default(),
    )?;
    write(
        "zoom_mock.rs",
        generated.mock_data.as_deref().unwrap_or_default(),
    )?;
    write("zoom_modules.md", &module_index(&generated.modules))?;

    check_lock(manifest_dir, collection, &generated.api_lock);
    for warning in &generated.warnings {
        println!(
            "cargo:warning={}: {}",
            collection.display(),
            postman_codegen::one_line(&warning.to_string())
        );
    }
    for module in generated
        .modules
        .iter()
        .filter(|m| !groups.contains(&m.name))
    {
        println!(
            "cargo:warning=the API group `{}` (folder {:?}) has no cargo feature, so it is always compiled; \
             add it with `cargo run -p postman-codegen -- features --write {}`",
            module.name,
            module.folder,
            collection.display()
        );
    }
    Ok(())
}

/// Says, in a cargo warning, when the generated API is not the one `api.lock` records: a
/// new collection changed functions or types that users' code may name.
fn check_lock(manifest_dir: &Path, collection: &Path, generated: &str) {
    let lock = manifest_dir.join("api.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    let recorded = std::fs::read_to_string(&lock).unwrap_or_default();
    let (removed, added) = postman_codegen::lock::compare(&recorded, generated);
    if removed.is_empty() && added.is_empty() {
        return;
    }
    println!(
        "cargo:warning=the API generated from {} differs from api.lock: {} lines removed, {} added; \
         see them with `cargo run -p postman-codegen -- lock {0} --check api.lock`, and the changes \
         by module with `cargo run -p postman-codegen -- diff <old collection> {0}`; accept them with \
         `cargo run -p postman-codegen -- lock {0} --write api.lock`",
        collection.display(),
        removed.len(),
        added.len()
    );
}

/// The webhook events: their structs and `Event` enum, and the mock's example deliveries.
fn generate_events(events: &Path, out_dir: &Path) -> Result<(), postman_codegen::Error> {
    postman_codegen::events::write(
        events,
        &out_dir.join("zoom_events.rs"),
        Some(&out_dir.join("zoom_events_mock.rs")),
        &postman_codegen::events::EventOptions::default(),
    )
    .map(|_| ())
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
