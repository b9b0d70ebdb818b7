//! What a client of one API starts from: the defaults that generated bindings declare for
//! their API, and that a [`Client`](crate::Client) of that API is built with.

/// The `User-Agent` sent unless another is configured.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The defaults of one API: where it is, how to get OAuth tokens for it, and how its error
/// bodies read. Generated bindings declare them once, as an [`Api`] type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiDefaults {
    /// A short name for logs: the `api` field of every span.
    pub name: &'static str,
    /// The URL the operations' paths are appended to.
    pub base_url: Option<&'static str>,
    /// The hosts some operations go to instead of the base URL, by name (an
    /// [`Operation`](crate::Operation)'s `host`). When the base URL is set to another than
    /// the default one (a mock, a test server), every host that is not set by name follows
    /// it; see [`ClientBuilder::host`](crate::ClientBuilder::host).
    pub hosts: &'static [Host],
    /// Where the API takes its key, when its collection declares an API key:
    /// [`ClientBuilder::api_key`](crate::ClientBuilder::api_key) puts it there.
    pub api_key: Option<ApiKey>,
    /// The OAuth token endpoint.
    pub token_url: Option<&'static str>,
    /// The OAuth authorization page, where users grant an app access.
    pub authorize_url: Option<&'static str>,
    /// The `User-Agent` header.
    pub user_agent: &'static str,
    /// Where an error body holds its error code, as a JSON pointer (`/code`).
    pub error_code: &'static str,
    /// Where an error body holds its message, as a JSON pointer (`/message`).
    pub error_message: &'static str,
}

impl ApiDefaults {
    /// No base URL, no OAuth endpoints, errors read as `{"code": …, "message": …}`.
    pub const NONE: ApiDefaults = ApiDefaults {
        name: "api",
        base_url: None,
        hosts: &[],
        api_key: None,
        token_url: None,
        authorize_url: None,
        user_agent: DEFAULT_USER_AGENT,
        error_code: "/code",
        error_message: "/message",
    };

    /// These defaults with another name.
    pub const fn named(self, name: &'static str) -> Self {
        ApiDefaults { name, ..self }
    }

    /// These defaults with another base URL.
    pub const fn base_url(self, url: Option<&'static str>) -> Self {
        ApiDefaults {
            base_url: url,
            ..self
        }
    }

    /// These defaults with other hosts besides the base URL.
    pub const fn hosts(self, hosts: &'static [Host]) -> Self {
        ApiDefaults { hosts, ..self }
    }

    /// These defaults with the API key declared at another place.
    pub const fn api_key(self, key: Option<ApiKey>) -> Self {
        ApiDefaults {
            api_key: key,
            ..self
        }
    }

    /// These defaults with another OAuth token endpoint.
    pub const fn token_url(self, url: Option<&'static str>) -> Self {
        ApiDefaults {
            token_url: url,
            ..self
        }
    }

    /// These defaults with another OAuth authorization page.
    pub const fn authorize_url(self, url: Option<&'static str>) -> Self {
        ApiDefaults {
            authorize_url: url,
            ..self
        }
    }

    /// These defaults with another user agent.
    pub const fn user_agent(self, user_agent: &'static str) -> Self {
        ApiDefaults { user_agent, ..self }
    }

    /// These defaults with error bodies read at other places (JSON pointers).
    pub const fn error_fields(self, code: &'static str, message: &'static str) -> Self {
        ApiDefaults {
            error_code: code,
            error_message: message,
            ..self
        }
    }
}

impl Default for ApiDefaults {
    fn default() -> Self {
        Self::NONE
    }
}

/// An API, as a type: the [`Client`](crate::Client), [`ClientBuilder`](crate::ClientBuilder)
/// and [`OAuthApp`](crate::OAuthApp) of an API start from its defaults. Generated bindings
/// declare one for their collection, with type aliases for the three.
pub trait Api: 'static {
    const DEFAULTS: ApiDefaults;
}

/// An API with no defaults: everything is given to the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyApi {}

impl Api for AnyApi {
    const DEFAULTS: ApiDefaults = ApiDefaults::NONE;
}

/// A host of an API besides its base URL, by the name the collection gives it (the variable
/// that holds it, `authServer`, or the host itself, `files.stripe.com`), with its URL when the
/// collection gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    pub name: &'static str,
    /// The URL the operations' paths are appended to (`https://files.stripe.com`).
    pub url: Option<&'static str>,
}

/// Where an API takes its key, and under which name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiKey {
    /// The header or query parameter name (`X-Api-Key`, `api_key`).
    pub name: &'static str,
    pub location: KeyLocation,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
}

impl ApiKey {
    /// A key sent in the header `name`.
    pub const fn header(name: &'static str) -> ApiKey {
        ApiKey {
            name,
            location: KeyLocation::Header,
        }
    }

    /// A key sent as the query parameter `name`.
    pub const fn query(name: &'static str) -> ApiKey {
        ApiKey {
            name,
            location: KeyLocation::Query,
        }
    }
}
