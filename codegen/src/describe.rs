//! Reading the conventions that API descriptions follow: the `(Required)` marker on
//! parameters, Zoom's `**Scopes:**` and `**Rate Limit Label:**` lines, deprecation notes,
//! and the status and error codes written into example names.

/// What a request's description says, split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    /// The prose, with the parts below taken out.
    pub text: String,
    pub scopes: Vec<String>,
    pub rate_limit: Option<String>,
    pub deprecated: bool,
}

pub fn split_description(source: &str) -> Description {
    let mut description = Description::default();
    let mut kept = Vec::new();
    for line in split_breaks(source) {
        let plain = strip_emphasis(&line);
        let lower = plain.to_ascii_lowercase();
        let scopes = lower
            .strip_prefix("scopes:")
            .or_else(|| lower.strip_prefix("scope:"));
        if let Some(rest) = scopes.map(|r| &plain[plain.len() - r.len()..]) {
            description.scopes.extend(code_spans(rest));
            continue;
        }
        if lower.starts_with("rate limit label") {
            description.rate_limit = code_spans(&plain).into_iter().next();
            continue;
        }
        if lower.starts_with("deprecated") || lower.contains("this api is deprecated") {
            description.deprecated = true;
        }
        kept.push(line);
    }
    description.text = join_lines(kept.iter().map(String::as_str));
    description
}

/// Lines of a description. A `<br>` ends a paragraph: the HTML line break reads best as one.
fn split_breaks(source: &str) -> Vec<String> {
    let mut text = source.to_owned();
    for tag in ["<br>", "<br/>", "<br />", "<BR>", "<BR/>"] {
        text = text.replace(tag, "\n\n");
    }
    text.lines().map(str::to_owned).collect()
}

/// Lines joined again, with runs of blank lines folded into one.
pub(crate) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut blank_run = 0;
    for line in lines {
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line.trim_end());
    }
    out
}

/// The line without `**`, `__` and link syntax around its leading label, for matching.
fn strip_emphasis(line: &str) -> String {
    let no_bold = line.replace("**", "").replace("__", "");
    // `[Rate Limit Label](https://…):` reads as `Rate Limit Label:`.
    let mut out = String::with_capacity(no_bold.len());
    let mut rest = no_bold.trim();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// The contents of every `` `code` `` span in `text`.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A parameter description with its `(Required)` marker taken out.
pub fn split_required(description: &str) -> (bool, String) {
    let trimmed = description.trim_start();
    match trimmed.strip_prefix("(Required)") {
        Some(rest) => (true, rest.trim_start().to_owned()),
        None => (false, description.to_owned()),
    }
}

/// The values a parameter's description lists, one a line, as `` `value` - meaning `` (or
/// with `:` or a dash), with their meanings. Fewer than two such lines is no list.
pub fn documented_values(description: &str) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    for line in split_breaks(description) {
        let line = line.trim().trim_start_matches(['*', '-', '•']).trim_start();
        let Some(rest) = line.strip_prefix('`') else {
            continue;
        };
        let Some((value, after)) = rest.split_once('`') else {
            continue;
        };
        let after = after.trim_start();
        let meaning = ["-", ":", "\u{2014}", "\u{2013}"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep));
        if let (Some(meaning), false) = (meaning, value.trim().is_empty()) {
            if !values.iter().any(|(v, _)| v == value) {
                values.push((value.to_owned(), meaning.trim().to_owned()));
            }
        }
    }
    if values.len() < 2 {
        values.clear();
    }
    values
}

/// One error documented by an example: a Zoom error code (when given) and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedError {
    pub code: Option<i64>,
    pub message: String,
}

/// The errors an example's name documents, Zoom style:
/// ``**HTTP Status Code:** `404`<br>**Error Code:** `1001`<br>User does not exist.``
pub fn documented_errors(example_name: &str) -> Vec<DocumentedError> {
    let text = split_breaks(example_name).join("\n");
    let mut parts = text.split("**Error Code:**");
    let head = parts.next().unwrap_or_default();
    let mut errors: Vec<DocumentedError> = parts
        .filter_map(|part| {
            let code = code_spans(part).first().and_then(|c| c.parse().ok())?;
            let after_code = part.splitn(3, '`').nth(2).unwrap_or_default();
            // A name cut short ends in the start of another bold label.
            let after_code = after_code.split("**").next().unwrap_or_default();
            Some(DocumentedError {
                code: Some(code),
                message: one_line(after_code),
            })
        })
        .collect();
    if errors.is_empty() {
        let message = one_line(&status_line_removed(head));
        if !message.is_empty() {
            errors.push(DocumentedError {
                code: None,
                message,
            });
        }
    }
    errors
}

/// The error an example's body documents, when it is `{"code": ..., "message": ...}`.
pub fn error_body(body: &str) -> Option<DocumentedError> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let code = match value.get("code")? {
        serde_json::Value::Number(n) => n.as_i64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let message = value
        .get("message")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    Some(DocumentedError {
        code: Some(code),
        message: one_line(message),
    })
}

fn status_line_removed(head: &str) -> String {
    match head.find("**HTTP Status Code:**") {
        Some(at) => {
            let after = &head[at + "**HTTP Status Code:**".len()..];
            after.splitn(3, '`').nth(2).unwrap_or(after).to_owned()
        }
        None => head.to_owned(),
    }
}

/// Text on one line, without emphasis markers, as a short message.
fn one_line(text: &str) -> String {
    text.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_scopes_and_rate_limit_out_of_the_prose() {
        let d = split_description(
            "Retrieve a token.\n\n**Scopes:** `user:read:admin`, `user:read`<br>**[Rate Limit Label](https://x/y#z):** `Light`",
        );
        assert_eq!(d.text, "Retrieve a token.");
        assert_eq!(d.scopes, ["user:read:admin", "user:read"]);
        assert_eq!(d.rate_limit.as_deref(), Some("Light"));
        assert!(!d.deprecated);
    }

    #[test]
    fn reads_documented_value_lists() {
        let values = documented_values(
            "User token types:<br>`token` - Used for the SDK.<br>`zak` - Used for start URLs.",
        );
        assert_eq!(
            values,
            [
                ("token".to_owned(), "Used for the SDK.".to_owned()),
                ("zak".to_owned(), "Used for start URLs.".to_owned())
            ]
        );
        let bulleted =
            documented_values("Type:\n* `past` \u{2014} Past ones.\n* `live` - Live ones.");
        assert_eq!(bulleted.len(), 2);
        assert!(documented_values("Use `me` - the current user.").is_empty());
    }

    #[test]
    fn reads_the_required_marker() {
        assert_eq!(
            split_required("(Required) The user ID."),
            (true, "The user ID.".to_owned())
        );
        assert_eq!(split_required("Optional."), (false, "Optional.".to_owned()));
    }

    #[test]
    fn reads_several_error_codes_from_an_example_name() {
        let errors = documented_errors(
            "**HTTP Status Code:** `400`<br>\nBad request<br>\n**Error Code:** `1010`<br>\nUser does not belong to this account.<br>\n**Error Code:** `3003`<br>\nYou are not the meeting host.<br>\n**Error Code",
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
    fn reads_an_error_body() {
        assert_eq!(
            error_body(r#"{"code": 124, "message": "Invalid access token."}"#),
            Some(DocumentedError {
                code: Some(124),
                message: "Invalid access token.".into()
            })
        );
        assert_eq!(error_body("not json"), None);
    }

    #[test]
    fn an_error_without_a_code_keeps_its_message() {
        let errors = documented_errors("**HTTP Status Code:** `429` **Too Many Requests**");
        assert_eq!(errors[0].code, None);
        assert_eq!(errors[0].message, "Too Many Requests");
    }
}
