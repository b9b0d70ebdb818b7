//! Configuring a client: base URL, credentials, timeouts, retries, throttling, headers.

use super::*;

/// Configures a [`Client`].
///
/// Nothing is checked until [`build`](Self::build), which refuses a base URL that is plain
/// http (unless it is a loopback address or [`allow_insecure_http`](Self::allow_insecure_http)
/// is set), header values holding line breaks, and other unusable settings.
pub struct ClientBuilder<A = AnyApi> {
    pub(super) defaults: ApiDefaults,
    pub(super) base_url: Option<String>,
    pub(super) credentials: Credentials,
    pub(super) basic: Option<(String, Secret)>,
    pub(super) api_key: Option<KeyConfig>,
    pub(super) hosts: Vec<(String, String)>,
    pub(super) timeout: Option<Duration>,
    pub(super) connect_timeout: Option<Duration>,
    pub(super) http: Option<reqwest::Client>,
    pub(super) user_agent: Option<String>,
    pub(super) default_headers: Vec<(String, Secret)>,
    pub(super) retry: RetryPolicy,
    pub(super) throttle: Option<Throttle>,
    pub(super) allow_http: bool,
    /// `None`: as the environment says; `Some(None)`: never.
    pub(super) observer: Option<Option<Observer>>,
    pub(super) api: PhantomData<fn() -> A>,
}

impl<A: Api> Default for ClientBuilder<A> {
    fn default() -> Self {
        ClientBuilder {
            defaults: A::DEFAULTS,
            base_url: A::DEFAULTS.base_url.map(str::to_owned),
            credentials: Credentials::None,
            basic: None,
            api_key: None,
            hosts: Vec::new(),
            timeout: None,
            connect_timeout: None,
            http: None,
            user_agent: None,
            default_headers: Vec::new(),
            retry: RetryPolicy::default(),
            throttle: None,
            allow_http: false,
            observer: None,
            api: PhantomData,
        }
    }
}

impl<A> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field(
                "basic_auth_user",
                &self.basic.as_ref().map(|(user, _)| user),
            )
            .field("api_key", &self.api_key)
            .field("hosts", &self.hosts)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &self.default_headers)
            .field("retry", &self.retry)
            .field("throttle", &self.throttle)
            .field("allow_insecure_http", &self.allow_http)
            .field("observer", &self.observer)
            .finish_non_exhaustive()
    }
}

impl<A: Api> ClientBuilder<A> {
    /// A builder that starts from the API's defaults ([`Api::DEFAULTS`]): its base URL,
    /// OAuth endpoints and user agent.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<A> ClientBuilder<A> {
    /// The URL the operations' paths are appended to (the API's default base URL unless
    /// set).
    ///
    /// Set to another URL than the API's default (a mock server, a test server), it also
    /// takes the requests of the API's other hosts ([`ApiDefaults::hosts`]) that are not
    /// set by name with [`host`](Self::host), so that no request of such a client reaches a
    /// real host. With the API's default base URL, each host keeps its own URL.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The URL of one of the API's other hosts, by the name its collection gives it (the
    /// variable holding it, `authServer`, or the host itself, `files.stripe.com`): the
    /// operations that go to that host go there. [`build`](Self::build) refuses a name the
    /// API does not declare. The URL is checked like the base URL, and the client's
    /// credentials go to it.
    pub fn host(mut self, name: impl Into<String>, url: impl Into<String>) -> Self {
        self.hosts.push((name.into(), url.into()));
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

    /// Sends `Authorization: Basic …` (RFC 7617) with `user` and `password` to the operations
    /// whose collection declares basic auth, and to those that declare nothing when no token
    /// is configured. A user name holding `:` is refused by [`build`](Self::build).
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some((user.into(), Secret::new(password)));
        self
    }

    /// Sends the API key `key` where the API's collection declares it
    /// ([`ApiDefaults::api_key`]: a header or a query parameter, under the collection's name
    /// for it), or where an operation declares its own. [`build`](Self::build) fails when
    /// the API declares no place for a key: name one with
    /// [`api_key_in_header`](Self::api_key_in_header) or
    /// [`api_key_in_query`](Self::api_key_in_query).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(KeyConfig {
            place: None,
            value: Secret::new(key),
        });
        self
    }

    /// Sends the API key `key` in the header `name`, whatever the collection declares.
    pub fn api_key_in_header(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.api_key = Some(KeyConfig {
            place: Some((name.into(), KeyLocation::Header)),
            value: Secret::new(key),
        });
        self
    }

    /// Sends the API key `key` as the query parameter `name`, whatever the collection
    /// declares. The URL, which then holds it, never appears in errors or logs.
    pub fn api_key_in_query(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.api_key = Some(KeyConfig {
            place: Some((name.into(), KeyLocation::Query)),
            value: Secret::new(key),
        });
        self
    }

    /// Authenticates as a server-to-server OAuth app of the account `account_id`, with
    /// the `account_credentials` grant (`grant_type=account_credentials&account_id=…`, as
    /// Zoom's Server-to-Server OAuth apps use it).
    ///
    /// The client asks the app's token URL for an access token (with the client id and
    /// secret as HTTP Basic auth) when the first call needs one, keeps it until shortly
    /// before it expires, and fetches it once for all the calls waiting at that moment.
    /// When the API answers `401` (a token revoked or expired early), the client fetches a
    /// new token and sends the request once more.
    pub fn server_to_server_oauth(
        mut self,
        app: OAuthApp<A>,
        account_id: impl Into<String>,
    ) -> Self {
        self.credentials = Credentials::ServerToServer {
            app: app.into_config(),
            account_id: Some(account_id.into()),
        };
        self
    }

    /// Authenticates with the standard OAuth `client_credentials` grant: tokens are
    /// fetched, cached and renewed as with
    /// [`server_to_server_oauth`](Self::server_to_server_oauth).
    pub fn client_credentials_oauth(mut self, app: OAuthApp<A>) -> Self {
        self.credentials = Credentials::ServerToServer {
            app: app.into_config(),
            account_id: None,
        };
        self
    }

    /// Acts for a user who authorized an OAuth app, with their tokens (from
    /// [`OAuthApp::exchange_code`], or as stored earlier).
    ///
    /// The access token is renewed with the refresh token shortly before it expires, and
    /// when the API answers `401` (the request is then sent once more). Where refresh tokens
    /// rotate (Zoom's do), the old one stops working once used: after each refresh the new
    /// tokens are handed to `store`, which must keep the new refresh token (see
    /// [`TokenStore`]).
    pub fn user_oauth(
        mut self,
        app: OAuthApp<A>,
        tokens: UserTokens,
        store: impl TokenStore,
    ) -> Self {
        self.credentials = Credentials::User {
            app: app.into_config(),
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
    ///
    /// A client built here follows the redirects of API calls itself, and leaves every
    /// credential behind when one leads to another host. Build the injected client with
    /// `redirect(reqwest::redirect::Policy::none())` to keep that: one that follows
    /// redirects on its own drops `Authorization` on another host, but not the API key or
    /// other headers.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The `User-Agent` header, the API's default ([`ApiDefaults::user_agent`]) unless set.
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

    /// Records the shapes of the JSON bodies this client receives into `observer` (see
    /// [`observe`](crate::observe)); `None` turns observing off, whatever the environment
    /// says. Without this call, a client observes when `<API>_OBSERVE` names a folder.
    pub fn observe(mut self, observer: impl Into<Option<Observer>>) -> Self {
        self.observer = Some(observer.into());
        self
    }

    pub fn build(self) -> Result<Client<A>, Error> {
        let base_url = self
            .base_url
            .ok_or_else(|| Error::Config("no base URL was given".to_owned()))?;
        let base = Origin::parse("base URL", &base_url, self.allow_http)?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        let hosts = Hosts::new(&self.defaults, &base_url, &self.hosts, self.allow_http)?;
        let fixed = Static::new(self.basic, self.api_key, self.defaults.api_key)?;
        if let Some(throttle) = &self.throttle {
            throttle.validate()?;
        }

        let mut headers = HeaderMap::new();
        let user_agent = self
            .user_agent
            .as_deref()
            .unwrap_or(self.defaults.user_agent);
        let user_agent =
            safety::header_value("the user agent", user_agent).map_err(Error::Config)?;
        headers.insert(USER_AGENT, user_agent.clone());
        for (name, value) in &self.default_headers {
            let (name, value) = safety::header(name, value.expose()).map_err(Error::Config)?;
            headers.append(name, value);
        }

        let (http, api_http, timeout, request_timeout) = match self.http {
            Some(http) => {
                if self.connect_timeout.is_some() {
                    return Err(Error::Config(
                        "connect_timeout cannot be applied to an injected reqwest client; \
                         configure it on that client"
                            .to_owned(),
                    ));
                }
                (http.clone(), http, self.timeout, self.timeout)
            }
            None => {
                let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
                let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
                let build = |redirects| {
                    reqwest::Client::builder()
                        .connect_timeout(connect_timeout)
                        .timeout(timeout)
                        .redirect(redirects)
                        .build()
                        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))
                };
                // API calls follow redirects in `Call`, which leaves credentials behind on
                // another host; downloads and the token endpoint keep reqwest's policy.
                let http = build(reqwest::redirect::Policy::default())?;
                let api_http = build(reqwest::redirect::Policy::none())?;
                (http, api_http, Some(timeout), None)
            }
        };
        let auth = Auth::new(self.credentials, &http, &self.retry, Some(user_agent))?;
        Ok(Client {
            api: PhantomData,
            overrides: None,
            inner: Arc::new(Inner {
                defaults: self.defaults,
                http,
                api_http,
                base_url,
                base,
                hosts,
                auth,
                fixed,
                retry: self.retry,
                throttle: self.throttle,
                timeout,
                request_timeout,
                headers,
                allow_http: self.allow_http,
                observer: self
                    .observer
                    .unwrap_or_else(|| crate::observe::from_environment(self.defaults.name)),
            }),
        })
    }
}
