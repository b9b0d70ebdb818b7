//! The generator against whole collections: the fixtures in the repository and, opt-in, every
//! file of a corpus of real-world collections (the folder `POSTMAN_CORPUS` names, with
//! `zoom/` and `real/` in it) must generate code that parses as Rust, with one function per
//! request; the quirk files and malformed input must fail with messages that say where and
//! why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::Value;

mod inputs;

use inputs::{bundled_collection, corpus, fixture};

/// The collections in a folder, in name order.
fn collections(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no collections in {}", dir.display());
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The requests in a collection, counted independently of the parser: the items, at any
/// depth of `item` arrays, that have a `request` key.
fn count_requests(json: &str) -> usize {
    fn count(items: Option<&Value>) -> usize {
        let Some(Value::Array(items)) = items else {
            return 0;
        };
        items
            .iter()
            .map(|item| usize::from(item.get("request").is_some()) + count(item.get("item")))
            .sum()
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let collection: Value = serde_json::from_str(json).expect("the collection is JSON");
    count(collection.get("item"))
}

/// Generates a collection and checks the result; `Ok` carries the summary line.
fn check(path: &Path) -> Result<String, String> {
    let json = read(path);
    let requests = count_requests(&json);
    let start = Instant::now();
    let generated = postman_codegen::Config::new()
        .generate(&json)
        .map_err(|e| format!("generate: {e}"))?;
    let elapsed = start.elapsed();
    syn::parse_file(generated.code())
        .map_err(|e| format!("the generated code does not parse: {e}"))?;
    if generated.operations() != requests {
        return Err(format!(
            "{requests} requests but {} operations",
            generated.operations()
        ));
    }
    Ok(format!(
        "{requests} requests, {} operations, {} warnings ({:.2} s)",
        generated.operations(),
        generated.warnings().len(),
        elapsed.as_secs_f64()
    ))
}

/// [`check`], with a panic turned into a failure so that it does not hide the other files.
fn check_without_panic(path: &Path) -> Result<String, String> {
    std::panic::catch_unwind(|| check(path)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

/// Checks every collection in `folder` of the corpus on all cores, printing a line for each,
/// and fails listing all the files that failed.
fn check_folder(corpus: &Path, folder: &str) {
    let files = collections(&corpus.join(folder));
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let mut results: Vec<(usize, Result<String, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers.min(files.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(index) else {
                            break done;
                        };
                        done.push((index, check_without_panic(path)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker does not panic"))
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);

    let mut failures = String::new();
    for (index, result) in results {
        let name = file_name(&files[index]);
        match result {
            Ok(summary) => eprintln!("{folder}/{name}: {summary}"),
            Err(error) => {
                eprintln!("{folder}/{name}: FAILED: {error}");
                writeln!(failures, "  {folder}/{name}: {error}").expect("writing to a String");
            }
        }
    }
    assert!(failures.is_empty(), "failing collections:\n{failures}");
}

#[test]
fn zoom_collections_generate() {
    if let Some(corpus) = corpus("the corpus's Zoom collections") {
        check_folder(&corpus, "zoom");
    }
}

#[test]
fn real_collections_generate() {
    if let Some(corpus) = corpus("the corpus's real-world collections") {
        check_folder(&corpus, "real");
    }
}

/// The fixtures, which the other tests use one rule at a time, generate as wholes.
#[test]
fn fixture_collections_generate() {
    for path in [
        bundled_collection(),
        fixture("inference.postman_collection.json"),
        fixture("shapes.postman_collection.json"),
        fixture("cli/before.postman_collection.json"),
        fixture("cli/after.postman_collection.json"),
    ] {
        let summary = check(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("{}: {summary}", file_name(&path));
    }
}

/// `MANIFEST.tsv` lists every collection in `real/` with its request count, which must agree
/// with the count the other tests check the generator against.
#[test]
fn manifest_agrees_with_request_counts() {
    let Some(corpus) = corpus("the corpus's MANIFEST.tsv") else {
        return;
    };
    let real = corpus.join("real");
    let manifest = read(&real.join("MANIFEST.tsv"));
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|&c| c == name)
            .unwrap_or_else(|| panic!("MANIFEST.tsv has no `{name}` column"))
    };
    let (file_column, requests_column) = (column("file"), column("requests"));

    let mut listed = Vec::new();
    let mut mismatches = String::new();
    for line in lines.filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let file = fields[file_column];
        let expected: usize = fields[requests_column]
            .parse()
            .unwrap_or_else(|e| panic!("{file}: bad request count: {e}"));
        let counted = count_requests(&read(&real.join(file)));
        if counted != expected {
            writeln!(
                mismatches,
                "  {file}: MANIFEST says {expected}, counted {counted}"
            )
            .expect("writing to a String");
        }
        listed.push(file.to_owned());
    }
    listed.sort();
    let present: Vec<String> = collections(&real).iter().map(|p| file_name(p)).collect();
    assert_eq!(
        listed, present,
        "MANIFEST.tsv and real/ list different files"
    );
    assert!(
        mismatches.is_empty(),
        "request counts differ:\n{mismatches}"
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let path = fixture("quirks/byte-order-mark.postman_collection.json");
    let json = read(&path);
    assert!(
        json.starts_with('\u{feff}'),
        "the quirk file starts with a BOM"
    );
    let summary = check(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(summary.starts_with("2 requests, 2 operations"), "{summary}");
}

#[test]
fn collection_v1_is_refused_with_a_hint() {
    let path = fixture("quirks/v1.postman_collection.json");
    let error = postman_codegen::Config::new()
        .generate(&read(&path))
        .expect_err("v1 is not supported");
    let message = error.to_string();
    assert_eq!(error.location().json_path(), "$", "{message}");
    assert!(message.starts_with("$: "), "{message}");
    assert!(message.contains("v1"), "{message}");
    assert!(message.contains("Collection v2.1"), "{message}");
    assert!(error.hint().is_some(), "{message}");
}

/// Generates `json`, expecting an error whose message contains each of `expected`.
fn assert_error(json: &str, expected: &[&str]) {
    let error = match postman_codegen::Config::new().generate(json) {
        Ok(generated) => panic!(
            "{json}\ngenerated {} operations instead of failing",
            generated.operations()
        ),
        Err(error) => error.to_string(),
    };
    for part in expected {
        assert!(
            error.contains(part),
            "{json}\nthe error does not mention {part:?}: {error}"
        );
    }
}

const INFO: &str = r#""info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}"#;

#[test]
fn invalid_json_names_line_and_column() {
    assert_error(r#"{"info": "#, &["not valid JSON", "line 1", "column 9"]);
    assert_error(
        "{\n  \"info\": {},\n  \"item\": [,]\n}",
        &["not valid JSON", "line 3", "column"],
    );
    assert_error("", &["not valid JSON", "line 1"]);
}

#[test]
fn wrong_shapes_name_the_json_path() {
    assert_error("[]", &["$: ", "JSON object", "an array"]);
    assert_error(&format!("{{{INFO}}}"), &["$: ", "`item`"]);
    assert_error(
        &format!(r#"{{{INFO}, "item": 3}}"#),
        &["$.item: ", "array", "a number"],
    );
    assert_error(
        &format!(r#"{{{INFO}, "item": ["users"]}}"#),
        &["$.item[0]: ", "object", "a string"],
    );
    assert_error(
        &format!(r#"{{{INFO}, "item": [{{"name": "users", "item": {{}}}}]}}"#),
        &[r#"$.item[0].item (in "users"): "#, "found an object"],
    );
}

#[test]
fn bad_request_names_path_and_item() {
    let json = format!(
        r#"{{{INFO}, "item": [{{"name": "folder", "item": [
            {{"name": "fine", "request": "https://example.com/fine"}},
            {{"name": "request", "request": 42}}
        ]}}]}}"#
    );
    assert_error(
        &json,
        &[
            r#"$.item[0].item[1].request (in "folder / request"): "#,
            "`request`",
            "a number",
        ],
    );

    let json = format!(
        r#"{{{INFO}, "item": [{{"name": "users", "item": [{{"name": "Get a user", "request": {{"method": 7, "url": "https://example.com/users/1"}}}}]}}]}}"#
    );
    assert_error(
        &json,
        &[
            r#"$.item[0].item[0].request.method (in "users / Get a user")"#,
            "`method`",
            "a number",
        ],
    );

    let json =
        format!(r#"{{{INFO}, "item": [{{"name": "no url", "request": {{"method": "GET"}}}}]}}"#);
    assert_error(&json, &[r#"$.item[0].request (in "no url")"#, "no `url`"]);

    let json =
        format!(r#"{{{INFO}, "item": [{{"name": "bad url", "request": {{"url": true}}}}]}}"#);
    assert_error(
        &json,
        &[
            r#"$.item[0].request.url (in "bad url")"#,
            "`url`",
            "a boolean",
        ],
    );
}

/// A collection of another vendor is read with the generic profile, and what is generated
/// for it says nothing of Zoom; Zoom's collections are recognised as Zoom's.
#[test]
fn profiles_are_detected_and_vendor_words_stay_with_their_vendor() {
    let assert_generic = |path: &Path| {
        let generated = postman_codegen::Config::new()
            .generate(&read(path))
            .expect("generates");
        assert_eq!(generated.profile(), "generic", "{}", path.display());
        assert!(
            !generated.code().to_ascii_lowercase().contains("zoom"),
            "{} mentions Zoom",
            path.display()
        );
    };
    assert_generic(&fixture("shapes.postman_collection.json"));
    let bundled = postman_codegen::Config::new()
        .generate(&read(&bundled_collection()))
        .expect("generates");
    assert_eq!(bundled.profile(), "zoom");

    let Some(corpus) = corpus("the profiles of the corpus's collections") else {
        return;
    };
    for name in [
        "transferwise__public-api-postman-collection__all-endpoints_TW-API.postman_collection.json",
        "vernig__twilio-postman-collection__local_Twilio.postman_collection.json",
        "docusign__postman-collections__assets_admin-collection.json",
    ] {
        assert_generic(&corpus.join("real").join(name));
    }
    for path in collections(&corpus.join("zoom")) {
        let generated = postman_codegen::Config::new()
            .generate(&read(&path))
            .expect("generates");
        assert_eq!(generated.profile(), "zoom", "{}", path.display());
    }
}
