//! The zoom mock behaves like the API where a test needs it to: lists page and end, unknown
//! ids and error headers get the documented errors, requests are recorded with their
//! bodies, files are small unless asked otherwise, and answers can be slowed down.

use std::time::{Duration, Instant};

use zoom::mock::{MockServer, DEFAULT_FILE_SIZE};
use zoom::users::{ListUsersQuery, ListWebinarsQuery};

fn client(server: &MockServer) -> zoom::Client {
    zoom::Client::builder()
        .base_url(server.base_url())
        .bearer_token("mock")
        .build()
        .expect("the mock's base URL is valid")
}

/// The query pairs of every request the mock received on `path`, in order.
fn queries(server: &MockServer, path: &str) -> Vec<Vec<(String, String)>> {
    server
        .received_requests()
        .iter()
        .filter(|request| request.path == path)
        .map(|request| request.query_pairs())
        .collect()
}

fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

#[tokio::test]
async fn a_token_paged_list_ends_after_its_items() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = client(&server);
    let query = ListUsersQuery {
        page_size: Some(300),
        ..Default::default()
    };
    let users = tokio::time::timeout(
        Duration::from_secs(10),
        zoom::users::list_users_stream(&client, &query).collect(),
    )
    .await
    .expect("the walk ends")
    .expect("every page is served");
    let ids: Vec<_> = users.iter().map(|user| user.id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            Some("KDcuGIm1QgePTO8WbOqwIQ"),
            Some("x7HfQ2pLSmKd9VtR0cWbYA"),
            Some("bN4sE1uJTq2oZ8gYhKxMvw")
        ]
    );
    // The items, then the last page, asked for with the token the first one gave.
    let sent = queries(&server, "/v2/users");
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0], [pair("page_size", "300")]);
    assert_eq!(
        sent[1],
        [
            pair("page_size", "300"),
            pair("next_page_token", "Pt4vX9qLm2RsWz7YkB3nJc8HdA5eGf1T")
        ]
    );
}

#[tokio::test]
async fn the_page_size_is_honoured() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = client(&server);
    let query = ListUsersQuery {
        page_size: Some(2),
        ..Default::default()
    };
    let first = zoom::users::list_users(&client, &query)
        .await
        .expect("a page");
    assert_eq!(first.users.as_ref().map(Vec::len), Some(2));
    let users = zoom::users::list_users_stream(&client, &query)
        .collect()
        .await
        .expect("every page is served");
    assert_eq!(users.len(), 3);
    // Two users, one user, the empty last page.
    let sent = queries(&server, "/v2/users");
    assert_eq!(sent.len(), 1 + 3, "{sent:?}");
    let tokens: Vec<_> = sent[1..]
        .iter()
        .map(|query| {
            query
                .iter()
                .find(|(key, _)| key == "next_page_token")
                .map(|(_, value)| value.clone())
        })
        .collect();
    assert_eq!(
        tokens,
        [
            None,
            Some("Pt4vX9qLm2RsWz7YkB3nJc8HdA5eGf1T".to_owned()),
            Some("mock-page-from-3".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_list_paged_by_number_counts_up_to_its_last_page() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = client(&server);
    let query = ListWebinarsQuery {
        page_size: Some(1),
        ..Default::default()
    };
    let first = zoom::users::list_webinars(&client, "me", &query)
        .await
        .expect("a page");
    let items = first.webinars.as_ref().map(Vec::len).unwrap_or_default();
    assert_eq!(items, 1);
    let pages = first.page_count.expect("a page count");
    assert!(pages >= 2, "the items and the last page: {pages}");
    let webinars = zoom::users::list_webinars_stream(&client, "me", &query)
        .collect()
        .await
        .expect("every page is served");
    assert_eq!(webinars.len() as i64, pages - 1);
    let last = ListWebinarsQuery {
        page_size: Some(1),
        page_number: Some(pages),
    };
    let last = zoom::users::list_webinars(&client, "me", &last)
        .await
        .expect("the last page");
    assert_eq!(last.page_number, last.page_count);
    assert_eq!(last.webinars.as_ref().map(Vec::len), Some(0));
}

#[tokio::test]
async fn paging_can_be_turned_off_to_serve_the_examples_as_they_are() {
    let options = zoom::mock::options().paging(false);
    let server = zoom::mock::start_with(options)
        .await
        .expect("the mock starts");
    let client = client(&server);
    let query = ListUsersQuery {
        page_size: Some(1),
        next_page_token: Some("anything".to_owned()),
        ..Default::default()
    };
    let page = zoom::users::list_users(&client, &query)
        .await
        .expect("the example");
    assert_eq!(page.users.as_ref().map(Vec::len), Some(3));
    assert_eq!(
        page.next_page_token.as_deref(),
        Some("Pt4vX9qLm2RsWz7YkB3nJc8HdA5eGf1T")
    );
}

#[tokio::test]
async fn a_token_the_mock_did_not_hand_out_is_refused() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let query = ListUsersQuery {
        next_page_token: Some("made-up".to_owned()),
        ..Default::default()
    };
    let error = zoom::users::list_users(&client(&server), &query)
        .await
        .expect_err("an unknown token");
    let api = error.api().expect("an API error");
    assert_eq!(api.status(), 400);
    assert!(
        api.message().unwrap_or_default().contains("\"made-up\""),
        "{error}"
    );
}

#[tokio::test]
async fn ids_the_collection_does_not_know_get_the_404_example() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = client(&server);
    for known in ["me", "KDcuGIm1QgePTO8WbOqwIQ", "bN4sE1uJTq2oZ8gYhKxMvw"] {
        let user = zoom::users::get_a_user(&client, known, &Default::default())
            .await
            .unwrap_or_else(|error| panic!("{known}: {error}"));
        assert_eq!(zoom::Response::status(&user), 200);
    }
    let error = zoom::users::get_a_user(&client, "nobody@example.com", &Default::default())
        .await
        .expect_err("an unknown user");
    let api = error.api().expect("an API error");
    assert_eq!((api.status().as_u16(), api.code()), (404, Some(1001)));
    // A meeting id the collection does not have, in a path with a literal after it.
    let error = zoom::meetings::get_meeting_recordings(&client, "1", &Default::default())
        .await
        .expect_err("an unknown meeting");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    // A header asking for an example wins over the id.
    let asked = client.with_options(zoom::CallOptions::new().header("x-mock-response-code", "200"));
    zoom::users::get_a_user(&asked, "nobody", &Default::default())
        .await
        .expect("the asked-for example");
}

#[tokio::test]
async fn error_examples_are_served_on_request() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = client(&server);
    let by_code =
        client.with_options(zoom::CallOptions::new().header("x-mock-response-code", "400"));
    let error = zoom::users::get_a_user(&by_code, "me", &Default::default())
        .await
        .expect_err("the 400 example");
    let api = error.api().expect("an API error");
    assert_eq!((api.status().as_u16(), api.code()), (400, Some(1120)));

    let missing =
        client.with_options(zoom::CallOptions::new().header("x-mock-response-code", "418"));
    let error = zoom::users::get_a_user(&missing, "me", &Default::default())
        .await
        .expect_err("no such example");
    let message = error
        .api()
        .and_then(|api| api.message())
        .unwrap_or_default();
    assert!(
        message.contains("no example response of the requested kind"),
        "{message}"
    );
}

#[tokio::test]
async fn requests_are_recorded_with_their_bodies() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let body = zoom::users::CreateAMeetingBody {
        topic: Some("Planning".to_owned()),
        duration: Some(45),
        ..Default::default()
    };
    zoom::users::create_a_meeting(&client(&server), "me", &body)
        .await
        .expect("the example is served");
    let sent = server.received_requests().pop().expect("recorded");
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/v2/users/me/meetings")
    );
    let json: serde_json::Value = sent.json().expect("a JSON body");
    assert_eq!(
        json,
        serde_json::json!({"topic": "Planning", "duration": 45})
    );
    assert_eq!(sent.text(), Some(json.to_string().as_str()));

    // A body the mock cannot read as JSON is still kept, byte for byte.
    reqwest::Client::new()
        .post(format!("{}/users/me/meetings", server.base_url()))
        .body(vec![0xff, 0x00, b'x'])
        .send()
        .await
        .expect("the mock answers");
    let raw = server.received_requests().pop().expect("recorded");
    assert_eq!(&raw.body[..], [0xff, 0x00, b'x']);
    assert_eq!(raw.text(), None);
    assert!(raw.json::<serde_json::Value>().is_err());
}

#[tokio::test]
async fn recorded_secrets_stay_out_of_debug_output() {
    let server = zoom::mock::start().await.expect("the mock starts");
    reqwest::Client::new()
        .post(server.token_url())
        .header("authorization", "Basic c2VjcmV0LWNsaWVudDpzZWNyZXQ=")
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "secret-refresh"),
        ])
        .send()
        .await
        .expect("the mock answers");
    let sent = server.received_requests().pop().expect("recorded");
    assert!(sent.text().unwrap_or_default().contains("secret-refresh"));
    let debug = format!("{sent:?}");
    assert!(!debug.contains("secret-refresh"), "{debug}");
    assert!(!debug.contains("c2VjcmV0"), "{debug}");
    assert!(
        debug.contains(&format!("{} bytes", sent.body.len())),
        "{debug}"
    );
}

/// The CHAT file of the first meeting of `users::list_all_recordings`: its URL on the mock
/// and the size the example says it has.
async fn chat_file(server: &MockServer, client: &zoom::Client) -> (String, u64) {
    let page = zoom::users::list_all_recordings(client, "me", &Default::default())
        .await
        .expect("the example is served");
    let file = page
        .meetings
        .iter()
        .flatten()
        .flat_map(|meeting| meeting.recording_files.iter().flatten())
        .find(|file| file.file_type.as_deref() == Some("CHAT"))
        .expect("a chat file");
    let url = server
        .url_for(file.download_url.as_deref().expect("a URL"))
        .expect("an absolute URL");
    (url, file.file_size.expect("a size") as u64)
}

#[tokio::test]
async fn files_are_small_unless_asked_otherwise() {
    let cases = [
        (zoom::mock::options(), DEFAULT_FILE_SIZE),
        (zoom::mock::options().file_size(10_000), 10_000),
        // The size the collection gives this chat file.
        (zoom::mock::options().example_file_sizes(), 4821),
    ];
    for (options, size) in cases {
        let server = zoom::mock::start_with(options)
            .await
            .expect("the mock starts");
        let client = client(&server);
        let (url, announced) = chat_file(&server, &client).await;
        assert_eq!(announced, size, "the example says the served size");
        let mut content = Vec::new();
        let done = client
            .download(&url)
            .expected_size(announced)
            .to_writer(&mut content)
            .await
            .expect("the file is served");
        assert_eq!((done.size, content.len() as u64), (size, size));
    }
}

#[tokio::test]
async fn a_latency_makes_a_client_timeout_fire() {
    let options = zoom::mock::options().latency(Duration::from_millis(400));
    let server = zoom::mock::start_with(options)
        .await
        .expect("the mock starts");
    let impatient = zoom::Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_millis(100))
        .retry(zoom::RetryPolicy::none())
        .build()
        .expect("valid");
    let started = Instant::now();
    let error = zoom::users::get_a_user(&impatient, "me", &Default::default())
        .await
        .expect_err("the answer comes too late");
    assert!(error.is_timeout(), "{error}");
    assert!(
        started.elapsed() < Duration::from_millis(390),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        server.received_requests().len(),
        1,
        "recorded before the wait"
    );

    let patient = client(&server);
    let started = Instant::now();
    zoom::users::get_a_user(&patient, "me", &Default::default())
        .await
        .expect("answered after the latency");
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn answers_can_carry_more_than_the_collection_shows() {
    let options = zoom::mock::options().rewrite("users::list_users", |body| {
        for user in body["users"].as_array_mut().into_iter().flatten() {
            user["cluster"] = serde_json::json!("us05");
            user["pmi"] = serde_json::json!("not a number");
        }
    });
    let server = zoom::mock::start_with(options)
        .await
        .expect("the mock starts");
    let client = client(&server);
    let page = zoom::users::list_users(&client, &ListUsersQuery::default())
        .await
        .expect("a page");
    let user = &page.users.as_ref().expect("users")[0];
    assert_eq!(
        user.extra_fields.get("cluster"),
        Some(serde_json::json!("us05"))
    );
    // Another list's answers are as the collection has them.
    let webinars = zoom::users::list_webinars(&client, "me", &ListWebinarsQuery::default())
        .await
        .expect("a page");
    assert!(webinars.extra_fields.get("cluster").is_none());
}
