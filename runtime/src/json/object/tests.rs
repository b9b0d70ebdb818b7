use serde::de::value::MapDeserializer;
use serde_json::{json, Value};

#[derive(Default, PartialEq)]
struct Token {
    token: Option<String>,
    r#type: Option<i64>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Token { token = "token", r#type = "type" } extra);

#[derive(Default, PartialEq)]
struct Empty {
    extra: crate::ExtraFields,
}

crate::__object_impls!(Empty {} extra);

/// Decodes `value` from its text, and checks that `serde_json::Value` gives the same.
fn decode<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) -> T {
    let text = value.to_string();
    let from_text: T = serde_json::from_str(&text).unwrap();
    let from_value: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(from_text, from_value);
    from_text
}

#[test]
fn known_unknown_null_and_mistyped_fields_all_survive() {
    let value = json!({"token": "t", "type": "soon", "new": [1], "gone": null});
    let token: Token = decode(&value);
    assert_eq!(token.token.as_deref(), Some("t"));
    assert_eq!(token.r#type, None);
    assert_eq!(token.extra.len(), 3);
    assert_eq!(token.extra.get("type").unwrap(), json!("soon"));
    assert_eq!(serde_json::to_value(&token).unwrap(), value);
}

#[test]
fn debug_shows_the_name_and_the_json() {
    let token: Token = decode(&json!({"token": "t", "new": [1]}));
    assert_eq!(format!("{token:?}"), r#"Token {"token":"t","new":[1]}"#);
    assert!(format!("{token:#?}").starts_with("Token {\n"));
}

#[test]
fn a_set_field_wins_over_a_kept_null_beyond_the_128th_field() {
    let keys: Vec<&'static str> = (0..130)
        .map(|i| &*Box::leak(format!("k{i}").into_boxed_str()))
        .collect();
    let extra: crate::ExtraFields =
        serde_json::from_value(json!({"k1": null, "k129": null, "other": 1})).unwrap();
    let mut object = super::ObjectWriter::new(serde_json::value::Serializer);
    for (i, key) in keys.iter().enumerate() {
        let value = (i == 1 || i == 129).then_some(true);
        object.field(key, &value);
    }
    let encoded = object.finish(&extra, &keys).unwrap();
    assert_eq!(encoded, json!({"k1": true, "k129": true, "other": 1}));
}

#[test]
fn a_set_field_wins_over_the_same_key_put_in_the_extra_fields() {
    let mut token: Token = decode(&json!({"new": 1}));
    token.extra.insert("token", json!("old"));
    token.token = Some("set".into());
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        json!({"token": "set", "new": 1})
    );
}

#[test]
fn a_null_field_is_none_and_kept() {
    let token: Token = decode(&json!({"token": null, "type": 1}));
    assert_eq!(token.token, None);
    assert_eq!(token.r#type, Some(1));
    assert_eq!(token.extra.get("token"), Some(Value::Null));
}

#[test]
fn a_set_field_wins_over_a_kept_null() {
    let mut token: Token = decode(&json!({"token": null}));
    token.token = Some("new".into());
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        json!({"token": "new"})
    );
    assert_eq!(serde_json::to_string(&token).unwrap(), r#"{"token":"new"}"#);
}

#[test]
fn a_struct_without_known_fields_keeps_everything() {
    let value = json!({"a": 1, "b": {"c": [null]}});
    let empty: Empty = decode(&value);
    assert_eq!(empty.extra.len(), 2);
    assert_eq!(serde_json::to_value(&empty).unwrap(), value);
}

#[test]
fn an_empty_object_encodes_as_one() {
    let token: Token = decode(&json!({}));
    assert_eq!(token, Token::default());
    assert_eq!(serde_json::to_string(&token).unwrap(), "{}");
}

#[test]
fn the_last_of_repeated_keys_counts() {
    let token: Token = serde_json::from_str(r#"{"type": "x", "type": 2}"#).unwrap();
    assert_eq!(token.r#type, Some(2));
    assert!(token.extra.is_empty());
    let token: Token = serde_json::from_str(r#"{"type": 2, "type": "x"}"#).unwrap();
    assert_eq!(token.r#type, None);
    assert_eq!(token.extra.get("type").unwrap(), json!("x"));
}

#[test]
fn a_non_object_is_an_error() {
    for value in [json!([1]), json!("token"), json!(1), Value::Null] {
        assert!(serde_json::from_value::<Token>(value.clone()).is_err());
        assert!(serde_json::from_str::<Token>(&value.to_string()).is_err());
    }
}

#[test]
fn broken_json_is_an_error() {
    assert!(serde_json::from_str::<Token>(r#"{"token": "t""#).is_err());
    assert!(serde_json::from_str::<Token>(r#"{"new": [1,}"#).is_err());
}

#[derive(Debug, Clone, PartialEq)]
enum TokenType {
    Zak,
    Other(String),
}

crate::__string_enum_impls!(TokenType { Zak = "zak" });

#[test]
fn enums_keep_undocumented_values() {
    let known: TokenType = serde_json::from_value(json!("zak")).unwrap();
    assert_eq!(known, TokenType::Zak);
    let unknown: TokenType = serde_json::from_value(json!("sso")).unwrap();
    assert_eq!(unknown, TokenType::Other("sso".into()));
    let escaped: TokenType = serde_json::from_str(r#""s\u0073o""#).unwrap();
    assert_eq!(escaped, unknown);
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("sso"));
    assert_eq!(TokenType::Zak.to_string(), "zak");
    assert!(serde_json::from_value::<TokenType>(json!(1)).is_err());
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum MeetingType {
    Instant,
    Scheduled,
    Other(i64),
}

crate::__int_enum_impls!(MeetingType { Instant = 1, Scheduled = 2 });

#[derive(Default, PartialEq)]
struct Meeting {
    r#type: Option<MeetingType>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Meeting { r#type = "type" } extra);

#[test]
fn numeric_enums_are_numbers_and_keep_undocumented_values() {
    let known: MeetingType = serde_json::from_value(json!(2)).unwrap();
    assert_eq!(known, MeetingType::Scheduled);
    let unknown: MeetingType = serde_json::from_value(json!(8)).unwrap();
    assert_eq!(unknown, MeetingType::Other(8));
    assert_eq!(serde_json::to_value(unknown).unwrap(), json!(8));
    for value in [
        json!({"type": 1}),
        json!({"type": 99}),
        json!({"type": "two"}),
    ] {
        let meeting: Meeting = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&meeting).unwrap(), value);
    }
}

#[derive(Default, PartialEq)]
struct Measure {
    value: Option<f64>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Measure { value = "value" } extra);

#[test]
fn floats_that_came_as_integers_go_back_as_integers() {
    for value in [
        json!({"value": 1}),
        json!({"value": 2.5}),
        json!({"value": -3}),
    ] {
        let measure: Measure = decode(&value);
        assert!(measure.value.is_some());
        assert!(measure.extra.is_empty());
        assert_eq!(serde_json::to_value(&measure).unwrap(), value);
    }
}

#[test]
fn an_integer_a_float_cannot_hold_stays_in_the_extra_fields() {
    for value in [
        json!({"value": 9_007_199_254_740_993u64}),
        json!({"value": -9_007_199_254_740_993i64}),
    ] {
        let measure: Measure = decode(&value);
        assert_eq!(measure.value, None);
        assert_eq!(serde_json::to_value(&measure).unwrap(), value);
    }
}

#[test]
fn a_float_in_an_integer_field_stays_in_the_extra_fields() {
    let value = json!({"type": 1.5});
    let token: Token = decode(&value);
    assert_eq!(token.r#type, None);
    assert_eq!(serde_json::to_value(&token).unwrap(), value);
}

#[test]
fn a_signed_field_refuses_what_only_unsigned_holds() {
    let value = json!({"type": 9_223_372_036_854_775_808u64});
    let token: Token = decode(&value);
    assert_eq!(token.r#type, None);
    assert_eq!(serde_json::to_value(&token).unwrap(), value);
    let token: Token = decode(&json!({"type": 9_223_372_036_854_775_807u64}));
    assert_eq!(token.r#type, Some(i64::MAX));
}

#[derive(Default, PartialEq)]
struct Counter {
    count: Option<u64>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Counter { count = "count" } extra);

#[test]
fn an_unsigned_field_refuses_negative_numbers() {
    let value = json!({"count": -1});
    let counter: Counter = decode(&value);
    assert_eq!(counter.count, None);
    assert_eq!(serde_json::to_value(&counter).unwrap(), value);
    let counter: Counter = decode(&json!({"count": u64::MAX}));
    assert_eq!(counter.count, Some(u64::MAX));
}

#[derive(Default, PartialEq)]
struct Account {
    owner: Option<Token>,
    owners: Option<Vec<Token>>,
    ids: Option<Vec<i64>>,
    grid: Option<Vec<Vec<f64>>>,
    kinds: Option<Vec<TokenType>>,
    anything: Option<Value>,
    many: Option<Vec<Value>>,
    active: Option<bool>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Account {
    owner = "owner",
    owners = "owners",
    ids = "ids",
    grid = "grid",
    kinds = "kinds",
    anything = "anything",
    many = "many",
    active = "active",
} extra);

#[test]
fn a_well_typed_object_decodes_every_field() {
    let value = json!({
        "owner": {"token": "a", "type": 1},
        "owners": [{"token": "b"}, {}],
        "ids": [1, -2, 3],
        "grid": [[1, 2.5], []],
        "kinds": ["zak", "sso"],
        "anything": {"any": [1, "two"]},
        "many": [1, null, "three"],
        "active": true,
    });
    let account: Account = decode(&value);
    assert!(account.extra.is_empty(), "{:?}", account.extra);
    assert_eq!(account.owner.as_ref().and_then(|o| o.r#type), Some(1));
    assert_eq!(account.owners.as_ref().map(Vec::len), Some(2));
    assert_eq!(account.ids, Some(vec![1, -2, 3]));
    assert_eq!(account.grid, Some(vec![vec![1.0, 2.5], vec![]]));
    assert_eq!(
        account.kinds,
        Some(vec![TokenType::Zak, TokenType::Other("sso".into())])
    );
    assert_eq!(account.anything, Some(json!({"any": [1, "two"]})));
    assert_eq!(
        account.many,
        Some(vec![json!(1), Value::Null, json!("three")])
    );
    assert_eq!(account.active, Some(true));
    assert_eq!(serde_json::to_value(&account).unwrap(), value);
}

#[test]
fn a_mistyped_item_keeps_the_whole_list_in_the_extra_fields() {
    let value = json!({
        "ids": [1, 2, "three", 4],
        "grid": [[1, 2.5], [3, null]],
        "kinds": ["zak", 7],
        "owners": [{"token": "b", "new": 1}, "not an object", {"token": "c"}],
    });
    let account: Account = decode(&value);
    assert_eq!(account.ids, None);
    assert_eq!(account.grid, None);
    assert_eq!(account.kinds, None);
    assert_eq!(account.owners, None);
    assert_eq!(account.extra.len(), 4);
    assert_eq!(account.extra.get("ids").unwrap(), json!([1, 2, "three", 4]));
    assert_eq!(
        account.extra.get("owners").unwrap(),
        json!([{"token": "b", "new": 1}, "not an object", {"token": "c"}])
    );
    assert_eq!(serde_json::to_value(&account).unwrap(), value);
}

#[test]
fn a_mistyped_first_or_last_item_keeps_the_list() {
    for ids in [json!(["one", 2]), json!([1, "two"]), json!([null])] {
        let value = json!({ "ids": ids });
        let account: Account = decode(&value);
        assert_eq!(account.ids, None);
        assert_eq!(account.extra.get("ids").unwrap(), ids);
        assert_eq!(serde_json::to_value(&account).unwrap(), value);
    }
}

#[test]
fn a_nested_struct_decodes_leniently() {
    let value = json!({
        "owner": {"token": 5, "type": 2, "new": true},
        "owners": [{"type": "many"}, {"token": "t"}],
    });
    let account: Account = decode(&value);
    assert!(account.extra.is_empty());
    let owner = account.owner.as_ref().unwrap();
    assert_eq!(owner.token, None);
    assert_eq!(owner.r#type, Some(2));
    assert_eq!(owner.extra.len(), 2);
    assert_eq!(owner.extra.get("token").unwrap(), json!(5));
    let owners = account.owners.as_ref().unwrap();
    assert_eq!(owners[0].r#type, None);
    assert_eq!(owners[0].extra.get("type").unwrap(), json!("many"));
    assert_eq!(owners[1].token.as_deref(), Some("t"));
    assert_eq!(serde_json::to_value(&account).unwrap(), value);
}

#[test]
fn a_value_of_another_kind_than_a_field_stays_in_the_extra_fields() {
    let value = json!({
        "owner": "me",
        "owners": {"token": "a"},
        "ids": 3,
        "kinds": "zak",
        "anything": null,
        "many": {"not": "a list"},
        "active": "yes",
    });
    let account: Account = decode(&value);
    assert_eq!(
        account,
        Account {
            extra: value.as_object().unwrap().clone().into(),
            ..Account::default()
        }
    );
    assert_eq!(serde_json::to_value(&account).unwrap(), value);
}

#[test]
fn decoding_from_a_reader_gives_the_same() {
    let value = json!({"owner": {"token": "t\u{e9}\"x"}, "ids": [1, "2"], "new": [1.5]});
    let text = value.to_string();
    let mut reader = serde_json::Deserializer::from_reader(text.as_bytes());
    let from_reader: Account = serde::Deserialize::deserialize(&mut reader).unwrap();
    assert_eq!(from_reader, decode::<Account>(&value));
    assert_eq!(serde_json::to_value(&from_reader).unwrap(), value);
}

#[test]
fn decoding_from_another_deserializer_gives_the_same() {
    let entries = vec![
        ("token", json!("t")),
        ("type", json!("soon")),
        ("new", json!({"a": [1]})),
    ];
    let deserializer = MapDeserializer::<_, serde_json::Error>::new(entries.into_iter());
    let token: Token = serde::Deserialize::deserialize(deserializer).unwrap();
    assert_eq!(token.token.as_deref(), Some("t"));
    assert_eq!(token.r#type, None);
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        json!({"token": "t", "type": "soon", "new": {"a": [1]}})
    );

    let numbers = vec![("type", 7i32)];
    let deserializer = MapDeserializer::<_, serde_json::Error>::new(numbers.into_iter());
    let token: Token = serde::Deserialize::deserialize(deserializer).unwrap();
    assert_eq!(token.r#type, Some(7));
}

#[test]
fn an_encoded_field_is_written_once() {
    let mut token: Token = decode(&json!({"type": "soon", "token": 1}));
    token.r#type = Some(3);
    let text = serde_json::to_string(&token).unwrap();
    assert_eq!(text.matches("\"type\"").count(), 1, "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"type": 3, "token": 1})
    );
}

#[derive(Default, PartialEq)]
struct Outer {
    inner: Option<Token>,
    extra: crate::ExtraFields,
}

crate::__object_impls!(Outer { inner = "inner" } extra);

#[test]
fn a_number_in_serde_json_s_private_form_where_a_struct_goes_is_kept_as_the_number() {
    // What serde_json hands a visitor for `"inner": 1.50` under `arbitrary_precision`.
    let value = json!({"inner": {"$serde_json::private::Number": "1.50"}});
    let outer: Outer = serde_json::from_value(value).unwrap();
    assert_eq!(outer.inner, None);
    let kept = outer.extra.get("inner").expect("the number is kept");
    assert!(kept.is_number(), "{kept}");
    assert_eq!(kept.as_f64(), Some(1.5));
}

#[test]
fn a_list_of_structs_decoded_in_place_keeps_it_all_when_an_item_does_not_fit() {
    // Struct items are decoded where they will live in the list; a misfit anywhere, a
    // `null`, a number or a nested list, puts the whole list back as it came.
    for owners in [
        json!([1.5, {"token": "b"}]),
        json!([{"token": "b"}, null]),
        json!([{"token": "b"}, [{"token": "c"}]]),
        json!([{"token": "b", "type": "x"}, {"token": "c"}, true]),
    ] {
        let value = json!({ "owners": owners });
        let account: Account = decode(&value);
        assert_eq!(account.owners, None, "{owners}");
        assert_eq!(account.extra.get("owners").unwrap(), owners);
        assert_eq!(serde_json::to_value(&account).unwrap(), value);
    }
    let value = json!({"owners": []});
    let account: Account = decode(&value);
    assert_eq!(account.owners.as_deref().map(<[Token]>::len), Some(0));
    assert_eq!(serde_json::to_value(&account).unwrap(), value);
}
