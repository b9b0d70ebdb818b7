//! The contract between generated bindings and this runtime: everything that code written
//! by `postman-codegen` names, and nothing else. Generated code reaches the runtime only
//! through this module (`::postman_runtime::codegen::...`), so what may change without
//! breaking generated code is everything outside it.
//!
//! The contract has a version, [`CONTRACT`]. Generated code starts with
//! `const _: () = ::postman_runtime::codegen::require_contract(N, "<generator>");`, which
//! fails to compile, with a message naming both sides, when the runtime it is built against
//! speaks another version. Any change here that generated code could notice (a name
//! removed, a signature or a macro's input changed) raises [`CONTRACT`], and the generator
//! writes the new number.
//!
//! Its parts:
//! - [`reexports`]: what a crate of bindings offers at its root beside its functions, pulled
//!   in with one `pub use`;
//! - the types generated signatures and descriptors name ([`Operation`], [`Body`],
//!   [`Response`], [`Error`], ...), and [`call`], the future every generated function returns;
//! - the paging helpers of generated streams ([`next_token`], [`next_page_number`]);
//! - the decoding helpers behind the four macros (`object_impls!`, `string_enum_impls!`,
//!   `int_enum_impls!`, `event_enum_impls!`), which expand to the serde impls of one
//!   generated struct or enum each;
//! - with the `mock` feature, the types of the mock data the generator writes.
//!
//! None of it is meant to be called by hand: its items are documented where they are
//! defined, and their names here may change with [`CONTRACT`].

mod macros;

use std::borrow::Cow;

use serde::Serialize;

pub use crate::api::{Api, ApiDefaults, ApiKey, Host};
pub use crate::client::{Client, ClientBuilder};
pub use crate::error::Error;
pub use crate::json::event::{decode_event_object, event_from_object};
pub use crate::json::extra::ExtraFields;
pub use crate::json::object::{
    debug_object, decode_object, decode_str, next_key, number_for_object, Encode, Fit, Json,
    ObjectWriter, Rest,
};
pub use crate::json::timestamp::Timestamp;
pub use crate::request::{AuthScheme, Body, Multipart, Operation, PathArg};
pub use crate::response::pages::{next_page_number, next_token};
pub use crate::response::{Pages, RawResponse, Response};
pub use crate::OAuthApp;
pub use serde;
pub use serde_json;

pub use crate::{
    __event_enum_impls as event_enum_impls, __int_enum_impls as int_enum_impls,
    __object_impls as object_impls, __string_enum_impls as string_enum_impls,
};

#[cfg(feature = "mock")]
pub use crate::mock::{Cursor, Example, MockApi, MockEvent, Paging, Part, Route};

/// The version of this contract. Generated code names the version it was written for, and
/// [`require_contract`] refuses any other.
pub const CONTRACT: u32 = 3;

/// Stops the build of generated code written for another version of the contract.
///
/// The error names this runtime's version and contract; the line of generated code it
/// points at names the generator that wrote it (`generator`, such as
/// `"postman-codegen 0.1.0"`), which is what a user needs to pair the two. (A const
/// panic's message takes one `&str` argument at most, so the message is a literal per case.)
pub const fn require_contract(version: u32, generator: &'static str) {
    let _ = generator;
    if version < CONTRACT {
        panic!(
            "{}",
            concat!(
                "these bindings were generated for an older contract than postman-runtime ",
                env!("CARGO_PKG_VERSION"),
                " speaks (contract 3): regenerate them with postman-codegen ",
                env!("CARGO_PKG_VERSION"),
                ", or depend on the postman-runtime released with the generator named here"
            )
        );
    }
    if version > CONTRACT {
        panic!(
            "{}",
            concat!(
                "these bindings were generated for a newer contract than postman-runtime ",
                env!("CARGO_PKG_VERSION"),
                " speaks (contract 3): depend on the postman-runtime released with the generator named here, or regenerate them with postman-codegen ",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}

/// Sends one operation and decodes its response with `finish`: the future every generated
/// function returns.
///
/// Generated functions are plain functions returning this future, not `async fn`s: the
/// body of a non-generic `async fn` is compiled in the crate that defines it, so a crate
/// of bindings would compile the request and decoding path of every operation of its API,
/// used or not. Generic here, it is compiled only where an operation is called.
#[inline]
pub async fn call<A, Q, T, F, const N: usize>(
    client: &Client<A>,
    operation: &'static Operation,
    path_args: [Cow<'_, str>; N],
    query: &Q,
    body: Body,
    finish: F,
) -> Result<Response<T>, Error>
where
    Q: Serialize + ?Sized,
    F: FnOnce(RawResponse) -> Result<Response<T>, Error>,
{
    let path_args = path_args.each_ref().map(|arg| arg.as_ref());
    finish(client.send(operation, &path_args, query, body).await?)
}

/// What a crate of bindings re-exports at its root, beside its functions and its `Api`,
/// `Client`, `ClientBuilder` and `OAuthApp`: generated code writes
/// `pub use ::postman_runtime::codegen::reexports::*;`, so the list lives here, once.
pub mod reexports {
    pub use crate::{
        ApiError, Body, BoxError, CallOptions, Download, DownloadError, Downloaded, Error,
        ErrorBody, ExtraFields, Multipart, Operation, Pages, PathArg, Progress, RawResponse,
        Response, RetryPolicy, Throttle, Timestamp, TimestampParts, TokenStore, UserTokens,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages write the contract's number as a literal (`concat!` takes no
    /// constants); this keeps them true.
    #[test]
    fn the_messages_name_this_contract() {
        let source = include_str!("mod.rs");
        let named = format!("speaks (contract {CONTRACT})");
        assert_eq!(source.matches(named.as_str()).count(), 2, "{named}");
        require_contract(CONTRACT, "postman-codegen");
    }
}
