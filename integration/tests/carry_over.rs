//! Code written against the bundled collection keeps compiling with the full Zoom export:
//! every public function and type the bundled collection generates is generated, at the same
//! path, from the export too, and every field and query parameter holds the same kind of
//! value. It needs the export: it runs with `POSTMAN_CORPUS` set.

use std::collections::BTreeSet;
use std::path::Path;

mod inputs;

use inputs::{corpus, zoom_file};

/// The kind of value a field holds, from its type as the API lock writes it, without the
/// names of structs and enums (which aliases make equivalent across builds) or the modules
/// they are in: `Vec<struct>`, `i64`. `module` is the field's module, `enums` the enum
/// names of each module.
fn kind(ty: &str, module: &str, enums: &Enums) -> String {
    let mut out = String::new();
    let mut path = String::new();
    let flush = |path: &mut String, out: &mut String| {
        let plain = ["Option", "Vec", "String", "Pages", "Multipart"];
        let (qualifier, name) = match path.rsplit_once("::") {
            Some((qualifier, name)) => (qualifier, name),
            None => (module, path.as_str()),
        };
        let named = name.starts_with(|c: char| c.is_ascii_uppercase())
            && !plain.contains(&name)
            && qualifier != "serde_json";
        if !named {
            out.push_str(path);
        } else if is_enum(enums, qualifier, name) {
            out.push_str("enum");
        } else {
            out.push_str("struct");
        }
        path.clear();
    };
    for c in ty.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == ':' {
            path.push(c);
        } else {
            flush(&mut path, &mut out);
            out.push(c);
        }
    }
    flush(&mut path, &mut out);
    out
}

/// The enum names of each module, aliases of enums included.
type Enums<'a> = std::collections::BTreeMap<&'a str, BTreeSet<&'a str>>;

fn is_enum(enums: &Enums, module: &str, name: &str) -> bool {
    enums.get(module).is_some_and(|names| names.contains(name))
}

/// The module and name an alias target written in `module` refers to: targets in another
/// module are written with it.
fn qualified<'a>(module: &'a str, target: &'a str) -> (&'a str, &'a str) {
    target.rsplit_once("::").unwrap_or((module, target))
}

/// The members of a lock line's `{ name: Type = "json", ... }`: names and types.
fn members(body: &str) -> Vec<(&str, &str)> {
    let inner = body
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    let mut members = Vec::new();
    // Members are separated by `", "` after their quoted JSON name.
    for member in inner.split("\", ").filter(|m| !m.trim().is_empty()) {
        let declaration = member.split(" = ").next().unwrap_or_default();
        if let Some((name, ty)) = declaration.split_once(": ") {
            members.push((name.trim(), ty.trim()));
        }
    }
    members
}

/// `module::function` for every function (stream functions included) and `module::Type`
/// for every struct, enum (with its variants) and alias, and the fields of each struct and
/// query struct, as `module::Type.field: kind`: read from the API lock the build writes.
fn public_paths(path: &Path) -> BTreeSet<String> {
    let generated = postman_codegen::Config::new()
        .generate_file(path)
        .expect("the collection generates");
    let lock = generated.api_lock();
    let lines: Vec<(&str, &str)> = lock
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(' '))
        .collect();
    // Enums by module, aliases of enums included: a field of either type holds an enum.
    let mut enums: Enums = Default::default();
    let mut enum_aliases = Vec::new();
    for (keyword, rest) in &lines {
        let name = rest.split(' ').next().unwrap_or_default();
        let Some((module, name)) = name.rsplit_once("::") else {
            continue;
        };
        match *keyword {
            "enum" => {
                enums.entry(module).or_default().insert(name);
            }
            "type" => {
                let target = rest.rsplit(" = ").next().unwrap_or_default().trim();
                enum_aliases.push((module, name, target));
            }
            _ => {}
        }
    }
    for _ in 0..enum_aliases.len() {
        for (module, name, target) in &enum_aliases {
            let (target_module, target_name) = qualified(module, target);
            if is_enum(&enums, target_module, target_name) {
                enums.entry(module).or_default().insert(name);
            }
        }
    }
    let mut paths = BTreeSet::new();
    // The members of each type by its name, and the aliases by theirs: an alias is listed
    // with the members of the type it names, as code written against it sees them.
    let mut type_members: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut aliases: Vec<(String, String)> = Vec::new();
    for (keyword, rest) in lines {
        let end = rest.find([' ', '(']).unwrap_or(rest.len());
        let (name, body) = rest.split_at(end);
        paths.insert(name.to_owned());
        let module = name.rsplit_once("::").map_or("crate", |(m, _)| m);
        let members_of = type_members.entry(name.to_owned()).or_default();
        match keyword {
            "enum" => {
                for variant in body.trim_matches([' ', '{', '}']).split(", ") {
                    let variant = variant.split(" = ").next().unwrap_or_default().trim();
                    if !variant.is_empty() {
                        members_of.push(format!("::{variant}"));
                    }
                }
            }
            "struct" | "query" => {
                for (field, ty) in members(body) {
                    let (ty, optional) = match ty.strip_prefix("Option<") {
                        Some(inner) if keyword == "query" => {
                            (&inner[..inner.len() - 1], " (optional)")
                        }
                        _ => (ty, ""),
                    };
                    members_of.push(format!(".{field}: {}{optional}", kind(ty, module, &enums)));
                }
            }
            "type" => {
                let target = body.trim().trim_start_matches("= ").trim();
                let (target_module, target_name) = qualified(module, target);
                aliases.push((name.to_owned(), format!("{target_module}::{target_name}")));
            }
            _ => {}
        }
    }
    let alias_targets: std::collections::BTreeMap<&str, &str> = aliases
        .iter()
        .map(|(alias, target)| (alias.as_str(), target.as_str()))
        .collect();
    for (alias, target) in &aliases {
        // An alias may name another alias; a chain is no longer than the list of aliases.
        let mut target = target.as_str();
        for _ in 0..aliases.len() {
            match alias_targets.get(target) {
                Some(next) => target = next,
                None => break,
            }
        }
        let inherited = type_members.get(target).cloned().unwrap_or_default();
        type_members
            .entry(alias.clone())
            .or_default()
            .extend(inherited);
    }
    for (name, members) in &type_members {
        for member in members {
            paths.insert(format!("{name}{member}"));
        }
    }
    paths
}

/// Paths the export cannot give, whatever the generator does, because its examples are
/// wrong; each with why. Anything else missing fails the test.
const EXPORT_DEFECTS: &[(&str, &str)] = &[
    (
        "tracking_fields::ListTrackingFields",
        "the export's only example of List tracking fields is broken JSON (a list without its closing bracket): no type can be learned from it",
    ),
    (
        "users::CreateAMeetingResponse.",
        "the export's Create a meeting example puts `uuid`, `start_url` and `status` inside `settings`, where the API does not send them",
    ),
    (
        "users::ListWebinarsWebinar.",
        "the export's List webinars example writes the webinar type and duration as strings, so its webinars are not the shared `Webinar` and lack the fields other requests show of it",
    ),
    (
        "webinars::GetAWebinarResponse.template_id: ",
        "only the bundled List webinars example shows `template_id`; the export's, whose webinars are not the shared `Webinar` (above), cannot bring it to `Get a webinar`",
    ),
    (
        "users::GetAUserResponse.group_ids: ",
        "the export's Get a user example has an empty `group_ids` list and its List users example none, which says nothing of its items",
    ),
    (
        "users::ListUsersUser.group_ids: ",
        "the export's Get a user example has an empty `group_ids` list and its List users example none, which says nothing of its items",
    ),
    (
        "resources::User.group_ids: ",
        "the export's Get a user example has an empty `group_ids` list and its List users example none, which says nothing of its items",
    ),
    (
        "meetings::AddMeetingRegistrantBody.start_time: ",
        "the export's Add meeting registrant example has lorem text as `start_time`, no timestamp",
    ),
    (
        "meetings::AddMeetingRegistrantResponse.start_time: ",
        "the export's Add meeting registrant example has lorem text as `start_time`, no timestamp",
    ),
    (
        "resources::Registrant.start_time: ",
        "the export's Add meeting registrant example has lorem text as `start_time`, no timestamp",
    ),
    (
        "webinars::AddAWebinarRegistrantBody.",
        "the export's Add a webinar registrant example writes the registrant's `id` as lorem text where the API returns an integer, so its registrant is not the shared `Registrant` and lacks the fields other requests show of it",
    ),
];

/// Why the export cannot give `path`, if it is one of its known defects (every path that
/// starts with a defect's prefix).
fn export_defect(path: &str) -> Option<&'static str> {
    EXPORT_DEFECTS
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|(_, why)| *why)
}

#[test]
fn every_public_path_of_the_bundled_collection_exists_with_the_export() {
    let Some(corpus) = corpus("the carry-over check against the Zoom export") else {
        return;
    };
    let bundled = public_paths(&zoom_file("collection/zoom.postman_collection.json"));
    let export = public_paths(&corpus.join("zoom/zoom-api-export.postman_collection.json"));
    let (defects, missing): (Vec<&String>, Vec<&String>) = bundled
        .difference(&export)
        .partition(|path| export_defect(path).is_some());
    let functions = bundled.iter().filter(|p| is_function(p)).count();
    let missing_functions = missing.iter().filter(|p| is_function(p)).count();
    eprintln!(
        "{} public paths in the bundled build ({functions} functions); missing from the export build: {} ({missing_functions} functions), and {} for the export's own defects:",
        bundled.len(),
        missing.len(),
        defects.len(),
    );
    for path in &defects {
        eprintln!("  {path}: {}", export_defect(path).unwrap_or_default());
    }
    assert!(
        missing.is_empty(),
        "{} public paths of the bundled build are missing from the export build:\n{}",
        missing.len(),
        missing
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `module::function` (snake case after the last `::`, no field).
fn is_function(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or_default();
    !last.contains('.') && last.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
}
