use super::*;
use serde_json::json;

#[test]
fn members_read_back_as_they_came() {
    let value = json!({
        "text": "a \"quoted\" \\ line\nwith\ttabs \u{1} and é",
        "numbers": [0, -7, 18446744073709551615u64, 2.5, 1e300],
        "nested": {"empty": {}, "list": [], "null": null, "yes": true},
    });
    let extra: ExtraFields = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(Value::Object(extra.to_map()), value);
    let from_text: ExtraFields = serde_json::from_str(&value.to_string()).unwrap();
    assert_eq!(from_text, extra);
    assert_eq!(serde_json::to_value(&extra).unwrap(), value);
    assert_eq!(extra.len(), 3);
}

#[test]
fn every_length_and_number_survives_the_buffer() {
    let long = "x".repeat(300);
    let value = json!({
        "last_name": {"last_name": [9, "last_name"], "k": {}},
        "a": [[], {}, [null], {"nine char": -1}],
        long.clone(): long,
        "min": i64::MIN,
        "max": u64::MAX,
        "float": -0.125,
        "tiny": 5e-324,
    });
    let extra: ExtraFields = serde_json::from_str(&value.to_string()).unwrap();
    assert_eq!(Value::Object(extra.to_map()), value);
    assert_eq!(serde_json::to_value(&extra).unwrap(), value);
    let text = serde_json::to_string(&extra).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    assert_eq!(extra.get("min"), Some(json!(i64::MIN)));
    assert_eq!(extra.get(&long), Some(json!(long)));
    assert!(extra.contains_key("tiny"));
    assert!(!extra.contains_key("last"));
    assert_eq!(ExtraFields::from(extra.to_map()), extra);
}

#[test]
fn the_map_view_reads_and_writes() {
    let mut extra = ExtraFields::new();
    assert!(extra.is_empty());
    assert_eq!(extra.to_string(), "{}");
    assert_eq!(extra.insert("a", json!(1)), None);
    assert_eq!(extra.insert("a", json!(2)), Some(json!(1)));
    assert_eq!(extra.insert("b", json!([true])), None);
    assert!(extra.contains_key("b"));
    assert_eq!(extra.remove("a"), Some(json!(2)));
    assert_eq!(extra.remove("a"), None);
    assert_eq!(extra.get("b"), Some(json!([true])));
    assert_eq!(extra.remove("b"), Some(json!([true])));
    assert!(extra.is_empty());
}

#[test]
fn equality_ignores_the_order_of_members() {
    let one: ExtraFields = serde_json::from_str(r#"{"a": 1, "b": 2}"#).unwrap();
    let other: ExtraFields = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
    assert_eq!(one, other);
    assert_ne!(one, ExtraFields::new());
}

#[test]
fn the_last_of_a_repeated_key_counts() {
    let extra: ExtraFields = serde_json::from_str(r#"{"a": 1, "a": "two"}"#).unwrap();
    assert_eq!(extra.get("a"), Some(json!("two")));
    assert_eq!(extra.len(), 1);
}

#[test]
fn a_non_object_is_an_error() {
    assert!(serde_json::from_str::<ExtraFields>("[1]").is_err());
    assert!(serde_json::from_str::<ExtraFields>(r#"{"a": [1,}"#).is_err());
}

#[test]
fn other_serializers_get_the_values_themselves() {
    let extra: ExtraFields = serde_json::from_str(r#"{"a": {"b": [1, "c"]}}"#).unwrap();
    let value = serde_json::to_value(&extra).unwrap();
    assert_eq!(value, json!({"a": {"b": [1, "c"]}}));
}
