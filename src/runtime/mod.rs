//! The runtime the generated code calls: one place for what every operation shares.
//!
//! Apart from the defaults of the OAuth endpoints, nothing here knows about Zoom: bindings
//! generated from any collection compile against it.

mod auth;
mod body;
mod client;
mod error;
#[doc(hidden)]
pub mod object;
mod operation;
mod pages;
mod query;
mod response;
mod retry;
mod safety;
mod throttle;

pub use auth::{
    BoxError, OAuthApp, TokenStore, UserTokens, DEFAULT_AUTHORIZE_URL, DEFAULT_TOKEN_URL,
};
pub use body::{Body, Multipart};
pub use client::{Client, ClientBuilder, DEFAULT_USER_AGENT};
pub use error::{ApiError, Error, ErrorBody};
pub use operation::Operation;
pub use pages::Pages;
pub use response::{RawResponse, Response};
pub use retry::RetryPolicy;
pub use throttle::Throttle;
