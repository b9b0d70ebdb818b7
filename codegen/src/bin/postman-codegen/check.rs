//! `postman-codegen check`: generates bindings for collections and compiles them against the
//! runtime crate in a scratch crate, one module per collection. (Part of the CLI binary.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use postman_codegen::{Config, Warning};

pub struct CheckOptions {
    pub collections: Vec<PathBuf>,
    /// The runtime crate the generated code is compiled against.
    pub runtime_crate: PathBuf,
    /// Where the scratch crate is written.
    pub dir: PathBuf,
    /// Cargo's target directory for the scratch crate; sharing one with an earlier build
    /// saves compiling the dependencies again.
    pub target_dir: Option<PathBuf>,
    /// How each collection is generated (its runtime path is the runtime crate's).
    pub config: Config,
}

/// A collection's outcome: its module in the scratch crate, or why it has none.
struct Checked {
    file: PathBuf,
    module: String,
    requests: usize,
    result: Result<Generated, String>,
}

struct Generated {
    operations: usize,
    warnings: Vec<Warning>,
}

pub fn run(options: &CheckOptions) -> ExitCode {
    let mut modules = Vec::new();
    let mut checked = Vec::new();
    for (index, file) in options.collections.iter().enumerate() {
        let module = module_name(file, index);
        let (requests, result) = generate(&options.config, file);
        let result = result.and_then(|(code, generated)| {
            let path = options.dir.join("src").join(format!("{module}.rs"));
            write(&path, &code)?;
            modules.push(module.clone());
            Ok(generated)
        });
        checked.push(Checked {
            file: file.clone(),
            module,
            requests,
            result,
        });
    }
    if let Err(error) = write_crate(options, &modules) {
        eprintln!("error: cannot write the scratch crate: {error}");
        return ExitCode::FAILURE;
    }
    let compiled = cargo_check(options);
    report(&checked, &compiled)
}

/// The collection's request count, and its code and what generating it said.
fn generate(config: &Config, file: &Path) -> (usize, Result<(String, Generated), String>) {
    let json = match std::fs::read_to_string(file) {
        Ok(json) => json,
        Err(error) => return (0, Err(format!("cannot read it: {error}"))),
    };
    match config.generate(&json) {
        Ok(generated) => {
            let summary = Generated {
                operations: generated.operations(),
                warnings: generated.warnings().to_vec(),
            };
            (
                generated.requests(),
                Ok((generated.code().to_owned(), summary)),
            )
        }
        Err(error) => (0, Err(error.to_string())),
    }
}

/// `c_` and the file's name in snake case, numbered so that names stay unique.
fn module_name(file: &Path, index: usize) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = String::from("c_");
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    format!("{}_{index}", name.trim_end_matches('_'))
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    postman_codegen::write_if_changed(path, content).map_err(|e| e.to_string())
}

fn write_crate(options: &CheckOptions, modules: &[String]) -> Result<(), String> {
    let runtime = std::fs::canonicalize(&options.runtime_crate)
        .map_err(|e| format!("runtime crate {}: {e}", options.runtime_crate.display()))?;
    let manifest = format!(
        "[package]\nname = \"postman-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\npostman-runtime = {{ path = {:?} }}\n\n# Not part of any enclosing workspace.\n[workspace]\n",
        runtime.display().to_string()
    );
    write(&options.dir.join("Cargo.toml"), &manifest)?;
    let mut lib = String::from("//! One module per checked collection.\n\n");
    for module in modules {
        let _ = writeln!(lib, "pub mod {module};");
    }
    write(&options.dir.join("src/lib.rs"), &lib)
}

/// Cargo's verdict, and the error lines of each module's file.
struct Compiled {
    ok: bool,
    output: String,
}

fn cargo_check(options: &CheckOptions) -> Compiled {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("check")
        .arg("--quiet")
        .arg("--message-format=short")
        .arg("--manifest-path")
        .arg(options.dir.join("Cargo.toml"));
    if let Some(target) = &options.target_dir {
        command.env("CARGO_TARGET_DIR", target);
    }
    match command.output() {
        Ok(output) => Compiled {
            ok: output.status.success(),
            output: String::from_utf8_lossy(&output.stderr).into_owned(),
        },
        Err(error) => Compiled {
            ok: false,
            output: format!("cannot run cargo: {error}"),
        },
    }
}

fn report(checked: &[Checked], compiled: &Compiled) -> ExitCode {
    let mut all_generated = true;
    let (mut requests, mut operations) = (0, 0);
    for entry in checked {
        requests += entry.requests;
        match &entry.result {
            Ok(generated) => {
                operations += generated.operations;
                println!(
                    "{}: {} requests, {} operations, {} warnings",
                    entry.file.display(),
                    entry.requests,
                    generated.operations,
                    generated.warnings.len()
                );
                for warning in &generated.warnings {
                    println!("  warning: {warning}");
                }
                let file = format!("src/{}.rs", entry.module);
                for line in compiled.output.lines().filter(|l| l.starts_with(&file)) {
                    println!("  {line}");
                }
            }
            Err(error) => {
                all_generated = false;
                println!("{}: not generated: {error}", entry.file.display());
            }
        }
    }
    println!(
        "{} collections, {requests} requests, {operations} operations; the code {}",
        checked.len(),
        if compiled.ok {
            "compiles"
        } else {
            "does not compile"
        }
    );
    if !compiled.ok {
        eprintln!("{}", compiled.output.trim_end());
    }
    if compiled.ok && all_generated {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(
            module_name(Path::new("x/Adyen__adyen-postman__ipp.json"), 3),
            "c_adyen_adyen_postman_ipp_3"
        );
        assert_eq!(
            module_name(Path::new("1 weird name!.json"), 0),
            "c_1_weird_name_0"
        );
    }
}
