//! Decoding and encoding of generated structs.
//!
//! A generated struct is decoded through the JSON object it came from: each known field is
//! taken out of the object, and what is left (fields no example showed, values of another
//! type than the examples had, explicit `null`s) stays in the struct's extra-fields map. So
//! decoding never fails on an absent or surprising field, and encoding gives back the JSON
//! that was received. Doing this here, once, keeps the per-struct code to a few lines.

pub use super::pages::{next_page_number, next_token};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

/// Conversion between a generated struct's field values and JSON. Implemented for the types
/// fields can have; generated structs and enums get it from their macros.
pub trait Json: Sized {
    /// The value, if `value` has the right type for it.
    fn from_json(value: &Value) -> Option<Self>;
    fn to_json(&self) -> Value;
}

impl Json for bool {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl Json for i64 {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_i64()
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl Json for u64 {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_u64()
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

/// Whole numbers up to 2^53 are exact in an `f64`.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Json for f64 {
    /// Only values an `f64` holds exactly: a larger integer stays in the extra fields.
    fn from_json(value: &Value) -> Option<Self> {
        const EXACT: u64 = 1 << 53;
        let exact = value.is_f64()
            || value.as_i64().is_some_and(|n| n.unsigned_abs() <= EXACT)
            || value.as_u64().is_some_and(|n| n <= EXACT);
        if exact {
            value.as_f64()
        } else {
            None
        }
    }
    /// A whole number is written as an integer: a field is `f64` because examples showed
    /// both integers and fractions, and the integers must read back as they came.
    fn to_json(&self) -> Value {
        if self.fract() == 0.0 && self.abs() < EXACT_INTEGER {
            Value::from(*self as i64)
        } else {
            Number::from_f64(*self).map_or(Value::Null, Value::Number)
        }
    }
}

/// A number kept exactly as it came: an integer stays an integer, `0.0` stays a fraction.
impl Json for Number {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_number().cloned()
    }
    fn to_json(&self) -> Value {
        Value::Number(self.clone())
    }
}

impl Json for String {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl Json for Value {
    fn from_json(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl<T: Json> Json for Vec<T> {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Json::to_json).collect())
    }
}

/// The fields of a JSON object that a generated struct is being decoded from.
#[derive(Debug)]
pub struct Fields(Map<String, Value>);

impl Fields {
    pub fn new(object: Map<String, Value>) -> Self {
        Fields(object)
    }

    /// Takes the field `key` if it holds a value of type `T`. A missing field, `null`, or a
    /// value of another type gives `None`; the latter two stay in the object.
    pub fn take<T: Json>(&mut self, key: &str) -> Option<T> {
        let value = self.0.get(key).filter(|v| !v.is_null())?;
        let decoded = T::from_json(value)?;
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
pub fn put<T: Json>(object: &mut Map<String, Value>, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value.to_json());
    }
}

/// Encodes a generated struct from the object it builds.
pub fn encode_object<S: Serializer>(
    serializer: S,
    object: &Map<String, Value>,
) -> Result<S::Ok, S::Error> {
    object.serialize(serializer)
}

/// Implements decoding and encoding for a generated struct: `from_fields`, `to_object`, and
/// serde's `Deserialize` and `Serialize` through them. Generated code calls it once per
/// struct with the struct's fields and their JSON names, and the name of its map of
/// extra fields.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_impls {
    ($name:ident { $($field:ident = $key:literal),* $(,)? } $extra:ident) => {
        // Every function here is `#[inline]`: like generic code, it is then compiled in the
        // crate that uses it, and only if it does, so that a crate of bindings costs little
        // for the structs its users never touch.
        impl $name {
            #[inline]
            #[allow(unused_mut)]
            fn from_fields(mut fields: $crate::__private::Fields) -> Self {
                Self {
                    $($field: fields.take($key),)*
                    $extra: fields.into_rest(),
                }
            }

            #[inline]
            #[allow(unused_mut)]
            fn to_object(&self) -> $crate::serde_json::Map<::std::string::String, $crate::serde_json::Value> {
                let mut object = self.$extra.clone();
                $($crate::__private::put(&mut object, $key, &self.$field);)*
                object
            }
        }

        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!($name))
                    $(.field(::core::stringify!($field), &self.$field))*
                    .field(::core::stringify!($extra), &self.$extra)
                    .finish()
            }
        }

        impl $crate::__private::Json for $name {
            #[inline]
            fn from_json(value: &$crate::serde_json::Value) -> ::core::option::Option<Self> {
                value
                    .as_object()
                    .map(|object| Self::from_fields($crate::__private::Fields::new(object.clone())))
            }
            #[inline]
            fn to_json(&self) -> $crate::serde_json::Value {
                $crate::serde_json::Value::Object(self.to_object())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::decode_object(deserializer, Self::from_fields)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::encode_object(serializer, &self.to_object())
            }
        }
    };
}

/// Decodes a string, for generated enums.
pub fn decode_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer)
}

/// Implements a generated string enum's conversions: `as_str`, `From<&str>` (values the
/// collection does not document become `Other`), `Display`, and serde as a plain string.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_impls {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it is sent.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(::std::string::String::from(other)),
                }
            }
        }

        impl $crate::__private::Json for $name {
            #[inline]
            fn from_json(value: &$crate::serde_json::Value) -> ::core::option::Option<Self> {
                value.as_str().map(Self::from)
            }
            #[inline]
            fn to_json(&self) -> $crate::serde_json::Value {
                $crate::serde_json::Value::String(::std::string::String::from(self.as_str()))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::decode_string(deserializer).map(|value| Self::from(value.as_str()))
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Implements a generated numeric enum's conversions: `value`, `From<i64>` (values the
/// collection does not document become `Other`), `Display`, and serde as a plain number.
#[doc(hidden)]
#[macro_export]
macro_rules! __int_enum_impls {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it is sent.
            #[inline]
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => *value,
                }
            }
        }

        impl ::core::convert::From<i64> for $name {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other),
                }
            }
        }

        impl $crate::__private::Json for $name {
            #[inline]
            fn from_json(value: &$crate::serde_json::Value) -> ::core::option::Option<Self> {
                value.as_i64().map(Self::from)
            }
            #[inline]
            fn to_json(&self) -> $crate::serde_json::Value {
                $crate::serde_json::Value::from(self.value())
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <i64 as $crate::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    #[derive(Default, PartialEq)]
    struct Token {
        token: Option<String>,
        r#type: Option<i64>,
        extra: Map<String, Value>,
    }

    crate::__object_impls!(Token { token = "token", r#type = "type" } extra);

    #[derive(Default, PartialEq)]
    struct Empty {
        extra: Map<String, Value>,
    }

    crate::__object_impls!(Empty {} extra);

    #[test]
    fn known_unknown_null_and_mistyped_fields_all_survive() {
        let value = json!({"token": "t", "type": "soon", "new": [1], "gone": null});
        let token: Token = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(token.token.as_deref(), Some("t"));
        assert_eq!(token.r#type, None);
        assert_eq!(token.extra.len(), 3);
        assert_eq!(serde_json::to_value(&token).unwrap(), value);
    }

    #[test]
    fn a_set_field_wins_over_a_kept_null() {
        let mut token: Token = serde_json::from_value(json!({"token": null})).unwrap();
        token.token = Some("new".into());
        assert_eq!(
            serde_json::to_value(&token).unwrap(),
            json!({"token": "new"})
        );
    }

    #[test]
    fn a_struct_without_known_fields_keeps_everything() {
        let value = json!({"a": 1});
        let empty: Empty = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&empty).unwrap(), value);
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
        assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("sso"));
        assert_eq!(TokenType::Zak.to_string(), "zak");
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
        extra: Map<String, Value>,
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
        extra: Map<String, Value>,
    }

    crate::__object_impls!(Measure { value = "value" } extra);

    #[test]
    fn floats_that_came_as_integers_go_back_as_integers() {
        for value in [
            json!({"value": 1}),
            json!({"value": 2.5}),
            json!({"value": -3}),
        ] {
            let measure: Measure = serde_json::from_value(value.clone()).unwrap();
            assert!(measure.value.is_some());
            assert_eq!(serde_json::to_value(&measure).unwrap(), value);
        }
    }

    #[test]
    fn an_integer_a_float_cannot_hold_stays_in_the_extra_fields() {
        let value = json!({"value": 9_007_199_254_740_993u64});
        let measure: Measure = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(measure.value, None);
        assert_eq!(serde_json::to_value(&measure).unwrap(), value);
    }

    #[test]
    fn a_non_object_is_an_error() {
        assert!(serde_json::from_value::<Token>(json!([1])).is_err());
    }
}
