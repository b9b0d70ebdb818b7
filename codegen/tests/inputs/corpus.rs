//! The opt-in corpus of real-world collections, which the tests of the generator and of the
//! zoom crate (whose test packages both sit one folder below the workspace root) share.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The folder of real-world collections that `POSTMAN_CORPUS` names (a relative path is
/// taken from the workspace root), or `None` when it is unset: the test that asked is then
/// skipped, and says so on the terminal, past the test harness's output capture, with how to
/// run it.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("POSTMAN_CORPUS") else {
        let line = format!(
            "skipped {test}: it reads real-world collections; set POSTMAN_CORPUS to their folder to run it\n"
        );
        // Written to the stream itself: the harness captures only the print macros.
        let _ = std::io::stderr().write_all(line.as_bytes());
        return None;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    assert!(
        dir.join("zoom").is_dir() && dir.join("real").is_dir(),
        "POSTMAN_CORPUS names {}, which has no zoom/ and real/ folders",
        dir.display()
    );
    Some(dir)
}
