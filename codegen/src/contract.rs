//! What the generator knows of the runtime's contract, `postman_runtime::codegen`: its
//! version, the path generated code names it by, and what bindings re-export from it. The
//! runtime defines the contract; this is the generator's side of the same version.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::{Error, Location};

/// The version of the runtime's contract that this generator writes code for.
pub const CONTRACT: u32 = 3;

/// The names `postman_runtime::codegen::reexports` holds in [`CONTRACT`]: generated types
/// must not take them, since the generated root re-exports them all.
pub(crate) const REEXPORTS: &[&str] = &[
    "ApiError",
    "Body",
    "BoxError",
    "CallOptions",
    "Download",
    "DownloadError",
    "Downloaded",
    "Error",
    "ErrorBody",
    "ExtraFields",
    "Multipart",
    "Operation",
    "Pages",
    "PathArg",
    "Progress",
    "RawResponse",
    "Response",
    "RetryPolicy",
    "Throttle",
    "Timestamp",
    "TimestampParts",
    "TokenStore",
    "UserTokens",
];

/// The contract module, from the path by which generated code reaches the runtime crate.
pub(crate) fn contract_path(runtime: &str, location: &Location) -> Result<syn::Path, Error> {
    syn::parse_str(&format!("{runtime}::codegen")).map_err(|e| {
        Error::new(
            location,
            format!("runtime path {runtime:?} is not a Rust path: {e}"),
        )
    })
}

/// The item that stops the build, with a message naming both sides, when the runtime the
/// code is compiled against speaks another version of the contract.
pub(crate) fn version_check(contract: &syn::Path) -> TokenStream {
    let generator = concat!("postman-codegen ", env!("CARGO_PKG_VERSION"));
    let version = proc_macro2::Literal::u32_unsuffixed(CONTRACT);
    quote! {
        const _: () = #contract::require_contract(#version, #generator);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's side of the contract, read from its source in the workspace.
    fn runtime_contract() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/src/codegen/mod.rs");
        std::fs::read_to_string(path).expect("the runtime's contract module is in the workspace")
    }

    #[test]
    fn the_version_is_the_runtimes() {
        let source = runtime_contract();
        assert!(
            source.contains(&format!("pub const CONTRACT: u32 = {CONTRACT};")),
            "postman-runtime's CONTRACT is not {CONTRACT}"
        );
    }

    #[test]
    fn the_reexports_are_the_runtimes() {
        let source = runtime_contract();
        let module = source
            .split("pub mod reexports {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .expect("the runtime has a reexports module");
        let list = module
            .split_once('{')
            .map(|(_, names)| names)
            .expect("reexports is one `pub use crate::{...}`");
        let mut names: Vec<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        names.sort_unstable();
        assert_eq!(names, REEXPORTS);
    }
}
