//! Where the tests find their input: the zoom crate's files in the repository, and the
//! opt-in corpus of real-world collections outside it.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};

/// A file of the zoom crate (the workspace root): `collection/zoom.postman_collection.json`.
pub fn zoom_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

// The generator's tests read the corpus by the same rule.
#[path = "../../../codegen/tests/inputs/corpus.rs"]
mod corpus;

pub use corpus::corpus;
