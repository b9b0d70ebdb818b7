//! Reading what descriptions say in any collection: the `(Required)` marker on parameters
//! (Postman's own converters write it), value lists, deprecation notes, and error bodies.
//! A vendor's own conventions are read by its [`Profile`](crate::profile::Profile).

/// What a request's description says, split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    /// The prose, with the parts below taken out.
    pub text: String,
    /// The OAuth scopes the request needs.
    pub scopes: Vec<String>,
    /// The API's rate limit label for the request (Zoom's `Light`, `Medium`, ...).
    pub rate_limit: Option<String>,
    /// Whether the description says the request is deprecated.
    pub deprecated: bool,
}

/// A description's prose, and whether it says the request is deprecated: what any
/// collection's descriptions mean, before a vendor's conventions take their lines out.
pub fn prose(source: &str) -> Description {
    let lines = split_breaks(source);
    let deprecated = lines.iter().any(|line| {
        let lower = strip_emphasis(line).to_ascii_lowercase();
        lower.starts_with("deprecated") || lower.contains("this api is deprecated")
    });
    Description {
        text: join_lines(lines.iter().map(String::as_str)),
        scopes: Vec::new(),
        rate_limit: None,
        deprecated,
    }
}

/// Lines of a description. A `<br>` ends a paragraph: the HTML line break reads best as one.
pub fn split_breaks(source: &str) -> Vec<String> {
    let mut text = source.to_owned();
    for tag in ["<br>", "<br/>", "<br />", "</br>", "<BR>", "<BR/>"] {
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
pub fn strip_emphasis(line: &str) -> String {
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
pub fn code_spans(text: &str) -> Vec<String> {
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

/// The values a description lists for its field, with their meanings, in the forms
/// collections write them:
///
/// - one a line, `` `value` - meaning `` (or with `:`, an em or en dash), bulleted or not,
///   or `` `value` `` alone on its line;
/// - `(This can only be one of a,b,c)`, which is the whole list (one value is enough);
/// - in a sentence: "either `toll` or `tollfree`", "one of `a`, `b`", "values include `x`
///   or `y`".
///
/// Fewer than two values is no list, except in the `can only be one of` form.
pub fn documented_values(description: &str) -> Vec<(String, String)> {
    let lines = split_breaks(description);
    let mut values: Vec<(String, String)> = Vec::new();
    let add = |values: &mut Vec<(String, String)>, value: &str, meaning: &str| {
        let value = value.trim();
        if value.is_empty() || value.contains(char::is_whitespace) {
            return;
        }
        match values.iter_mut().find(|(v, _)| v == value) {
            Some((_, known)) if known.is_empty() => *known = meaning.trim().to_owned(),
            Some(_) => {}
            None => values.push((value.to_owned(), meaning.trim().to_owned())),
        }
    };
    for line in &lines {
        let trimmed = line.trim();
        let line = trimmed.trim_start_matches(['*', '-', '•']).trim_start();
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
        match meaning {
            Some(meaning) => add(&mut values, value, meaning),
            // A value alone on its line: a bulleted list, or one after `<br>`s.
            None if after.is_empty() => add(&mut values, value, ""),
            None => {}
        }
    }
    let text = lines.join(" ");
    if let Some(only) = only_one_of(&text) {
        // The whole list: meanings come from the lines above, where they give them.
        let mut listed = Vec::new();
        for value in only {
            let meaning = values
                .iter()
                .find(|(v, _)| *v == value)
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            add(&mut listed, &value, &meaning);
        }
        return listed;
    }
    if values.len() < 2 {
        values.clear();
        for value in values_in_a_sentence(&text) {
            add(&mut values, &value, "");
        }
    }
    if values.len() < 2 {
        values.clear();
    }
    values
}

/// The values of `(This can only be one of a,b,c)`.
fn only_one_of(text: &str) -> Option<Vec<String>> {
    const MARKER: &str = "(This can only be one of ";
    let start = text.find(MARKER)? + MARKER.len();
    let end = text[start..].find(')')? + start;
    let values: Vec<String> = text[start..end]
        .split(',')
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    (!values.is_empty()).then_some(values)
}

/// The code spans that follow "either", "one of" or "values include" in one sentence,
/// joined by commas and "or": "either `toll` or `tollfree`".
fn values_in_a_sentence(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    for lead in [
        "either ",
        "one of ",
        "values include ",
        "one of the following: ",
    ] {
        let Some(at) = lower.find(lead) else {
            continue;
        };
        let rest = &text[at + lead.len()..];
        let sentence_end = rest.find(". ").unwrap_or(rest.len());
        let sentence = &rest[..sentence_end];
        let mut values = Vec::new();
        let mut pieces = sentence.split('`');
        // Text outside code spans may only be separators: commas, "or", "and", spaces.
        let mut outside = pieces.next().unwrap_or_default();
        while let (true, Some(value)) = (is_separator(outside), pieces.next()) {
            values.push(value.to_owned());
            outside = pieces.next().unwrap_or_default();
        }
        if values.len() >= 2 {
            return values;
        }
    }
    Vec::new()
}

fn is_separator(text: &str) -> bool {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .all(|word| matches!(word, "" | "or" | "and" | "<br>"))
}

/// One error documented by an example: a Zoom error code (when given) and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedError {
    /// The API's own error code, when the example gives one.
    pub code: Option<i64>,
    /// The error's message, on one line.
    pub message: String,
}

/// An error documented by its message alone (none for an empty one).
pub fn uncoded_error(message: &str) -> Vec<DocumentedError> {
    let message = one_line(message);
    if message.is_empty() {
        return Vec::new();
    }
    vec![DocumentedError {
        code: None,
        message,
    }]
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

/// Text on one line, without emphasis markers, as a short message.
pub fn one_line(text: &str) -> String {
    crate::diagnostics::one_line(&text.replace("**", ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_every_line_and_reads_deprecation() {
        let d = prose("Old.<br>**Deprecated:** use the new one.\n\n\nMore.");
        assert_eq!(d.text, "Old.\n\n**Deprecated:** use the new one.\n\nMore.");
        assert!(d.deprecated);
        assert!(!prose("Current.").deprecated);
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
    fn reads_value_lists_in_every_form_collections_write() {
        let values = |text: &str| -> Vec<String> {
            documented_values(text)
                .into_iter()
                .map(|(v, _)| v)
                .collect()
        };
        assert_eq!(
            values("Meeting type:\n* `1` \u{2014} An instant meeting.\n* `2` \u{2014} A scheduled meeting.\n* `8` \u{2014} A recurring one."),
            ["1", "2", "8"]
        );
        assert_eq!(
            values("The bridge. (This can only be one of US_TSP_TB,EU_TSP_TB)"),
            ["US_TSP_TB", "EU_TSP_TB"]
        );
        assert_eq!(values(" (This can only be one of recover)"), ["recover"]);
        assert_eq!(
            values("Protocols.<br> The value must be either `UDP`, `TCP`, `TLS`, `AUTO`."),
            ["UDP", "TCP", "TLS", "AUTO"]
        );
        assert_eq!(
            values("Values include <br>`read` or `unread`."),
            ["read", "unread"]
        );
        assert_eq!(
            values("Status:<br>\n* `Away`\n* `Available`\n"),
            ["Away", "Available"]
        );
        let described = documented_values(
            "Which one:<br>`start`: Start it.<br>`stop`: Stop it. (This can only be one of start,stop)",
        );
        assert_eq!(described[0], ("start".to_owned(), "Start it.".to_owned()));
        // A sentence naming fields, not values, is no list.
        assert!(
            values("You must provide either a `to_contact` or `to_channel` parameter.").is_empty()
        );
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
}
