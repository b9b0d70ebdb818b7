//! Lists every user of the account, page after page.
//!
//! ```text
//! cargo run --features mock --example list_users
//! ```
//!
//! Runs against the mock server unless Zoom credentials are set (see `common/mod.rs`); the
//! mock pages as Zoom does, so the walk ends there too.

mod common;

use zoom::users::{list_users_stream, ListUsersQuery};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let connection = common::connect().await?;
    let query = ListUsersQuery {
        page_size: Some(300),
        ..Default::default()
    };
    let mut users = list_users_stream(&connection.client, &query);
    let mut count = 0;
    while let Some(user) = users.next().await {
        let user = user?;
        count += 1;
        println!(
            "{:<40} {}",
            user.email.as_deref().unwrap_or("-"),
            user.id.as_deref().unwrap_or("-")
        );
    }
    println!("{count} users");
    Ok(())
}
