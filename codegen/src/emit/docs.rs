//! The doc comment of each generated function: what the collection says of the request,
//! its parameters and body, scopes and rate limit, an example response, and the errors it
//! documents.

use super::*;

pub(super) fn operation_doc(operation: &Operation, types: &OperationTypes, all: &Types) -> String {
    let mut doc = String::new();
    let title = if operation.name.trim().is_empty() {
        operation.fn_name.clone()
    } else {
        operation.name.trim().to_owned()
    };
    let _ = writeln!(doc, "{}", rustdoc::markdown_line(&title));
    if !operation.docs.text.is_empty() {
        let _ = write!(doc, "\n{}\n", rustdoc::markdown(&operation.docs.text));
    }
    let _ = write!(
        doc,
        "\n`{} {}`\n",
        operation.method,
        operation.path_display().replace('`', "'")
    );
    if let Some(access) = operation.access.doc() {
        let _ = write!(doc, "\n{access}\n");
    }

    let mut params = String::new();
    for param in &operation.path_params {
        let text = param
            .description
            .as_deref()
            .map(rustdoc::markdown_line)
            .unwrap_or_default();
        let values = types
            .path_enums
            .iter()
            .find(|(id, _)| *id == param.id)
            .map(|(_, values)| {
                format!(
                    " The values it takes are those of [`{}`] (`as_str()` gives each).",
                    all.name(*values)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(params, "- `{}`: {}{values}", param.rust_name, text.trim());
    }
    if let Some(query) = types.query {
        let _ = writeln!(
            params,
            "- `query`: the query parameters, see [`{}`].",
            all.name(query)
        );
    }
    if let Some(body) = &types.body {
        let _ = writeln!(params, "{}", body_param_doc(operation, body, all));
    }
    if !params.is_empty() {
        let _ = write!(doc, "\n# Parameters\n\n{params}");
    }
    if !operation.docs.scopes.is_empty() {
        let scopes: Vec<String> = operation
            .docs
            .scopes
            .iter()
            .map(|s| format!("`{}`", s.replace('`', "")))
            .collect();
        let _ = write!(doc, "\n# Scopes\n\n{}\n", scopes.join(", "));
    }
    if let Some(label) = &operation.docs.rate_limit {
        let _ = write!(
            doc,
            "\n# Rate limit\n\nRate limit label: `{}`.\n",
            label.replace('`', "")
        );
    }
    if let Some(example) = example_doc(operation) {
        let _ = write!(doc, "\n# Example response\n\n{example}");
    }
    let errors = errors_doc(operation);
    if !errors.is_empty() {
        let _ = write!(
            doc,
            "\n# Errors\n\nA response outside 2xx is returned as an API error carrying its status, headers and body. The collection documents:\n\n{errors}"
        );
    }
    doc
}

/// The longest example shown in full; longer ones are cut, so that docs stay readable.
pub(super) const EXAMPLE_LINES: usize = 40;

/// The first successful example with a body, as a fenced block (JSON pretty-printed).
pub(super) fn example_doc(operation: &Operation) -> Option<String> {
    let example = operation
        .responses
        .iter()
        .filter(|r| r.is_success())
        .find(|r| r.body.as_deref().is_some_and(|b| !b.trim().is_empty()))?;
    let (language, text) = match example.decoded_body() {
        ExampleBody::Json(value) => ("json", serde_json::to_string_pretty(&value).ok()?),
        ExampleBody::Text(text) => ("text", text),
        ExampleBody::Empty => return None,
    };
    let lines: Vec<&str> = text.lines().collect();
    // A fence inside the example would end the block early.
    let mut block = lines[..lines.len().min(EXAMPLE_LINES)]
        .join("\n")
        .replace("```", "'''");
    if lines.len() > EXAMPLE_LINES {
        let _ = write!(block, "\n... ({} more lines)", lines.len() - EXAMPLE_LINES);
    }
    Some(format!(
        "`{}`:\n\n```{language}\n{block}\n```\n",
        example.status
    ))
}

pub(super) fn body_param_doc(operation: &Operation, body: &BodyType, types: &Types) -> String {
    match body {
        BodyType::Json(RustType::Named(id)) => {
            let name = types.name(*id);
            let path = types.path_from(*id, operation.module.as_deref());
            let name = if path == name {
                format!("[`{name}`]")
            } else {
                format!("[`{name}`]({path})")
            };
            let note = match &operation.body {
                Some(RequestBody::Json {
                    from_form_fields: true,
                    ..
                }) => " The collection writes it as form fields holding JSON; it is sent as JSON.",
                _ => "",
            };
            format!("- `body`: the JSON body, see {name}.{note}")
        }
        BodyType::Json(_) => "- `body`: the JSON body.".to_owned(),
        BodyType::Form(form) => {
            format!("- `body`: the form fields, sent as `application/x-www-form-urlencoded`; see [`{}`].", types.name(*form))
        }
        BodyType::Multipart => {
            let mut doc =
                "- `body`: the `multipart/form-data` parts. The collection lists:".to_owned();
            if let Some(RequestBody::Multipart { parts }) = &operation.body {
                for part in parts {
                    let kind = if part.is_file { "file" } else { "text" };
                    let text = part
                        .field
                        .description
                        .as_deref()
                        .map(rustdoc::markdown_line)
                        .unwrap_or_default();
                    let _ = write!(
                        doc,
                        "\n  - `{}` ({kind}): {}",
                        part.field.name.replace('`', ""),
                        text
                    );
                }
            }
            doc
        }
        BodyType::Text { content_type } => format!("- `body`: the body, sent as `{content_type}`."),
        BodyType::Binary => {
            "- `body`: the bytes to send, as `application/octet-stream`.".to_owned()
        }
        BodyType::GraphQl { .. } => {
            "- `variables`: the GraphQL variables; the query is the collection's.".to_owned()
        }
    }
}

pub(super) fn errors_doc(operation: &Operation) -> String {
    let mut out = String::new();
    for response in operation.responses.iter().filter(|r| r.status >= 400) {
        let status = response.status;
        if response.errors.is_empty() {
            let _ = writeln!(out, "- `{status}`");
        }
        for error in &response.errors {
            let message = rustdoc::markdown_line(&error.message);
            let _ = match error.code {
                Some(code) => writeln!(out, "- `{status}`, error code `{code}`: {message}"),
                None => writeln!(out, "- `{status}`: {message}"),
            };
        }
    }
    out
}
