//! The inferred model as data, for `postman-codegen inspect`: what each request became and
//! why its types came out as they did.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::infer::{BodyType, EnumDef, OperationTypes, ResponseType, RustType, StructDef};
use crate::model::{Api, ExampleBody, Operation};

/// Every operation with its names, parameters, body and responses; types as a
/// JSON-Schema-like tree (`type`, `properties`, `items`, `enum`, and `x-rust-type`).
pub fn inspect(api: &Api, types: &[OperationTypes]) -> Value {
    let definitions = Definitions::new(api, types);
    let operations: Vec<Value> = api
        .operations
        .iter()
        .zip(types)
        .map(|(operation, types)| operation_entry(operation, types, &definitions))
        .collect();
    json!({
        "name": api.name,
        "base_url": api.base_url,
        "operations": operations,
    })
}

/// Structs and enums by module and name: a shape shared by several operations is defined
/// with the first of them.
struct Definitions<'a> {
    structs: HashMap<(Option<&'a str>, &'a str), &'a StructDef>,
    enums: HashMap<(Option<&'a str>, &'a str), &'a EnumDef>,
}

impl<'a> Definitions<'a> {
    fn new(api: &'a Api, types: &'a [OperationTypes]) -> Self {
        let mut structs = HashMap::new();
        let mut enums = HashMap::new();
        for (operation, types) in api.operations.iter().zip(types) {
            let module = operation.module.as_deref();
            for def in &types.structs {
                structs.insert((module, def.name.as_str()), def);
            }
            for def in &types.enums {
                enums.insert((module, def.name.as_str()), def);
            }
        }
        Definitions { structs, enums }
    }

    fn schema(&self, ty: &RustType, module: Option<&str>) -> Value {
        match ty {
            RustType::Bool => json!({"type": "boolean", "x-rust-type": "bool"}),
            RustType::I64 => json!({"type": "integer", "x-rust-type": "i64"}),
            RustType::U64 => json!({"type": "integer", "minimum": 0, "x-rust-type": "u64"}),
            RustType::F64 => json!({"type": "number", "x-rust-type": "f64"}),
            RustType::String => json!({"type": "string", "x-rust-type": "String"}),
            RustType::Value { why } => {
                json!({"x-rust-type": "serde_json::Value", "description": why})
            }
            RustType::Vec(inner) => json!({
                "type": "array",
                "items": self.schema(inner, module),
                "x-rust-type": rust_type_name(ty),
            }),
            RustType::Enum(name) => {
                let values: Vec<&str> = self
                    .enums
                    .get(&(module, name.as_str()))
                    .map(|def| def.variants.iter().map(|v| v.value.as_str()).collect())
                    .unwrap_or_default();
                json!({
                    "type": "string",
                    "enum": values,
                    "description": "other values are kept in the `Other` variant",
                    "x-rust-type": name,
                })
            }
            RustType::Named(name) => {
                let Some(def) = self.structs.get(&(module, name.as_str())) else {
                    return json!({"x-rust-type": name});
                };
                let properties: Map<String, Value> = def
                    .fields
                    .iter()
                    .map(|field| {
                        let mut schema = self.schema(&field.ty, module);
                        if let Value::Object(map) = &mut schema {
                            map.insert("x-rust-field".into(), json!(field.rust_name));
                        }
                        (field.json_name.clone(), schema)
                    })
                    .collect();
                json!({
                    "type": "object",
                    "properties": properties,
                    "additionalProperties": true,
                    "x-rust-type": name,
                    "x-extra-fields": def.extra_field,
                })
            }
        }
    }
}

fn operation_entry(operation: &Operation, types: &OperationTypes, defs: &Definitions<'_>) -> Value {
    let module = operation.module.as_deref();
    let path_params: Vec<Value> = operation
        .path_params
        .iter()
        .map(|p| json!({"name": p.name, "rust_name": p.rust_name, "rust_type": "&str", "required": true}))
        .collect();
    let query: Vec<Value> = operation
        .query
        .iter()
        .zip(&types.query)
        .map(|(q, ty)| {
            json!({
                "name": q.param.name,
                "rust_name": q.param.rust_name,
                "rust_type": rust_type_name(ty),
                "required": q.param.required && !q.disabled,
                "repeated": q.repeated,
                "disabled": q.disabled,
                "examples": q.param.examples,
                "schema": defs.schema(ty, module),
            })
        })
        .collect();
    let body = types.body.as_ref().map(|body| match body {
        BodyType::Json(ty) => json!({"kind": "json", "schema": defs.schema(ty, module)}),
        BodyType::Form { struct_name, .. } => json!({"kind": "form", "rust_type": struct_name}),
        BodyType::Multipart => json!({"kind": "multipart", "rust_type": "Multipart"}),
        BodyType::Text { content_type } => json!({"kind": "text", "content_type": content_type}),
        BodyType::Binary => json!({"kind": "binary"}),
        BodyType::GraphQl { .. } => json!({"kind": "graphql"}),
    });
    let mut responses = Map::new();
    for example in &operation.responses {
        let status = example.status.to_string();
        if responses.contains_key(&status) {
            continue;
        }
        let entry = if example.is_success() {
            success_entry(&types.response, example.decoded_body(), defs, module)
        } else {
            let errors: Vec<Value> = example
                .errors
                .iter()
                .map(|e| json!({"code": e.code, "message": e.message}))
                .collect();
            json!({"error": true, "documented": errors})
        };
        responses.insert(status, entry);
    }
    json!({
        "name": operation.name,
        "folders": operation.folders,
        "module": operation.module,
        "function": operation.fn_name,
        "method": operation.method,
        "path": operation.path.display(&operation.path_params),
        "path_params": path_params,
        "query_struct": types.query_struct,
        "query": query,
        "body": body,
        "responses": responses,
        "rate_limit": operation.docs.rate_limit,
        "scopes": operation.docs.scopes,
        "deprecated": operation.docs.deprecated,
        "json_path": operation.location.json_path,
    })
}

fn success_entry(
    response: &ResponseType,
    body: ExampleBody,
    defs: &Definitions<'_>,
    module: Option<&str>,
) -> Value {
    match (response, body) {
        (_, ExampleBody::Empty) => json!({"body": null}),
        (ResponseType::Json(ty), ExampleBody::Json(_)) => {
            json!({"body": "json", "schema": defs.schema(ty, module)})
        }
        (ResponseType::OptionalJson(ty), ExampleBody::Json(_)) => {
            json!({"body": "json", "schema": defs.schema(ty, module), "x-optional": true})
        }
        (_, ExampleBody::Text(_)) | (_, ExampleBody::Json(_)) => {
            json!({"body": "text", "x-rust-type": "String"})
        }
    }
}

/// How the type reads in the generated code.
fn rust_type_name(ty: &RustType) -> String {
    match ty {
        RustType::Bool => "bool".into(),
        RustType::I64 => "i64".into(),
        RustType::U64 => "u64".into(),
        RustType::F64 => "f64".into(),
        RustType::String => "String".into(),
        RustType::Value { .. } => "serde_json::Value".into(),
        RustType::Vec(inner) => format!("Vec<{}>", rust_type_name(inner)),
        RustType::Named(name) | RustType::Enum(name) => name.clone(),
    }
}
