//! The operation model: what each request of a collection means as an API call.
//!
//! Built once from the parsed collection, it is the single source for every output: the
//! generated code, `inspect`, the mock server's data and the generated tests. Nothing after
//! this stage looks at the collection's JSON. Every operation and parameter has an id, which
//! later stages key what they infer by.

mod facts;

pub(crate) use facts::facts;

use std::collections::HashMap;
use std::fmt;

use crate::diagnostics::{Location, Warning, Warnings};
use crate::names;
use crate::parse::{self, Body, Collection, FormContent, Node};
use crate::profile::describe::{self, DocumentedError};
use crate::profile::{CollectionFacts, Profile};

/// Every operation of a collection, with what the whole API shares.
#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    /// The base URL most requests use, resolved from the collection's variables.
    pub base_url: Option<String>,
    /// The OAuth endpoints the collection's `oauth2` auth names, if it does.
    pub oauth: OAuthEndpoints,
    /// The modules, one per top-level folder, by name.
    pub modules: Vec<Module>,
    /// In collection order; an operation's [`OperationId`] is its place here.
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OAuthEndpoints {
    pub token_url: Option<String>,
    pub authorize_url: Option<String>,
}

/// A generated module: a top-level folder of the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The Rust name, unique.
    pub name: String,
    /// The folder's name in the collection.
    pub folder: String,
}

/// An operation's identity, stable for one collection: its place in collection order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OperationId(pub u32);

/// A parameter's identity, unique in the whole API (path, query and form parameters alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParamId(pub u32);

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: OperationId,
    /// The request's name in the collection.
    pub name: String,
    /// Folder names from the root down to the request.
    pub folders: Vec<String>,
    /// The module the operation is generated in: its top-level folder, if any.
    pub module: Option<String>,
    /// The function name, unique within its module.
    pub fn_name: String,
    pub method: Method,
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

/// An HTTP method. Collections may use any token as a method; the common ones are named.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Trace,
    /// Any other token (`PURGE`, `PROPFIND`), in upper case.
    Other(String),
}

impl Method {
    /// The method a collection names (the parser has checked that it is a token).
    pub fn from_token(token: &str) -> Method {
        match token.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "TRACE" => Method::Trace,
            other => Method::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
            Method::Other(token) => token,
        }
    }

    /// Methods that only read: a body on them is unusual.
    pub fn reads_only(&self) -> bool {
        matches!(self, Method::Get | Method::Head)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A path relative to the base URL, as segments made of literal text and parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<Vec<PathPart>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// One of the operation's [`path_params`](Operation::path_params).
    Param(ParamId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub id: ParamId,
    /// The name in the collection (`userId`).
    pub name: String,
    /// The Rust name (`user_id`), unique among its siblings.
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

impl QueryParameter {
    /// Whether the generated struct's field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.param.required || self.disabled
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// A JSON body, with an example to type it from.
    Json {
        example: String,
        /// Descriptions of top-level fields, where the collection gives them.
        field_docs: Vec<FieldDoc>,
        /// The collection wrote it as form fields holding JSON (see
        /// [`Profile::formdata_is_json`]).
        from_form_fields: bool,
    },
    /// Any other raw body, sent as text with its content type.
    Text {
        content_type: String,
        example: String,
    },
    /// `application/x-www-form-urlencoded` fields, typed like query parameters.
    UrlEncoded { fields: Vec<QueryParameter> },
    /// `multipart/form-data`.
    Multipart { parts: Vec<MultipartPart> },
    /// A binary body (Postman's `file` mode).
    Binary,
    /// A GraphQL query; its variables are given at call time.
    GraphQl { query: String },
}

/// What the collection says of a body field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDoc {
    pub field: String,
    pub required: bool,
    pub text: String,
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
    /// The body the API sends for this error, when the example has none but documents the
    /// error (as the profile says the API writes it).
    pub error_body: Option<String>,
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
                // What is encoded is an object or a list, even when its JSON is broken: that
                // text is what the API sends.
                if inner.trim_start().starts_with(['{', '[']) {
                    return Some(std::borrow::Cow::Owned(inner));
                }
            }
        }
        Some(std::borrow::Cow::Borrowed(body))
    }

    /// Whether the example says its body is JSON: by its content type, or by looking like
    /// an object or a list.
    pub fn claims_json(&self) -> bool {
        let by_type = self
            .content_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("json"));
        let by_look = self
            .body_text()
            .is_some_and(|body| body.trim_start().starts_with(['{', '[']));
        by_type || by_look
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

    /// `module::function`, as errors, logs and the mock name the operation.
    pub fn qualified_name(&self) -> String {
        match &self.module {
            Some(module) => format!("{module}::{}", self.fn_name),
            None => self.fn_name.clone(),
        }
    }

    /// The path parameter with this id.
    pub fn path_param(&self, id: ParamId) -> Option<&Parameter> {
        self.path_params.iter().find(|p| p.id == id)
    }

    /// The path parameter filling each place in the path, in order (a parameter used twice
    /// fills two places).
    pub fn path_slots(&self) -> impl Iterator<Item = &Parameter> + '_ {
        self.path
            .segments
            .iter()
            .flatten()
            .filter_map(|part| match part {
                PathPart::Param(id) => self.path_param(*id),
                PathPart::Literal(_) => None,
            })
    }

    /// `/users/{userId}/token`, naming parameters as the collection does.
    pub fn path_display(&self) -> String {
        let mut out = String::new();
        for segment in &self.path.segments {
            out.push('/');
            for part in segment {
                match part {
                    PathPart::Literal(text) => out.push_str(text),
                    PathPart::Param(id) => {
                        out.push('{');
                        out.push_str(self.path_param(*id).map_or("?", |p| p.name.as_str()));
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

    /// The path with every parameter written `{}`: operations on the same resource share it
    /// whatever their parameters are named.
    pub fn path_key(&self) -> String {
        let mut key = String::new();
        for segment in &self.path.segments {
            key.push('/');
            for part in segment {
                match part {
                    PathPart::Literal(text) => key.push_str(text),
                    PathPart::Param(_) => key.push_str("{}"),
                }
            }
        }
        key
    }

    /// The last literal segment of the path (`participants` in
    /// `/past_meetings/{id}/participants`).
    pub fn last_literal_segment(&self) -> Option<&str> {
        self.path
            .segments
            .iter()
            .flatten()
            .filter_map(|part| match part {
                PathPart::Literal(text) => Some(text.as_str()),
                PathPart::Param(_) => None,
            })
            .next_back()
    }
}

/// Builds the model with a vendor's conventions. Problems that only degrade an operation
/// become warnings.
pub fn build(
    collection: &Collection,
    facts: &CollectionFacts,
    profile: &dyn Profile,
) -> (Api, Vec<Warning>) {
    let mut builder = Builder {
        variables: collection
            .variables
            .iter()
            .filter(|v| !v.disabled)
            .filter_map(|v| Some((v.key.clone(), v.value.clone()?)))
            .collect(),
        profile,
        formdata_is_json: profile.formdata_is_json(facts),
        warnings: Warnings::default(),
        drafts: Vec::new(),
        next_param: 0,
    };
    builder.nodes(&collection.items, &[]);
    let Builder {
        drafts,
        mut warnings,
        ..
    } = builder;
    let servers: Vec<Option<String>> = drafts.iter().map(|d| d.server.clone()).collect();
    let base_url = most_common(&servers);
    for draft in &drafts {
        if let (Some(server), Some(base)) = (&draft.server, &base_url) {
            if server != base {
                warnings.push(
                    &draft.location,
                    format!("the request goes to {server}, not to the API's base URL {base}; it is generated relative to the client's base URL"),
                );
            }
        }
    }
    let (modules, operations) = name_operations(drafts);
    let api = Api {
        name: collection.name.clone(),
        base_url,
        oauth: oauth_endpoints(collection.auth.as_ref()),
        modules,
        operations,
    };
    (api, warnings.into_vec())
}

/// An operation before it is named: names depend on the other operations of its module.
struct Draft {
    id: OperationId,
    name: String,
    folders: Vec<String>,
    method: Method,
    path: PathTemplate,
    path_params: Vec<Parameter>,
    query: Vec<QueryParameter>,
    headers: Vec<(String, String)>,
    body: Option<RequestBody>,
    responses: Vec<ExampleResponse>,
    docs: describe::Description,
    location: Location,
    /// The absolute base the request's URL starts with, when it can be resolved.
    server: Option<String>,
}

struct Builder<'p> {
    variables: HashMap<String, String>,
    profile: &'p dyn Profile,
    formdata_is_json: bool,
    warnings: Warnings,
    drafts: Vec<Draft>,
    next_param: u32,
}

impl Builder<'_> {
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

    fn param_id(&mut self) -> ParamId {
        self.next_param += 1;
        ParamId(self.next_param)
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
        let mut docs = self.profile.describe(description);
        docs.deprecated |= folders.iter().any(|f| self.profile.deprecates_folder(f));
        let method = Method::from_token(&request.method);
        let body = self.body(request, &method, loc);
        let draft = Draft {
            id: OperationId(self.drafts.len() as u32),
            name: item.name.clone(),
            folders: folders.to_vec(),
            method,
            path,
            path_params,
            query: self.query(&request.url.query, loc),
            headers: self.sendable_headers(&request.headers, loc),
            body,
            responses: item
                .examples
                .iter()
                .filter_map(|e| self.example(e))
                .collect(),
            docs,
            location: loc.clone(),
            server: self.server(&request.url),
        };
        self.drafts.push(draft);
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
        let mut params = PathParams::default();
        let mut segments = Vec::with_capacity(url.path.len());
        for segment in &url.path {
            let mut parts = Vec::new();
            if let Some(rest) = segment.strip_prefix(':').filter(|r| !r.is_empty()) {
                // `:id.json` names `id`; the rest of the segment is literal.
                let (name, suffix) = match rest.find('.') {
                    Some(dot) => (&rest[..dot], &rest[dot..]),
                    None => (rest, ""),
                };
                parts.push(PathPart::Param(self.path_param(&mut params, name, url)));
                push_literal(&mut parts, suffix);
            } else {
                self.segment_with_variables(segment, url, &mut parts, &mut params);
            }
            segments.push(parts);
        }
        for variable in &url.variables {
            if !params.list.iter().any(|p| p.name == variable.key) {
                self.warnings.push(
                    loc,
                    format!(
                        "path variable `{}` is declared but not used in the path; ignored",
                        variable.key
                    ),
                );
            }
        }
        (PathTemplate { segments }, params.list)
    }

    /// A segment that may hold `{{variables}}`: known ones are substituted, unknown ones
    /// (environment variables) become path parameters.
    fn segment_with_variables(
        &mut self,
        segment: &str,
        url: &parse::Url,
        parts: &mut Vec<PathPart>,
        params: &mut PathParams,
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
                None => parts.push(PathPart::Param(self.path_param(params, name, url))),
            }
            rest = &rest[start + len + 2..];
        }
        push_literal(parts, rest);
    }

    /// The id of the path parameter `name`, added if it is new: a variable used twice in
    /// one path is one parameter.
    fn path_param(&mut self, params: &mut PathParams, name: &str, url: &parse::Url) -> ParamId {
        if let Some(known) = params.list.iter().find(|p| p.name == name) {
            return known.id;
        }
        // A `:name` without a `url.variable` entry is common and harmless: it is a string
        // parameter like any other, only without a description.
        let declared = url.variables.iter().find(|v| v.key == name);
        let description = declared.and_then(|v| v.description.as_deref());
        let (_, description) = description.map(describe::split_required).unzip();
        let id = self.param_id();
        params.list.push(Parameter {
            id,
            name: name.to_owned(),
            rust_name: params.names.claim(&names::snake(name, "param")),
            description,
            // A path cannot be built without its parameters, whatever the collection says.
            required: true,
            examples: declared.and_then(|v| v.value.clone()).into_iter().collect(),
        });
        id
    }

    fn query(&mut self, query: &[parse::QueryParam], loc: &Location) -> Vec<QueryParameter> {
        let mut params: Vec<QueryParameter> = Vec::new();
        let mut rust_names = names::Scope::default();
        for entry in query {
            let Some(key) = entry.key.as_deref().filter(|k| !k.is_empty()) else {
                if entry.value.is_some() {
                    self.warnings
                        .push(loc, "a query parameter without a key; ignored");
                }
                continue;
            };
            if let Some(existing) = params.iter_mut().find(|p| p.param.name == key) {
                existing.repeated = true;
                existing.param.examples.extend(entry.value.clone());
                existing.disabled &= entry.disabled;
                continue;
            }
            let mut param = self.field(
                &mut rust_names,
                "param",
                key,
                entry.value.as_deref(),
                entry.description.as_deref(),
            );
            param.required &= !entry.disabled;
            params.push(QueryParameter {
                param,
                repeated: false,
                disabled: entry.disabled,
            });
        }
        params
    }

    /// A query parameter or form field, with its `(Required)` marker read.
    fn field(
        &mut self,
        rust_names: &mut names::Scope,
        fallback: &str,
        key: &str,
        value: Option<&str>,
        description: Option<&str>,
    ) -> Parameter {
        let (required, description) = match description {
            Some(d) => {
                let (required, text) = describe::split_required(d);
                (required, Some(text))
            }
            None => (false, None),
        };
        Parameter {
            id: self.param_id(),
            name: key.to_owned(),
            rust_name: rust_names.claim(&names::snake(key, fallback)),
            description,
            required,
            examples: value.map(str::to_owned).into_iter().collect(),
        }
    }

    fn body(
        &mut self,
        request: &parse::Request,
        method: &Method,
        loc: &Location,
    ) -> Option<RequestBody> {
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
            Body::UrlEncoded(fields) => {
                let mut rust_names = names::Scope::default();
                RequestBody::UrlEncoded {
                    fields: fields
                        .iter()
                        .map(|f| QueryParameter {
                            param: self.field(
                                &mut rust_names,
                                "field",
                                &f.key,
                                Some(&f.value),
                                f.description.as_deref(),
                            ),
                            repeated: false,
                            disabled: f.disabled,
                        })
                        .collect(),
                }
            }
            Body::FormData(parts) => self.form_data(parts),
            Body::File { .. } => RequestBody::Binary,
            Body::GraphQl { query, .. } => RequestBody::GraphQl {
                query: query.clone(),
            },
        };
        if method.reads_only() {
            self.warnings.push(
                loc,
                format!("a {method} request with a body; the body is sent as given"),
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
                    let (required, text) = describe::split_required(description);
                    field_docs.push(FieldDoc {
                        field: part.key.clone(),
                        required,
                        text,
                    });
                }
            }
            return RequestBody::Json {
                example: serde_json::Value::Object(object).to_string(),
                field_docs,
                from_form_fields: true,
            };
        }
        let mut rust_names = names::Scope::default();
        RequestBody::Multipart {
            parts: parts
                .iter()
                .map(|p| {
                    let (value, is_file) = match &p.content {
                        FormContent::Text(value) => (Some(value.as_str()), false),
                        FormContent::Files(_) => (None, true),
                    };
                    MultipartPart {
                        field: self.field(
                            &mut rust_names,
                            "field",
                            &p.key,
                            value,
                            p.description.as_deref(),
                        ),
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
        let errors = if status >= 400 {
            self.profile
                .documented_errors(example.name.as_deref(), example.body.as_deref())
        } else {
            Vec::new()
        };
        let body_is_empty = example.body.as_deref().is_none_or(|b| b.trim().is_empty());
        let error_body = errors
            .iter()
            .filter(|_| body_is_empty)
            .find_map(|error| self.profile.error_body(error));
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
            error_body,
            query,
            location: example.location.clone(),
        })
    }
}

/// An operation's path parameters while its path is read, with the names they took.
struct PathParams {
    list: Vec<Parameter>,
    names: names::Scope,
}

impl Default for PathParams {
    fn default() -> Self {
        let mut names = names::Scope::default();
        // The generated function's own arguments.
        for reserved in ["client", "query", "body", "variables"] {
            names.reserve(reserved);
        }
        PathParams {
            list: Vec::new(),
            names,
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

/// The token and authorization URLs of the collection's `oauth2` auth, where it gives them.
fn oauth_endpoints(auth: Option<&parse::Auth>) -> OAuthEndpoints {
    let Some(auth) = auth.filter(|a| a.kind == "oauth2") else {
        return OAuthEndpoints::default();
    };
    let param = |key: &str| {
        auth.params
            .iter()
            .find(|(k, v)| k == key && v.starts_with("https://"))
            .map(|(_, v)| v.clone())
    };
    OAuthEndpoints {
        token_url: param("accessTokenUrl"),
        authorize_url: param("authUrl"),
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

/// Whether a header can be sent as written: by the same rules the runtime's HTTP stack
/// applies (the `http` crate's), so that what is generated is never refused at run time.
fn is_sendable_header(name: &str, value: &str) -> bool {
    http::HeaderName::from_bytes(name.as_bytes()).is_ok()
        && http::HeaderValue::from_str(value).is_ok()
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

/// Module and function names: each top-level folder is a module, and each request a
/// function named after it, unique within its module. Requests of one module that would get
/// the same name are told apart by what distinguishes them (see [`qualifiers`]), never by
/// their order, so that a function keeps its name when unrelated requests come and go.
fn name_operations(drafts: Vec<Draft>) -> (Vec<Module>, Vec<Operation>) {
    let mut modules: Vec<Module> = Vec::new();
    let mut module_names = names::Scope::default();
    // Names a crate that includes the bindings may use beside them.
    for reserved in ["mock", "runtime", "serde", "serde_json", "__private"] {
        module_names.reserve(reserved);
    }
    let mut placed = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let module = draft.folders.first().map(|folder| {
            match modules.iter().find(|m| m.folder == *folder) {
                Some(known) => known.name.clone(),
                None => {
                    let name = module_names.claim(&names::snake(&module_words(folder), "group"));
                    modules.push(Module {
                        name: name.clone(),
                        folder: folder.clone(),
                    });
                    name
                }
            }
        });
        // A name with no ASCII letters (`Получить тип`) falls back to the method and path.
        let fallback = names::snake(&operation_words(&draft.method, &draft.path), "operation");
        let base = names::snake(&draft.name, &fallback);
        placed.push((module, base, draft));
    }
    let preferred = preferred_names(&placed);
    let mut functions: HashMap<Option<String>, names::Scope> = HashMap::new();
    let operations = placed
        .into_iter()
        .zip(preferred)
        .map(|((module, _, draft), name)| {
            // Two requests alike in everything that could name them: only then a number.
            let fn_name = functions.entry(module.clone()).or_default().claim(&name);
            Operation {
                id: draft.id,
                name: draft.name,
                folders: draft.folders,
                module,
                fn_name,
                method: draft.method,
                path: draft.path,
                path_params: draft.path_params,
                query: draft.query,
                headers: draft.headers,
                body: draft.body,
                responses: draft.responses,
                docs: draft.docs,
                location: draft.location,
            }
        })
        .collect();
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    (modules, operations)
}

/// Each request's function name before uniqueness is enforced: its base name, qualified
/// where requests of its module share that base. Given in the order of `placed`.
fn preferred_names(placed: &[(Option<String>, String, Draft)]) -> Vec<String> {
    let mut groups: HashMap<(&Option<String>, &str), Vec<usize>> = HashMap::new();
    for (index, (module, base, _)) in placed.iter().enumerate() {
        groups.entry((module, base)).or_default().push(index);
    }
    let mut names: Vec<String> = placed.iter().map(|(_, base, _)| base.clone()).collect();
    for members in groups.values().filter(|members| members.len() > 1) {
        let drafts: Vec<&Draft> = members.iter().map(|&i| &placed[i].2).collect();
        for (&index, qualifier) in members.iter().zip(qualifiers(&drafts)) {
            if !qualifier.is_empty() {
                names[index] = names::snake(&format!("{} {qualifier}", names[index]), "operation");
            }
        }
    }
    names
}

/// What tells apart requests that would get the same name, one qualifier each (empty for
/// the one that keeps the plain name): the literal path segments the others lack
/// (`users` tells `/chat/users/{userId}/channels/{channelId}` from
/// `/chat/channels/{channelId}`), else the method, else the deepest folder.
fn qualifiers(drafts: &[&Draft]) -> Vec<String> {
    let by_segments = distinguishing(drafts, |draft| literal_segments(&draft.path));
    if is_distinct(&by_segments) {
        return by_segments;
    }
    let by_method = distinguishing(drafts, |draft| {
        vec![draft.method.as_str().to_ascii_lowercase()]
    });
    if is_distinct(&by_method) {
        return by_method;
    }
    distinguishing(drafts, |draft| {
        draft.folders.last().cloned().into_iter().collect()
    })
}

/// For each draft, the words of `words(draft)` that not every draft has, joined; when one
/// draft alone has none, it keeps the plain name.
fn distinguishing(drafts: &[&Draft], words: impl Fn(&Draft) -> Vec<String>) -> Vec<String> {
    let all: Vec<Vec<String>> = drafts.iter().map(|draft| words(draft)).collect();
    let shared = |word: &String| all.iter().all(|w| w.contains(word));
    all.iter()
        .map(|words| {
            words
                .iter()
                .filter(|word| !shared(word))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Whether the qualifiers give every draft its own name: all different, at most one empty.
fn is_distinct(qualifiers: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    qualifiers.iter().all(|q| seen.insert(q.as_str()))
}

/// The literal segments of a path (`chat`, `users`, `channels` of
/// `/chat/users/{userId}/channels/{channelId}`).
fn literal_segments(path: &PathTemplate) -> Vec<String> {
    path.segments
        .iter()
        .filter_map(|segment| match segment.as_slice() {
            [PathPart::Literal(text)] => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// `get users messages` for `GET /users/{userId}/messages`.
fn operation_words(method: &Method, path: &PathTemplate) -> String {
    let mut words = method.as_str().to_ascii_lowercase();
    for part in path.segments.iter().flatten() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn api(json: &str) -> (Api, Vec<Warning>) {
        let parsed = crate::parse::parse(json).expect("fixture parses");
        build(
            &parsed.collection,
            &facts(&parsed.collection),
            &crate::profile::Generic,
        )
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
            op.path_display(),
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
        assert_eq!(op.path_display(), "/a/{id}/b/{id}");
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
