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

mod observed;
mod resources;
mod shape;
mod typer;
mod types;
mod variants;

use observed::without_notes;
pub(crate) use shape::parse_example_json;
use shape::*;
use typer::*;
pub use types::*;
pub use variants::VariantNames;

/// Infers the types of every operation of `api`, with the profile's paging conventions,
/// naming the variants of numeric enums as `variant_names` says.
///
/// Modules share no names, so each is inferred on its own thread.
pub fn infer(
    api: &Api,
    profile: &dyn Profile,
    variant_names: VariantNames,
    sharing: Sharing,
) -> (Types, Vec<Warning>) {
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
        |(group, operations)| {
            let mut module =
                ModuleTypes::new(*group, operations.first().and_then(|op| op.module.clone()));
            module.variant_names = variant_names;
            infer_module(module, operations, profile, &writes)
        },
    );
    let mut types = Types::default();
    let mut warnings = Vec::new();
    for module in inferred {
        types.groups.push(module.defs);
        types.operations.extend(module.operations);
        types.params.extend(module.params);
        warnings.extend(module.warnings);
    }
    if sharing == Sharing::Resources {
        resources::share_resource_types(&mut types, api);
    }
    (types, warnings)
}

/// Whether the structs of one resource that agree become one shared struct (the
/// generated API), or each operation keeps the types its own examples give (what `learn`
/// compares observations with, since an overlay is applied to each operation's examples).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    Resources,
    EachOperation,
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
        observed: Vec::new(),
        docs: Default::default(),
        location: crate::diagnostics::Location::root(),
        access: Default::default(),
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
    mut module: ModuleTypes,
    operations: &[&Operation],
    profile: &dyn Profile,
    writes: &WriteBodies,
) -> ModuleResult {
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
    variant_names: VariantNames,
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
            variant_names: VariantNames::default(),
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

    /// The types a response decodes into: one, or one per status.
    fn response_roots<'r>(&'r self, response: &'r ResponseType) -> Vec<&'r RustType> {
        match response {
            ResponseType::Json(ty) | ResponseType::OptionalJson(ty) => vec![ty],
            ResponseType::ByStatus(id) => match self.defs.get(id.index as usize).map(|d| &d.kind) {
                Some(TypeKind::ByStatus(def)) => def.variants.iter().map(|v| &v.ty).collect(),
                _ => Vec::new(),
            },
            ResponseType::Empty | ResponseType::Text => Vec::new(),
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
            for ty in self.response_roots(&types.response) {
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
    let query_types = typer.param_types(&operation.query);
    let path_enums = typer.path_enums();
    let query = (!operation.query.is_empty())
        .then(|| typer.define_params(ParamsRole::Query, &operation.query, query_types));
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
        query,
        response,
        body,
        defined,
        pagination,
        path_enums,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_fields_name_their_enums_after_the_resource() {
        use crate::model::{PathPart, PathTemplate};
        let at = |path: &[&str]| {
            let mut operation = bare_operation();
            operation.path = PathTemplate {
                segments: path
                    .iter()
                    .map(|segment| match segment.strip_prefix(':') {
                        Some(_) => vec![PathPart::Param(ParamId(0))],
                        None => vec![PathPart::Literal((*segment).to_owned())],
                    })
                    .collect(),
            };
            operation
        };
        let cases = [
            (
                &["users", ":id", "meetings"][..],
                "type",
                Some("MeetingType"),
            ),
            (&["meetings", ":id"][..], "type", Some("MeetingType")),
            (&["users"][..], "action", Some("UserAction")),
            (
                &["meetings", ":id", "recordings", "settings"][..],
                "approval_type",
                Some("RecordingSettingsApprovalType"),
            ),
            (
                &["meetings", ":id", "registrants", "status"][..],
                "action",
                Some("RegistrantStatusAction"),
            ),
            (&["categories"][..], "kind", Some("CategoryKind")),
            (&[":tenant"][..], "kind", None),
        ];
        for (path, field, expected) in cases {
            assert_eq!(
                shape::resource_type_name(&at(path), field).as_deref(),
                expected,
                "{path:?} {field}"
            );
        }
    }
    use serde_json::json;

    fn shape_of(values: &[Value]) -> Shape {
        values
            .iter()
            .fold(Shape::Never, |acc, v| acc.merge(Shape::of(v)))
    }

    #[test]
    fn rfc3339_strings_are_timestamps_whatever_other_examples_show() {
        let stamp = json!("2026-12-02T15:30:00Z");
        assert_eq!(shape_of(std::slice::from_ref(&stamp)), Shape::Timestamp);
        assert_eq!(
            shape_of(&[json!("2026-12-02T15:30:00.125+05:30")]),
            Shape::Timestamp
        );
        // A timestamp keeps any text, so an empty or free-text example leaves it one.
        assert_eq!(shape_of(&[stamp.clone(), json!("")]), Shape::Timestamp);
        assert_eq!(shape_of(&[json!("soon"), stamp.clone()]), Shape::Timestamp);
        assert_eq!(shape_of(&[stamp, Value::Null]), Shape::Timestamp);
        for text in [
            "2026-12-02",
            "2026-12-02T15:30:00",
            "2026-12-02 15:30:00Z",
            "x2026-12-02T15:30:00Z",
        ] {
            assert_eq!(shape_of(&[json!(text)]), Shape::String, "{text}");
        }
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
        assert_eq!(shape_of(&[json!("<dateTime>")]), Shape::Timestamp);
        assert_eq!(shape_of(&[json!("<uuid>")]), Shape::String);
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
        assert_eq!(shape_of(&[json!("string [date-time]")]), Shape::Timestamp);
        assert_eq!(shape_of(&[json!("string [email]")]), Shape::String);
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
