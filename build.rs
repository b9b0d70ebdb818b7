//! Generates the API bindings from the bundled collection, or from the file that
//! `ZOOM_COLLECTION` names, into `OUT_DIR`: the bindings, the mock server's data, the
//! example tests and the front page's list of API groups; and, from
//! `collection/zoom-events.json` (or the file `ZOOM_EVENTS` names), the webhook events and
//! their example deliveries for the mock. The crate includes each file through the
//! `ZOOM_GENERATED_*` variable the generator sets to its path.
//!
//! What observed responses taught (`postman-codegen learn`) is read from
//! `collection/zoom.overlay.json` when it exists, or from the file `ZOOM_OVERLAY` names;
//! without one, the bindings are what the collection alone gives.
//!
//! The generated API is compared with a lock: the user's own when `ZOOM_API_LOCK` names
//! one, else this crate's `api.lock`. `ZOOM_API_GATE` says what a difference does: `warn`
//! (the default), `breaking` (fail the build on a breaking change) or `any` (fail on any
//! change). What the build found (the collection's warnings and the lock's differences)
//! is written to a report beside the user's lock, or in `OUT_DIR`.

use std::path::{Path, PathBuf};

use postman_codegen::{one_line, Config, Generated};

/// The prefix of the variables that name the generated files (`ZOOM_GENERATED_API`, ...).
const EXPORT_PREFIX: &str = "ZOOM_GENERATED";

fn main() {
    for variable in [
        "ZOOM_COLLECTION",
        "ZOOM_EVENTS",
        "ZOOM_API_LOCK",
        "ZOOM_API_GATE",
        "ZOOM_OVERLAY",
    ] {
        println!("cargo:rerun-if-env-changed={variable}");
    }
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
    let overlay = match std::env::var_os("ZOOM_OVERLAY") {
        // A named overlay must exist (reading it says so): a typo would silently drop
        // what it learned.
        Some(path) => Some(manifest_dir.join(path)),
        None => Some(manifest_dir.join("collection/zoom.overlay.json")).filter(|p| p.exists()),
    };
    match &overlay {
        Some(path) => println!("cargo:rerun-if-changed={}", path.display()),
        // A missing file would rerun this script on every build; the folder's listing
        // changes when the overlay is added.
        None => println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join("collection").display()
        ),
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generated = generate(&manifest_dir, &collection, overlay.as_deref(), &out_dir)
        .and_then(|()| generate_events(&events, &out_dir));
    if let Err(error) = generated {
        eprintln!("error: {error}");
        println!(
            "cargo:warning=the bindings were not built: {}",
            one_line(&error)
        );
        std::process::exit(1);
    }
}

fn generate(
    manifest_dir: &Path,
    collection: &Path,
    overlay: Option<&Path>,
    out_dir: &Path,
) -> Result<(), String> {
    let manifest = manifest_dir.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let manifest_text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let groups = postman_codegen::features::declared(&manifest_text)
        .map_err(|e| e.in_file(manifest.display().to_string()).to_string())?;

    let mut config = Config::new();
    if let Some(overlay) = overlay {
        config.overlay_file(overlay);
    }
    let generated = config
        .profile(postman_codegen::profile::Zoom)
        .api_name("zoom")
        .feature_modules(groups.iter().cloned())
        .example_tests("zoom")
        .mock_data(true)
        .generate_file(collection)
        .map_err(|e| e.to_string())?;
    generated
        .write_to(out_dir)
        .map_err(|e| e.to_string())?
        .export(EXPORT_PREFIX);

    let warnings: Vec<String> = generated
        .warnings()
        .iter()
        .map(|warning| one_line(&warning.to_string()))
        .collect();
    for warning in &warnings {
        println!("cargo:warning={}: {warning}", collection.display());
    }
    check_lock(manifest_dir, collection, out_dir, &generated, &warnings)?;
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

/// What a difference from the lock does to the build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Warn,
    Breaking,
    Any,
}

impl Gate {
    fn from_env() -> Result<Gate, String> {
        match std::env::var("ZOOM_API_GATE").as_deref() {
            Err(_) | Ok("") | Ok("warn") => Ok(Gate::Warn),
            Ok("breaking") => Ok(Gate::Breaking),
            Ok("any") => Ok(Gate::Any),
            Ok(other) => Err(format!(
                "ZOOM_API_GATE is {other:?}; it takes `warn`, `breaking` or `any`"
            )),
        }
    }
}

/// Compares the generated API with the lock and applies the gate; writes the report.
fn check_lock(
    manifest_dir: &Path,
    collection: &Path,
    out_dir: &Path,
    generated: &Generated,
    warnings: &[String],
) -> Result<(), String> {
    let gate = Gate::from_env()?;
    let users_lock = std::env::var_os("ZOOM_API_LOCK").map(|path| manifest_dir.join(path));
    let lock = users_lock
        .clone()
        .unwrap_or_else(|| manifest_dir.join("api.lock"));
    println!("cargo:rerun-if-changed={}", lock.display());
    let report = match &users_lock {
        Some(lock) => lock.with_extension("report.txt"),
        None => out_dir.join("zoom-api-report.txt"),
    };
    let check = format!(
        "postman-codegen lock {} --check {}",
        collection.display(),
        lock.display()
    );
    let accept = format!(
        "postman-codegen lock {} --write {}",
        collection.display(),
        lock.display()
    );
    let (summary, differs) = match std::fs::read_to_string(&lock) {
        Ok(recorded) => {
            let changes = generated.compare_lock(&recorded);
            let breaking = changes
                .items()
                .iter()
                .any(|c| c.impact == postman_codegen::Impact::Breaking);
            let fails = match gate {
                Gate::Warn => false,
                Gate::Breaking => breaking,
                Gate::Any => !changes.is_empty(),
            };
            (changes.summary(8), (!changes.is_empty()).then_some(fails))
        }
        Err(error) => (
            format!("no lock could be read at {}: {error}", lock.display()),
            Some(gate != Gate::Warn),
        ),
    };
    write_report(&report, collection, &lock, &summary, warnings)?;
    let Some(fails) = differs else {
        return Ok(());
    };
    let message = format!(
        "the API generated from {} differs from the lock {}: {summary}\n\
         See every change with `{check}`; accept them with `{accept}` \
         (`cargo install postman-codegen` gives the command). The build's report: {}",
        collection.display(),
        lock.display(),
        report.display()
    );
    if fails {
        return Err(message);
    }
    println!("cargo:warning={}", one_line(&message));
    Ok(())
}

/// The collection's warnings and the lock's differences, for a user who cannot see a
/// dependency's build warnings.
fn write_report(
    report: &Path,
    collection: &Path,
    lock: &Path,
    summary: &str,
    warnings: &[String],
) -> Result<(), String> {
    let mut text = format!(
        "Bindings generated from {}\nCompared with the lock {}: {summary}\n\n{} warnings about the collection\n",
        collection.display(),
        lock.display(),
        warnings.len()
    );
    for warning in warnings {
        text.push_str(&format!("- {warning}\n"));
    }
    postman_codegen::write_if_changed(report, &text)
        .map_err(|e| format!("cannot write the report {}: {e}", report.display()))
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
