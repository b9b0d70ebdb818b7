//! Where each operation goes and with which credentials: the host of its URL when it is not
//! the API's base URL (a literal host, `files.stripe.com`, or another variable, `{{authServer}}`),
//! and the auth its request, its folders or the collection declare (`noauth` included).

use std::collections::BTreeMap;

use super::*;

/// Where an operation is sent and what credentials it takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// The host, when it is not the API's base URL.
    pub host: Option<Host>,
    pub auth: AuthRequirement,
    /// Whether the auth is what the collection's own requires (inherited or declared again).
    pub auth_is_collections: bool,
}

/// A host of the API besides its base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// What the client builder names it by: the variable holding it (`authServer`), or the
    /// host as the URL writes it (`files.stripe.com`, `localhost:8080`).
    pub name: String,
    /// Its URL, resolved from the collection's variables; `None` for a variable that only an
    /// environment defines.
    pub url: Option<String>,
}

/// The credentials an operation takes, as the collection declares them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum AuthRequirement {
    /// The collection declares none.
    #[default]
    Unspecified,
    NoAuth,
    Bearer,
    OAuth2,
    Basic,
    ApiKey(ApiKeyPlace),
    /// A type the runtime does not implement, by its Postman name (`awsv4`).
    Unsupported(String),
}

/// Where an API key goes, as an `apikey` auth block says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyPlace {
    /// The header or query parameter name.
    pub name: String,
    pub in_query: bool,
}

impl Access {
    /// What the generated docs say of where the call goes and its credentials, when it is
    /// not simply the base URL with the collection's auth.
    pub fn doc(&self) -> Option<String> {
        let mut lines = Vec::new();
        if let Some(host) = &self.host {
            let url = match &host.url {
                Some(url) => format!("`{}`", url.replace('`', "'")),
                None => "a URL the collection does not give".to_owned(),
            };
            lines.push(format!(
                "Sent to the host `{name}` ({url}), not to the base URL; \
                 `ClientBuilder::host(\"{name}\", url)` sends it elsewhere, and a base URL \
                 other than the default takes it too.",
                name = host.name.replace('`', "'")
            ));
        }
        let auth = match &self.auth {
            AuthRequirement::NoAuth => {
                Some("Sent without credentials: the collection marks it `noauth`.".to_owned())
            }
            AuthRequirement::Unsupported(kind) => Some(format!(
                "The API expects `{}` auth here, which the client does not implement: it sends \
                 none of its own credentials, so add what the API expects (with \
                 `CallOptions::header`, for example).",
                kind.replace('`', "'")
            )),
            _ if self.auth_is_collections => None,
            AuthRequirement::Unspecified => None,
            AuthRequirement::Bearer => Some(
                "Authenticated with a bearer token (`ClientBuilder::bearer_token`).".to_owned(),
            ),
            AuthRequirement::OAuth2 => {
                Some("Authenticated with an OAuth 2 access token.".to_owned())
            }
            AuthRequirement::Basic => {
                Some("Authenticated with HTTP Basic (`ClientBuilder::basic_auth`).".to_owned())
            }
            AuthRequirement::ApiKey(place) => Some(format!(
                "Authenticated with an API key in the {} `{}` (`ClientBuilder::api_key`).",
                if place.in_query {
                    "query parameter"
                } else {
                    "header"
                },
                place.name.replace('`', "'")
            )),
        };
        lines.extend(auth);
        (!lines.is_empty()).then(|| lines.join("\n\n"))
    }
}

impl Builder<'_> {
    /// The auth in force for a request: its own, else the nearest folder's, else the
    /// collection's (`inherited`); `type: inherit` and an absent block inherit.
    pub(super) fn auth(
        &mut self,
        own: Option<&parse::Auth>,
        inherited: Option<&(parse::Auth, bool)>,
        loc: &Location,
    ) -> (AuthRequirement, bool) {
        let requirement = match own.filter(|auth| auth.kind != "inherit") {
            Some(auth) => self.requirement(auth, loc),
            None => match inherited {
                // Read once, at the collection; counted per request.
                Some((_, true)) => {
                    let requirement = self.collection_auth.clone();
                    if let AuthRequirement::Unsupported(kind) = &requirement {
                        *self.unsupported_auth.entry(kind.clone()).or_default() += 1;
                    }
                    requirement
                }
                Some((auth, false)) => self.requirement(auth, loc),
                None => AuthRequirement::Unspecified,
            },
        };
        let same = requirement == self.collection_auth;
        (requirement, same)
    }

    pub(super) fn requirement(&mut self, auth: &parse::Auth, loc: &Location) -> AuthRequirement {
        let param = |name: &str| {
            auth.params
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        match auth.kind.as_str() {
            "noauth" => AuthRequirement::NoAuth,
            "bearer" => AuthRequirement::Bearer,
            "oauth2" => AuthRequirement::OAuth2,
            "basic" => AuthRequirement::Basic,
            "apikey" => {
                let in_query = param("in") == Some("query");
                let name = param("key").map(str::trim).unwrap_or_default();
                match self.substitute(name).filter(|name| !name.is_empty()) {
                    Some(name) => AuthRequirement::ApiKey(ApiKeyPlace { name, in_query }),
                    None => {
                        self.warnings.push(
                            loc,
                            format!(
                                "the `apikey` auth names no key, or one held by a variable the \
                                 collection does not define ({name:?}); the client sends its \
                                 API key where the builder places it"
                            ),
                        );
                        AuthRequirement::Unspecified
                    }
                }
            }
            other => {
                *self.unsupported_auth.entry(other.to_owned()).or_default() += 1;
                AuthRequirement::Unsupported(other.to_owned())
            }
        }
    }
}

/// One warning per auth type the runtime does not implement, naming it.
pub(super) fn unsupported_auth_warnings(counts: &BTreeMap<String, usize>, warnings: &mut Warnings) {
    for (kind, count) in counts {
        warnings.push(
            &Location::root(),
            format!(
                "{count} {} `{kind}` auth, which the runtime does not implement: the client \
                 sends none of its credentials to {}, and the generated docs say what the API \
                 expects",
                if *count == 1 {
                    "request uses"
                } else {
                    "requests use"
                },
                if *count == 1 { "it" } else { "them" }
            ),
        );
    }
}

/// Decides each request's host: the most common one (by resolved URL, else as written) is
/// the base URL's, and every other becomes a [`Host`] of its own. The hosts come back in the
/// order of their first request, with the base URL (`None` when the most common host is a
/// variable the collection does not define).
pub(super) fn assign_hosts(
    drafts: &mut [Draft],
    warnings: &mut Warnings,
) -> (Vec<Host>, Option<String>) {
    let keys: Vec<Option<String>> = drafts
        .iter()
        .map(|d| d.server.clone().or_else(|| d.host_name.clone()))
        .collect();
    let default = most_common(keys.iter().flatten()).cloned();
    let base_url = drafts
        .iter()
        .zip(&keys)
        .find(|(_, key)| key.is_some() && **key == default)
        .and_then(|(draft, _)| draft.server.clone());
    let mut hosts: Vec<Host> = Vec::new();
    for (draft, key) in drafts.iter_mut().zip(&keys) {
        let (Some(key), Some(name)) = (key, &draft.host_name) else {
            continue;
        };
        if Some(key) == default.as_ref() {
            continue;
        }
        let host = Host {
            name: name.clone(),
            url: draft.server.clone(),
        };
        match hosts.iter().find(|known| known.name == host.name) {
            Some(known) if known.url != host.url => {
                warnings.push(
                    &draft.location,
                    format!(
                        "the request goes to {}, while another request of the host `{}` goes \
                         to {}; it is sent to the latter",
                        host.url.as_deref().unwrap_or("an undefined URL"),
                        host.name,
                        known.url.as_deref().unwrap_or("an undefined URL"),
                    ),
                );
                draft.access.host = Some(known.clone());
            }
            Some(known) => draft.access.host = Some(known.clone()),
            None => {
                if host.url.is_none() {
                    warnings.push(
                        &draft.location,
                        format!(
                            "the request goes to `{}`, which the collection does not define; \
                             the client must be given its URL with ClientBuilder::host",
                            host.name
                        ),
                    );
                }
                hosts.push(host.clone());
                draft.access.host = Some(host);
            }
        }
    }
    (hosts, base_url)
}

/// The name a host goes by: the variable it is (`{{authServer}}` gives `authServer`), else the
/// host as written with its port, variables substituted where the collection defines them.
pub(super) fn host_name(builder: &Builder<'_>, url: &parse::Url) -> Option<String> {
    let host = url.host.as_deref()?.trim();
    if host.is_empty() {
        return None;
    }
    if let Some(name) = host
        .strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
        .filter(|name| !name.contains("{{") && !name.contains("}}"))
    {
        return Some(name.trim().to_owned());
    }
    let mut name = builder.substitute(host).unwrap_or_else(|| host.to_owned());
    if let Some(scheme_end) = name.find("://") {
        name.replace_range(..scheme_end + 3, "");
    }
    let name = name.trim_end_matches('/').to_owned();
    Some(match &url.port {
        Some(port) => format!(
            "{name}:{}",
            builder.substitute(port).unwrap_or(port.clone())
        ),
        None => name,
    })
}

/// The API key place the API declares: the collection's, else the one most of its requests
/// use.
pub(super) fn api_key(collection: &AuthRequirement, drafts: &[Draft]) -> Option<ApiKeyPlace> {
    if let AuthRequirement::ApiKey(place) = collection {
        return Some(place.clone());
    }
    let places = drafts.iter().filter_map(|draft| match &draft.access.auth {
        AuthRequirement::ApiKey(place) => Some(place),
        _ => None,
    });
    most_common(places).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::api;

    const INFO: &str = r#""info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}"#;

    #[test]
    fn the_most_common_host_is_the_base_url_and_the_others_are_named() {
        let (api, warnings) = api(&format!(
            r#"{{{INFO},
            "variable": [{{"key": "core", "value": "https://core.example.com/v1"}}],
            "item": [
                {{"name": "a", "request": "{{{{core}}}}/a"}},
                {{"name": "b", "request": "{{{{core}}}}/b"}},
                {{"name": "c", "request": "http://localhost:8080//c"}},
                {{"name": "d", "request": "{{{{feeds}}}}/d"}}
            ]}}"#
        ));
        assert_eq!(api.base_url.as_deref(), Some("https://core.example.com/v1"));
        let hosts: Vec<(&str, Option<&str>)> = api
            .hosts
            .iter()
            .map(|h| (h.name.as_str(), h.url.as_deref()))
            .collect();
        assert_eq!(
            hosts,
            [
                ("localhost:8080", Some("http://localhost:8080")),
                ("feeds", None)
            ]
        );
        let names: Vec<Option<&str>> = api
            .operations
            .iter()
            .map(|op| op.access.host.as_ref().map(|h| h.name.as_str()))
            .collect();
        assert_eq!(names, [None, None, Some("localhost:8080"), Some("feeds")]);
        assert_eq!(api.operations[2].path_display(), "/c");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].to_string().contains("`feeds`"));
    }

    #[test]
    fn auth_is_inherited_overridden_and_switched_off() {
        let (api, warnings) = api(&format!(
            r#"{{{INFO},
            "auth": {{"type": "bearer", "bearer": [{{"key": "token", "value": "t"}}]}},
            "item": [
                {{"name": "plain", "request": "https://h.example/plain"}},
                {{"name": "again", "request": {{"method": "GET", "url": "https://h.example/again", "auth": {{"type": "bearer"}}}}}},
                {{"name": "f", "auth": {{"type": "basic", "basic": {{"username": "u"}}}}, "item": [
                    {{"name": "in folder", "request": "https://h.example/f"}},
                    {{"name": "open", "request": {{"method": "GET", "url": "https://h.example/o", "auth": {{"type": "noauth"}}}}}},
                    {{"name": "inherits", "request": {{"method": "GET", "url": "https://h.example/i", "auth": {{"type": "inherit"}}}}}},
                    {{"name": "keyed", "request": {{"method": "GET", "url": "https://h.example/k",
                        "auth": {{"type": "apikey", "apikey": [{{"key": "key", "value": "api_key"}}, {{"key": "in", "value": "query"}}]}}}}}},
                    {{"name": "signed", "request": {{"method": "GET", "url": "https://h.example/s", "auth": {{"type": "hawk"}}}}}}
                ]}}
            ]}}"#
        ));
        let auth: Vec<(&AuthRequirement, bool)> = api
            .operations
            .iter()
            .map(|op| (&op.access.auth, op.access.auth_is_collections))
            .collect();
        let key = AuthRequirement::ApiKey(ApiKeyPlace {
            name: "api_key".to_owned(),
            in_query: true,
        });
        assert_eq!(
            auth,
            [
                (&AuthRequirement::Bearer, true),
                (&AuthRequirement::Bearer, true),
                (&AuthRequirement::Basic, false),
                (&AuthRequirement::NoAuth, false),
                (&AuthRequirement::Basic, false),
                (&key, false),
                (&AuthRequirement::Unsupported("hawk".to_owned()), false),
            ]
        );
        assert_eq!(
            api.api_key,
            Some(ApiKeyPlace {
                name: "api_key".to_owned(),
                in_query: true
            })
        );
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(text[0].contains("1 request uses `hawk` auth"), "{text:?}");
        assert_eq!(api.operations[0].access.doc(), None);
        assert_eq!(
            api.operations[1].access.doc(),
            None,
            "the collection's, declared again"
        );
        let open = api.operations[3].access.doc().unwrap();
        assert!(open.contains("`noauth`"), "{open}");
    }

    #[test]
    fn an_api_key_without_a_name_warns_and_is_left_to_the_builder() {
        let (api, warnings) = api(&format!(
            r#"{{{INFO},
            "auth": {{"type": "apikey", "apikey": [{{"key": "value", "value": "secret"}}]}},
            "item": [{{"name": "a", "request": "https://h.example/a"}}, {{"name": "b", "request": "https://h.example/b"}}]}}"#
        ));
        assert_eq!(api.operations[0].access.auth, AuthRequirement::Unspecified);
        assert_eq!(api.api_key, None);
        assert_eq!(warnings.len(), 1, "once, at the collection: {warnings:?}");
        assert!(
            warnings[0].to_string().contains("names no key"),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_empty_collection_variable_in_a_path_is_a_parameter() {
        let (api, _) = api(&format!(
            r#"{{{INFO},
            "variable": [{{"key": "course", "value": ""}}],
            "item": [{{"name": "a", "request": "https://h.example/le/{{{{course}}}}/folders/"}}]}}"#
        ));
        assert_eq!(api.operations[0].path_display(), "/le/{course}/folders");
    }
}
