//! Zoom's conventions, as its Postman export and its converted OpenAPI spec write them.

use super::describe::{self, Description, DocumentedError};
use super::{CollectionFacts, PageConvention, Profile};

/// Zoom's conventions:
///
/// - descriptions end in `**Scopes:** `a`, `b`` and `**[Rate Limit Label](…):** `Light``
///   lines;
/// - error examples are named ``**HTTP Status Code:** `404`<br>**Error Code:** `1001`<br>User
///   does not exist.``, several codes to a name, and the API's error body is
///   `{"code": 1001, "message": "…"}`;
/// - a folder named "Deprecated …" holds deprecated requests;
/// - the export writes JSON bodies as form fields holding JSON-encoded values;
/// - its OAuth endpoints are `https://zoom.us/oauth/token` and `/authorize`;
/// - lists page with `next_page_token`, or (older) with `page_number` up to `page_count`;
///   the page counters are integers even where an example writes them as text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Zoom;

impl Profile for Zoom {
    fn name(&self) -> &str {
        "zoom"
    }

    /// A collection whose requests go to Zoom's API host, through a variable or in their
    /// URLs.
    fn recognizes(&self, facts: &CollectionFacts) -> bool {
        facts.hosts.iter().any(|host| host.contains("api.zoom.us"))
    }

    fn describe(&self, description: &str) -> Description {
        let mut scopes = Vec::new();
        let mut rate_limit = None;
        let mut kept = Vec::new();
        for line in describe::split_breaks(description) {
            let plain = describe::strip_emphasis(&line);
            let lower = plain.to_ascii_lowercase();
            let scope_list = lower
                .strip_prefix("scopes:")
                .or_else(|| lower.strip_prefix("scope:"));
            if let Some(rest) = scope_list.map(|r| &plain[plain.len() - r.len()..]) {
                scopes.extend(describe::code_spans(rest));
            } else if lower.starts_with("rate limit label") {
                rate_limit = describe::code_spans(&plain).into_iter().next();
            } else {
                kept.push(line);
            }
        }
        let mut description = describe::prose(&kept.join("\n"));
        description.scopes = scopes;
        description.rate_limit = rate_limit;
        description
    }

    fn deprecates_folder(&self, folder: &str) -> bool {
        folder.to_ascii_lowercase().contains("deprecated")
    }

    fn documented_errors(&self, name: Option<&str>, body: Option<&str>) -> Vec<DocumentedError> {
        let from_name = name.map(errors_in_name).unwrap_or_default();
        if from_name.iter().any(|e| e.code.is_some()) {
            return from_name;
        }
        // An error body like `{"code": 124, "message": "..."}` documents its code too.
        match body.and_then(describe::error_body) {
            Some(error) => vec![error],
            None => from_name,
        }
    }

    fn error_body(&self, error: &DocumentedError) -> Option<String> {
        let code = error.code?;
        Some(serde_json::json!({ "code": code, "message": error.message }).to_string())
    }

    fn formdata_is_json(&self, facts: &CollectionFacts) -> bool {
        facts.form_fields_hold_json
    }

    fn pagination(&self) -> &[PageConvention] {
        &[
            PageConvention::Token {
                query: "next_page_token",
                response: "next_page_token",
            },
            PageConvention::Number {
                query: "page_number",
                number: "page_number",
                count: "page_count",
            },
        ]
    }

    fn integer_fields(&self) -> &[&str] {
        &["page_count", "page_number", "page_size", "total_records"]
    }

    /// Zoom's OAuth endpoints, which its exports' collection-level auth does not name.
    fn oauth_token_url(&self) -> Option<&str> {
        Some("https://zoom.us/oauth/token")
    }

    fn oauth_authorize_url(&self) -> Option<&str> {
        Some("https://zoom.us/oauth/authorize")
    }
}

/// The errors an example's name documents:
/// ``**HTTP Status Code:** `404`<br>**Error Code:** `1001`<br>User does not exist.``
fn errors_in_name(example_name: &str) -> Vec<DocumentedError> {
    let text = describe::split_breaks(example_name).join("\n");
    let mut parts = text.split("**Error Code:**");
    let head = parts.next().unwrap_or_default();
    let errors: Vec<DocumentedError> = parts
        .filter_map(|part| {
            let code = describe::code_spans(part)
                .first()
                .and_then(|c| c.parse().ok())?;
            let after_code = part.splitn(3, '`').nth(2).unwrap_or_default();
            // A name cut short ends in the start of another bold label.
            let after_code = after_code.split("**").next().unwrap_or_default();
            Some(DocumentedError {
                code: Some(code),
                message: describe::one_line(after_code),
            })
        })
        .collect();
    if !errors.is_empty() {
        return errors;
    }
    describe::uncoded_error(&status_line_removed(head))
}

fn status_line_removed(head: &str) -> String {
    const LABEL: &str = "**HTTP Status Code:**";
    match head.find(LABEL) {
        Some(at) => {
            let after = &head[at + LABEL.len()..];
            after.splitn(3, '`').nth(2).unwrap_or(after).to_owned()
        }
        None => head.to_owned(),
    }
}

/// Whether some form body holds a field whose value is a JSON object or list: the export
/// writes every JSON body that way.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_scopes_and_rate_limit_out_of_the_prose() {
        let d = Zoom.describe(
            "Retrieve a token.\n\n**Scopes:** `user:read:admin`, `user:read`<br>**[Rate Limit Label](https://x/y#z):** `Light`",
        );
        assert_eq!(d.text, "Retrieve a token.");
        assert_eq!(d.scopes, ["user:read:admin", "user:read"]);
        assert_eq!(d.rate_limit.as_deref(), Some("Light"));
        assert!(!d.deprecated);
    }

    #[test]
    fn reads_several_error_codes_from_an_example_name() {
        let errors = Zoom.documented_errors(
            Some("**HTTP Status Code:** `400`<br>\nBad request<br>\n**Error Code:** `1010`<br>\nUser does not belong to this account.<br>\n**Error Code:** `3003`<br>\nYou are not the meeting host.<br>\n**Error Code"),
            None,
        );
        assert_eq!(
            errors,
            [
                DocumentedError {
                    code: Some(1010),
                    message: "User does not belong to this account.".into()
                },
                DocumentedError {
                    code: Some(3003),
                    message: "You are not the meeting host.".into()
                },
            ]
        );
    }

    #[test]
    fn an_error_without_a_code_keeps_its_message_unless_the_body_has_one() {
        let name = "**HTTP Status Code:** `429` **Too Many Requests**";
        let errors = Zoom.documented_errors(Some(name), None);
        assert_eq!(errors[0].code, None);
        assert_eq!(errors[0].message, "Too Many Requests");
        let errors = Zoom.documented_errors(
            Some(name),
            Some(r#"{"code": 429, "message": "Slow down."}"#),
        );
        assert_eq!(errors[0].code, Some(429));
    }

    #[test]
    fn error_bodies_are_zoom_shaped() {
        let error = DocumentedError {
            code: Some(1001),
            message: "User does not exist.".into(),
        };
        assert_eq!(
            Zoom.error_body(&error).as_deref(),
            Some(r#"{"code":1001,"message":"User does not exist."}"#)
        );
    }
}
