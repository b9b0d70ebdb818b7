//! Errors of API calls.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::RETRY_AFTER;
use http::{HeaderMap, StatusCode};
use serde_json::Value;

use crate::api::ApiDefaults;

/// Any error, as a [`TokenStore`](crate::TokenStore) returns it.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status outside 2xx.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or no response came: a timeout, a connection refused
    /// or reset, a host name that does not resolve, a TLS handshake that failed.
    #[error("{operation}: request failed: {cause}")]
    Transport {
        operation: &'static str,
        /// Why, in words, as `Display` shows it: `timed out after 30s`, `connection refused
        /// by 127.0.0.1:8080`, `could not resolve host api.zoom.us: ...`, `TLS handshake with
        /// api.zoom.us failed: ...`. It names the host, never the path or the query.
        cause: String,
        #[source]
        source: reqwest::Error,
    },
    /// The response's body stopped before its end: the connection closed before the length
    /// the response announced, broke while the body was read, or brought no data within
    /// the timeout. Idempotent calls are tried again first, as after a connection reset;
    /// this is what the last attempt got.
    #[error(
        "{operation}: the response body was cut short: {received}{} bytes arrived ({})",
        of_expected(*.expected),
        body_cause(.source.as_ref())
    )]
    IncompleteBody {
        operation: &'static str,
        /// The bytes that arrived (for a download, all of them, resumed parts included).
        received: u64,
        /// The length the response announced, when it did.
        expected: Option<u64>,
        /// Why the body stopped (a closed connection, a timeout), without any URL.
        #[source]
        source: BoxError,
    },
    /// A download could not be completed as asked (see [`DownloadError`]).
    #[error("download: {0}")]
    Download(#[from] DownloadError),
    /// A 2xx response whose body does not match the expected type. The body is kept.
    #[error("{operation}: cannot decode the {status} response: {source}")]
    Decode {
        operation: &'static str,
        status: StatusCode,
        body: Bytes,
        #[source]
        source: serde_json::Error,
    },
    /// A parameter that cannot be sent as given (for example a path parameter of `..`).
    #[error("{operation}: invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        operation: &'static str,
        name: String,
        reason: String,
    },
    /// The request body or query could not be encoded.
    #[error("{operation}: cannot encode the request: {source}")]
    Encode {
        operation: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// The client was configured with something unusable.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// No access token could be had: the token endpoint refused the credentials or could
    /// not be reached, or refreshed tokens could not be stored. The message never holds a
    /// secret.
    #[error("authentication failed: {message}")]
    Auth {
        /// The token endpoint's status, when it answered.
        status: Option<StatusCode>,
        message: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    /// The API error, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            Error::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// Whether the call failed because a connection or a response took longer than the
    /// client's timeouts allow.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Transport { source, .. } => source.is_timeout(),
            Error::IncompleteBody { source, .. } => is_timeout(source.as_ref()),
            Error::Auth {
                source: Some(source),
                ..
            } => source
                .downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout),
            _ => false,
        }
    }

    /// How many bytes of the body arrived, when it was cut short.
    pub fn bytes_received(&self) -> Option<u64> {
        match self {
            Error::IncompleteBody { received, .. } => Some(*received),
            _ => None,
        }
    }

    /// A request that failed before a response came, with its cause in words; the URL is
    /// dropped (its path and query can hold personal data), its host kept in the words.
    pub(crate) fn transport(
        operation: &'static str,
        source: reqwest::Error,
        timeout: Option<Duration>,
    ) -> Error {
        Error::Transport {
            operation,
            cause: transport_cause(&source, timeout),
            source: source.without_url(),
        }
    }

    pub(crate) fn auth(status: Option<StatusCode>, message: String) -> Error {
        Error::Auth {
            status,
            message,
            source: None,
        }
    }
}

/// " of N" when the length is known.
fn of_expected(expected: Option<u64>) -> String {
    expected.map(|n| format!(" of {n}")).unwrap_or_default()
}

/// Why a request got no response, in words: the cause found in the error's chain, with the
/// host it was for (never the path or the query). `timeout` is the limit the attempt had,
/// when known.
pub(crate) fn transport_cause(error: &reqwest::Error, timeout: Option<Duration>) -> String {
    let host = error.url().map(authority);
    let host = host.as_deref();
    let chain = Chain::of(error);
    let innermost = chain.innermost();
    if error.is_timeout() || chain.has_io(std::io::ErrorKind::TimedOut) {
        return match (error.is_connect(), host, timeout) {
            (true, Some(host), _) => format!("timed out connecting to {host}"),
            (true, None, _) => "timed out connecting".to_owned(),
            (false, _, Some(limit)) => format!("timed out after {}", human(limit)),
            (false, _, None) => "timed out".to_owned(),
        };
    }
    if chain.has_io(std::io::ErrorKind::ConnectionRefused) {
        return match host {
            Some(host) => format!("connection refused by {host}"),
            None => "connection refused".to_owned(),
        };
    }
    if chain.any(|text| text == "dns error") {
        let name = error
            .url()
            .and_then(|url| url.host_str())
            .unwrap_or("the host");
        return format!("could not resolve host {name}: {innermost}");
    }
    if chain.has_io(std::io::ErrorKind::ConnectionReset) {
        return "connection reset by the server".to_owned();
    }
    if chain.has_io(std::io::ErrorKind::ConnectionAborted) {
        return "connection aborted".to_owned();
    }
    if chain.any(|text| text.starts_with("connection closed before message completed")) {
        return "the connection closed before the response arrived".to_owned();
    }
    let https = error.url().is_some_and(|url| url.scheme() == "https");
    if error.is_connect() && https {
        return match host {
            Some(host) => format!("TLS handshake with {host} failed: {innermost}"),
            None => format!("TLS handshake failed: {innermost}"),
        };
    }
    if error.is_redirect() {
        return format!("redirect refused: {innermost}");
    }
    if error.is_builder() {
        return format!("the request could not be built: {innermost}");
    }
    innermost
}

/// Why a body stopped, in words.
fn body_cause(error: &(dyn std::error::Error + 'static)) -> String {
    if let Some(stalled) = error.downcast_ref::<Stalled>() {
        return stalled.to_string();
    }
    let chain = Chain::of(error);
    if is_timeout(error) || chain.has_io(std::io::ErrorKind::TimedOut) {
        return "timed out".to_owned();
    }
    if chain.has_io(std::io::ErrorKind::ConnectionReset) {
        return "connection reset by the server".to_owned();
    }
    if chain.has_io(std::io::ErrorKind::UnexpectedEof)
        || chain.any(|text| text.contains("IncompleteBody") || text.contains("unexpected EOF"))
    {
        return "the connection closed".to_owned();
    }
    chain.innermost()
}

/// The texts of an error and of its sources, outermost first, with the I/O errors among
/// them.
struct Chain<'a> {
    texts: Vec<String>,
    io: Vec<&'a std::io::Error>,
}

impl<'a> Chain<'a> {
    fn of(error: &'a (dyn std::error::Error + 'static)) -> Chain<'a> {
        let mut chain = Chain {
            texts: Vec::new(),
            io: Vec::new(),
        };
        let mut next = Some(error);
        // Bounded: a chain that loops must not hang an error's display.
        for _ in 0..32 {
            let Some(error) = next else { break };
            chain.texts.push(error.to_string());
            if let Some(io) = error.downcast_ref::<std::io::Error>() {
                chain.io.push(io);
                // An I/O error's own error is its source only through `get_ref`.
                if let Some(inner) = io.get_ref() {
                    next = Some(inner);
                    continue;
                }
            }
            next = error.source();
        }
        chain
    }

    fn has_io(&self, kind: std::io::ErrorKind) -> bool {
        self.io.iter().any(|io| io.kind() == kind)
    }

    fn any(&self, test: impl Fn(&str) -> bool) -> bool {
        self.texts.iter().any(|text| test(text))
    }

    /// The deepest error's text: the most specific.
    fn innermost(&self) -> String {
        self.texts.last().cloned().unwrap_or_default()
    }
}

/// `host:port` of a URL (the port when it has one), without anything else of it.
fn authority(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// A duration as people write it: `30s`, `250ms`, `1500ms`.
fn human(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{}s", duration.as_secs())
    } else if duration.subsec_nanos() % 1_000_000 == 0 {
        format!("{}ms", duration.as_millis())
    } else {
        format!("{duration:?}")
    }
}

/// Why a download ([`Client::download`](crate::Client::download)) could not be completed,
/// beyond the errors every call can have.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    /// The content is not of the size the download was told to expect
    /// ([`Download::expected_size`](crate::Download::expected_size)): the server announced
    /// another size, or sent more bytes, or ended with fewer. Nothing is kept of a file
    /// that had this error.
    #[error("expected {expected} bytes, but the content has {actual}")]
    WrongSize {
        expected: u64,
        /// The size the server announced, or the bytes that arrived when it announced none.
        actual: u64,
    },
    /// The file or the writer refused the content.
    #[error("cannot write the content: {0}")]
    Write(#[source] std::io::Error),
    /// The server's answer cannot continue the download: a resumed part that starts after
    /// the bytes already received, an unreadable `Content-Range`, or content that changed
    /// while a writer that cannot start over was being filled.
    #[error("{0}")]
    Unusable(String),
    /// The URL cannot be downloaded with the client's credentials: not http(s), holding a
    /// user name or password, or plain http to a host that is not loopback. The URL itself is
    /// never in the message: its query may hold a token.
    #[error("the URL {0}")]
    Url(String),
}

/// A response with a status outside 2xx, kept whole: status, headers and body.
#[derive(Debug, Clone)]
pub struct ApiError {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    parsed: Option<ErrorBody>,
}

/// The code and message of an error body, read from the fields the generated bindings name
/// (from the collection's profile): by default `{"code": 1001, "message": "..."}`, the
/// shape many APIs send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: Option<i64>,
    pub message: Option<String>,
}

impl ApiError {
    pub(crate) fn new(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        api: &ApiDefaults,
    ) -> Self {
        let parsed = ErrorBody::parse(&body, api);
        ApiError {
            operation,
            status,
            headers,
            body,
            parsed,
        }
    }

    /// The operation that failed, as `module::function`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as the server sent it.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The API's own error code from the body, when it has one.
    pub fn code(&self) -> Option<i64> {
        self.parsed.as_ref().and_then(|p| p.code)
    }

    /// The API's error message from the body, when it has one.
    pub fn message(&self) -> Option<&str> {
        self.parsed.as_ref().and_then(|p| p.message.as_deref())
    }

    /// How long the server asks to wait before trying again, from its `Retry-After` header
    /// (seconds or an HTTP date). A `429` whose wait exceeds the client's
    /// [`RetryPolicy`](crate::RetryPolicy) budget is returned at once, with this set.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers, SystemTime::now())
    }
}

impl ErrorBody {
    fn parse(body: &[u8], api: &ApiDefaults) -> Option<ErrorBody> {
        let value = serde_json::from_slice::<Value>(body).ok()?;
        let code = match value.pointer(api.error_code) {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        // A bare `{"error": "..."}` is common enough to read wherever the message is said to be.
        let message = value
            .pointer(api.error_message)
            .or_else(|| value.get("error"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        (code.is_some() || message.is_some()).then_some(ErrorBody { code, message })
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the server answered {}", self.operation, self.status)?;
        if let Some(code) = self.code() {
            write!(f, ", error code {code}")?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// Whether an error (a reqwest error or a stall) is a timeout.
pub(crate) fn is_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    error.is::<Stalled>()
        || error
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout)
}

/// No data arrived for as long as a read may wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stalled(pub(crate) Duration);

impl fmt::Display for Stalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no data arrived for {} (timed out)", human(self.0))
    }
}

impl std::error::Error for Stalled {}

/// The wait a `Retry-After` header asks for: a number of seconds or an HTTP date (a date
/// in the past asks for no wait). `None` without a readable header.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // Not the standard's form, but unambiguous: fractions of a second.
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, http::HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn an_absurd_retry_after_is_ignored_not_a_panic() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        for value in ["1e20", "-3", "NaN", "inf"] {
            assert_eq!(retry_after(&with_retry_after(value), now), None, "{value}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            retry_after(&with_retry_after("7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&with_retry_after(" 0.25 "), now),
            Some(Duration::from_millis(250))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            retry_after(&with_retry_after(&later), now),
            Some(Duration::from_secs(90))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(
            retry_after(&with_retry_after(&earlier), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&with_retry_after("soon"), now), None);
        assert_eq!(retry_after(&with_retry_after("-3"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(human(Duration::from_secs(30)), "30s");
        assert_eq!(human(Duration::from_millis(250)), "250ms");
        assert_eq!(human(Duration::from_millis(1500)), "1500ms");
        assert_eq!(human(Duration::from_micros(1500)), "1.5ms");
    }

    #[test]
    fn bodies_say_why_they_stopped() {
        let stalled = Stalled(Duration::from_secs(2));
        assert_eq!(body_cause(&stalled), "no data arrived for 2s (timed out)");
        let eof = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "early end");
        assert_eq!(body_cause(&eof), "the connection closed");
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(body_cause(&reset), "connection reset by the server");
        // An I/O error's own error is looked into.
        let wrapped =
            std::io::Error::other(std::io::Error::new(std::io::ErrorKind::TimedOut, "slow"));
        assert_eq!(body_cause(&wrapped), "timed out");
        let other = std::io::Error::other("something else");
        assert_eq!(body_cause(&other), "something else");
    }

    #[test]
    fn reads_the_error_body() {
        let error = ApiError::new(
            "users::get",
            StatusCode::NOT_FOUND,
            HeaderMap::new(),
            Bytes::from_static(br#"{"code": 1001, "message": "User does not exist: x."}"#),
            &ApiDefaults::NONE,
        );
        assert_eq!(error.code(), Some(1001));
        assert_eq!(error.message(), Some("User does not exist: x."));
        assert_eq!(
            error.to_string(),
            "users::get: the server answered 404 Not Found, error code 1001: User does not exist: x."
        );
    }

    #[test]
    fn reads_the_error_body_where_the_api_says() {
        let api = ApiDefaults::NONE.error_fields("/error/code", "/error/detail");
        let error = ApiError::new(
            "items::get",
            StatusCode::CONFLICT,
            HeaderMap::new(),
            Bytes::from_static(br#"{"error": {"code": "42", "detail": "Taken."}}"#),
            &api,
        );
        assert_eq!(error.code(), Some(42));
        assert_eq!(error.message(), Some("Taken."));
    }

    #[test]
    fn keeps_a_body_that_is_not_json() {
        let error = ApiError::new(
            "users::get",
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            Bytes::from_static(b"<html>bad gateway</html>"),
            &ApiDefaults::NONE,
        );
        assert_eq!(error.code(), None);
        assert_eq!(&error.body()[..], b"<html>bad gateway</html>");
    }
}
