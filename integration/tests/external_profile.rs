//! A profile written outside the generator, as a user's build script would write one for
//! their vendor, and handed to `Config::profile`: its conventions (where descriptions list
//! permissions, how lists page, what its error bodies hold) shape the generated code just
//! as a built-in profile's do.

use postman_codegen::profile::{text, Description, DocumentedError, PageConvention};
use postman_codegen::{Config, Profile};

/// An invented vendor: descriptions end in a `Permissions:` line with code spans, lists
/// page with a `cursor` query parameter and a `next_cursor` field, and error examples are
/// named `E<code> <message>`.
#[derive(Debug)]
struct Acme;

impl Profile for Acme {
    fn name(&self) -> &str {
        "acme"
    }

    fn describe(&self, description: &str) -> Description {
        let (prose, permissions) = match description.split_once("Permissions:") {
            Some((prose, permissions)) => (prose, text::code_spans(permissions)),
            None => (description, Vec::new()),
        };
        let mut described = text::prose(prose);
        described.scopes = permissions;
        described
    }

    fn documented_errors(&self, name: Option<&str>, _body: Option<&str>) -> Vec<DocumentedError> {
        let name = name.unwrap_or_default();
        let Some((code, message)) = name.strip_prefix('E').and_then(|rest| rest.split_once(' '))
        else {
            return text::uncoded_error(name);
        };
        vec![DocumentedError {
            code: code.parse().ok(),
            message: text::one_line(message),
        }]
    }

    fn pagination(&self) -> &[PageConvention] {
        &[PageConvention::Token {
            query: "cursor",
            response: "next_cursor",
        }]
    }
}

const COLLECTION: &str = r#"{
  "info": {"name": "Acme", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "variable": [{"key": "baseUrl", "value": "https://api.acme.test/v1"}],
  "item": [{
    "name": "widgets",
    "item": [{
      "name": "List widgets",
      "request": {
        "method": "GET",
        "description": "Every widget of the workshop.\n\nPermissions: `widgets:read`",
        "url": {
          "raw": "{{baseUrl}}/widgets?cursor=",
          "host": ["{{baseUrl}}"],
          "path": ["widgets"],
          "query": [{"key": "cursor", "value": "", "description": "Where the previous page ended."}]
        }
      },
      "response": [
        {"name": "OK", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
         "body": "{\"widgets\": [{\"id\": 7, \"label\": \"sprocket\"}], \"next_cursor\": \"abc\"}"},
        {"name": "E4031 The workshop is closed.", "code": 403, "header": [{"key": "Content-Type", "value": "application/json"}],
         "body": "{\"error\": \"closed\"}"}
      ]
    }]
  }]
}"#;

#[test]
fn a_profile_from_another_crate_shapes_the_bindings() {
    let generated = Config::new()
        .profile(Acme)
        .generate(COLLECTION)
        .expect("the collection generates");
    assert_eq!(generated.profile(), "acme");
    let code = generated.code();
    // The stream walks the pages with the profile's cursor fields.
    assert!(code.contains("pub fn list_widgets_stream"), "{code}");
    assert!(
        code.contains("query.cursor = Some(cursor)"),
        "the stream sets the cursor: {code}"
    );
    // The permissions line became the function's scopes, out of its prose.
    assert!(code.contains("/// # Scopes"), "{code}");
    assert!(code.contains("`widgets:read`"), "{code}");
    assert!(!code.contains("Permissions:"), "{code}");
    // The error example's name was read with the profile's convention.
    assert!(
        code.contains("`403`, error code `4031`: The workshop is closed."),
        "{code}"
    );
}

#[test]
fn without_the_profile_the_same_collection_reads_generically() {
    let generated = Config::new()
        .generate(COLLECTION)
        .expect("the collection generates");
    assert_eq!(generated.profile(), "generic");
    assert!(!generated.code().contains("list_widgets_stream"));
    assert!(!generated.code().contains("error code `4031`"));
}
