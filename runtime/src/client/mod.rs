//! The client: one configured HTTP client that every generated operation is sent through.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{Method, StatusCode};
use serde::Serialize;
use tracing::field::Empty;
use tracing::Instrument;

mod builder;
mod hosts;
mod options;

pub use builder::ClientBuilder;
pub use options::CallOptions;
pub(crate) use options::Overrides;

use crate::api::{AnyApi, Api, ApiDefaults, KeyLocation};
use crate::auth::{
    Auth, Credentials, KeyConfig, OAuthApp, Selection, Static, TokenStore, UserTokens,
};
use crate::error::{ApiError, Error};
use crate::observe::Observer;
use crate::request::query::encode_query;
use crate::request::{Body, Kind, Operation};
use crate::response::RawResponse;
use crate::send::redirect;
use crate::send::retry::{is_idempotent, Attempt, Failed, Outcome, RetryPolicy};
use crate::send::safety::{self, Secret};
use crate::send::throttle::Throttle;
use crate::send::transfer::read_body;
use hosts::{Hosts, Origin};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An API client: base URL, credentials, retry policy, throttle and a connection pool.
/// Cheap to clone; clones share the pool, the cached access token and the throttle.
///
/// `A` is the API the client calls: its [`Api::DEFAULTS`] are where
/// [`builder`](Self::builder) starts from. Generated bindings name their own, as a type
/// alias `Client`.
///
/// [`with_options`](Self::with_options) makes a view of a client whose calls use another
/// timeout, retry policy or extra headers; [`download`](Self::download) streams a file that
/// the API links to.
pub struct Client<A = AnyApi> {
    pub(crate) inner: Arc<Inner>,
    /// What a view made with `with_options` changes; `None` for the client itself.
    pub(crate) overrides: Option<Arc<Overrides>>,
    api: PhantomData<fn() -> A>,
}

impl<A> Clone for Client<A> {
    fn clone(&self) -> Self {
        Client {
            inner: Arc::clone(&self.inner),
            overrides: self.overrides.clone(),
            api: PhantomData,
        }
    }
}

pub(crate) struct Inner {
    pub(crate) defaults: ApiDefaults,
    /// The client of downloads and of the token endpoint: it follows redirects.
    pub(crate) http: reqwest::Client,
    /// The client of API calls: it does not follow redirects (a client built here), so that
    /// `Call` follows them and leaves credentials behind on another host.
    api_http: reqwest::Client,
    base_url: String,
    /// `base_url` parsed once: each request's URL is a copy with its path and query set,
    /// which spares parsing the scheme and host again.
    base: Origin,
    /// The API's other hosts, where the operations that name them go.
    hosts: Hosts,
    pub(crate) auth: Auth,
    /// Basic auth and the API key.
    fixed: Static,
    pub(crate) retry: RetryPolicy,
    throttle: Option<Throttle>,
    /// The limit on each attempt, as configured (for `Debug`, and for downloads, which apply
    /// it to each wait rather than to the whole transfer).
    pub(crate) timeout: Option<Duration>,
    /// Set on each request: only for an injected client given a timeout here. A client
    /// built here has the timeout built in, which costs nothing per request.
    request_timeout: Option<Duration>,
    /// The user agent and the default headers, sent with every request.
    pub(crate) headers: HeaderMap,
    /// Whether plain-http URLs to other hosts than loopback may be sent credentials
    /// (downloads check their URLs with it).
    pub(crate) allow_http: bool,
    /// Where the shapes of the bodies received are recorded, when they are.
    observer: Option<Observer>,
}

impl<A> fmt::Debug for Client<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.defaults.name)
            .field("base_url", &self.inner.base_url)
            .field("hosts", &self.inner.hosts.urls())
            .field("auth", &self.inner.auth)
            .field("credentials", &self.inner.fixed)
            .field("retry", &self.inner.retry)
            .field("throttle", &self.inner.throttle)
            .field("timeout", &self.inner.timeout)
            // Names only: a default header may carry a credential the client cannot recognise.
            .field("headers", &self.inner.headers.keys().collect::<Vec<_>>())
            .field("options", &self.overrides)
            .field("observer", &self.inner.observer)
            .finish_non_exhaustive()
    }
}

impl<A: Api> Client<A> {
    /// A builder that starts from the API's defaults ([`Api::DEFAULTS`]).
    pub fn builder() -> ClientBuilder<A> {
        ClientBuilder::<A>::new()
    }
}

impl<A> Client<A> {
    /// The base URL the client sends to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A view of this client whose calls use `options` (another timeout, retry policy,
    /// extra headers) over the client's settings. It is a `Client` like this one, so every
    /// generated function takes it, and it shares the connection pool, the access tokens and
    /// the throttle with this client, which keeps its own settings. Options of a view of a
    /// view are laid over its parent's.
    ///
    /// ```no_run
    /// # async fn run(client: postman_runtime::Client) -> Result<(), postman_runtime::Error> {
    /// use std::time::Duration;
    /// use postman_runtime::CallOptions;
    ///
    /// let quick = client.with_options(CallOptions::new().timeout(Duration::from_secs(2)));
    /// // `quick` goes wherever a `&Client` does: generated functions, `download`, clones.
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_options(&self, options: CallOptions) -> Client<A> {
        Client {
            inner: Arc::clone(&self.inner),
            overrides: Some(Arc::new(Overrides::over(
                self.overrides.as_deref(),
                options,
            ))),
            api: PhantomData,
        }
    }

    /// The retry policy of the calls made through this client or view.
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        self.overrides
            .as_deref()
            .and_then(|o| o.retry.as_ref())
            .unwrap_or(&self.inner.retry)
    }

    /// Sends one operation and reads its response. Generated functions call this; a status
    /// outside 2xx comes back as [`Error::Api`].
    ///
    /// The call runs in a `tracing` span named `api.request` with the fields `api` (the
    /// API's name), `operation`, `method`, `path` (the template, without the parameters'
    /// values), `attempt` and `status`; it never holds a credential, a parameter value or a
    /// body.
    pub async fn send<Q: Serialize + ?Sized>(
        &self,
        operation: &Operation,
        path_args: &[&str],
        query: &Q,
        body: Body,
    ) -> Result<RawResponse, Error> {
        let query = encode_query(operation, query)?;
        let span = tracing::info_span!(
            "api.request",
            api = self.inner.defaults.name,
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
        let overrides = self.overrides.as_deref();
        if let Some(reason) = overrides.and_then(|o| o.invalid.as_ref()) {
            return Err(Error::Config(reason.clone()));
        }
        let prepared = self
            .inner
            .prepare(overrides, operation, path_args, query, body)?;
        let idempotent = is_idempotent(&prepared.method);
        let mut call = Call {
            inner: &self.inner,
            overrides,
            operation,
            query,
            prepared,
            span,
            token_renewed: false,
        };
        let outcome = self.retry_policy().run(&mut call, idempotent, span).await;
        if let Some(observer) = &self.inner.observer {
            match &outcome {
                Ok(response) => {
                    observer.offer(operation.id, response.status.as_u16(), &response.body)
                }
                Err(Failed::Status(status, _, body)) => {
                    observer.offer(operation.id, status.as_u16(), body)
                }
                Err(_) => {}
            }
        }
        match outcome {
            Ok(response) => Ok(response),
            Err(Failed::Status(status, headers, body)) => Err(Error::Api(Box::new(ApiError::new(
                operation.id,
                status,
                headers,
                body,
                &self.inner.defaults,
            )))),
            // Without the URL: its path and query can hold personal data (an email as user id).
            Err(Failed::Transport(source)) => {
                let timeout = overrides.and_then(|o| o.timeout).or(self.inner.timeout);
                Err(Error::transport(operation.id, source, timeout))
            }
            Err(Failed::Interrupted(cut)) => Err(cut.into_error(operation.id)),
            Err(Failed::Fatal(error)) => Err(error),
        }
    }
}

impl Inner {
    /// Checks and encodes everything about the request that stays the same from one
    /// attempt to the next: where it goes, its credentials, path, headers and body.
    fn prepare<'a>(
        &'a self,
        overrides: Option<&Overrides>,
        operation: &Operation,
        path_args: &[&str],
        query: &str,
        body: Body,
    ) -> Result<Prepared<'a>, Error> {
        let origin = self.hosts.origin(&self.base, operation)?;
        let selection = self.fixed.select(operation, self.auth.has_token())?;
        let mut path = origin.path.clone();
        path.push_str(&operation.build_path(path_args)?);
        let url = url(origin, &path, query, &selection);
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
        let headers = self.headers(overrides, operation, content_type.as_ref(), &selection)?;
        Ok(Prepared {
            method,
            origin,
            path,
            url: Some(url),
            headers: Some(headers),
            content_type,
            body,
            selection,
        })
    }

    /// The request for one attempt, without the token. The first attempt takes what
    /// `prepare` built; a retry builds it again, so that a call that succeeds at once
    /// copies nothing.
    fn attempt_request(
        &self,
        overrides: Option<&Overrides>,
        operation: &Operation,
        query: &str,
        prepared: &mut Prepared<'_>,
    ) -> Result<reqwest::Request, Error> {
        let url = match prepared.url.take() {
            Some(url) => url,
            None => url(prepared.origin, &prepared.path, query, &prepared.selection),
        };
        let headers = match prepared.headers.take() {
            Some(headers) => headers,
            None => self.headers(
                overrides,
                operation,
                prepared.content_type.as_ref(),
                &prepared.selection,
            )?,
        };
        let mut request = reqwest::Request::new(prepared.method.clone(), url);
        *request.headers_mut() = headers;
        // A request's own timeout replaces the one built into the reqwest client.
        let timeout = overrides.and_then(|o| o.timeout);
        if let Some(timeout) = timeout.or(self.request_timeout) {
            *request.timeout_mut() = Some(timeout);
        }
        if let Some(body) = &prepared.body {
            *request.body_mut() = Some(body.clone().into());
        }
        Ok(request)
    }

    /// The headers every attempt sends: the client's defaults, then the operation's own,
    /// then the view's per-call headers, then the body's content type, then the basic
    /// credentials or API key the operation is sent with.
    fn headers(
        &self,
        overrides: Option<&Overrides>,
        operation: &Operation,
        content_type: Option<&HeaderValue>,
        selection: &Selection,
    ) -> Result<HeaderMap, Error> {
        let mut headers = self.headers.clone();
        for (name, value) in operation.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| operation.invalid(name, "is not a valid header name".to_owned()))?;
            let value = safety::header_value("the value", value)
                .map_err(|reason| operation.invalid(name.as_str(), reason))?;
            headers.insert(name, value);
        }
        if let Some(overrides) = overrides {
            // `extend` replaces the values of each name the view sets.
            headers.extend(overrides.headers.clone());
        }
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        if let Some(basic) = &selection.basic {
            headers.insert(AUTHORIZATION, basic.clone());
        }
        if let Some((name, value)) = &selection.key_header {
            headers.insert(name.clone(), value.clone());
        }
        Ok(headers)
    }
}

/// The origin's URL with this path (already percent-encoded) and query, and the API key
/// when the operation sends it in the query.
fn url(origin: &Origin, path: &str, query: &str, selection: &Selection) -> reqwest::Url {
    let mut url = origin.url.clone();
    url.set_path(path);
    if !query.is_empty() {
        url.set_query(Some(query));
    }
    if let Some((name, value)) = &selection.key_query {
        url.query_pairs_mut().append_pair(name, value.expose());
    }
    url
}

/// One API call, as sent again and again by the retry loop.
struct Call<'a> {
    inner: &'a Inner,
    overrides: Option<&'a Overrides>,
    operation: &'a Operation,
    query: &'a str,
    prepared: Prepared<'a>,
    span: &'a tracing::Span,
    /// A refused token is renewed once per call.
    token_renewed: bool,
}

impl Attempt for Call<'_> {
    type Output = RawResponse;

    async fn attempt(&mut self, number: u32) -> Outcome<RawResponse> {
        if let Some(due) = self
            .inner
            .throttle
            .as_ref()
            .and_then(|throttle| throttle.reserve(self.operation.rate_limit))
        {
            wait_until(due).await;
        }
        let credential = if self.prepared.selection.token {
            match self.inner.auth.credential().await {
                Ok(credential) => credential,
                Err(error) => return Outcome::Fatal(error),
            }
        } else {
            None
        };
        let mut request = match self.inner.attempt_request(
            self.overrides,
            self.operation,
            self.query,
            &mut self.prepared,
        ) {
            Ok(request) => request,
            Err(error) => return Outcome::Fatal(error),
        };
        if let Some(credential) = &credential {
            request
                .headers_mut()
                .insert(AUTHORIZATION, credential.header.clone());
        }
        let body = self.prepared.body.clone();
        let mut response = match redirect::send_following(&self.inner.api_http, request, body).await
        {
            Ok(response) => response,
            Err(error) => return Outcome::Transport(error),
        };
        let status = response.status();
        self.span.record("status", status.as_u16());
        let headers = std::mem::take(response.headers_mut());
        let body = match read_body(&mut response).await {
            Ok(body) => body,
            Err(cut) => return Outcome::Interrupted(cut),
        };
        if status.is_success() {
            return Outcome::Done(RawResponse {
                operation: self.operation.id,
                status,
                headers,
                body,
            });
        }
        if status == StatusCode::UNAUTHORIZED && self.inner.auth.renewable() && !self.token_renewed
        {
            if let Some(credential) = &credential {
                // The token was revoked or expired early: a new one, and once more.
                self.inner.auth.reject(credential);
                self.token_renewed = true;
                tracing::info!(
                    attempt = number,
                    "401: renewing the access token and sending again"
                );
                return Outcome::Again;
            }
        }
        Outcome::Status(status, headers, body)
    }
}

/// A wait for the throttle. Boxed: a timer is large, and a call that is not throttled
/// should not carry one.
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
struct Prepared<'a> {
    method: Method,
    /// The base URL or the host the operation goes to.
    origin: &'a Origin,
    /// The whole path, the base URL's included: what a retry builds its URL from, with the
    /// query.
    path: String,
    url: Option<reqwest::Url>,
    headers: Option<HeaderMap>,
    content_type: Option<HeaderValue>,
    body: Option<Bytes>,
    /// The credentials the operation is sent with.
    selection: Selection,
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
        host: None,
        auth: crate::request::AuthScheme::Any,
    };

    fn client() -> Client {
        ClientBuilder::<AnyApi>::new()
            .base_url("https://api.example.com/v2/")
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
        let overrides = client.overrides.as_deref();
        let mut prepared = client
            .inner
            .prepare(overrides, operation, &["me"], query, body)?;
        let first = client
            .inner
            .attempt_request(overrides, operation, query, &mut prepared)?;
        let retry = client
            .inner
            .attempt_request(overrides, operation, query, &mut prepared)?;
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
                "https://api.example.com/v2/users/me/meetings?a=1&b=x+y"
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
            "https://api.example.com/v2",
            "https://api.example.com/v2/",
            "https://api.example.com",
            "http://127.0.0.1:8080/base/path",
            "https://[::1]:9/x",
        ] {
            let client = ClientBuilder::<AnyApi>::new()
                .base_url(base)
                .build()
                .unwrap();
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
                        .inner
                        .prepare(None, &POST, &[args], query, Body::empty())
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
                        url(prepared.origin, &prepared.path, query, &prepared.selection).as_str(),
                        reqwest::Url::parse(&whole).unwrap().as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn a_view_sets_its_timeout_and_headers_and_leaves_the_parent_alone() {
        let parent = client();
        let view = parent.with_options(
            CallOptions::new()
                .timeout(Duration::from_millis(250))
                .header("X-Team", "red")
                .header("X-Zm-Feature", "off")
                .header("Authorization", "Bearer per-call"),
        );
        let (first, retry) = first_and_retry(&view, &POST, "", Body::empty()).unwrap();
        for request in [&first, &retry] {
            assert_eq!(request.timeout(), Some(&Duration::from_millis(250)));
            assert_eq!(request.headers()["x-team"], "red");
            assert_eq!(request.headers()["x-zm-feature"], "off");
            assert_eq!(request.headers().get_all("x-team").iter().count(), 1);
            assert!(request.headers()[AUTHORIZATION].is_sensitive());
        }
        let (parents, _) = first_and_retry(&parent, &POST, "", Body::empty()).unwrap();
        assert_eq!(parents.timeout(), None);
        assert_eq!(parents.headers()["x-team"], "blue");
        assert_eq!(parents.headers()["x-zm-feature"], "on");
        assert!(
            Arc::ptr_eq(&parent.inner, &view.inner),
            "one pool, one token cache"
        );
        let debug = format!("{view:?}");
        assert!(!debug.contains("per-call"), "{debug}");
    }

    #[test]
    fn an_injected_client_gets_the_timeout_on_each_request() {
        let client = ClientBuilder::<AnyApi>::new()
            .base_url("https://api.example.com/v2")
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
            .inner
            .prepare(None, &BAD, &["me"], "", Body::empty())
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
        assert!(client()
            .inner
            .prepare(None, &POST, &["me"], "", body)
            .is_err());
    }

    #[test]
    fn builder_checks_headers_and_timeouts() {
        let base = || ClientBuilder::<AnyApi>::new().base_url("https://api.example.com/v2");
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
        let builder = ClientBuilder::<AnyApi>::new()
            .base_url("https://api.example.com/v2")
            .default_header("X-Api-Key", "key-secret")
            .server_to_server_oauth(
                OAuthApp::new("client-id", "client-secret")
                    .token_url("https://auth.example.com/token"),
                "account",
            );
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

        let client = ClientBuilder::<AnyApi>::new()
            .base_url("https://api.example.com/v2")
            .bearer_token("bearer-secret")
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("bearer-secret"));
    }
}
