//! What comes back: a successful response, raw or decoded, and the pages of a list.

pub(crate) mod pages;
mod raw;

pub use pages::Pages;
pub use raw::{RawResponse, Response};
