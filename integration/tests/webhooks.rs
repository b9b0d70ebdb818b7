//! Zoom's webhooks: its scheme and its event types. How deliveries are verified is tested
//! in the runtime's own tests, with a scheme of their own; here, that Zoom's scheme checks
//! Zoom's headers and that the generated events decode and encode back.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ring::hmac;
use serde_json::{json, Value};
use zoom::events::Event;
use zoom::webhooks::{Verified, WebhookError};

const SECRET: &str = "zoom-test-secret";
const TIMESTAMP: u64 = 1_718_616_605;
const BODY: &str = r#"{"event":"meeting.started","event_ts":1718616605412,"payload":{"account_id":"acc","object":{"id":"85712345678","topic":"Standup"}}}"#;
/// HMAC-SHA256 of `v0:1718616605:` followed by `BODY`, keyed with `SECRET`, computed with
/// Python's `hmac` module.
const BODY_SIGNATURE: &str = "d80ce600ec232e85bc183111763500874b0b589789c84a5cb234d475a183c5c2";

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// Signed with `ring` directly, as Zoom documents the scheme.
fn sign(secret: &str, timestamp: u64, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let mut message = format!("v0:{timestamp}:").into_bytes();
    message.extend_from_slice(body);
    let tag = hmac::sign(&key, &message);
    let hex: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("v0={hex}")
}

fn headers(timestamp: &str, signature: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-zm-request-timestamp", timestamp.parse().unwrap());
    headers.insert("x-zm-signature", signature.parse().unwrap());
    headers
}

fn signed(secret: &str, timestamp: u64, body: &[u8]) -> http::HeaderMap {
    headers(&timestamp.to_string(), &sign(secret, timestamp, body))
}

fn verify(
    verifier: &zoom::webhooks::Verifier,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Verified<Event>, WebhookError> {
    verifier.verify_at(headers, body, at(TIMESTAMP))
}

fn event(verified: Result<Verified<Event>, WebhookError>) -> Event {
    match verified {
        Ok(Verified::Event(event)) => event,
        other => panic!("expected an event, got {other:?}"),
    }
}

#[test]
fn zooms_scheme_verifies_a_signature_from_another_implementation() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let headers = headers("1718616605", &format!("v0={BODY_SIGNATURE}"));
    let event = event(verify(&verifier, &headers, BODY.as_bytes()));
    let Event::MeetingStarted(started) = &event else {
        panic!("expected meeting.started, got {event:?}");
    };
    let meeting = started.payload.as_ref().and_then(|p| p.object.as_ref());
    assert_eq!(meeting.and_then(|m| m.id.as_deref()), Some("85712345678"));
    assert_eq!(
        sign(SECRET, TIMESTAMP, BODY.as_bytes()),
        format!("v0={BODY_SIGNATURE}")
    );
}

#[test]
fn an_unknown_event_is_kept_whole_in_the_catch_all() {
    let body = r#"{"event":"phone.callee_ringing","event_ts":1718616605412,"payload":{"account_id":"acc","object":{"call_id":"7","new":[1,2]}},"extra":true}"#;
    let verifier = zoom::webhooks::verifier(SECRET);
    let event = event(verify(
        &verifier,
        &signed(SECRET, TIMESTAMP, body.as_bytes()),
        body.as_bytes(),
    ));
    let Event::Other(other) = &event else {
        panic!("expected the catch-all, got {event:?}");
    };
    assert_eq!(event.name(), "phone.callee_ringing");
    assert_eq!(other.event_ts, Some(1_718_616_605_412));
    assert_eq!(other.payload.as_ref().unwrap()["object"]["call_id"], "7");
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        serde_json::from_str::<Value>(body).unwrap()
    );
}

#[test]
fn a_payload_with_unknown_fields_encodes_back_equal() {
    let body = json!({
        "event": "meeting.participant_joined",
        "event_ts": 1_718_616_605_412u64,
        "brand_new_envelope_member": {"x": 1},
        "payload": {
            "account_id": "acc",
            "not_yet_documented": [1, "two", null],
            "object": {
                "id": 85712345678u64,
                "topic": "Standup",
                "participant": {"user_name": "Dana", "join_time": "2024-06-17T09:00:05Z", "mood": "ok"}
            }
        }
    });
    let event: Event = serde_json::from_value(body.clone()).unwrap();
    let Event::MeetingParticipantJoined(joined) = &event else {
        panic!("expected meeting.participant_joined, got {event:?}");
    };
    let payload = joined.payload.as_ref().unwrap();
    assert!(payload.extra_fields.contains_key("not_yet_documented"));
    let object = payload.object.as_ref().unwrap();
    // The id is a string in this event's examples: a number is kept as it came.
    assert_eq!(object.id, None);
    assert_eq!(
        object.extra_fields.get("id").unwrap(),
        json!(85712345678u64)
    );
    let participant = object.participant.as_ref().unwrap();
    assert_eq!(participant.user_name.as_deref(), Some("Dana"));
    assert_eq!(participant.extra_fields.get("mood").unwrap(), "ok");
    assert_eq!(serde_json::to_value(&event).unwrap(), body);
}

#[test]
fn download_tokens_sit_at_the_envelope_top_level() {
    let body = json!({
        "event": "recording.completed",
        "event_ts": 1,
        "download_token": "token-for-downloads",
        "payload": {"account_id": "acc", "object": {"id": 1, "recording_files": [{"file_type": "MP4"}]}}
    });
    let Event::RecordingCompleted(recording) = serde_json::from_value(body).unwrap() else {
        panic!("expected recording.completed");
    };
    assert_eq!(
        recording.download_token.as_deref(),
        Some("token-for-downloads")
    );
    let files = recording
        .payload
        .and_then(|p| p.object)
        .and_then(|o| o.recording_files)
        .unwrap();
    assert_eq!(files[0].file_type.as_deref(), Some("MP4"));
}

/// Every example delivery of the bundled description decodes into its own variant and
/// encodes back to the same JSON.
#[test]
fn every_described_example_decodes_and_round_trips() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../collection/zoom-events.json"
    ))
    .unwrap();
    let description: Value = serde_json::from_str(&text).unwrap();
    let mut count = 0;
    for described in description["events"].as_array().unwrap() {
        let name = described["event"].as_str().unwrap();
        assert!(zoom::events::EVENT_NAMES.contains(&name));
        for example in described["examples"].as_array().unwrap() {
            let event: Event = serde_json::from_value(example.clone()).unwrap();
            assert_eq!(event.name(), name);
            assert!(!matches!(event, Event::Other(_)), "{name}");
            assert_eq!(&serde_json::to_value(&event).unwrap(), example, "{name}");
            count += 1;
        }
    }
    assert!(count >= 21, "{count} examples");
}

#[test]
fn the_previous_state_of_an_edit_has_the_type_of_the_new_one() {
    let body = json!({
        "event": "meeting.updated",
        "payload": {"object": {"id": 1, "topic": "new"}, "old_object": {"id": 1, "topic": "old"}}
    });
    let Event::MeetingUpdated(updated) = serde_json::from_value(body).unwrap() else {
        panic!("expected meeting.updated");
    };
    let payload = updated.payload.unwrap();
    let (new, old) = (payload.object.unwrap(), payload.old_object.unwrap());
    assert_eq!(new.topic.as_deref(), Some("new"));
    assert_eq!(old.topic.as_deref(), Some("old"));
}
