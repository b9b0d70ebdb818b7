//! What inference produces: the type arena and the types of each operation, keyed by the
//! model's ids.

use super::*;

/// A Rust type as the emitter writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RustType {
    Bool,
    I64,
    U64,
    /// A query parameter with fractional example values.
    F64,
    /// A JSON number whose examples hold fractions: kept exactly as sent, so that `0.0`
    /// and `1` both read back as they came.
    Number,
    String,
    /// An RFC 3339 date and time, kept as its text (the runtime's `Timestamp`).
    Timestamp,
    /// Any JSON; `why` says what kept the type open, for the docs.
    Value {
        why: &'static str,
    },
    Vec(Box<RustType>),
    /// A struct defined in the same module.
    Named(TypeId),
    /// A string enum defined in the same module, with a variant for undocumented values.
    Enum(TypeId),
}

/// Why a [`RustType::Value`] is open when no example gave the field a value.
pub const NULL_ONLY: &str = "every example has `null` here";
/// Why the items of a list are untyped when every example's list is empty.
pub const EMPTY_LIST_ONLY: &str = "every example has an empty list here";
/// Why a response is untyped when the collection shows no successful response.
pub const NO_SUCCESSFUL_EXAMPLE: &str = "the collection has no successful example response";
/// Why a value is any JSON when observed responses give it a kind its examples do not.
pub const OBSERVED_CONFLICT: &str =
    "observed responses give this value a JSON type the collection's examples do not";

/// A struct or enum's identity: the module it was inferred in, and its place there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId {
    pub(super) group: u32,
    pub(super) index: u32,
}

/// A struct or enum the generated code defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    pub id: TypeId,
    /// The module it is defined in (`None` at the root).
    pub module: Option<String>,
    pub name: String,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    /// A name for a struct defined under another name: the same shape seen again. Every
    /// operation's types keep the names they were given, whatever else the module holds.
    Alias {
        target: TypeId,
        doc: String,
    },
    /// The struct of a request's query parameters or form fields.
    Params(ParamsDef),
    /// The enum of a response whose body type differs by status.
    ByStatus(StatusEnumDef),
}

/// What a [`ParamsDef`] holds: the query or the form body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamsRole {
    Query,
    Form,
}

/// A struct of query parameters or form fields, one field per parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsDef {
    pub role: ParamsRole,
    pub fields: Vec<ParamField>,
}

impl ParamsDef {
    /// Every field may be left out, so the struct has a `Default`.
    pub fn all_optional(&self) -> bool {
        self.fields.iter().all(|field| field.optional)
    }
}

/// One query parameter or form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamField {
    /// The parameter of the model it types.
    pub param: ParamId,
    /// The name as sent.
    pub name: String,
    pub rust_name: String,
    pub ty: RustType,
    /// `Option<T>` in the struct.
    pub optional: bool,
    /// Disabled in the collection: sent only when given.
    pub disabled: bool,
    pub description: Option<String>,
    /// The collection's example values, first one first.
    pub examples: Vec<String>,
}

/// The successful responses of an operation, one variant per status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEnumDef {
    /// The function whose responses these are.
    pub function: String,
    pub variants: Vec<StatusVariant>,
}

/// A field or parameter whose description lists its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    pub doc: String,
    pub variants: Vec<VariantDef>,
    /// The values are integers, sent as JSON numbers; otherwise strings.
    pub numeric: bool,
    /// Where the values were read.
    pub source: ValueSource,
}

/// Where an enum's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueSource {
    /// A query parameter's or form field's description.
    Query,
    /// A path parameter's description.
    Path,
    /// A body field's description (response fields of the same resource share them).
    Body,
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
    /// What the collection says of the field (request body fields).
    pub doc: Option<FieldDoc>,
    /// The write request whose body documents the field, when no example response shows
    /// it (its function name).
    pub learned_from: Option<String>,
    /// What observed responses (an overlay) showed of the field.
    pub observed: Option<FieldObservation>,
}

/// What observed responses showed of a struct field, for its docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldObservation {
    /// No example of the collection shows the field: it was learned from observations.
    pub added: bool,
    /// The examples give the field no type (`null` only, empty lists): observations did.
    pub typed: bool,
    /// In how many observed objects the field was present.
    pub present_in: u64,
    /// The field is the collection's but was in no observed object: of how many.
    pub absent_from: Option<u64>,
    /// The values observed, for a field the user named, with how often each was seen.
    pub values: Vec<(String, u64)>,
    /// More distinct values were seen than were kept.
    pub values_truncated: bool,
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
    /// JSON of a different type per status (a `200` and a `201` whose bodies differ), in
    /// an enum of the arena ([`TypeKind::ByStatus`]), one variant per status.
    ByStatus(TypeId),
}

/// One status of a [`StatusEnumDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVariant {
    pub status: u16,
    /// The variant's name (`Ok`, `Created`, `Status207`).
    pub name: String,
    pub ty: RustType,
}

/// What the generated function takes as its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyType {
    /// A JSON body of this type.
    Json(RustType),
    /// Form fields, in a struct of the arena ([`TypeKind::Params`]).
    Form(TypeId),
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
    /// The struct holding the query parameters ([`TypeKind::Params`]), if the operation
    /// has any.
    pub query: Option<TypeId>,
    pub response: ResponseType,
    pub body: Option<BodyType>,
    /// The structs and enums this operation defines (others may share them), outermost
    /// first.
    pub defined: Vec<TypeId>,
    /// How to walk the pages of a list operation, when it is one.
    pub pagination: Option<Pagination>,
    /// The enums of path parameters whose descriptions list their values (the parameters
    /// stay `&str`; the enum names the values).
    pub path_enums: Vec<(ParamId, TypeId)>,
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
    /// The response's cursor field goes into the query field.
    Token {
        query_field: QueryField,
        response_field: String,
    },
    /// The query field counts pages up to the response's count field.
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

/// Everything inferred for an API, keyed by the model's ids.
#[derive(Debug, Clone, Default)]
pub struct Types {
    /// Each group's definitions; a [`TypeId`] points into one.
    pub(super) groups: Vec<Vec<TypeDef>>,
    pub(super) operations: HashMap<OperationId, OperationTypes>,
    pub(super) params: HashMap<ParamId, RustType>,
    /// The module of the types several modules share, when there are any.
    pub(super) shared_module: Option<String>,
}

impl Types {
    /// The types of an operation of the API they were inferred for.
    pub fn operation(&self, id: OperationId) -> Option<&OperationTypes> {
        self.operations.get(&id)
    }

    /// The type of a query parameter or form field.
    pub fn param(&self, id: ParamId) -> Option<&RustType> {
        self.params.get(&id)
    }

    pub fn def(&self, id: TypeId) -> Option<&TypeDef> {
        self.groups.get(id.group as usize)?.get(id.index as usize)
    }

    pub(super) fn def_mut(&mut self, id: TypeId) -> Option<&mut TypeDef> {
        self.groups
            .get_mut(id.group as usize)?
            .get_mut(id.index as usize)
    }

    /// The module holding the types several modules share (never behind a feature), and
    /// its types in the order they are emitted.
    pub fn shared(&self) -> Option<(&str, &[TypeDef])> {
        let module = self.shared_module.as_deref()?;
        let defs = self.groups.last()?;
        Some((module, defs))
    }

    /// Where a type is defined, as a path from `module` (`None` for the root): its bare
    /// name within its own module, behind the module's name elsewhere.
    pub fn path_from(&self, id: TypeId, module: Option<&str>) -> String {
        let Some(def) = self.def(id) else {
            return "UnknownType".to_owned();
        };
        if def.module.as_deref() == module {
            return def.name.clone();
        }
        let up = if module.is_some() { "super::" } else { "" };
        match &def.module {
            Some(home) => format!("{up}{home}::{}", def.name),
            None => format!("{up}{}", def.name),
        }
    }

    /// Points every reference to a type `redirect` maps somewhere else: struct fields,
    /// query and form fields, per-status variants, and what operations take and return.
    /// Operations keep the ids of their query structs, status enums and path enums.
    pub(super) fn redirect(&mut self, redirect: &dyn Fn(TypeId) -> Option<TypeId>) {
        fn retarget(ty: &mut RustType, redirect: &dyn Fn(TypeId) -> Option<TypeId>) {
            match ty {
                RustType::Vec(inner) => retarget(inner, redirect),
                RustType::Named(id) | RustType::Enum(id) => {
                    if let Some(new) = redirect(*id) {
                        *id = new;
                    }
                }
                _ => {}
            }
        }
        for def in self.groups.iter_mut().flatten() {
            match &mut def.kind {
                TypeKind::Struct(fields) => {
                    for field in &mut fields.fields {
                        retarget(&mut field.ty, redirect);
                    }
                }
                TypeKind::Params(params) => {
                    for field in &mut params.fields {
                        retarget(&mut field.ty, redirect);
                    }
                }
                TypeKind::ByStatus(statuses) => {
                    for variant in &mut statuses.variants {
                        retarget(&mut variant.ty, redirect);
                    }
                }
                TypeKind::Enum(_) | TypeKind::Alias { .. } => {}
            }
        }
        for types in self.operations.values_mut() {
            match &mut types.response {
                ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => retarget(ty, redirect),
                _ => {}
            }
            if let Some(BodyType::Json(ty)) = &mut types.body {
                retarget(ty, redirect);
            }
            if let Some(pages) = &mut types.pagination {
                retarget(&mut pages.item_type, redirect);
            }
        }
        for ty in self.params.values_mut() {
            retarget(ty, redirect);
        }
    }

    /// A query or form struct.
    pub fn params(&self, id: TypeId) -> Option<&ParamsDef> {
        match &self.def(id)?.kind {
            TypeKind::Params(def) => Some(def),
            _ => None,
        }
    }

    /// The variants of a response typed per status.
    pub fn status_variants(&self, response: &ResponseType) -> &[StatusVariant] {
        let ResponseType::ByStatus(id) = response else {
            return &[];
        };
        match self.def(*id).map(|def| &def.kind) {
            Some(TypeKind::ByStatus(def)) => &def.variants,
            _ => &[],
        }
    }

    /// The struct or enum itself: an alias's target, any other definition as it is.
    pub fn resolve(&self, id: TypeId) -> Option<&TypeDef> {
        match self.def(id)? {
            TypeDef {
                kind: TypeKind::Alias { target, .. },
                ..
            } => self.def(*target),
            def => Some(def),
        }
    }

    /// The name a struct or enum is defined with.
    pub fn name(&self, id: TypeId) -> &str {
        self.def(id).map_or("UnknownType", |def| def.name.as_str())
    }

    /// How a type reads in the generated code, within its module (the shared module's
    /// types behind the shared module's name).
    pub fn rust_name(&self, ty: &RustType) -> String {
        match ty {
            RustType::Bool => "bool".into(),
            RustType::I64 => "i64".into(),
            RustType::U64 => "u64".into(),
            RustType::F64 => "f64".into(),
            RustType::Number => "serde_json::Number".into(),
            RustType::String => "String".into(),
            RustType::Timestamp => "Timestamp".into(),
            RustType::Value { .. } => "serde_json::Value".into(),
            RustType::Vec(inner) => format!("Vec<{}>", self.rust_name(inner)),
            RustType::Named(id) | RustType::Enum(id) => {
                let shared = self.def(*id).and_then(|def| def.module.as_deref());
                match shared.filter(|m| Some(*m) == self.shared_module.as_deref()) {
                    Some(module) => format!("{module}::{}", self.name(*id)),
                    None => self.name(*id).to_owned(),
                }
            }
        }
    }

    /// Every struct and enum.
    pub fn defs(&self) -> impl Iterator<Item = &TypeDef> {
        self.groups.iter().flatten()
    }
}
