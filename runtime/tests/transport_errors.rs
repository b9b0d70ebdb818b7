//! Errors that say why: the `Display` of a failed call names its cause (a timeout with its
//! limit, a refused connection, a host that does not resolve, a failed TLS handshake, a
//! connection closed early, a body cut short with its real byte counts), and `source()`
//! keeps the chain. Every server is on 127.0.0.1 and every test is bounded in time.

mod support;

use std::error::Error as _;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use postman_runtime::{CallOptions, Error, RetryPolicy};
use support::{get_user_token, TestClient, TestOAuthApp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Every test ends within this, whatever the network stack does.
const BOUND: Duration = Duration::from_secs(10);

async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(BOUND, future)
        .await
        .expect("the call ends in time")
}

/// A loopback server that plays `connection` on every connection it accepts.
async fn server<F, Fut>(connection: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("bound");
    let connection = Arc::new(connection);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream));
        }
    });
    address
}

/// Reads the request's head (enough of it for these servers).
async fn read_request(stream: &mut TcpStream) {
    let mut buffer = [0u8; 4096];
    let _ = stream.read(&mut buffer).await;
}

fn client(base: String) -> TestClient {
    TestClient::builder()
        .base_url(base)
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback configuration is valid")
}

fn messages(error: &Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut next = error.source();
    while let Some(source) = next {
        messages.push(source.to_string());
        next = source.source();
    }
    messages
}

#[tokio::test]
async fn a_timeout_says_so_with_its_limit() {
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        // Holds the connection without answering.
        tokio::time::sleep(BOUND).await;
        drop(stream);
    })
    .await;
    let client = TestClient::builder()
        .base_url(format!("http://{address}/v2"))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("valid");

    let started = Instant::now();
    let error = bounded(get_user_token(&client, "me"))
        .await
        .expect_err("no answer comes");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        error.to_string(),
        "users::get_user_token: request failed: timed out after 200ms"
    );
    assert!(error.is_timeout());
    let source = error.source().expect("the chain is kept");
    assert!(source.is::<reqwest::Error>(), "{source:?}");

    // A view's own timeout is the one named.
    let quick = client.with_options(CallOptions::new().timeout(Duration::from_millis(150)));
    let error = bounded(get_user_token(&quick, "me"))
        .await
        .expect_err("no answer comes");
    assert_eq!(
        error.to_string(),
        "users::get_user_token: request failed: timed out after 150ms"
    );
}

#[tokio::test]
async fn a_refused_connection_says_so() {
    // A port that was free a moment ago and has no listener now.
    let address = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("bound")
    };
    let error = bounded(get_user_token(
        &client(format!("http://{address}/v2")),
        "me",
    ))
    .await
    .expect_err("nothing listens");
    assert_eq!(
        error.to_string(),
        format!("users::get_user_token: request failed: connection refused by {address}")
    );
    assert!(!error.is_timeout());
    let chain = messages(&error);
    assert!(
        chain.iter().any(|m| m.contains("Connection refused")),
        "{chain:?}"
    );
}

/// A resolver that knows no name, so that resolving needs no network and fails at once.
struct NoNames;

impl reqwest::dns::Resolve for NoNames {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let message = format!("no address for {}", name.as_str());
        Box::pin(async move {
            Err(
                Box::new(std::io::Error::new(std::io::ErrorKind::NotFound, message))
                    as Box<dyn std::error::Error + Send + Sync>,
            )
        })
    }
}

#[tokio::test]
async fn a_host_that_does_not_resolve_is_named() {
    let http = reqwest::Client::builder()
        .dns_resolver(Arc::new(NoNames))
        .no_proxy()
        .build()
        .expect("a client");
    let client = TestClient::builder()
        .base_url("https://nothing.invalid/v2")
        .retry(RetryPolicy::none())
        .http_client(http)
        .build()
        .expect("valid");

    let started = Instant::now();
    let error = bounded(get_user_token(&client, "someone@example.com"))
        .await
        .expect_err("the name does not resolve");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let message = error.to_string();
    assert_eq!(
        message,
        "users::get_user_token: request failed: could not resolve host nothing.invalid: \
         no address for nothing.invalid"
    );
    assert!(
        !message.contains("someone"),
        "no path in the message: {message}"
    );
}

#[tokio::test]
async fn a_failed_tls_handshake_says_so() {
    // Plain HTTP where TLS is expected: the client's handshake gets an HTTP answer.
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
            .await;
        tokio::time::sleep(Duration::from_secs(1)).await;
    })
    .await;
    let error = bounded(get_user_token(
        &client(format!("https://{address}/v2")),
        "me",
    ))
    .await
    .expect_err("no TLS server");
    let message = error.to_string();
    let prefix =
        format!("users::get_user_token: request failed: TLS handshake with {address} failed: ");
    assert!(message.starts_with(&prefix), "{message}");
    assert!(
        message.len() > prefix.len(),
        "the TLS error is named: {message}"
    );
    assert!(error.source().is_some());
}

#[tokio::test]
async fn a_connection_closed_before_the_answer_says_so() {
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        drop(stream);
    })
    .await;
    let error = bounded(get_user_token(
        &client(format!("http://{address}/v2")),
        "me",
    ))
    .await
    .expect_err("no answer");
    assert_eq!(
        error.to_string(),
        "users::get_user_token: request failed: the connection closed before the response arrived"
    );
}

#[tokio::test]
async fn a_body_cut_short_gives_the_real_counts_and_why() {
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1255\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        // Three parts, 600 bytes in all, then the connection closes.
        for part in [b"{\"token\":\"".as_slice(), &[b'a'; 290], &[b'b'; 300]] {
            let _ = stream.write_all(part).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let error = bounded(get_user_token(
        &client(format!("http://{address}/v2")),
        "me",
    ))
    .await
    .expect_err("the body is cut short");
    assert_eq!(
        error.to_string(),
        "users::get_user_token: the response body was cut short: 600 of 1255 bytes arrived \
         (the connection closed)"
    );
    assert_eq!(error.bytes_received(), Some(600));
    assert!(error.source().is_some());
}

#[tokio::test]
async fn a_body_that_stops_coming_says_it_timed_out() {
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"token\":\"ab";
        let _ = stream.write_all(head.as_bytes()).await;
        tokio::time::sleep(BOUND).await;
    })
    .await;
    let client = TestClient::builder()
        .base_url(format!("http://{address}/v2"))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(300))
        .build()
        .expect("valid");
    let error = bounded(get_user_token(&client, "me"))
        .await
        .expect_err("the rest never comes");
    assert_eq!(
        error.to_string(),
        "users::get_user_token: the response body was cut short: 12 of 100 bytes arrived (timed out)"
    );
    assert!(error.is_timeout());
}

#[tokio::test]
async fn a_download_whose_every_byte_arrived_is_not_cut_short() {
    // The first answer stops at 600 of 1255 bytes; the resumed one brings the other 655 but
    // announces 700, then closes. Every byte of the content is there.
    let attempts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = Arc::clone(&attempts);
    let address = server(move |mut stream| {
        let attempt = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        async move {
            read_request(&mut stream).await;
            let (head, body) = if attempt == 0 {
                (
                    "HTTP/1.1 200 OK\r\ncontent-length: 1255\r\netag: \"v1\"\r\n\r\n",
                    vec![b'a'; 600],
                )
            } else {
                (
                    "HTTP/1.1 206 Partial Content\r\ncontent-length: 700\r\n\
                     content-range: bytes 600-1254/1255\r\netag: \"v1\"\r\n\r\n",
                    vec![b'b'; 655],
                )
            };
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let client = TestClient::builder()
        .base_url(format!("http://{address}/v2"))
        .retry(
            RetryPolicy::new()
                .max_attempts(2)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .expect("valid");
    let mut content = Vec::new();
    let done = bounded(
        client
            .download(format!("http://{address}/rec/file"))
            .to_writer(&mut content),
    )
    .await
    .expect("the content is whole");
    assert_eq!((done.size, done.resumed), (1255, 1));
    assert_eq!(&content[..600], &[b'a'; 600][..]);
    assert_eq!(&content[600..], &[b'b'; 655][..]);
}

#[tokio::test]
async fn a_download_cut_short_gives_the_counts_of_the_content() {
    let address = server(|mut stream| async move {
        read_request(&mut stream).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1255\r\n\r\n")
            .await;
        let _ = stream.write_all(&[b'a'; 600]).await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    })
    .await;
    let client = client(format!("http://{address}/v2"));
    let mut content = Vec::new();
    let error = bounded(
        client
            .download(format!("http://{address}/rec/file?access_token=secret"))
            .to_writer(&mut content),
    )
    .await
    .expect_err("the content stops at 600 bytes");
    let message = error.to_string();
    assert_eq!(
        message,
        "download: the response body was cut short: 600 of 1255 bytes arrived (the connection closed)"
    );
    assert!(!message.contains("secret"));
}

#[tokio::test]
async fn an_unreachable_token_endpoint_says_why() {
    let address = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("bound")
    };
    let app = TestOAuthApp::new("client id", "client secret")
        .token_url(format!("http://{address}/oauth/token"));
    let client = TestClient::builder()
        .base_url(format!("http://{address}/v2"))
        .server_to_server_oauth(app, "account")
        .retry(RetryPolicy::none())
        .build()
        .expect("valid");
    let error = bounded(get_user_token(&client, "me"))
        .await
        .expect_err("no token can be had");
    let message = error.to_string();
    assert_eq!(
        message,
        format!(
            "authentication failed: cannot reach the token endpoint: connection refused by {address}"
        )
    );
    assert!(!message.contains("client secret"), "{message}");
    assert!(error.source().is_some());
}
