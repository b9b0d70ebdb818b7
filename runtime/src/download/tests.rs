use super::*;

fn headers(name: http::header::HeaderName, value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(name, HeaderValue::from_str(value).unwrap());
    headers
}

#[test]
fn content_ranges_are_read_and_nonsense_refused() {
    let range = |value| content_range(&headers(CONTENT_RANGE, value));
    assert_eq!(range("bytes 100-199/200"), Some((100, Some(200))));
    assert_eq!(range("bytes 0-0/1"), Some((0, Some(1))));
    assert_eq!(range("bytes 5-9/*"), Some((5, None)));
    assert_eq!(range("bytes 9-5/10"), None);
    assert_eq!(range("bytes 0-99/50"), None);
    assert_eq!(range("bytes */200"), None);
    assert_eq!(range("items 0-1/2"), None);
    assert_eq!(range("bytes 0-18446744073709551616/1"), None);
    assert_eq!(content_range(&HeaderMap::new()), None);
}

#[test]
fn only_strong_etags_and_dates_are_validators() {
    assert_eq!(
        validator(&headers(ETAG, "\"abc\"")),
        Some(HeaderValue::from_static("\"abc\""))
    );
    assert_eq!(validator(&headers(ETAG, "W/\"abc\"")), None);
    let date = "Wed, 21 Oct 2015 07:28:00 GMT";
    assert_eq!(
        validator(&headers(LAST_MODIFIED, date)),
        Some(HeaderValue::from_static(date))
    );
}

#[test]
fn ranges_are_open_ended() {
    assert_eq!(HeaderValue::from(ByteRange(1234)), "bytes=1234-");
}

#[test]
fn the_part_file_sits_beside_the_target_and_goes_away() {
    let directory = std::env::temp_dir().join(format!("part-file-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let target = directory.join("meeting.mp4");
    let part = PartFile::new(&target);
    assert_eq!(part.path, directory.join("meeting.mp4.part"));
    std::fs::write(&part.path, b"half").unwrap();
    drop(part);
    assert!(!directory.join("meeting.mp4.part").exists());
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn downloads_can_be_spawned() {
    fn is_send<T: Send>(_: &T) {}
    let client = Client::<crate::api::AnyApi>::builder()
        .base_url("https://api.example.com")
        .build()
        .unwrap();
    let mut sink = Vec::new();
    let download = client
        .download("https://files.example.com/a")
        .progress(|_| {});
    let future = download.to_writer(&mut sink);
    is_send(&future);
    let future = client.download("https://files.example.com/a").to_file("x");
    is_send(&future);
}

#[test]
fn urls_that_would_leak_credentials_are_refused_without_echoing_them() {
    let client = Client::<crate::api::AnyApi>::builder()
        .base_url("https://api.example.com")
        .bearer_token("t")
        .build()
        .unwrap();
    let refused = |url: &str| {
        client
            .download(url)
            .checked_url()
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(refused("https://files.example.com/a?access_token=x"), None);
    assert_eq!(refused("http://127.0.0.1:9/a"), None);
    for url in [
        "http://files.example.com/a?access_token=secret-token",
        "https://me:secret-token@files.example.com/a",
        "ftp://files.example.com/secret-token",
        "not a url secret-token",
    ] {
        let error = refused(url).expect("refused");
        assert!(!error.contains("secret-token"), "{error}");
    }
    assert!(client
        .download("http://files.example.com/a")
        .without_credentials()
        .checked_url()
        .is_ok());
}
