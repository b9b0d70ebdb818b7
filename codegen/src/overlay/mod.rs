//! Learning from real responses, the inputs: observation files (written by
//! `postman-runtime` when observing is on) and the overlay beside the collection that
//! `learn` (in `tools`) folds them into, which the model reads as a second input.
//!
//! The overlay keeps only what differs from the collection's own examples, per operation id
//! and status: fields the examples lack (with their kinds, nested objects and list items
//! included), values the examples leave untyped, kinds that conflict with the collection's
//! types, fields never seen, and the observed values of fields a user named.

mod file;
mod node;
mod observations;

pub(crate) use file::{Change, Overlay, OverlayNode};
pub(crate) use node::{Kind, Node};
pub(crate) use observations::Observations;
