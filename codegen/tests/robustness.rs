//! Mutated collections never make the generator panic or emit Rust that does not parse.
//!
//! Each case takes a real collection, applies a few random mutations (removed fields, values
//! of the wrong type, odd names, deep nesting, huge numbers, broken strings and text), and
//! generates. The generator must return an error or code that `syn` parses. The run is
//! bounded and repeatable: `ROBUSTNESS_CASES` sets how many cases (default 120; CI runs more) and
//! `ROBUSTNESS_SEED` the seed.

use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

mod inputs;

use inputs::{bundled_collection, corpus, fixture};

/// A small, fast, seedable generator (xorshift64*): the test needs repeatable variety, not
/// statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const ODD_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "2FA verify",
    "1.000000",
    "Получить тип",
    "Get user\u{2019}s IM messages",
    "{user Id}",
    "",
    "@type",
    "$ref",
    "ID",
    "id",
    "a/b",
    "\"quoted\"",
    "*/ /*",
    "```",
    "<br>[x]</b>",
];

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => json!(u64::MAX),
        2 => json!(i64::MIN),
        3 => json!(1.7e308),
        4 => json!(true),
        5 => json!([]),
        6 => json!({}),
        7 => json!("{{undefined}}/:param/../x"),
        8 => json!("x".repeat(5000)),
        9 => json!(ODD_NAMES[rng.below(ODD_NAMES.len())]),
        10 => json!([1, "two", null, {"three": 3}]),
        _ => json!("\"{\\\"nested\\\": [1, 2]}\""),
    }
}

/// Every place in the tree: a path of keys and indices from the root.
fn places(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::Index(index) => value.get_mut(*index),
    })
}

fn mutate(root: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    places(root, &mut Vec::new(), &mut all);
    let path = all[rng.below(all.len())].clone();
    let Some(target) = at(root, &path) else {
        return;
    };
    match rng.below(6) {
        // Remove a field.
        0 => {
            if let Value::Object(map) = target {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    map.remove(&key);
                }
            }
        }
        // A value of another kind.
        1 | 2 => *target = odd_value(rng),
        // An odd name.
        3 => {
            if let Value::Object(map) = target {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    let value = map.remove(&key).unwrap_or(Value::Null);
                    map.insert(ODD_NAMES[rng.below(ODD_NAMES.len())].to_owned(), value);
                }
                if map.contains_key("name") {
                    map.insert("name".into(), json!(ODD_NAMES[rng.below(ODD_NAMES.len())]));
                }
            }
        }
        // Deep nesting: the value wrapped in forty folders.
        4 => {
            let mut nested = target.take();
            for depth in 0..40 {
                nested = json!({"name": format!("level {depth}"), "item": [nested]});
            }
            *target = nested;
        }
        // A duplicate, next to the original.
        _ => {
            if let Value::Array(items) = target {
                if let Some(item) = items.get(rng.below(items.len())).cloned() {
                    items.push(item);
                }
            }
        }
    }
}

/// Text-level damage that no JSON tree can express.
fn damage_text(text: &str, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => {
            let mut cut = rng.below(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_owned()
        }
        // A lone surrogate: not valid UTF-8 once decoded.
        1 => text.replacen("\"name\": \"", "\"name\": \"\\ud800", 1),
        _ => format!("\u{feff}{text}"),
    }
}

/// Whether the generator refused the collection (with an error), or what went wrong.
fn check_case(text: &str) -> Result<bool, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        postman_codegen::Config::new()
            .runtime_path("crate")
            .example_tests("zoom")
            .generate(text)
    }));
    match outcome {
        Err(_) => Err("the generator panicked".to_owned()),
        Ok(Err(_)) => Ok(true),
        Ok(Ok(generated)) => {
            syn::parse_file(generated.code()).map_err(|e| format!("code does not parse: {e}"))?;
            let tests = generated
                .output(postman_codegen::Output::ExampleTests)
                .unwrap_or_default();
            syn::parse_file(tests).map_err(|e| format!("tests do not parse: {e}"))?;
            Ok(false)
        }
    }
}

/// The collections mutated: the repository's own, and with `POSTMAN_CORPUS` set a few
/// real-world ones of other shapes too.
fn seeds() -> Vec<Value> {
    let mut files = vec![
        bundled_collection(),
        fixture("inference.postman_collection.json"),
        fixture("shapes.postman_collection.json"),
        fixture("quirks/byte-order-mark.postman_collection.json"),
    ];
    if let Some(corpus) = corpus("the real-world seeds of the mutations") {
        let real = corpus.join("real");
        files.extend([
            real.join("kevinswiber__postman2openapi__tests_fixtures_echo.postman.json"),
            real.join("postmanlabs__postman-collection-transformer__examples_v2.0.0_box.json"),
            real.join("kevinswiber__postman2openapi__tests_fixtures_graphql.postman.json"),
        ]);
    }
    files
        .iter()
        .map(|file| {
            let text =
                std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .expect("seed collections are JSON")
        })
        .collect()
}

#[test]
fn mutated_collections_never_panic_nor_emit_broken_rust() {
    let cases: usize = std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(120);
    let seed: u64 = std::env::var("ROBUSTNESS_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_c0de);
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    let mut failures = Vec::new();
    let mut refused = 0;
    // Panics are caught and reported below; the default hook would only add noise.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in 0..cases {
        let mut collection = seeds[case % seeds.len()].clone();
        for _ in 0..=rng.below(4) {
            mutate(&mut collection, &mut rng);
        }
        let mut text = collection.to_string();
        if rng.below(8) == 0 {
            text = damage_text(&text, &mut rng);
        }
        match check_case(&text) {
            Ok(true) => refused += 1,
            Ok(false) => {}
            Err(problem) => failures.push(format!("case {case}: {problem}")),
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{cases} mutated collections, {refused} refused with an error, seed {seed}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `learned_fields` golden's collection, observations and overlay.
fn learned_inputs() -> (String, Value, Value) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/learned_fields");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let json = |name: &str| -> Value { serde_json::from_str(&read(name)).expect("JSON") };
    (
        read("collection.json"),
        json("observations.json"),
        json("expected_overlay.json"),
    )
}

/// Mutated observation files and overlays (counts of every size, kinds of the wrong type,
/// members removed or renamed, deep nesting) are learned, or refused with an error, and
/// never make the generator panic or emit code that does not parse.
#[test]
fn mutated_observations_and_overlays_never_panic_nor_emit_broken_rust() {
    let cases: usize = std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(120);
    let (collection, observations, overlay) = learned_inputs();
    let mut rng = Rng(0x0b5e_7ed5 | 1);
    let mut failures = Vec::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in 0..cases {
        let mut observed = observations.clone();
        let mut learned = overlay.clone();
        for _ in 0..=rng.below(4) {
            mutate(&mut observed, &mut rng);
            mutate(&mut learned, &mut rng);
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let config = postman_codegen::Config::new();
            let folded = config.learn(
                &collection,
                Some(("overlay.json", &learned.to_string())),
                &[("observed.json".to_owned(), observed.to_string())],
            );
            let mut with_overlay = postman_codegen::Config::new();
            with_overlay.overlay(learned.to_string());
            (
                folded.map(|f| f.overlay().to_owned()),
                with_overlay.generate(&collection),
            )
        }));
        match outcome {
            Err(_) => failures.push(format!("case {case}: the generator panicked")),
            Ok((folded, generated)) => {
                if let Ok(text) = folded {
                    let mut again = postman_codegen::Config::new();
                    again.overlay(text);
                    if let Err(e) = again.generate(&collection) {
                        failures.push(format!("case {case}: a learned overlay is refused: {e}"));
                    }
                }
                if let Ok(generated) = generated {
                    if let Err(e) = syn::parse_file(generated.code()) {
                        failures.push(format!("case {case}: code does not parse: {e}"));
                    }
                }
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
