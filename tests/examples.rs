//! Every successful JSON example of the collection the crate was built from decodes into
//! its generated response type and encodes back to the same JSON.
//!
//! The list of examples is generated with the bindings; build with `ZOOM_COLLECTION` set to
//! run it over another collection.

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

mod generated {
    use super::Checker;
    include!(concat!(env!("OUT_DIR"), "/zoom_examples.rs"));
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
