//! What observed responses (an overlay) add to the shape the examples give: merged with the
//! same rules as one more example, so that an observed field becomes a typed field and an
//! observed kind that disagrees widens the type as disagreeing examples do. Every field an
//! observation touches carries a note for its docs.

use super::*;
use crate::overlay::{Change, Kind, OverlayNode};

impl Shape {
    /// This shape with what `node` observed merged in.
    pub(super) fn with_observed(self, node: &OverlayNode) -> Shape {
        match self {
            Shape::Learned { shape, from } => Shape::Learned {
                shape: Box::new(shape.with_observed(node)),
                from,
            },
            Shape::Observed { shape, note } => Shape::Observed {
                shape: Box::new(shape.with_observed(node)),
                note,
            },
            mut shape => {
                for kind in node.kinds.keys() {
                    shape = match kind {
                        Kind::Null => shape,
                        Kind::Boolean => shape.merge_observed(Shape::Bool),
                        Kind::Integer => shape.merge_observed(Shape::Int {
                            beyond_i64: false,
                            negative: false,
                        }),
                        Kind::Number => shape.merge_observed(Shape::Float),
                        Kind::String => shape.merge_observed(Shape::String),
                        Kind::Object => shape.with_observed_fields(node),
                        Kind::Array => shape.with_observed_items(node),
                    };
                }
                shape
            }
        }
    }

    /// A merge whose conflict, when the examples agreed, says that observations caused it.
    fn merge_observed(self, observed: Shape) -> Shape {
        let agreed = !matches!(self, Shape::Conflict(_));
        match self.merge(observed) {
            Shape::Conflict(_) if agreed => Shape::Conflict(OBSERVED_CONFLICT),
            merged => merged,
        }
    }

    fn with_observed_fields(self, node: &OverlayNode) -> Shape {
        let mut fields = match self {
            Shape::Object(fields) => fields,
            Shape::Never => Vec::new(),
            other => return other.merge_observed(Shape::Object(Vec::new())),
        };
        for (name, child) in &node.fields {
            match fields.iter_mut().find(|(field, _)| field == name) {
                Some((_, shape)) => {
                    let known = std::mem::replace(shape, Shape::Never);
                    *shape = known.with_observed(child).noted(child, false);
                }
                None if child.change != Some(Change::NeverSeen) && child.count > 0 => {
                    let shape = Shape::Never.with_observed(child).noted(child, true);
                    fields.push((name.clone(), shape));
                }
                // Never seen, and not in the examples either (a newer export dropped it).
                None => {}
            }
        }
        Shape::Object(fields)
    }

    fn with_observed_items(self, node: &OverlayNode) -> Shape {
        let items = match self {
            Shape::Array(items) => *items,
            Shape::Never => Shape::Never,
            other => return other.merge_observed(Shape::Array(Box::new(Shape::Never))),
        };
        let items = match &node.items {
            Some(observed) => items.with_observed(observed),
            None => items,
        };
        Shape::Array(Box::new(items))
    }

    /// The field's shape with a note of what was observed of it, when there is something
    /// to say: that only observations show it, that none did, or the values they held.
    fn noted(self, node: &OverlayNode, added: bool) -> Shape {
        let never_seen = node.change == Some(Change::NeverSeen);
        let typed = node.change == Some(Change::Typed);
        if !added && !never_seen && !typed && node.values.is_empty() {
            return self;
        }
        let note = FieldObservation {
            added,
            typed,
            present_in: node.count,
            absent_from: if never_seen { node.absent_from } else { None },
            values: node.values.iter().map(|(v, n)| (v.clone(), *n)).collect(),
            values_truncated: node.values_truncated,
        };
        match self {
            Shape::Observed { shape, note: known } => Shape::Observed {
                shape,
                note: known.combined(note),
            },
            shape => Shape::Observed {
                shape: Box::new(shape),
                note,
            },
        }
    }
}

impl FieldObservation {
    /// The notes of two statuses merged into one type.
    pub(super) fn combined(mut self, other: FieldObservation) -> FieldObservation {
        self.added |= other.added;
        self.typed |= other.typed;
        self.present_in = self.present_in.saturating_add(other.present_in);
        self.absent_from = match (self.absent_from, other.absent_from) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            (a, b) => a.or(b),
        };
        for (value, count) in other.values {
            match self.values.iter_mut().find(|(known, _)| *known == value) {
                Some((_, known)) => *known = known.saturating_add(count),
                None => self.values.push((value, count)),
            }
        }
        self.values.sort();
        self.values_truncated |= other.values_truncated;
        self
    }
}

/// A field's shape without the notes around it: what write bodies and observations said
/// of it.
pub(super) fn without_notes(shape: Shape) -> (Shape, Option<String>, Option<FieldObservation>) {
    let mut learned_from = None;
    let mut observed: Option<FieldObservation> = None;
    let mut shape = shape;
    loop {
        shape = match shape {
            Shape::Learned { shape, from } => {
                learned_from.get_or_insert(from);
                *shape
            }
            Shape::Observed { shape, note } => {
                observed = Some(match observed {
                    Some(known) => known.combined(note),
                    None => note,
                });
                *shape
            }
            plain => return (plain, learned_from, observed),
        };
    }
}
