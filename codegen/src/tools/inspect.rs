//! The inferred model as data, for `postman-codegen inspect`: what each request became and
//! why its types came out as they did.

use serde_json::{json, Map, Value};

use crate::infer::{BodyType, OperationTypes, ResponseType, RustType, TypeKind, Types};
use crate::model::{Api, ExampleBody, Operation};

/// Every operation with its names, parameters, body and responses; types as a
/// JSON-Schema-like tree (`type`, `properties`, `items`, `enum`, and `x-rust-type`).
pub fn inspect(api: &Api, types: &Types) -> Value {
    let operations: Vec<Value> = api
        .operations
        .iter()
        .filter_map(|operation| {
            let inferred = types.operation(operation.id)?;
            Some(operation_entry(operation, inferred, types))
        })
        .collect();
    json!({
        "name": api.name,
        "base_url": api.base_url,
        "operations": operations,
    })
}

fn schema(types: &Types, ty: &RustType) -> Value {
    match ty {
        RustType::Bool => json!({"type": "boolean", "x-rust-type": "bool"}),
        RustType::I64 => json!({"type": "integer", "x-rust-type": "i64"}),
        RustType::U64 => json!({"type": "integer", "minimum": 0, "x-rust-type": "u64"}),
        RustType::F64 => json!({"type": "number", "x-rust-type": "f64"}),
        RustType::Number => json!({"type": "number", "x-rust-type": "serde_json::Number"}),
        RustType::String => json!({"type": "string", "x-rust-type": "String"}),
        RustType::Timestamp => {
            json!({"type": "string", "format": "date-time", "x-rust-type": "Timestamp"})
        }
        RustType::Value { why } => {
            json!({"x-rust-type": "serde_json::Value", "description": why})
        }
        RustType::Vec(inner) => json!({
            "type": "array",
            "items": schema(types, inner),
            "x-rust-type": types.rust_name(ty),
        }),
        RustType::Enum(id) | RustType::Named(id) => {
            let Some(def) = types.resolve(*id) else {
                return json!({"x-rust-type": types.name(*id)});
            };
            match &def.kind {
                TypeKind::Enum(def_enum) => {
                    let values: Vec<Value> = def_enum
                        .variants
                        .iter()
                        .map(|v| match v.value.parse::<i64>() {
                            Ok(n) if def_enum.numeric => json!(n),
                            _ => json!(v.value),
                        })
                        .collect();
                    json!({
                        "type": if def_enum.numeric { "integer" } else { "string" },
                        "enum": values,
                        "description": "other values are kept in the `Other` variant",
                        "x-values-from": format!("{:?}", def_enum.source).to_ascii_lowercase(),
                        "x-rust-type": types.name(*id),
                    })
                }
                TypeKind::Struct(def_struct) => {
                    let properties: Map<String, Value> = def_struct
                        .fields
                        .iter()
                        .map(|field| {
                            let mut schema = schema(types, &field.ty);
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
                        "x-rust-type": types.name(*id),
                        "x-extra-fields": def_struct.extra_field,
                    })
                }
                TypeKind::Alias { .. } | TypeKind::Params(_) | TypeKind::ByStatus(_) => {
                    json!({"x-rust-type": types.name(*id)})
                }
            }
        }
    }
}

fn operation_entry(operation: &Operation, inferred: &OperationTypes, types: &Types) -> Value {
    let unknown = RustType::Value {
        why: "no type was inferred",
    };
    let path_params: Vec<Value> = operation
        .path_params
        .iter()
        .map(|p| json!({"name": p.name, "rust_name": p.rust_name, "rust_type": "&str", "required": true}))
        .collect();
    let query: Vec<Value> = operation
        .query
        .iter()
        .map(|q| {
            let ty = types.param(q.param.id).unwrap_or(&unknown);
            json!({
                "name": q.param.name,
                "rust_name": q.param.rust_name,
                "rust_type": types.rust_name(ty),
                "required": !q.optional(),
                "repeated": q.repeated,
                "disabled": q.disabled,
                "examples": q.param.examples,
                "schema": schema(types, ty),
            })
        })
        .collect();
    let body = inferred.body.as_ref().map(|body| match body {
        BodyType::Json(ty) => json!({"kind": "json", "schema": schema(types, ty)}),
        BodyType::Form(form) => json!({"kind": "form", "rust_type": types.name(*form)}),
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
            success_entry(
                &inferred.response,
                example.status,
                example.decoded_body(),
                types,
            )
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
        "method": operation.method.as_str(),
        "path": operation.path_display(),
        "path_params": path_params,
        "query_struct": inferred.query.map(|query| types.name(query)),
        "query": query,
        "body": body,
        "responses": responses,
        "stream_function": inferred.pagination.as_ref().map(|p| p.fn_name.clone()),
        "rate_limit": operation.docs.rate_limit,
        "scopes": operation.docs.scopes,
        "deprecated": operation.docs.deprecated,
        "json_path": operation.location.json_path,
    })
}

fn success_entry(response: &ResponseType, status: u16, body: ExampleBody, types: &Types) -> Value {
    match (response, body) {
        (_, ExampleBody::Empty) => json!({"body": null}),
        (ResponseType::Json(ty), ExampleBody::Json(_)) => {
            json!({"body": "json", "schema": schema(types, ty)})
        }
        (ResponseType::OptionalJson(ty), ExampleBody::Json(_)) => {
            json!({"body": "json", "schema": schema(types, ty), "x-optional": true})
        }
        (ResponseType::ByStatus(_), ExampleBody::Json(_)) => {
            match types
                .status_variants(response)
                .iter()
                .find(|v| v.status == status)
            {
                Some(variant) => json!({"body": "json", "schema": schema(types, &variant.ty)}),
                None => json!({"body": "json"}),
            }
        }
        (ResponseType::Json(ty) | ResponseType::OptionalJson(ty), ExampleBody::Text(_)) => {
            json!({"body": "json, not valid as written", "schema": schema(types, ty)})
        }
        (_, ExampleBody::Text(_)) | (_, ExampleBody::Json(_)) => {
            json!({"body": "text", "x-rust-type": "String"})
        }
    }
}
