//! Per-call options: a view of a client with another timeout, retry policy or headers,
//! used wherever a client is, sharing the parent's tokens.

mod support;

use std::time::{Duration, Instant};

use postman_runtime::{CallOptions, Error, RetryPolicy};
use serde_json::json;
use support::{get_user_token, TestClient, TestOAuthApp};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok_token() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"token": "zak"}))
}

fn client(server: &MockServer) -> TestClient {
    TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("secret-token")
        .default_header("X-Team", "blue")
        .timeout(Duration::from_secs(5))
        .retry(
            RetryPolicy::new()
                .max_attempts(3)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .expect("valid")
}

#[tokio::test]
async fn a_shorter_per_call_timeout_is_honoured_while_the_parent_keeps_its_own() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token().set_delay(Duration::from_millis(600)))
        .mount(&server)
        .await;
    let parent = client(&server);
    let quick = parent.with_options(
        CallOptions::new()
            .timeout(Duration::from_millis(150))
            .retry(RetryPolicy::none()),
    );

    let started = Instant::now();
    let error = get_user_token(&quick, "me")
        .await
        .expect_err("600 ms is past the view's 150 ms");
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        elapsed >= Duration::from_millis(150) && elapsed < Duration::from_millis(550),
        "{elapsed:?}"
    );

    let response = get_user_token(&parent, "me")
        .await
        .expect("the parent's 5 s timeout still applies");
    assert_eq!(response.token.as_deref(), Some("zak"));
}

#[tokio::test]
async fn per_call_headers_replace_defaults_for_the_view_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let parent = client(&server);
    let view = parent.with_options(
        CallOptions::new()
            .header("X-Team", "red")
            .header("X-Request-Id", "r-1"),
    );
    let view_of_view = view.with_options(CallOptions::new().header("X-Request-Id", "r-2"));

    for client in [&view, &parent, &view_of_view] {
        get_user_token(client, "me")
            .await
            .expect("the call succeeds");
    }

    let requests = server.received_requests().await.expect("recording is on");
    let header = |index: usize, name: &str| {
        requests[index]
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(header(0, "x-team"), ["red"]);
    assert_eq!(header(0, "x-request-id"), ["r-1"]);
    assert_eq!(header(0, "authorization"), ["Bearer secret-token"]);
    assert_eq!(header(1, "x-team"), ["blue"]);
    assert!(header(1, "x-request-id").is_empty());
    assert_eq!(header(2, "x-team"), ["red"], "kept from the view's parent");
    assert_eq!(header(2, "x-request-id"), ["r-2"]);
}

#[tokio::test]
async fn a_per_call_retry_policy_applies_to_the_view_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let parent = client(&server);
    let once = parent.with_options(CallOptions::new().retry(RetryPolicy::none()));

    get_user_token(&once, "me").await.expect_err("503");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    get_user_token(&parent, "me").await.expect_err("503");
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn views_share_the_parents_oauth_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "shared", "token_type": "bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let app = TestOAuthApp::new("id", "secret").token_url(format!("{}/oauth/token", server.uri()));
    let parent = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .server_to_server_oauth(app, "account")
        .build()
        .expect("valid");
    let view = parent.with_options(CallOptions::new().timeout(Duration::from_secs(2)));

    get_user_token(&parent, "me").await.expect("parent");
    get_user_token(&view, "me").await.expect("view");
    get_user_token(&view.clone(), "me")
        .await
        .expect("a clone of the view");
    // `expect(1)` on the token endpoint is checked when the server is dropped.
}

#[tokio::test]
async fn an_unusable_per_call_header_fails_every_call_before_sending() {
    let server = MockServer::start().await;
    let view =
        client(&server).with_options(CallOptions::new().header("X-Note", "a\r\nX-Injected: 1"));

    let error = get_user_token(&view, "me").await.expect_err("refused");

    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(error.to_string().contains("X-Note"), "{error}");
    assert!(!error.to_string().contains("Injected"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
    let debug = format!("{view:?}");
    assert!(!debug.contains("a\\r\\n"), "{debug}");
}
