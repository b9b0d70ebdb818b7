//! Lossless JSON: generated structs decoded in one pass, keeping what their fields do not
//! hold in [`ExtraFields`], and encoded back to the JSON that was received.

pub(crate) mod event;
pub(crate) mod extra;
pub(crate) mod object;
pub(crate) mod timestamp;

pub use extra::ExtraFields;
pub use timestamp::{Timestamp, TimestampParts};
