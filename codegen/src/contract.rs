//! What the generator knows of the runtime's contract, `postman_runtime::codegen`: its
//! version, the path generated code names it by, and what bindings re-export from it. The
//! runtime defines the contract; this is the generator's side of the same version.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::{Error, Location};

/// The version of the runtime's contract that this generator writes code for.
pub const CONTRACT: u32 = 1;

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
    "Progress",
    "RawResponse",
    "Response",
    "RetryPolicy",
    "Throttle",
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
