//! The overlay file (format `postman-overlay`, version 1): what observed responses showed
//! that a collection's examples do not, per operation id and status. Read with typed errors,
//! written in one layout (sorted keys, two-space indents, a final newline), so that the same
//! overlay is always the same bytes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::node::{Kind, Node};
use super::observations::{as_object, count, flag, found, Envelope};
use crate::diagnostics::{Error, Location};

pub const FORMAT: &str = "postman-overlay";
pub const VERSION: u64 = 1;

/// What an overlay says of one position of a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The collection's examples lack this field: everything below was observed only.
    Added,
    /// The examples give this value no type (`null` only, an empty list): the observed
    /// kinds below type it.
    Typed,
    /// Observed kinds the collection's type does not take.
    Conflict,
    /// The collection's field was in no observed object.
    NeverSeen,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Typed => "typed",
            Change::Conflict => "conflict",
            Change::NeverSeen => "never_seen",
        }
    }

    fn named(name: &str) -> Option<Change> {
        [
            Change::Added,
            Change::Typed,
            Change::Conflict,
            Change::NeverSeen,
        ]
        .into_iter()
        .find(|change| change.name() == name)
    }

    /// Whether everything below the node was observed only, so that it lists all it saw.
    fn is_whole(self) -> bool {
        matches!(self, Change::Added | Change::Typed)
    }
}

/// One position of a response body in an overlay. A node without a [`Change`] is there for
/// what is below it, or for its observed values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverlayNode {
    pub change: Option<Change>,
    /// At a conflict: the type the collection gives the value, in words.
    pub collection: Option<String>,
    pub count: u64,
    pub kinds: BTreeMap<Kind, u64>,
    /// For a field never seen: how many observed objects lacked it.
    pub absent_from: Option<u64>,
    pub fields: BTreeMap<String, OverlayNode>,
    pub items: Option<Box<OverlayNode>>,
    pub values: BTreeMap<String, u64>,
    pub values_truncated: bool,
    pub fields_truncated: bool,
}

/// An overlay: per operation id (`module::function`) and status, what was learned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    pub api: Option<String>,
    pub operations: BTreeMap<String, BTreeMap<u16, OverlayNode>>,
}

impl Overlay {
    /// Reads an overlay's text; errors give the JSON path (the caller names the file).
    pub fn parse(text: &str) -> Result<Overlay, Error> {
        let root = Location::root();
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::new(&root, format!("the overlay is not valid JSON: {e}")))?;
        let envelope = Envelope {
            format: FORMAT,
            version: VERSION,
            file: "overlay",
            hint: "an overlay is written by `postman-codegen learn`",
        };
        let (api, operations) = envelope.read(&value, read_node)?;
        let overlay = Overlay { api, operations };
        Ok(overlay)
    }

    /// The overlay's text, in its one layout.
    pub fn render(&self) -> String {
        // Keys are inserted in sorted order, so that the layout does not depend on how
        // serde_json orders a map.
        let mut root = Map::new();
        if let Some(api) = &self.api {
            root.insert("api".into(), Value::from(api.as_str()));
        }
        root.insert("format".into(), Value::from(FORMAT));
        let mut operations = Map::new();
        for (operation, statuses) in &self.operations {
            let mut by_status = Map::new();
            for (status, node) in statuses {
                by_status.insert(status.to_string(), node_value(node));
            }
            operations.insert(operation.clone(), Value::Object(by_status));
        }
        root.insert("operations".into(), Value::Object(operations));
        root.insert("version".into(), Value::from(VERSION));
        let mut text = serde_json::to_string_pretty(&Value::Object(root))
            .unwrap_or_else(|_| String::from("{}"));
        text.push('\n');
        text
    }
}

impl OverlayNode {
    /// What the overlay keeps of the observations, as a node to merge new ones into: the
    /// nodes it lists, partial below any node that lists only its differences.
    pub fn to_node(&self) -> Node {
        self.node_within(false)
    }

    fn node_within(&self, whole: bool) -> Node {
        if self.change == Some(Change::NeverSeen) {
            // Present in none of the objects observed: a field node that was never counted.
            return Node {
                partial: !whole,
                ..Node::default()
            };
        }
        let whole = whole || self.change.is_some_and(Change::is_whole);
        Node {
            count: self.count,
            kinds: self.kinds.clone(),
            fields: self
                .fields
                .iter()
                .map(|(name, field)| (name.clone(), field.node_within(whole)))
                .collect(),
            items: self
                .items
                .as_ref()
                .map(|items| Box::new(items.node_within(whole))),
            values: self.values.clone(),
            values_truncated: self.values_truncated,
            fields_truncated: self.fields_truncated,
            partial: !whole || self.fields_truncated,
        }
    }
}

fn node_value(node: &OverlayNode) -> Value {
    // In sorted key order.
    let mut out = Map::new();
    if let Some(absent) = node.absent_from {
        out.insert("absent_from".into(), Value::from(absent));
    }
    if let Some(change) = node.change {
        out.insert("change".into(), Value::from(change.name()));
    }
    if let Some(collection) = &node.collection {
        out.insert("collection".into(), Value::from(collection.as_str()));
    }
    out.insert("count".into(), Value::from(node.count));
    if !node.fields.is_empty() {
        let fields = node
            .fields
            .iter()
            .map(|(name, field)| (name.clone(), node_value(field)))
            .collect();
        out.insert("fields".into(), Value::Object(fields));
    }
    if node.fields_truncated {
        out.insert("fields_truncated".into(), Value::Bool(true));
    }
    if let Some(items) = &node.items {
        out.insert("items".into(), node_value(items));
    }
    if !node.kinds.is_empty() {
        // Kinds in their names' order, like every other key.
        let mut kinds: Vec<(&str, u64)> = node.kinds.iter().map(|(k, n)| (k.name(), *n)).collect();
        kinds.sort();
        let kinds = kinds
            .into_iter()
            .map(|(kind, n)| (kind.to_owned(), Value::from(n)))
            .collect();
        out.insert("kinds".into(), Value::Object(kinds));
    }
    if !node.values.is_empty() {
        let values = node
            .values
            .iter()
            .map(|(value, n)| (value.clone(), Value::from(*n)))
            .collect();
        out.insert("values".into(), Value::Object(values));
    }
    if node.values_truncated {
        out.insert("values_truncated".into(), Value::Bool(true));
    }
    Value::Object(out)
}

fn read_node(value: &Value, at: &Location) -> Result<OverlayNode, Error> {
    let object = as_object(value, at)?;
    let mut node = OverlayNode::default();
    for (key, value) in object {
        let here = at.key(key);
        match key.as_str() {
            "change" => {
                let name = value.as_str().unwrap_or_default();
                node.change = Some(Change::named(name).ok_or_else(|| {
                    Error::new(
                        &here,
                        format!(
                            "expected \"added\", \"typed\", \"conflict\" or \"never_seen\", found {}",
                            found(Some(value))
                        ),
                    )
                })?);
            }
            "collection" => {
                let text = value.as_str().ok_or_else(|| {
                    Error::new(&here, format!("expected a string, found {}", found(Some(value))))
                })?;
                node.collection = Some(text.to_owned());
            }
            "count" => node.count = count(value, &here)?,
            "absent_from" => node.absent_from = Some(count(value, &here)?),
            "kinds" => {
                for (kind, n) in as_object(value, &here)? {
                    let kind_named = Kind::named(kind).ok_or_else(|| {
                        Error::new(&here.key(kind), format!("{kind:?} is not a JSON kind"))
                    })?;
                    node.kinds.insert(kind_named, count(n, &here.key(kind))?);
                }
            }
            "fields" => {
                for (name, field) in as_object(value, &here)? {
                    node.fields
                        .insert(name.clone(), read_node(field, &here.key(name))?);
                }
            }
            "items" => node.items = Some(Box::new(read_node(value, &here)?)),
            "values" => {
                for (text, n) in as_object(value, &here)? {
                    node.values.insert(text.clone(), count(n, &here.key(text))?);
                }
            }
            "values_truncated" => node.values_truncated = flag(value, &here)?,
            "fields_truncated" => node.fields_truncated = flag(value, &here)?,
            other => {
                return Err(Error::new(
                    &here,
                    format!("{other:?} is not a key of an overlay node"),
                )
                .with_hint("the keys are change, collection, count, absent_from, kinds, fields, items, values, values_truncated and fields_truncated"))
            }
        }
    }
    Ok(node)
}
