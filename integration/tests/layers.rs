//! No module of the runtime or the generator imports another in a cycle: at every level of
//! each crate's module tree, the modules of one folder depend on each other in one
//! direction only. References are read from the source (`use crate::...`, `crate::a::b`
//! paths, `super::...`), names re-exported at the crate root are followed to the module
//! that defines them, and unit-test modules are left out (they may look anywhere).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type ModulePath = Vec<String>;

/// Every `.rs` file of a crate's `src`, with its module path (`src/a/mod.rs` is `a`);
/// binaries under `src/bin` are crates of their own and left out.
fn modules(src: &Path) -> BTreeMap<ModulePath, PathBuf> {
    let mut found = BTreeMap::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the source folder is readable") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                if path != src.join("bin") {
                    folders.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("inside src");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            found.insert(parts, path);
        }
    }
    found
}

/// The source without its unit-test module and comments.
fn production_source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("the source is readable");
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a source names from `prefix` (`crate::` or `super::`): `a::b::C` for
/// `crate::a::b::C`, and each member of a `crate::{a, b::c}` group.
fn named_paths(source: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        // `$crate::` is a macro's path, resolved where the macro is used.
        if before.is_some_and(|c| c == '$' || c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for member in group[..end].split(',') {
                paths.push(segments(member.trim()));
            }
        } else {
            paths.push(segments(rest));
        }
    }
    paths
}

/// The leading `a::b::c` of a text, as segments.
fn segments(text: &str) -> Vec<String> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Names the crate root re-exports (`pub use a::b::{X, Y}`), with the module they come from.
fn root_reexports(
    root: &Path,
    known: &BTreeMap<ModulePath, PathBuf>,
) -> BTreeMap<String, ModulePath> {
    let source = production_source(root);
    let mut names = BTreeMap::new();
    for statement in source.split(';') {
        let Some(used) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (path, members) = match used.split_once("::{") {
            Some((path, members)) => (path, members.trim_end_matches('}').to_owned()),
            None => match used.rsplit_once("::") {
                Some((path, name)) => (path, name.to_owned()),
                None => continue,
            },
        };
        let module = longest_module(&segments(path), known);
        for member in members.split(',') {
            let name = member.split(" as ").last().unwrap_or_default().trim();
            if !name.is_empty() {
                names.insert(name.to_owned(), module.clone());
            }
        }
    }
    names
}

/// The longest prefix of `path` that is a module of the crate.
fn longest_module(path: &[String], known: &BTreeMap<ModulePath, PathBuf>) -> ModulePath {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| known.contains_key(prefix))
        .unwrap_or_default()
}

/// For each folder (a parent module), the edges between its child modules.
fn sibling_edges(src: &Path) -> BTreeMap<ModulePath, BTreeSet<(String, String)>> {
    let known = modules(src);
    let reexports = root_reexports(&src.join("lib.rs"), &known);
    let mut edges: BTreeMap<ModulePath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (from, file) in &known {
        let source = production_source(file);
        let mut targets: Vec<ModulePath> = Vec::new();
        for path in named_paths(&source, "crate::") {
            let module = longest_module(&path, &known);
            match (module.is_empty(), path.first()) {
                (true, Some(name)) => targets.extend(reexports.get(name).cloned()),
                _ => targets.push(module),
            }
        }
        for path in named_paths(&source, "super::") {
            // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` (module `a::b`) it is `a` too.
            let parent = &from[..from.len().saturating_sub(1)];
            let mut full = parent.to_vec();
            full.extend(path);
            targets.push(longest_module(&full, &known));
        }
        for to in targets {
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common < from.len() && common < to.len() {
                edges
                    .entry(from[..common].to_vec())
                    .or_default()
                    .insert((from[common].clone(), to[common].clone()));
            }
        }
    }
    edges
}

/// A cycle among the edges, as the modules along it, if there is one.
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a.as_str()).or_default().push(b.as_str());
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(to, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    next.keys()
        .find_map(|start| visit(start, &next, &mut Vec::new(), &mut done))
}

fn cycles_of(crate_dir: &str) -> (usize, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(crate_dir)
        .join("src");
    let edges = sibling_edges(&src);
    let count = edges.values().map(BTreeSet::len).sum();
    let cycles = edges
        .iter()
        .filter_map(|(parent, edges)| {
            let cycle = find_cycle(edges)?;
            let parent = if parent.is_empty() {
                "crate".to_owned()
            } else {
                parent.join("::")
            };
            Some(format!("in {parent}: {}", cycle.join(" -> ")))
        })
        .collect();
    (count, cycles)
}

#[test]
fn the_runtime_has_no_import_cycle() {
    let (edges, cycles) = cycles_of("runtime");
    eprintln!("runtime: {edges} dependencies between sibling modules");
    assert!(edges > 20, "the source was not read: {edges} dependencies");
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn the_generator_has_no_import_cycle() {
    let (edges, cycles) = cycles_of("codegen");
    eprintln!("codegen: {edges} dependencies between sibling modules");
    assert!(edges > 20, "the source was not read: {edges} dependencies");
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn a_cycle_is_found() {
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let acyclic: BTreeSet<(String, String)> = [("a", "b"), ("a", "c"), ("b", "c")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(find_cycle(&acyclic), None);
}
