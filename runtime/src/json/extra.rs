//! What a generated struct keeps of a JSON object beyond its fields.
//!
//! Fields no example showed, values of another type than the examples had, and explicit
//! `null`s are kept in one compact buffer per struct that has any: each member's key, then
//! its value as a one-byte kind and its payload (strings as their length and unescaped
//! bytes, integers as varints, objects and lists as their members up to an end mark).
//! Building a `serde_json::Value` for each of them instead would cost a map node, a key and
//! often a string per value on every item of every page: decoding a page took twice the
//! memory a plain derive takes, and most of the time that keeping them cost. Writing a
//! buffer is a copy of what the deserializer reports; encoding hands each stored value to
//! the serializer as `serde_json::Value` would, so any serializer gets the values
//! themselves. The map view (`get`, `to_map`, ...) reads values back when asked.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod buffer;

pub use buffer::next_key;
pub(crate) use buffer::Builder;
use buffer::{corrupt, Key, Reader, Stored};

/// The members of a JSON object that a generated struct has no field for, and those whose
/// value did not fit its field's type (explicit `null`s included): everything the server
/// sent that the struct does not hold itself, so that encoding the struct gives back the
/// JSON it was decoded from.
///
/// ```
/// # use postman_runtime::ExtraFields;
/// use serde_json::json;
///
/// let mut extra = ExtraFields::new();
/// extra.insert("language", json!("en-US"));
/// assert_eq!(extra.get("language"), Some(json!("en-US")));
/// assert_eq!(extra.to_string(), r#"{"language":"en-US"}"#);
/// ```
#[derive(Clone, Default)]
pub struct ExtraFields {
    /// The members, as [`Builder`] writes them; `None` when there are none.
    stored: Option<Box<[u8]>>,
}

impl ExtraFields {
    /// No members.
    pub fn new() -> Self {
        ExtraFields::default()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.stored.is_none()
    }

    /// The number of members (a key that came more than once counts once).
    pub fn len(&self) -> usize {
        self.to_map().len()
    }

    /// The value of the member `key`; the last one when the key came more than once.
    pub fn get(&self, key: &str) -> Option<Value> {
        let reader = self.reader();
        let mut found = None;
        while let Some(member) = reader.key() {
            if member == key {
                found = reader.value();
            } else {
                reader.skip_value()?;
            }
        }
        found
    }

    /// Whether there is a member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        let reader = self.reader();
        while let Some(member) = reader.key() {
            if member == key {
                return true;
            }
            if reader.skip_value().is_none() {
                break;
            }
        }
        false
    }

    /// Sets the member `key`, and gives back its former value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let mut members = self.to_map();
        let former = members.insert(key.into(), value);
        *self = ExtraFields::from(members);
        former
    }

    /// Takes the member `key` out, and gives back its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let mut members = self.to_map();
        let removed = members.remove(key)?;
        *self = ExtraFields::from(members);
        Some(removed)
    }

    /// The members as a JSON map.
    pub fn to_map(&self) -> Map<String, Value> {
        let reader = self.reader();
        let mut members = Map::new();
        while let Some(key) = reader.key() {
            match reader.value() {
                Some(value) => members.insert(key.to_owned(), value),
                None => break,
            };
        }
        members
    }

    fn reader(&self) -> Reader<'_> {
        let members = self.stored.as_deref().and_then(|stored| stored.get(1..));
        Reader::new(members.unwrap_or_default())
    }

    /// Whether a member may have the key of one of the struct's own fields (a `null` or a
    /// value that did not fit, kept when decoding; anything set through the map view), so
    /// that encoding must check the members against the fields that are set.
    pub(crate) fn may_hold_field_keys(&self) -> bool {
        self.stored.as_deref().and_then(<[u8]>::first) != Some(&0)
    }
}

impl From<Map<String, Value>> for ExtraFields {
    fn from(members: Map<String, Value>) -> Self {
        let mut builder = Builder::default();
        builder.holds_field_keys();
        for (key, value) in &members {
            builder.member(key, value);
        }
        builder.finish()
    }
}

impl FromIterator<(String, Value)> for ExtraFields {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(members: I) -> Self {
        ExtraFields::from(members.into_iter().collect::<Map<String, Value>>())
    }
}

/// Equal when they hold the same members, in whatever order they came.
impl PartialEq for ExtraFields {
    fn eq(&self, other: &Self) -> bool {
        self.stored == other.stored || self.to_map() == other.to_map()
    }
}

/// The members as the text of a JSON object.
impl fmt::Display for ExtraFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl fmt::Debug for ExtraFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for ExtraFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        encode_members(&mut map, self, |_| false)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for ExtraFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = ExtraFields;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtraFields, A::Error> {
                let mut builder = Builder::default();
                builder.holds_field_keys();
                while let Some(key) = map.next_key_seed(Key)? {
                    builder.captured_member(&mut map, &key)?;
                }
                Ok(builder.finish())
            }
        }

        deserializer.deserialize_map(Members)
    }
}

/// Writes the members of `extra`, but for those whose key `skip` names.
pub(crate) fn encode_members<M: SerializeMap>(
    map: &mut M,
    extra: &ExtraFields,
    skip: impl Fn(&str) -> bool,
) -> Result<(), M::Error> {
    let reader = extra.reader();
    while let Some(key) = reader.key() {
        if skip(key) {
            reader.skip_value().ok_or_else(corrupt)?;
        } else {
            map.serialize_entry(key, &Stored(&reader))?;
        }
    }
    Ok(())
}

impl Builder {
    /// The kept members, for the struct's extra fields.
    pub(crate) fn finish(self) -> ExtraFields {
        if self.bytes.is_empty() {
            return ExtraFields::default();
        }
        let mut stored = Box::<[u8]>::from(self.bytes.as_slice());
        stored[0] = u8::from(self.may_hold_field_keys);
        ExtraFields {
            stored: Some(stored),
        }
    }
}

#[cfg(test)]
mod tests;
