//! Security schemes from the auth the collection declares, and each operation's
//! requirement: the credentials the bindings send it.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::component_key;
use crate::model::{Api, AuthRequirement, Operation};

/// Where the OAuth endpoints come from: the collection's `oauth2` block, else the
/// generator's settings, else what the profile knows of its vendor.
#[derive(Debug, Clone, Default)]
pub(crate) struct OAuthUrls {
    pub(crate) token_url: Option<String>,
    pub(crate) authorize_url: Option<String>,
}

/// The schemes the operations use, collected as their requirements are written.
#[derive(Default)]
pub(super) struct Security {
    /// By scheme name; sorted, so that the document does not depend on which operation
    /// named a scheme first.
    schemes: BTreeMap<String, Value>,
    /// Every OAuth scope an operation asks for, with how many ask for it.
    scopes: BTreeMap<String, usize>,
    /// OAuth schemes wait for the scopes of every operation before they are written.
    oauth_used: bool,
}

impl Security {
    /// The operation's `security` list, when the collection says what it takes.
    pub(super) fn requirement(&mut self, operation: &Operation) -> Option<Value> {
        let scopes = &operation.docs.scopes;
        let name = match &operation.access.auth {
            AuthRequirement::Unspecified => return None,
            // An empty list: no credentials, whatever else the document declares.
            AuthRequirement::NoAuth => return Some(json!([])),
            AuthRequirement::OAuth2 => {
                self.oauth_used = true;
                for scope in scopes {
                    *self.scopes.entry(scope.clone()).or_default() += 1;
                }
                return Some(json!([{ OAUTH: scopes }]));
            }
            AuthRequirement::Bearer => self.declare(
                "bearer",
                json!({"type": "http", "scheme": "bearer", "description": "A bearer token in the `Authorization` header."}),
            ),
            AuthRequirement::Basic => self.declare(
                "basic",
                json!({"type": "http", "scheme": "basic", "description": "HTTP Basic authentication."}),
            ),
            AuthRequirement::ApiKey(place) => {
                let within = if place.in_query { "query" } else { "header" };
                self.declare(
                    &format!("apiKey.{within}.{}", component_key(&place.name)),
                    json!({"type": "apiKey", "name": place.name, "in": within}),
                )
            }
            AuthRequirement::Unsupported(kind) => {
                let (scheme, name) = http_scheme(kind);
                self.declare(
                    kind,
                    json!({
                        "type": "http",
                        "scheme": scheme,
                        "description": format!("The collection's `{name}` auth, sent in the `Authorization` header; the generated client does not compute it."),
                    }),
                )
            }
        };
        Some(json!([{ name: [] }]))
    }

    fn declare(&mut self, name: &str, scheme: Value) -> String {
        let name = component_key(name);
        self.schemes.entry(name.clone()).or_insert(scheme);
        name
    }

    /// `components/securitySchemes`, with the OAuth scheme's flows and every scope asked
    /// for; `None` when no operation takes credentials.
    pub(super) fn into_schemes(
        mut self,
        api: &Api,
        urls: &OAuthUrls,
    ) -> Option<Map<String, Value>> {
        if self.oauth_used {
            let scheme = oauth_scheme(urls, &self.scopes);
            self.schemes.insert(OAUTH.to_owned(), scheme);
        }
        // An API key the collection declares is a scheme even where no operation says so.
        if let Some(place) = &api.api_key {
            let within = if place.in_query { "query" } else { "header" };
            self.declare(
                &format!("apiKey.{within}.{}", component_key(&place.name)),
                json!({"type": "apiKey", "name": place.name, "in": within}),
            );
        }
        (!self.schemes.is_empty()).then(|| self.schemes.into_iter().collect())
    }
}

/// The name of the OAuth 2 scheme.
const OAUTH: &str = "oauth2";

fn oauth_scheme(urls: &OAuthUrls, asked: &BTreeMap<String, usize>) -> Value {
    let scopes: Map<String, Value> = asked
        .iter()
        .map(|(scope, count)| {
            let text = if *count == 1 {
                "Asked for by 1 operation.".to_owned()
            } else {
                format!("Asked for by {count} operations.")
            };
            (scope.clone(), json!(text))
        })
        .collect();
    let mut flows = Map::new();
    if let (Some(authorize), Some(token)) = (&urls.authorize_url, &urls.token_url) {
        flows.insert(
            "authorizationCode".into(),
            json!({"authorizationUrl": authorize, "tokenUrl": token, "scopes": scopes}),
        );
    }
    if let Some(token) = &urls.token_url {
        flows.insert(
            "clientCredentials".into(),
            json!({"tokenUrl": token, "scopes": scopes}),
        );
    }
    if flows.is_empty() {
        // A flow needs its URLs; without them the token is still sent as a bearer token,
        // which is what an HTTP bearer scheme says.
        return json!({
            "type": "http",
            "scheme": "bearer",
            "description": "An OAuth 2 access token; the collection names no token or authorization URL.",
            "x-scopes": scopes,
        });
    }
    json!({
        "type": "oauth2",
        "description": "OAuth 2; the scopes are those the operations' descriptions ask for.",
        "flows": flows,
    })
}

/// The `Authorization` scheme of a Postman auth type the runtime does not implement, and
/// its name for the description.
fn http_scheme(kind: &str) -> (&str, &str) {
    let scheme = match kind {
        "digest" => "digest",
        "oauth1" => "OAuth",
        "hawk" => "Hawk",
        "ntlm" => "NTLM",
        "awsv4" => "AWS4-HMAC-SHA256",
        "edgegrid" | "akamai" => "EG1-HMAC-SHA256",
        other => other,
    };
    (scheme, kind)
}
