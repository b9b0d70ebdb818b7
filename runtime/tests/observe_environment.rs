//! A client observes when the environment says so, with no change to the code that builds
//! it: `<API>_OBSERVE` names the folder, `<API>_OBSERVE_VALUES` the paths kept with their
//! values. (A file of its own: the variables are the process's.)

mod support;

use postman_runtime::observe::Observations;
use serde_json::json;
use support::{get_user_token, TestClient};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_environment_turns_observing_on() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": "t", "status": "active"})),
        )
        .mount(&server)
        .await;
    let folder = std::env::temp_dir().join(format!("observe-env-{}", std::process::id()));
    // The test API is named "test-api": its variables are TEST_API_OBSERVE and
    // TEST_API_OBSERVE_VALUES.
    std::env::set_var("TEST_API_OBSERVE", &folder);
    std::env::set_var("TEST_API_OBSERVE_VALUES", "status");
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("secret-token")
        .build()
        .expect("valid");
    std::env::remove_var("TEST_API_OBSERVE");
    std::env::remove_var("TEST_API_OBSERVE_VALUES");
    get_user_token(&client, "me").await.expect("200");
    drop(client);

    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("test-api-") && name.ends_with(".observations.json"),
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let observed: Observations = serde_json::from_str(&text).unwrap();
    let root = &observed.operations["users::get_user_token"]["200"];
    assert_eq!(root.fields["status"].values.as_ref().unwrap()["active"], 1);
    assert!(root.fields["token"].values.is_none());
    assert!(!text.contains("\"t\""));
    std::fs::remove_dir_all(&folder).unwrap();
}
