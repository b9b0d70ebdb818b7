//! Sets up Server-to-Server OAuth and makes one call with it.
//!
//! Create a Server-to-Server OAuth app in the Zoom App Marketplace, then:
//!
//! ```text
//! ZOOM_ACCOUNT_ID=... ZOOM_CLIENT_ID=... ZOOM_CLIENT_SECRET=... \
//!     cargo run --features mock --example server_to_server_oauth
//! ```
//!
//! Without those variables it runs against the mock server, whose token endpoint grants a
//! token to anyone. The client fetches a token on the first call, reuses it until shortly
//! before it expires, and fetches a new one when the API answers 401.

use zoom::users::get_a_user;
use zoom::{Client, OAuthApp};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut mock = None;
    let client = match (
        var("ZOOM_ACCOUNT_ID"),
        var("ZOOM_CLIENT_ID"),
        var("ZOOM_CLIENT_SECRET"),
    ) {
        (Some(account_id), Some(client_id), Some(client_secret)) => Client::builder()
            .server_to_server_oauth(OAuthApp::new(client_id, client_secret), account_id)
            .build()?,
        _ => {
            let server = zoom::mock::start().await?;
            println!(
                "no ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET: using the mock server"
            );
            let app = OAuthApp::new("mock-client", "mock-secret")
                .token_url(server.token_url())
                .allow_insecure_http(true);
            let client = Client::builder()
                .base_url(server.base_url())
                .server_to_server_oauth(app, "mock-account")
                .build()?;
            mock = Some(server);
            client
        }
    };
    let me = get_a_user(&client, "me", &Default::default()).await?;
    println!(
        "signed in as {} ({})",
        me.email.as_deref().unwrap_or("?"),
        me.id.as_deref().unwrap_or("?")
    );
    drop(mock);
    Ok(())
}
