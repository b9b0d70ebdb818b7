//! Credentials: a static bearer token, an app's own OAuth credentials (client or account
//! credentials, Zoom's Server-to-Server OAuth among them) and user-level OAuth.
//! OAuth access tokens are cached until shortly before they expire, fetched once for all
//! the calls that need one at the same moment, and fetched anew when the API refuses them.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant, SystemTime};

use http::header::{HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use http::StatusCode;
use serde_json::Value;
use tracing::Instrument;

use crate::api::{AnyApi, Api};
use crate::error::{BoxError, Error};
use crate::send::retry::{Attempt, Failed, Outcome, RetryPolicy};
use crate::send::safety::{checked_url, sensitive_header_value, Secret};
use crate::send::transfer::read_body;

/// The longest a token is renewed before it expires.
const RENEW_MARGIN: Duration = Duration::from_secs(60);
/// The lifetime assumed when the token endpoint does not say (an hour, a common lifetime).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// An OAuth app's credentials and endpoints, for Server-to-Server OAuth
/// ([`ClientBuilder::server_to_server_oauth`](crate::ClientBuilder::server_to_server_oauth))
/// and user-level OAuth ([`ClientBuilder::user_oauth`](crate::ClientBuilder::user_oauth)).
///
/// The endpoints start from the API's defaults ([`ApiDefaults::token_url`](crate::ApiDefaults::token_url) and
/// [`ApiDefaults::authorize_url`](crate::ApiDefaults::authorize_url)). The client secret never shows in `Debug` output, errors
/// or logs.
///
/// ```
/// use postman_runtime::{AnyApi, OAuthApp};
///
/// let app = OAuthApp::<AnyApi>::new("client id", "client secret")
///     .token_url("https://auth.example.com/oauth/token");
/// assert!(!format!("{app:?}").contains("client secret"));
/// ```
pub struct OAuthApp<A = AnyApi> {
    config: AppConfig,
    api: PhantomData<fn() -> A>,
}

/// What an [`OAuthApp`] holds, whatever its API.
#[derive(Clone)]
pub(crate) struct AppConfig {
    client_id: String,
    client_secret: Secret,
    token_url: Option<String>,
    authorize_url: Option<String>,
    allow_http: bool,
    http: Option<reqwest::Client>,
}

impl<A> Clone for OAuthApp<A> {
    fn clone(&self) -> Self {
        OAuthApp {
            config: self.config.clone(),
            api: PhantomData,
        }
    }
}

impl<A> fmt::Debug for OAuthApp<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.config.fmt(f)
    }
}

impl fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("token_url", &self.token_url)
            .field("authorize_url", &self.authorize_url)
            .finish_non_exhaustive()
    }
}

impl<A: Api> OAuthApp<A> {
    /// An app with the API's OAuth endpoints.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        OAuthApp {
            config: AppConfig {
                client_id: client_id.into(),
                client_secret: Secret::new(client_secret),
                token_url: A::DEFAULTS.token_url.map(str::to_owned),
                authorize_url: A::DEFAULTS.authorize_url.map(str::to_owned),
                allow_http: false,
                http: None,
            },
            api: PhantomData,
        }
    }
}

impl<A> OAuthApp<A> {
    /// Where tokens are requested. It must be https, unless it is a loopback address (for
    /// tests) or [`allow_insecure_http`](Self::allow_insecure_http) is set.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.config.token_url = Some(url.into());
        self
    }

    /// Where users are sent to grant access, for [`authorization_url`](Self::authorization_url).
    pub fn authorize_url(mut self, url: impl Into<String>) -> Self {
        self.config.authorize_url = Some(url.into());
        self
    }

    /// Accepts a plain-http token URL that is not a loopback address. The client secret
    /// and the tokens then cross the network in clear text.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.config.allow_http = allow;
        self
    }

    /// The HTTP client for [`exchange_code`](Self::exchange_code) and
    /// [`refresh`](Self::refresh) (an app given to a [`Client`](crate::Client) uses the
    /// client's own).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.config.http = Some(http);
        self
    }

    pub fn client_id(&self) -> &str {
        &self.config.client_id
    }

    /// The page to send a user to so that they grant the app access. The authorization
    /// server then redirects them to `redirect_uri` with `code` and `state` in the query;
    /// check that `state` is the one you sent, then give `code` to
    /// [`exchange_code`](Self::exchange_code).
    pub fn authorization_url(&self, redirect_uri: &str, state: &str) -> Result<String, Error> {
        let page = self
            .config
            .authorize_url
            .as_deref()
            .ok_or_else(|| Error::Config("the OAuth app has no authorize URL".to_owned()))?;
        let mut url = checked_url("authorize URL", page, self.config.allow_http)?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state);
        Ok(url.into())
    }

    /// Exchanges an authorization code for the user's tokens (the `authorization_code`
    /// grant). `redirect_uri` must be the one the authorization page was opened with.
    pub async fn exchange_code(&self, code: &str, redirect_uri: &str) -> Result<UserTokens, Error> {
        let grant = Grant::AuthorizationCode { code, redirect_uri };
        let issued = self.config.standalone_request(&grant).await?;
        let refresh_token = issued.refresh_token.clone().ok_or_else(|| {
            Error::auth(
                None,
                "the token endpoint's response has no refresh_token".to_owned(),
            )
        })?;
        Ok(issued.into_user_tokens(refresh_token))
    }

    /// Gets new tokens with a refresh token (the `refresh_token` grant). Where refresh
    /// tokens rotate, store the returned one: the one given no longer works.
    pub async fn refresh(&self, refresh_token: &str) -> Result<UserTokens, Error> {
        let grant = Grant::RefreshToken { refresh_token };
        let issued = self.config.standalone_request(&grant).await?;
        let rotated = issued
            .refresh_token
            .clone()
            .unwrap_or_else(|| Secret::new(refresh_token));
        Ok(issued.into_user_tokens(rotated))
    }

    pub(crate) fn into_config(self) -> AppConfig {
        self.config
    }
}

impl AppConfig {
    /// A token request outside any client, with the default retry policy.
    async fn standalone_request(&self, grant: &Grant<'_>) -> Result<Issued, Error> {
        let http = match &self.http {
            Some(http) => http.clone(),
            None => reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(10))
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        let token_url = self.checked_token_url()?;
        request_token(&http, self, &token_url, grant, &RetryPolicy::new(), None).await
    }

    fn checked_token_url(&self) -> Result<reqwest::Url, Error> {
        let url = self
            .token_url
            .as_deref()
            .ok_or_else(|| Error::Config("the OAuth app has no token URL".to_owned()))?;
        checked_url("token URL", url, self.allow_http)
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        self.checked_token_url()?;
        if self.client_id.is_empty() {
            return Err(Error::Config("the OAuth client id is empty".to_owned()));
        }
        Ok(())
    }
}

/// A user's OAuth tokens: the access token the API is called with, the refresh token that
/// renews it, and when the access token expires.
///
/// The tokens never show in `Debug` output.
#[derive(Clone)]
pub struct UserTokens {
    access_token: Secret,
    refresh_token: Secret,
    expires_at: Option<SystemTime>,
    scope: Option<String>,
}

impl fmt::Debug for UserTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserTokens")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish()
    }
}

impl UserTokens {
    /// Tokens as stored earlier. With `expires_at` unknown, the access token is used until
    /// the API refuses it.
    pub fn new(
        access_token: impl Into<String>,
        refresh_token: impl Into<String>,
        expires_at: Option<SystemTime>,
    ) -> Self {
        UserTokens {
            access_token: Secret::new(access_token),
            refresh_token: Secret::new(refresh_token),
            expires_at,
            scope: None,
        }
    }

    /// Only a refresh token: the first call gets an access token with it.
    pub fn from_refresh_token(refresh_token: impl Into<String>) -> Self {
        Self::new(String::new(), refresh_token, None)
    }

    pub fn access_token(&self) -> &str {
        self.access_token.expose()
    }

    /// The refresh token. Store it: it replaces the one it was refreshed with.
    pub fn refresh_token(&self) -> &str {
        self.refresh_token.expose()
    }

    /// When the access token expires, when known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// The scopes granted, as the token endpoint listed them (space-separated).
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }
}

/// Where a client puts a user's tokens after it refreshed them.
///
/// Many APIs (Zoom among them) rotate refresh tokens: each refresh returns a new refresh
/// token and the old one stops working, so the new one must be stored before the program stops. The client calls
/// the store after every refresh, before the call that needed it goes on, and while no
/// other refresh can start. A store that fails makes that call fail with
/// [`Error::Auth`]; the client keeps using the new tokens, and stores again at the next
/// refresh.
///
/// Any `Fn(UserTokens) -> impl Future<Output = Result<(), E>>` is a store:
///
/// ```
/// let store = |tokens: postman_runtime::UserTokens| async move {
///     std::fs::write("refresh-token", tokens.refresh_token())
/// };
/// # fn is_store(_: impl postman_runtime::TokenStore) {}
/// # is_store(store);
/// ```
pub trait TokenStore: Send + Sync + 'static {
    /// Stores the tokens.
    fn save(
        &self,
        tokens: UserTokens,
    ) -> Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send + 'static>>;
}

impl<F, Fut, E> TokenStore for F
where
    F: Fn(UserTokens) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn save(
        &self,
        tokens: UserTokens,
    ) -> Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send + 'static>> {
        let saving = self(tokens);
        Box::pin(async move { saving.await.map_err(Into::into) })
    }
}

/// How a client authenticates, as configured on the builder.
#[derive(Default)]
pub(crate) enum Credentials {
    #[default]
    None,
    Bearer(Secret),
    ServerToServer {
        app: AppConfig,
        account_id: Option<String>,
    },
    User {
        app: AppConfig,
        tokens: UserTokens,
        store: Arc<dyn TokenStore>,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::None => f.write_str("None"),
            Credentials::Bearer(token) => f.debug_tuple("Bearer").field(token).finish(),
            Credentials::ServerToServer { app, account_id } => f
                .debug_struct("ServerToServerOAuth")
                .field("app", app)
                .field("account_id", account_id)
                .finish(),
            Credentials::User { app, tokens, .. } => f
                .debug_struct("UserOAuth")
                .field("app", app)
                .field("tokens", tokens)
                .finish_non_exhaustive(),
        }
    }
}

/// How a built client authenticates each request.
pub(crate) enum Auth {
    None,
    Bearer(HeaderValue),
    Tokens(Arc<OAuthTokens>),
}

/// The `Authorization` value a request was sent with, and which token it was.
pub(crate) struct Credential {
    pub(crate) header: HeaderValue,
    generation: u64,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(_) => f.write_str("Bearer(\"<redacted>\")"),
            Auth::Tokens(tokens) => match &tokens.flow {
                Flow::ClientCredentials { account_id } => f
                    .debug_struct("ServerToServerOAuth")
                    .field("app", &tokens.app)
                    .field("account_id", account_id)
                    .finish(),
                Flow::Refresh { .. } => f
                    .debug_struct("UserOAuth")
                    .field("app", &tokens.app)
                    .finish_non_exhaustive(),
            },
        }
    }
}

impl Auth {
    pub(crate) fn new(
        credentials: Credentials,
        http: &reqwest::Client,
        retry: &RetryPolicy,
        user_agent: Option<HeaderValue>,
    ) -> Result<Auth, Error> {
        let (app, flow, initial) = match credentials {
            Credentials::None => return Ok(Auth::None),
            Credentials::Bearer(token) => {
                let header = bearer(token.expose()).map_err(Error::Config)?;
                return Ok(Auth::Bearer(header));
            }
            Credentials::ServerToServer { app, account_id } => {
                if account_id.as_deref() == Some("") {
                    return Err(Error::Config("the account id is empty".to_owned()));
                }
                (app, Flow::ClientCredentials { account_id }, None)
            }
            Credentials::User { app, tokens, store } => {
                let initial = (!tokens.access_token().is_empty()).then(|| {
                    let lifetime = match tokens.expires_at {
                        Some(at) => at
                            .duration_since(SystemTime::now())
                            .unwrap_or(Duration::ZERO),
                        // Unknown: used until the API refuses it.
                        None => Duration::from_secs(365 * 24 * 3600),
                    };
                    (tokens.access_token.clone(), lifetime)
                });
                let refresh_token = tokens.refresh_token;
                let flow = Flow::Refresh {
                    store,
                    refresh_token: Mutex::new(refresh_token),
                };
                (app, flow, initial)
            }
        };
        app.check()?;
        let token_url = app.checked_token_url()?;
        let tokens = OAuthTokens {
            app,
            token_url,
            flow,
            http: http.clone(),
            retry: retry.clone(),
            user_agent,
            cache: RwLock::new(None),
            single_flight: tokio::sync::Mutex::new(()),
            generations: AtomicU64::new(1),
        };
        if let Some((access_token, lifetime)) = initial {
            tokens.install(&access_token, lifetime)?;
        }
        Ok(Auth::Tokens(Arc::new(tokens)))
    }

    /// The `Authorization` header for the next request, fetching a token if needed.
    pub(crate) async fn credential(&self) -> Result<Option<Credential>, Error> {
        match self {
            Auth::None => Ok(None),
            Auth::Bearer(header) => Ok(Some(Credential {
                header: header.clone(),
                generation: 0,
            })),
            Auth::Tokens(tokens) => {
                if let Some(credential) = tokens.fresh() {
                    return Ok(Some(credential));
                }
                // Boxed: fetching a token is rare, and its future is large; the calls that
                // find a fresh token do not carry it.
                Box::pin(tokens.credential()).await.map(Some)
            }
        }
    }

    /// Whether a refused token can be replaced by a new one.
    pub(crate) fn renewable(&self) -> bool {
        matches!(self, Auth::Tokens(_))
    }

    /// The API refused this credential: it is not used again.
    pub(crate) fn reject(&self, credential: &Credential) {
        if let Auth::Tokens(tokens) = self {
            tokens.reject(credential.generation);
        }
    }
}

/// An OAuth access token kept for a client, renewed with the app's credentials (Server-to-
/// Server) or with the user's refresh token.
pub(crate) struct OAuthTokens {
    app: AppConfig,
    token_url: reqwest::Url,
    flow: Flow,
    http: reqwest::Client,
    retry: RetryPolicy,
    user_agent: Option<HeaderValue>,
    cache: RwLock<Option<Cached>>,
    /// Held while a token is fetched, so that one fetch serves every caller waiting.
    single_flight: tokio::sync::Mutex<()>,
    generations: AtomicU64,
}

enum Flow {
    /// The app's own credentials: the `client_credentials` grant, or, for an account, the
    /// `account_credentials` grant.
    ClientCredentials { account_id: Option<String> },
    Refresh {
        store: Arc<dyn TokenStore>,
        /// Replaced by each refresh, as refresh tokens may rotate.
        refresh_token: Mutex<Secret>,
    },
}

#[derive(Clone)]
struct Cached {
    header: HeaderValue,
    renew_at: Instant,
    expires_at: Instant,
    generation: u64,
}

impl OAuthTokens {
    /// The cached token, unless it is due for renewal.
    fn fresh(&self) -> Option<Credential> {
        self.cached(|cached, now| now < cached.renew_at)
    }

    async fn credential(&self) -> Result<Credential, Error> {
        if let Some(credential) = self.fresh() {
            return Ok(credential);
        }
        let _fetching = self.single_flight.lock().await;
        // Whoever held the lock before may have fetched one already.
        if let Some(credential) = self.fresh() {
            return Ok(credential);
        }
        self.renew().await
    }

    fn cached(&self, usable: impl Fn(&Cached, Instant) -> bool) -> Option<Credential> {
        let cache = self.cache.read().unwrap_or_else(|e| e.into_inner());
        let cached = cache.as_ref()?;
        usable(cached, Instant::now()).then(|| Credential {
            header: cached.header.clone(),
            generation: cached.generation,
        })
    }

    fn reject(&self, generation: u64) {
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        if cache.as_ref().map(|c| c.generation) == Some(generation) {
            tracing::info!("the API refused the access token; a new one will be fetched");
            *cache = None;
        }
    }

    /// Fetches a token; the caller holds `single_flight`.
    async fn renew(&self) -> Result<Credential, Error> {
        let issued = match &self.flow {
            Flow::ClientCredentials { account_id } => {
                let grant = match account_id {
                    Some(account_id) => Grant::AccountCredentials { account_id },
                    None => Grant::ClientCredentials,
                };
                self.request(&grant).await
            }
            Flow::Refresh { refresh_token, .. } => {
                let refresh_token = lock(refresh_token).clone();
                if refresh_token.expose().is_empty() {
                    return Err(Error::auth(
                        None,
                        "no refresh token to renew the user's access token with".to_owned(),
                    ));
                }
                let grant = Grant::RefreshToken {
                    refresh_token: refresh_token.expose(),
                };
                self.request(&grant).await
            }
        };
        let issued = match issued {
            Ok(issued) => issued,
            Err(error) => {
                // A token that is due for renewal but not expired still works.
                if let Some(credential) = self.cached(|cached, now| now < cached.expires_at) {
                    tracing::warn!(error = %error, "cannot renew the access token; using the current one until it expires");
                    return Ok(credential);
                }
                return Err(error);
            }
        };
        let lifetime = issued.lifetime.unwrap_or(DEFAULT_LIFETIME);
        let credential = self.install(&issued.access_token, lifetime)?;
        if let Flow::Refresh {
            store,
            refresh_token,
        } = &self.flow
        {
            let current = {
                let mut current = lock(refresh_token);
                if let Some(rotated) = &issued.refresh_token {
                    *current = rotated.clone();
                }
                current.clone()
            };
            let tokens = issued.into_user_tokens(current);
            if let Err(source) = store.save(tokens).await {
                tracing::error!(error = %source, "cannot store the refreshed OAuth tokens");
                return Err(Error::Auth {
                    status: None,
                    message: "the refreshed tokens could not be stored".to_owned(),
                    source: Some(source),
                });
            }
        }
        Ok(credential)
    }

    async fn request(&self, grant: &Grant<'_>) -> Result<Issued, Error> {
        request_token(
            &self.http,
            &self.app,
            &self.token_url,
            grant,
            &self.retry,
            self.user_agent.as_ref(),
        )
        .await
    }

    /// Caches a new access token, to be renewed shortly before `lifetime` ends.
    fn install(&self, access_token: &Secret, lifetime: Duration) -> Result<Credential, Error> {
        let header = bearer(access_token.expose()).map_err(|reason| Error::auth(None, reason))?;
        let now = Instant::now();
        let expires_at = now.checked_add(lifetime).unwrap_or(now);
        let renew_at = expires_at
            .checked_sub(RENEW_MARGIN.min(lifetime / 10))
            .unwrap_or(now);
        let generation = self.generations.fetch_add(1, Ordering::Relaxed);
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        *cache = Some(Cached {
            header: header.clone(),
            renew_at,
            expires_at,
            generation,
        });
        Ok(Credential { header, generation })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn bearer(token: &str) -> Result<HeaderValue, String> {
    sensitive_header_value("the access token", &format!("Bearer {token}"))
}

/// A request to the token endpoint.
enum Grant<'a> {
    ClientCredentials,
    AccountCredentials {
        account_id: &'a str,
    },
    AuthorizationCode {
        code: &'a str,
        redirect_uri: &'a str,
    },
    RefreshToken {
        refresh_token: &'a str,
    },
}

impl Grant<'_> {
    fn name(&self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client_credentials",
            Grant::AccountCredentials { .. } => "account_credentials",
            Grant::AuthorizationCode { .. } => "authorization_code",
            Grant::RefreshToken { .. } => "refresh_token",
        }
    }
}

/// What the token endpoint issued.
struct Issued {
    access_token: Secret,
    refresh_token: Option<Secret>,
    lifetime: Option<Duration>,
    scope: Option<String>,
}

impl Issued {
    fn into_user_tokens(self, refresh_token: Secret) -> UserTokens {
        UserTokens {
            access_token: self.access_token,
            refresh_token,
            // A lifetime beyond what `SystemTime` holds never expires.
            expires_at: SystemTime::now().checked_add(self.lifetime.unwrap_or(DEFAULT_LIFETIME)),
            scope: self.scope,
        }
    }
}

/// POSTs a grant to the token endpoint with the app's credentials as HTTP Basic auth,
/// trying again as the policy says: a Server-to-Server token request may be repeated
/// freely, a code or a refresh token only when it was certainly not received.
async fn request_token(
    http: &reqwest::Client,
    app: &AppConfig,
    token_url: &reqwest::Url,
    grant: &Grant<'_>,
    retry: &RetryPolicy,
    user_agent: Option<&HeaderValue>,
) -> Result<Issued, Error> {
    let mut url = token_url.clone();
    let form = match grant {
        Grant::AccountCredentials { account_id } => {
            url.query_pairs_mut()
                .append_pair("grant_type", grant.name())
                .append_pair("account_id", account_id);
            None
        }
        Grant::ClientCredentials => Some(
            form_urlencoded::Serializer::new(String::new())
                .append_pair("grant_type", grant.name())
                .finish(),
        ),
        Grant::AuthorizationCode { code, redirect_uri } => Some(
            form_urlencoded::Serializer::new(String::new())
                .append_pair("grant_type", grant.name())
                .append_pair("code", code)
                .append_pair("redirect_uri", redirect_uri)
                .finish(),
        ),
        Grant::RefreshToken { refresh_token } => Some(
            form_urlencoded::Serializer::new(String::new())
                .append_pair("grant_type", grant.name())
                .append_pair("refresh_token", refresh_token)
                .finish(),
        ),
    };
    let idempotent = matches!(
        grant,
        Grant::ClientCredentials | Grant::AccountCredentials { .. }
    );
    let span = tracing::info_span!(
        "api.token",
        grant = grant.name(),
        status = tracing::field::Empty,
        attempt = tracing::field::Empty,
    );
    let mut request = TokenRequest {
        http,
        app,
        url,
        form,
        user_agent,
        span: &span,
    };
    let outcome = retry
        .run(&mut request, idempotent, &span)
        .instrument(span.clone())
        .await;
    match outcome {
        Ok(body) => parse_issued(&body).map_err(|reason| Error::auth(None, reason)),
        Err(Failed::Status(status, _, body)) => {
            Err(Error::auth(Some(status), refusal(status, &body)))
        }
        Err(Failed::Transport(error)) => Err(Error::Auth {
            status: error.status(),
            message: "cannot reach the token endpoint or read its answer".to_owned(),
            source: Some(Box::new(error.without_url())),
        }),
        Err(Failed::Interrupted(cut)) => Err(Error::Auth {
            status: None,
            message: format!(
                "the token endpoint's answer was cut short after {} bytes",
                cut.received
            ),
            source: Some(cut.cause),
        }),
        Err(Failed::Fatal(error)) => Err(error),
    }
}

/// One token request, as sent again and again by the retry loop.
struct TokenRequest<'a> {
    http: &'a reqwest::Client,
    app: &'a AppConfig,
    url: reqwest::Url,
    form: Option<String>,
    user_agent: Option<&'a HeaderValue>,
    span: &'a tracing::Span,
}

impl Attempt for TokenRequest<'_> {
    type Output = bytes::Bytes;

    async fn attempt(&mut self, _number: u32) -> Outcome<bytes::Bytes> {
        let mut request = self
            .http
            .post(self.url.clone())
            .basic_auth(&self.app.client_id, Some(self.app.client_secret.expose()))
            .header(ACCEPT, "application/json");
        if let Some(agent) = self.user_agent {
            request = request.header(USER_AGENT, agent.clone());
        }
        if let Some(form) = &self.form {
            request = request
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.clone());
        }
        let response = match request.build() {
            Ok(request) => self.http.execute(request).await,
            Err(error) => Err(error),
        };
        let mut response = match response {
            Ok(response) => response,
            Err(error) => return Outcome::Transport(error),
        };
        let status = response.status();
        self.span.record("status", status.as_u16());
        let headers = response.headers().clone();
        match read_body(&mut response).await {
            Ok(body) if status.is_success() => Outcome::Done(body),
            Ok(body) => Outcome::Status(status, headers, body),
            Err(cut) => Outcome::Interrupted(cut),
        }
    }
}

/// Reads a successful token response without ever putting its text in an error.
fn parse_issued(body: &[u8]) -> Result<Issued, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| "the token endpoint's response is not JSON".to_owned())?;
    let text = |name: &str| {
        value
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let access_token = text("access_token")
        .ok_or_else(|| "the token endpoint's response has no access_token".to_owned())?;
    if let Some(kind) = text("token_type") {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(format!(
                "the token endpoint issued a {:?} token; only bearer tokens are supported",
                printable(kind)
            ));
        }
    }
    let lifetime = match value.get("expires_in") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    // A lifetime too long for a `Duration` is refused like a negative one.
    .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok());
    Ok(Issued {
        access_token: Secret::new(access_token),
        refresh_token: text("refresh_token").map(Secret::new),
        lifetime,
        scope: text("scope").map(str::to_owned),
    })
}

/// Why the token endpoint refused, from its OAuth error body (`error`, and a `reason`
/// or the standard `error_description`).
fn refusal(status: StatusCode, body: &[u8]) -> String {
    let mut message = format!("the token endpoint answered {status}");
    if let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) {
        let field = |name: &str| fields.get(name).and_then(Value::as_str).map(printable);
        if let Some(code) = field("error") {
            message.push_str(&format!(": {code}"));
        }
        if let Some(reason) = field("reason")
            .or_else(|| field("error_description"))
            .or_else(|| field("message"))
        {
            message.push_str(&format!(" ({reason})"));
        }
    }
    message
}

/// At most 200 characters, without control characters.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_responses_are_read_without_echoing_them() {
        let issued = parse_issued(
            br#"{"access_token":"abc","token_type":"bearer","expires_in":3599,"scope":"user:read"}"#,
        )
        .unwrap();
        assert_eq!(issued.access_token.expose(), "abc");
        assert_eq!(issued.lifetime, Some(Duration::from_secs(3599)));
        assert!(issued.refresh_token.is_none());
        assert_eq!(issued.scope.as_deref(), Some("user:read"));

        let error = parse_issued(br#"{"access_token":123,"refresh_token":"r-secret"}"#)
            .err()
            .unwrap();
        assert!(!error.contains("r-secret"), "{error}");
        assert!(parse_issued(b"access_token=abc").is_err());
        assert!(parse_issued(br#"{"access_token":"a","token_type":"mac"}"#).is_err());
    }

    #[test]
    fn refusals_read_reason_and_standard_error_bodies() {
        assert_eq!(
            refusal(
                StatusCode::UNAUTHORIZED,
                br#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#
            ),
            "the token endpoint answered 401 Unauthorized: invalid_client (Invalid client_id or client_secret)"
        );
        assert_eq!(
            refusal(
                StatusCode::BAD_REQUEST,
                br#"{"error":"invalid_grant","error_description":"Invalid Token!"}"#
            ),
            "the token endpoint answered 400 Bad Request: invalid_grant (Invalid Token!)"
        );
        assert_eq!(
            refusal(StatusCode::BAD_GATEWAY, b"<html>"),
            "the token endpoint answered 502 Bad Gateway"
        );
    }

    #[test]
    fn user_tokens_are_redacted() {
        let tokens = UserTokens::new("access-secret", "refresh-secret", None);
        let debug = format!("{tokens:?}");
        assert!(!debug.contains("access-secret") && !debug.contains("refresh-secret"));
        assert_eq!(tokens.refresh_token(), "refresh-secret");
        let debug = format!("{:?}", OAuthApp::<AnyApi>::new("id", "client-secret"));
        assert!(!debug.contains("client-secret") && debug.contains("id"));
    }
}
