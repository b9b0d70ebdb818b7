//! Reads a Postman collection (v2.0 or v2.1) from JSON text.
//!
//! The reader walks the JSON by hand rather than through derived `Deserialize` types: every
//! field has several legal shapes, and a problem must be reported with its JSON path and item
//! name. Structural problems (no `item` array, a request that is neither a string nor an
//! object) are errors; a field of an unexpected type that the generator can do without is
//! a warning.

mod collection;
mod url;

pub use collection::*;

use serde_json::{Map, Value};

use crate::diagnostics::{Error, Location, Warning, Warnings};

/// A parsed collection and what the reader had to work around.
#[derive(Debug)]
pub struct Parsed {
    pub collection: Collection,
    pub warnings: Vec<Warning>,
}

/// Parses a collection from its JSON text. A UTF-8 byte-order mark is accepted.
pub fn parse(text: &str) -> Result<Parsed, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = Location::root();
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            &root,
            format!(
                "not valid JSON: {} (line {}, column {})",
                strip_position(&e),
                e.line(),
                e.column()
            ),
        )
    })?;
    let mut reader = Reader::default();
    let collection = reader.collection(&value, &root)?;
    Ok(Parsed {
        collection,
        warnings: reader.warnings.into_vec(),
    })
}

fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[derive(Default)]
struct Reader {
    warnings: Warnings,
}

/// What kind of JSON value this is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A scalar as text; objects and arrays as their JSON. `null` is absent.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

impl Reader {
    fn collection(&mut self, value: &Value, loc: &Location) -> Result<Collection, Error> {
        let Value::Object(map) = value else {
            return Err(Error::new(
                loc,
                format!("a collection is a JSON object, found {}", kind(value)),
            ));
        };
        let version = self.version(map, loc)?;
        let info = map.get("info").and_then(Value::as_object);
        let info_loc = loc.key("info");
        let name = info
            .and_then(|info| self.text(info, "name", &info_loc))
            .unwrap_or_else(|| {
                self.warnings
                    .push(&info_loc, "the collection has no `info.name`");
                String::new()
            });
        let description = info.and_then(|info| self.description(info, &info_loc));
        let items = match map.get("item") {
            Some(items) => self.top_level_nodes(items, &loc.key("item"))?,
            None => {
                return Err(Error::new(loc, "the collection has no `item` array"));
            }
        };
        Ok(Collection {
            name,
            description,
            version,
            variables: self.variables(map, loc),
            auth: self.auth(map, loc),
            items,
        })
    }

    fn version(
        &mut self,
        map: &Map<String, Value>,
        loc: &Location,
    ) -> Result<SchemaVersion, Error> {
        let v1_hint = "export it as Collection v2.1 (in Postman: Export, then Collection v2.1)";
        if !map.contains_key("item") && (map.contains_key("requests") || map.contains_key("order"))
        {
            return Err(Error::new(
                loc,
                "this is a Postman Collection v1 file (it has `requests` and `order`), which is not supported",
            )
            .with_hint(v1_hint));
        }
        let schema_loc = loc.key("info").key("schema");
        let schema = map
            .get("info")
            .and_then(|info| info.get("schema"))
            .and_then(Value::as_str);
        match schema {
            Some(s) if s.contains("v2.1") => Ok(SchemaVersion::V2_1),
            Some(s) if s.contains("v2.0") => Ok(SchemaVersion::V2_0),
            Some(s) if s.contains("v1.") => Err(Error::new(
                &schema_loc,
                format!("schema {s:?} is Postman Collection v1, which is not supported"),
            )
            .with_hint(v1_hint)),
            Some(s) => {
                self.warnings.push(
                    &schema_loc,
                    format!("unknown schema {s:?}; reading it as Collection v2.1"),
                );
                Ok(SchemaVersion::V2_1)
            }
            None => {
                self.warnings
                    .push(&schema_loc, "no schema URL; reading it as Collection v2.1");
                Ok(SchemaVersion::V2_1)
            }
        }
    }

    /// The top-level items, read on all cores: they are independent, and a big collection
    /// has a few dozen. Nodes, warnings and the first error come out in collection order.
    fn top_level_nodes(&mut self, value: &Value, loc: &Location) -> Result<Vec<Node>, Error> {
        let Value::Array(entries) = value else {
            return self.nodes(value, loc);
        };
        let indexed: Vec<(usize, &Value)> = entries.iter().enumerate().collect();
        let read = crate::parallel::map(
            &indexed,
            |(_, entry)| {
                entry
                    .get("item")
                    .and_then(Value::as_array)
                    .map_or(1, Vec::len)
            },
            |(index, entry)| {
                let mut reader = Reader::default();
                let node = reader.node(entry, &loc.index(*index));
                (node, reader.warnings.into_vec())
            },
        );
        let mut nodes = Vec::with_capacity(entries.len());
        for (node, warnings) in read {
            self.warnings.extend(warnings);
            nodes.extend(node?);
        }
        Ok(nodes)
    }

    fn nodes(&mut self, value: &Value, loc: &Location) -> Result<Vec<Node>, Error> {
        let Value::Array(entries) = value else {
            return Err(Error::new(
                loc,
                format!("`item` must be an array, found {}", kind(value)),
            ));
        };
        let mut nodes = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            if let Some(node) = self.node(entry, &loc.index(index))? {
                nodes.push(node);
            }
        }
        Ok(nodes)
    }

    fn node(&mut self, value: &Value, loc: &Location) -> Result<Option<Node>, Error> {
        let Value::Object(map) = value else {
            return Err(Error::new(
                loc,
                format!("an item must be an object, found {}", kind(value)),
            ));
        };
        let name = self.text(map, "name", loc).unwrap_or_default();
        let loc = &loc.within(&name);
        if let Some(children) = map.get("item") {
            if map.contains_key("request") {
                self.warnings.push(
                    loc,
                    "the item has both `item` and `request`; it is read as a folder and its request is skipped",
                );
            }
            let folder = Folder {
                description: self.description(map, loc),
                auth: self.auth(map, loc),
                items: self.nodes(children, &loc.key("item"))?,
                name,
                location: loc.clone(),
            };
            return Ok(Some(Node::Folder(folder)));
        }
        let Some(request) = map.get("request") else {
            self.warnings
                .push(loc, "the item has neither `request` nor `item`; skipped");
            return Ok(None);
        };
        let request = self.request(request, &loc.key("request"))?;
        let examples = match map.get("response") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(i, e)| self.example(e, &loc.key("response").index(i)))
                .collect(),
            Some(other) => {
                self.warnings.push(
                    &loc.key("response"),
                    format!(
                        "`response` should be an array, found {}; ignored",
                        kind(other)
                    ),
                );
                Vec::new()
            }
        };
        Ok(Some(Node::Request(Box::new(Item {
            description: self.description(map, loc),
            has_prerequest_script: has_prerequest_script(map),
            name,
            request,
            examples,
            location: loc.clone(),
        }))))
    }

    fn request(&mut self, value: &Value, loc: &Location) -> Result<Request, Error> {
        match value {
            Value::String(url) => Ok(Request {
                method: "GET".to_owned(),
                url: url::parse_raw(url),
                headers: Vec::new(),
                body: None,
                auth: None,
                description: None,
            }),
            Value::Object(map) => {
                let method = match map.get("method") {
                    None | Some(Value::Null) => "GET".to_owned(),
                    Some(Value::String(m)) if is_method(m.trim()) => m.trim().to_ascii_uppercase(),
                    Some(other) => {
                        return Err(Error::new(
                            &loc.key("method"),
                            match other {
                                Value::String(text) => {
                                    format!("`method` must be an HTTP method name, found {text:?}")
                                }
                                _ => format!("`method` must be a string, found {}", kind(other)),
                            },
                        ))
                    }
                };
                let url = match map.get("url") {
                    Some(url) => self.url(url, &loc.key("url"))?,
                    None => {
                        return Err(Error::new(loc, "the request has no `url`"));
                    }
                };
                Ok(Request {
                    method,
                    url,
                    headers: self.headers(map.get("header"), &loc.key("header")),
                    body: self.body(map.get("body"), &loc.key("body")),
                    auth: self.auth(map, loc),
                    description: self.description(map, loc),
                })
            }
            other => Err(Error::new(
                loc,
                format!(
                    "`request` must be a URL string or an object, found {}",
                    kind(other)
                ),
            )),
        }
    }

    fn url(&mut self, value: &Value, loc: &Location) -> Result<Url, Error> {
        let map = match value {
            Value::String(raw) => return Ok(url::parse_raw(raw)),
            Value::Object(map) => map,
            other => {
                return Err(Error::new(
                    loc,
                    format!("`url` must be a string or an object, found {}", kind(other)),
                ))
            }
        };
        let raw = self.text(map, "raw", loc);
        let has_parts = map.contains_key("host") || map.contains_key("path");
        // Without parts the raw string is all there is; with them the parts win, as in Postman.
        let mut url = match (&raw, has_parts) {
            (Some(raw), false) => url::parse_raw(raw),
            _ => Url::default(),
        };
        url.raw = raw;
        if has_parts {
            url.protocol = self.text(map, "protocol", loc);
            url.host = self.host(map.get("host"), &loc.key("host"));
            url.port = self.text(map, "port", loc);
            url.path = self.path(map.get("path"), &loc.key("path"));
        }
        if let Some(query) = map.get("query") {
            url.query = self.query(query, &loc.key("query"));
        }
        url.variables = self.variable_list(map.get("variable"), &loc.key("variable"));
        Ok(url)
    }

    fn host(&mut self, value: Option<&Value>, loc: &Location) -> Option<String> {
        match value? {
            Value::Null => None,
            Value::String(host) => Some(host.clone()),
            Value::Array(labels) => {
                let labels: Vec<String> = labels.iter().filter_map(scalar_text).collect();
                Some(labels.join("."))
            }
            other => {
                self.warnings.push(
                    loc,
                    format!(
                        "`host` should be a string or an array, found {}; ignored",
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn path(&mut self, value: Option<&Value>, loc: &Location) -> Vec<String> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(path)) => url::split_path(path),
            // Empty segments (`["", "v1", "files"]`) are dropped, as a raw path's are: they
            // would put `//` into the path.
            Some(Value::Array(segments)) => segments
                .iter()
                .enumerate()
                .filter_map(|(i, segment)| match segment {
                    Value::Object(part) => part.get("value").and_then(scalar_text),
                    Value::Null => None,
                    other => scalar_text(other).or_else(|| {
                        self.warnings
                            .push(&loc.index(i), "unreadable path segment; ignored");
                        None
                    }),
                })
                .filter(|segment| !segment.is_empty())
                .collect(),
            Some(other) => {
                self.warnings.push(
                    loc,
                    format!(
                        "`path` should be a string or an array, found {}; ignored",
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn query(&mut self, value: &Value, loc: &Location) -> Vec<QueryParam> {
        let Value::Array(params) = value else {
            if !value.is_null() {
                self.warnings.push(
                    loc,
                    format!("`query` should be an array, found {}; ignored", kind(value)),
                );
            }
            return Vec::new();
        };
        params
            .iter()
            .enumerate()
            .filter_map(|(i, param)| {
                let Value::Object(map) = param else {
                    self.warnings.push(
                        &loc.index(i),
                        "a query parameter should be an object; ignored",
                    );
                    return None;
                };
                Some(QueryParam {
                    key: map.get("key").and_then(scalar_text),
                    value: map.get("value").and_then(scalar_text),
                    disabled: is_true(map.get("disabled")),
                    description: self.description(map, &loc.index(i)),
                })
            })
            .collect()
    }

    /// Headers: an array of `{key, value}` (entries may also be `"K: V"` strings or null),
    /// or one string of `K: V` lines.
    fn headers(&mut self, value: Option<&Value>, loc: &Location) -> Vec<KeyValue> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(block)) => block.lines().filter_map(header_line).collect(),
            Some(Value::Array(entries)) => entries
                .iter()
                .filter_map(|entry| match entry {
                    Value::Object(map) => self.key_value(map, loc),
                    Value::String(line) => header_line(line),
                    _ => None,
                })
                .collect(),
            Some(other) => {
                self.warnings.push(
                    loc,
                    format!(
                        "`header` should be an array or a string, found {}; ignored",
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn key_value(&mut self, map: &Map<String, Value>, loc: &Location) -> Option<KeyValue> {
        let key = map.get("key").and_then(scalar_text)?;
        Some(KeyValue {
            key,
            value: map.get("value").and_then(scalar_text).unwrap_or_default(),
            disabled: is_true(map.get("disabled")),
            description: self.description(map, loc),
        })
    }

    fn body(&mut self, value: Option<&Value>, loc: &Location) -> Option<Body> {
        let map = match value? {
            Value::Object(map) => map,
            Value::Null => return None,
            other => {
                self.warnings.push(
                    loc,
                    format!("`body` should be an object, found {}; ignored", kind(other)),
                );
                return None;
            }
        };
        if is_true(map.get("disabled")) {
            return None;
        }
        let mode = map.get("mode").and_then(Value::as_str)?;
        match mode {
            "raw" => Some(Body::Raw {
                raw: map.get("raw").and_then(scalar_text).unwrap_or_default(),
                language: map
                    .get("options")
                    .and_then(|o| o.get("raw"))
                    .and_then(|r| r.get("language"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            }),
            "urlencoded" => Some(Body::UrlEncoded(
                self.key_values(map.get("urlencoded"), &loc.key("urlencoded")),
            )),
            "formdata" => Some(Body::FormData(
                self.form_parts(map.get("formdata"), &loc.key("formdata")),
            )),
            "file" => Some(Body::File {
                src: map
                    .get("file")
                    .and_then(|f| f.get("src"))
                    .and_then(scalar_text),
            }),
            "graphql" => {
                let graphql = map.get("graphql");
                Some(Body::GraphQl {
                    query: graphql
                        .and_then(|g| g.get("query"))
                        .and_then(scalar_text)
                        .unwrap_or_default(),
                    variables: graphql
                        .and_then(|g| g.get("variables"))
                        .and_then(scalar_text),
                })
            }
            other => {
                self.warnings.push(
                    &loc.key("mode"),
                    format!("unknown body mode {other:?}; the request is generated without a body"),
                );
                None
            }
        }
    }

    fn key_values(&mut self, value: Option<&Value>, loc: &Location) -> Vec<KeyValue> {
        match value {
            Some(Value::Array(entries)) => entries
                .iter()
                .filter_map(|e| e.as_object().and_then(|m| self.key_value(m, loc)))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn form_parts(&mut self, value: Option<&Value>, loc: &Location) -> Vec<FormPart> {
        let Some(Value::Array(entries)) = value else {
            return Vec::new();
        };
        entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let map = entry.as_object()?;
                let key = map.get("key").and_then(scalar_text)?;
                let content = if map.get("type").and_then(Value::as_str) == Some("file") {
                    let files = match map.get("src") {
                        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
                        Some(Value::Array(list)) => list.iter().filter_map(scalar_text).collect(),
                        _ => Vec::new(),
                    };
                    FormContent::Files(files)
                } else {
                    FormContent::Text(map.get("value").and_then(scalar_text).unwrap_or_default())
                };
                Some(FormPart {
                    key,
                    content,
                    content_type: map.get("contentType").and_then(scalar_text),
                    disabled: is_true(map.get("disabled")),
                    description: self.description(map, &loc.index(i)),
                })
            })
            .collect()
    }

    /// `auth` on the object in `map`, in either the v2.0 (`{token: "…"}`) or the v2.1
    /// (`[{key, value}]`) parameter shape, whatever the file's declared version.
    fn auth(&mut self, map: &Map<String, Value>, loc: &Location) -> Option<Auth> {
        let loc = loc.key("auth");
        let auth = match map.get("auth")? {
            Value::Object(auth) => auth,
            Value::Null => return None,
            other => {
                self.warnings.push(
                    &loc,
                    format!("`auth` should be an object, found {}; ignored", kind(other)),
                );
                return None;
            }
        };
        let Some(kind_name) = auth.get("type").and_then(Value::as_str) else {
            self.warnings.push(&loc, "`auth` has no `type`; ignored");
            return None;
        };
        let params = match auth.get(kind_name) {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|p| {
                    let key = p.get("key").and_then(scalar_text)?;
                    Some((
                        key,
                        p.get("value").and_then(scalar_text).unwrap_or_default(),
                    ))
                })
                .collect(),
            Some(Value::Object(object)) => object
                .iter()
                .map(|(k, v)| (k.clone(), scalar_text(v).unwrap_or_default()))
                .collect(),
            _ => Vec::new(),
        };
        Some(Auth {
            kind: kind_name.to_owned(),
            params,
        })
    }

    fn variables(&mut self, map: &Map<String, Value>, loc: &Location) -> Vec<Variable> {
        self.variable_list(map.get("variable"), &loc.key("variable"))
    }

    fn variable_list(&mut self, value: Option<&Value>, loc: &Location) -> Vec<Variable> {
        let Some(Value::Array(entries)) = value else {
            return Vec::new();
        };
        entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let map = entry.as_object()?;
                let key = map
                    .get("key")
                    .or_else(|| map.get("id"))
                    .and_then(scalar_text)?;
                Some(Variable {
                    key,
                    value: map.get("value").and_then(scalar_text),
                    description: self.description(map, &loc.index(i)),
                    disabled: is_true(map.get("disabled")),
                })
            })
            .collect()
    }

    fn example(&mut self, value: &Value, loc: &Location) -> Option<Example> {
        let Value::Object(map) = value else {
            self.warnings.push(
                loc,
                format!(
                    "an example response should be an object, found {}; ignored",
                    kind(value)
                ),
            );
            return None;
        };
        let code = match map.get("code") {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        // Of the request an example was saved from, only the URL says anything the
        // generated code or the mock server uses.
        let original_url = match map.get("originalRequest") {
            Some(Value::String(url)) => Some(url::parse_raw(url)),
            Some(Value::Object(request)) => request
                .get("url")
                .and_then(|url| self.url(url, &loc.key("originalRequest").key("url")).ok()),
            _ => None,
        };
        Some(Example {
            name: self.text(map, "name", loc),
            code,
            status: self.text(map, "status", loc),
            headers: self.headers(map.get("header"), &loc.key("header")),
            body: map.get("body").and_then(scalar_text),
            preview_language: self.text(map, "_postman_previewlanguage", loc),
            original_url,
            location: loc.clone(),
        })
    }

    /// A string field; numbers and booleans are taken as their text.
    fn text(&mut self, map: &Map<String, Value>, key: &str, loc: &Location) -> Option<String> {
        match map.get(key)? {
            Value::Null => None,
            value @ (Value::String(_) | Value::Number(_) | Value::Bool(_)) => scalar_text(value),
            other => {
                self.warnings.push(
                    &loc.key(key),
                    format!("`{key}` should be a string, found {}; ignored", kind(other)),
                );
                None
            }
        }
    }

    /// `description`: a string, `{content, type}`, `{}` or null.
    fn description(&mut self, map: &Map<String, Value>, loc: &Location) -> Option<String> {
        let text = match map.get("description")? {
            Value::String(s) => s.clone(),
            Value::Object(object) => object.get("content").and_then(scalar_text)?,
            Value::Null => return None,
            other => {
                self.warnings.push(
                    &loc.key("description"),
                    format!(
                        "`description` should be a string or an object, found {}; ignored",
                        kind(other)
                    ),
                );
                return None;
            }
        };
        (!text.trim().is_empty()).then_some(text)
    }
}

/// An HTTP method is a token, as the `http` crate (and so the runtime) reads one.
fn is_method(method: &str) -> bool {
    http::Method::from_bytes(method.as_bytes()).is_ok()
}

fn is_true(value: Option<&Value>) -> bool {
    matches!(value, Some(Value::Bool(true)))
}

fn header_line(line: &str) -> Option<KeyValue> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty()).then(|| KeyValue {
        key: key.to_owned(),
        value: value.trim().to_owned(),
        ..KeyValue::default()
    })
}

fn has_prerequest_script(map: &Map<String, Value>) -> bool {
    let Some(Value::Array(events)) = map.get("event") else {
        return false;
    };
    events.iter().any(|event| {
        let listens = event.get("listen").and_then(Value::as_str) == Some("prerequest");
        let exec = event.get("script").and_then(|s| s.get("exec"));
        let has_code = match exec {
            Some(Value::String(code)) => !code.trim().is_empty(),
            Some(Value::Array(lines)) => lines
                .iter()
                .any(|l| l.as_str().is_some_and(|l| !l.trim().is_empty())),
            _ => false,
        };
        listens && has_code && !is_true(event.get("disabled"))
    })
}

/// How many requests the folders hold, at any depth.
pub(crate) fn count_requests(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            Node::Folder(folder) => count_requests(&folder.items),
            Node::Request(_) => 1,
        })
        .sum()
}
