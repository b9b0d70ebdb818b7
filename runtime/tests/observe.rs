//! Observing what a server really sends: a client given an observer (or told by the
//! environment) records the shapes of the bodies it receives, per operation and status, and
//! writes them to a file that holds no value unless one was asked for.

mod support;

use std::time::Duration;

use postman_runtime::observe::Observations;
use postman_runtime::Observer;
use serde_json::json;
use support::{get_user_token, TestClient};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, observer: Option<Observer>) -> TestClient {
    TestClient::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token("secret-token")
        .retry(postman_runtime::RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .observe(observer)
        .build()
        .expect("valid")
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token": "zak-of-jo",
            "expires_in": 3600,
            "owner": {"email": "jo@example.com", "clusters": ["us01", "eu02"]}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users/nobody/token"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"code": 1001, "message": "no"})),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn calls_record_the_shapes_of_what_came_and_no_values() {
    let server = server().await;
    let folder = tempdir("shapes");
    let observer = Observer::to_directory("test-api", &folder).unwrap();
    let file = observer.file().unwrap().to_owned();
    let client = client(&server, Some(observer.clone()));
    for _ in 0..3 {
        get_user_token(&client, "me").await.expect("200");
    }
    get_user_token(&client, "nobody").await.expect_err("404");
    drop(client);
    drop(observer);

    let text = std::fs::read_to_string(&file).unwrap();
    for value in [
        "zak-of-jo",
        "jo@example.com",
        "us01",
        "3600",
        "secret-token",
    ] {
        assert!(!text.contains(value), "{value} is in the file:\n{text}");
    }
    let observed: Observations = serde_json::from_str(&text).unwrap();
    let token = &observed.operations["users::get_user_token"];
    let ok = &token["200"];
    assert_eq!(ok.count, 3);
    assert_eq!(ok.fields["expires_in"].kinds.integer, 3);
    let owner = &ok.fields["owner"];
    assert_eq!(owner.fields["email"].kinds.string, 3);
    let clusters = owner.fields["clusters"].items.as_deref().unwrap();
    assert_eq!(clusters.kinds.string, 6);
    assert_eq!(token["404"].fields["code"].kinds.integer, 1);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[tokio::test]
async fn values_are_kept_only_for_the_paths_asked_for() {
    let server = server().await;
    let observer = Observer::in_memory("test-api").record_values_of(["owner.clusters[]"]);
    let client = client(&server, Some(observer.clone()));
    get_user_token(&client, "me").await.expect("200");
    let observed = observer.observations();
    let owner = &observed.operations["users::get_user_token"]["200"].fields["owner"];
    let clusters = owner.fields["clusters"].items.as_deref().unwrap();
    let values = clusters.values.as_ref().unwrap();
    assert_eq!(values.keys().collect::<Vec<_>>(), ["eu02", "us01"]);
    assert!(owner.fields["email"].values.is_none());
}

#[tokio::test]
async fn without_an_observer_nothing_is_recorded() {
    let server = server().await;
    // `None` turns observing off whatever the environment says.
    let client = client(&server, None);
    get_user_token(&client, "me").await.expect("200");
    assert!(!format!("{client:?}").contains("Observer"));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("observe-{name}-{}", std::process::id()))
}

/// A long run of varied bodies: ids, emails, new member names on every body (as a map keyed
/// by ids would bring) and lists of every length. The file grows with the shapes, up to its
/// bounds, and no further; the counts go on.
#[test]
fn the_file_stays_bounded_over_a_long_run() {
    let folder = tempdir("long-run");
    let observer = Observer::to_directory("test-api", &folder).unwrap();
    let file = observer.file().unwrap().to_owned();
    let mut sizes = Vec::new();
    let started = std::time::Instant::now();
    let mut n: u64 = 0;
    for checkpoint in [1_000u64, 10_000, 50_000] {
        while n < checkpoint && started.elapsed() < Duration::from_secs(60) {
            let mut user = serde_json::Map::new();
            user.insert("id".into(), json!(format!("u-{n}")));
            user.insert("email".into(), json!(format!("user{n}@example.com")));
            user.insert(format!("field_{}", n % 5_000), json!(n));
            let items: Vec<_> = (0..n % 7).map(|i| json!({"seq": i})).collect();
            let body = json!({"users": [user], "items": items, "total": n});
            observer.record_body("users::list_users", 200, body.to_string().as_bytes());
            n += 1;
        }
        observer.flush().unwrap();
        let size = std::fs::metadata(&file).unwrap().len();
        eprintln!("{n} bodies: the file has {size} bytes");
        sizes.push(size);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("example.com") && !text.contains("u-1"),
        "no value is kept"
    );
    let observed: Observations = serde_json::from_str(&text).unwrap();
    assert_eq!(observed.operations["users::list_users"]["200"].count, n);
    // The distinct member names stop at the cap: after 10,000 bodies nothing new is kept.
    assert!(n >= 10_000, "too few bodies in the time: {n}");
    // Past the cap, only the counts' digits can grow: five times the bodies add less than
    // 2% (a digit more in the counts of the 256 member names kept).
    assert!(sizes[2] * 100 < sizes[1] * 102, "the file grew: {sizes:?}");
    std::fs::remove_dir_all(&folder).unwrap();
}
