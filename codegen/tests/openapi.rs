//! The OpenAPI documents the generator writes: what they say of a small collection (types,
//! enums, required markers, bodies per content type, errors, security, hosts), what they
//! carry of the Zoom profile's knowledge, that they are stable, and, when `OPENAPI_VALIDATOR`
//! names a validator (.ci/run sets it to `validate_openapi.py` beside this file, with
//! openapi-spec-validator installed), that the validator finds them valid: the fixtures'
//! and the bundled collection's here, every corpus collection's with `POSTMAN_CORPUS` too.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use postman_codegen::{Config, OpenApi};
use serde_json::{json, Value};

mod inputs;

use inputs::{bundled_collection, corpus, fixture};

fn openapi(path: &Path) -> OpenApi {
    Config::new()
        .openapi_file(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value a `$ref` points at, or the value itself.
fn resolve<'d>(document: &'d Value, value: &'d Value) -> &'d Value {
    match value["$ref"].as_str() {
        Some(reference) => document
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{reference} points nowhere")),
        None => value,
    }
}

fn parameter<'d>(operation: &'d Value, name: &str) -> &'d Value {
    operation["parameters"]
        .as_array()
        .and_then(|all| all.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name} in {operation}"))
}

#[test]
fn the_fixture_is_typed_as_the_bindings_type_it() {
    let generated = openapi(&fixture("openapi.postman_collection.json"));
    let doc = generated.document();
    assert_eq!(doc["openapi"], "3.1.0");
    let servers: Vec<&Value> = doc["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["url"])
        .collect();
    assert_eq!(
        servers,
        ["https://api.shop.example/v1", "https://files.shop.example"]
    );
    let tags: Vec<&Value> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["name"])
        .collect();
    assert_eq!(tags, ["Orders", "Receipts"]);

    let list = &doc["paths"]["/orders"]["get"];
    assert_eq!(list["operationId"], "orders::list_orders");
    assert_eq!(list["summary"], "List orders");
    assert_eq!(list["tags"], json!(["Orders"]));
    // A documented value list is an open enum: the values, or any other string.
    let status = resolve(doc, &parameter(list, "status")["schema"]);
    assert_eq!(status["type"], "string");
    assert_eq!(status["oneOf"][0]["enum"], json!(["open", "shipped"]));
    assert_eq!(
        status["oneOf"][1]["not"]["enum"],
        json!(["open", "shipped"])
    );
    assert_eq!(status["x-enum-descriptions"]["open"], "Not shipped yet.");
    let page_size = parameter(list, "page_size");
    assert_eq!(page_size["required"], true);
    assert_eq!(page_size["schema"]["type"], "integer");
    assert_eq!(page_size["example"], 30);
    assert_eq!(page_size["description"], "How many orders a page holds.");
    let tag = parameter(list, "tag");
    assert_eq!(tag["required"], false);
    assert_eq!(
        tag["schema"],
        json!({"type": "array", "items": {"type": "string"}})
    );
    assert_eq!(tag["explode"], true);

    // Responses: the bindings' struct as a component, its nested structs too.
    let ok = &list["responses"]["200"]["content"]["application/json"];
    let page = resolve(doc, &ok["schema"]);
    assert_eq!(page["title"], "ListOrdersResponse");
    let order = resolve(doc, &page["properties"]["orders"]["items"]);
    assert_eq!(order["properties"]["id"]["type"], "integer");
    assert_eq!(order["properties"]["total"]["type"], "number");
    assert_eq!(order["properties"]["paid"]["type"], "boolean");
    assert_eq!(order["properties"]["created_at"]["format"], "date-time");
    assert_eq!(order["additionalProperties"], true);
    assert_eq!(ok["examples"]["Listed"]["value"]["orders"][0]["id"], 7);
    // A documented error: its code, its message and its body's shape.
    let error = &list["responses"]["400"];
    assert_eq!(error["x-error-codes"][0]["code"], 300);
    let error_body = &error["content"]["application/json"]["schema"];
    assert_eq!(error_body["properties"]["code"]["type"], "integer");
    assert_eq!(list["security"], json!([{"oauth2": []}]));

    let item = &doc["paths"]["/orders/{orderId}"];
    let id = parameter(&item["get"], "orderId");
    assert_eq!((&id["in"], &id["required"]), (&json!("path"), &json!(true)));
    assert_eq!(item["delete"]["deprecated"], true);
    assert!(item["delete"]["responses"]["204"]["content"].is_null());
    let form = &item["patch"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(form["schema"]["required"], json!(["status"]));
    assert_eq!(form["schema"]["properties"]["note"]["type"], "string");

    let upload = &doc["paths"]["/receipts"]["post"];
    let parts = &upload["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert_eq!(
        parts["properties"]["file"]["contentMediaType"],
        "application/octet-stream"
    );
    assert_eq!(parts["required"], json!(["file"]));
    assert_eq!(upload["servers"][0]["url"], "https://files.shop.example");
    assert_eq!(upload["security"], json!([{"apiKey.header.X-Api-Key": []}]));
    let health = &doc["paths"]["/health"]["get"];
    assert_eq!(health["security"], json!([]), "noauth takes no credentials");
    assert_eq!(
        health["responses"]["200"]["content"]["text/plain"]["schema"]["type"],
        "string"
    );

    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(
        schemes["oauth2"]["flows"]["authorizationCode"]["tokenUrl"],
        "https://auth.shop.example/token"
    );
    assert_eq!(
        schemes["apiKey.header.X-Api-Key"],
        json!({"type": "apiKey", "name": "X-Api-Key", "in": "header"})
    );
    assert!(
        generated.warnings().is_empty(),
        "{:?}",
        generated.warnings()
    );
}

#[test]
fn the_bundled_document_carries_the_zoom_profiles_knowledge() {
    let collection = bundled_collection();
    let generated = openapi(&collection);
    let doc = generated.document();
    let operations: Vec<&Value> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .collect();
    // Operation ids are the bindings' functions, as the API lock lists them.
    let lock = Config::new().generate_file(&collection).unwrap();
    let functions = lock.api_lock();
    for operation in &operations {
        let id = operation["operationId"].as_str().unwrap();
        assert!(
            functions.contains(&format!("fn {id}(")),
            "{id} is not a function of the bindings"
        );
    }
    assert_eq!(operations.len(), lock.operations());

    let get_user = &doc["paths"]["/users/{userId}"]["get"];
    assert_eq!(get_user["operationId"], "users::get_a_user");
    // An enum of integers takes its example as an integer, one of its values.
    let login_type = parameter(get_user, "login_type");
    let values = &resolve(doc, &login_type["schema"])["oneOf"][0]["enum"];
    assert!(login_type["example"].is_i64(), "{login_type}");
    assert!(values.as_array().unwrap().contains(&login_type["example"]));
    assert_eq!(get_user["x-rate-limit-label"], "Light");
    let scopes = get_user["x-scopes"].as_array().unwrap();
    assert!(scopes.contains(&json!("user:read:admin")), "{scopes:?}");
    assert_eq!(get_user["security"][0]["oauth2"], get_user["x-scopes"]);
    let flows = &doc["components"]["securitySchemes"]["oauth2"]["flows"];
    assert_eq!(
        flows["authorizationCode"]["authorizationUrl"],
        "https://zoom.us/oauth/authorize"
    );
    assert!(flows["clientCredentials"]["scopes"]["user:read:admin"].is_string());
    let list_users = &doc["paths"]["/users"]["get"];
    assert_eq!(list_users["x-pagination"]["style"], "cursor");
    assert_eq!(list_users["x-pagination"]["query"], "next_page_token");
    assert_eq!(list_users["x-pagination"]["items"], "users");
    // What the bindings share is one component: the account settings are the response of
    // one operation and the request body of another.
    let settings = json!({"$ref": "#/components/schemas/resources.AccountSettings"});
    let item = &doc["paths"]["/accounts/{accountId}/settings"];
    assert_eq!(
        item["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        settings
    );
    assert_eq!(
        item["patch"]["requestBody"]["content"]["application/json"]["schema"],
        settings
    );
    assert!(doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "users"));
}

#[test]
fn requests_with_one_method_and_path_are_merged_and_kept_whole_and_paths_are_not_repeated() {
    let collection = r#"{
        "info": {"name": "Pay", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Payments", "item": [
            {"name": "Pay by card", "request": {"method": "POST", "url": "https://pay.example/payments",
                "body": {"mode": "raw", "raw": "{\"card\": \"4111\"}", "options": {"raw": {"language": "json"}}}}},
            {"name": "Pay by bank", "request": {"method": "POST", "url": "https://pay.example/payments?instant=true",
                "body": {"mode": "raw", "raw": "{\"iban\": \"DE00\"}", "options": {"raw": {"language": "json"}}}}},
            {"name": "Forget payments", "request": {"method": "PURGE", "url": "https://pay.example/payments"}},
            {"name": "Get a payment", "request": "https://pay.example/payments/:id"},
            {"name": "Void a payment", "request": {"method": "DELETE", "url": "https://pay.example/payments/:paymentId"}}
        ]}]
    }"#;
    let generated = Config::new().openapi(collection).unwrap();
    let doc = generated.document();
    let item = &doc["paths"]["/payments"];
    let pay = &item["post"];
    assert_eq!(pay["operationId"], "payments::pay_by_card");
    assert_eq!(pay["x-variants"], json!(["payments::pay_by_bank"]));
    let schema = &pay["requestBody"]["content"]["application/json"]["schema"];
    let branches: Vec<&Value> = schema["anyOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|branch| &resolve(doc, branch)["title"])
        .collect();
    assert_eq!(branches, ["PayByCardBody", "PayByBankBody"]);
    let instant = parameter(pay, "instant");
    assert_eq!(instant["required"], false, "not every variation sends it");
    let kept: Vec<(&Value, &Value)> = item["x-other-operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| (&op["operationId"], &op["x-method"]))
        .collect();
    assert_eq!(
        kept,
        [
            (&json!("payments::pay_by_bank"), &json!("POST")),
            (&json!("payments::forget_payments"), &json!("PURGE"))
        ]
    );
    // Paths that differ only in their parameters' names are one path to OpenAPI.
    let payment = &doc["paths"]["/payments/{id}"];
    assert_eq!(payment["delete"]["operationId"], "payments::void_a_payment");
    assert_eq!(parameter(&payment["delete"], "id")["in"], "path");
    assert!(doc["paths"]["/payments/{paymentId}"].is_null());
    let warnings: Vec<String> = generated.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("merged into `payments::pay_by_card`"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("no `PURGE` operations"),
        "{warnings:?}"
    );
}

#[test]
fn an_overlay_types_the_document_as_it_types_the_bindings() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/learned_fields");
    let document = Config::new()
        .overlay_file(golden.join("expected_overlay.json"))
        .openapi_file(&golden.join("collection.json"))
        .unwrap();
    let doc = document.document();
    let list = &doc["paths"]["/docks"]["get"]["responses"]["200"]["content"]["application/json"];
    let dock = resolve(
        doc,
        &resolve(doc, &list["schema"])["properties"]["docks"]["items"],
    );
    // A field only observed responses showed, typed from them, and said so.
    let capacity = &dock["properties"]["capacity"];
    assert_eq!(capacity["type"], "integer");
    assert_eq!(
        capacity["x-observed"],
        json!({"presentIn": 6, "added": true})
    );
    assert_eq!(
        dock["properties"]["status"]["x-observed"]["values"],
        json!({"closed": 1, "open": 5})
    );
    // Without the overlay the field is not there: the document follows the bindings.
    let plain = openapi(&golden.join("collection.json"));
    let plain = plain.document();
    let list = &plain["paths"]["/docks"]["get"]["responses"]["200"]["content"]["application/json"];
    let dock = resolve(
        plain,
        &resolve(plain, &list["schema"])["properties"]["docks"]["items"],
    );
    assert!(dock["properties"]["capacity"].is_null(), "{dock}");
}

#[test]
fn the_same_collection_gives_the_same_bytes() {
    for path in [
        bundled_collection(),
        fixture("inference.postman_collection.json"),
    ] {
        let (first, second) = (openapi(&path), openapi(&path));
        assert_eq!(first.to_json(), second.to_json(), "{}", path.display());
        assert_eq!(first.to_yaml(), second.to_yaml(), "{}", path.display());
    }
}

#[test]
fn the_command_writes_yaml_by_the_files_extension() {
    let dir = scratch("cli");
    let yaml = dir.join("shop.yaml");
    let json = dir.join("shop.json");
    let collection = fixture("openapi.postman_collection.json");
    for output in [&yaml, &json] {
        let status = Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
            .arg("openapi")
            .arg(&collection)
            .arg("-o")
            .arg(output)
            .status()
            .expect("the command runs");
        assert!(status.success());
    }
    let yaml = std::fs::read_to_string(yaml).unwrap();
    let json = std::fs::read_to_string(json).unwrap();
    assert!(yaml.starts_with("openapi: \"3.1.0\"\ninfo:\n"), "{yaml}");
    let document: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(&document, openapi(&collection).document());
}

/// A folder of its own under cargo's scratch directory for integration tests, emptied.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("openapi-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder is made");
    dir
}

/// The validator `OPENAPI_VALIDATOR` names, or `None` (the test then says it was skipped).
fn validator(test: &str) -> Option<PathBuf> {
    let Some(program) = std::env::var_os("OPENAPI_VALIDATOR") else {
        let line = format!(
            "skipped {test}: set OPENAPI_VALIDATOR to a validator of OpenAPI files (codegen/tests/validate_openapi.py with openapi-spec-validator installed) to run it\n"
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
        return None;
    };
    Some(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(program),
    )
}

/// Writes each collection's document (as JSON, and as YAML too when `yaml`) into `dir`
/// and runs the validator once over all of them; panics with its report unless every
/// document is valid.
fn validate(program: &Path, dir: &Path, collections: &[PathBuf], yaml: bool) {
    // Written on two threads (the machines running this have two cores).
    let write = |index: usize, collection: &PathBuf| -> Vec<PathBuf> {
        let document = openapi(collection);
        let stem = collection
            .file_stem()
            .map_or_else(|| format!("{index}"), |s| s.to_string_lossy().into_owned());
        let json = dir.join(format!("{index:03}-{stem}.json"));
        std::fs::write(&json, document.to_json()).expect("the document is written");
        let mut files = vec![json];
        if yaml {
            let path = dir.join(format!("{index:03}-{stem}.yaml"));
            std::fs::write(&path, document.to_yaml()).expect("the document is written");
            files.push(path);
        }
        files
    };
    let indexed: Vec<(usize, &PathBuf)> = collections.iter().enumerate().collect();
    let (even, odd): (Vec<_>, Vec<_>) = indexed.iter().partition(|(index, _)| index % 2 == 0);
    let mut files: Vec<PathBuf> = std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            odd.iter()
                .flat_map(|(index, path)| write(*index, path))
                .collect::<Vec<_>>()
        });
        let mut files: Vec<PathBuf> = even
            .iter()
            .flat_map(|(index, path)| write(*index, path))
            .collect();
        files.extend(other.join().expect("the writing thread finishes"));
        files
    });
    files.sort();
    let output = Command::new(program)
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the validator {}: {e}", program.display()));
    let report = String::from_utf8_lossy(&output.stdout);
    // The verdict, on the terminal past the harness's capture, for CI's log.
    let verdict = format!(
        "openapi validator over {} documents: {}\n",
        files.len(),
        report.lines().last().unwrap_or("no report")
    );
    let _ = std::io::stderr().write_all(verdict.as_bytes());
    assert!(
        output.status.success(),
        "the validator rejects some documents:\n{}{}",
        report
            .lines()
            .filter(|line| !line.ends_with(": OK"))
            .collect::<Vec<_>>()
            .join("\n"),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_fixtures_and_the_bundled_collection_are_valid_openapi() {
    let Some(program) = validator("the_fixtures_and_the_bundled_collection_are_valid_openapi")
    else {
        return;
    };
    let collections = [
        bundled_collection(),
        fixture("inference.postman_collection.json"),
        fixture("openapi.postman_collection.json"),
        fixture("shapes.postman_collection.json"),
    ];
    validate(&program, &scratch("fixtures"), &collections, true);
}

#[test]
fn every_corpus_collection_is_valid_openapi() {
    let Some(dir) = corpus("every_corpus_collection_is_valid_openapi") else {
        return;
    };
    let Some(program) = validator("every_corpus_collection_is_valid_openapi") else {
        return;
    };
    let mut collections = Vec::new();
    for folder in ["zoom", "real"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .unwrap_or_else(|e| panic!("cannot list the corpus: {e}"))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        collections.extend(files);
    }
    assert!(collections.len() > 2, "the corpus holds no collections");
    validate(&program, &scratch("corpus"), &collections, false);
}
