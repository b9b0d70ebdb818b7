//! Function and module names: from folders and request names, made unique by words of
//! their paths, never by their order in the collection.

use super::*;

/// Module and function names: each top-level folder is a module, and each request a
/// function named after it, unique within its module. Requests of one module that would get
/// the same name are told apart by what distinguishes them (see [`qualifiers`]), never by
/// their order, so that a function keeps its name when unrelated requests come and go.
pub(super) fn name_operations(drafts: Vec<Draft>) -> (Vec<Module>, Vec<Operation>) {
    let mut modules: Vec<Module> = Vec::new();
    let mut module_names = names::Scope::default();
    // Names a crate that includes the bindings may use beside them.
    for reserved in ["mock", "runtime", "serde", "serde_json", "__private"] {
        module_names.reserve(reserved);
    }
    // Folders first, so that a request outside any folder joins the folder's module
    // whose name its path begins with, wherever it stands in the collection.
    for draft in &drafts {
        if let Some(folder) = draft.folders.first() {
            if !modules.iter().any(|m| m.folder == *folder && !m.top_level) {
                let name = module_names.claim(&names::snake(&module_words(folder), "group"));
                modules.push(Module {
                    name,
                    folder: folder.clone(),
                    top_level: false,
                });
            }
        }
    }
    let mut placed = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let module = match draft.folders.first() {
            Some(folder) => modules
                .iter()
                .find(|m| m.folder == *folder && !m.top_level)
                .map(|m| m.name.clone()),
            None => Some(top_level_module(
                &draft.path,
                &mut modules,
                &mut module_names,
            )),
        };
        // A name with no ASCII letters (`Получить тип`) falls back to the method and path.
        let fallback = names::snake(&operation_words(&draft.method, &draft.path), "operation");
        let base = names::snake(&draft.name, &fallback);
        placed.push((module, base, draft));
    }
    let preferred = preferred_names(&placed);
    let mut functions: HashMap<Option<String>, names::Scope> = HashMap::new();
    let operations = placed
        .into_iter()
        .zip(preferred)
        .map(|((module, _, draft), name)| {
            // Two requests alike in everything that could name them: only then a number.
            let fn_name = functions.entry(module.clone()).or_default().claim(&name);
            Operation {
                id: draft.id,
                name: draft.name,
                folders: draft.folders,
                module,
                fn_name,
                method: draft.method,
                path: draft.path,
                path_params: draft.path_params,
                query: draft.query,
                headers: draft.headers,
                body: draft.body,
                responses: draft.responses,
                observed: Vec::new(),
                docs: draft.docs,
                location: draft.location,
                access: draft.access,
            }
        })
        .collect();
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    (modules, operations)
}

/// Each request's function name before uniqueness is enforced: its base name, qualified
/// where requests of its module share that base. Given in the order of `placed`.
pub(super) fn preferred_names(placed: &[(Option<String>, String, Draft)]) -> Vec<String> {
    let mut groups: HashMap<(&Option<String>, &str), Vec<usize>> = HashMap::new();
    for (index, (module, base, _)) in placed.iter().enumerate() {
        groups.entry((module, base)).or_default().push(index);
    }
    let mut names: Vec<String> = placed.iter().map(|(_, base, _)| base.clone()).collect();
    for members in groups.values().filter(|members| members.len() > 1) {
        let drafts: Vec<&Draft> = members.iter().map(|&i| &placed[i].2).collect();
        for (&index, qualifier) in members.iter().zip(qualifiers(&drafts)) {
            if !qualifier.is_empty() {
                names[index] = names::snake(&format!("{} {qualifier}", names[index]), "operation");
            }
        }
    }
    names
}

/// What tells apart requests that would get the same name, one qualifier each (empty for
/// the one that keeps the plain name): the literal path segments the others lack
/// (`users` tells `/chat/users/{userId}/channels/{channelId}` from
/// `/chat/channels/{channelId}`), else the method, else the deepest folder.
pub(super) fn qualifiers(drafts: &[&Draft]) -> Vec<String> {
    let by_segments = distinguishing(drafts, |draft| literal_segments(&draft.path));
    if is_distinct(&by_segments) {
        return by_segments;
    }
    let by_method = distinguishing(drafts, |draft| {
        vec![draft.method.as_str().to_ascii_lowercase()]
    });
    if is_distinct(&by_method) {
        return by_method;
    }
    distinguishing(drafts, |draft| {
        draft.folders.last().cloned().into_iter().collect()
    })
}

/// For each draft, the words of `words(draft)` that not every draft has, joined; when one
/// draft alone has none, it keeps the plain name.
pub(super) fn distinguishing(
    drafts: &[&Draft],
    words: impl Fn(&Draft) -> Vec<String>,
) -> Vec<String> {
    let all: Vec<Vec<String>> = drafts.iter().map(|draft| words(draft)).collect();
    let shared = |word: &String| all.iter().all(|w| w.contains(word));
    all.iter()
        .map(|words| {
            words
                .iter()
                .filter(|word| !shared(word))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Whether the qualifiers give every draft its own name: all different, at most one empty.
pub(super) fn is_distinct(qualifiers: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    qualifiers.iter().all(|q| seen.insert(q.as_str()))
}

/// The literal segments of a path (`chat`, `users`, `channels` of
/// `/chat/users/{userId}/channels/{channelId}`).
pub(super) fn literal_segments(path: &PathTemplate) -> Vec<String> {
    path.segments
        .iter()
        .filter_map(|segment| match segment.as_slice() {
            [PathPart::Literal(text)] => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// `get users messages` for `GET /users/{userId}/messages`.
pub(super) fn operation_words(method: &Method, path: &PathTemplate) -> String {
    let mut words = method.as_str().to_ascii_lowercase();
    for part in path.segments.iter().flatten() {
        if let PathPart::Literal(text) = part {
            words.push(' ');
            words.push_str(text);
        }
    }
    words
}

/// The module of a request outside any folder: the one named after its path's first
/// literal segment that is not a version (`/contacts/{id}` → `contacts`, `/v1/files` →
/// `files`), joining a folder's module of that name; [`TOP_LEVEL_FALLBACK`] when the path
/// has no such segment.
fn top_level_module(
    path: &PathTemplate,
    modules: &mut Vec<Module>,
    module_names: &mut names::Scope,
) -> String {
    let segment = path
        .segments
        .iter()
        .filter_map(|segment| match segment.as_slice() {
            [PathPart::Literal(text)] => Some(text.as_str()),
            _ => None,
        })
        .flat_map(|text| text.split('/'))
        .find(|text| {
            !text.is_empty() && !is_version(text) && text.chars().any(|c| c.is_ascii_alphabetic())
        });
    let wanted = names::snake(segment.unwrap_or(TOP_LEVEL_FALLBACK), TOP_LEVEL_FALLBACK);
    if let Some(known) = modules.iter().find(|m| m.name == wanted) {
        return known.name.clone();
    }
    let name = module_names.claim(&wanted);
    modules.push(Module {
        name: name.clone(),
        folder: segment.unwrap_or_default().to_owned(),
        top_level: true,
    });
    name
}

/// The module of requests outside any folder whose paths name nothing to group them by.
pub(crate) const TOP_LEVEL_FALLBACK: &str = "requests";

/// `v1`, `v2.1`, `api`: path segments that say which API, not which resource.
fn is_version(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower == "api"
        || lower.strip_prefix('v').is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

/// The words a module is named from: a folder named like a path (`meetings/{meeting Id}`)
/// is named for its literal part (`meetings`); a folder that is only a placeholder
/// (`{user Id}`) keeps its words.
pub(super) fn module_words(folder: &str) -> String {
    let mut literal = String::with_capacity(folder.len());
    let mut depth = 0usize;
    for c in folder.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => literal.push(c),
            _ => {}
        }
    }
    if literal.chars().any(char::is_alphanumeric) {
        literal
    } else {
        folder.to_owned()
    }
}
