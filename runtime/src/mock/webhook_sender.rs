//! The mock's side of webhooks: deliveries signed as a vendor signs them, sent to a handler
//! on this machine, so that the handler can be tested end to end without the vendor.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::Url;
use ring::hmac;

use super::MockError;
use crate::send::safety::is_loopback;
use crate::webhook::{signature_header_value, validation_hmac, WebhookScheme};

/// One example delivery of an event, as the generator writes it from an events description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockEvent {
    /// The event's name (`meeting.started`, say).
    pub name: &'static str,
    /// The whole body, as it is sent.
    pub body: &'static str,
}

/// How a handler answered a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

impl Delivery {
    /// Whether the handler took the delivery (a 2xx status).
    pub fn accepted(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// How a handler answered a URL validation challenge, and whether the answer is the one
/// the vendor expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationDelivery {
    pub delivery: Delivery,
    /// The challenge's token.
    pub token: String,
    /// The answer was 200 with a JSON body holding the token and its HMAC keyed with the
    /// sender's secret.
    pub valid: bool,
}

/// Sends signed webhook deliveries to loopback URLs, as the vendor of `scheme` would.
///
/// ```no_run
/// use postman_runtime::mock::WebhookSender;
/// use postman_runtime::webhook::WebhookScheme;
///
/// # async fn run() -> Result<(), postman_runtime::mock::MockError> {
/// let scheme = WebhookScheme::new("x-request-timestamp", "x-signature");
/// let sender = WebhookSender::new(scheme, "secret token")?;
/// let delivery = sender
///     .send("http://127.0.0.1:8080/webhooks", r#"{"event":"ping","payload":{}}"#)
///     .await?;
/// assert!(delivery.accepted());
/// # Ok(())
/// # }
/// ```
pub struct WebhookSender {
    scheme: WebhookScheme,
    key: hmac::Key,
    http: reqwest::Client,
    events: &'static [MockEvent],
}

/// Shows the scheme, never the secret.
impl std::fmt::Debug for WebhookSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookSender")
            .field("scheme", &self.scheme)
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

/// A handler under test answers at once; a hung one should fail the test, not stall it.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest answer read back from a handler.
const ANSWER_LIMIT: usize = 64 * 1024;

impl WebhookSender {
    /// A sender signing with `secret` (HMAC-SHA256), with no example events.
    pub fn new(scheme: WebhookScheme, secret: impl AsRef<[u8]>) -> Result<Self, MockError> {
        let http = reqwest::Client::builder()
            .timeout(DELIVERY_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| MockError::Delivery(e.without_url().to_string()))?;
        Ok(WebhookSender {
            scheme,
            key: hmac::Key::new(hmac::HMAC_SHA256, secret.as_ref()),
            http,
            events: &[],
        })
    }

    /// This sender with example deliveries to send by name ([`Self::send_example`]).
    pub fn with_events(mut self, events: &'static [MockEvent]) -> Self {
        self.events = events;
        self
    }

    /// The example deliveries this sender knows.
    pub fn events(&self) -> &'static [MockEvent] {
        self.events
    }

    /// Signs `body` with the current time and posts it to `url`.
    pub async fn send(&self, url: &str, body: &str) -> Result<Delivery, MockError> {
        self.send_at(url, body, unix_now()).await
    }

    /// Signs `body` as if at `timestamp` (seconds since the Unix epoch), to test how a
    /// handler treats stale or future deliveries, and posts it to `url`.
    pub async fn send_at(
        &self,
        url: &str,
        body: &str,
        timestamp: u64,
    ) -> Result<Delivery, MockError> {
        let signature = signature_header_value(&self.scheme, &self.key, timestamp, body.as_bytes());
        let headers = [
            (self.scheme.timestamp_header, timestamp.to_string()),
            (self.scheme.signature_header, signature),
        ];
        self.post(url, &headers, body.to_owned()).await
    }

    /// Posts `body` with exactly `headers`, signed or not: to test refusals.
    pub async fn send_raw(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> Result<Delivery, MockError> {
        self.post(url, headers, body.to_owned()).await
    }

    /// Sends the first example of the event `name`, signed now.
    pub async fn send_example(&self, url: &str, name: &str) -> Result<Delivery, MockError> {
        let example = self
            .events
            .iter()
            .find(|event| event.name == name)
            .ok_or_else(|| MockError::UnknownEvent(name.to_owned()))?;
        self.send(url, example.body).await
    }

    /// Sends a URL validation challenge with `token`, signed now, and checks the answer as
    /// the vendor would.
    pub async fn validate_url(
        &self,
        url: &str,
        token: &str,
    ) -> Result<ValidationDelivery, MockError> {
        let validation = self.scheme.validation.ok_or(MockError::NoUrlValidation)?;
        let timestamp = unix_now();
        let body = serde_json::json!({
            self.scheme.event_field: validation.event,
            self.scheme.payload_field: { validation.token_field: token },
            "event_ts": timestamp.saturating_mul(1000),
        })
        .to_string();
        let delivery = self.send_at(url, &body, timestamp).await?;
        let expected = validation_hmac(&self.key, token);
        let answer: Option<serde_json::Value> = serde_json::from_str(&delivery.body).ok();
        let field = |name: &str| {
            answer
                .as_ref()
                .and_then(|answer| answer.get(name))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let valid = delivery.status == 200
            && delivery
                .content_type
                .as_deref()
                .is_some_and(|t| t.starts_with("application/json"))
            && field(validation.token_field).as_deref() == Some(token)
            && field(validation.answer_field).as_deref() == Some(expected.as_str());
        Ok(ValidationDelivery {
            delivery,
            token: token.to_owned(),
            valid,
        })
    }

    async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: String,
    ) -> Result<Delivery, MockError> {
        let url = loopback_url(url)?;
        let mut request = self
            .http
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        let response = request
            .send()
            .await
            .map_err(|e| MockError::Delivery(e.without_url().to_string()))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response
            .bytes()
            .await
            .map_err(|e| MockError::Delivery(e.without_url().to_string()))?;
        let body = String::from_utf8_lossy(&bytes[..bytes.len().min(ANSWER_LIMIT)]).into_owned();
        Ok(Delivery {
            status,
            content_type,
            body,
        })
    }
}

/// The mock delivers only to this machine, like the rest of the mock.
fn loopback_url(url: &str) -> Result<Url, MockError> {
    let parsed = Url::parse(url).map_err(|_| MockError::NotLoopback)?;
    if matches!(parsed.scheme(), "http" | "https") && is_loopback(&parsed) {
        Ok(parsed)
    } else {
        Err(MockError::NotLoopback)
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deliveries_go_only_to_loopback_addresses() {
        assert!(loopback_url("http://127.0.0.1:9/hook").is_ok());
        assert!(loopback_url("http://localhost:9/hook").is_ok());
        assert!(loopback_url("http://[::1]:9/hook").is_ok());
        assert!(loopback_url("http://192.0.2.1/hook").is_err());
        assert!(loopback_url("ftp://127.0.0.1/hook").is_err());
        assert!(loopback_url("not a url").is_err());
    }
}
