//! Requests per second of a generated call beside plain reqwest, in the same run.
//!
//! ```text
//! cargo bench -p zoom-integration --bench requests
//! ```
//!
//! Two calls, each made both ways with the same `Authorization` and `User-Agent` headers to
//! a mock server on 127.0.0.1, decoding the JSON answer: the generated function through
//! `zoom::Client` (with its default retry policy, timeout and tracing span), the baseline as
//! a `reqwest::Client::get` and `serde_json::from_slice` into a derived struct.
//!
//! - `GET /v2/users/me/token?type=zak&ttl=3600` (`zoom::users::get_a_user_token`), on the
//!   crate's own mock server: a small answer, so the figure is mostly the call's overhead.
//! - `GET /v2/users` (`zoom::users::list_users`) answered with a page of 300 users, each
//!   with three fields the generated type does not know (kept in its `extra_fields`, ignored
//!   by the baseline's derive), on a mock server serving that page only: decoding weighs.
//!   The row marked "known only" serves the same page without those fields.
//!
//! They run in alternating blocks (and alternate which goes first), so that a slow moment
//! of a busy machine does not favour either; the ratio is of the requests per second over
//! all blocks, and the median of the blocks' ratios is printed beside it.
//!
//! Then the users page again, generated both ways: by a client that observes the shapes of
//! what it receives ([`postman_runtime::Observer`], in memory) and by one that does not, in
//! alternating blocks the same way; and the time one recording of that page takes alone.

use std::time::{Duration, Instant};

use postman_runtime::mock::{Example, MockApi, MockServer, Part, Route};
use postman_runtime::Observer;
use serde::Deserialize;
use zoom::users::{get_a_user_token, list_users, GetAUserTokenQuery, GetAUserTokenType};

// The page shapes are shared with the decode benchmark; this one sends only the users page.
#[allow(dead_code)]
mod pages;

const ROUNDS: usize = 30;
const CONCURRENCY: usize = 8;
const TOKEN: &str = "bench-token";
const PAGE_ITEMS: usize = 300;

/// One of the two calls, and how many requests a block of it sends: each block takes
/// about the same time.
#[derive(Clone, Copy)]
enum Call {
    Token,
    UsersPage,
}

impl Call {
    fn requests_per_block(self) -> usize {
        match self {
            Call::Token => 1_000,
            Call::UsersPage => 100,
        }
    }
}

/// What the baseline decodes the answer into.
#[derive(Deserialize)]
struct Token {
    #[allow(dead_code)]
    token: Option<String>,
}

#[derive(Clone)]
enum Caller {
    Generated(zoom::Client),
    /// The client, and the base URL of the server it calls.
    Plain(reqwest::Client, String),
}

impl Caller {
    async fn call(&self, call: Call) {
        match (self, call) {
            (Caller::Generated(client), Call::Token) => {
                let query = GetAUserTokenQuery {
                    r#type: Some(GetAUserTokenType::Zak),
                    ttl: Some(3600),
                };
                let response = get_a_user_token(client, "me", &query)
                    .await
                    .expect("the mock server answers");
                assert!(response.token.is_some());
            }
            (Caller::Generated(client), Call::UsersPage) => {
                let page = list_users(client, &Default::default())
                    .await
                    .expect("the mock server answers");
                assert_eq!(page.users.as_ref().map(Vec::len), Some(PAGE_ITEMS));
            }
            (Caller::Plain(http, base), Call::Token) => {
                let body =
                    plain_get(http, &format!("{base}/users/me/token?type=zak&ttl=3600")).await;
                let token: Token = serde_json::from_slice(&body).expect("JSON");
                assert!(token.token.is_some());
            }
            (Caller::Plain(http, base), Call::UsersPage) => {
                let body = plain_get(http, &format!("{base}/users")).await;
                let page: pages::PlainUsers = serde_json::from_slice(&body).expect("JSON");
                assert_eq!(page.users.as_ref().map(Vec::len), Some(PAGE_ITEMS));
            }
        }
    }

    /// The same caller, calling another server.
    fn to(&self, base: &str) -> Caller {
        match self {
            Caller::Generated(_) => Caller::Generated(generated_client(base)),
            Caller::Plain(http, _) => Caller::Plain(http.clone(), base.to_owned()),
        }
    }

    /// `requests` calls spread over `tasks` tasks; how long they took.
    async fn time(&self, call: Call, requests: usize, tasks: usize) -> Duration {
        let started = Instant::now();
        let handles: Vec<_> = (0..tasks)
            .map(|task| {
                let caller = self.clone();
                let share = requests / tasks + usize::from(task < requests % tasks);
                tokio::spawn(async move {
                    for _ in 0..share {
                        caller.call(call).await;
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.expect("no panic");
        }
        started.elapsed()
    }
}

struct Comparison {
    generated_rps: f64,
    plain_rps: f64,
    /// Of the requests per second, over all rounds.
    ratio: f64,
    /// The median of the rounds' ratios.
    median_ratio: f64,
}

/// A GET with the headers the generated call sends; the body.
async fn plain_get(http: &reqwest::Client, url: &str) -> bytes::Bytes {
    let response = http
        .get(url)
        .header("authorization", format!("Bearer {TOKEN}"))
        .header(
            "user-agent",
            <zoom::Api as postman_runtime::Api>::DEFAULTS.user_agent,
        )
        .send()
        .await
        .expect("the mock server answers");
    assert!(response.status().is_success());
    response.bytes().await.expect("a body")
}

/// A client that does not observe, whatever the environment says.
fn generated_client(base: &str) -> zoom::Client {
    zoom::Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .observe(None)
        .build()
        .expect("a loopback client")
}

fn observing_client(base: &str) -> zoom::Client {
    zoom::Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .observe(Observer::in_memory("zoom"))
        .build()
        .expect("a loopback client")
}

/// Blocks of requests, one caller after the other (alternating which goes first), so that
/// both see the same moments of a busy machine.
async fn compare(generated: &Caller, plain: &Caller, call: Call, tasks: usize) -> Comparison {
    let block = call.requests_per_block();
    let (mut generated_time, mut plain_time) = (Duration::ZERO, Duration::ZERO);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (g, p) = if round % 2 == 0 {
            let g = generated.time(call, block, tasks).await;
            (g, plain.time(call, block, tasks).await)
        } else {
            let p = plain.time(call, block, tasks).await;
            (generated.time(call, block, tasks).await, p)
        };
        generated_time += g;
        plain_time += p;
        ratios.push(p.as_secs_f64() / g.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let requests = (ROUNDS * block) as f64;
    Comparison {
        generated_rps: requests / generated_time.as_secs_f64(),
        plain_rps: requests / plain_time.as_secs_f64(),
        ratio: plain_time.as_secs_f64() / generated_time.as_secs_f64(),
        median_ratio: ratios[ROUNDS / 2],
    }
}

/// A mock server whose only route, `GET /v2/users`, answers with a page of
/// [`PAGE_ITEMS`] users, with or without fields the generated type does not know.
async fn users_page_server(unknown_fields: bool) -> MockServer {
    let page = pages::Page {
        items: PAGE_ITEMS,
        unknown_fields,
    };
    let body = String::from_utf8(pages::page_text(&pages::SHAPES[0], &page, false))
        .expect("JSON is UTF-8");
    // The server wants its routes for as long as the program runs.
    let examples = Vec::leak(vec![Example {
        name: "a page of users",
        status: 200,
        headers: &[("Content-Type", "application/json")],
        body: String::leak(body),
        default: true,
    }]);
    let routes = Vec::leak(vec![Route {
        operation: "users::list_users",
        method: "GET",
        path: &[&[Part::Literal("users")]],
        examples,
        known_values: &[],
        // The same page every time: the benchmark measures one page's decoding.
        paging: None,
    }]);
    let api = Box::leak(Box::new(MockApi {
        base_path: "/v2",
        routes,
    }));
    MockServer::start(api)
        .await
        .expect("the mock server starts")
}

async fn run() {
    let token_server = zoom::mock::start().await.expect("the mock server starts");
    let page_server = users_page_server(true).await;
    let known_only_server = users_page_server(false).await;
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    let token_base = token_server.base_url();
    let generated = Caller::Generated(generated_client(&token_base));
    let plain = Caller::Plain(http, token_base);
    let (page_base, known_only_base) = (page_server.base_url(), known_only_server.base_url());
    let callers = [
        ("", Call::Token, generated.clone(), plain.clone()),
        (
            "",
            Call::UsersPage,
            generated.to(&page_base),
            plain.to(&page_base),
        ),
        (
            ", known only",
            Call::UsersPage,
            generated.to(&known_only_base),
            plain.to(&known_only_base),
        ),
    ];

    for (_, call, generated, plain) in &callers {
        for caller in [generated, plain] {
            caller
                .time(*call, call.requests_per_block() / 2, CONCURRENCY)
                .await;
        }
    }

    println!("loopback mock servers, {ROUNDS} rounds per figure");
    println!(
        "{:<50} {:<14} {:>16} {:>14} {:>7} {:>13}",
        "call", "mode", "generated req/s", "reqwest req/s", "ratio", "median ratio"
    );
    for (variant, call, generated, plain) in &callers {
        let name = match call {
            Call::Token => format!(
                "GET /v2/users/me/token ({} a block)",
                call.requests_per_block()
            ),
            Call::UsersPage => format!(
                "GET /v2/users, {PAGE_ITEMS} users{variant} ({} a block)",
                call.requests_per_block()
            ),
        };
        for (mode, tasks) in [
            ("sequential".to_owned(), 1),
            (format!("{CONCURRENCY} concurrent"), CONCURRENCY),
        ] {
            let c = compare(generated, plain, *call, tasks).await;
            println!(
                "{name:<50} {mode:<14} {:>16.0} {:>14.0} {:>7.3} {:>13.3}",
                c.generated_rps, c.plain_rps, c.ratio, c.median_ratio
            );
        }
    }
    observation(&page_base).await;
    drop(token_server);
    drop(page_server);
    drop(known_only_server);
}

/// The users page called by an observing client beside one that does not, and one
/// recording of the page alone.
async fn observation(page_base: &str) {
    let on = Caller::Generated(observing_client(page_base));
    let off = Caller::Generated(generated_client(page_base));
    for caller in [&on, &off] {
        caller.time(Call::UsersPage, 50, CONCURRENCY).await;
    }
    println!();
    println!("observation: the same generated call, observed and not");
    println!(
        "{:<50} {:<14} {:>16} {:>14} {:>7} {:>13}",
        "call", "mode", "observed req/s", "plain req/s", "ratio", "median ratio"
    );
    for (mode, tasks) in [
        ("sequential".to_owned(), 1),
        (format!("{CONCURRENCY} concurrent"), CONCURRENCY),
    ] {
        let c = compare(&on, &off, Call::UsersPage, tasks).await;
        println!(
            "{:<50} {mode:<14} {:>16.0} {:>14.0} {:>7.3} {:>13.3}",
            format!("GET /v2/users, {PAGE_ITEMS} users"),
            c.generated_rps,
            c.plain_rps,
            c.ratio,
            c.median_ratio
        );
    }
    let page = pages::Page {
        items: PAGE_ITEMS,
        unknown_fields: true,
    };
    let body = pages::page_text(&pages::SHAPES[0], &page, false);
    let observer = Observer::in_memory("zoom");
    let times = 200;
    let started = Instant::now();
    for _ in 0..times {
        observer.record_body("users::list_users", 200, &body);
    }
    let recording = started.elapsed() / times;
    let started = Instant::now();
    for _ in 0..times {
        let page: zoom::users::ListUsersResponse =
            serde_json::from_slice(&body).expect("the page decodes");
        std::hint::black_box(page);
    }
    let decoding = started.elapsed() / times;
    println!(
        "one recording of the {PAGE_ITEMS}-user page ({} KiB): {recording:.2?}, decoding it: \
         {decoding:.2?}; a client records the first 100 bodies of each operation and \
         status, then one in 50",
        body.len() / 1024
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}
