//! The `learned_fields` golden as its users meet it: a response holding the fields only
//! observed responses showed decodes them into typed fields, and a value whose observed
//! kinds disagree with the examples' is kept as it came.

use postman_goldens::learned_fields::docks;

const LIST_DOCKS: &str = r#"{"page_size":30,"docks":[
    {"id":"d-3","bikes":"4","status":"closed","capacity":12,"tags":["shade","repair"],"location":{"lat":52.52,"lon":13.405},"sponsor":"Acme"},
    {"id":"d-4","bikes":7}
]}"#;

#[test]
fn learned_fields_decode_into_their_types() {
    let page: docks::ListDocksResponse =
        serde_json::from_str(LIST_DOCKS).expect("the response decodes");
    let docks = page.docks.expect("the list is there");
    let first = &docks[0];
    assert_eq!(first.capacity, Some(12));
    assert_eq!(
        first.tags.as_deref(),
        Some(&["shade".to_owned(), "repair".to_owned()][..])
    );
    let location = first.location.as_ref().expect("the learned nested object");
    assert_eq!(
        location.lat.as_ref().map(ToString::to_string).as_deref(),
        Some("52.52")
    );
    // Every example left `sponsor` null; observations typed it.
    assert_eq!(first.sponsor.as_deref(), Some("Acme"));
    assert!(
        first.extra_fields.is_empty(),
        "every field has a place of its own: {:?}",
        first.extra_fields
    );
}

#[test]
fn a_kind_only_observations_showed_is_kept_as_it_came() {
    let page: docks::ListDocksResponse =
        serde_json::from_str(LIST_DOCKS).expect("the response decodes");
    let docks = page.docks.expect("the list is there");
    assert_eq!(docks[0].bikes, Some(serde_json::json!("4")));
    assert_eq!(docks[1].bikes, Some(serde_json::json!(7)));
    let encoded = serde_json::to_value(&docks[1]).expect("the item encodes");
    assert_eq!(encoded, serde_json::json!({"id": "d-4", "bikes": 7}));
}

#[test]
fn a_request_without_successful_examples_is_typed_from_observations() {
    let usage: docks::GetDockUsageResponse =
        serde_json::from_str(r#"{"rides":41,"since":"2026-11-01"}"#).expect("decodes");
    assert_eq!(usage.rides, Some(41));
    assert_eq!(usage.since.as_deref(), Some("2026-11-01"));
}
