//! The members recorded at one object position: kept in the order they first came, so that
//! the next object, which nearly always lists its members in the same order, finds each one
//! at the place after the last; written sorted by name.

use std::collections::BTreeMap;
use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::shape::Node;

#[derive(Debug, Default, Clone)]
pub struct Fields {
    members: Vec<(String, Node)>,
}

impl Fields {
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Node> {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, node)| node)
    }

    /// The members, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        let mut sorted: Vec<_> = self
            .members
            .iter()
            .map(|(n, node)| (n.as_str(), node))
            .collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        sorted.into_iter()
    }

    /// The place of `name`, looked for first at `hint` (the place after the member found
    /// last in this object).
    pub(super) fn position(&self, name: &str, hint: usize) -> Option<usize> {
        match self.members.get(hint) {
            Some((n, _)) if n == name => Some(hint),
            _ => self.members.iter().position(|(n, _)| n == name),
        }
    }

    pub(super) fn at(&mut self, position: usize) -> &mut Node {
        &mut self.members[position].1
    }

    /// Adds a member; its place.
    pub(super) fn push(&mut self, name: &str, node: Node) -> usize {
        self.members.push((name.to_owned(), node));
        self.members.len() - 1
    }
}

/// The same members with the same shapes, in whatever order they came.
impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.len() == other.len()
            && self
                .members
                .iter()
                .all(|(name, node)| other.get(name) == Some(node))
    }
}

impl Index<&str> for Fields {
    type Output = Node;

    fn index(&self, name: &str) -> &Node {
        self.get(name)
            .unwrap_or_else(|| panic!("no member {name:?} was recorded"))
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = BTreeMap::<String, Node>::deserialize(deserializer)?;
        Ok(Fields {
            members: members.into_iter().collect(),
        })
    }
}
