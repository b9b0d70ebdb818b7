//! A raw HTTP/1.1 file server on 127.0.0.1 for download fault tests: each connection
//! answers one request as a script says (the content, or the part a `Range` asks for,
//! cut or stalled at a chosen byte; or any raw answer), then closes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The content's period: a prime, so that a part written at a wrong offset changes the file.
const PERIOD: usize = 1_000_003;
/// The largest write of the server.
const WRITE: usize = 64 * 1024;

/// Generated content of any size: a block of pseudo-random bytes, repeated.
#[derive(Clone)]
pub struct Content {
    block: Arc<Vec<u8>>,
    pub size: u64,
}

impl Content {
    pub fn new(size: u64) -> Content {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let block = (0..PERIOD)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        Content {
            block: Arc::new(block),
            size,
        }
    }

    /// Up to `limit` bytes of the content from `position` on, without a copy.
    pub fn at(&self, position: u64, limit: usize) -> &[u8] {
        let from = (position % PERIOD as u64) as usize;
        let left = (self.size - position).min(limit as u64) as usize;
        &self.block[from..(from + left).min(PERIOD)]
    }

    /// The checksum of the whole content.
    pub fn checksum(&self) -> u64 {
        let mut checksum = Checksum::new();
        let mut position = 0;
        while position < self.size {
            let part = self.at(position, WRITE);
            checksum.update(part);
            position += part.len() as u64;
        }
        checksum.finish()
    }

    pub fn etag(&self) -> String {
        format!("\"content-{}\"", self.size)
    }
}

/// FNV-1a over 64-bit words (the tail byte by byte): the same value however the bytes are
/// split into updates.
pub struct Checksum {
    hash: u64,
    pending: Vec<u8>,
    length: u64,
}

impl Checksum {
    pub fn new() -> Checksum {
        Checksum {
            hash: 0xcbf2_9ce4_8422_2325,
            pending: Vec::with_capacity(8),
            length: 0,
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        while !self.pending.is_empty() && !bytes.is_empty() {
            self.pending.push(bytes[0]);
            bytes = &bytes[1..];
            if self.pending.len() == 8 {
                let word = u64::from_le_bytes(self.pending[..].try_into().unwrap());
                self.mix(word);
                self.pending.clear();
            }
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(word.try_into().unwrap()));
        }
        self.pending.extend_from_slice(words.remainder());
    }

    fn mix(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(0x0100_0000_01b3);
    }

    pub fn finish(mut self) -> u64 {
        for byte in std::mem::take(&mut self.pending) {
            self.mix(u64::from(byte));
        }
        self.mix(self.length);
        self.hash
    }
}

/// The checksum of a file, read a MiB at a time.
pub fn file_checksum(path: &Path) -> u64 {
    use std::io::Read;
    let mut file = std::fs::File::open(path).expect("the downloaded file exists");
    let mut buffer = vec![0; 1 << 20];
    let mut checksum = Checksum::new();
    loop {
        let read = file.read(&mut buffer).expect("the file reads");
        if read == 0 {
            return checksum.finish();
        }
        checksum.update(&buffer[..read]);
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Lower-case names.
    pub headers: HashMap<String, String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// What one connection answers.
pub enum Reply {
    /// The content with an `ETag`: the part from a `Range: bytes=N-` when `ranges` (and
    /// `If-Range`, if sent, is the ETag), all of it otherwise. The connection closes after
    /// byte `cut_at` (absolute), or waits `stall` there before closing.
    Content {
        ranges: bool,
        cut_at: Option<u64>,
        stall: Option<Duration>,
    },
    /// These bytes as they are, then close.
    Raw(String),
}

impl Reply {
    pub fn whole() -> Reply {
        Reply::Content {
            ranges: true,
            cut_at: None,
            stall: None,
        }
    }

    pub fn cut_at(byte: u64) -> Reply {
        Reply::Content {
            ranges: true,
            cut_at: Some(byte),
            stall: None,
        }
    }

    pub fn json(status: &str, body: &str) -> Reply {
        Reply::Raw(format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ))
    }
}

type Script = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

/// A running server; it stops with the test's runtime.
pub struct FileServer {
    pub base: String,
    pub content: Content,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FileServer {
    /// Serves `content`, answering the `n`th connection (from 0) with `script(request, n)`.
    pub async fn start(
        content: Content,
        script: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
    ) -> FileServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("bound"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let server = FileServer {
            base,
            content: content.clone(),
            seen: seen.clone(),
        };
        tokio::spawn(async move {
            for number in 0.. {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (content, seen, script) = (content.clone(), seen.clone(), script.clone());
                tokio::spawn(async move {
                    let _ = answer(stream, number, &content, &seen, script.as_ref()).await;
                });
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn answer(
    mut stream: TcpStream,
    number: usize,
    content: &Content,
    seen: &Mutex<Vec<Seen>>,
    script: &Script,
) -> std::io::Result<()> {
    let Some(request) = read_head(&mut stream).await? else {
        return Ok(());
    };
    seen.lock().unwrap().push(request.clone());
    match script(&request, number) {
        Reply::Raw(text) => stream.write_all(text.as_bytes()).await?,
        Reply::Content {
            ranges,
            cut_at,
            stall,
        } => {
            let start = if ranges {
                resume_at(&request, content)
            } else {
                0
            };
            let head = if start > 0 {
                format!(
                    "HTTP/1.1 206 Partial Content\r\ncontent-range: bytes {start}-{}/{}\r\n",
                    content.size - 1,
                    content.size
                )
            } else {
                "HTTP/1.1 200 OK\r\naccept-ranges: bytes\r\n".to_owned()
            };
            let head = format!(
                "{head}content-type: application/octet-stream\r\netag: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                content.etag(),
                content.size - start
            );
            stream.write_all(head.as_bytes()).await?;
            let end = cut_at
                .filter(|&cut| cut > start)
                .unwrap_or(content.size)
                .min(content.size);
            let mut position = start;
            while position < end {
                let part = content.at(position, (end - position).min(WRITE as u64) as usize);
                stream.write_all(part).await?;
                position += part.len() as u64;
            }
            stream.flush().await?;
            if let Some(stall) = stall {
                tokio::time::sleep(stall).await;
            }
        }
    }
    stream.shutdown().await
}

/// Where a `Range: bytes=N-` asks to start, when `If-Range` (if any) matches.
fn resume_at(request: &Seen, content: &Content) -> u64 {
    if request
        .header("if-range")
        .is_some_and(|tag| tag != content.etag())
    {
        return 0;
    }
    request
        .header("range")
        .and_then(|range| range.strip_prefix("bytes="))
        .and_then(|range| range.strip_suffix('-'))
        .and_then(|start| start.parse::<u64>().ok())
        .filter(|&start| start < content.size)
        .unwrap_or(0)
}

async fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Seen>> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > 64 * 1024 {
            return Ok(None);
        }
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .map_err(|_| std::io::Error::other("no request"))??;
        if read == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let path = request_line.next().unwrap_or_default().to_owned();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Ok(Some(Seen {
        method,
        path,
        headers,
    }))
}

/// A directory under the system's temporary one, removed with what it holds when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("postman-runtime-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        TempDir(path)
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
