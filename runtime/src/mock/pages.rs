//! The pages of a list: the example's items served a page at a time, then a last page
//! with none, as a paging server would.

use bytes::Bytes;
use serde_json::Value;

use super::{Cursor, Paging};

/// What the cursors the mock hands out start with; the rest is the offset of the next item.
const TOKEN_PREFIX: &str = "mock-page-from-";

/// A page of an example.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Paged {
    /// The body is not a page (no object with the list of items): served as it is.
    Unchanged,
    Page(Bytes),
    /// The request asks for a page that cannot be: a cursor the mock did not hand out, a
    /// page size or number that is not a whole number from 1. The message says which.
    Refused(String),
}

/// The page of `body` (a successful example of a list) that `query` asks for.
///
/// The example's items are served `page size` at a time (all on one page without a size),
/// each page with the cursor of the next. When the example shows that more pages follow (a
/// non-empty cursor, or a `page_number` below its `page_count`), one page with no items
/// comes after them, the last; otherwise the last page of items is the last page, as the
/// example says. The example's other fields are served as it has them.
///
/// With token paging, the first page is asked for with no cursor (or an empty one, or one
/// the collection's requests send) and hands out the example's own cursor, which stands for
/// the second page; the later cursors are the mock's. With page numbers, page `n` is the
/// `n`th page and `page_count` counts them all (at least as many as the example says). So
/// the first page of an example whose items fit the page size is the example as the
/// collection has it.
pub(super) fn page(paging: &Paging, body: &[u8], query: &[(String, String)]) -> Paged {
    let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(body) else {
        return Paged::Unchanged;
    };
    let Some(Value::Array(items)) = object.get_mut(paging.items).map(std::mem::take) else {
        return Paged::Unchanged;
    };
    let asked = |name: &str| {
        query
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let size = match paging.size.and_then(|name| asked(name).map(|v| (name, v))) {
        Some((name, value)) => match whole_number(value) {
            Some(size) => size,
            None => return refused(name, value),
        },
        None => items.len().max(1),
    };
    let total = items.len();
    let from = match paging.cursor {
        Cursor::Token {
            query,
            response,
            shown,
        } => {
            let given = object
                .get(response)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let from = match asked(query).filter(|token| !token.is_empty()) {
                None => 0,
                // The example's own cursor, handed out with the first page.
                Some(token) if token == given => size.min(total),
                // A cursor the collection's request sends: the page its example shows.
                Some(token) if shown.contains(&token) => 0,
                Some(token) => match offset(token).filter(|&from| from <= total) {
                    Some(from) => from,
                    None => {
                        return Paged::Refused(format!(
                        "the mock handed out no {query} {token:?}: pass back the one a page gave"
                    ))
                    }
                },
            };
            let to = from.saturating_add(size).min(total);
            // The empty last page follows the items only when the example shows a cursor.
            let more = !given.is_empty();
            let next = if from >= total || (to == total && !more) {
                None
            } else if from == 0 && more {
                Some(given)
            } else {
                Some(format!("{TOKEN_PREFIX}{to}"))
            };
            match next {
                Some(next) => {
                    object.insert(response.to_owned(), Value::from(next));
                }
                // A last page says so where the example has the field.
                None => {
                    if let Some(field) = object.get_mut(response) {
                        *field = Value::from("");
                    }
                }
            }
            from
        }
        Cursor::Number {
            query,
            number,
            count,
        } => {
            let page = match asked(query) {
                None => 1,
                Some(value) => match whole_number(value) {
                    Some(page) => page,
                    None => return refused(query, value),
                },
            };
            let shown = |name: &str| object.get(name).and_then(Value::as_u64);
            let item_pages = total.div_ceil(size);
            let pages = match (shown(number), shown(count)) {
                // More pages follow the example's: the items, then an empty page, and at
                // least as many pages as the example counts.
                (Some(n), Some(c)) if n < c => {
                    let c = usize::try_from(c).unwrap_or(usize::MAX);
                    item_pages.saturating_add(1).max(c)
                }
                _ => item_pages.max(1),
            };
            object.insert(number.to_owned(), Value::from(page));
            object.insert(count.to_owned(), Value::from(pages));
            (page - 1).saturating_mul(size).min(total)
        }
    };
    let to = from.saturating_add(size).min(total);
    let page: Vec<Value> = items.into_iter().skip(from).take(to - from).collect();
    object.insert(paging.items.to_owned(), Value::Array(page));
    Paged::Page(Bytes::from(Value::Object(object).to_string()))
}

fn refused(name: &str, value: &str) -> Paged {
    Paged::Refused(format!(
        "{name} must be a whole number from 1, not {value:?}"
    ))
}

/// A whole number from 1.
fn whole_number(value: &str) -> Option<usize> {
    value.trim().parse::<usize>().ok().filter(|&n| n >= 1)
}

/// The offset a cursor the mock handed out holds.
fn offset(token: &str) -> Option<usize> {
    let digits = token.strip_prefix(TOKEN_PREFIX)?;
    // Only the form the mock writes: no sign, no leading zeros.
    if digits.is_empty()
        || digits.starts_with(['+', '-'])
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: Paging = Paging {
        items: "users",
        size: Some("page_size"),
        cursor: Cursor::Token {
            query: "next_page_token",
            response: "next_page_token",
            shown: &["from-the-collection"],
        },
    };

    const NUMBER: Paging = Paging {
        items: "users",
        size: Some("page_size"),
        cursor: Cursor::Number {
            query: "page_number",
            number: "page_number",
            count: "page_count",
        },
    };

    /// A first page that says more follow: a cursor, and page 1 of 2.
    const BODY: &str = r#"{"page_size": 30, "next_page_token": "abc", "page_number": 1,
        "page_count": 2, "users": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#;

    /// A page that says it is the last: no cursor, page 1 of 1.
    const LAST: &str = r#"{"page_size": 30, "next_page_token": "", "page_number": 1,
        "page_count": 1, "users": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#;

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn served(paging: &Paging, pairs: &[(&str, &str)]) -> Value {
        served_from(BODY, paging, pairs)
    }

    fn served_from(body: &str, paging: &Paging, pairs: &[(&str, &str)]) -> Value {
        match page(paging, body.as_bytes(), &query(pairs)) {
            Paged::Page(body) => serde_json::from_slice(&body).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    fn ids(page: &Value) -> Vec<&str> {
        page["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|user| user["id"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn tokens_walk_the_items_then_end() {
        let first = served(&TOKEN, &[("page_size", "2")]);
        assert_eq!(ids(&first), ["a", "b"]);
        assert_eq!(
            first["page_size"], 30,
            "the example's other fields as they are"
        );
        let token = first["next_page_token"].as_str().unwrap().to_owned();
        assert_eq!(token, "abc", "the example's own cursor comes first");
        let second = served(&TOKEN, &[("page_size", "2"), ("next_page_token", &token)]);
        assert_eq!(ids(&second), ["c"]);
        let token = second["next_page_token"].as_str().unwrap().to_owned();
        assert_eq!(token, "mock-page-from-3");
        let last = served(&TOKEN, &[("page_size", "2"), ("next_page_token", &token)]);
        assert!(ids(&last).is_empty());
        assert_eq!(last["next_page_token"], "");
    }

    #[test]
    fn the_mock_cursors_come_after_the_examples() {
        let first = served(&TOKEN, &[("page_size", "1")]);
        assert_eq!(
            (ids(&first), first["next_page_token"].as_str()),
            (vec!["a"], Some("abc"))
        );
        let second = served(&TOKEN, &[("page_size", "1"), ("next_page_token", "abc")]);
        assert_eq!(ids(&second), ["b"]);
        assert_eq!(second["next_page_token"], "mock-page-from-2");
    }

    #[test]
    fn a_cursor_the_collection_sends_gets_the_first_page() {
        let first = served(&TOKEN, &[("next_page_token", "from-the-collection")]);
        assert_eq!(ids(&first), ["a", "b", "c"]);
        assert_eq!(first["next_page_token"], "abc");
    }

    #[test]
    fn without_a_size_the_items_come_on_one_page() {
        let first = served(&TOKEN, &[("next_page_token", "")]);
        assert_eq!(ids(&first), ["a", "b", "c"]);
        let token = first["next_page_token"].as_str().unwrap().to_owned();
        let last = served(&TOKEN, &[("next_page_token", &token)]);
        assert!(ids(&last).is_empty());
        assert_eq!(last["next_page_token"], "");
    }

    #[test]
    fn page_numbers_count_up_to_the_empty_last_page() {
        let first = served(&NUMBER, &[("page_size", "2")]);
        assert_eq!(ids(&first), ["a", "b"]);
        assert_eq!(
            (first["page_number"].as_i64(), first["page_count"].as_i64()),
            (Some(1), Some(3))
        );
        let second = served(&NUMBER, &[("page_size", "2"), ("page_number", "2")]);
        assert_eq!(ids(&second), ["c"]);
        let last = served(&NUMBER, &[("page_size", "2"), ("page_number", "3")]);
        assert!(ids(&last).is_empty());
        assert_eq!(last["page_number"], last["page_count"]);
        let beyond = served(&NUMBER, &[("page_size", "2"), ("page_number", "9")]);
        assert!(ids(&beyond).is_empty());
    }

    #[test]
    fn an_example_that_says_it_is_the_last_page_has_no_empty_page_after_it() {
        let only = served_from(LAST, &TOKEN, &[]);
        assert_eq!(ids(&only), ["a", "b", "c"]);
        assert_eq!(only["next_page_token"], "");
        let first = served_from(LAST, &TOKEN, &[("page_size", "2")]);
        assert_eq!(first["next_page_token"], "mock-page-from-2");
        let token = first["next_page_token"].as_str().unwrap().to_owned();
        let last = served_from(
            LAST,
            &TOKEN,
            &[("page_size", "2"), ("next_page_token", &token)],
        );
        assert_eq!(ids(&last), ["c"]);
        assert_eq!(last["next_page_token"], "");
        // Without the field, a last page stays without it.
        let bare = r#"{"users": [{"id": "a"}]}"#;
        assert!(served_from(bare, &TOKEN, &[])
            .get("next_page_token")
            .is_none());

        let numbered = served_from(LAST, &NUMBER, &[]);
        assert_eq!(
            (
                numbered["page_number"].as_i64(),
                numbered["page_count"].as_i64()
            ),
            (Some(1), Some(1))
        );
        let second = served_from(LAST, &NUMBER, &[("page_size", "2"), ("page_number", "2")]);
        assert_eq!(ids(&second), ["c"]);
        assert_eq!(second["page_number"], second["page_count"]);
    }

    #[test]
    fn page_counts_are_at_least_the_examples() {
        let body = r#"{"page_number": 1, "page_count": 5, "users": [{"id": "a"}]}"#;
        let first = served_from(body, &NUMBER, &[]);
        assert_eq!(first["page_count"], 5);
    }

    #[test]
    fn cursors_and_sizes_that_cannot_be_are_refused() {
        for pairs in [
            &[("next_page_token", "abd")][..],
            &[("next_page_token", "mock-page-from-4")],
            &[("next_page_token", "mock-page-from-01")],
            &[("next_page_token", "mock-page-from-+1")],
            &[("page_size", "0")],
            &[("page_size", "-1")],
            &[("page_size", "many")],
        ] {
            let paged = page(&TOKEN, BODY.as_bytes(), &query(pairs));
            assert!(matches!(paged, Paged::Refused(_)), "{pairs:?}: {paged:?}");
        }
        let paged = page(&NUMBER, BODY.as_bytes(), &query(&[("page_number", "0")]));
        assert!(matches!(paged, Paged::Refused(_)), "{paged:?}");
    }

    #[test]
    fn bodies_that_are_not_pages_are_served_as_they_are() {
        for body in [
            "not json",
            "[1, 2]",
            r#"{"users": "none"}"#,
            r#"{"other": []}"#,
        ] {
            assert_eq!(
                page(&TOKEN, body.as_bytes(), &[]),
                Paged::Unchanged,
                "{body}"
            );
        }
    }

    #[test]
    fn an_empty_list_is_one_last_page() {
        let body = br#"{"next_page_token": "x", "users": []}"#;
        let Paged::Page(page) = page(&TOKEN, body, &[]) else {
            panic!("a page");
        };
        let page: Value = serde_json::from_slice(&page).unwrap();
        assert_eq!(page["next_page_token"], "");
    }
}
