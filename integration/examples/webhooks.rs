//! Receives Zoom webhook events: an axum server on 127.0.0.1 verifies each delivery's
//! signature and timestamp, answers URL validation challenges, and decodes events into
//! `zoom::events::Event`. The mock plays Zoom: it sends a URL validation, a few signed
//! events, and one delivery signed with the wrong secret, then the program exits.
//!
//! ```text
//! cargo run -p zoom-integration --example webhooks
//! ```
//!
//! Against Zoom itself, the same handler runs behind a public HTTPS URL, with the secret
//! token from the app's Feature page (here in `ZOOM_WEBHOOK_SECRET_TOKEN`, if set).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use zoom::events::Event;
use zoom::webhooks::{Verified, Verifier};

async fn webhook(
    State(verifier): State<Arc<Verifier>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match verifier.verify(&headers, &body) {
        Ok(Verified::UrlValidation(answer)) => {
            println!("  handler: URL validation, answering {}", answer.body());
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, answer.content_type())],
                answer.into_body(),
            )
                .into_response()
        }
        Ok(Verified::Event(event)) => {
            println!("  handler: {}", describe(&event));
            StatusCode::OK.into_response()
        }
        Err(refused) => {
            println!("  handler: refused ({refused})");
            let status = StatusCode::from_u16(refused.status()).unwrap_or(StatusCode::UNAUTHORIZED);
            (status, refused.to_string()).into_response()
        }
    }
}

/// A line about the event, from its typed fields.
fn describe(event: &Event) -> String {
    match event {
        Event::MeetingStarted(started) => {
            let meeting = started.payload.as_ref().and_then(|p| p.object.as_ref());
            format!(
                "meeting.started: {:?} (meeting {:?})",
                meeting.and_then(|m| m.topic.as_deref()).unwrap_or_default(),
                meeting.and_then(|m| m.id.as_deref()).unwrap_or_default()
            )
        }
        Event::MeetingParticipantJoined(joined) => {
            let participant = joined
                .payload
                .as_ref()
                .and_then(|p| p.object.as_ref())
                .and_then(|o| o.participant.as_ref());
            format!(
                "meeting.participant_joined: {:?} joined",
                participant
                    .and_then(|p| p.user_name.as_deref())
                    .unwrap_or_default()
            )
        }
        Event::RecordingCompleted(recording) => {
            let files = recording
                .payload
                .as_ref()
                .and_then(|p| p.object.as_ref())
                .and_then(|o| o.recording_files.as_ref())
                .map_or(0, Vec::len);
            format!(
                "recording.completed: {files} files, download token {}",
                if recording.download_token.is_some() {
                    "present"
                } else {
                    "absent"
                }
            )
        }
        Event::Other(other) => format!(
            "{} (not described: payload kept as JSON, {} members)",
            event.name(),
            other
                .payload
                .as_ref()
                .and_then(|p| p.as_object())
                .map_or(0, |p| p.len())
        ),
        other => format!("{} (decoded)", other.name()),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN")
        .unwrap_or_else(|_| "example-secret-token".to_owned());
    let verifier = Arc::new(zoom::webhooks::verifier(&secret));
    let app = axum::Router::new()
        .route("/zoom/webhooks", axum::routing::post(webhook))
        .with_state(verifier);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/zoom/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("receiving webhooks at {url}");

    let zoom = zoom::mock::webhook_sender(&secret)?;
    println!("mock: URL validation");
    let validation = zoom.validate_url(&url, "qgg8vlvZRS6UYooatFL8Aw").await?;
    println!(
        "mock: answer {} {}, {}",
        validation.delivery.status,
        validation.delivery.body,
        if validation.valid { "valid" } else { "INVALID" }
    );
    for name in [
        "meeting.started",
        "meeting.participant_joined",
        "recording.completed",
        "user.created",
    ] {
        println!("mock: {name}");
        let delivery = zoom.send_example(&url, name).await?;
        println!("mock: answer {}", delivery.status);
    }
    println!("mock: an event the description does not name");
    let delivery = zoom
        .send(
            &url,
            r#"{"event":"chat_message.sent","event_ts":1718616605412,"payload":{"account_id":"acc","object":{"message":"hi"}}}"#,
        )
        .await?;
    println!("mock: answer {}", delivery.status);

    println!("mock: meeting.started signed with another app's secret");
    let forger = zoom::mock::webhook_sender("not-the-secret")?;
    let delivery = forger.send_example(&url, "meeting.started").await?;
    println!("mock: answer {} {}", delivery.status, delivery.body);
    Ok(())
}
