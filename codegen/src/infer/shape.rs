//! What the examples show of a value (its shape, merged over every example), the helpers
//! that read example text, and the write bodies that responses learn fields from.

use super::*;

/// An example body as JSON. Unquoted `{{variables}}` make it invalid JSON; they stand for
/// values unknown here, so they are read as `null`.
pub(crate) fn parse_example_json(text: &str) -> Option<Value> {
    if let Ok(value) = serde_json::from_str(text) {
        return Some(value);
    }
    let mut substituted = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let end = rest[start..].find("}}")? + start;
        substituted.push_str(&rest[..start]);
        substituted.push_str("null");
        rest = &rest[end + 2..];
    }
    substituted.push_str(rest);
    serde_json::from_str(&substituted)
        .ok()
        .or_else(|| serde_json::from_str(&without_leading_zeros(&substituted)).ok())
}

/// The text with numbers written with leading zeros (`000123`, which JSON forbids but
/// hand-written examples hold for ids) written without them, so that the example can be
/// read for its types. Strings are left as they are.
pub(super) fn without_leading_zeros(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '0' {
            // A zero that starts a number and is followed by another digit is dropped;
            // `previous` stays what it was, so the zeros after it are judged alike.
            let starts_number = !previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
            if starts_number && chars.peek().is_some_and(char::is_ascii_digit) {
                continue;
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// What kind of enum a value list makes: numeric (`Some(true)`) when every value is an
/// integer, a string enum (`Some(false)`) otherwise; none for no list, or for booleans and
/// fractions, which keep their own types.
pub(super) fn enum_kind(values: &[(String, String)]) -> Option<bool> {
    if values.is_empty() {
        return None;
    }
    let shapes: Vec<Shape> = values
        .iter()
        .map(|(value, _)| scalar_shape(value))
        .collect();
    if shapes.iter().all(|s| {
        matches!(
            s,
            Shape::Int {
                beyond_i64: false,
                ..
            }
        )
    }) {
        return Some(true);
    }
    let all_scalar = shapes
        .iter()
        .all(|s| matches!(s, Shape::Bool | Shape::Int { .. } | Shape::Float));
    (!all_scalar).then_some(false)
}

/// Whether successful bodies differ by status enough to be typed apart: two statuses whose
/// objects each have fields the other lacks, or of other JSON kinds. A body whose fields are
/// all in another's (an empty `{}` beside the full object) merges with it.
pub(super) fn bodies_differ(by_status: &[(u16, Shape)]) -> bool {
    let fields = |shape: &Shape| -> Option<Vec<String>> {
        match shape {
            Shape::Object(fields) => Some(fields.iter().map(|(name, _)| name.clone()).collect()),
            _ => None,
        }
    };
    by_status.iter().enumerate().any(|(i, (_, a))| {
        by_status[i + 1..]
            .iter()
            .any(|(_, b)| match (fields(a), fields(b)) {
                (Some(a), Some(b)) => {
                    !a.iter().all(|f| b.contains(f)) && !b.iter().all(|f| a.contains(f))
                }
                _ => std::mem::discriminant(a) != std::mem::discriminant(b),
            })
    })
}

/// A status's name, as an enum variant and a type's suffix.
pub(super) fn status_name(status: u16) -> String {
    match status {
        200 => "Ok".to_owned(),
        201 => "Created".to_owned(),
        202 => "Accepted".to_owned(),
        203 => "NonAuthoritative".to_owned(),
        206 => "PartialContent".to_owned(),
        other => format!("Status{other}"),
    }
}

/// Where a struct sits in a response: at the level of the resource the path names (the
/// response itself, or the items of its lists), or nested below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Resource,
    Nested,
}

/// The resource an operation reads or writes: its path's last literal segment
/// (`meetings` for both `POST /users/{userId}/meetings` and `GET /meetings/{meetingId}`).
pub(super) fn resource_of(operation: &Operation) -> String {
    operation
        .last_literal_segment()
        .unwrap_or_default()
        .to_owned()
}

/// The name of a resource's field's type: the resource in the singular, then the field
/// (`/users/{id}/meetings` and `type` give `MeetingType`). A last segment that names an
/// aspect of a resource rather than a resource (`settings`, `status`) is named with the
/// resource before it (`/meetings/{id}/recordings/settings` gives `RecordingSettings...`).
/// `None` when the path names no resource.
pub(super) fn resource_type_name(operation: &Operation, field: &str) -> Option<String> {
    const ASPECTS: &[&str] = &["settings", "status", "options", "details", "config"];
    let literals: Vec<&str> = operation
        .path
        .segments
        .iter()
        .filter_map(|segment| match segment.as_slice() {
            [crate::model::PathPart::Literal(text)] => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let (last, before) = literals.split_last()?;
    let aspect = ASPECTS.contains(&last.to_ascii_lowercase().as_str());
    let resource = match (aspect, before.last()) {
        (true, Some(owner)) => format!("{} {last}", singular_word(owner)),
        _ => singular_word(last),
    };
    let name = names::camel(&format!("{resource} {field}"), "");
    (!name.is_empty()).then_some(name)
}

/// `meetings` → `meeting`, `entries` → `entry`; `settings`, `status`, `address` stay.
pub(super) fn singular_word(word: &str) -> String {
    const ALWAYS_PLURAL: &[&str] = &["settings", "news", "analytics", "metrics"];
    let lower = word.to_ascii_lowercase();
    if ALWAYS_PLURAL.contains(&lower.as_str()) || lower.ends_with("ss") || lower.ends_with("us") {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// A parameter's type from its example values.
pub(super) fn scalar_type(query: &QueryParameter) -> RustType {
    let mut shape = Shape::Never;
    for example in &query.param.examples {
        shape = shape.merge(scalar_shape(example));
    }
    match shape {
        Shape::Bool => RustType::Bool,
        Shape::Int {
            beyond_i64: false, ..
        } => RustType::I64,
        Shape::Int {
            negative: false, ..
        } => RustType::U64,
        Shape::Float => RustType::F64,
        _ => RustType::String,
    }
}

/// The shape of a value written as text (a query value), or of a placeholder.
pub(super) fn scalar_shape(text: &str) -> Shape {
    if let Some(shape) = placeholder(text) {
        return shape;
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    // `007` is an identifier, not a number.
    let canonical = !digits.is_empty() && (digits == "0" || !digits.starts_with('0'));
    if canonical && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(n) => Shape::Int {
                beyond_i64: false,
                negative: n < 0,
            },
            Err(_) if text.parse::<u64>().is_ok() => Shape::Int {
                beyond_i64: true,
                negative: false,
            },
            Err(_) => Shape::String,
        };
    }
    match text {
        "true" | "false" => Shape::Bool,
        "" => Shape::Never,
        _ => Shape::String,
    }
}

/// A value that is the name of a type stands for a value of that type: Postman's
/// placeholders (`<long>`, `<boolean>`, `<dateTime>`) and the bare names that collections
/// converted from a spec write (`integer`, `boolean`, `string [date-time]`). Only a value
/// that is exactly a type name counts.
pub(super) fn placeholder(text: &str) -> Option<Shape> {
    let (name, bracketed) = match text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner, true),
        None => (text, false),
    };
    if name == "dateTime" || name == "string [date-time]" {
        return Some(Shape::Timestamp);
    }
    // `string [date-time]`, `integer [int64]`: the format adds nothing else to the JSON kind.
    let name = match name.split_once(" [") {
        Some((kind, format))
            if format.ends_with(']') && format[..format.len() - 1].bytes().all(is_format_char) =>
        {
            kind
        }
        _ => name,
    };
    let shape = match name {
        "long" | "integer" | "int" | "int32" | "int64" => Shape::Int {
            beyond_i64: false,
            negative: false,
        },
        "number" | "double" | "float" => Shape::Float,
        "boolean" | "bool" => Shape::Bool,
        "string" => Shape::String,
        // Any other `<name>` is one of Postman's string placeholders (`<dateTime>`, `<uuid>`).
        _ if bracketed => Shape::String,
        _ => return None,
    };
    Some(shape)
}

/// Whether an example string is an RFC 3339 date and time (`2026-12-02T15:30:00Z`, with an
/// optional fraction and a `Z` or `±HH:MM` offset): such fields are typed as timestamps.
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let shape_ok = bytes.len() >= 20
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&at| digit_at(at))
        && [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')]
            .iter()
            .all(|&(at, c)| bytes[at] == c);
    if !shape_ok {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest.as_bytes() {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

pub(super) fn is_format_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-'
}

/// What the examples show of a value, merged over every example.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
    /// Nothing seen but `null`, or nothing at all.
    Never,
    Bool,
    Int {
        beyond_i64: bool,
        negative: bool,
    },
    Float,
    String,
    /// Strings that are all RFC 3339 dates and times.
    Timestamp,
    Array(Box<Shape>),
    Object(Vec<(String, Shape)>),
    Conflict(&'static str),
    /// A field no example response shows, learned from the body of the write request
    /// named `from`.
    Learned {
        shape: Box<Shape>,
        from: String,
    },
    /// A field that observed responses (an overlay) say something of, with what they say.
    Observed {
        shape: Box<Shape>,
        note: FieldObservation,
    },
}

impl Shape {
    pub(super) fn of(value: &Value) -> Shape {
        match value {
            Value::Null => Shape::Never,
            Value::Bool(_) => Shape::Bool,
            Value::Number(n) if n.is_i64() => Shape::Int {
                beyond_i64: false,
                negative: n.as_i64().is_some_and(|n| n < 0),
            },
            Value::Number(n) if n.is_u64() => Shape::Int {
                beyond_i64: true,
                negative: false,
            },
            Value::Number(_) => Shape::Float,
            Value::String(s) => placeholder(s).unwrap_or_else(|| {
                if is_timestamp(s) {
                    Shape::Timestamp
                } else {
                    Shape::String
                }
            }),
            Value::Array(items) => Shape::Array(Box::new(
                items
                    .iter()
                    .fold(Shape::Never, |acc, item| acc.merge(Shape::of(item))),
            )),
            Value::Object(map) => {
                Shape::Object(map.iter().map(|(k, v)| (k.clone(), Shape::of(v))).collect())
            }
        }
    }

    pub(super) fn merge(self, other: Shape) -> Shape {
        use Shape::*;
        match (self, other) {
            (Learned { shape, from }, other) | (other, Learned { shape, from }) => Learned {
                shape: Box::new(shape.merge(other)),
                from,
            },
            (Observed { shape, note }, other) | (other, Observed { shape, note }) => Observed {
                shape: Box::new(shape.merge(other)),
                note,
            },
            (Never, x) | (x, Never) => x,
            (Conflict(why), _) | (_, Conflict(why)) => Conflict(why),
            (Bool, Bool) => Bool,
            (String, String) => String,
            (Timestamp, Timestamp) => Timestamp,
            // A timestamp keeps any text, so a field that one example shows as a timestamp
            // stays one where another shows a placeholder or free text: a larger collection
            // never makes a timestamp plain text again.
            (Timestamp | String, Timestamp | String) => Timestamp,
            (
                Int {
                    beyond_i64: a,
                    negative: b,
                },
                Int {
                    beyond_i64: c,
                    negative: d,
                },
            ) => {
                if (a || c) && (b || d) {
                    Conflict("the examples hold both negative integers and integers beyond i64")
                } else {
                    Int {
                        beyond_i64: a || c,
                        negative: b || d,
                    }
                }
            }
            (Int { .. } | Float, Int { .. } | Float) => Float,
            (Array(a), Array(b)) => Array(Box::new(a.merge(*b))),
            (Object(mut fields), Object(more)) => {
                for (key, shape) in more {
                    match fields.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, existing)) => {
                            *existing = std::mem::replace(existing, Never).merge(shape)
                        }
                        None => fields.push((key, shape)),
                    }
                }
                Object(fields)
            }
            _ => Conflict("the examples give this value different JSON types"),
        }
    }
}

impl Shape {
    /// This object with the fields of `body` it lacks, marked as learned from `from`;
    /// nested objects both hold are completed alike.
    pub(super) fn completed(self, body: &Shape, from: &str) -> Shape {
        let (Shape::Object(mut fields), Shape::Object(body_fields)) = (self.clone(), body) else {
            return self;
        };
        for (name, body_shape) in body_fields {
            match fields.iter_mut().find(|(field, _)| field == name) {
                Some((_, shape)) => {
                    *shape = std::mem::replace(shape, Shape::Never).completed(body_shape, from);
                }
                None => fields.push((
                    name.clone(),
                    Shape::Learned {
                        shape: Box::new(body_shape.clone()),
                        from: from.to_owned(),
                    },
                )),
            }
        }
        Shape::Object(fields)
    }
}

/// The JSON bodies of the requests that write resources, by the resource's path.
#[derive(Default)]
pub(super) struct WriteBodies {
    pub(super) by_path: HashMap<String, Vec<WriteBody>>,
}

pub(super) struct WriteBody {
    pub(super) operation: OperationId,
    pub(super) fn_name: String,
    pub(super) method: Method,
    pub(super) shape: Shape,
}

impl WriteBodies {
    pub(super) fn of(api: &Api) -> WriteBodies {
        let mut writes = WriteBodies::default();
        for operation in &api.operations {
            if !matches!(operation.method, Method::Post | Method::Patch | Method::Put) {
                continue;
            }
            let Some(RequestBody::Json { example, .. }) = &operation.body else {
                continue;
            };
            let Some(value) = parse_example_json(example) else {
                continue;
            };
            writes
                .by_path
                .entry(operation.path_key())
                .or_default()
                .push(WriteBody {
                    operation: operation.id,
                    fn_name: operation.fn_name.clone(),
                    method: operation.method.clone(),
                    shape: Shape::of(&value),
                });
        }
        writes
    }

    pub(super) fn on<'a>(&'a self, path: &str) -> impl Iterator<Item = &'a WriteBody> + 'a {
        self.by_path.get(path).into_iter().flatten()
    }
}

/// A list field's items are named in the singular: `users` holds `User`s.
pub(super) fn singular(name: &str, shape: &Shape) -> String {
    if !matches!(shape, Shape::Array(_)) {
        return name.to_owned();
    }
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("ss") || name.ends_with("us") {
        name.to_owned()
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        format!("{name}Item")
    }
}
