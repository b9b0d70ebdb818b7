//! The user agent of the zoom bindings. That the runtime sends an API's default user agent
//! is tested in the runtime's own tests; here, that zoom's default names this crate.

use serde_json::json;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_default_user_agent_names_the_crate() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("user-agent", user_agent()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "zak"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = zoom::Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .build()
        .expect("valid");

    zoom::users::get_a_user_token(&client, "me", &Default::default())
        .await
        .expect("the default user agent is sent");
    assert!(user_agent().starts_with("zoom/"));
}

/// The user agent Zoom's API defaults give: the crate's name and version.
fn user_agent() -> &'static str {
    <zoom::Api as postman_runtime::Api>::DEFAULTS.user_agent
}
