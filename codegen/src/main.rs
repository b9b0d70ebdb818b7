//! `postman-codegen`: Rust bindings from a Postman collection, on the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;

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
        #[arg(long, default_value = "::zoom")]
        runtime_path: String,
    },
    /// Generate bindings for collections and compile them against the runtime crate (in a
    /// scratch crate, one module per collection); exits 0 only if they compile.
    Check {
        /// Collection files.
        #[arg(required = true)]
        collections: Vec<PathBuf>,
        /// The runtime crate (the `zoom` crate's directory).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/.."))]
        runtime_crate: PathBuf,
        /// Where to write the scratch crate.
        #[arg(long, default_value = "target/postman-check")]
        dir: PathBuf,
        /// Cargo's target directory for the scratch crate (default: its own).
        #[arg(long)]
        target_dir: Option<PathBuf>,
    },
    /// Show what the generator makes of a collection: operations, names and inferred types.
    Inspect {
        /// The collection file (Postman v2.0 or v2.1 JSON).
        collection: PathBuf,
        /// Print the whole model as JSON instead of one line per operation.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            collection,
            output,
            runtime_path,
        } => generate(&collection, output.as_deref(), &runtime_path),
        Command::Inspect { collection, json } => inspect(&collection, json),
        Command::Check {
            collections,
            runtime_crate,
            dir,
            target_dir,
        } => check::run(&check::CheckOptions {
            collections,
            runtime_crate,
            dir,
            target_dir,
        }),
    }
}

fn read(collection: &Path) -> Result<String, postman_codegen::Error> {
    std::fs::read_to_string(collection).map_err(|e| {
        postman_codegen::Error::new(
            &postman_codegen::Location::default(),
            format!("cannot read the collection: {e}"),
        )
        .in_file(collection.display().to_string())
    })
}

fn inspect(collection: &Path, as_json: bool) -> ExitCode {
    let result = read(collection).and_then(|json| {
        postman_codegen::Config::new()
            .inspect(&json)
            .map_err(|e| e.in_file(collection.display().to_string()))
    });
    let (model, warnings) = match result {
        Ok(inspected) => inspected,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    print_warnings(collection, &warnings);
    if as_json {
        match serde_json::to_string_pretty(&model) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let operations = model["operations"]
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

fn print_warnings(collection: &Path, warnings: &[postman_codegen::Warning]) {
    for warning in warnings {
        eprintln!("warning: {}: {warning}", collection.display());
    }
}

fn generate(collection: &Path, output: Option<&Path>, runtime_path: &str) -> ExitCode {
    let mut config = postman_codegen::Config::new();
    config.runtime_path(runtime_path);
    let result = match output {
        Some(output) => config.write(collection, output),
        None => read(collection).and_then(|json| {
            config
                .generate(&json)
                .map_err(|e| e.in_file(collection.display().to_string()))
        }),
    };
    match result {
        Ok(generated) => {
            print_warnings(collection, &generated.warnings);
            if output.is_none() {
                print!("{}", generated.code);
            }
            eprintln!(
                "generated {} operations ({} warnings)",
                generated.operations,
                generated.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
