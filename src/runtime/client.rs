//! The client: one configured HTTP client that every generated operation is sent through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::Method;
use serde::Serialize;

use super::body::Kind;
use super::error::ApiError;
use super::operation::query_pairs;
use super::{Body, Error, Operation, RawResponse};

/// An API client: base URL, credentials and a connection pool. Cheap to clone; clones share
/// the pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    token: Option<Secret>,
}

/// A credential that never shows in `Debug` output.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.token)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[derive(Debug, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    token: Option<Secret>,
    timeout: Option<Duration>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The URL the operations' paths are appended to, `https://api.zoom.us/v2` for Zoom.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret(token.into()));
        self
    }

    /// A limit on each request, from sending it to reading the whole response.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends requests through this `reqwest` client instead of a new one.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let base_url = self
            .base_url
            .ok_or_else(|| Error::Config("no base URL was given".to_owned()))?;
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {base_url:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL {base_url:?} is not an http or https URL"
            )));
        }
        if let Some(token) = &self.token {
            HeaderValue::from_str(&format!("Bearer {}", token.0)).map_err(|_| {
                Error::Config("the token holds characters a header cannot carry".to_owned())
            })?;
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder();
                if let Some(timeout) = self.timeout {
                    builder = builder.timeout(timeout);
                }
                builder
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                token: self.token,
            }),
        })
    }
}

impl Client {
    /// The base URL the client sends to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends one operation and reads its response. Generated functions call this; a status
    /// outside 2xx comes back as [`Error::Api`].
    pub async fn send<Q: Serialize + ?Sized>(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &Q,
        body: Body,
    ) -> Result<RawResponse, Error> {
        let query = query_pairs(operation, query)?;
        self.execute(operation, path_args, &query, body).await
    }

    async fn execute(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &[(String, String)],
        body: Body,
    ) -> Result<RawResponse, Error> {
        let request = self.request(operation, path_args, query, body)?;
        let transport = |source| Error::Transport {
            operation: operation.id,
            source,
        };
        let response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        if !status.is_success() {
            return Err(Error::Api(Box::new(ApiError::new(
                operation.id,
                status,
                headers,
                body,
            ))));
        }
        Ok(RawResponse {
            operation: operation.id,
            status,
            headers,
            body,
        })
    }

    fn request(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &[(String, String)],
        body: Body,
    ) -> Result<reqwest::Request, Error> {
        let path = operation.build_path(path_args)?;
        let mut url = reqwest::Url::parse(&format!("{}{path}", self.inner.base_url))
            .map_err(|e| operation.invalid("path", format!("the URL is not valid: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let method = Method::from_bytes(operation.method.as_bytes()).map_err(|_| {
            Error::Config(format!(
                "{}: unusable HTTP method {:?}",
                operation.id, operation.method
            ))
        })?;
        let mut request = reqwest::Request::new(method, url);
        let headers = request.headers_mut();
        for (name, value) in operation.headers {
            let name = HeaderName::from_bytes(name.as_bytes());
            let value = HeaderValue::from_str(value);
            if let (Ok(name), Ok(value)) = (name, value) {
                headers.insert(name, value);
            }
        }
        if let Some(token) = &self.inner.token {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", token.0)).map_err(|_| {
                    Error::Config("the token holds characters a header cannot carry".to_owned())
                })?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        let (content_type, bytes) = match body.0 {
            Kind::Empty => return Ok(request),
            Kind::Json(encoded) => {
                let bytes = encoded.map_err(|source| Error::Encode {
                    operation: operation.id,
                    source,
                })?;
                ("application/json".to_owned(), bytes)
            }
            Kind::Form(fields) => {
                let fields = fields.map_err(|source| Error::Encode {
                    operation: operation.id,
                    source,
                })?;
                let encoded = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&fields)
                    .finish();
                (
                    "application/x-www-form-urlencoded".to_owned(),
                    encoded.into_bytes(),
                )
            }
            Kind::Bytes {
                content_type,
                bytes,
            } => (content_type, bytes),
            Kind::Multipart(form) => form.encode(),
        };
        let content_type = HeaderValue::from_str(&content_type).map_err(|_| {
            operation.invalid(
                "Content-Type",
                format!("{content_type:?} is not a header value"),
            )
        })?;
        request.headers_mut().insert(CONTENT_TYPE, content_type);
        *request.body_mut() = Some(bytes.into());
        Ok(request)
    }
}
