//! Typed Rust API bindings from Postman collections.
//!
//! A build script (or the `postman-codegen` command) hands a collection to a [`Config`];
//! [`Config::generate`] returns [`Generated`]: the bindings, and, as asked, the mock
//! server's data, the tests of the collection's examples and a list of the modules, with
//! the [`Warning`]s of reading the collection. [`Generated::write_to`] writes them into a
//! directory (a build script's `OUT_DIR`) and [`Written::export`] tells the crate being
//! built where each file is, so that it includes them by name.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), postman_codegen::Error> {
//!     println!("cargo:rerun-if-changed=collection.json");
//!     let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
//!     let generated = postman_codegen::Config::new()
//!         .generate_file("collection.json".as_ref())?;
//!     for warning in generated.warnings() {
//!         println!("cargo:warning={}", postman_codegen::one_line(&warning.to_string()));
//!     }
//!     generated.write_to(&out_dir)?.export("MY_API");
//!     Ok(())
//! }
//! ```
//!
//! and in the crate, `include!(env!("MY_API_API"));`. The generated code calls the
//! [`postman-runtime`](https://docs.rs/postman-runtime) crate through its versioned
//! contract: a generator and a runtime of different releases are told apart when the
//! bindings compile, with a message naming both.
//!
//! Inside, the generator is a pipeline: the collection is parsed, modelled into operations
//! with ids, typed from its examples, and emitted as Rust; vendor conventions (how a
//! vendor's descriptions name scopes, its error bodies, how its lists page) come from a
//! [`Profile`], built in ([`profile::Zoom`], [`profile::Generic`]) or written elsewhere
//! and given to [`Config::profile`]. Beside the bindings, [`Config::generate_events`]
//! types webhook events from example deliveries, [`Config::diff`] compares the APIs of two
//! collections, [`Config::openapi`] describes the API as an OpenAPI 3.1 document, [`Generated::api_lock`] summarises an API for review, and [`features`]
//! keeps a crate's cargo features in step with the API's groups.

#![deny(missing_docs)]

mod analysis;
mod config;
mod contract;
mod diagnostics;
mod emit;
mod events;
mod infer;
mod model;
mod names;
mod openapi;
mod output;
mod overlay;
mod parallel;
mod parse;
pub mod profile;
mod tools;

pub use config::{
    ApiDiff, Config, Generated, Inspection, Learned, LockChange, LockChanges, ModuleSummary,
    DEFAULT_RUNTIME_PATH,
};
pub use diagnostics::{one_line, Error, Location, Warning};
pub use infer::VariantNames;
pub use openapi::OpenApi;
pub use output::{write_if_changed, Output, Written};
pub use profile::Profile;
pub use tools::diff::{Change, Impact};
pub use tools::features;
