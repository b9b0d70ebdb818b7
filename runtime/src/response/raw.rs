//! Successful responses.

use std::ops::Deref;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::Error;

/// A successful response: the decoded body with the status and headers it came with.
///
/// It dereferences to the body, so `meeting.topic` reads a field of the body directly. The
/// response's own data is read through associated functions, as with `Box` or `Arc`, so
/// that it can never be mistaken for a field or method of the body: a meeting's `status`
/// field is `meeting.status`, the HTTP status `Response::status(&meeting)`.
///
/// ```
/// # use postman_runtime::Response;
/// # fn show(meeting: Response<serde_json::Value>) {
/// println!("{} {}", Response::status(&meeting), meeting["topic"]);
/// let body: serde_json::Value = Response::into_body(meeting);
/// # let _ = body;
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status (a 2xx).
    pub fn status(this: &Self) -> StatusCode {
        this.status
    }

    /// The response's headers.
    pub fn headers(this: &Self) -> &HeaderMap {
        &this.headers
    }

    /// The decoded body (what `*response` gives too).
    pub fn body(this: &Self) -> &T {
        &this.body
    }

    /// The decoded body, without the status and headers.
    pub fn into_body(this: Self) -> T {
        this.body
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// A 2xx response whose body has been read but not decoded yet.
#[derive(Debug)]
pub struct RawResponse {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl RawResponse {
    /// Decodes the body as JSON. An empty body reads as `null`, so that optional and untyped
    /// results accept it.
    pub fn json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        self.json_by_status(|_, body| {
            if body.iter().all(u8::is_ascii_whitespace) {
                serde_json::from_slice(b"null")
            } else {
                serde_json::from_slice(body)
            }
        })
    }

    /// Decodes the body as JSON with `decode`, which picks the type by status: for
    /// operations whose successful bodies differ by status.
    pub fn json_by_status<T>(
        self,
        decode: impl FnOnce(u16, &[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<Response<T>, Error> {
        match decode(self.status.as_u16(), &self.body) {
            Ok(body) => Ok(self.with_body(body)),
            Err(source) => Err(Error::Decode {
                operation: self.operation,
                status: self.status,
                body: self.body,
                source,
            }),
        }
    }

    /// Drops the body, for operations documented to return none.
    pub fn empty(self) -> Result<Response<()>, Error> {
        Ok(self.with_body(()))
    }

    /// The body as text; invalid UTF-8 is replaced rather than refused.
    pub fn text(self) -> Result<Response<String>, Error> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.with_body(text))
    }

    /// The body as it came.
    pub fn bytes(self) -> Result<Response<Bytes>, Error> {
        let body = self.body.clone();
        Ok(self.with_body(body))
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response::new(self.status, self.headers, body)
    }
}
