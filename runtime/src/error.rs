//! Errors of API calls.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::Value;

use crate::api::ApiDefaults;
use crate::retry::retry_after;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status outside 2xx.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or its response not read.
    #[error("{operation}: request failed: {source}")]
    Transport {
        operation: &'static str,
        #[source]
        source: reqwest::Error,
    },
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
            Error::Auth {
                source: Some(source),
                ..
            } => source
                .downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout),
            _ => false,
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

/// A response with a status outside 2xx, kept whole: status, headers and body.
#[derive(Debug, Clone)]
pub struct ApiError {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    parsed: Option<ErrorBody>,
}

/// The code and message of an error body, read where the API's defaults say
/// ([`ApiDefaults::error_code`], [`ApiDefaults::error_message`]): by default
/// `{"code": 1001, "message": "..."}`, the shape many APIs send.
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

#[cfg(test)]
mod tests {
    use super::*;

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
