//! The client: one configured HTTP client that every generated operation is sent through.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{Method, StatusCode};
use serde::Serialize;
use tracing::field::Empty;
use tracing::Instrument;

use super::auth::{Auth, Credentials, OAuthApp, TokenStore, UserTokens};
use super::body::Kind;
use super::error::ApiError;
use super::query::encode_query;
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
    /// `base_url` parsed once: each request's URL is a copy with its path and query set,
    /// which spares parsing the scheme and host again.
    base: reqwest::Url,
    /// The path of the base URL without its trailing `/` (`/v2`, or empty).
    base_path: String,
    auth: Auth,
    retry: RetryPolicy,
    throttle: Option<Throttle>,
    /// The limit on each attempt, as configured (for `Debug`).
    timeout: Option<Duration>,
    /// Set on each request: only for an injected client given a timeout here. A client
    /// built here has the timeout built in, which costs nothing per request.
    request_timeout: Option<Duration>,
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
            // Names only: a default header may carry a credential the client cannot recognise.
            .field("headers", &self.inner.headers.keys().collect::<Vec<_>>())
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
        let base = safety::checked_url("base URL", &base_url, self.allow_http)?;
        let base_path = base.path().trim_end_matches('/').to_owned();
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

        let (http, timeout, request_timeout) = match self.http {
            Some(http) => {
                if self.connect_timeout.is_some() {
                    return Err(Error::Config(
                        "connect_timeout cannot be applied to an injected reqwest client; \
                         configure it on that client"
                            .to_owned(),
                    ));
                }
                (http, self.timeout, self.timeout)
            }
            None => {
                let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
                let http = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .timeout(timeout)
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
                (http, Some(timeout), None)
            }
        };
        let auth = Auth::new(self.credentials, &http, &self.retry, Some(user_agent))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                base,
                base_path,
                auth,
                retry: self.retry,
                throttle: self.throttle,
                timeout,
                request_timeout,
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
        let query = encode_query(operation, query)?;
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
        query: &str,
        body: Body,
    ) -> Result<RawResponse, Error> {
        let mut prepared = self.prepare(operation, path_args, query, body)?;
        let idempotent = is_idempotent(&prepared.method);
        // Without the URL: its path and query can hold personal data (an email as user id).
        let transport = |source: reqwest::Error| Error::Transport {
            operation: operation.id,
            source: source.without_url(),
        };
        let started = Instant::now();
        let mut attempt = 0u32;
        let mut token_renewed = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            if let Some(due) = self
                .inner
                .throttle
                .as_ref()
                .and_then(|throttle| throttle.reserve(operation.rate_limit))
            {
                wait_until(due).await;
            }
            let credential = self.inner.auth.credential().await?;
            let mut request = self.attempt_request(operation, query, &mut prepared)?;
            if let Some(credential) = &credential {
                request
                    .headers_mut()
                    .insert(AUTHORIZATION, credential.header.clone());
            }

            let failure = match self.inner.http.execute(request).await {
                Ok(mut response) => {
                    let status = response.status();
                    span.record("status", status.as_u16());
                    let headers = std::mem::take(response.headers_mut());
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
                            wait_for(wait).await;
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
                            wait_for(wait).await;
                        }
                        None => return Err(transport(error)),
                    }
                }
            }
        }
    }

    /// Checks and encodes everything about the request that stays the same from one
    /// attempt to the next.
    fn prepare(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &str,
        body: Body,
    ) -> Result<Prepared, Error> {
        let mut path = self.inner.base_path.clone();
        path.push_str(&operation.build_path(path_args)?);
        let url = self.url(&path, query);
        let method = Method::from_bytes(operation.method.as_bytes()).map_err(|_| {
            Error::Config(format!(
                "{}: unusable HTTP method {:?}",
                operation.id, operation.method
            ))
        })?;
        let (content_type, body) = match encode_body(operation, body)? {
            Some((content_type, bytes)) => (Some(content_type), Some(bytes)),
            None => (None, None),
        };
        let headers = self.headers(operation, content_type.as_ref())?;
        Ok(Prepared {
            method,
            path,
            url: Some(url),
            headers: Some(headers),
            content_type,
            body,
        })
    }

    /// The request for one attempt, without credentials. The first attempt takes what
    /// `prepare` built; a retry builds it again, so that a call that succeeds at once
    /// copies nothing.
    fn attempt_request(
        &self,
        operation: &Operation,
        query: &str,
        prepared: &mut Prepared,
    ) -> Result<reqwest::Request, Error> {
        let url = match prepared.url.take() {
            Some(url) => url,
            None => self.url(&prepared.path, query),
        };
        let headers = match prepared.headers.take() {
            Some(headers) => headers,
            None => self.headers(operation, prepared.content_type.as_ref())?,
        };
        let mut request = reqwest::Request::new(prepared.method.clone(), url);
        *request.headers_mut() = headers;
        if let Some(timeout) = self.inner.request_timeout {
            *request.timeout_mut() = Some(timeout);
        }
        if let Some(body) = &prepared.body {
            *request.body_mut() = Some(body.clone().into());
        }
        Ok(request)
    }

    /// The base URL with this path (already percent-encoded) and query.
    fn url(&self, path: &str, query: &str) -> reqwest::Url {
        let mut url = self.inner.base.clone();
        url.set_path(path);
        if !query.is_empty() {
            url.set_query(Some(query));
        }
        url
    }

    /// The headers every attempt sends: the client's defaults, then the operation's own,
    /// then the body's content type.
    fn headers(
        &self,
        operation: &Operation,
        content_type: Option<&HeaderValue>,
    ) -> Result<HeaderMap, Error> {
        let mut headers = self.inner.headers.clone();
        for (name, value) in operation.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| operation.invalid(name, "is not a valid header name".to_owned()))?;
            let value = safety::header_value("the value", value)
                .map_err(|reason| operation.invalid(name.as_str(), reason))?;
            headers.insert(name, value);
        }
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        Ok(headers)
    }
}

/// A wait between attempts. Boxed, like [`wait_until`]: a timer is large, and a call that
/// succeeds at once should not carry one.
async fn wait_for(wait: Duration) {
    Box::pin(tokio::time::sleep(wait)).await;
}

/// A wait for the throttle.
async fn wait_until(due: Instant) {
    Box::pin(tokio::time::sleep_until(due.into())).await;
}

/// The body's content type and bytes, or `None` for no body.
fn encode_body(operation: &Operation, body: Body) -> Result<Option<(HeaderValue, Bytes)>, Error> {
    let encode_error = |source| Error::Encode {
        operation: operation.id,
        source,
    };
    let (content_type, bytes) = match body.0 {
        Kind::Empty => return Ok(None),
        Kind::Json(encoded) => (
            "application/json".to_owned(),
            encoded.map_err(encode_error)?,
        ),
        Kind::Form(fields) => {
            let fields = fields.map_err(encode_error)?;
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
    Ok(Some((content_type, Bytes::from(bytes))))
}

/// What stays the same across the attempts of a call.
struct Prepared {
    method: Method,
    /// The whole path, the base URL's included: what a retry builds its URL from, with the
    /// query.
    path: String,
    url: Option<reqwest::Url>,
    headers: Option<HeaderMap>,
    content_type: Option<HeaderValue>,
    body: Option<Bytes>,
}

/// Why an attempt did not succeed.
enum Failure {
    Status(StatusCode, HeaderMap, Bytes),
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

    fn first_and_retry(
        client: &Client,
        operation: &Operation,
        query: &str,
        body: Body,
    ) -> Result<(reqwest::Request, reqwest::Request), Error> {
        let mut prepared = client.prepare(operation, &["me"], query, body)?;
        let first = client.attempt_request(operation, query, &mut prepared)?;
        let retry = client.attempt_request(operation, query, &mut prepared)?;
        Ok((first, retry))
    }

    #[test]
    fn every_attempt_carries_defaults_operation_headers_and_body() {
        let client = client();
        let (first, retry) = first_and_retry(
            &client,
            &POST,
            "a=1&b=x+y",
            Body::json(&serde_json::json!({"a": 1})),
        )
        .unwrap();
        for request in [&first, &retry] {
            assert_eq!(request.method(), Method::POST);
            assert_eq!(
                request.url().as_str(),
                "https://api.zoom.us/v2/users/me/meetings?a=1&b=x+y"
            );
            assert_eq!(request.headers()[USER_AGENT], "my-app/1.0");
            assert_eq!(request.headers()["x-team"], "blue");
            assert_eq!(request.headers()["x-zm-feature"], "on");
            assert_eq!(request.headers()[CONTENT_TYPE], "application/json");
            assert!(request.headers().get(AUTHORIZATION).is_none());
            let body = request.body().and_then(reqwest::Body::as_bytes);
            assert_eq!(body, Some(&br#"{"a":1}"#[..]));
            // A client built here has its timeout built in.
            assert_eq!(request.timeout(), None);
        }
        assert_eq!(client.inner.timeout, Some(DEFAULT_TIMEOUT));
    }

    #[test]
    fn urls_are_the_same_as_parsing_the_whole_text() {
        for base in [
            "https://api.zoom.us/v2",
            "https://api.zoom.us/v2/",
            "https://api.zoom.us",
            "http://127.0.0.1:8080/base/path",
            "https://[::1]:9/x",
        ] {
            let client = ClientBuilder::new().base_url(base).build().unwrap();
            for args in [
                "me",
                "a/b",
                "..%2F",
                "x?y#z",
                "jo@example.com",
                "caf\u{e9}",
                "%2e%2e",
            ] {
                for query in ["", "type=zak&ttl=3600", "q=a+b%26c"] {
                    let prepared = client
                        .prepare(&POST, &[args], query, Body::empty())
                        .unwrap();
                    let path = POST.build_path(&[args]).unwrap();
                    let separator = if query.is_empty() { "" } else { "?" };
                    let whole = format!("{}{path}{separator}{query}", client.base_url());
                    assert_eq!(
                        prepared.url.as_ref().map(reqwest::Url::as_str),
                        Some(reqwest::Url::parse(&whole).unwrap().as_str()),
                        "{base} {args} {query}"
                    );
                    assert_eq!(
                        client.url(&prepared.path, query).as_str(),
                        reqwest::Url::parse(&whole).unwrap().as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn an_injected_client_gets_the_timeout_on_each_request() {
        let client = ClientBuilder::new()
            .base_url("https://api.zoom.us/v2")
            .http_client(reqwest::Client::new())
            .timeout(Duration::from_secs(3))
            .build()
            .unwrap();
        let (first, retry) = first_and_retry(&client, &POST, "", Body::empty()).unwrap();
        assert_eq!(first.timeout(), Some(&Duration::from_secs(3)));
        assert_eq!(retry.timeout(), Some(&Duration::from_secs(3)));
        assert!(first.body().is_none() && first.url().query().is_none());
    }

    #[test]
    fn an_operation_header_with_a_line_break_is_refused() {
        const BAD: Operation = Operation {
            headers: &[("X-Note", "a\r\nX-Injected: 1")],
            ..POST
        };
        let error = client()
            .prepare(&BAD, &["me"], "", Body::empty())
            .err()
            .expect("refused")
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
        assert!(client().prepare(&POST, &["me"], "", body).is_err());
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
            injected.inner.request_timeout, None,
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
