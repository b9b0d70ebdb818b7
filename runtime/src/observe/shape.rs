//! The merged shape of the values seen at one position of a response body, and the serde
//! visitor that folds one body into it in a single pass, without building it as JSON.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::fields::Fields;

/// The fields recorded of one object position; more are counted as `fields_truncated`.
pub const MAX_FIELDS: usize = 256;
/// Distinct values kept for a field whose values are asked for.
pub const MAX_VALUES: usize = 64;
/// Member names and values longer than this many bytes are not recorded (counted as
/// truncated): a name or an enum candidate is short, and a hostile server's long ones
/// would otherwise grow the memory by their length.
pub const MAX_TEXT: usize = 256;
/// Nesting below this depth is not recorded: the node there has its kinds only.
pub const MAX_DEPTH: u32 = 32;

/// serde_json hands a number over as a map with this one key when its
/// `arbitrary_precision` feature is on (a user's build may turn it on).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// How many of a node's values had each JSON kind.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kinds {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub null: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub boolean: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub integer: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub number: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub string: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub object: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub array: u64,
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

impl Kinds {
    fn is_empty(&self) -> bool {
        *self == Kinds::default()
    }

    fn merge(&mut self, other: &Kinds) {
        self.null += other.null;
        self.boolean += other.boolean;
        self.integer += other.integer;
        self.number += other.number;
        self.string += other.string;
        self.object += other.object;
        self.array += other.array;
    }
}

/// The shape of every value seen at one position (the format is in the module docs of
/// [`crate::observe`]).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub count: u64,
    #[serde(default, skip_serializing_if = "Kinds::is_empty")]
    pub kinds: Kinds,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields<Node>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Node>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<BTreeMap<String, u64>>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub values_truncated: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub fields_truncated: bool,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

impl Node {
    /// Adds `other`'s counts, fields, items and values to this node's.
    pub fn merge(&mut self, other: &Node) {
        self.count += other.count;
        self.kinds.merge(&other.kinds);
        for (name, field) in other.fields.iter() {
            if let Some(position) = self.fields.position(name, 0) {
                self.fields.at(position).merge(field);
            } else if self.fields.len() < MAX_FIELDS {
                self.fields.push(name, field.clone());
            } else {
                self.fields_truncated = true;
            }
        }
        if let Some(items) = &other.items {
            self.items.get_or_insert_with(Box::default).merge(items);
        }
        if let Some(values) = &other.values {
            for (value, count) in values {
                self.add_value(value, *count);
            }
        }
        self.values_truncated |= other.values_truncated;
        self.fields_truncated |= other.fields_truncated;
    }

    fn add_value(&mut self, value: &str, count: u64) {
        let values = self.values.get_or_insert_with(BTreeMap::new);
        if let Some(seen) = values.get_mut(value) {
            *seen += count;
        } else if values.len() < MAX_VALUES && value.len() <= MAX_TEXT {
            values.insert(value.to_owned(), count);
        } else {
            self.values_truncated = true;
        }
    }
}

/// What recording one body may grow, shared by the whole walk.
pub struct Walk<'a> {
    /// Paths (`users[].status`) whose values are recorded.
    pub value_paths: &'a [String],
    /// Nodes that may still be made, over the whole observer: a hard bound on its memory.
    pub node_budget: &'a mut usize,
    /// Set when the shape changed (a new field, kind or value), not only its counts.
    pub shape_changed: bool,
    /// The path of the value being read, kept only when some values are recorded.
    path: String,
}

impl<'a> Walk<'a> {
    pub fn new(value_paths: &'a [String], node_budget: &'a mut usize) -> Self {
        Walk {
            value_paths,
            node_budget,
            shape_changed: false,
            path: String::new(),
        }
    }

    fn wants_values(&self) -> bool {
        self.value_paths.contains(&self.path)
    }
}

/// Folds one value into `node`.
pub struct Record<'w, 'a> {
    pub node: &'w mut Node,
    pub walk: &'w mut Walk<'a>,
    pub depth: u32,
}

impl Record<'_, '_> {
    fn saw(&mut self, kind: fn(&mut Kinds) -> &mut u64) {
        self.node.count += 1;
        let count = kind(&mut self.node.kinds);
        if *count == 0 {
            self.walk.shape_changed = true;
        }
        *count += 1;
    }

    fn scalar(mut self, kind: fn(&mut Kinds) -> &mut u64, text: impl FnOnce() -> String) {
        self.saw(kind);
        if self.walk.wants_values() {
            let text = text();
            let before = self.node.values.as_ref().map_or(0, BTreeMap::len);
            self.node.add_value(&text, 1);
            if self.node.values.as_ref().map_or(0, BTreeMap::len) != before {
                self.walk.shape_changed = true;
            }
        }
    }

    /// The place of member `key` (looked for first at `hint`), made if the budgets allow.
    fn field(node: &mut Node, walk: &mut Walk<'_>, key: &str, hint: usize) -> Option<usize> {
        if let Some(position) = node.fields.position(key, hint) {
            return Some(position);
        }
        if node.fields.len() >= MAX_FIELDS || key.len() > MAX_TEXT || *walk.node_budget == 0 {
            node.fields_truncated = true;
            return None;
        }
        *walk.node_budget -= 1;
        walk.shape_changed = true;
        Some(node.fields.push(key, Node::default()))
    }
}

impl<'de> DeserializeSeed<'de> for Record<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn null(kinds: &mut Kinds) -> &mut u64 {
    &mut kinds.null
}
fn boolean(kinds: &mut Kinds) -> &mut u64 {
    &mut kinds.boolean
}
fn integer(kinds: &mut Kinds) -> &mut u64 {
    &mut kinds.integer
}
fn number(kinds: &mut Kinds) -> &mut u64 {
    &mut kinds.number
}
fn string(kinds: &mut Kinds) -> &mut u64 {
    &mut kinds.string
}

impl<'de> Visitor<'de> for Record<'_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.scalar(null, || "null".to_owned());
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.scalar(null, || "null".to_owned());
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        self.scalar(boolean, || value.to_string());
        Ok(())
    }
    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        self.scalar(integer, || value.to_string());
        Ok(())
    }
    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        self.scalar(integer, || value.to_string());
        Ok(())
    }
    fn visit_i128<E>(self, value: i128) -> Result<(), E> {
        self.scalar(integer, || value.to_string());
        Ok(())
    }
    fn visit_u128<E>(self, value: u128) -> Result<(), E> {
        self.scalar(integer, || value.to_string());
        Ok(())
    }
    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        self.scalar(number, || {
            serde_json::Number::from_f64(value).map_or_else(|| "null".to_owned(), |n| n.to_string())
        });
        Ok(())
    }
    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        self.scalar(string, || value.to_owned());
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.saw(|kinds| &mut kinds.array);
        if self.depth >= MAX_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        if self.node.items.is_none() {
            if *self.walk.node_budget == 0 {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(());
            }
            *self.walk.node_budget -= 1;
            self.walk.shape_changed = true;
            self.node.items = Some(Box::default());
        }
        let items = self.node.items.as_deref_mut().expect("made above");
        let walk = self.walk;
        let depth = self.depth + 1;
        let keep = walk.path.len();
        if !walk.value_paths.is_empty() {
            walk.path.push_str("[]");
        }
        while seq
            .next_element_seed(Record {
                node: &mut *items,
                walk: &mut *walk,
                depth,
            })?
            .is_some()
        {}
        walk.path.truncate(keep);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            let mut this = self;
            this.saw(|kinds| &mut kinds.object);
            return Ok(());
        };
        if first.0 == NUMBER_TOKEN {
            let text: String = map.next_value()?;
            let fraction = text.contains(['.', 'e', 'E']);
            self.scalar(if fraction { number } else { integer }, || text);
            return Ok(());
        }
        let mut this = self;
        this.saw(|kinds| &mut kinds.object);
        let walk = this.walk;
        let depth = this.depth + 1;
        let mut next = Some(first);
        let mut hint = 0;
        loop {
            let Key(name) = match next.take() {
                Some(key) => key,
                None => match map.next_key::<Key<'de>>()? {
                    Some(key) => key,
                    None => break,
                },
            };
            let field = if this.depth >= MAX_DEPTH {
                None
            } else {
                Record::field(this.node, walk, &name, hint)
            };
            match field {
                Some(position) => {
                    hint = position + 1;
                    let keep = walk.path.len();
                    if !walk.value_paths.is_empty() {
                        if keep > 0 {
                            walk.path.push('.');
                        }
                        walk.path.push_str(&name);
                    }
                    map.next_value_seed(Record {
                        node: this.node.fields.at(position),
                        walk: &mut *walk,
                        depth,
                    })?;
                    walk.path.truncate(keep);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A member name, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Folds the JSON `body` into `node` (`walk.shape_changed` says whether more than its
/// counts changed).
pub fn record(node: &mut Node, body: &[u8], walk: &mut Walk<'_>) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    Record {
        node,
        walk,
        depth: 0,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()
}
