//! A collection read, modelled and typed: the stages of the pipeline run in order, and what
//! every output is written from.

use std::sync::Arc;

use crate::diagnostics::{Error, Warning};
use crate::overlay::Overlay;
use crate::profile::{self, Profile};
use crate::{infer, model, parse};

/// The model of a collection, its types, and what the stages warned about.
#[derive(Debug)]
pub(crate) struct Analysis {
    pub(crate) api: model::Api,
    pub(crate) types: infer::Types,
    /// The profile the collection was read with.
    pub(crate) profile: Arc<dyn Profile>,
    pub(crate) warnings: Vec<Warning>,
    /// How many requests the collection holds (each becomes a function, or a warning).
    pub(crate) requests: usize,
}

/// Parses, models and types a collection's JSON text, with `profile` or, without one, the
/// built-in profile that recognises the collection; with an overlay, what it learned from
/// observed responses joins the model before the types are inferred.
pub(crate) fn analyze(
    json: &str,
    profile: Option<&Arc<dyn Profile>>,
    variant_names: infer::VariantNames,
    overlay: Option<&Overlay>,
    sharing: infer::Sharing,
) -> Result<Analysis, Error> {
    let parsed = parse::parse(json)?;
    let requests = parse::count_requests(&parsed.collection.items);
    let facts = model::facts(&parsed.collection);
    let profile = match profile {
        Some(profile) => Arc::clone(profile),
        None => profile::detect(&facts),
    };
    let (mut api, mut model_warnings) = model::build(&parsed.collection, &facts, profile.as_ref());
    if let Some(overlay) = overlay {
        model_warnings.extend(model::observe(&mut api, overlay));
    }
    let (types, type_warnings) = infer::infer(&api, profile.as_ref(), variant_names, sharing);
    let mut warnings = parsed.warnings;
    warnings.extend(model_warnings);
    warnings.extend(type_warnings);
    Ok(Analysis {
        api,
        types,
        profile,
        warnings,
        requests,
    })
}
