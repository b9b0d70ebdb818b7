//! Receiving Zoom's webhook deliveries: verification and URL validation for any web
//! framework, decoding into [`events::Event`](crate::events::Event).
//!
//! A handler hands the request's headers and its raw body bytes to a [`Verifier`], which
//! either refuses the delivery with a [`WebhookError`] (its [`status`](WebhookError::status)
//! is what to answer), or gives a [`Verified`]: the answer to a URL validation challenge, to
//! send as it is, or the decoded event.
//!
//! ```
//! use zoom::webhooks::Verified;
//!
//! // Every secret token whose deliveries this endpoint takes: the app's current one, the
//! // previous one while it is being rotated, other apps' served by the same endpoint.
//! let verifier = zoom::webhooks::verifier("current secret token").secret("previous secret token");
//!
//! fn handle(verifier: &zoom::webhooks::Verifier, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match verifier.verify(headers, body) {
//!         Ok(Verified::UrlValidation(answer)) => answer.status(), // send answer.body() too
//!         Ok(Verified::Event(zoom::events::Event::MeetingStarted(started))) => 200,
//!         Ok(Verified::Event(other)) => 200,
//!         Err(refused) => refused.status(),
//!     }
//! }
//! # let _ = handle(&verifier, &http::HeaderMap::new(), b"{}");
//! ```
//!
//! Zoom's scheme ([`SCHEME`]) is data for the generic runtime, which knows no vendor: the
//! `x-zm-request-timestamp` and `x-zm-signature` headers, signatures `v0=<hex HMAC-SHA256
//! of "v0:{timestamp}:{raw body}">`, and URL validation with `endpoint.url_validation`,
//! whose `plainToken` is answered with itself and its HMAC as `encryptedToken`.

pub use postman_runtime::webhook::{
    UrlValidation, ValidationAnswer, Verified, WebhookError, WebhookHeaders, WebhookScheme,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE,
};

/// How Zoom signs its webhook deliveries and validates endpoint URLs.
pub const SCHEME: WebhookScheme = WebhookScheme::new("x-zm-request-timestamp", "x-zm-signature")
    .version("v0")
    .envelope("event", "payload")
    .url_validation("endpoint.url_validation", "plainToken", "encryptedToken");

/// Verifies Zoom's deliveries against one or more secret tokens and decodes their events.
pub type Verifier = postman_runtime::webhook::WebhookVerifier<crate::events::Event>;

/// A [`Verifier`] of Zoom's scheme for the app whose secret token is `secret_token` (the
/// app's Feature page shows it). Add more secrets with
/// [`Verifier::secret`](postman_runtime::webhook::WebhookVerifier::secret); the window for
/// timestamps is five minutes either way and bodies are limited to 1 MiB, unless
/// [`tolerance`](postman_runtime::webhook::WebhookVerifier::tolerance) and
/// [`max_body_bytes`](postman_runtime::webhook::WebhookVerifier::max_body_bytes) say
/// otherwise.
pub fn verifier(secret_token: impl AsRef<[u8]>) -> Verifier {
    Verifier::new(SCHEME, secret_token)
}
