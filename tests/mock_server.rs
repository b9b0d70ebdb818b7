//! The built-in mock server answering the generated client with the collection's examples.

use reqwest::header::{HeaderMap, HeaderValue};
use zoom::mock::MockServer;
use zoom::users::{get_a_user_token, GetAUserTokenQuery, GetAUserTokenType};

fn client(server: &MockServer, headers: HeaderMap) -> zoom::Client {
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a plain client builds");
    zoom::Client::builder()
        .base_url(server.base_url())
        .bearer_token("mock")
        .http_client(http)
        .build()
        .expect("the mock's base URL is valid")
}

fn query() -> GetAUserTokenQuery {
    GetAUserTokenQuery {
        r#type: Some(GetAUserTokenType::Zak),
        ttl: Some(3600),
    }
}

#[tokio::test]
async fn serves_the_success_example_on_loopback() {
    let server = MockServer::start().await.expect("the mock starts");
    assert!(server.address().ip().is_loopback());
    assert!(server.base_url().ends_with("/v2"), "{}", server.base_url());

    let response = get_a_user_token(&client(&server, HeaderMap::new()), "me", &query())
        .await
        .expect("the example is served");

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.token.as_deref(), Some("string"));
}

#[tokio::test]
async fn serves_the_documented_error_example_on_request() {
    let server = MockServer::start().await.expect("the mock starts");
    let mut headers = HeaderMap::new();
    headers.insert("x-mock-response-code", HeaderValue::from_static("404"));

    let error = get_a_user_token(&client(&server, headers), "someone", &query())
        .await
        .expect_err("the 404 example is an error");

    let api = error.api().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.code(), Some(1001));
    assert_eq!(api.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn answers_unknown_paths_and_methods_with_clear_errors() {
    let server = MockServer::start().await.expect("the mock starts");
    let http = reqwest::Client::new();

    let missing = http
        .get(format!("{}/nothing/here", server.base_url()))
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value =
        serde_json::from_slice(&missing.bytes().await.expect("a body")).expect("a JSON message");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("GET /v2/nothing/here"));

    let wrong_method = http
        .delete(format!("{}/users/me/token", server.base_url()))
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(wrong_method.status(), 405);
}

#[tokio::test]
async fn serves_any_collection() {
    let collection = r#"{
        "info": {"name": "Tiny", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
        "variable": [{"key": "host", "value": "https://api.example.com/base"}],
        "item": [{"name": "Get file", "request": {"method": "GET", "url": "{{host}}/files/:id.json"},
                  "response": [{"name": "ok", "code": 200, "header": "Content-Type: text/plain\nX-Extra: 1", "body": "hello"}]}]
    }"#;
    let server = MockServer::from_collection(collection)
        .await
        .expect("the mock starts");
    let response = reqwest::get(format!("{}/files/42.json", server.base_url()))
        .await
        .expect("the mock answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-extra"], "1");
    assert_eq!(response.text().await.unwrap(), "hello");
}

#[tokio::test]
async fn a_broken_collection_is_an_error_not_a_panic() {
    let error = MockServer::from_collection("{\"info\": ")
        .await
        .expect_err("not JSON");
    assert!(error.to_string().contains("not valid JSON"), "{error}");
}

#[tokio::test]
async fn grants_oauth_tokens_for_offline_set_ups() {
    let server = MockServer::start().await.expect("the mock starts");
    let response = reqwest::Client::new()
        .post(server.token_url())
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value =
        serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["access_token"], "mock-access-token");
    assert_eq!(body["expires_in"], 3600);
}
