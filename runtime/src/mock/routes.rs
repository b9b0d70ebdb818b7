//! How the mock answers: routing a request to its operation, choosing the example, paging
//! lists, and keeping what arrived.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, Either, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::files::{FileBody, Files};
use super::pages::{self, Paged};
use super::{Example, MockApi, MockOptions, Part, ReceivedRequest, Route};

/// How many received requests the mock keeps; beyond that the older half is forgotten.
const RECEIVED_LIMIT: usize = 10_000;

/// The largest request body the mock reads (and keeps); a larger one gets a `413`.
const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Where the mock answers OAuth token requests.
pub(super) const TOKEN_PATH: &str = "/oauth/token";

/// The header naming the example to serve.
const RESPONSE_NAME: &str = "x-mock-response-name";

/// The header giving the status of the example to serve.
const RESPONSE_CODE: &str = "x-mock-response-code";

type Answer = Response<Either<Full<Bytes>, FileBody>>;

pub(super) async fn serve(
    listener: TcpListener,
    routes: Arc<Routes>,
    mut stopped: watch::Receiver<bool>,
) {
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
                async move { Ok::<_, Infallible>(routes.respond(request).await) }
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

pub(super) struct Routes {
    api: &'static MockApi,
    received: Arc<Mutex<Vec<ReceivedRequest>>>,
    files: Files,
    /// The body served for each example, by route and example.
    bodies: Vec<Vec<Bytes>>,
    latency: Duration,
    /// Lists are served a page at a time.
    paging: bool,
}

impl Routes {
    pub(super) fn new(
        api: &'static MockApi,
        options: &MockOptions,
        received: Arc<Mutex<Vec<ReceivedRequest>>>,
    ) -> Routes {
        Routes {
            api,
            received,
            files: options.files(api),
            bodies: options.bodies(api),
            latency: options.delay(),
            paging: options.pages(),
        }
    }

    /// Reads the request, keeps it, waits the latency, and answers: with a file when the
    /// request is for one, with the collection's answer otherwise.
    async fn respond(&self, request: Request<Incoming>) -> Answer {
        let (parts, body) = request.into_parts();
        let body = Limited::new(body, BODY_LIMIT)
            .collect()
            .await
            .map(|collected| collected.to_bytes());
        let request = Request::from_parts(parts, body.as_ref().cloned().unwrap_or_default());
        self.record(&request);
        if !self.latency.is_zero() {
            tokio::time::sleep(self.latency).await;
        }
        if body.is_err() {
            let message = format!("the mock reads request bodies of {BODY_LIMIT} bytes at most");
            return json_message(StatusCode::PAYLOAD_TOO_LARGE, &message).map(Either::Left);
        }
        match self.files.answer(&request) {
            Some(file) => file.map(Either::Right),
            None => self.answer(&request).map(Either::Left),
        }
    }

    fn answer(&self, request: &Request<Bytes>) -> Response<Full<Bytes>> {
        let path = request.uri().path();
        if path == TOKEN_PATH && request.method() == http::Method::POST {
            return token_response();
        }
        let Some(path) = path.strip_prefix(self.api.base_path.trim_end_matches('/')) else {
            return not_found(request);
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let matching: Vec<(usize, &Route, Vec<&str>)> = self
            .api
            .routes
            .iter()
            .enumerate()
            .filter_map(|(index, route)| {
                capture(route.path, &segments).map(|values| (index, route, values))
            })
            .collect();
        let method = request.method().as_str();
        let best = matching
            .iter()
            .filter(|(_, route, _)| route.method == method)
            .max_by_key(|(_, route, _)| literal_len(route.path));
        match best {
            Some((index, route, values)) => self.answer_route(*index, route, values, request),
            None if !matching.is_empty() => json_message(
                StatusCode::METHOD_NOT_ALLOWED,
                &format!("the collection has no {method} request for {path}"),
            ),
            None => not_found(request),
        }
    }

    /// The chosen example of `route`, a page of it for a list.
    fn answer_route(
        &self,
        index: usize,
        route: &Route,
        values: &[&str],
        request: &Request<Bytes>,
    ) -> Response<Full<Bytes>> {
        let examples = route.examples;
        let Some(chosen) = choose(route, values, request) else {
            return if examples.is_empty() {
                json_message(
                    StatusCode::NOT_IMPLEMENTED,
                    &format!(
                        "the collection has no example response for {}",
                        route.operation
                    ),
                )
            } else {
                json_message(
                    StatusCode::NOT_FOUND,
                    &format!(
                        "{} has no example response of the requested kind",
                        route.operation
                    ),
                )
            };
        };
        let example = &examples[chosen];
        let body = self
            .bodies
            .get(index)
            .and_then(|bodies| bodies.get(chosen))
            .cloned()
            .unwrap_or_else(|| Bytes::from_static(example.body.as_bytes()));
        let paging = route
            .paging
            .filter(|_| self.paging && (200..300).contains(&example.status));
        let body = match paging {
            Some(paging) => {
                let query = request.uri().query().unwrap_or_default();
                let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                match pages::page(&paging, &body, &query) {
                    Paged::Unchanged => body,
                    Paged::Page(page) => page,
                    Paged::Refused(message) => {
                        return json_message(StatusCode::BAD_REQUEST, &message)
                    }
                }
            }
            None => body,
        };
        example_response(example, body)
    }

    /// Keeps the request for [`MockServer::received_requests`](super::MockServer::received_requests).
    fn record(&self, request: &Request<Bytes>) {
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
                body: request.body().clone(),
            });
        }
    }
}

/// Which example answers: the one the headers ask for, else the `404` one for an id the
/// collection does not know, else the default one. `None` when there is none of the kind.
fn choose(route: &Route, values: &[&str], request: &Request<Bytes>) -> Option<usize> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let examples = route.examples;
    if let Some(name) = header(RESPONSE_NAME) {
        return examples.iter().position(|e| e.name.trim() == name);
    }
    if let Some(code) = header(RESPONSE_CODE) {
        let code = code.parse::<u16>().ok()?;
        return examples.iter().position(|e| e.status == code);
    }
    let not_found = examples.iter().position(|e| e.status == 404);
    if let Some(not_found) = not_found.filter(|_| names_unknown_id(route, values)) {
        return Some(not_found);
    }
    examples.iter().position(|e| e.default)
}

/// Whether a path parameter holds a value the collection does not know, of a parameter it
/// knows values of.
fn names_unknown_id(route: &Route, values: &[&str]) -> bool {
    values.iter().zip(route.known_values).any(|(value, known)| {
        let value = percent_decode_str(value).decode_utf8_lossy();
        !known.is_empty() && !known.contains(&value.as_ref())
    })
}

fn example_response(example: &Example, body: Bytes) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(example.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Full::new(body));
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

fn not_found<B>(request: &Request<B>) -> Response<Full<Bytes>> {
    json_message(
        StatusCode::NOT_FOUND,
        &format!(
            "no request in the collection matches {} {}",
            request.method(),
            request.uri().path()
        ),
    )
}

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

/// The values of the template's parameters in a path that fits it, in order; `None` when
/// it does not fit.
fn capture<'a>(template: &[&[Part]], segments: &[&'a str]) -> Option<Vec<&'a str>> {
    if template.len() != segments.len() {
        return None;
    }
    let mut values = Vec::new();
    for (parts, segment) in template.iter().zip(segments) {
        if !capture_segment(parts, segment, &mut values) {
            return None;
        }
    }
    Some(values)
}

/// Whether a request's path segment fits a template segment, pushing the parameters'
/// values: literals must appear as they are, each parameter takes at least one character
/// (as few as let the rest fit).
fn capture_segment<'a>(parts: &[Part], segment: &'a str, values: &mut Vec<&'a str>) -> bool {
    match parts.split_first() {
        None => segment.is_empty(),
        Some((Part::Literal(text), rest)) => segment
            .strip_prefix(text)
            .is_some_and(|after| capture_segment(rest, after, values)),
        Some((Part::Param, rest)) => {
            for end in (1..=segment.len()).filter(|end| segment.is_char_boundary(*end)) {
                values.push(&segment[..end]);
                if capture_segment(rest, &segment[end..], values) {
                    return true;
                }
                values.pop();
            }
            false
        }
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

    fn values<'a>(parts: &[Part], segment: &'a str) -> Option<Vec<&'a str>> {
        let mut values = Vec::new();
        capture_segment(parts, segment, &mut values).then_some(values)
    }

    #[test]
    fn segments_match_literals_and_parameters() {
        assert_eq!(values(&[lit("users")], "users"), Some(vec![]));
        assert_eq!(values(&[lit("users")], "user"), None);
        assert_eq!(values(&[Part::Param], "me"), Some(vec!["me"]));
        assert_eq!(values(&[Part::Param], ""), None);
        assert_eq!(
            values(&[Part::Param, lit(".json")], "4.2.json"),
            Some(vec!["4.2"])
        );
        assert_eq!(values(&[Part::Param, lit(".json")], ".json"), None);
        assert_eq!(values(&[lit("v"), Part::Param], "v7"), Some(vec!["7"]));
        assert_eq!(
            values(&[Part::Param, lit("-"), Part::Param], "a-b-c"),
            Some(vec!["a", "b-c"])
        );
    }

    #[test]
    fn paths_give_their_parameters_in_order() {
        let template: &[&[Part]] = &[&[lit("users")], &[Part::Param], &[Part::Param]];
        assert_eq!(
            capture(template, &["users", "me", "x%20y"]),
            Some(vec!["me", "x%20y"])
        );
        assert_eq!(capture(template, &["users", "me"]), None);
        assert_eq!(capture(template, &["groups", "me", "x"]), None);
    }

    static EXAMPLES: [Example; 2] = [
        Example {
            name: "ok",
            status: 200,
            headers: &[],
            body: "{}",
            default: true,
        },
        Example {
            name: "missing",
            status: 404,
            headers: &[],
            body: "{}",
            default: false,
        },
    ];

    static ROUTE: Route = Route {
        operation: "users::get",
        method: "GET",
        path: &[&[Part::Literal("users")], &[Part::Param], &[Part::Param]],
        examples: &EXAMPLES,
        known_values: &[&["me", "a b"], &[]],
        paging: None,
    };

    fn get(headers: &[(&'static str, &'static str)]) -> Request<Bytes> {
        let mut request = Request::new(Bytes::new());
        for (name, value) in headers {
            request
                .headers_mut()
                .insert(*name, HeaderValue::from_static(value));
        }
        request
    }

    #[test]
    fn unknown_ids_get_the_404_example() {
        assert_eq!(choose(&ROUTE, &["me", "anything"], &get(&[])), Some(0));
        assert_eq!(choose(&ROUTE, &["a%20b", "x"], &get(&[])), Some(0));
        assert_eq!(choose(&ROUTE, &["someone", "x"], &get(&[])), Some(1));
        // A header asking for an example wins over the id.
        let asked = get(&[(RESPONSE_CODE, "200")]);
        assert_eq!(choose(&ROUTE, &["someone", "x"], &asked), Some(0));
        let named = get(&[(RESPONSE_NAME, "missing")]);
        assert_eq!(choose(&ROUTE, &["me", "x"], &named), Some(1));
        // A status the operation has no example of.
        let absent = get(&[(RESPONSE_CODE, "500")]);
        assert_eq!(choose(&ROUTE, &["me", "x"], &absent), None);
        let unreadable = get(&[(RESPONSE_CODE, "four")]);
        assert_eq!(choose(&ROUTE, &["me", "x"], &unreadable), None);
    }
}
