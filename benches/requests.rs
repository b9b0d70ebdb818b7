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
//! `serde_json::from_slice` into a struct. Rounds alternate which one goes first, and the
//! median of the rounds is reported, so that a slow moment of the machine does not favour
//! either.

use std::time::{Duration, Instant};

use serde::Deserialize;
use zoom::users::{get_a_user_token, GetAUserTokenQuery, GetAUserTokenType};

const ROUNDS: usize = 9;
const REQUESTS_PER_ROUND: usize = 2_000;
const WARM_UP: usize = 300;
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
                    .header("user-agent", zoom::DEFAULT_USER_AGENT)
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

    /// `requests` calls spread over `tasks` tasks; the requests per second.
    async fn measure(&self, requests: usize, tasks: usize) -> f64 {
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
        requests as f64 / started.elapsed().as_secs_f64()
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

async fn compare(generated: &Caller, plain: &Caller, tasks: usize) -> (f64, f64, f64) {
    let (mut generated_rps, mut plain_rps, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (g, p) = if round % 2 == 0 {
            let g = generated.measure(REQUESTS_PER_ROUND, tasks).await;
            (g, plain.measure(REQUESTS_PER_ROUND, tasks).await)
        } else {
            let p = plain.measure(REQUESTS_PER_ROUND, tasks).await;
            (generated.measure(REQUESTS_PER_ROUND, tasks).await, p)
        };
        generated_rps.push(g);
        plain_rps.push(p);
        ratios.push(g / p);
    }
    (median(generated_rps), median(plain_rps), median(ratios))
}

async fn run() {
    let server = zoom::mock::MockServer::start()
        .await
        .expect("the mock server starts");
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
        caller.measure(WARM_UP, CONCURRENCY).await;
    }

    println!(
        "GET /v2/users/me/token on the loopback mock server: median of {ROUNDS} rounds of {REQUESTS_PER_ROUND} requests"
    );
    println!(
        "{:<16} {:>16} {:>16} {:>8}",
        "mode", "generated req/s", "reqwest req/s", "ratio"
    );
    for (mode, tasks) in [
        ("sequential".to_owned(), 1),
        (format!("{CONCURRENCY} concurrent"), CONCURRENCY),
    ] {
        let (g, p, ratio) = compare(&generated, &plain, tasks).await;
        println!("{mode:<16} {g:>16.0} {p:>16.0} {ratio:>8.3}");
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
