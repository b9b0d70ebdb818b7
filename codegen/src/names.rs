//! Rust identifiers from names found in collections.
//!
//! Names are kept as plain strings through the pipeline; whether one must be written as a
//! raw identifier (`r#type`) is decided when tokens are emitted (see [`is_keyword`]).

use std::collections::HashSet;

use heck::ToSnakeCase;

/// `snake_case`, ASCII only, never empty, never starting with a digit, never `self`-like.
pub fn snake(name: &str, fallback: &str) -> String {
    let words = ascii_words(name);
    let mut out = words.to_snake_case();
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    unreserve(out)
}

/// `UpperCamelCase`, ASCII only, never empty, never starting with a digit.
pub fn camel(name: &str, fallback: &str) -> String {
    use heck::ToUpperCamelCase;
    let mut out = ascii_words(name).to_upper_camel_case();
    if out.is_empty() {
        out = fallback.to_upper_camel_case();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    unreserve(out)
}

/// The name's words, space-separated, for heck to case: apostrophes dropped (`user’s` is
/// one word), every other character that cannot be in an ASCII identifier a word break,
/// except that an acronym or a digit group stays one word:
/// - single letters joined by punctuation, and a letter joined to digits: `Q&A` reads
///   `QA`, `H.323` reads `H323`;
/// - a word of mixed case that is an acronym, not camelCase: `QoS`, `OAuth2`, `iOS`, `IDs`
///   read `qos`, `oauth2`, `ios`, `ids` (heck would split them into `qo_s`, `o_auth2`).
fn ascii_words(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}'))
        .collect();
    let mut words: Vec<String> = Vec::new();
    for chunk in cleaned.split_whitespace() {
        let mut parts: Vec<String> = Vec::new();
        let mut rest = chunk;
        let mut joined_by_mark = false;
        while !rest.is_empty() {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let (part, after) = rest.split_at(end);
            if !part.is_empty() {
                match parts.last_mut() {
                    Some(previous) if joined_by_mark && joins(previous, part) => {
                        previous.push_str(part)
                    }
                    _ => parts.push(part.to_owned()),
                }
            }
            let separator_end = after
                .find(|c: char| c.is_ascii_alphanumeric())
                .unwrap_or(after.len());
            let separator = &after[..separator_end];
            // Only `.` and `&` join (`H.323`, `Q&A`); any other break stays one.
            joined_by_mark = matches!(separator, "." | "&");
            rest = &after[separator_end..];
        }
        words.extend(parts.into_iter().map(|part| {
            if is_mixed_case_acronym(&part) {
                part.to_ascii_lowercase()
            } else {
                part
            }
        }));
    }
    words.join(" ")
}

/// Whether two pieces of one word, split by punctuation, are one name: a single letter
/// followed by a single letter (`Q&A`) or by digits (`H.323`).
fn joins(previous: &str, next: &str) -> bool {
    let single_letter = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic());
    // `Q&A&B` joins piece by piece: what came before may be two capitals by then.
    let letters_so_far = single_letter(previous)
        || (previous.len() == 2 && previous.chars().all(|c| c.is_ascii_uppercase()));
    letters_so_far && (single_letter(next) || next.chars().all(|c| c.is_ascii_digit()))
}

/// `QoS`, `OAuth`, `OAuth2`, `iOS`, `IDs`, `URLs`: mixed case, but one word.
fn is_mixed_case_acronym(word: &str) -> bool {
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let bytes = letters.as_bytes();
    let upper = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_uppercase);
    let lower = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
    let n = bytes.len();
    if n < 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let capitals = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    // `QoS`: a capital, a small letter, a capital.
    let qos = n == 3 && upper(0) && lower(1) && upper(2);
    // `OAuth`: two capitals, then small letters.
    let oauth = capitals == 2 && (2..n).all(lower);
    // `IDs`, `URLs`, `APIs`: capitals and a plural.
    let plural = capitals >= 2 && n - capitals == 1 && letters.ends_with('s');
    // `iOS`, `eSIM`: a small letter, then capitals.
    let ios = lower(0) && (1..n).all(upper);
    qos || oauth || plural || ios
}

/// Names that cannot be identifiers even in raw form get a trailing underscore.
fn unreserve(name: String) -> String {
    match name.as_str() {
        "self" | "Self" | "super" | "crate" | "_" => name + "_",
        _ => name,
    }
}

/// Whether `name` must be written as a raw identifier.
pub fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "as" | "break"
            | "const"
            | "continue"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// The types the generated code defines at its root, beside the modules: the API's
/// defaults and the aliases of the runtime's generic types for it.
pub const ROOT_TYPES: &[&str] = &["Api", "Client", "ClientBuilder", "OAuthApp"];

/// Prelude names that generated code uses unqualified.
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "Drop",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "AsRef",
    "AsMut",
    "Debug",
];

/// Names generated structs and enums must not take: they would shadow the prelude, or
/// clash with what the generated root defines and re-exports.
pub fn reserved_type_names() -> impl Iterator<Item = &'static str> {
    PRELUDE
        .iter()
        .chain(ROOT_TYPES)
        .chain(crate::contract::REEXPORTS)
        .copied()
}

/// Hands out names unique within one scope: the second `list_users` becomes `list_users_2`.
#[derive(Debug, Default)]
pub struct Scope {
    used: HashSet<String>,
}

impl Scope {
    /// Whether `name` is taken already (claimed or reserved).
    pub fn is_taken(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    pub fn claim(&mut self, base: &str) -> String {
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let separator = if base.ends_with(|c: char| c.is_ascii_digit())
            || base.contains('_')
            || base.chars().all(|c| !c.is_uppercase())
        {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unused numbered name always exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_identifiers() {
        assert_eq!(snake("Get a user token", "op"), "get_a_user_token");
        assert_eq!(
            snake("Get user’s IM messages", "op"),
            "get_users_im_messages"
        );
        assert_eq!(snake("2FA verify", "op"), "_2fa_verify");
        assert_eq!(snake("{user Id}", "op"), "user_id");
        assert_eq!(snake("Получить тип", "op"), "op");
        assert_eq!(snake("self", "op"), "self_");
        assert_eq!(snake("userId", "f"), "user_id");
        assert_eq!(snake("@type", "f"), "type");
    }

    #[test]
    fn acronyms_and_digit_groups_stay_whole() {
        let cases = [
            ("Get meeting participant QoS", "get_meeting_participant_qos"),
            (
                "List meeting participants QoS",
                "list_meeting_participants_qos",
            ),
            ("Create a H.323/SIP device", "create_a_h323_sip_device"),
            ("List H.323/SIP devices", "list_h323_sip_devices"),
            ("List Q&A of past webinar", "list_qa_of_past_webinar"),
            ("Get webinar Q&A report", "get_webinar_qa_report"),
            ("OAuth2 token", "oauth2_token"),
            ("Revoke OAuth token", "revoke_oauth_token"),
            ("List SIP phones", "list_sip_phones"),
            ("Enable SSO", "enable_sso"),
            ("Get iOS devices", "get_ios_devices"),
            ("Delete user IDs", "delete_user_ids"),
            ("Batch URLs", "batch_urls"),
            ("userId", "user_id"),
            ("pageSize", "page_size"),
            ("e2e_encryption", "e2e_encryption"),
            ("macOS", "mac_os"),
            ("v2.0 status", "v2_0_status"),
        ];
        for (name, expected) in cases {
            assert_eq!(snake(name, "op"), expected, "{name}");
        }
        assert_eq!(camel("participant QoS", "T"), "ParticipantQos");
        assert_eq!(camel("H.323 device", "T"), "H323Device");
    }

    #[test]
    fn camel_case_identifiers() {
        assert_eq!(camel("get a user token", "T"), "GetAUserToken");
        assert_eq!(camel("1.000000", "field"), "N1000000");
        assert_eq!(camel("", "field"), "Field");
        assert_eq!(camel("Self", "T"), "Self_");
    }

    #[test]
    fn scope_numbers_repeated_names() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("list_users"), "list_users");
        assert_eq!(scope.claim("list_users"), "list_users_2");
        assert_eq!(scope.claim("Meeting"), "Meeting");
        assert_eq!(scope.claim("Meeting"), "Meeting2");
    }
}
