//! The `shared_resources` golden as its users write against it: settings read from one
//! request's response are handed to another request's body as they are, because both are
//! the one `MeetingSettings`, and nothing the server sent is lost on the way.

use postman_goldens::shared_resources::{meetings, resources, users};

const GET_A_MEETING: &str = r#"{"id":8512,"topic":"Weekly sync","settings":{"host_video":true,"audio":"both","mute_upon_entry":true,"focus_mode":"on"}}"#;

/// What a user writes to change a meeting's audio and keep everything else.
fn with_audio(
    meeting: &meetings::GetAMeetingResponse,
    audio: &str,
) -> meetings::UpdateAMeetingBody {
    let mut settings: resources::MeetingSettings = meeting.settings.clone().unwrap_or_default();
    settings.audio = Some(audio.to_owned());
    meetings::UpdateAMeetingBody {
        settings: Some(settings),
        ..Default::default()
    }
}

#[test]
fn settings_from_a_response_go_into_another_requests_body() {
    let meeting: meetings::GetAMeetingResponse =
        serde_json::from_str(GET_A_MEETING).expect("the response decodes");
    let body = with_audio(&meeting, "voip");
    let sent = serde_json::to_value(&body).expect("the body encodes");
    assert_eq!(
        sent,
        serde_json::json!({"settings": {"host_video": true, "audio": "voip", "mute_upon_entry": true, "focus_mode": "on"}}),
        "the field no example showed (`focus_mode`) travels with the settings"
    );
}

#[test]
fn the_create_requests_names_are_the_same_types() {
    // The names each request gave its types still name them: code written for them builds.
    let created: users::CreateAMeetingSettings = resources::MeetingSettings {
        waiting_room: Some(true),
        ..Default::default()
    };
    let body: users::CreateAMeetingBody = resources::Meeting {
        topic: Some("Planning".to_owned()),
        settings: Some(created.clone()),
        ..Default::default()
    };
    let update: meetings::UpdateAMeetingBodySettings = created;
    assert_eq!(body.settings.as_ref(), Some(&update));
}
