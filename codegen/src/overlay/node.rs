//! The shape of observed values: what the runtime records per operation and status (its
//! observation files), merged over any number of files and over what an overlay already
//! learned.

use std::collections::BTreeMap;

/// A JSON kind, as observation files and overlays name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Object,
    Array,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Null,
        Kind::Boolean,
        Kind::Integer,
        Kind::Number,
        Kind::String,
        Kind::Object,
        Kind::Array,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Object => "object",
            Kind::Array => "array",
        }
    }

    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The merged shape of every value seen at one position of a response body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// How many values were seen here (for a field: in how many objects it was present).
    pub count: u64,
    pub kinds: BTreeMap<Kind, u64>,
    pub fields: BTreeMap<String, Node>,
    pub items: Option<Box<Node>>,
    /// For the fields a user named: value text -> count.
    pub values: BTreeMap<String, u64>,
    pub values_truncated: bool,
    pub fields_truncated: bool,
    /// The fields this node lists are not all that were seen: it comes from an overlay
    /// (which keeps only differences) or from the depth limit, so a field it lacks is not
    /// known to have been absent.
    pub partial: bool,
}

/// How many distinct values a node keeps, as the runtime caps them.
pub const MAX_VALUES: usize = 64;

impl Node {
    pub fn kind_count(&self, kind: Kind) -> u64 {
        self.kinds.get(&kind).copied().unwrap_or(0)
    }

    /// Adds `other`'s counts, kinds, fields, items and values to this node. Associative and
    /// commutative, as the observation format requires.
    ///
    /// Counts saturate: a file may hold any count, and a sum that does not fit says as
    /// much as one that does.
    pub fn merge(&mut self, other: Node) {
        self.count = self.count.saturating_add(other.count);
        for (kind, count) in other.kinds {
            let known = self.kinds.entry(kind).or_default();
            *known = known.saturating_add(count);
        }
        let self_partial = self.partial;
        let other_partial = other.partial;
        // A field one side lacks was maybe seen there when that side is partial.
        for (name, field) in self.fields.iter_mut() {
            if !other.fields.contains_key(name) {
                field.mark_partial_if(other_partial);
            }
        }
        for (name, mut field) in other.fields {
            match self.fields.get_mut(&name) {
                Some(known) => known.merge(field),
                None => {
                    field.mark_partial_if(self_partial);
                    self.fields.insert(name, field);
                }
            }
        }
        match (&mut self.items, other.items) {
            (Some(known), Some(more)) => known.merge(*more),
            (None, Some(mut more)) => {
                more.mark_partial_if(self_partial);
                self.items = Some(more);
            }
            (Some(known), None) => known.mark_partial_if(other_partial),
            (None, None) => {}
        }
        for (value, count) in other.values {
            if self.values.contains_key(&value) || self.values.len() < MAX_VALUES {
                let known = self.values.entry(value).or_default();
                *known = known.saturating_add(count);
            } else {
                self.values_truncated = true;
            }
        }
        self.values_truncated |= other.values_truncated;
        self.fields_truncated |= other.fields_truncated;
        self.partial |= other_partial;
    }

    /// Marks this node and everything below it partial, when `partial` says so.
    fn mark_partial_if(&mut self, partial: bool) {
        if !partial {
            return;
        }
        self.partial = true;
        for field in self.fields.values_mut() {
            field.mark_partial_if(true);
        }
        if let Some(items) = &mut self.items {
            items.mark_partial_if(true);
        }
    }
}
