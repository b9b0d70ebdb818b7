//! Learning from real responses: observation files (written by `postman-runtime` when
//! observing is on) folded into an overlay beside the collection, and the overlay read back
//! as a second input of the model.
//!
//! The overlay keeps only what differs from the collection's own examples, per operation id
//! and status: fields the examples lack (with their kinds, nested objects and list items
//! included), values the examples leave untyped, kinds that conflict with the collection's
//! types, fields never seen, and the observed values of fields a user named.

mod file;
mod learn;
mod node;
mod observations;

pub(crate) use file::{Change, Overlay, OverlayNode};
pub(crate) use learn::{fold, ChangeCounts};
pub(crate) use node::Kind;
pub(crate) use observations::Observations;
