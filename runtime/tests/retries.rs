//! Retries, back-off and timeouts against loopback servers with injected faults.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use postman_runtime::{Error, RetryPolicy};
use serde_json::json;
use support::{create_meeting, get_user_token, quick_retries, TestClient};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base: &str, retry: RetryPolicy) -> TestClient {
    TestClient::builder()
        .base_url(format!("{base}/v2"))
        .bearer_token("secret-token")
        .retry(retry)
        .build()
        .expect("a loopback configuration is valid")
}

fn ok_token() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"token": "zak"}))
}

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

#[tokio::test]
async fn a_429_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"code": 429, "message": "Too many requests"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok_token())
        .mount(&server)
        .await;

    let started = Instant::now();
    let response = get_user_token(&client(&server.uri(), quick_retries()), "me")
        .await
        .expect("the second attempt succeeds");

    assert_eq!(response.token.as_deref(), Some("zak"));
    assert_eq!(received(&server).await, 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 is honoured, not the 10 ms back-off ({:?})",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_returns_the_429_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "120")
                .insert_header("x-ratelimit-type", "Daily-limit"),
        )
        .mount(&server)
        .await;

    let started = Instant::now();
    let error = get_user_token(&client(&server.uri(), quick_retries()), "me")
        .await
        .expect_err("the daily limit is reached");

    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    let api = error.api().expect("an API error");
    assert_eq!(api.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(api.headers()["x-ratelimit-type"], "Daily-limit");
    assert_eq!(received(&server).await, 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_is_retried_after_a_429() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/users/me/meetings"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;

    let response = create_meeting(&client(&server.uri(), quick_retries()))
        .await
        .expect("the 429 means it was not processed; the retry succeeds");

    let response = response.json::<serde_json::Value>().expect("JSON");
    assert_eq!(postman_runtime::Response::status(&response), 201);
    assert_eq!(received(&server).await, 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body, requests[1].body,
        "the same body is sent again"
    );
    assert_eq!(requests[1].body, br#"{"topic":"Weekly sync"}"#);
}

#[tokio::test]
async fn a_503_twice_then_200_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok_token())
        .mount(&server)
        .await;

    let response = get_user_token(&client(&server.uri(), quick_retries()), "me")
        .await
        .expect("the third attempt succeeds");

    assert_eq!(postman_runtime::Response::status(&response), 200);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;

    let error = get_user_token(
        &client(&server.uri(), quick_retries().max_attempts(3)),
        "me",
    )
    .await
    .expect_err("every attempt fails");

    assert_eq!(error.status(), Some(http::StatusCode::BAD_GATEWAY));
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn the_total_time_is_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let policy = RetryPolicy::new()
        .max_attempts(100)
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_millis(100))
        .max_elapsed(Duration::from_millis(300));

    let started = Instant::now();
    let error = get_user_token(&client(&server.uri(), policy), "me")
        .await
        .expect_err("every attempt fails");

    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let attempts = received(&server).await;
    assert!((2..=7).contains(&attempts), "{attempts} attempts in 300 ms");
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_500() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"code": 500, "message": "Internal error"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = create_meeting(&client(&server.uri(), quick_retries()))
        .await
        .expect_err("the 500 is returned");

    assert_eq!(
        error.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(
        received(&server).await,
        1,
        "the meeting may have been created"
    );
}

#[tokio::test]
async fn a_get_is_retried_after_a_500_but_not_after_a_404() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users/nobody/token"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let client = client(&server.uri(), quick_retries());

    get_user_token(&client, "me").await.expect("retried");
    let error = get_user_token(&client, "nobody")
        .await
        .expect_err("a 404 is final");

    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(received(&server).await, 3);
}

/// What a raw loopback server does with each connection it accepts, in order.
#[derive(Clone, Copy)]
enum Connection {
    /// Reads part of the request, then closes with data unread: the kernel answers with a
    /// TCP reset.
    Reset,
    /// Answers 200 with a token.
    Answer,
    /// Announces a 100-byte body, sends 12 bytes of it, and closes.
    CutShort,
}

/// A server that plays `script`, one connection each, and counts the connections.
fn scripted_server(script: Vec<Connection>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("bound"));
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    std::thread::spawn(move || {
        for step in script {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("a timeout can be set");
            match step {
                Connection::Reset => {
                    let mut first = [0u8; 1];
                    let _ = stream.read(&mut first);
                    // Let the rest of the request arrive, so that it stays unread.
                    std::thread::sleep(Duration::from_millis(50));
                    drop(stream);
                }
                Connection::CutShort => {
                    read_request(&mut stream);
                    let response = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"token\":\"ab";
                    let _ = stream.write_all(response.as_bytes());
                }
                Connection::Answer => {
                    read_request(&mut stream);
                    let body = r#"{"token":"after-reset"}"#;
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(response.as_bytes());
                }
            }
        }
    });
    (base, accepted)
}

/// Reads a request's head (and whatever of its body came with it).
fn read_request(stream: &mut std::net::TcpStream) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn a_get_whose_body_is_cut_short_is_retried() {
    let (base, accepted) = scripted_server(vec![Connection::CutShort, Connection::Answer]);

    let response = get_user_token(&client(&base, quick_retries()), "me")
        .await
        .expect("the second connection sends the whole body");

    assert_eq!(response.token.as_deref(), Some("after-reset"));
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_body_cut_short_every_time_says_so_with_the_bytes_that_arrived() {
    let (base, accepted) = scripted_server(vec![Connection::CutShort; 4]);

    let error = get_user_token(&client(&base, quick_retries()), "me")
        .await
        .expect_err("every attempt is cut short");

    assert!(
        matches!(
            &error,
            Error::IncompleteBody {
                operation: "users::get_user_token",
                received: 12,
                expected: Some(100),
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.bytes_received(), Some(12));
    let message = error.to_string();
    assert!(
        message.contains("cut short: 12 of 100 bytes arrived"),
        "{message}"
    );
    assert!(!message.contains("decoding"), "{message}");
    assert_eq!(accepted.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_post_whose_body_is_cut_short_is_not_sent_again() {
    let (base, accepted) = scripted_server(vec![Connection::CutShort, Connection::Answer]);

    let error = create_meeting(&client(&base, quick_retries()))
        .await
        .expect_err("the meeting was created; only its answer was lost");

    assert!(
        matches!(&error, Error::IncompleteBody { received: 12, .. }),
        "{error:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_get_is_retried_after_a_connection_reset() {
    let (base, accepted) = scripted_server(vec![Connection::Reset, Connection::Answer]);

    let response = get_user_token(&client(&base, quick_retries()), "me")
        .await
        .expect("the second connection answers");

    assert_eq!(response.token.as_deref(), Some("after-reset"));
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_connection_reset() {
    let (base, accepted) = scripted_server(vec![Connection::Reset, Connection::Answer]);

    let error = create_meeting(&client(&base, quick_retries()))
        .await
        .expect_err("the request may have been processed before the reset");

    assert!(
        matches!(&error, Error::Transport { source, .. } if !source.is_connect()),
        "{error:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_is_refused() {
    // A port nobody listens on: the connection is refused before anything is sent.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("bound").port()
    };
    let policy = RetryPolicy::new()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_millis(100));

    let started = Instant::now();
    let error = create_meeting(&client(&format!("http://127.0.0.1:{port}"), policy))
        .await
        .expect_err("nothing listens");

    assert!(
        matches!(&error, Error::Transport { source, .. } if source.is_connect()),
        "{error:?}"
    );
    // Two waits of 50 to 100 ms each: the POST was tried three times.
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_is_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .expect("valid");

    let started = Instant::now();
    let error = get_user_token(&client, "me").await.expect_err("too slow");

    assert!(error.is_timeout(), "{error:?}");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_timed_out_get_is_tried_again_within_the_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token().set_delay(Duration::from_secs(3)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .timeout(Duration::from_millis(200))
        .retry(quick_retries())
        .build()
        .expect("valid");

    let response = get_user_token(&client, "me")
        .await
        .expect("the second attempt is fast");

    assert_eq!(response.token.as_deref(), Some("zak"));
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn an_injected_reqwest_client_is_used_with_its_own_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(150))
        .build()
        .expect("a client");
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .http_client(http)
        .retry(RetryPolicy::none())
        .build()
        .expect("valid");

    let error = get_user_token(&client, "me")
        .await
        .expect_err("the injected client's timeout applies");

    assert!(error.is_timeout(), "{error:?}");
}
