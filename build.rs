//! Generates the API bindings from the bundled collection, or from the file that
//! `ZOOM_COLLECTION` names, into `OUT_DIR`: the bindings, the mock server's data, the
//! example tests and the front page's list of API groups; and, from
//! `collection/zoom-events.json` (or the file `ZOOM_EVENTS` names), the webhook events and
//! their example deliveries for the mock. The crate includes each file through the
//! `ZOOM_GENERATED_*` variable the generator sets to its path.

use std::path::{Path, PathBuf};

use postman_codegen::{one_line, Config, Generated};

/// Zoom's OAuth endpoints, which the export's collection-level auth does not name.
const TOKEN_URL: &str = "https://zoom.us/oauth/token";
const AUTHORIZE_URL: &str = "https://zoom.us/oauth/authorize";
/// The prefix of the variables that name the generated files (`ZOOM_GENERATED_API`, ...).
const EXPORT_PREFIX: &str = "ZOOM_GENERATED";

fn main() {
    println!("cargo:rerun-if-env-changed=ZOOM_COLLECTION");
    println!("cargo:rerun-if-env-changed=ZOOM_EVENTS");
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let input = |variable: &str, default: &str| {
        let path = match std::env::var_os(variable) {
            Some(path) => manifest_dir.join(path),
            None => manifest_dir.join(default),
        };
        println!("cargo:rerun-if-changed={}", path.display());
        path
    };
    let collection = input("ZOOM_COLLECTION", "collection/zoom.postman_collection.json");
    let events = input("ZOOM_EVENTS", "collection/zoom-events.json");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generated = generate(&manifest_dir, &collection, &out_dir)
        .and_then(|()| generate_events(&events, &out_dir));
    if let Err(error) = generated {
        eprintln!("error: {error}");
        println!(
            "cargo:warning=cannot generate the bindings: {}",
            one_line(&error)
        );
        std::process::exit(1);
    }
}

fn generate(manifest_dir: &Path, collection: &Path, out_dir: &Path) -> Result<(), String> {
    let manifest = manifest_dir.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let manifest_text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let groups = postman_codegen::features::declared(&manifest_text)
        .map_err(|e| e.in_file(manifest.display().to_string()).to_string())?;

    let generated = Config::new()
        .profile(postman_codegen::profile::Zoom)
        .api_name("zoom")
        .oauth_endpoints(TOKEN_URL, AUTHORIZE_URL)
        .feature_modules(groups.iter().cloned())
        .example_tests("zoom")
        .mock_data(true)
        .generate_file(collection)
        .map_err(|e| e.to_string())?;
    generated
        .write_to(out_dir)
        .map_err(|e| e.to_string())?
        .export(EXPORT_PREFIX);

    check_lock(manifest_dir, collection, &generated);
    for warning in generated.warnings() {
        println!(
            "cargo:warning={}: {}",
            collection.display(),
            one_line(&warning.to_string())
        );
    }
    for module in generated
        .modules()
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
fn check_lock(manifest_dir: &Path, collection: &Path, generated: &Generated) {
    let lock = manifest_dir.join("api.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    let recorded = std::fs::read_to_string(&lock).unwrap_or_default();
    let changes = generated.compare_lock(&recorded);
    if changes.is_empty() {
        return;
    }
    println!(
        "cargo:warning=the API generated from {} differs from api.lock: {} lines removed, {} added; \
         see them with `cargo run -p postman-codegen -- lock {0} --check api.lock`, and the changes \
         by module with `cargo run -p postman-codegen -- diff <old collection> {0}`; accept them with \
         `cargo run -p postman-codegen -- lock {0} --write api.lock`",
        collection.display(),
        changes.removed.len(),
        changes.added.len()
    );
}

/// The webhook events: their structs and `Event` enum, and the mock's example deliveries.
fn generate_events(events: &Path, out_dir: &Path) -> Result<(), String> {
    Config::new()
        .mock_data(true)
        .generate_events_file(events)
        .and_then(|generated| generated.write_to(out_dir))
        .map(|written| written.export(EXPORT_PREFIX))
        .map_err(|e| e.to_string())
}
