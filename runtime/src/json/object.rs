//! Decoding and encoding of generated structs.
//!
//! A generated struct is decoded in one pass, straight from the deserializer: each known
//! field into its type, and only what does not fit (fields no example showed, values of
//! another type than the examples had, explicit `null`s) as JSON values in the struct's
//! extra-fields map. So decoding never fails on an absent or surprising field, and encoding
//! gives back the JSON that was received. Encoding writes the fields and then the extra
//! fields straight to the serializer. Doing this here, once, keeps the per-struct code to
//! one macro call.
//!
//! Every field type implements [`Json`], whose `from_*` methods take one kind of JSON value
//! each and give back either the typed value or the JSON value itself ([`Fit`]); the
//! `Lenient` visitor hands each value the deserializer sees to the method of its kind, so
//! a mismatch is found without first building the value as JSON.

pub use super::extra::next_key;

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::extra::ExtraFields;
use super::extra::{encode_members, Builder};

/// A decoded value, or the JSON value that came when it did not have the type wanted
/// (boxed: it is rare, and a small result is cheaper to hand back for every field).
pub type Fit<T> = Result<T, Box<Value>>;

/// Lenient decoding and exact encoding of the types a generated struct's fields can have.
/// Generated structs and enums get it from their macros.
///
/// Each `from_*` method takes one kind of JSON value; a type accepts the kinds it can hold
/// and gives the others back as JSON (the defaults).
pub trait Json: Sized {
    /// Writes the value as the JSON it was decoded from.
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// The value as a JSON tree: for a list that turns out to hold an item of another type,
    /// whose items decoded so far are then kept as JSON with the rest.
    #[inline]
    fn to_json(&self) -> Value {
        serde_json::to_value(Encode(self)).unwrap_or(Value::Null)
    }

    #[inline]
    fn from_null() -> Fit<Self> {
        Err(Box::new(Value::Null))
    }
    #[inline]
    fn from_bool(value: bool) -> Fit<Self> {
        Err(Box::new(Value::Bool(value)))
    }
    #[inline]
    fn from_i64(value: i64) -> Fit<Self> {
        Err(Box::new(Value::from(value)))
    }
    #[inline]
    fn from_u64(value: u64) -> Fit<Self> {
        Err(Box::new(Value::from(value)))
    }
    #[inline]
    fn from_f64(value: f64) -> Fit<Self> {
        Err(Box::new(float_json(value)))
    }
    #[inline]
    fn from_str(value: &str) -> Fit<Self> {
        Err(Box::new(Value::from(value)))
    }
    #[inline]
    fn from_string(value: String) -> Fit<Self> {
        Err(Box::new(Value::String(value)))
    }
    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Fit<Self>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(|value| Err(Box::new(value)))
    }
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Fit<Self>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(|value| Err(Box::new(value)))
    }
}

/// As `serde_json::Value` holds a float: JSON has no NaN or infinity.
fn float_json(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

impl Json for bool {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self)
    }
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_bool(value: bool) -> Fit<Self> {
        Ok(value)
    }
}

impl Json for i64 {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*self)
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
    fn from_i64(value: i64) -> Fit<Self> {
        Ok(value)
    }
    fn from_u64(value: u64) -> Fit<Self> {
        i64::try_from(value).map_err(|_| Box::new(Value::from(value)))
    }
}

impl Json for u64 {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(*self)
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
    fn from_i64(value: i64) -> Fit<Self> {
        u64::try_from(value).map_err(|_| Box::new(Value::from(value)))
    }
    fn from_u64(value: u64) -> Fit<Self> {
        Ok(value)
    }
}

/// Whole numbers up to 2^53 are exact in an `f64`.
const EXACT_INTEGER: u64 = 1 << 53;

impl Json for f64 {
    /// A whole number is written as an integer: a field is `f64` because examples showed
    /// both integers and fractions, and the integers must read back as they came.
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.is_finite() {
            serializer.serialize_unit()
        } else if self.fract() == 0.0 && self.abs() < EXACT_INTEGER as f64 {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
    fn to_json(&self) -> Value {
        if self.fract() == 0.0 && self.abs() < EXACT_INTEGER as f64 {
            Value::from(*self as i64)
        } else {
            float_json(*self)
        }
    }
    /// Only integers an `f64` holds exactly: a larger one stays in the extra fields.
    fn from_i64(value: i64) -> Fit<Self> {
        if value.unsigned_abs() <= EXACT_INTEGER {
            Ok(value as f64)
        } else {
            Err(Box::new(Value::from(value)))
        }
    }
    fn from_u64(value: u64) -> Fit<Self> {
        if value <= EXACT_INTEGER {
            Ok(value as f64)
        } else {
            Err(Box::new(Value::from(value)))
        }
    }
    fn from_f64(value: f64) -> Fit<Self> {
        Ok(value)
    }
}

/// A number kept exactly as it came: an integer stays an integer, `0.0` stays a fraction.
impl Json for Number {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
    fn to_json(&self) -> Value {
        Value::Number(self.clone())
    }
    fn from_i64(value: i64) -> Fit<Self> {
        Ok(Number::from(value))
    }
    fn from_u64(value: u64) -> Fit<Self> {
        Ok(Number::from(value))
    }
    fn from_f64(value: f64) -> Fit<Self> {
        Number::from_f64(value).ok_or_else(|| Box::new(Value::Null))
    }
}

impl Json for String {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_str(value: &str) -> Fit<Self> {
        Ok(value.to_owned())
    }
    fn from_string(value: String) -> Fit<Self> {
        Ok(value)
    }
}

/// Any JSON value fits, `null` included (in a list; a field's `null` is kept in the extra
/// fields before its type is asked).
impl Json for Value {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
    fn to_json(&self) -> Value {
        self.clone()
    }
    fn from_null() -> Fit<Self> {
        Ok(Value::Null)
    }
    fn from_bool(value: bool) -> Fit<Self> {
        Ok(Value::Bool(value))
    }
    fn from_i64(value: i64) -> Fit<Self> {
        Ok(Value::from(value))
    }
    fn from_u64(value: u64) -> Fit<Self> {
        Ok(Value::from(value))
    }
    fn from_f64(value: f64) -> Fit<Self> {
        Ok(float_json(value))
    }
    fn from_str(value: &str) -> Fit<Self> {
        Ok(Value::from(value))
    }
    fn from_string(value: String) -> Fit<Self> {
        Ok(Value::String(value))
    }
    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Fit<Self>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Ok)
    }
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Fit<Self>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Ok)
    }
}

/// A list fits when all its items do; otherwise the whole list is kept as JSON.
impl<T: Json> Json for Vec<T> {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Encode(item))?;
        }
        seq.end()
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Json::to_json).collect())
    }
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Fit<Self>, A::Error> {
        let mut items = Vec::with_capacity(cautious_capacity::<T>(seq.size_hint()));
        while let Some(item) = seq.next_element_seed(Lenient::<T>::item())? {
            match item {
                Ok(item) => items.push(item),
                Err(mismatch) => {
                    return keep_as_json(&items, *mismatch, seq).map(|list| Err(Box::new(list)))
                }
            }
        }
        Ok(Ok(items))
    }
}

/// A list's items as JSON once one of them did not fit: those decoded so far, the one that
/// did not fit, and the rest as they come.
fn keep_as_json<'de, T: Json, A: SeqAccess<'de>>(
    decoded: &[T],
    mismatch: Value,
    mut seq: A,
) -> Result<Value, A::Error> {
    let rest = cautious_capacity::<Value>(seq.size_hint());
    let mut items = Vec::with_capacity(decoded.len() + 1 + rest);
    items.extend(decoded.iter().map(Json::to_json));
    items.push(mismatch);
    while let Some(item) = seq.next_element::<Value>()? {
        items.push(item);
    }
    Ok(Value::Array(items))
}

/// A size hint comes from the input: trust it only up to a megabyte of items.
fn cautious_capacity<T>(hint: Option<usize>) -> usize {
    let limit = (1 << 20) / std::mem::size_of::<T>().max(1);
    hint.unwrap_or(0).min(limit)
}

/// Serializes a [`Json`] value with its [`Json::encode`].
pub struct Encode<'a, T>(pub &'a T);

impl<T: Json> Serialize for Encode<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.encode(serializer)
    }
}

/// Decodes a `T` from whatever JSON value comes: a visitor that takes every kind of value,
/// hands it to `T`'s method for that kind, and gives back the value itself when it does not
/// fit.
struct Lenient<T> {
    /// A field's `null` is kept in the extra fields whatever the field's type, so that it is
    /// sent back; in a list, `null` is an item like any other.
    in_list: bool,
    wanted: PhantomData<fn() -> T>,
}

impl<T> Lenient<T> {
    fn field() -> Self {
        Lenient {
            in_list: false,
            wanted: PhantomData,
        }
    }

    fn item() -> Self {
        Lenient {
            in_list: true,
            wanted: PhantomData,
        }
    }
}

impl<'de, T: Json> DeserializeSeed<'de> for Lenient<T> {
    type Value = Fit<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fit<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Json> Visitor<'de> for Lenient<T> {
    type Value = Fit<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Fit<T>, E> {
        Ok(if self.in_list {
            T::from_null()
        } else {
            Err(Box::new(Value::Null))
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Fit<T>, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fit<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E>(self, value: bool) -> Result<Fit<T>, E> {
        Ok(T::from_bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Fit<T>, E> {
        Ok(T::from_i64(value))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Fit<T>, E> {
        Ok(T::from_u64(value))
    }
    /// JSON integers beyond 64 bits do not reach here from serde_json; from another
    /// deserializer they are refused as `serde_json::Value` refuses them.
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Fit<T>, E> {
        match (i64::try_from(value), u64::try_from(value)) {
            (Ok(value), _) => self.visit_i64(value),
            (_, Ok(value)) => self.visit_u64(value),
            _ => Err(E::custom("JSON number out of range")),
        }
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Fit<T>, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::custom("JSON number out of range")),
        }
    }
    fn visit_f64<E>(self, value: f64) -> Result<Fit<T>, E> {
        Ok(T::from_f64(value))
    }
    fn visit_str<E>(self, value: &str) -> Result<Fit<T>, E> {
        Ok(T::from_str(value))
    }
    fn visit_string<E>(self, value: String) -> Result<Fit<T>, E> {
        Ok(T::from_string(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fit<T>, A::Error> {
        T::from_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fit<T>, A::Error> {
        T::from_map(map)
    }
}

/// Where a struct being decoded keeps what does not fit its fields, until it is done.
#[derive(Default)]
pub struct Rest {
    kept: Builder,
    /// The keys of known fields whose value is kept (`null`s and values that did not fit):
    /// a later value for the same key that fits must take it out, as the last of repeated
    /// keys counts.
    held: Vec<&'static str>,
}

impl Rest {
    #[inline]
    pub fn new() -> Self {
        Rest::default()
    }

    /// Decodes the value of the field `key` into `field`, or keeps it here when it is
    /// `null` or does not fit.
    #[inline]
    pub fn field<'de, A: MapAccess<'de>, T: Json>(
        &mut self,
        map: &mut A,
        key: &'static str,
        field: &mut Option<T>,
    ) -> Result<(), A::Error> {
        let fitted = map.next_value_seed(Lenient::<T>::field())?;
        if self.held.contains(&key) {
            self.kept.remove(key);
            self.held.retain(|held| *held != key);
        }
        match fitted {
            Ok(value) => *field = Some(value),
            Err(json) => {
                *field = None;
                self.held.push(key);
                self.kept.holds_field_keys();
                self.kept.member(key, &json);
            }
        }
        Ok(())
    }

    /// Keeps the value of a key the struct has no field for.
    #[inline]
    pub fn other<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: &str,
    ) -> Result<(), A::Error> {
        self.kept.captured_member(map, key)
    }

    /// What was kept, for the struct's extra fields.
    #[inline]
    pub fn finish(self) -> ExtraFields {
        self.kept.finish()
    }
}

/// Decodes a generated struct, which only a JSON object can be.
pub fn decode_object<'de, D: Deserializer<'de>, T: Json>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(Object(PhantomData))
}

struct Object<T>(PhantomData<fn() -> T>);

impl<'de, T: Json> Visitor<'de> for Object<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)?.map_err(|_| de::Error::custom("expected a JSON object"))
    }
}

/// Writes a generated struct as a JSON object: its fields that are set, in order, then its
/// extra fields. It keeps the first error and ignores what comes after it, so that the
/// code generated for each struct is a plain call per field.
pub struct ObjectWriter<M: SerializeMap> {
    state: Result<M, M::Error>,
    /// The fields written so far, by position: a field that held `null` when it was
    /// decoded and was set since wins over the kept `null`.
    fields: usize,
    written: u128,
    /// Positions written beyond the 128 the bits hold.
    written_beyond: Vec<usize>,
}

impl<M: SerializeMap> ObjectWriter<M> {
    #[inline]
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(serializer: S) -> Self {
        ObjectWriter {
            state: serializer.serialize_map(None),
            fields: 0,
            written: 0,
            written_beyond: Vec::new(),
        }
    }

    /// Writes the next field, `key`, when it is `Some`.
    #[inline]
    pub fn field<T: Json>(&mut self, key: &'static str, value: &Option<T>) {
        let position = self.fields;
        self.fields += 1;
        let (Ok(map), Some(value)) = (&mut self.state, value) else {
            return;
        };
        if let Err(error) = map.serialize_entry(key, &Encode(value)) {
            self.state = Err(error);
        } else if position < 128 {
            self.written |= 1 << position;
        } else {
            self.written_beyond.push(position);
        }
    }

    /// Writes the extra fields but those whose key is one of `keys` (the struct's fields,
    /// in the order they were written) that was written, and ends the object.
    #[inline]
    pub fn finish(self, extra: &ExtraFields, keys: &[&str]) -> Result<M::Ok, M::Error> {
        let mut map = self.state?;
        if !extra.may_hold_field_keys() {
            encode_members(&mut map, extra, |_| false)?;
            return map.end();
        }
        let (bits, beyond) = (self.written, &self.written_beyond);
        let written = |key: &str| match keys.iter().position(|field| *field == key) {
            Some(position) if position < 128 => bits & (1 << position) != 0,
            Some(position) => beyond.contains(&position),
            None => false,
        };
        encode_members(&mut map, extra, written)?;
        map.end()
    }
}

/// A generated struct's `Debug`: its name and its JSON, which shows what is set and what
/// was kept alike (`{:#?}` pretty-prints it).
pub fn debug_object<T: Json>(name: &str, value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let json = if f.alternate() {
        serde_json::to_string_pretty(&Encode(value))
    } else {
        serde_json::to_string(&Encode(value))
    };
    write!(f, "{name} {}", json.map_err(|_| fmt::Error)?)
}

/// Decodes a generated enum from a string, borrowed where the deserializer allows.
pub fn decode_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(Text(PhantomData))
}

struct Text<T>(PhantomData<fn() -> T>);

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for Text<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }
    fn visit_str<E>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

#[cfg(test)]
mod tests {
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
}
