//! Typed bindings for the Zoom API, generated from Zoom's Postman collection.
//!
//! Every request of the collection is a function returning a future (`.await` it, as an
//! `async fn`'s; it is `Send`, and borrows the client and arguments, so spawning it takes
//! owned ones: see [Spawning calls](#spawning-calls)) in the module of its top-level folder
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
//! let client = zoom::Client::builder() // base URL: https://api.zoom.us/v2
//!     .bearer_token(std::env::var("ZOOM_ACCESS_TOKEN").unwrap_or_default())
//!     .build()?;
//! let query = zoom::users::GetAUserTokenQuery {
//!     r#type: Some(zoom::users::GetAUserTokenType::Zak),
//!     ttl: Some(3600),
//! };
//! let token = zoom::users::get_a_user_token(&client, "me", &query).await?;
//! println!("{} {:?}", zoom::Response::status(&token), token.token);
//! # Ok(())
//! # }
//! ```
//!
//! `cargo run --features mock --example quickstart` runs this against the built-in mock server
//! (or against Zoom when `ZOOM_ACCESS_TOKEN` is set). The other examples run the same way,
//! against the mock unless Zoom credentials are set (`ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` and
//! `ZOOM_CLIENT_SECRET` for Server-to-Server OAuth, or `ZOOM_ACCESS_TOKEN`):
//!
//! ```sh
//! cargo run --features mock --example create_meeting          # schedules a meeting, prints its join URL
//! cargo run --features mock --example list_users              # every user, page after page
//! cargo run --features mock --example server_to_server_oauth  # the Server-to-Server OAuth set-up
//! cargo run --features mock --example download_recordings     # downloads recording files, with progress
//! cargo run -p zoom-integration --example webhooks            # an axum server receiving signed events
//! ```
//!
//! # Calling the API
//!
//! - Path parameters are positional `&str` arguments. Each is percent-encoded as exactly one
//!   path segment (`a/b` goes out as `a%2Fb`); `.`, `..` and an empty value are refused with
//!   [`Error::InvalidParameter`] before anything is sent.
//! - Query parameters are a struct whose field types come from the collection's example
//!   values. Optional ones are `Option`s and the struct implements `Default`, so
//!   `&Default::default()` sends none. Value lists the collection documents are enums with an
//!   `Other` variant for values it does not list.
//! - A call returns a [`Response`]: the decoded body through `Deref` (`meeting.topic`), and
//!   the response's own data through associated functions, [`Response::status`]`(&meeting)`,
//!   [`Response::headers`] and [`Response::into_body`], which no field or method of the body
//!   can shadow (a meeting's `status` is `meeting.status`).
//! - Response structs keep every field the server sends. Fields that no example shows, and
//!   values of another type than the examples', are kept in the struct's `extra_fields` (an
//!   [`ExtraFields`]: [`ExtraFields::get`] gives one as JSON, [`ExtraFields::to_map`] all of
//!   them), so decoding does not fail on a new field and a decoded value encodes back to the
//!   same JSON: as `serde_json::Value` reads it, whatever serde_json features your build turns
//!   on (with `arbitrary_precision`, `1.50` stays `1.50` and integers beyond 64 bits stay
//!   exact, in typed fields too). Unknown fields are stored compactly; decoding a list page
//!   takes about 1.1 to 1.4 times the time of a plain `#[derive(Deserialize)]` of the fields
//!   the page shows (1.7 for a page of 300 users), and 1.1 to 3.6 times its memory, as a
//!   resource's struct holds every field any request of it shows (the repository's
//!   `BENCHMARKS.md` has the figures).
//! - A response outside 2xx is [`Error::Api`], whose [`ApiError`] keeps the status, headers
//!   and body and reads Zoom's `{"code": 1001, "message": "..."}` (`code()`, `message()`).
//!
//! # Authentication
//!
//! Three kinds of credentials, set on the [`ClientBuilder`]:
//!
//! - A static token: [`ClientBuilder::bearer_token`](postman_runtime::ClientBuilder::bearer_token), sent as `Authorization: Bearer`; the
//!   client cannot renew it.
//! - Server-to-Server OAuth: [`ClientBuilder::server_to_server_oauth`](postman_runtime::ClientBuilder::server_to_server_oauth) with an [`OAuthApp`]
//!   and the account id. The client asks the token URL for a token when the first call needs
//!   one, with the client id and secret as Basic auth; fetches it once for all the calls
//!   waiting at that moment; keeps it until shortly before it expires; and when the API
//!   answers 401, fetches a new one and sends the call again, once.
//! - User OAuth: [`OAuthApp::authorization_url`](postman_runtime::OAuthApp::authorization_url), [`OAuthApp::exchange_code`](postman_runtime::OAuthApp::exchange_code), then
//!   [`ClientBuilder::user_oauth`](postman_runtime::ClientBuilder::user_oauth) with a [`TokenStore`] (or a closure) that receives each
//!   rotated refresh token.
//!
//! Credentials go only to the hosts the collection names. The client follows the redirects
//! of API calls itself: one to another host or port is followed without any credential
//! (`Authorization`, and default or per-call headers that look like credentials, such as
//! `X-Api-Key`).
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
//! For user OAuth, the app sends the user to [`OAuthApp::authorization_url`](postman_runtime::OAuthApp::authorization_url), exchanges the
//! code Zoom redirects back with, and builds a client with the user's tokens. The client
//! refreshes the access token shortly before it expires (and when the API answers 401), and
//! hands every new pair of tokens to the store before the call goes on: Zoom rotates refresh
//! tokens, so the old one stops working as soon as it has been used.
//!
//! ```no_run
//! # async fn run(code: &str) -> Result<(), zoom::Error> {
//! const CALLBACK: &str = "https://example.com/zoom/callback";
//! let app = zoom::OAuthApp::new("client id", "client secret");
//! let page = app.authorization_url(CALLBACK, "a state only this app knows")?; // send the user there
//! let tokens = app.exchange_code(code, CALLBACK).await?; // on the redirect back
//! let client = zoom::Client::builder()
//!     .user_oauth(app, tokens, |tokens: zoom::UserTokens| async move {
//!         std::fs::write("zoom-refresh-token", tokens.refresh_token())
//!     })
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! Tokens stored earlier come back with [`UserTokens::new`] (access token, refresh token,
//! expiry) or [`UserTokens::from_refresh_token`]. The token URL is
//! [`OAuthApp::token_url`](postman_runtime::OAuthApp::token_url) (Zoom's by default, as
//! [`Api`] declares), which is how tests point it at a loopback server. Credentials never show
//! in `Debug` output, errors or logs, and a base or token URL must be https unless it is a
//! loopback address (or [`ClientBuilder::allow_insecure_http`](postman_runtime::ClientBuilder::allow_insecure_http) says otherwise).
//!
//! # Errors and retries
//!
//! A call returns [`Error::Api`] when the server answers outside 2xx; the [`ApiError`] keeps
//! the status, the headers and the body, and reads Zoom's `{"code": 1001, "message": "..."}`
//! error body ([`ApiError::code`], [`ApiError::message`]). A request that gets no answer is
//! [`Error::Transport`], whose message says why, with the host and never the path or the
//! query: `users::get_a_user: request failed: timed out after 30s`, `... connection refused
//! by 127.0.0.1:8080`, `... could not resolve host api.zoom.us: ...`, `... TLS handshake with
//! api.zoom.us failed: ...`, `... the connection closed before the response arrived`
//! (`source()` gives the underlying `reqwest::Error` and its chain). A body that stops before
//! its announced length, or whose connection breaks while it is read, is
//! [`Error::IncompleteBody`], with the bytes received and expected and the reason:
//! `... the response body was cut short: 600 of 1255 bytes arrived (the connection closed)`.
//! A setting the client cannot use (a URL that is not https, a header value with a line
//! break) is [`Error::Config`], from `build()`, or for per-call options from each call,
//! before anything is sent.
//!
//! Failed attempts are tried again as the [`RetryPolicy`] says:
//!
//! - A `429` is retried for every method (the server did not process it), after the wait its
//!   `Retry-After` asks for, in seconds or as an HTTP date. A wait beyond the policy's time
//!   budget (Zoom's daily limits answer with the next day) returns the `429` at once;
//!   [`ApiError::retry_after`] reads the wait.
//! - `408`, `500`, `502`, `503`, `504`, timeouts, broken connections and cut-short bodies are
//!   retried for idempotent methods (`GET`, `PUT`, `DELETE`, ...) only, with a back-off that
//!   doubles from `initial_backoff` up to `max_backoff`, less a random part so that clients do
//!   not retry in step. A `POST` or `PATCH` may have been processed before the failure and is
//!   not sent twice; a connection that could not be opened is retried for every method, since
//!   nothing was sent.
//! - Attempts and total time are bounded (4 attempts within 30 s by default;
//!   [`RetryPolicy::none`] sends once). Each attempt has a timeout (30 s by default, reading
//!   the response included), and opening a connection another (10 s).
//!
//! ```no_run
//! # fn run() -> Result<(), zoom::Error> {
//! use std::time::Duration;
//!
//! let client = zoom::Client::builder()
//!     .bearer_token("access token")
//!     .retry(
//!         zoom::RetryPolicy::new()
//!             .max_attempts(5) // the first one included
//!             .initial_backoff(Duration::from_millis(500))
//!             .max_backoff(Duration::from_secs(10))
//!             .max_elapsed(Duration::from_secs(60)),
//!     )
//!     .timeout(Duration::from_secs(20))
//!     .connect_timeout(Duration::from_secs(5))
//!     .user_agent("my-app/1.0")
//!     .default_header("X-Request-Source", "nightly-sync")
//!     .build()?;
//! # Ok(())
//! # }
//! ```
//!
//! [`ClientBuilder::http_client`](postman_runtime::ClientBuilder::http_client) sends through a `reqwest::Client` of your own (proxy, TLS,
//! connection pool).
//!
//! # Throttling
//!
//! Each generated operation carries Zoom's rate limit label from the collection (`Light`,
//! `Medium`, `Heavy`, `Resource-intensive`; see [`Operation::rate_limit`]). A [`Throttle`]
//! spaces calls out per label on the client's side, so that a burst does not end in `429`s;
//! [`Throttle::burst`] lets a few go at once. Clones of a throttle share its budgets, so
//! clients built with clones of one share the account's limits.
//!
//! ```no_run
//! # fn run() -> Result<(), zoom::Error> {
//! // Rates like those Zoom documents for its Pro plan; check your plan's.
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
//! # Spawning calls
//!
//! A call's future borrows the client and its arguments, as an `async fn` taking references
//! would, so `tokio::spawn(zoom::users::get_a_user(&client, ..))` is refused (the task may
//! outlive them). Move owned ones into the task: a [`Client`] is a handle to shared state, so
//! a clone is cheap and talks through the same connection pool, tokens and throttle.
//!
//! ```no_run
//! # async fn run(client: &zoom::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let mut tasks = Vec::new();
//! for user_id in ["me", "KDcuGIm1QgePTO8WbOqwIQ"] {
//!     let client = client.clone();
//!     tasks.push(tokio::spawn(async move {
//!         zoom::users::get_a_user(&client, user_id, &Default::default()).await
//!     }));
//! }
//! for task in tasks {
//!     let user = task.await??;
//!     println!("{:?}", user.email);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Pagination
//!
//! List operations that page with `next_page_token` (or the older `page_number` and
//! `page_count`) also have a `*_stream` function returning [`Pages`]: the items of every page,
//! fetched one page at a time as they are read. Which operations page, and which response
//! field holds the items, is read from the collection.
//!
//! ```
//! # #[cfg(feature = "mock")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let server = zoom::mock::start().await?; // runs against the mock, which pages as Zoom does
//! # let client = &zoom::Client::builder().base_url(server.base_url()).build()?;
//! let query = zoom::users::ListUsersQuery {
//!     page_size: Some(300),
//!     ..Default::default()
//! };
//! // One user at a time; the next page is fetched when this one is used up.
//! let mut users = zoom::users::list_users_stream(client, &query);
//! # let mut count = 0;
//! while let Some(user) = users.next().await {
//!     println!("{:?}", user?.email);
//! #   count += 1;
//! }
//! // Or every user at once.
//! let users = zoom::users::list_users_stream(client, &query).collect().await?;
//! println!("{} users", users.len());
//! # assert_eq!(users.len(), count, "both walks end, with the same users");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "mock"))]
//! # fn main() {}
//! ```
//!
//! # Downloads
//!
//! [`Client::download`](postman_runtime::Client::download) streams a file the API links to (a cloud recording's `download_url`,
//! an export) to a file or to any `tokio::io::AsyncWrite`, with the client's credentials:
//!
//! ```no_run
//! use zoom::users::ListAllRecordingsMeetingRecordingFile as RecordingFile;
//!
//! async fn save(client: &zoom::Client, file: &RecordingFile) -> Result<(), zoom::Error> {
//!     let (Some(url), Some(size)) = (&file.download_url, file.file_size) else {
//!         return Ok(());
//!     };
//!     let done = client
//!         .download(url)
//!         .expected_size(size as u64) // refused if the server's size differs
//!         .progress(|p| eprint!("\r{} of {:?} bytes", p.received, p.total))
//!         .to_file("recording.mp4") // written to recording.mp4.part, renamed when complete
//!         .await?;
//!     println!("{} bytes, resumed {} times", done.size, done.resumed);
//!     Ok(())
//! }
//! ```
//!
//! - **Credentials**: the request carries `Authorization: Bearer` with the client's token
//!   (OAuth tokens are renewed as for any call, and a `401` mid-download renews and goes on),
//!   so the URL must be https (or loopback). A redirect to another host or port goes there
//!   without it, and default headers that look like credentials (`X-Api-Key`, names with
//!   `token` or `secret`) are not sent at all. [`Download::without_credentials`] sends none,
//!   for signed URLs or a `download_access_token` in the query. The URL is never in errors or
//!   logs.
//! - **Memory** stays the same whatever the size: the body is written as it arrives (to a file
//!   through a 256 KiB buffer).
//! - **Resuming**: when the connection drops or stalls, the next attempt asks for the rest
//!   (`Range: bytes=N-`, with `If-Range` from the first answer's `ETag` or `Last-Modified`). A
//!   server that ignores the range (`200`) starts a file over; a writer, which cannot take
//!   bytes back, has the bytes it already holds skipped when the content is certainly
//!   unchanged, and fails with [`DownloadError::Unusable`] otherwise.
//! - **Retries** follow the client's [`RetryPolicy`] (drops, timeouts, `429`, `5xx`), counted
//!   from the latest progress: each resumed part that brings bytes starts the count again.
//! - **Time**: the timeout bounds the wait for the answer and for each part of the body
//!   ([`Download::timeout`], else the client's), not the whole transfer.
//! - **Errors**: [`Error::Download`] with a [`DownloadError`] (`WrongSize`, `Write`,
//!   `Unusable`, `Url`); [`Error::IncompleteBody`] when the attempts ran out, with the bytes
//!   received; [`Error::Api`] for an error status.
//!
//! # Per-call options
//!
//! [`Client::with_options`](postman_runtime::Client::with_options) gives a view of the client with another timeout, retry policy or
//! extra headers ([`CallOptions`]). The view is a [`Client`], so every generated function takes
//! it, and it shares the connection pool, the tokens and the throttle with the client, whose
//! own settings stay as they were:
//!
//! ```no_run
//! # async fn run(client: &zoom::Client) -> Result<(), zoom::Error> {
//! use std::time::Duration;
//!
//! let patient = client.with_options(
//!     zoom::CallOptions::new()
//!         .timeout(Duration::from_secs(120)) // this call may take long
//!         .retry(zoom::RetryPolicy::none())
//!         .header("X-Request-Id", "nightly-report"),
//! );
//! let report = zoom::report::get_daily_usage_report(&patient, &Default::default()).await?;
//! println!("{:?}", zoom::Response::status(&report));
//! # Ok(())
//! # }
//! ```
//!
//! A per-call header replaces the client's default header and the operation's own header of
//! that name (the credentials' `Authorization` still wins); one that cannot be sent (a line
//! break in its value) makes each call through the view fail with [`Error::Config`] before
//! anything is sent. A view of a view keeps its parent's options unless it sets them again.
//!
//! # Logging
//!
//! Each call runs in a [`tracing`](https://docs.rs/tracing) span named `api.request` (target
//! `postman_runtime::client`), with the fields `api` (`zoom`), `operation`
//! (`users::get_a_user_token`), `method`, `path` (the template, `/users/{userId}/token`),
//! `attempt` and `status`; token requests run in `api.token`, downloads in `api.download`
//! (with `host` in place of the path). Retries are `WARN` events, renewed tokens `INFO`,
//! throttling waits `DEBUG`. No span or event holds a credential, a parameter value or a body.
//!
//! # Learning from real responses
//!
//! The types know what the collection's examples show; Zoom sends more. A client can record
//! what it really receives: set `ZOOM_OBSERVE` to a folder (no change to the code that builds
//! the client), or pass an [`Observer`] to [`ClientBuilder::observe`]. Each client then
//! writes, per operation and status, the merged *shape* of the JSON bodies it receives
//! (member names, JSON kinds, how often each came) to its own
//! `zoom-<pid>-...observations.json` in that folder. No value is written unless asked for
//! by path (`ZOOM_OBSERVE_VALUES=users[].status,status`, or
//! [`Observer::record_values_of`]), for fields whose values are enum candidates; emails,
//! names and tokens never reach the file. Memory stays bounded whatever the traffic, and
//! after the first 100 bodies of an operation and status one in 50 is recorded.
//!
//! Then fold the files into an overlay beside the collection, review what it changes, and
//! commit it; the next build types what was observed:
//!
//! ```text
//! ZOOM_OBSERVE=target/observations cargo test        # or a staging run
//! postman-codegen learn collection/zoom.postman_collection.json target/observations
//! postman-codegen diff collection/zoom.postman_collection.json \
//!     collection/zoom.postman_collection.json --overlay collection/zoom.overlay.json
//! git add collection/zoom.overlay.json
//! ```
//!
//! The overlay (`collection/zoom.overlay.json`, or the file `ZOOM_OVERLAY` names) leaves the
//! export untouched, so a newer export still takes it. The example `learn_from_traffic`
//! does it end to end against the mock.
//!
//! # Webhooks
//!
//! Zoom calls an app back with webhook events: signed HTTP `POST`s of JSON envelopes
//! (`{"event": "meeting.started", "event_ts": …, "payload": {…}}`). [`webhooks`] checks them
//! and [`events`] types them, for any web framework: a [`Verifier`](webhooks::Verifier) takes
//! the request's headers and its raw body bytes and gives either a refusal
//! ([`WebhookError`](webhooks::WebhookError), whose `status()` is what to answer), the answer
//! to a URL validation challenge, or the decoded [`events::Event`].
//!
//! ```no_run
//! # fn run(headers: &http::HeaderMap, raw_body: &[u8]) {
//! // The app's secret token, and the previous one while it is being rotated.
//! let verifier = zoom::webhooks::verifier("secret token").secret("previous secret token");
//! match verifier.verify(headers, raw_body) {
//!     Ok(zoom::webhooks::Verified::UrlValidation(answer)) => { /* send answer.body(), 200 */ }
//!     Ok(zoom::webhooks::Verified::Event(event)) => println!("{}", event.name()),
//!     Err(refused) => { /* answer refused.status() */ }
//! }
//! # }
//! ```
//!
//! `integration/examples/webhooks.rs` in the repository is a complete [axum](https://docs.rs/axum)
//! server (`cargo run -p zoom-integration --example webhooks`). What the verifier does, and
//! what any handler must get right:
//!
//! - **The HMAC is over the raw bytes.** The signature is HMAC-SHA256 of
//!   `v0:{x-zm-request-timestamp}:{body}` with the body exactly as it arrived. A body parsed
//!   and serialized again (keys reordered, spaces changed, numbers rewritten) no longer
//!   matches, so hand the handler's raw bytes (axum's `Bytes`, not `Json<…>`) to `verify`.
//! - **The timestamp is checked.** It is part of what is signed, and deliveries more than five
//!   minutes old or ahead of the clock are refused, against replays
//!   ([`Verifier::tolerance`](webhooks::Verifier::tolerance) changes the window).
//! - **The comparison is in constant time**, so response times tell a forger nothing about how
//!   much of a signature was right.
//! - **Several secrets** are tried in turn: the new and the old one while a secret token is
//!   being rotated, and one for each app when one endpoint serves several apps
//!   (`verifier(a).secret(b)`). A URL validation is answered with the secret that signed it.
//! - **The URL validation is answered within a few seconds**: Zoom sends the challenge when
//!   the endpoint is saved and again every few days, and a late or wrong answer fails the
//!   validation. The answer comes straight from `verify`; send it before any slow work. Only
//!   signed challenges are answered.
//! - Bodies beyond 1 MiB ([`webhooks::DEFAULT_MAX_BODY_BYTES`]) are refused before anything
//!   else ([`Verifier::max_body_bytes`](webhooks::Verifier::max_body_bytes)); a framework's own
//!   body limit should let that much through. Refusals never hold a secret or a signature.
//!
//! Events are typed from the example deliveries in `collection/zoom-events.json`: one variant
//! of [`events::Event`] per described event (meetings, participants, recordings, users,
//! webinars, URL validation), and [`events::Event::Other`] for any other event, never an
//! error. Like the API's responses, they keep what the examples do not show in
//! `extra_fields`. With the `mock` feature, `zoom::mock::webhook_sender(secret)` plays Zoom
//! against a handler on this machine: `validate_url` sends a challenge and checks the answer,
//! `send_example` sends a described event's example, `send` and `send_at` any body signed now
//! or at a given time, and `send_raw` any headers.
//!
//! # Offline development
//!
//! With the `mock` feature (off by default: production builds need no HTTP server),
//! `zoom::mock::start()` serves the collection's example responses on 127.0.0.1 (and grants
//! OAuth tokens to any request at `MockServer::token_url`), so code can be run and tested
//! without credentials or network. Its routes and examples are data generated with the
//! bindings; only the example bodies are read at start. What it answers:
//!
//! - **The success example** of the operation, by default.
//! - **A documented error, on request**: the `x-mock-response-code` header picks the first
//!   example of that status (`404`, `400`, `429`...), `x-mock-response-name` an example by
//!   its name in the collection. Send the header with [`CallOptions::header`] (or a client's
//!   `default_header`). An operation without such an example answers `404` with a message
//!   saying so.
//! - **`404` for ids the collection does not know**: a path parameter holding a value the
//!   collection gives no path parameter of that name, in any of its requests, gets the
//!   operation's `404` example, when it has one: with the bundled collection,
//!   `users::get_a_user(&client, "nobody", ..)` fails with Zoom's `1001`, while `"me"` and
//!   the collection's user ids succeed. This holds for the parameter names whose values
//!   include an id the example responses show (a field `id`, `uuid`, `..._id` or `...Id`),
//!   and where the operation's own request gives the parameter a value: a collection whose
//!   path values are placeholders or sample text (`<string>`, `ut amet`, as Zoom's full
//!   export has) gets a mock that takes any id. A header asking for an example wins over
//!   this.
//! - **Pages that end**: a list operation (one with a `*_stream` function) serves its
//!   example's items, `page_size` at a time (all of them without a `page_size`). When the
//!   example shows that more pages follow (a non-empty `next_page_token`, or a `page_number`
//!   below `page_count`), a last page with no items and an empty `next_page_token` (or a
//!   `page_number` equal to `page_count`) comes after them; otherwise the last page of items
//!   is the last. So a stream over it ends. The first page hands out the example's own
//!   `next_page_token`; the mock answers a token it did not hand out with a `400`.
//!   `zoom::mock::options().paging(false)` serves every example as it is instead.
//! - **Recording files**: each `download_url` of an example answers at its path on the mock
//!   (`MockServer::url_for` gives that URL; the bodies keep Zoom's hosts, as the collection
//!   has them) with generated bytes, the same every time, `Range` requests included. Each
//!   file has 4 KiB ([`mock::DEFAULT_FILE_SIZE`]), and the examples' `file_size` say so;
//!   `zoom::mock::options().file_size(n)` sets another size, `.example_file_sizes()` serves
//!   the sizes the examples give.
//! - **Slow answers**: `zoom::mock::options().latency(d)` waits `d` before each answer, to
//!   make a client's timeout fire (see [`mock::start_with`]).
//!
//! `MockServer::received_requests` gives what arrived (method, path, query, headers and
//! body; `json()` and `text()` read the body), so that a test can check what a call sent.
//!
//! ```
//! # #[cfg(feature = "mock")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = zoom::mock::start().await?;
//! let client = zoom::Client::builder().base_url(server.base_url()).build()?;
//!
//! // A documented error, asked for by its status.
//! let failing = client.with_options(zoom::CallOptions::new().header("x-mock-response-code", "404"));
//! let error = zoom::users::get_a_user(&failing, "me", &Default::default()).await.unwrap_err();
//! assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
//! println!("{error}"); // users::get_a_user: the server answered 404 Not Found, error code 1001: ...
//!
//! // What a call sent.
//! let meeting = zoom::users::CreateAMeetingBody {
//!     topic: Some("Planning".to_owned()),
//!     ..Default::default()
//! };
//! zoom::users::create_a_meeting(&client, "me", &meeting).await?;
//! let sent = server.received_requests().pop().expect("the request arrived");
//! assert!(sent.path.ends_with("/users/me/meetings"), "{}", sent.path);
//! assert_eq!(sent.json::<serde_json::Value>()?["topic"], "Planning");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "mock"))]
//! # fn main() {}
//! ```
//!
//! # Common tasks
//!
//! The bundled collection (80 requests) covers the workflows most integrations need; list
//! operations also have a `*_stream` function that walks every page.
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
//!
//! The bundled collection is a faithful subset of Zoom's full export: its requests sit in the
//! export's folders with the export's names, methods, paths and parameters, so every function
//! above is generated at the same path from the export too.
//!
//! # Feature groups and regenerating
//!
//! Each top-level folder of the collection is an API group and a cargo feature, all on by
//! default. To compile only the groups you call:
//!
//! ```toml
//! zoom = { version = "0.1", default-features = false, features = ["users", "meetings"] }
//! ```
//!
//! The features cover the groups of the bundled collection and of Zoom's full collections; a
//! group of another collection without a declared feature is always compiled, and the build
//! warns about it.
//!
//! The bindings are generated at build time from `collection/zoom.postman_collection.json`,
//! or from the file the `ZOOM_COLLECTION` environment variable names: export your collection
//! from Postman as Collection v2.1 and build with `ZOOM_COLLECTION=path/to/export.json`. With a
//! full Zoom export every request becomes a function in the module of its top-level folder,
//! and requests named alike keep their names, so code written against the bundled collection
//! keeps compiling where the export has the same requests. The build reruns when the file or
//! the variable changes, prints problems in the collection as cargo warnings (or fails with an
//! error naming the file, the JSON path and the item), and warns when the generated API
//! differs from the committed `api.lock`, with the commands that show the changes. What
//! `postman-codegen learn` folded from observed responses into `collection/zoom.overlay.json`
//! (or the file `ZOOM_OVERLAY` names) types the fields the collection's examples lack. The
//! generator's commands and naming rules are documented in `codegen/README.md`.
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
/// ```
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let server = zoom::mock::start().await?;
/// let client = zoom::Client::builder().base_url(server.base_url()).build()?;
/// let me = zoom::users::get_a_user(&client, "me", &Default::default()).await?;
/// assert_eq!(zoom::Response::status(&me), 200);
/// # Ok(())
/// # }
/// # tokio::runtime::Runtime::new().unwrap().block_on(run()).unwrap();
/// ```
#[cfg(feature = "mock")]
pub mod mock {
    pub use postman_runtime::mock::{
        Delivery, MockError, MockEvent, MockOptions, MockServer, ReceivedRequest,
        ValidationDelivery, WebhookSender, DEFAULT_FILE_SIZE,
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
    /// 127.0.0.1, with [`options`]; it stops when the returned server is dropped. See the
    /// crate's [offline development](crate#offline-development) section for what it
    /// answers.
    pub async fn start() -> Result<MockServer, MockError> {
        start_with(options()).await
    }

    /// Starts a mock as [`start`] does, with other options: from [`options`], with a
    /// latency, another file size, ...
    ///
    /// ```
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    ///
    /// let server = zoom::mock::start_with(
    ///     zoom::mock::options()
    ///         .latency(Duration::from_millis(300)) // each answer waits 300 ms
    ///         .file_size(1024 * 1024), // recording files of 1 MiB (4 KiB unless told)
    /// )
    /// .await?;
    /// let client = zoom::Client::builder()
    ///     .base_url(server.base_url())
    ///     .timeout(Duration::from_millis(100))
    ///     .retry(zoom::RetryPolicy::none())
    ///     .build()?;
    /// let error = zoom::users::get_a_user(&client, "me", &Default::default())
    ///     .await
    ///     .unwrap_err();
    /// assert!(error.is_timeout(), "{error}");
    /// # Ok(())
    /// # }
    /// # tokio::runtime::Runtime::new().unwrap().block_on(run()).unwrap();
    /// ```
    pub async fn start_with(options: MockOptions) -> Result<MockServer, MockError> {
        MockServer::start_with(&MOCK_API, options).await
    }

    /// The options [`start`] uses: the recording files of the examples are served (each
    /// `download_url` of an example answers, at its path on the mock
    /// ([`MockServer::url_for`]), with generated bytes, the same every time, `Range`
    /// requests included), [`DEFAULT_FILE_SIZE`] bytes each, with the examples'
    /// `file_size` saying so; answers come at once.
    pub fn options() -> MockOptions {
        MockOptions::new().serve_files("download_url", "file_size")
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

/// Recording what Zoom really sends, for `postman-codegen learn` (see
/// [Learning from real responses](crate#learning-from-real-responses)).
pub use postman_runtime::observe;
#[doc(no_inline)]
pub use postman_runtime::observe::Observer;
