//! Download throughput of `Client::download` beside plain reqwest streaming, in the same run.
//!
//! ```text
//! cargo bench -p zoom-integration --bench download
//! ```
//!
//! A loopback HTTP/1.1 server (its own thread) sends a file of `SIZE` bytes from memory.
//! Two destinations are measured, each two ways:
//!
//! - **to a file**: `client.download(url).to_file(path)` against a plain
//!   `reqwest::Client::get(url)` whose chunks (`Response::chunk`) are written with
//!   `write_all` to a `tokio::fs::File`, then flushed;
//! - **to a writer**: `to_writer(&mut tokio::io::sink())` against the same reqwest loop
//!   writing to `tokio::io::sink()`: the HTTP path alone.
//!
//! Both send the same `Authorization` header. They run in alternating rounds (alternating
//! which goes first); the ratio is of the bytes per second over all rounds, and the median
//! of the rounds' ratios is printed beside it. Files go to `BENCH_DIR` (the system's
//! temporary directory by default) and are removed at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SIZE: u64 = 256 * 1024 * 1024;
const ROUNDS: usize = 10;
const TOKEN: &str = "bench-token";

/// Serves `SIZE` bytes to every request, from a 1 MiB block, on a thread of its own.
fn start_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("bound");
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a listener");
            let block: &'static [u8] = Box::leak((0..1 << 20).map(|i| (i * 7 + 3) as u8).collect());
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(serve(stream, block));
            }
        });
    });
    format!("http://{address}/rec/download/bench")
}

async fn serve(mut stream: tokio::net::TcpStream, block: &'static [u8]) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {SIZE}\r\nconnection: close\r\n\r\n"
    );
    if stream.write_all(response.as_bytes()).await.is_err() {
        return;
    }
    let mut left = SIZE;
    while left > 0 {
        let part = &block[..(left.min(block.len() as u64)) as usize];
        if stream.write_all(part).await.is_err() {
            return;
        }
        left -= part.len() as u64;
    }
    let _ = stream.shutdown().await;
}

#[derive(Clone, Copy, PartialEq)]
enum Destination {
    File,
    Writer,
}

struct Setup {
    url: String,
    client: zoom::Client,
    http: reqwest::Client,
    directory: PathBuf,
}

impl Setup {
    async fn runtime(&self, destination: Destination) -> Duration {
        let started = Instant::now();
        let done = match destination {
            Destination::File => {
                self.client
                    .download(&self.url)
                    .to_file(self.directory.join("runtime.bin"))
                    .await
            }
            Destination::Writer => {
                self.client
                    .download(&self.url)
                    .to_writer(&mut tokio::io::sink())
                    .await
            }
        };
        assert_eq!(done.expect("the download completes").size, SIZE);
        started.elapsed()
    }

    async fn plain(&self, destination: Destination) -> Duration {
        let started = Instant::now();
        let mut response = self
            .http
            .get(&self.url)
            .header("authorization", format!("Bearer {TOKEN}"))
            .send()
            .await
            .expect("the server answers");
        assert!(response.status().is_success());
        let mut written = 0u64;
        match destination {
            Destination::File => {
                let path = self.directory.join("plain.bin");
                let mut file = tokio::fs::File::create(&path).await.expect("a file");
                while let Some(chunk) = response.chunk().await.expect("a chunk") {
                    file.write_all(&chunk).await.expect("written");
                    written += chunk.len() as u64;
                }
                file.flush().await.expect("flushed");
            }
            Destination::Writer => {
                let mut sink = tokio::io::sink();
                while let Some(chunk) = response.chunk().await.expect("a chunk") {
                    sink.write_all(&chunk).await.expect("written");
                    written += chunk.len() as u64;
                }
            }
        }
        assert_eq!(written, SIZE);
        started.elapsed()
    }
}

struct Comparison {
    runtime_mib_s: f64,
    plain_mib_s: f64,
    ratio: f64,
    median_ratio: f64,
}

async fn compare(setup: &Setup, destination: Destination) -> Comparison {
    let (mut runtime_time, mut plain_time) = (Duration::ZERO, Duration::ZERO);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (r, p) = if round % 2 == 0 {
            let r = setup.runtime(destination).await;
            (r, setup.plain(destination).await)
        } else {
            let p = setup.plain(destination).await;
            (setup.runtime(destination).await, p)
        };
        runtime_time += r;
        plain_time += p;
        ratios.push(p.as_secs_f64() / r.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let mib = (ROUNDS as u64 * SIZE) as f64 / (1024.0 * 1024.0);
    Comparison {
        runtime_mib_s: mib / runtime_time.as_secs_f64(),
        plain_mib_s: mib / plain_time.as_secs_f64(),
        ratio: plain_time.as_secs_f64() / runtime_time.as_secs_f64(),
        median_ratio: ratios[ROUNDS / 2],
    }
}

/// The bench's own directory, removed with its files when dropped.
struct Directory(PathBuf);

impl Drop for Directory {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn bench_directory() -> Directory {
    let base = std::env::var_os("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let directory = base.join(format!("zoom-download-bench-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("a bench directory");
    Directory(directory)
}

async fn run(directory: &Path) {
    let url = start_server();
    let client = zoom::Client::builder()
        .base_url("http://127.0.0.1:9/v2")
        .bearer_token(TOKEN)
        .build()
        .expect("a loopback client");
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    let setup = Setup {
        url,
        client,
        http,
        directory: directory.to_owned(),
    };
    for destination in [Destination::File, Destination::Writer] {
        setup.runtime(destination).await;
        setup.plain(destination).await;
    }

    println!(
        "{} MiB from a loopback server, {ROUNDS} rounds each, files in {}",
        SIZE >> 20,
        directory.display()
    );
    println!(
        "{:<12} {:>16} {:>16} {:>7} {:>13}",
        "destination", "download MiB/s", "reqwest MiB/s", "ratio", "median ratio"
    );
    for (name, destination) in [("file", Destination::File), ("writer", Destination::Writer)] {
        let c = compare(&setup, destination).await;
        println!(
            "{name:<12} {:>16.0} {:>16.0} {:>7.3} {:>13.3}",
            c.runtime_mib_s, c.plain_mib_s, c.ratio, c.median_ratio
        );
    }
}

fn main() {
    let directory = bench_directory();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run(&directory.0));
}
