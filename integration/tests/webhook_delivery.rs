//! End to end: the mock sends signed deliveries to an axum handler on 127.0.0.1, which
//! verifies and decodes them with `zoom::webhooks`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use zoom::events::Event;
use zoom::webhooks::{Verified, Verifier};

const SECRET: &str = "end-to-end-secret";

#[derive(Clone)]
struct Handler {
    verifier: Arc<Verifier>,
    received: Arc<Mutex<Vec<Event>>>,
}

async fn webhook(State(handler): State<Handler>, headers: HeaderMap, body: Bytes) -> Response {
    match handler.verifier.verify(&headers, &body) {
        Ok(Verified::UrlValidation(answer)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, answer.content_type())],
            answer.into_body(),
        )
            .into_response(),
        Ok(Verified::Event(event)) => {
            handler.received.lock().unwrap().push(event);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(refused) => {
            let status = StatusCode::from_u16(refused.status()).unwrap();
            (status, refused.to_string()).into_response()
        }
    }
}

/// Serves the handler on a free port of 127.0.0.1; it stops with the test's runtime.
async fn serve(handler: Handler) -> String {
    let app = axum::Router::new()
        .route("/zoom/webhooks", axum::routing::post(webhook))
        .with_state(handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/zoom/webhooks")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn the_mock_delivers_signed_events_to_a_loopback_handler() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let url = serve(Handler {
        verifier: Arc::new(zoom::webhooks::verifier("rotated-out").secret(SECRET)),
        received: Arc::clone(&received),
    })
    .await;
    let sender = zoom::mock::webhook_sender(SECRET).unwrap();

    let run = async {
        let validation = sender
            .validate_url(&url, "qgg8vlvZRS6UYooatFL8Aw")
            .await
            .unwrap();
        assert!(validation.valid, "{:?}", validation.delivery);

        let names = [
            "meeting.started",
            "meeting.participant_joined",
            "recording.completed",
        ];
        for name in names {
            let delivery = sender.send_example(&url, name).await.unwrap();
            assert_eq!(delivery.status, 204, "{name}: {}", delivery.body);
        }
        let unknown = r#"{"event":"chat.reacted","event_ts":1,"payload":{"emoji":"+1"}}"#;
        assert!(sender.send(&url, unknown).await.unwrap().accepted());

        // Refusals the handler answers with the error's status.
        let stale = sender.send_at(&url, unknown, now() - 3600).await.unwrap();
        assert_eq!(stale.status, 401);
        assert!(stale.body.contains("ago"), "{}", stale.body);
        let other_app = zoom::mock::webhook_sender("someone else").unwrap();
        let forged = other_app
            .send_example(&url, "meeting.started")
            .await
            .unwrap();
        assert_eq!(forged.status, 401);
        assert!(!forged.body.contains(SECRET));
        let unsigned = sender.send_raw(&url, &[], unknown).await.unwrap();
        assert_eq!(unsigned.status, 401);
        let refused_validation = other_app.validate_url(&url, "token").await.unwrap();
        assert!(!refused_validation.valid);

        let received = received.lock().unwrap().clone();
        let names: Vec<&str> = received.iter().map(Event::name).collect();
        assert_eq!(
            names,
            [
                "meeting.started",
                "meeting.participant_joined",
                "recording.completed",
                "chat.reacted"
            ]
        );
        assert!(matches!(received[0], Event::MeetingStarted(_)));
        assert!(matches!(received[3], Event::Other(_)));
        // What the handler decoded encodes back to what the mock sent.
        let sent = sender
            .events()
            .iter()
            .find(|event| event.name == "recording.completed")
            .unwrap();
        assert_eq!(
            serde_json::to_value(&received[2]).unwrap(),
            serde_json::from_str::<serde_json::Value>(sent.body).unwrap()
        );
    };
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the deliveries finish in time");
}

#[tokio::test]
async fn the_mock_sends_only_to_this_machine() {
    let sender = zoom::mock::webhook_sender(SECRET).unwrap();
    let refused = sender
        .send("http://192.0.2.10/zoom/webhooks", "{}")
        .await
        .unwrap_err();
    assert!(matches!(refused, zoom::mock::MockError::NotLoopback));
    let unknown = sender
        .send_example("http://127.0.0.1:9/", "no.such_event")
        .await
        .unwrap_err();
    assert!(matches!(unknown, zoom::mock::MockError::UnknownEvent(_)));
}

#[test]
fn the_mock_has_every_described_event() {
    for name in zoom::events::EVENT_NAMES {
        assert!(
            zoom::mock::MOCK_EVENTS
                .iter()
                .any(|event| event.name == *name),
            "{name}"
        );
    }
}
