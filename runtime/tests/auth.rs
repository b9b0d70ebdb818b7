//! Authentication against loopback servers: Server-to-Server OAuth (caching, one fetch for
//! many callers, renewal on 401), user-level OAuth (code exchange, refresh with rotated
//! refresh tokens handed to a store) and a static bearer token.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use postman_runtime::{ApiError, Error, RetryPolicy, TokenStore, UserTokens};
use serde_json::json;
use support::{get_user_token, TestClient, TestOAuthApp};
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `client-id:client-secret`, as HTTP Basic auth sends it.
const BASIC: &str = "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=";

fn app(server: &MockServer) -> TestOAuthApp {
    TestOAuthApp::new("client-id", "client-secret")
        .token_url(format!("{}/oauth/token", server.uri()))
        .authorize_url(format!("{}/oauth/authorize", server.uri()))
}

fn s2s_client(server: &MockServer) -> TestClient {
    TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .server_to_server_oauth(app(server), "account-1")
        .build()
        .expect("a loopback configuration is valid")
}

fn token(access_token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": expires_in,
        "scope": "user:read:admin",
    }))
}

fn account_credentials_grant() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(query_param("grant_type", "account_credentials"))
        .and(query_param("account_id", "account-1"))
        .and(header("authorization", BASIC))
}

async fn api_answers(server: &MockServer, access_token: &str, status: u16) {
    let template = if status == 200 {
        ResponseTemplate::new(200).set_body_json(json!({"token": "zak"}))
    } else {
        ResponseTemplate::new(status)
            .set_body_json(json!({"code": 124, "message": "Invalid access token."}))
    };
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .and(header(
            "authorization",
            format!("Bearer {access_token}").as_str(),
        ))
        .respond_with(template)
        .mount(server)
        .await;
}

async fn requests_to(server: &MockServer, wanted: &str) -> usize {
    let received = server.received_requests().await.expect("recording is on");
    received.iter().filter(|r| r.url.path() == wanted).count()
}

#[tokio::test]
async fn server_to_server_token_is_fetched_with_basic_auth_and_cached() {
    let server = MockServer::start().await;
    account_credentials_grant()
        .respond_with(token("s2s-access-1", 3600))
        .expect(1)
        .mount(&server)
        .await;
    api_answers(&server, "s2s-access-1", 200).await;
    let client = s2s_client(&server);

    for _ in 0..3 {
        let response = get_user_token(&client, "me")
            .await
            .expect("the call succeeds");
        assert_eq!(response.token.as_deref(), Some("zak"));
    }
    assert_eq!(requests_to(&server, "/oauth/token").await, 1);
    assert_eq!(requests_to(&server, "/v2/users/me/token").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_calls_share_one_token_fetch() {
    let server = MockServer::start().await;
    account_credentials_grant()
        // Slow enough that every call is waiting for the token when it arrives.
        .respond_with(token("s2s-shared", 3600).set_delay(Duration::from_millis(200)))
        .expect(1)
        .mount(&server)
        .await;
    api_answers(&server, "s2s-shared", 200).await;
    let client = s2s_client(&server);

    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { get_user_token(&client, "me").await })
        })
        .collect();
    for call in calls {
        let response = call.await.expect("no panic").expect("the call succeeds");
        assert_eq!(postman_runtime::Response::status(&response), 200);
    }

    assert_eq!(requests_to(&server, "/oauth/token").await, 1);
    assert_eq!(requests_to(&server, "/v2/users/me/token").await, 20);
}

#[tokio::test]
async fn an_expired_token_is_replaced_after_a_401_and_the_call_sent_again() {
    let server = MockServer::start().await;
    account_credentials_grant()
        .respond_with(token("expired-token", 3600))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    account_credentials_grant()
        .respond_with(token("fresh-token", 3600))
        .expect(1)
        .mount(&server)
        .await;
    api_answers(&server, "expired-token", 401).await;
    api_answers(&server, "fresh-token", 200).await;
    let client = s2s_client(&server);

    let response = get_user_token(&client, "me")
        .await
        .expect("the second attempt, with the new token, succeeds");
    assert_eq!(response.token.as_deref(), Some("zak"));

    // The new token is kept: the next call needs no fetch.
    get_user_token(&client, "me")
        .await
        .expect("the call succeeds");
    assert_eq!(requests_to(&server, "/oauth/token").await, 2);
    assert_eq!(requests_to(&server, "/v2/users/me/token").await, 3);
}

#[tokio::test]
async fn a_token_refused_twice_is_an_error_after_one_renewal() {
    let server = MockServer::start().await;
    account_credentials_grant()
        .respond_with(token("never-accepted", 3600))
        .mount(&server)
        .await;
    api_answers(&server, "never-accepted", 401).await;
    let client = s2s_client(&server);

    let error = get_user_token(&client, "me")
        .await
        .expect_err("the API refuses every token");

    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(error.api().and_then(ApiError::code), Some(124));
    assert_eq!(requests_to(&server, "/oauth/token").await, 2);
    assert_eq!(requests_to(&server, "/v2/users/me/token").await, 2);
}

#[tokio::test]
async fn a_token_is_renewed_shortly_before_it_expires() {
    let server = MockServer::start().await;
    account_credentials_grant()
        .respond_with(token("short-lived", 2))
        .mount(&server)
        .await;
    api_answers(&server, "short-lived", 200).await;
    let client = s2s_client(&server);

    get_user_token(&client, "me")
        .await
        .expect("the call succeeds");
    get_user_token(&client, "me")
        .await
        .expect("the call succeeds");
    assert_eq!(requests_to(&server, "/oauth/token").await, 1, "still fresh");

    // Renewed 1/10 of its lifetime (0.2 s) before it expires: 1.8 s after it was issued.
    tokio::time::sleep(Duration::from_millis(1850)).await;
    get_user_token(&client, "me")
        .await
        .expect("the call succeeds");
    assert_eq!(requests_to(&server, "/oauth/token").await, 2);
}

#[tokio::test]
async fn refused_credentials_are_an_auth_error_without_secrets() {
    let server = MockServer::start().await;
    account_credentials_grant()
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "reason": "Invalid client_id or client_secret",
            "error": "invalid_client",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = s2s_client(&server);

    let error = get_user_token(&client, "me")
        .await
        .expect_err("the token endpoint refuses");

    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("invalid_client"), "{shown}");
    assert!(
        !shown.contains("client-secret") && !shown.contains("Y2xpZW50"),
        "{shown}"
    );
    assert_eq!(
        requests_to(&server, "/v2/users/me/token").await,
        0,
        "no API call without a token"
    );
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_is_an_auth_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("bound").port()
    };
    let client = TestClient::builder()
        .base_url(format!("http://127.0.0.1:{port}/v2"))
        .server_to_server_oauth(
            TestOAuthApp::new("client-id", "client-secret")
                .token_url(format!("http://127.0.0.1:{port}/oauth/token")),
            "account-1",
        )
        .retry(RetryPolicy::none())
        .build()
        .expect("valid");

    let error = get_user_token(&client, "me")
        .await
        .expect_err("nothing listens");

    assert!(
        matches!(error, Error::Auth { status: None, .. }),
        "{error:?}"
    );
    assert!(!format!("{error:?}").contains("client-secret"));
}

/// What a token store was handed.
#[derive(Clone, Default)]
struct Stored(Arc<Mutex<Vec<(String, String)>>>);

impl Stored {
    fn store(&self) -> impl TokenStore {
        let stored = self.0.clone();
        move |tokens: UserTokens| {
            let stored = stored.clone();
            async move {
                stored.lock().unwrap().push((
                    tokens.access_token().to_owned(),
                    tokens.refresh_token().to_owned(),
                ));
                Ok::<(), std::convert::Infallible>(())
            }
        }
    }

    fn refresh_tokens(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(|(_, r)| r.clone())
            .collect()
    }
}

fn refresh_grant(refresh_token: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", BASIC))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(
            format!("refresh_token={refresh_token}").as_str(),
        ))
}

fn user_tokens(access: &str, refresh: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": access,
        "token_type": "bearer",
        "refresh_token": refresh,
        "expires_in": 3599,
        "scope": "user:read",
    }))
}

#[tokio::test]
async fn user_tokens_are_refreshed_and_each_rotated_refresh_token_is_stored_and_used() {
    let server = MockServer::start().await;
    refresh_grant("refresh-1")
        .respond_with(user_tokens("access-2", "refresh-2"))
        .expect(1)
        .mount(&server)
        .await;
    refresh_grant("refresh-2")
        .respond_with(user_tokens("access-3", "refresh-3"))
        .expect(1)
        .mount(&server)
        .await;
    // access-2 is revoked on the server's side before it expires.
    api_answers(&server, "access-2", 401).await;
    api_answers(&server, "access-3", 200).await;
    let stored = Stored::default();
    let expired = UserTokens::new(
        "access-1",
        "refresh-1",
        Some(SystemTime::now() - Duration::from_secs(5)),
    );
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .user_oauth(app(&server), expired, stored.store())
        .build()
        .expect("valid");

    let response = get_user_token(&client, "me")
        .await
        .expect("refreshed twice, then accepted");

    assert_eq!(response.token.as_deref(), Some("zak"));
    assert_eq!(stored.refresh_tokens(), ["refresh-2", "refresh-3"]);
    let received = server.received_requests().await.unwrap();
    let bearers: Vec<_> = received
        .iter()
        .filter(|r| r.url.path() == "/v2/users/me/token")
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(bearers, ["Bearer access-2", "Bearer access-3"]);
}

#[tokio::test]
async fn stored_user_tokens_that_have_not_expired_are_used_as_they_are() {
    let server = MockServer::start().await;
    api_answers(&server, "stored-access", 200).await;
    let stored = Stored::default();
    let tokens = UserTokens::new(
        "stored-access",
        "stored-refresh",
        Some(SystemTime::now() + Duration::from_secs(1800)),
    );
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .user_oauth(app(&server), tokens, stored.store())
        .build()
        .expect("valid");

    get_user_token(&client, "me")
        .await
        .expect("the call succeeds");

    assert_eq!(requests_to(&server, "/oauth/token").await, 0);
    assert!(stored.refresh_tokens().is_empty());
}

#[tokio::test]
async fn a_failing_store_fails_the_call_but_the_new_tokens_are_kept() {
    let server = MockServer::start().await;
    refresh_grant("refresh-1")
        .respond_with(user_tokens("access-2", "refresh-2"))
        .expect(1)
        .mount(&server)
        .await;
    api_answers(&server, "access-2", 200).await;
    let failing = |_: UserTokens| async { Err::<(), _>(std::io::Error::other("the disk is full")) };
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .user_oauth(
            app(&server),
            UserTokens::from_refresh_token("refresh-1"),
            failing,
        )
        .build()
        .expect("valid");

    let error = get_user_token(&client, "me")
        .await
        .expect_err("the store failed");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert!(!error.to_string().contains("refresh-2"));

    get_user_token(&client, "me")
        .await
        .expect("the refreshed access token is used");
}

#[tokio::test]
async fn an_authorization_code_is_exchanged_for_user_tokens() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", BASIC))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=the-code"))
        .and(body_string_contains(
            "redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
        ))
        .respond_with(user_tokens("access-1", "refresh-1"))
        .expect(1)
        .mount(&server)
        .await;
    let app = app(&server);

    let url = app
        .authorization_url("https://app.example/callback", "state-42")
        .expect("a valid URL");
    assert_eq!(
        url,
        format!(
            "{}/oauth/authorize?response_type=code&client_id=client-id&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&state=state-42",
            server.uri()
        )
    );
    let before = SystemTime::now();
    let tokens = app
        .exchange_code("the-code", "https://app.example/callback")
        .await
        .expect("the exchange succeeds");

    assert_eq!(tokens.access_token(), "access-1");
    assert_eq!(tokens.refresh_token(), "refresh-1");
    assert_eq!(tokens.scope(), Some("user:read"));
    let lifetime = tokens
        .expires_at()
        .expect("known")
        .duration_since(before)
        .expect("in the future");
    assert!(lifetime >= Duration::from_secs(3598) && lifetime <= Duration::from_secs(3600));
    assert!(!format!("{tokens:?}").contains("refresh-1"));
}

#[tokio::test]
async fn a_refresh_outside_a_client_returns_the_rotated_token() {
    let server = MockServer::start().await;
    refresh_grant("refresh-1")
        .respond_with(user_tokens("access-2", "refresh-2"))
        .expect(1)
        .mount(&server)
        .await;

    let tokens = app(&server).refresh("refresh-1").await.expect("refreshed");

    assert_eq!(tokens.access_token(), "access-2");
    assert_eq!(tokens.refresh_token(), "refresh-2");
}

#[tokio::test]
async fn a_static_bearer_token_refused_with_401_is_not_retried() {
    let server = MockServer::start().await;
    api_answers(&server, "static-token", 401).await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("static-token")
        .build()
        .expect("valid");

    let started = Instant::now();
    let error = get_user_token(&client, "me").await.expect_err("refused");

    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(requests_to(&server, "/v2/users/me/token").await, 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_insecure_token_url_is_refused() {
    let error = TestClient::builder()
        .server_to_server_oauth(
            TestOAuthApp::new("client-id", "client-secret")
                .token_url("http://auth.example/oauth/token"),
            "account-1",
        )
        .build()
        .expect_err("plain http off loopback");
    assert!(error.to_string().contains("token URL"), "{error}");

    TestClient::builder()
        .server_to_server_oauth(
            TestOAuthApp::new("client-id", "client-secret")
                .token_url("http://auth.example/oauth/token")
                .allow_insecure_http(true),
            "account-1",
        )
        .build()
        .expect("explicitly allowed");
}
