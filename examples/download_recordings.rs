//! Lists the signed-in user's cloud recordings and downloads their files, showing each
//! file's progress.
//!
//! ```text
//! cargo run --features mock --example download_recordings [DIRECTORY]
//! ```
//!
//! Files go to DIRECTORY, or to a temporary directory that is removed at the end. Runs
//! against the mock server unless Zoom credentials are set (see `common/mod.rs`). The mock
//! serves the collection's example recordings with 4 KiB of generated content each (their
//! `file_size` says so), at the path of its `download_url`; the example bodies
//! keep Zoom's hosts in those URLs, so offline the example points each one at the mock's
//! address (the one its client's base URL has). Against Zoom, each `download_url` is
//! downloaded as it is, with the client's OAuth token.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use zoom::users::{list_all_recordings_stream, ListAllRecordingsMeeting, ListAllRecordingsQuery};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let connection = common::connect().await?;
    let client = &connection.client;
    let (directory, temporary) = match std::env::args_os().nth(1) {
        Some(directory) => (PathBuf::from(directory), false),
        None => (
            std::env::temp_dir().join(format!("zoom-recordings-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&directory)?;

    let query = ListAllRecordingsQuery {
        page_size: Some(30),
        ..Default::default()
    };
    let mut meetings = list_all_recordings_stream(client, "me", &query);
    let result = async {
        while let Some(meeting) = meetings.next().await {
            download_meeting(&connection, &meeting?, &directory).await?;
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    if temporary {
        std::fs::remove_dir_all(&directory)?;
    } else {
        println!("files in {}", directory.display());
    }
    result
}

async fn download_meeting(
    connection: &common::Connection,
    meeting: &ListAllRecordingsMeeting,
    directory: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    println!("{}", meeting.topic.as_deref().unwrap_or("(no topic)"));
    for file in meeting.recording_files.iter().flatten() {
        let (Some(url), Some(id)) = (file.download_url.as_deref(), file.id.as_deref()) else {
            continue;
        };
        let url = if connection.offline {
            at_the_mock(url, connection.client.base_url())?
        } else {
            url.to_owned()
        };
        let extension = file.file_type.as_deref().unwrap_or("bin").to_lowercase();
        let name = format!("{}-{id}.{extension}", meeting.id.unwrap_or_default());
        let label = file.recording_type.as_deref().unwrap_or("file").to_owned();
        let mut shown = None;
        let mut download = connection.client.download(url).progress(move |progress| {
            show_progress(&label, progress, &mut shown);
        });
        // A size the API gives is checked: a file that comes out otherwise is refused.
        if let Some(size) = file.file_size.and_then(|size| u64::try_from(size).ok()) {
            download = download.expected_size(size);
        }
        match download.to_file(directory.join(&name)).await {
            Ok(done) => println!(
                "\r  {:<37} {} bytes (resumed {} times)",
                format!("{name}:"),
                done.size,
                done.resumed
            ),
            Err(error) => {
                println!();
                return Err(error.into());
            }
        }
    }
    Ok(())
}

/// `url` on the mock server's host and port, which serves the examples' files at the
/// path of their download URL.
fn at_the_mock(url: &str, base_url: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mock = reqwest::Url::parse(base_url)?;
    let mut url = reqwest::Url::parse(url)?;
    url.set_scheme(mock.scheme())
        .and_then(|()| url.set_host(mock.host_str()).map_err(|_| ()))
        .and_then(|()| url.set_port(mock.port()))
        .map_err(|()| format!("cannot point {url} at the mock server"))?;
    Ok(url.into())
}

/// Rewrites the terminal's current line with the percentage received, each time it moves
/// on by a whole percent (or with the bytes received, when the size is not known).
fn show_progress(label: &str, progress: zoom::Progress, shown: &mut Option<u64>) {
    let (step, text) = match progress.total {
        Some(total) if total > 0 => {
            let percent = progress.received.saturating_mul(100) / total;
            (percent, format!("{percent:>3}%"))
        }
        _ => (
            progress.received >> 20,
            format!("{} MiB", progress.received >> 20),
        ),
    };
    if *shown != Some(step) {
        *shown = Some(step);
        print!("\r  {label:32} {text}");
        let _ = std::io::stdout().flush();
    }
}
