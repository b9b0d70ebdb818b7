//! How the examples connect: to Zoom when credentials are set, to the built-in mock server
//! otherwise.

use zoom::mock::MockServer;
use zoom::{Client, OAuthApp};

/// A connected client, and whether it talks to the mock server.
pub struct Connection {
    pub client: Client,
    // Not every example needs to know (each compiles this module on its own).
    #[allow(dead_code)]
    pub offline: bool,
    /// Kept as long as the client is used: the mock server stops when dropped.
    _mock: Option<MockServer>,
}

/// With `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET`: Server-to-Server
/// OAuth against Zoom. With `ZOOM_ACCESS_TOKEN`: that token against Zoom. Otherwise: the
/// mock server, with Server-to-Server OAuth against its token endpoint.
pub async fn connect() -> Result<Connection, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(account), Some(id), Some(secret)) = (
        var("ZOOM_ACCOUNT_ID"),
        var("ZOOM_CLIENT_ID"),
        var("ZOOM_CLIENT_SECRET"),
    ) {
        let client = Client::builder()
            .server_to_server_oauth(OAuthApp::new(id, secret), account)
            .build()?;
        return Ok(Connection {
            client,
            offline: false,
            _mock: None,
        });
    }
    if let Some(token) = var("ZOOM_ACCESS_TOKEN") {
        let client = Client::builder().bearer_token(token).build()?;
        return Ok(Connection {
            client,
            offline: false,
            _mock: None,
        });
    }
    let mock = zoom::mock::start().await?;
    println!(
        "no Zoom credentials: using the mock server at {}",
        mock.base_url()
    );
    let app = OAuthApp::new("mock-client", "mock-secret")
        .token_url(mock.token_url())
        .allow_insecure_http(true);
    let client = Client::builder()
        .base_url(mock.base_url())
        .server_to_server_oauth(app, "mock-account")
        .build()?;
    Ok(Connection {
        client,
        offline: true,
        _mock: Some(mock),
    })
}
