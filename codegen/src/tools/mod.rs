//! What the command line offers beside generating: the API lock and the differences between
//! two collections' APIs, observations folded into an overlay (`learn`), cargo features per
//! API group, and what the generator made of a collection (its model as JSON, and
//! statistics of its types).

pub mod diff;
pub mod features;
pub(crate) mod inspect;
pub(crate) mod learn;
pub mod lock;
pub mod lock_changes;
pub mod stats;
