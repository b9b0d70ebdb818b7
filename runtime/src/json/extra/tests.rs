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

/// With a serde_json that keeps number text, kept numbers come back with that text, from
/// text and from a `Value`; without it they come back as `Value` gives them.
#[test]
fn numbers_come_back_as_value_gives_them() {
    let text = r#"{"a":1.50,"b":1e2,"c":-0,"d":12345678901234567890123,"e":[1.50,{"f":-0}]}"#;
    let value: Value = serde_json::from_str(text).unwrap();
    let extra: ExtraFields = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&extra).unwrap(), value.to_string());
    assert_eq!(Value::Object(extra.to_map()), value);
    // serde_json's own `Value` reads `-0` back from a `Value` as `0`: the same is expected.
    let value_again: Value = serde_json::from_value(value.clone()).unwrap();
    let from_value: ExtraFields = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        serde_json::to_string(&from_value).unwrap(),
        value_again.to_string()
    );
    let probe = serde_json::from_str::<Value>("1.50").unwrap().to_string();
    let keeps_text = probe == "1.50";
    if keeps_text {
        let encoded = serde_json::to_string(&extra).unwrap();
        assert!(encoded.contains(r#""a":1.50"#), "{encoded}");
        assert!(encoded.contains(r#""c":-0"#), "{encoded}");
        assert!(encoded.contains("12345678901234567890123"), "{encoded}");
    }
}
