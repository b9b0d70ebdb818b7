//! The names of an enum's variants. A value that reads as a name (`active`, `past`) names
//! its variant; a value that does not (`1`, `8`, `-1`) is named after what its description
//! says it means (`1`: "An instant meeting." gives `Instant`), so that a caller writes
//! `Type::Scheduled`, not `Type::Value2`.
//!
//! The rule, for the values that do not read as names:
//! 1. Each description is cut at its first clause: at `.`, `,`, `;`, `:` or `(`, and before
//!    `when`, `if`, `which`, `that`, `who`, `where`, `because`, `so` or `to`.
//! 2. Of its words, articles, prepositions, `I` and the forms of `to be` are left out (`a`,
//!    `an`, `the`, `with`, `through`, `via`, `by`, `in`, `on`, `at`, `of`, `for`, `from`,
//!    `i`, `am`, `is`, `are`, `was`, `were`, `be`).
//! 3. What every value says is left out (`meeting` in "An instant meeting." and "A
//!    scheduled meeting."), unless it follows `no` or `not`, and so is a first word three
//!    quarters of the values begin with (`Signs` in "Signs in through Google"); a value never
//!    loses all its words this way.
//! 4. At most four words are kept, without a trailing `and`, `or`, `no` or `not`.
//!
//! When a value has no description, or two values would get the same name, the enum's
//! variants are named after their values (`Value1`), as they are everywhere with
//! [`VariantNames::FromValue`].

use std::collections::HashSet;

use crate::names;

/// How the variants of enums whose values are numbers are named.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum VariantNames {
    /// After what the collection says each value means (`Instant`, `Scheduled`), or after
    /// the value when it says nothing; the default.
    #[default]
    FromMeaning,
    /// After the value itself (`Value1`, `Value2`, `ValueMinus1`).
    FromValue,
}

/// The variant name of each `(value, description)`, in order. Numeric values and values
/// that do not start with a letter are named by `style`; the others after themselves.
pub(crate) fn variant_names(
    values: &[(String, String)],
    numeric: bool,
    style: VariantNames,
) -> Vec<String> {
    let reads_as_name = |value: &str| !numeric && value.starts_with(|c: char| c.is_alphabetic());
    let by_value = || {
        values
            .iter()
            .map(|(value, _)| value_name(value, numeric))
            .collect()
    };
    if values.iter().all(|(value, _)| reads_as_name(value)) {
        return by_value();
    }
    if style == VariantNames::FromValue {
        return by_value();
    }
    let Some(meanings) = meaning_names(values) else {
        return by_value();
    };
    values
        .iter()
        .zip(meanings)
        .map(|((value, _), meaning)| {
            if reads_as_name(value) {
                value_name(value, numeric)
            } else {
                meaning
            }
        })
        .collect()
}

/// A variant named after its value.
pub(crate) fn value_name(value: &str, numeric: bool) -> String {
    if !numeric {
        return names::camel(value, "Value");
    }
    match value.strip_prefix('-') {
        Some(magnitude) => format!("ValueMinus{magnitude}"),
        None => format!("Value{value}"),
    }
}

const FILLERS: &[&str] = &[
    "a", "an", "the", "with", "through", "via", "by", "in", "on", "at", "of", "for", "from", "i",
    "am", "is", "are", "was", "were", "be",
];
const CLAUSE_STARTS: &[&str] = &[
    "when", "if", "which", "that", "who", "where", "because", "so", "to",
];
const NEGATIONS: &[&str] = &["no", "not"];
const TRAILING: &[&str] = &["and", "or", "no", "not"];
const MAX_WORDS: usize = 4;

/// Every value's name from its description, or `None` when one has none or two collide.
fn meaning_names(values: &[(String, String)]) -> Option<Vec<String>> {
    let words: Vec<Vec<String>> = values
        .iter()
        .map(|(_, doc)| first_clause_words(doc))
        .collect();
    if words.iter().any(Vec::is_empty) {
        return None;
    }
    let shared = said_by_all(&words);
    let common_start = common_first_word(&words);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(words.len());
    for words in &words {
        let kept = distinctive(words, &shared, common_start.as_deref());
        let name = names::camel(&kept.join(" "), "");
        if name.is_empty() || !seen.insert(name.clone()) {
            return None;
        }
        out.push(name);
    }
    Some(out)
}

/// The words of the description's first clause, without articles and prepositions.
fn first_clause_words(doc: &str) -> Vec<String> {
    let clause = doc
        .split(['.', ',', ';', ':', '('])
        .next()
        .unwrap_or_default();
    let mut words = Vec::new();
    // A hyphenated word (`sign-on`, `toll-free`) is one word, whatever its parts are.
    for word in clause
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_ascii_lowercase();
        if !words.is_empty() && CLAUSE_STARTS.contains(&lower.as_str()) {
            break;
        }
        if !FILLERS.contains(&lower.as_str()) {
            words.push(word.to_owned());
        }
    }
    words
}

/// The words (lower case) every description has, when there are several.
fn said_by_all(words: &[Vec<String>]) -> HashSet<String> {
    let lower = |w: &Vec<String>| -> HashSet<String> {
        w.iter().map(|word| word.to_ascii_lowercase()).collect()
    };
    let mut iter = words.iter();
    let Some(first) = iter.next() else {
        return HashSet::new();
    };
    if words.len() < 2 {
        return HashSet::new();
    }
    let mut shared = lower(first);
    for other in iter {
        let other = lower(other);
        shared.retain(|word| other.contains(word));
    }
    shared
}

/// The first word (lower case) that at least three quarters of three or more descriptions
/// begin with.
fn common_first_word(words: &[Vec<String>]) -> Option<String> {
    if words.len() < 3 {
        return None;
    }
    let firsts: Vec<String> = words
        .iter()
        .filter_map(|w| w.first().map(|word| word.to_ascii_lowercase()))
        .collect();
    let candidate = firsts.first()?.clone();
    let best = firsts
        .iter()
        .map(|word| (firsts.iter().filter(|w| *w == word).count(), word))
        .max_by_key(|(count, _)| *count)
        .map_or(candidate, |(_, word)| word.clone());
    let count = firsts.iter().filter(|w| **w == best).count();
    (count * 4 >= words.len() * 3).then_some(best)
}

/// The words that tell this value from the others, at most [`MAX_WORDS`].
fn distinctive(
    words: &[String],
    shared: &HashSet<String>,
    common_start: Option<&str>,
) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    for (index, word) in words.iter().enumerate() {
        let lower = word.to_ascii_lowercase();
        let after_negation = kept
            .last()
            .is_some_and(|prev| NEGATIONS.contains(&prev.to_ascii_lowercase().as_str()));
        let starts_alike = index == 0 && common_start == Some(lower.as_str());
        if (shared.contains(&lower) && !after_negation) || starts_alike {
            continue;
        }
        kept.push(word.clone());
    }
    if kept.is_empty() {
        kept = words.to_vec();
    }
    kept.truncate(MAX_WORDS);
    while kept.len() > 1
        && kept
            .last()
            .is_some_and(|w| TRAILING.contains(&w.to_ascii_lowercase().as_str()))
    {
        kept.pop();
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(values: &[(&str, &str)]) -> Vec<String> {
        let values: Vec<(String, String)> = values
            .iter()
            .map(|(v, d)| (v.to_string(), d.to_string()))
            .collect();
        variant_names(&values, true, VariantNames::FromMeaning)
    }

    #[test]
    fn meeting_types_are_named_by_what_they_are() {
        let names = named(&[
            ("1", "An instant meeting."),
            ("2", "A scheduled meeting."),
            ("3", "A recurring meeting with no fixed time."),
            ("8", "A recurring meeting with fixed time."),
        ]);
        assert_eq!(
            names,
            [
                "Instant",
                "Scheduled",
                "RecurringNoFixedTime",
                "RecurringFixedTime"
            ]
        );
    }

    #[test]
    fn a_first_word_most_values_share_is_left_out() {
        let names = named(&[
            ("0", "Signs in through Facebook"),
            ("1", "Signs in through Google"),
            ("97", "Signs in on a phone or tablet"),
            ("99", "A user made for API access"),
            ("101", "Signs in with single sign-on (SSO)"),
            ("11", "Signs in with a phone number (China only)"),
        ]);
        assert_eq!(
            names,
            [
                "Facebook",
                "Google",
                "PhoneOrTablet",
                "UserMadeApiAccess",
                "SingleSignOn",
                "PhoneNumber"
            ]
        );
    }

    #[test]
    fn a_shared_word_after_a_negation_stays() {
        let names = named(&[
            (
                "0",
                "Automatically approve the registration when a user registers.",
            ),
            ("1", "Manually approve or deny the registration of a user."),
            ("2", "No registration required to view the recording."),
        ]);
        assert_eq!(
            names,
            [
                "AutomaticallyApprove",
                "ManuallyApproveOrDeny",
                "NoRegistrationRequired"
            ]
        );
    }

    #[test]
    fn a_word_most_but_not_all_share_stays() {
        let names = named(&[
            ("1", "Toll-free numbers, calling in and out."),
            ("2", "Toll numbers."),
            ("3", "SIP connected audio."),
        ]);
        assert_eq!(
            names,
            ["TollFreeNumbers", "TollNumbers", "SipConnectedAudio"]
        );
    }

    #[test]
    fn sentences_in_the_first_person_lose_the_person() {
        let names = named(&[
            ("1", "I am no longer working remote."),
            ("4", "The expense is too high."),
            ("5", "I purchased the wrong product."),
        ]);
        assert_eq!(
            names,
            [
                "NoLongerWorkingRemote",
                "ExpenseTooHigh",
                "PurchasedWrongProduct"
            ]
        );
    }

    #[test]
    fn long_meanings_keep_four_words() {
        let names = named(&[
            (
                "1",
                "Ask the user every time they join meetings and webinars.",
            ),
            ("2", "Always display pronouns in meetings and webinars."),
            ("3", "Do not display pronouns in meetings and webinars."),
        ]);
        assert_eq!(
            names,
            [
                "AskUserEveryTime",
                "AlwaysDisplayPronouns",
                "DoNotDisplayPronouns"
            ]
        );
    }

    #[test]
    fn undocumented_or_colliding_values_are_named_by_value() {
        assert_eq!(named(&[("1", "Basic."), ("2", "")]), ["Value1", "Value2"]);
        assert_eq!(
            named(&[("1", "A basic user."), ("2", "A basic user, again.")]),
            ["Value1", "Value2"]
        );
        assert_eq!(
            named(&[("-1", "Deleted."), ("1", "Active.")]),
            ["Deleted", "Active"]
        );
    }

    #[test]
    fn names_from_values_on_request_and_for_words() {
        let values = vec![
            ("1".to_owned(), "An instant meeting.".to_owned()),
            ("-1".to_owned(), "Gone.".to_owned()),
        ];
        assert_eq!(
            variant_names(&values, true, VariantNames::FromValue),
            ["Value1", "ValueMinus1"]
        );
        let words = vec![
            ("active".to_owned(), "Active users.".to_owned()),
            ("pending".to_owned(), String::new()),
        ];
        assert_eq!(
            variant_names(&words, false, VariantNames::FromMeaning),
            ["Active", "Pending"]
        );
    }
}
