//! The API lock: a reviewable summary of the public API a collection generates, one line per
//! function and type, in a stable order. A crate of bindings commits it; its build script
//! compares the generated API with it, so that a new collection's effect on users' code is
//! seen (and accepted with `postman-codegen lock --write`) rather than found in compile
//! errors.

use std::collections::BTreeSet;

use crate::analysis::Analysis;
use crate::infer::{BodyType, ParamsDef, ParamsRole, ResponseType, RustType, TypeKind, Types};

/// The lock's text: a header line, then the sorted lines.
pub fn render(analysis: &Analysis) -> String {
    let mut lines = BTreeSet::new();
    let types = &analysis.types;
    for operation in &analysis.api.operations {
        let Some(inferred) = types.operation(operation.id) else {
            continue;
        };
        let module = module_of(operation.module.as_deref());
        let mut args: Vec<String> = operation
            .path_params
            .iter()
            .map(|p| format!("{}: &impl PathArg", p.rust_name))
            .collect();
        if let Some(query) = inferred.query {
            args.push(format!("query: &{}", types.name(query)));
        }
        if let Some(body) = &inferred.body {
            args.push(format!("body: {}", body_text(body, types)));
        }
        let deprecated = if operation.docs.deprecated {
            " #[deprecated]"
        } else {
            ""
        };
        lines.insert(format!(
            "fn {}({}) -> {}{deprecated}",
            operation.qualified_name(),
            args.join(", "),
            response_text(&inferred.response, types)
        ));
        if let Some(pages) = &inferred.pagination {
            lines.insert(format!(
                "fn {module}{}(…) -> Pages<{}>",
                pages.fn_name,
                types.rust_name(&pages.item_type)
            ));
        }
    }
    for def in types.defs() {
        let module = module_of(def.module.as_deref());
        let line = match &def.kind {
            TypeKind::Struct(fields) => {
                let fields: Vec<String> = fields
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: {} = {:?}",
                            f.rust_name,
                            types.rust_name(&f.ty),
                            f.json_name
                        )
                    })
                    .collect();
                format!("struct {module}{} {{ {} }}", def.name, fields.join(", "))
            }
            TypeKind::Enum(values) => {
                let listed: Vec<String> = values
                    .variants
                    .iter()
                    .map(|v| {
                        if values.numeric {
                            format!("{} = {}", v.rust_name, v.value)
                        } else {
                            format!("{} = {:?}", v.rust_name, v.value)
                        }
                    })
                    .collect();
                format!("enum {module}{} {{ {} }}", def.name, listed.join(", "))
            }
            TypeKind::Alias { target, .. } => {
                let target = types.rust_name(&RustType::Named(*target));
                format!("type {module}{} = {target}", def.name)
            }
            TypeKind::Params(params) => params_line(&module, &def.name, params, types),
            // The variants' types have lines of their own, and the function's line names
            // the enum.
            TypeKind::ByStatus(_) => continue,
        };
        lines.insert(line);
    }
    let mut out = format!(
        "# The public API generated from the collection {:?}: one line per function and type.\n\
         # Written by `postman-codegen lock --write`; review changes like code.\n",
        analysis.api.name
    );
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn module_of(module: Option<&str>) -> String {
    module.map(|m| format!("{m}::")).unwrap_or_default()
}

fn params_line(module: &str, name: &str, params: &ParamsDef, types: &Types) -> String {
    let kind = match params.role {
        ParamsRole::Query => "query",
        ParamsRole::Form => "form",
    };
    let fields: Vec<String> = params
        .fields
        .iter()
        .map(|field| {
            let ty = types.rust_name(&field.ty);
            let ty = if field.optional {
                format!("Option<{ty}>")
            } else {
                ty
            };
            format!("{}: {ty} = {:?}", field.rust_name, field.name)
        })
        .collect();
    format!("{kind} {module}{name} {{ {} }}", fields.join(", "))
}

/// How a response reads in a signature.
pub(crate) fn response_text(response: &ResponseType, types: &Types) -> String {
    match response {
        ResponseType::Json(ty) => types.rust_name(ty),
        ResponseType::OptionalJson(ty) => format!("Option<{}>", types.rust_name(ty)),
        ResponseType::Empty => "()".to_owned(),
        ResponseType::Text => "String".to_owned(),
        ResponseType::ByStatus(id) => types.name(*id).to_owned(),
    }
}

/// How a body reads in a signature.
pub(crate) fn body_text(body: &BodyType, types: &Types) -> String {
    match body {
        BodyType::Json(RustType::Vec(inner)) => format!("&[{}]", types.rust_name(inner)),
        BodyType::Json(RustType::String) => "&str".to_owned(),
        BodyType::Json(ty) => format!("&{}", types.rust_name(ty)),
        BodyType::Form(form) => format!("&{}", types.name(*form)),
        BodyType::Multipart => "Multipart".to_owned(),
        BodyType::Text { .. } => "&str".to_owned(),
        BodyType::Binary => "Vec<u8>".to_owned(),
        BodyType::GraphQl { .. } => "&serde_json::Value".to_owned(),
    }
}

/// The lines only one of two locks has: (removed, added), without the header.
pub fn compare(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let items = |text: &str| -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (items(old), items(new));
    (
        old.difference(&new).cloned().collect(),
        new.difference(&old).cloned().collect(),
    )
}
