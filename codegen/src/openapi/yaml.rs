//! YAML text of a JSON document: block mappings and sequences, plain scalars where they
//! cannot be read as anything else, and double-quoted ones otherwise (JSON's escapes, which
//! YAML's double-quoted style shares). What it writes reads back, with any YAML 1.1 or 1.2
//! parser, as the same JSON value; it needs no YAML library because it never parses.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// The document as YAML, ending in a newline.
pub(super) fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => sequence(&mut out, items, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn mapping(out: &mut String, map: &Map<String, Value>, indent: usize) {
    for (key, value) in map {
        push_indent(out, indent);
        out.push_str(&string(key));
        out.push(':');
        after_key(out, value, indent);
    }
}

/// A value after `key:`: nested collections on the lines below, scalars on the same line.
fn after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            mapping(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            sequence(out, items, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        match item {
            Value::Object(_) | Value::Array(_) if !is_empty(item) => {
                // The item's first line goes on the dash's line, the others below it.
                let mut nested = String::new();
                match item {
                    Value::Object(map) => mapping(&mut nested, map, indent + 2),
                    Value::Array(inner) => sequence(&mut nested, inner, indent + 2),
                    _ => {}
                }
                push_indent(out, indent);
                out.push_str("- ");
                out.push_str(&nested[indent + 2..]);
            }
            other => {
                push_indent(out, indent);
                out.push_str("- ");
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(&n.to_string()),
        Value::String(s) => string(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
    }
}

/// A number as YAML 1.1 parsers read floats too: an exponent needs a dot before it and a
/// sign (`1e20` would be a string to them; `1.0e+20` is the number).
fn number(text: &str) -> String {
    let Some(at) = text.find(['e', 'E']) else {
        return text.to_owned();
    };
    let (mantissa, exponent) = (&text[..at], &text[at + 1..]);
    let mantissa = if mantissa.contains('.') {
        mantissa.to_owned()
    } else {
        format!("{mantissa}.0")
    };
    let exponent = if exponent.starts_with(['+', '-']) {
        exponent.to_owned()
    } else {
        format!("+{exponent}")
    };
    format!("{mantissa}e{exponent}")
}

/// A string plain where no YAML parser could read it as another type or as syntax,
/// double-quoted otherwise.
fn string(text: &str) -> String {
    if is_plain(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Control characters, and those YAML does not allow unescaped in a document.
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let words = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && !words.contains(&text.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collections_nest_in_blocks_and_scalars_stay_what_they_are() {
        let value = json!({
            "openapi": "3.1.0",
            "paths": {"/users/{id}": {"get": {"tags": ["Users"], "parameters": [
                {"name": "id", "in": "path", "required": true},
                {"name": "page", "example": 1e20}
            ]}}},
            "empty": {}, "none": [], "no": "no", "code": "200", "text": "a: b\n\"c\"\u{85}"
        });
        let yaml = to_yaml(&value);
        assert_eq!(
            yaml,
            "openapi: \"3.1.0\"\npaths:\n  \"/users/{id}\":\n    get:\n      tags:\n        - Users\n      parameters:\n        - name: id\n          in: path\n          required: true\n        - name: page\n          example: 1.0e+20\nempty: {}\nnone: []\n\"no\": \"no\"\ncode: \"200\"\ntext: \"a: b\\n\\\"c\\\"\\u0085\"\n"
        );
    }
}
