//! Where the tests find their input: fixtures in the repository, and the opt-in corpus of
//! real-world collections outside it.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};

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

mod corpus;

pub use corpus::corpus;
