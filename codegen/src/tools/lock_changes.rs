//! What the lines that differ between two API locks mean for code written against the old
//! one: each item (function, struct, enum, query or form struct, alias) removed, added or
//! changed, as breaking or compatible. A lock is all a user of published bindings has of
//! the API they built against last time, so the build's gate reads locks, not collections.

use std::collections::BTreeMap;

use crate::tools::diff::Impact;

/// One item of the API that differs between two locks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub impact: Impact,
    /// The item, as the lock names it: `fn users::get_a_user`, `struct users::User`.
    pub item: String,
    /// What changed, in a few words.
    pub what: String,
}

/// The items that `removed` and `added` (lines of an old and a new lock) change, breaking
/// ones first, each group in the lock's order.
pub fn classify(removed: &[String], added: &[String]) -> Vec<ItemChange> {
    let mut items: BTreeMap<String, (Option<&str>, Option<&str>)> = BTreeMap::new();
    for line in removed {
        items.entry(item_key(line)).or_default().0 = Some(line);
    }
    for line in added {
        items.entry(item_key(line)).or_default().1 = Some(line);
    }
    let mut changes: Vec<ItemChange> = items
        .into_iter()
        .map(|(item, lines)| {
            let (impact, what) = match lines {
                (Some(_), None) => (Impact::Breaking, "removed".to_owned()),
                (None, Some(_)) => (Impact::Compatible, "added".to_owned()),
                (Some(old), Some(new)) => changed(&item, old, new),
                (None, None) => (Impact::Compatible, String::new()),
            };
            ItemChange { impact, item, what }
        })
        .collect();
    changes.sort_by_key(|change| change.impact);
    changes
}

/// `fn users::get_a_user`, `struct users::User`: a line up to its signature or members.
fn item_key(line: &str) -> String {
    let end = line.find(['(', '{', '=']).unwrap_or(line.len());
    line[..end].trim().to_owned()
}

fn changed(item: &str, old: &str, new: &str) -> (Impact, String) {
    if item.starts_with("fn ") {
        let deprecated_only = new.strip_suffix(" #[deprecated]") == Some(old);
        return if deprecated_only {
            (Impact::Compatible, "deprecated".to_owned())
        } else {
            (
                Impact::Breaking,
                format!("signature now `{}`", signature(new)),
            )
        };
    }
    let (Some(before), Some(after)) = (members(old), members(new)) else {
        return (Impact::Breaking, format!("now `{new}`"));
    };
    let gone: Vec<&str> = before
        .iter()
        .filter(|m| !after.contains(m))
        .copied()
        .collect();
    let new_members: Vec<&str> = after
        .iter()
        .filter(|m| !before.contains(m))
        .copied()
        .collect();
    // A new query or form field that must be given breaks every struct literal without
    // `..Default::default()`; a new optional one, a new response field or a new enum value
    // does not.
    let required_added = (item.starts_with("query ") || item.starts_with("form "))
        && new_members.iter().any(|m| !m.contains(": Option<"));
    let impact = if gone.is_empty() && !required_added {
        Impact::Compatible
    } else {
        Impact::Breaking
    };
    let mut what = Vec::new();
    if !new_members.is_empty() {
        what.push(format!("added {}", new_members.join(", ")));
    }
    if !gone.is_empty() {
        what.push(format!("removed or changed {}", gone.join(", ")));
    }
    (impact, what.join("; "))
}

/// What follows the function's name: its arguments and result.
fn signature(line: &str) -> &str {
    line.find('(').map_or(line, |start| &line[start..])
}

/// The members between the braces of a struct, enum, query or form line, split at the
/// commas outside quotes and angle brackets.
fn members(line: &str) -> Option<Vec<&str>> {
    let open = line.find('{')?;
    let close = line.rfind('}')?;
    let inner = line.get(open + 1..close)?.trim();
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0usize);
    let bytes = inner.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b'"' if index == 0 || bytes[index - 1] != b'\\' => quoted = !quoted,
            b'<' if !quoted => depth += 1,
            b'>' if !quoted => depth -= 1,
            b',' if !quoted && depth == 0 => {
                out.push(inner[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    let last = inner[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| (*line).to_owned()).collect()
    }

    #[test]
    fn items_removed_break_and_items_added_do_not() {
        let changes = classify(
            &lines(&["fn users::delete_a_user(user_id: &str) -> ()"]),
            &lines(&["fn users::list_users(query: &ListUsersQuery) -> ListUsersResponse"]),
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].impact, Impact::Breaking);
        assert_eq!(changes[0].item, "fn users::delete_a_user");
        assert_eq!(changes[0].what, "removed");
        assert_eq!(changes[1].impact, Impact::Compatible);
        assert_eq!(changes[1].item, "fn users::list_users");
    }

    #[test]
    fn new_fields_and_values_are_compatible_and_new_required_parameters_break() {
        let changes = classify(
            &lines(&[
                r#"struct users::User { id: String = "id" }"#,
                r#"enum users::Status { Active = "active" }"#,
                r#"query users::ListUsersQuery { page_size: Option<i64> = "page_size" }"#,
            ]),
            &lines(&[
                r#"struct users::User { id: String = "id", email: String = "email" }"#,
                r#"enum users::Status { Active = "active", Pending = "pending" }"#,
                r#"query users::ListUsersQuery { page_size: Option<i64> = "page_size", role: String = "role" }"#,
            ]),
        );
        let impact = |item: &str| {
            changes
                .iter()
                .find(|c| c.item == item)
                .map(|c| c.impact)
                .unwrap()
        };
        assert_eq!(impact("struct users::User"), Impact::Compatible);
        assert_eq!(impact("enum users::Status"), Impact::Compatible);
        assert_eq!(impact("query users::ListUsersQuery"), Impact::Breaking);
    }

    #[test]
    fn a_changed_signature_breaks_and_a_deprecation_does_not() {
        let changes = classify(
            &lines(&[
                "fn users::get_a_user(user_id: &str) -> User",
                "fn users::old(user_id: &str) -> User",
            ]),
            &lines(&[
                "fn users::get_a_user(user_id: &str, query: &GetAUserQuery) -> User",
                "fn users::old(user_id: &str) -> User #[deprecated]",
            ]),
        );
        assert_eq!(changes[0].item, "fn users::get_a_user");
        assert_eq!(changes[0].impact, Impact::Breaking);
        assert!(changes[0].what.contains("query: &GetAUserQuery"));
        assert_eq!(changes[1].impact, Impact::Compatible);
        assert_eq!(changes[1].what, "deprecated");
    }

    #[test]
    fn a_removed_field_with_a_comma_in_its_json_name_is_one_member() {
        let changes = classify(
            &lines(&[r#"struct m::T { a: String = "x, y", b: Vec<String> = "b" }"#]),
            &lines(&[r#"struct m::T { b: Vec<String> = "b" }"#]),
        );
        assert_eq!(changes[0].impact, Impact::Breaking);
        assert_eq!(changes[0].what, r#"removed or changed a: String = "x, y""#);
    }
}
