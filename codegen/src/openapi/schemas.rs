//! JSON Schemas from the type arena: every struct and enum the bindings define becomes a
//! component, referenced wherever the bindings use it, so that what the bindings share (one
//! struct for a shape seen again, an alias for another operation's name, a resource's enum)
//! is one component here too.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use super::component_key;
use crate::infer::{
    EnumDef, FieldObservation, ParamsDef, RustType, StructDef, TypeDef, TypeId, TypeKind, Types,
};
use crate::model::FieldDoc;
use crate::profile::describe;

/// The components being collected while the paths are written, by name.
pub(super) struct Schemas<'a> {
    types: &'a Types,
    /// Sorted by name, so that the components come out in the same order whatever order
    /// the operations met them in.
    components: BTreeMap<String, Value>,
    /// The component each struct or enum went into.
    names: HashMap<TypeId, String>,
}

impl<'a> Schemas<'a> {
    pub(super) fn new(types: &'a Types) -> Self {
        Schemas {
            types,
            components: BTreeMap::new(),
            names: HashMap::new(),
        }
    }

    /// The components, for `components/schemas`.
    pub(super) fn into_components(self) -> Map<String, Value> {
        self.components.into_iter().collect()
    }

    /// The schema of a type the bindings write as `ty`.
    pub(super) fn of(&mut self, ty: &RustType) -> Value {
        match ty {
            RustType::Bool => json!({"type": "boolean"}),
            RustType::I64 => json!({"type": "integer", "format": "int64"}),
            RustType::U64 => json!({"type": "integer", "minimum": 0}),
            RustType::F64 | RustType::Number => json!({"type": "number"}),
            RustType::String => json!({"type": "string"}),
            RustType::Timestamp => json!({"type": "string", "format": "date-time"}),
            // The bindings keep any JSON here; saying so is all a schema can do.
            RustType::Value { why } => json!({"description": format!("Any JSON: {why}.")}),
            RustType::Vec(inner) => json!({"type": "array", "items": self.of(inner)}),
            RustType::Named(id) | RustType::Enum(id) => self.reference(*id),
        }
    }

    /// A `$ref` to the component of a struct or enum (an alias's target), written into the
    /// components the first time it is met.
    fn reference(&mut self, id: TypeId) -> Value {
        let types = self.types;
        let Some(def) = types.resolve(id) else {
            return json!({"description": "Any JSON: the type is not in the arena."});
        };
        let name = match self.names.get(&def.id) {
            Some(name) => name.clone(),
            None => self.define(def),
        };
        json!({"$ref": format!("#/components/schemas/{name}")})
    }

    fn define(&mut self, def: &'a TypeDef) -> String {
        let name = self.free_name(def);
        self.names.insert(def.id, name.clone());
        // Taken before the schema is built, so that a struct reached again from inside
        // itself refers to its component instead of recursing.
        self.components.insert(name.clone(), Value::Null);
        let schema = match &def.kind {
            TypeKind::Struct(def) => self.struct_schema(def),
            TypeKind::Enum(def) => enum_schema(def),
            TypeKind::Params(def) => self.params_schema(def),
            // Resolved away above, or never met as a field type: status enums are responses.
            TypeKind::Alias { .. } | TypeKind::ByStatus(_) => json!({}),
        };
        // The bindings' name first, then what it is.
        let mut titled = Map::new();
        titled.insert("title".into(), json!(def.name));
        if let Value::Object(map) = schema {
            titled.extend(map);
        }
        self.components.insert(name.clone(), Value::Object(titled));
        name
    }

    /// `module.TypeName` (the bindings' own path), with a number only where two
    /// definitions would still share a name.
    fn free_name(&self, def: &TypeDef) -> String {
        let base = match &def.module {
            Some(module) => format!("{module}.{}", def.name),
            None => def.name.clone(),
        };
        let base = component_key(&base);
        let mut name = base.clone();
        let mut n = 2;
        while self.components.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    fn struct_schema(&mut self, def: &StructDef) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &def.fields {
            let mut schema = self.of(&field.ty);
            if let Some(doc) = &field.doc {
                annotate(&mut schema, doc);
                if doc.required {
                    required.push(json!(field.json_name));
                }
            }
            if let (Some(seen), Value::Object(map)) = (&field.observed, &mut schema) {
                map.insert("x-observed".into(), observed(seen));
            }
            properties.insert(field.json_name.clone(), schema);
        }
        let mut schema = object_schema(properties, required);
        if !def.doc.is_empty() {
            schema.insert("description".into(), json!(plain_links(&def.doc)));
        }
        // The bindings keep the fields no example showed, so the document allows them.
        schema.insert("additionalProperties".into(), json!(true));
        Value::Object(schema)
    }

    /// The fields of a query or form struct as an object schema (the form body's).
    pub(super) fn params_schema(&mut self, def: &ParamsDef) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &def.fields {
            let mut schema = self.of(&field.ty);
            if let (Some(text), Value::Object(map)) = (&field.description, &mut schema) {
                map.insert("description".into(), json!(text));
            }
            if let (Some(example), Value::Object(map)) = (field.examples.first(), &mut schema) {
                map.insert(
                    "examples".into(),
                    json!([example_value(self.types, &field.ty, example)]),
                );
            }
            if !field.optional {
                required.push(json!(field.name));
            }
            properties.insert(field.name.clone(), schema);
        }
        Value::Object(object_schema(properties, required))
    }

    /// The type the bindings give a query parameter or form field.
    pub(super) fn param_type(&self, id: crate::model::ParamId) -> Option<&'a RustType> {
        self.types.param(id)
    }

    /// The arena the schemas are read from.
    pub(super) fn types(&self) -> &'a Types {
        self.types
    }
}

/// An object schema of these properties, the `required` ones listed when there are any.
pub(super) fn object_schema(
    properties: Map<String, Value>,
    required: Vec<Value>,
) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    schema
}

/// What observed responses (an overlay) showed of a field: how often it was there, whether
/// they added or typed it, and the values seen of a field the overlay names.
fn observed(seen: &FieldObservation) -> Value {
    let mut map = Map::new();
    map.insert("presentIn".into(), json!(seen.present_in));
    if let Some(absent) = seen.absent_from {
        map.insert("absentFrom".into(), json!(absent));
    }
    if seen.added {
        map.insert("added".into(), json!(true));
    }
    if seen.typed {
        map.insert("typed".into(), json!(true));
    }
    if !seen.values.is_empty() {
        let values: Map<String, Value> = seen
            .values
            .iter()
            .map(|(value, count)| (value.clone(), json!(count)))
            .collect();
        map.insert("values".into(), Value::Object(values));
        if seen.values_truncated {
            map.insert("valuesTruncated".into(), json!(true));
        }
    }
    Value::Object(map)
}

/// The bindings' docs without rustdoc's link brackets: ``[`list_users`]`` names an item of
/// the bindings, which a document has no page for, so it reads as code.
fn plain_links(doc: &str) -> String {
    doc.replace("[`", "`").replace("`]", "`")
}

/// A field's description from the collection, and its deprecation, on its schema.
fn annotate(schema: &mut Value, doc: &FieldDoc) {
    let Value::Object(map) = schema else {
        return;
    };
    if !doc.text.trim().is_empty() {
        map.insert("description".into(), json!(doc.text.trim()));
    }
    if describe::prose(&doc.text).deprecated {
        map.insert("deprecated".into(), json!(true));
    }
}

/// An enum the bindings keep open: the documented values, or any other value of the same
/// type (what the bindings' `Other` variant holds), told apart so that exactly one branch
/// matches.
fn enum_schema(def: &EnumDef) -> Value {
    let kind = if def.numeric { "integer" } else { "string" };
    let values: Vec<Value> = def
        .variants
        .iter()
        .map(|variant| match variant.value.parse::<i64>() {
            Ok(number) if def.numeric => json!(number),
            _ => json!(variant.value),
        })
        .collect();
    let meanings: Map<String, Value> = def
        .variants
        .iter()
        .filter(|variant| !variant.doc.trim().is_empty())
        .map(|variant| (variant.value.clone(), json!(variant.doc.trim())))
        .collect();
    let mut schema = Map::new();
    schema.insert("type".into(), json!(kind));
    if !def.doc.is_empty() {
        schema.insert("description".into(), json!(plain_links(&def.doc)));
    }
    schema.insert(
        "oneOf".into(),
        // Each branch says its type too, so that documentation tools name the branches.
        json!([
            {"title": "documented values", "type": kind, "enum": values},
            {
                "title": "other values",
                "type": kind,
                "not": {"enum": values},
                "description": "A value the collection does not list: the API may add values, and the bindings keep them (the `Other` variant)."
            }
        ]),
    );
    schema.insert(
        "x-enum-varnames".into(),
        json!(def
            .variants
            .iter()
            .map(|variant| variant.rust_name.as_str())
            .collect::<Vec<_>>()),
    );
    if !meanings.is_empty() {
        schema.insert("x-enum-descriptions".into(), Value::Object(meanings));
    }
    Value::Object(schema)
}

/// A parameter's example text as a value of its type: `3600` as a number for an integer
/// parameter (or one of an enum of integers), `true` as a boolean; as text where it does
/// not read as the type.
pub(super) fn example_value(types: &Types, ty: &RustType, text: &str) -> Value {
    let parsed = match ty {
        RustType::Bool => text.parse::<bool>().ok().map(Value::from),
        RustType::I64 => text.parse::<i64>().ok().map(Value::from),
        RustType::U64 => text.parse::<u64>().ok().map(Value::from),
        RustType::F64 | RustType::Number => text.parse::<f64>().ok().map(Value::from),
        RustType::Vec(inner) => return example_value(types, inner, text),
        RustType::Enum(id) => match types.resolve(*id).map(|def| &def.kind) {
            Some(TypeKind::Enum(def)) if def.numeric => text.parse::<i64>().ok().map(Value::from),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| json!(text))
}

/// The schema of one example's JSON, for the bodies of documented errors (which the
/// bindings do not type: an error is returned with its body as it came).
pub(super) fn value_schema(value: &Value) -> Value {
    match value {
        Value::Null => json!({"type": "null"}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!({"type": "integer"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Array(items) => match items.first() {
            Some(first) => json!({"type": "array", "items": value_schema(first)}),
            None => json!({"type": "array"}),
        },
        Value::Object(fields) => {
            let properties: Map<String, Value> = fields
                .iter()
                .map(|(name, value)| (name.clone(), value_schema(value)))
                .collect();
            json!({"type": "object", "properties": properties})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_text_reads_as_its_type() {
        let types = Types::default();
        assert_eq!(example_value(&types, &RustType::I64, "30"), json!(30));
        assert_eq!(example_value(&types, &RustType::Bool, "true"), json!(true));
        assert_eq!(
            example_value(&types, &RustType::I64, "lorem"),
            json!("lorem")
        );
        assert_eq!(
            example_value(&types, &RustType::Vec(Box::new(RustType::F64)), "1.5"),
            json!(1.5)
        );
    }

    #[test]
    fn error_bodies_are_typed_by_their_values() {
        let schema = value_schema(&json!({"code": 124, "message": "Invalid token.", "x": [1.5]}));
        assert_eq!(schema["properties"]["code"]["type"], "integer");
        assert_eq!(schema["properties"]["message"]["type"], "string");
        assert_eq!(schema["properties"]["x"]["items"]["type"], "number");
    }

    #[test]
    fn an_open_enum_matches_its_values_or_any_other_of_its_type() {
        let def = EnumDef {
            doc: "The meeting type.".into(),
            variants: vec![
                crate::infer::VariantDef {
                    rust_name: "Instant".into(),
                    value: "1".into(),
                    doc: "An instant meeting.".into(),
                },
                crate::infer::VariantDef {
                    rust_name: "Scheduled".into(),
                    value: "2".into(),
                    doc: String::new(),
                },
            ],
            numeric: true,
            source: crate::infer::ValueSource::Body,
        };
        let schema = enum_schema(&def);
        assert_eq!(schema["type"], "integer");
        assert_eq!(schema["oneOf"][0]["enum"], json!([1, 2]));
        assert_eq!(schema["oneOf"][1]["not"]["enum"], json!([1, 2]));
        assert_eq!(schema["x-enum-varnames"], json!(["Instant", "Scheduled"]));
        assert_eq!(
            schema["x-enum-descriptions"],
            json!({"1": "An instant meeting."})
        );
    }
}
