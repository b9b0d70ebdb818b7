//! `postman-codegen learn` and the overlay it writes: observation files merged into it,
//! learning in several runs, broken files, operations the collection lacks; and what the
//! overlay changes in `diff`, `lock` and `generate` of the bundled collection.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod inputs;

use inputs::{bundled_collection, TempDir};
use serde_json::{json, Value};

fn run(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The hand-made observations of `users::list_users` (in the observation format of
/// version 1): two runs, one from staging and one from tests.
fn observations(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/observations")
        .join(name)
}

/// The bundled collection copied into `dir`, so that the default overlay lands there.
fn collection_in(dir: &TempDir) -> PathBuf {
    let copy = dir.0.join("zoom.postman_collection.json");
    std::fs::copy(bundled_collection(), &copy).expect("the collection is copied");
    copy
}

fn learn(collection: &Path, inputs: &[&Path], overlay: Option<&Path>) -> Output {
    let mut args: Vec<&OsStr> = vec!["learn".as_ref(), collection.as_os_str()];
    args.extend(inputs.iter().map(|path| path.as_os_str()));
    if let Some(overlay) = overlay {
        args.push("-o".as_ref());
        args.push(overlay.as_os_str());
    }
    run(&args)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the overlay is written");
    serde_json::from_str(&text).expect("the overlay is JSON")
}

#[test]
fn two_observation_files_merge_into_the_overlay_beside_the_collection() {
    let dir = TempDir::new("learn-merge");
    let collection = collection_in(&dir);
    let output = learn(
        &collection,
        &[
            &observations("staging.observations.json"),
            &observations("tests.observations.json"),
        ],
        None,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let overlay_path = dir.0.join("zoom.overlay.json");
    let overlay = read_json(&overlay_path);
    let status = &overlay["operations"]["users::list_users"]["200"];
    // 2 responses in one file and 1 in the other; 5 and 2 users.
    assert_eq!(status["count"], 3);
    let user = &status["fields"]["users"]["items"];
    assert_eq!(user["count"], 7);
    assert_eq!(
        user["fields"]["cluster"],
        json!({"change": "added", "count": 7, "kinds": {"string": 7}})
    );
    assert_eq!(
        user["fields"]["login_types"],
        json!({"change": "added", "count": 7, "kinds": {"array": 7},
               "items": {"count": 12, "kinds": {"integer": 12}}})
    );
    assert_eq!(
        user["fields"]["pmi"],
        json!({"change": "conflict", "collection": "integer", "count": 2,
               "kinds": {"string": 2}}),
        "only the kinds the collection's type does not take are kept"
    );
    assert_eq!(
        user["fields"]["dept"],
        json!({"change": "never_seen", "absent_from": 7, "count": 0})
    );
    assert_eq!(
        user["fields"]["status"]["values"],
        json!({"active": 6, "pending": 1})
    );
    // Fields the collection shows and the observations agree with are not repeated.
    assert!(user["fields"].get("email").is_none(), "{user}");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("from 2 observation files"),
        "the summary names the files read: {stdout}"
    );
}

#[test]
fn learning_in_two_runs_gives_the_bytes_of_one_and_a_rewrite_changes_nothing() {
    let dir = TempDir::new("learn-runs");
    let collection = collection_in(&dir);
    let at_once = dir.0.join("at-once.overlay.json");
    // A directory of observation files is read like the files it holds.
    let output = learn(&collection, &[&observations("")], Some(&at_once));
    assert!(output.status.success(), "{}", text(&output.stderr));

    let in_runs = dir.0.join("in-runs.overlay.json");
    for file in ["tests.observations.json", "staging.observations.json"] {
        let output = learn(&collection, &[&observations(file)], Some(&in_runs));
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let once = std::fs::read_to_string(&at_once).expect("written");
    assert_eq!(
        once,
        std::fs::read_to_string(&in_runs).expect("written"),
        "learning is cumulative: two runs merge as one"
    );

    // Without new observations the overlay is compared again and written in its layout:
    // the same bytes.
    let output = learn(&collection, &[], Some(&at_once));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("(unchanged)"));
    assert_eq!(
        once,
        std::fs::read_to_string(&at_once).expect("still there")
    );
}

#[test]
fn a_broken_observation_file_is_an_error_naming_the_file_and_the_json_path() {
    let dir = TempDir::new("learn-broken");
    let collection = collection_in(&dir);
    let broken = dir.0.join("broken.observations.json");
    std::fs::write(
        &broken,
        r#"{"format": "postman-observations", "version": 1, "operations": {
            "users::list_users": {"200": {"count": 2, "kinds": {"object": 2}, "fields": {
                "users": {"count": 2, "kinds": {"array": "two"}}}}}}}"#,
    )
    .expect("written");
    let output = learn(&collection, &[&broken], None);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(&broken.display().to_string()), "{stderr}");
    assert!(
        stderr.contains(r#"$.operations["users::list_users"].200.fields.users.kinds.array"#),
        "{stderr}"
    );
    assert!(stderr.contains("expected a count"), "{stderr}");
    assert!(
        !dir.0.join("zoom.overlay.json").exists(),
        "nothing is written"
    );

    std::fs::write(
        &broken,
        r#"{"format": "postman-observations", "version": 2}"#,
    )
    .expect("written");
    let output = learn(&collection, &[&broken], None);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("$.version"), "{stderr}");
}

#[test]
fn an_operation_the_collection_lacks_is_a_warning() {
    let dir = TempDir::new("learn-unknown");
    let collection = collection_in(&dir);
    let unknown = dir.0.join("unknown.observations.json");
    std::fs::write(
        &unknown,
        r#"{"format": "postman-observations", "version": 1, "api": "zoom", "operations": {
            "users::list_robots": {"200": {"count": 1, "kinds": {"object": 1}}}}}"#,
    )
    .expect("written");
    let overlay = dir.0.join("zoom.overlay.json");
    let output = learn(
        &collection,
        &[&unknown, &observations("tests.observations.json")],
        Some(&overlay),
    );
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: the observations name the operation `users::list_robots`, which the collection does not have"),
        "{stderr}"
    );
    let written = read_json(&overlay);
    let operations: Vec<&String> = written["operations"]
        .as_object()
        .expect("operations")
        .keys()
        .collect();
    assert_eq!(operations, ["users::list_users"]);
}

/// The overlay of both observation files, for the bundled collection.
fn bundled_overlay(dir: &TempDir) -> PathBuf {
    let overlay = dir.0.join("zoom.overlay.json");
    let output = learn(&bundled_collection(), &[&observations("")], Some(&overlay));
    assert!(output.status.success(), "{}", text(&output.stderr));
    overlay
}

#[test]
fn diff_shows_what_the_overlay_changes_and_classifies_it() {
    let dir = TempDir::new("learn-diff");
    let overlay = bundled_overlay(&dir);
    let collection = bundled_collection();
    let args: [&OsStr; 5] = [
        "diff".as_ref(),
        collection.as_os_str(),
        collection.as_os_str(),
        "--overlay".as_ref(),
        overlay.as_os_str(),
    ];
    let output = run(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    for change in [
        "compatible  users::list_users: field `response.users[].cluster` added",
        "compatible  users::list_users: field `response.users[].login_types` added",
        "breaking    users::list_users: `response.users[].pmi` retyped from i64 to serde_json::Value",
        // The resource's other request takes what its list was seen to send.
        "breaking    users::get_a_user: `response.pmi` retyped from i64 to serde_json::Value",
        "compatible  users::get_a_user: field `response.cluster` added",
    ] {
        assert!(report.contains(change), "{change:?} missing from\n{report}");
    }
    assert!(report.ends_with("\n2 breaking, 7 compatible\n"), "{report}");
    let mut denied = args.to_vec();
    denied.push("--deny-breaking".as_ref());
    assert_eq!(run(&denied).status.code(), Some(3));

    // The overlay on both sides: nothing changed.
    let both = run(&[
        "diff".as_ref(),
        collection.as_os_str(),
        collection.as_os_str(),
        "--old-overlay".as_ref(),
        overlay.as_os_str(),
        "--overlay".as_ref(),
        overlay.as_os_str(),
    ]);
    assert!(text(&both.stdout).ends_with("0 breaking, 0 compatible\n"));
}

#[test]
fn the_lock_with_the_overlay_shows_the_learned_fields_and_without_it_is_unchanged() {
    let dir = TempDir::new("learn-lock");
    let overlay = bundled_overlay(&dir);
    let collection = bundled_collection();
    let with = run(&[
        "lock".as_ref(),
        collection.as_os_str(),
        "--overlay".as_ref(),
        overlay.as_os_str(),
    ]);
    assert!(with.status.success(), "{}", text(&with.stderr));
    let lock = text(&with.stdout);
    // The list's users are the resource the other user requests return, shared: what was
    // learned of it is learned for every request of the resource.
    assert!(
        lock.contains("type users::ListUsersUser = resources::User\n"),
        "{lock}"
    );
    let user = lock
        .lines()
        .find(|line| line.starts_with("struct resources::User "))
        .unwrap_or_else(|| panic!("the shared user struct is locked:\n{lock}"));
    for field in [
        r#"cluster: String = "cluster""#,
        r#"login_types: Vec<i64> = "login_types""#,
        r#"pmi: serde_json::Value = "pmi""#,
    ] {
        assert!(user.contains(field), "{field} missing from {user}");
    }
    let recorded = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api.lock");
    let without = run(&[
        "lock".as_ref(),
        collection.as_os_str(),
        "--check".as_ref(),
        recorded.as_os_str(),
    ]);
    assert!(without.status.success(), "{}", text(&without.stdout));
}

#[test]
fn a_broken_overlay_is_an_error_naming_it() {
    let dir = TempDir::new("learn-bad-overlay");
    let overlay = dir.0.join("zoom.overlay.json");
    std::fs::write(
        &overlay,
        r#"{"format": "postman-overlay", "version": 1, "operations": {"users::list_users": {"200": {"count": 1, "change": "grown"}}}}"#,
    )
    .expect("written");
    let output = run(&[
        "generate".as_ref(),
        bundled_collection().as_os_str(),
        "--overlay".as_ref(),
        overlay.as_os_str(),
    ]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&overlay.display().to_string()), "{stderr}");
    assert!(
        stderr.contains(r#"$.operations["users::list_users"].200.change"#),
        "{stderr}"
    );
}

#[test]
fn an_overlay_naming_an_operation_a_newer_export_dropped_is_a_warning() {
    let collection =
        std::fs::read_to_string(bundled_collection()).expect("the collection is readable");
    let mut config = postman_codegen::Config::new();
    config.overlay(
        r#"{"format": "postman-overlay", "version": 1, "operations": {
            "users::list_robots": {"200": {"count": 1, "kinds": {"object": 1}}}}}"#,
    );
    let generated = config.generate(&collection).expect("the bindings generate");
    let warnings: Vec<String> = generated.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains(
            "the overlay names the operation `users::list_robots`, which the collection does not have"
        )),
        "{warnings:#?}"
    );
    let plain = postman_codegen::Config::new()
        .generate(&collection)
        .expect("the bindings generate");
    assert_eq!(generated.code(), plain.code(), "nothing else changes");
}

/// The request named `name` anywhere in a collection's folders.
fn request_named<'c>(items: &'c mut Value, name: &str) -> Option<&'c mut Value> {
    for item in items.as_array_mut()? {
        if item["name"] == name && item.get("request").is_some() {
            return Some(item);
        }
        if let Some(found) = item
            .get_mut("item")
            .and_then(|inner| request_named(inner, name))
        {
            return Some(found);
        }
    }
    None
}

#[test]
fn a_newer_export_showing_a_learned_field_drops_it_from_the_overlay() {
    let dir = TempDir::new("learn-newer");
    let collection = collection_in(&dir);
    let overlay = dir.0.join("zoom.overlay.json");
    let output = learn(&collection, &[&observations("")], Some(&overlay));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let user = |overlay: &Value| {
        overlay["operations"]["users::list_users"]["200"]["fields"]["users"]["items"]["fields"]
            .clone()
    };
    assert!(user(&read_json(&overlay)).get("cluster").is_some());

    // The next export's example of the list shows `cluster`.
    let mut export: Value =
        serde_json::from_str(&std::fs::read_to_string(&collection).expect("readable"))
            .expect("JSON");
    let list = request_named(&mut export["item"], "List users").expect("the bundled list");
    let example = &mut list["response"][0]["body"];
    let mut body: Value =
        serde_json::from_str(example.as_str().expect("a body")).expect("a JSON body");
    body["users"][0]["cluster"] = json!("us05");
    *example = json!(body.to_string());
    std::fs::write(&collection, export.to_string()).expect("written");

    let output = learn(&collection, &[], Some(&overlay));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fields = user(&read_json(&overlay));
    assert!(fields.get("cluster").is_none(), "{fields}");
    assert!(fields.get("login_types").is_some(), "{fields}");
}

#[test]
fn the_library_names_the_broken_file_and_path_in_its_error() {
    let collection =
        std::fs::read_to_string(bundled_collection()).expect("the collection is readable");
    let broken = r#"{"format": "postman-observations", "version": 1, "operations": {
        "users::list_users": {"2OO": {"count": 1}}}}"#;
    let error = postman_codegen::Config::new()
        .learn(
            &collection,
            None,
            &[("ci/run-7.observations.json".to_owned(), broken.to_owned())],
        )
        .expect_err("a status that is not one is refused");
    assert_eq!(error.file(), Some("ci/run-7.observations.json"));
    assert_eq!(
        error.location().json_path(),
        r#"$.operations["users::list_users"].2OO"#
    );
    assert!(error.message().contains("not an HTTP status"), "{error}");
}
