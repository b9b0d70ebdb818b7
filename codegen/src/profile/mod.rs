//! Vendor conventions: what a vendor's collections say in places the Postman format leaves
//! free (description lines, example names, error bodies), and how its API pages its lists.
//!
//! The pipeline is written against [`Profile`]; [`Generic`] reads only what any collection
//! means, and [`Zoom`] adds Zoom's conventions. A profile for another vendor implements
//! [`Profile`] (in any crate) and is handed to [`Config::profile`](crate::Config::profile);
//! to be picked by name (`--profile`) or detected, it is also listed among the built-in profiles ([`built_in`]).
//! [`text`] holds the helpers the built-in profiles read descriptions with.

pub(crate) mod describe;
mod zoom;

use std::fmt;
use std::sync::Arc;

pub use describe::{Description, DocumentedError};
pub use zoom::Zoom;

/// What a profile may look at to recognise its vendor's collections: facts the generator
/// gathers from the collection before reading it with a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CollectionFacts {
    /// The collection's name.
    pub name: String,
    /// The hosts its requests' URLs name, and the values of its variables (where base
    /// URLs usually are), as written.
    pub hosts: Vec<String>,
    /// Whether some form-data body has a text field holding a JSON object or array.
    pub form_fields_hold_json: bool,
}

/// The conventions of one vendor's collections. Every method but [`name`](Profile::name)
/// has the generic behaviour as its default, so a profile says only where its vendor
/// differs.
pub trait Profile: fmt::Debug + Send + Sync {
    /// The profile's name, as `--profile` takes it and generated headers name it.
    fn name(&self) -> &str;

    /// Whether a collection is recognisably this vendor's, for automatic detection.
    fn recognizes(&self, _facts: &CollectionFacts) -> bool {
        false
    }

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
    fn formdata_is_json(&self, _facts: &CollectionFacts) -> bool {
        false
    }

    /// How the API's list operations page.
    fn pagination(&self) -> &[PageConvention] {
        &[]
    }

    /// The API's OAuth token endpoint, where its collections do not name it (an OpenAPI
    /// document's OAuth flows need it).
    fn oauth_token_url(&self) -> Option<&str> {
        None
    }

    /// The API's OAuth authorization page, likewise.
    fn oauth_authorize_url(&self) -> Option<&str> {
        None
    }

    /// Fields and query parameters that hold integers by their meaning (page counts and
    /// sizes), typed as such whatever their example values say (`"30"`, lorem text).
    fn integer_fields(&self) -> &[&str] {
        &[]
    }
}

/// The helpers the built-in profiles read descriptions and example names with, for
/// profiles written elsewhere.
pub mod text {
    pub use super::describe::{
        code_spans, error_body, one_line, prose, split_breaks, strip_emphasis, uncoded_error,
    };
}

/// One way of paging: the field names a list operation takes and returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageConvention {
    /// The response's `response` field holds the cursor of the next page (empty on the
    /// last), sent back in the query field `query`.
    Token {
        /// The query parameter that takes the cursor.
        query: &'static str,
        /// The response field that holds it.
        response: &'static str,
    },
    /// The query field `query` counts pages up to the response's `count`; `number` is the
    /// page the response holds.
    Number {
        /// The query parameter that takes the page number.
        query: &'static str,
        /// The response field with the number of the page it holds.
        number: &'static str,
        /// The response field with the number of pages.
        count: &'static str,
    },
}

/// What any collection means, without a vendor's conventions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generic;

impl Profile for Generic {
    fn name(&self) -> &str {
        "generic"
    }
}

/// The built-in profiles, in the order detection tries them; [`Generic`], which
/// recognises nothing, is the fallback. A new built-in profile is one more entry here.
const BUILT_IN: &[fn() -> Arc<dyn Profile>] = &[|| Arc::new(Zoom), || Arc::new(Generic)];

/// The names of the built-in profiles, as `--profile` takes them.
pub fn built_in_names() -> Vec<String> {
    BUILT_IN
        .iter()
        .map(|make| make().name().to_owned())
        .collect()
}

/// The built-in profile of that name.
pub fn built_in(name: &str) -> Option<Arc<dyn Profile>> {
    BUILT_IN
        .iter()
        .map(|make| make())
        .find(|profile| profile.name() == name)
}

/// The first built-in profile that recognises the collection; [`Generic`] otherwise.
pub(crate) fn detect(facts: &CollectionFacts) -> Arc<dyn Profile> {
    BUILT_IN
        .iter()
        .map(|make| make())
        .find(|profile| profile.recognizes(facts))
        .unwrap_or_else(|| Arc::new(Generic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_is_detected_by_its_api_host() {
        let facts = |hosts: &[&str]| CollectionFacts {
            hosts: hosts.iter().map(|h| h.to_string()).collect(),
            ..CollectionFacts::default()
        };
        assert_eq!(detect(&facts(&["https://api.zoom.us/v2"])).name(), "zoom");
        assert_eq!(detect(&facts(&["api.example.com"])).name(), "generic");
        assert_eq!(
            built_in("zoom").map(|p| p.name().to_owned()).as_deref(),
            Some("zoom")
        );
        assert!(built_in("stripe").is_none());
        assert_eq!(built_in_names(), ["zoom", "generic"]);
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
