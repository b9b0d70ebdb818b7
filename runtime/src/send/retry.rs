//! When a failed attempt is tried again, and after how long.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

use super::transfer::Interrupted;
use crate::error::retry_after;

/// When and how often a call is tried again.
///
/// An attempt is tried again when it failed in a way that may pass:
///
/// - `429 Too Many Requests`, for every method: the server did not process the request. The
///   wait is the response's `Retry-After` (seconds or an HTTP date) when it has one.
/// - `408`, `500`, `502`, `503` and `504`, connection errors, timeouts, connections reset,
///   and bodies cut short (a connection that closed or broke before the announced length
///   arrived), for idempotent methods only (`GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`,
///   `DELETE`). A `POST` or `PATCH` may have been processed before the failure, so it is
///   not sent twice.
/// - A connection that could not be opened (refused, DNS failure, TLS handshake), for every
///   method: nothing was sent.
///
/// Without `Retry-After`, the wait doubles from [`initial_backoff`](Self::initial_backoff)
/// up to [`max_backoff`](Self::max_backoff), and a random part of it (up to half) is left
/// out so that clients that failed together do not retry together.
///
/// Two limits bound a call: [`max_attempts`](Self::max_attempts), counting the first, and
/// [`max_elapsed`](Self::max_elapsed): a retry whose wait would end later than that after
/// the call started is not made, and the last error is returned. A `Retry-After` beyond that
/// budget (a daily limit may answer with the next day) returns the `429` at once; read the
/// wait with [`ApiError::retry_after`](crate::ApiError::retry_after).
///
/// A download ([`Client::download`](crate::Client::download)) counts attempts and time from
/// its latest progress: an attempt that brought new bytes before the connection dropped
/// starts the count again, so that a long download survives any number of drops as long as
/// each resumed part moves it on.
///
/// ```
/// # use postman_runtime::RetryPolicy;
/// # type Client = postman_runtime::Client<postman_runtime::AnyApi>;
/// use std::time::Duration;
///
/// let policy = RetryPolicy::new()
///     .max_attempts(5)
///     .initial_backoff(Duration::from_millis(200))
///     .max_backoff(Duration::from_secs(5))
///     .max_elapsed(Duration::from_secs(20));
/// let client = Client::builder()
///     .base_url("https://api.example.com")
///     .retry(policy)
///     .build()?;
/// // Or never try again:
/// let once = RetryPolicy::none();
/// # Ok::<(), postman_runtime::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, waits from 250 ms doubling up to 8 s, 30 s in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The default policy: 4 attempts, waits from 250 ms doubling up to 8 s, 30 s in all.
    pub fn new() -> Self {
        Self::default()
    }

    /// Never try again: every call is sent once.
    pub fn none() -> Self {
        Self::default().max_attempts(1)
    }

    /// How many times a call is sent at most, the first time included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry, when the response says nothing. It doubles with
    /// each retry.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest computed wait between two attempts. A server's `Retry-After` is not
    /// capped by it, only by [`max_elapsed`](Self::max_elapsed).
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// No retry is made whose wait would end later than this after the call started.
    pub fn max_elapsed(mut self, budget: Duration) -> Self {
        self.max_elapsed = budget;
        self
    }

    /// The wait before trying again after a response with this status, or `None` when the
    /// call must stop. `attempt` counts the attempts made so far, starting at 1.
    pub(crate) fn after_status(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        idempotent: bool,
        attempt: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        let retryable = status == StatusCode::TOO_MANY_REQUESTS
            || (idempotent && matches!(status.as_u16(), 408 | 500 | 502 | 503 | 504));
        if !retryable || attempt >= self.max_attempts {
            return None;
        }
        let wait = retry_after(headers, SystemTime::now()).unwrap_or_else(|| self.backoff(attempt));
        self.within_budget(wait, elapsed)
    }

    /// The wait before trying again after a transport error, or `None` when the call must
    /// stop.
    pub(crate) fn after_error(
        &self,
        error: &reqwest::Error,
        idempotent: bool,
        attempt: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let not_sent = error.is_connect();
        let transient = error.is_timeout() || error.is_request() || error.is_body();
        if !(not_sent || (idempotent && transient)) {
            return None;
        }
        self.within_budget(self.backoff(attempt), elapsed)
    }

    /// The wait before trying again after a body was cut short, or `None` when the call must
    /// stop. The request was received and answered, so only idempotent ones go again.
    pub(crate) fn after_interruption(
        &self,
        idempotent: bool,
        attempt: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        if !idempotent || attempt >= self.max_attempts {
            return None;
        }
        self.within_budget(self.backoff(attempt), elapsed)
    }

    fn within_budget(&self, wait: Duration, elapsed: Duration) -> Option<Duration> {
        (elapsed.saturating_add(wait) <= self.max_elapsed).then_some(wait)
    }

    /// The computed wait after `attempt` failed attempts: doubling, capped, then between
    /// half of it and all of it.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(30);
        let full = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let half = full / 2;
        half + half.mul_f64(random_unit())
    }
}

/// What one attempt of a request came to.
pub(crate) enum Outcome<T> {
    Done(T),
    /// The server answered with a status outside 2xx.
    Status(StatusCode, HeaderMap, Bytes),
    /// The request could not be sent, or no response came.
    Transport(reqwest::Error),
    /// The response's body stopped before its end.
    Interrupted(Interrupted),
    /// Send again at once: the attempt found its credentials refused and renewed them.
    Again,
    /// Stop: trying again cannot help (no credentials could be had, for example).
    Fatal(crate::Error),
}

/// Why a request failed, after its last attempt.
pub(crate) enum Failed {
    Status(StatusCode, HeaderMap, Bytes),
    Transport(reqwest::Error),
    Interrupted(Interrupted),
    Fatal(crate::Error),
}

/// A request that can be sent more than once: an API call, a token request.
pub(crate) trait Attempt {
    type Output;

    /// Sends the request once; `number` counts the attempts, from 1.
    async fn attempt(&mut self, number: u32) -> Outcome<Self::Output>;

    /// Whether the attempt that just failed moved the request on (a download that received
    /// bytes before its connection dropped), which starts the count of attempts and time
    /// again. Asked once after each failed attempt.
    fn progressed(&mut self) -> bool {
        false
    }
}

impl RetryPolicy {
    /// Sends `request` until an attempt succeeds or the policy says to stop, waiting
    /// between attempts. The one retry loop of the crate: API calls and token requests go
    /// through it alike. `span` receives each attempt's number.
    pub(crate) async fn run<R: Attempt>(
        &self,
        request: &mut R,
        idempotent: bool,
        span: &tracing::Span,
    ) -> Result<R::Output, Failed> {
        let mut started = Instant::now();
        // Every attempt, for the span and the logs.
        let mut number = 0u32;
        // The attempts since the latest progress, which the policy bounds.
        let mut in_a_row = 0u32;
        loop {
            number = number.saturating_add(1);
            in_a_row = in_a_row.saturating_add(1);
            span.record("attempt", number);
            let outcome = request.attempt(number).await;
            if !matches!(outcome, Outcome::Done(_)) && request.progressed() {
                in_a_row = 1;
                started = Instant::now();
            }
            let wait = match outcome {
                Outcome::Done(output) => return Ok(output),
                Outcome::Again => continue,
                Outcome::Fatal(error) => return Err(Failed::Fatal(error)),
                Outcome::Status(status, headers, body) => {
                    let elapsed = started.elapsed();
                    match self.after_status(status, &headers, idempotent, in_a_row, elapsed) {
                        Some(wait) => {
                            tracing::warn!(
                                attempt = number,
                                status = status.as_u16(),
                                wait_ms = wait.as_millis() as u64,
                                "trying again"
                            );
                            wait
                        }
                        None => return Err(Failed::Status(status, headers, body)),
                    }
                }
                Outcome::Transport(error) => {
                    match self.after_error(&error, idempotent, in_a_row, started.elapsed()) {
                        Some(wait) => {
                            tracing::warn!(
                                attempt = number,
                                wait_ms = wait.as_millis() as u64,
                                error = %error.without_url(),
                                "trying again"
                            );
                            wait
                        }
                        None => return Err(Failed::Transport(error)),
                    }
                }
                Outcome::Interrupted(cut) => {
                    match self.after_interruption(idempotent, in_a_row, started.elapsed()) {
                        Some(wait) => {
                            tracing::warn!(
                                attempt = number,
                                wait_ms = wait.as_millis() as u64,
                                received = cut.received,
                                error = %cut.cause,
                                "the body was cut short; trying again"
                            );
                            wait
                        }
                        None => return Err(Failed::Interrupted(cut)),
                    }
                }
            };
            // Boxed: a timer is large, and a call that succeeds at once should not carry one.
            Box::pin(tokio::time::sleep(wait)).await;
        }
    }
}

/// Whether sending a request twice has the same effect as sending it once.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    )
}

/// A number in `[0, 1)` that differs from call to call: the clock's nanoseconds and a
/// counter, mixed with splitmix64. Only for jitter, never for anything secret.
fn random_unit() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = nanos ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::RETRY_AFTER;
    use http::HeaderValue;

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let policy = RetryPolicy::new()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        let mut seen = std::collections::HashSet::new();
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = policy.backoff(2);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let capped = policy.backoff(10);
            assert!(capped >= Duration::from_millis(175) && capped <= Duration::from_millis(350));
            assert!(policy.backoff(u32::MAX) <= Duration::from_millis(350));
            seen.insert(first);
        }
        assert!(seen.len() > 1, "the waits are jittered");
    }

    #[test]
    fn statuses_are_retried_by_method_attempts_and_budget() {
        let policy = RetryPolicy::new().max_attempts(3);
        let none = HeaderMap::new();
        let zero = Duration::ZERO;
        let status = |code| StatusCode::from_u16(code).unwrap();
        assert!(policy
            .after_status(status(503), &none, true, 1, zero)
            .is_some());
        assert!(policy
            .after_status(status(500), &none, true, 2, zero)
            .is_some());
        assert!(policy
            .after_status(status(500), &none, true, 3, zero)
            .is_none());
        assert!(policy
            .after_status(status(500), &none, false, 1, zero)
            .is_none());
        assert!(policy
            .after_status(status(503), &none, false, 1, zero)
            .is_none());
        assert!(policy
            .after_status(status(429), &none, false, 1, zero)
            .is_some());
        assert!(policy
            .after_status(status(404), &none, true, 1, zero)
            .is_none());
        assert!(policy
            .after_status(status(400), &none, true, 1, zero)
            .is_none());
        assert_eq!(
            policy.after_status(status(429), &with_retry_after("3"), false, 1, zero),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            policy.after_status(
                status(429),
                &with_retry_after("3"),
                true,
                1,
                Duration::from_secs(28)
            ),
            None,
            "a wait past the 30 s budget is not made"
        );
        assert!(RetryPolicy::none()
            .after_status(status(429), &none, true, 1, zero)
            .is_none());
    }

    #[test]
    fn idempotent_methods() {
        for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"] {
            assert!(is_idempotent(
                &Method::from_bytes(method.as_bytes()).unwrap()
            ));
        }
        for method in ["POST", "PATCH", "PURGE"] {
            assert!(!is_idempotent(
                &Method::from_bytes(method.as_bytes()).unwrap()
            ));
        }
    }
}
