//! The Postman collection as the file states it, with every accepted shape normalised to one.
//!
//! v2.0 and v2.1 differ only in details (auth parameters as an object or as a list, URLs as
//! strings or objects); both read into these types.
//!
//! The tree keeps every part of the format the parser reads, parts that no stage uses yet
//! included (folder and request auth, file sources, example status text), so that a stage
//! that comes to need one does not change the parser.
#![allow(dead_code)]

use crate::diagnostics::Location;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaVersion {
    V2_0,
    V2_1,
}

#[derive(Debug, Clone)]
pub struct Collection {
    pub name: String,
    pub description: Option<String>,
    pub version: SchemaVersion,
    pub variables: Vec<Variable>,
    pub auth: Option<Auth>,
    pub items: Vec<Node>,
}

/// A folder or a request: `item` arrays hold both.
#[derive(Debug, Clone)]
pub enum Node {
    Folder(Folder),
    Request(Box<Item>),
}

#[derive(Debug, Clone)]
pub struct Folder {
    pub name: String,
    pub description: Option<String>,
    pub auth: Option<Auth>,
    pub items: Vec<Node>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub name: String,
    pub description: Option<String>,
    pub request: Request,
    pub examples: Vec<Example>,
    /// Whether a pre-request script is attached; such scripts can change the request at send time.
    pub has_prerequest_script: bool,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub url: Url,
    pub headers: Vec<KeyValue>,
    pub body: Option<Body>,
    pub auth: Option<Auth>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Url {
    pub raw: Option<String>,
    pub protocol: Option<String>,
    /// The host labels joined with `.`; may be a `{{variable}}` holding a whole base URL.
    pub host: Option<String>,
    pub port: Option<String>,
    pub path: Vec<String>,
    pub query: Vec<QueryParam>,
    pub variables: Vec<Variable>,
}

#[derive(Debug, Clone, Default)]
pub struct QueryParam {
    pub key: Option<String>,
    pub value: Option<String>,
    pub disabled: bool,
    pub description: Option<String>,
}

/// A header, urlencoded field or similar `{key, value}` pair.
#[derive(Debug, Clone, Default)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
    pub disabled: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Body {
    Raw {
        raw: String,
        /// `options.raw.language`: json, xml, text, html, javascript.
        language: Option<String>,
    },
    UrlEncoded(Vec<KeyValue>),
    FormData(Vec<FormPart>),
    File {
        src: Option<String>,
    },
    GraphQl {
        query: String,
        variables: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct FormPart {
    pub key: String,
    pub content: FormContent,
    pub content_type: Option<String>,
    pub disabled: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum FormContent {
    Text(String),
    Files(Vec<String>),
}

/// An auth block. Unknown types are kept by name, so a new auth type never fails a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    pub kind: String,
    /// Parameters as `key -> value`, whichever of the two shapes the file used.
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Variable {
    pub key: String,
    pub value: Option<String>,
    pub description: Option<String>,
    pub disabled: bool,
}

/// A saved example response.
#[derive(Debug, Clone)]
pub struct Example {
    pub name: Option<String>,
    pub code: Option<u16>,
    pub status: Option<String>,
    pub headers: Vec<KeyValue>,
    pub body: Option<String>,
    pub preview_language: Option<String>,
    /// The URL of the request the example was saved from.
    pub original_url: Option<Url>,
    pub location: Location,
}
