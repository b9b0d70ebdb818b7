//! The cargo features of a crate of bindings: one per generated module (an API group), and
//! `all-groups` enabling them all. They live in a marked region of the crate's `Cargo.toml`,
//! which `postman-codegen features --write` writes and `--check` compares, so that the
//! features always match the collections; a build script reads the region back with
//! [`declared`] to know which modules to put behind a feature.

use std::collections::BTreeSet;

use crate::diagnostics::{Error, Location};

/// The first line of the region.
pub const BEGIN: &str =
    "# BEGIN API groups: written by `postman-codegen features --write`; do not edit by hand.";
/// The last line of the region.
pub const END: &str = "# END API groups";
/// The feature that enables every group.
pub const ALL_GROUPS: &str = "all-groups";

/// The groups of one or more collections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeatureTable {
    groups: BTreeSet<String>,
}

impl FeatureTable {
    /// The table of these groups.
    pub fn new<I, S>(groups: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        FeatureTable {
            groups: groups.into_iter().map(Into::into).collect(),
        }
    }

    /// The groups, in order.
    pub fn groups(&self) -> &BTreeSet<String> {
        &self.groups
    }

    /// The region, markers included, in a stable order.
    pub fn render(&self) -> String {
        let mut out = format!("{BEGIN}\n{ALL_GROUPS} = [\n");
        for group in &self.groups {
            out.push_str(&format!("    \"{group}\",\n"));
        }
        out.push_str("]\n");
        for group in &self.groups {
            out.push_str(&format!("{group} = []\n"));
        }
        out.push_str(END);
        out.push('\n');
        out
    }
}

/// Where the region stands in a manifest: the byte range from its first line to the end
/// of its last.
fn region(manifest: &str) -> Result<std::ops::Range<usize>, Error> {
    let missing = || {
        Error::new(
            &Location::default(),
            format!("the manifest has no region of API group features (from `{BEGIN}` to `{END}`)"),
        )
        .with_hint("add the two marker lines under [features], then run `postman-codegen features --write`")
    };
    let start = manifest.find(BEGIN).ok_or_else(missing)?;
    let end_marker = manifest[start..].find(END).ok_or_else(missing)? + start;
    let end = manifest[end_marker..]
        .find('\n')
        .map_or(manifest.len(), |newline| end_marker + newline + 1);
    Ok(start..end)
}

/// The groups a manifest's region declares (`name = []` lines; `all-groups` is not one).
pub fn declared(manifest: &str) -> Result<BTreeSet<String>, Error> {
    let range = region(manifest)?;
    Ok(manifest[range]
        .lines()
        .filter_map(|line| line.strip_suffix("= []"))
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty() && name != ALL_GROUPS)
        .collect())
}

/// The manifest with its region holding `table`.
pub fn update(manifest: &str, table: &FeatureTable) -> Result<String, Error> {
    let range = region(manifest)?;
    let mut out = String::with_capacity(manifest.len());
    out.push_str(&manifest[..range.start]);
    out.push_str(&table.render());
    out.push_str(&manifest[range.end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "[features]\ndefault = [\"all-groups\"]\nmock = []\n# BEGIN API groups: written by `postman-codegen features --write`; do not edit by hand.\nall-groups = [\n    \"users\",\n]\nusers = []\n# END API groups\n\n[dependencies]\n";

    #[test]
    fn the_region_is_read_and_rewritten_in_place() {
        assert_eq!(
            declared(MANIFEST).unwrap(),
            BTreeSet::from(["users".to_owned()])
        );
        let table = FeatureTable::new(["webinars", "meetings", "users"]);
        let updated = update(MANIFEST, &table).unwrap();
        assert_eq!(
            declared(&updated).unwrap(),
            BTreeSet::from(["meetings".into(), "users".into(), "webinars".into()])
        );
        assert!(updated.starts_with("[features]\ndefault = [\"all-groups\"]\nmock = []\n"));
        assert!(updated.ends_with("# END API groups\n\n[dependencies]\n"));
        assert!(updated
            .contains("all-groups = [\n    \"meetings\",\n    \"users\",\n    \"webinars\",\n]\n"));
        assert_eq!(update(&updated, &table).unwrap(), updated);
    }

    #[test]
    fn a_manifest_without_the_region_is_an_error_with_a_hint() {
        let error = declared("[features]\n").unwrap_err();
        assert!(error.to_string().contains("--write"), "{error}");
    }
}
