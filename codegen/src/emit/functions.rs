//! The functions of the bindings: one per operation (its signature, descriptor, body
//! and decoding), the stream of a paginated one, the enum of a response with several
//! statuses, and the query or form struct it takes.

use super::*;

impl Context<'_> {
    pub(super) fn operation(
        &self,
        operation: &Operation,
        types: &OperationTypes,
    ) -> Result<TokenStream, Error> {
        let rt = &self.rt;
        let client_ty = &self.client;
        let name = ident(&operation.fn_name);
        let doc = doc_attrs(&operation_doc(operation, types, self.types));
        let deprecated = operation.docs.deprecated.then(|| quote!(#[deprecated]));

        let path_args: Vec<Ident> = operation
            .path_params
            .iter()
            .map(|p| ident(&p.rust_name))
            .collect();
        let (query_struct, query_param, query_arg) = match &types.query_struct {
            Some(struct_name) => {
                let ty = format_ident!("{}", struct_name);
                (
                    self.query_struct(operation, struct_name, &operation.query)?,
                    quote!(query: &'a #ty,),
                    quote!(query),
                )
            }
            None => (TokenStream::new(), TokenStream::new(), quote!(&())),
        };
        let (output, finish) = match &types.response {
            ResponseType::Json(ty) => {
                let ty = self.rust_type(ty);
                (ty, quote!(#rt::RawResponse::json))
            }
            ResponseType::OptionalJson(ty) => {
                let ty = self.rust_type(ty);
                (quote!(Option<#ty>), quote!(#rt::RawResponse::json))
            }
            ResponseType::Empty => (quote!(()), quote!(#rt::RawResponse::empty)),
            ResponseType::Text => (quote!(String), quote!(#rt::RawResponse::text)),
            ResponseType::ByStatus {
                enum_name,
                variants,
            } => {
                let name = format_ident!("{}", enum_name);
                let arms = variants.iter().map(|variant| {
                    let status = variant.status;
                    let variant = format_ident!("{}", variant.name);
                    quote!(#status => #rt::serde_json::from_slice(body).map(#name::#variant),)
                });
                (
                    quote!(#name),
                    quote!(|response: #rt::RawResponse| response.json_by_status(|status, body| match status {
                        #(#arms)*
                        _ => #rt::serde_json::from_slice(body).map(#name::Other),
                    })),
                )
            }
        };
        let status_enum = self.status_enum(operation, &types.response);
        // One argument per place in the path: a parameter used twice fills two.
        let slot_args: Vec<Ident> = operation
            .path_slots()
            .map(|param| ident(&param.rust_name))
            .collect();
        let descriptor = self.descriptor(operation);
        let (body_struct, body_param, body_arg) = self.body(operation, types)?;
        let stream = types
            .pagination
            .as_ref()
            .map(|pagination| self.stream_fn(operation, types, pagination));
        let arguments = 1
            + path_args.len()
            + usize::from(types.query_struct.is_some())
            + usize::from(types.body.is_some());
        let many = many_arguments(arguments);
        Ok(quote! {
            #query_struct
            #body_struct
            #status_enum
            #doc
            #deprecated
            #many
            #[inline]
            pub fn #name<'a>(
                client: &'a #client_ty,
                #(#path_args: &'a str,)*
                #query_param
                #body_param
            ) -> impl ::core::future::Future<
                Output = Result<#rt::Response<#output>, #rt::Error>,
            > + 'a {
                const OPERATION: #rt::Operation = #descriptor;
                #rt::call(client, &OPERATION, [#(#slot_args),*], #query_arg, #body_arg, #finish)
            }
            #stream
        })
    }

    /// The enum of a response typed per status, with its encoding (each variant as its
    /// body).
    pub(super) fn status_enum(
        &self,
        operation: &Operation,
        response: &ResponseType,
    ) -> TokenStream {
        let ResponseType::ByStatus {
            enum_name,
            variants,
        } = response
        else {
            return TokenStream::new();
        };
        let rt = &self.rt;
        let name = format_ident!("{}", enum_name);
        let doc = doc_attrs(&format!(
            "The successful responses of [`{}`], whose bodies differ by status.",
            operation.fn_name
        ));
        let variant_defs = variants.iter().map(|variant| {
            let doc = doc_attrs(&format!("A `{}` response.", variant.status));
            let variant_name = format_ident!("{}", variant.name);
            let ty = self.rust_type(&variant.ty);
            quote!(#doc #variant_name(#ty),)
        });
        let names: Vec<Ident> = variants
            .iter()
            .map(|v| format_ident!("{}", v.name))
            .collect();
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#variant_defs)*
                /// Another successful status, which the collection does not show.
                Other(#rt::serde_json::Value),
            }

            impl #rt::serde::Serialize for #name {
                fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(Self::#names(body) => body.serialize(serializer),)*
                        Self::Other(body) => body.serialize(serializer),
                    }
                }
            }
        }
    }

    /// The stream over every item of a paginated operation; the runtime walks the pages.
    pub(super) fn stream_fn(
        &self,
        operation: &Operation,
        types: &OperationTypes,
        pagination: &Pagination,
    ) -> TokenStream {
        let rt = &self.rt;
        let client_ty = &self.client;
        let name = ident(&pagination.fn_name);
        let function = ident(&operation.fn_name);
        let path_args: Vec<Ident> = operation
            .path_params
            .iter()
            .map(|p| ident(&p.rust_name))
            .collect();
        let (Some(query_struct), ResponseType::Json(page)) = (&types.query_struct, &types.response)
        else {
            return TokenStream::new();
        };
        let query_ty = format_ident!("{}", query_struct);
        let page_ty = self.rust_type(page);
        let item_ty = self.rust_type(&pagination.item_type);
        let items = ident(&pagination.items_field);
        let set = |field: &QueryField, value: TokenStream| {
            let name = ident(&field.rust_name);
            if field.optional {
                quote!(query.#name = Some(#value))
            } else {
                quote!(query.#name = #value)
            }
        };
        let (advance, cursor_ty, next, how) = match &pagination.style {
            PageStyle::Token {
                query_field,
                response_field,
            } => {
                let token = ident(response_field);
                (
                    set(query_field, quote!(cursor)),
                    quote!(String),
                    quote!(#rt::next_token(page.#token)),
                    "passing each page's `next_page_token` back until it is empty",
                )
            }
            PageStyle::Number {
                query_field,
                number_field,
                count_field,
            } => {
                let number = ident(number_field);
                let count = ident(count_field);
                (
                    set(query_field, quote!(cursor)),
                    quote!(i64),
                    quote!(#rt::next_page_number(page.#number, page.#count)),
                    "counting `page_number` up to `page_count`",
                )
            }
        };
        let doc = doc_attrs(&format!(
            "Every item of [`{}`], page after page: the `{}` of each page, fetched as the stream is read, {how}.\n\nTake items with `.next().await`, or all of them with `.collect().await`.",
            operation.fn_name, pagination.items_field,
        ));
        let deprecated = operation
            .docs
            .deprecated
            .then(|| quote!(#[deprecated] #[allow(deprecated)]));
        let many = many_arguments(2 + path_args.len());
        quote! {
            #doc
            #deprecated
            #many
            #[inline]
            pub fn #name<'a>(
                client: &'a #client_ty,
                #(#path_args: &'a str,)*
                query: #query_ty,
            ) -> #rt::Pages<'a, #item_ty> {
                #rt::Pages::new(
                    query,
                    move |query: #query_ty| async move { self::#function(client, #(#path_args,)* &query).await },
                    |query: &mut #query_ty, cursor: #cursor_ty| #advance,
                    |page: #page_ty| (page.#items.unwrap_or_default(), #next),
                )
            }
        }
    }

    /// The body's struct (for forms), its parameter, and the expression that encodes it.
    pub(super) fn body(
        &self,
        operation: &Operation,
        types: &OperationTypes,
    ) -> Result<(TokenStream, TokenStream, TokenStream), Error> {
        let rt = &self.rt;
        let Some(body) = &types.body else {
            return Ok((
                TokenStream::new(),
                TokenStream::new(),
                quote!(#rt::Body::empty()),
            ));
        };
        Ok(match body {
            BodyType::Json(ty) => {
                // Borrowed as a slice or `str`, as callers expect (and clippy asks).
                let param = match ty {
                    RustType::Vec(inner) => {
                        let inner = self.rust_type(inner);
                        quote!(body: &[#inner],)
                    }
                    RustType::String => quote!(body: &str,),
                    _ => {
                        let ty = self.rust_type(ty);
                        quote!(body: &#ty,)
                    }
                };
                (TokenStream::new(), param, quote!(#rt::Body::json(body)))
            }
            BodyType::Form { struct_name } => {
                let Some(RequestBody::UrlEncoded { fields }) = &operation.body else {
                    return Err(internal(
                        operation,
                        "a form type for a body that is no form",
                    ));
                };
                let form = self.query_struct(operation, struct_name, fields)?;
                let ty = format_ident!("{}", struct_name);
                (form, quote!(body: &#ty,), quote!(#rt::Body::form(body)))
            }
            BodyType::Multipart => (
                TokenStream::new(),
                quote!(body: #rt::Multipart,),
                quote!(#rt::Body::multipart(body)),
            ),
            BodyType::Text { content_type } => (
                TokenStream::new(),
                quote!(body: &str,),
                quote!(#rt::Body::bytes(#content_type, body)),
            ),
            BodyType::Binary => (
                TokenStream::new(),
                quote!(body: Vec<u8>,),
                quote!(#rt::Body::bytes("application/octet-stream", body)),
            ),
            BodyType::GraphQl { query } => (
                TokenStream::new(),
                quote!(variables: &#rt::serde_json::Value,),
                quote!(#rt::Body::graphql(#query, variables)),
            ),
        })
    }

    pub(super) fn descriptor(&self, operation: &Operation) -> TokenStream {
        let rt = &self.rt;
        let id = operation.qualified_name();
        let method = operation.method.as_str();
        let template = operation.path_display();
        let pieces = path_pieces(operation);
        let headers = operation.headers.iter().map(|(k, v)| quote!((#k, #v)));
        let rate_limit = match &operation.docs.rate_limit {
            Some(label) => quote!(Some(#label)),
            None => quote!(None),
        };
        let host = super::access::host(operation);
        let auth = super::access::auth_scheme(rt, &operation.access.auth);
        quote! {
            #rt::Operation {
                id: #id,
                method: #method,
                path_template: #template,
                path: &[#(#pieces),*],
                headers: &[#(#headers),*],
                rate_limit: #rate_limit,
                host: #host,
                auth: #auth,
            }
        }
    }

    /// The struct of a query's parameters, or of a form's fields.
    pub(super) fn query_struct(
        &self,
        operation: &Operation,
        name: &str,
        params: &[QueryParameter],
    ) -> Result<TokenStream, Error> {
        let serde_crate = &self.serde_crate;
        let name = format_ident!("{}", name);
        let all_optional = params.iter().all(QueryParameter::optional);
        let default = all_optional.then(|| quote!(Default,));
        let mut fields = Vec::with_capacity(params.len());
        for query in params {
            let ty = self
                .types
                .param(query.param.id)
                .ok_or_else(|| internal(operation, "a parameter has no inferred type"))?;
            let field = ident(&query.param.rust_name);
            let rename = serde_rename(&query.param.name, &query.param.rust_name);
            let mut doc = query
                .param
                .description
                .as_deref()
                .map(rustdoc::markdown)
                .unwrap_or_default();
            if let Some(example) = query.param.examples.first() {
                let _ = write!(doc, "\n\nExample: `{}`", example.replace('`', "'"));
            }
            if query.disabled {
                doc.push_str("\n\nDisabled in the collection: sent only when given.");
            }
            let doc = doc_attrs(doc.trim());
            let ty = self.rust_type(ty);
            let ty = if query.optional() {
                quote!(Option<#ty>)
            } else {
                ty
            };
            fields.push(quote! {
                #doc
                #rename
                pub #field: #ty,
            });
        }
        let doc =
            doc_attrs("The query parameters of the request. Fields left as `None` are not sent.");
        let rt = &self.rt;
        Ok(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default #rt::serde::Serialize)]
            #[serde(crate = #serde_crate)]
            pub struct #name {
                #(#fields)*
            }
        })
    }
}

/// A request with many path parameters takes them all as arguments, as the API does.
pub(super) fn many_arguments(count: usize) -> TokenStream {
    if count > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    }
}

/// The literal text between path parameters, percent-encoded where a path needs it.
fn path_pieces(operation: &Operation) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for segment in &operation.path.segments {
        pieces.last_mut().expect("pieces is never empty").push('/');
        for part in segment {
            match part {
                PathPart::Literal(text) => pieces
                    .last_mut()
                    .expect("pieces is never empty")
                    .push_str(&encode_literal(text)),
                PathPart::Param(_) => pieces.push(String::new()),
            }
        }
    }
    pieces
}

/// What may stand in a path as it is (RFC 3986 `pchar`, and `%` for text the collection
/// encoded already); the rest is percent-encoded. `/` stays too: a collection variable
/// substituted into the path may hold several segments.
pub(super) const PATH_LITERAL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'%')
    .remove(b'/');

pub(super) fn encode_literal(text: &str) -> String {
    utf8_percent_encode(text, PATH_LITERAL).to_string()
}
