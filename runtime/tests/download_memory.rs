//! A 200 MB download from a loopback server into a file, with the process's peak memory
//! measured: it must stay far below the size of the file. A test file of its own, so that
//! its process runs nothing else at the same time.

mod support;

use std::time::Instant;

use support::client;
use support::file_server::{file_checksum, Content, FileServer, Reply, TempDir};

const SIZE: u64 = 200 * 1024 * 1024;
/// The limit on the peak resident memory of the whole test process (server included).
const PEAK_LIMIT_KB: u64 = 64 * 1024;

/// A line of `/proc/self/status` in kB (`VmHWM`: the peak resident set; `VmRSS`: now).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn a_200_mb_download_stays_in_bounded_memory() {
    let content = Content::new(SIZE);
    // One drop halfway, so that resuming is measured too.
    let server = FileServer::start(content.clone(), |_, connection| {
        if connection == 0 {
            Reply::cut_at(SIZE / 2)
        } else {
            Reply::whole()
        }
    })
    .await;
    let directory = TempDir::new("download-memory");
    let target = directory.join("recording.mp4");
    let before = status_kb("VmHWM:");

    let started = Instant::now();
    let done = client(&server.base)
        .download(server.url("/rec/download/large"))
        .expected_size(SIZE)
        .to_file(&target)
        .await
        .expect("the download completes");
    let elapsed = started.elapsed();

    assert_eq!((done.size, done.resumed), (SIZE, 1));
    let peak = status_kb("VmHWM:");
    println!(
        "200 MiB in {elapsed:.2?} ({:.0} MiB/s); peak resident memory of the test process: \
         {} kB before, {} kB after (limit {PEAK_LIMIT_KB} kB)",
        SIZE as f64 / (1024.0 * 1024.0) / elapsed.as_secs_f64(),
        before.map_or("?".to_owned(), |kb| kb.to_string()),
        peak.map_or("?".to_owned(), |kb| kb.to_string()),
    );
    assert_eq!(file_checksum(&target), content.checksum());
    if let Some(peak) = peak {
        assert!(peak < PEAK_LIMIT_KB, "peak resident memory {peak} kB");
    }
}
