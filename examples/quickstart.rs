//! Gets a ZAK token for the signed-in user.
//!
//! With `ZOOM_ACCESS_TOKEN` set, it calls api.zoom.us with that token; without it, it starts
//! the mock server, which answers with the collection's example response.
//!
//! ```text
//! cargo run --features mock --example quickstart
//! ```

use zoom::users::{get_a_user_token, GetAUserTokenQuery, GetAUserTokenType};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Kept alive until the end of main: the mock server stops when dropped.
    let mut mock = None;
    let client = match std::env::var("ZOOM_ACCESS_TOKEN") {
        Ok(token) => zoom::Client::builder().bearer_token(token).build()?,
        Err(_) => {
            let server = zoom::mock::start().await?;
            println!(
                "no ZOOM_ACCESS_TOKEN: using the mock server at {}",
                server.base_url()
            );
            let client = zoom::Client::builder()
                .base_url(server.base_url())
                .bearer_token("mock-token")
                .build()?;
            mock = Some(server);
            client
        }
    };

    let query = GetAUserTokenQuery {
        r#type: Some(GetAUserTokenType::Zak),
        ttl: Some(3600),
    };
    let response = get_a_user_token(&client, "me", &query).await?;
    println!("status: {}", zoom::Response::status(&response));
    println!("{:#?}", zoom::Response::body(&response));
    drop(mock);
    Ok(())
}
