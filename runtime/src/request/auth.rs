//! What an operation's collection says about its credentials: the scheme its descriptor
//! declares.

use crate::api::ApiKey;

/// The credentials an operation takes, as its collection declares them (at the request,
/// its folders or the collection). Generated descriptors carry one; the client picks from
/// what it was given accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// The collection declares nothing: the operation is sent with whatever credentials the
    /// client has (a token, else basic; and the API key).
    Any,
    /// `noauth`: the operation is sent with no credentials at all.
    NoAuth,
    /// A bearer token: the client's [`bearer_token`](crate::ClientBuilder::bearer_token) or
    /// OAuth access token.
    Bearer,
    /// OAuth 2: the client's OAuth access token (or static bearer token).
    OAuth2,
    /// HTTP Basic: the client's [`basic_auth`](crate::ClientBuilder::basic_auth).
    Basic,
    /// An API key, placed as the collection says: the client's
    /// [`api_key`](crate::ClientBuilder::api_key).
    ApiKey(ApiKey),
    /// A scheme the runtime does not implement (`oauth1`, `digest`, `awsv4`, `hawk`,
    /// `edgegrid`, `ntlm`, `akamai`, ...), by the collection's name for it. The client sends
    /// none of its own credentials: what the API expects is added by the caller (for example
    /// with [`CallOptions::header`](crate::CallOptions::header)).
    Unsupported(&'static str),
}
