//! Client-side throttling by the operations' rate limit labels, against a loopback server.

mod support;

use std::time::{Duration, Instant};

use postman_runtime::{AuthScheme, Body, Operation, Throttle};
use serde_json::json;
use support::{get_user_token, TestClient};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An operation labelled `Heavy`.
const HEAVY: Operation = Operation {
    id: "report::get_daily_usage_report",
    method: "GET",
    path_template: "/report/daily",
    path: &["/report/daily"],
    headers: &[],
    rate_limit: Some("Heavy"),
    host: None,
    auth: AuthScheme::Any,
};

/// An operation without a label.
const UNLABELLED: Operation = Operation {
    rate_limit: None,
    host: None,
    auth: AuthScheme::Any,
    ..HEAVY
};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, throttle: Throttle) -> TestClient {
    TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .throttle(throttle)
        .build()
        .expect("valid")
}

async fn five_token_calls(client: &TestClient) -> Duration {
    let started = Instant::now();
    for _ in 0..5 {
        get_user_token(client, "me")
            .await
            .expect("the call succeeds");
    }
    started.elapsed()
}

async fn five_calls(client: &TestClient, operation: &Operation) -> Duration {
    let started = Instant::now();
    for _ in 0..5 {
        client
            .send(operation, &[], &(), Body::empty())
            .await
            .expect("the call succeeds");
    }
    started.elapsed()
}

#[tokio::test]
async fn the_operations_label_selects_the_budget() {
    let server = server().await;
    // `GET_USER_TOKEN` is labelled `Light`; labels match without case.
    let light = client(&server, Throttle::new().per_second("light", 20.0));
    let heavy_only = client(&server, Throttle::new().per_second("Heavy", 1.0));

    let throttled = five_token_calls(&light).await;
    let free = five_token_calls(&heavy_only).await;

    // Five calls at 20 per second: four gaps of 50 ms.
    assert!(throttled >= Duration::from_millis(200), "{throttled:?}");
    assert!(
        free < Duration::from_secs(3),
        "not throttled at 1/s: {free:?}"
    );
}

#[tokio::test]
async fn a_burst_goes_at_once_and_the_rest_is_spaced() {
    let server = server().await;
    let client = client(&server, Throttle::new().per_second("Heavy", 10.0).burst(3));

    // Three go at once, the fourth and fifth wait 100 ms each.
    let elapsed = five_calls(&client, &HEAVY).await;

    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
}

#[tokio::test]
async fn unlabelled_operations_use_the_shared_budget_when_one_is_set() {
    let server = server().await;
    let unthrottled = client(&server, Throttle::new().per_second("Heavy", 1.0));
    let others = client(&server, Throttle::new().others_per_second(20.0));

    let free = five_calls(&unthrottled, &UNLABELLED).await;
    let spaced = five_calls(&others, &UNLABELLED).await;

    assert!(
        free < Duration::from_secs(3),
        "not throttled at 1/s: {free:?}"
    );
    assert!(spaced >= Duration::from_millis(200), "{spaced:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_and_clients_share_one_budget() {
    let server = server().await;
    let throttle = Throttle::new().per_second("Heavy", 20.0);
    // Two clients given clones of one throttle share its budget.
    let first = client(&server, throttle.clone());
    let second = client(&server, throttle);

    let started = Instant::now();
    let calls: Vec<_> = (0..6)
        .map(|i| {
            let client = if i % 2 == 0 {
                first.clone()
            } else {
                second.clone()
            };
            tokio::spawn(async move {
                client
                    .send(&HEAVY, &[], &(), Body::empty())
                    .await
                    .map(|_| ())
            })
        })
        .collect();
    for call in calls {
        call.await.expect("no panic").expect("the call succeeds");
    }

    // Six calls at 20 per second: five gaps of 50 ms, whichever client sent them.
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 6);
}
