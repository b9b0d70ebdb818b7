//! Downloads: a file that an API links to (a cloud recording's `download_url`, an export),
//! streamed to a file or to any async writer with the client's credentials, and resumed
//! where it stopped when the connection drops.

use std::fmt;
use std::io::{self, SeekFrom};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::{Duration, Instant};

use futures_util::future::{self, Either};
use http::header::{
    HeaderMap, HeaderValue, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_RANGE, ETAG, IF_RANGE,
    LAST_MODIFIED, RANGE,
};
use http::{Method, StatusCode};
use tokio::io::{AsyncSeekExt, AsyncWrite, AsyncWriteExt, BufWriter};
use tracing::field::Empty;
use tracing::Instrument;

use crate::auth::Credential;
use crate::client::{Client, Inner, Overrides};
use crate::error::{ApiError, DownloadError, Error, Stalled};
use crate::send::retry::{Attempt, Failed, Outcome};
use crate::send::safety::is_loopback;
use crate::send::transfer::{read_at_most, Interrupted};

/// The operation named in a download's errors.
const OPERATION: &str = "download";
/// How much of an error answer's body is kept in the error.
const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// The write buffer of a file: few, large writes for the blocking pool that files use.
const FILE_BUFFER: usize = 256 * 1024;
/// The wait for the answer and for each part of the body when the client has no timeout.
const DEFAULT_WAIT: Duration = Duration::from_secs(30);
/// The limit on a whole transfer, which is none: a request's own timeout replaces the one
/// built into the HTTP client, which would otherwise cut a long download short. (Ten years:
/// longer ones overflow the clocks of some systems.)
const NO_LIMIT: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

impl<A> Client<A> {
    /// Starts a download of `url`: a file the API links to, such as a cloud recording's
    /// `download_url`. Nothing is sent until [`Download::to_file`] or
    /// [`Download::to_writer`].
    ///
    /// ```no_run
    /// # async fn run(client: postman_runtime::Client) -> Result<(), postman_runtime::Error> {
    /// let done = client
    ///     .download("https://files.example.com/rec/download/abc")
    ///     .expected_size(412_873_216)
    ///     .progress(|p| eprintln!("{} of {:?} bytes", p.received, p.total))
    ///     .to_file("meeting.mp4")
    ///     .await?;
    /// println!("{} bytes, resumed {} times", done.size, done.resumed);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// See [`Download`] for what happens on the way.
    pub fn download(&self, url: impl Into<String>) -> Download<'_> {
        Download {
            inner: &self.inner,
            overrides: self.overrides.as_deref(),
            url: url.into(),
            expected_size: None,
            progress: None,
            credentials: true,
            timeout: None,
        }
    }
}

/// A download of one URL, configured with its methods and started by
/// [`to_file`](Self::to_file) or [`to_writer`](Self::to_writer).
///
/// - **Credentials.** The request carries the client's `Authorization` (a static token or
///   the current OAuth access token), so it goes only to `https` URLs, or plain http on a
///   loopback address (or with
///   [`allow_insecure_http`](crate::ClientBuilder::allow_insecure_http)). A redirect to
///   another host (or port) is followed without it. Default headers that carry credentials
///   by convention (`X-Api-Key`, names with `token` or `secret`) are not sent, since a
///   redirect would take them along. The URL never appears in errors or logs (its query may
///   hold a token): the `api.download` span has only its host.
///   [`without_credentials`](Self::without_credentials) sends none, for URLs that carry
///   their own (a signed URL, or Zoom's `download_access_token` in the query).
/// - **Memory.** The body is written as it arrives, a part at a time; a file is written
///   through a 256 KiB buffer. Memory stays the same whatever the size.
/// - **Resuming.** When the connection drops or stalls, the next attempt asks for the rest
///   with `Range: bytes=N-` (and `If-Range` with the first answer's `ETag` or
///   `Last-Modified`, so that changed content comes whole). A server that ignores the range
///   and sends everything again (`200`) starts the download over: a file is truncated, and
///   a writer, which cannot take back what it was given, has the bytes it already holds
///   skipped when the content is certainly the same (same validator, or same length), and
///   fails with [`DownloadError::Unusable`] otherwise.
/// - **Retries.** Under the client's (or the view's) [`RetryPolicy`](crate::RetryPolicy):
///   drops, timeouts, `429`, `5xx`. Attempts and time are counted from the latest progress,
///   so each resumed part that brings bytes starts the count again. A `401` with OAuth
///   renews the token and goes on.
/// - **Time.** The client's timeout (or the view's, or [`timeout`](Self::timeout)) bounds
///   the wait for the answer and for each part of the body, not the whole transfer, which
///   may take as long as it needs.
/// - **Size.** With [`expected_size`](Self::expected_size), an announced size that differs
///   is refused before anything is written, and so is a body that turns out longer or
///   shorter ([`DownloadError::WrongSize`]).
pub struct Download<'c> {
    inner: &'c Inner,
    overrides: Option<&'c Overrides>,
    url: String,
    expected_size: Option<u64>,
    progress: Option<Box<dyn FnMut(Progress) + Send + 'c>>,
    credentials: bool,
    timeout: Option<Duration>,
}

impl fmt::Debug for Download<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The host only: the path and query of a download URL may hold a token.
        let host = reqwest::Url::parse(&self.url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned));
        f.debug_struct("Download")
            .field("host", &host)
            .field("expected_size", &self.expected_size)
            .field("progress", &self.progress.is_some())
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// How far a download is, as handed to the [`progress`](Download::progress) callback after
/// each part of the body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// The bytes written so far. It goes back to 0 when the server sends the whole content
    /// again and a file starts over.
    pub received: u64,
    /// The whole size, when the server announced it.
    pub total: Option<u64>,
}

/// A completed download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downloaded {
    /// The bytes of the content.
    pub size: u64,
    /// How many times it went on from where a dropped connection left it.
    pub resumed: u32,
    /// How many times it started over because the server sent the whole content again.
    pub restarted: u32,
}

impl<'c> Download<'c> {
    /// The size the content must have, as the API gave it (a recording's `file_size`).
    pub fn expected_size(mut self, bytes: u64) -> Self {
        self.expected_size = Some(bytes);
        self
    }

    /// Called after each part of the body is written, with the bytes so far and the total
    /// when known. Keep it quick (update a progress bar, say): the download waits for it.
    pub fn progress(mut self, callback: impl FnMut(Progress) + Send + 'c) -> Self {
        self.progress = Some(Box::new(callback));
        self
    }

    /// Sends no credentials: for URLs that carry their own (a signed URL, or a
    /// `download_access_token` in the query). Plain http is then accepted too.
    pub fn without_credentials(mut self) -> Self {
        self.credentials = false;
        self
    }

    /// The longest wait for the answer and for each part of the body, instead of the
    /// client's (or the view's) timeout. The whole transfer has no limit.
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.timeout = Some(wait);
        self
    }

    /// Downloads into the file at `path`, replacing it once the download is complete. The
    /// content goes first to `path` with `.part` added, which is renamed to `path` at the
    /// end and removed when the download fails or is dropped, so that `path` only ever
    /// holds complete content.
    pub async fn to_file(self, path: impl AsRef<Path>) -> Result<Downloaded, Error> {
        let url = self.checked_url()?;
        let path = path.as_ref();
        let mut part = PartFile::new(path);
        let file = tokio::fs::File::create(&part.path)
            .await
            .map_err(DownloadError::Write)?;
        let sink = Sink::File(BufWriter::with_capacity(FILE_BUFFER, file));
        let done = self.run(&url, sink).await?;
        tokio::fs::rename(&part.path, path)
            .await
            .map_err(DownloadError::Write)?;
        part.keep();
        Ok(done)
    }

    /// Downloads into `writer`, which is flushed at the end (and not shut down). A writer
    /// cannot take content back: when a server sends everything again after a dropped
    /// connection, the bytes the writer already has are skipped, and a download whose
    /// content changed meanwhile fails with [`DownloadError::Unusable`].
    pub async fn to_writer<W>(self, writer: &mut W) -> Result<Downloaded, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let url = self.checked_url()?;
        self.run(&url, Sink::Writer(writer)).await
    }

    /// The URL, if the client's credentials may go to it.
    fn checked_url(&self) -> Result<reqwest::Url, Error> {
        let refuse = |reason: &str| Error::Download(DownloadError::Url(reason.to_owned()));
        let url = reqwest::Url::parse(&self.url).map_err(|_| refuse("is not a valid URL"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(refuse("holds a user name or password"));
        }
        match url.scheme() {
            "https" => Ok(url),
            "http" if !self.credentials || self.inner.allow_http || is_loopback(&url) => Ok(url),
            "http" => Err(refuse(
                "is plain http to a host that is not loopback, which would send the \
                 credentials in clear text (allow_insecure_http(true) on the client, or \
                 without_credentials() on the download, accepts it)",
            )),
            _ => Err(refuse("is not an http or https URL")),
        }
    }

    async fn run(self, url: &reqwest::Url, sink: Sink<'_>) -> Result<Downloaded, Error> {
        if let Some(reason) = self.overrides.and_then(|o| o.invalid.as_ref()) {
            return Err(Error::Config(reason.clone()));
        }
        let wait = self
            .timeout
            .or(self.overrides.and_then(|o| o.timeout))
            .or(self.inner.timeout)
            .unwrap_or(DEFAULT_WAIT);
        let retry = self
            .overrides
            .and_then(|o| o.retry.as_ref())
            .unwrap_or(&self.inner.retry);
        let span = tracing::info_span!(
            "api.download",
            api = self.inner.defaults.name,
            host = url.host_str().unwrap_or_default(),
            attempt = Empty,
            status = Empty,
        );
        let mut transfer = Transfer {
            inner: self.inner,
            overrides: self.overrides,
            url,
            credentials: self.credentials,
            wait,
            expected: self.expected_size,
            progress: self.progress,
            sink,
            span: span.clone(),
            state: State::default(),
        };
        let outcome = retry
            .run(&mut transfer, true, &span)
            .instrument(span.clone())
            .await;
        match outcome {
            Ok(()) => {
                transfer.sink.finish().await.map_err(DownloadError::Write)?;
                Ok(Downloaded {
                    size: transfer.state.received,
                    resumed: transfer.state.resumed,
                    restarted: transfer.state.restarted,
                })
            }
            Err(Failed::Status(status, headers, body)) => Err(Error::Api(Box::new(ApiError::new(
                OPERATION,
                status,
                headers,
                body,
                &self.inner.defaults,
            )))),
            // Each wait has its own timer (a stall), so a timeout here is the connection's.
            Err(Failed::Transport(source)) => Err(Error::transport(OPERATION, source, None)),
            Err(Failed::Interrupted(cut)) => Err(cut.into_error(OPERATION)),
            Err(Failed::Fatal(error)) => Err(error),
        }
    }
}

/// Where the content goes.
enum Sink<'w> {
    File(BufWriter<tokio::fs::File>),
    Writer(&'w mut (dyn AsyncWrite + Unpin + Send)),
}

impl Sink<'_> {
    async fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::File(file) => file.write_all(bytes).await,
            Sink::Writer(writer) => writer.write_all(bytes).await,
        }
    }

    /// Empties the file, to be written again from its first byte; `false` for a writer,
    /// which cannot start over.
    async fn start_over(&mut self) -> io::Result<bool> {
        match self {
            Sink::File(file) => {
                file.flush().await?;
                file.get_mut().set_len(0).await?;
                file.seek(SeekFrom::Start(0)).await?;
                Ok(true)
            }
            Sink::Writer(_) => Ok(false),
        }
    }

    async fn finish(&mut self) -> io::Result<()> {
        match self {
            Sink::File(file) => file.flush().await,
            Sink::Writer(writer) => writer.flush().await,
        }
    }
}

/// The `.part` file a download writes into; removed when dropped unless kept.
struct PartFile {
    path: PathBuf,
    keep: bool,
}

impl PartFile {
    fn new(target: &Path) -> PartFile {
        let mut name = target.as_os_str().to_owned();
        name.push(".part");
        PartFile {
            path: PathBuf::from(name),
            keep: false,
        }
    }

    fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.keep {
            // Nothing to report to: the download's own error (or its cancellation) is
            // what the caller sees, and a leftover `.part` file is harmless.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// What a download knows between attempts.
#[derive(Default)]
struct State {
    /// Bytes written, which is where the next attempt resumes.
    received: u64,
    /// The whole size, once a server announced it.
    total: Option<u64>,
    /// The content's `ETag` (strong ones only) or `Last-Modified`, sent back as `If-Range`.
    validator: Option<HeaderValue>,
    /// Ask for the whole content next time: the range asked for no longer exists.
    from_start: bool,
    resumed: u32,
    restarted: u32,
    /// A refused token is renewed once between two steps of progress.
    token_renewed: bool,
    /// Bytes arrived during the latest attempt.
    progressed: bool,
}

/// A download, as sent again and again by the retry loop, each attempt going on from where
/// the previous one stopped.
struct Transfer<'a, 'w> {
    inner: &'a Inner,
    overrides: Option<&'a Overrides>,
    url: &'a reqwest::Url,
    credentials: bool,
    wait: Duration,
    expected: Option<u64>,
    progress: Option<Box<dyn FnMut(Progress) + Send + 'a>>,
    sink: Sink<'w>,
    span: tracing::Span,
    state: State,
}

impl Attempt for Transfer<'_, '_> {
    type Output = ();

    async fn attempt(&mut self, _number: u32) -> Outcome<()> {
        let credential = if self.credentials {
            match self.inner.auth.credential().await {
                Ok(credential) => credential,
                Err(error) => return Outcome::Fatal(error),
            }
        } else {
            None
        };
        let request = self.request(credential.as_ref());
        let resuming = request.headers().contains_key(RANGE);
        let answer = tokio::time::timeout(self.wait, self.inner.http.execute(request)).await;
        let mut response = match answer {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return Outcome::Transport(error),
            Err(_) => return self.interrupted(Stalled(self.wait)),
        };
        self.span.record("status", response.status().as_u16());
        match self
            .accept(&mut response, credential.as_ref(), resuming)
            .await
        {
            Ok(skip) => self.stream(response, skip).await,
            Err(outcome) => outcome,
        }
    }

    fn progressed(&mut self) -> bool {
        let progressed = std::mem::take(&mut self.state.progressed);
        if progressed {
            self.state.token_renewed = false;
        }
        progressed
    }
}

impl Transfer<'_, '_> {
    /// The request of one attempt: the rest of the content when some has arrived.
    fn request(&self, credential: Option<&Credential>) -> reqwest::Request {
        let mut request = reqwest::Request::new(Method::GET, self.url.clone());
        *request.timeout_mut() = Some(NO_LIMIT);
        let headers = request.headers_mut();
        for (name, value) in &self.inner.headers {
            if !value.is_sensitive() {
                headers.append(name, value.clone());
            }
        }
        if let Some(overrides) = self.overrides {
            headers.extend(overrides.headers.clone());
        }
        // The bytes as stored: ranges and sizes are those of the stored file.
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        if let Some(credential) = credential {
            headers.insert(AUTHORIZATION, credential.header.clone());
        }
        let state = &self.state;
        if state.received > 0 && !state.from_start {
            headers.insert(RANGE, HeaderValue::from(ByteRange(state.received)));
            if let Some(validator) = &state.validator {
                headers.insert(IF_RANGE, validator.clone());
            }
        }
        request
    }

    /// Checks the answer's status and headers; the bytes of its body to skip (already
    /// written), or how the attempt ends.
    async fn accept(
        &mut self,
        response: &mut reqwest::Response,
        credential: Option<&Credential>,
        resuming: bool,
    ) -> Result<u64, Outcome<()>> {
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED && !self.state.token_renewed {
            if let Some(credential) = credential.filter(|_| self.inner.auth.renewable()) {
                self.inner.auth.reject(credential);
                self.state.token_renewed = true;
                tracing::info!("401: renewing the access token and going on");
                return Err(Outcome::Again);
            }
        }
        if status == StatusCode::RANGE_NOT_SATISFIABLE && resuming {
            if self.state.total == Some(self.state.received) {
                // Everything had arrived when the connection dropped.
                return Err(Outcome::Done(()));
            }
            tracing::warn!("the server cannot resume at this byte; starting over");
            self.state.from_start = true;
            self.state.validator = None;
            return Err(Outcome::Again);
        }
        if !status.is_success() {
            let headers = std::mem::take(response.headers_mut());
            let body = read_at_most(response, ERROR_BODY_LIMIT).await;
            return Err(Outcome::Status(status, headers, body));
        }
        if status == StatusCode::PARTIAL_CONTENT {
            self.resume(response.headers()).map_err(Outcome::from)
        } else {
            self.start(response).await
        }
    }

    /// A `206`: the content from the byte its `Content-Range` says.
    fn resume(&mut self, headers: &HeaderMap) -> Result<u64, Stop> {
        let Some((start, total)) = content_range(headers) else {
            return Err(Stop::unusable(
                "the server's partial answer has no readable Content-Range".to_owned(),
            ));
        };
        let received = self.state.received;
        if start > received {
            return Err(Stop::unusable(format!(
                "the server resumed at byte {start}, after the {received} bytes received"
            )));
        }
        if let Some(total) = total {
            self.check_announced(total)?;
            if self.state.total.is_some_and(|known| known != total) {
                // The content changed: all of the new one is needed.
                tracing::warn!("the content's size changed; starting over");
                self.state.from_start = true;
                self.state.validator = None;
                return Err(Stop::Again);
            }
            self.state.total = Some(total);
        }
        if received > 0 {
            self.state.resumed += 1;
            tracing::info!(at = received, "resuming");
        }
        Ok(received - start)
    }

    /// A `200` (or another 2xx): the whole content, from its first byte. After a resumed
    /// request it means the server ignored the range, or the content changed.
    async fn start(&mut self, response: &reqwest::Response) -> Result<u64, Outcome<()>> {
        let total = response.content_length();
        if let Some(total) = total {
            self.check_announced(total).map_err(Outcome::from)?;
        }
        let validator = validator(response.headers());
        let mut skip = 0;
        let mut emptied = false;
        if self.state.received > 0 {
            match self.sink.start_over().await {
                Ok(true) => {
                    tracing::warn!("the server sent the whole content again; starting over");
                    self.state.received = 0;
                    emptied = true;
                }
                Ok(false) if self.is_unchanged(validator.as_ref(), total) => {
                    tracing::warn!(
                        "the server sent the whole content again; skipping what the writer has"
                    );
                    skip = self.state.received;
                }
                Ok(false) => {
                    return Err(unusable(
                        "the server sent the whole content again, which may have changed, \
                         and a writer cannot start over"
                            .to_owned(),
                    ))
                }
                Err(error) => return Err(Outcome::Fatal(DownloadError::Write(error).into())),
            }
            self.state.restarted += 1;
        }
        self.state.total = total;
        self.state.validator = validator;
        self.state.from_start = false;
        if emptied {
            self.report();
        }
        Ok(skip)
    }

    /// Whether content sent again is certainly the one the writer has: the same validator,
    /// or, where neither answer has one, the same announced size.
    fn is_unchanged(&self, validator: Option<&HeaderValue>, total: Option<u64>) -> bool {
        match (self.state.validator.as_ref(), validator) {
            (Some(before), Some(now)) => before == now,
            (None, None) => total.is_some() && total == self.state.total,
            _ => false,
        }
    }

    /// Writes the body as it arrives, after skipping `skip` bytes the sink already has.
    async fn stream(&mut self, mut response: reqwest::Response, mut skip: u64) -> Outcome<()> {
        let mut stall = StallTimer::new(self.wait);
        loop {
            let chunk = {
                let next = std::pin::pin!(response.chunk());
                let expired = std::pin::pin!(stall.expired());
                // The body first: data that is there wins over a timer that fired meanwhile.
                match future::select(next, expired).await {
                    Either::Left((chunk, _)) => chunk,
                    Either::Right(((), _)) => return self.interrupted(Stalled(self.wait)),
                }
            };
            let chunk = match chunk {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                // Every byte of the content is there: what broke came after it (a resumed
                // part announced longer than the rest, a connection reset after the last
                // byte). The content is whole; calling it cut short would say "N of N".
                Err(_) if skip == 0 && self.state.total == Some(self.state.received) => break,
                Err(error) => return self.interrupted(error.without_url()),
            };
            stall.saw_data();
            let skipped = skip.min(chunk.len() as u64);
            skip -= skipped;
            let data = &chunk[skipped as usize..];
            if data.is_empty() {
                continue;
            }
            let received = self.state.received + data.len() as u64;
            if let Some(expected) = self.expected.filter(|&expected| received > expected) {
                return wrong_size(expected, received);
            }
            if let Err(error) = self.sink.write(data).await {
                return Outcome::Fatal(DownloadError::Write(error).into());
            }
            self.state.received = received;
            self.state.progressed = true;
            self.report();
        }
        if skip > 0 {
            return unusable(
                "the content sent again is shorter than what the writer already has".to_owned(),
            );
        }
        let received = self.state.received;
        if self.state.total.is_some_and(|total| received < total) {
            // A part that ends before the whole content (some servers cap each answer).
            return self.interrupted(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the answer ended before the announced size",
            ));
        }
        match self.expected {
            Some(expected) if expected != received => wrong_size(expected, received),
            _ => Outcome::Done(()),
        }
    }

    fn check_announced(&self, total: u64) -> Result<(), Stop> {
        match self.expected {
            Some(expected) if expected != total => Err(Stop::Fatal(
                DownloadError::WrongSize {
                    expected,
                    actual: total,
                }
                .into(),
            )),
            _ => Ok(()),
        }
    }

    fn interrupted(&self, cause: impl Into<crate::error::BoxError>) -> Outcome<()> {
        Outcome::Interrupted(Interrupted::new(
            self.state.received,
            self.state.total,
            cause,
        ))
    }

    fn report(&mut self) {
        if let Some(progress) = &mut self.progress {
            progress(Progress {
                received: self.state.received,
                total: self.state.total,
            });
        }
    }
}

/// The limit on a wait for data: one timer for the whole body, moved on only when it
/// fires, since arming a timer for each part costs more than the part's own handling.
struct StallTimer {
    wait: Duration,
    last_data: Instant,
    timer: Pin<Box<tokio::time::Sleep>>,
}

impl StallTimer {
    fn new(wait: Duration) -> StallTimer {
        StallTimer {
            wait,
            last_data: Instant::now(),
            timer: Box::pin(tokio::time::sleep(wait)),
        }
    }

    fn saw_data(&mut self) {
        self.last_data = Instant::now();
    }

    /// Completes once `wait` has passed without data.
    async fn expired(&mut self) {
        loop {
            self.timer.as_mut().await;
            let due = self.last_data + self.wait;
            if Instant::now() >= due {
                return;
            }
            self.timer.as_mut().reset(due.into());
        }
    }
}

/// Why an answer's headers end an attempt before its body is read.
enum Stop {
    /// Ask again at once (for the whole content).
    Again,
    Fatal(Error),
}

impl Stop {
    fn unusable(reason: String) -> Stop {
        Stop::Fatal(DownloadError::Unusable(reason).into())
    }
}

impl From<Stop> for Outcome<()> {
    fn from(stop: Stop) -> Outcome<()> {
        match stop {
            Stop::Again => Outcome::Again,
            Stop::Fatal(error) => Outcome::Fatal(error),
        }
    }
}

fn wrong_size(expected: u64, actual: u64) -> Outcome<()> {
    Outcome::Fatal(DownloadError::WrongSize { expected, actual }.into())
}

fn unusable(reason: String) -> Outcome<()> {
    Outcome::Fatal(DownloadError::Unusable(reason).into())
}

/// `bytes=N-`: everything from byte `N` on.
struct ByteRange(u64);

impl From<ByteRange> for HeaderValue {
    fn from(range: ByteRange) -> HeaderValue {
        let text = format!("bytes={}-", range.0);
        // Digits and ASCII punctuation only: always a valid header value.
        HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("bytes=0-"))
    }
}

/// The first byte and the whole size of a `Content-Range: bytes FIRST-LAST/SIZE` (the size
/// may be `*`, unknown).
fn content_range(headers: &HeaderMap) -> Option<(u64, Option<u64>)> {
    let value = headers.get(CONTENT_RANGE)?.to_str().ok()?.trim();
    let range = value.strip_prefix("bytes")?.trim_start();
    let (span, size) = range.split_once('/')?;
    let (first, last) = span.trim().split_once('-')?;
    let first: u64 = first.trim().parse().ok()?;
    let last: u64 = last.trim().parse().ok()?;
    if last < first {
        return None;
    }
    let size = match size.trim() {
        "*" => None,
        size => Some(size.parse::<u64>().ok().filter(|&size| size > last)?),
    };
    Some((first, size))
}

/// What identifies this version of the content for `If-Range`: a strong `ETag`, or else
/// `Last-Modified` (weak ETags cannot be used for ranges).
fn validator(headers: &HeaderMap) -> Option<HeaderValue> {
    if let Some(etag) = headers.get(ETAG) {
        if !etag.as_bytes().starts_with(b"W/") {
            return Some(etag.clone());
        }
    }
    headers.get(LAST_MODIFIED).cloned()
}

#[cfg(test)]
mod tests;
