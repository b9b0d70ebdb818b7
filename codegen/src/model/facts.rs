//! What a profile may look at before it reads a collection: its name, the hosts its
//! requests name, and whether its form fields hold JSON.

use crate::parse::{Body, Collection, FormContent, Node};
use crate::profile::CollectionFacts;

/// The facts of a parsed collection, gathered in one walk over its requests.
pub(crate) fn facts(collection: &Collection) -> CollectionFacts {
    let mut facts = CollectionFacts {
        name: collection.name.clone(),
        hosts: collection
            .variables
            .iter()
            .filter_map(|v| v.value.clone())
            .collect(),
        form_fields_hold_json: false,
    };
    gather(&collection.items, &mut facts);
    facts
}

fn gather(nodes: &[Node], facts: &mut CollectionFacts) {
    for node in nodes {
        match node {
            Node::Folder(folder) => gather(&folder.items, facts),
            Node::Request(item) => {
                let url = &item.request.url;
                for host in [&url.host, &url.raw].into_iter().flatten() {
                    if !facts.hosts.contains(host) {
                        facts.hosts.push(host.clone());
                    }
                }
                if let Some(Body::FormData(parts)) = &item.request.body {
                    facts.form_fields_hold_json |=
                        parts.iter().any(|part| holds_json(&part.content));
                }
            }
        }
    }
}

/// A text field whose value is a JSON object or array.
fn holds_json(content: &FormContent) -> bool {
    match content {
        FormContent::Text(value) => {
            let value = value.trim();
            value.starts_with(['{', '['])
                && serde_json::from_str::<serde_json::Value>(value)
                    .is_ok_and(|v| v.is_object() || v.is_array())
        }
        FormContent::Files(_) => false,
    }
}
