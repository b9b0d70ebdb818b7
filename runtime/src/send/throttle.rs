//! Client-side throttling by rate limit label, so that a burst of calls is spread out
//! instead of ending in `429 Too Many Requests`.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::Error;

/// Requests per second per rate limit label, kept on the client's side.
///
/// Some APIs sort their operations into rate limit labels (Zoom's are `Light`, `Medium`,
/// `Heavy` and `Resource-intensive`) and allow each label so many requests per second.
/// Every generated operation carries its label
/// ([`Operation::rate_limit`](crate::Operation::rate_limit)), read from the collection; with
/// a throttle, the client waits before sending so that each label stays within its rate.
/// Labels are compared without regard to case; operations whose label is not listed (or
/// that have none) are not throttled unless [`others_per_second`](Self::others_per_second)
/// is set.
///
/// Calls are spaced evenly, `1 / rate` apart, unless [`burst`](Self::burst) lets a few go
/// at once. Waiting calls are served in the order they arrived. Clones of a throttle share
/// its budgets, so two clients given clones of one throttle share the account's limits. A
/// retry waits for its turn like any other request.
///
/// ```
/// # use postman_runtime::Throttle;
/// # type Client = postman_runtime::Client<postman_runtime::AnyApi>;
/// let throttle = Throttle::new()
///     .per_second("Light", 30.0)
///     .per_second("Heavy", 10.0)
///     .others_per_second(5.0);
/// let client = Client::builder()
///     .base_url("https://api.example.com")
///     .throttle(throttle)
///     .build()?;
/// # Ok::<(), postman_runtime::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Throttle {
    labelled: Vec<Arc<Limiter>>,
    others: Option<Arc<Limiter>>,
    burst: u32,
}

/// One label's budget, as a virtual schedule (the generic cell rate algorithm): `next` is
/// when the next request would be due if requests were evenly spaced.
struct Limiter {
    label: String,
    per_second: f64,
    state: Mutex<Option<Instant>>,
}

impl Throttle {
    /// A throttle that limits nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `requests` per second for the operations labelled `label`. Setting a label
    /// again replaces its rate.
    pub fn per_second(mut self, label: impl Into<String>, requests: f64) -> Self {
        let label = label.into();
        self.labelled
            .retain(|limiter| !limiter.label.eq_ignore_ascii_case(&label));
        self.labelled.push(Arc::new(Limiter::new(label, requests)));
        self
    }

    /// At most `requests` per second, shared, for all operations whose label is not listed
    /// or that have none.
    pub fn others_per_second(mut self, requests: f64) -> Self {
        self.others = Some(Arc::new(Limiter::new(String::new(), requests)));
        self
    }

    /// How many requests of a label may go at once before the spacing starts (1 by
    /// default: evenly spaced from the first).
    pub fn burst(mut self, requests: u32) -> Self {
        self.burst = requests.max(1);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        for limiter in self.labelled.iter().chain(&self.others) {
            if !(limiter.per_second.is_finite() && limiter.per_second > 0.0) {
                return Err(Error::Config(format!(
                    "throttle rate for {:?} must be a positive number of requests per second, not {}",
                    limiter.label, limiter.per_second
                )));
            }
        }
        Ok(())
    }

    fn limiter(&self, label: Option<&str>) -> Option<&Limiter> {
        let listed = label.and_then(|label| {
            self.labelled
                .iter()
                .find(|limiter| limiter.label.eq_ignore_ascii_case(label))
        });
        listed.or(self.others.as_ref()).map(|limiter| &**limiter)
    }

    /// Takes a slot for a request of this label: `None` when it may go now, or the instant
    /// to wait for.
    pub(crate) fn reserve(&self, label: Option<&str>) -> Option<Instant> {
        let due = self
            .limiter(label)?
            .reserve(Instant::now(), self.burst.max(1))?;
        tracing::debug!(
            rate_limit = label.unwrap_or(""),
            wait_ms = due.saturating_duration_since(Instant::now()).as_millis() as u64,
            "throttled"
        );
        Some(due)
    }
}

impl Limiter {
    fn new(label: String, per_second: f64) -> Limiter {
        Limiter {
            label,
            per_second,
            state: Mutex::new(None),
        }
    }

    fn interval(&self) -> Duration {
        Duration::try_from_secs_f64(1.0 / self.per_second).unwrap_or(Duration::MAX)
    }

    /// Takes the next slot: `None` when the request may go now, or the instant it may go.
    /// A slot is taken as soon as it is asked for, so waiting requests keep their order.
    fn reserve(&self, now: Instant, burst: u32) -> Option<Instant> {
        let interval = self.interval();
        let tolerance = interval.saturating_mul(burst - 1);
        let mut next = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let theoretical = match *next {
            Some(due) if due > now => due,
            _ => now,
        };
        *next = Some(theoretical.checked_add(interval).unwrap_or(theoretical));
        let allowed_at = theoretical.checked_sub(tolerance).unwrap_or(now);
        (allowed_at > now).then_some(allowed_at)
    }
}

impl fmt::Debug for Throttle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for limiter in &self.labelled {
            map.entry(&limiter.label, &limiter.per_second);
        }
        if let Some(others) = &self.others {
            map.entry(&"(others)", &others.per_second);
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn requests_are_spaced_evenly() {
        let limiter = Limiter::new("Light".into(), 10.0);
        let start = Instant::now();
        assert_eq!(limiter.reserve(start, 1), None);
        assert_eq!(limiter.reserve(start, 1), Some(start + 100 * MS));
        assert_eq!(limiter.reserve(start, 1), Some(start + 200 * MS));
        // Time passes: the schedule catches up and idle time is not saved up.
        let later = start + 1000 * MS;
        assert_eq!(limiter.reserve(later, 1), None);
        assert_eq!(limiter.reserve(later, 1), Some(later + 100 * MS));
    }

    #[test]
    fn a_burst_goes_at_once_then_the_spacing_starts() {
        let limiter = Limiter::new("Heavy".into(), 10.0);
        let start = Instant::now();
        assert_eq!(limiter.reserve(start, 3), None);
        assert_eq!(limiter.reserve(start, 3), None);
        assert_eq!(limiter.reserve(start, 3), None);
        assert_eq!(limiter.reserve(start, 3), Some(start + 100 * MS));
        assert_eq!(limiter.reserve(start, 3), Some(start + 200 * MS));
    }

    #[test]
    fn labels_match_without_case_and_others_catch_the_rest() {
        let throttle = Throttle::new()
            .per_second("Light", 30.0)
            .per_second("light", 40.0)
            .per_second("Heavy", 10.0);
        assert_eq!(throttle.labelled.len(), 2);
        assert_eq!(throttle.limiter(Some("LIGHT")).unwrap().per_second, 40.0);
        assert!(throttle.limiter(Some("Medium")).is_none());
        assert!(throttle.limiter(None).is_none());
        let throttle = throttle.others_per_second(5.0);
        assert_eq!(throttle.limiter(Some("Medium")).unwrap().per_second, 5.0);
        assert_eq!(throttle.limiter(None).unwrap().per_second, 5.0);
    }

    #[test]
    fn rates_must_be_positive() {
        assert!(Throttle::new().per_second("Light", 0.0).validate().is_err());
        assert!(Throttle::new()
            .per_second("Light", f64::NAN)
            .validate()
            .is_err());
        assert!(Throttle::new().others_per_second(-1.0).validate().is_err());
        assert!(Throttle::new().per_second("Light", 0.5).validate().is_ok());
    }
}
