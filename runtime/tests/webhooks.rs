//! Webhook verification, with a scheme and an event type written by hand as an API's
//! bindings declare theirs. Expected signatures are computed here, apart from the code
//! under test: with published HMAC-SHA256 vectors, values computed with another HMAC
//! implementation and written down, or `ring` called directly.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use postman_runtime::webhook::{Verified, WebhookError, WebhookScheme, WebhookVerifier};
use ring::hmac;
use serde::Deserialize;
use serde_json::{json, Value};

/// A vendor's scheme: signatures `v0=<hex>` over `v0:{timestamp}:{body}`, and URL
/// validation challenges.
const SCHEME: WebhookScheme = WebhookScheme::new("x-hook-request-timestamp", "x-hook-signature")
    .url_validation("endpoint.url_validation", "plainToken", "encryptedToken");

/// The events of the tests: one known, the rest caught by `Other`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "event")]
enum TestEvent {
    #[serde(rename = "meeting.started")]
    MeetingStarted { payload: Option<MeetingPayload> },
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct MeetingPayload {
    object: Option<Meeting>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Meeting {
    id: Option<String>,
}

type Verifier = WebhookVerifier<TestEvent>;

fn verifier_for(secret: &str) -> Verifier {
    Verifier::new(SCHEME, secret)
}

/// The key `BODY_SIGNATURE` was computed with.
const SECRET: &str = "zoom-test-secret";
const TIMESTAMP: u64 = 1_718_616_605;
const BODY: &str = r#"{"event":"meeting.started","event_ts":1718616605412,"payload":{"account_id":"acc","object":{"id":"85712345678","topic":"Standup"}}}"#;
/// HMAC-SHA256 of `v0:1718616605:` followed by `BODY`, keyed with `SECRET`, computed with
/// Python's `hmac` module.
const BODY_SIGNATURE: &str = "d80ce600ec232e85bc183111763500874b0b589789c84a5cb234d475a183c5c2";

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// Signed with `ring` directly, as the scheme is documented.
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
    headers.insert("x-hook-request-timestamp", timestamp.parse().unwrap());
    headers.insert("x-hook-signature", signature.parse().unwrap());
    headers
}

fn signed(secret: &str, timestamp: u64, body: &[u8]) -> http::HeaderMap {
    headers(&timestamp.to_string(), &sign(secret, timestamp, body))
}

fn verify(
    verifier: &Verifier,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Verified<TestEvent>, WebhookError> {
    verifier.verify_at(headers, body, at(TIMESTAMP))
}

fn event(verified: Result<Verified<TestEvent>, WebhookError>) -> TestEvent {
    match verified {
        Ok(Verified::Event(event)) => event,
        other => panic!("expected an event, got {other:?}"),
    }
}

#[test]
fn a_signature_from_another_implementation_verifies() {
    let verifier = verifier_for(SECRET);
    let headers = headers("1718616605", &format!("v0={BODY_SIGNATURE}"));
    let event = event(verify(&verifier, &headers, BODY.as_bytes()));
    let TestEvent::MeetingStarted { payload } = &event else {
        panic!("expected meeting.started, got {event:?}");
    };
    let meeting = payload.as_ref().and_then(|p| p.object.as_ref());
    assert_eq!(meeting.and_then(|m| m.id.as_deref()), Some("85712345678"));
    assert_eq!(
        sign(SECRET, TIMESTAMP, BODY.as_bytes()),
        format!("v0={BODY_SIGNATURE}")
    );
}

#[test]
fn upper_case_hex_and_header_lists_are_accepted() {
    let verifier = verifier_for(SECRET);
    let signature = format!("v0={}", BODY_SIGNATURE.to_uppercase());
    let pairs = [
        ("X-Hook-Request-Timestamp", "1718616605".to_owned()),
        ("X-Hook-Signature", signature),
    ];
    let verified = verifier.verify_at(&pairs, BODY.as_bytes(), at(TIMESTAMP));
    assert!(matches!(
        verified,
        Ok(Verified::Event(TestEvent::MeetingStarted { .. }))
    ));
}

#[test]
fn a_body_changed_by_one_byte_is_refused() {
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(SECRET).tolerance(Duration::from_secs(300));
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
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(SECRET);
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
    let only_new = verifier_for("new-secret");
    assert_eq!(
        verify(&only_new, &old_headers, body),
        Err(WebhookError::BadSignature)
    );
    let rotating = verifier_for("new-secret").secret("old-secret");
    assert!(verify(&rotating, &old_headers, body).is_ok());
    assert!(verify(&rotating, &signed("new-secret", TIMESTAMP, body), body).is_ok());
    assert_eq!(
        verify(&rotating, &signed("third", TIMESTAMP, body), body),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn missing_and_malformed_headers_are_refused() {
    let verifier = verifier_for(SECRET);
    let body = BODY.as_bytes();
    let good = sign(SECRET, TIMESTAMP, body);

    let mut no_signature = http::HeaderMap::new();
    no_signature.insert("x-hook-request-timestamp", "1718616605".parse().unwrap());
    assert_eq!(
        verify(&verifier, &no_signature, body),
        Err(WebhookError::MissingHeader {
            header: "x-hook-signature"
        })
    );
    let mut no_timestamp = http::HeaderMap::new();
    no_timestamp.insert("x-hook-signature", good.parse().unwrap());
    assert_eq!(
        verify(&verifier, &no_timestamp, body),
        Err(WebhookError::MissingHeader {
            header: "x-hook-request-timestamp"
        })
    );

    let malformed = [
        (
            "1718616605",
            "v1=".to_owned() + &good[3..],
            "x-hook-signature",
        ),
        ("1718616605", good[3..].to_owned(), "x-hook-signature"),
        ("1718616605", "v0=xyz".to_owned(), "x-hook-signature"),
        ("1718616605", "v0=abcd".to_owned(), "x-hook-signature"),
        ("1718616605", format!("{good}00"), "x-hook-signature"),
        ("soon", good.clone(), "x-hook-request-timestamp"),
        ("-5", good.clone(), "x-hook-request-timestamp"),
        (
            "1718616605000000000000",
            good.clone(),
            "x-hook-request-timestamp",
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
    twice.append("x-hook-signature", good.parse().unwrap());
    assert!(matches!(
        verify(&verifier, &twice, body),
        Err(WebhookError::MalformedHeader {
            header: "x-hook-signature",
            ..
        })
    ));
}

#[test]
fn an_oversized_body_is_refused_before_anything_else() {
    let verifier = verifier_for(SECRET).max_body_bytes(64);
    let body = vec![b' '; 65];
    // Not even signed: the size is checked first.
    assert_eq!(
        verify(&verifier, &http::HeaderMap::new(), &body),
        Err(WebhookError::BodyTooLarge { limit: 64 })
    );
    let refused = verify(&verifier, &http::HeaderMap::new(), &body).unwrap_err();
    assert_eq!(refused.status(), 413);
    assert_eq!(
        verifier_for(SECRET)
            .verify_at(&http::HeaderMap::new(), &vec![b' '; (1 << 20) + 1], at(0))
            .unwrap_err()
            .status(),
        413
    );
}

#[test]
fn a_signed_body_that_is_not_an_event_is_refused() {
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for("Jefe");
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
    let verifier = verifier_for("another app").secret("Jefe");
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
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(SECRET);
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
    let verifier = verifier_for(secret);
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
