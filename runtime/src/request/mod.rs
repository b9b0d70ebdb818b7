//! What a request is made of: the operation's constant description with its path, the
//! query string, and the body.

mod body;
mod operation;
pub(crate) mod query;

pub(crate) use body::Kind;
pub use body::{Body, Multipart};
pub use operation::{Host, Operation};
