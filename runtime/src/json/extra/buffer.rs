//! The compact buffer `ExtraFields` keep their members in. After a first byte of flags: a member is its key (a string) and its value; a value is a kind byte and its
//! payload; a string is its length (a varint) and its bytes; a list holds its items and an
//! object its members, each key after a STRING byte, up to an END byte. The top level is
//! members up to the buffer's end.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

pub(super) const NULL: u8 = 0;
pub(super) const FALSE: u8 = 1;
pub(super) const TRUE: u8 = 2;
/// An integer from 0 to `u64::MAX`, as a varint.
pub(super) const UNSIGNED: u8 = 3;
/// A negative integer `n`, as the varint of `!n` (so -1 is 0).
pub(super) const NEGATIVE: u8 = 4;
/// A float, as its 8 bytes, little-endian.
pub(super) const FLOAT: u8 = 5;
pub(super) const STRING: u8 = 6;
pub(super) const LIST: u8 = 7;
pub(super) const OBJECT: u8 = 8;
pub(super) const END: u8 = 9;
/// A number as its exact JSON text, for builds whose serde_json keeps that text
/// (`arbitrary_precision`): written back through `serde_json::Number`, so it is not rounded.
pub(super) const NUMBER_TEXT: u8 = 10;

/// The single key of the map serde_json reports a number as when it keeps numbers as text.
pub(super) const NUMBER_KEY: &str = "$serde_json::private::Number";

/// Room on the stack for what a struct usually keeps, so that its buffer is allocated once,
/// at its size, when the struct is done.
pub(super) const ON_STACK: usize = 128;

/// A byte buffer that stays on the stack until it outgrows [`ON_STACK`].
pub(super) struct Scratch {
    on_stack: [u8; ON_STACK],
    len: usize,
    spilled: Vec<u8>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            on_stack: [0; ON_STACK],
            len: 0,
            spilled: Vec::new(),
        }
    }
}

impl Scratch {
    #[inline]
    pub(super) fn push(&mut self, byte: u8) {
        self.extend_from_slice(&[byte]);
    }

    #[inline]
    pub(super) fn extend_from_slice(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end <= ON_STACK {
            self.on_stack[self.len..end].copy_from_slice(bytes);
        } else {
            if self.len <= ON_STACK && self.spilled.is_empty() {
                self.spilled.reserve(2 * end);
                self.spilled.extend_from_slice(&self.on_stack[..self.len]);
            }
            self.spilled.extend_from_slice(bytes);
        }
        self.len = end;
    }

    pub(super) fn as_slice(&self) -> &[u8] {
        if self.len <= ON_STACK && self.spilled.is_empty() {
            &self.on_stack[..self.len]
        } else {
            &self.spilled
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Builds the kept members of one struct while it is decoded.
#[derive(Default)]
pub(crate) struct Builder {
    /// A first byte, 1 when a member may have a field's key (else 0), then the members;
    /// empty before the first member.
    pub(super) bytes: Scratch,
    pub(super) may_hold_field_keys: bool,
}

impl Builder {
    pub(super) fn start_member(&mut self, key: &str) {
        if self.bytes.is_empty() {
            self.bytes.push(0);
        }
        write_str(&mut self.bytes, key);
    }

    /// Notes that a member may have the key of one of the struct's fields.
    pub(crate) fn holds_field_keys(&mut self) {
        self.may_hold_field_keys = true;
    }

    /// Keeps a value already decoded.
    pub(crate) fn member(&mut self, key: &str, value: &Value) {
        self.start_member(key);
        write_value(&mut self.bytes, value);
    }

    /// Keeps the next value of `map`, written straight from the deserializer.
    pub(crate) fn captured_member<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: &str,
    ) -> Result<(), A::Error> {
        self.start_member(key);
        map.next_value_seed(Capture(&mut self.bytes))
    }

    /// Takes out the members named `key`: for a repeated key, whose last value counts.
    pub(crate) fn remove(&mut self, key: &str) {
        let may_hold_field_keys = self.may_hold_field_keys;
        let mut members = std::mem::take(self).finish().to_map();
        self.may_hold_field_keys = may_hold_field_keys;
        members.remove(key);
        for (key, value) in &members {
            self.member(key, value);
        }
    }
}

pub(super) fn write_varint(bytes: &mut Scratch, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

pub(super) fn write_str(bytes: &mut Scratch, value: &str) {
    write_varint(bytes, value.len() as u64);
    bytes.extend_from_slice(value.as_bytes());
}

pub(super) fn write_i64(bytes: &mut Scratch, value: i64) {
    if value < 0 {
        bytes.push(NEGATIVE);
        write_varint(bytes, !value as u64);
    } else {
        bytes.push(UNSIGNED);
        write_varint(bytes, value as u64);
    }
}

pub(super) fn write_u64(bytes: &mut Scratch, value: u64) {
    bytes.push(UNSIGNED);
    write_varint(bytes, value);
}

/// JSON has no NaN or infinity: as in `serde_json::Value`, they become `null`.
pub(super) fn write_f64(bytes: &mut Scratch, value: f64) {
    if value.is_finite() {
        bytes.push(FLOAT);
        bytes.extend_from_slice(&value.to_le_bytes());
    } else {
        bytes.push(NULL);
    }
}

pub(super) fn write_value(bytes: &mut Scratch, value: &Value) {
    match value {
        Value::Null => bytes.push(NULL),
        Value::Bool(false) => bytes.push(FALSE),
        Value::Bool(true) => bytes.push(TRUE),
        Value::Number(number) => write_number(bytes, number),
        Value::String(text) => {
            bytes.push(STRING);
            write_str(bytes, text);
        }
        Value::Array(items) => {
            bytes.push(LIST);
            for item in items {
                write_value(bytes, item);
            }
            bytes.push(END);
        }
        Value::Object(members) => {
            bytes.push(OBJECT);
            for (key, value) in members {
                bytes.push(STRING);
                write_str(bytes, key);
                write_value(bytes, value);
            }
            bytes.push(END);
        }
    }
}

pub(super) fn write_number(bytes: &mut Scratch, number: &Number) {
    // Only a build that keeps number text can hold text that the 64-bit forms would change.
    if keeps_number_text() {
        let text = number.to_string();
        let canonical_text = canonical(number).to_string();
        if canonical_text != text {
            bytes.push(NUMBER_TEXT);
            write_str(bytes, &text);
            return;
        }
    }
    if let Some(value) = number.as_u64() {
        write_u64(bytes, value);
    } else if let Some(value) = number.as_i64() {
        write_i64(bytes, value);
    } else {
        write_f64(bytes, number.as_f64().unwrap_or(f64::NAN));
    }
}

/// Whether this build's serde_json keeps a number's text (its `arbitrary_precision`
/// feature, which a user's build may turn on), asked once.
pub(super) fn keeps_number_text() -> bool {
    static KEEPS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEPS.get_or_init(|| {
        serde_json::from_str::<Number>("1.50").is_ok_and(|number| number.to_string() == "1.50")
    })
}

/// The number as the 64-bit forms hold it.
pub(super) fn canonical(number: &Number) -> Value {
    if let Some(value) = number.as_u64() {
        Value::from(value)
    } else if let Some(value) = number.as_i64() {
        Value::from(value)
    } else {
        number
            .as_f64()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number)
    }
}

/// Writes the JSON value the deserializer reports, without building it.
pub(super) struct Capture<'a>(&'a mut Scratch);

impl Capture<'_> {
    /// An integer beyond 64 bits: kept as text when this build's serde_json keeps number
    /// text (as its `Value` would), else refused (as its `Value` would).
    pub(super) fn wide_integer<E: de::Error>(self, text: String) -> Result<(), E> {
        match serde_json::from_str::<Number>(&text) {
            Ok(number) if number.to_string() == text => {
                self.0.push(NUMBER_TEXT);
                write_str(self.0, &text);
                Ok(())
            }
            _ => Err(E::custom("JSON number out of range")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Capture<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Capture<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.push(NULL);
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.0.push(NULL);
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        self.0.push(if value { TRUE } else { FALSE });
        Ok(())
    }
    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        write_i64(self.0, value);
        Ok(())
    }
    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        write_u64(self.0, value);
        Ok(())
    }
    /// As `serde_json::Value` takes them: within 64 bits, or refused.
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<(), E> {
        match (i64::try_from(value), u64::try_from(value)) {
            (Ok(value), _) => self.visit_i64(value),
            (_, Ok(value)) => self.visit_u64(value),
            _ => self.wide_integer(value.to_string()),
        }
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<(), E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => self.wide_integer(value.to_string()),
        }
    }
    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        write_f64(self.0, value);
        Ok(())
    }
    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        self.0.push(STRING);
        write_str(self.0, value);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let bytes = self.0;
        bytes.push(LIST);
        while seq.next_element_seed(Capture(&mut *bytes))?.is_some() {}
        bytes.push(END);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let bytes = self.0;
        let Some(first) = map.next_key_seed(Key)? else {
            bytes.push(OBJECT);
            bytes.push(END);
            return Ok(());
        };
        if first == NUMBER_KEY {
            let text: String = map.next_value()?;
            bytes.push(NUMBER_TEXT);
            write_str(bytes, &text);
            return Ok(());
        }
        bytes.push(OBJECT);
        bytes.push(STRING);
        write_str(bytes, &first);
        map.next_value_seed(Capture(&mut *bytes))?;
        while let Some(key) = map.next_key_seed(Key)? {
            bytes.push(STRING);
            write_str(bytes, &key);
            map.next_value_seed(Capture(&mut *bytes))?;
        }
        bytes.push(END);
        Ok(())
    }
}

/// Reads a buffer; a shared reference can read on (the position is a `Cell`), so that
/// each stored value can be a `Serialize` that moves it.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: Cell<usize>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            at: Cell::new(0),
        }
    }

    pub(super) fn byte(&self) -> Option<u8> {
        let at = self.at.get();
        let byte = *self.bytes.get(at)?;
        self.at.set(at + 1);
        Some(byte)
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at.get()).copied()
    }

    pub(super) fn take(&self, len: usize) -> Option<&'a [u8]> {
        let at = self.at.get();
        let taken = self.bytes.get(at..at.checked_add(len)?)?;
        self.at.set(at + len);
        Some(taken)
    }

    pub(super) fn varint(&self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub(super) fn str(&self) -> Option<&'a str> {
        let len = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    pub(super) fn f64(&self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// The next member's key at the top level; `None` at the end.
    pub(super) fn key(&self) -> Option<&'a str> {
        self.peek()?;
        self.str()
    }

    /// The next member's key in an object; `None` once its end mark is passed.
    pub(super) fn member_key(&self) -> Option<&'a str> {
        match self.byte()? {
            STRING => self.str(),
            _ => None,
        }
    }

    /// Whether the list being read has no more items (the end mark is passed).
    pub(super) fn list_ends(&self) -> bool {
        if self.peek() == Some(END) {
            self.at.set(self.at.get() + 1);
            true
        } else {
            self.peek().is_none()
        }
    }

    pub(super) fn skip_value(&self) -> Option<()> {
        match self.byte()? {
            NULL | FALSE | TRUE => {}
            UNSIGNED | NEGATIVE => {
                self.varint()?;
            }
            FLOAT => {
                self.take(8)?;
            }
            STRING | NUMBER_TEXT => {
                self.str()?;
            }
            LIST => {
                while !self.list_ends() {
                    self.skip_value()?;
                }
            }
            OBJECT => {
                while self.member_key().is_some() {
                    self.skip_value()?;
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// The number of items of the list or the members of the object starting here.
    pub(super) fn count(&self, object: bool) -> Option<usize> {
        let ahead = Reader {
            bytes: self.bytes,
            at: self.at.clone(),
        };
        let mut count = 0;
        loop {
            let ends = if object {
                ahead.member_key().is_none()
            } else {
                ahead.list_ends()
            };
            if ends {
                return Some(count);
            }
            ahead.skip_value()?;
            count += 1;
        }
    }

    pub(super) fn value(&self) -> Option<Value> {
        Some(match self.byte()? {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            UNSIGNED => Value::from(self.varint()?),
            NEGATIVE => Value::from(!(self.varint()? as i64)),
            FLOAT => Number::from_f64(self.f64()?).map_or(Value::Null, Value::Number),
            STRING => Value::from(self.str()?),
            NUMBER_TEXT => Value::Number(serde_json::from_str::<Number>(self.str()?).ok()?),
            LIST => {
                let mut items = Vec::new();
                while !self.list_ends() {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            OBJECT => {
                let mut members = Map::new();
                while let Some(key) = self.member_key() {
                    members.insert(key.to_owned(), self.value()?);
                }
                Value::Object(members)
            }
            _ => return None,
        })
    }
}

/// The value at a reader's position, serialized as it came (and the reader moved past it).
pub(super) struct Stored<'r, 'a>(pub(super) &'r Reader<'a>);

impl Serialize for Stored<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let reader = self.0;
        match reader.byte().ok_or_else(corrupt)? {
            NULL => serializer.serialize_unit(),
            FALSE => serializer.serialize_bool(false),
            TRUE => serializer.serialize_bool(true),
            UNSIGNED => serializer.serialize_u64(reader.varint().ok_or_else(corrupt)?),
            NEGATIVE => serializer.serialize_i64(!(reader.varint().ok_or_else(corrupt)? as i64)),
            FLOAT => serializer.serialize_f64(reader.f64().ok_or_else(corrupt)?),
            STRING => serializer.serialize_str(reader.str().ok_or_else(corrupt)?),
            NUMBER_TEXT => serde_json::from_str::<Number>(reader.str().ok_or_else(corrupt)?)
                .map_err(|_| corrupt())?
                .serialize(serializer),
            LIST => {
                let len = reader.count(false).ok_or_else(corrupt)?;
                let mut seq = serializer.serialize_seq(Some(len))?;
                while !reader.list_ends() {
                    seq.serialize_element(&Stored(reader))?;
                }
                seq.end()
            }
            OBJECT => {
                let len = reader.count(true).ok_or_else(corrupt)?;
                let mut map = serializer.serialize_map(Some(len))?;
                while let Some(key) = reader.member_key() {
                    map.serialize_entry(key, &Stored(reader))?;
                }
                map.end()
            }
            _ => Err(corrupt()),
        }
    }
}

/// Not expected: the buffer is written by this module only.
pub(super) fn corrupt<E: serde::ser::Error>() -> E {
    E::custom("the kept extra fields are corrupt")
}

/// The next key of an object, borrowed from the input when the deserializer allows it, so
/// that a known key costs no allocation.
pub fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    map.next_key_seed(Key)
}

pub(super) struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON object key")
    }
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }
    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}
