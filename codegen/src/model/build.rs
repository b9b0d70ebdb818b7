//! Building the model: the collection's requests walked in order, each read with the
//! profile into a draft operation, then named and numbered.

use super::*;

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
        unsupported_auth: BTreeMap::new(),
        collection_auth: AuthRequirement::Unspecified,
    };
    let collection_auth = collection
        .auth
        .clone()
        .filter(|auth| auth.kind != "inherit")
        .map(|auth| (auth, true));
    if let Some((auth, _)) = &collection_auth {
        builder.collection_auth = builder.requirement(auth, &Location::root().key("auth"));
        // Counted for each request that inherits it.
        builder.unsupported_auth.clear();
    }
    builder.nodes(&collection.items, &[], collection_auth.as_ref());
    let Builder {
        mut drafts,
        mut warnings,
        unsupported_auth,
        collection_auth,
        ..
    } = builder;
    unsupported_auth_warnings(&unsupported_auth, &mut warnings);
    let (hosts, base_url) = assign_hosts(&mut drafts, &mut warnings);
    let api_key = api_key(&collection_auth, &drafts);
    let (modules, operations) = name_operations(drafts);
    let api = Api {
        name: collection.name.clone(),
        base_url,
        hosts,
        api_key,
        oauth: oauth_endpoints(collection.auth.as_ref()),
        modules,
        operations,
    };
    (api, warnings.into_vec())
}

/// An operation before it is named: names depend on the other operations of its module.
pub(super) struct Draft {
    pub(super) id: OperationId,
    pub(super) name: String,
    pub(super) folders: Vec<String>,
    pub(super) method: Method,
    pub(super) path: PathTemplate,
    pub(super) path_params: Vec<Parameter>,
    pub(super) query: Vec<QueryParameter>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<RequestBody>,
    pub(super) responses: Vec<ExampleResponse>,
    pub(super) docs: describe::Description,
    pub(super) location: Location,
    /// The absolute base the request's URL starts with, when it can be resolved.
    pub(super) server: Option<String>,
    /// The name of the request's host, as [`Host::name`] would give it.
    pub(super) host_name: Option<String>,
    pub(super) access: Access,
}

pub(super) struct Builder<'p> {
    pub(super) variables: HashMap<String, String>,
    pub(super) profile: &'p dyn Profile,
    pub(super) formdata_is_json: bool,
    pub(super) warnings: Warnings,
    pub(super) drafts: Vec<Draft>,
    pub(super) next_param: u32,
    /// Requests per auth type the runtime does not implement.
    pub(super) unsupported_auth: BTreeMap<String, usize>,
    /// What the collection's own auth requires, read once.
    pub(super) collection_auth: AuthRequirement,
}

impl Builder<'_> {
    /// `inherited`: the auth of the nearest folder that has one (or the collection's), and
    /// whether it is the collection's.
    pub(super) fn nodes(
        &mut self,
        nodes: &[Node],
        folders: &[String],
        inherited: Option<&(parse::Auth, bool)>,
    ) {
        for node in nodes {
            match node {
                Node::Folder(folder) => {
                    let mut path = folders.to_vec();
                    path.push(folder.name.clone());
                    let own = folder
                        .auth
                        .clone()
                        .filter(|auth| auth.kind != "inherit")
                        .map(|auth| (auth, false));
                    self.nodes(&folder.items, &path, own.as_ref().or(inherited));
                }
                Node::Request(item) => self.operation(item, folders, inherited),
            }
        }
    }

    pub(super) fn param_id(&mut self) -> ParamId {
        self.next_param += 1;
        ParamId(self.next_param)
    }

    pub(super) fn operation(
        &mut self,
        item: &parse::Item,
        folders: &[String],
        inherited: Option<&(parse::Auth, bool)>,
    ) {
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
        let (auth, auth_is_collections) = self.auth(request.auth.as_ref(), inherited, loc);
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
            host_name: host_name(self, &request.url),
            access: Access {
                host: None,
                auth,
                auth_is_collections,
            },
        };
        self.drafts.push(draft);
    }

    /// The fixed headers, less those that cannot be sent (which would fail every call).
    pub(super) fn sendable_headers(
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
    pub(super) fn server(&self, url: &parse::Url) -> Option<String> {
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
    pub(super) fn substitute(&self, text: &str) -> Option<String> {
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

    pub(super) fn path(
        &mut self,
        url: &parse::Url,
        loc: &Location,
    ) -> (PathTemplate, Vec<Parameter>) {
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
    pub(super) fn segment_with_variables(
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
            // A variable the collection leaves empty is one an environment fills: a
            // parameter, as an undefined one is (substituted, it would put `//` in the path).
            match self.substitute(&rest[start..start + len + 2]) {
                Some(value) if !value.is_empty() => push_literal(parts, &value),
                _ => parts.push(PathPart::Param(self.path_param(params, name, url))),
            }
            rest = &rest[start + len + 2..];
        }
        push_literal(parts, rest);
    }

    /// The id of the path parameter `name`, added if it is new: a variable used twice in
    /// one path is one parameter.
    pub(super) fn path_param(
        &mut self,
        params: &mut PathParams,
        name: &str,
        url: &parse::Url,
    ) -> ParamId {
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

    pub(super) fn query(
        &mut self,
        query: &[parse::QueryParam],
        loc: &Location,
    ) -> Vec<QueryParameter> {
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
    pub(super) fn field(
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

    pub(super) fn body(
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
    pub(super) fn form_data(&mut self, parts: &[parse::FormPart]) -> RequestBody {
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

    pub(super) fn example(&mut self, example: &parse::Example) -> Option<ExampleResponse> {
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
pub(super) struct PathParams {
    pub(super) list: Vec<Parameter>,
    pub(super) names: names::Scope,
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

pub(super) fn push_literal(parts: &mut Vec<PathPart>, text: &str) {
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
pub(super) fn form_value_as_json(text: &str) -> serde_json::Value {
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
pub(super) fn oauth_endpoints(auth: Option<&parse::Auth>) -> OAuthEndpoints {
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
pub(super) fn fixed_headers(headers: &[parse::KeyValue]) -> Vec<(String, String)> {
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
pub(super) fn is_sendable_header(name: &str, value: &str) -> bool {
    http::HeaderName::from_bytes(name.as_bytes()).is_ok()
        && http::HeaderValue::from_str(value).is_ok()
}

pub(super) fn header_value<'a>(headers: &'a [parse::KeyValue], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| !h.disabled && h.key.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
        .filter(|v| !v.contains("{{"))
}

/// The Content-Type Postman would send for a raw body: from `options.raw.language`, or, when
/// that is missing, JSON if the text parses as JSON.
pub(super) fn content_type_for_language(language: Option<&str>, raw: &str) -> String {
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

pub(super) fn content_type_for_preview(language: Option<&str>) -> Option<String> {
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

/// The value that comes most often, the first of them on a tie, so that ties follow
/// collection order.
pub(super) fn most_common<'a, T: PartialEq + ?Sized>(
    items: impl IntoIterator<Item = &'a T>,
) -> Option<&'a T> {
    let mut counts: Vec<(&T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(known, _)| *known == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(item, _)| item)
}
