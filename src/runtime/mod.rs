//! The runtime the generated code calls: one place for what every operation shares.
//!
//! Nothing here knows about Zoom: bindings generated from any collection compile against it.

mod body;
mod client;
mod error;
#[doc(hidden)]
pub mod object;
mod operation;
mod pages;
mod response;

pub use body::{Body, Multipart};
pub use client::{Client, ClientBuilder};
pub use error::{ApiError, Error, ErrorBody};
pub use operation::Operation;
pub use pages::Pages;
pub use response::{RawResponse, Response};
