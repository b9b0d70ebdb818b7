//! Rust types from example values: query parameters from their example strings, response
//! bodies from every example of an operation merged together.
//!
//! An example proves that a field can appear, not that it always does, so every struct field
//! is optional; and every struct keeps the fields no example showed, so nothing the server
//! sends is lost.
//!
//! What is inferred is keyed by the model's ids: [`Types::operation`] by
//! [`OperationId`], [`Types::param`] by [`ParamId`], and every struct and enum is a
//! [`TypeDef`] found by its [`TypeId`].

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostics::{Warning, Warnings};
use crate::model::{
    Api, ExampleBody, ExampleResponse, FieldDoc, Method, Operation, OperationId, ParamId,
    QueryParameter, RequestBody,
};
use crate::profile::{PageConvention, Profile};
use crate::{names, parallel, profile::describe};

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

/// A struct or enum's identity: the module it was inferred in, and its place there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId {
    group: u32,
    index: u32,
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
    /// the named enum, one variant per status.
    ByStatus {
        enum_name: String,
        variants: Vec<StatusVariant>,
    },
}

/// One status of a [`ResponseType::ByStatus`].
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
    /// Form fields, typed like query parameters ([`Types::param`]), in the named struct.
    Form { struct_name: String },
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
    /// The name of the struct holding the query parameters, if the operation has any.
    pub query_struct: Option<String>,
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
    groups: Vec<Vec<TypeDef>>,
    operations: HashMap<OperationId, OperationTypes>,
    params: HashMap<ParamId, RustType>,
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

    /// How a type reads in the generated code, within its module.
    pub fn rust_name(&self, ty: &RustType) -> String {
        match ty {
            RustType::Bool => "bool".into(),
            RustType::I64 => "i64".into(),
            RustType::U64 => "u64".into(),
            RustType::F64 => "f64".into(),
            RustType::Number => "serde_json::Number".into(),
            RustType::String => "String".into(),
            RustType::Value { .. } => "serde_json::Value".into(),
            RustType::Vec(inner) => format!("Vec<{}>", self.rust_name(inner)),
            RustType::Named(id) | RustType::Enum(id) => self.name(*id).to_owned(),
        }
    }

    /// Every struct and enum.
    pub fn defs(&self) -> impl Iterator<Item = &TypeDef> {
        self.groups.iter().flatten()
    }
}

/// Infers the types of every operation of `api`, with the profile's paging conventions.
///
/// Modules share no names, so each is inferred on its own thread.
pub fn infer(api: &Api, profile: &dyn Profile) -> (Types, Vec<Warning>) {
    let mut by_module: HashMap<Option<&str>, Vec<&Operation>> = HashMap::new();
    for operation in &api.operations {
        by_module
            .entry(operation.module.as_deref())
            .or_default()
            .push(operation);
    }
    let writes = WriteBodies::of(api);
    let mut modules: Vec<Vec<&Operation>> = by_module.into_values().collect();
    modules.sort_by_key(|operations| operations.first().map(|op| op.id));
    let groups: Vec<(u32, Vec<&Operation>)> = (0u32..).zip(modules).collect();
    let inferred = parallel::map(
        &groups,
        |(_, operations)| operations.len(),
        |(group, operations)| infer_module(*group, operations, profile, &writes),
    );
    let mut types = Types::default();
    let mut warnings = Vec::new();
    for module in inferred {
        types.groups.push(module.defs);
        types.operations.extend(module.operations);
        types.params.extend(module.params);
        warnings.extend(module.warnings);
    }
    (types, warnings)
}

/// A set of JSON values to type as one struct: the examples of one webhook event, say.
pub(crate) struct ExampleSet {
    /// The root struct's name; the structs nested in it are named after `prefix`.
    pub name: String,
    pub prefix: String,
    pub doc: String,
    pub examples: Vec<Value>,
}

/// Types example sets outside any collection, with the same rules as response bodies:
/// every set's examples merged into one root type. Each set is typed on its own, so that a
/// struct is named after the one set it belongs to (a shape seen again within a set shares
/// its struct), and no set takes a name another one took or one of `reserved`. Gives each
/// set's root type and the structs it defines, outermost first, in the order of `sets`.
pub(crate) fn type_example_sets(
    sets: &[ExampleSet],
    reserved: &[&str],
) -> (Types, Vec<(RustType, Vec<TypeId>)>) {
    // The typer reads an operation only for what requests and responses need; an example
    // set has neither, so a bare one stands in.
    let operation = bare_operation();
    let mut warnings = Warnings::default();
    let mut taken: Vec<String> = reserved.iter().map(|name| (*name).to_owned()).collect();
    let mut types = Types::default();
    let mut roots = Vec::with_capacity(sets.len());
    for (group, set) in (0u32..).zip(sets) {
        let mut module = ModuleTypes::new(group, None);
        for name in &taken {
            module.scope.reserve(name);
        }
        let writes = WriteBodies::default();
        let mut typer = Typer {
            operation: &operation,
            base: set.prefix.clone(),
            module: &mut module,
            profile: &crate::profile::Generic,
            writes: &writes,
            defined: Vec::new(),
            warnings: &mut warnings,
        };
        let shape = set.examples.iter().fold(Shape::Never, |shape, example| {
            shape.merge(Shape::of(example))
        });
        let ty = typer.rust_type(shape, &set.name, &set.prefix, &set.doc, &[], Level::Nested);
        let mut defined = typer.defined;
        defined.sort_by_key(|id| module.order.get(id).copied());
        taken.extend(module.defs.iter().map(|def| def.name.clone()));
        types.groups.push(module.defs);
        roots.push((ty, defined));
    }
    (types, roots)
}

fn bare_operation() -> Operation {
    Operation {
        id: OperationId(0),
        name: String::new(),
        folders: Vec::new(),
        module: None,
        fn_name: String::new(),
        method: crate::model::Method::Post,
        path: Default::default(),
        path_params: Vec::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
        responses: Vec::new(),
        docs: Default::default(),
        location: crate::diagnostics::Location::root(),
    }
}

/// What one module's inference gives.
struct ModuleResult {
    defs: Vec<TypeDef>,
    operations: Vec<(OperationId, OperationTypes)>,
    params: Vec<(ParamId, RustType)>,
    warnings: Vec<Warning>,
}

/// Infers the operations of one module.
fn infer_module(
    group: u32,
    operations: &[&Operation],
    profile: &dyn Profile,
    writes: &WriteBodies,
) -> ModuleResult {
    let module_name = operations.first().and_then(|op| op.module.clone());
    let mut module = ModuleTypes::new(group, module_name);
    // Stream functions are named after their operation; they must not take the name of
    // another operation's function.
    for operation in operations {
        module.functions.reserve(&operation.fn_name);
    }
    for operation in operations {
        module.learn_documented_values(operation);
    }
    let mut warnings = Warnings::default();
    // Bodies first: the values their fields document are then defined under the bodies'
    // names, and the responses of the same resource share them.
    let mut bodies: HashMap<OperationId, (BodyType, Vec<TypeId>)> = HashMap::new();
    for operation in operations {
        let mut typer = Typer::new(operation, &mut module, profile, writes, &mut warnings);
        if let Some(body) = &operation.body {
            let ty = typer.body_type(body);
            bodies.insert(operation.id, (ty, typer.defined));
        }
    }
    let mut inferred: Vec<(OperationId, OperationTypes)> = operations
        .iter()
        .map(|operation| {
            let body = bodies.remove(&operation.id);
            let types =
                operation_types(operation, &mut module, profile, writes, &mut warnings, body);
            (operation.id, types)
        })
        .collect();
    module.describe_shared_structs(operations, &inferred);
    for (_, types) in &mut inferred {
        types
            .defined
            .sort_by_key(|id| module.order.get(id).copied());
    }
    ModuleResult {
        defs: module.defs,
        operations: inferred,
        params: module.params,
        warnings: warnings.into_vec(),
    }
}

/// The names and struct shapes already used in one module.
struct ModuleTypes {
    group: u32,
    module: Option<String>,
    defs: Vec<TypeDef>,
    /// The order types were begun in (outer structs before the ones nested in them), for
    /// the order they are emitted in.
    order: HashMap<TypeId, usize>,
    begun: usize,
    scope: names::Scope,
    /// Struct ids by their fields, so that a shape seen again reuses its first struct.
    shapes: HashMap<Vec<(String, RustType)>, TypeId>,
    /// Enum ids by their kind and values, likewise.
    enums: HashMap<(bool, Vec<String>), TypeId>,
    /// The values body fields document, by resource and field: response fields of the same
    /// resource that have no description of their own share them.
    resource_values: HashMap<(String, String), Vec<(String, String)>>,
    params: Vec<(ParamId, RustType)>,
    /// Function names, for the stream functions of paginated operations.
    functions: names::Scope,
}

impl ModuleTypes {
    fn new(group: u32, module: Option<String>) -> Self {
        let mut scope = names::Scope::default();
        for name in names::reserved_type_names() {
            scope.reserve(name);
        }
        ModuleTypes {
            group,
            module,
            defs: Vec::new(),
            order: HashMap::new(),
            begun: 0,
            scope,
            shapes: HashMap::new(),
            enums: HashMap::new(),
            resource_values: HashMap::new(),
            params: Vec::new(),
            functions: names::Scope::default(),
        }
    }

    /// The values the operation's body fields document, for the response fields of its
    /// resource.
    fn learn_documented_values(&mut self, operation: &Operation) {
        let Some(RequestBody::Json { field_docs, .. }) = &operation.body else {
            return;
        };
        let resource = resource_of(operation);
        for doc in field_docs {
            let values = describe::documented_values(&doc.text);
            if enum_kind(&values).is_some() {
                self.resource_values
                    .entry((resource.clone(), doc.field.clone()))
                    .or_insert(values);
            }
        }
    }

    /// A place in the emitted order, taken when a type is begun.
    fn begin(&mut self) -> usize {
        self.begun += 1;
        self.begun
    }

    fn add(&mut self, name: String, kind: TypeKind, begun: usize) -> TypeId {
        let id = TypeId {
            group: self.group,
            index: self.defs.len() as u32,
        };
        self.defs.push(TypeDef {
            id,
            module: self.module.clone(),
            name,
            kind,
        });
        self.order.insert(id, begun);
        id
    }

    /// The struct an id names, through an alias.
    fn canonical(&self, id: TypeId) -> TypeId {
        match self.defs.get(id.index as usize).map(|def| &def.kind) {
            Some(TypeKind::Alias { target, .. }) => *target,
            _ => id,
        }
    }

    /// The type with aliases replaced by what they name, for comparing shapes.
    fn canonical_type(&self, ty: &RustType) -> RustType {
        match ty {
            RustType::Named(id) => RustType::Named(self.canonical(*id)),
            RustType::Vec(inner) => RustType::Vec(Box::new(self.canonical_type(inner))),
            other => other.clone(),
        }
    }

    fn struct_mut(&mut self, id: TypeId) -> Option<&mut StructDef> {
        let id = self.canonical(id);
        match &mut self.defs.get_mut(id.index as usize)?.kind {
            TypeKind::Struct(def) => Some(def),
            _ => None,
        }
    }

    fn struct_def(&self, id: TypeId) -> Option<&StructDef> {
        let id = self.canonical(id);
        match &self.defs.get(id.index as usize)?.kind {
            TypeKind::Struct(def) => Some(def),
            _ => None,
        }
    }

    /// A struct that several operations share (the same shape seen again) is documented
    /// as what it is for each of them, not only for the first.
    fn describe_shared_structs(
        &mut self,
        operations: &[&Operation],
        inferred: &[(OperationId, OperationTypes)],
    ) {
        fn root(module: &ModuleTypes, ty: &RustType) -> Option<TypeId> {
            match ty {
                RustType::Named(id) => Some(module.canonical(*id)),
                RustType::Vec(inner) => root(module, inner),
                _ => None,
            }
        }
        let function = |id: OperationId| {
            let name = operations
                .iter()
                .find(|op| op.id == id)
                .map_or("", |op| op.fn_name.as_str());
            format!("[`{name}`]")
        };
        // Per struct: the operations it is the response of, and those it is the body of.
        let mut uses: HashMap<TypeId, (Vec<String>, Vec<String>)> = HashMap::new();
        for (id, types) in inferred {
            for ty in response_roots(&types.response) {
                if let Some(root) = root(self, ty) {
                    uses.entry(root).or_default().0.push(function(*id));
                }
            }
            if let Some(BodyType::Json(ty)) = &types.body {
                if let Some(root) = root(self, ty) {
                    uses.entry(root).or_default().1.push(function(*id));
                }
            }
        }
        for (id, (responses, bodies)) in uses {
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
            if let Some(def) = self.struct_mut(id) {
                def.doc = format!("Shared: {}.", roles.join("; "));
            }
        }
    }
}

/// The operation's types; `body` is its body's type and the types that defined, typed
/// before every operation's query and response.
fn operation_types(
    operation: &Operation,
    module: &mut ModuleTypes,
    profile: &dyn Profile,
    writes: &WriteBodies,
    warnings: &mut Warnings,
    body: Option<(BodyType, Vec<TypeId>)>,
) -> OperationTypes {
    let conventions = profile.pagination();
    let (body, body_defined) = body.unzip();
    let mut typer = Typer::new(operation, module, profile, writes, warnings);
    typer.defined = body_defined.unwrap_or_default();
    for query in &operation.query {
        let ty = typer.query_type(query);
        typer.module.params.push((query.param.id, ty));
    }
    let path_enums = typer.path_enums();
    let query_struct = (!operation.query.is_empty()).then(|| typer.claim("Query"));
    let response = typer.response_type();
    let defined = std::mem::take(&mut typer.defined);
    let pagination = match &response {
        ResponseType::Json(RustType::Named(page)) => module
            .struct_def(*page)
            .and_then(|page| pagination(operation, &module.params, page, conventions)),
        _ => None,
    };
    let pagination = pagination.map(|mut pagination| {
        pagination.fn_name = module.functions.claim(&pagination.fn_name);
        pagination
    });
    OperationTypes {
        query_struct,
        response,
        body,
        defined,
        pagination,
        path_enums,
    }
}

/// The types a response decodes into: one, or one per status.
pub(crate) fn response_roots(response: &ResponseType) -> Vec<&RustType> {
    match response {
        ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => vec![ty],
        ResponseType::ByStatus { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        ResponseType::Empty | ResponseType::Text => Vec::new(),
    }
}

/// Pagination is read from the collection: the request takes the cursor as a query
/// parameter, and the response gives it back beside one list of items, as one of the
/// profile's conventions names them.
fn pagination(
    operation: &Operation,
    params: &[(ParamId, RustType)],
    page: &StructDef,
    conventions: &[PageConvention],
) -> Option<Pagination> {
    if operation.body.is_some() {
        return None;
    }
    let param_type = |id: ParamId| params.iter().find(|(p, _)| *p == id).map(|(_, ty)| ty);
    let query_field = |name: &str, ty: RustType| {
        operation
            .query
            .iter()
            .find(|q| q.param.name == name && !q.repeated && param_type(q.param.id) == Some(&ty))
            .map(|q| QueryField {
                rust_name: q.param.rust_name.clone(),
                optional: q.optional(),
            })
    };
    let response_field = |name: &str, ty: RustType| {
        page.fields
            .iter()
            .find(|f| f.json_name == name && f.ty == ty)
            .map(|f| f.rust_name.clone())
    };
    let style = conventions
        .iter()
        .find_map(|convention| match *convention {
            PageConvention::Token { query, response } => Some(PageStyle::Token {
                query_field: query_field(query, RustType::String)?,
                response_field: response_field(response, RustType::String)?,
            }),
            PageConvention::Number {
                query,
                number,
                count,
            } => Some(PageStyle::Number {
                query_field: query_field(query, RustType::I64)?,
                number_field: response_field(number, RustType::I64)?,
                count_field: response_field(count, RustType::I64)?,
            }),
        })?;
    let lists: Vec<&FieldDef> = page
        .fields
        .iter()
        .filter(|f| matches!(f.ty, RustType::Vec(_)))
        .collect();
    // With several lists, the one named like the path's last word holds the items.
    let last_word = operation.last_literal_segment().unwrap_or_default();
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
    profile: &'a dyn Profile,
    writes: &'a WriteBodies,
    defined: Vec<TypeId>,
    warnings: &'a mut Warnings,
}

impl<'a> Typer<'a> {
    fn new(
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
    fn path_enums(&mut self) -> Vec<(ParamId, TypeId)> {
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

    fn define_enum(
        &mut self,
        param: &str,
        values: &[(String, String)],
        numeric: bool,
        source: ValueSource,
    ) -> TypeId {
        let key = (numeric, values.iter().map(|(v, _)| v.clone()).collect());
        let name = self.claim(&names::camel(param, "Value"));
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
        let variants = values
            .iter()
            .map(|(value, doc)| VariantDef {
                rust_name: variant_names.claim(&variant_name(value, numeric)),
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
                let shape = Shape::of(&value);
                BodyType::Json(self.rust_type(shape, &name, &name, &doc, field_docs, Level::Nested))
            }
            RequestBody::UrlEncoded { fields } => {
                for field in fields {
                    let ty = self.query_type(field);
                    self.module.params.push((field.param.id, ty));
                }
                BodyType::Form {
                    struct_name: self.claim("Form"),
                }
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
        if !saw_empty && bodies_differ(&by_status) {
            return self.response_by_status(by_status);
        }
        let shape = self.completed_from_write_bodies(shape);
        let shape = self.with_page_cursor(shape);
        let root_name = format!("{}Response", self.base);
        let prefix = self.base.clone();
        let doc = format!("The successful response of [`{}`].", operation.fn_name);
        let ty = self.rust_type(shape, &root_name, &prefix, &doc, &[], Level::Resource);
        if saw_empty {
            ResponseType::OptionalJson(ty)
        } else {
            ResponseType::Json(ty)
        }
    }

    /// A type per status, for successful examples whose bodies differ by status; the
    /// response is an enum of them.
    fn response_by_status(&mut self, by_status: Vec<(u16, Shape)>) -> ResponseType {
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
        ResponseType::ByStatus {
            enum_name,
            variants,
        }
    }

    /// The response with the fields that the write requests of the same resource document
    /// but no example response shows: a `GET` learns from the `PATCH` and `PUT` bodies on
    /// its path, a write request from its own body. What an example shows is never changed.
    fn completed_from_write_bodies(&self, shape: Shape) -> Shape {
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
    fn field_enum(
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
    fn is_integer_field(&self, name: &str) -> bool {
        self.profile.integer_fields().contains(&name)
    }

    /// A list response of a request that takes a page cursor in its query returns the next
    /// cursor, as the profile's paging convention names it, even where no example shows it
    /// (the API sends it once a list has more than one page).
    fn with_page_cursor(&self, shape: Shape) -> Shape {
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
    fn rust_type(
        &mut self,
        shape: Shape,
        name: &str,
        prefix: &str,
        doc: &str,
        field_docs: &[FieldDoc],
        level: Level,
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
            Shape::Float => RustType::Number,
            Shape::String => RustType::String,
            Shape::Conflict(why) => RustType::Value { why },
            Shape::Array(items) => match *items {
                Shape::Never => RustType::Vec(Box::new(RustType::Value {
                    why: "every example has an empty list here",
                })),
                items => RustType::Vec(Box::new(
                    self.rust_type(items, name, prefix, doc, field_docs, level),
                )),
            },
            Shape::Object(fields) => {
                RustType::Named(self.define(fields, name, prefix, doc, field_docs, level))
            }
            Shape::Learned { shape, .. } => {
                self.rust_type(*shape, name, prefix, doc, field_docs, level)
            }
        }
    }

    /// Defines a struct, or finds the same struct defined before, and gives its id.
    fn define(
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
            let (shape, learned_from) = match shape {
                Shape::Learned { shape, from } => (*shape, Some(from)),
                other => (other, None),
            };
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
fn without_leading_zeros(text: &str) -> String {
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
fn enum_kind(values: &[(String, String)]) -> Option<bool> {
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
fn bodies_differ(by_status: &[(u16, Shape)]) -> bool {
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
fn status_name(status: u16) -> String {
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
enum Level {
    Resource,
    Nested,
}

/// The resource an operation reads or writes: its path's last literal segment
/// (`meetings` for both `POST /users/{userId}/meetings` and `GET /meetings/{meetingId}`).
fn resource_of(operation: &Operation) -> String {
    operation
        .last_literal_segment()
        .unwrap_or_default()
        .to_owned()
}

/// A variant's name: a string value's own (`Zak`); for a number, the number (`Value1`,
/// `ValueMinus1`), so that names stay put when a collection words the meanings otherwise
/// (the meaning is in the variant's docs).
fn variant_name(value: &str, numeric: bool) -> String {
    if !numeric {
        return names::camel(value, "Value");
    }
    match value.strip_prefix('-') {
        Some(magnitude) => format!("ValueMinus{magnitude}"),
        None => format!("Value{value}"),
    }
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

/// A value that is the name of a type stands for a value of that type: Postman's
/// placeholders (`<long>`, `<boolean>`, `<dateTime>`) and the bare names that collections
/// converted from a spec write (`integer`, `boolean`, `string [date-time]`). Only a value
/// that is exactly a type name counts.
fn placeholder(text: &str) -> Option<Shape> {
    let (name, bracketed) = match text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner, true),
        None => (text, false),
    };
    // `string [date-time]`, `integer [int64]`: the format adds nothing to the JSON kind.
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

fn is_format_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-'
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
    /// A field no example response shows, learned from the body of the write request
    /// named `from`.
    Learned {
        shape: Box<Shape>,
        from: String,
    },
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
            (Learned { shape, from }, other) | (other, Learned { shape, from }) => Learned {
                shape: Box::new(shape.merge(other)),
                from,
            },
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

impl Shape {
    /// This object with the fields of `body` it lacks, marked as learned from `from`;
    /// nested objects both hold are completed alike.
    fn completed(self, body: &Shape, from: &str) -> Shape {
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
struct WriteBodies {
    by_path: HashMap<String, Vec<WriteBody>>,
}

struct WriteBody {
    operation: OperationId,
    fn_name: String,
    method: Method,
    shape: Shape,
}

impl WriteBodies {
    fn of(api: &Api) -> WriteBodies {
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

    fn on<'a>(&'a self, path: &str) -> impl Iterator<Item = &'a WriteBody> + 'a {
        self.by_path.get(path).into_iter().flatten()
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
    fn bare_type_names_stand_for_their_type() {
        let int = Shape::Int {
            beyond_i64: false,
            negative: false,
        };
        assert_eq!(shape_of(&[json!("integer")]), int);
        assert_eq!(shape_of(&[json!("integer [int64]")]), int);
        assert_eq!(shape_of(&[json!("boolean")]), Shape::Bool);
        assert_eq!(shape_of(&[json!("double")]), Shape::Float);
        assert_eq!(shape_of(&[json!("string [date-time]")]), Shape::String);
        // Only a value that is exactly a type name.
        assert_eq!(placeholder("internal"), None);
        assert_eq!(placeholder("integer value"), None);
        assert_eq!(placeholder("boolean [x y]"), None);
    }

    #[test]
    fn numbers_with_leading_zeros_are_read_for_their_types() {
        let value = parse_example_json(
            r#"{"id": 000100, "zero": 0, "neg": -007, "f": 0.5, "s": "007", "list": [00, 01]}"#,
        )
        .expect("read leniently");
        assert_eq!(
            value,
            json!({"id": 100, "zero": 0, "neg": -7, "f": 0.5, "s": "007", "list": [0, 1]})
        );
        assert_eq!(
            parse_example_json(r#"{"a": "\"0001"}"#),
            Some(json!({"a": "\"0001"}))
        );
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
