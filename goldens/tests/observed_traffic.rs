//! The first link of learning, with the real runtime: the `learned_fields` golden's
//! observation file is what a client of its bindings records from a server's answers. The
//! golden test of the generator then learns the overlay from that file and generates the
//! code from it, which this crate compiles and `learned_fields.rs` decodes the same answers
//! with. So a change anywhere from the runtime's recording to the generated types shows.
//!
//! `UPDATE_GOLDEN=1 cargo test -p postman-goldens --test observed_traffic` rewrites the file.

use std::path::Path;

use postman_goldens::learned_fields::{docks, Client};
use postman_runtime::{AuthScheme, Body, Observer, Operation};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../codegen/tests/golden/learned_fields/observations.json"
);

/// Three pages of docks with fields and kinds the collection's example lacks.
fn pages() -> [Value; 3] {
    [
        json!({"page_size": 30, "docks": [
            {"id": "d-3", "bikes": "4", "status": "closed", "capacity": 12,
             "tags": ["shade", "repair"], "location": {"lat": 52.52, "lon": 13.405},
             "sponsor": "Acme"},
            {"id": "d-4", "bikes": 7, "status": "open", "capacity": 10, "tags": [],
             "sponsor": null}
        ]}),
        json!({"page_size": 30, "docks": [
            {"id": "d-5", "bikes": 2, "status": "open", "capacity": 8, "tags": ["shade"],
             "location": {"lat": 52.5, "lon": 13.4}, "sponsor": "Acme"},
            {"id": "d-6", "bikes": "0", "status": "open", "capacity": 6,
             "tags": ["repair", "ramp"], "location": {"lat": 52.49, "lon": 13.41},
             "sponsor": null}
        ]}),
        json!({"page_size": 30, "docks": [
            {"id": "d-7", "bikes": 5, "status": "open", "capacity": 12,
             "tags": ["shade", "ramp"], "location": {"lat": 52.51, "lon": 13.39},
             "sponsor": "Acme"},
            {"id": "d-8", "bikes": 1, "status": "open", "capacity": 4,
             "tags": ["repair", "shade"], "location": {"lat": 52.53, "lon": 13.38},
             "sponsor": "Bikes Inc"}
        ]}),
    ]
}

/// An operation the collection does not have: `learn` warns of it.
const REMOVE_A_DOCK: Operation = Operation {
    id: "docks::remove_a_dock",
    method: "DELETE",
    path_template: "/docks/{dockId}",
    path: &["/docks/", ""],
    headers: &[],
    rate_limit: None,
    host: None,
    auth: AuthScheme::Any,
};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    for page in pages() {
        Mock::given(method("GET"))
            .and(path("/v1/docks"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/v1/docks"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": 404, "message": "No such dock"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/docks/d-3/usage"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"rides": 41, "since": "2026-11-01"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1/docks/d-3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_golden_observations_are_what_a_client_records() {
    let server = server().await;
    let folder = std::env::temp_dir().join(format!("golden-observed-{}", std::process::id()));
    let observer = Observer::to_directory("bike_share", &folder)
        .unwrap()
        .record_values_of(["docks[].status"]);
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .observe(observer.clone())
        .build()
        .unwrap();
    for _ in 0..3 {
        docks::list_docks(&client).await.expect("a page");
    }
    docks::list_docks(&client)
        .await
        .expect_err("the fourth answer is a 404");
    for _ in 0..2 {
        docks::get_dock_usage(&client, "d-3").await.expect("usage");
    }
    client
        .send(&REMOVE_A_DOCK, &["d-3"], &(), Body::empty())
        .await
        .expect("removed");
    drop(client);
    observer.flush().unwrap();
    let file = observer.file().unwrap().to_owned();
    let recorded: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();

    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0") {
        let text = serde_json::to_string_pretty(&recorded).unwrap() + "\n";
        std::fs::write(Path::new(GOLDEN), text).unwrap();
        return;
    }
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    assert_eq!(
        recorded, golden,
        "the recorded observations differ from the golden's; UPDATE_GOLDEN=1 rewrites it"
    );
}

/// The answers the observations came from, decoded by the types learned from them: every
/// member has a typed field, and each page encodes back to what the server sent.
#[test]
fn the_observed_answers_decode_into_the_learned_types() {
    for page in pages() {
        let decoded: docks::ListDocksResponse = serde_json::from_value(page.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            page,
            "nothing is lost"
        );
        for dock in decoded.docks.as_deref().unwrap() {
            assert!(dock.capacity.is_some() && dock.tags.is_some());
            // Only the explicit nulls the examples also showed are kept beside the fields.
            let kept = dock.extra_fields.to_map();
            assert!(kept.keys().all(|key| key == "sponsor"), "{kept:?}");
        }
    }
}
