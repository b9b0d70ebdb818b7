//! Where the tests find their input: fixtures in the repository, and the opt-in corpus of
//! real-world collections outside it.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file under `codegen/tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The collection the `zoom` crate is built from, in the repository.
pub fn bundled_collection() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../collection/zoom.postman_collection.json")
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "postman-codegen-{label}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir(&path).expect("the temporary directory is created");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

mod corpus;

pub use corpus::corpus;
