//! Verifying webhook deliveries, independently of any web framework.
//!
//! A [`WebhookVerifier`] takes what a request handler has at hand, the request's headers and
//! its raw body bytes, and either refuses the delivery with a [`WebhookError`] that says why,
//! or gives what to do with it ([`Verified`]): the answer to a URL validation challenge, or
//! the decoded event.
//!
//! The scheme it checks is HMAC-SHA256 over `{version}:{timestamp}:{raw body}`, sent as
//! `{version}={hex}` in one header with the timestamp (seconds since the Unix epoch) in
//! another. Which headers, which version prefix and how a URL validation looks are data, a
//! [`WebhookScheme`], so that the runtime knows no vendor: an API's bindings declare their
//! vendor's scheme as a constant.
//!
//! ```
//! use postman_runtime::webhook::{Verified, WebhookScheme, WebhookVerifier};
//!
//! const SCHEME: WebhookScheme = WebhookScheme::new("x-request-timestamp", "x-signature")
//!     .url_validation("endpoint.url_validation", "plainToken", "encryptedToken");
//!
//! fn handle(headers: &http::HeaderMap, body: &[u8]) -> (u16, String) {
//!     let verifier = WebhookVerifier::<serde_json::Value>::new(SCHEME, "secret token");
//!     match verifier.verify(headers, body) {
//!         Ok(Verified::UrlValidation(answer)) => (answer.status(), answer.body().to_owned()),
//!         Ok(Verified::Event(event)) => (200, String::new()),
//!         Err(refused) => (refused.status(), refused.to_string()),
//!     }
//! }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ring::hmac;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How a vendor signs its webhook deliveries and validates endpoint URLs.
///
/// Built as a constant: [`WebhookScheme::new`] names the two headers, and the other methods
/// change one part each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookScheme {
    /// The header holding the delivery's timestamp, in seconds since the Unix epoch.
    pub timestamp_header: &'static str,
    /// The header holding `{version}={hex signature}`.
    pub signature_header: &'static str,
    /// The signature version: it prefixes both the signed message and the header value.
    pub version: &'static str,
    /// The member of the JSON body that names the event.
    pub event_field: &'static str,
    /// The member of the JSON body that holds the event's payload.
    pub payload_field: &'static str,
    /// How a URL validation challenge looks, if the vendor sends them.
    pub validation: Option<UrlValidation>,
}

/// A URL validation challenge: an event of its own name whose payload holds a token, which
/// the endpoint answers with the token and its HMAC-SHA256 (hex) keyed with the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlValidation {
    /// The event name of the challenge.
    pub event: &'static str,
    /// The payload member holding the token to answer, and the answer's member echoing it.
    pub token_field: &'static str,
    /// The answer's member holding the token's HMAC.
    pub answer_field: &'static str,
}

impl WebhookScheme {
    /// Signatures in `signature_header`, timestamps in `timestamp_header`, version `v0`,
    /// bodies shaped `{"event": …, "payload": …}`, no URL validation.
    pub const fn new(timestamp_header: &'static str, signature_header: &'static str) -> Self {
        WebhookScheme {
            timestamp_header,
            signature_header,
            version: "v0",
            event_field: "event",
            payload_field: "payload",
            validation: None,
        }
    }

    /// This scheme with another signature version.
    pub const fn version(self, version: &'static str) -> Self {
        WebhookScheme { version, ..self }
    }

    /// This scheme with the event's name and payload at other members of the body.
    pub const fn envelope(self, event_field: &'static str, payload_field: &'static str) -> Self {
        WebhookScheme {
            event_field,
            payload_field,
            ..self
        }
    }

    /// This scheme with URL validation challenges: the event `event`, whose payload's
    /// `token_field` is answered with `{token_field: token, answer_field: hex HMAC}`.
    pub const fn url_validation(
        self,
        event: &'static str,
        token_field: &'static str,
        answer_field: &'static str,
    ) -> Self {
        WebhookScheme {
            validation: Some(UrlValidation {
                event,
                token_field,
                answer_field,
            }),
            ..self
        }
    }
}

/// The headers of a request, as the verifier reads them. Implemented for `http`'s
/// [`HeaderMap`](http::HeaderMap) (what hyper, axum and reqwest use) and for lists of
/// name-value pairs, so that any framework's headers can be handed over.
pub trait WebhookHeaders {
    /// Every value of the header `name` (matched without regard to case), in order.
    fn values(&self, name: &str) -> Vec<&[u8]>;
}

impl WebhookHeaders for http::HeaderMap {
    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.get_all(name).iter().map(|v| v.as_bytes()).collect()
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for [(K, V)] {
    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.iter()
            .filter(|(key, _)| key.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_ref())
            .collect()
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for Vec<(K, V)> {
    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.as_slice().values(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> WebhookHeaders for [(K, V); N] {
    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.as_slice().values(name)
    }
}

/// Why a delivery was refused. No variant holds a secret, a signature or a header's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is longer than the verifier accepts; nothing else was looked at.
    #[error("the body has more than {limit} bytes, the most this endpoint accepts")]
    BodyTooLarge { limit: usize },
    #[error("the request has no {header} header")]
    MissingHeader { header: &'static str },
    #[error("the {header} header is malformed: {reason}")]
    MalformedHeader {
        header: &'static str,
        reason: &'static str,
    },
    /// The signature matches the body with none of the secrets: the body was changed (or
    /// re-serialized), or the delivery was signed with another secret, or forged.
    #[error("the signature does not match the body with any of the configured secrets")]
    BadSignature,
    /// Signed, but too long ago: a replay, or a delivery held up on the way.
    #[error("the request was signed {age_secs} s ago, more than the {tolerance_secs} s accepted")]
    Stale { age_secs: u64, tolerance_secs: u64 },
    /// Signed with a timestamp ahead of this machine's clock by more than the tolerance.
    #[error("the request's timestamp is {ahead_secs} s in the future, more than the {tolerance_secs} s accepted")]
    FromTheFuture {
        ahead_secs: u64,
        tolerance_secs: u64,
    },
    /// The verifier was built with no usable secret (only empty ones).
    #[error("no webhook secret is configured, so no delivery can be verified")]
    NoSecret,
    #[error("the body is not JSON (line {line}, column {column})")]
    InvalidJson { line: usize, column: usize },
    #[error("the body is not an event: {reason}")]
    NotAnEvent { reason: &'static str },
    #[error("the URL validation challenge is malformed: {reason}")]
    MalformedValidation { reason: &'static str },
    /// The event type refused the body (generated event types never do).
    #[error("the event does not decode: {0}")]
    Decode(String),
}

impl WebhookError {
    /// The status to answer the delivery with: 413 for a body too large, 400 for a body that
    /// is not an event, 500 when no secret is configured, and 401 for the rest, which are
    /// deliveries that could not be authenticated.
    pub fn status(&self) -> u16 {
        match self {
            WebhookError::BodyTooLarge { .. } => 413,
            WebhookError::InvalidJson { .. }
            | WebhookError::NotAnEvent { .. }
            | WebhookError::MalformedValidation { .. }
            | WebhookError::Decode(_) => 400,
            WebhookError::NoSecret => 500,
            _ => 401,
        }
    }
}

/// A delivery that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub enum Verified<E> {
    /// A URL validation challenge: send the answer back as it is.
    UrlValidation(ValidationAnswer),
    /// An event, decoded.
    Event(E),
}

/// The answer to a URL validation challenge: status, content type and body to send.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidationAnswer {
    body: String,
}

impl ValidationAnswer {
    /// Always 200.
    pub fn status(&self) -> u16 {
        200
    }

    /// Always `application/json`.
    pub fn content_type(&self) -> &'static str {
        "application/json"
    }

    /// `{"<token field>":"<token>","<answer field>":"<hex HMAC-SHA256 of the token>"}`.
    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn into_body(self) -> String {
        self.body
    }
}

/// The body is the token and its HMAC, which are public by design; it still stays out of
/// logs that print the verifier's results.
impl fmt::Debug for ValidationAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidationAnswer")
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

/// Five minutes either way, as vendors that sign this way recommend.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Webhook payloads are a few kilobytes; a megabyte leaves room and bounds the work.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// The longest URL validation token answered. Vendors send a few dozen characters.
const MAX_VALIDATION_TOKEN: usize = 1024;

/// Checks deliveries against one or more secrets and decodes their events as `E`
/// (`serde_json::Value` unless an API's bindings name their event type).
///
/// Several secrets are tried in turn: while a secret is rotated both the old and the new
/// one sign, and one endpoint may serve several apps. A URL validation is answered with the
/// secret that signed it.
pub struct WebhookVerifier<E = Value> {
    scheme: WebhookScheme,
    keys: Vec<hmac::Key>,
    tolerance: Duration,
    max_body_bytes: usize,
    event: PhantomData<fn() -> E>,
}

impl<E> Clone for WebhookVerifier<E> {
    fn clone(&self) -> Self {
        WebhookVerifier {
            scheme: self.scheme,
            keys: self.keys.clone(),
            tolerance: self.tolerance,
            max_body_bytes: self.max_body_bytes,
            event: PhantomData,
        }
    }
}

/// Shows the settings and how many secrets there are, never the secrets.
impl<E> fmt::Debug for WebhookVerifier<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("scheme", &self.scheme)
            .field("secrets", &self.keys.len())
            .field("tolerance", &self.tolerance)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl<E: DeserializeOwned> WebhookVerifier<E> {
    /// A verifier for `scheme` with one secret, a tolerance of [`DEFAULT_TOLERANCE`] and a
    /// body limit of [`DEFAULT_MAX_BODY_BYTES`]. An empty secret is ignored: anyone could
    /// sign with it.
    pub fn new(scheme: WebhookScheme, secret: impl AsRef<[u8]>) -> Self {
        WebhookVerifier {
            scheme,
            keys: Vec::new(),
            tolerance: DEFAULT_TOLERANCE,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            event: PhantomData,
        }
        .secret(secret)
    }

    /// Accepts deliveries signed with `secret` too (a rotated secret, another app).
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        let secret = secret.as_ref();
        if !secret.is_empty() {
            self.keys.push(hmac::Key::new(hmac::HMAC_SHA256, secret));
        }
        self
    }

    /// How far a delivery's timestamp may be from this machine's clock, either way.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The longest body accepted.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    pub fn scheme(&self) -> &WebhookScheme {
        &self.scheme
    }

    /// Checks a delivery against the clock of this machine; see [`Self::verify_at`].
    pub fn verify<H>(&self, headers: &H, body: &[u8]) -> Result<Verified<E>, WebhookError>
    where
        H: WebhookHeaders + ?Sized,
    {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// Checks a delivery as of `now`: the body's size, both headers, the signature over the
    /// raw `body` (in constant time, with each secret), then the timestamp, which the
    /// signature covers. A delivery that cannot be authenticated is refused alike whatever
    /// its timestamp, so that a forger learns nothing from the error.
    pub fn verify_at<H>(
        &self,
        headers: &H,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Verified<E>, WebhookError>
    where
        H: WebhookHeaders + ?Sized,
    {
        if body.len() > self.max_body_bytes {
            return Err(WebhookError::BodyTooLarge {
                limit: self.max_body_bytes,
            });
        }
        if self.keys.is_empty() {
            return Err(WebhookError::NoSecret);
        }
        let timestamp = self.timestamp(headers)?;
        let signature = self.signature(headers)?;
        let key = self.signing_key(timestamp.text, body, &signature)?;
        self.check_timestamp(timestamp.seconds, now)?;
        let value = parse_body(body)?;
        let event_name = self.event_name(&value)?;
        match self.scheme.validation {
            Some(validation) if event_name == validation.event => Ok(Verified::UrlValidation(
                answer_validation(&validation, self.scheme.payload_field, &value, key)?,
            )),
            _ => serde_json::from_value(value)
                .map(Verified::Event)
                .map_err(|e| WebhookError::Decode(e.to_string())),
        }
    }

    fn timestamp<'h, H>(&self, headers: &'h H) -> Result<Timestamp<'h>, WebhookError>
    where
        H: WebhookHeaders + ?Sized,
    {
        let header = self.scheme.timestamp_header;
        let text = single_header(headers, header)?;
        let malformed = |reason| WebhookError::MalformedHeader { header, reason };
        if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
            return Err(malformed("it is not a whole number of seconds"));
        }
        let seconds = std::str::from_utf8(text)
            .ok()
            .and_then(|text| text.parse::<u64>().ok())
            .ok_or_else(|| malformed("the number is too large"))?;
        Ok(Timestamp { text, seconds })
    }

    fn signature<H>(&self, headers: &H) -> Result<Vec<u8>, WebhookError>
    where
        H: WebhookHeaders + ?Sized,
    {
        let header = self.scheme.signature_header;
        let value = single_header(headers, header)?;
        let malformed = |reason| WebhookError::MalformedHeader { header, reason };
        let hex = value
            .strip_prefix(self.scheme.version.as_bytes())
            .and_then(|rest| rest.strip_prefix(b"="))
            .ok_or_else(|| malformed("it does not start with the signature version and `=`"))?;
        let signature = decode_hex(hex).ok_or_else(|| malformed("the signature is not hex"))?;
        if signature.len() != SIGNATURE_BYTES {
            return Err(malformed("the signature is not 32 bytes long"));
        }
        Ok(signature)
    }

    /// The key of the first secret whose signature of the delivery matches.
    fn signing_key(
        &self,
        timestamp: &[u8],
        body: &[u8],
        signature: &[u8],
    ) -> Result<&hmac::Key, WebhookError> {
        let message = signed_message(self.scheme.version, timestamp, body);
        self.keys
            .iter()
            .find(|key| hmac::verify(key, &message, signature).is_ok())
            .ok_or(WebhookError::BadSignature)
    }

    /// Compared in whole seconds, as the header gives them; a clock before 1970 counts as
    /// 1970, and no timestamp can overflow the arithmetic.
    fn check_timestamp(&self, seconds: u64, now: SystemTime) -> Result<(), WebhookError> {
        let now = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let tolerance_secs = self.tolerance.as_secs();
        if seconds > now {
            let ahead_secs = seconds - now;
            if ahead_secs > tolerance_secs {
                return Err(WebhookError::FromTheFuture {
                    ahead_secs,
                    tolerance_secs,
                });
            }
        } else {
            let age_secs = now - seconds;
            if age_secs > tolerance_secs {
                return Err(WebhookError::Stale {
                    age_secs,
                    tolerance_secs,
                });
            }
        }
        Ok(())
    }

    fn event_name<'v>(&self, value: &'v Value) -> Result<&'v str, WebhookError> {
        let object = value.as_object().ok_or(WebhookError::NotAnEvent {
            reason: "it is not a JSON object",
        })?;
        object
            .get(self.scheme.event_field)
            .and_then(Value::as_str)
            .ok_or(WebhookError::NotAnEvent {
                reason: "it has no event name",
            })
    }
}

/// The timestamp header as it was signed, and its value.
struct Timestamp<'h> {
    text: &'h [u8],
    seconds: u64,
}

/// HMAC-SHA256 gives 32 bytes.
const SIGNATURE_BYTES: usize = 32;

/// The one value of a header; a header sent twice is refused, since which copy was signed
/// would be a guess.
fn single_header<'h, H>(headers: &'h H, header: &'static str) -> Result<&'h [u8], WebhookError>
where
    H: WebhookHeaders + ?Sized,
{
    match headers.values(header).as_slice() {
        [] => Err(WebhookError::MissingHeader { header }),
        [value] => Ok(value.trim_ascii()),
        _ => Err(WebhookError::MalformedHeader {
            header,
            reason: "it is sent more than once",
        }),
    }
}

/// `{version}:{timestamp}:{body}`, the bytes that are signed.
fn signed_message(version: &str, timestamp: &[u8], body: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(version.len() + timestamp.len() + body.len() + 2);
    message.extend_from_slice(version.as_bytes());
    message.push(b':');
    message.extend_from_slice(timestamp);
    message.push(b':');
    message.extend_from_slice(body);
    message
}

/// The signature header's value for a delivery: `{version}={hex HMAC}`.
#[cfg(feature = "mock")]
pub(crate) fn signature_header_value(
    scheme: &WebhookScheme,
    key: &hmac::Key,
    timestamp: u64,
    body: &[u8],
) -> String {
    let message = signed_message(scheme.version, timestamp.to_string().as_bytes(), body);
    format!(
        "{}={}",
        scheme.version,
        encode_hex(hmac::sign(key, &message).as_ref())
    )
}

fn parse_body(body: &[u8]) -> Result<Value, WebhookError> {
    serde_json::from_slice(body).map_err(|e| WebhookError::InvalidJson {
        line: e.line(),
        column: e.column(),
    })
}

fn answer_validation(
    validation: &UrlValidation,
    payload_field: &str,
    value: &Value,
    key: &hmac::Key,
) -> Result<ValidationAnswer, WebhookError> {
    let malformed = |reason| WebhookError::MalformedValidation { reason };
    let token = value
        .get(payload_field)
        .and_then(|payload| payload.get(validation.token_field))
        .ok_or_else(|| malformed("its payload has no token"))?
        .as_str()
        .ok_or_else(|| malformed("its token is not a string"))?;
    if token.is_empty() || token.len() > MAX_VALIDATION_TOKEN {
        return Err(malformed("its token is empty or too long"));
    }
    Ok(ValidationAnswer {
        body: validation_body(validation, token, &validation_hmac(key, token)),
    })
}

/// The token's HMAC, in hex.
pub(crate) fn validation_hmac(key: &hmac::Key, token: &str) -> String {
    encode_hex(hmac::sign(key, token.as_bytes()).as_ref())
}

/// Written member by member, so that the bytes do not depend on how a JSON map orders its
/// keys.
fn validation_body(validation: &UrlValidation, token: &str, hmac: &str) -> String {
    let quoted = |text: &str| Value::String(text.to_owned()).to_string();
    format!(
        "{{{}:{},{}:{}}}",
        quoted(validation.token_field),
        quoted(token),
        quoted(validation.answer_field),
        quoted(hmac)
    )
}

pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

/// Hex in either case; `None` for an odd length or a character that is not a hex digit.
fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    if text.len() % 2 != 0 {
        return None;
    }
    text.chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEME: WebhookScheme = WebhookScheme::new("x-ts", "x-sig");

    #[test]
    fn hex_round_trips_and_refuses_what_is_not_hex() {
        assert_eq!(encode_hex(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(decode_hex(b"00ABff"), Some(vec![0x00, 0xab, 0xff]));
        assert_eq!(decode_hex(b"abc"), None);
        assert_eq!(decode_hex(b"zz"), None);
    }

    #[test]
    fn header_lists_are_read_without_regard_to_case() {
        let headers = [("X-Sig", "a"), ("other", "b")];
        assert_eq!(headers.values("x-sig"), vec![b"a".as_slice()]);
        assert!(headers.values("x-ts").is_empty());
    }

    #[test]
    fn only_empty_secrets_verify_nothing() {
        let verifier = WebhookVerifier::<Value>::new(SCHEME, "");
        let headers: [(&str, &str); 0] = [];
        assert_eq!(
            verifier.verify(&headers, b"{}"),
            Err(WebhookError::NoSecret)
        );
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let verifier = WebhookVerifier::<Value>::new(SCHEME, "hunter2-secret");
        assert!(!format!("{verifier:?}").contains("hunter2"));
    }
}
