//! `postman-codegen`: Rust bindings from a Postman collection, on the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            collection,
            output,
            runtime_path,
        } => generate(&collection, output.as_deref(), &runtime_path),
    }
}

fn generate(
    collection: &std::path::Path,
    output: Option<&std::path::Path>,
    runtime_path: &str,
) -> ExitCode {
    let mut config = postman_codegen::Config::new();
    config.runtime_path(runtime_path);
    let result = match output {
        Some(output) => config.write(collection, output),
        None => std::fs::read_to_string(collection)
            .map_err(|e| {
                postman_codegen::Error::new(
                    &postman_codegen::Location::default(),
                    format!("cannot read the collection: {e}"),
                )
            })
            .and_then(|json| config.generate(&json))
            .map_err(|e| e.in_file(collection.display().to_string())),
    };
    match result {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("warning: {}: {warning}", collection.display());
            }
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
