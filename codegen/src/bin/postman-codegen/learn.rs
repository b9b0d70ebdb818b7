//! `postman-codegen learn`: observation files folded into the collection's overlay.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use postman_codegen::Config;

/// The file name suffix of observation files in a directory.
const OBSERVATIONS_SUFFIX: &str = ".observations.json";

pub fn run(
    config: &Config,
    collection: &Path,
    inputs: &[PathBuf],
    output: Option<PathBuf>,
) -> ExitCode {
    let overlay = output.unwrap_or_else(|| default_overlay(collection));
    match learn(config, collection, inputs, &overlay) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn learn(
    config: &Config,
    collection: &Path,
    inputs: &[PathBuf],
    overlay: &Path,
) -> Result<(), String> {
    let collection_json = std::fs::read_to_string(collection)
        .map_err(|e| format!("{}: cannot read the collection: {e}", collection.display()))?;
    let existing = match std::fs::read_to_string(overlay) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(format!(
                "{}: cannot read the overlay: {e}",
                overlay.display()
            ))
        }
    };
    if inputs.is_empty() && existing.is_none() {
        return Err(format!(
            "{}: no overlay to rewrite, and no observation files were given",
            overlay.display()
        ));
    }
    let mut files = Vec::new();
    for input in inputs {
        for file in observation_files(input)? {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("{}: cannot read the observations: {e}", file.display()))?;
            files.push((file.display().to_string(), text));
        }
    }
    let overlay_name = overlay.display().to_string();
    let learned = config
        .learn(
            &collection_json,
            existing
                .as_deref()
                .map(|text| (overlay_name.as_str(), text)),
            &files,
        )
        .map_err(|e| e.in_file(collection.display().to_string()).to_string())?;
    for warning in learned.warnings() {
        eprintln!("warning: {warning}");
    }
    let unchanged = existing.as_deref() == Some(learned.overlay());
    postman_codegen::write_if_changed(overlay, learned.overlay()).map_err(|e| e.to_string())?;
    println!(
        "{}: {} from {} observation files{}",
        overlay.display(),
        learned.summary(),
        files.len(),
        if unchanged { " (unchanged)" } else { "" }
    );
    Ok(())
}

/// The overlay beside a collection: `zoom.postman_collection.json` gives `zoom.overlay.json`.
fn default_overlay(collection: &Path) -> PathBuf {
    let name = collection
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".postman_collection.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    collection.with_file_name(format!("{stem}.overlay.json"))
}

/// A file as given, or a directory's `*.observations.json` files in name order.
fn observation_files(input: &Path) -> Result<Vec<PathBuf>, String> {
    if !input.is_dir() {
        return Ok(vec![input.to_owned()]);
    }
    let entries = std::fs::read_dir(input)
        .map_err(|e| format!("{}: cannot read the directory: {e}", input.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: cannot read the directory: {e}", input.display()))?
            .path();
        let is_observations = path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().ends_with(OBSERVATIONS_SUFFIX));
        if is_observations && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: the directory holds no *{OBSERVATIONS_SUFFIX} files",
            input.display()
        ));
    }
    Ok(files)
}
