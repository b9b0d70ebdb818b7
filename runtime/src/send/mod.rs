//! Sending: when a failed attempt is tried again, client-side throttling, reading bodies
//! that may stop early, and the checks that keep credentials safe.

pub(crate) mod redirect;
pub(crate) mod retry;
pub(crate) mod safety;
pub(crate) mod throttle;
pub(crate) mod transfer;

pub use retry::RetryPolicy;
pub use throttle::Throttle;
