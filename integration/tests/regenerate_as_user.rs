//! Regenerating the bindings as a user of the zoom crate, not a checkout of it: a scratch
//! crate depends on zoom and names its own collection and API lock through its
//! `.cargo/config.toml` `[env]` table, with the build gated on breaking changes. A newer
//! collection that removes a function fails the build with the summary and the commands
//! to see and accept the changes; once accepted it builds; a compatible change builds under
//! the same gate.

use std::path::{Path, PathBuf};
use std::process::Command;

use postman_codegen::{profile, Config};
use serde_json::Value;

/// The bundled collection cut down to its `users` folder, so that each build is quick.
fn users_collection() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../collection/zoom.postman_collection.json");
    let text = std::fs::read_to_string(path).expect("the bundled collection");
    let mut collection: Value = serde_json::from_str(&text).expect("the collection is JSON");
    let items = collection["item"]
        .as_array_mut()
        .expect("a list of folders");
    items.retain(|item| item["name"] == "users");
    assert_eq!(items.len(), 1, "the bundled collection has a users folder");
    collection
}

/// Removes the request named `name` from wherever it stands; says whether it was there.
fn remove_request(items: &mut Value, name: &str) -> bool {
    let Some(list) = items.as_array_mut() else {
        return false;
    };
    let before = list.len();
    list.retain(|item| item["name"] != name);
    if list.len() != before {
        return true;
    }
    list.iter_mut()
        .any(|item| remove_request(&mut item["item"], name))
}

/// The lock the user writes with `postman-codegen lock COLLECTION --write LOCK`.
fn lock_of(collection: &Value) -> String {
    Config::new()
        .profile(profile::Zoom)
        .api_name("zoom")
        .generate(&collection.to_string())
        .expect("the collection generates")
        .api_lock()
        .to_owned()
}

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// A crate depending on zoom, whose `.cargo/config.toml` names `api/zoom.json` and
    /// `api/zoom-api.lock`, relative to itself, and gates the build on breaking changes.
    fn new() -> Scratch {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regenerate-as-user");
        let _ = std::fs::remove_dir_all(&dir);
        for folder in ["src", "api", ".cargo"] {
            std::fs::create_dir_all(dir.join(folder)).expect("the scratch crate's folders");
        }
        let zoom = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let manifest = format!(
            "[package]\nname = \"uses-zoom\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nzoom = {{ path = {:?}, default-features = false, features = [\"users\"] }}\n\n[workspace]\n",
            zoom.display().to_string()
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("the manifest");
        std::fs::write(dir.join("src/lib.rs"), "pub use zoom::users::get_a_user;\n")
            .expect("the library");
        std::fs::write(
            dir.join(".cargo/config.toml"),
            "[env]\n\
             ZOOM_COLLECTION = { value = \"api/zoom.json\", relative = true }\n\
             ZOOM_API_LOCK = { value = \"api/zoom-api.lock\", relative = true }\n\
             ZOOM_API_GATE = \"breaking\"\n",
        )
        .expect("the cargo configuration");
        // The workspace's lock file: the same versions, and no network.
        std::fs::copy(zoom.join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
        Scratch { dir }
    }

    fn collection(&self, collection: &Value) {
        std::fs::write(self.dir.join("api/zoom.json"), collection.to_string()).expect("written");
    }

    fn lock(&self, lock: &str) {
        std::fs::write(self.dir.join("api/zoom-api.lock"), lock).expect("written");
    }

    /// `cargo check` from the crate's folder, as the user runs it: its success and what it
    /// printed.
    fn check(&self) -> (bool, String) {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("the temporary directory is inside the target directory")
            .to_path_buf();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args(["check", "--offline", "--quiet"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS")
            .env_remove("ZOOM_COLLECTION")
            .env_remove("ZOOM_API_LOCK")
            .env_remove("ZOOM_API_GATE")
            .output()
            .expect("cargo runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

#[test]
fn a_breaking_change_fails_the_users_build_until_accepted() {
    let scratch = Scratch::new();
    let older = users_collection();
    scratch.collection(&older);
    scratch.lock(&lock_of(&older));
    let (built, stderr) = scratch.check();
    assert!(
        built,
        "the collection the lock was written from builds: {stderr}"
    );

    let mut newer = older.clone();
    assert!(remove_request(&mut newer["item"], "Delete a user"));
    scratch.collection(&newer);
    let (built, stderr) = scratch.check();
    assert!(!built, "a removed function fails the gated build");
    assert!(stderr.contains("3 breaking, 0 compatible"), "{stderr}");
    assert!(
        stderr.contains("breaking: `fn users::delete_a_user` removed"),
        "{stderr}"
    );
    assert!(stderr.contains("postman-codegen lock"), "{stderr}");
    assert!(stderr.contains("--write"), "{stderr}");
    let report = scratch.dir.join("api/zoom-api.report.txt");
    let report = std::fs::read_to_string(&report).expect("the report beside the lock");
    assert!(report.contains("3 breaking, 0 compatible"), "{report}");

    // Accepted: the lock now records the newer API.
    scratch.lock(&lock_of(&newer));
    let (built, stderr) = scratch.check();
    assert!(built, "an accepted change builds: {stderr}");

    // The request comes back: an added function (with its query struct and enum) is
    // compatible, and the gate lets it pass.
    scratch.collection(&older);
    let (built, stderr) = scratch.check();
    assert!(
        built,
        "a compatible change passes the breaking gate: {stderr}"
    );
    let report =
        std::fs::read_to_string(scratch.dir.join("api/zoom-api.report.txt")).expect("the report");
    assert!(report.contains("0 breaking, 3 compatible"), "{report}");
}
