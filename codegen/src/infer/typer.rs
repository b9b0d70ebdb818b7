//! Typing one operation: its query parameters, body and responses, from every example of
//! it, naming what it defines after the operation.

use super::*;
use crate::overlay::OverlayNode;

/// Types one operation, naming what it defines after the operation (`base`).
pub(super) struct Typer<'a> {
    pub(super) operation: &'a Operation,
    pub(super) base: String,
    pub(super) module: &'a mut ModuleTypes,
    pub(super) profile: &'a dyn Profile,
    pub(super) writes: &'a WriteBodies,
    pub(super) defined: Vec<TypeId>,
    pub(super) warnings: &'a mut Warnings,
}

impl<'a> Typer<'a> {
    pub(super) fn new(
        operation: &'a Operation,
        module: &'a mut ModuleTypes,
        profile: &'a dyn Profile,
        writes: &'a WriteBodies,
        warnings: &'a mut Warnings,
    ) -> Self {
        Typer {
            operation,
            base: names::camel(&operation.fn_name, "Operation"),
            module,
            profile,
            writes,
            defined: Vec::new(),
            warnings,
        }
    }

    /// A module-unique name made of the operation's name and `suffix`.
    pub(super) fn claim(&mut self, suffix: &str) -> String {
        self.module.scope.claim(&format!("{}{suffix}", self.base))
    }

    /// A query parameter's type: an enum when its description lists its values, otherwise
    /// typed from its example values.
    pub(super) fn query_type(&mut self, query: &QueryParameter) -> RustType {
        let documented = query
            .param
            .description
            .as_deref()
            .map(describe::documented_values)
            .unwrap_or_default();
        let scalar = if let Some(numeric) = enum_kind(&documented) {
            let source = ValueSource::Query;
            RustType::Enum(self.define_enum(&query.param.name, &documented, numeric, source))
        } else if self.is_integer_field(&query.param.name) {
            RustType::I64
        } else {
            scalar_type(query)
        };
        if query.repeated {
            RustType::Vec(Box::new(scalar))
        } else {
            scalar
        }
    }

    /// Enums for the path parameters whose descriptions list their values.
    pub(super) fn path_enums(&mut self) -> Vec<(ParamId, TypeId)> {
        let operation = self.operation;
        let mut enums = Vec::new();
        for param in &operation.path_params {
            let values = param
                .description
                .as_deref()
                .map(describe::documented_values)
                .unwrap_or_default();
            if let Some(numeric) = enum_kind(&values) {
                let id = self.define_enum(&param.name, &values, numeric, ValueSource::Path);
                enums.push((param.id, id));
            }
        }
        enums
    }

    pub(super) fn define_enum(
        &mut self,
        param: &str,
        values: &[(String, String)],
        numeric: bool,
        source: ValueSource,
    ) -> TypeId {
        let key = (numeric, values.iter().map(|(v, _)| v.clone()).collect());
        // A body field's values belong to its resource: named after it (`MeetingType`),
        // one enum serves every request and response of the resource that lists the same
        // values, whichever operations the collection holds.
        let resource_name = (source == ValueSource::Body)
            .then(|| resource_type_name(self.operation, param))
            .flatten();
        if let Some(wanted) = &resource_name {
            if let Some(known) = self.module.enums.get(&key).copied() {
                if self
                    .module
                    .defs
                    .get(known.index as usize)
                    .map(|d| d.name.as_str())
                    == Some(wanted.as_str())
                {
                    // Defined (and emitted) with the operation that first listed them.
                    return known;
                }
            }
        }
        let name = match resource_name {
            Some(wanted) if !self.module.scope.is_taken(&wanted) => {
                self.module.scope.claim(&wanted)
            }
            _ => self.claim(&names::camel(param, "Value")),
        };
        let doc = format!(
            "The values of `{}` the collection documents.",
            param.replace('`', "'")
        );
        if let Some(target) = self.module.enums.get(&key).copied() {
            // The same values were documented before: this name becomes an alias.
            let begun = self.module.begin();
            let alias = self
                .module
                .add(name, TypeKind::Alias { target, doc }, begun);
            self.defined.push(alias);
            return alias;
        }
        let mut variant_names = names::Scope::default();
        variant_names.reserve("Other");
        let rust_names = variants::variant_names(values, numeric, self.module.variant_names);
        let variants = values
            .iter()
            .zip(rust_names)
            .map(|((value, doc), rust_name)| VariantDef {
                rust_name: variant_names.claim(&rust_name),
                value: value.clone(),
                doc: doc.clone(),
            })
            .collect();
        let def = EnumDef {
            doc,
            variants,
            numeric,
            source,
        };
        let begun = self.module.begin();
        let id = self.module.add(name, TypeKind::Enum(def), begun);
        self.module.enums.insert(key, id);
        self.defined.push(id);
        id
    }

    /// The type of each query parameter or form field, recorded for the parameter too.
    pub(super) fn param_types(&mut self, params: &[QueryParameter]) -> Vec<RustType> {
        params
            .iter()
            .map(|param| {
                let ty = self.query_type(param);
                self.module.params.push((param.param.id, ty.clone()));
                ty
            })
            .collect()
    }

    /// The struct of a query's parameters or a form's fields, typed as `types` says.
    /// It is emitted beside the operation's function, so it is not among what the
    /// operation `defined`.
    pub(super) fn define_params(
        &mut self,
        role: ParamsRole,
        params: &[QueryParameter],
        types: Vec<RustType>,
    ) -> TypeId {
        let name = self.claim(match role {
            ParamsRole::Query => "Query",
            ParamsRole::Form => "Form",
        });
        let fields = params
            .iter()
            .zip(types)
            .map(|(query, ty)| ParamField {
                param: query.param.id,
                name: query.param.name.clone(),
                rust_name: query.param.rust_name.clone(),
                ty,
                optional: query.optional(),
                disabled: query.disabled,
                description: query.param.description.clone(),
                examples: query.param.examples.clone(),
            })
            .collect();
        let begun = self.module.begin();
        self.module
            .add(name, TypeKind::Params(ParamsDef { role, fields }), begun)
    }

    pub(super) fn body_type(&mut self, body: &RequestBody) -> BodyType {
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
                let shape = Shape::of(&value);
                BodyType::Json(self.rust_type(shape, &name, &name, &doc, field_docs, Level::Nested))
            }
            RequestBody::UrlEncoded { fields } => {
                let typed = self.param_types(fields);
                BodyType::Form(self.define_params(ParamsRole::Form, fields, typed))
            }
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
    pub(super) fn response_type(&mut self) -> ResponseType {
        let operation = self.operation;
        let successes: Vec<&ExampleResponse> = operation
            .responses
            .iter()
            .filter(|r| r.is_success())
            .collect();
        // What observed responses add: only successful ones are typed.
        let observed: Vec<&(u16, OverlayNode)> = operation
            .observed
            .iter()
            .filter(|(status, _)| (200..300).contains(status))
            .collect();
        if successes.is_empty() {
            if observed.is_empty() {
                return ResponseType::Json(RustType::Value {
                    why: NO_SUCCESSFUL_EXAMPLE,
                });
            }
            // Observations alone type the response.
            let shape = observed
                .iter()
                .fold(Shape::Never, |shape, (_, node)| shape.with_observed(node));
            return ResponseType::Json(self.response_root(shape));
        }
        let mut shape = Shape::Never;
        let mut by_status: Vec<(u16, Shape)> = Vec::new();
        let mut saw_json = false;
        let mut saw_text = false;
        let mut saw_empty = false;
        let mut unreadable = false;
        for example in &successes {
            let mut add = |shape: &mut Shape, seen: Shape| {
                match by_status
                    .iter_mut()
                    .find(|(status, _)| *status == example.status)
                {
                    Some((_, known)) => {
                        *known = std::mem::replace(known, Shape::Never).merge(seen.clone())
                    }
                    None => by_status.push((example.status, seen.clone())),
                }
                *shape = std::mem::replace(shape, Shape::Never).merge(seen);
            };
            match example.decoded_body() {
                ExampleBody::Empty => saw_empty = true,
                ExampleBody::Json(value) => {
                    saw_json = true;
                    add(&mut shape, Shape::of(&value));
                }
                ExampleBody::Text(text) if example.claims_json() => {
                    match parse_example_json(&text) {
                        Some(value) => {
                            self.warnings.push(
                                &example.location,
                                "the example body is not valid JSON (numbers with leading zeros, or `{{variables}}`); its types are read from it leniently",
                            );
                            saw_json = true;
                            add(&mut shape, Shape::of(&value));
                        }
                        None => {
                            self.warnings.push(
                                &example.location,
                                "the example body claims to be JSON but cannot be read as JSON; no type is learned from it",
                            );
                            unreadable = true;
                        }
                    }
                }
                ExampleBody::Text(_) => saw_text = true,
            }
        }
        if !saw_json {
            return if saw_text {
                ResponseType::Text
            } else if unreadable {
                ResponseType::Json(RustType::Value {
                    why: "the collection's example body claims to be JSON but is not valid JSON",
                })
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
        // Whether bodies differ by status is the examples' to say: an observation lists
        // only what differs from them, so it cannot be compared as a body.
        if !saw_empty && bodies_differ(&by_status) {
            let by_status = by_status
                .into_iter()
                .map(|(status, shape)| {
                    let shape = observed
                        .iter()
                        .filter(|(seen, _)| *seen == status)
                        .fold(shape, |shape, (_, node)| shape.with_observed(node));
                    (status, shape)
                })
                .collect();
            return self.response_by_status(by_status);
        }
        let shape = observed
            .iter()
            .fold(shape, |shape, (_, node)| shape.with_observed(node));
        let ty = self.response_root(shape);
        if saw_empty {
            ResponseType::OptionalJson(ty)
        } else {
            ResponseType::Json(ty)
        }
    }

    /// The one type of the successful responses, from their merged shape.
    fn response_root(&mut self, shape: Shape) -> RustType {
        let shape = self.completed_from_write_bodies(shape);
        let shape = self.with_page_cursor(shape);
        let root_name = format!("{}Response", self.base);
        let prefix = self.base.clone();
        let doc = format!("The successful response of [`{}`].", self.operation.fn_name);
        self.rust_type(shape, &root_name, &prefix, &doc, &[], Level::Resource)
    }

    /// A type per status, for successful examples whose bodies differ by status; the
    /// response is an enum of them.
    pub(super) fn response_by_status(&mut self, by_status: Vec<(u16, Shape)>) -> ResponseType {
        let operation = self.operation;
        let enum_name = self.claim("Response");
        let mut variants = Vec::with_capacity(by_status.len());
        for (status, shape) in by_status {
            let name = status_name(status);
            let doc = format!("The `{status}` response of [`{}`].", operation.fn_name);
            let shape = self.completed_from_write_bodies(shape);
            let root = format!("{}{name}", self.base);
            let ty = self.rust_type(shape, &root, &root, &doc, &[], Level::Resource);
            variants.push(StatusVariant { status, name, ty });
        }
        let def = StatusEnumDef {
            function: operation.fn_name.clone(),
            variants,
        };
        let begun = self.module.begin();
        ResponseType::ByStatus(self.module.add(enum_name, TypeKind::ByStatus(def), begun))
    }

    /// The response with the fields that the write requests of the same resource document
    /// but no example response shows: a `GET` learns from the `PATCH` and `PUT` bodies on
    /// its path, a write request from its own body. What an example shows is never changed.
    pub(super) fn completed_from_write_bodies(&self, shape: Shape) -> Shape {
        let operation = self.operation;
        let path = operation.path_key();
        let sources: Vec<&WriteBody> = match operation.method {
            Method::Get => self
                .writes
                .on(&path)
                .filter(|w| matches!(w.method, Method::Patch | Method::Put))
                .collect(),
            Method::Post | Method::Patch | Method::Put => self
                .writes
                .on(&path)
                .filter(|w| w.operation == operation.id)
                .collect(),
            _ => Vec::new(),
        };
        sources.into_iter().fold(shape, |shape, write| {
            shape.completed(&write.shape, &write.fn_name)
        })
    }

    /// The enum of a struct field whose values are documented: by its own description (a
    /// body field), or, at the resource's own level of a response, by the body field of the
    /// same name of a request on the same resource. Only where the examples' JSON kind fits.
    pub(super) fn field_enum(
        &mut self,
        field: &str,
        shape: &Shape,
        doc: Option<&FieldDoc>,
        level: Level,
    ) -> Option<TypeId> {
        let own = doc
            .map(|doc| describe::documented_values(&doc.text))
            .filter(|values| enum_kind(values).is_some());
        let values = match (own, level) {
            (Some(values), _) => values,
            (None, Level::Resource) => self
                .module
                .resource_values
                .get(&(resource_of(self.operation), field.to_owned()))?
                .clone(),
            (None, Level::Nested) => return None,
        };
        let numeric = enum_kind(&values)?;
        let fits = match shape {
            Shape::Never => true,
            Shape::Int { .. } => numeric,
            Shape::String => !numeric,
            _ => false,
        };
        fits.then(|| self.define_enum(field, &values, numeric, ValueSource::Body))
    }

    /// Whether the profile says a field of this name holds an integer.
    pub(super) fn is_integer_field(&self, name: &str) -> bool {
        self.profile.integer_fields().contains(&name)
    }

    /// A list response of a request that takes a page cursor in its query returns the next
    /// cursor, as the profile's paging convention names it, even where no example shows it
    /// (the API sends it once a list has more than one page).
    pub(super) fn with_page_cursor(&self, shape: Shape) -> Shape {
        let Shape::Object(mut fields) = shape else {
            return shape;
        };
        let has_list = fields.iter().any(|(_, s)| matches!(s, Shape::Array(_)));
        for convention in self.profile.pagination() {
            let PageConvention::Token { query, response } = *convention else {
                continue;
            };
            let takes_cursor = self.operation.query.iter().any(|q| q.param.name == query);
            if has_list && takes_cursor && !fields.iter().any(|(name, _)| name == response) {
                fields.push((response.to_owned(), Shape::String));
            }
        }
        Shape::Object(fields)
    }

    /// `name` is the struct name to use if `shape` is an object, `prefix` starts the names
    /// of structs nested inside it, and `field_docs` describe its fields.
    pub(super) fn rust_type(
        &mut self,
        shape: Shape,
        name: &str,
        prefix: &str,
        doc: &str,
        field_docs: &[FieldDoc],
        level: Level,
    ) -> RustType {
        match shape {
            Shape::Never => RustType::Value { why: NULL_ONLY },
            Shape::Bool => RustType::Bool,
            Shape::Int {
                beyond_i64: false, ..
            } => RustType::I64,
            Shape::Int { .. } => RustType::U64,
            Shape::Float => RustType::Number,
            Shape::String => RustType::String,
            Shape::Timestamp => RustType::Timestamp,
            Shape::Conflict(why) => RustType::Value { why },
            Shape::Array(items) => match *items {
                Shape::Never => RustType::Vec(Box::new(RustType::Value {
                    why: EMPTY_LIST_ONLY,
                })),
                items => RustType::Vec(Box::new(
                    self.rust_type(items, name, prefix, doc, field_docs, level),
                )),
            },
            Shape::Object(fields) => {
                RustType::Named(self.define(fields, name, prefix, doc, field_docs, level))
            }
            Shape::Learned { shape, .. } | Shape::Observed { shape, .. } => {
                self.rust_type(*shape, name, prefix, doc, field_docs, level)
            }
        }
    }

    /// Defines a struct, or finds the same struct defined before, and gives its id.
    pub(super) fn define(
        &mut self,
        fields: Vec<(String, Shape)>,
        name: &str,
        prefix: &str,
        doc: &str,
        field_docs: &[FieldDoc],
        level: Level,
    ) -> TypeId {
        // The name is claimed before the nested structs claim theirs, and the struct is
        // ordered before them, so that outer structs keep the plain names and come first.
        let name = self.module.scope.claim(name);
        let begun = self.module.begin();
        let mut field_names = names::Scope::default();
        let mut defs = Vec::with_capacity(fields.len());
        for (json_name, shape) in fields {
            let (shape, learned_from, observed) = without_notes(shape);
            let shape = match shape {
                Shape::String | Shape::Conflict(_) if self.is_integer_field(&json_name) => {
                    Shape::Int {
                        beyond_i64: false,
                        negative: false,
                    }
                }
                other => other,
            };
            let rust_name = field_names.claim(&names::snake(&json_name, "field"));
            let child = format!(
                "{prefix}{}",
                names::camel(&singular(&json_name, &shape), "Field")
            );
            // A backtick in a key would end the code span early.
            let child_doc = format!("The `{}` of [`{name}`].", json_name.replace('`', "'"));
            let doc = field_docs.iter().find(|d| d.field == json_name).cloned();
            // A list of the resource holds more of it; anything else nested is something else.
            let child_level = match (&shape, level) {
                (Shape::Array(_), Level::Resource) => Level::Resource,
                _ => Level::Nested,
            };
            let ty = match self.field_enum(&json_name, &shape, doc.as_ref(), level) {
                Some(id) => RustType::Enum(id),
                None => self.rust_type(shape, &child, &child, &child_doc, &[], child_level),
            };
            defs.push(FieldDef {
                json_name,
                rust_name,
                ty,
                doc,
                learned_from,
                observed,
            });
        }
        let shape: Vec<(String, RustType)> = defs
            .iter()
            .map(|f| (f.json_name.clone(), self.module.canonical_type(&f.ty)))
            .collect();
        if let Some(target) = self.module.shapes.get(&shape).copied() {
            // The same struct exists already: this name becomes an alias of it.
            let kind = TypeKind::Alias {
                target,
                doc: doc.to_owned(),
            };
            let alias = self.module.add(name, kind, begun);
            self.defined.push(alias);
            return alias;
        }
        let extra_field = field_names.claim("extra_fields");
        let def = StructDef {
            doc: doc.to_owned(),
            fields: defs,
            extra_field,
        };
        let id = self.module.add(name, TypeKind::Struct(def), begun);
        self.module.shapes.insert(shape, id);
        self.defined.push(id);
        id
    }
}
