//! Reading observation files (format `postman-observations`, version 1, as the runtime
//! writes them): every broken part is an error naming its JSON path.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::node::{Kind, Node};
use crate::diagnostics::{Error, Location};

/// The format name and version of the files read here.
pub const FORMAT: &str = "postman-observations";
pub const VERSION: u64 = 1;
/// Nodes this deep hold kinds only (the runtime stops recording there).
const MAX_DEPTH: usize = 32;

/// One observation file: per operation id and status, the shape of the bodies seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observations {
    pub api: Option<String>,
    pub operations: BTreeMap<String, BTreeMap<u16, Node>>,
}

impl Observations {
    /// Reads one file's text; errors name `file` and the JSON path.
    pub fn parse(text: &str, file: &str) -> Result<Observations, Error> {
        let root = Location::root();
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Error::new(&root, format!("not valid JSON: {e}")).in_file(file.to_owned())
        })?;
        read_file(&value).map_err(|e| e.in_file(file.to_owned()))
    }

    /// Adds another file's observations.
    pub fn merge(&mut self, other: Observations) {
        if self.api.is_none() {
            self.api = other.api;
        }
        for (operation, statuses) in other.operations {
            let known = self.operations.entry(operation).or_default();
            for (status, node) in statuses {
                match known.get_mut(&status) {
                    Some(node_known) => node_known.merge(node),
                    None => {
                        known.insert(status, node);
                    }
                }
            }
        }
    }
}

fn read_file(value: &Value) -> Result<Observations, Error> {
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        file: "observation file",
        hint: "this is not an observation file written by postman-runtime",
    };
    let (api, operations) = envelope.read(value, |node, at| read_node(node, at, 0))?;
    Ok(Observations { api, operations })
}

/// What every file of learning holds around its nodes: its format and version, the API's
/// name, and per operation id and status one node.
pub(super) struct Envelope {
    pub format: &'static str,
    pub version: u64,
    /// What the file is called in errors ("overlay").
    pub file: &'static str,
    /// Said when the format is another.
    pub hint: &'static str,
}

/// Per operation id and status, a file's nodes.
pub(super) type ByOperation<N> = BTreeMap<String, BTreeMap<u16, N>>;

impl Envelope {
    /// The API's name and the nodes `read_node` makes of the file's, with errors that name
    /// their JSON path.
    pub fn read<N>(
        &self,
        value: &Value,
        read_node: impl Fn(&Value, &Location) -> Result<N, Error>,
    ) -> Result<(Option<String>, ByOperation<N>), Error> {
        let root = Location::root();
        let object = as_object(value, &root)?;
        if object.get("format").and_then(Value::as_str) != Some(self.format) {
            return Err(Error::new(
                &root.key("format"),
                format!(
                    "expected \"{}\", found {}",
                    self.format,
                    found(object.get("format"))
                ),
            )
            .with_hint(self.hint));
        }
        if object.get("version").and_then(Value::as_u64) != Some(self.version) {
            return Err(Error::new(
                &root.key("version"),
                format!(
                    "this generator reads {}s of version {}, not {}",
                    self.file,
                    self.version,
                    found(object.get("version"))
                ),
            ));
        }
        let api = match object.get("api") {
            None => None,
            Some(Value::String(api)) => Some(api.clone()),
            Some(other) => {
                return Err(Error::new(
                    &root.key("api"),
                    format!("expected a string, found {}", found(Some(other))),
                ))
            }
        };
        let at = root.key("operations");
        let Some(operations) = object.get("operations") else {
            return Err(Error::new(
                &at,
                format!("missing; every {} has one", self.file),
            ));
        };
        let mut by_operation = BTreeMap::new();
        for (operation, statuses) in as_object(operations, &at)? {
            let at = at.key(operation);
            let mut by_status = BTreeMap::new();
            for (status, node) in as_object(statuses, &at)? {
                let at = at.key(status);
                by_status.insert(status_code(status, &at)?, read_node(node, &at)?);
            }
            by_operation.insert(operation.clone(), by_status);
        }
        Ok((api, by_operation))
    }
}

/// One node and everything below it.
pub(super) fn read_node(value: &Value, at: &Location, depth: usize) -> Result<Node, Error> {
    let object = as_object(value, at)?;
    let mut node = Node {
        partial: depth >= MAX_DEPTH,
        ..Node::default()
    };
    for (key, value) in object {
        let here = at.key(key);
        match key.as_str() {
            "count" => node.count = count(value, &here)?,
            "kinds" => {
                for (kind, n) in as_object(value, &here)? {
                    let Some(kind_named) = Kind::named(kind) else {
                        return Err(Error::new(
                            &here.key(kind),
                            format!(
                                "{kind:?} is not a JSON kind (null, boolean, integer, number, string, object, array)"
                            ),
                        ));
                    };
                    node.kinds.insert(kind_named, count(n, &here.key(kind))?);
                }
            }
            "fields" => {
                for (name, field) in as_object(value, &here)? {
                    let field = read_node(field, &here.key(name), depth + 1)?;
                    node.fields.insert(name.clone(), field);
                }
            }
            "items" => node.items = Some(Box::new(read_node(value, &here, depth + 1)?)),
            "values" => {
                for (text, n) in as_object(value, &here)? {
                    node.values.insert(text.clone(), count(n, &here.key(text))?);
                }
            }
            "values_truncated" => node.values_truncated = flag(value, &here)?,
            "fields_truncated" => node.fields_truncated = flag(value, &here)?,
            // Later versions of the runtime may record more; what is not known is skipped.
            _ => {}
        }
    }
    if !object.contains_key("count") {
        return Err(Error::new(
            &at.key("count"),
            "missing; every node has a count",
        ));
    }
    let kinds = node
        .kinds
        .values()
        .fold(0u64, |sum, count| sum.saturating_add(*count));
    if kinds > node.count {
        return Err(Error::new(
            &at.key("kinds"),
            format!(
                "the kinds add up to {kinds}, more than the node's count {}",
                node.count
            ),
        ));
    }
    // A truncated object's other members were not recorded: their absence is not known.
    node.partial |= node.fields_truncated;
    Ok(node)
}

/// An HTTP status written as a decimal string, as both formats key them.
pub(super) fn status_code(status: &str, at: &Location) -> Result<u16, Error> {
    status
        .parse::<u16>()
        .ok()
        .filter(|code| (100..=599).contains(code) && status.len() == 3)
        .ok_or_else(|| Error::new(at, format!("{status:?} is not an HTTP status (100 to 599)")))
}

pub(super) fn as_object<'v>(
    value: &'v Value,
    at: &Location,
) -> Result<&'v Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| {
        Error::new(
            at,
            format!("expected an object, found {}", found(Some(value))),
        )
    })
}

pub(super) fn count(value: &Value, at: &Location) -> Result<u64, Error> {
    value.as_u64().ok_or_else(|| {
        Error::new(
            at,
            format!(
                "expected a count (an integer of 0 or more), found {}",
                found(Some(value))
            ),
        )
    })
}

pub(super) fn flag(value: &Value, at: &Location) -> Result<bool, Error> {
    value.as_bool().ok_or_else(|| {
        Error::new(
            at,
            format!("expected true or false, found {}", found(Some(value))),
        )
    })
}

/// A value as an error message shows it: its kind, and short values in full.
pub(super) fn found(value: Option<&Value>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(Value::Null) => "null".to_owned(),
        Some(Value::Object(_)) => "an object".to_owned(),
        Some(Value::Array(_)) => "a list".to_owned(),
        Some(other) => {
            let text = other.to_string();
            match text.char_indices().nth(40) {
                Some((end, _)) => format!("{}...", &text[..end]),
                None => text,
            }
        }
    }
}
