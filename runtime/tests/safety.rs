//! What the client refuses to be configured with, and what it refuses to send.

mod support;

use postman_runtime::{Api, Client, DEFAULT_USER_AGENT};
use serde_json::json;
use support::{get_user_token, TestApi, TestClient};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn a_plain_http_base_url_is_refused_unless_loopback_or_allowed() {
    let error = TestClient::builder()
        .base_url("http://api.example.com/v2")
        .bearer_token("t")
        .build()
        .expect_err("credentials would cross the network in clear text");
    assert!(error.to_string().contains("https"), "{error}");

    for loopback in [
        "http://127.0.0.1:9/v2",
        "http://localhost:9/v2",
        "http://[::1]:9/v2",
    ] {
        TestClient::builder()
            .base_url(loopback)
            .build()
            .unwrap_or_else(|e| panic!("{loopback}: {e}"));
    }
    TestClient::builder()
        .base_url("http://api-proxy.internal/v2")
        .allow_insecure_http(true)
        .build()
        .expect("explicitly allowed");
}

#[test]
fn credentials_in_the_base_url_are_refused_and_not_echoed() {
    let error = TestClient::builder()
        .base_url("https://user:hunter2@api.example.com/v2")
        .build()
        .expect_err("a password in the URL");
    assert!(!format!("{error} {error:?}").contains("hunter2"), "{error}");
}

#[test]
fn header_values_with_line_breaks_are_refused_without_echoing_them() {
    let injected = "secret\r\nX-Injected: 1";
    let attempts = [
        TestClient::builder().bearer_token(injected).build(),
        TestClient::builder().user_agent(injected).build(),
        TestClient::builder()
            .default_header("X-Team", injected)
            .build(),
    ];
    for attempt in attempts {
        let error = attempt.expect_err("a header value with CR LF");
        let shown = format!("{error} {error:?}");
        assert!(shown.contains("carriage return"), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}

#[tokio::test]
async fn user_agent_and_default_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("user-agent", "my-app/2.1"))
        .and(header("x-team", "blue"))
        .and(header("authorization", "Bearer t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("t")
        .user_agent("my-app/2.1")
        .default_header("X-Team", "blue")
        .build()
        .expect("valid");

    get_user_token(&client, "me")
        .await
        .expect("the headers match");
}

#[tokio::test]
async fn the_apis_default_user_agent_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("user-agent", TestApi::DEFAULTS.user_agent))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .build()
        .expect("valid");

    get_user_token(&client, "me")
        .await
        .expect("the API's user agent is sent");
    assert_ne!(TestApi::DEFAULTS.user_agent, DEFAULT_USER_AGENT);
}

#[tokio::test]
async fn the_default_user_agent_names_the_runtime() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("user-agent", DEFAULT_USER_AGENT))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .expect(1)
        .mount(&server)
        .await;
    // A client of no API in particular: nothing but the runtime's defaults.
    let client: Client = Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .build()
        .expect("valid");

    get_user_token(&client, "me")
        .await
        .expect("the default user agent is sent");
    assert!(DEFAULT_USER_AGENT.starts_with("postman-runtime/"));
}
