use serde_json::json;

use super::*;

fn observe(observer: &Observer, operation: &'static str, body: serde_json::Value) {
    observer.offer(operation, 200, body.to_string().as_bytes());
}

fn shape(observer: &Observer, operation: &str) -> Node {
    observer.observations().operations[operation]["200"].clone()
}

#[test]
fn shapes_are_merged_with_their_kinds_and_counts() {
    let observer = Observer::in_memory("zoom");
    observe(
        &observer,
        "users::list_users",
        json!({"users": [{"id": "a", "pmi": 1}, {"id": "b", "pmi": "x"}], "next": null}),
    );
    observe(
        &observer,
        "users::list_users",
        json!({"users": [{"id": "c", "extra": {"deep": [1.5]}}]}),
    );
    let root = shape(&observer, "users::list_users");
    assert_eq!(root.count, 2);
    assert_eq!(root.kinds.object, 2);
    assert_eq!(root.fields["next"].kinds.null, 1);
    let items = root.fields["users"].items.as_deref().unwrap();
    assert_eq!((items.count, items.kinds.object), (3, 3));
    assert_eq!(items.fields["id"].kinds.string, 3);
    let pmi = &items.fields["pmi"];
    assert_eq!((pmi.count, pmi.kinds.integer, pmi.kinds.string), (2, 1, 1));
    let deep = &items.fields["extra"].fields["deep"];
    assert_eq!(deep.items.as_deref().unwrap().kinds.number, 1);
}

#[test]
fn no_value_is_kept_unless_asked_for() {
    let observer = Observer::in_memory("zoom");
    let body = json!({"email": "jo@example.com", "token": "s3cr3t", "status": "active"});
    observe(&observer, "users::get_a_user", body.clone());
    let written = serde_json::to_string(&observer.observations()).unwrap();
    for secret in ["jo@example.com", "s3cr3t", "active"] {
        assert!(!written.contains(secret), "{secret} is in {written}");
    }

    let observer = Observer::in_memory("zoom").record_values_of(["status", "users[].type"]);
    observe(&observer, "users::get_a_user", body);
    observe(
        &observer,
        "users::get_a_user",
        json!({"status": "pending", "users": [{"type": 1}, {"type": 2}, {"type": 1}]}),
    );
    let root = shape(&observer, "users::get_a_user");
    let status = root.fields["status"].values.as_ref().unwrap();
    assert_eq!(status.get("active"), Some(&1));
    assert_eq!(status.get("pending"), Some(&1));
    assert!(root.fields["email"].values.is_none());
    let types = root.fields["users"].items.as_deref().unwrap().fields["type"]
        .values
        .clone()
        .unwrap();
    assert_eq!(types, BTreeMap::from([("1".into(), 2), ("2".into(), 1)]));
}

#[test]
fn memory_is_bounded_whatever_the_traffic() {
    let observer = Observer::in_memory("zoom").record_values_of(["id"]);
    let wide: serde_json::Map<String, serde_json::Value> =
        (0..400).map(|n| (format!("key{n}"), json!(n))).collect();
    observe(&observer, "a::wide", serde_json::Value::Object(wide));
    let root = shape(&observer, "a::wide");
    assert_eq!(root.fields.len(), shape::MAX_FIELDS);
    assert!(root.fields_truncated);

    for n in 0..400 {
        observe(&observer, "a::b", json!({ "id": format!("id-{n}") }));
    }
    let root = shape(&observer, "a::b");
    // Sampling: 100 in full, then one in 50 of the other 300.
    assert_eq!(root.count, 100 + 300 / 50);
    let ids = &root.fields["id"];
    assert_eq!(ids.values.as_ref().unwrap().len(), shape::MAX_VALUES);
    assert!(ids.values_truncated);

    let long = "x".repeat(shape::MAX_TEXT + 1);
    let observer_of_long = Observer::in_memory("zoom").record_values_of(["id"]);
    observe(
        &observer_of_long,
        "a::long",
        json!({ long.clone(): 1, "id": long.clone() }),
    );
    let root = shape(&observer_of_long, "a::long");
    assert!(root.fields.get(&long).is_none() && root.fields_truncated);
    let ids = &root.fields["id"];
    assert!(ids.values.as_ref().is_none_or(BTreeMap::is_empty) && ids.values_truncated);

    let mut deep = json!(1);
    for _ in 0..100 {
        deep = json!([deep]);
    }
    observe(&observer, "a::deep", deep);
    let mut node = &shape(&observer, "a::deep");
    let mut depth = 0;
    while let Some(items) = node.items.as_deref() {
        node = items;
        depth += 1;
    }
    assert_eq!(depth, shape::MAX_DEPTH);
}

#[test]
fn merging_adds_counts_in_any_order() {
    let a = Observer::in_memory("zoom");
    observe(&a, "x::y", json!({"one": 1, "list": [true]}));
    let b = Observer::in_memory("zoom");
    observe(&b, "x::y", json!({"one": "1", "two": {}}));
    observe(&b, "x::z", json!([]));
    let mut ab = a.observations();
    ab.merge(&b.observations());
    let mut ba = b.observations();
    ba.merge(&a.observations());
    assert_eq!(ab.operations, ba.operations);
    let root = &ab.operations["x::y"]["200"];
    assert_eq!(root.count, 2);
    assert_eq!(root.fields["one"].kinds.integer, 1);
    assert_eq!(root.fields["one"].kinds.string, 1);
    assert_eq!(root.fields["two"].count, 1);
}

#[test]
fn bodies_that_are_not_json_objects_or_lists_are_left_out() {
    let observer = Observer::in_memory("zoom");
    observer.offer("a::b", 200, b"plain text");
    observer.offer("a::b", 200, b"");
    observer.offer("a::b", 204, b"   ");
    assert!(observer.observations().operations.is_empty());
}

#[test]
fn the_file_is_written_and_reads_back() {
    let folder = std::env::temp_dir().join(format!("observe-test-{}", std::process::id()));
    let observer = Observer::to_directory("zoom", &folder).unwrap();
    let file = observer.file().unwrap().to_owned();
    assert!(file.to_string_lossy().ends_with(".observations.json"));
    observe(&observer, "users::list_users", json!({"users": []}));
    // A new shape is written at once.
    let read: Observations = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(read.format, FORMAT);
    assert_eq!(read.version, FORMAT_VERSION);
    assert_eq!(read, observer.observations());
    observe(&observer, "users::list_users", json!({"users": []}));
    drop(observer);
    let read: Observations = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(read.operations["users::list_users"]["200"].count, 2);
    std::fs::remove_dir_all(&folder).unwrap();
}
