//! Schedules a meeting for the signed-in user and prints its join URL.
//!
//! ```text
//! cargo run --features mock --example create_meeting
//! ```
//!
//! Runs against the mock server unless Zoom credentials are set (see `common/mod.rs`).

mod common;

use zoom::users::{create_a_meeting, CreateAMeetingBody, CreateAMeetingBodySettings, MeetingType};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let connection = common::connect().await?;
    let body = CreateAMeetingBody {
        topic: Some("Weekly planning".to_owned()),
        r#type: Some(MeetingType::Scheduled),
        start_time: Some("2026-12-07T15:00:00Z".into()),
        duration: Some(45),
        timezone: Some("UTC".to_owned()),
        settings: Some(CreateAMeetingBodySettings {
            host_video: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let meeting = create_a_meeting(&connection.client, "me", &body).await?;
    if connection.offline {
        println!("(the mock answers with the collection's example meeting)");
    }
    println!("created meeting {:?}", meeting.id);
    match &meeting.join_url {
        Some(url) => println!("join URL: {url}"),
        None => println!("the response has no join URL"),
    }
    Ok(())
}
