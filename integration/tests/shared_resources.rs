//! A meeting's data is one type across modules: what `users::create_a_meeting` returns,
//! `meetings::get_a_meeting` returns and `meetings::update_a_meeting` takes, and its
//! integer `id` is what the functions take as the meeting's path parameter.

use zoom::meetings::{get_a_meeting, update_a_meeting, GetAMeetingQuery, UpdateAMeetingQuery};
use zoom::resources::{Meeting, MeetingSettings};

async fn mock_client() -> (postman_runtime::mock::MockServer, zoom::Client) {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = zoom::Client::builder()
        .base_url(server.base_url())
        .bearer_token("mock")
        .build()
        .expect("the mock's base URL is valid");
    (server, client)
}

/// Reads a meeting's settings and sends them back, changed, in an update: no conversion
/// between a response type and a body type, and the id passed as the `i64` it decoded to.
async fn turn_on_waiting_room(client: &zoom::Client, meeting_id: i64) -> Result<(), zoom::Error> {
    let meeting = get_a_meeting(client, &meeting_id, &GetAMeetingQuery::default()).await?;
    let mut settings: MeetingSettings = meeting.settings.clone().unwrap_or_default();
    settings.waiting_room = Some(true);
    let update = Meeting {
        settings: Some(settings),
        ..Default::default()
    };
    update_a_meeting(
        client,
        &meeting_id,
        &UpdateAMeetingQuery::default(),
        &update,
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn settings_read_from_one_call_are_passed_to_another() {
    let (server, client) = mock_client().await;
    // The mock knows the collection's meetings: the id its examples give.
    let created = zoom::users::create_a_meeting(&client, "me", &Meeting::default())
        .await
        .expect("the mock creates it");
    let id = created.id.expect("the example has an id");
    turn_on_waiting_room(&client, id)
        .await
        .expect("the mock answers both calls");

    let received = server.received_requests();
    let paths: Vec<&str> = received[1..].iter().map(|r| r.path.as_str()).collect();
    let expected = format!("/v2/meetings/{id}");
    assert_eq!(paths, [expected.as_str(), expected.as_str()]);
    let sent: serde_json::Value =
        serde_json::from_slice(&received[2].body).expect("the update's body is JSON");
    let settings = &sent["settings"];
    assert_eq!(settings["waiting_room"], true);
    // The rest of the settings went back as the server gave them.
    assert!(
        settings.as_object().is_some_and(|s| s.len() > 10),
        "the settings carried over: {settings}"
    );
}

#[tokio::test]
async fn a_created_meetings_id_is_what_get_a_meeting_takes() {
    let (_server, client) = mock_client().await;
    let created = zoom::users::create_a_meeting(&client, "me", &Meeting::default())
        .await
        .expect("the mock creates it");
    let id = created.id.expect("the example has an id");
    let fetched = get_a_meeting(&client, &id, &GetAMeetingQuery::default())
        .await
        .expect("the mock answers");
    let fetched: Meeting = zoom::Response::into_body(fetched);
    assert!(fetched.settings.is_some());
}
