//! Request bodies.

use serde::Serialize;

use super::operation::flatten_pairs;

/// The body of a request.
#[derive(Debug, Default)]
pub struct Body(pub(crate) Kind);

#[derive(Debug, Default)]
pub(crate) enum Kind {
    #[default]
    Empty,
    Json(Result<Vec<u8>, serde_json::Error>),
    Form(Result<Vec<(String, String)>, serde_json::Error>),
    Multipart(Multipart),
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

    /// An `application/x-www-form-urlencoded` body from a struct's fields, encoded like a
    /// query: `None` fields are left out and lists repeat their key.
    pub fn form<T: Serialize + ?Sized>(fields: &T) -> Body {
        Body(Kind::Form(serde_json::to_value(fields).map(flatten_pairs)))
    }

    /// A `multipart/form-data` body.
    pub fn multipart(form: Multipart) -> Body {
        Body(Kind::Multipart(form))
    }

    /// A GraphQL request: `{"query": …, "variables": …}` as JSON.
    pub fn graphql(query: &str, variables: &serde_json::Value) -> Body {
        Body::json(&serde_json::json!({ "query": query, "variables": variables }))
    }

    /// Any other body, with its content type.
    pub fn bytes(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Body {
        Body(Kind::Bytes {
            content_type: content_type.into(),
            bytes: bytes.into(),
        })
    }
}

/// The parts of a `multipart/form-data` body.
///
/// ```
/// let form = postman_runtime::Multipart::new()
///     .text("name", "Weekly sync")
///     .file("file", "notes.txt", "text/plain", b"agenda".to_vec());
/// ```
#[derive(Debug, Default)]
pub struct Multipart {
    pub(crate) parts: Vec<Part>,
}

#[derive(Debug)]
pub(crate) struct Part {
    pub(crate) name: String,
    pub(crate) content: PartContent,
}

#[derive(Debug)]
pub(crate) enum PartContent {
    Text(String),
    File {
        file_name: String,
        content_type: String,
        bytes: Vec<u8>,
    },
}

impl Multipart {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content: PartContent::Text(value.into()),
        });
        self
    }

    /// Adds a file.
    pub fn file(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content: PartContent::File {
                file_name: file_name.into(),
                content_type: content_type.into(),
                bytes,
            },
        });
        self
    }
}

impl Multipart {
    /// The content type (with its boundary) and the encoded body.
    pub(crate) fn encode(&self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quoted(&part.name);
            match &part.content {
                PartContent::Text(text) => {
                    out.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                            .as_bytes(),
                    );
                    out.extend_from_slice(text.as_bytes());
                }
                PartContent::File {
                    file_name,
                    content_type,
                    bytes,
                } => {
                    let header = format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quoted(file_name),
                        content_type.replace(['\r', '\n'], "")
                    );
                    out.extend_from_slice(header.as_bytes());
                    out.extend_from_slice(bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), out)
    }

    /// A boundary that occurs in no part.
    fn boundary(&self) -> String {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        (0u128..)
            .map(|n| format!("----postman-runtime-boundary-{:032x}", seed.wrapping_add(n)))
            .find(|candidate| !self.parts.iter().any(|p| p.contains(candidate.as_bytes())))
            .unwrap_or_default()
    }
}

impl Part {
    fn contains(&self, needle: &[u8]) -> bool {
        let haystack: &[u8] = match &self.content {
            PartContent::Text(text) => text.as_bytes(),
            PartContent::File { bytes, .. } => bytes,
        };
        haystack.windows(needle.len()).any(|w| w == needle)
    }
}

/// A value for a quoted header parameter: quotes escaped, line breaks removed.
fn quoted(value: &str) -> String {
    value
        .replace(['\r', '\n'], "")
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_encodes_text_and_file_parts() {
        let form = Multipart::new().text("topic", "Sync").file(
            "file",
            "a\"b.txt",
            "text/plain",
            b"hello".to_vec(),
        );
        let (content_type, body) = form.encode();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"topic\"\r\n\r\nSync\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\\\"b.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
                 --{boundary}--\r\n"
            )
        );
    }
}
