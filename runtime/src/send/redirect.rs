//! Redirects of API calls, followed by the client itself so that credentials stay with the
//! hosts the API names: a redirect to another origin (scheme, host or port) is followed
//! with every credential removed, whatever carried it (`Authorization`, an API key header,
//! a default or per-call header marked as a credential, cookies), and the API key of the
//! query is never added to the URL a redirect names.

use bytes::Bytes;
use http::header::{
    HeaderMap, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, LOCATION, PROXY_AUTHORIZATION,
};
use http::{Method, StatusCode};
use reqwest::Url;

/// The most redirects one attempt follows, as browsers and reqwest do.
pub(crate) const MAX_REDIRECTS: usize = 10;

/// Sends `request` with `http` (a client that does not follow redirects) and follows the
/// redirects it is answered with, up to [`MAX_REDIRECTS`] (the last answer is returned as
/// it is). `body` is the request's body, for a redirect that keeps it. Once a redirect leads
/// to another origin than the request's, every credential is left behind, for the rest of
/// the chain.
pub(crate) async fn send_following(
    http: &reqwest::Client,
    request: reqwest::Request,
    mut body: Option<Bytes>,
) -> Result<reqwest::Response, reqwest::Error> {
    let first = request.url().clone();
    let timeout = request.timeout().copied();
    let mut method = request.method().clone();
    let mut headers = request.headers().clone();
    let mut stripped = false;
    let mut response = http.execute(request).await?;
    for _ in 0..MAX_REDIRECTS {
        let Some(next) = redirect(
            response.status(),
            response.headers(),
            response.url(),
            &method,
        ) else {
            break;
        };
        if !stripped && !same_origin(&first, &next.url) {
            strip_credentials(&mut headers);
            stripped = true;
        }
        if !next.keep_body {
            body = None;
            strip_body_headers(&mut headers);
        }
        tracing::debug!(
            status = response.status().as_u16(),
            credentials = !stripped,
            "following a redirect"
        );
        method = next.method;
        let mut request = reqwest::Request::new(method.clone(), next.url);
        *request.headers_mut() = headers.clone();
        *request.timeout_mut() = timeout;
        if let Some(body) = &body {
            *request.body_mut() = Some(body.clone().into());
        }
        response = http.execute(request).await?;
    }
    Ok(response)
}

/// Where a redirect answer sends the request next.
pub(crate) struct Redirect {
    pub(crate) url: Url,
    /// The method of the next request: 303 (and 301 or 302 after a POST) turns into GET.
    pub(crate) method: Method,
    /// Whether the body goes along (307 and 308 keep it).
    pub(crate) keep_body: bool,
}

/// The redirect `status` and `headers` ask for, or `None` for an answer that is not one
/// (not 301, 302, 303, 307 or 308, or without a usable `Location`: returned as it is).
pub(crate) fn redirect(
    status: StatusCode,
    headers: &HeaderMap,
    from: &Url,
    method: &Method,
) -> Option<Redirect> {
    let (method, keep_body) = match status.as_u16() {
        301 | 302 if *method == Method::POST => (Method::GET, false),
        301 | 302 | 307 | 308 => (method.clone(), true),
        303 if *method == Method::HEAD => (Method::HEAD, false),
        303 => (Method::GET, false),
        _ => return None,
    };
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let url = from.join(location).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    Some(Redirect {
        url,
        method,
        keep_body,
    })
}

/// Whether two URLs are one origin: scheme, host and port.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Removes every header that carries a credential: `Authorization`, `Proxy-Authorization`,
/// `Cookie`, and every value the client marked sensitive (the API key header, default and
/// per-call headers named like credentials).
pub(crate) fn strip_credentials(headers: &mut HeaderMap) {
    headers.remove(AUTHORIZATION);
    headers.remove(PROXY_AUTHORIZATION);
    headers.remove(COOKIE);
    let sensitive: Vec<_> = headers
        .iter()
        .filter(|(_, value)| value.is_sensitive())
        .map(|(name, _)| name.clone())
        .collect();
    for name in sensitive {
        headers.remove(name);
    }
}

/// Removes the headers that describe a body, for a redirect that drops it.
pub(crate) fn strip_body_headers(headers: &mut HeaderMap) {
    headers.remove(CONTENT_TYPE);
    headers.remove(CONTENT_LENGTH);
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn located(location: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_str(location).unwrap());
        headers
    }

    #[test]
    fn methods_and_bodies_follow_the_status() {
        let from = Url::parse("https://api.example.com/v2/files?x=1").unwrap();
        let next = |status: u16, method: Method| {
            redirect(
                StatusCode::from_u16(status).unwrap(),
                &located("/v2/other"),
                &from,
                &method,
            )
            .map(|r| (r.method, r.keep_body, r.url.to_string()))
        };
        let to = "https://api.example.com/v2/other".to_owned();
        assert_eq!(
            next(302, Method::POST),
            Some((Method::GET, false, to.clone()))
        );
        assert_eq!(
            next(301, Method::PUT),
            Some((Method::PUT, true, to.clone()))
        );
        assert_eq!(
            next(303, Method::PUT),
            Some((Method::GET, false, to.clone()))
        );
        assert_eq!(
            next(307, Method::POST),
            Some((Method::POST, true, to.clone()))
        );
        assert_eq!(next(308, Method::DELETE), Some((Method::DELETE, true, to)));
        assert!(next(304, Method::GET).is_none());
        assert!(next(200, Method::GET).is_none());
        let no_location = redirect(StatusCode::FOUND, &HeaderMap::new(), &from, &Method::GET);
        assert!(no_location.is_none());
        let ftp = redirect(
            StatusCode::FOUND,
            &located("ftp://h/x"),
            &from,
            &Method::GET,
        );
        assert!(ftp.is_none());
    }

    #[test]
    fn origins_differ_by_scheme_host_or_port() {
        let url = |text: &str| Url::parse(text).unwrap();
        assert!(same_origin(
            &url("https://a.example/x"),
            &url("https://a.example:443/y")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("http://a.example/")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("https://b.example/")
        ));
        assert!(!same_origin(
            &url("http://127.0.0.1:1/"),
            &url("http://127.0.0.1:2/")
        ));
    }

    #[test]
    fn every_credential_is_stripped_and_nothing_else() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer t"));
        headers.insert(COOKIE, HeaderValue::from_static("s=1"));
        let mut key = HeaderValue::from_static("k");
        key.set_sensitive(true);
        headers.insert("x-custom-key", key);
        headers.insert("x-team", HeaderValue::from_static("blue"));
        strip_credentials(&mut headers);
        let names: Vec<&str> = headers.keys().map(|n| n.as_str()).collect();
        assert_eq!(names, ["x-team"]);
    }
}
