//! What both benchmarks send and decode: list pages shaped like Zoom's, the generated
//! types that describe them, and plain derives of the same known fields.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The generated types measured. The benchmarks name them here only, so that a collection
/// that names them otherwise changes these lines and nothing else.
pub mod generated {
    pub type Users = zoom::users::ListUsersResponse;
    pub type Meetings = zoom::users::ListMeetingsResponse;
    pub type Participants = zoom::report::GetMeetingParticipantReportsResponse;
}

/// A page's fields beside its list, and what is in each item.
pub struct Shape {
    pub name: &'static str,
    /// The page's own fields.
    page: fn(usize) -> Value,
    list_key: &'static str,
    /// The known fields of item `i`.
    item: fn(usize) -> Value,
    /// A field of the item type and a value of another type than its own.
    mistyped: (&'static str, fn() -> Value),
}

/// Fields no item type has: a string, a number and a flag, as a newer API version adds them.
fn add_unknown_fields(item: &mut Value, index: usize) {
    item["language"] = json!("en-US");
    item["login_type"] = json!(100 + index % 3);
    item["verified_email"] = json!(index % 2 == 0);
}

fn users_page(items: usize) -> Value {
    json!({
        "page_count": 1, "page_number": 1, "page_size": items, "total_records": items,
        "next_page_token": "Pt4vX9qLm2RsWz7YkB3nJc8HdA5eGf1T",
    })
}

fn user(i: usize) -> Value {
    json!({
        "id": format!("KDcuGIm1QgePTO8W{i:06}"),
        "first_name": "Jordan",
        "last_name": format!("Ellis {i}"),
        "email": format!("jordan.ellis.{i}@example.com"),
        "type": 1 + i % 2,
        "pmi": 5_283_047_196u64 + i as u64,
        "timezone": "America/Chicago",
        "verified": 1,
        "dept": "Engineering",
        "created_at": "2021-03-08T15:42:10Z",
        "last_login_time": "2024-06-17T13:05:44Z",
        "last_client_version": "6.0.11.39959(mac)",
        "pic_url": format!("https://us06web.zoom.us/p/v2/9c1b6f0e2d4a7c3b8e5f1a0d6c2b9e4f/{i}"),
        "im_group_ids": ["Gq3Lr8TnSWa0cVxE5kYbJw"],
        "status": "active",
    })
}

fn meetings_page(items: usize) -> Value {
    json!({
        "page_count": 1, "page_number": 1, "page_size": items, "total_records": items,
        "next_page_token": "Rk7cQ2xLw9ZpT4mVb1YnHs6JdG3fE8aU",
    })
}

fn meeting(i: usize) -> Value {
    json!({
        "uuid": format!("Vg7Qv3fNTbOV{i:06}Zp8g=="),
        "id": 85_746_065_432u64 + i as u64,
        "host_id": "KDcuGIm1QgePTO8WbOqwIQ",
        "topic": format!("Q3 roadmap review {i}"),
        "type": 2,
        "start_time": "2024-06-20T15:00:00Z",
        "duration": 30 + i % 60,
        "timezone": "America/Chicago",
        "agenda": "Walk through the Q3 roadmap and agree on the top three bets.",
        "created_at": "2024-06-03T19:27:45Z",
        "join_url": format!("https://us06web.zoom.us/j/{}?pwd=b2ZkT1VyQ0s3cE1x", 85_746_065_432u64 + i as u64),
    })
}

fn participants_page(items: usize) -> Value {
    json!({
        "page_count": 1, "page_size": items, "total_records": items,
        "next_page_token": "Nc4vR8wLq2XkT6pZm1YbHd9JsG3fA7eU",
    })
}

fn participant(i: usize) -> Value {
    json!({
        "id": format!("x7HfQ2pLSmKd{i:06}"),
        "user_id": format!("{}", 16_778_240 + i),
        "name": format!("Maya Okafor {i}"),
        "user_email": format!("maya.okafor.{i}@example.com"),
        "join_time": "2024-06-20T15:01:05Z",
        "leave_time": "2024-06-20T15:24:37Z",
        // The collections show a participant's duration as a string (the export's example
        // has "20:00"), so the generated type has a `String` here, and so does the derive.
        "duration": format!("{}", 1_000 + i % 2_000),
    })
}

pub const SHAPES: [Shape; 3] = [
    Shape {
        name: "list users",
        page: users_page,
        list_key: "users",
        item: user,
        mistyped: ("pmi", || json!("5283047196")),
    },
    Shape {
        name: "list meetings",
        page: meetings_page,
        list_key: "meetings",
        item: meeting,
        mistyped: ("duration", || json!("60 minutes")),
    },
    Shape {
        name: "participants report",
        page: participants_page,
        list_key: "participants",
        item: participant,
        mistyped: ("duration", || json!(3442)),
    },
];

/// How many items a page has, and whether they have fields the item types do not know.
pub struct Page {
    pub items: usize,
    pub unknown_fields: bool,
}

/// A page as JSON text; with `mistyped`, its middle item has the shape's mistyped value.
pub fn page_text(shape: &Shape, page: &Page, mistyped: bool) -> Vec<u8> {
    let items = page.items;
    let mut text = (shape.page)(items);
    let list = (0..items)
        .map(|i| {
            let mut item = (shape.item)(i);
            if page.unknown_fields {
                add_unknown_fields(&mut item, i);
            }
            if mistyped && i == items / 2 {
                let (key, value) = shape.mistyped;
                item[key] = value();
            }
            item
        })
        .collect();
    text[shape.list_key] = Value::Array(list);
    serde_json::to_vec(&text).expect("a JSON value encodes")
}

// ---------------------------------------------------------------------------------------
// The plain derives: the same known fields as the generated types, nothing kept

#[derive(Deserialize, Serialize)]
pub struct PlainUsers {
    pub page_count: Option<i64>,
    pub page_number: Option<i64>,
    pub page_size: Option<i64>,
    pub total_records: Option<i64>,
    pub next_page_token: Option<String>,
    pub users: Option<Vec<PlainUser>>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainUser {
    pub id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub r#type: Option<i64>,
    pub pmi: Option<i64>,
    pub timezone: Option<String>,
    pub verified: Option<i64>,
    pub dept: Option<String>,
    pub created_at: Option<String>,
    pub last_login_time: Option<String>,
    pub last_client_version: Option<String>,
    pub pic_url: Option<String>,
    pub im_group_ids: Option<Vec<String>>,
    pub status: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainMeetings {
    pub page_count: Option<i64>,
    pub page_number: Option<i64>,
    pub page_size: Option<i64>,
    pub total_records: Option<i64>,
    pub next_page_token: Option<String>,
    pub meetings: Option<Vec<PlainMeeting>>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainMeeting {
    pub uuid: Option<String>,
    pub id: Option<i64>,
    pub host_id: Option<String>,
    pub topic: Option<String>,
    pub r#type: Option<i64>,
    pub start_time: Option<String>,
    pub duration: Option<i64>,
    pub timezone: Option<String>,
    pub agenda: Option<String>,
    pub created_at: Option<String>,
    pub join_url: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainParticipants {
    pub page_count: Option<i64>,
    pub page_size: Option<i64>,
    pub total_records: Option<i64>,
    pub next_page_token: Option<String>,
    pub participants: Option<Vec<PlainParticipant>>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainParticipant {
    pub id: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub user_email: Option<String>,
    pub join_time: Option<String>,
    pub leave_time: Option<String>,
    pub duration: Option<String>,
}
