//! Paginated list operations walk every page through `next_page_token`, with `Pages`
//! driving a hand-written page fetch as generated bindings drive theirs.

mod support;

use serde_json::json;
use support::{list_users_stream, ListUsersQuery, TestClient};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(ids: &[&str], next: &str) -> ResponseTemplate {
    let users: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "email": format!("{id}@example.com")}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "page_size": 2,
        "total_records": 5,
        "next_page_token": next,
        "users": users,
    }))
}

async fn client(server: &MockServer) -> TestClient {
    TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("token")
        .build()
        .expect("a loopback base URL is valid")
}

#[tokio::test]
async fn a_stream_walks_three_pages_by_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users"))
        .and(query_param_is_missing("next_page_token"))
        .respond_with(page(&["u1", "u2"], "second"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users"))
        .and(query_param("next_page_token", "second"))
        .respond_with(page(&["u3", "u4"], "third"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users"))
        .and(query_param("next_page_token", "third"))
        .respond_with(page(&["u5"], ""))
        .expect(1)
        .mount(&server)
        .await;

    let query = ListUsersQuery {
        page_size: Some(2),
        ..Default::default()
    };
    let users = list_users_stream(&client(&server).await, &query)
        .collect()
        .await
        .expect("every page loads");

    let ids: Vec<_> = users.iter().filter_map(|u| u.id.as_deref()).collect();
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"]);
    for request in server.received_requests().await.expect("recording is on") {
        let pairs: Vec<_> = request.url.query_pairs().collect();
        assert!(
            pairs.iter().any(|(k, v)| k == "page_size" && v == "2"),
            "{pairs:?}"
        );
    }
}

#[tokio::test]
async fn an_error_on_a_later_page_is_returned_after_the_items_before_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("next_page_token"))
        .respond_with(page(&["u1"], "second"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("next_page_token", "second"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 124, "message": "Invalid access token."})),
        )
        .mount(&server)
        .await;

    let client = client(&server).await;
    let mut users = list_users_stream(&client, &ListUsersQuery::default());
    let first = users
        .next()
        .await
        .expect("an item")
        .expect("the first page loads");
    assert_eq!(first.id.as_deref(), Some("u1"));
    let error = users
        .next()
        .await
        .expect("an error")
        .expect_err("page two fails");
    assert_eq!(error.api().and_then(|e| e.code()), Some(124));
    assert!(users.next().await.is_none());
}
