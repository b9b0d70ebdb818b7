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
    /// A number no 64-bit integer or `f64` holds exactly.
    #[inline]
    fn from_number(value: Number) -> Fit<Self> {
        Err(Box::new(Value::Number(value)))
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
    /// A map is a misfit, unless it is the map serde_json hands over for a number when its
    /// `arbitrary_precision` feature is on: that number is offered to the type as
    /// serde_json's own `Value` would offer it, so the field gets it from text as it does
    /// from a `Value`.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Fit<Self>, A::Error> {
        Ok(match Value::deserialize(MapAccessDeserializer::new(map))? {
            Value::Number(number) => fit_number(number),
            other => Err(Box::new(other)),
        })
    }

    /// A value to decode into where it will live ([`map_into`](Self::map_into)), for the
    /// types that are worth it: generated structs, which are large and would otherwise be
    /// moved from one return to the next on their way into a list.
    #[inline]
    fn placeholder() -> Option<Self> {
        None
    }

    /// Decodes a map into `slot`, as [`from_map`](Self::from_map) decodes one.
    #[inline]
    fn map_into<'de, A: MapAccess<'de>>(map: A, slot: &mut Self) -> Result<Fit<()>, A::Error> {
        Ok(Self::from_map(map)?.map(|value| *slot = value))
    }
}

/// Offers a number to `T` by the rules serde_json's `Value` follows when it hands a number
/// over under `arbitrary_precision`: a 64-bit integer as one, an integer beyond as the
/// number, a fraction as an `f64` only when the `f64` writes back as the same text.
/// (`-0` is kept as it came: no integer writes it back.)
fn fit_number<T: Json>(number: Number) -> Fit<T> {
    let text = number.to_string();
    if let Some(value) = number.as_u64().filter(|value| value.to_string() == text) {
        return T::from_u64(value);
    }
    if let Some(value) = number.as_i64().filter(|value| value.to_string() == text) {
        return T::from_i64(value);
    }
    if text.parse::<i128>().is_ok() || text.parse::<u128>().is_ok() {
        return T::from_number(number);
    }
    if let Some(value) = number.as_f64() {
        let same_text = Number::from_f64(value).is_some_and(|n| n.to_string() == text)
            || value.to_string() == text;
        if same_text {
            return T::from_f64(value);
        }
    }
    T::from_number(number)
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
    fn from_number(value: Number) -> Fit<Self> {
        Ok(value)
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
    fn from_number(value: Number) -> Fit<Self> {
        Ok(Value::Number(value))
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
        if T::placeholder().is_some() {
            return items_in_place(items, seq);
        }
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

/// A list of large items, each decoded in its place at the end of the list.
fn items_in_place<'de, T: Json, A: SeqAccess<'de>>(
    mut items: Vec<T>,
    mut seq: A,
) -> Result<Fit<Vec<T>>, A::Error> {
    while let Some(empty) = T::placeholder() {
        items.push(empty);
        let slot = items.last_mut().expect("pushed above");
        match seq.next_element_seed(InPlace { slot })? {
            Some(Ok(())) => {}
            Some(Err(mismatch)) => {
                items.pop();
                return keep_as_json(&items, *mismatch, seq).map(|list| Err(Box::new(list)));
            }
            None => {
                items.pop();
                break;
            }
        }
    }
    Ok(Ok(items))
}

/// Decodes a list item into its slot: a map in place, any other kind as [`Lenient`] does.
struct InPlace<'s, T> {
    slot: &'s mut T,
}

impl<'de, T: Json> DeserializeSeed<'de> for InPlace<'_, T> {
    type Value = Fit<()>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fit<()>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'s, T: Json> InPlace<'s, T> {
    /// What [`Lenient`] made of a value that is not a map, put in the slot if it fits.
    fn put<E>(self, fit: Result<Fit<T>, E>) -> Result<Fit<()>, E> {
        Ok(fit?.map(|value| *self.slot = value))
    }
}

/// A map is decoded into the slot; every other kind goes through [`Lenient`], which holds
/// the rules for each.
impl<'de, T: Json> Visitor<'de> for InPlace<'_, T> {
    type Value = Fit<()>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fit<()>, A::Error> {
        T::map_into(map, self.slot)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fit<()>, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_unit())
    }
    fn visit_none<E: de::Error>(self) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_none())
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_bool(value))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_i64(value))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_u64(value))
    }
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_i128(value))
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_u128(value))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_f64(value))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_str(value))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Fit<()>, E> {
        self.put(Lenient::<T>::item().visit_string(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fit<()>, A::Error> {
        self.put(Lenient::<T>::item().visit_seq(seq))
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
    /// Integers beyond 64 bits come from serde_json's `Value` when its `arbitrary_precision`
    /// feature is on, and from other deserializers: no typed number holds them exactly, so
    /// they are kept as the number `serde_json::Value` would make of them, or refused as it
    /// refuses them.
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Fit<T>, E> {
        match (i64::try_from(value), u64::try_from(value)) {
            (Ok(value), _) => self.visit_i64(value),
            (_, Ok(value)) => self.visit_u64(value),
            _ => wide_integer(Number::from_i128(value)),
        }
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Fit<T>, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => wide_integer(Number::from_u128(value)),
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

/// An integer beyond 64 bits, as `serde_json::Number` holds it (only with
/// `arbitrary_precision`; `None` otherwise).
fn wide_integer<T: Json, E: de::Error>(number: Option<Number>) -> Result<Fit<T>, E> {
    number
        .map(T::from_number)
        .ok_or_else(|| E::custom("JSON number out of range"))
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

/// The one key of the map serde_json hands a visitor for a number when its
/// `arbitrary_precision` feature is on (a user's build may turn it on), with the number's
/// text as the value.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The number a map stands for, when `key` is its first key and serde_json's number token:
/// a number where a struct was expected is a misfit, kept with its exact text, and not a
/// struct with one odd field.
pub fn number_for_object<'de, A: MapAccess<'de>>(
    key: &str,
    map: &mut A,
) -> Result<Option<Box<Value>>, A::Error> {
    if key != NUMBER_TOKEN {
        return Ok(None);
    }
    let text: String = map.next_value()?;
    let number: Number = serde_json::from_str(&text).map_err(de::Error::custom)?;
    Ok(Some(Box::new(Value::Number(number))))
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
mod tests;
