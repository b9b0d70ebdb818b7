//! Typed bindings for the Zoom API, generated from Zoom's Postman collection.
//!
//! Every request of the collection is an `async fn` in the module of its top-level folder
//! (`users::get_a_user_token`, ...), with typed path and query parameters and a typed
//! response decoded from what the collection's examples show. The functions share one
//! [`Client`], which holds the base URL, the credentials and the connection pool.
//!
//! ```no_run
//! # async fn run() -> Result<(), zoom::Error> {
//! let client = zoom::Client::builder()
//!     .bearer_token(std::env::var("ZOOM_ACCESS_TOKEN").unwrap_or_default())
//!     .build()?;
//! let query = zoom::users::GetAUserTokenQuery {
//!     r#type: Some(zoom::users::GetAUserTokenType::Zak),
//!     ttl: Some(3600),
//! };
//! let token = zoom::users::get_a_user_token(&client, "me", &query).await?;
//! println!("{:?}", token.token);
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! A call returns [`Error::Api`] when the server answers outside 2xx; the [`ApiError`] keeps
//! the status, the headers and the body, and reads Zoom's `{"code", "message"}` error body
//! ([`ApiError::code`], [`ApiError::message`]). Each function's documentation lists the
//! errors the collection documents for it.
//!
//! # Offline development
//!
//! With the `mock` feature (on by default), [`mock::MockServer`] serves the collection's
//! example responses on 127.0.0.1, so code can be run and tested without credentials.
//!
//! # Regenerating
//!
//! The bindings are generated at build time from `collection/zoom.postman_collection.json`,
//! or from the file the `ZOOM_COLLECTION` environment variable names.

#[cfg(feature = "mock")]
pub mod mock;
mod runtime;

pub use runtime::{
    ApiError, Body, BoxError, Client, ClientBuilder, Error, ErrorBody, Multipart, OAuthApp,
    Operation, RawResponse, Response, RetryPolicy, Throttle, TokenStore, UserTokens,
    DEFAULT_AUTHORIZE_URL, DEFAULT_TOKEN_URL, DEFAULT_USER_AGENT,
};

pub use runtime::Pages;

/// What generated structs are decoded and encoded with.
#[doc(hidden)]
pub use runtime::object as __private;
/// Re-exported so that generated code needs no dependency of its own.
#[doc(hidden)]
pub use serde;
pub use serde_json;

impl Client {
    /// A builder whose base URL defaults to the collection's ([`DEFAULT_BASE_URL`]).
    pub fn builder() -> ClientBuilder {
        let builder = ClientBuilder::new();
        match DEFAULT_BASE_URL {
            Some(url) => builder.base_url(url),
            None => builder,
        }
    }
}

/// The README's examples, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

include!(concat!(env!("OUT_DIR"), "/zoom_api.rs"));
