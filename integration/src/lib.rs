//! Nothing to call: this package holds the `zoom` crate's behaviour tests, its webhooks
//! example and its benchmarks, apart from the bindings so that their dependencies (a web
//! framework, a mock HTTP server, the generator) are built only for them.

/// The README's examples, compiled as doctests against the bindings with the mock, so
/// that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
