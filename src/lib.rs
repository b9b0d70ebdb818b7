//! Typed bindings for the Zoom API, generated from Zoom's Postman collection.
//!
//! Every request of the collection is a function returning a future (`.await` it, as an
//! `async fn`'s; it is `Send`, so it can be spawned) in the module of its top-level folder
//! (the table of [API groups](#api-groups) below links to them), with typed path and query
//! parameters, a typed body, and a typed response inferred from the collection's examples.
//! Each function's page has the request's description, its parameters, OAuth scopes, Zoom
//! rate limit label, an example response and the errors the collection documents. The
//! functions share one [`Client`], which holds the base URL, the credentials, the retry
//! policy and the connection pool.
//!
//! # Quickstart
//!
//! ```no_run
//! # async fn run() -> Result<(), zoom::Error> {
//! let client = zoom::Client::builder()
//!     .bearer_token(std::env::var("ZOOM_ACCESS_TOKEN").unwrap_or_default())
//!     .build()?;
//! let query = zoom::users::GetAUserTokenQuery {
//!     r#type: Some(zoom::users::GetAUserTokenType::Zak),
//!     ttl: Some(3600),
//! };
//! let token = zoom::users::get_a_user_token(&client, "me", &query).await?;
//! println!("{:?}", token.token);
//! # Ok(())
//! # }
//! ```
//!
//! `cargo run --features mock --example quickstart` runs this against the built-in mock server.
//!
//! - Path parameters are positional `&str` arguments, each percent-encoded as exactly one path
//!   segment (`a/b` is sent as `a%2Fb`; `.`, `..` and empty values are refused with
//!   `Error::InvalidParameter` before anything is sent).
//! - Query parameters are a struct typed from the collection's example values; optional ones
//!   are `Option`s and the struct implements `Default`, so `&Default::default()` sends none.
//! - A response outside 2xx is `Error::Api`, whose `ApiError` keeps the status, headers and body
//!   and reads Zoom's `{"code": 1001, "message": "..."}` (`code()`, `message()`).
//! - Response structs keep every field the server sends: fields that no example shows are kept
//!   in `extra_fields` (a `zoom::ExtraFields`: `get("key")` gives the value as JSON, `to_map()`
//!   all of them), so a decoded value encodes back to the same JSON. They are stored compactly,
//!   so keeping them costs little: decoding a list page takes about 1.0 to 1.25 times the time
//!   and 1.1 to 1.2 times the memory of a plain `#[derive(Deserialize)]` of the same fields,
//!   which drops them (see BENCHMARKS.md).
//!
//! # Authentication
//!
//! - A static token: [`ClientBuilder::bearer_token`].
//! - Server-to-Server OAuth: [`ClientBuilder::server_to_server_oauth`] with an [`OAuthApp`]
//!   and the account id. The token is fetched when first needed, shared by concurrent calls,
//!   reused until shortly before it expires, and fetched again when the API answers 401.
//! - User OAuth: [`OAuthApp::authorization_url`], [`OAuthApp::exchange_code`], then
//!   [`ClientBuilder::user_oauth`] with a [`TokenStore`] that receives each rotated refresh
//!   token.
//!
//! ```no_run
//! # fn run() -> Result<(), zoom::Error> {
//! let app = zoom::OAuthApp::new("client id", "client secret");
//! let client = zoom::Client::builder()
//!     .server_to_server_oauth(app, "account id")
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! For user OAuth, the app sends the user to [`OAuthApp::authorization_url`], exchanges the
//! code Zoom redirects back with, and builds a client with the user's tokens. The client
//! refreshes the access token shortly before it expires (and when the API answers 401), and
//! hands every new pair of tokens to the store: Zoom rotates refresh tokens, so the old one
//! stops working as soon as it has been used.
//!
//! ```no_run
//! # async fn run(code: &str) -> Result<(), zoom::Error> {
//! let app = zoom::OAuthApp::new("client id", "client secret");
//! let tokens = app
//!     .exchange_code(code, "https://example.com/zoom/callback")
//!     .await?;
//! let client = zoom::Client::builder()
//!     .user_oauth(app, tokens, |tokens: zoom::UserTokens| async move {
//!         std::fs::write("zoom-refresh-token", tokens.refresh_token())
//!     })
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! The token URL is [`OAuthApp::token_url`](postman_runtime::OAuthApp::token_url) (Zoom's by
//! default, as [`Api`] declares). Credentials never show in
//! `Debug` output, errors or logs, and a base or token URL must be https unless it is a
//! loopback address (or [`ClientBuilder::allow_insecure_http`] says otherwise).
//!
//! # Errors and retries
//!
//! A call returns [`Error::Api`] when the server answers outside 2xx; the [`ApiError`] keeps
//! the status, the headers and the body, and reads Zoom's `{"code", "message"}` error body
//! ([`ApiError::code`], [`ApiError::message`]). A response field of an unexpected type does
//! not fail decoding: it is kept in the struct's `extra_fields` ([`ExtraFields`], read with
//! [`ExtraFields::get`] or [`ExtraFields::to_map`]), as are fields no example shows, so
//! nothing the server sends is lost.
//!
//! Failed attempts are tried again as the [`RetryPolicy`] says (by default 4 attempts within
//! 30 s): a `429` for every method, after its `Retry-After` (seconds or an HTTP date);
//! `5xx`, timeouts and broken connections with a doubling, jittered back-off, for idempotent
//! methods only, since a `POST` or `PATCH` may have been processed; and a connection that
//! could not be opened, for every method, since nothing was sent. Each attempt has a
//! timeout (30 s by default), and opening a connection another (10 s).
//!
//! ```no_run
//! # fn run() -> Result<(), zoom::Error> {
//! use std::time::Duration;
//!
//! let client = zoom::Client::builder()
//!     .bearer_token("access token")
//!     .retry(
//!         zoom::RetryPolicy::new()
//!             .max_attempts(5)
//!             .initial_backoff(Duration::from_millis(500))
//!             .max_elapsed(Duration::from_secs(60)),
//!     )
//!     .timeout(Duration::from_secs(20))
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! # Throttling
//!
//! Each generated operation carries Zoom's rate limit label from the collection (`Light`,
//! `Medium`, `Heavy`, `Resource-intensive`; see [`Operation::rate_limit`]). A [`Throttle`]
//! spaces calls out per label on the client's side, so that a burst does not end in `429`s:
//!
//! ```no_run
//! # fn run() -> Result<(), zoom::Error> {
//! let throttle = zoom::Throttle::new()
//!     .per_second("Light", 30.0)
//!     .per_second("Medium", 20.0)
//!     .per_second("Heavy", 10.0)
//!     .per_second("Resource-intensive", 10.0 / 60.0);
//! let client = zoom::Client::builder()
//!     .bearer_token("access token")
//!     .throttle(throttle)
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! # Logging
//!
//! Each call runs in a [`tracing`](https://docs.rs/tracing) span named `api.request`, with
//! the fields `api` (`zoom`), `operation`, `method`, `path` (the template), `attempt` and
//! `status`; token requests run in `api.token`. Retries, renewed tokens and throttling waits are events in
//! them. Neither spans nor events hold credentials, parameter values or bodies.
//!
//! # Pagination
//!
//! List operations that page with `next_page_token` (or `page_number`) also have a
//! `*_stream` function returning [`Pages`]: the items of every page, fetched as they are
//! read.
//!
//! ```no_run
//! # async fn run(client: &zoom::Client) -> Result<(), zoom::Error> {
//! let users = zoom::users::list_users_stream(client, Default::default())
//!     .collect()
//!     .await?;
//! println!("{} users", users.len());
//! # Ok(())
//! # }
//! ```
//!
//! # Webhooks
//!
//! [`webhooks`] verifies Zoom's webhook deliveries for any web framework, from the request's
//! headers and raw body bytes: the HMAC-SHA256 signature (in constant time, against one or
//! more secret tokens, for rotation or several apps), the signed timestamp (five minutes
//! either way, against replays), the body's size. It answers URL validation challenges and
//! decodes events into [`events::Event`], typed from `collection/zoom-events.json` and
//! lossless like the API's responses; an event not described arrives in
//! [`events::Event::Other`], never as an error.
//!
//! ```no_run
//! # fn run(headers: &http::HeaderMap, raw_body: &[u8]) {
//! let verifier = zoom::webhooks::verifier("secret token");
//! match verifier.verify(headers, raw_body) {
//!     Ok(zoom::webhooks::Verified::UrlValidation(answer)) => { /* send answer.body(), 200 */ }
//!     Ok(zoom::webhooks::Verified::Event(event)) => println!("{}", event.name()),
//!     Err(refused) => { /* answer refused.status() */ }
//! }
//! # }
//! ```
//!
//! The README has a complete axum handler and the pitfalls (sign the raw bytes, not a
//! re-serialized body; check the timestamp; compare in constant time; keep several secrets
//! while rotating; answer the validation within seconds). With the `mock` feature,
//! `zoom::mock::webhook_sender` delivers signed events to a handler on 127.0.0.1
//! (`cargo run -p zoom-integration --example webhooks`).
//!
//! # Downloads and per-call options
//!
//! [`Client::download`] streams a file the API links to (a recording's `download_url`) to a
//! file or an async writer with the client's credentials, in bounded memory, with a progress
//! callback and a size check, resuming with `Range` after a dropped connection:
//!
//! ```no_run
//! # async fn run(client: &zoom::Client, url: &str) -> Result<(), zoom::Error> {
//! let done = client
//!     .download(url)
//!     .expected_size(27_583_104)
//!     .progress(|p| eprintln!("{} of {:?}", p.received, p.total))
//!     .to_file("audio.m4a")
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! [`Client::with_options`] gives a view of the client with another timeout, retry policy or
//! extra headers ([`CallOptions`]) that every generated function takes, sharing the
//! connection pool, tokens and throttle:
//!
//! ```no_run
//! # async fn run(client: &zoom::Client) -> Result<(), zoom::Error> {
//! use std::time::Duration;
//!
//! let quick = client.with_options(zoom::CallOptions::new().timeout(Duration::from_secs(3)));
//! let me = zoom::users::get_a_user(&quick, "me", &Default::default()).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Common tasks
//!
//! The bundled collection (80 requests) covers the Zoom workflows most integrations need. Each function's
//! rustdoc has its parameters, scopes, rate limit label, an example response and the
//! documented errors; list operations also have a `*_stream` function that walks every page.
//!
//! | Task | Functions |
//! |---|---|
//! | List every user of the account | `users::list_users_stream` (one page: `users::list_users`) |
//! | Create, read, update, delete a user | `users::create_users`, `users::get_a_user`, `users::update_a_user`, `users::delete_a_user` |
//! | A user's settings | `users::get_user_settings`, `users::update_user_settings` |
//! | Assistants and schedulers | `users::list_user_assistants`, `users::add_assistants`, `users::list_user_schedulers` |
//! | A ZAK or SDK token to start meetings | `users::get_a_user_token` |
//! | Schedule a meeting (also recurring) | `users::create_a_meeting` |
//! | A user's meetings and webinars | `users::list_meetings_stream`, `users::list_webinars_stream`, `users::create_a_webinar` |
//! | Read, change, delete a meeting | `meetings::get_a_meeting`, `meetings::update_a_meeting`, `meetings::delete_a_meeting` |
//! | End a meeting in progress | `meetings::update_meeting_status` |
//! | Meeting registration | `meetings::list_meeting_registrants_stream`, `meetings::add_meeting_registrant`, `meetings::update_registrants_status`, `meetings::list_registration_questions`, `meetings::update_registration_questions` |
//! | Polls, live stream, the invitation | `meetings::list_meeting_polls`, `meetings::create_a_meeting_poll`, `meetings::get_live_stream_details`, `meetings::update_a_live_stream`, `meetings::get_meeting_invitation` |
//! | Cloud recordings | `users::list_all_recordings_stream`, `meetings::get_meeting_recordings`, `meetings::delete_meeting_recordings`, `meetings::get_meeting_recording_settings`, `meetings::list_recording_registrants_stream`; the files with `Client::download` |
//! | Who attended a past meeting or webinar | `past_meetings::get_past_meeting_participants_stream`, `past_meetings::list_ended_meeting_instances`, `past_webinars::list_webinar_participants_stream`, `past_webinars::get_webinar_absentees_stream` |
//! | Webinars | `webinars::get_a_webinar`, `webinars::list_panelists`, `webinars::add_panelists`, `webinars::list_webinar_registrants_stream`, `webinars::add_a_webinar_registrant` |
//! | Dashboards | `metrics::list_meetings_stream`, `metrics::list_meeting_participants_stream`, `metrics::list_webinars_stream`, `metrics::list_zoom_rooms_stream`, `metrics::list_zoom_meetings_client_feedback` |
//! | Reports | `report::get_daily_usage_report`, `report::get_active_inactive_host_reports_stream`, `report::get_meeting_reports_stream`, `report::get_meeting_participant_reports_stream`, `report::get_webinar_participant_reports_stream`, `report::get_telephone_reports_stream`, `report::get_cloud_recording_usage_report`, `report::get_operation_logs_report_stream` |
//! | Account settings, groups, roles, tracking fields | `accounts::get_settings`, `accounts::update_settings`, `groups::list_groups`, `groups::add_group_members`, `roles::list_roles`, `roles::list_members_in_a_role_stream`, `tracking_fields::list_tracking_fields` |
//!
//! The bundled collection is a faithful subset of Zoom's full export: its 80 requests sit in
//! the export's folders with the export's names, methods, paths and parameters, so every
//! function above is generated at the same path from the export too (a test checks it, and CI
//! builds the examples and runs the doctests with the export).
//!
//! Runnable programs, each against the mock server unless Zoom credentials are set
//! (`ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET` for Server-to-Server OAuth, or
//! `ZOOM_ACCESS_TOKEN`):
//!
//! ```sh
//! cargo run --features mock --example create_meeting          # schedules a meeting, prints its join URL
//! cargo run --features mock --example list_users              # every user, page after page
//! cargo run --features mock --example server_to_server_oauth  # the Server-to-Server OAuth set-up
//! cargo run --features mock --example download_recordings     # downloads the recordings' files, showing their progress
//! cargo run -p zoom-integration --example webhooks            # an axum server receiving signed webhook events
//! ```
//!
//! # Offline development
//!
//! With the `mock` feature (off by default: production builds need no HTTP server),
//! `zoom::mock::start()` serves the collection's example responses on 127.0.0.1 (and grants
//! OAuth tokens), so code can be run and tested without credentials or network. Its routes
//! and examples are data generated with the bindings; only the example bodies are read at
//! start, for the recording files they link to, which the mock serves with generated
//! content at the paths of their download URLs (`MockServer::url_for` gives the URL).
//!
//! # Regenerating
//!
//! The bindings are generated at build time from `collection/zoom.postman_collection.json`,
//! or from the file the `ZOOM_COLLECTION` environment variable names: export your collection
//! from Postman as Collection v2.1 and build with `ZOOM_COLLECTION=path/to/export.json`.
//! Each API group of the Zoom collections is a cargo feature, all on by default; a group
//! without a declared feature is always compiled, and the build warns about it.
//!
//! The crate itself is thin: the generic runtime is the
//! [`postman-runtime`](postman_runtime) crate, which the generated code calls and whose
//! types are re-exported here; Zoom's own defaults (its base URL and OAuth endpoints) are
//! declared by [`Api`].
//!
#![doc = include_str!(env!("ZOOM_GENERATED_MODULES"))]

/// A mock of the Zoom API for tests and offline development: a loopback server answering
/// with the bundled collection's examples (`mock` feature).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let server = zoom::mock::start().await?;
/// let client = zoom::Client::builder().base_url(server.base_url()).build()?;
/// let me = zoom::users::get_a_user(&client, "me", &Default::default()).await?;
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "mock")]
pub mod mock {
    pub use postman_runtime::mock::{
        Delivery, MockError, MockEvent, MockOptions, MockServer, ReceivedRequest,
        ValidationDelivery, WebhookSender,
    };

    include!(env!("ZOOM_GENERATED_MOCK"));
    include!(env!("ZOOM_GENERATED_EVENTS_MOCK"));

    /// Sends webhook deliveries as Zoom does, signed with `secret_token`, to a handler on
    /// 127.0.0.1: URL validation challenges ([`WebhookSender::validate_url`]), the example
    /// deliveries of `collection/zoom-events.json` by event name
    /// ([`WebhookSender::send_example`], all of them in [`MOCK_EVENTS`]), or any body.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), zoom::mock::MockError> {
    /// let sender = zoom::mock::webhook_sender("secret token")?;
    /// let url = "http://127.0.0.1:8080/zoom/webhooks";
    /// assert!(sender.validate_url(url, "a-plain-token").await?.valid);
    /// let delivery = sender.send_example(url, "meeting.started").await?;
    /// assert_eq!(delivery.status, 200);
    /// # Ok(())
    /// # }
    /// ```
    pub fn webhook_sender(secret_token: impl AsRef<[u8]>) -> Result<WebhookSender, MockError> {
        WebhookSender::new(crate::webhooks::SCHEME, secret_token)
            .map(|sender| sender.with_events(MOCK_EVENTS))
    }

    /// Starts a mock of the collection the crate was built from, on a free port of
    /// 127.0.0.1; it stops when the returned server is dropped. It also grants OAuth
    /// tokens at [`MockServer::token_url`], and serves the recording files of the examples:
    /// each `download_url` of an example answers, at its path on the mock
    /// ([`MockServer::url_for`]), with `file_size` generated bytes (the same every time),
    /// `Range` requests included. The examples' bodies are served as the collection has
    /// them, so their download URLs still name Zoom's hosts.
    pub async fn start() -> Result<MockServer, MockError> {
        let options = MockOptions::new().serve_files("download_url", "file_size");
        MockServer::start_with(&MOCK_API, options).await
    }
}

pub mod webhooks;

/// Zoom's webhook events, typed from the example deliveries in `collection/zoom-events.json`
/// (or the file `ZOOM_EVENTS` names at build time).
///
/// [`Event`](events::Event) has a variant per described event, holding that event's
/// envelope struct (`MeetingStartedEvent`: `event`, `event_ts`, `payload` and anything
/// beside them, such as the `download_token` of recording events), and
/// [`Event::Other`](events::Event::Other) for every other event, with its payload as JSON.
/// Like the API's response structs, every struct keeps the fields the examples do not show
/// (and values of another type than theirs) in `extra_fields`: decoding never fails on an
/// envelope, and an event encodes back to the JSON it came from.
///
/// A member's type can differ from one event to another: the meeting `id` is a number in
/// `meeting.created` and a string in `meeting.started`, as Zoom sends them; where a delivery
/// holds a type the examples do not, the value is kept in `extra_fields` instead.
///
/// ```
/// let body = br#"{"event":"meeting.started","event_ts":1,"payload":{"object":{"id":"85712345678"}}}"#;
/// let event: zoom::events::Event = serde_json::from_slice(body).unwrap();
/// if let zoom::events::Event::MeetingStarted(started) = &event {
///     let meeting = started.payload.as_ref().and_then(|p| p.object.as_ref());
///     assert_eq!(meeting.and_then(|m| m.id.as_deref()), Some("85712345678"));
/// }
/// assert_eq!(event.name(), "meeting.started");
/// ```
pub mod events {
    include!(env!("ZOOM_GENERATED_EVENTS"));
}

include!(env!("ZOOM_GENERATED_API"));
