//! The generator's golden files, compiled: one module per rule of
//! `codegen/tests/golden/`, each including that rule's `expected.rs` as
//! `codegen/tests/golden.rs` compares it with what the generator writes. A golden that
//! compiled only as text could hold code that no crate accepts; here rustc, clippy and
//! rustdoc see each one, as they see the bindings a crate generates.
//!
//! Every module is a whole generated API of its own (an `Api` type, `Client` aliases and the
//! runtime's re-exports), as a crate that includes one output would have it.
//!
//! A new rule adds its module here; `golden.rs` checks that none is missing.

/// The collection's auth, typed: an API key, basic, bearer, `noauth` and an unsupported type.
pub mod auth {
    include!("../../codegen/tests/golden/auth/expected.rs");
}

/// Binary (`file`) bodies, sent as bytes.
pub mod binary_bodies {
    include!("../../codegen/tests/golden/binary_bodies/expected.rs");
}

/// Fields whose examples disagree on their JSON kind, kept as JSON.
pub mod disagreeing_fields {
    include!("../../codegen/tests/golden/disagreeing_fields/expected.rs");
}

/// Scopes, rate limit labels, documented errors and deprecation (Zoom's conventions).
pub mod docs_and_deprecation {
    include!("../../codegen/tests/golden/docs_and_deprecation/expected.rs");
}

/// Enums from documented value lists, of strings and of numbers.
pub mod documented_values {
    include!("../../codegen/tests/golden/documented_values/expected.rs");
}

/// Modules behind cargo features (`Config::feature_modules`).
pub mod feature_modules {
    include!("../../codegen/tests/golden/feature_modules/expected.rs");
}

/// Response fields learned from the write requests of the same resource.
pub mod fields_from_write_bodies {
    include!("../../codegen/tests/golden/fields_from_write_bodies/expected.rs");
}

/// URL-encoded form bodies as structs typed like query parameters.
pub mod form_bodies {
    include!("../../codegen/tests/golden/form_bodies/expected.rs");
}

/// Form fields holding JSON read as one JSON body (Zoom's export), their descriptions documenting its fields.
pub mod form_fields_holding_json {
    include!("../../codegen/tests/golden/form_fields_holding_json/expected.rs");
}

/// JSON bodies typed from their example, nested objects included.
pub mod json_bodies {
    include!("../../codegen/tests/golden/json_bodies/expected.rs");
}

/// Fields learned from observed responses (an overlay), beside the examples' own.
pub mod learned_fields {
    include!("../../codegen/tests/golden/learned_fields/expected.rs");
}

/// Examples that are not quite JSON, read as far as they go.
pub mod lenient_examples {
    include!("../../codegen/tests/golden/lenient_examples/expected.rs");
}

/// Structs of one resource that agree, across folders, as one struct of the shared module.
pub mod shared_resources {
    include!("../../codegen/tests/golden/shared_resources/expected.rs");
}

/// Several examples merged into one struct: missing fields, widened numbers.
pub mod merged_examples {
    include!("../../codegen/tests/golden/merged_examples/expected.rs");
}

/// Rust names from any text: keywords, leading digits, clashes, non-ASCII names.
pub mod naming {
    include!("../../codegen/tests/golden/naming/expected.rs");
}

/// Requests to other hosts than the base URL: a literal host and an undefined variable.
pub mod multi_host {
    include!("../../codegen/tests/golden/multi_host/expected.rs");

    /// The mock data: every host's routes, served at the mock's one address.
    pub mod mock {
        include!("../../codegen/tests/golden/multi_host/expected_mock.rs");
    }
}

/// Multipart bodies, built with the runtime's `Multipart`.
pub mod multipart_bodies {
    include!("../../codegen/tests/golden/multipart_bodies/expected.rs");
}

/// Nested objects and lists of objects, and a shape seen again reusing its struct.
pub mod nested_objects {
    include!("../../codegen/tests/golden/nested_objects/expected.rs");
}

/// Streams over `next_page_token` and `page_number` pages (Zoom's conventions).
pub mod pagination {
    include!("../../codegen/tests/golden/pagination/expected.rs");

    /// The mock server's data: how each list pages, for the mock to serve pages that end.
    pub mod mock {
        include!("../../codegen/tests/golden/pagination/expected_mock.rs");
    }
}

/// Path parameters: `:name` and `{{name}}` segments as `&str` arguments, a repeated name taken once.
pub mod path_parameters {
    include!("../../codegen/tests/golden/path_parameters/expected.rs");
}

/// Query structs: optional, required (`(Required)`), repeated and disabled parameters, types from the examples and the profile's integer fields.
pub mod query_parameters {
    include!("../../codegen/tests/golden/query_parameters/expected.rs");
}

/// Top-level lists, no content, plain text, and a body that is sometimes absent.
pub mod response_shapes {
    include!("../../codegen/tests/golden/response_shapes/expected.rs");
}

/// Successful bodies that differ by status as an enum with a variant per status.
pub mod responses_by_status {
    include!("../../codegen/tests/golden/responses_by_status/expected.rs");
}

/// Requests at the collection's root, beside the folders' modules.
pub mod root_requests {
    include!("../../codegen/tests/golden/root_requests/expected.rs");
}

/// One success type per operation; error examples type nothing.
pub mod success_response {
    include!("../../codegen/tests/golden/success_response/expected.rs");

    /// The mock server's data for this rule's collection.
    pub mod mock {
        include!("../../codegen/tests/golden/success_response/expected_mock.rs");
    }
}

/// Raw text bodies with their content type, and GraphQL bodies.
pub mod text_and_graphql_bodies {
    include!("../../codegen/tests/golden/text_and_graphql_bodies/expected.rs");
}

/// Webhook events typed from example deliveries (`Config::generate_events`), with the
/// mock data that replays them.
pub mod webhook_events {
    include!("../../codegen/tests/golden/webhook_events/expected.rs");

    /// The example deliveries, for the runtime's webhook sender.
    pub mod mock {
        include!("../../codegen/tests/golden/webhook_events/expected_mock.rs");
    }
}
