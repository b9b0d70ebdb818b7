//! Per-call options: a view of a client whose calls use another timeout, retry policy or
//! extra headers, and share everything else with the client.

use std::fmt;
use std::time::Duration;

use http::header::HeaderMap;

use crate::send::retry::RetryPolicy;
use crate::send::safety::{self, Secret};

/// Settings that differ from the client's for the calls made through a view of it, made with
/// [`Client::with_options`](crate::Client::with_options).
///
/// The view is a [`Client`](crate::Client) like any other, so every generated function takes
/// it; it shares the connection pool, the access tokens and the throttle with the client it
/// was made from, and costs one allocation to make.
///
/// ```
/// use std::time::Duration;
/// use postman_runtime::{AnyApi, CallOptions, Client, RetryPolicy};
///
/// let client = Client::<AnyApi>::builder()
///     .base_url("https://api.example.com/v2")
///     .bearer_token("token")
///     .build()?;
/// // A report that may take long, tried once, tagged for the server's logs.
/// let patient = client.with_options(
///     CallOptions::new()
///         .timeout(Duration::from_secs(120))
///         .retry(RetryPolicy::none())
///         .header("X-Request-Id", "nightly-report"),
/// );
/// # Ok::<(), postman_runtime::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    headers: Vec<(String, Secret)>,
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            // Names only: a value may be a credential.
            .field("headers", &names)
            .finish()
    }
}

impl CallOptions {
    /// No overrides: the client's settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The limit on each attempt, from sending it to reading the whole response, instead of
    /// the client's [`timeout`](crate::ClientBuilder::timeout). For a download it is the
    /// longest wait for the answer and for each part of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// When failed attempts are tried again, instead of the client's policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// A header sent with each call. It replaces the client's default header and the
    /// operation's own header of that name; the credentials' `Authorization` still takes
    /// precedence. A name or value that cannot be sent (a line break in the value, say)
    /// makes every call through the view fail with [`Error::Config`](crate::Error::Config)
    /// naming the header, before anything is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), Secret::new(value)));
        self
    }
}

/// The options as a view applies them: over its parent's, with the headers parsed once.
#[derive(Clone, Default)]
pub(crate) struct Overrides {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: HeaderMap,
    /// Why a header could not be used: every call through the view fails with it.
    pub(crate) invalid: Option<String>,
}

impl fmt::Debug for Overrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Overrides {
    /// `options` laid over `parent`'s overrides (a view of a view keeps what its parent set
    /// unless it sets it again).
    pub(crate) fn over(parent: Option<&Overrides>, options: CallOptions) -> Overrides {
        let mut merged = parent.cloned().unwrap_or_default();
        merged.timeout = options.timeout.or(merged.timeout);
        merged.retry = options.retry.or(merged.retry);
        let mut headers = HeaderMap::new();
        for (name, value) in &options.headers {
            match safety::header(name, value.expose()) {
                Ok((name, value)) => {
                    headers.append(name, value);
                }
                Err(reason) => {
                    merged
                        .invalid
                        .get_or_insert(format!("per-call header: {reason}"));
                }
            }
        }
        // `extend` replaces the parent's values of each name given here.
        merged.headers.extend(headers);
        merged
    }
}
