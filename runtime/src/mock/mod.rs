//! A mock of an API: a real HTTP server on 127.0.0.1 that answers with a collection's
//! example responses, as Postman's mock servers do.
//!
//! What it serves is data the generator writes at build time (a [`MockApi`]: routes and
//! their examples), so nothing is parsed at run time. Requests are routed by method and
//! path template (`/users/{userId}/token` answers `/users/me/token`). Of an operation's
//! examples it serves the default one (the first successful one), unless the request asks
//! for another with the `x-mock-response-code` header (a status) or the
//! `x-mock-response-name` header (an example's name). It also grants OAuth tokens at
//! [`MockServer::token_url`], so that OAuth set-ups run offline. Started with
//! [`MockOptions::serve_files`], it also serves generated content for the download URLs
//! its examples show.
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

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

mod files;

pub use files::MockOptions;
use files::{FileBody, Files};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The query string, still percent-encoded.
    pub query: Option<String>,
    pub headers: http::HeaderMap,
}

impl ReceivedRequest {
    /// The query as decoded key-value pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
}

impl MockServer {
    /// Serves `api` on a free port of 127.0.0.1, until the server is dropped.
    pub async fn start(api: &'static MockApi) -> Result<MockServer, MockError> {
        Self::start_with(api, MockOptions::new()).await
    }

    /// Serves `api` as [`start`](Self::start) does, with `options` (files for the examples'
    /// download URLs, say).
    pub async fn start_with(
        api: &'static MockApi,
        options: MockOptions,
    ) -> Result<MockServer, MockError> {
        let received = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(Routes {
            api,
            received: Arc::clone(&received),
            files: options.files(api),
        });
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(serve(listener, routes, stopped));
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
        format!("http://{}{TOKEN_PATH}", self.address)
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

async fn serve(listener: TcpListener, routes: Arc<Routes>, mut stopped: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let routes = Arc::clone(&routes);
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let routes = Arc::clone(&routes);
                async move { Ok::<_, Infallible>(routes.respond(&request)) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = stopped.changed() => {}
            }
        });
    }
}

struct Routes {
    api: &'static MockApi,
    received: Arc<Mutex<Vec<ReceivedRequest>>>,
    files: Files,
}

impl Routes {
    /// A file, when the request is for one; the collection's answer otherwise.
    fn respond(&self, request: &Request<Incoming>) -> Response<Either<Full<Bytes>, FileBody>> {
        match self.files.answer(request) {
            Some(file) => {
                self.record(request);
                file.map(Either::Right)
            }
            None => self.answer(request).map(Either::Left),
        }
    }

    fn answer(&self, request: &Request<Incoming>) -> Response<Full<Bytes>> {
        self.record(request);
        let path = request.uri().path();
        if path == TOKEN_PATH && request.method() == http::Method::POST {
            return token_response();
        }
        let Some(path) = path.strip_prefix(self.api.base_path.trim_end_matches('/')) else {
            return self.not_found(request);
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let matching: Vec<&Route> = self
            .api
            .routes
            .iter()
            .filter(|route| path_matches(route.path, &segments))
            .collect();
        let method = request.method().as_str();
        let best = matching
            .iter()
            .filter(|route| route.method == method)
            .max_by_key(|route| literal_len(route.path));
        match best {
            Some(route) => answer_with_example(route, request),
            None if !matching.is_empty() => json_message(
                StatusCode::METHOD_NOT_ALLOWED,
                &format!("the collection has no {method} request for {path}"),
            ),
            None => self.not_found(request),
        }
    }

    /// Keeps the request for [`MockServer::received_requests`].
    fn record(&self, request: &Request<Incoming>) {
        if let Ok(mut received) = self.received.lock() {
            // A long-running mock keeps only the latest requests.
            if received.len() >= RECEIVED_LIMIT {
                received.drain(..RECEIVED_LIMIT / 2);
            }
            let mut headers = request.headers().clone();
            if let Some(value) = headers.get_mut(http::header::AUTHORIZATION) {
                value.set_sensitive(true);
            }
            received.push(ReceivedRequest {
                method: request.method().to_string(),
                path: request.uri().path().to_owned(),
                query: request.uri().query().map(str::to_owned),
                headers,
            });
        }
    }

    fn not_found(&self, request: &Request<Incoming>) -> Response<Full<Bytes>> {
        json_message(
            StatusCode::NOT_FOUND,
            &format!(
                "no request in the collection matches {} {}",
                request.method(),
                request.uri().path()
            ),
        )
    }
}

fn answer_with_example(route: &Route, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let examples = route.examples;
    let chosen = if let Some(name) = header("x-mock-response-name") {
        examples.iter().find(|e| e.name.trim() == name)
    } else if let Some(code) = header("x-mock-response-code") {
        examples
            .iter()
            .find(|e| code.parse::<u16>().is_ok_and(|code| e.status == code))
    } else {
        examples.iter().find(|e| e.default)
    };
    match chosen {
        Some(example) => example_response(example),
        None if examples.is_empty() => json_message(
            StatusCode::NOT_IMPLEMENTED,
            &format!(
                "the collection has no example response for {}",
                route.operation
            ),
        ),
        None => json_message(
            StatusCode::NOT_FOUND,
            &format!(
                "{} has no example response of the requested kind",
                route.operation
            ),
        ),
    }
}

fn example_response(example: &Example) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(example.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Full::new(Bytes::from_static(example.body.as_bytes())));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in example.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    response
}

/// How many received requests the mock keeps; beyond that the older half is forgotten.
const RECEIVED_LIMIT: usize = 10_000;

/// Where the mock answers OAuth token requests.
const TOKEN_PATH: &str = "/oauth/token";

/// Any token request succeeds: the mock checks no credentials.
fn token_response() -> Response<Full<Bytes>> {
    let body = serde_json::json!({
        "access_token": "mock-access-token",
        "token_type": "bearer",
        "refresh_token": "mock-refresh-token",
        "expires_in": 3600,
        "scope": "mock",
    });
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn json_message(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({ "code": status.as_u16(), "message": message }).to_string();
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn path_matches(template: &[&[Part]], segments: &[&str]) -> bool {
    template.len() == segments.len()
        && template
            .iter()
            .zip(segments)
            .all(|(parts, segment)| segment_matches(parts, segment))
}

/// Whether a request's path segment fits a template segment: literals must appear as they
/// are, each parameter takes at least one character.
fn segment_matches(parts: &[Part], segment: &str) -> bool {
    match parts.split_first() {
        None => segment.is_empty(),
        Some((Part::Literal(text), rest)) => segment
            .strip_prefix(text)
            .is_some_and(|after| segment_matches(rest, after)),
        Some((Part::Param, rest)) => (1..=segment.len())
            .filter(|end| segment.is_char_boundary(*end))
            .any(|end| segment_matches(rest, &segment[end..])),
    }
}

/// How much literal text a template has: the more, the more specific the route.
fn literal_len(template: &[&[Part]]) -> usize {
    template
        .iter()
        .flat_map(|segment| segment.iter())
        .map(|part| match part {
            Part::Literal(text) => text.len(),
            Part::Param => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &'static str) -> Part {
        Part::Literal(text)
    }

    #[test]
    fn segments_match_literals_and_parameters() {
        assert!(segment_matches(&[lit("users")], "users"));
        assert!(!segment_matches(&[lit("users")], "user"));
        assert!(segment_matches(&[Part::Param], "me"));
        assert!(!segment_matches(&[Part::Param], ""));
        assert!(segment_matches(&[Part::Param, lit(".json")], "42.json"));
        assert!(!segment_matches(&[Part::Param, lit(".json")], ".json"));
        assert!(segment_matches(&[lit("v"), Part::Param], "v7"));
    }
}
