//! An OAuth app: its credentials and the API's OAuth endpoints, and the authorization URL
//! users are sent to.

use super::*;

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
    pub(super) client_id: String,
    pub(super) client_secret: Secret,
    pub(super) token_url: Option<String>,
    pub(super) authorize_url: Option<String>,
    pub(super) allow_http: bool,
    pub(super) http: Option<reqwest::Client>,
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
    pub(super) async fn standalone_request(&self, grant: &Grant<'_>) -> Result<Issued, Error> {
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

    pub(super) fn checked_token_url(&self) -> Result<reqwest::Url, Error> {
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
