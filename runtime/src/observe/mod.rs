//! Observing what an API really sends: the shape of every JSON response body, per
//! operation and status, merged in memory and written to a file that
//! `postman-codegen learn` folds into the next build's types.
//!
//! Opt-in, and private by default: only shapes are kept (member names, JSON kinds, how
//! often each was seen), never a value, unless values are asked for by path
//! ([`Observer::record_values_of`], for enum candidates such as a status field). Memory is
//! bounded whatever the traffic: shapes are merged, not appended, an object position keeps
//! at most 256 member names (of at most 256 bytes each; values asked for, too), nesting is
//! followed 32 levels deep, and an observer makes at most 50,000 nodes in all. After the first 100 bodies of an operation and status, one in
//! 50 is recorded: shapes settle early, and a busy client then pays for one walk in fifty;
//! a body that arrives while another is being recorded is let go, so a call never waits.
//!
//! # The file
//!
//! One JSON document per observer (several processes never share a file; `learn` merges any
//! number of them):
//!
//! ```json
//! {
//!   "format": "postman-observations",
//!   "version": 1,
//!   "api": "zoom",
//!   "operations": {
//!     "users::list_users": {
//!       "200": { "count": 3, "kinds": { "object": 3 }, "fields": { "users": {
//!         "count": 3, "kinds": { "array": 3 },
//!         "items": { "count": 90, "kinds": { "object": 90 }, "fields": { "id": {
//!           "count": 90, "kinds": { "string": 90 } } } } } } }
//!     }
//!   }
//! }
//! ```
//!
//! Operations are keyed by their ids (`module::function`), then by status. Each position
//! of a body is a node: `count` (values seen there; for a member, the objects it was in),
//! `kinds` (`null`, `boolean`, `integer` for a number written without `.`, `e` or `E`,
//! `number`, `string`, `object`, `array`: how many values had each; zero counts are left
//! out), `fields` (an object's members, each a node: a member whose `count` is below its
//! object's `kinds.object` was absent from the rest), `items` (every item of every list
//! there, merged), `values` (only for the paths asked for: each value's text and how often
//! it came, at most 64), and `fields_truncated` / `values_truncated` when a bound was hit.
//! Merging two files adds counts and merges members, so it is associative and commutative.
//!
//! The file is rewritten (atomically: a temporary file, then a rename) when a body changed
//! the shape (at most ten times a second), at most once a second for counts alone, when
//! [`Observer::flush`] is called, and when the last client holding the observer is dropped.

mod fields;
mod shape;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use fields::Fields;
pub use shape::{Kinds, Node};

/// The name of the observation format, as the file states it.
pub const FORMAT: &str = "postman-observations";
/// The version of the observation format this runtime writes.
pub const FORMAT_VERSION: u32 = 1;

/// Bodies recorded in full for each operation and status before sampling starts.
const RECORDED_IN_FULL: u64 = 100;
/// After those, one body in this many is recorded.
const SAMPLE_ONE_IN: u64 = 50;
/// Nodes an observer makes at most, over every operation.
const NODE_BUDGET: usize = 50_000;
/// Counts alone are written at most this often.
const WRITE_INTERVAL: Duration = Duration::from_secs(1);
/// A changed shape is written at most this often: a server that sends new member names in
/// every answer would otherwise have the file rewritten on every call.
const SHAPE_WRITE_INTERVAL: Duration = Duration::from_millis(100);

/// An observation file: what [`Observer`] writes and `postman-codegen learn` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observations {
    pub format: String,
    pub version: u32,
    pub api: String,
    /// Operation id -> status -> the shape of its bodies.
    pub operations: BTreeMap<String, BTreeMap<String, Node>>,
}

impl Observations {
    fn new(api: &str) -> Self {
        Observations {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            api: api.to_owned(),
            operations: BTreeMap::new(),
        }
    }

    /// Adds `other`'s observations to these.
    pub fn merge(&mut self, other: &Observations) {
        for (operation, statuses) in &other.operations {
            let mine = self.operations.entry(operation.clone()).or_default();
            for (status, node) in statuses {
                mine.entry(status.clone()).or_default().merge(node);
            }
        }
    }
}

/// Records the shapes of the response bodies of the clients it is given to
/// ([`ClientBuilder::observe`](crate::ClientBuilder::observe)), and writes them to a file
/// when it was made with [`to_directory`](Self::to_directory). Cheap to clone: clones
/// share what was recorded.
///
/// A client also observes when the environment variable `<API>_OBSERVE` names a folder
/// (`ZOOM_OBSERVE` for the `zoom` API: its name in upper case, other characters as `_`), with
/// the paths of `<API>_OBSERVE_VALUES` (comma-separated) recorded with their values. So a
/// test suite or a staging deployment turns it on without a change to its code.
#[derive(Clone)]
pub struct Observer {
    shared: Arc<Shared>,
}

struct Shared {
    value_paths: Vec<String>,
    file: Option<PathBuf>,
    state: Mutex<State>,
}

struct State {
    observations: Observations,
    /// Bodies offered per operation and status.
    seen: BTreeMap<(&'static str, u16), u64>,
    node_budget: usize,
    dirty: bool,
    last_write: Option<Instant>,
    write_failed: bool,
}

impl fmt::Debug for Observer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observer")
            .field("file", &self.shared.file)
            .field("value_paths", &self.shared.value_paths)
            .finish_non_exhaustive()
    }
}

impl Observer {
    /// An observer that keeps what it records in memory ([`observations`](Self::observations)).
    pub fn in_memory(api: &str) -> Self {
        Self::with_file(api, None)
    }

    /// An observer that writes to a new file in `directory` (made if missing), named
    /// `<api>-<process id>-<time>-<n>.observations.json`, so that processes and runs never
    /// write over each other.
    pub fn to_directory(api: &str, directory: impl AsRef<Path>) -> io::Result<Self> {
        static MADE: AtomicU64 = AtomicU64::new(0);
        let directory = directory.as_ref();
        std::fs::create_dir_all(directory)?;
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let name = format!(
            "{}-{}-{millis}-{}.observations.json",
            file_safe(api),
            std::process::id(),
            MADE.fetch_add(1, Ordering::Relaxed)
        );
        Ok(Self::with_file(api, Some(directory.join(name))))
    }

    fn with_file(api: &str, file: Option<PathBuf>) -> Self {
        Observer {
            shared: Arc::new(Shared {
                value_paths: Vec::new(),
                file,
                state: Mutex::new(State {
                    observations: Observations::new(api),
                    seen: BTreeMap::new(),
                    node_budget: NODE_BUDGET,
                    dirty: false,
                    last_write: None,
                    write_failed: false,
                }),
            }),
        }
    }

    /// Also records the values at these paths of a body: a member name, `.` between names,
    /// `[]` for the items of a list (`users[].status`, `status`, `settings.audio`).
    /// Values are written to the file as they came: ask only for fields that hold no
    /// personal data.
    ///
    /// Call it before the observer is given to a client.
    pub fn record_values_of<I, S>(mut self, paths: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let paths = paths.into_iter().map(Into::into).collect();
        match Arc::get_mut(&mut self.shared) {
            Some(shared) => shared.value_paths = paths,
            None => tracing::warn!("record_values_of on an observer already in use is ignored"),
        }
        self
    }

    /// The file this observer writes, if any.
    pub fn file(&self) -> Option<&Path> {
        self.shared.file.as_deref()
    }

    /// What was recorded so far.
    pub fn observations(&self) -> Observations {
        self.shared.lock().observations.clone()
    }

    /// Writes the file now (a no-op for an observer in memory).
    pub fn flush(&self) -> io::Result<()> {
        let mut state = self.shared.lock();
        write_state(self.shared.file.as_deref(), &mut state)
    }

    /// Records one body of `operation`'s response with `status`, if it is JSON and the
    /// sampling takes it: what a client calls for each response.
    pub(crate) fn offer(&self, operation: &'static str, status: u16, body: &[u8]) {
        if !looks_like_json(body) {
            return;
        }
        // A body that comes while another is being recorded is let go rather than waited
        // for: a call never waits on observing.
        let mut state = match self.shared.state.try_lock() {
            Ok(state) => state,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        let seen = state.seen.entry((operation, status)).or_insert(0);
        *seen += 1;
        if *seen > RECORDED_IN_FULL && (*seen - RECORDED_IN_FULL) % SAMPLE_ONE_IN != 0 {
            return;
        }
        self.shared.record(&mut state, operation, status, body);
    }

    /// Records one JSON body of `operation`'s response with `status`, always (a client's
    /// own bodies are sampled): for bodies received another way, such as webhook
    /// deliveries under their event's name.
    pub fn record_body(&self, operation: &str, status: u16, body: &[u8]) {
        if looks_like_json(body) {
            let mut state = self.shared.lock();
            self.shared.record(&mut state, operation, status, body);
        }
    }
}

impl Shared {
    fn record(&self, state: &mut State, operation: &str, status: u16, body: &[u8]) {
        let operations = &mut state.observations.operations;
        if !operations.contains_key(operation) {
            operations.insert(operation.to_owned(), BTreeMap::new());
        }
        let statuses = operations.get_mut(operation).expect("inserted above");
        let status = Status::text(status);
        if !statuses.contains_key(status.as_str()) {
            statuses.insert(status.as_str().to_owned(), Node::default());
        }
        let node = statuses.get_mut(status.as_str()).expect("inserted above");
        let mut walk = shape::Walk::new(&self.value_paths, &mut state.node_budget);
        // A body that breaks off is counted as far as it goes; the decoder refuses it.
        let _ = shape::record(node, body, &mut walk);
        let shape_changed = walk.shape_changed;
        state.dirty = true;
        let since = state.last_write.map(|last| last.elapsed());
        let due = match since {
            None => true,
            Some(since) if shape_changed => since >= SHAPE_WRITE_INTERVAL,
            Some(since) => since >= WRITE_INTERVAL,
        };
        if due {
            let _ = write_state(self.file.as_deref(), state);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while recording leaves counts half-added at worst: keep going.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Writes what `state` holds to `file`, if there is one and something changed; a failure is
/// logged once (calls go on: observing never makes a call fail).
fn write_state(file: Option<&Path>, state: &mut State) -> io::Result<()> {
    let Some(file) = file else {
        return Ok(());
    };
    if !state.dirty {
        return Ok(());
    }
    let result = write_atomically(file, &state.observations);
    state.last_write = Some(Instant::now());
    match &result {
        Ok(()) => state.dirty = false,
        Err(error) if !state.write_failed => {
            state.write_failed = true;
            tracing::warn!(file = %file.display(), %error, "cannot write the observations");
        }
        Err(_) => {}
    }
    result
}

impl Drop for Shared {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        let _ = write_state(self.file.as_deref(), state);
    }
}

fn write_atomically(file: &Path, observations: &Observations) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(observations).map_err(io::Error::other)?;
    let mut temporary = file.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, file)
}

/// An HTTP status as its three digits, without allocating.
struct Status([u8; 3]);

impl Status {
    fn text(status: u16) -> Status {
        let status = status.min(999);
        Status([
            b'0' + (status / 100) as u8,
            b'0' + (status / 10 % 10) as u8,
            b'0' + (status % 10) as u8,
        ])
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("000")
    }
}

fn looks_like_json(body: &[u8]) -> bool {
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The observer the environment asks for, for a client of the API `api`: `<API>_OBSERVE`
/// names the folder, `<API>_OBSERVE_VALUES` the paths whose values are kept.
pub(crate) fn from_environment(api: &str) -> Option<Observer> {
    let prefix: String = api
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let directory = std::env::var_os(format!("{prefix}_OBSERVE")).filter(|d| !d.is_empty())?;
    let paths: Vec<String> = std::env::var(format!("{prefix}_OBSERVE_VALUES"))
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    match Observer::to_directory(api, &directory) {
        Ok(observer) => Some(observer.record_values_of(paths)),
        Err(error) => {
            tracing::warn!(
                folder = %Path::new(&directory).display(), %error,
                "cannot observe into this folder"
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
