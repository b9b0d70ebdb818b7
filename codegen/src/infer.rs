//! Rust types from example values: query parameters from their example strings, response
//! bodies from every example of an operation merged together.
//!
//! An example proves that a field can appear, not that it always does, so every struct field
//! is optional; and every struct keeps the fields no example showed, so nothing the server
//! sends is lost.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostics::{Warning, Warnings};
use crate::model::{Api, ExampleBody, ExampleResponse, Operation, QueryParameter, RequestBody};
use crate::{describe, names, parallel};

/// A Rust type as the emitter writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RustType {
    Bool,
    I64,
    U64,
    F64,
    String,
    /// Any JSON; `why` says what kept the type open, for the docs.
    Value {
        why: &'static str,
    },
    Vec(Box<RustType>),
    /// A struct defined in the same module.
    Named(String),
    /// A string enum defined in the same module, with a variant for undocumented values.
    Enum(String),
}

/// A parameter whose description lists its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    pub name: String,
    pub doc: String,
    pub variants: Vec<VariantDef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantDef {
    pub rust_name: String,
    /// The value as sent.
    pub value: String,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructDef {
    pub name: String,
    pub doc: String,
    pub fields: Vec<FieldDef>,
    /// The Rust name of the map holding fields that no example showed.
    pub extra_field: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    pub json_name: String,
    pub rust_name: String,
    pub ty: RustType,
    /// The field's description, where the collection gives one (request body fields).
    pub doc: Option<String>,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseType {
    /// JSON decoded into this type.
    Json(RustType),
    /// JSON decoded into this type, or nothing: some successful examples have no body
    /// (a 200 with a body beside a 204), so an empty body is `None`.
    OptionalJson(RustType),
    /// No body (204, or a 2xx example with an empty body).
    Empty,
    /// A non-JSON body, returned as text.
    Text,
}

/// What the generated function takes as its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyType {
    /// A JSON body of this type.
    Json(RustType),
    /// Form fields, typed like query parameters, in the named struct.
    Form {
        struct_name: String,
        fields: Vec<RustType>,
    },
    /// A multipart form, built by the caller.
    Multipart,
    /// Text with this content type.
    Text { content_type: String },
    /// Bytes.
    Binary,
    /// A GraphQL query fixed by the collection; the variables are given at call time.
    GraphQl { query: String },
}

/// The types of one operation.
#[derive(Debug, Clone)]
pub struct OperationTypes {
    /// Parallel to [`Operation::query`].
    pub query: Vec<RustType>,
    /// The name of the struct holding the optional query parameters, if any.
    pub query_struct: Option<String>,
    pub response: ResponseType,
    pub body: Option<BodyType>,
    /// Structs the body and the response need, outermost first.
    pub structs: Vec<StructDef>,
    /// Enums of documented parameter values.
    pub enums: Vec<EnumDef>,
    /// How to walk the pages of a list operation, when it is one.
    pub pagination: Option<Pagination>,
}

/// A list operation whose pages are walked with a cursor the response gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The name of the generated function that streams the items.
    pub fn_name: String,
    pub style: PageStyle,
    /// The response field holding each page's items (Rust name), and the item type.
    pub items_field: String,
    pub item_type: RustType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStyle {
    /// `next_page_token` in the response goes into the query field of that name.
    Token {
        query_field: QueryField,
        response_field: String,
    },
    /// `page_number` in the query counts up to the response's `page_count`.
    Number {
        query_field: QueryField,
        number_field: String,
        count_field: String,
    },
}

/// A field of the query struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryField {
    pub rust_name: String,
    /// `Option<T>` in the struct.
    pub optional: bool,
}

/// Infers the types of every operation, parallel to `api.operations`.
///
/// Modules share no names, so each is inferred on its own thread.
pub fn infer(api: &Api) -> (Vec<OperationTypes>, Vec<Warning>) {
    let mut by_module: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (index, operation) in api.operations.iter().enumerate() {
        by_module
            .entry(operation.module.as_deref())
            .or_default()
            .push(index);
    }
    let mut modules: Vec<Vec<usize>> = by_module.into_values().collect();
    modules.sort();
    let results = parallel::map(&modules, Vec::len, |module| infer_module(api, module));
    let mut ordered: Vec<(usize, OperationTypes, Vec<Warning>)> =
        results.into_iter().flatten().collect();
    ordered.sort_by_key(|(index, _, _)| *index);
    let mut warnings = Vec::new();
    let types = ordered
        .into_iter()
        .map(|(_, types, mut more)| {
            warnings.append(&mut more);
            types
        })
        .collect();
    (types, warnings)
}

/// Infers the operations of some modules, each list holding one module's operations.
/// Infers the operations of one module, given by their indices.
fn infer_module(api: &Api, operations: &[usize]) -> Vec<(usize, OperationTypes, Vec<Warning>)> {
    let mut module = ModuleTypes::default();
    // Stream functions are named after their operation; they must not take the name of
    // another operation's function.
    for &index in operations {
        module.functions.reserve(&api.operations[index].fn_name);
    }
    let mut out: Vec<_> = operations
        .iter()
        .map(|&index| {
            let mut warnings = Warnings::default();
            let types = operation_types(&api.operations[index], &mut module, &mut warnings);
            (index, types, warnings.into_vec())
        })
        .collect();
    describe_shared_structs(api, &mut out);
    out
}

/// A struct that several operations share (the same shape seen again) is documented as
/// what it is for each of them, not only for the first.
fn describe_shared_structs(api: &Api, module: &mut [(usize, OperationTypes, Vec<Warning>)]) {
    fn root(ty: &RustType) -> Option<&str> {
        match ty {
            RustType::Named(name) => Some(name),
            RustType::Vec(inner) => root(inner),
            _ => None,
        }
    }
    // Per struct: the operations it is the response of, and those it is the body of.
    let mut uses: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
    for (index, types, _) in module.iter() {
        let function = format!("[`{}`]", api.operations[*index].fn_name);
        if let ResponseType::Json(ty) | ResponseType::OptionalJson(ty) = &types.response {
            if let Some(name) = root(ty) {
                uses.entry(name.to_owned())
                    .or_default()
                    .0
                    .push(function.clone());
            }
        }
        if let Some(BodyType::Json(ty)) = &types.body {
            if let Some(name) = root(ty) {
                uses.entry(name.to_owned()).or_default().1.push(function);
            }
        }
    }
    for (_, types, _) in module.iter_mut() {
        for def in &mut types.structs {
            let Some((responses, bodies)) = uses.get(&def.name) else {
                continue;
            };
            if responses.len() + bodies.len() < 2 {
                continue;
            }
            let mut roles = Vec::new();
            if !responses.is_empty() {
                roles.push(format!(
                    "the successful response of {}",
                    responses.join(", ")
                ));
            }
            if !bodies.is_empty() {
                roles.push(format!("the request body of {}", bodies.join(", ")));
            }
            def.doc = format!("Shared: {}.", roles.join("; "));
        }
    }
}

/// The names and struct shapes already used in one module.
struct ModuleTypes {
    scope: names::Scope,
    /// Struct names by their fields, so that a shape seen again reuses its first struct.
    shapes: HashMap<Vec<(String, RustType)>, String>,
    /// Enum names by their values, likewise.
    enums: HashMap<Vec<String>, String>,
    /// Structs defined by earlier operations, which later ones may share.
    defined: Vec<StructDef>,
    /// Function names, for the stream functions of paginated operations.
    functions: names::Scope,
}

/// Names generated types must not take: the prelude's, which generated code uses, and, at
/// the root of a crate that includes the bindings, the runtime's exports.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "Drop",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "AsRef",
    "AsMut",
    "Debug",
    "ApiError",
    "Body",
    "BoxError",
    "Client",
    "ClientBuilder",
    "Error",
    "ErrorBody",
    "Multipart",
    "OAuthApp",
    "Operation",
    "Pages",
    "RawResponse",
    "Response",
    "RetryPolicy",
    "Throttle",
    "TokenStore",
    "UserTokens",
];

impl Default for ModuleTypes {
    fn default() -> Self {
        let mut scope = names::Scope::default();
        for name in RESERVED_TYPE_NAMES {
            scope.reserve(name);
        }
        ModuleTypes {
            scope,
            shapes: HashMap::new(),
            enums: HashMap::new(),
            defined: Vec::new(),
            functions: names::Scope::default(),
        }
    }
}

fn operation_types(
    operation: &Operation,
    module: &mut ModuleTypes,
    warnings: &mut Warnings,
) -> OperationTypes {
    let mut typer = Typer {
        operation,
        base: names::camel(&operation.fn_name, "Operation"),
        module,
        structs: Vec::new(),
        enums: Vec::new(),
        warnings,
    };
    let query: Vec<RustType> = operation
        .query
        .iter()
        .map(|q| typer.query_type(q))
        .collect();
    let query_struct = (!operation.query.is_empty()).then(|| typer.claim("Query"));
    let body = operation.body.as_ref().map(|body| typer.body_type(body));
    let response = typer.response_type();
    let pagination = match &response {
        ResponseType::Json(RustType::Named(page)) => typer
            .structs
            .iter()
            .chain(typer.module.defined.iter())
            .find(|s| s.name == *page)
            .and_then(|page| pagination(operation, &query, page)),
        _ => None,
    };
    let pagination = pagination.map(|mut pagination| {
        pagination.fn_name = typer.module.functions.claim(&pagination.fn_name);
        pagination
    });
    typer.module.defined.extend(typer.structs.iter().cloned());
    OperationTypes {
        query,
        query_struct,
        response,
        body,
        structs: typer.structs,
        enums: typer.enums,
        pagination,
    }
}

/// Pagination is read from the collection: the request takes the cursor as a query
/// parameter, and the response gives it back beside one list of items.
fn pagination(operation: &Operation, query: &[RustType], page: &StructDef) -> Option<Pagination> {
    let query_field = |name: &str, ty: RustType| {
        operation
            .query
            .iter()
            .zip(query)
            .find(|(q, t)| q.param.name == name && **t == ty && !q.repeated)
            .map(|(q, _)| QueryField {
                rust_name: q.param.rust_name.clone(),
                optional: !q.param.required || q.disabled,
            })
    };
    let response_field = |name: &str, ty: RustType| {
        page.fields
            .iter()
            .find(|f| f.json_name == name && f.ty == ty)
            .map(|f| f.rust_name.clone())
    };
    let style = if let (Some(query_field), Some(response_field)) = (
        query_field("next_page_token", RustType::String),
        response_field("next_page_token", RustType::String),
    ) {
        PageStyle::Token {
            query_field,
            response_field,
        }
    } else {
        PageStyle::Number {
            query_field: query_field("page_number", RustType::I64)?,
            number_field: response_field("page_number", RustType::I64)?,
            count_field: response_field("page_count", RustType::I64)?,
        }
    };
    if operation.body.is_some() {
        return None;
    }
    let lists: Vec<&FieldDef> = page
        .fields
        .iter()
        .filter(|f| matches!(f.ty, RustType::Vec(_)))
        .collect();
    // With several lists, the one named like the path's last word holds the items.
    let last_word = operation
        .path
        .segments
        .iter()
        .flatten()
        .filter_map(|part| match part {
            crate::model::PathPart::Literal(text) => Some(text.as_str()),
            crate::model::PathPart::Param(_) => None,
        })
        .next_back()
        .unwrap_or_default();
    let items = match lists.as_slice() {
        [only] => *only,
        _ => lists.iter().find(|f| f.json_name == last_word).copied()?,
    };
    let RustType::Vec(item_type) = &items.ty else {
        return None;
    };
    Some(Pagination {
        fn_name: format!("{}_stream", operation.fn_name),
        style,
        items_field: items.rust_name.clone(),
        item_type: (**item_type).clone(),
    })
}

/// Types one operation, naming what it defines after the operation (`base`).
struct Typer<'a> {
    operation: &'a Operation,
    base: String,
    module: &'a mut ModuleTypes,
    structs: Vec<StructDef>,
    enums: Vec<EnumDef>,
    warnings: &'a mut Warnings,
}

impl Typer<'_> {
    /// A module-unique name made of the operation's name and `suffix`.
    fn claim(&mut self, suffix: &str) -> String {
        self.module.scope.claim(&format!("{}{suffix}", self.base))
    }

    /// A query parameter's type: an enum when its description lists its values, otherwise
    /// typed from its example values.
    fn query_type(&mut self, query: &QueryParameter) -> RustType {
        let documented = query
            .param
            .description
            .as_deref()
            .map(describe::documented_values)
            .unwrap_or_default();
        let scalar = if documented_enum(&documented) {
            RustType::Enum(self.define_enum(&query.param.name, &documented))
        } else {
            scalar_type(query)
        };
        if query.repeated {
            RustType::Vec(Box::new(scalar))
        } else {
            scalar
        }
    }

    fn define_enum(&mut self, param: &str, values: &[(String, String)]) -> String {
        let key: Vec<String> = values.iter().map(|(v, _)| v.clone()).collect();
        if let Some(existing) = self.module.enums.get(&key) {
            return existing.clone();
        }
        let name = self.claim(&names::camel(param, "Value"));
        let mut variant_names = names::Scope::default();
        variant_names.reserve("Other");
        let variants = values
            .iter()
            .map(|(value, doc)| VariantDef {
                rust_name: variant_names.claim(&names::camel(value, "Value")),
                value: value.clone(),
                doc: doc.clone(),
            })
            .collect();
        self.enums.push(EnumDef {
            name: name.clone(),
            doc: format!(
                "The values of `{}` the collection documents.",
                param.replace('`', "'")
            ),
            variants,
        });
        self.module.enums.insert(key, name.clone());
        name
    }

    fn body_type(&mut self, body: &RequestBody) -> BodyType {
        match body {
            RequestBody::Json {
                example,
                field_docs,
                ..
            } => {
                let Some(value) = parse_example_json(example) else {
                    self.warnings.push(
                        &self.operation.location,
                        "the example body is not valid JSON; the body is untyped (serde_json::Value)",
                    );
                    return BodyType::Json(RustType::Value {
                        why: "the collection's example body is not valid JSON",
                    });
                };
                let name = format!("{}Body", self.base);
                let doc = format!("The request body of [`{}`].", self.operation.fn_name);
                BodyType::Json(self.rust_type(Shape::of(&value), &name, &name, &doc, field_docs))
            }
            RequestBody::UrlEncoded { fields } => BodyType::Form {
                fields: fields.iter().map(|f| self.query_type(f)).collect(),
                struct_name: self.claim("Form"),
            },
            RequestBody::Multipart { .. } => BodyType::Multipart,
            RequestBody::Text { content_type, .. } => BodyType::Text {
                content_type: content_type.clone(),
            },
            RequestBody::Binary => BodyType::Binary,
            RequestBody::GraphQl { query } => BodyType::GraphQl {
                query: query.clone(),
            },
        }
    }

    /// The type of the successful responses, merged over every 2xx example.
    fn response_type(&mut self) -> ResponseType {
        let operation = self.operation;
        let successes: Vec<&ExampleResponse> = operation
            .responses
            .iter()
            .filter(|r| r.is_success())
            .collect();
        if successes.is_empty() {
            return ResponseType::Json(RustType::Value {
                why: "the collection has no successful example response",
            });
        }
        let mut shape = Shape::Never;
        let mut saw_json = false;
        let mut saw_text = false;
        let mut saw_empty = false;
        for example in &successes {
            match example.decoded_body() {
                ExampleBody::Empty => saw_empty = true,
                ExampleBody::Json(value) => {
                    saw_json = true;
                    shape = shape.merge(Shape::of(&value));
                }
                ExampleBody::Text(_) => saw_text = true,
            }
        }
        if !saw_json {
            return if saw_text {
                ResponseType::Text
            } else {
                ResponseType::Empty
            };
        }
        if saw_text {
            self.warnings.push(
                &operation.location,
                "some successful examples are JSON and some are not; the response is typed from the JSON ones",
            );
        }
        let root_name = format!("{}Response", self.base);
        let prefix = self.base.clone();
        let doc = format!("The successful response of [`{}`].", operation.fn_name);
        let ty = self.rust_type(shape, &root_name, &prefix, &doc, &[]);
        if saw_empty {
            ResponseType::OptionalJson(ty)
        } else {
            ResponseType::Json(ty)
        }
    }

    /// `name` is the struct name to use if `shape` is an object, `prefix` starts the names
    /// of structs nested inside it, and `field_docs` describe its fields.
    fn rust_type(
        &mut self,
        shape: Shape,
        name: &str,
        prefix: &str,
        doc: &str,
        field_docs: &[(String, String)],
    ) -> RustType {
        match shape {
            Shape::Never => RustType::Value {
                why: "every example has `null` here",
            },
            Shape::Bool => RustType::Bool,
            Shape::Int {
                beyond_i64: false, ..
            } => RustType::I64,
            Shape::Int { .. } => RustType::U64,
            Shape::Float => RustType::F64,
            Shape::String => RustType::String,
            Shape::Conflict(why) => RustType::Value { why },
            Shape::Array(items) => match *items {
                Shape::Never => RustType::Vec(Box::new(RustType::Value {
                    why: "every example has an empty list here",
                })),
                items => RustType::Vec(Box::new(
                    self.rust_type(items, name, prefix, doc, field_docs),
                )),
            },
            Shape::Object(fields) => {
                RustType::Named(self.define(fields, name, prefix, doc, field_docs))
            }
        }
    }

    /// Defines a struct, or finds the same struct defined before, and gives its name.
    fn define(
        &mut self,
        fields: Vec<(String, Shape)>,
        name: &str,
        prefix: &str,
        doc: &str,
        field_docs: &[(String, String)],
    ) -> String {
        let name = self.module.scope.claim(name);
        let index = self.structs.len();
        // Reserve the slot so that outer structs come before the ones nested in them.
        self.structs.push(StructDef {
            name: name.clone(),
            doc: doc.to_owned(),
            fields: Vec::new(),
            extra_field: String::new(),
        });
        let mut field_names = names::Scope::default();
        let mut defs = Vec::with_capacity(fields.len());
        for (json_name, shape) in fields {
            let rust_name = field_names.claim(&names::snake(&json_name, "field"));
            let child = format!(
                "{prefix}{}",
                names::camel(&singular(&json_name, &shape), "Field")
            );
            // A backtick in a key would end the code span early.
            let child_doc = format!("The `{}` of [`{name}`].", json_name.replace('`', "'"));
            let ty = self.rust_type(shape, &child, &child, &child_doc, &[]);
            let doc = field_docs
                .iter()
                .find(|(key, _)| *key == json_name)
                .map(|(_, doc)| doc.clone());
            defs.push(FieldDef {
                json_name,
                rust_name,
                ty,
                doc,
            });
        }
        let shape: Vec<(String, RustType)> = defs
            .iter()
            .map(|f| (f.json_name.clone(), f.ty.clone()))
            .collect();
        if let Some(existing) = self.module.shapes.get(&shape) {
            // The same struct exists already: drop this one and free its name.
            self.structs.remove(index);
            self.module.scope.release(&name);
            return existing.clone();
        }
        self.module.shapes.insert(shape, name.clone());
        let extra_field = field_names.claim("extra_fields");
        self.structs[index].fields = defs;
        self.structs[index].extra_field = extra_field;
        name
    }
}

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
    serde_json::from_str(&substituted).ok()
}

/// A value list makes an enum unless its values are numbers or booleans, which keep their
/// own types.
fn documented_enum(values: &[(String, String)]) -> bool {
    !values.is_empty()
        && !values.iter().all(|(value, _)| {
            matches!(
                scalar_shape(value),
                Shape::Bool | Shape::Int { .. } | Shape::Float
            )
        })
}

/// A parameter's type from its example values.
fn scalar_type(query: &QueryParameter) -> RustType {
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
fn scalar_shape(text: &str) -> Shape {
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

/// Postman's generated placeholders (`<long>`, `<boolean>`, ...) stand for a type.
fn placeholder(text: &str) -> Option<Shape> {
    let inner = text.strip_prefix('<')?.strip_suffix('>')?;
    Some(match inner {
        "long" | "integer" | "int" | "int32" | "int64" => Shape::Int {
            beyond_i64: false,
            negative: false,
        },
        "number" | "double" | "float" => Shape::Float,
        "boolean" | "bool" => Shape::Bool,
        _ => Shape::String,
    })
}

/// What the examples show of a value, merged over every example.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Nothing seen but `null`, or nothing at all.
    Never,
    Bool,
    Int {
        beyond_i64: bool,
        negative: bool,
    },
    Float,
    String,
    Array(Box<Shape>),
    Object(Vec<(String, Shape)>),
    Conflict(&'static str),
}

impl Shape {
    fn of(value: &Value) -> Shape {
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
            Value::String(s) => placeholder(s).unwrap_or(Shape::String),
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

    fn merge(self, other: Shape) -> Shape {
        use Shape::*;
        match (self, other) {
            (Never, x) | (x, Never) => x,
            (Conflict(why), _) | (_, Conflict(why)) => Conflict(why),
            (Bool, Bool) => Bool,
            (String, String) => String,
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

/// A list field's items are named in the singular: `users` holds `User`s.
fn singular(name: &str, shape: &Shape) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape_of(values: &[Value]) -> Shape {
        values
            .iter()
            .fold(Shape::Never, |acc, v| acc.merge(Shape::of(v)))
    }

    #[test]
    fn int_and_float_merge_to_float() {
        assert_eq!(shape_of(&[json!(1), json!(1.5)]), Shape::Float);
    }

    #[test]
    fn integers_beyond_i64_are_unsigned() {
        assert_eq!(
            shape_of(&[json!(1), json!(18446744073709551615u64)]),
            Shape::Int {
                beyond_i64: true,
                negative: false
            }
        );
    }

    #[test]
    fn conflicting_kinds_are_a_conflict() {
        assert!(matches!(
            shape_of(&[json!(1), json!("one")]),
            Shape::Conflict(_)
        ));
    }

    #[test]
    fn placeholders_stand_for_their_type() {
        assert_eq!(
            shape_of(&[json!("<long>")]),
            Shape::Int {
                beyond_i64: false,
                negative: false
            }
        );
        assert_eq!(shape_of(&[json!("<boolean>")]), Shape::Bool);
        assert_eq!(shape_of(&[json!("<dateTime>")]), Shape::String);
    }

    #[test]
    fn objects_merge_their_fields() {
        let shape = shape_of(&[json!({"a": 1}), json!({"b": null}), json!({"b": "x"})]);
        assert_eq!(
            shape,
            Shape::Object(vec![
                (
                    "a".into(),
                    Shape::Int {
                        beyond_i64: false,
                        negative: false
                    }
                ),
                ("b".into(), Shape::String)
            ])
        );
    }

    #[test]
    fn query_values_are_typed() {
        assert_eq!(
            scalar_shape("3600"),
            Shape::Int {
                beyond_i64: false,
                negative: false
            }
        );
        assert_eq!(scalar_shape("007"), Shape::String);
        assert_eq!(scalar_shape("true"), Shape::Bool);
        assert_eq!(scalar_shape("zak"), Shape::String);
    }
}
