//! The `postman-codegen` binary: output, exit status and messages of `generate`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

mod inputs;

use inputs::{bundled_collection, fixture, TempDir};

/// Runs `postman-codegen generate` with `args`.
fn generate(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .arg("generate")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("the output has a modification time")
}

#[test]
fn generate_prints_code() {
    let output = generate(&[bundled_collection().as_os_str()]);
    let stderr = stderr(&output);
    assert!(output.status.success(), "{}\n{stderr}", output.status);
    let code = String::from_utf8(output.stdout).expect("the code is UTF-8");
    assert!(code.contains("pub fn get_a_user_token<'a>("), "{code}");
}

#[test]
fn generate_writes_only_when_changed() {
    let dir = TempDir::new("write");
    let out = dir.0.join("zoom.rs");
    let collection = bundled_collection();
    let run = || {
        let output = generate(&[collection.as_os_str(), "-o".as_ref(), out.as_os_str()]);
        assert!(
            output.status.success(),
            "{}\n{}",
            output.status,
            stderr(&output)
        );
        assert!(
            output.stdout.is_empty(),
            "with -o nothing goes to standard output"
        );
    };

    run();
    let code = std::fs::read_to_string(&out).expect("the output is written");
    assert!(code.contains("pub fn get_a_user_token<'a>("), "{code}");

    // Backdate the file so that a rewrite shows even on a coarse-grained clock.
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&out)
        .and_then(|file| file.set_modified(past))
        .expect("the output's time is set");
    run();
    assert_eq!(modified(&out), past, "an unchanged output was rewritten");
    assert_eq!(std::fs::read_to_string(&out).expect("readable"), code);

    // A stale output is replaced.
    std::fs::write(&out, "// stale\n").expect("the output is overwritten");
    run();
    assert_eq!(std::fs::read_to_string(&out).expect("readable"), code);
}

#[test]
fn collection_v1_is_refused() {
    let path = fixture("quirks/v1.postman_collection.json");
    let output = generate(&[path.as_os_str()]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty(), "no code for a refused collection");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("Collection v2.1"), "{stderr}");
}

#[test]
fn missing_collection_is_reported() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("no-such-collection.json");
    let output = generate(&[path.as_os_str()]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("cannot read the collection"), "{stderr}");
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Two versions of a small API: the second changes a field's type and removes a request
/// (breaking), and adds a request, a query parameter and a field (compatible).
fn before_and_after() -> (PathBuf, PathBuf) {
    (
        fixture("cli/before.postman_collection.json"),
        fixture("cli/after.postman_collection.json"),
    )
}

#[test]
fn diff_exits_with_3_on_breaking_changes_only_when_asked() {
    let (old, new) = before_and_after();
    let plain = run(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(text.ends_with("\n2 breaking, 4 compatible\n"), "{text}");
    for change in [
        "breaking    books::list_books: `response.books[].pages` retyped from i64 to String",
        "breaking    books::withdraw_a_book: removed (DELETE /books/{isbn})",
        "compatible  books::borrow_a_book: added (POST /books/{isbn}/loans)",
    ] {
        assert!(text.contains(change), "{change:?} missing from\n{text}");
    }
    let denied = run(&[
        "diff".as_ref(),
        "--deny-breaking".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
    ]);
    assert_eq!(denied.status.code(), Some(3));
    let same = run(&[
        "diff".as_ref(),
        "--deny-breaking".as_ref(),
        old.as_os_str(),
        old.as_os_str(),
    ]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).ends_with("0 breaking, 0 compatible\n"));
}

#[test]
fn lock_check_fails_with_the_lines_that_differ() {
    let dir = TempDir::new("lock");
    let lock = dir.0.join("api.lock");
    let (collection, changed) = before_and_after();
    let wrote = run(&[
        "lock".as_ref(),
        collection.as_os_str(),
        "--write".as_ref(),
        lock.as_os_str(),
    ]);
    assert!(wrote.status.success(), "{}", stderr(&wrote));
    let check = |collection: &Path| {
        run(&[
            "lock".as_ref(),
            collection.as_os_str(),
            "--check".as_ref(),
            lock.as_os_str(),
        ])
    };
    assert!(check(&collection).status.success());
    let stale = check(&changed);
    assert_eq!(stale.status.code(), Some(1));
    let text = String::from_utf8_lossy(&stale.stdout);
    assert!(
        text.contains("\n+ fn ") && text.contains("--write"),
        "{text}"
    );
}

#[test]
fn variants_are_named_by_meaning_unless_asked_for_values() {
    let collection = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/documented_values/collection.json");
    let lock = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
            .arg("lock")
            .arg(&collection)
            .args(extra)
            .output()
            .expect("the binary runs");
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).expect("the lock is UTF-8")
    };
    let by_meaning = lock(&[]);
    assert!(
        by_meaning.contains("BrewAPotStrength { Mild = 1, Medium = 2, Strong = 3 }"),
        "{by_meaning}"
    );
    let by_value = lock(&["--variant-names", "value"]);
    assert!(
        by_value.contains("BrewAPotStrength { Value1 = 1, Value2 = 2, Value3 = 3 }"),
        "{by_value}"
    );
}
