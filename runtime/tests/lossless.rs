//! Seeded random documents, hostile where a server can be (values of the wrong kind, keys
//! with escapes and astral characters, huge, negative and fractional numbers, unknown
//! fields nested in known ones), decoded into structs as the generator writes them and
//! encoded back: each comes back equal to what `serde_json::Value` makes of the same text,
//! from text, from a reader, from a `Value` and from a borrowed `Value`. The count and the time are bounded.

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

#[derive(Clone, Default, PartialEq)]
pub struct Meeting {
    pub id: Option<i64>,
    pub topic: Option<String>,
    pub duration: Option<i64>,
    // Fractions are `Number`s in generated code, which keep what came exactly.
    pub amount: Option<serde_json::Number>,
    pub settings: Option<Settings>,
    pub tags: Option<Vec<String>>,
    pub extra_fields: postman_runtime::codegen::ExtraFields,
}
postman_runtime::codegen::object_impls!(
    Meeting { id = "id", topic = "topic", duration = "duration", amount = "amount",
    settings = "settings", tags = "tags" } extra_fields
);

#[derive(Clone, Default, PartialEq)]
pub struct Settings {
    pub waiting_room: Option<bool>,
    pub audio: Option<String>,
    pub extra_fields: postman_runtime::codegen::ExtraFields,
}
postman_runtime::codegen::object_impls!(
    Settings { waiting_room = "waiting_room", audio = "audio" } extra_fields
);

const CASES: usize = 3000;
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// xorshift64*: small, seeded, the same documents on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Number texts as servers write them, serde_json's own text for each included.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1.50",
    "1e2",
    "-7",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "12345678901234567890123",
    "0.1",
    "3.141592653589793238462643",
    "-2.5e-8",
    "42",
];

const KEYS: &[&str] = &[
    "id",
    "topic",
    "duration",
    "amount",
    "settings",
    "tags",
    "waiting_room",
    "audio",
    "new_field",
    "caf\u{e9}",
    "\u{1f600}",
    "quote\"d",
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "",
    "$serde_json::private::Number",
];

fn string(random: &mut Random) -> String {
    let pieces = [
        "plain",
        "\u{e9}t\u{e9}",
        "\u{1f4c5}",
        "\"",
        "\\",
        "\u{0}",
        "\n",
        " ",
    ];
    (0..random.below(4))
        .map(|_| *random.pick(&pieces))
        .collect()
}

/// A random JSON text of at most `depth` levels.
fn value(random: &mut Random, depth: u32) -> String {
    let kinds = if depth == 0 { 4 } else { 6 };
    match random.below(kinds) {
        0 => "null".to_owned(),
        1 => random.pick(&["true", "false"]).to_string(),
        2 => random.pick(NUMBERS).to_string(),
        3 => Value::String(string(random)).to_string(),
        4 => {
            let items: Vec<String> = (0..random.below(4))
                .map(|_| value(random, depth - 1))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => object(random, depth - 1),
    }
}

/// A random object with distinct keys, known ones among them.
fn object(random: &mut Random, depth: u32) -> String {
    let mut keys: Vec<&str> = Vec::new();
    for _ in 0..random.below(7) {
        let key = *random.pick(KEYS);
        // A lone magic key would be serde_json's own number encoding, not a server's data.
        if !keys.contains(&key) && key != "$serde_json::private::Number" {
            keys.push(key);
        }
    }
    let members: Vec<String> = keys
        .iter()
        .map(|key| {
            let member = if *key == "settings" && random.below(2) == 0 {
                object(random, depth.saturating_sub(1))
            } else {
                value(random, depth)
            };
            format!("{}:{member}", Value::String((*key).to_owned()))
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// What a document must come back as: serde_json's own reading of it.
fn expected(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

fn check(text: &str) -> Result<(), String> {
    let Some(want) = expected(text) else {
        return Ok(());
    };
    // Each way in is held to what `Value` makes of the same input the same way: from a
    // `Value`, serde_json's own `Value` reads some numbers otherwise than from text
    // (`-0` as `0` under arbitrary_precision).
    let want_from_value: Value =
        serde_json::from_value(want.clone()).map_err(|e| format!("Value from a Value: {e}"))?;
    let from_text: Meeting =
        serde_json::from_str(text).map_err(|e| format!("from text: {e}: {text}"))?;
    let from_reader: Meeting =
        serde_json::from_reader(text.as_bytes()).map_err(|e| format!("from a reader: {e}"))?;
    let from_value: Meeting =
        serde_json::from_value(want.clone()).map_err(|e| format!("from a Value: {e}: {text}"))?;
    // A borrowed `Value` is a deserializer of its own, as other self-describing formats are.
    let from_borrowed =
        Meeting::deserialize(&want).map_err(|e| format!("from a &Value: {e}: {text}"))?;
    let want_from_borrowed =
        Value::deserialize(&want).map_err(|e| format!("Value from a &Value: {e}"))?;
    for (how, decoded, want) in [
        ("text", &from_text, &want),
        ("reader", &from_reader, &want),
        ("value", &from_value, &want_from_value),
        ("borrowed value", &from_borrowed, &want_from_borrowed),
    ] {
        let back = serde_json::to_value(decoded).map_err(|e| format!("encoding: {e}"))?;
        if &back != want {
            return Err(format!("from {how}: {text}\n  came back as {back}"));
        }
        let text_back = serde_json::to_string(decoded).map_err(|e| format!("encoding: {e}"))?;
        if expected(&text_back).as_ref() != Some(want) {
            return Err(format!("from {how}: {text}\n  came back as {text_back}"));
        }
    }
    Ok(())
}

#[test]
fn random_hostile_documents_come_back_as_serde_json_reads_them() {
    let mut random = Random(0x5eed_0f20_2612);
    let started = Instant::now();
    let mut checked = 0;
    let mut failures = Vec::new();
    while checked < CASES && started.elapsed() < TIME_LIMIT {
        let text = object(&mut random, 3);
        if let Err(failure) = check(&text) {
            failures.push(failure);
        }
        checked += 1;
    }
    eprintln!(
        "{checked} random documents in {:.2?}: {} came back changed or refused",
        started.elapsed(),
        failures.len()
    );
    assert!(checked >= 100, "too few cases ran: {checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked} documents came back changed or refused; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_generator_makes_hostile_documents() {
    // The property above means something only if the documents hold what it claims.
    let mut random = Random(0x5eed_0f20_2612);
    let texts: Vec<String> = (0..500).map(|_| object(&mut random, 3)).collect();
    let all = texts.join("\n");
    for wanted in [
        "12345678901234567890123",
        "1.50",
        "\\u0000",
        "\u{1f600}",
        "\"id\":\"",
        "\"settings\":{",
    ] {
        assert!(all.contains(wanted), "no document holds {wanted}");
    }
    assert!(texts
        .iter()
        .all(|t| expected(t).is_some_and(|v| v.is_object())));
}

#[derive(Clone, Default, PartialEq)]
pub struct MeetingList {
    pub total_records: Option<i64>,
    pub meetings: Option<Vec<Meeting>>,
    pub extra_fields: postman_runtime::codegen::ExtraFields,
}
postman_runtime::codegen::object_impls!(
    MeetingList { total_records = "total_records", meetings = "meetings" } extra_fields
);

/// Documents whose numbers serde_json's `arbitrary_precision` keeps exactly, and which
/// once came back changed under it: numbers in typed and in unknown fields, a number where
/// a struct goes, integers beyond 64 bits. Each comes back as `Value` reads it; with
/// `arbitrary_precision`, that is the text that came, digit for digit.
#[test]
fn exact_numbers_come_back_unchanged() {
    let exact = reads_back_as_sent("1.50");
    let documents = [
        r#"{"total_records":1.50}"#,
        r#"{"total_records":1e2}"#,
        r#"{"total_records":-0}"#,
        r#"{"total_records":12345678901234567890123}"#,
        r#"{"meetings":[{"id":7,"new_field":1.50,"settings":2.50,"tags":12345678901234567890123}]}"#,
    ];
    // Numbers a typed field holds are in that field, from text as from a `Value`, with
    // `arbitrary_precision` too (which hands every number over as a map).
    let text = r#"{"total_records":3,"meetings":[{"id":7,"amount":2.50,"duration":1.50}]}"#;
    for list in [
        serde_json::from_str::<MeetingList>(text).unwrap(),
        serde_json::from_value::<MeetingList>(serde_json::from_str(text).unwrap()).unwrap(),
    ] {
        assert_eq!(list.total_records, Some(3));
        let meeting = &list.meetings.as_ref().unwrap()[0];
        assert_eq!(meeting.id, Some(7));
        assert_eq!(meeting.amount.as_ref().map(|n| n.as_f64()), Some(Some(2.5)));
        assert_eq!(meeting.duration, None, "a fraction is no i64: it is kept");
        assert!(meeting.extra_fields.get("duration").is_some());
    }
    for text in documents {
        let want: Value = serde_json::from_str(text).unwrap();
        let from_text: MeetingList = serde_json::from_str(text).unwrap();
        let from_value: MeetingList = serde_json::from_value(want.clone()).unwrap();
        let text_back = serde_json::to_string(&from_text).unwrap();
        let value_back = serde_json::to_string(&from_value).unwrap();
        eprintln!("{text}\n  from text back as {text_back}\n  from a Value back as {value_back}");
        assert_eq!(serde_json::to_value(&from_text).unwrap(), want, "{text}");
        let want_from_value: Value = serde_json::from_value(want.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&from_value).unwrap(),
            want_from_value,
            "{text}"
        );
        assert!(
            !text_back.contains("serde_json::private")
                && !value_back.contains("serde_json::private"),
            "serde_json's private number form leaked: {text_back} / {value_back}"
        );
        if exact {
            // serde_json's own `Value` writes an exponent with its sign (`1e2` as `1e+2`),
            // and reads `-0` from a `Value` as `0`: the same numbers, in its own spelling,
            // which is what the struct gives back too.
            let spelled = serde_json::to_string(&want).unwrap();
            assert_eq!(text_back, spelled, "changed under arbitrary_precision");
            let spelled = serde_json::to_string(&want_from_value).unwrap();
            assert_eq!(value_back, spelled, "changed from a Value");
            assert_eq!(
                reads_back_as_sent(text),
                !text.contains("1e2"),
                "only the exponent is spelled otherwise: {text}"
            );
        }
    }
}

/// Whether serde_json's own `Value` writes `text` back as it came (with
/// `arbitrary_precision`, it keeps number text: "1.50" stays "1.50").
fn reads_back_as_sent(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .and_then(|value| serde_json::to_string(&value))
        .is_ok_and(|back| back == text)
}
