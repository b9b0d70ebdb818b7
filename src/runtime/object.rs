//! Decoding and encoding of generated structs.
//!
//! A generated struct is decoded through the JSON object it came from: each known field is
//! taken out of the object, and what is left (fields no example showed, values of another
//! type than the examples had, explicit `null`s) stays in the struct's extra-fields map. So
//! decoding never fails on an absent or surprising field, and encoding gives back the JSON
//! that was received. Doing this here, once, keeps the per-struct code to a few lines.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The fields of a JSON object that a generated struct is being decoded from.
#[derive(Debug)]
pub struct Fields(Map<String, Value>);

impl Fields {
    /// Takes the field `key` if it holds a value of type `T`. A missing field, `null`, or a
    /// value of another type gives `None`; the latter two stay in the object.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let value = self.0.get(key).filter(|v| !v.is_null())?;
        let decoded = T::deserialize(value).ok()?;
        self.0.remove(key);
        Some(decoded)
    }

    /// The fields not taken.
    pub fn into_rest(self) -> Map<String, Value> {
        self.0
    }
}

/// Decodes a generated struct: reads a JSON object and hands its fields to `build`.
pub fn decode_object<'de, D, T>(deserializer: D, build: fn(Fields) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    Map::<String, Value>::deserialize(deserializer).map(|map| build(Fields(map)))
}

/// Sets `key` to `value` when it is `Some`; `None` leaves what the object already holds.
pub fn put<T: Serialize>(object: &mut Map<String, Value>, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        // Generated structs hold only JSON-shaped values, whose encoding cannot fail.
        if let Ok(value) = serde_json::to_value(value) {
            object.insert(key.to_owned(), value);
        }
    }
}

/// Encodes a generated struct from the object it builds.
pub fn encode_object<S: Serializer>(
    serializer: S,
    object: &Map<String, Value>,
) -> Result<S::Ok, S::Error> {
    object.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Token {
        token: Option<String>,
        ttl: Option<i64>,
        extra: Map<String, Value>,
    }

    impl Token {
        fn from_fields(mut fields: Fields) -> Self {
            Token {
                token: fields.take("token"),
                ttl: fields.take("ttl"),
                extra: fields.into_rest(),
            }
        }

        fn to_object(&self) -> Map<String, Value> {
            let mut object = self.extra.clone();
            put(&mut object, "token", &self.token);
            put(&mut object, "ttl", &self.ttl);
            object
        }
    }

    fn round_trip(value: Value) -> (Token, Value) {
        let token = decode_object(&value, Token::from_fields).unwrap();
        let again = serde_json::to_value(token.to_object()).unwrap();
        (token, again)
    }

    #[test]
    fn known_unknown_null_and_mistyped_fields_all_survive() {
        let value = json!({"token": "t", "ttl": "soon", "new": [1], "gone": null});
        let (token, again) = round_trip(value.clone());
        assert_eq!(token.token.as_deref(), Some("t"));
        assert_eq!(token.ttl, None);
        assert_eq!(token.extra.len(), 3);
        assert_eq!(again, value);
    }

    #[test]
    fn a_set_field_wins_over_a_kept_null() {
        let (mut token, _) = round_trip(json!({"token": null}));
        token.token = Some("new".into());
        assert_eq!(
            serde_json::to_value(token.to_object()).unwrap(),
            json!({"token": "new"})
        );
    }

    #[test]
    fn a_non_object_is_an_error() {
        assert!(decode_object(&json!([1]), Token::from_fields).is_err());
    }
}
