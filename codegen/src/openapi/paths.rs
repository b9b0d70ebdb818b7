//! One operation object per operation of the model: its parameters, request body and
//! responses, typed from the arena as the bindings type them.

use serde_json::{json, Map, Value};

use super::schemas::{example_value, object_schema, value_schema, Schemas};
use crate::infer::{
    parse_example_json, BodyType, OperationTypes, PageStyle, ResponseType, RustType,
};
use crate::model::{ExampleBody, ExampleResponse, Operation, Parameter, PathPart, RequestBody};

/// A path parameter's name in the document: the collection's, unless OpenAPI cannot take
/// it in a path template (empty, or holding `/`, `#`, `?` or braces), then the bindings'.
pub(super) fn path_param_name(param: &Parameter) -> &str {
    let unusable = param.name.is_empty() || param.name.contains(['/', '#', '?', '{', '}']);
    if unusable {
        &param.rust_name
    } else {
        &param.name
    }
}

/// The path template as OpenAPI writes it: parameters in braces, and literal text as the
/// bindings send it (percent-encoded where a path needs it, braces included, so that they
/// are not read as templates).
pub(super) fn path_template(operation: &Operation) -> String {
    let mut out = String::new();
    for segment in &operation.path.segments {
        out.push('/');
        for part in segment {
            match part {
                PathPart::Literal(text) => out.push_str(&PathPart::encode_literal(text)),
                PathPart::Param(id) => {
                    out.push('{');
                    out.push_str(operation.path_param(*id).map_or("_", path_param_name));
                    out.push('}');
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The operation's parameters: path parameters, query parameters and the literal headers
/// it sends.
pub(super) fn parameters(
    operation: &Operation,
    inferred: &OperationTypes,
    schemas: &mut Schemas<'_>,
) -> Vec<Value> {
    let mut parameters = Vec::new();
    for param in &operation.path_params {
        // Path parameters are text to the bindings; a documented list of values names them.
        let schema = match inferred.path_enums.iter().find(|(id, _)| *id == param.id) {
            Some((_, values)) => schemas.of(&RustType::Enum(*values)),
            None => json!({"type": "string"}),
        };
        let mut object = Map::new();
        object.insert("name".into(), json!(path_param_name(param)));
        object.insert("in".into(), json!("path"));
        describe(&mut object, param.description.as_deref());
        object.insert("required".into(), json!(true));
        object.insert("schema".into(), schema);
        if let Some(example) = param.examples.first().filter(|e| !e.is_empty()) {
            object.insert("example".into(), json!(example));
        }
        parameters.push(Value::Object(object));
    }
    for query in &operation.query {
        let param = &query.param;
        let ty = schemas
            .param_type(param.id)
            .cloned()
            .unwrap_or(RustType::String);
        let mut object = Map::new();
        object.insert("name".into(), json!(param.name));
        object.insert("in".into(), json!("query"));
        describe(&mut object, param.description.as_deref());
        object.insert("required".into(), json!(!query.optional()));
        object.insert("schema".into(), schemas.of(&ty));
        if query.repeated {
            // `tag=a&tag=b`: the list is sent as the key repeated.
            object.insert("style".into(), json!("form"));
            object.insert("explode".into(), json!(true));
        }
        if let Some(example) = param.examples.first() {
            let example = if matches!(ty, RustType::Vec(_)) {
                Value::Array(
                    param
                        .examples
                        .iter()
                        .map(|e| example_value(schemas.types(), &ty, e))
                        .collect(),
                )
            } else {
                example_value(schemas.types(), &ty, example)
            };
            object.insert("example".into(), example);
        }
        if query.disabled {
            object.insert("x-postman-disabled".into(), json!(true));
        }
        parameters.push(Value::Object(object));
    }
    for (name, value) in &operation.headers {
        // These three are described elsewhere in a document (the body's content type, the
        // responses' and the security schemes), and OpenAPI ignores them as parameters.
        if ["accept", "content-type", "authorization"].contains(&name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        parameters.push(json!({
            "name": name,
            "in": "header",
            "description": "A literal header the collection sends with every call.",
            "required": true,
            "schema": {"type": "string", "default": value},
        }));
    }
    parameters
}

fn describe(object: &mut Map<String, Value>, description: Option<&str>) {
    if let Some(text) = description.map(str::trim).filter(|t| !t.is_empty()) {
        object.insert("description".into(), json!(text));
    }
}

/// The request body, per content type, as the bindings send it.
pub(super) fn request_body(
    operation: &Operation,
    inferred: &OperationTypes,
    schemas: &mut Schemas<'_>,
) -> Option<Value> {
    let body = inferred.body.as_ref()?;
    let (content_type, mut media) = match body {
        BodyType::Json(ty) => {
            let mut media = Map::new();
            media.insert("schema".into(), schemas.of(ty));
            if let Some(RequestBody::Json { example, .. }) = &operation.body {
                if let Some(value) = parse_example_json(example) {
                    media.insert("example".into(), value);
                }
            }
            ("application/json".to_owned(), media)
        }
        BodyType::Form(id) => {
            let schema = match schemas.types().params(*id) {
                Some(form) => schemas.params_schema(form),
                None => json!({"type": "object"}),
            };
            let mut media = Map::new();
            media.insert("schema".into(), schema);
            ("application/x-www-form-urlencoded".to_owned(), media)
        }
        BodyType::Multipart => {
            let mut media = Map::new();
            media.insert("schema".into(), multipart_schema(operation));
            ("multipart/form-data".to_owned(), media)
        }
        BodyType::Text { content_type } => {
            let mut media = Map::new();
            media.insert("schema".into(), json!({"type": "string"}));
            if let Some(RequestBody::Text { example, .. }) = &operation.body {
                if !example.is_empty() {
                    media.insert("example".into(), json!(example));
                }
            }
            (media_type(content_type), media)
        }
        BodyType::Binary => {
            let mut media = Map::new();
            media.insert(
                "schema".into(),
                json!({"type": "string", "contentMediaType": "application/octet-stream"}),
            );
            ("application/octet-stream".to_owned(), media)
        }
        BodyType::GraphQl { query } => {
            let mut media = Map::new();
            media.insert(
                "schema".into(),
                json!({
                    "type": "object",
                    "description": "A GraphQL request: the collection's query, and its variables.",
                    "properties": {
                        "query": {"type": "string", "const": query},
                        "variables": {"type": "object"}
                    },
                    "required": ["query"]
                }),
            );
            ("application/json".to_owned(), media)
        }
    };
    if media.is_empty() {
        media.insert("schema".into(), json!({}));
    }
    let mut content = Map::new();
    content.insert(content_type, Value::Object(std::mem::take(&mut media)));
    Some(json!({"required": true, "content": content}))
}

/// The parts of a multipart form: files as bytes, the others as text.
fn multipart_schema(operation: &Operation) -> Value {
    let Some(RequestBody::Multipart { parts }) = &operation.body else {
        return json!({"type": "object"});
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for part in parts {
        let mut schema = if part.is_file {
            json!({"type": "string", "contentMediaType": "application/octet-stream"})
        } else {
            json!({"type": "string"})
        };
        if let Value::Object(map) = &mut schema {
            describe(map, part.field.description.as_deref());
        }
        if part.field.required {
            required.push(json!(part.field.name));
        }
        properties.insert(part.field.name.clone(), schema);
    }
    Value::Object(object_schema(properties, required))
}

/// A content type without its parameters, in lower case (`text/xml; charset=utf-8`
/// gives `text/xml`).
fn media_type(content_type: &str) -> String {
    let base = content_type.split(';').next().unwrap_or_default().trim();
    if base.contains('/') {
        base.to_ascii_lowercase()
    } else {
        "application/octet-stream".to_owned()
    }
}

/// The responses by status, in the order the collection's examples first show each
/// status; each with its schema, its examples, and the errors it documents.
pub(super) fn responses(
    operation: &Operation,
    inferred: &OperationTypes,
    schemas: &mut Schemas<'_>,
) -> Value {
    let mut statuses: Vec<u16> = Vec::new();
    for example in &operation.responses {
        if !statuses.contains(&example.status) {
            statuses.push(example.status);
        }
    }
    let mut responses = Map::new();
    for status in statuses {
        let examples: Vec<&ExampleResponse> = operation
            .responses
            .iter()
            .filter(|e| e.status == status)
            .collect();
        let response = if (200..300).contains(&status) {
            success(status, &examples, &inferred.response, schemas)
        } else {
            failure(&examples)
        };
        responses.insert(status.to_string(), response);
    }
    if responses.is_empty() {
        // The bindings still decode what a successful call returns.
        let mut response = Map::new();
        response.insert(
            "description".into(),
            json!("The collection gives no example response."),
        );
        if let Some(content) = success_content(&inferred.response, 200, &[], schemas) {
            response.insert("content".into(), content);
        }
        responses.insert("default".into(), Value::Object(response));
    }
    Value::Object(responses)
}

fn success(
    status: u16,
    examples: &[&ExampleResponse],
    response: &ResponseType,
    schemas: &mut Schemas<'_>,
) -> Value {
    let mut object = Map::new();
    object.insert("description".into(), json!(description(status, examples)));
    let has_body = examples
        .iter()
        .any(|e| !matches!(e.decoded_body(), ExampleBody::Empty));
    if has_body {
        if let Some(content) = success_content(response, status, examples, schemas) {
            object.insert("content".into(), content);
        }
    }
    Value::Object(object)
}

/// The content of a successful response of `status`, as the bindings decode it.
fn success_content(
    response: &ResponseType,
    status: u16,
    examples: &[&ExampleResponse],
    schemas: &mut Schemas<'_>,
) -> Option<Value> {
    let (media, schema) = match response {
        ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => {
            ("application/json".to_owned(), schemas.of(ty))
        }
        ResponseType::ByStatus(_) => {
            let types = schemas.types();
            let variant = types
                .status_variants(response)
                .iter()
                .find(|v| v.status == status)?;
            ("application/json".to_owned(), schemas.of(&variant.ty))
        }
        ResponseType::Text => {
            let media = examples
                .iter()
                .find_map(|e| e.content_type.as_deref())
                .map(media_type)
                .unwrap_or_else(|| "text/plain".to_owned());
            (media, json!({"type": "string"}))
        }
        ResponseType::Empty => return None,
    };
    let mut object = Map::new();
    object.insert("schema".into(), schema);
    if let Some(examples) = named_examples(examples) {
        object.insert("examples".into(), examples);
    }
    let mut content = Map::new();
    content.insert(media, Value::Object(object));
    Some(Value::Object(content))
}

/// An error response: what its examples document (codes and messages), and their bodies.
fn failure(examples: &[&ExampleResponse]) -> Value {
    let mut object = Map::new();
    let documented: Vec<String> = examples
        .iter()
        .flat_map(|e| &e.errors)
        .map(|error| match error.code {
            Some(code) => format!("- `{code}`: {}", error.message),
            None => format!("- {}", error.message),
        })
        .collect();
    let mut text = description(examples[0].status, examples);
    if !documented.is_empty() {
        text = format!("{text}\n\n{}", documented.join("\n"));
    }
    object.insert("description".into(), json!(text));
    let bodies: Vec<Value> = examples
        .iter()
        .filter_map(|e| match e.decoded_body() {
            ExampleBody::Json(value) => Some(value),
            _ => e
                .error_body
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok()),
        })
        .collect();
    if let Some(first) = bodies.first() {
        let mut media = Map::new();
        media.insert("schema".into(), value_schema(first));
        media.insert("example".into(), first.clone());
        object.insert("content".into(), json!({"application/json": media}));
    }
    let codes: Vec<Value> = examples
        .iter()
        .flat_map(|e| &e.errors)
        .map(|error| json!({"code": error.code, "message": error.message}))
        .collect();
    if !codes.is_empty() {
        object.insert("x-error-codes".into(), Value::Array(codes));
    }
    Value::Object(object)
}

/// The examples' names, else the status's reason.
fn description(status: u16, examples: &[&ExampleResponse]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for name in examples.iter().filter_map(|e| e.name.as_deref()) {
        let name = name.trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return reason(status).to_owned();
    }
    names.join("; ")
}

/// The status's reason phrase (`Not Found`), or the class of status it is in.
fn reason(status: u16) -> &'static str {
    let canonical = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason());
    canonical.unwrap_or(match status {
        200..=299 => "Success",
        300..=399 => "Redirection",
        400..=499 => "Client error",
        500..=599 => "Server error",
        _ => "Response",
    })
}

/// The examples' JSON bodies under keys made of their names.
fn named_examples(examples: &[&ExampleResponse]) -> Option<Value> {
    let mut named = Map::new();
    for (index, example) in examples.iter().enumerate() {
        let ExampleBody::Json(value) = example.decoded_body() else {
            continue;
        };
        let summary = example.name.as_deref().map(str::trim).unwrap_or_default();
        let mut key: String = summary
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if key.trim_matches('_').is_empty() {
            key = format!("example{}", index + 1);
        }
        while named.contains_key(&key) {
            key = format!("{key}_{}", index + 1);
        }
        let mut object = Map::new();
        if !summary.is_empty() {
            object.insert("summary".into(), json!(summary));
        }
        object.insert("value".into(), value);
        named.insert(key, Value::Object(object));
    }
    (!named.is_empty()).then_some(Value::Object(named))
}

/// How a list operation pages, for tools that walk pages: the query parameter that takes
/// the cursor or page number, the response fields that give it, and the items' field, as
/// sent.
pub(super) fn pagination(
    operation: &Operation,
    inferred: &OperationTypes,
    schemas: &Schemas<'_>,
) -> Option<Value> {
    let pages = inferred.pagination.as_ref()?;
    let query_name = |rust_name: &str| {
        operation
            .query
            .iter()
            .find(|q| q.param.rust_name == rust_name)
            .map(|q| q.param.name.clone())
    };
    let page_struct = match &inferred.response {
        ResponseType::Json(RustType::Named(id)) => {
            match schemas.types().resolve(*id).map(|d| &d.kind) {
                Some(crate::infer::TypeKind::Struct(def)) => Some(def),
                _ => None,
            }
        }
        _ => None,
    }?;
    let field_name = |rust_name: &str| {
        page_struct
            .fields
            .iter()
            .find(|f| f.rust_name == rust_name)
            .map(|f| f.json_name.clone())
    };
    let mut object = match &pages.style {
        PageStyle::Token {
            query_field,
            response_field,
        } => json!({
            "style": "cursor",
            "query": query_name(&query_field.rust_name)?,
            "cursor": field_name(response_field)?,
        }),
        PageStyle::Number {
            query_field,
            number_field,
            count_field,
        } => json!({
            "style": "page-number",
            "query": query_name(&query_field.rust_name)?,
            "number": field_name(number_field)?,
            "count": field_name(count_field)?,
        }),
    };
    if let Value::Object(map) = &mut object {
        map.insert("items".into(), json!(field_name(&pages.items_field)?));
    }
    Some(object)
}
