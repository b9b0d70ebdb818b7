//! The tokens of where an operation goes and what credentials it takes, in its descriptor
//! and in the API's defaults (its other hosts and its API key).

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, ApiKeyPlace, AuthRequirement, Operation};

/// The descriptor's `host`: the name of the operation's host, `None` for the base URL.
pub(super) fn host(operation: &Operation) -> TokenStream {
    match &operation.access.host {
        Some(host) => {
            let name = &host.name;
            quote!(Some(#name))
        }
        None => quote!(None),
    }
}

/// The descriptor's `auth`.
pub(super) fn auth_scheme(rt: &syn::Path, auth: &AuthRequirement) -> TokenStream {
    match auth {
        AuthRequirement::Unspecified => quote!(#rt::AuthScheme::Any),
        AuthRequirement::NoAuth => quote!(#rt::AuthScheme::NoAuth),
        AuthRequirement::Bearer => quote!(#rt::AuthScheme::Bearer),
        AuthRequirement::OAuth2 => quote!(#rt::AuthScheme::OAuth2),
        AuthRequirement::Basic => quote!(#rt::AuthScheme::Basic),
        AuthRequirement::ApiKey(place) => {
            let key = api_key(rt, place);
            quote!(#rt::AuthScheme::ApiKey(#key))
        }
        AuthRequirement::Unsupported(kind) => quote!(#rt::AuthScheme::Unsupported(#kind)),
    }
}

fn api_key(rt: &syn::Path, place: &ApiKeyPlace) -> TokenStream {
    let name = &place.name;
    if place.in_query {
        quote!(#rt::ApiKey::query(#name))
    } else {
        quote!(#rt::ApiKey::header(#name))
    }
}

/// The calls that add the API's hosts and API key to its defaults; nothing for an API that
/// has neither, so that its defaults read as before.
pub(super) fn defaults(rt: &syn::Path, api: &Api) -> TokenStream {
    let mut calls = TokenStream::new();
    if !api.hosts.is_empty() {
        let hosts = api.hosts.iter().map(|host| {
            let name = &host.name;
            let url = match &host.url {
                Some(url) => quote!(Some(#url)),
                None => quote!(None),
            };
            quote!(#rt::Host { name: #name, url: #url })
        });
        calls.extend(quote!(.hosts(&[#(#hosts),*])));
    }
    if let Some(place) = &api.api_key {
        let key = api_key(rt, place);
        calls.extend(quote!(.api_key(Some(#key))));
    }
    calls
}

/// A sentence on the API's other hosts and its API key, for the `Api` type's docs.
pub(super) fn defaults_doc(api: &Api) -> String {
    let mut doc = String::new();
    if !api.hosts.is_empty() {
        let hosts: Vec<String> = api
            .hosts
            .iter()
            .map(|host| match &host.url {
                Some(url) => format!(
                    "`{}` (`{}`)",
                    host.name.replace('`', "'"),
                    url.replace('`', "'")
                ),
                None => format!(
                    "`{}` (its URL is not in the collection)",
                    host.name.replace('`', "'")
                ),
            })
            .collect();
        doc.push_str(&format!(
            "\n\nSome requests go to other hosts than the base URL: {}. `ClientBuilder::host` sets one by name; a base URL other than the default (a mock) takes the requests of every host not set by name.",
            hosts.join(", ")
        ));
    }
    if let Some(place) = &api.api_key {
        doc.push_str(&format!(
            "\n\nThe API takes a key in the {} `{}`: `ClientBuilder::api_key` puts it there.",
            if place.in_query {
                "query parameter"
            } else {
                "header"
            },
            place.name.replace('`', "'")
        ));
    }
    doc
}
