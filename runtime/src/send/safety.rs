//! Checks on what the client is configured with: secrets that never print, header values
//! that cannot split a request, and URLs that do not send credentials in clear text.

use std::fmt;

use http::header::{HeaderName, HeaderValue};
use reqwest::Url;

use crate::error::Error;

/// A credential: it never shows in `Debug` output, errors or logs.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// A header value checked byte by byte: control characters (CR and LF above all, which
/// would end the header and start another) are refused. Bytes from 0x80 up are allowed, as
/// HTTP allows them. `what` names the value in the error; the value itself never appears.
pub(crate) fn header_value(what: &str, value: &str) -> Result<HeaderValue, String> {
    if let Some(byte) = value
        .bytes()
        .find(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
    {
        let name = match byte {
            b'\r' => "a carriage return (CR)",
            b'\n' => "a line feed (LF)",
            _ => "a control character",
        };
        return Err(format!(
            "{what} holds {name}, which a header value cannot carry"
        ));
    }
    HeaderValue::from_bytes(value.as_bytes())
        .map_err(|_| format!("{what} is not a valid header value"))
}

/// A header value that must not show up in `Debug` output of the request.
pub(crate) fn sensitive_header_value(what: &str, value: &str) -> Result<HeaderValue, String> {
    let mut value = header_value(what, value)?;
    value.set_sensitive(true);
    Ok(value)
}

/// A header name and value given by the user, checked.
pub(crate) fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{name:?} is not a valid header name"))?;
    let mut header_value = header_value(&format!("the value of header `{name}`"), value)?;
    if is_credential_header(&header_name) {
        header_value.set_sensitive(true);
    }
    Ok((header_name, header_value))
}

/// Headers that carry credentials by convention: they are left behind by a redirect to
/// another host, and downloads do not send them.
fn is_credential_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    matches!(
        name,
        "authorization" | "proxy-authorization" | "cookie" | "x-api-key" | "x-auth-token"
    ) || name.contains("token")
        || name.contains("secret")
        || name.contains("apikey")
        || name.contains("api-key")
        || name.contains("api_key")
        || name.contains("subscription-key")
        || name.contains("password")
}

/// Parses a URL the client sends credentials to and checks it: http or https, no user name
/// or password in it, no query or fragment, and plain http only on a loopback address
/// (127.0.0.0/8, `::1`, `localhost`) unless `allow_http` says otherwise.
pub(crate) fn checked_url(what: &str, url: &str, allow_http: bool) -> Result<Url, Error> {
    // A URL holding a password must not be echoed back in the error.
    let shown = if url.contains('@') {
        String::new()
    } else {
        format!(" {url:?}")
    };
    let parsed = Url::parse(url)
        .map_err(|e| Error::Config(format!("the {what}{shown} is not a URL: {e}")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::Config(format!(
            "the {what} holds a user name or password; configure credentials on the builder instead"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::Config(format!(
            "the {what}{shown} must not have a query or a fragment"
        )));
    }
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if allow_http || is_loopback(&parsed) => Ok(parsed),
        "http" => Err(Error::Config(format!(
            "the {what}{shown} is plain http, which would send credentials in clear text; \
             use https (http is accepted for loopback addresses, or after allow_insecure_http(true))"
        ))),
        _ => Err(Error::Config(format!(
            "the {what}{shown} is not an http or https URL"
        ))),
    }
}

/// Whether the URL's host is this machine.
pub(crate) fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls_are_refused_without_echoing_the_value() {
        for bad in ["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b", "a\x7fb"] {
            let error = header_value("the token", bad).unwrap_err();
            assert!(error.starts_with("the token holds"), "{error}");
            assert!(!error.contains(bad), "{error}");
        }
        assert!(header_value("v", "Bearer abc.def-ghi").is_ok());
        assert!(header_value("v", "tab\tis fine").is_ok());
        assert!(header_value("v", "caf\u{e9}").is_ok());
    }

    #[test]
    fn credential_headers_are_marked_sensitive() {
        let (_, value) = header("X-Api-Key", "k").unwrap();
        assert!(value.is_sensitive());
        for name in [
            "apikey",
            "Ocp-Apim-Subscription-Key",
            "X-Partner-Api-Key",
            "X-Password",
        ] {
            let (_, value) = header(name, "k").unwrap();
            assert!(value.is_sensitive(), "{name}");
        }
        let (_, value) = header("X-Zm-Trackingid", "v").unwrap();
        assert!(!value.is_sensitive());
        assert!(header("bad name", "v").is_err());
    }

    #[test]
    fn urls_must_be_https_unless_loopback_or_allowed() {
        assert!(checked_url("base URL", "https://api.example.com/v2", false).is_ok());
        assert!(checked_url("base URL", "http://127.0.0.1:8080/v2", false).is_ok());
        assert!(checked_url("base URL", "http://127.9.9.9/v2", false).is_ok());
        assert!(checked_url("base URL", "http://[::1]:80/", false).is_ok());
        assert!(checked_url("base URL", "http://localhost:1/", false).is_ok());
        assert!(checked_url("base URL", "http://api.example.com/v2", false).is_err());
        assert!(checked_url("base URL", "http://10.0.0.1/v2", false).is_err());
        assert!(checked_url("base URL", "http://api.example.com/v2", true).is_ok());
        assert!(checked_url("base URL", "ftp://127.0.0.1/", true).is_err());
        assert!(checked_url("base URL", "https://api.example.com/v2?x=1", false).is_err());
    }

    #[test]
    fn a_password_in_the_url_is_refused_and_not_echoed() {
        let error = checked_url("base URL", "https://me:hunter2@api.example.com/v2", false)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("hunter2"), "{error}");
        let error = checked_url("base URL", "not a url hunter2@", false)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("hunter2"), "{error}");
    }
}
