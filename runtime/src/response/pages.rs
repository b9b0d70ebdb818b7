//! Pagination: a stream over the items of every page of a list operation.
//!
//! Generated code says, per operation, how to fetch a page, where its items are, and how to
//! ask for the next one (a `next_page_token`, or a `page_number` below `page_count`); the
//! walking over pages is done here, once.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use super::raw::Response;
use crate::error::Error;

/// The items of every page, fetched one page at a time as they are consumed.
///
/// Use [`Pages::next`] to take items one by one, [`Pages::collect`] to gather them all, or
/// any `Stream` combinator. An error ends the stream after it is returned.
pub struct Pages<'a, T> {
    inner: BoxStream<'a, Result<T, Error>>,
}

impl<T> std::fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

struct Walk<Q, F, C, P, T> {
    /// The query for the next page; `None` once the last page has been fetched.
    next: Option<Q>,
    fetch: F,
    advance: fn(&mut Q, C),
    split: fn(P) -> (Vec<T>, Option<C>),
    buffer: VecDeque<T>,
}

impl<'a, T: Send + 'a> Pages<'a, T> {
    /// Walks pages from `query`: `fetch` gets one page, `split` takes a page apart into its
    /// items and the cursor of the next page (if any), and `advance` puts that cursor into
    /// the query.
    pub fn new<Q, F, Fut, P, C>(
        query: Q,
        fetch: F,
        advance: fn(&mut Q, C),
        split: fn(P) -> (Vec<T>, Option<C>),
    ) -> Self
    where
        Q: Clone + Send + 'a,
        F: Fn(Q) -> Fut + Send + 'a,
        Fut: Future<Output = Result<Response<P>, Error>> + Send + 'a,
        P: Send + 'a,
        C: Send + 'a,
    {
        let walk = Walk {
            next: Some(query),
            fetch,
            advance,
            split,
            buffer: VecDeque::new(),
        };
        let inner = stream::unfold(walk, |mut walk| async move {
            loop {
                if let Some(item) = walk.buffer.pop_front() {
                    return Some((Ok(item), walk));
                }
                let query = walk.next.take()?;
                match (walk.fetch)(query.clone()).await {
                    Err(error) => return Some((Err(error), walk)),
                    Ok(page) => {
                        let (items, cursor) = (walk.split)(Response::into_body(page));
                        walk.buffer.extend(items);
                        walk.next = cursor.map(|cursor| {
                            let mut next = query;
                            (walk.advance)(&mut next, cursor);
                            next
                        });
                    }
                }
            }
        });
        Pages {
            inner: inner.boxed(),
        }
    }

    /// The next item, fetching the next page when the current one is used up.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        self.inner.next().await
    }

    /// Every item of every page, or the first error.
    pub async fn collect(self) -> Result<Vec<T>, Error> {
        self.inner.try_collect().await
    }
}

impl<T> Stream for Pages<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// The cursor of the next page for `next_page_token` pagination: a token that is absent or
/// empty means the last page.
pub fn next_token(token: Option<String>) -> Option<String> {
    token.filter(|token| !token.is_empty())
}

/// The cursor of the next page for `page_number` pagination.
pub fn next_page_number(page_number: Option<i64>, page_count: Option<i64>) -> Option<i64> {
    match (page_number, page_count) {
        (Some(number), Some(count)) if number < count => Some(number + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, StatusCode};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Clone, Default)]
    struct Query {
        token: Option<String>,
    }

    struct Page {
        items: Vec<u32>,
        next: Option<String>,
    }

    fn page(items: Vec<u32>, next: Option<&str>) -> Response<Page> {
        Response::new(
            StatusCode::OK,
            HeaderMap::new(),
            Page {
                items,
                next: next.map(str::to_owned),
            },
        )
    }

    #[tokio::test]
    async fn walks_every_page_until_the_token_runs_out() {
        let calls = AtomicUsize::new(0);
        let pages = Pages::new(
            Query::default(),
            |query: Query| {
                calls.fetch_add(1, Ordering::SeqCst);
                async move {
                    Ok(match query.token.as_deref() {
                        None => page(vec![1, 2], Some("b")),
                        Some("b") => page(vec![], Some("c")),
                        _ => page(vec![3], Some("")),
                    })
                }
            },
            |query, token| query.token = Some(token),
            |page: Page| (page.items, next_token(page.next)),
        );
        assert_eq!(pages.collect().await.unwrap(), [1, 2, 3]);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let mut pages = Pages::new(
            Query::default(),
            |query: Query| async move {
                match query.token {
                    None => Ok(page(vec![1], Some("b"))),
                    Some(_) => Err(Error::Config("page two failed".into())),
                }
            },
            |query, token| query.token = Some(token),
            |page: Page| (page.items, next_token(page.next)),
        );
        assert_eq!(pages.next().await.unwrap().unwrap(), 1);
        assert!(pages.next().await.unwrap().is_err());
        assert!(pages.next().await.is_none());
    }

    #[test]
    fn page_numbers_stop_at_the_count() {
        assert_eq!(next_page_number(Some(1), Some(3)), Some(2));
        assert_eq!(next_page_number(Some(3), Some(3)), None);
        assert_eq!(next_page_number(None, Some(3)), None);
    }
}
