//! Learning from real responses, the inputs: observation files (written by
//! `postman-runtime` when observing is on) and the overlay beside the collection that
//! `learn` (in `tools`) folds them into, which the model reads as a second input.
//!
//! The overlay keeps only what differs from the collection's own examples, per operation id
//! and status: fields the examples lack (with their kinds, nested objects and list items
//! included), values the examples leave untyped, kinds that conflict with the collection's
//! types, fields never seen, and the observed values of fields a user named.

mod file;
mod node;
mod observations;

pub(crate) use file::{Change, Overlay, OverlayNode};
pub(crate) use node::{Kind, Node};
pub(crate) use observations::Observations;

#[cfg(test)]
mod tests {
    use super::node::MAX_VALUES;
    use super::observations::read_node;
    use super::*;
    use crate::diagnostics::Location;

    fn node(json: serde_json::Value) -> Node {
        read_node(&json, &Location::root(), 0).expect("a valid node")
    }

    #[test]
    fn merging_nodes_is_associative_and_commutative() {
        let a = node(
            serde_json::json!({"count": 2, "kinds": {"object": 2}, "fields": {
            "id": {"count": 2, "kinds": {"integer": 2}},
            "tags": {"count": 1, "kinds": {"array": 1}, "items": {"count": 3, "kinds": {"string": 3}}}}}),
        );
        let b = node(
            serde_json::json!({"count": 1, "kinds": {"object": 1}, "fields": {
            "id": {"count": 1, "kinds": {"string": 1}, "values": {"x": 1}}}}),
        );
        let c = node(
            serde_json::json!({"count": 3, "kinds": {"null": 1, "object": 2}, "fields": {
            "name": {"count": 2, "kinds": {"string": 2}}}}),
        );
        let merged = |parts: [&Node; 3]| {
            let mut all = parts[0].clone();
            let mut rest = parts[1].clone();
            rest.merge(parts[2].clone());
            all.merge(rest);
            all
        };
        let abc = merged([&a, &b, &c]);
        assert_eq!(abc, merged([&c, &a, &b]));
        assert_eq!(abc, merged([&b, &c, &a]));
        assert_eq!(abc.count, 6);
        assert_eq!(abc.kind_count(Kind::Object), 5);
        assert_eq!(abc.fields["id"].kinds.len(), 2);
        assert_eq!(abc.fields["tags"].items.as_ref().map(|i| i.count), Some(3));
    }

    #[test]
    fn what_a_partial_side_lacks_is_not_known_absent_after_a_merge() {
        let mut known = node(
            serde_json::json!({"count": 1, "kinds": {"object": 1}, "fields": {
            "seen": {"count": 1, "kinds": {"object": 1}}}}),
        );
        known.partial = true;
        let fresh = node(
            serde_json::json!({"count": 1, "kinds": {"object": 1}, "fields": {
            "other": {"count": 1, "kinds": {"object": 1}, "fields": {"a": {"count": 1, "kinds": {"string": 1}}}}}}),
        );
        known.merge(fresh);
        // `other` may have been seen with more fields where the overlay kept nothing of it.
        assert!(known.fields["other"].partial);
        assert!(known.fields["other"].fields["a"].partial);
    }

    #[test]
    fn values_are_capped_as_the_runtime_caps_them() {
        let mut values = Node::default();
        for at in 0..(MAX_VALUES + 3) {
            let mut one = Node::default();
            one.values.insert(format!("v{at}"), 1);
            values.merge(one);
        }
        assert_eq!(values.values.len(), MAX_VALUES);
        assert!(values.values_truncated);
    }

    #[test]
    fn an_overlay_reads_back_to_the_same_bytes() {
        let text = r#"{"format": "postman-overlay", "version": 1, "operations": {"a::b": {"200": {
            "count": 2, "kinds": {"object": 2}, "fields": {
                "x": {"change": "added", "count": 2, "kinds": {"string": 2}, "values": {"q": 2}},
                "y": {"change": "never_seen", "absent_from": 2, "count": 0},
                "z": {"change": "conflict", "collection": "integer", "count": 1, "kinds": {"string": 1}}}}}}}"#;
        let overlay = Overlay::parse(text).expect("the overlay reads");
        let rendered = overlay.render();
        assert_eq!(Overlay::parse(&rendered).expect("reads again"), overlay);
        assert_eq!(
            Overlay::parse(&rendered).expect("reads again").render(),
            rendered
        );
        assert!(rendered.ends_with("}\n"));
        let keys: Vec<&str> = rendered
            .lines()
            .filter_map(|line| line.trim().strip_prefix('"')?.split('"').next())
            .collect();
        assert_eq!(&keys[..4], ["format", "operations", "a::b", "200"]);
    }

    #[test]
    fn an_overlay_node_from_learn_is_whole_below_an_added_field() {
        let text = r#"{"format": "postman-overlay", "version": 1, "operations": {"a::b": {"200": {
            "count": 1, "kinds": {"object": 1}, "fields": {
                "x": {"change": "added", "count": 1, "kinds": {"object": 1}, "fields": {
                    "inner": {"count": 1, "kinds": {"string": 1}}}}}}}}}"#;
        let overlay = Overlay::parse(text).expect("the overlay reads");
        let root = overlay.operations["a::b"][&200].to_node();
        assert!(root.partial, "only differences are listed at the root");
        assert!(!root.fields["x"].partial, "an added field lists all it saw");
        assert!(!root.fields["x"].fields["inner"].partial);
    }
}
