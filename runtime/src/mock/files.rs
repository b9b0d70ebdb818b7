//! Files the mock serves for the download URLs of its examples: content generated from the
//! URL's path (the same bytes every time, never stored), of the size the example gives,
//! with `Range` requests answered.

use std::collections::HashMap;
use std::convert::Infallible;

use bytes::Bytes;
use http::header::{
    HeaderValue, ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, ETAG, IF_RANGE, RANGE,
};
use http::{Method, Request, Response, StatusCode};
use http_body_util::StreamBody;
use hyper::body::Frame;
use serde_json::Value;

use super::MockApi;

/// The size of each part of a served file.
const CHUNK: usize = 64 * 1024;

/// Which fields of an example's objects name a file and its size (Zoom's recording files:
/// `download_url` and `file_size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileFields {
    url: &'static str,
    size: &'static str,
}

/// How a [`MockServer`](super::MockServer) is started, beyond the routes it serves.
///
/// ```no_run
/// use postman_runtime::mock::{MockApi, MockOptions, MockServer};
///
/// static API: MockApi = MockApi { base_path: "/v2", routes: &[] };
///
/// # async fn run() -> Result<(), postman_runtime::mock::MockError> {
/// let options = MockOptions::new().serve_files("download_url", "file_size");
/// let server = MockServer::start_with(&API, options).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct MockOptions {
    files: Option<FileFields>,
}

impl MockOptions {
    /// The options of [`MockServer::start`](super::MockServer::start): examples only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves a file for every download URL in the examples: wherever an example's JSON
    /// has an object with a string `url_field` and a whole number `size_field`, the path
    /// of that URL (whatever its host) answers `GET` and `HEAD` with that many bytes, generated
    /// from the path (the same bytes every time, never stored), with `Range` requests
    /// answered (`206`, or `416` past the end), an `ETag`, and `If-Range` honoured.
    ///
    /// The examples' bodies are served as the collection has them, with their URLs' hosts
    /// unchanged; [`MockServer::url_for`](super::MockServer::url_for) gives the mock's
    /// address for such a URL.
    pub fn serve_files(mut self, url_field: &'static str, size_field: &'static str) -> Self {
        self.files = Some(FileFields {
            url: url_field,
            size: size_field,
        });
        self
    }

    pub(super) fn files(&self, api: &MockApi) -> Files {
        match self.files {
            Some(fields) => Files::from_examples(api, fields),
            None => Files::default(),
        }
    }
}

/// The files a mock serves, by path.
#[derive(Debug, Default)]
pub(super) struct Files {
    sizes: HashMap<String, u64>,
}

/// The body of a served file: generated a part at a time as it is sent.
pub(super) type FileBody = StreamBody<futures_util::stream::Iter<Parts>>;

impl Files {
    fn from_examples(api: &MockApi, fields: FileFields) -> Files {
        let mut files = Files::default();
        let bodies = api
            .routes
            .iter()
            .flat_map(|route| route.examples)
            .map(|example| example.body);
        for body in bodies {
            if let Ok(value) = serde_json::from_str::<Value>(body) {
                files.collect(&value, fields);
            }
        }
        files
    }

    /// Adds the files that `value` names, at any depth; the first size given for a path wins.
    fn collect(&mut self, value: &Value, fields: FileFields) {
        match value {
            Value::Object(object) => {
                let url = object.get(fields.url).and_then(Value::as_str);
                let size = object.get(fields.size).and_then(Value::as_u64);
                if let (Some(url), Some(size)) = (url, size) {
                    if let Ok(url) = reqwest::Url::parse(url) {
                        self.sizes.entry(url.path().to_owned()).or_insert(size);
                    }
                }
                object
                    .values()
                    .for_each(|value| self.collect(value, fields));
            }
            Value::Array(items) => items.iter().for_each(|value| self.collect(value, fields)),
            _ => {}
        }
    }

    /// The answer for a request of a file's path, or `None` when it is not one.
    pub(super) fn answer<B>(&self, request: &Request<B>) -> Option<Response<FileBody>> {
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let path = request.uri().path();
        let size = *self.sizes.get(path)?;
        let seed = seed(path);
        let etag = format!("\"{seed:016x}-{size}\"");
        let header = |name| {
            request
                .headers()
                .get(name)
                .and_then(|value: &HeaderValue| value.to_str().ok())
        };
        let wanted = match header(RANGE) {
            // A range is only for the version it was asked against.
            Some(_) if header(IF_RANGE).is_some_and(|tag| tag != etag) => Wanted::Whole,
            Some(range) => parse_range(range, size),
            None => Wanted::Whole,
        };
        let (status, start, end) = match wanted {
            Wanted::Whole => (StatusCode::OK, 0, size),
            Wanted::Part(start, end) => (StatusCode::PARTIAL_CONTENT, start, end),
            Wanted::Unsatisfiable => return Some(unsatisfiable(size)),
        };
        let parts = if method == Method::HEAD {
            Parts::empty()
        } else {
            Parts::new(seed, start, end)
        };
        let mut response = Response::new(StreamBody::new(futures_util::stream::iter(parts)));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        );
        headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(end - start));
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            headers.insert(ETAG, etag);
        }
        if status == StatusCode::PARTIAL_CONTENT {
            let range = format!("bytes {start}-{}/{size}", end - 1);
            if let Ok(range) = HeaderValue::from_str(&range) {
                headers.insert(CONTENT_RANGE, range);
            }
        }
        Some(response)
    }
}

fn unsatisfiable(size: u64) -> Response<FileBody> {
    let mut response = Response::new(StreamBody::new(futures_util::stream::iter(Parts::empty())));
    *response.status_mut() = StatusCode::RANGE_NOT_SATISFIABLE;
    if let Ok(range) = HeaderValue::from_str(&format!("bytes */{size}")) {
        response.headers_mut().insert(CONTENT_RANGE, range);
    }
    response
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    Whole,
    /// Bytes `start..end`.
    Part(u64, u64),
    Unsatisfiable,
}

/// Reads one range (`bytes=A-B`, `bytes=A-`, `bytes=-N`). Several ranges, or a header that
/// cannot be read, get the whole file, as the standard allows.
fn parse_range(header: &str, size: u64) -> Wanted {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Wanted::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let number = |text: &str| text.parse::<u64>().ok();
    let (start, end) = match (first.is_empty(), last.is_empty()) {
        // The last N bytes.
        (true, false) => match number(last) {
            Some(0) => return Wanted::Unsatisfiable,
            Some(n) => (size.saturating_sub(n), size),
            None => return Wanted::Whole,
        },
        (false, _) => {
            let Some(start) = number(first) else {
                return Wanted::Whole;
            };
            let end = if last.is_empty() {
                size
            } else {
                match number(last) {
                    Some(last) if last >= start => last.saturating_add(1).min(size),
                    _ => return Wanted::Whole,
                }
            };
            (start, end)
        }
        (true, true) => return Wanted::Whole,
    };
    if start >= size {
        return Wanted::Unsatisfiable;
    }
    Wanted::Part(start, end)
}

/// A file's content from `next` to `end`, in parts of 64 KiB.
#[derive(Debug)]
pub(super) struct Parts {
    seed: u64,
    next: u64,
    end: u64,
}

impl Parts {
    fn new(seed: u64, start: u64, end: u64) -> Parts {
        Parts {
            seed,
            next: start,
            end,
        }
    }

    fn empty() -> Parts {
        Parts::new(0, 0, 0)
    }
}

impl Iterator for Parts {
    type Item = Result<Frame<Bytes>, Infallible>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let length = (self.end - self.next).min(CHUNK as u64) as usize;
        let mut part = vec![0; length];
        fill(self.seed, self.next, &mut part);
        self.next += length as u64;
        Some(Ok(Frame::data(Bytes::from(part))))
    }
}

/// A number for each path, from which its content is generated (FNV-1a).
fn seed(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Fills `out` with the file's bytes from `offset` on: each 8-byte word is a hash of its
/// index (splitmix64), so that any range is generated without the bytes before it.
fn fill(seed: u64, offset: u64, out: &mut [u8]) {
    let mut position = offset;
    let mut written = 0;
    while written < out.len() {
        let word = mix(seed ^ (position / 8).wrapping_mul(0x9E37_79B9_7F4A_7C15)).to_le_bytes();
        let from = (position % 8) as usize;
        let count = (8 - from).min(out.len() - written);
        out[written..written + count].copy_from_slice(&word[from..from + count]);
        written += count;
        position += count as u64;
    }
}

fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_the_standard_says() {
        assert_eq!(parse_range("bytes=0-99", 1000), Wanted::Part(0, 100));
        assert_eq!(parse_range("bytes=900-", 1000), Wanted::Part(900, 1000));
        assert_eq!(parse_range("bytes=900-5000", 1000), Wanted::Part(900, 1000));
        assert_eq!(parse_range("bytes=-100", 1000), Wanted::Part(900, 1000));
        assert_eq!(parse_range("bytes=-5000", 1000), Wanted::Part(0, 1000));
        assert_eq!(parse_range("bytes=1000-", 1000), Wanted::Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), Wanted::Unsatisfiable);
        assert_eq!(parse_range("bytes=5-2", 1000), Wanted::Whole);
        assert_eq!(parse_range("bytes=0-1,5-6", 1000), Wanted::Whole);
        assert_eq!(parse_range("items=0-1", 1000), Wanted::Whole);
        assert_eq!(parse_range("bytes=x-", 1000), Wanted::Whole);
    }

    #[test]
    fn any_range_of_the_content_is_the_same_bytes() {
        let seed = seed("/rec/download/abc");
        let mut whole = vec![0; 1000];
        fill(seed, 0, &mut whole);
        for (start, end) in [(0, 1), (3, 17), (8, 16), (999, 1000), (123, 877)] {
            let mut part = vec![0; end - start];
            fill(seed, start as u64, &mut part);
            assert_eq!(part, whole[start..end], "{start}..{end}");
        }
        let mut other = vec![0; 1000];
        fill(self::seed("/rec/download/xyz"), 0, &mut other);
        assert_ne!(whole, other, "each path has its own content");
    }

    #[test]
    fn download_urls_are_found_at_any_depth() {
        let mut files = Files::default();
        let fields = FileFields {
            url: "download_url",
            size: "file_size",
        };
        let example = serde_json::json!({
            "meetings": [{"recording_files": [
                {"download_url": "https://files.example.com/rec/download/a?x=1", "file_size": 10},
                {"download_url": "not a url", "file_size": 5},
                {"download_url": "https://files.example.com/rec/download/b", "file_size": -1},
            ]}]
        });
        files.collect(&example, fields);
        assert_eq!(files.sizes.len(), 1);
        assert_eq!(files.sizes["/rec/download/a"], 10);
    }
}
