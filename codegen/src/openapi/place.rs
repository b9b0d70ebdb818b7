//! Operations under their paths. OpenAPI takes one operation per method and path, and only
//! its eight methods; a collection may hold several requests with one method and path
//! (saved variations of one call, told apart by their bodies or query) and custom methods.
//! A variation is merged into the operation OpenAPI has room for, so that tools see its
//! parameters, bodies and responses, and is kept whole, with its own `operationId`, under
//! the path's `x-other-operations`, as a custom method's operation is; the merged
//! operation lists them in `x-variants`.

use serde_json::{json, Map, Value};

use super::paths;
use crate::diagnostics::Warnings;
use crate::model::{Method, Operation};

pub(super) fn place(
    paths: &mut Map<String, Value>,
    operation: &Operation,
    object: Map<String, Value>,
    warnings: &mut Warnings,
) {
    let mut object = object;
    let path = same_path(paths, paths::path_template(operation), &mut object);
    let item = paths
        .entry(path.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(item) = item else {
        return;
    };
    let id = operation.qualified_name();
    let method = match &operation.method {
        Method::Other(token) => {
            warnings.push(
                &operation.location,
                format!(
                    "OpenAPI has no `{token}` operations: `{id}` is written under `x-other-operations` of `{path}`"
                ),
            );
            None
        }
        known => Some(known.as_str().to_ascii_lowercase()),
    };
    let Some(method) = method else {
        keep_apart(item, operation, object);
        return;
    };
    match item.get_mut(&method) {
        Some(Value::Object(first)) => {
            let first_id = first["operationId"].as_str().unwrap_or_default().to_owned();
            warnings.push(
                &operation.location,
                format!(
                    "`{id}` has the method and path of `{first_id}` ({} {path}), which OpenAPI takes once: its parameters, bodies and responses are merged into `{first_id}`, and it is written whole under `x-other-operations`",
                    operation.method
                ),
            );
            merge(first, &object);
            let variants = first
                .entry("x-variants")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(variants) = variants {
                variants.push(json!(id));
            }
            keep_apart(item, operation, object);
        }
        _ => {
            item.insert(method, Value::Object(object));
        }
    }
}

/// The path the document already has that differs from `path` only in its parameters'
/// names (to OpenAPI they are one path, and two must not be written), with the operation's
/// path parameters renamed after it, position by position; else `path` itself.
fn same_path(paths: &Map<String, Value>, path: String, object: &mut Map<String, Value>) -> String {
    if paths.contains_key(&path) {
        return path;
    }
    let (shape, names) = template_parameters(&path);
    if names.is_empty() {
        return path;
    }
    let Some(existing) = paths
        .keys()
        .find(|known| template_parameters(known).0 == shape)
    else {
        return path;
    };
    let (_, existing_names) = template_parameters(existing);
    // A parameter used twice must map to one name both times, and two to two.
    let mut renames: Vec<(&str, &str)> = Vec::new();
    for (own, theirs) in names.iter().zip(&existing_names) {
        match renames.iter().find(|(from, _)| from == own) {
            Some((_, to)) if to != theirs => return path,
            Some(_) => {}
            None if renames.iter().any(|(_, to)| to == theirs) => return path,
            None => renames.push((own, theirs)),
        }
    }
    if let Some(Value::Array(parameters)) = object.get_mut("parameters") {
        for parameter in parameters.iter_mut().filter(|p| p["in"] == "path") {
            let renamed = renames
                .iter()
                .find(|(from, _)| parameter["name"] == *from)
                .map(|(_, to)| *to);
            if let Some(to) = renamed {
                parameter["name"] = json!(to);
            }
        }
    }
    existing.clone()
}

/// A path template with its parameters written `{}`, and their names in order.
fn template_parameters(path: &str) -> (String, Vec<String>) {
    let mut shape = String::with_capacity(path.len());
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        shape.push_str(&rest[..=open]);
        shape.push('}');
        names.push(rest[open + 1..close].to_owned());
        rest = &rest[close + 1..];
    }
    shape.push_str(rest);
    (shape, names)
}

fn keep_apart(
    item: &mut Map<String, Value>,
    operation: &Operation,
    mut object: Map<String, Value>,
) {
    let others = item
        .entry("x-other-operations")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(others) = others {
        object.insert("x-method".into(), json!(operation.method.as_str()));
        others.push(Value::Object(object));
    }
}

/// Merges a variation into the operation: parameters the operation lacks (optional, as
/// not every variation sends them), each content type's schema as `anyOf` where they
/// differ, responses by status likewise, security alternatives, and deprecation only when
/// every variation is deprecated.
fn merge(operation: &mut Map<String, Value>, variant: &Map<String, Value>) {
    if let Some(Value::Array(more)) = variant.get("parameters") {
        let parameters = operation
            .entry("parameters")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(parameters) = parameters {
            for parameter in more {
                let known = parameters
                    .iter()
                    .any(|p| p["name"] == parameter["name"] && p["in"] == parameter["in"]);
                if !known {
                    let mut parameter = parameter.clone();
                    if parameter["in"] != "path" {
                        parameter["required"] = json!(false);
                    }
                    parameters.push(parameter);
                }
            }
        }
    }
    match (operation.get_mut("requestBody"), variant.get("requestBody")) {
        (Some(body), Some(other)) => {
            merge_content(body, other);
            if other["required"] != true {
                body["required"] = json!(false);
            }
        }
        (None, Some(other)) => {
            let mut other = other.clone();
            // The operation itself is called without a body.
            other["required"] = json!(false);
            operation.insert("requestBody".into(), other);
        }
        (Some(body), None) => body["required"] = json!(false),
        (None, None) => {}
    }
    if let (Some(Value::Object(responses)), Some(Value::Object(more))) =
        (operation.get_mut("responses"), variant.get("responses"))
    {
        for (status, other) in more {
            match responses.get_mut(status) {
                Some(response) => {
                    merge_content(response, other);
                    let (a, b) = (&response["description"], &other["description"]);
                    if let (Some(a), Some(b)) = (a.as_str(), b.as_str()) {
                        if a != b && !a.split("; ").any(|part| part == b) {
                            response["description"] = json!(format!("{a}; {b}"));
                        }
                    }
                }
                None => {
                    responses.insert(status.clone(), other.clone());
                }
            }
        }
    }
    match (operation.get_mut("security"), variant.get("security")) {
        (Some(Value::Array(alternatives)), Some(Value::Array(more))) => {
            // An empty list takes no credentials; beside other alternatives that is the
            // empty requirement.
            let open = alternatives.is_empty() || more.is_empty();
            for requirement in more {
                if !alternatives.contains(requirement) {
                    alternatives.push(requirement.clone());
                }
            }
            if open && !alternatives.is_empty() && !alternatives.contains(&json!({})) {
                alternatives.push(json!({}));
            }
        }
        (None, Some(more)) => {
            operation.insert("security".into(), more.clone());
        }
        _ => {}
    }
    if let (Some(Value::Array(tags)), Some(Value::Array(more))) =
        (operation.get_mut("tags"), variant.get("tags"))
    {
        for tag in more {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    if variant.get("deprecated") != Some(&json!(true)) {
        operation.remove("deprecated");
    }
}

/// Merges the media types of a body or response: one it lacks is added; one it has takes
/// the other's schema as another branch of an `anyOf` where the two differ (`anyOf`, as
/// the variations' shapes may overlap).
fn merge_content(into: &mut Value, from: &Value) {
    let Some(more) = from["content"].as_object() else {
        return;
    };
    let content = match into.get_mut("content") {
        Some(Value::Object(content)) => content,
        _ => {
            into["content"] = Value::Object(more.clone());
            return;
        }
    };
    for (media_type, other) in more {
        let Some(media) = content.get_mut(media_type) else {
            content.insert(media_type.clone(), other.clone());
            continue;
        };
        let schema = other.get("schema").cloned().unwrap_or_else(|| json!({}));
        let current = media.get("schema").cloned().unwrap_or_else(|| json!({}));
        if current == schema {
            continue;
        }
        let mut branches = match current {
            // A schema that is only an `anyOf` is one this merge made.
            Value::Object(map) if map.len() == 1 && map.contains_key("anyOf") => {
                map["anyOf"].as_array().cloned().unwrap_or_default()
            }
            other => vec![other],
        };
        if !branches.contains(&schema) {
            branches.push(schema);
        }
        media["schema"] = json!({"anyOf": branches});
    }
}
