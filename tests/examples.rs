//! The collection the crate was built from, checked against its own examples:
//!
//! - every successful JSON example decodes into its generated response type and encodes
//!   back to the same JSON;
//! - every operation with an example, called with the example's parameters against the mock
//!   server, sends the documented method, path and query, and returns the example's body.
//!
//! The calls and examples are generated with the bindings; build with `ZOOM_COLLECTION` set
//! to run them over another collection.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Collects the examples that failed, so that one run lists them all.
#[derive(Default)]
pub struct Checker {
    checked: usize,
    failures: Vec<String>,
}

impl Checker {
    pub fn check<T: DeserializeOwned + Serialize>(
        &mut self,
        operation: &str,
        status: u16,
        body: &str,
    ) {
        self.checked += 1;
        if let Err(problem) = round_trip::<T>(body) {
            self.failures
                .push(format!("{operation} ({status}): {problem}"));
        }
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(body: &str) -> Result<(), String> {
    let expected: Value =
        serde_json::from_str(body).map_err(|e| format!("example is not JSON: {e}"))?;
    let decoded: T = serde_json::from_str(body).map_err(|e| format!("does not decode: {e}"))?;
    let encoded = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    if encoded != expected {
        return Err(format!("encodes to {encoded} instead of {expected}"));
    }
    Ok(())
}

/// What an operation's call should give back: the mock serves the operation's first
/// successful example, or its first example when none succeeds.
pub enum Expected {
    /// A value that encodes to this JSON.
    Json(&'static str),
    Text(&'static str),
    /// An API error with this status.
    Status(u16),
    /// A body the generated type does not describe (for example an example whose JSON is
    /// broken, typed leniently): any answer from the mock will do, a decoding error too.
    Anything,
}

/// Calls made against the mock server, compared with what the mock received.
#[cfg(feature = "mock")]
pub struct Conformance {
    mock: zoom::mock::MockServer,
    base_path: String,
    seen: usize,
    calls: usize,
    failures: Vec<String>,
}

#[cfg(feature = "mock")]
impl Conformance {
    pub fn json<T: Serialize>(&self, body: &T) -> Value {
        serde_json::to_value(body).unwrap_or(Value::Null)
    }

    pub fn record(
        &mut self,
        operation: &str,
        method: &str,
        segments: &[&str],
        query: &[(&str, &str)],
        outcome: Result<Value, zoom::Error>,
        expected: Expected,
    ) {
        self.calls += 1;
        let received = self.mock.received_requests();
        let new = &received[self.seen.min(received.len())..];
        self.seen = received.len();
        let mut problems = Vec::new();
        match new {
            [request] => {
                if request.method != method {
                    problems.push(format!("sent {} instead of {method}", request.method));
                }
                let sent = sent_segments(&request.path, &self.base_path);
                if sent != segments {
                    problems.push(format!(
                        "sent to {} (segments {sent:?}) instead of {segments:?}",
                        request.path
                    ));
                }
                let mut sent = request.query_pairs();
                let mut wanted: Vec<(String, String)> = query
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect();
                sent.sort();
                wanted.sort();
                if sent != wanted {
                    problems.push(format!("sent the query {sent:?} instead of {wanted:?}"));
                }
            }
            other => problems.push(format!("sent {} requests instead of one", other.len())),
        }
        if let Some(problem) = outcome_problem(outcome, expected) {
            problems.push(problem);
        }
        if !problems.is_empty() {
            self.failures
                .push(format!("{operation}: {}", problems.join("; ")));
        }
    }
}

/// The segments of a received path below the base path, each percent-decoded: a parameter
/// sent as one segment decodes to the value given, whatever characters it holds.
#[cfg(feature = "mock")]
fn sent_segments(path: &str, base_path: &str) -> Vec<String> {
    path.strip_prefix(base_path)
        .unwrap_or(path)
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

#[cfg(feature = "mock")]
fn outcome_problem(outcome: Result<Value, zoom::Error>, expected: Expected) -> Option<String> {
    match (outcome, expected) {
        (Ok(value), Expected::Json(json)) => {
            let wanted: Value = serde_json::from_str(json).ok()?;
            (value != wanted).then(|| format!("returned {value} instead of {wanted}"))
        }
        (Ok(Value::String(text)), Expected::Text(wanted)) => {
            (text != wanted).then(|| format!("returned {text:?} instead of {wanted:?}"))
        }
        (Err(error), Expected::Status(status)) => (error.status().map(|s| s.as_u16())
            != Some(status))
        .then(|| format!("failed with {error} instead of status {status}")),
        (Ok(_) | Err(zoom::Error::Api(_) | zoom::Error::Decode { .. }), Expected::Anything) => None,
        (Ok(value), _) => Some(format!("returned {value}, not what the example holds")),
        (Err(error), _) => Some(format!("failed: {error}")),
    }
}

mod generated {
    #![allow(unused_imports)]
    #[cfg(feature = "mock")]
    use super::Conformance;
    use super::{Checker, Expected};
    include!(env!("ZOOM_GENERATED_EXAMPLES"));
}

#[test]
fn every_successful_example_round_trips() {
    let mut checker = Checker::default();
    generated::check_examples(&mut checker);
    assert!(
        checker.checked > 0,
        "the collection has no successful JSON example"
    );
    assert!(
        checker.failures.is_empty(),
        "{} of {} examples failed:\n{}",
        checker.failures.len(),
        checker.checked,
        checker.failures.join("\n")
    );
    eprintln!("{} examples round-trip", checker.checked);
}

#[cfg(feature = "mock")]
#[tokio::test]
async fn every_operation_sends_and_returns_what_its_example_shows() {
    // The examples as the collection has them: files of the sizes they give, lists not paged.
    let options = zoom::mock::options().example_file_sizes().paging(false);
    let mock = zoom::mock::start_with(options)
        .await
        .expect("the mock server starts");
    let client = zoom::Client::builder()
        .base_url(mock.base_url())
        .bearer_token("conformance")
        .build()
        .expect("the mock's URL is a valid base URL");
    let base_path = mock
        .base_url()
        .split_once("//")
        .and_then(|(_, rest)| rest.find('/').map(|slash| rest[slash..].to_owned()))
        .unwrap_or_default();
    let mut conformance = Conformance {
        mock,
        base_path,
        seen: 0,
        calls: 0,
        failures: Vec::new(),
    };
    generated::call_operations(&client, &mut conformance).await;
    assert!(
        conformance.calls > 0,
        "the collection has no operation with an example"
    );
    assert!(
        conformance.failures.is_empty(),
        "{} of {} operations do not conform:\n{}",
        conformance.failures.len(),
        conformance.calls,
        conformance.failures.join("\n")
    );
    eprintln!("{} operations conform to their examples", conformance.calls);
}
