//! Splitting a raw URL string (`{{baseUrl}}/users/:userId?x=1`) into Postman's URL parts.
//!
//! Postman writes URLs as plain strings in v2.0 exports and in string requests; the parts
//! are rebuilt here the way Postman's own URL parser splits them.

use super::{QueryParam, Url};

pub fn parse_raw(raw: &str) -> Url {
    let without_hash = raw.split('#').next().unwrap_or_default();
    let (location, query) = match without_hash.split_once('?') {
        Some((location, query)) => (location, Some(query)),
        None => (without_hash, None),
    };
    let (protocol, rest) = match location.split_once("://") {
        Some((scheme, rest)) if !scheme.contains('/') && !scheme.contains('{') => {
            (Some(scheme.to_owned()), rest)
        }
        _ => (None, location),
    };
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, ""),
    };
    let (host, port) = split_port(authority);
    Url {
        raw: Some(raw.to_owned()),
        protocol,
        host: (!host.is_empty()).then(|| host.to_owned()),
        port,
        path: split_path(path),
        query: query.map(parse_query).unwrap_or_default(),
        variables: Vec::new(),
    }
}

fn split_port(authority: &str) -> (&str, Option<String>) {
    if let Some((host, port)) = authority.rsplit_once(':') {
        let numeric = !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
        let variable = port.starts_with("{{") && port.ends_with("}}");
        if (numeric || variable) && !host.ends_with('{') {
            return (host, Some(port.to_owned()));
        }
    }
    (authority, None)
}

/// Path segments, without the empty ones that leading, trailing or doubled slashes make.
pub fn split_path(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_query(query: &str) -> Vec<QueryParam> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = match pair.split_once('=') {
                Some((key, value)) => (key, Some(value.to_owned())),
                None => (pair, None),
            };
            QueryParam {
                key: Some(key.to_owned()),
                value,
                ..QueryParam::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_variable_host_path_and_query() {
        let url = parse_raw("{{baseUrl}}/users/:userId/token?type=zak&ttl=3600#top");
        assert_eq!(url.protocol, None);
        assert_eq!(url.host.as_deref(), Some("{{baseUrl}}"));
        assert_eq!(url.path, ["users", ":userId", "token"]);
        let query: Vec<_> = url
            .query
            .iter()
            .map(|q| (q.key.clone().unwrap(), q.value.clone().unwrap()))
            .collect();
        assert_eq!(
            query,
            [("type".into(), "zak".into()), ("ttl".into(), "3600".into())]
        );
    }

    #[test]
    fn splits_protocol_and_port() {
        let url = parse_raw("https://api.example.com:8443/v1/items/");
        assert_eq!(url.protocol.as_deref(), Some("https"));
        assert_eq!(url.host.as_deref(), Some("api.example.com"));
        assert_eq!(url.port.as_deref(), Some("8443"));
        assert_eq!(url.path, ["v1", "items"]);
    }

    #[test]
    fn key_without_value_has_no_value() {
        let url = parse_raw("http://h/p?flag&x=");
        assert_eq!(url.query[0].key.as_deref(), Some("flag"));
        assert_eq!(url.query[0].value, None);
        assert_eq!(url.query[1].value.as_deref(), Some(""));
    }
}
