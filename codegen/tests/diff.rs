//! `postman-codegen diff` on hand-made pairs of collections: one pair per kind of change,
//! each classified as breaking, compatible or docs-only; and a pair that only reorders
//! requests and changes Postman's ids, which reports nothing.

use postman_codegen::{ApiDiff, Change, Impact};
use serde_json::{json, Value};

/// A small collection: a folder `users` with a list and a get, a folder `meetings` with a
/// create. Tests change one thing in a copy of it.
fn base() -> Value {
    json!({
        "info": {
            "_postman_id": "00000000-0000-0000-0000-000000000001",
            "name": "Diff fixture",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "variable": [{"key": "baseUrl", "value": "https://api.example.com/v1"}],
        "item": [
            {"name": "users", "item": [
                {
                    "id": "a1",
                    "name": "List users",
                    "request": {
                        "method": "GET",
                        "description": "Lists the users.",
                        "url": {
                            "raw": "{{baseUrl}}/users?status=active&page_size=30",
                            "host": ["{{baseUrl}}"],
                            "path": ["users"],
                            "query": [
                                {"key": "status", "value": "active", "description": "Which users:<br>`active` - Active ones.<br>`inactive` - Inactive ones."},
                                {"key": "page_size", "value": "30"}
                            ]
                        }
                    },
                    "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                                  "body": "{\"users\": [{\"id\": \"u1\", \"email\": \"a@example.com\", \"type\": 1}]}"}]
                },
                {
                    "id": "a2",
                    "name": "Get a user",
                    "request": {
                        "method": "GET",
                        "url": {"raw": "{{baseUrl}}/users/:userId", "host": ["{{baseUrl}}"], "path": ["users", ":userId"]}
                    },
                    "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                                  "body": "{\"id\": \"u1\", \"email\": \"a@example.com\"}"}]
                }
            ]},
            {"name": "meetings", "item": [
                {
                    "id": "a3",
                    "name": "Create a meeting",
                    "request": {
                        "method": "POST",
                        "url": {"raw": "{{baseUrl}}/meetings", "host": ["{{baseUrl}}"], "path": ["meetings"]},
                        "body": {"mode": "raw", "raw": "{\"topic\": \"Sync\", \"duration\": 30}", "options": {"raw": {"language": "json"}}}
                    },
                    "response": [{"name": "ok", "code": 201, "header": [{"key": "Content-Type", "value": "application/json"}],
                                  "body": "{\"id\": 1, \"topic\": \"Sync\"}"}]
                }
            ]}
        ]
    })
}

fn report(old: &Value, new: &Value) -> ApiDiff {
    postman_codegen::Config::new()
        .diff(&old.to_string(), &new.to_string())
        .expect("the fixtures generate")
}

fn changes(old: &Value, new: &Value) -> Vec<Change> {
    report(old, new).changes().to_vec()
}

/// The one change `edit` makes, which must have this impact and mention `words`.
fn single_change(edit: impl FnOnce(&mut Value), impact: Impact, words: &str) {
    let old = base();
    let mut new = base();
    edit(&mut new);
    let changes = changes(&old, &new);
    let relevant: Vec<&Change> = changes.iter().filter(|c| c.what.contains(words)).collect();
    assert!(
        !relevant.is_empty(),
        "no change mentions {words:?}: {changes:#?}"
    );
    for change in relevant {
        assert_eq!(change.impact, impact, "{change:?}");
    }
}

fn users(v: &mut Value) -> &mut Value {
    &mut v["item"][0]["item"]
}

fn list_users(v: &mut Value) -> &mut Value {
    &mut users(v)[0]
}

fn list_query(v: &mut Value) -> &mut Vec<Value> {
    list_users(v)["request"]["url"]["query"]
        .as_array_mut()
        .expect("a query")
}

fn set_list_body(v: &mut Value, body: Value) {
    list_users(v)["response"][0]["body"] = json!(body.to_string());
}

#[test]
fn an_unchanged_collection_reports_nothing() {
    assert!(changes(&base(), &base()).is_empty());
}

#[test]
fn reordering_requests_and_new_ids_report_nothing() {
    let mut new = base();
    users(&mut new).as_array_mut().unwrap().reverse();
    new["item"].as_array_mut().unwrap().reverse();
    new["info"]["_postman_id"] = json!("11111111-2222-3333-4444-555555555555");
    users(&mut new)[0]["id"] = json!("z9");
    assert_eq!(changes(&base(), &new), Vec::<Change>::new());
}

#[test]
fn an_added_operation_is_compatible_and_a_removed_one_breaking() {
    single_change(
        |v| {
            let mut extra = users(v)[1].clone();
            extra["name"] = json!("Get a user's token");
            extra["request"]["url"]["path"] = json!(["users", ":userId", "token"]);
            users(v).as_array_mut().unwrap().push(extra);
        },
        Impact::Compatible,
        "added (GET /users/{userId}/token)",
    );
    single_change(
        |v| {
            users(v).as_array_mut().unwrap().remove(1);
        },
        Impact::Breaking,
        "removed (GET /users/{userId})",
    );
}

#[test]
fn a_renamed_request_is_a_rename_not_a_removal_and_an_addition() {
    let mut new = base();
    users(&mut new)[1]["name"] = json!("Retrieve a user");
    let changes = changes(&base(), &new);
    assert!(
        !changes
            .iter()
            .any(|c| c.what.starts_with("added") || c.what.starts_with("removed")),
        "{changes:#?}"
    );
    let rename = changes
        .iter()
        .find(|c| c.what == "renamed from `get_a_user`")
        .expect("a rename");
    assert_eq!(rename.impact, Impact::Breaking);
    assert_eq!(rename.operation, "users::retrieve_a_user");
    // Its response type is named after it, so code naming that type breaks too.
    assert!(changes
        .iter()
        .all(|c| c.impact == Impact::Breaking && c.operation == "users::retrieve_a_user"));
}

#[test]
fn a_request_moved_to_another_folder_is_breaking() {
    single_change(
        |v| {
            let moved = users(v).as_array_mut().unwrap().remove(1);
            v["item"][1]["item"].as_array_mut().unwrap().push(moved);
        },
        Impact::Breaking,
        "moved from module `users`",
    );
}

#[test]
fn a_deprecated_request_is_compatible() {
    single_change(
        |v| users(v)[1]["request"]["description"] = json!("Deprecated: use List users."),
        Impact::Compatible,
        "deprecated",
    );
}

#[test]
fn query_parameters_added_removed_and_retyped() {
    single_change(
        |v| list_query(v).push(json!({"key": "role_id", "value": "r1"})),
        Impact::Compatible,
        "optional query parameter `role_id` added",
    );
    single_change(
        |v| {
            list_query(v).push(
                json!({"key": "account", "value": "x", "description": "(Required) The account."}),
            )
        },
        Impact::Breaking,
        "required query parameter `account` added",
    );
    single_change(
        |v| {
            list_query(v).remove(1);
        },
        Impact::Breaking,
        "query parameter `page_size` removed",
    );
    single_change(
        |v| list_query(v)[1]["value"] = json!("thirty"),
        Impact::Breaking,
        "`query.page_size` retyped from i64 to String",
    );
}

#[test]
fn response_fields_added_removed_and_retyped() {
    single_change(
        |v| {
            set_list_body(
                v,
                json!({"users": [{"id": "u1", "email": "a@example.com", "type": 1, "dept": "Ops"}]}),
            )
        },
        Impact::Compatible,
        "field `response.users[].dept` added",
    );
    single_change(
        |v| set_list_body(v, json!({"users": [{"id": "u1", "type": 1}]})),
        Impact::Breaking,
        "field `response.users[].email` removed",
    );
    single_change(
        |v| {
            set_list_body(
                v,
                json!({"users": [{"id": 7, "email": "a@example.com", "type": 1}]}),
            )
        },
        Impact::Breaking,
        "`response.users[].id` retyped from String to i64",
    );
}

#[test]
fn body_fields_are_compared_like_response_fields() {
    single_change(
        |v| {
            v["item"][1]["item"][0]["request"]["body"]["raw"] =
                json!("{\"topic\": \"Sync\", \"duration\": 30, \"agenda\": \"Plans\"}")
        },
        Impact::Compatible,
        "field `body.agenda` added",
    );
}

#[test]
fn enum_values_added_are_compatible_and_removed_breaking() {
    single_change(
        |v| {
            list_query(v)[0]["description"] = json!(
                "Which users:<br>`active` - Active ones.<br>`inactive` - Inactive ones.<br>`pending` - Not yet confirmed."
            )
        },
        Impact::Compatible,
        "enum value `pending` added",
    );
    single_change(
        |v| {
            list_query(v)[0]["description"] =
                json!("Which users:<br>`active` - Active ones.<br>`pending` - Not yet confirmed.")
        },
        Impact::Breaking,
        "enum value `inactive` removed",
    );
}

#[test]
fn a_numeric_variant_named_anew_is_breaking() {
    fn with_levels(levels: &str) -> Value {
        let mut v = base();
        list_query(&mut v).push(json!({"key": "level", "value": "1", "description": levels}));
        v
    }
    let old = with_levels("The level:<br>`1` - A basic user.<br>`2` - A licensed user.");
    let new = with_levels("The level:<br>`1` - A free user.<br>`2` - A licensed user.");
    let found = changes(&old, &new);
    assert!(
        found.iter().any(|c| c.impact == Impact::Breaking
            && c.what
                .contains("variant `Basic` renamed to `Free` (value `1`)")),
        "{found:?}"
    );
}

#[test]
fn a_changed_description_is_docs_only() {
    single_change(
        |v| list_users(v)["request"]["description"] = json!("Lists every user of the account."),
        Impact::Docs,
        "description changed",
    );
}

#[test]
fn the_json_report_has_breaking_and_compatible_arrays_naming_operations() {
    let mut new = base();
    users(&mut new).as_array_mut().unwrap().remove(1);
    list_query(&mut new).push(json!({"key": "role_id", "value": "r1"}));
    let report_json = report(&base(), &new).to_json();
    assert_eq!(report_json["breaking"][0]["operation"], "users::get_a_user");
    assert_eq!(
        report_json["compatible"][0]["operation"],
        "users::list_users"
    );
    assert!(report_json["docs"].as_array().is_some_and(Vec::is_empty));
    let text = report(&base(), &new).to_text();
    assert!(text.ends_with("1 breaking, 1 compatible\n"), "{text}");
}

/// Functions keep their names when unrelated requests come, go or move, and requests that
/// would share a name are told apart by their paths, not their order.
#[test]
fn names_do_not_depend_on_order_or_on_unrelated_requests() {
    let names = |v: &Value| -> Vec<String> {
        let inspection = postman_codegen::Config::new()
            .inspect(&v.to_string())
            .expect("generates");
        let mut names: Vec<String> = inspection.model["operations"]
            .as_array()
            .expect("the model lists operations")
            .iter()
            .map(|op| match op["module"].as_str() {
                Some(module) => format!("{module}::{}", op["function"].as_str().unwrap()),
                None => op["function"].as_str().unwrap().to_owned(),
            })
            .collect();
        names.sort();
        names
    };
    let mut twins = base();
    let mut account_level = users(&mut twins)[1].clone();
    account_level["request"]["url"]["path"] = json!(["accounts", ":accountId", "users", ":userId"]);
    users(&mut twins)
        .as_array_mut()
        .unwrap()
        .push(account_level);
    let expected = names(&twins);
    assert!(
        expected.contains(&"users::get_a_user".to_owned()),
        "{expected:?}"
    );
    assert!(
        expected.contains(&"users::get_a_user_accounts".to_owned()),
        "{expected:?}"
    );
    let mut reordered = twins.clone();
    users(&mut reordered).as_array_mut().unwrap().reverse();
    assert_eq!(names(&reordered), expected);
    let mut fewer = twins.clone();
    v_remove_list(&mut fewer);
    let without_list: Vec<String> = expected
        .iter()
        .filter(|n| !n.starts_with("users::list_users"))
        .cloned()
        .collect();
    assert_eq!(names(&fewer), without_list);
}

fn v_remove_list(v: &mut Value) {
    users(v).as_array_mut().unwrap().remove(0);
}

/// A collection whose one request sends a form, with the given fields (key, value,
/// required: a description starting `(Required)`).
fn with_form(fields: &[(&str, &str, bool)]) -> Value {
    let fields: Vec<Value> = fields
        .iter()
        .map(|(key, value, required)| {
            let description = if *required {
                "(Required) Needed."
            } else {
                "Optional."
            };
            json!({"key": key, "value": value, "description": description})
        })
        .collect();
    json!({
        "info": {"name": "Forms", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "tokens", "item": [{
            "name": "Request a token",
            "request": {
                "method": "POST",
                "url": "https://auth.example.com/tokens",
                "body": {"mode": "urlencoded", "urlencoded": fields}
            },
            "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                          "body": "{\"access_token\": \"t\"}"}]
        }]}]
    })
}

#[test]
fn form_fields_are_compared_like_query_parameters() {
    let old = with_form(&[
        ("grant_type", "client_credentials", true),
        ("scope", "read", false),
    ]);
    let new = with_form(&[
        ("grant_type", "client_credentials", true),
        ("audience", "api", false),
        ("client_id", "abc", true),
    ]);
    let found = changes(&old, &new);
    let impact_of = |words: &str| {
        found
            .iter()
            .find(|c| c.what.contains(words))
            .map(|c| c.impact)
            .unwrap_or_else(|| panic!("no change mentions {words:?}: {found:#?}"))
    };
    assert_eq!(
        impact_of("optional form field `audience` added"),
        Impact::Compatible
    );
    assert_eq!(
        impact_of("required form field `client_id` added"),
        Impact::Breaking
    );
    assert_eq!(impact_of("form field `scope` removed"), Impact::Breaking);
}

/// Observations of `users::list_users`: every user has a `name` no example shows, and some
/// write `type` as a string.
const OBSERVED_LIST_USERS: &str = r#"{"format": "postman-observations", "version": 1, "operations": {
    "users::list_users": {"200": {"count": 4, "kinds": {"object": 4}, "fields": {
        "users": {"count": 4, "kinds": {"array": 4}, "items": {"count": 9, "kinds": {"object": 9}, "fields": {
            "id": {"count": 9, "kinds": {"string": 9}},
            "email": {"count": 9, "kinds": {"string": 9}},
            "name": {"count": 9, "kinds": {"string": 9}},
            "type": {"count": 9, "kinds": {"integer": 7, "string": 2}}
        }}}
    }}}
}}"#;

#[test]
fn what_an_overlay_learned_is_diffed_like_a_new_export() {
    let collection = base().to_string();
    let plain = postman_codegen::Config::new();
    let learned = plain
        .learn(
            &collection,
            None,
            &[("run.observations.json".into(), OBSERVED_LIST_USERS.into())],
        )
        .expect("the observations are learned");
    let mut with_overlay = postman_codegen::Config::new();
    with_overlay.overlay(learned.overlay());
    let report = with_overlay
        .diff_from(&plain, &collection, &collection)
        .expect("both sides generate");
    let found = |words: &str| {
        let matching: Vec<&Change> = report
            .changes()
            .iter()
            .filter(|c| c.what.contains(words))
            .collect();
        assert_eq!(matching.len(), 1, "{words:?} in {:#?}", report.changes());
        matching[0].impact
    };
    assert_eq!(
        found("field `response.users[].name` added"),
        Impact::Compatible
    );
    assert_eq!(
        found("`response.users[].type` retyped from i64 to serde_json::Value"),
        Impact::Breaking,
        "a kind the examples did not show widens the field, which breaks code reading it as i64"
    );
    assert_eq!(report.changes().len(), 2, "{}", report.to_text());

    // The same overlay on both sides changes nothing.
    let same = with_overlay
        .diff(&collection, &collection)
        .expect("both sides generate");
    assert!(same.changes().is_empty(), "{}", same.to_text());
}
