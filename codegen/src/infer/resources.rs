//! One type per resource shape, across modules: the structs that several requests and
//! responses of one resource agree on become one struct, named after the resource.
//!
//! Modules are typed on their own, so a meeting's `settings` come out as one struct per
//! request that shows them (the body of `create_a_meeting` in `users`, the responses of
//! `get_a_meeting` and the body of `update_a_meeting` in `meetings`), and settings read from
//! one call could not be handed to another. This pass runs over the whole arena:
//!
//! - every struct is placed at a *key*: the resource of the first operation whose body or
//!   response reaches it (the path's last resource word, `Meeting`), and the field names
//!   leading to it from that root (`settings`); the items of a paginated list sit at the
//!   resource's root, like the resource a single-item request returns;
//! - at each key, structs *agree* when every field they share has the same type (nested
//!   structs agreeing in turn, so keys are compared deepest first) and the narrower lacks
//!   few of the wider's fields: none below four fields, a quarter at most otherwise (a
//!   body leaves out what only the server sets, a response what only the caller sends); a
//!   field typed `String` in one and as a documented enum in the other agrees, and takes
//!   the enum; a field observed responses widened to any JSON (an overlay) agrees with any
//!   type, and the shared struct takes it. The shared struct has the fields of all of them;
//! - at each key, the first group of structs that agree (the widest's) is one struct, named
//!   after the resource and the key (`MeetingSettings`, `Meeting`), defined in the shared
//!   module with everything it refers to; other groups at the key keep their own types, so
//!   that no shared name is numbered. The names operations gave them stay, as aliases, so that code naming them builds.
//!
//! The shared module is never behind a cargo feature: it serves several modules. The rule
//! depends only on the collection's own shapes, so a name stays while the shapes agree.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::*;

/// The module the shared types are defined in, unless the collection has a module of that
/// name.
const SHARED_MODULE: &str = "resources";
const SHARED_MODULE_FALLBACK: &str = "resource_types";

/// Where a struct sits: its resource, and the field names from the resource's root.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    resource: String,
    path: Vec<String>,
}

/// A struct found at a key, with what names it there.
struct Placed {
    id: TypeId,
    /// The operation whose body or response reached it first.
    operation: OperationId,
    /// The words of its name below the resource (list fields in the singular).
    words: Vec<String>,
}

/// Merges the structs of each resource that agree, and moves them and what they refer to
/// into the shared module.
pub(super) fn share_resource_types(types: &mut Types, api: &Api) {
    let placed = place_structs(types, api);
    let mut groups = Groups::default();
    let mut keys: Vec<&Key> = placed.keys().collect();
    // Deepest first: whether two structs agree depends on whether their nested ones did.
    keys.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then_with(|| a.cmp(b)));
    for key in keys {
        groups.form(types, &placed[key]);
    }
    groups.drop_recursive(types);
    if groups.shared.is_empty() {
        return;
    }
    let module_name = if api.modules.iter().any(|m| m.name == SHARED_MODULE) {
        SHARED_MODULE_FALLBACK
    } else {
        SHARED_MODULE
    };
    let labels = shared_labels(api, &placed, &groups);
    Mover::new(types, module_name, &groups, labels).run();
}

/// Every struct the operations' bodies and responses reach, at its first key.
fn place_structs(types: &Types, api: &Api) -> BTreeMap<Key, Vec<Placed>> {
    let mut seen: HashSet<TypeId> = HashSet::new();
    let mut placed: BTreeMap<Key, Vec<Placed>> = BTreeMap::new();
    for operation in &api.operations {
        let Some(resource) = resource_type_name(operation, "") else {
            continue;
        };
        let Some(inferred) = types.operation(operation.id) else {
            continue;
        };
        let mut roots: Vec<&RustType> = Vec::new();
        if let Some(BodyType::Json(ty)) = &inferred.body {
            roots.push(ty);
        }
        match &inferred.pagination {
            // A page is not the resource; its items are.
            Some(pages) => roots.push(&pages.item_type),
            None => match &inferred.response {
                ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => roots.push(ty),
                ResponseType::ByStatus(_) => roots.extend(
                    types
                        .status_variants(&inferred.response)
                        .iter()
                        .map(|v| &v.ty),
                ),
                ResponseType::Empty | ResponseType::Text => {}
            },
        }
        for root in roots {
            let mut walk = Walk {
                types,
                operation: operation.id,
                resource: &resource,
                seen: &mut seen,
                placed: &mut placed,
            };
            walk.visit(root, &mut Vec::new(), &mut Vec::new());
        }
    }
    placed
}

struct Walk<'a> {
    types: &'a Types,
    operation: OperationId,
    resource: &'a str,
    seen: &'a mut HashSet<TypeId>,
    placed: &'a mut BTreeMap<Key, Vec<Placed>>,
}

impl Walk<'_> {
    /// Depth is bounded, as the arena's structs nest no deeper than the examples did.
    const MAX_DEPTH: usize = 24;

    fn visit(&mut self, ty: &RustType, path: &mut Vec<String>, words: &mut Vec<String>) {
        let id = match ty {
            RustType::Vec(inner) => return self.visit(inner, path, words),
            RustType::Named(id) => canonical(self.types, *id),
            _ => return,
        };
        if path.len() > Self::MAX_DEPTH || !self.seen.insert(id) {
            return;
        }
        let Some(TypeKind::Struct(def)) = self.types.def(id).map(|d| &d.kind) else {
            return;
        };
        self.placed
            .entry(Key {
                resource: self.resource.to_owned(),
                path: path.clone(),
            })
            .or_default()
            .push(Placed {
                id,
                operation: self.operation,
                words: words.clone(),
            });
        for field in &def.fields {
            let word = match &field.ty {
                RustType::Vec(_) => singular_word(&field.json_name),
                _ => field.json_name.clone(),
            };
            path.push(field.json_name.clone());
            words.push(word);
            self.visit(&field.ty, path, words);
            path.pop();
            words.pop();
        }
    }
}

/// The struct or enum an id names, through aliases.
fn canonical(types: &Types, id: TypeId) -> TypeId {
    let mut id = id;
    for _ in 0..8 {
        match types.def(id).map(|d| &d.kind) {
            Some(TypeKind::Alias { target, .. }) => id = *target,
            _ => break,
        }
    }
    id
}

/// The structs that agree, by key.
#[derive(Default)]
struct Groups {
    /// Each struct that is part of a shared group, to the group's representative (the
    /// member with the most fields).
    representative: HashMap<TypeId, TypeId>,
    /// The representatives, with the members that agreed with them (themselves first),
    /// in the order they were formed.
    shared: Vec<(TypeId, Vec<TypeId>)>,
}

impl Groups {
    fn group_of(&self, id: TypeId) -> TypeId {
        self.representative.get(&id).copied().unwrap_or(id)
    }

    /// Leaves unshared every group that would hold itself: a response that echoes the
    /// request it answers (`{"request": {...the body...}}`) agrees with that body, and one
    /// type for both would contain itself, which no struct can.
    fn drop_recursive(&mut self, types: &Types) {
        for _ in 0..=self.shared.len() {
            let edges = self.edges(types);
            let Some(at) = self
                .shared
                .iter()
                .position(|(rep, _)| reaches(&edges, *rep, *rep))
            else {
                return;
            };
            let (_, members) = self.shared.remove(at);
            for member in members {
                self.representative.remove(&member);
            }
        }
    }

    /// For each struct, by its group, the groups of the structs its fields hold directly
    /// (a list's items are behind a pointer, so they may hold their container).
    fn edges(&self, types: &Types) -> HashMap<TypeId, Vec<TypeId>> {
        let mut edges: HashMap<TypeId, Vec<TypeId>> = HashMap::new();
        for def in types.defs() {
            let TypeKind::Struct(fields) = &def.kind else {
                continue;
            };
            let from = self.group_of(def.id);
            for field in &fields.fields {
                if let RustType::Named(target) = &field.ty {
                    let to = self.group_of(canonical(types, *target));
                    edges.entry(from).or_default().push(to);
                }
            }
        }
        edges
    }

    /// Groups the structs of one key.
    fn form(&mut self, types: &Types, placed: &[Placed]) {
        let mut members: Vec<(&Placed, &StructDef)> = placed
            .iter()
            .filter_map(|p| match types.def(p.id).map(|d| &d.kind) {
                Some(TypeKind::Struct(def)) => Some((p, def)),
                _ => None,
            })
            .collect();
        // Stable: the widest first, then in the order the operations came.
        members.sort_by_key(|(p, def)| (std::cmp::Reverse(def.fields.len()), p.operation));
        let mut formed: Vec<Vec<(TypeId, &StructDef)>> = Vec::new();
        for (member, def) in members {
            // A struct joins every group it agrees with a member of, so that groups only
            // grow as a collection gains requests: a name shared in a smaller collection
            // keeps all its fields in a larger one. It joins only where no field it shares
            // with a member has another type, so the union of a group has one type per field.
            let homes: Vec<usize> = (0..formed.len())
                .filter(|&at| {
                    let group = &formed[at];
                    group.iter().any(|(_, wide)| self.agree(types, wide, def))
                        && group
                            .iter()
                            .all(|(_, other)| self.compatible(types, other, def))
                })
                .collect();
            let Some((&first, rest)) = homes.split_first() else {
                formed.push(vec![(member.id, def)]);
                continue;
            };
            // A struct of a few fields says little of whether two shapes are one thing (a
            // body of two fields fits a response and a status report alike): it joins one
            // group, and groups meet through wider structs only.
            let joinable = def.fields.len() >= 4
                && rest.iter().all(|&at| {
                    formed[at].iter().all(|(_, a)| {
                        formed[first]
                            .iter()
                            .all(|(_, b)| self.compatible(types, a, b))
                    })
                });
            if joinable {
                for &at in rest.iter().rev() {
                    let joined = formed.remove(at);
                    formed[first].extend(joined);
                }
            }
            formed[first].push((member.id, def));
        }
        let formed = formed
            .into_iter()
            .map(|group| {
                let ids: Vec<TypeId> = group.iter().map(|(id, _)| *id).collect();
                (ids[0], ids)
            })
            .collect::<Vec<_>>();
        // One group per key is shared, named after the key: the first with more than one
        // member. Others keep their operations' own types, so that no name is numbered.
        if let Some((rep, ids)) = formed.into_iter().find(|(_, ids)| ids.len() > 1) {
            for id in &ids {
                self.representative.insert(*id, rep);
            }
            self.shared.push((rep, ids));
        }
    }

    /// Whether `narrow` is the same thing as `wide`: every field both have has the same
    /// type, and `narrow` has few fields `wide` lacks (none, below four fields; a quarter
    /// at most otherwise), as a request body leaves out what only the server sets and a
    /// response what only the caller sends.
    fn agree(&self, types: &Types, wide: &StructDef, narrow: &StructDef) -> bool {
        let mut shared = 0;
        for field in &narrow.fields {
            if let Some(other) = wide.fields.iter().find(|w| w.json_name == field.json_name) {
                if !self.types_agree(types, &other.ty, &field.ty) {
                    return false;
                }
                shared += 1;
            }
        }
        let missing = narrow.fields.len() - shared;
        shared > 0
            && (missing == 0 || (narrow.fields.len() >= 4 && missing * 4 <= narrow.fields.len()))
    }

    /// Whether every field both structs have has the same type in each.
    fn compatible(&self, types: &Types, a: &StructDef, b: &StructDef) -> bool {
        a.fields.iter().all(|field| {
            b.fields
                .iter()
                .filter(|other| other.json_name == field.json_name)
                .all(|other| self.types_agree(types, &field.ty, &other.ty))
        })
    }

    fn types_agree(&self, types: &Types, a: &RustType, b: &RustType) -> bool {
        match (a, b) {
            (RustType::Vec(a), RustType::Vec(b)) => self.types_agree(types, a, b),
            (RustType::Named(a), RustType::Named(b)) => {
                self.group_of(canonical(types, *a)) == self.group_of(canonical(types, *b))
            }
            (RustType::Enum(a), RustType::Enum(b)) => same_values(types, *a, *b),
            (RustType::Enum(e), other) | (other, RustType::Enum(e)) => enum_holds(types, *e, other),
            (RustType::Value { why }, _) | (_, RustType::Value { why })
                if is_null_only(why) || *why == OBSERVED_CONFLICT =>
            {
                true
            }
            // A timestamp is text that says what it holds.
            (RustType::Timestamp, RustType::String) | (RustType::String, RustType::Timestamp) => {
                true
            }
            (a, b) => a == b,
        }
    }
}

/// A field every example left `null`, or the items of a list every example left empty,
/// say nothing of their type.
fn is_null_only(why: &str) -> bool {
    why == NULL_ONLY || why == EMPTY_LIST_ONLY
}

/// Whether a path of `edges` leads from `from` to `to`, in one step or more.
fn reaches(edges: &HashMap<TypeId, Vec<TypeId>>, from: TypeId, to: TypeId) -> bool {
    let mut seen: HashSet<TypeId> = HashSet::new();
    let mut next: Vec<TypeId> = edges.get(&from).cloned().unwrap_or_default();
    while let Some(at) = next.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            next.extend(edges.get(&at).into_iter().flatten().copied());
        }
    }
    false
}

/// Whether `theirs` says more of a field than `own`: the values of what `own` has as plain
/// text, or the type of what `own` saw only as `null` (an empty list's items included).
///
/// A value real responses were seen to send with a kind the examples do not show is any
/// JSON wherever the resource is: the shared struct must take what the server sends.
fn knows_more(theirs: &RustType, own: &RustType) -> bool {
    match (own, theirs) {
        (RustType::Vec(own), RustType::Vec(theirs)) => knows_more(theirs, own),
        (RustType::Value { why: own }, RustType::Value { why: theirs }) => {
            *theirs == OBSERVED_CONFLICT && *own != OBSERVED_CONFLICT
        }
        (_, RustType::Value { why }) => *why == OBSERVED_CONFLICT,
        (RustType::Enum(_), _) => false,
        (RustType::Value { why }, _) => is_null_only(why),
        (_, RustType::Enum(_)) | (RustType::String, RustType::Timestamp) => true,
        _ => false,
    }
}

/// Whether two enums list the same values, of the same kind.
fn same_values(types: &Types, a: TypeId, b: TypeId) -> bool {
    let values = |id: TypeId| match types.def(canonical(types, id)).map(|d| &d.kind) {
        Some(TypeKind::Enum(def)) => {
            let mut values: Vec<&str> = def.variants.iter().map(|v| v.value.as_str()).collect();
            values.sort_unstable();
            Some((def.numeric, values))
        }
        _ => None,
    };
    let a = values(a);
    a.is_some() && a == values(b)
}

/// Whether a field of type `other` in one struct can take the enum another documents: a
/// string for string values, an integer for numeric ones. The enum keeps undocumented
/// values, so nothing is lost.
fn enum_holds(types: &Types, id: TypeId, other: &RustType) -> bool {
    match types.def(canonical(types, id)).map(|d| &d.kind) {
        Some(TypeKind::Enum(def)) => match other {
            RustType::String => !def.numeric,
            RustType::I64 => def.numeric,
            RustType::Value { why } => is_null_only(why) || *why == OBSERVED_CONFLICT,
            _ => false,
        },
        _ => false,
    }
}

/// The name of each shared group: the resource and the key's words, as
/// [`resource_type_name`] names a resource's fields.
/// The name and doc of each placed struct, should it be shared: the resource and the key's
/// words, as [`resource_type_name`] names a resource's fields, and what uses it.
fn shared_labels(
    api: &Api,
    placed: &BTreeMap<Key, Vec<Placed>>,
    groups: &Groups,
) -> HashMap<TypeId, (String, String)> {
    let function = |id: OperationId| {
        api.operations
            .iter()
            .find(|o| o.id == id)
            .map(|o| match &o.module {
                Some(module) => format!("`{module}::{}`", o.fn_name),
                None => format!("`{}`", o.fn_name),
            })
    };
    let mut labels = HashMap::new();
    for (key, list) in placed {
        for p in list {
            let Some(operation) = api.operations.iter().find(|o| o.id == p.operation) else {
                continue;
            };
            let Some(name) = resource_type_name(operation, &p.words.join(" ")) else {
                continue;
            };
            let rep = groups.group_of(p.id);
            let mut users: Vec<String> = list
                .iter()
                .filter(|other| groups.group_of(other.id) == rep)
                .filter_map(|other| function(other.operation))
                .collect();
            users.dedup();
            let what = match key.path.as_slice() {
                [] => format!("A `{}` resource", key.resource),
                path => format!("The `{}` of a `{}` resource", path.join("."), key.resource),
            };
            let doc = format!(
                "{what}, one type wherever the collection's requests send it or its responses \
                 return it (the names those requests gave it are aliases of it). Used by {}.",
                users.join(", ")
            );
            labels.insert(p.id, (name, doc));
        }
    }
    labels
}

/// Moves the shared groups, and everything they refer to, into the shared module.
struct Mover<'a> {
    types: &'a mut Types,
    module: &'static str,
    groups: &'a Groups,
    /// Names and docs by key, for structs that move.
    labels: HashMap<TypeId, (String, String)>,
    group: u32,
    defs: Vec<TypeDef>,
    scope: names::Scope,
    /// Old id to new id.
    moved: HashMap<TypeId, TypeId>,
    /// Enums moved, by kind and values, so that equal ones from several modules are one.
    enums: HashMap<(bool, Vec<String>), TypeId>,
}

impl<'a> Mover<'a> {
    fn new(
        types: &'a mut Types,
        module: &'static str,
        groups: &'a Groups,
        labels: HashMap<TypeId, (String, String)>,
    ) -> Self {
        let mut scope = names::Scope::default();
        for name in names::reserved_type_names() {
            scope.reserve(name);
        }
        let group = types.groups.len() as u32;
        Mover {
            types,
            module,
            groups,
            labels,
            group,
            defs: Vec::new(),
            scope,
            moved: HashMap::new(),
            enums: HashMap::new(),
        }
    }

    fn run(mut self) {
        let groups = self.groups;
        // Shallowest first, so that a resource is defined before the structs inside it.
        for (rep, members) in groups.shared.iter().rev() {
            let new = self.move_type(*rep);
            for member in members {
                self.moved.insert(*member, new);
            }
        }
        self.merge_members();
        // Aliases of what moved name the new definitions too.
        let aliases: Vec<(TypeId, TypeId)> = self
            .types
            .defs()
            .filter(|def| matches!(def.kind, TypeKind::Alias { .. }))
            .filter_map(|def| {
                let target = canonical(self.types, def.id);
                self.moved.get(&target).map(|new| (def.id, *new))
            })
            .collect();
        self.moved.extend(aliases);
        let moved = std::mem::take(&mut self.moved);
        let redirect = |id: TypeId| moved.get(&id).copied();
        self.types.groups.push(std::mem::take(&mut self.defs));
        self.types.shared_module = Some(self.module.to_owned());
        for (old, new) in &moved {
            if old.group == self.group {
                continue;
            }
            let target_name = self.types.name(*new).to_owned();
            if let Some(def) = self.types.def_mut(*old) {
                def.kind = TypeKind::Alias {
                    target: *new,
                    doc: format!(
                        "The name this module gave the type, kept for code that uses it: it is \
                         [`{target_name}`](super::{}::{target_name}).",
                        self.module
                    ),
                };
            }
        }
        self.types.redirect(&redirect);
    }

    /// Copies a struct or enum into the shared module, with what it refers to, once.
    fn move_type(&mut self, id: TypeId) -> TypeId {
        let id = canonical(self.types, self.groups.group_of(canonical(self.types, id)));
        if let Some(new) = self.moved.get(&id) {
            return *new;
        }
        let Some(def) = self.types.def(id).cloned() else {
            return id;
        };
        if let TypeKind::Enum(values) = &def.kind {
            let key = (
                values.numeric,
                values.variants.iter().map(|v| v.value.clone()).collect(),
            );
            if let Some(new) = self.enums.get(&key) {
                let new = *new;
                self.moved.insert(id, new);
                return new;
            }
        }
        let (wanted, doc) = match self.labels.get(&id) {
            Some((name, doc)) => (name.clone(), Some(doc.clone())),
            None => (def.name.clone(), None),
        };
        let name = self.scope.claim(&wanted);
        let new = TypeId {
            group: self.group,
            index: self.defs.len() as u32,
        };
        self.moved.insert(id, new);
        self.defs.push(TypeDef {
            id: new,
            module: Some(self.module.to_owned()),
            name,
            kind: def.kind.clone(),
        });
        match &def.kind {
            TypeKind::Enum(values) => {
                let key = (
                    values.numeric,
                    values.variants.iter().map(|v| v.value.clone()).collect(),
                );
                self.enums.insert(key, new);
            }
            TypeKind::Struct(fields) => {
                for field in &fields.fields {
                    self.move_referenced(&field.ty);
                }
                if let (Some(TypeKind::Struct(copy)), Some(doc)) = (self.def_kind_mut(new), doc) {
                    copy.doc = doc;
                }
            }
            _ => {}
        }
        new
    }

    fn move_referenced(&mut self, ty: &RustType) {
        match ty {
            RustType::Vec(inner) => self.move_referenced(inner),
            RustType::Named(id) | RustType::Enum(id) => {
                self.move_type(*id);
            }
            _ => {}
        }
    }

    /// A shared struct takes from the members that agreed with it the enums and the docs
    /// its own fields lack.
    fn merge_members(&mut self) {
        let groups = self.groups;
        for (rep, members) in &groups.shared {
            let Some(new) = self.moved.get(rep).copied() else {
                continue;
            };
            for member in members.iter().filter(|m| *m != rep) {
                let Some(TypeKind::Struct(narrow)) =
                    self.types.def(*member).map(|d| d.kind.clone())
                else {
                    continue;
                };
                for field in narrow.fields {
                    let Some(TypeKind::Struct(wide)) = self.def_kind_mut(new) else {
                        continue;
                    };
                    let Some(target) = wide.fields.iter().find(|f| f.json_name == field.json_name)
                    else {
                        self.add_field(new, field);
                        continue;
                    };
                    // What the member knows better: the values of a field the other has as
                    // plain text, or the type of a field the other saw only as `null`.
                    let takes = knows_more(&field.ty, &target.ty);
                    // The same values under another module's enum: that enum is this one.
                    if let (RustType::Enum(own), RustType::Enum(theirs)) = (&target.ty, &field.ty) {
                        let (own, theirs) = (*own, canonical(self.types, *theirs));
                        let shared_enum = self.moved_id(own);
                        self.moved.entry(theirs).or_insert(shared_enum);
                    }
                    let ty = if takes {
                        self.move_referenced(&field.ty);
                        Some(self.moved_type(&field.ty))
                    } else {
                        None
                    };
                    let Some(TypeKind::Struct(wide)) = self.def_kind_mut(new) else {
                        continue;
                    };
                    let Some(target) = wide
                        .fields
                        .iter_mut()
                        .find(|f| f.json_name == field.json_name)
                    else {
                        continue;
                    };
                    if let Some(ty) = ty {
                        target.ty = ty;
                    }
                    if target.doc.is_none() {
                        target.doc = field.doc;
                    }
                }
            }
        }
    }

    /// A field a member has and the shared struct lacks, with the types it refers to.
    fn add_field(&mut self, shared: TypeId, mut field: FieldDef) {
        self.move_referenced(&field.ty);
        field.ty = self.moved_type(&field.ty);
        let Some(TypeKind::Struct(wide)) = self.def_kind_mut(shared) else {
            return;
        };
        let mut taken = names::Scope::default();
        for other in &wide.fields {
            taken.reserve(&other.rust_name);
        }
        field.rust_name = taken.claim(&field.rust_name);
        if field.rust_name == wide.extra_field {
            field.rust_name = taken.claim(&field.rust_name);
        }
        wide.fields.push(field);
    }

    /// A type with what moved replaced by where it went.
    fn moved_type(&self, ty: &RustType) -> RustType {
        match ty {
            RustType::Vec(inner) => RustType::Vec(Box::new(self.moved_type(inner))),
            RustType::Named(id) => RustType::Named(self.moved_id(*id)),
            RustType::Enum(id) => RustType::Enum(self.moved_id(*id)),
            other => other.clone(),
        }
    }

    fn moved_id(&self, id: TypeId) -> TypeId {
        let id = self.groups.group_of(canonical(self.types, id));
        self.moved.get(&id).copied().unwrap_or(id)
    }

    fn def_kind_mut(&mut self, id: TypeId) -> Option<&mut TypeKind> {
        if id.group != self.group {
            return None;
        }
        self.defs
            .get_mut(id.index as usize)
            .map(|def| &mut def.kind)
    }
}
