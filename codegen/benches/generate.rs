//! Generation time for the real Zoom collections. Prints figures; asserts nothing.
//!
//!     cargo bench -p postman-codegen --bench generate
//!
//! Part 1 times `Config::new().runtime_path("crate").generate(&json)` in this process, which
//! `cargo bench` compiles with the release profile. Part 2 times the same generation as the
//! `zoom` build script runs it: build scripts and their dependencies are compiled with the dev
//! profile (opt-level 0), so it runs the debug-built CLI, `target/debug/postman-codegen`
//! (build it first with `cargo build -p postman-codegen`), and times each run by wall clock.
//!
//! Environment:
//! - `POSTMAN_CORPUS` (required): the corpus folder, whose `zoom/` holds the two collections
//!   (`zoom-api-export.postman_collection.json`, `zoom-api-converted-tags.postman_collection.json`);
//!   a relative path is taken from the workspace root.
//! - `BENCH_RUNS`: timed runs per collection in part 1 (default 20, after 3 warm-up runs).
//! - `POSTMAN_CODEGEN_BIN`: the debug CLI to time in part 2 (default
//!   `$CARGO_TARGET_DIR/debug/postman-codegen`, else `target/debug/postman-codegen` of the
//!   workspace).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const COLLECTIONS: [&str; 2] = [
    "zoom-api-export.postman_collection.json",
    "zoom-api-converted-tags.postman_collection.json",
];
const WARM_UP: usize = 3;
const CLI_RUNS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; a filter or other flags are ignored.
    let Some(corpus) = std::env::var_os("POSTMAN_CORPUS") else {
        eprintln!(
            "set POSTMAN_CORPUS to the folder whose zoom/ holds the Zoom collections to time"
        );
        std::process::exit(2);
    };
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(corpus)
        .join("zoom");
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(20);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    println!("generation, in-process, release profile ({WARM_UP} warm-up + {runs} timed runs, {threads} cores)");
    println!(
        "{:<18} {:>8} {:>10} {:>8} {:>8} {:>9} {:>9} {:>9}",
        "collection",
        "requests",
        "operations",
        "warnings",
        "lines",
        "min ms",
        "median ms",
        "max ms"
    );
    for name in COLLECTIONS {
        let path = corpus.join(name);
        let json = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let requests = count_requests(&json);
        let mut config = postman_codegen::Config::new();
        config.runtime_path("crate");
        let generate = || {
            config
                .generate(&json)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        let generated = generate();
        for _ in 1..WARM_UP {
            std::hint::black_box(generate());
        }
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            std::hint::black_box(generate());
            times.push(start.elapsed());
        }
        let (min, median, max) = stats(&mut times);
        println!(
            "{:<18} {:>8} {:>10} {:>8} {:>8} {:>9.1} {:>9.1} {:>9.1}",
            short_name(name),
            requests,
            generated.operations(),
            generated.warnings().len(),
            generated.code().lines().count(),
            ms(min),
            ms(median),
            ms(max),
        );
    }

    println!();
    cli_runs(&corpus);
}

/// Times the debug-built CLI, which runs the generator compiled as the build script gets it.
fn cli_runs(corpus: &Path) {
    let bin = std::env::var_os("POSTMAN_CODEGEN_BIN").map_or_else(
        || {
            let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
                || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
                PathBuf::from,
            );
            target.join("debug/postman-codegen")
        },
        PathBuf::from,
    );
    println!(
        "generation, debug-built CLI as build.rs runs it (1 warm-up + {CLI_RUNS} timed runs, wall clock)"
    );
    println!("  {}", bin.display());
    if !bin.is_file() {
        println!("  not found: build it with `cargo build -p postman-codegen` (dev profile)");
        return;
    }
    println!(
        "{:<18} {:>10} {:>8} {:>9} {:>9} {:>9}",
        "collection", "operations", "lines", "min ms", "median ms", "max ms"
    );
    let out = std::env::temp_dir().join(format!("postman-codegen-bench-{}.rs", std::process::id()));
    for name in COLLECTIONS {
        let path = corpus.join(name);
        let mut times = Vec::with_capacity(CLI_RUNS);
        let mut operations = String::from("?");
        for run in 0..=CLI_RUNS {
            // A fresh output file each time, as in a clean build.
            let _ = std::fs::remove_file(&out);
            let start = Instant::now();
            let output = Command::new(&bin)
                .arg("generate")
                .arg(&path)
                .arg("-o")
                .arg(&out)
                .args(["--runtime-path", "crate"])
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
            let elapsed = start.elapsed();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !output.status.success() {
                panic!("{} failed on {}:\n{stderr}", bin.display(), path.display());
            }
            if let Some(n) = stderr
                .lines()
                .find_map(|line| line.strip_prefix("generated "))
                .and_then(|rest| rest.split_whitespace().next())
            {
                operations = n.to_owned();
            }
            if run > 0 {
                times.push(elapsed);
            }
        }
        let lines = std::fs::read_to_string(&out).map_or(0, |code| code.lines().count());
        let (min, median, max) = stats(&mut times);
        println!(
            "{:<18} {:>10} {:>8} {:>9.1} {:>9.1} {:>9.1}",
            short_name(name),
            operations,
            lines,
            ms(min),
            ms(median),
            ms(max),
        );
    }
    let _ = std::fs::remove_file(&out);
}

/// Requests in the collection: items with a `request`, at any folder depth.
fn count_requests(json: &str) -> usize {
    fn walk(items: &serde_json::Value) -> usize {
        items.as_array().map_or(0, |items| {
            items
                .iter()
                .map(|item| usize::from(item.get("request").is_some()) + walk(&item["item"]))
                .sum()
        })
    }
    serde_json::from_str::<serde_json::Value>(json).map_or(0, |value| walk(&value["item"]))
}

fn stats(times: &mut [Duration]) -> (Duration, Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn short_name(file: &str) -> &str {
    file.trim_start_matches("zoom-api-")
        .trim_end_matches(".postman_collection.json")
}
