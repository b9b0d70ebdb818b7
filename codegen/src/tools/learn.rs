//! `learn`: observations folded into an overlay: every observed shape compared with the types the
//! collection alone gives, keeping only what differs.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::Analysis;
use crate::infer::{
    ResponseType, RustType, TypeKind, Types, EMPTY_LIST_ONLY, NO_SUCCESSFUL_EXAMPLE, NULL_ONLY,
};
use crate::overlay::{Change, Kind, Node, Observations, Overlay, OverlayNode};

/// What one run of `learn` gives: the overlay and what it could not use.
#[derive(Debug, Clone)]
pub struct Folded {
    pub overlay: Overlay,
    pub warnings: Vec<String>,
    pub counts: ChangeCounts,
}

/// How many changes of each kind an overlay holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    pub operations: usize,
    pub added: usize,
    pub typed: usize,
    pub conflicts: usize,
    pub never_seen: usize,
    pub value_sets: usize,
}

/// Compares the observations (with what `existing` learned before) with the types of the
/// collection `analysis` was made from, without any overlay.
pub fn fold(analysis: &Analysis, existing: Option<&Overlay>, new: Observations) -> Folded {
    let mut warnings = Vec::new();
    let mut all = Observations::default();
    if let Some(existing) = existing {
        all.api = existing.api.clone();
        for (operation, statuses) in &existing.operations {
            let nodes = statuses
                .iter()
                .map(|(status, node)| (*status, node.to_node()))
                .collect();
            all.operations.insert(operation.clone(), nodes);
        }
    }
    if let (Some(known), Some(api)) = (&all.api, &new.api) {
        if known != api {
            warnings.push(format!(
                "the observations are of the API {api:?}, the overlay of {known:?}; they are merged all the same"
            ));
        }
    }
    all.merge(new);

    let by_name: BTreeMap<String, &crate::model::Operation> = analysis
        .api
        .operations
        .iter()
        .map(|op| (op.qualified_name(), op))
        .collect();
    let mut overlay = Overlay {
        api: all.api.clone(),
        operations: BTreeMap::new(),
    };
    let mut not_learned: BTreeSet<String> = BTreeSet::new();
    for (name, statuses) in &all.operations {
        let Some(operation) = by_name.get(name) else {
            warnings.push(format!(
                "the observations name the operation `{name}`, which the collection does not have; it is skipped"
            ));
            continue;
        };
        let Some(inferred) = analysis.types.operation(operation.id) else {
            continue;
        };
        let mut learned = BTreeMap::new();
        for (status, node) in statuses {
            if !(200..300).contains(status) {
                not_learned.insert(format!("{name} {status}"));
                continue;
            }
            let Some(ty) = response_type(&analysis.types, &inferred.response, *status) else {
                warnings.push(format!(
                    "`{name}` answered {status} with JSON, which its generated response type does not decode (the collection's examples are not JSON, or are typed per status without a {status}); not learned"
                ));
                continue;
            };
            let compared = Comparison {
                types: &analysis.types,
            }
            .node(node, &ty)
            .unwrap_or_else(|| seen_only(node));
            learned.insert(*status, compared);
        }
        if !learned.is_empty() {
            overlay.operations.insert(name.clone(), learned);
        }
    }
    if !not_learned.is_empty() {
        warnings.push(format!(
            "only successful responses are typed, so error statuses are not learned: {}",
            not_learned.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let counts = count_changes(&overlay);
    Folded {
        overlay,
        warnings,
        counts,
    }
}

/// The type a response of `status` decodes into.
fn response_type(types: &Types, response: &ResponseType, status: u16) -> Option<RustType> {
    match response {
        ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => Some(ty.clone()),
        ResponseType::ByStatus(_) => types
            .status_variants(response)
            .iter()
            .find(|variant| variant.status == status)
            .map(|variant| variant.ty.clone()),
        ResponseType::Empty | ResponseType::Text => None,
    }
}

/// A node recorded only for its count and kinds: observed, and nothing differed.
fn seen_only(node: &Node) -> OverlayNode {
    OverlayNode {
        count: node.count,
        kinds: node.kinds.clone(),
        ..OverlayNode::default()
    }
}

/// Everything observed at and below a node the collection knows nothing of.
fn whole(node: &Node, change: Option<Change>) -> OverlayNode {
    OverlayNode {
        change,
        count: node.count,
        kinds: node.kinds.clone(),
        fields: node
            .fields
            .iter()
            .filter(|(_, field)| field.count > 0)
            .map(|(name, field)| (name.clone(), whole(field, None)))
            .collect(),
        items: node
            .items
            .as_ref()
            .map(|items| Box::new(whole(items, None))),
        values: node.values.clone(),
        values_truncated: node.values_truncated,
        fields_truncated: node.fields_truncated,
        ..OverlayNode::default()
    }
}

struct Comparison<'t> {
    types: &'t Types,
}

impl Comparison<'_> {
    /// What the node shows that `ty` does not say, if anything.
    fn node(&self, node: &Node, ty: &RustType) -> Option<OverlayNode> {
        if let RustType::Value { why } = ty {
            if [NULL_ONLY, EMPTY_LIST_ONLY, NO_SUCCESSFUL_EXAMPLE].contains(why)
                && node.kinds.keys().any(|kind| *kind != Kind::Null)
            {
                return Some(whole(node, Some(Change::Typed)));
            }
        }
        let accepted = self.accepted(ty);
        let mut out = OverlayNode {
            values: node.values.clone(),
            values_truncated: node.values_truncated,
            ..seen_only(node)
        };
        let conflicting: BTreeMap<Kind, u64> = match accepted {
            Some(accepted) => node
                .kinds
                .iter()
                .filter(|(kind, _)| **kind != Kind::Null && !accepted.contains(kind))
                .map(|(kind, count)| (*kind, *count))
                .collect(),
            None => BTreeMap::new(),
        };
        if !conflicting.is_empty() {
            // Only the kinds the collection's type does not take, and how often each was
            // seen: those counts only grow as observations are added, so an overlay learned
            // in several runs counts them as one run would.
            out.change = Some(Change::Conflict);
            out.collection = Some(self.describe(ty));
            out.count = conflicting
                .values()
                .fold(0u64, |sum, count| sum.saturating_add(*count));
            out.kinds = conflicting;
        }
        match self.structure(ty) {
            Structure::Struct(fields) if node.kind_count(Kind::Object) > 0 => {
                self.fields(node, &fields, &mut out);
            }
            Structure::List(inner) => {
                if let Some(items) = &node.items {
                    out.items = self.node(items, &inner).map(Box::new);
                }
            }
            Structure::Struct(_) | Structure::None => {}
        }
        let differs = out.change.is_some()
            || !out.fields.is_empty()
            || out.items.is_some()
            || !out.values.is_empty();
        differs.then_some(out)
    }

    fn fields(&self, node: &Node, fields: &[(String, RustType)], out: &mut OverlayNode) {
        let objects = node.kind_count(Kind::Object);
        for (name, field) in &node.fields {
            let declared = fields.iter().find(|(json, _)| json == name);
            match declared {
                Some(_) if field.count == 0 => {
                    out.fields.insert(name.clone(), never_seen(objects));
                }
                Some((_, ty)) => {
                    if let Some(differs) = self.node(field, ty) {
                        out.fields.insert(name.clone(), differs);
                    }
                }
                None if field.count > 0 => {
                    out.fields
                        .insert(name.clone(), whole(field, Some(Change::Added)));
                }
                None => {}
            }
        }
        if node.partial {
            return;
        }
        for (name, _) in fields {
            if !node.fields.contains_key(name) {
                out.fields.insert(name.clone(), never_seen(objects));
            }
        }
    }

    /// The JSON kinds a type decodes; `None` for any JSON.
    fn accepted(&self, ty: &RustType) -> Option<&'static [Kind]> {
        Some(match ty {
            RustType::Bool => &[Kind::Boolean],
            RustType::I64 | RustType::U64 => &[Kind::Integer],
            RustType::F64 | RustType::Number => &[Kind::Integer, Kind::Number],
            RustType::String | RustType::Timestamp => &[Kind::String],
            RustType::Value { .. } => return None,
            RustType::Vec(_) => &[Kind::Array],
            RustType::Named(_) => &[Kind::Object],
            RustType::Enum(id) => match self.types.resolve(*id).map(|def| &def.kind) {
                Some(TypeKind::Enum(def)) if def.numeric => &[Kind::Integer],
                _ => &[Kind::String],
            },
        })
    }

    fn describe(&self, ty: &RustType) -> String {
        match ty {
            RustType::Bool => "boolean".into(),
            RustType::I64 | RustType::U64 => "integer".into(),
            RustType::F64 | RustType::Number => "number".into(),
            RustType::String => "string".into(),
            RustType::Timestamp => "string (a timestamp)".into(),
            RustType::Value { .. } => "any JSON".into(),
            RustType::Vec(_) => "array".into(),
            RustType::Named(_) => "object".into(),
            RustType::Enum(id) => match self.accepted(ty) {
                Some([Kind::Integer]) => format!("integer enum `{}`", self.types.name(*id)),
                _ => format!("string enum `{}`", self.types.name(*id)),
            },
        }
    }

    fn structure(&self, ty: &RustType) -> Structure {
        match ty {
            RustType::Vec(inner) => Structure::List((**inner).clone()),
            RustType::Named(id) => match self.types.resolve(*id).map(|def| &def.kind) {
                Some(TypeKind::Struct(def)) => Structure::Struct(
                    def.fields
                        .iter()
                        .map(|field| (field.json_name.clone(), field.ty.clone()))
                        .collect(),
                ),
                _ => Structure::None,
            },
            _ => Structure::None,
        }
    }
}

enum Structure {
    Struct(Vec<(String, RustType)>),
    List(RustType),
    None,
}

fn never_seen(objects: u64) -> OverlayNode {
    OverlayNode {
        change: Some(Change::NeverSeen),
        absent_from: Some(objects),
        ..OverlayNode::default()
    }
}

fn count_changes(overlay: &Overlay) -> ChangeCounts {
    fn walk(node: &OverlayNode, counts: &mut ChangeCounts) {
        match node.change {
            Some(Change::Added) => counts.added += 1,
            Some(Change::Typed) => counts.typed += 1,
            Some(Change::Conflict) => counts.conflicts += 1,
            Some(Change::NeverSeen) => counts.never_seen += 1,
            None => {}
        }
        counts.value_sets += usize::from(!node.values.is_empty());
        for field in node.fields.values() {
            walk(field, counts);
        }
        if let Some(items) = &node.items {
            walk(items, counts);
        }
    }
    let mut counts = ChangeCounts {
        operations: overlay.operations.len(),
        ..ChangeCounts::default()
    };
    for node in overlay.operations.values().flat_map(BTreeMap::values) {
        walk(node, &mut counts);
    }
    counts
}
