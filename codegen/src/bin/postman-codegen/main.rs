//! `postman-codegen`: Rust bindings from a Postman collection, on the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use postman_codegen::features::{self, FeatureTable};
use postman_codegen::{Config, Error, Generated, VariantNames};

mod check;
mod learn;

#[derive(Parser)]
#[command(
    version,
    about = "Typed Rust API bindings from Postman collections (v2.0 and v2.1)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust code from a collection; prints it, or writes it with -o.
    Generate {
        /// The collection file (Postman v2.0 or v2.1 JSON).
        collection: PathBuf,
        /// Where to write the code (written only when it changed); standard output if absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The path by which the generated code reaches the runtime crate.
        #[arg(long, default_value = postman_codegen::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
        #[command(flatten)]
        profile: ProfileArg,
        #[command(flatten)]
        overlay: OverlayArg,
    },
    /// Write an OpenAPI 3.1 document of the collection's API, typed as the bindings are;
    /// prints it, or writes it with -o (YAML for a `.yaml` or `.yml` file, JSON otherwise).
    Openapi {
        /// The collection file (Postman v2.0 or v2.1 JSON).
        collection: PathBuf,
        /// Where to write the document (written only when it changed); standard output if absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// `json` or `yaml`; by default the output file's extension decides (JSON on
        /// standard output).
        #[arg(long, value_parser = ["json", "yaml"])]
        format: Option<String>,
        #[command(flatten)]
        profile: ProfileArg,
        #[command(flatten)]
        overlay: OverlayArg,
    },
    /// Generate bindings for collections and compile them against the runtime crate (in a
    /// scratch crate, one module per collection); exits 0 only if they compile.
    Check {
        /// Collection files.
        #[arg(required = true)]
        collections: Vec<PathBuf>,
        /// The runtime crate's directory (`postman-runtime`).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime"))]
        runtime_crate: PathBuf,
        /// Where to write the scratch crate.
        #[arg(long, default_value = "target/postman-check")]
        dir: PathBuf,
        /// Cargo's target directory for the scratch crate (default: its own).
        #[arg(long)]
        target_dir: Option<PathBuf>,
        #[command(flatten)]
        profile: ProfileArg,
        /// An overlay (from `learn`) to apply to every collection checked.
        #[command(flatten)]
        overlay: OverlayArg,
    },
    /// Show what the generator makes of a collection: operations, names and inferred types.
    Inspect {
        /// The collection file (Postman v2.0 or v2.1 JSON).
        collection: PathBuf,
        /// Print the whole model as JSON instead of one line per operation.
        #[arg(long, conflicts_with = "stats")]
        json: bool,
        /// Print what the collection gave the types, per module: typed and untyped fields
        /// (and why), enums and where their values come from, fields learned from write
        /// bodies.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        profile: ProfileArg,
        #[command(flatten)]
        overlay: OverlayArg,
    },
    /// Report what changed between the APIs two collections generate, grouped by module,
    /// each change breaking or compatible for code written against the old one. Exits 0,
    /// or 3 with --deny-breaking when a change is breaking (1 on errors).
    Diff {
        /// The collection the code was written against.
        old: PathBuf,
        /// The new collection.
        new: PathBuf,
        /// An object with `breaking`, `compatible` and `docs` arrays instead of text.
        #[arg(long)]
        json: bool,
        /// Exit with status 3 when a change is breaking.
        #[arg(long)]
        deny_breaking: bool,
        /// An overlay (from `learn`) for the old collection.
        #[arg(long, value_name = "FILE")]
        old_overlay: Option<PathBuf>,
        /// An overlay for the new collection: `diff C C --overlay O` shows what O changes.
        #[arg(long, visible_alias = "new-overlay", value_name = "FILE")]
        overlay: Option<PathBuf>,
        #[command(flatten)]
        profile: ProfileArg,
    },
    /// Print the API lock of a collection (one line per generated function and type), or
    /// write it to (or check it against) a lock file. `--check` exits 1 when it differs.
    Lock {
        /// The collection file.
        collection: PathBuf,
        /// Write the lock to this file (only when it changes).
        #[arg(long, value_name = "FILE", conflicts_with = "check")]
        write: Option<PathBuf>,
        /// Compare with this lock file and print the lines that differ.
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
        #[command(flatten)]
        profile: ProfileArg,
        #[command(flatten)]
        overlay: OverlayArg,
    },
    /// Fold observation files (written by postman-runtime with observing on) into the
    /// collection's overlay: what real responses showed that the examples do not. Merges
    /// into the overlay when it exists; writes it only when it changes.
    Learn {
        /// The collection the observations were made with.
        collection: PathBuf,
        /// Observation files, and directories holding `*.observations.json`. With none,
        /// the existing overlay is compared with the collection again (after a newer
        /// export, what its examples now show drops out) and rewritten in its layout.
        observations: Vec<PathBuf>,
        /// The overlay to write (default: beside the collection, `NAME.overlay.json`).
        #[arg(short, long, value_name = "OVERLAY")]
        output: Option<PathBuf>,
        #[command(flatten)]
        profile: ProfileArg,
    },
    /// Print the cargo features of the collections' API groups, or write them into (or
    /// check them against) the marked region of a crate's Cargo.toml. `--check` exits 1
    /// when the region differs.
    Features {
        /// Collection files; their groups are merged.
        #[arg(required = true)]
        collections: Vec<PathBuf>,
        /// The manifest whose region is written or checked.
        #[arg(long, default_value = "Cargo.toml")]
        manifest: PathBuf,
        /// Write the region into the manifest (only when it changes).
        #[arg(long, conflicts_with = "check")]
        write: bool,
        /// Compare the manifest's region with the collections' groups.
        #[arg(long)]
        check: bool,
    },
}

/// `--profile` and `--variant-names`: how a collection is read and named.
#[derive(clap::Args)]
struct ProfileArg {
    /// Vendor conventions: `auto` (detected from the collection) or a built-in profile
    /// (`zoom`, `generic`).
    #[arg(long = "profile", default_value = "auto", value_parser = profile_name)]
    name: String,
    /// How the variants of numeric enums are named: `meaning` (after what each value
    /// means, `Instant`) or `value` (`Value1`).
    #[arg(long = "variant-names", default_value = "meaning", value_parser = ["meaning", "value"])]
    variant_names: String,
}

/// `--overlay`: what observed responses add to the collection.
#[derive(clap::Args)]
struct OverlayArg {
    /// An overlay written by `postman-codegen learn`, applied to the collection.
    #[arg(long = "overlay", value_name = "FILE")]
    path: Option<PathBuf>,
}

impl OverlayArg {
    fn apply(&self, config: &mut Config) {
        if let Some(path) = &self.path {
            config.overlay_file(path.clone());
        }
    }
}

/// A `--profile` value the generator knows.
fn profile_name(name: &str) -> Result<String, String> {
    Config::new()
        .profile_named(name)
        .map(|_| name.to_owned())
        .map_err(|e| e.message().to_owned())
}

impl ProfileArg {
    fn config(&self) -> Config {
        let mut config = Config::new();
        // The name was checked when the arguments were parsed.
        let _ = config.profile_named(&self.name);
        config.variant_names(match self.variant_names.as_str() {
            "value" => VariantNames::FromValue,
            _ => VariantNames::FromMeaning,
        });
        config
    }
}

/// Reads a collection and hands its text to `run`, with errors that name the file.
fn with_collection<T>(
    collection: &Path,
    run: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, String> {
    let file = collection.display().to_string();
    let json = std::fs::read_to_string(collection)
        .map_err(|e| format!("{file}: cannot read the collection: {e}"))?;
    run(&json).map_err(|e| e.in_file(file).to_string())
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            collection,
            output,
            runtime_path,
            profile,
            overlay,
        } => {
            let mut config = profile.config();
            config.runtime_path(runtime_path);
            overlay.apply(&mut config);
            generate(&config, &collection, output.as_deref())
        }
        Command::Openapi {
            collection,
            output,
            format,
            profile,
            overlay,
        } => {
            let mut config = profile.config();
            overlay.apply(&mut config);
            openapi(&config, &collection, output.as_deref(), format.as_deref())
        }
        Command::Inspect {
            collection,
            json,
            stats,
            profile,
            overlay,
        } => {
            let mut config = profile.config();
            overlay.apply(&mut config);
            inspect(&config, &collection, json, stats)
        }
        Command::Check {
            collections,
            runtime_crate,
            dir,
            target_dir,
            profile,
            overlay,
        } => {
            let mut config = profile.config();
            overlay.apply(&mut config);
            check::run(&check::CheckOptions {
                collections,
                runtime_crate,
                dir,
                target_dir,
                config,
            })
        }
        Command::Learn {
            collection,
            observations,
            output,
            profile,
        } => learn::run(&profile.config(), &collection, &observations, output),
        Command::Features {
            collections,
            manifest,
            write,
            check,
        } => features(&collections, &manifest, write, check),
        Command::Diff {
            old,
            new,
            json,
            deny_breaking,
            old_overlay,
            overlay,
            profile,
        } => diff(
            &profile.config(),
            DiffSide {
                collection: &old,
                overlay: old_overlay.as_deref(),
            },
            DiffSide {
                collection: &new,
                overlay: overlay.as_deref(),
            },
            json,
            deny_breaking,
        ),
        Command::Lock {
            collection,
            write,
            check,
            profile,
            overlay,
        } => {
            let mut config = profile.config();
            overlay.apply(&mut config);
            let accept = LockInputs {
                collection: &collection,
                overlay: overlay.path.as_deref(),
            };
            lock(&config, accept, write.as_deref(), check.as_deref())
        }
    }
}

fn inspect(config: &Config, collection: &Path, as_json: bool, stats: bool) -> ExitCode {
    let inspection = match with_collection(collection, |json| config.inspect(json)) {
        Ok(inspection) => inspection,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if stats {
        print!("{}", inspection.stats);
        return ExitCode::SUCCESS;
    }
    print_warnings(collection, &inspection.warnings);
    if as_json {
        match serde_json::to_string_pretty(&inspection.model) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let operations = inspection.model["operations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    for op in operations {
        let function = match op["module"].as_str() {
            Some(module) => format!("{module}::{}", op["function"].as_str().unwrap_or_default()),
            None => op["function"].as_str().unwrap_or_default().to_owned(),
        };
        println!(
            "{function:<60} {:<7} {}",
            op["method"].as_str().unwrap_or_default(),
            op["path"].as_str().unwrap_or_default()
        );
    }
    ExitCode::SUCCESS
}

fn openapi(
    config: &Config,
    collection: &Path,
    output: Option<&Path>,
    format: Option<&str>,
) -> ExitCode {
    let by_extension = output
        .and_then(Path::extension)
        .is_some_and(|ext| ext == "yaml" || ext == "yml");
    let yaml = format.map_or(by_extension, |format| format == "yaml");
    let result = with_collection(collection, |json| {
        let document = config.openapi(json)?;
        let text = if yaml {
            document.to_yaml()
        } else {
            document.to_json()
        };
        if let Some(output) = output {
            postman_codegen::write_if_changed(output, &text)?;
        }
        Ok((document, text))
    });
    match result {
        Ok((document, text)) => {
            print_warnings(collection, document.warnings());
            if output.is_none() {
                print!("{text}");
            }
            let paths = document.document()["paths"]
                .as_object()
                .map_or(0, serde_json::Map::len);
            eprintln!(
                "wrote an OpenAPI 3.1 document: {paths} paths ({} warnings)",
                document.warnings().len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_warnings(collection: &Path, warnings: &[postman_codegen::Warning]) {
    for warning in warnings {
        eprintln!("warning: {}: {warning}", collection.display());
    }
}

fn generate(config: &Config, collection: &Path, output: Option<&Path>) -> ExitCode {
    let result = with_collection(collection, |json| {
        let generated = config.generate(json)?;
        if let Some(output) = output {
            postman_codegen::write_if_changed(output, generated.code())?;
        }
        Ok(generated)
    });
    match result {
        Ok(generated) => {
            print_warnings(collection, generated.warnings());
            if output.is_none() {
                print!("{}", generated.code());
            }
            eprintln!(
                "generated {} operations ({} warnings, profile {})",
                generated.operations(),
                generated.warnings().len(),
                generated.profile()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `features`: the groups of the collections, printed, written into the manifest or
/// checked against it.
fn features(collections: &[PathBuf], manifest: &Path, write: bool, check: bool) -> ExitCode {
    let mut generated: Vec<Generated> = Vec::new();
    for collection in collections {
        match with_collection(collection, |json| Config::new().generate(json)) {
            Ok(one) => generated.push(one),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let table = FeatureTable::new(
        generated
            .iter()
            .flat_map(|one| one.modules().iter().map(|m| m.name.clone())),
    );
    if !write && !check {
        print!("{}", table.render());
        return ExitCode::SUCCESS;
    }
    let result = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))
        .and_then(|text| {
            if check {
                let declared = features::declared(&text).map_err(|e| e.to_string())?;
                let missing: Vec<&String> = table.groups().difference(&declared).collect();
                let extra: Vec<&String> = declared.difference(table.groups()).collect();
                let current = features::update(&text, &table).map_err(|e| e.to_string())?;
                if current == text {
                    println!("{}: the API group features are up to date ({} groups)", manifest.display(), table.groups().len());
                    return Ok(true);
                }
                println!("{}: the API group features differ from the collections'", manifest.display());
                println!("  groups without a feature: {missing:?}");
                println!("  features without a group: {extra:?}");
                println!("  run `postman-codegen features --write` with the same collections to update them");
                Ok(false)
            } else {
                let updated = features::update(&text, &table).map_err(|e| e.to_string())?;
                postman_codegen::write_if_changed(manifest, &updated).map_err(|e| e.to_string())?;
                println!("{}: {} API group features", manifest.display(), table.groups().len());
                Ok(true)
            }
        });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The exit status of `diff --deny-breaking` when a change is breaking.
const BREAKING: u8 = 3;

/// One side of a diff: a collection and the overlay it is read with, if any.
struct DiffSide<'a> {
    collection: &'a Path,
    overlay: Option<&'a Path>,
}

impl DiffSide<'_> {
    /// The settings this side is read with.
    fn config(&self, base: &Config) -> Config {
        let mut config = base.clone();
        if let Some(path) = self.overlay {
            config.overlay_file(path);
        }
        config
    }
}

fn diff(
    config: &Config,
    old: DiffSide<'_>,
    new: DiffSide<'_>,
    as_json: bool,
    deny_breaking: bool,
) -> ExitCode {
    let old_config = old.config(config);
    let new_config = new.config(config);
    let report = with_collection(old.collection, |json| Ok(json.to_owned())).and_then(|old_json| {
        with_collection(new.collection, |new_json| {
            new_config.diff_from(&old_config, &old_json, new_json)
        })
    });
    let report = match report {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if as_json {
        match serde_json::to_string_pretty(&report.to_json()) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    if deny_breaking && report.is_breaking() {
        ExitCode::from(BREAKING)
    } else {
        ExitCode::SUCCESS
    }
}

/// What a lock was generated from, for the command that accepts it.
struct LockInputs<'a> {
    collection: &'a Path,
    overlay: Option<&'a Path>,
}

fn lock(
    config: &Config,
    inputs: LockInputs<'_>,
    write: Option<&Path>,
    check: Option<&Path>,
) -> ExitCode {
    let collection = inputs.collection;
    let generated = match with_collection(collection, |json| config.generate(json)) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let text = generated.api_lock();
    if let Some(file) = write {
        return match postman_codegen::write_if_changed(file, text) {
            Ok(()) => {
                println!("{}: {} lines", file.display(), text.lines().count());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(file) = check else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    let current = std::fs::read_to_string(file).unwrap_or_default();
    let changes = generated.compare_lock(&current);
    if changes.is_empty() {
        println!("{}: up to date", file.display());
        return ExitCode::SUCCESS;
    }
    for line in &changes.removed {
        println!("- {line}");
    }
    for line in &changes.added {
        println!("+ {line}");
    }
    let overlay = inputs
        .overlay
        .map(|path| format!(" --overlay {}", path.display()))
        .unwrap_or_default();
    println!(
        "{}: {} lines removed, {} added; accept them with `postman-codegen lock {}{overlay} --write {}`",
        file.display(),
        changes.removed.len(),
        changes.added.len(),
        collection.display(),
        file.display()
    );
    ExitCode::FAILURE
}
