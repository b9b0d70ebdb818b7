//! The `tracing` span of each call, and that nothing a subscriber sees holds a secret.
//!
//! One test in this file: the subscriber is set for the test's thread, and tests running
//! side by side in one process would share tracing's per-callsite caches.

mod support;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use postman_runtime::RetryPolicy;
use serde_json::json;
use support::{get_user_token, TestClient, TestOAuthApp};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Everything a subscriber is told, as text: spans with their fields, and events.
#[derive(Clone, Default)]
struct Recorder {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Recorder {
    fn push(&self, line: String) {
        self.lines.lock().unwrap().push(line);
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }
}

impl Subscriber for Recorder {
    /// What the runtime emits (its spans and events have the target `postman_runtime::…`).
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("postman_runtime")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut line = format!("span#{id} {}:", span.metadata().name());
        span.record(&mut Fields(&mut line));
        self.push(line);
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut line = format!("record#{}:", span.into_u64());
        values.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = format!("event {}:", event.metadata().level());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

const BASIC: &str = "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=";

#[tokio::test]
async fn each_call_has_a_span_with_its_operation_and_no_secret_is_logged() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", BASIC))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "access-token-secret", "token_type": "bearer", "expires_in": 3600
        })))
        .mount(&server)
        .await;
    // One 503 (retried), then a 401 (token renewed), then success.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .mount(&server)
        .await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .server_to_server_oauth(
            TestOAuthApp::new("client-id", "client-secret")
                .token_url(format!("{}/oauth/token", server.uri())),
            "account-1",
        )
        .default_header("X-Api-Key", "header-secret")
        .retry(
            RetryPolicy::new()
                .initial_backoff(std::time::Duration::from_millis(5))
                .max_backoff(std::time::Duration::from_millis(5)),
        )
        .build()
        .expect("valid");

    let response = get_user_token(&client, "jo@example.com")
        .await
        .expect("succeeds on the third attempt");
    assert_eq!(response.token.as_deref(), Some("zak"));

    // A download whose URL holds a token in its query, and its path a file's id.
    let mut file = Vec::new();
    client
        .download(format!(
            "{}/rec/download/file-id-secret?access_token=url-secret",
            server.uri()
        ))
        .to_writer(&mut file)
        .await
        .expect("the download succeeds");
    let requests = server.received_requests().await.expect("recording is on");
    let download = requests.last().expect("the download was sent");
    assert!(download.headers.get("authorization").is_some());
    assert!(
        download.headers.get("x-api-key").is_none(),
        "a credential-like default header is not sent to a download URL"
    );

    let lines = recorder.lines();
    let text = lines.join("\n");
    let request_span = lines
        .iter()
        .find(|l| l.contains("api.request"))
        .unwrap_or_else(|| panic!("a request span in:\n{text}"));
    assert!(
        request_span.contains(r#"api="test-api""#)
            && request_span.contains(r#"operation="users::get_user_token""#)
            && request_span.contains(r#"method="GET""#)
            && request_span.contains(r#"path="/users/{userId}/token""#),
        "{request_span}"
    );
    let id = request_span
        .strip_prefix("span#")
        .and_then(|rest| rest.split(' ').next())
        .expect("an id");
    let recorded: Vec<_> = lines
        .iter()
        .filter(|l| l.starts_with(&format!("record#{id}:")))
        .collect();
    for expected in [
        "attempt=1",
        "status=503",
        "attempt=2",
        "status=401",
        "attempt=3",
        "status=200",
    ] {
        assert!(
            recorded.iter().any(|l| l.ends_with(expected)),
            "{expected} in:\n{text}"
        );
    }
    assert!(text.contains("api.token"), "a token span in:\n{text}");
    assert!(text.contains("trying again"), "a retry event in:\n{text}");
    let download_span = lines
        .iter()
        .find(|l| l.contains("api.download"))
        .unwrap_or_else(|| panic!("a download span in:\n{text}"));
    assert!(
        download_span.contains(r#"host="127.0.0.1""#),
        "{download_span}"
    );

    for secret in [
        "client-secret",
        "Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ",
        "access-token-secret",
        "header-secret",
        // Path parameter values (here an email address) are left out too.
        "jo@example.com",
        "jo%40example.com",
        // A download URL's path and query.
        "file-id-secret",
        "url-secret",
    ] {
        assert!(!text.contains(secret), "{secret} leaked in:\n{text}");
    }
    assert!(!format!("{client:?}").contains("header-secret"));
}
