//! What the runtime's behaviour tests share: a small API of their own, written by hand the
//! way generated bindings declare one (an `Api` type with its defaults, constant
//! `Operation`s, request and response types with serde derives, and functions that send
//! them with `Client::send`), so that the runtime is tested without any generated code;
//! and the loopback file server of the download tests.

#![allow(dead_code)] // Each test file uses its own part of this.

pub mod file_server;

use std::time::Duration;

use postman_runtime::{
    Api, ApiDefaults, AuthScheme, Body, Client, Error, OAuthApp, Operation, Pages, RawResponse,
    Response, RetryPolicy,
};
use serde::{Deserialize, Serialize};

/// The API of the tests. Its name and user agent differ from the runtime's defaults, so that
/// a test can tell that a client of this API starts from this API's defaults; its base URL
/// lets a client be built without one, as clients of generated bindings are (the tests that
/// send requests give a loopback one).
pub enum TestApi {}

impl Api for TestApi {
    const DEFAULTS: ApiDefaults = ApiDefaults::NONE
        .named("test-api")
        .base_url(Some("https://api.example.com/v2"))
        .user_agent("test-api-bindings/1.0");
}

pub type TestClient = Client<TestApi>;
pub type TestOAuthApp = OAuthApp<TestApi>;

/// A GET with one path parameter and a rate limit label.
pub const GET_USER_TOKEN: Operation = Operation {
    id: "users::get_user_token",
    method: "GET",
    path_template: "/users/{userId}/token",
    path: &["/users/", "/token"],
    headers: &[],
    rate_limit: Some("Light"),
    host: None,
    auth: AuthScheme::Any,
};

/// A POST: not idempotent, so retried only when it certainly was not received.
pub const CREATE_MEETING: Operation = Operation {
    id: "meetings::create_meeting",
    method: "POST",
    path_template: "/users/{userId}/meetings",
    path: &["/users/", "/meetings"],
    headers: &[],
    rate_limit: Some("Medium"),
    host: None,
    auth: AuthScheme::Any,
};

/// A list operation paginated by `next_page_token`.
pub const LIST_USERS: Operation = Operation {
    id: "users::list_users",
    method: "GET",
    path_template: "/users",
    path: &["/users"],
    headers: &[],
    rate_limit: Some("Medium"),
    host: None,
    auth: AuthScheme::Any,
};

/// The query of [`GET_USER_TOKEN`]; `None` fields are left out of the query string.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TokenQuery {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub ttl: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UserToken {
    pub token: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewMeeting {
    pub topic: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ListUsersQuery {
    pub page_size: Option<i64>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UsersPage {
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub users: Vec<User>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    pub id: Option<String>,
    pub email: Option<String>,
}

/// `GET /users/{userId}/token` with an empty query, decoded.
pub async fn get_user_token<A>(
    client: &Client<A>,
    user_id: &str,
) -> Result<Response<UserToken>, Error> {
    client
        .send(
            &GET_USER_TOKEN,
            &[user_id],
            &TokenQuery::default(),
            Body::empty(),
        )
        .await?
        .json()
}

/// `POST /users/me/meetings` with a JSON body, undecoded.
pub async fn create_meeting<A>(client: &Client<A>) -> Result<RawResponse, Error> {
    let meeting = NewMeeting {
        topic: "Weekly sync".to_owned(),
    };
    client
        .send(&CREATE_MEETING, &["me"], &(), Body::json(&meeting))
        .await
}

pub async fn list_users<A>(
    client: &Client<A>,
    query: &ListUsersQuery,
) -> Result<Response<UsersPage>, Error> {
    client
        .send(&LIST_USERS, &[], query, Body::empty())
        .await?
        .json()
}

/// Every user of every page, as generated bindings walk a `next_page_token` list: an
/// absent or empty token ends the walk.
pub fn list_users_stream<'a, A: Send + Sync>(
    client: &'a Client<A>,
    query: &ListUsersQuery,
) -> Pages<'a, User> {
    Pages::new(
        query.clone(),
        move |query: ListUsersQuery| async move { list_users(client, &query).await },
        |query: &mut ListUsersQuery, token: String| query.next_page_token = Some(token),
        |page: UsersPage| {
            let next = page.next_page_token.filter(|token| !token.is_empty());
            (page.users, next)
        },
    )
}

/// Short waits, so that the suite stays fast.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_elapsed(Duration::from_secs(10))
}

/// A client with a static token and quick retries, for the server at `base`.
pub fn client(base: &str) -> TestClient {
    TestClient::builder()
        .base_url(format!("{base}/v2"))
        .bearer_token("secret-token")
        .retry(quick_retries())
        .build()
        .expect("a loopback configuration is valid")
}
