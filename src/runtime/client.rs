//! The client: one configured HTTP client that every generated operation is sent through.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::{HeaderMap, HeaderName, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{Method, StatusCode};
use serde::Serialize;
use tracing::field::Empty;
use tracing::Instrument;

use super::auth::{Auth, Credentials, OAuthApp, TokenStore, UserTokens};
use super::body::Kind;
use super::error::ApiError;
use super::operation::query_pairs;
use super::retry::{is_idempotent, RetryPolicy};
use super::safety::{self, Secret};
use super::throttle::Throttle;
use super::{Body, Error, Operation, RawResponse};

/// The `User-Agent` sent unless another is configured.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An API client: base URL, credentials, retry policy, throttle and a connection pool.
/// Cheap to clone; clones share the pool, the cached access token and the throttle.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Auth,
    retry: RetryPolicy,
    throttle: Option<Throttle>,
    timeout: Option<Duration>,
    /// The user agent and the default headers, sent with every request.
    headers: HeaderMap,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .field("throttle", &self.inner.throttle)
            .field("timeout", &self.inner.timeout)
            .field("headers", &self.inner.headers)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
///
/// Nothing is checked until [`build`](Self::build), which refuses a base URL that is plain
/// http (unless it is a loopback address or [`allow_insecure_http`](Self::allow_insecure_http)
/// is set), header values holding line breaks, and other unusable settings.
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    credentials: Credentials,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    default_headers: Vec<(String, Secret)>,
    retry: RetryPolicy,
    throttle: Option<Throttle>,
    allow_http: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &self.default_headers)
            .field("retry", &self.retry)
            .field("throttle", &self.throttle)
            .field("allow_insecure_http", &self.allow_http)
            .finish_non_exhaustive()
    }
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

    /// Accepts a plain-http base URL that is not a loopback address. Tokens then cross the
    /// network in clear text; only for a trusted network or a proxy that adds TLS.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Sends `Authorization: Bearer <token>` with every request: a token obtained
    /// elsewhere, which the client cannot renew.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Credentials::Bearer(Secret::new(token));
        self
    }

    /// Authenticates as a Zoom Server-to-Server OAuth app of the account `account_id`.
    ///
    /// The client asks the app's token URL for an access token (the `account_credentials`
    /// grant, with the client id and secret as HTTP Basic auth) when the first call needs
    /// one, keeps it until shortly before it expires, and fetches it once for all the calls
    /// waiting at that moment. When the API answers `401` (a token revoked or expired
    /// early), the client fetches a new token and sends the request once more.
    pub fn server_to_server_oauth(mut self, app: OAuthApp, account_id: impl Into<String>) -> Self {
        self.credentials = Credentials::ServerToServer {
            app,
            account_id: account_id.into(),
        };
        self
    }

    /// Acts for a user who authorized an OAuth app, with their tokens (from
    /// [`OAuthApp::exchange_code`], or as stored earlier).
    ///
    /// The access token is renewed with the refresh token shortly before it expires, and
    /// when the API answers `401` (the request is then sent once more). Zoom rotates
    /// refresh tokens: after each refresh the new tokens are handed to `store`, which must
    /// keep the new refresh token, as the old one no longer works (see [`TokenStore`]).
    pub fn user_oauth(mut self, app: OAuthApp, tokens: UserTokens, store: impl TokenStore) -> Self {
        self.credentials = Credentials::User {
            app,
            tokens,
            store: Arc::new(store),
        };
        self
    }

    /// A limit on each attempt, from sending it to reading the whole response: 30 s by
    /// default. With [`http_client`](Self::http_client), the injected client's own
    /// timeout applies unless this is set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A limit on opening a connection: 10 s by default. Not available with
    /// [`http_client`](Self::http_client): configure the injected client instead.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sends requests through this `reqwest` client (its proxy, TLS and pool settings)
    /// instead of a new one.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The `User-Agent` header, [`DEFAULT_USER_AGENT`] unless set.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request. Operations' own headers and the credentials'
    /// `Authorization` take precedence over it.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), Secret::new(value)));
        self
    }

    /// When failed attempts are tried again ([`RetryPolicy::new`] by default).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Limits the requests per second of each rate limit label (none by default).
    pub fn throttle(mut self, throttle: Throttle) -> Self {
        self.throttle = Some(throttle);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let base_url = self
            .base_url
            .ok_or_else(|| Error::Config("no base URL was given".to_owned()))?;
        safety::checked_url("base URL", &base_url, self.allow_http)?;
        if let Some(throttle) = &self.throttle {
            throttle.validate()?;
        }

        let mut headers = HeaderMap::new();
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent =
            safety::header_value("the user agent", user_agent).map_err(Error::Config)?;
        headers.insert(USER_AGENT, user_agent.clone());
        for (name, value) in &self.default_headers {
            let (name, value) = safety::header(name, value.expose()).map_err(Error::Config)?;
            headers.append(name, value);
        }

        let (http, timeout) = match self.http {
            Some(http) => {
                if self.connect_timeout.is_some() {
                    return Err(Error::Config(
                        "connect_timeout cannot be applied to an injected reqwest client; \
                         configure it on that client"
                            .to_owned(),
                    ));
                }
                (http, self.timeout)
            }
            None => {
                let http = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
                (http, Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT)))
            }
        };
        let auth = Auth::new(self.credentials, &http, &self.retry, Some(user_agent))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                auth,
                retry: self.retry,
                throttle: self.throttle,
                timeout,
                headers,
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
    ///
    /// The call runs in a `tracing` span named `zoom.request` with the fields `operation`,
    /// `method`, `path` (the template, without the parameters' values), `attempt` and
    /// `status`; it never holds a credential, a parameter value or a body.
    pub async fn send<Q: Serialize + ?Sized>(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &Q,
        body: Body,
    ) -> Result<RawResponse, Error> {
        let query = query_pairs(operation, query)?;
        let span = tracing::info_span!(
            "zoom.request",
            operation = operation.id,
            method = operation.method,
            path = operation.path_template,
            attempt = Empty,
            status = Empty,
        );
        self.execute(&span, operation, path_args, &query, body)
            .instrument(span.clone())
            .await
    }

    async fn execute(
        &self,
        span: &tracing::Span,
        operation: &Operation,
        path_args: &[&str],
        query: &[(String, String)],
        body: Body,
    ) -> Result<RawResponse, Error> {
        let template = self.request(operation, path_args, query, body)?;
        let idempotent = is_idempotent(template.method());
        let transport = |source| Error::Transport {
            operation: operation.id,
            source,
        };
        let started = Instant::now();
        let mut attempt = 0u32;
        let mut token_renewed = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            if let Some(throttle) = &self.inner.throttle {
                throttle.acquire(operation.rate_limit).await;
            }
            let credential = self.inner.auth.credential().await?;
            let mut request = template.try_clone().ok_or_else(|| {
                Error::Config(format!(
                    "{}: the request body cannot be resent",
                    operation.id
                ))
            })?;
            if let Some(credential) = &credential {
                request
                    .headers_mut()
                    .insert(AUTHORIZATION, credential.header.clone());
            }

            let failure = match self.inner.http.execute(request).await {
                Ok(response) => {
                    let status = response.status();
                    span.record("status", status.as_u16());
                    let headers = response.headers().clone();
                    match response.bytes().await {
                        Ok(body) if status.is_success() => {
                            return Ok(RawResponse {
                                operation: operation.id,
                                status,
                                headers,
                                body,
                            });
                        }
                        Ok(body) => Failure::Status(status, headers, body),
                        Err(error) => Failure::Transport(error),
                    }
                }
                Err(error) => Failure::Transport(error),
            };

            let elapsed = started.elapsed();
            match failure {
                Failure::Status(status, headers, body) => {
                    if status == StatusCode::UNAUTHORIZED
                        && self.inner.auth.renewable()
                        && !token_renewed
                    {
                        // The token was revoked or expired early: a new one, and once more.
                        if let Some(credential) = &credential {
                            self.inner.auth.reject(credential);
                        }
                        token_renewed = true;
                        tracing::info!(attempt, "401: renewing the access token and sending again");
                        continue;
                    }
                    match self
                        .inner
                        .retry
                        .after_status(status, &headers, idempotent, attempt, elapsed)
                    {
                        Some(wait) => {
                            tracing::warn!(
                                attempt,
                                status = status.as_u16(),
                                wait_ms = wait.as_millis() as u64,
                                "trying again"
                            );
                            tokio::time::sleep(wait).await;
                        }
                        None => {
                            return Err(Error::Api(Box::new(ApiError::new(
                                operation.id,
                                status,
                                headers,
                                body,
                            ))));
                        }
                    }
                }
                Failure::Transport(error) => {
                    match self
                        .inner
                        .retry
                        .after_error(&error, idempotent, attempt, elapsed)
                    {
                        Some(wait) => {
                            tracing::warn!(
                                attempt,
                                wait_ms = wait.as_millis() as u64,
                                error = %error.without_url(),
                                "trying again"
                            );
                            tokio::time::sleep(wait).await;
                        }
                        None => return Err(transport(error)),
                    }
                }
            }
        }
    }

    /// The request without credentials, which each attempt adds to a copy.
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
        *request.timeout_mut() = self.inner.timeout;
        let headers = request.headers_mut();
        headers.clone_from(&self.inner.headers);
        for (name, value) in operation.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| operation.invalid(name, "is not a valid header name".to_owned()))?;
            let value = safety::header_value("the value", value)
                .map_err(|reason| operation.invalid(name.as_str(), reason))?;
            headers.insert(name, value);
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
        let content_type = safety::header_value("the content type", &content_type)
            .map_err(|reason| operation.invalid("Content-Type", reason))?;
        request.headers_mut().insert(CONTENT_TYPE, content_type);
        *request.body_mut() = Some(bytes.into());
        Ok(request)
    }
}

/// Why an attempt did not succeed.
enum Failure {
    Status(StatusCode, HeaderMap, bytes::Bytes),
    Transport(reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: Operation = Operation {
        id: "meetings::create",
        method: "POST",
        path_template: "/users/{userId}/meetings",
        path: &["/users/", "/meetings"],
        headers: &[("X-Zm-Feature", "on")],
        rate_limit: Some("Medium"),
    };

    fn client() -> Client {
        ClientBuilder::new()
            .base_url("https://api.zoom.us/v2/")
            .user_agent("my-app/1.0")
            .default_header("X-Team", "blue")
            .build()
            .unwrap()
    }

    #[test]
    fn requests_carry_defaults_operation_headers_timeout_and_body() {
        let request = client()
            .request(
                &POST,
                &["me"],
                &[],
                Body::json(&serde_json::json!({"a": 1})),
            )
            .unwrap();
        assert_eq!(
            request.url().as_str(),
            "https://api.zoom.us/v2/users/me/meetings"
        );
        assert_eq!(request.headers()[USER_AGENT], "my-app/1.0");
        assert_eq!(request.headers()["x-team"], "blue");
        assert_eq!(request.headers()["x-zm-feature"], "on");
        assert_eq!(request.headers()[CONTENT_TYPE], "application/json");
        assert!(request.headers().get(AUTHORIZATION).is_none());
        assert_eq!(request.timeout(), Some(&DEFAULT_TIMEOUT));
        assert!(request.try_clone().is_some(), "every body can be resent");
    }

    #[test]
    fn an_operation_header_with_a_line_break_is_refused() {
        const BAD: Operation = Operation {
            headers: &[("X-Note", "a\r\nX-Injected: 1")],
            ..POST
        };
        let error = client()
            .request(&BAD, &["me"], &[], Body::empty())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("X-Note") || error.contains("x-note"),
            "{error}"
        );
        assert!(error.contains("carriage return"), "{error}");
    }

    #[test]
    fn a_content_type_with_a_line_break_is_refused() {
        let body = Body::bytes("text/plain\r\nX-Injected: 1", b"x".to_vec());
        assert!(client().request(&POST, &["me"], &[], body).is_err());
    }

    #[test]
    fn builder_checks_headers_and_timeouts() {
        let base = || ClientBuilder::new().base_url("https://api.zoom.us/v2");
        assert!(base().bearer_token("a\nb").build().is_err());
        assert!(base().user_agent("a\rb").build().is_err());
        assert!(base().default_header("X-A", "1\r\n2").build().is_err());
        assert!(base().default_header("bad name", "1").build().is_err());
        assert!(base()
            .http_client(reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build()
            .is_err());
        assert!(base()
            .throttle(Throttle::new().per_second("Light", 0.0))
            .build()
            .is_err());
        let injected = base().http_client(reqwest::Client::new()).build().unwrap();
        assert_eq!(
            injected.inner.timeout, None,
            "the injected client's own timeout applies"
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let builder = ClientBuilder::new()
            .base_url("https://api.zoom.us/v2")
            .default_header("X-Api-Key", "key-secret")
            .server_to_server_oauth(OAuthApp::new("client-id", "client-secret"), "account");
        let debug = format!("{builder:?}");
        assert!(
            !debug.contains("key-secret") && !debug.contains("client-secret"),
            "{debug}"
        );
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        assert!(
            !debug.contains("key-secret") && !debug.contains("client-secret"),
            "{debug}"
        );
        assert!(
            debug.contains("client-id") && debug.contains("account"),
            "{debug}"
        );

        let client = ClientBuilder::new()
            .base_url("https://api.zoom.us/v2")
            .bearer_token("bearer-secret")
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("bearer-secret"));
    }
}
