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
    let aliases = Aliases::of(added);
    let mut items: BTreeMap<String, (Option<&str>, Option<&str>)> = BTreeMap::new();
    for line in removed {
        items.entry(item_key(line)).or_default().0 = Some(line);
    }
    for line in added {
        items.entry(item_key(line)).or_default().1 = Some(line);
    }
    // A struct or enum that became an alias of a shared type is compared with that type.
    let mut became_alias = Vec::new();
    for (item, lines) in items.iter_mut() {
        let (Some(_), None) = lines else { continue };
        let Some((kind, path)) = item.split_once(' ') else {
            continue;
        };
        let Some(target) = aliases.target_of(path) else {
            continue;
        };
        let shared = added
            .iter()
            .find(|line| item_key(line) == format!("{kind} {target}"));
        if let Some(shared) = shared {
            lines.1 = Some(shared);
            became_alias.push(format!("type {path}"));
        }
    }
    for item in became_alias {
        items.remove(&item);
    }
    let mut changes: Vec<ItemChange> = items
        .into_iter()
        .map(|(item, lines)| {
            let (impact, what) = match lines {
                (Some(_), None) => (Impact::Breaking, "removed".to_owned()),
                (None, Some(_)) => (Impact::Compatible, "added".to_owned()),
                (Some(old), Some(new)) => {
                    let module = item_module(&item);
                    let (old_text, new_text) =
                        (aliases.resolve(old, module), aliases.resolve(new, module));
                    let old_text = widened_path_args(&old_text, &new_text);
                    let (impact, what) = if old_text == new_text {
                        (
                            Impact::Compatible,
                            "the same types, under their shared names".to_owned(),
                        )
                    } else {
                        changed(&item, &old_text, &new_text)
                    };
                    match (impact, item_key(new) != item) {
                        (_, true) => (
                            impact,
                            format!("now an alias of `{}`; {what}", item_key(new)),
                        ),
                        _ => (impact, what),
                    }
                }
                (None, None) => (Impact::Compatible, String::new()),
            };
            ItemChange { impact, item, what }
        })
        .collect();
    changes.sort_by_key(|change| change.impact);
    changes
}

/// The aliases a new lock adds: the names a module's requests gave types that are now
/// shared, so that a signature naming the old name and one naming the shared type agree.
struct Aliases {
    /// `users::CreateAMeetingBody` to `resources::Meeting`.
    targets: BTreeMap<String, String>,
}

impl Aliases {
    fn of(added: &[String]) -> Self {
        let targets = added
            .iter()
            .filter_map(|line| line.strip_prefix("type "))
            .filter_map(|line| line.split_once(" = "))
            .map(|(path, target)| (path.trim().to_owned(), target.trim().to_owned()))
            .collect();
        Aliases { targets }
    }

    fn target_of(&self, path: &str) -> Option<&str> {
        self.targets.get(path).map(String::as_str)
    }

    /// `line` with every type name that is now an alias replaced by what it names, as
    /// written in `module`.
    fn resolve(&self, line: &str, module: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut word = String::new();
        let mut qualified = false;
        let flush = |word: &mut String, qualified: bool, out: &mut String| {
            let path = if module.is_empty() {
                word.clone()
            } else {
                format!("{module}::{word}")
            };
            match self.targets.get(&path) {
                Some(target) if !qualified && !word.is_empty() => out.push_str(target),
                _ => out.push_str(word),
            }
            word.clear();
        };
        for c in line.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            flush(&mut word, qualified, &mut out);
            qualified = c == ':';
            out.push(c);
        }
        flush(&mut word, qualified, &mut out);
        out
    }
}

/// An old function line with its `&str` path parameters written as the new line writes
/// them, where that is `&impl PathArg`: every `&str` is a `PathArg`, so a call that
/// compiled still does.
fn widened_path_args(old: &str, new: &str) -> String {
    let mut old = old.to_owned();
    let mut rest = new;
    while let Some(at) = rest.find(": &impl PathArg") {
        let name_start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let name = &rest[name_start..at];
        old = old.replace(
            &format!("({name}: &str"),
            &format!("({name}: &impl PathArg"),
        );
        old = old.replace(
            &format!(" {name}: &str"),
            &format!(" {name}: &impl PathArg"),
        );
        rest = &rest[at + 1..];
    }
    old
}

/// The module of an item (`users` of `fn users::get_a_user`), empty at the root.
fn item_module(item: &str) -> &str {
    let path = item.split_once(' ').map_or(item, |(_, path)| path);
    path.rsplit_once("::").map_or("", |(module, _)| module)
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
    fn a_struct_that_became_an_alias_of_an_equal_shared_type_is_compatible() {
        let changes = classify(
            &lines(&[
                "struct users::CreateAMeetingBody { topic: String = \"topic\" }",
                "fn users::create_a_meeting(user_id: &str, body: &CreateAMeetingBody) -> ()",
            ]),
            &lines(&[
                "struct resources::Meeting { topic: String = \"topic\", id: i64 = \"id\" }",
                "type users::CreateAMeetingBody = resources::Meeting",
                "fn users::create_a_meeting(user_id: &impl PathArg, body: &resources::Meeting) -> ()",
            ]),
        );
        let breaking: Vec<&ItemChange> = changes
            .iter()
            .filter(|c| c.impact == Impact::Breaking)
            .collect();
        assert!(breaking.is_empty(), "{breaking:?}");
        let became = changes
            .iter()
            .find(|c| c.item == "struct users::CreateAMeetingBody")
            .expect("the struct is listed");
        assert!(
            became
                .what
                .starts_with("now an alias of `struct resources::Meeting`"),
            "{became:?}"
        );
        assert!(!changes
            .iter()
            .any(|c| c.item == "type users::CreateAMeetingBody"));
    }

    #[test]
    fn an_alias_of_a_shared_type_that_lost_a_field_breaks() {
        let changes = classify(
            &lines(&[
                "struct users::Settings { audio: String = \"audio\", video: bool = \"video\" }",
            ]),
            &lines(&[
                "struct resources::MeetingSettings { audio: String = \"audio\" }",
                "type users::Settings = resources::MeetingSettings",
            ]),
        );
        assert_eq!(changes[0].impact, Impact::Breaking, "{changes:?}");
        assert!(changes[0].what.contains("video"), "{changes:?}");
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
