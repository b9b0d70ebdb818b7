//! What a collection gave the generated types, for `postman-codegen inspect --stats`: per
//! module and in total, the struct fields typed and untyped (and why), the enums and where
//! their values were read, and the fields learned from write bodies and from observed
//! responses.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::infer::{RustType, TypeKind, Types, ValueSource};

/// The figures of one module, or of the whole API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeStats {
    pub structs: usize,
    /// Struct fields of a concrete type (anything but `serde_json::Value`).
    pub typed_fields: usize,
    /// Struct fields left as any JSON, by why.
    pub untyped_fields: BTreeMap<&'static str, usize>,
    pub string_enums: usize,
    pub numeric_enums: usize,
    /// Enums by where their values were read.
    pub enum_sources: BTreeMap<ValueSource, usize>,
    /// Struct fields no example response shows, learned from write request bodies.
    pub learned_fields: usize,
    /// Struct fields no example response shows, learned from observed responses (an
    /// overlay).
    pub observed_fields: usize,
}

impl TypeStats {
    fn add(&mut self, other: &TypeStats) {
        self.structs += other.structs;
        self.typed_fields += other.typed_fields;
        for (why, count) in &other.untyped_fields {
            *self.untyped_fields.entry(why).or_default() += count;
        }
        self.string_enums += other.string_enums;
        self.numeric_enums += other.numeric_enums;
        for (source, count) in &other.enum_sources {
            *self.enum_sources.entry(*source).or_default() += count;
        }
        self.learned_fields += other.learned_fields;
        self.observed_fields += other.observed_fields;
    }

    pub fn untyped(&self) -> usize {
        self.untyped_fields.values().sum()
    }
}

/// The figures per module (`""` for the root), and in total.
pub fn type_stats(types: &Types) -> (BTreeMap<String, TypeStats>, TypeStats) {
    let mut modules: BTreeMap<String, TypeStats> = BTreeMap::new();
    for def in types.defs() {
        let stats = modules
            .entry(def.module.clone().unwrap_or_default())
            .or_default();
        match &def.kind {
            TypeKind::Struct(fields) => {
                stats.structs += 1;
                for field in &fields.fields {
                    match open_reason(&field.ty) {
                        Some(why) => *stats.untyped_fields.entry(why).or_default() += 1,
                        None => stats.typed_fields += 1,
                    }
                    stats.learned_fields += usize::from(field.learned_from.is_some());
                    stats.observed_fields +=
                        usize::from(field.observed.as_ref().is_some_and(|seen| seen.added));
                }
            }
            TypeKind::Enum(values) => {
                if values.numeric {
                    stats.numeric_enums += 1;
                } else {
                    stats.string_enums += 1;
                }
                *stats.enum_sources.entry(values.source).or_default() += 1;
            }
            // Query and form fields and per-status responses are counted where their
            // types are: an enum or struct of their own.
            TypeKind::Alias { .. } | TypeKind::Params(_) | TypeKind::ByStatus(_) => {}
        }
    }
    let mut total = TypeStats::default();
    for stats in modules.values() {
        total.add(stats);
    }
    (modules, total)
}

fn open_reason(ty: &RustType) -> Option<&'static str> {
    match ty {
        RustType::Value { why } => Some(why),
        RustType::Vec(inner) => open_reason(inner),
        _ => None,
    }
}

/// The figures as a table, then the reasons for untyped fields and the enums' sources.
pub fn render(modules: &BTreeMap<String, TypeStats>, total: &TypeStats) -> String {
    let mut out = String::from(
        "module                               structs  typed  untyped  enums(str/num)  learned\n",
    );
    let mut row = |name: &str, s: &TypeStats| {
        let _ = writeln!(
            out,
            "{name:<36} {:>7} {:>6} {:>8} {:>9}/{:<5} {:>8}",
            s.structs,
            s.typed_fields,
            s.untyped(),
            s.string_enums,
            s.numeric_enums,
            s.learned_fields
        );
    };
    for (name, stats) in modules {
        row(if name.is_empty() { "(root)" } else { name }, stats);
    }
    row("total", total);
    if total.observed_fields > 0 {
        let _ = writeln!(
            out,
            "\n{} fields no example shows were learned from observed responses (the overlay)",
            total.observed_fields
        );
    }
    out.push_str("\nuntyped fields, by why:\n");
    for (why, count) in &total.untyped_fields {
        let _ = writeln!(out, "  {count:>5}  {why}");
    }
    out.push_str("\nenums, by where their values were read:\n");
    for (source, count) in &total.enum_sources {
        let place = match source {
            ValueSource::Query => "query parameter and form field descriptions",
            ValueSource::Path => "path parameter descriptions",
            ValueSource::Body => {
                "body field descriptions (shared by the response fields of their resource)"
            }
        };
        let _ = writeln!(out, "  {count:>5}  {place}");
    }
    out
}
