//! What a request is made of: the operation's constant description with its path, the
//! query string, and the body.

mod auth;
mod body;
mod operation;
mod path_arg;
pub(crate) mod query;

pub use auth::AuthScheme;
pub(crate) use body::Kind;
pub use body::{Body, Multipart};
pub use operation::Operation;
pub use path_arg::PathArg;
