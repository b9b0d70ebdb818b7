//! Code written against the bundled collection keeps compiling with the full Zoom export:
//! every public function and type the bundled collection generates is generated, at the same
//! path, from the export too, and every field and query parameter holds the same kind of
//! value. It needs the export: it runs with `POSTMAN_CORPUS` set.

use std::collections::BTreeSet;
use std::path::Path;

use postman_codegen::infer::{RustType, TypeKind};

mod inputs;

use inputs::{corpus, zoom_file};

/// The kind of value a field holds, without the names of structs and enums (which aliases
/// make equivalent across builds): `Vec<struct>`, `Option<i64>`.
fn kind(ty: &RustType) -> String {
    match ty {
        RustType::Vec(inner) => format!("Vec<{}>", kind(inner)),
        RustType::Named(_) => "struct".to_owned(),
        RustType::Enum(_) => "enum".to_owned(),
        other => format!("{other:?}"),
    }
}

/// `module::function` for every function (stream functions included) and `module::Type`
/// for every struct and enum, and the fields of each query struct, as `module::Type.field`.
fn public_paths(path: &Path) -> BTreeSet<String> {
    let json = postman_codegen::read_collection(path).expect("the collection is readable");
    let analysis = postman_codegen::Config::new()
        .analyze(&json)
        .expect("the collection generates");
    let mut paths = BTreeSet::new();
    for operation in &analysis.api.operations {
        let module = operation.module.as_deref().unwrap_or("crate");
        paths.insert(operation.qualified_name());
        let Some(types) = analysis.types.operation(operation.id) else {
            continue;
        };
        if let Some(pages) = &types.pagination {
            paths.insert(format!("{module}::{}", pages.fn_name));
        }
        if let Some(query) = &types.query_struct {
            paths.insert(format!("{module}::{query}"));
            for param in &operation.query {
                let ty = analysis
                    .types
                    .param(param.param.id)
                    .map(kind)
                    .unwrap_or_default();
                let optional = if param.optional() { " (optional)" } else { "" };
                paths.insert(format!(
                    "{module}::{query}.{}: {ty}{optional}",
                    param.param.rust_name
                ));
            }
        }
        for id in &types.defined {
            let Some(def) = analysis.types.def(*id) else {
                continue;
            };
            paths.insert(format!("{module}::{}", def.name));
            if let Some(TypeKind::Enum(values)) = analysis.types.resolve(*id).map(|d| &d.kind) {
                for variant in &values.variants {
                    paths.insert(format!("{module}::{}::{}", def.name, variant.rust_name));
                }
            }
            if let Some(TypeKind::Struct(fields)) = analysis.types.resolve(*id).map(|d| &d.kind) {
                for field in &fields.fields {
                    paths.insert(format!(
                        "{module}::{}.{}: {}",
                        def.name,
                        field.rust_name,
                        kind(&field.ty)
                    ));
                }
            }
        }
    }
    paths
}

/// Paths the export cannot give, whatever the generator does, because its examples are
/// wrong; each with why. Anything else missing fails the test.
const EXPORT_DEFECTS: &[(&str, &str)] = &[
    (
        "tracking_fields::ListTrackingFields",
        "the export's only example of List tracking fields is broken JSON (a list without its closing bracket): no type can be learned from it",
    ),
    (
        "users::CreateAMeetingResponse.",
        "the export's Create a meeting example puts `uuid`, `start_url` and `status` inside `settings`, where the API does not send them",
    ),
    (
        "users::ListWebinarsWebinar.type: ",
        "the export's List webinars example writes the webinar type as a string",
    ),
    (
        "users::ListWebinarsWebinar.duration: ",
        "the export's List webinars example writes the duration as a string",
    ),
    (
        "users::GetAUserResponse.group_ids: ",
        "the export's Get a user example has an empty `group_ids` list, which says nothing of its items",
    ),
];

/// Why the export cannot give `path`, if it is one of its known defects (every path that
/// starts with a defect's prefix).
fn export_defect(path: &str) -> Option<&'static str> {
    EXPORT_DEFECTS
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|(_, why)| *why)
}

#[test]
fn every_public_path_of_the_bundled_collection_exists_with_the_export() {
    let Some(corpus) = corpus("the carry-over check against the Zoom export") else {
        return;
    };
    let bundled = public_paths(&zoom_file("collection/zoom.postman_collection.json"));
    let export = public_paths(&corpus.join("zoom/zoom-api-export.postman_collection.json"));
    let (defects, missing): (Vec<&String>, Vec<&String>) = bundled
        .difference(&export)
        .partition(|path| export_defect(path).is_some());
    let functions = bundled.iter().filter(|p| is_function(p)).count();
    let missing_functions = missing.iter().filter(|p| is_function(p)).count();
    eprintln!(
        "{} public paths in the bundled build ({functions} functions); missing from the export build: {} ({missing_functions} functions), and {} for the export's own defects:",
        bundled.len(),
        missing.len(),
        defects.len(),
    );
    for path in &defects {
        eprintln!("  {path}: {}", export_defect(path).unwrap_or_default());
    }
    assert!(
        missing.is_empty(),
        "{} public paths of the bundled build are missing from the export build:\n{}",
        missing.len(),
        missing
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `module::function` (snake case after the last `::`, no field).
fn is_function(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or_default();
    !last.contains('.') && last.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
}
