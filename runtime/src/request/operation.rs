//! The constant description of an operation that generated code hands to the client, and
//! the path built from it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

use super::AuthScheme;
use crate::error::Error;

/// What the client needs to know about an operation, fixed when the bindings are generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// `module::function`, for errors and logs.
    pub id: &'static str,
    /// The HTTP method, as the collection writes it (custom methods included).
    pub method: &'static str,
    /// The path as documented, `/users/{userId}/token`.
    pub path_template: &'static str,
    /// The literal text around the path parameters: one piece more than there are parameters.
    pub path: &'static [&'static str],
    /// Headers always sent with the request.
    pub headers: &'static [(&'static str, &'static str)],
    /// The API's rate limit label for the operation, where the collection gives one
    /// (Zoom's `Light`, `Medium`, `Heavy`, `Resource-intensive`, for example). A client with a
    /// [`Throttle`](crate::Throttle) spaces calls out by it.
    pub rate_limit: Option<&'static str>,
    /// The host the operation goes to when it is not the API's base URL: the name of one of
    /// the API's [`hosts`](crate::ApiDefaults::hosts). `None`: the base URL.
    pub host: Option<&'static str>,
    /// The credentials the operation takes, as its collection declares them.
    pub auth: AuthScheme,
}

/// Everything but the RFC 3986 unreserved characters is encoded, so that a parameter stays
/// one path segment: `a/b` becomes `a%2Fb`, `?` and `#` cannot start a query or fragment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl Operation {
    /// The path with each argument percent-encoded into its place.
    pub(crate) fn build_path(&self, args: &[&str]) -> Result<String, Error> {
        if args.len() + 1 != self.path.len() {
            return Err(self.invalid(
                "path",
                format!(
                    "{} path parameters given, {} expected",
                    args.len(),
                    self.path.len().saturating_sub(1)
                ),
            ));
        }
        let mut path = String::with_capacity(
            self.path.iter().map(|p| p.len()).sum::<usize>() + 16 * args.len(),
        );
        for (index, piece) in self.path.iter().enumerate() {
            path.push_str(piece);
            if let Some(arg) = args.get(index) {
                self.check_path_arg(index, arg)?;
                path.extend(utf8_percent_encode(arg, SEGMENT));
            }
        }
        Ok(path)
    }

    /// Values that cannot be sent as one path segment, whatever the encoding: URL parsers
    /// remove `.` and `..` segments (also when written `%2E`), and an empty value would
    /// join its neighbours.
    fn check_path_arg(&self, index: usize, arg: &str) -> Result<(), Error> {
        let reason = match arg {
            "" => "must not be empty",
            "." | ".." => "must not be `.` or `..`",
            _ => return Ok(()),
        };
        Err(self.invalid(&self.path_param_name(index), reason.to_owned()))
    }

    /// The name of the `index`th parameter in the path template, for messages.
    fn path_param_name(&self, index: usize) -> String {
        self.path_template
            .split('{')
            .skip(1)
            .nth(index)
            .and_then(|rest| rest.split('}').next())
            .unwrap_or("path")
            .to_owned()
    }

    pub(crate) fn invalid(&self, name: &str, reason: String) -> Error {
        Error::InvalidParameter {
            operation: self.id,
            name: name.to_owned(),
            reason,
        }
    }
}

/// The pairs of a JSON object, as a query string or form encodes them.
pub(crate) fn flatten_pairs(value: Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Value::Object(fields) = value {
        for (key, value) in fields {
            push_pairs(&mut pairs, &key, value);
        }
    }
    pairs
}

fn push_pairs(pairs: &mut Vec<(String, String)>, key: &str, value: Value) {
    match value {
        Value::Null => {}
        Value::String(text) => pairs.push((key.to_owned(), text)),
        Value::Array(items) => {
            for item in items {
                push_pairs(pairs, key, item);
            }
        }
        other => pairs.push((key.to_owned(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: Operation = Operation {
        id: "users::get_a_user_token",
        method: "GET",
        path_template: "/users/{userId}/token",
        path: &["/users/", "/token"],
        headers: &[],
        rate_limit: None,
        host: None,
        auth: AuthScheme::Any,
    };

    #[test]
    fn arguments_stay_one_segment() {
        assert_eq!(OP.build_path(&["me"]).unwrap(), "/users/me/token");
        assert_eq!(
            OP.build_path(&["../accounts"]).unwrap(),
            "/users/..%2Faccounts/token"
        );
        assert_eq!(OP.build_path(&["a/b"]).unwrap(), "/users/a%2Fb/token");
        assert_eq!(
            OP.build_path(&["x?y#z %"]).unwrap(),
            "/users/x%3Fy%23z%20%25/token"
        );
        assert_eq!(
            OP.build_path(&["jo@example.com"]).unwrap(),
            "/users/jo%40example.com/token"
        );
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for bad in ["", ".", ".."] {
            let error = OP.build_path(&[bad]).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidParameter { name, .. } if name == "userId"),
                "{error}"
            );
        }
        assert!(OP.build_path(&[]).is_err());
    }
}
