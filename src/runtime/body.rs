//! Request bodies.

use serde::Serialize;

/// The body of a request.
#[derive(Debug, Default)]
pub struct Body(pub(crate) Kind);

#[derive(Debug, Default)]
pub(crate) enum Kind {
    #[default]
    Empty,
    Json(Result<Vec<u8>, serde_json::Error>),
    Form(Vec<(String, String)>),
    Bytes {
        content_type: String,
        bytes: Vec<u8>,
    },
}

impl Body {
    /// No body.
    pub const fn empty() -> Body {
        Body(Kind::Empty)
    }

    /// A JSON body. An encoding error is reported when the request is sent.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Body {
        Body(Kind::Json(serde_json::to_vec(value)))
    }

    /// An `application/x-www-form-urlencoded` body.
    pub fn form<K: Into<String>, V: Into<String>>(
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Body {
        Body(Kind::Form(
            fields
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        ))
    }

    /// Any other body, with its content type.
    pub fn bytes(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Body {
        Body(Kind::Bytes {
            content_type: content_type.into(),
            bytes: bytes.into(),
        })
    }
}
