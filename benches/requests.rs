//! Requests per second of a generated call beside plain reqwest, in the same run.
//!
//! ```text
//! cargo bench --bench requests
//! ```
//!
//! Both send `GET /v2/users/me/token?type=zak&ttl=3600` with the same `Authorization` and
//! `User-Agent` headers to the crate's mock server on 127.0.0.1, and decode the JSON answer:
//! the generated `zoom::users::get_a_user_token` through `zoom::Client` (with its default
//! retry policy, timeout and tracing span), the baseline as a `reqwest::Client::get` and
//! `serde_json::from_slice` into a struct. They run in alternating blocks (and alternate
//! which goes first), so that a slow moment of a busy machine does not favour either; the
//! ratio is of the requests per second over all blocks, and the median of the blocks'
//! ratios is printed beside it.

use std::time::{Duration, Instant};

use serde::Deserialize;
use zoom::users::{get_a_user_token, GetAUserTokenQuery, GetAUserTokenType};

const ROUNDS: usize = 30;
const REQUESTS_PER_BLOCK: usize = 1_000;
const WARM_UP: usize = 500;
const CONCURRENCY: usize = 8;
const TOKEN: &str = "bench-token";

/// What the baseline decodes the answer into.
#[derive(Deserialize)]
struct Token {
    #[allow(dead_code)]
    token: Option<String>,
}

#[derive(Clone)]
enum Caller {
    Generated(zoom::Client),
    Plain(reqwest::Client, String),
}

impl Caller {
    async fn call(&self) {
        match self {
            Caller::Generated(client) => {
                let query = GetAUserTokenQuery {
                    r#type: Some(GetAUserTokenType::Zak),
                    ttl: Some(3600),
                };
                let response = get_a_user_token(client, "me", &query)
                    .await
                    .expect("the mock server answers");
                assert!(response.token.is_some());
            }
            Caller::Plain(http, url) => {
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
                let body = response.bytes().await.expect("a body");
                let token: Token = serde_json::from_slice(&body).expect("JSON");
                assert!(token.token.is_some());
            }
        }
    }

    /// `requests` calls spread over `tasks` tasks; how long they took.
    async fn time(&self, requests: usize, tasks: usize) -> Duration {
        let started = Instant::now();
        let handles: Vec<_> = (0..tasks)
            .map(|task| {
                let caller = self.clone();
                let share = requests / tasks + usize::from(task < requests % tasks);
                tokio::spawn(async move {
                    for _ in 0..share {
                        caller.call().await;
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

/// Blocks of requests, one caller after the other (alternating which goes first), so that
/// both see the same moments of a busy machine.
async fn compare(generated: &Caller, plain: &Caller, tasks: usize) -> Comparison {
    let (mut generated_time, mut plain_time) = (Duration::ZERO, Duration::ZERO);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (g, p) = if round % 2 == 0 {
            let g = generated.time(REQUESTS_PER_BLOCK, tasks).await;
            (g, plain.time(REQUESTS_PER_BLOCK, tasks).await)
        } else {
            let p = plain.time(REQUESTS_PER_BLOCK, tasks).await;
            (generated.time(REQUESTS_PER_BLOCK, tasks).await, p)
        };
        generated_time += g;
        plain_time += p;
        ratios.push(p.as_secs_f64() / g.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let requests = (ROUNDS * REQUESTS_PER_BLOCK) as f64;
    Comparison {
        generated_rps: requests / generated_time.as_secs_f64(),
        plain_rps: requests / plain_time.as_secs_f64(),
        ratio: plain_time.as_secs_f64() / generated_time.as_secs_f64(),
        median_ratio: ratios[ROUNDS / 2],
    }
}

async fn run() {
    let server = zoom::mock::start().await.expect("the mock server starts");
    let base = server.base_url();
    let client = zoom::Client::builder()
        .base_url(&base)
        .bearer_token(TOKEN)
        .build()
        .expect("a loopback client");
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    let generated = Caller::Generated(client);
    let plain = Caller::Plain(http, format!("{base}/users/me/token?type=zak&ttl=3600"));

    for caller in [&generated, &plain] {
        caller.time(WARM_UP, CONCURRENCY).await;
    }

    println!(
        "GET /v2/users/me/token on the loopback mock server: {ROUNDS} rounds of {REQUESTS_PER_BLOCK} requests each"
    );
    println!(
        "{:<14} {:>16} {:>14} {:>7} {:>13}",
        "mode", "generated req/s", "reqwest req/s", "ratio", "median ratio"
    );
    for (mode, tasks) in [
        ("sequential".to_owned(), 1),
        (format!("{CONCURRENCY} concurrent"), CONCURRENCY),
    ] {
        let c = compare(&generated, &plain, tasks).await;
        println!(
            "{mode:<14} {:>16.0} {:>14.0} {:>7.3} {:>13.3}",
            c.generated_rps, c.plain_rps, c.ratio, c.median_ratio
        );
    }
    drop(server);
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}
