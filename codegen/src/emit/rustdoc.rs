//! Making collection text safe for rustdoc.
//!
//! Descriptions are markdown mixed with HTML, written for Postman's renderer. rustdoc reads
//! them differently: a fence without a language is a doctest, `[x]` is an intra-doc link,
//! an unclosed tag or a bare URL is a warning. This turns such text into markdown that
//! renders the same and raises no warning.

/// Converts a description into markdown that rustdoc renders without warnings.
pub fn markdown(text: &str) -> String {
    let mut out = Vec::new();
    // The marker of the open fence, while inside one.
    let mut open_fence: Option<&str> = None;
    for line in text.replace("\r\n", "\n").lines() {
        let trimmed = line.trim();
        let fence = ["```", "~~~"]
            .into_iter()
            .find_map(|marker| trimmed.strip_prefix(marker).map(|info| (marker, info)));
        match (fence, open_fence) {
            (Some((marker, _)), Some(open)) if marker == open => {
                out.push(marker.to_owned());
                open_fence = None;
                continue;
            }
            (Some((marker, info)), None) => {
                out.push(format!("{marker}{}", fence_language(info)));
                open_fence = Some(marker);
                continue;
            }
            _ => {}
        }
        if open_fence.is_some() {
            out.push(line.trim_end().to_owned());
        } else {
            // A line after a list item would continue it lazily (clippy warns): it gets a
            // paragraph of its own instead, since indentation is dropped below.
            let after_item = out.last().is_some_and(|last: &String| is_list_item(last));
            if after_item && !trimmed.is_empty() && !is_list_item(trimmed) {
                out.push(String::new());
            }
            // Indentation would make an indented code block, which rustdoc runs as a doctest.
            out.push(inline(trimmed));
        }
    }
    if let Some(marker) = open_fence {
        out.push(marker.to_owned());
    }
    let joined = out.join("\n");
    crate::profile::describe::join_lines(joined.lines())
}

/// The language a fence is shown with: only Rust is run as a doctest, and rustdoc takes a
/// missing language, `rust`, or test attributes alone (`ignore`, `no_run`...) as Rust, so
/// those become `text`.
fn fence_language(info: &str) -> &str {
    let language = info.trim();
    let rustdoc_attributes = [
        "rust",
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "edition2015",
        "edition2018",
        "edition2021",
        "edition2024",
        "test_harness",
    ];
    let is_rust = language
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .all(|word| rustdoc_attributes.contains(&word));
    if is_rust {
        "text"
    } else {
        language
    }
}

fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// A short text as markdown on one line (a parameter's description, an error message).
pub fn markdown_line(text: &str) -> String {
    crate::diagnostics::one_line(&markdown(text))
}

/// Converts one line outside fences: HTML to markdown, loose brackets escaped, bare URLs
/// made into autolinks, and code spans left as they are.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut link_target: Option<String> = None;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            match rest[run..].find(fence) {
                Some(end) => {
                    let span_len = run + end + run;
                    out.push_str(&rest[..span_len]);
                    rest = &rest[span_len..];
                }
                None => {
                    // An unmatched backtick is literal text.
                    out.push_str(&"\\`".repeat(run));
                    rest = &rest[run..];
                }
            }
            continue;
        }
        if c == '<' {
            if let Some((consumed, replacement)) = html_tag(rest, &mut link_target) {
                out.push_str(&replacement);
                rest = &rest[consumed..];
                continue;
            }
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        }
        if c == '>' {
            out.push_str("&gt;");
            rest = &rest[1..];
            continue;
        }
        if c == '[' {
            if let Some(len) = markdown_link_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
            out.push_str("\\[");
            rest = &rest[1..];
            continue;
        }
        if c == ']' {
            out.push_str("\\]");
            rest = &rest[1..];
            continue;
        }
        if (rest.starts_with("http://") || rest.starts_with("https://")) && link_target.is_none() {
            let len = url_len(rest);
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if link_target.is_some() {
        out.push(']');
        out.push_str(&format!("({})", link_target.unwrap_or_default()));
    }
    out
}

/// The length of a `[text](target)` link at the start of `text`, if there is one.
fn markdown_link_len(text: &str) -> Option<usize> {
    let close = text.find("](")?;
    if text[1..close].contains('[') || text[1..close].contains(']') {
        return None;
    }
    let target_end = text[close + 2..].find(')')?;
    let target = &text[close + 2..close + 2 + target_end];
    if target.contains(char::is_whitespace) || target.is_empty() {
        return None;
    }
    Some(close + 2 + target_end + 1)
}

/// How far a bare URL runs: to white space, or to punctuation that ends a sentence.
fn url_len(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(text.len());
    let url = &text[..end];
    url.trim_end_matches(['.', ',', ';', ':', '!', '?']).len()
}

/// An HTML tag at the start of `text`: how many bytes it spans and its markdown.
/// Unknown tags are not tags here: the caller escapes their `<`.
fn html_tag(text: &str, link_target: &mut Option<String>) -> Option<(usize, String)> {
    let end = text.find('>')?;
    let tag = &text[1..end];
    let closing = tag.starts_with('/');
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let replacement = match (name.as_str(), closing) {
        ("br", _) | ("p", _) => "\n\n".to_owned(),
        ("b" | "strong", _) => "**".to_owned(),
        ("i" | "em", _) => "*".to_owned(),
        ("code", _) => "`".to_owned(),
        ("ul" | "ol", _) => "\n".to_owned(),
        ("li", false) => "\n- ".to_owned(),
        ("li", true) => String::new(),
        ("a", false) => {
            let href = attribute(tag, "href")?;
            *link_target = Some(href);
            "[".to_owned()
        }
        ("a", true) => {
            let target = link_target.take()?;
            format!("]({target})")
        }
        _ => return None,
    };
    Some((end + 1, replacement))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[start..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = value[1..].find(quote)?;
    Some(value[1..1 + end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            markdown("User token types:<br>`token` - for the SDK.<br>`zak` - for start URLs."),
            "User token types:\n\n`token` - for the SDK.\n\n`zak` - for start URLs."
        );
        assert_eq!(markdown("<b>Note</b>: <i>x</i>"), "**Note**: *x*");
        assert_eq!(
            markdown(r#"See <a href="https://z.us/a">the docs</a>."#),
            "See [the docs](https://z.us/a)."
        );
    }

    #[test]
    fn links_brackets_and_urls() {
        assert_eq!(
            markdown("pass [the `me` value](https://x.us/a#b) here"),
            "pass [the `me` value](https://x.us/a#b) here"
        );
        assert_eq!(markdown("array [0] or [x]"), "array \\[0\\] or \\[x\\]");
        assert_eq!(
            markdown("go to https://api.zoom.us/v2/users."),
            "go to <https://api.zoom.us/v2/users>."
        );
    }

    #[test]
    fn unknown_tags_and_angle_brackets_are_escaped() {
        assert_eq!(markdown("a <token> b"), "a &lt;token&gt; b");
        assert_eq!(markdown("x `Vec<T>` y"), "x `Vec<T>` y");
    }

    #[test]
    fn fences_are_not_doctests() {
        assert_eq!(markdown("```\n{}\n```"), "```text\n{}\n```");
        assert_eq!(markdown("```json\n{}"), "```json\n{}\n```");
        assert_eq!(markdown("    indented"), "indented");
        assert_eq!(markdown("~~~\n{}\n~~~"), "~~~text\n{}\n~~~");
        assert_eq!(markdown("```no_run\nx\n```"), "```text\nx\n```");
        assert_eq!(markdown("```xml\n<a/>\n```"), "```xml\n<a/>\n```");
    }

    #[test]
    fn a_line_after_a_list_item_is_its_own_paragraph() {
        assert_eq!(markdown("* one\n* two\nafter"), "* one\n* two\n\nafter");
        assert_eq!(markdown("1. one\n   more"), "1. one\n\nmore");
    }

    #[test]
    fn unmatched_backticks_are_literal() {
        assert_eq!(markdown("a ` b"), "a \\` b");
    }
}
