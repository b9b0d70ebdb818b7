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

/// The name with apostrophes dropped (`user’s` is one word) and every other character that
/// cannot be in an ASCII identifier turned into a word break.
fn ascii_words(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}'))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
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
