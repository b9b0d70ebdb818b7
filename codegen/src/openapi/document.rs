//! The document itself: `info`, `servers`, `tags`, `paths` in collection order, and the
//! components the operations referred to.

use serde_json::{json, Map, Value};

use super::schemas::Schemas;
use super::security::{OAuthUrls, Security};
use super::{paths, place};
use crate::diagnostics::Warnings;
use crate::infer::Types;
use crate::model::{Api, Operation};

/// The OpenAPI version written.
const OPENAPI: &str = "3.1.0";

/// The document of `api`, typed from `types`, and what it could not say in OpenAPI.
///
/// Key order is the order of construction: serde_json's map keeps insertion order in this
/// crate (its `preserve_order` feature), and where it does not it sorts; every collection
/// below is built from the model's lists or from sorted maps, never from a hash map's
/// iteration, so either way one collection gives one text.
pub(super) fn build(api: &Api, types: &Types, urls: &OAuthUrls) -> (Value, Warnings) {
    let mut warnings = Warnings::default();
    let mut schemas = Schemas::new(types);
    let mut security = Security::default();
    let mut paths = Map::new();
    for operation in &api.operations {
        let Some(inferred) = types.operation(operation.id) else {
            continue;
        };
        let mut object = Map::new();
        if let Some(tag) = tag(api, operation) {
            object.insert("tags".into(), json!([tag]));
        }
        let summary = operation.name.trim();
        object.insert(
            "summary".into(),
            json!(if summary.is_empty() {
                operation.fn_name.as_str()
            } else {
                summary
            }),
        );
        if !operation.docs.text.trim().is_empty() {
            object.insert("description".into(), json!(operation.docs.text.trim()));
        }
        object.insert("operationId".into(), json!(operation.qualified_name()));
        let parameters = paths::parameters(operation, inferred, &mut schemas);
        if !parameters.is_empty() {
            object.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(body) = paths::request_body(operation, inferred, &mut schemas) {
            object.insert("requestBody".into(), body);
        }
        object.insert(
            "responses".into(),
            paths::responses(operation, inferred, &mut schemas),
        );
        if operation.docs.deprecated {
            object.insert("deprecated".into(), json!(true));
        }
        if let Some(requirement) = security.requirement(operation) {
            object.insert("security".into(), requirement);
        }
        if let Some(host) = &operation.access.host {
            object.insert(
                "servers".into(),
                json!([server(&host.name, host.url.as_deref())]),
            );
        }
        extensions(&mut object, operation, inferred, &schemas);
        place::place(&mut paths, operation, object, &mut warnings);
    }

    let mut document = Map::new();
    document.insert("openapi".into(), json!(OPENAPI));
    document.insert("info".into(), info(api));
    document.insert("servers".into(), servers(api));
    let tags = tags(api);
    if !tags.is_empty() {
        document.insert("tags".into(), Value::Array(tags));
    }
    document.insert("paths".into(), Value::Object(paths));
    let mut components = Map::new();
    let defined = schemas.into_components();
    if !defined.is_empty() {
        components.insert("schemas".into(), Value::Object(defined));
    }
    if let Some(schemes) = security.into_schemes(api, urls) {
        components.insert("securitySchemes".into(), Value::Object(schemes));
    }
    if !components.is_empty() {
        document.insert("components".into(), Value::Object(components));
    }
    (Value::Object(document), warnings)
}

fn info(api: &Api) -> Value {
    let title = if api.name.trim().is_empty() {
        "API"
    } else {
        api.name.trim()
    };
    json!({
        "title": title,
        // A collection has no version of its API; this says so rather than invent one.
        "version": "unversioned",
        "description": format!(
            "The API of the Postman collection {title:?}, typed from its examples and descriptions by postman-codegen."
        ),
    })
}

/// The base URL first, then every other host the collection's requests go to.
fn servers(api: &Api) -> Value {
    let mut servers = Vec::new();
    match &api.base_url {
        Some(url) => servers.push(json!({"url": url, "description": "The base URL."})),
        None => servers.push(json!({
            "url": "/",
            "description": "The collection's base URL is held by a variable it does not define.",
        })),
    }
    for host in &api.hosts {
        servers.push(server(&host.name, host.url.as_deref()));
    }
    Value::Array(servers)
}

/// A host besides the base URL; one the collection does not define is a server variable
/// to fill in.
fn server(name: &str, url: Option<&str>) -> Value {
    match url {
        Some(url) => json!({"url": url, "description": format!("The host `{name}`.")}),
        None => {
            let variable = variable_name(name);
            json!({
                "url": format!("{{{variable}}}"),
                "description": format!("The host `{name}`, which the collection does not define."),
                "variables": {variable: {"default": name, "description": "The host's URL."}},
            })
        }
    }
}

fn variable_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The tag of an operation: the module's folder, as the collection names it (with the
/// module's name beside it where two modules' folders read the same).
fn tag(api: &Api, operation: &Operation) -> Option<String> {
    let module = api
        .modules
        .iter()
        .find(|m| Some(m.name.as_str()) == operation.module.as_deref())?;
    Some(tag_name(api, module))
}

fn tag_name(api: &Api, module: &crate::model::Module) -> String {
    let folder = module.folder.trim();
    let shared = api
        .modules
        .iter()
        .filter(|other| other.folder.trim() == folder)
        .count();
    if folder.is_empty() || shared > 1 {
        format!("{folder} ({})", module.name).trim().to_owned()
    } else {
        folder.to_owned()
    }
}

fn tags(api: &Api) -> Vec<Value> {
    api.modules
        .iter()
        .map(|module| {
            let description = if module.top_level {
                format!(
                    "Requests outside any folder whose paths begin with `/{}`; the bindings' module `{}`.",
                    module.folder, module.name
                )
            } else {
                format!("The folder {:?}; the bindings' module `{}`.", module.folder, module.name)
            };
            json!({"name": tag_name(api, module), "description": description})
        })
        .collect()
}

/// What the profile and the bindings know beyond OpenAPI's words.
fn extensions(
    object: &mut Map<String, Value>,
    operation: &Operation,
    inferred: &crate::infer::OperationTypes,
    schemas: &Schemas<'_>,
) {
    if let Some(label) = &operation.docs.rate_limit {
        object.insert("x-rate-limit-label".into(), json!(label));
    }
    if !operation.docs.scopes.is_empty() {
        object.insert("x-scopes".into(), json!(operation.docs.scopes));
    }
    if let Some(pages) = paths::pagination(operation, inferred, schemas) {
        object.insert("x-pagination".into(), pages);
    }
    if operation.folders.len() > 1 {
        object.insert("x-folders".into(), json!(operation.folders));
    }
}
