//! Bindings for the Parcel Post API, generated at build time from
//! `collection/parcel-post.postman_collection.json` by `build.rs`.
//!
//! Shipments and the account are on the API host, labels on the upload host; requests take
//! the API key, except the account's, which take its user name and password, and the
//! service status, which takes nothing:
//!
//! ```no_run
//! # async fn run() -> Result<(), parcel_post::Error> {
//! let client = parcel_post::Client::builder()
//!     .api_key("pk_live_example") // sent as `X-Parcel-Key`, as the collection declares
//!     .basic_auth("atelier", "correct horse") // for the account folder
//!     .build()?;
//! let shipment = parcel_post::shipments::get_a_shipment(&client, "shp_1001").await?;
//! println!("{:?}", shipment.status);
//! # Ok(())
//! # }
//! ```

include!(env!("PARCEL_POST_API"));

/// The mock server, serving the collection's examples for every host the API uses.
#[cfg(feature = "mock")]
pub mod mock {
    pub use postman_runtime::mock::{MockError, MockServer, ReceivedRequest};

    include!(env!("PARCEL_POST_MOCK"));

    /// Starts a mock of the API on a free port of 127.0.0.1; a client whose base URL is
    /// the mock's sends every host's requests there.
    pub async fn start() -> Result<MockServer, MockError> {
        MockServer::start(&MOCK_API).await
    }
}
