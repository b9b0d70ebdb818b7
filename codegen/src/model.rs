//! The operation model: what each request of a collection means as an API call.
//!
//! Built once from the parsed collection, it is the single source for every output: the
//! generated code, `inspect`, and the mock server. Nothing after this stage looks at the
//! collection's JSON.

use std::collections::HashMap;

use crate::describe::{self, DocumentedError};
use crate::diagnostics::{Location, Warning, Warnings};
use crate::names;
use crate::parse::{self, Body, Collection, FormContent, Node};

/// Every operation of a collection, with what the whole API shares.
#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub description: Option<String>,
    /// The base URL most requests use, resolved from the collection's variables.
    pub base_url: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// The request's name in the collection.
    pub name: String,
    /// Folder names from the root down to the request.
    pub folders: Vec<String>,
    /// The module the operation is generated in: its top-level folder, if any.
    pub module: Option<String>,
    /// The function name, unique within its module.
    pub fn_name: String,
    pub method: String,
    pub path: PathTemplate,
    pub path_params: Vec<Parameter>,
    pub query: Vec<QueryParameter>,
    /// Fixed headers the request always sends (`Accept`, custom headers with literal values).
    pub headers: Vec<(String, String)>,
    pub body: Option<RequestBody>,
    pub responses: Vec<ExampleResponse>,
    pub docs: describe::Description,
    pub location: Location,
}

/// A path relative to the base URL, as segments made of literal text and parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<Vec<PathPart>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// An index into [`Operation::path_params`].
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The name in the collection (`userId`).
    pub name: String,
    /// The Rust name (`user_id`), unique among the operation's parameters.
    pub rust_name: String,
    pub description: Option<String>,
    pub required: bool,
    /// Example values, in collection order; more than one for a repeated query key.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParameter {
    pub param: Parameter,
    /// The key appears more than once, so it takes a list.
    pub repeated: bool,
    /// Disabled in the collection: offered, but not sent unless given.
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// A JSON body, with an example to type it from.
    Json {
        example: String,
        /// Descriptions of top-level fields, where the collection gives them.
        field_docs: Vec<(String, String)>,
        /// The collection wrote it as form fields holding JSON (see [`sends_json_as_formdata`]).
        from_form_fields: bool,
    },
    /// Any other raw body, sent as text with its content type.
    Text {
        content_type: String,
        example: String,
    },
    /// `application/x-www-form-urlencoded` fields, typed like query parameters.
    UrlEncoded { fields: Vec<QueryParameter> },
    /// `multipart/form-data`, with at least one file part or in a collection that uses real
    /// form fields.
    Multipart { parts: Vec<MultipartPart> },
    /// A binary body (Postman's `file` mode).
    Binary,
    /// A GraphQL query; its variables are given at call time.
    GraphQl { query: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartPart {
    pub field: Parameter,
    pub is_file: bool,
}

/// An example response, as the mock server serves it and as inference reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResponse {
    pub name: Option<String>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Option<String>,
    /// For an error status: what the example documents about it.
    pub errors: Vec<DocumentedError>,
    /// The query parameters of the example's original request.
    pub query: Vec<(String, String)>,
    pub location: Location,
}

/// An example's body, read.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleBody {
    Empty,
    Json(serde_json::Value),
    Text(String),
}

impl ExampleResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as the API sends it. Some exports hold JSON bodies encoded twice (a JSON
    /// string whose content is the JSON); those are decoded once.
    pub fn body_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        // These statuses have no body on the wire, whatever the example holds.
        if matches!(self.status, 204 | 205 | 304) {
            return None;
        }
        let body = self.body.as_deref()?;
        if body.trim_start().starts_with('"') {
            if let Ok(serde_json::Value::String(inner)) = serde_json::from_str(body) {
                let inner_is_json = serde_json::from_str::<serde_json::Value>(&inner)
                    .is_ok_and(|v| v.is_object() || v.is_array());
                if inner_is_json {
                    return Some(std::borrow::Cow::Owned(inner));
                }
            }
        }
        Some(std::borrow::Cow::Borrowed(body))
    }

    /// The body read as JSON when it is JSON, as text otherwise.
    pub fn decoded_body(&self) -> ExampleBody {
        let Some(text) = self.body_text().filter(|b| !b.trim().is_empty()) else {
            return ExampleBody::Empty;
        };
        match serde_json::from_str(&text) {
            Ok(value) => ExampleBody::Json(value),
            Err(_) => ExampleBody::Text(text.into_owned()),
        }
    }
}

impl Operation {
    /// The example a mock answers with when not asked for another: the first successful
    /// one, else the first.
    pub fn default_example(&self) -> Option<&ExampleResponse> {
        self.responses
            .iter()
            .find(|e| e.is_success())
            .or_else(|| self.responses.first())
    }
}

impl PathTemplate {
    /// `/users/{userId}/token`, naming parameters as the collection does.
    pub fn display(&self, params: &[Parameter]) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            for part in segment {
                match part {
                    PathPart::Literal(text) => out.push_str(text),
                    PathPart::Param(index) => {
                        out.push('{');
                        out.push_str(params.get(*index).map_or("?", |p| p.name.as_str()));
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
}

/// Builds the model. Problems that only degrade an operation become warnings.
pub fn build(collection: &Collection) -> (Api, Vec<Warning>) {
    let mut builder = Builder {
        variables: collection
            .variables
            .iter()
            .filter(|v| !v.disabled)
            .filter_map(|v| Some((v.key.clone(), v.value.clone()?)))
            .collect(),
        warnings: Warnings::default(),
        operations: Vec::new(),
        servers: Vec::new(),
        formdata_is_json: sends_json_as_formdata(collection),
    };
    builder.nodes(&collection.items, &[]);
    let base_url = most_common(&builder.servers);
    builder.check_servers(base_url.as_deref());
    let mut operations = builder.operations;
    name_operations(&mut operations);
    let api = Api {
        name: collection.name.clone(),
        description: collection.description.clone(),
        base_url,
        operations,
    };
    (api, builder.warnings.into_vec())
}

struct Builder {
    variables: HashMap<String, String>,
    warnings: Warnings,
    operations: Vec<Operation>,
    /// The resolved server of each operation, by index.
    servers: Vec<Option<String>>,
    formdata_is_json: bool,
}

impl Builder {
    fn nodes(&mut self, nodes: &[Node], folders: &[String]) {
        for node in nodes {
            match node {
                Node::Folder(folder) => {
                    let mut path = folders.to_vec();
                    path.push(folder.name.clone());
                    self.nodes(&folder.items, &path);
                }
                Node::Request(item) => self.operation(item, folders),
            }
        }
    }

    fn operation(&mut self, item: &parse::Item, folders: &[String]) {
        let request = &item.request;
        let loc = &item.location;
        if item.has_prerequest_script {
            self.warnings.push(
                loc,
                "a pre-request script is attached; the generated call does not run it",
            );
        }
        let (path, path_params) = self.path(&request.url, loc);
        let description = item
            .description
            .as_deref()
            .or(request.description.as_deref())
            .unwrap_or_default();
        let operation = Operation {
            name: item.name.clone(),
            folders: folders.to_vec(),
            module: None,
            fn_name: String::new(),
            method: request.method.clone(),
            path,
            path_params,
            query: self.query(&request.url.query, loc),
            headers: self.sendable_headers(&request.headers, loc),
            body: self.body(request, loc),
            responses: item
                .examples
                .iter()
                .filter_map(|e| self.example(e))
                .collect(),
            docs: {
                let mut docs = describe::split_description(description);
                // A folder of deprecated requests deprecates them all.
                docs.deprecated |= folders
                    .iter()
                    .any(|f| f.to_ascii_lowercase().contains("deprecated"));
                docs
            },
            location: loc.clone(),
        };
        self.servers.push(self.server(&request.url));
        self.operations.push(operation);
    }

    /// The fixed headers, less those that cannot be sent (which would fail every call).
    fn sendable_headers(
        &mut self,
        headers: &[parse::KeyValue],
        loc: &Location,
    ) -> Vec<(String, String)> {
        let mut sendable = fixed_headers(headers);
        sendable.retain(|(name, value)| {
            let ok = is_sendable_header(name, value);
            if !ok {
                self.warnings.push(
                    loc,
                    format!(
                        "header {name:?} has a name or value that cannot be sent; it is left out"
                    ),
                );
            }
            ok
        });
        sendable
    }

    /// The absolute base the request's URL starts with, when it can be resolved.
    fn server(&self, url: &parse::Url) -> Option<String> {
        let host = self.substitute(url.host.as_deref()?)?;
        let mut server = if host.contains("://") {
            host
        } else {
            let protocol = url.protocol.as_deref().unwrap_or("https");
            format!("{}://{host}", self.substitute(protocol)?)
        };
        if let Some(port) = &url.port {
            server.push(':');
            server.push_str(&self.substitute(port)?);
        }
        Some(server.trim_end_matches('/').to_owned())
    }

    /// Replaces `{{name}}` with collection variables; `None` if any is unknown.
    fn substitute(&self, text: &str) -> Option<String> {
        let mut out = text.to_owned();
        // Values may refer to other variables; a bound stops cycles.
        for _ in 0..8 {
            let Some(start) = out.find("{{") else {
                return Some(out);
            };
            let end = out[start..].find("}}")? + start;
            let value = self.variables.get(out[start + 2..end].trim())?;
            out.replace_range(start..end + 2, value);
        }
        (!out.contains("{{")).then_some(out)
    }

    fn path(&mut self, url: &parse::Url, loc: &Location) -> (PathTemplate, Vec<Parameter>) {
        let mut params: Vec<Parameter> = Vec::new();
        let mut segments = Vec::with_capacity(url.path.len());
        for segment in &url.path {
            let mut parts = Vec::new();
            if let Some(rest) = segment.strip_prefix(':').filter(|r| !r.is_empty()) {
                // `:id.json` names `id`; the rest of the segment is literal.
                let (name, suffix) = match rest.find('.') {
                    Some(dot) => (&rest[..dot], &rest[dot..]),
                    None => (rest, ""),
                };
                parts.push(PathPart::Param(self.param_index(&mut params, name, url)));
                if !suffix.is_empty() {
                    parts.push(PathPart::Literal(suffix.to_owned()));
                }
            } else {
                self.segment_with_variables(segment, url, &mut parts, &mut params);
            }
            segments.push(parts);
        }
        for variable in &url.variables {
            if !params.iter().any(|p| p.name == variable.key) {
                self.warnings.push(
                    loc,
                    format!(
                        "path variable `{}` is declared but not used in the path; ignored",
                        variable.key
                    ),
                );
            }
        }
        (PathTemplate { segments }, params)
    }

    /// A segment that may hold `{{variables}}`: known ones are substituted, unknown ones
    /// (environment variables) become path parameters.
    fn segment_with_variables(
        &self,
        segment: &str,
        url: &parse::Url,
        parts: &mut Vec<PathPart>,
        params: &mut Vec<Parameter>,
    ) {
        let mut rest = segment;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            let name = rest[start + 2..start + len].trim();
            push_literal(parts, &rest[..start]);
            match self.substitute(&rest[start..start + len + 2]) {
                Some(value) => push_literal(parts, &value),
                None => parts.push(PathPart::Param(self.param_index(params, name, url))),
            }
            rest = &rest[start + len + 2..];
        }
        push_literal(parts, rest);
    }

    /// The index of the parameter `name`, added if it is new: a variable used twice in one
    /// path is one parameter.
    fn param_index(&self, params: &mut Vec<Parameter>, name: &str, url: &parse::Url) -> usize {
        match params.iter().position(|p| p.name == name) {
            Some(index) => index,
            None => {
                params.push(self.path_param(name, url));
                params.len() - 1
            }
        }
    }

    fn path_param(&self, name: &str, url: &parse::Url) -> Parameter {
        // A `:name` without a `url.variable` entry is common and harmless: it is a string
        // parameter like any other, only without a description.
        let declared = url.variables.iter().find(|v| v.key == name);
        let description = declared.and_then(|v| v.description.as_deref());
        let (_, description) = description.map(describe::split_required).unzip();
        Parameter {
            name: name.to_owned(),
            rust_name: String::new(),
            description,
            // A path cannot be built without its parameters, whatever the collection says.
            required: true,
            examples: declared.and_then(|v| v.value.clone()).into_iter().collect(),
        }
    }

    fn query(&mut self, query: &[parse::QueryParam], loc: &Location) -> Vec<QueryParameter> {
        let mut params: Vec<QueryParameter> = Vec::new();
        for entry in query {
            let Some(key) = entry.key.as_deref().filter(|k| !k.is_empty()) else {
                if entry.value.is_some() {
                    self.warnings
                        .push(loc, "a query parameter without a key; ignored");
                }
                continue;
            };
            let (required, description) = match entry.description.as_deref() {
                Some(d) => {
                    let (required, text) = describe::split_required(d);
                    (required, Some(text))
                }
                None => (false, None),
            };
            if let Some(existing) = params.iter_mut().find(|p| p.param.name == key) {
                existing.repeated = true;
                existing.param.examples.extend(entry.value.clone());
                existing.disabled &= entry.disabled;
                continue;
            }
            params.push(QueryParameter {
                param: Parameter {
                    name: key.to_owned(),
                    rust_name: String::new(),
                    description,
                    required: required && !entry.disabled,
                    examples: entry.value.clone().into_iter().collect(),
                },
                repeated: false,
                disabled: entry.disabled,
            });
        }
        params
    }

    fn body(&mut self, request: &parse::Request, loc: &Location) -> Option<RequestBody> {
        let body = match request.body.as_ref()? {
            Body::Raw { raw, language } => {
                if raw.trim().is_empty() {
                    return None;
                }
                let declared = header_value(&request.headers, "content-type");
                let content_type = declared
                    .map(str::to_owned)
                    .unwrap_or_else(|| content_type_for_language(language.as_deref(), raw));
                if content_type.contains("json") {
                    RequestBody::Json {
                        example: raw.clone(),
                        field_docs: Vec::new(),
                        from_form_fields: false,
                    }
                } else {
                    RequestBody::Text {
                        content_type,
                        example: raw.clone(),
                    }
                }
            }
            Body::UrlEncoded(fields) => RequestBody::UrlEncoded {
                fields: fields
                    .iter()
                    .map(|f| QueryParameter {
                        param: body_field(&f.key, Some(&f.value), f.description.as_deref()),
                        repeated: false,
                        disabled: f.disabled,
                    })
                    .collect(),
            },
            Body::FormData(parts) => self.form_data(parts),
            Body::File { .. } => RequestBody::Binary,
            Body::GraphQl { query, .. } => RequestBody::GraphQl {
                query: query.clone(),
            },
        };
        if request.method == "GET" || request.method == "HEAD" {
            self.warnings.push(
                loc,
                format!(
                    "a {} request with a body; the body is sent as given",
                    request.method
                ),
            );
        }
        Some(body)
    }

    /// Form fields are a JSON body in a collection that writes JSON APIs that way, unless a
    /// part is a file.
    fn form_data(&mut self, parts: &[parse::FormPart]) -> RequestBody {
        let parts: Vec<&parse::FormPart> = parts.iter().filter(|p| !p.disabled).collect();
        let has_file = parts
            .iter()
            .any(|p| matches!(p.content, FormContent::Files(_)));
        if self.formdata_is_json && !has_file {
            let mut object = serde_json::Map::new();
            let mut field_docs = Vec::new();
            for part in &parts {
                if let FormContent::Text(value) = &part.content {
                    object.insert(part.key.clone(), form_value_as_json(value));
                }
                if let Some(description) = &part.description {
                    field_docs.push((part.key.clone(), description.clone()));
                }
            }
            return RequestBody::Json {
                example: serde_json::Value::Object(object).to_string(),
                field_docs,
                from_form_fields: true,
            };
        }
        RequestBody::Multipart {
            parts: parts
                .iter()
                .map(|p| {
                    let (value, is_file) = match &p.content {
                        FormContent::Text(value) => (Some(value.as_str()), false),
                        FormContent::Files(_) => (None, true),
                    };
                    MultipartPart {
                        field: body_field(&p.key, value, p.description.as_deref()),
                        is_file,
                    }
                })
                .collect(),
        }
    }

    fn example(&mut self, example: &parse::Example) -> Option<ExampleResponse> {
        let Some(status) = example.code else {
            self.warnings.push(
                &example.location,
                "an example response without a status code; ignored",
            );
            return None;
        };
        let headers: Vec<(String, String)> = example
            .headers
            .iter()
            .filter(|h| !h.disabled)
            .map(|h| (h.key.clone(), h.value.clone()))
            .collect();
        let content_type = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .or_else(|| content_type_for_preview(example.preview_language.as_deref()));
        let mut errors = match (&example.name, status >= 400) {
            (Some(name), true) => describe::documented_errors(name),
            _ => Vec::new(),
        };
        // An error body like Zoom's `{"code": 124, "message": "..."}` documents its code too.
        if status >= 400 && !errors.iter().any(|e| e.code.is_some()) {
            if let Some(error) = example.body.as_deref().and_then(describe::error_body) {
                errors = vec![error];
            }
        }
        let query = example
            .original_url
            .as_ref()
            .map(|url| {
                url.query
                    .iter()
                    .filter(|q| !q.disabled)
                    .filter_map(|q| Some((q.key.clone()?, q.value.clone().unwrap_or_default())))
                    .collect()
            })
            .unwrap_or_default();
        Some(ExampleResponse {
            name: example.name.clone(),
            status,
            headers,
            content_type,
            body: example.body.clone(),
            errors,
            query,
            location: example.location.clone(),
        })
    }

    fn check_servers(&mut self, base_url: Option<&str>) {
        for (operation, server) in self.operations.iter().zip(&self.servers) {
            if let (Some(server), Some(base)) = (server, base_url) {
                if server != base {
                    self.warnings.push(
                        &operation.location,
                        format!("the request goes to {server}, not to the API's base URL {base}; it is generated relative to the client's base URL"),
                    );
                }
            }
        }
    }
}

fn push_literal(parts: &mut Vec<PathPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(PathPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(PathPart::Literal(text.to_owned()));
    }
}

/// A form field's text as the JSON value it stands for: JSON objects and lists as
/// themselves, numbers and booleans as such, anything else as a string.
fn form_value_as_json(text: &str) -> serde_json::Value {
    use serde_json::Value;
    let trimmed = text.trim();
    if trimmed.starts_with(['{', '[']) {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            return value;
        }
    }
    let canonical_number = trimmed == "0" || !trimmed.trim_start_matches('-').starts_with('0');
    if canonical_number {
        if let Ok(value @ Value::Number(_)) = serde_json::from_str::<Value>(trimmed) {
            return value;
        }
    }
    match trimmed {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::String(text.to_owned()),
    }
}

/// Whether the collection writes JSON request bodies as form fields that hold JSON-encoded
/// objects or lists, as Zoom's export does. In such a collection every form body without a
/// file part is a JSON body; elsewhere form bodies stay forms.
pub fn sends_json_as_formdata(collection: &Collection) -> bool {
    fn any_in(nodes: &[Node]) -> bool {
        nodes.iter().any(|node| match node {
            Node::Folder(folder) => any_in(&folder.items),
            Node::Request(item) => match &item.request.body {
                Some(Body::FormData(parts)) => parts.iter().any(|p| match &p.content {
                    FormContent::Text(value) => {
                        let value = value.trim();
                        value.starts_with(['{', '['])
                            && serde_json::from_str::<serde_json::Value>(value)
                                .is_ok_and(|v| v.is_object() || v.is_array())
                    }
                    FormContent::Files(_) => false,
                }),
                _ => false,
            },
        })
    }
    any_in(&collection.items)
}

fn body_field(key: &str, value: Option<&str>, description: Option<&str>) -> Parameter {
    let (required, description) = match description {
        Some(d) => {
            let (required, text) = describe::split_required(d);
            (required, Some(text))
        }
        None => (false, None),
    };
    Parameter {
        name: key.to_owned(),
        rust_name: String::new(),
        description,
        required,
        examples: value.map(str::to_owned).into_iter().collect(),
    }
}

/// Headers a generated call sends as they are. Content-Type follows the body, Authorization
/// the client's auth, the user agent and connection handling are the client's, and values
/// with `{{variables}}` are environment-specific.
fn fixed_headers(headers: &[parse::KeyValue]) -> Vec<(String, String)> {
    const CLIENT_HEADERS: &[&str] = &[
        "content-type",
        "authorization",
        "content-length",
        "host",
        "user-agent",
        "accept-encoding",
        "cookie",
        "connection",
        "transfer-encoding",
    ];
    headers
        .iter()
        .filter(|h| !h.disabled && !h.value.contains("{{") && !h.value.is_empty())
        .filter(|h| {
            !CLIENT_HEADERS
                .iter()
                .any(|skip| h.key.eq_ignore_ascii_case(skip))
        })
        .map(|h| (h.key.clone(), h.value.clone()))
        .collect()
}

/// Whether a header can be sent as written: a token for a name, no control characters in
/// the value.
fn is_sendable_header(name: &str, value: &str) -> bool {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    !name.is_empty()
        && name.bytes().all(token)
        && value
            .bytes()
            .all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f))
}

fn header_value<'a>(headers: &'a [parse::KeyValue], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| !h.disabled && h.key.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
        .filter(|v| !v.contains("{{"))
}

/// The Content-Type Postman would send for a raw body: from `options.raw.language`, or, when
/// that is missing, JSON if the text parses as JSON.
fn content_type_for_language(language: Option<&str>, raw: &str) -> String {
    match language {
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("html") => "text/html",
        Some("javascript") => "application/javascript",
        Some(_) => "text/plain",
        None if serde_json::from_str::<serde_json::Value>(raw).is_ok() => "application/json",
        None => "text/plain",
    }
    .to_owned()
}

fn content_type_for_preview(language: Option<&str>) -> Option<String> {
    let content_type = match language? {
        "json" => "application/json",
        "xml" => "application/xml",
        "html" => "text/html",
        "javascript" => "application/javascript",
        "text" | "plain" => "text/plain",
        _ => return None,
    };
    Some(content_type.to_owned())
}

fn most_common(servers: &[Option<String>]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for server in servers.iter().flatten() {
        match counts.iter_mut().find(|(s, _)| *s == server) {
            Some((_, n)) => *n += 1,
            None => counts.push((server, 1)),
        }
    }
    // The first of the most common, so ties follow collection order.
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(s, _)| s.to_owned())
}

/// Module and function names, and Rust names for parameters.
fn name_operations(operations: &mut [Operation]) {
    let mut modules: HashMap<String, String> = HashMap::new();
    let mut module_names = names::Scope::default();
    // Names the runtime and generated root already use.
    for reserved in ["mock", "runtime", "serde", "serde_json", "__private"] {
        module_names.reserve(reserved);
    }
    let mut functions: HashMap<Option<String>, names::Scope> = HashMap::new();
    for operation in operations.iter_mut() {
        operation.module = operation.folders.first().map(|folder| {
            modules
                .entry(folder.clone())
                .or_insert_with(|| {
                    module_names.claim(&names::snake(&module_words(folder), "group"))
                })
                .clone()
        });
        // A name with no ASCII letters (`Получить тип`) falls back to the method and path.
        let fallback = names::snake(&operation_words(operation), "operation");
        let base = names::snake(&operation.name, &fallback);
        operation.fn_name = functions
            .entry(operation.module.clone())
            .or_default()
            .claim(&base);
        name_parameters(operation);
    }
}

/// `get users messages` for `GET /users/{userId}/messages`.
fn operation_words(operation: &Operation) -> String {
    let mut words = operation.method.to_ascii_lowercase();
    for part in operation.path.segments.iter().flatten() {
        if let PathPart::Literal(text) = part {
            words.push(' ');
            words.push_str(text);
        }
    }
    words
}

/// The words a module is named from: a folder named like a path (`meetings/{meeting Id}`)
/// is named for its literal part (`meetings`); a folder that is only a placeholder
/// (`{user Id}`) keeps its words.
fn module_words(folder: &str) -> String {
    let mut literal = String::with_capacity(folder.len());
    let mut depth = 0usize;
    for c in folder.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => literal.push(c),
            _ => {}
        }
    }
    if literal.chars().any(char::is_alphanumeric) {
        literal
    } else {
        folder.to_owned()
    }
}

fn name_parameters(operation: &mut Operation) {
    let mut scope = names::Scope::default();
    // The generated function's own arguments.
    for reserved in ["client", "query", "body", "variables"] {
        scope.reserve(reserved);
    }
    for param in &mut operation.path_params {
        param.rust_name = scope.claim(&names::snake(&param.name, "param"));
    }
    let mut query_scope = names::Scope::default();
    for query in &mut operation.query {
        query.param.rust_name = query_scope.claim(&names::snake(&query.param.name, "param"));
    }
    let mut body_scope = names::Scope::default();
    let body_fields: Vec<&mut Parameter> = match &mut operation.body {
        Some(RequestBody::UrlEncoded { fields }) => {
            fields.iter_mut().map(|f| &mut f.param).collect()
        }
        Some(RequestBody::Multipart { parts }) => parts.iter_mut().map(|p| &mut p.field).collect(),
        _ => Vec::new(),
    };
    for field in body_fields {
        field.rust_name = body_scope.claim(&names::snake(&field.name, "field"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(json: &str) -> (Api, Vec<Warning>) {
        let parsed = crate::parse::parse(json).expect("fixture parses");
        build(&parsed.collection)
    }

    #[test]
    fn path_variables_and_collection_variables() {
        let (api, _) = api(r#"{
            "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "https://api.example.com/v2"}, {"key": "ver", "value": "7"}],
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": {
                "raw": "{{baseUrl}}/things/:id.json/v{{ver}}/{{tenant}}",
                "host": ["{{baseUrl}}"],
                "path": ["things", ":id.json", "v{{ver}}", "{{tenant}}", "project(:x)"]
            }}}]
        }"#);
        assert_eq!(api.base_url.as_deref(), Some("https://api.example.com/v2"));
        let op = &api.operations[0];
        assert_eq!(
            op.path.display(&op.path_params),
            "/things/{id}.json/v7/{tenant}/project(:x)"
        );
        assert_eq!(op.fn_name, "get_thing");
        assert_eq!(op.module, None);
    }

    #[test]
    fn modules_are_named_for_the_literal_part_of_path_like_folders() {
        assert_eq!(
            names::snake(&module_words("meetings/{meeting Id}"), "g"),
            "meetings"
        );
        assert_eq!(
            names::snake(&module_words("h323/devices"), "g"),
            "h323_devices"
        );
        assert_eq!(names::snake(&module_words("{user Id}"), "g"), "user_id");
        assert_eq!(
            names::snake(&module_words("Chat Channels (Account-level)"), "g"),
            "chat_channels_account_level"
        );
    }

    #[test]
    fn a_path_variable_used_twice_is_one_parameter() {
        let (api, _) = api(r#"{
            "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Mirror", "request": "https://h.example/a/:id/b/:id"}]
        }"#);
        let op = &api.operations[0];
        assert_eq!(op.path_params.len(), 1);
        assert_eq!(op.path.display(&op.path_params), "/a/{id}/b/{id}");
    }

    #[test]
    fn repeated_and_disabled_query_keys() {
        let (api, _) = api(r#"{
            "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
            "item": [{"name": "f", "item": [{"name": "Search", "request": "https://h.example/s?tag=a&tag=b&page=1"}]}]
        }"#);
        let op = &api.operations[0];
        assert_eq!(op.module.as_deref(), Some("f"));
        assert!(op.query[0].repeated);
        assert_eq!(op.query[0].param.examples, ["a", "b"]);
        assert!(!op.query[1].repeated);
        assert_eq!(api.base_url.as_deref(), Some("https://h.example"));
    }
}
