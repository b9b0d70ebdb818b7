//! A mock of an API: a real HTTP server on 127.0.0.1 that answers with a collection's
//! example responses, as Postman's mock servers do, and pages through lists as the API
//! would.
//!
//! What it serves is data the generator writes at build time (a [`MockApi`]: routes, their
//! examples, the ids the collection knows and how lists page), so nothing is parsed at run
//! time but the example bodies. Requests are routed by method and path template
//! (`/users/{userId}/token` answers `/users/me/token`). Of an operation's examples it serves:
//!
//! 1. the one the `x-mock-response-name` header names (an example's name), or else
//! 2. the first one whose status the `x-mock-response-code` header gives (`404`, say), or
//!    else
//! 3. the operation's `404` example, when it has one and a path parameter holds an id the
//!    collection does not know: none of [`Route::known_values`] (the generator lists the
//!    values the collection gives path parameters of that name, when they include an id
//!    its examples show; a parameter with no list accepts any value), or else
//! 4. the default one (the first successful one).
//!
//! A header asking for an example the operation does not have gets a `404` saying so.
//!
//! A successful example of a list operation ([`Route::paging`]) is served a page at a time:
//! its items, as many per page as the request's page size asks (all of them without one),
//! each page with the cursor of the next. When the example shows that more pages follow (a
//! non-empty `next_page_token`, or a `page_number` below its `page_count`), a last page with
//! no items and no cursor comes after them (an empty `next_page_token`, or a `page_number`
//! equal to `page_count`); otherwise the last page of items is the last. Walking a list
//! therefore ends. The first page hands out the example's own cursor, the later ones are
//! the mock's; a cursor it did not hand out, and that the collection's requests do not send,
//! gets a `400`. [`MockOptions::paging`] turns this off, for tests that compare answers with
//! the examples.
//!
//! It also grants OAuth tokens at [`MockServer::token_url`], so that OAuth set-ups run
//! offline, and records what it received ([`MockServer::received_requests`], bodies
//! included). Started with [`MockOptions::serve_files`], it also serves generated content
//! for the download URLs its examples show; [`MockOptions::latency`] delays its answers.
//!
//! A [`WebhookSender`] plays the other direction: it signs webhook deliveries (examples the
//! generator wrote, as [`MockEvent`]s, or any body) and posts them to a handler on this
//! machine, and checks its answers to URL validation challenges.
//!
//! ```no_run
//! use postman_runtime::mock::{MockApi, MockServer};
//!
//! static API: MockApi = MockApi { base_path: "/v2", routes: &[] };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let server = MockServer::start(&API).await?;
//! let client = postman_runtime::Client::<postman_runtime::AnyApi>::builder()
//!     .base_url(server.base_url())
//!     .build()?;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use tokio::net::TcpListener;
use tokio::sync::watch;

mod files;
mod pages;
mod routes;

pub use files::{MockOptions, DEFAULT_FILE_SIZE};
use routes::Routes;

mod webhook_sender;

pub use webhook_sender::{Delivery, MockEvent, ValidationDelivery, WebhookSender};

/// What a mock serves: the routes of a collection and their examples, as the generator
/// writes them.
#[derive(Debug)]
pub struct MockApi {
    /// The path of the collection's base URL (`/v2`), which every route starts with.
    pub base_path: &'static str,
    pub routes: &'static [Route],
}

/// One operation of the collection.
#[derive(Debug)]
pub struct Route {
    /// `module::function`.
    pub operation: &'static str,
    pub method: &'static str,
    /// The path template below the base path, segment by segment.
    pub path: &'static [&'static [Part]],
    pub examples: &'static [Example],
    /// For each parameter of the path, in order, the ids the mock knows: the values the
    /// collection gives path parameters of that name (in any request). A request naming
    /// another id gets the route's `404` example, when it has one; an empty list accepts
    /// any value (the generator writes one where the collection's values are placeholders
    /// or sample text rather than ids its examples show).
    pub known_values: &'static [&'static [&'static str]],
    /// How the operation pages, when it is a list: the mock then serves its example's
    /// items a page at a time.
    pub paging: Option<Paging>,
}

/// How a list operation pages: which fields of its query and its response the mock reads
/// and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The response field holding the page's items (a JSON name, as all of these).
    pub items: &'static str,
    /// The query parameter giving the number of items per page, when the operation has one.
    pub size: Option<&'static str>,
    pub cursor: Cursor,
}

/// How a list operation says which page it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The response's `response` field holds the cursor of the next page (empty on the
    /// last), sent back in the query parameter `query`.
    Token {
        query: &'static str,
        response: &'static str,
        /// The cursors the collection's requests send (example values the mock did not
        /// hand out): answered with the first page, as the collection's examples show it.
        shown: &'static [&'static str],
    },
    /// The query parameter `query` counts pages from 1; the response's `number` field says
    /// which page it holds, its `count` field how many there are.
    Number {
        query: &'static str,
        number: &'static str,
        count: &'static str,
    },
}

/// A piece of a path segment: literal text, or a parameter (at least one character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Literal(&'static str),
    Param,
}

/// An example response, as it is served.
#[derive(Debug)]
pub struct Example {
    pub name: &'static str,
    pub status: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: &'static str,
    /// Served unless the request asks for another example.
    pub default: bool,
}

/// Why a mock server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MockError {
    #[error("cannot listen on 127.0.0.1: {0}")]
    Io(#[from] std::io::Error),
    /// A webhook delivery could not be sent, or its answer read.
    #[error("the webhook delivery failed: {0}")]
    Delivery(String),
    /// Webhook deliveries go only to this machine: http or https URLs on a loopback host.
    #[error("webhook deliveries are sent only to http(s) URLs on 127.0.0.1, [::1] or localhost")]
    NotLoopback,
    #[error("the mock has no example of the event {0:?}")]
    UnknownEvent(String),
    #[error("the webhook scheme has no URL validation")]
    NoUrlValidation,
}

/// A running mock server. It stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    base_path: String,
    stop: watch::Sender<bool>,
    received: Arc<Mutex<Vec<ReceivedRequest>>>,
}

/// A request the mock server received, as it arrived.
///
/// Its `Debug` output holds no credential: the `Authorization` header shows as sensitive,
/// and the body (which may hold a refresh token or a password) only by its length.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The query string, still percent-encoded.
    pub query: Option<String>,
    pub headers: http::HeaderMap,
    /// The body, as it arrived (empty without one).
    pub body: Bytes,
}

impl ReceivedRequest {
    /// The query as decoded key-value pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The body decoded from JSON, into any type (`serde_json::Value` to look at it as it
    /// is); an error when it is not JSON of that shape.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The body as text, when it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

impl fmt::Debug for ReceivedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceivedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &format_args!("{} bytes", self.body.len()))
            .finish()
    }
}

impl MockServer {
    /// Serves `api` on a free port of 127.0.0.1, until the server is dropped.
    pub async fn start(api: &'static MockApi) -> Result<MockServer, MockError> {
        Self::start_with(api, MockOptions::new()).await
    }

    /// Serves `api` as [`start`](Self::start) does, with `options` (files for the examples'
    /// download URLs, a latency).
    pub async fn start_with(
        api: &'static MockApi,
        options: MockOptions,
    ) -> Result<MockServer, MockError> {
        let received = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(Routes::new(api, &options, Arc::clone(&received)));
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(routes::serve(listener, routes, stopped));
        Ok(MockServer {
            address,
            base_path: api.base_path.trim_end_matches('/').to_owned(),
            stop,
            received,
        })
    }

    /// The base URL to give the client: the server's address followed by the path prefix of
    /// the collection's base URL (`http://127.0.0.1:PORT/v2`, say).
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.address, self.base_path)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// An OAuth token endpoint that grants a token to any request, standing in for the
    /// API's, so that OAuth set-ups run offline too.
    pub fn token_url(&self) -> String {
        format!("http://{}{}", self.address, routes::TOKEN_PATH)
    }

    /// `url` with the mock's address in place of its scheme, host and port: where the mock
    /// serves what an example links to (a download URL, with
    /// [`MockOptions::serve_files`]). `None` when `url` is not an absolute URL.
    pub fn url_for(&self, url: &str) -> Option<String> {
        let url = reqwest::Url::parse(url).ok()?;
        let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
        Some(format!("http://{}{}{query}", self.address, url.path()))
    }

    /// The requests received so far (the latest 10,000 at most), oldest first.
    pub fn received_requests(&self) -> Vec<ReceivedRequest> {
        self.received
            .lock()
            .map(|received| received.clone())
            .unwrap_or_default()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
