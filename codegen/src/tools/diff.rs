//! What changed between the APIs two collections generate, as a changelog: operations
//! added, removed, renamed, moved and deprecated; parameters, fields and enum values added,
//! removed and retyped; each change breaking or compatible for code written against the
//! old API, and changes to the docs alone listed apart.
//!
//! Operations are matched by method and path template (parameters named alike or not), so
//! a request renamed in the collection is a rename, not a removal and an addition.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::analysis::Analysis;
use crate::infer::{
    BodyType, OperationTypes, ParamField, ResponseType, RustType, TypeId, TypeKind, Types,
};
use crate::model::Operation;
use crate::tools::lock::{body_text, response_text};

/// Whether code written against the old API still compiles and behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code written against the old API may no longer compile, or may behave otherwise.
    Breaking,
    /// Code written against the old API compiles and behaves as before.
    Compatible,
    /// Only the documentation changed: neither.
    Docs,
}

/// One change between two generated APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Whether it breaks code written against the old API.
    pub impact: Impact,
    /// The module the change is reported under (the new one for a moved operation).
    pub module: String,
    /// `module::function`, as the new API names it (the old name for a removal).
    pub operation: String,
    /// What changed, in a sentence.
    pub what: String,
}

/// Every change from `old` to `new`, in collection order of the new API, removals last.
pub fn diff(old: &Analysis, new: &Analysis) -> Vec<Change> {
    let key = |op: &Operation| (op.method.as_str().to_owned(), op.path_key());
    let old_ops: HashMap<(String, String), &Operation> =
        old.api.operations.iter().map(|op| (key(op), op)).collect();
    let mut matched = HashSet::new();
    let mut changes = Vec::new();
    for operation in &new.api.operations {
        let mut report = Report {
            module: operation.module.clone().unwrap_or_default(),
            operation: operation.qualified_name(),
            changes: &mut changes,
        };
        match old_ops.get(&key(operation)) {
            Some(before) => {
                matched.insert(key(operation));
                compare_operation(&mut report, (before, &old.types), (operation, &new.types));
            }
            None => report.push(
                Impact::Compatible,
                format!("added ({} {})", operation.method, operation.path_display()),
            ),
        }
    }
    for operation in &old.api.operations {
        if !matched.contains(&key(operation)) {
            Report {
                module: operation.module.clone().unwrap_or_default(),
                operation: operation.qualified_name(),
                changes: &mut changes,
            }
            .push(
                Impact::Breaking,
                format!(
                    "removed ({} {})",
                    operation.method,
                    operation.path_display()
                ),
            );
        }
    }
    changes
}

/// Where the changes of one operation go.
struct Report<'a> {
    module: String,
    operation: String,
    changes: &'a mut Vec<Change>,
}

impl Report<'_> {
    fn push(&mut self, impact: Impact, what: String) {
        self.changes.push(Change {
            impact,
            module: self.module.clone(),
            operation: self.operation.clone(),
            what,
        });
    }
}

type Side<'a> = (&'a Operation, &'a Types);

fn compare_operation(report: &mut Report<'_>, old: Side<'_>, new: Side<'_>) {
    let (before, old_types) = old;
    let (after, new_types) = new;
    if before.module != after.module {
        report.push(
            Impact::Breaking,
            format!(
                "moved from module `{}` (was `{}`)",
                before.module.as_deref().unwrap_or("(root)"),
                before.qualified_name()
            ),
        );
    } else if before.fn_name != after.fn_name {
        report.push(
            Impact::Breaking,
            format!("renamed from `{}`", before.fn_name),
        );
    }
    if !before.docs.deprecated && after.docs.deprecated {
        report.push(Impact::Compatible, "deprecated".to_owned());
    }
    let names = |op: &Operation| -> Vec<String> {
        op.path_params.iter().map(|p| p.rust_name.clone()).collect()
    };
    if names(before) != names(after) {
        report.push(
            Impact::Breaking,
            format!(
                "path parameters changed from ({}) to ({})",
                names(before).join(", "),
                names(after).join(", ")
            ),
        );
    }
    let (Some(old_inferred), Some(new_inferred)) = (
        old_types.operation(before.id),
        new_types.operation(after.id),
    ) else {
        return;
    };
    let mut types = TypePair {
        old: old_types,
        new: new_types,
        seen: HashSet::new(),
    };
    let (old_query, new_query) = (
        params_of(old_types, old_inferred.query),
        params_of(new_types, new_inferred.query),
    );
    compare_params(
        report,
        &mut types,
        ("query parameter", "query"),
        old_query,
        new_query,
    );
    compare_body(report, &mut types, old_inferred, new_inferred);
    compare_response(report, &mut types, old_inferred, new_inferred);
    compare_pagination(report, old_inferred, new_inferred);
    compare_docs(report, before, after);
}

/// The two type tables, and the struct pairs compared already.
struct TypePair<'a> {
    old: &'a Types,
    new: &'a Types,
    seen: HashSet<(TypeId, TypeId)>,
}

/// Query parameters or form fields, matched by the name they are sent under: one added
/// is compatible when optional, breaking when required; one removed, made required or
/// retyped is breaking. `kind` names them in the report (`query parameter`), `place` in
/// type paths (`query`).
fn compare_params(
    report: &mut Report<'_>,
    types: &mut TypePair<'_>,
    (kind, place): (&str, &str),
    old: &[ParamField],
    new: &[ParamField],
) {
    for param in new {
        let name = &param.name;
        match old.iter().find(|q| q.name == *name) {
            None if param.optional => report.push(
                Impact::Compatible,
                format!("optional {kind} `{name}` added"),
            ),
            None => report.push(Impact::Breaking, format!("required {kind} `{name}` added")),
            Some(before) => {
                if before.optional != param.optional {
                    let now = if param.optional {
                        "optional"
                    } else {
                        "required"
                    };
                    report.push(Impact::Breaking, format!("{kind} `{name}` is now {now}"));
                }
                let at = format!("{place}.{name}");
                compare_types(report, types, &at, &before.ty, &param.ty);
            }
        }
    }
    for param in old {
        if !new.iter().any(|q| q.name == param.name) {
            report.push(Impact::Breaking, format!("{kind} `{}` removed", param.name));
        }
    }
}

/// The fields of an operation's query struct, none when it takes no query.
fn params_of(types: &Types, id: Option<TypeId>) -> &[ParamField] {
    id.and_then(|id| types.params(id))
        .map_or(&[][..], |def| def.fields.as_slice())
}

fn compare_body(
    report: &mut Report<'_>,
    types: &mut TypePair<'_>,
    old: &OperationTypes,
    new: &OperationTypes,
) {
    match (&old.body, &new.body) {
        (None, None) => {}
        (Some(BodyType::Json(a)), Some(BodyType::Json(b))) => {
            compare_types(report, types, "body", a, b)
        }
        (Some(BodyType::Form(a)), Some(BodyType::Form(b))) => {
            let (old_fields, new_fields) = (
                params_of(types.old, Some(*a)),
                params_of(types.new, Some(*b)),
            );
            compare_params(
                report,
                types,
                ("form field", "body"),
                old_fields,
                new_fields,
            );
        }
        (a, b) => {
            let text = |body: &Option<BodyType>, t: &Types| {
                body.as_ref().map_or("none".to_owned(), |b| body_text(b, t))
            };
            let (a, b) = (text(a, types.old), text(b, types.new));
            if a != b {
                report.push(Impact::Breaking, format!("body changed from {a} to {b}"));
            }
        }
    }
}

fn compare_response(
    report: &mut Report<'_>,
    types: &mut TypePair<'_>,
    old: &OperationTypes,
    new: &OperationTypes,
) {
    match (&old.response, &new.response) {
        (ResponseType::Json(a), ResponseType::Json(b))
        | (ResponseType::OptionalJson(a), ResponseType::OptionalJson(b)) => {
            compare_types(report, types, "response", a, b)
        }
        (ResponseType::ByStatus(_), ResponseType::ByStatus(_)) => {
            let a = types.old.status_variants(&old.response);
            let b = types.new.status_variants(&new.response);
            for after in b {
                let place = format!("response {}", after.status);
                match a.iter().find(|before| before.status == after.status) {
                    Some(before) => compare_types(report, types, &place, &before.ty, &after.ty),
                    None => report.push(Impact::Compatible, format!("`{place}` added")),
                }
            }
            for before in a
                .iter()
                .filter(|v| !b.iter().any(|after| after.status == v.status))
            {
                report.push(
                    Impact::Breaking,
                    format!("`response {}` removed", before.status),
                );
            }
        }
        (a, b) => {
            let (a, b) = (response_text(a, types.old), response_text(b, types.new));
            if a != b {
                report.push(
                    Impact::Breaking,
                    format!("response changed from {a} to {b}"),
                );
            }
        }
    }
}

fn compare_pagination(report: &mut Report<'_>, old: &OperationTypes, new: &OperationTypes) {
    match (&old.pagination, &new.pagination) {
        (None, Some(pages)) => report.push(
            Impact::Compatible,
            format!("stream function `{}` added", pages.fn_name),
        ),
        (Some(pages), None) => report.push(
            Impact::Breaking,
            format!("stream function `{}` removed", pages.fn_name),
        ),
        (Some(a), Some(b)) if a.fn_name != b.fn_name => report.push(
            Impact::Breaking,
            format!(
                "stream function renamed from `{}` to `{}`",
                a.fn_name, b.fn_name
            ),
        ),
        _ => {}
    }
}

fn compare_docs(report: &mut Report<'_>, before: &Operation, after: &Operation) {
    if before.docs.text != after.docs.text {
        report.push(Impact::Docs, "description changed".to_owned());
    }
    if before.docs.scopes != after.docs.scopes {
        report.push(
            Impact::Docs,
            format!(
                "scopes changed from [{}] to [{}]",
                before.docs.scopes.join(", "),
                after.docs.scopes.join(", ")
            ),
        );
    }
    if before.docs.rate_limit != after.docs.rate_limit {
        report.push(
            Impact::Docs,
            format!(
                "rate limit label changed from {:?} to {:?}",
                before.docs.rate_limit, after.docs.rate_limit
            ),
        );
    }
}

/// Compares two types found at `place` (`response`, `body.settings`, `query.page_size`),
/// descending into structs, lists and enums.
fn compare_types(
    report: &mut Report<'_>,
    types: &mut TypePair<'_>,
    place: &str,
    old: &RustType,
    new: &RustType,
) {
    match (old, new) {
        (RustType::Vec(a), RustType::Vec(b)) => {
            compare_types(report, types, &format!("{place}[]"), a, b)
        }
        (RustType::Named(a), RustType::Named(b)) | (RustType::Enum(a), RustType::Enum(b)) => {
            compare_defs(report, types, place, *a, *b)
        }
        _ => {
            let (a, b) = (types.old.rust_name(old), types.new.rust_name(new));
            if a != b {
                report.push(
                    Impact::Breaking,
                    format!("`{place}` retyped from {a} to {b}"),
                );
            }
        }
    }
}

fn compare_defs(
    report: &mut Report<'_>,
    types: &mut TypePair<'_>,
    place: &str,
    old: TypeId,
    new: TypeId,
) {
    if !types.seen.insert((old, new)) {
        return;
    }
    let (old_name, new_name) = (
        types.old.name(old).to_owned(),
        types.new.name(new).to_owned(),
    );
    if old_name != new_name {
        report.push(
            Impact::Breaking,
            format!("`{place}`: type `{old_name}` renamed to `{new_name}`"),
        );
    }
    let (Some(a), Some(b)) = (types.old.resolve(old), types.new.resolve(new)) else {
        return;
    };
    match (&a.kind, &b.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            for field in &b.fields {
                let at = format!("{place}.{}", field.json_name);
                match a.fields.iter().find(|f| f.json_name == field.json_name) {
                    None => report.push(Impact::Compatible, format!("field `{at}` added")),
                    Some(before) => compare_types(report, types, &at, &before.ty, &field.ty),
                }
            }
            for field in &a.fields {
                if !b.fields.iter().any(|f| f.json_name == field.json_name) {
                    report.push(
                        Impact::Breaking,
                        format!("field `{place}.{}` removed", field.json_name),
                    );
                }
            }
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            let values = |e: &crate::infer::EnumDef| -> Vec<String> {
                e.variants.iter().map(|v| v.value.clone()).collect()
            };
            let (before, after) = (values(a), values(b));
            for value in after.iter().filter(|v| !before.contains(v)) {
                report.push(
                    Impact::Compatible,
                    format!("`{place}`: enum value `{value}` added"),
                );
            }
            for value in before.iter().filter(|v| !after.contains(v)) {
                report.push(
                    Impact::Breaking,
                    format!("`{place}`: enum value `{value}` removed"),
                );
            }
            for variant in &b.variants {
                let renamed = a
                    .variants
                    .iter()
                    .find(|v| v.value == variant.value && v.rust_name != variant.rust_name);
                if let Some(before) = renamed {
                    report.push(
                        Impact::Breaking,
                        format!(
                            "`{place}`: variant `{}` renamed to `{}` (value `{}`)",
                            before.rust_name, variant.rust_name, variant.value
                        ),
                    );
                }
            }
            if a.numeric != b.numeric {
                report.push(
                    Impact::Breaking,
                    format!(
                        "`{place}`: enum values are now {}",
                        if b.numeric { "numbers" } else { "strings" }
                    ),
                );
            }
        }
        _ => report.push(
            Impact::Breaking,
            format!("`{place}` retyped from `{old_name}` to `{new_name}`"),
        ),
    }
}

/// The changes as a changelog: grouped by module, breaking ones first in each, then a
/// count. The last line is `N breaking, M compatible`.
pub fn render_text(changes: &[Change]) -> String {
    let mut by_module: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in changes {
        by_module.entry(&change.module).or_default().push(change);
    }
    let mut out = String::new();
    for (module, mut changes) in by_module {
        changes.sort_by_key(|c| c.impact);
        let _ = writeln!(out, "{}", if module.is_empty() { "(root)" } else { module });
        for change in changes {
            let label = match change.impact {
                Impact::Breaking => "breaking  ",
                Impact::Compatible => "compatible",
                Impact::Docs => "docs      ",
            };
            let _ = writeln!(out, "  {label}  {}: {}", change.operation, change.what);
        }
        out.push('\n');
    }
    let count = |impact| changes.iter().filter(|c| c.impact == impact).count();
    let docs = count(Impact::Docs);
    if docs > 0 {
        let _ = writeln!(
            out,
            "{docs} docs-only changes (neither breaking nor compatible)"
        );
    }
    let _ = writeln!(
        out,
        "{} breaking, {} compatible",
        count(Impact::Breaking),
        count(Impact::Compatible)
    );
    out
}

/// The changes for tools: `{"breaking": [...], "compatible": [...], "docs": [...]}`, each
/// entry `{"operation": "module::function", "change": "..."}`.
pub fn to_json(changes: &[Change]) -> Value {
    let entries = |impact| -> Vec<Value> {
        changes
            .iter()
            .filter(|c| c.impact == impact)
            .map(|c| json!({"operation": c.operation, "change": c.what}))
            .collect()
    };
    json!({
        "breaking": entries(Impact::Breaking),
        "compatible": entries(Impact::Compatible),
        "docs": entries(Impact::Docs),
    })
}
