//! Reading response bodies while counting what arrived, so that a body that stops early is
//! told apart from one that cannot be decoded, and can be tried again.

use bytes::{Bytes, BytesMut};

use crate::error::BoxError;

/// The most a body is given room for before its first bytes arrive: a `Content-Length` is
/// only a claim, and a huge one must not reserve memory that nothing fills.
const MAX_PREALLOCATION: u64 = 1 << 20;

/// A body that stopped before its end: the connection broke or closed early, or no data came
/// within the time allowed.
#[derive(Debug)]
pub(crate) struct Interrupted {
    /// The bytes that arrived (for a download, all of them so far, resumed parts included).
    pub(crate) received: u64,
    /// The length the response announced, when it did.
    pub(crate) expected: Option<u64>,
    /// What stopped it, without any URL.
    pub(crate) cause: BoxError,
}

impl Interrupted {
    pub(crate) fn new(received: u64, expected: Option<u64>, cause: impl Into<BoxError>) -> Self {
        Interrupted {
            received,
            expected,
            cause: cause.into(),
        }
    }

    pub(crate) fn into_error(self, operation: &'static str) -> crate::Error {
        crate::Error::IncompleteBody {
            operation,
            received: self.received,
            expected: self.expected,
            source: self.cause,
        }
    }
}

/// Reads a whole body, counting the bytes as they arrive. A body that arrives in one piece
/// (most API answers) is returned without a copy.
pub(crate) async fn read_body(response: &mut reqwest::Response) -> Result<Bytes, Interrupted> {
    let expected = response.content_length();
    let cut = |received: usize, error: reqwest::Error| {
        Interrupted::new(received as u64, expected, error.without_url())
    };
    // Every announced byte arrived: what broke came after the body (an HTTP/2 stream reset
    // after its last frame, a timer that fired before the end was seen), which is whole.
    let whole = |received: usize| expected == Some(received as u64);
    let first = match response.chunk().await {
        Ok(Some(first)) => first,
        Ok(None) => return Ok(Bytes::new()),
        Err(_) if whole(0) => return Ok(Bytes::new()),
        Err(error) => return Err(cut(0, error)),
    };
    let second = match response.chunk().await {
        Ok(Some(second)) => second,
        Ok(None) => return Ok(first),
        Err(_) if whole(first.len()) => return Ok(first),
        Err(error) => return Err(cut(first.len(), error)),
    };
    let room = expected.unwrap_or(0).min(MAX_PREALLOCATION) as usize;
    let mut body = BytesMut::with_capacity(room.max(first.len() + second.len()));
    body.extend_from_slice(&first);
    body.extend_from_slice(&second);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body.freeze()),
            Err(_) if whole(body.len()) => return Ok(body.freeze()),
            Err(error) => return Err(cut(body.len(), error)),
        }
    }
}

/// Reads at most `limit` bytes of a body and drops the rest: for error answers to
/// downloads, whose bodies are kept in the error but may be of any size.
pub(crate) async fn read_at_most(response: &mut reqwest::Response, limit: usize) -> Bytes {
    let mut body = BytesMut::new();
    while body.len() < limit {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            // What arrived is all the error will have: the status says what went wrong.
            Ok(None) | Err(_) => break,
        }
    }
    body.freeze()
}
