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

mod app;
mod scheme;
mod token_endpoint;

pub use app::OAuthApp;
pub(crate) use app::*;
pub(crate) use scheme::{KeyConfig, Selection, Static};
pub(crate) use token_endpoint::*;

/// The longest a token is renewed before it expires.
const RENEW_MARGIN: Duration = Duration::from_secs(60);
/// The lifetime assumed when the token endpoint does not say (an hour, a common lifetime).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

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

    /// Whether the client has a token (static or OAuth) to send.
    pub(crate) fn has_token(&self) -> bool {
        !matches!(self, Auth::None)
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
