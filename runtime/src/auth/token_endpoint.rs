//! Access tokens from the token endpoint: cached until shortly before they expire, fetched
//! once for every call that needs one at the same moment, renewed when the API refuses them,
//! and read from the endpoint's answer.

use super::*;

/// An OAuth access token kept for a client, renewed with the app's credentials (Server-to-
/// Server) or with the user's refresh token.
pub(crate) struct OAuthTokens {
    pub(super) app: AppConfig,
    pub(super) token_url: reqwest::Url,
    pub(super) flow: Flow,
    pub(super) http: reqwest::Client,
    pub(super) retry: RetryPolicy,
    pub(super) user_agent: Option<HeaderValue>,
    pub(super) cache: RwLock<Option<Cached>>,
    /// Held while a token is fetched, so that one fetch serves every caller waiting.
    pub(super) single_flight: tokio::sync::Mutex<()>,
    pub(super) generations: AtomicU64,
}

pub(super) enum Flow {
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
pub(super) struct Cached {
    pub(super) header: HeaderValue,
    pub(super) renew_at: Instant,
    pub(super) expires_at: Instant,
    pub(super) generation: u64,
}

impl OAuthTokens {
    /// The cached token, unless it is due for renewal.
    pub(super) fn fresh(&self) -> Option<Credential> {
        self.cached(|cached, now| now < cached.renew_at)
    }

    pub(super) async fn credential(&self) -> Result<Credential, Error> {
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

    pub(super) fn cached(&self, usable: impl Fn(&Cached, Instant) -> bool) -> Option<Credential> {
        let cache = self.cache.read().unwrap_or_else(|e| e.into_inner());
        let cached = cache.as_ref()?;
        usable(cached, Instant::now()).then(|| Credential {
            header: cached.header.clone(),
            generation: cached.generation,
        })
    }

    pub(super) fn reject(&self, generation: u64) {
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        if cache.as_ref().map(|c| c.generation) == Some(generation) {
            tracing::info!("the API refused the access token; a new one will be fetched");
            *cache = None;
        }
    }

    /// Fetches a token; the caller holds `single_flight`.
    pub(super) async fn renew(&self) -> Result<Credential, Error> {
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

    pub(super) async fn request(&self, grant: &Grant<'_>) -> Result<Issued, Error> {
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
    pub(super) fn install(
        &self,
        access_token: &Secret,
        lifetime: Duration,
    ) -> Result<Credential, Error> {
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

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn bearer(token: &str) -> Result<HeaderValue, String> {
    sensitive_header_value("the access token", &format!("Bearer {token}"))
}

/// A request to the token endpoint.
pub(super) enum Grant<'a> {
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
    pub(super) fn name(&self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client_credentials",
            Grant::AccountCredentials { .. } => "account_credentials",
            Grant::AuthorizationCode { .. } => "authorization_code",
            Grant::RefreshToken { .. } => "refresh_token",
        }
    }
}

/// What the token endpoint issued.
pub(super) struct Issued {
    pub(super) access_token: Secret,
    pub(super) refresh_token: Option<Secret>,
    pub(super) lifetime: Option<Duration>,
    pub(super) scope: Option<String>,
}

impl Issued {
    pub(super) fn into_user_tokens(self, refresh_token: Secret) -> UserTokens {
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
pub(super) async fn request_token(
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
            message: format!(
                "cannot reach the token endpoint: {}",
                crate::error::transport_cause(&error, None)
            ),
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
pub(super) struct TokenRequest<'a> {
    pub(super) http: &'a reqwest::Client,
    pub(super) app: &'a AppConfig,
    pub(super) url: reqwest::Url,
    pub(super) form: Option<String>,
    pub(super) user_agent: Option<&'a HeaderValue>,
    pub(super) span: &'a tracing::Span,
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
pub(super) fn parse_issued(body: &[u8]) -> Result<Issued, String> {
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
pub(super) fn refusal(status: StatusCode, body: &[u8]) -> String {
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
pub(super) fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}
