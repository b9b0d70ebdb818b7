//! The pages of a list: the example's items served a page at a time, then a last page
//! with none, as a paging server would.

use bytes::Bytes;
use serde_json::{Map, Value};

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
/// each page with the cursor of the next; after the last of them comes one page with no
/// items and no cursor. With token paging, the first page is asked for with no cursor (or
/// an empty one) and hands out the example's own cursor, when it has one, which stands for
/// the second page; the later cursors are the mock's. So the first page of an example whose
/// items fit the page size is the example as the collection has it. With page numbers,
/// page `n` is the `n`th of those pages and `page_count` counts them all.
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
    let (from, cursor) = match paging.cursor {
        Cursor::Token { query, response } => {
            let given = object
                .get(response)
                .and_then(Value::as_str)
                .unwrap_or_default();
            let from = match asked(query).filter(|token| !token.is_empty()) {
                None => 0,
                // The example's own cursor, handed out with the first page.
                Some(token) if token == given => size.min(total),
                Some(token) => match offset(token).filter(|&from| from <= total) {
                    Some(from) => from,
                    None => {
                        return Paged::Refused(format!(
                        "the mock handed out no {query} {token:?}: pass back the one a page gave"
                    ))
                    }
                },
            };
            let next = match from.saturating_add(size).min(total) {
                _ if from >= total => String::new(),
                next if from == 0 && !given.is_empty() && next == size.min(total) => {
                    given.to_owned()
                }
                next => format!("{TOKEN_PREFIX}{next}"),
            };
            object.insert(response.to_owned(), Value::from(next));
            (from, None)
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
            // The pages with items, then the empty one.
            let pages = total.div_ceil(size).saturating_add(1);
            let from = (page - 1).saturating_mul(size).min(total);
            (from, Some((number, page, count, pages)))
        }
    };
    let to = from.saturating_add(size).min(total);
    let page: Vec<Value> = items.into_iter().skip(from).take(to - from).collect();
    object.insert(paging.items.to_owned(), Value::Array(page));
    if let Some((number, page, count, pages)) = cursor {
        object.insert(number.to_owned(), Value::from(page));
        object.insert(count.to_owned(), Value::from(pages));
    }
    if let Some(name) = paging.size {
        set_if_number(&mut object, name, size);
    }
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

/// Writes a count the response already holds as a number, so that it tells the truth.
fn set_if_number(object: &mut Map<String, Value>, name: &str, value: usize) {
    if let Some(field) = object.get_mut(name).filter(|field| field.is_number()) {
        *field = Value::from(value);
    }
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

    const BODY: &str = r#"{"page_size": 30, "next_page_token": "abc", "page_number": 1,
        "page_count": 1, "users": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#;

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn served(paging: &Paging, pairs: &[(&str, &str)]) -> Value {
        match page(paging, BODY.as_bytes(), &query(pairs)) {
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
        assert_eq!(first["page_size"], 2);
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
    fn without_a_size_the_items_come_on_one_page() {
        let first = served(&TOKEN, &[("next_page_token", "")]);
        assert_eq!(ids(&first), ["a", "b", "c"]);
        assert_eq!(first["page_size"], 3);
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
