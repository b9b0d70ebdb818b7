//! Webhook verification and event decoding. Expected signatures are computed here, apart
//! from the code under test: with published HMAC-SHA256 vectors, values computed with
//! another HMAC implementation and written down, or `ring` called directly.

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
fn a_signature_from_another_implementation_verifies() {
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
fn upper_case_hex_and_header_lists_are_accepted() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let signature = format!("v0={}", BODY_SIGNATURE.to_uppercase());
    let pairs = [
        ("X-Zm-Request-Timestamp", "1718616605".to_owned()),
        ("X-Zm-Signature", signature),
    ];
    let verified = verifier.verify_at(&pairs, BODY.as_bytes(), at(TIMESTAMP));
    assert!(matches!(
        verified,
        Ok(Verified::Event(Event::MeetingStarted(_)))
    ));
}

#[test]
fn a_body_changed_by_one_byte_is_refused() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let headers = signed(SECRET, TIMESTAMP, BODY.as_bytes());
    let mut body = BODY.as_bytes().to_vec();
    // "Standup" becomes "Standuq".
    let at_p = body.iter().rposition(|b| *b == b'p').unwrap();
    body[at_p] = b'q';
    assert_eq!(
        verify(&verifier, &headers, &body),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn a_re_serialized_body_is_refused() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let headers = signed(SECRET, TIMESTAMP, BODY.as_bytes());
    let value: Value = serde_json::from_str(BODY).unwrap();
    for body in [
        serde_json::to_string_pretty(&value).unwrap(),
        format!("{BODY}\n"),
        BODY.replace(':', ": "),
    ] {
        assert_eq!(
            verify(&verifier, &headers, body.as_bytes()),
            Err(WebhookError::BadSignature),
            "{body}"
        );
    }
}

#[test]
fn stale_and_future_timestamps_are_refused() {
    let verifier = zoom::webhooks::verifier(SECRET).tolerance(Duration::from_secs(300));
    let body = BODY.as_bytes();
    let old = signed(SECRET, TIMESTAMP - 301, body);
    assert_eq!(
        verify(&verifier, &old, body),
        Err(WebhookError::Stale {
            age_secs: 301,
            tolerance_secs: 300
        })
    );
    let ahead = signed(SECRET, TIMESTAMP + 301, body);
    assert_eq!(
        verify(&verifier, &ahead, body),
        Err(WebhookError::FromTheFuture {
            ahead_secs: 301,
            tolerance_secs: 300
        })
    );
    for edge in [TIMESTAMP - 300, TIMESTAMP + 300] {
        assert!(verify(&verifier, &signed(SECRET, edge, body), body).is_ok());
    }
}

#[test]
fn extreme_timestamps_are_refused_without_overflow() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let body = BODY.as_bytes();
    assert!(matches!(
        verify(&verifier, &signed(SECRET, u64::MAX, body), body),
        Err(WebhookError::FromTheFuture { .. })
    ));
    assert!(matches!(
        verify(&verifier, &signed(SECRET, 0, body), body),
        Err(WebhookError::Stale { .. })
    ));
    let before_1970 = UNIX_EPOCH - Duration::from_secs(10);
    assert!(matches!(
        verifier.verify_at(&signed(SECRET, TIMESTAMP, body), body, before_1970),
        Err(WebhookError::FromTheFuture { .. })
    ));
}

#[test]
fn a_timestamp_changed_after_signing_is_refused_as_a_bad_signature() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let signature = sign(SECRET, TIMESTAMP - 3600, BODY.as_bytes());
    let replayed = headers(&TIMESTAMP.to_string(), &signature);
    assert_eq!(
        verify(&verifier, &replayed, BODY.as_bytes()),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn the_current_clock_is_used_by_default() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let verifier = zoom::webhooks::verifier(SECRET);
    let body = BODY.as_bytes();
    assert!(verifier.verify(&signed(SECRET, now, body), body).is_ok());
    assert!(matches!(
        verifier.verify(&signed(SECRET, TIMESTAMP, body), body),
        Err(WebhookError::Stale { .. })
    ));
}

#[test]
fn a_wrong_secret_is_refused_and_a_rotated_one_accepted() {
    let body = BODY.as_bytes();
    let old_headers = signed("old-secret", TIMESTAMP, body);
    let only_new = zoom::webhooks::verifier("new-secret");
    assert_eq!(
        verify(&only_new, &old_headers, body),
        Err(WebhookError::BadSignature)
    );
    let rotating = zoom::webhooks::verifier("new-secret").secret("old-secret");
    assert!(verify(&rotating, &old_headers, body).is_ok());
    assert!(verify(&rotating, &signed("new-secret", TIMESTAMP, body), body).is_ok());
    assert_eq!(
        verify(&rotating, &signed("third", TIMESTAMP, body), body),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn missing_and_malformed_headers_are_refused() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let body = BODY.as_bytes();
    let good = sign(SECRET, TIMESTAMP, body);

    let mut no_signature = http::HeaderMap::new();
    no_signature.insert("x-zm-request-timestamp", "1718616605".parse().unwrap());
    assert_eq!(
        verify(&verifier, &no_signature, body),
        Err(WebhookError::MissingHeader {
            header: "x-zm-signature"
        })
    );
    let mut no_timestamp = http::HeaderMap::new();
    no_timestamp.insert("x-zm-signature", good.parse().unwrap());
    assert_eq!(
        verify(&verifier, &no_timestamp, body),
        Err(WebhookError::MissingHeader {
            header: "x-zm-request-timestamp"
        })
    );

    let malformed = [
        (
            "1718616605",
            "v1=".to_owned() + &good[3..],
            "x-zm-signature",
        ),
        ("1718616605", good[3..].to_owned(), "x-zm-signature"),
        ("1718616605", "v0=xyz".to_owned(), "x-zm-signature"),
        ("1718616605", "v0=abcd".to_owned(), "x-zm-signature"),
        ("1718616605", format!("{good}00"), "x-zm-signature"),
        ("soon", good.clone(), "x-zm-request-timestamp"),
        ("-5", good.clone(), "x-zm-request-timestamp"),
        (
            "1718616605000000000000",
            good.clone(),
            "x-zm-request-timestamp",
        ),
    ];
    for (timestamp, signature, header) in malformed {
        let refused = verify(&verifier, &headers(timestamp, &signature), body);
        assert!(
            matches!(refused, Err(WebhookError::MalformedHeader { header: h, .. }) if h == header),
            "{timestamp} {signature}: {refused:?}"
        );
    }

    let mut twice = signed(SECRET, TIMESTAMP, body);
    twice.append("x-zm-signature", good.parse().unwrap());
    assert!(matches!(
        verify(&verifier, &twice, body),
        Err(WebhookError::MalformedHeader {
            header: "x-zm-signature",
            ..
        })
    ));
}

#[test]
fn an_oversized_body_is_refused_before_anything_else() {
    let verifier = zoom::webhooks::verifier(SECRET).max_body_bytes(64);
    let body = vec![b' '; 65];
    // Not even signed: the size is checked first.
    assert_eq!(
        verify(&verifier, &http::HeaderMap::new(), &body),
        Err(WebhookError::BodyTooLarge { limit: 64 })
    );
    let refused = verify(&verifier, &http::HeaderMap::new(), &body).unwrap_err();
    assert_eq!(refused.status(), 413);
    assert_eq!(
        zoom::webhooks::verifier(SECRET)
            .verify_at(&http::HeaderMap::new(), &vec![b' '; (1 << 20) + 1], at(0))
            .unwrap_err()
            .status(),
        413
    );
}

#[test]
fn a_signed_body_that_is_not_an_event_is_refused() {
    let verifier = zoom::webhooks::verifier(SECRET);
    for (body, status) in [
        ("not json", 400),
        ("[1, 2]", 400),
        (r#"{"payload": {}}"#, 400),
    ] {
        let refused = verify(
            &verifier,
            &signed(SECRET, TIMESTAMP, body.as_bytes()),
            body.as_bytes(),
        )
        .unwrap_err();
        assert_eq!(refused.status(), status, "{body}: {refused}");
    }
}

/// RFC 4231, test case 2: HMAC-SHA256 keyed with "Jefe" of "what do ya want for nothing?".
#[test]
fn a_url_validation_is_answered_byte_for_byte() {
    let token = "what do ya want for nothing?";
    let body = json!({
        "payload": {"plainToken": token},
        "event_ts": 1_718_616_605_412u64,
        "event": "endpoint.url_validation"
    })
    .to_string();
    let verifier = zoom::webhooks::verifier("Jefe");
    let verified = verify(
        &verifier,
        &signed("Jefe", TIMESTAMP, body.as_bytes()),
        body.as_bytes(),
    );
    let Ok(Verified::UrlValidation(answer)) = verified else {
        panic!("expected a URL validation, got {verified:?}");
    };
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.content_type(), "application/json");
    assert_eq!(
        answer.body(),
        r#"{"plainToken":"what do ya want for nothing?","encryptedToken":"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"}"#
    );
}

#[test]
fn a_url_validation_is_answered_with_the_secret_that_signed_it() {
    let body = r#"{"event":"endpoint.url_validation","payload":{"plainToken":"what do ya want for nothing?"}}"#;
    let verifier = zoom::webhooks::verifier("another app").secret("Jefe");
    let Ok(Verified::UrlValidation(answer)) = verify(
        &verifier,
        &signed("Jefe", TIMESTAMP, body.as_bytes()),
        body.as_bytes(),
    ) else {
        panic!("expected a URL validation");
    };
    assert!(answer
        .body()
        .contains("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

#[test]
fn an_unsigned_url_validation_is_not_answered() {
    // Answering one would hand out the HMAC of any text, which is all a forger needs.
    let body = r#"{"event":"endpoint.url_validation","payload":{"plainToken":"v0:1718616605:{}"}}"#;
    let verifier = zoom::webhooks::verifier(SECRET);
    assert!(matches!(
        verify(&verifier, &http::HeaderMap::new(), body.as_bytes()),
        Err(WebhookError::MissingHeader { .. })
    ));
    let wrong = signed("not the secret", TIMESTAMP, body.as_bytes());
    assert_eq!(
        verify(&verifier, &wrong, body.as_bytes()),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn a_malformed_url_validation_is_refused() {
    let verifier = zoom::webhooks::verifier(SECRET);
    let long = "x".repeat(2000);
    for payload in [
        json!({}),
        json!({"plainToken": 5}),
        json!({"plainToken": ""}),
        json!({"plainToken": long}),
    ] {
        let body = json!({"event": "endpoint.url_validation", "payload": payload}).to_string();
        let refused = verify(
            &verifier,
            &signed(SECRET, TIMESTAMP, body.as_bytes()),
            body.as_bytes(),
        );
        assert!(
            matches!(refused, Err(WebhookError::MalformedValidation { .. })),
            "{refused:?}"
        );
    }
}

#[test]
fn refusals_never_show_a_secret_or_a_signature() {
    let secret = "s3cr3t-value-that-must-not-leak";
    let verifier = zoom::webhooks::verifier(secret);
    let body = BODY.as_bytes();
    let signature = sign("other", TIMESTAMP, body);
    let cases = [
        headers(&TIMESTAMP.to_string(), &signature),
        headers("soon", &signature),
        headers(&TIMESTAMP.to_string(), "v0=zz"),
        signed(secret, TIMESTAMP - 1000, body),
    ];
    for headers in cases {
        let refused = verify(&verifier, &headers, body).unwrap_err();
        for text in [refused.to_string(), format!("{refused:?}")] {
            assert!(!text.contains(secret), "{text}");
            assert!(!text.contains(&signature[3..]), "{text}");
        }
    }
    assert!(!format!("{verifier:?}").contains(secret));
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
