//! The built-in mock server answering the generated client with the collection's examples.

use postman_runtime::mock::{Example, MockApi, MockServer, Part, Route};
use reqwest::header::{HeaderMap, HeaderValue};
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
    let server = zoom::mock::start().await.expect("the mock starts");
    assert!(server.address().ip().is_loopback());
    assert!(server.base_url().ends_with("/v2"), "{}", server.base_url());

    let response = get_a_user_token(&client(&server, HeaderMap::new()), "me", &query())
        .await
        .expect("the example is served");

    assert_eq!(zoom::Response::status(&response), 200);
    assert_eq!(
        zoom::Response::headers(&response)["content-type"],
        "application/json"
    );
    assert_eq!(response.token.as_deref(), Some("string"));
}

#[tokio::test]
async fn serves_the_documented_error_example_on_request() {
    let server = zoom::mock::start().await.expect("the mock starts");
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
    let server = zoom::mock::start().await.expect("the mock starts");
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

/// Mock data as the generator writes it for a tiny collection: one route, `:id.json` in
/// its path, two examples.
static TINY: MockApi = MockApi {
    base_path: "/base",
    routes: &[Route {
        operation: "get_file",
        method: "GET",
        path: &[
            &[Part::Literal("files")],
            &[Part::Param, Part::Literal(".json")],
        ],
        examples: &[
            Example {
                name: "ok",
                status: 200,
                headers: &[("Content-Type", "text/plain"), ("X-Extra", "1")],
                body: "hello",
                default: true,
            },
            Example {
                name: "gone",
                status: 410,
                headers: &[],
                body: "",
                default: false,
            },
        ],
        known_values: &[&[]],
        paging: None,
    }],
};

#[tokio::test]
async fn serves_any_collection_from_its_data() {
    let server = MockServer::start(&TINY).await.expect("the mock starts");
    let response = reqwest::get(format!("{}/files/42.json", server.base_url()))
        .await
        .expect("the mock answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-extra"], "1");
    assert_eq!(response.text().await.unwrap(), "hello");

    let gone = reqwest::Client::new()
        .get(format!("{}/files/7.json", server.base_url()))
        .header("x-mock-response-name", "gone")
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(gone.status(), 410);
    let not_a_route = reqwest::get(format!("{}/files/.json", server.base_url()))
        .await
        .expect("the mock answers");
    assert_eq!(
        not_a_route.status(),
        404,
        "a parameter takes one character at least"
    );
    assert_eq!(server.received_requests().len(), 3);
}

#[tokio::test]
async fn grants_oauth_tokens_for_offline_set_ups() {
    let server = zoom::mock::start().await.expect("the mock starts");
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
