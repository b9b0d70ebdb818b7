//! Where each operation is sent: the base URL, or one of the API's other hosts.
//!
//! A host keeps the URL its collection gives unless the builder sets it by name. When the
//! base URL is set to another than the API's default (a mock server, a test server, a
//! proxy), every host not set by name follows the base URL, so that no request of a client
//! pointed at a test server reaches a real host.

use reqwest::Url;

use crate::api::ApiDefaults;
use crate::error::Error;
use crate::request::Operation;
use crate::send::safety;

/// A parsed base: what each request's URL is a copy of, with its path and query set.
#[derive(Debug)]
pub(crate) struct Origin {
    pub(crate) url: Url,
    /// The URL's path without its trailing `/` (`/v2`, or empty).
    pub(crate) path: String,
}

impl Origin {
    pub(crate) fn parse(what: &str, url: &str, allow_http: bool) -> Result<Origin, Error> {
        let url = safety::checked_url(what, url, allow_http)?;
        let path = url.path().trim_end_matches('/').to_owned();
        Ok(Origin { url, path })
    }
}

/// The API's hosts besides the base URL, each with the URL its requests go to; `None` for a
/// host whose URL neither the collection nor the builder gives.
#[derive(Debug, Default)]
pub(crate) struct Hosts {
    entries: Vec<(&'static str, Option<Origin>)>,
}

impl Hosts {
    /// The hosts of `defaults`, with the builder's `overrides` (name, URL). A name the API
    /// does not declare is refused, so that a misspelt one cannot leave a host unchanged.
    pub(crate) fn new(
        defaults: &ApiDefaults,
        base_url: &str,
        overrides: &[(String, String)],
        allow_http: bool,
    ) -> Result<Hosts, Error> {
        for (name, _) in overrides {
            if !defaults.hosts.iter().any(|host| host.name == name) {
                let declared: Vec<&str> = defaults.hosts.iter().map(|h| h.name).collect();
                return Err(Error::Config(format!(
                    "the API has no host named {name:?} (its hosts: {})",
                    if declared.is_empty() {
                        "none besides the base URL".to_owned()
                    } else {
                        declared.join(", ")
                    }
                )));
            }
        }
        let follows_base = defaults
            .base_url
            .is_none_or(|default| default.trim_end_matches('/') != base_url);
        let mut entries = Vec::with_capacity(defaults.hosts.len());
        for host in defaults.hosts {
            let set = overrides
                .iter()
                .rev()
                .find(|(name, _)| name == host.name)
                .map(|(_, url)| url.as_str());
            let url = match set {
                Some(url) => Some(url),
                None if follows_base => Some(base_url),
                None => host.url,
            };
            let what = format!("URL of the host `{}`", host.name);
            let origin = url
                .map(|url| Origin::parse(&what, url, allow_http))
                .transpose()?;
            entries.push((host.name, origin));
        }
        Ok(Hosts { entries })
    }

    /// Where `operation` goes: `base`, or the host it names.
    pub(crate) fn origin<'a>(
        &'a self,
        base: &'a Origin,
        operation: &Operation,
    ) -> Result<&'a Origin, Error> {
        let Some(name) = operation.host else {
            return Ok(base);
        };
        match self.entries.iter().find(|(host, _)| *host == name) {
            Some((_, Some(origin))) => Ok(origin),
            Some((_, None)) => Err(Error::Config(format!(
                "{} goes to the host `{name}`, whose URL the collection does not give; \
                 set it with ClientBuilder::host({name:?}, url)",
                operation.id
            ))),
            None => Err(Error::Config(format!(
                "{} goes to the host `{name}`, which the API does not declare",
                operation.id
            ))),
        }
    }

    /// The hosts and where they go, for `Debug` output.
    pub(crate) fn urls(&self) -> Vec<(&'static str, Option<&str>)> {
        self.entries
            .iter()
            .map(|(name, origin)| (*name, origin.as_ref().map(|o| o.url.as_str())))
            .collect()
    }
}
