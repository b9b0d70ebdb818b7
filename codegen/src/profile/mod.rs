//! Vendor conventions: what a vendor's collections say in places the Postman format leaves
//! free (description lines, example names, error bodies), and how its API pages its lists.
//!
//! The pipeline is written against [`Profile`]; [`Generic`] reads only what any collection
//! means, and [`Zoom`] adds Zoom's conventions. A new vendor is one more implementation here,
//! and one more [`ProfileName`].

mod zoom;

use std::fmt;

use crate::describe::{self, Description, DocumentedError};
use crate::parse::{Collection, Node};

pub use zoom::Zoom;

/// The conventions of one vendor's collections. Every method has the generic behaviour as
/// its default, so a profile says only where its vendor differs.
pub trait Profile: fmt::Debug + Send + Sync {
    /// The profile's name, as `--profile` takes it.
    fn name(&self) -> &'static str;

    /// A request's description, split into its prose and what conventions put there
    /// (scopes, a rate limit label, deprecation).
    fn describe(&self, description: &str) -> Description {
        describe::prose(description)
    }

    /// Whether a folder's name says that its requests are deprecated.
    fn deprecates_folder(&self, _folder: &str) -> bool {
        false
    }

    /// The errors an error example documents, read from its name and its body.
    fn documented_errors(&self, name: Option<&str>, body: Option<&str>) -> Vec<DocumentedError> {
        if let Some(error) = body.and_then(describe::error_body) {
            return vec![error];
        }
        describe::uncoded_error(name.unwrap_or_default())
    }

    /// The body the API sends for a documented error, for an error example that has none
    /// (so that a mock answers as the API would).
    fn error_body(&self, _error: &DocumentedError) -> Option<String> {
        None
    }

    /// Whether the collection's form-data bodies are JSON bodies written as form fields
    /// holding JSON (a form body with a file part stays a form).
    fn formdata_is_json(&self, _collection: &Collection) -> bool {
        false
    }

    /// How the API's list operations page.
    fn pagination(&self) -> &'static [PageConvention] {
        &[]
    }

    /// Fields and query parameters that hold integers by their meaning (page counts and
    /// sizes), typed as such whatever their example values say (`"30"`, lorem text).
    fn integer_fields(&self) -> &'static [&'static str] {
        &[]
    }
}

/// One way of paging: the field names a list operation takes and returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageConvention {
    /// The response's `response` field holds the cursor of the next page (empty on the
    /// last), sent back in the query field `query`.
    Token {
        query: &'static str,
        response: &'static str,
    },
    /// The query field `query` counts pages up to the response's `count`; `number` is the
    /// page the response holds.
    Number {
        query: &'static str,
        number: &'static str,
        count: &'static str,
    },
}

/// What any collection means, without a vendor's conventions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generic;

impl Profile for Generic {
    fn name(&self) -> &'static str {
        "generic"
    }
}

/// Which profile to generate with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProfileName {
    /// The vendor's profile when the collection is recognisably one vendor's (see
    /// [`detect`]), the generic one otherwise.
    #[default]
    Auto,
    Generic,
    Zoom,
}

impl ProfileName {
    /// Every name `--profile` accepts.
    pub const ALL: [&'static str; 3] = ["auto", "generic", "zoom"];

    pub fn parse(name: &str) -> Option<ProfileName> {
        match name {
            "auto" => Some(ProfileName::Auto),
            "generic" => Some(ProfileName::Generic),
            "zoom" => Some(ProfileName::Zoom),
            _ => None,
        }
    }

    /// The profile itself, detected from the collection for [`ProfileName::Auto`].
    pub fn resolve(self, collection: &Collection) -> &'static dyn Profile {
        match self {
            ProfileName::Generic => &Generic,
            ProfileName::Zoom => &Zoom,
            ProfileName::Auto => detect(collection),
        }
    }
}

/// Zoom's profile for a collection whose requests go to Zoom's API host (through a collection
/// variable or in their URLs); the generic profile for any other.
pub fn detect(collection: &Collection) -> &'static dyn Profile {
    let zoom_host = |text: &str| text.contains("api.zoom.us");
    let in_variables = collection
        .variables
        .iter()
        .filter_map(|v| v.value.as_deref())
        .any(zoom_host);
    if in_variables || any_request_host(&collection.items, &zoom_host) {
        &Zoom
    } else {
        &Generic
    }
}

fn any_request_host(nodes: &[Node], matches: &impl Fn(&str) -> bool) -> bool {
    nodes.iter().any(|node| match node {
        Node::Folder(folder) => any_request_host(&folder.items, matches),
        Node::Request(item) => {
            let url = &item.request.url;
            url.host.as_deref().is_some_and(matches) || url.raw.as_deref().is_some_and(matches)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(json: &str) -> Collection {
        crate::parse::parse(json)
            .expect("fixture parses")
            .collection
    }

    #[test]
    fn zoom_is_detected_by_its_api_host() {
        let zoom = collection(
            r#"{"info": {"name": "z", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                "variable": [{"key": "baseUrl", "value": "https://api.zoom.us/v2"}],
                "item": [{"name": "Me", "request": "{{baseUrl}}/users/me"}]}"#,
        );
        assert_eq!(detect(&zoom).name(), "zoom");
        let other = collection(
            r#"{"info": {"name": "o", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                "item": [{"name": "Me", "request": "https://api.example.com/me"}]}"#,
        );
        assert_eq!(detect(&other).name(), "generic");
        assert_eq!(ProfileName::Zoom.resolve(&other).name(), "zoom");
        assert_eq!(ProfileName::parse("generic"), Some(ProfileName::Generic));
        assert_eq!(ProfileName::parse("stripe"), None);
    }

    #[test]
    fn generic_errors_come_from_the_body_or_the_name() {
        let errors = Generic.documented_errors(
            Some("Not found"),
            Some(r#"{"code": 12, "message": "No such thing."}"#),
        );
        assert_eq!(errors[0].code, Some(12));
        let errors = Generic.documented_errors(Some("  Not   found "), None);
        assert_eq!(errors[0].message, "Not found");
        assert!(Generic.documented_errors(None, Some("<html>")).is_empty());
    }
}
