//! The recording files of the zoom mock: the mock serves each file its examples link to,
//! with ranges, to a download with the client's credentials. How downloads behave with
//! faults is tested in the runtime's own tests.

#[tokio::test]
async fn the_mock_serves_the_recording_files_of_its_examples() {
    let server = zoom::mock::start().await.expect("the mock starts");
    let client = zoom::Client::builder()
        .base_url(server.base_url())
        .bearer_token("mock")
        .build()
        .expect("valid");
    let page = zoom::users::list_all_recordings(&client, "me", &Default::default())
        .await
        .expect("the example is served");
    let files: Vec<_> = page
        .meetings
        .iter()
        .flatten()
        .flat_map(|meeting| meeting.recording_files.iter().flatten())
        .filter(|file| file.file_type.as_deref() == Some("CHAT"))
        .collect();
    assert_eq!(files.len(), 2);

    for file in files {
        let url = server
            .url_for(file.download_url.as_deref().expect("a download URL"))
            .expect("an absolute URL");
        let size = file.file_size.expect("a size") as u64;
        let mut whole = Vec::new();
        let done = client
            .download(&url)
            .expected_size(size)
            .to_writer(&mut whole)
            .await
            .expect("the mock serves the file");
        assert_eq!((done.size, whole.len() as u64), (size, size));
        let again = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
        assert_eq!(again, whole, "the same bytes every time");

        let part = reqwest::Client::new()
            .get(&url)
            .header("range", "bytes=1000-")
            .send()
            .await
            .unwrap();
        assert_eq!(part.status(), 206);
        assert_eq!(
            part.headers()["content-range"],
            format!("bytes 1000-{}/{size}", size - 1).as_str()
        );
        assert_eq!(part.bytes().await.unwrap(), whole[1000..]);
    }
    let received = server.received_requests();
    let download = received
        .iter()
        .find(|r| r.path.starts_with("/rec/download/"))
        .expect("recorded");
    assert_eq!(download.headers["authorization"], "Bearer mock");
}
