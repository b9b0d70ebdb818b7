//! Operations that go to another host than the base URL, the credentials each operation is
//! sent with (bearer, basic, an API key in a header or the query, none for `noauth`), and
//! redirects: one to another host (another loopback port counts as another origin) arrives
//! there with no credential of any kind.

use std::time::Duration;

use postman_runtime::{
    Api, ApiDefaults, ApiKey, AuthScheme, Body, Client, ClientBuilder, Error, Host, Operation,
    RawResponse, RetryPolicy,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// An API with a second host, like Stripe's `files.stripe.com`, and an API key in a header.
enum FilesApi {}

impl Api for FilesApi {
    const DEFAULTS: ApiDefaults = ApiDefaults::NONE
        .named("files-api")
        .base_url(Some("https://api.example.com"))
        .hosts(&[
            Host {
                name: "files.example.com",
                url: Some("https://files.example.com"),
            },
            Host {
                name: "authServer",
                url: None,
            },
        ])
        .api_key(Some(ApiKey::header("X-Api-Key")));
}

const fn op(id: &'static str, path: &'static [&'static str], auth: AuthScheme) -> Operation {
    Operation {
        id,
        method: "GET",
        path_template: "/v1/things",
        path,
        headers: &[],
        rate_limit: None,
        host: None,
        auth,
    }
}

const PING: Operation = op("ping", &["/v1/ping"], AuthScheme::Any);
const UPLOAD: Operation = Operation {
    method: "POST",
    host: Some("files.example.com"),
    ..op("files::create_a_file", &["/v1/files"], AuthScheme::Any)
};
const LOGIN: Operation = Operation {
    host: Some("authServer"),
    ..op("auth::login", &["/oauth/login"], AuthScheme::Any)
};
const PUBLIC: Operation = op("public", &["/v1/public"], AuthScheme::NoAuth);
const BASIC_ONLY: Operation = op("basic_only", &["/v1/basic"], AuthScheme::Basic);
const BEARER_ONLY: Operation = op("bearer_only", &["/v1/bearer"], AuthScheme::Bearer);
const KEY_IN_QUERY: Operation = op(
    "key_in_query",
    &["/v1/query"],
    AuthScheme::ApiKey(ApiKey::query("api_key")),
);
const SIGNED: Operation = op("signed", &["/v1/signed"], AuthScheme::Unsupported("awsv4"));

fn builder(base: &str) -> ClientBuilder<FilesApi> {
    Client::<FilesApi>::builder()
        .base_url(base)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
}

async fn send(client: &Client<FilesApi>, operation: &Operation) -> Result<RawResponse, Error> {
    client.send(operation, &[], &(), Body::empty()).await
}

async fn ok(server: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(server)
        .await;
}

async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 1, "{received:?}");
    received.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// What a request carries of any credential: `Authorization`, `X-Api-Key`, `api_key` in
/// the query.
fn credentials_of(request: &Request) -> Vec<String> {
    let mut found = Vec::new();
    for name in ["authorization", "x-api-key", "cookie"] {
        if let Some(value) = header(request, name) {
            found.push(format!("{name}: {value}"));
        }
    }
    for (key, value) in request.url.query_pairs() {
        if key == "api_key" {
            found.push(format!("?{key}={value}"));
        }
    }
    found
}

#[tokio::test]
async fn an_operation_of_another_host_goes_there_and_the_others_to_the_base() {
    let api = MockServer::start().await;
    let files = MockServer::start().await;
    ok(&api).await;
    ok(&files).await;
    let client = builder(&api.uri())
        .host("files.example.com", files.uri())
        .bearer_token("t")
        .build()
        .unwrap();

    send(&client, &UPLOAD)
        .await
        .expect("sent to the files host");
    let upload = only_request(&files).await;
    assert_eq!(upload.url.path(), "/v1/files");
    assert_eq!(upload.method.as_str(), "POST");
    assert_eq!(header(&upload, "authorization"), Some("Bearer t"));

    send(&client, &PING).await.expect("sent to the base URL");
    assert_eq!(only_request(&api).await.url.path(), "/v1/ping");
}

#[tokio::test]
async fn hosts_follow_a_base_url_other_than_the_default() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = builder(&format!("{}/prefix/", server.uri()))
        .build()
        .unwrap();
    send(&client, &UPLOAD)
        .await
        .expect("the test server takes it");
    send(&client, &LOGIN).await.expect("a host with no URL too");
    let received = server.received_requests().await.unwrap();
    let paths: Vec<&str> = received.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/prefix/v1/files", "/prefix/oauth/login"]);
}

#[tokio::test]
async fn with_the_default_base_url_a_host_keeps_its_own_and_one_without_url_is_refused() {
    let client = Client::<FilesApi>::builder().build().unwrap();
    let debug = format!("{client:?}");
    assert!(debug.contains("https://files.example.com"), "{debug}");
    let error = send(&client, &LOGIN)
        .await
        .expect_err("no URL for authServer");
    assert!(
        matches!(&error, Error::Config(reason) if reason.contains("ClientBuilder::host(\"authServer\"")),
        "{error}"
    );
}

#[test]
fn a_host_the_api_does_not_declare_is_refused() {
    let error = builder("https://api.example.com")
        .host("files.example.org", "https://files.example.org")
        .build()
        .expect_err("a misspelt host");
    let text = error.to_string();
    assert!(
        text.contains("files.example.org") && text.contains("files.example.com, authServer"),
        "{text}"
    );
    assert!(
        builder("https://api.example.com")
            .host("files.example.com", "http://files.example.com")
            .build()
            .is_err(),
        "plain http to another host than loopback is refused as for the base URL"
    );
}

#[tokio::test]
async fn basic_auth_is_sent_as_rfc_7617_says() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = builder(&server.uri())
        .basic_auth("Aladdin", "open sesame")
        .build()
        .unwrap();
    send(&client, &BASIC_ONLY).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert!(builder(&server.uri())
        .basic_auth("a:b", "c")
        .build()
        .is_err());
}

#[tokio::test]
async fn the_api_key_goes_where_the_collection_declares_it() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = builder(&server.uri()).api_key("k-123").build().unwrap();
    // The API's declared header.
    send(&client, &PING).await.unwrap();
    // The operation's own declaration: the query.
    send(&client, &KEY_IN_QUERY).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(credentials_of(&received[0]), ["x-api-key: k-123"]);
    assert_eq!(credentials_of(&received[1]), ["?api_key=k-123"]);
    assert_eq!(received[1].url.query(), Some("api_key=k-123"));
}

#[tokio::test]
async fn an_api_key_placed_by_the_user_goes_there() {
    let server = MockServer::start().await;
    ok(&server).await;
    let in_query = builder(&server.uri())
        .api_key_in_query("api_key", "q&1")
        .build()
        .unwrap();
    in_query
        .send(&PING, &[], &serde_json::json!({"a": "1"}), Body::empty())
        .await
        .unwrap();
    let in_header = builder(&server.uri())
        .api_key_in_header("X-Api-Key", "h-1")
        .build()
        .unwrap();
    send(&in_header, &KEY_IN_QUERY).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.query(), Some("a=1&api_key=q%261"));
    assert_eq!(header(&received[0], "x-api-key"), None);
    assert_eq!(credentials_of(&received[1]), ["x-api-key: h-1"]);

    // An API that declares no place for a key: the user must name one.
    let error = Client::<postman_runtime::AnyApi>::builder()
        .base_url(server.uri())
        .api_key("k")
        .build()
        .expect_err("no place for the key");
    assert!(error.to_string().contains("api_key_in_header"), "{error}");
}

#[tokio::test]
async fn a_noauth_operation_sends_no_credentials_at_all() {
    let server = MockServer::start().await;
    ok(&server).await;
    for client in [
        builder(&server.uri()).bearer_token("t").api_key("k"),
        builder(&server.uri()).basic_auth("u", "p"),
        builder(&server.uri()).api_key_in_query("api_key", "k"),
    ] {
        send(&client.build().unwrap(), &PUBLIC).await.unwrap();
    }
    for request in server.received_requests().await.unwrap() {
        assert_eq!(credentials_of(&request), Vec::<String>::new());
    }
}

#[tokio::test]
async fn an_unsupported_scheme_gets_none_of_the_clients_credentials() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = builder(&server.uri()).bearer_token("t").build().unwrap();
    send(&client, &SIGNED).await.unwrap();
    assert_eq!(
        credentials_of(&only_request(&server).await),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn an_operation_whose_scheme_the_client_lacks_fails_before_sending() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = builder(&server.uri())
        .bearer_token("token-secret")
        .build()
        .unwrap();
    let error = send(&client, &BASIC_ONLY)
        .await
        .expect_err("basic is not configured");
    assert!(
        matches!(&error, Error::Config(text) if text.contains("basic_auth")),
        "{error}"
    );
    let client = builder(&server.uri()).basic_auth("u", "p").build().unwrap();
    let error = send(&client, &BEARER_ONLY).await.expect_err("no token");
    assert!(!format!("{error} {error:?}").contains("token-secret"));
    assert!(server.received_requests().await.unwrap().is_empty());
    // A client with no credentials sends the operation without, as asked.
    let bare = builder(&server.uri()).build().unwrap();
    send(&bare, &BASIC_ONLY).await.unwrap();
}

/// Each way the client carries a credential, and what the first host must see of it.
fn credentialed(base: &str) -> Vec<(ClientBuilder<FilesApi>, &'static str)> {
    vec![
        (
            builder(base).bearer_token("b-secret"),
            "authorization: Bearer b-secret",
        ),
        (
            builder(base).basic_auth("user", "p-secret"),
            "authorization: Basic dXNlcjpwLXNlY3JldA==",
        ),
        (builder(base).api_key("k-secret"), "x-api-key: k-secret"),
        (
            builder(base).default_header("X-Api-Key", "d-secret"),
            "x-api-key: d-secret",
        ),
        (
            builder(base).api_key_in_query("api_key", "q-secret"),
            "?api_key=q-secret",
        ),
    ]
}

#[tokio::test]
async fn a_redirect_to_another_host_arrives_without_any_credential() {
    for index in 0..credentialed("http://127.0.0.1:1").len() {
        let api = MockServer::start().await;
        let elsewhere = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/ping"))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("Location", format!("{}/landing?x=1", elsewhere.uri())),
            )
            .mount(&api)
            .await;
        ok(&elsewhere).await;
        let (builder, sent) = credentialed(&api.uri()).swap_remove(index);
        let client = builder.build().unwrap();
        send(&client, &PING)
            .await
            .expect("the redirect is followed");
        assert_eq!(credentials_of(&only_request(&api).await), [sent]);
        let landed = only_request(&elsewhere).await;
        assert_eq!(landed.url.path(), "/landing");
        assert_eq!(landed.url.query(), Some("x=1"));
        assert_eq!(credentials_of(&landed), Vec::<String>::new(), "{sent}");
    }
}

#[tokio::test]
async fn a_redirect_within_the_host_keeps_the_credentials_and_a_post_becomes_a_get() {
    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .respond_with(ResponseTemplate::new(303).insert_header("Location", "/v1/files/1"))
        .mount(&api)
        .await;
    ok(&api).await;
    let client = builder(&api.uri())
        .host("files.example.com", api.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    client
        .send(&UPLOAD, &[], &(), Body::bytes("text/plain", b"x".to_vec()))
        .await
        .unwrap();
    let received = api.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    let followed = &received[1];
    assert_eq!(followed.method.as_str(), "GET");
    assert_eq!(followed.url.path(), "/v1/files/1");
    assert_eq!(header(followed, "authorization"), Some("Bearer t"));
    assert_eq!(header(followed, "content-type"), None);
    assert!(followed.body.is_empty());
}

#[test]
fn no_secret_shows_in_debug_output() {
    let builder = builder("https://api.example.com")
        .basic_auth("user", "basic-secret")
        .api_key("key-secret")
        .bearer_token("bearer-secret");
    let client = builder
        .api_key_in_query("api_key", "query-secret")
        .build()
        .unwrap();
    let shown = format!(
        "{:?} {client:?}",
        Client::<FilesApi>::builder()
            .basic_auth("user", "basic-secret")
            .api_key("key-secret")
    );
    for secret in [
        "basic-secret",
        "key-secret",
        "bearer-secret",
        "query-secret",
    ] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("user"), "{shown}");
}
