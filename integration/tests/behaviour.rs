//! The generated "Get a user token" against a loopback server that checks what it receives.

use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom::users::{get_a_user_token, GetAUserTokenQuery, GetAUserTokenType};

async fn client_for(server: &MockServer) -> zoom::Client {
    zoom::Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("secret-token")
        .build()
        .expect("a loopback base URL is valid")
}

fn zak_query() -> GetAUserTokenQuery {
    GetAUserTokenQuery {
        r#type: Some(GetAUserTokenType::Zak),
        ttl: Some(3600),
    }
}

#[tokio::test]
async fn sends_the_documented_request_and_decodes_the_typed_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .and(query_param("type", "zak"))
        .and(query_param("ttl", "3600"))
        .and(header("authorization", "Bearer secret-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "abc"})))
        .expect(1)
        .mount(&server)
        .await;

    let response = get_a_user_token(&client_for(&server).await, "me", &zak_query())
        .await
        .expect("the call succeeds");

    assert_eq!(zoom::Response::status(&response), 200);
    assert_eq!(response.token.as_deref(), Some("abc"));
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received[0].url.query(), Some("type=zak&ttl=3600"));
}

#[tokio::test]
async fn optional_query_parameters_are_left_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": null})))
        .mount(&server)
        .await;

    let response = get_a_user_token(&client_for(&server).await, "me", &Default::default())
        .await
        .expect("the call succeeds");

    assert_eq!(response.token, None);
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received[0].url.query(), None);
}

#[tokio::test]
async fn the_documented_404_is_a_typed_error_with_status_headers_and_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users/nobody/token"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-zm-trackingid", "v=2.0;clid=us05")
                .set_body_json(json!({"code": 1001, "message": "User does not exist: nobody."})),
        )
        .mount(&server)
        .await;

    let error = get_a_user_token(&client_for(&server).await, "nobody", &zak_query())
        .await
        .expect_err("a 404 is an error");

    let api = error.api().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.code(), Some(1001));
    assert_eq!(api.message(), Some("User does not exist: nobody."));
    assert_eq!(api.headers()["x-zm-trackingid"], "v=2.0;clid=us05");
    assert_eq!(api.operation(), "users::get_a_user_token");
}

#[tokio::test]
async fn a_hostile_path_parameter_stays_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "t"})))
        .mount(&server)
        .await;
    let client = client_for(&server).await;

    for (user, sent) in [
        ("../accounts", "/v2/users/..%2Faccounts/token"),
        ("a/b", "/v2/users/a%2Fb/token"),
        ("x?y=1#z", "/v2/users/x%3Fy%3D1%23z/token"),
    ] {
        get_a_user_token(&client, user, &zak_query())
            .await
            .expect("the call succeeds");
        let received = server.received_requests().await.expect("recording is on");
        assert_eq!(received.last().map(|r| r.url.path()), Some(sent));
    }
}

#[tokio::test]
async fn dot_segments_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client_for(&server).await;

    for user in ["..", ".", ""] {
        let error = get_a_user_token(&client, user, &zak_query())
            .await
            .expect_err("refused");
        assert!(
            matches!(&error, zoom::Error::InvalidParameter { name, .. } if name == "userId"),
            "{error}"
        );
    }
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty());
}

#[tokio::test]
async fn unknown_response_fields_are_kept_and_encode_back_the_same() {
    let server = MockServer::start().await;
    let body = json!({"token": "t", "expires_in": 3600, "nested": {"a": [1, 2]}});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
        .mount(&server)
        .await;

    let response = get_a_user_token(&client_for(&server).await, "me", &zak_query())
        .await
        .expect("the call succeeds");

    assert_eq!(response.extra_fields.get("expires_in").unwrap(), 3600);
    assert_eq!(
        serde_json::to_value(zoom::Response::body(&response)).unwrap(),
        body
    );
}

#[tokio::test]
async fn a_field_of_another_type_than_the_examples_is_kept_not_fatal() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"token\": 42}"))
        .mount(&server)
        .await;

    let response = get_a_user_token(&client_for(&server).await, "me", &zak_query())
        .await
        .expect("a mistyped field does not fail decoding");

    assert_eq!(response.token, None);
    assert_eq!(response.extra_fields.get("token").unwrap(), 42);
    assert_eq!(
        serde_json::to_value(zoom::Response::body(&response)).unwrap(),
        json!({"token": 42})
    );
}

#[tokio::test]
async fn a_body_that_is_not_the_documented_shape_is_an_error_that_keeps_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"))
        .mount(&server)
        .await;

    let error = get_a_user_token(&client_for(&server).await, "me", &zak_query())
        .await
        .expect_err("HTML is not the token object");

    match error {
        zoom::Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(&body[..], b"<html>maintenance</html>");
        }
        other => panic!("expected a decode error, got {other}"),
    }
}

#[test]
fn the_token_is_redacted_from_debug_output() {
    let client = zoom::Client::builder()
        .bearer_token("secret-token")
        .build()
        .expect("the default base URL is valid");
    let debug = format!("{client:?}");
    assert!(!debug.contains("secret-token"), "{debug}");
    assert!(debug.contains("https://api.zoom.us/v2"), "{debug}");
}
