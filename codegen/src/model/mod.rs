//! The operation model: what each request of a collection means as an API call.
//!
//! Built once from the parsed collection, it is the single source for every output: the
//! generated code, `inspect`, the mock server's data and the generated tests. Nothing after
//! this stage looks at the collection's JSON. Every operation and parameter has an id, which
//! later stages key what they infer by.

mod facts;

pub(crate) use facts::facts;

mod access;
mod build;
mod naming;

use access::*;
pub use access::{Access, ApiKeyPlace, AuthRequirement, Host};

pub use build::build;
use build::*;
use naming::*;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::diagnostics::{Location, Warning, Warnings};
use crate::names;
use crate::overlay::{Overlay, OverlayNode};
use crate::parse::{self, Body, Collection, FormContent, Node};
use crate::profile::describe::{self, DocumentedError};
use crate::profile::{CollectionFacts, Profile};

/// Every operation of a collection, with what the whole API shares.
#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    /// The base URL most requests use, resolved from the collection's variables.
    pub base_url: Option<String>,
    /// The hosts some requests go to instead of the base URL, in the order of their first
    /// request.
    pub hosts: Vec<Host>,
    /// Where the API takes its key, when its collection (or most of its requests) declares
    /// an `apikey` auth.
    pub api_key: Option<ApiKeyPlace>,
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
    /// The folder's name in the collection; for a module of requests outside any folder,
    /// the path segment it is named after.
    pub folder: String,
    /// The module holds requests outside any folder, grouped by their paths.
    pub top_level: bool,
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
    /// What observed responses showed that the examples do not, by status, from an
    /// overlay. Kept apart from `responses`: they hold no values, so they are never served
    /// by the mock, tested or shown as examples; only inference reads them.
    pub observed: Vec<(u16, OverlayNode)>,
    pub docs: describe::Description,
    pub location: Location,
    /// Where the request goes, when not to the base URL, and the credentials it takes.
    pub access: Access,
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

/// What may stand in a path as it is (RFC 3986 `pchar`, and `%` for text the collection
/// encoded already); the rest is percent-encoded. `/` stays too: a collection variable
/// substituted into the path may hold several segments.
const PATH_LITERAL: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'%')
    .remove(b'/');

impl PathPart {
    /// Literal path text as it is sent: percent-encoded where a path needs it.
    pub fn encode_literal(text: &str) -> String {
        percent_encoding::utf8_percent_encode(text, PATH_LITERAL).to_string()
    }
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

/// Hands each operation what the overlay learned for it (by its `module::function` id);
/// operations the overlay names that the collection lacks are warnings, as a newer export
/// may have dropped them.
pub fn observe(api: &mut Api, overlay: &Overlay) -> Vec<Warning> {
    let mut warnings = Warnings::default();
    for (name, statuses) in &overlay.operations {
        match api
            .operations
            .iter_mut()
            .find(|op| op.qualified_name() == *name)
        {
            Some(operation) => {
                operation.observed = statuses
                    .iter()
                    .map(|(status, node)| (*status, node.clone()))
                    .collect();
            }
            None => warnings.push(
                &Location::root().key("operations").key(name),
                format!(
                    "the overlay names the operation `{name}`, which the collection does not have; what it learned of it is not used"
                ),
            ),
        }
    }
    warnings.into_vec()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The model of a collection's JSON, with the generic profile.
    pub(super) fn api(json: &str) -> (Api, Vec<Warning>) {
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
        // Outside any folder: in the module its path begins with.
        assert_eq!(op.module.as_deref(), Some("things"));
    }

    #[test]
    fn requests_outside_folders_go_to_the_module_their_path_begins_with() {
        let (api, _) = api(r#"{
            "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
                {"name": "Search contacts", "request": {"method": "GET", "url": "https://api.example.com/v1/contacts/search"}},
                {"name": "Users", "item": [
                    {"name": "List users", "request": {"method": "GET", "url": "https://api.example.com/v1/users"}}
                ]},
                {"name": "Delete a user", "request": {"method": "DELETE", "url": "https://api.example.com/users/:id"}},
                {"name": "Ping", "request": {"method": "GET", "url": "https://api.example.com/:tenant"}}
            ]
        }"#);
        let placed: Vec<(&str, Option<&str>)> = api
            .operations
            .iter()
            .map(|op| (op.fn_name.as_str(), op.module.as_deref()))
            .collect();
        assert_eq!(
            placed,
            [
                ("search_contacts", Some("contacts")),
                ("list_users", Some("users")),
                ("delete_a_user", Some("users")),
                ("ping", Some("requests")),
            ]
        );
        let contacts = api.modules.iter().find(|m| m.name == "contacts");
        assert!(contacts.is_some_and(|m| m.top_level && m.folder == "contacts"));
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
