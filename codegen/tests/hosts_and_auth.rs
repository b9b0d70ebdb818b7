//! Hosts and auth in real-world collections (opt-in, with `POSTMAN_CORPUS`): requests keep
//! the host their collection sends them to (Box's uploads go to `upload.box.com`, Twilio's
//! calls to four hosts), no path holds `//`, each operation's descriptor carries the auth its
//! collection declares, and auth types the runtime does not implement are named in warnings.

use std::path::Path;

use postman_codegen::{Config, Generated};

mod inputs;

use inputs::corpus;

fn generate(path: &Path) -> Generated {
    Config::new()
        .generate_file(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The descriptor of the operation `id` (`module::function`) in generated code.
fn descriptor<'c>(code: &'c str, id: &str) -> &'c str {
    let start = code
        .find(&format!("id: \"{id}\","))
        .unwrap_or_else(|| panic!("no operation {id}"));
    let end = code[start..].find("};").expect("the descriptor ends") + start;
    &code[start..end]
}

fn real(dir: &Path, file: &str) -> Generated {
    generate(&dir.join("real").join(file))
}

#[test]
fn box_uploads_go_to_the_upload_host() {
    let Some(dir) = corpus("box_uploads_go_to_the_upload_host") else {
        return;
    };
    let generated = real(
        &dir,
        "postmanlabs__postman-collection-transformer__examples_v2.0.0_box.json",
    );
    let code = generated.code();
    let upload = descriptor(code, "files::upload_a_file");
    assert!(
        upload.contains("host: Some(\"upload.box.com\")"),
        "{upload}"
    );
    assert!(
        upload.contains("path_template: \"/api/2.0/files/content\""),
        "{upload}"
    );
    assert!(
        code.contains("pub const DEFAULT_BASE_URL: Option<&str> = Some(\"https://api.box.com\");")
    );
    assert!(
        code.contains("name: \"upload.box.com\""),
        "the API declares the host"
    );
    let listed = descriptor(code, "collaborations::get_pending_collaborations");
    assert!(listed.contains("host: None"), "{listed}");
}

#[test]
fn twilio_calls_keep_their_four_hosts_with_basic_auth() {
    let Some(dir) = corpus("twilio_calls_keep_their_four_hosts_with_basic_auth") else {
        return;
    };
    let generated = real(
        &dir,
        "vernig__twilio-postman-collection__local_Twilio.postman_collection.json",
    );
    let code = generated.code();
    assert!(code.contains("Some(\"https://conversations.twilio.com\")"));
    for host in ["api.twilio.com", "api.authy.com", "studio.twilio.com"] {
        assert!(
            code.contains(&format!("host: Some(\"{host}\")")),
            "no operation goes to {host}"
        );
    }
    assert!(code.contains("AuthScheme::Basic"));
    assert!(!code.contains("AuthScheme::Bearer") && !code.contains("AuthScheme::OAuth2"));
}

#[test]
fn no_real_collection_generates_a_double_slash_in_a_path() {
    let Some(dir) = corpus("no_real_collection_generates_a_double_slash_in_a_path") else {
        return;
    };
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .expect("the corpus lists")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let generated = generate(&path);
        for line in generated.code().lines() {
            let line = line.trim();
            let pieces = line
                .strip_prefix("path: &[")
                .or(line.strip_prefix("path_template: "));
            if pieces.is_some_and(|pieces| pieces.contains("//")) {
                found.push(format!("{}: {line}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn auth_the_runtime_does_not_implement_is_named_and_sends_nothing() {
    let Some(dir) = corpus("auth_the_runtime_does_not_implement_is_named_and_sends_nothing") else {
        return;
    };
    let generated = real(
        &dir,
        "kevinswiber__postman2openapi__tests_fixtures_echo.postman.json",
    );
    let warnings: Vec<String> = generated.warnings().iter().map(|w| w.to_string()).collect();
    for kind in ["digest", "hawk", "oauth1"] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("`{kind}` auth"))),
            "{kind}: {warnings:#?}"
        );
        assert!(
            generated
                .code()
                .contains(&format!("AuthScheme::Unsupported(\"{kind}\")")),
            "{kind}"
        );
    }
    assert!(generated
        .code()
        .contains("The API expects `digest` auth here"));
    assert!(generated.code().contains("AuthScheme::Basic"));

    let aws = real(
        &dir,
        "Gabriel-Acevedo__tfm-aws__documentation_AWS_TFM-AWS-LAMBDAS.postman_collection_v2.0.0.json",
    );
    assert!(aws
        .warnings()
        .iter()
        .any(|w| w.to_string().contains("`awsv4` auth")));
    assert!(
        !aws.code().contains("AuthScheme::Any"),
        "every request is signed"
    );
}

#[test]
fn a_collection_api_key_is_declared_with_its_name() {
    let Some(dir) = corpus("a_collection_api_key_is_declared_with_its_name") else {
        return;
    };
    let generated = real(
        &dir,
        "Adyen__adyen-postman__postman_CheckoutService-v71.json",
    );
    assert!(generated
        .code()
        .contains(".api_key(Some(::postman_runtime::codegen::ApiKey::header(\"X-API-Key\")))"));
}
