//! The members recorded at one object position: kept in the order they first came, so that
//! the next object, which nearly always lists its members in the same order, finds each one
//! at the place after the last; written sorted by name.

use std::collections::BTreeMap;
use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Member name -> the shape of its values (`N`: a [`Node`](super::Node)).
#[derive(Debug, Clone)]
pub struct Fields<N> {
    members: Vec<(String, N)>,
}

impl<N> Default for Fields<N> {
    fn default() -> Self {
        Fields {
            members: Vec::new(),
        }
    }
}

impl<N> Fields<N> {
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&N> {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, node)| node)
    }

    /// The members, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &N)> {
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

    pub(super) fn at(&mut self, position: usize) -> &mut N {
        &mut self.members[position].1
    }

    /// Adds a member; its place.
    pub(super) fn push(&mut self, name: &str, node: N) -> usize {
        self.members.push((name.to_owned(), node));
        self.members.len() - 1
    }
}

/// The same members with the same shapes, in whatever order they came.
impl<N: PartialEq> PartialEq for Fields<N> {
    fn eq(&self, other: &Fields<N>) -> bool {
        self.len() == other.len()
            && self
                .members
                .iter()
                .all(|(name, node)| other.get(name) == Some(node))
    }
}

impl<N> Index<&str> for Fields<N> {
    type Output = N;

    fn index(&self, name: &str) -> &N {
        self.get(name)
            .unwrap_or_else(|| panic!("no member {name:?} was recorded"))
    }
}

impl<N: Serialize> Serialize for Fields<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, N: Deserialize<'de>> Deserialize<'de> for Fields<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = BTreeMap::<String, N>::deserialize(deserializer)?;
        Ok(Fields {
            members: members.into_iter().collect(),
        })
    }
}
