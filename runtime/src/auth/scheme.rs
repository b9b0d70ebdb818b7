//! The credentials that need no token endpoint (HTTP Basic, an API key in a header or in
//! the query), and which of the client's credentials each operation is sent with, by the
//! [`AuthScheme`] its descriptor declares.

use std::fmt;

use http::header::{HeaderName, HeaderValue};

use crate::api::{ApiKey, KeyLocation};
use crate::error::Error;
use crate::request::{AuthScheme, Operation};
use crate::send::safety::{sensitive_header_value, Secret};

/// An API key as configured on the builder: the value, and where it goes when the user
/// named the place (otherwise where the API or the operation declares it).
#[derive(Clone)]
pub(crate) struct KeyConfig {
    pub(crate) place: Option<(String, KeyLocation)>,
    pub(crate) value: Secret,
}

impl fmt::Debug for KeyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey")
            .field("place", &self.place)
            .field("value", &self.value)
            .finish()
    }
}

/// The credentials that are the same for every request: basic and an API key, checked once.
#[derive(Default)]
pub(crate) struct Static {
    basic: Option<HeaderValue>,
    key: Option<Key>,
}

struct Key {
    /// Where the user put it; `None`: where the API or the operation declares it.
    place: Option<Place>,
    /// The API's declared place, for operations that declare none of their own.
    declared: Option<Place>,
    value: Secret,
    header_value: HeaderValue,
}

#[derive(Clone)]
enum Place {
    Header(HeaderName),
    Query(String),
}

/// What one operation is sent with, decided once per call.
#[derive(Default)]
pub(crate) struct Selection {
    /// Whether the client's token (bearer or OAuth) goes in `Authorization`.
    pub(crate) token: bool,
    /// `Authorization: Basic …`, when no token is sent.
    pub(crate) basic: Option<HeaderValue>,
    /// The API key as a header.
    pub(crate) key_header: Option<(HeaderName, HeaderValue)>,
    /// The API key as a query parameter: name and value.
    pub(crate) key_query: Option<(String, Secret)>,
}

impl fmt::Debug for Static {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Static")
            .field("basic", &self.basic.as_ref().map(|_| "<redacted>"))
            .field("api_key", &self.key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Static {
    /// Checks the basic credentials and the key (no line breaks; a place for the key).
    pub(crate) fn new(
        basic: Option<(String, Secret)>,
        key: Option<KeyConfig>,
        declared: Option<ApiKey>,
    ) -> Result<Static, Error> {
        let basic = match basic {
            Some((user, password)) => {
                if user.contains(':') {
                    return Err(Error::Config(
                        "the basic auth user name holds a `:`, which basic auth cannot carry"
                            .to_owned(),
                    ));
                }
                let pair = format!("{user}:{}", password.expose());
                let encoded = base64(pair.as_bytes());
                Some(
                    sensitive_header_value(
                        "the basic auth credentials",
                        &format!("Basic {encoded}"),
                    )
                    .map_err(Error::Config)?,
                )
            }
            None => None,
        };
        let key = match key {
            Some(config) => {
                let header_value = sensitive_header_value("the API key", config.value.expose())
                    .map_err(Error::Config)?;
                let chosen = match config.place {
                    Some((name, location)) => Some(place(&name, location)?),
                    None => None,
                };
                let declared = declared.map(|k| place(k.name, k.location)).transpose()?;
                if chosen.is_none() && declared.is_none() {
                    return Err(Error::Config(
                        "api_key: the API declares no API key header or query parameter; \
                         name it with api_key_in_header or api_key_in_query"
                            .to_owned(),
                    ));
                }
                Some(Key {
                    place: chosen,
                    declared,
                    value: config.value,
                    header_value,
                })
            }
            None => None,
        };
        Ok(Static { basic, key })
    }

    /// The credentials `operation` is sent with, given whether the client has a token.
    /// An operation that declares a scheme the client was not given credentials for fails,
    /// unless the client has no credentials at all (then nothing is sent, as asked).
    pub(crate) fn select(
        &self,
        operation: &Operation,
        has_token: bool,
    ) -> Result<Selection, Error> {
        let nothing = !has_token && self.basic.is_none() && self.key.is_none();
        let missing = |wanted: &str, method: &str| {
            Err(Error::Config(format!(
                "{} takes {wanted} (as its collection declares), which the client was not \
                 given; configure it with ClientBuilder::{method}",
                operation.id
            )))
        };
        let mut selection = Selection::default();
        match operation.auth {
            AuthScheme::NoAuth | AuthScheme::Unsupported(_) => {}
            _ if nothing => {}
            AuthScheme::Any => {
                selection.token = has_token;
                if !has_token {
                    selection.basic = self.basic.clone();
                }
                if let Some(key) = &self.key {
                    self.place_key(key, None, &mut selection);
                }
            }
            AuthScheme::Bearer | AuthScheme::OAuth2 => {
                if !has_token {
                    return missing("a bearer token or OAuth", "bearer_token or an OAuth method");
                }
                selection.token = true;
            }
            AuthScheme::Basic => match &self.basic {
                Some(basic) => selection.basic = Some(basic.clone()),
                None => return missing("HTTP Basic auth", "basic_auth"),
            },
            AuthScheme::ApiKey(declared) => match &self.key {
                Some(key) => {
                    let declared = place(declared.name, declared.location)?;
                    self.place_key(key, Some(declared), &mut selection);
                }
                None => return missing("an API key", "api_key"),
            },
        }
        Ok(selection)
    }

    fn place_key(&self, key: &Key, operation: Option<Place>, selection: &mut Selection) {
        // The user's place first, then the operation's, then the API's.
        let Some(place) = key.place.clone().or(operation).or(key.declared.clone()) else {
            return;
        };
        match place {
            Place::Header(name) => selection.key_header = Some((name, key.header_value.clone())),
            Place::Query(name) => selection.key_query = Some((name, key.value.clone())),
        }
    }
}

fn place(name: &str, location: KeyLocation) -> Result<Place, Error> {
    if name.is_empty() {
        return Err(Error::Config("the API key's name is empty".to_owned()));
    }
    match location {
        KeyLocation::Header => HeaderName::from_bytes(name.as_bytes())
            .map(Place::Header)
            .map_err(|_| {
                Error::Config(format!(
                    "{name:?} is not a valid header name for an API key"
                ))
            }),
        KeyLocation::Query => Ok(Place::Query(name.to_owned())),
    }
}

/// Standard base64 with padding (RFC 4648), as basic auth encodes `user:password`.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648() {
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded, "{text}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
