//! The generated bindings of the Parcel Post collection against the runtime's mock: each
//! request takes the credential its folder declares, goes to the host its URL names, and
//! the cursor-paged list ends.

use parcel_post::mock::{self, MockServer, ReceivedRequest};
use parcel_post::{account, labels, shipments, status, Client};

const KEY: &str = "pk_test_4f2a";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(KEY)
        .basic_auth("atelier", "correct horse")
        .build()
        .expect("the client builds")
}

fn last(server: &MockServer) -> ReceivedRequest {
    server
        .received_requests()
        .pop()
        .expect("the mock received a request")
}

fn header<'a>(request: &'a ReceivedRequest, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn shipments_take_the_api_key_in_its_declared_header() {
    let server = mock::start().await.expect("the mock starts");
    let shipment = shipments::get_a_shipment(&client(&server), "shp_1001")
        .await
        .expect("the example answers");
    assert_eq!(shipment.id.as_deref(), Some("shp_1001"));
    let request = last(&server);
    assert_eq!(header(&request, "x-parcel-key"), Some(KEY));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn the_account_folder_takes_basic_auth_instead() {
    let server = mock::start().await.expect("the mock starts");
    let account = account::get_the_account(&client(&server))
        .await
        .expect("the example answers");
    assert_eq!(account.plan.as_deref(), Some("business"));
    let request = last(&server);
    // base64("atelier:correct horse")
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic YXRlbGllcjpjb3JyZWN0IGhvcnNl")
    );
    assert_eq!(header(&request, "x-parcel-key"), None);
}

#[tokio::test]
async fn the_top_level_status_request_sends_no_credential() {
    let server = mock::start().await.expect("the mock starts");
    let up = status::get_service_status(&client(&server))
        .await
        .expect("the example answers");
    assert_eq!(up.state.as_deref(), Some("operational"));
    let request = last(&server);
    assert_eq!(header(&request, "x-parcel-key"), None);
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn the_cursor_paged_list_ends() {
    let server = mock::start().await.expect("the mock starts");
    let query = shipments::ListShipmentsQuery {
        limit: Some(2),
        ..Default::default()
    };
    let all = shipments::list_shipments_stream(&client(&server), &query)
        .collect()
        .await
        .expect("every page is served");
    let ids: Vec<_> = all.iter().filter_map(|s| s.id.as_deref()).collect();
    assert_eq!(ids, ["shp_1001", "shp_1002", "shp_1003"]);
    let pages = server
        .received_requests()
        .iter()
        .filter(|r| r.path.ends_with("/shipments"))
        .count();
    assert!(pages >= 2, "{pages} pages were asked for");
}

#[tokio::test]
async fn labels_go_to_the_upload_host() {
    let api = mock::start().await.expect("the API mock starts");
    let uploads = mock::start().await.expect("the upload mock starts");
    let client = Client::builder()
        .base_url(api.base_url())
        .host("uploadUrl", uploads.base_url())
        .api_key(KEY)
        .build()
        .expect("the client builds");
    let form = parcel_post::Multipart::new()
        .text("shipment_id", "shp_1001")
        .file(
            "file",
            "label.pdf",
            "application/pdf",
            b"%PDF-1.7 label".to_vec(),
        );
    let stored = labels::upload_a_label(&client, form)
        .await
        .expect("the example answers");
    assert_eq!(stored.label_id.as_deref(), Some("lbl_77"));
    assert!(
        api.received_requests().is_empty(),
        "nothing went to the API host"
    );
    let request = last(&uploads);
    assert!(request.path.ends_with("/labels"), "{}", request.path);
    assert_eq!(header(&request, "x-parcel-key"), Some(KEY));
    let body = String::from_utf8_lossy(&request.body);
    assert!(
        body.contains("shp_1001") && body.contains("label.pdf"),
        "{body}"
    );
}
