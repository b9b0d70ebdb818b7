//! Downloads against loopback servers with injected faults: connections dropped and
//! stalled mid-body and resumed, servers that ignore `Range`, redirects to another host,
//! tokens refused mid-download, wrong sizes.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postman_runtime::{DownloadError, Error};
use support::file_server::{file_checksum, Checksum, Content, FileServer, Reply, TempDir};
use support::{client, TestClient, TestOAuthApp};

const EIGHT_MB: u64 = 8 * 1024 * 1024;

#[tokio::test]
async fn drops_at_30_60_and_90_percent_are_resumed_to_an_identical_file() {
    let content = Content::new(EIGHT_MB);
    let cuts = [30, 60, 90].map(|percent| EIGHT_MB * percent / 100);
    let server = FileServer::start(content.clone(), move |_, connection| {
        match cuts.get(connection) {
            Some(&cut) => Reply::cut_at(cut),
            None => Reply::whole(),
        }
    })
    .await;
    let directory = TempDir::new("resume");
    let target = directory.join("recording.mp4");
    let reports = Arc::new(Mutex::new(Vec::new()));
    let seen_reports = reports.clone();

    let done = client(&server.base)
        .download(server.url("/rec/download/abc"))
        .expected_size(EIGHT_MB)
        .progress(move |progress| seen_reports.lock().unwrap().push(progress))
        .to_file(&target)
        .await
        .expect("every drop is resumed");

    assert_eq!(done.size, EIGHT_MB);
    assert_eq!(done.resumed, 3);
    assert_eq!(done.restarted, 0);
    assert_eq!(file_checksum(&target), content.checksum());
    assert!(!directory.join("recording.mp4.part").exists());
    let requests = server.seen();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].header("range"), None);
    for (request, cut) in requests[1..].iter().zip(cuts) {
        assert_eq!(
            request.header("range"),
            Some(format!("bytes={cut}-").as_str())
        );
        assert_eq!(request.header("if-range"), Some(content.etag().as_str()));
        assert_eq!(request.header("authorization"), Some("Bearer secret-token"));
    }
    let reports = reports.lock().unwrap();
    assert!(reports.windows(2).all(|w| w[0].received < w[1].received));
    let last = reports.last().expect("progress was reported");
    assert_eq!((last.received, last.total), (EIGHT_MB, Some(EIGHT_MB)));
}

#[tokio::test]
async fn a_stalled_body_is_resumed_after_the_timeout() {
    let content = Content::new(EIGHT_MB);
    let server = FileServer::start(content.clone(), |_, connection| {
        if connection == 0 {
            Reply::Content {
                ranges: true,
                cut_at: Some(EIGHT_MB / 2),
                stall: Some(Duration::from_secs(5)),
            }
        } else {
            Reply::whole()
        }
    })
    .await;
    let mut writer = HashingWriter::default();

    let started = std::time::Instant::now();
    let done = client(&server.base)
        .download(server.url("/file"))
        .timeout(Duration::from_millis(300))
        .to_writer(&mut writer)
        .await
        .expect("the stall is resumed");

    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(done.resumed, 1);
    assert_eq!(writer.finish(), content.checksum());
    assert_eq!(
        server.seen()[1].header("range"),
        Some(format!("bytes={}-", EIGHT_MB / 2).as_str())
    );
}

#[tokio::test]
async fn a_server_that_ignores_range_starts_the_file_over() {
    let content = Content::new(EIGHT_MB);
    let server = FileServer::start(content.clone(), |_, connection| Reply::Content {
        ranges: false,
        cut_at: (connection == 0).then_some(EIGHT_MB / 3),
        stall: None,
    })
    .await;
    let directory = TempDir::new("restart");
    let target = directory.join("file.bin");
    let restarted_at_zero = Arc::new(AtomicUsize::new(0));
    let counter = restarted_at_zero.clone();

    let done = client(&server.base)
        .download(server.url("/file"))
        .progress(move |progress| {
            if progress.received == 0 {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        })
        .to_file(&target)
        .await
        .expect("the second, whole answer is written from the start");

    assert_eq!((done.size, done.resumed, done.restarted), (EIGHT_MB, 0, 1));
    assert_eq!(std::fs::metadata(&target).unwrap().len(), EIGHT_MB);
    assert_eq!(file_checksum(&target), content.checksum());
    assert_eq!(
        restarted_at_zero.load(Ordering::SeqCst),
        1,
        "progress went back to 0"
    );
    assert!(
        server.seen()[1].header("range").is_some(),
        "it asked for the rest"
    );
}

#[tokio::test]
async fn a_writer_skips_what_it_has_when_the_server_ignores_range() {
    let content = Content::new(EIGHT_MB);
    let server = FileServer::start(content.clone(), |_, connection| Reply::Content {
        ranges: false,
        cut_at: (connection == 0).then_some(EIGHT_MB / 2),
        stall: None,
    })
    .await;
    let mut writer = HashingWriter::default();

    let done = client(&server.base)
        .download(server.url("/file"))
        .to_writer(&mut writer)
        .await
        .expect("the same content, by its ETag: the known part is skipped");

    assert_eq!((done.size, done.restarted), (EIGHT_MB, 1));
    assert_eq!(writer.length, EIGHT_MB, "nothing written twice");
    assert_eq!(writer.finish(), content.checksum());
}

#[tokio::test]
async fn a_redirect_to_another_host_goes_there_without_the_credentials() {
    let content = Content::new(64 * 1024);
    let storage = FileServer::start(content.clone(), |_, _| Reply::whole()).await;
    let location = storage.url("/signed/file?signature=abc");
    let front = FileServer::start(content.clone(), move |_, _| {
        Reply::Raw(format!(
            "HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        ))
    })
    .await;
    let mut writer = HashingWriter::default();

    client(&front.base)
        .download(front.url("/rec/download/abc"))
        .to_writer(&mut writer)
        .await
        .expect("the redirect is followed");

    assert_eq!(writer.finish(), content.checksum());
    assert_eq!(
        front.seen()[0].header("authorization"),
        Some("Bearer secret-token")
    );
    let at_storage = storage.seen();
    assert_eq!(at_storage.len(), 1);
    assert_eq!(at_storage[0].path, "/signed/file?signature=abc");
    assert_eq!(
        at_storage[0].header("authorization"),
        None,
        "{at_storage:?}"
    );
}

#[tokio::test]
async fn a_401_mid_download_renews_the_oauth_token_and_goes_on() {
    let content = Content::new(EIGHT_MB);
    let tokens = Arc::new(AtomicUsize::new(0));
    let issued = tokens.clone();
    let server = FileServer::start(content.clone(), move |request, _| {
        if request.path.starts_with("/oauth/token") {
            let number = issued.fetch_add(1, Ordering::SeqCst) + 1;
            let body = format!(
                r#"{{"access_token":"token-{number}","token_type":"bearer","expires_in":3600}}"#
            );
            return Reply::json("200 OK", &body);
        }
        // The first token expires while the first part is on its way.
        match request.header("authorization") {
            Some("Bearer token-1") if request.header("range").is_none() => {
                Reply::cut_at(EIGHT_MB * 2 / 5)
            }
            Some("Bearer token-2") => Reply::whole(),
            _ => Reply::json(
                "401 Unauthorized",
                r#"{"code":124,"message":"Invalid access token."}"#,
            ),
        }
    })
    .await;
    let app = TestOAuthApp::new("client-id", "client-secret").token_url(server.url("/oauth/token"));
    let client = TestClient::builder()
        .base_url(format!("{}/v2", server.base))
        .server_to_server_oauth(app, "account-1")
        .retry(support::quick_retries())
        .build()
        .expect("valid");
    let mut writer = HashingWriter::default();

    let done = client
        .download(server.url("/rec/download/abc"))
        .expected_size(EIGHT_MB)
        .to_writer(&mut writer)
        .await
        .expect("the new token finishes the download");

    assert_eq!(done.resumed, 1);
    assert_eq!(writer.finish(), content.checksum());
    assert_eq!(tokens.load(Ordering::SeqCst), 2);
    let downloads: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|r| r.path.starts_with("/rec/"))
        .collect();
    assert_eq!(downloads.len(), 3, "{downloads:?}");
    assert_eq!(downloads[1].header("authorization"), Some("Bearer token-1"));
    assert_eq!(downloads[2].header("authorization"), Some("Bearer token-2"));
    assert_eq!(
        downloads[2].header("range"),
        Some(format!("bytes={}-", EIGHT_MB * 2 / 5).as_str())
    );
}

#[tokio::test]
async fn an_announced_size_other_than_the_expected_one_is_refused() {
    let content = Content::new(1000);
    let server = FileServer::start(content, |_, _| Reply::whole()).await;
    let directory = TempDir::new("wrong-size");
    let target = directory.join("file.bin");

    let error = client(&server.base)
        .download(server.url("/file"))
        .expected_size(1001)
        .to_file(&target)
        .await
        .expect_err("1000 bytes are announced");

    assert!(
        matches!(
            error,
            Error::Download(DownloadError::WrongSize {
                expected: 1001,
                actual: 1000
            })
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("expected 1001 bytes"), "{error}");
    assert!(!target.exists() && !directory.join("file.bin.part").exists());
    assert_eq!(server.seen().len(), 1, "not tried again");
}

#[tokio::test]
async fn a_body_longer_than_expected_is_stopped() {
    let body = "x".repeat(5000);
    let server = FileServer::start(Content::new(1), move |_, _| {
        // No length announced: only the bytes tell.
        Reply::Raw(format!(
            "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{body}"
        ))
    })
    .await;
    let mut writer = HashingWriter::default();

    let error = client(&server.base)
        .download(server.url("/file"))
        .expected_size(100)
        .to_writer(&mut writer)
        .await
        .expect_err("more than 100 bytes arrive");

    assert!(
        matches!(
            error,
            Error::Download(DownloadError::WrongSize { expected: 100, .. })
        ),
        "{error:?}"
    );
    assert!(writer.length <= 100);
}

#[tokio::test]
async fn parts_that_bring_bytes_start_the_count_of_attempts_again() {
    let content = Content::new(20_000);
    // Each connection brings 1,000 bytes: 20 attempts, past the policy's 4, all progress.
    let server = FileServer::start(content.clone(), |request, _| {
        let start: u64 = request
            .header("range")
            .and_then(|r| {
                r.trim_start_matches("bytes=")
                    .trim_end_matches('-')
                    .parse()
                    .ok()
            })
            .unwrap_or(0);
        Reply::cut_at(start + 1000)
    })
    .await;
    let mut writer = HashingWriter::default();

    let done = client(&server.base)
        .download(server.url("/file"))
        .to_writer(&mut writer)
        .await
        .expect("every attempt moves the download on");

    assert_eq!((done.size, done.resumed), (20_000, 19));
    assert_eq!(writer.finish(), content.checksum());
}

#[tokio::test]
async fn a_download_that_stops_moving_ends_with_the_bytes_received() {
    let content = Content::new(EIGHT_MB);
    let size = content.size;
    let server = FileServer::start(content, move |_, connection| {
        if connection == 0 {
            return Reply::cut_at(1000);
        }
        // The rest is announced, and never comes.
        Reply::Raw(format!(
            "HTTP/1.1 206 Partial Content\r\ncontent-range: bytes 1000-{}/{size}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            size - 1,
            size - 1000
        ))
    })
    .await;

    let error = client(&server.base)
        .download(server.url("/file"))
        .to_writer(&mut HashingWriter::default())
        .await
        .expect_err("no attempt after the first brings anything");

    assert!(
        matches!(
            error,
            Error::IncompleteBody { received: 1000, expected: Some(e), .. } if e == size
        ),
        "{error:?}"
    );
    assert_eq!(error.bytes_received(), Some(1000));
    assert!(
        error
            .to_string()
            .contains(&format!("cut short: 1000 of {size} bytes")),
        "{error}"
    );
    // The attempt that brought bytes counts as the first of the policy's 4.
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn an_error_status_is_an_api_error_and_5xx_are_retried() {
    let content = Content::new(1000);
    let server = FileServer::start(content.clone(), |request, connection| {
        if request.path == "/missing" {
            Reply::json(
                "404 Not Found",
                r#"{"code":3301,"message":"Recording does not exist."}"#,
            )
        } else if connection < 2 {
            Reply::json("503 Service Unavailable", "{}")
        } else {
            Reply::whole()
        }
    })
    .await;
    let client = client(&server.base);

    let mut writer = HashingWriter::default();
    client
        .download(server.url("/file"))
        .to_writer(&mut writer)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(writer.finish(), content.checksum());

    let error = client
        .download(server.url("/missing"))
        .to_writer(&mut HashingWriter::default())
        .await
        .expect_err("a 404 is final");
    let api = error.api().expect("an API error");
    assert_eq!((api.status().as_u16(), api.code()), (404, Some(3301)));
    assert_eq!(api.operation(), "download");
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn urls_that_would_send_the_token_in_clear_text_are_refused() {
    let error = support::client("http://127.0.0.1:9")
        .download("http://files.example.com/rec/download/abc?access_token=secret")
        .to_writer(&mut HashingWriter::default())
        .await
        .expect_err("plain http to another host");
    assert!(
        matches!(error, Error::Download(DownloadError::Url(_))),
        "{error:?}"
    );
    assert!(!error.to_string().contains("secret"), "{error}");
}

/// A writer that keeps only a checksum and a length, so that content of any size can be
/// checked without holding it.
#[derive(Default)]
struct HashingWriter {
    checksum: Option<Checksum>,
    length: u64,
}

impl HashingWriter {
    fn finish(self) -> u64 {
        self.checksum.unwrap_or_else(Checksum::new).finish()
    }
}

impl tokio::io::AsyncWrite for HashingWriter {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        bytes: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.length += bytes.len() as u64;
        self.checksum
            .get_or_insert_with(Checksum::new)
            .update(bytes);
        std::task::Poll::Ready(Ok(bytes.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}
