//! An OpenAPI 3.1 document from the model and the type arena: the same operations, names
//! and types the bindings are generated from, written as an API description for other
//! tools. Like `emit`, it reads only the model and what inference made of it.

mod document;
mod paths;
mod place;
mod schemas;
mod security;
mod yaml;

use serde_json::Value;

use crate::analysis::Analysis;
use crate::diagnostics::Warning;

pub(crate) use security::OAuthUrls;

/// A name as `components` keys take it (`^[a-zA-Z0-9.\-_]+$`): other characters become `_`.
fn component_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        "_".to_owned()
    } else {
        key
    }
}

/// An OpenAPI 3.1 document of a collection's API ([`Config::openapi`](crate::Config::openapi)).
///
/// Its operations are the bindings' functions (`operationId` is `module::function`), its
/// schemas the bindings' types (`components/schemas` named `module.Type`), and the same
/// collection always gives the same text.
#[derive(Debug, Clone)]
pub struct OpenApi {
    document: Value,
    warnings: Vec<Warning>,
}

impl OpenApi {
    pub(crate) fn new(analysis: Analysis, urls: &OAuthUrls) -> OpenApi {
        let (document, warnings) = document::build(&analysis.api, &analysis.types, urls);
        let mut all = analysis.warnings;
        all.extend(warnings.into_vec());
        OpenApi {
            document,
            warnings: all,
        }
    }

    /// The document as a JSON value.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The document as pretty-printed JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        // Serialising a `Value` cannot fail: its keys are strings.
        let mut text = serde_json::to_string_pretty(&self.document).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The document as YAML (the same value: block style, strings quoted where needed).
    pub fn to_yaml(&self) -> String {
        yaml::to_yaml(&self.document)
    }

    /// What reading the collection warned about, and what OpenAPI could not say as the
    /// collection does (a custom method, two requests with one method and path).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}
