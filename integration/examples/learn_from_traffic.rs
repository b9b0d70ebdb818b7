//! Learning types from traffic, end to end: a client observes what the mock answers (which
//! sends more than the bundled collection shows: users with a `cluster` and a list of
//! `login_types`, a `pmi` that is sometimes text, meetings with an `occurrence_count`), the
//! observations are folded into an overlay with `postman-codegen learn`, and `diff` shows what
//! the overlay changes in the API before anyone commits it.
//!
//! ```text
//! cargo run -p zoom-integration --example learn_from_traffic
//! ```
//!
//! It writes into `target/learn_from_traffic/`: the observation file, and the overlay a
//! crate would commit as `collection/zoom.overlay.json`.

use std::path::{Path, PathBuf};

use postman_codegen::Config;
use serde_json::json;
use zoom::observe::Observer;

const COLLECTION: &str = include_str!("../../collection/zoom.postman_collection.json");

/// The mock, answering with what a newer Zoom sends beside what the collection shows.
async fn mock_with_more_fields() -> Result<zoom::mock::MockServer, zoom::mock::MockError> {
    let options = zoom::mock::options()
        .rewrite("users::list_users", |body| {
            let users = body["users"].as_array_mut().into_iter().flatten();
            for (n, user) in users.enumerate() {
                user["cluster"] = json!(if n % 2 == 0 { "us05" } else { "eu01" });
                user["login_types"] = json!([0, 100]);
                if n == 0 {
                    user["pmi"] = json!("1234567890");
                }
            }
        })
        .rewrite("meetings::get_a_meeting", |meeting| {
            meeting["occurrence_count"] = json!(3);
        });
    zoom::mock::start_with(options).await
}

fn output_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/learn_from_traffic")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = output_folder();
    let observations = folder.join("observations");
    // A fresh start: observation files of earlier runs would be learned again.
    let _ = std::fs::remove_dir_all(&observations);

    // 1. Calls with observation on (ZOOM_OBSERVE=folder does the same without code).
    let server = mock_with_more_fields().await?;
    let observer =
        Observer::to_directory("zoom", &observations)?.record_values_of(["users[].cluster"]);
    let client = zoom::Client::builder()
        .base_url(server.base_url())
        .observe(observer.clone())
        .build()?;
    let page = zoom::users::list_users(&client, &Default::default()).await?;
    let users = page.users.as_deref().unwrap_or_default();
    println!(
        "listed {} users; before learning, `cluster` is an extra field:",
        users.len()
    );
    if let Some(user) = users.first() {
        println!(
            "  users[0].extra_fields.get(\"cluster\") = {:?}",
            user.extra_fields.get("cluster")
        );
    }
    let created = zoom::users::create_a_meeting(&client, "me", &Default::default()).await?;
    let id = created.id.ok_or("the mock's meeting has an id")?;
    let meeting = zoom::meetings::get_a_meeting(&client, &id, &Default::default()).await?;
    println!(
        "meeting {:?}: occurrence_count in extra fields: {:?}",
        meeting.id,
        meeting.extra_fields.get("occurrence_count")
    );
    drop(client);
    observer.flush()?;
    let file = observer.file().expect("a file").to_owned();
    let observed = std::fs::read_to_string(&file)?;
    println!(
        "\nobservations: {} ({} bytes)",
        file.display(),
        observed.len()
    );

    // 2. learn: the observations folded into an overlay beside the collection.
    let config = Config::new();
    let learned = config.learn(COLLECTION, None, &[(file.display().to_string(), observed)])?;
    for warning in learned.warnings() {
        println!("warning: {warning}");
    }
    println!("learned: {}", learned.summary());
    let overlay = folder.join("zoom.overlay.json");
    std::fs::write(&overlay, learned.overlay())?;
    println!(
        "overlay: {} ({} bytes)",
        overlay.display(),
        learned.overlay().len()
    );

    // 3. diff: what the overlay changes in the API, before anyone commits it.
    let mut with_overlay = Config::new();
    with_overlay.overlay(learned.overlay());
    let diff = with_overlay.diff_from(&Config::new(), COLLECTION, COLLECTION)?;
    println!(
        "\npostman-codegen diff, without and with the overlay:\n{}",
        diff.to_text()
    );
    Ok(())
}
