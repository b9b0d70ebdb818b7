//! The bindings of the `multi_host` golden against the runtime's mock: the upload that its
//! collection sends to `files.stripe.com` arrives at the host the builder names for it, with
//! the client's credentials, and a client pointed at one mock sends it every host's requests.

use postman_goldens::multi_host::{self, connect, customers, files, Client};
use postman_runtime::mock::MockServer;
use postman_runtime::{Error, Multipart};

async fn mock() -> MockServer {
    MockServer::start(&multi_host::mock::MOCK_API)
        .await
        .expect("the mock starts on loopback")
}

fn paths(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect()
}

#[tokio::test]
async fn the_upload_arrives_at_the_files_host_and_the_rest_at_the_base_url() {
    let api = mock().await;
    let files_host = mock().await;
    let client = Client::builder()
        .base_url(api.base_url())
        .host("files.stripe.com", files_host.base_url())
        .bearer_token("sk_test_1")
        .build()
        .expect("loopback URLs");

    let file = files::create_a_file(&client, Multipart::new().text("purpose", "identity"))
        .await
        .expect("the files host answers");
    assert_eq!(file.id.as_deref(), Some("file_1"));
    customers::list_all_customers(&client)
        .await
        .expect("the base URL answers");

    assert_eq!(paths(&files_host), ["POST /v1/files"]);
    assert_eq!(paths(&api), ["GET /v1/customers"]);
    let upload = &files_host.received_requests()[0];
    assert_eq!(upload.headers["authorization"], "Bearer sk_test_1");
}

#[tokio::test]
async fn a_client_of_one_mock_sends_it_every_hosts_requests() {
    let server = mock().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .build()
        .expect("a loopback URL");
    files::create_a_file(&client, Multipart::new().text("purpose", "identity"))
        .await
        .expect("the mock serves the files host's routes");
    connect::get_a_token(&client)
        .await
        .expect("and those of a host the collection gives no URL");
    files::list_all_files(&client).await.expect("and its own");
    assert_eq!(
        paths(&server),
        ["POST /v1/files", "POST /oauth/token", "GET /v1/files"]
    );
}

#[tokio::test]
async fn with_the_default_base_url_a_host_without_url_must_be_given_one() {
    let client = Client::builder().build().expect("the defaults");
    let shown = format!("{client:?}");
    assert!(shown.contains("https://files.stripe.com"), "{shown}");
    let error = connect::get_a_token(&client)
        .await
        .expect_err("connectServer has no URL");
    assert!(
        matches!(&error, Error::Config(text) if text.contains("connectServer")),
        "{error}"
    );
}
