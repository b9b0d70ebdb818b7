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
        let (query_struct, query_param, query_arg) = match types.query {
            Some(id) => {
                let ty = format_ident!("{}", self.types.name(id));
                (self.type_def(id), quote!(query: &'a #ty,), quote!(query))
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
            ResponseType::ByStatus(id) => {
                let name = format_ident!("{}", self.types.name(*id));
                let arms = self
                    .types
                    .status_variants(&types.response)
                    .iter()
                    .map(|variant| {
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
        let status_enum = match types.response {
            ResponseType::ByStatus(id) => self.type_def(id),
            _ => TokenStream::new(),
        };
        // One argument per place in the path: a parameter used twice fills two.
        let slot_args: Vec<Ident> = operation
            .path_slots()
            .map(|param| ident(&param.rust_name))
            .collect();
        let descriptor = self.descriptor(operation);
        let (body_struct, body_param, body_arg) = self.body(types);
        let stream = types
            .pagination
            .as_ref()
            .map(|pagination| self.stream_fn(operation, types, pagination));
        let arguments = 1
            + path_args.len()
            + usize::from(types.query.is_some())
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
                #(#path_args: &'a (impl #rt::PathArg + ?Sized),)*
                #query_param
                #body_param
            ) -> impl ::core::future::Future<
                Output = Result<#rt::Response<#output>, #rt::Error>,
            > + 'a {
                const OPERATION: #rt::Operation = #descriptor;
                #rt::call(client, &OPERATION, [#(#rt::PathArg::path_arg(#slot_args)),*], #query_arg, #body_arg, #finish)
            }
            #stream
        })
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
        let (Some(query), ResponseType::Json(page)) = (types.query, &types.response) else {
            return TokenStream::new();
        };
        let query_ty = format_ident!("{}", self.types.name(query));
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
            "Every item of [`{}`], page after page: the `{}` of each page, fetched as the stream is read, {how}.\n\nIt takes the query as [`{}`] does (the first page's); take items with `.next().await`, or all of them with `.collect().await`.",
            operation.fn_name, pagination.items_field, operation.fn_name,
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
                #(#path_args: &'a (impl #rt::PathArg + ?Sized),)*
                query: &#query_ty,
            ) -> #rt::Pages<'a, #item_ty> {
                #rt::Pages::new(
                    query.clone(),
                    move |query: #query_ty| async move { self::#function(client, #(#path_args,)* &query).await },
                    |query: &mut #query_ty, cursor: #cursor_ty| #advance,
                    |page: #page_ty| (page.#items.unwrap_or_default(), #next),
                )
            }
        }
    }

    /// The body's struct (for forms), its parameter, and the expression that encodes it.
    pub(super) fn body(&self, types: &OperationTypes) -> (TokenStream, TokenStream, TokenStream) {
        let rt = &self.rt;
        let Some(body) = &types.body else {
            return (
                TokenStream::new(),
                TokenStream::new(),
                quote!(#rt::Body::empty()),
            );
        };
        match body {
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
            BodyType::Form(id) => {
                let ty = format_ident!("{}", self.types.name(*id));
                (
                    self.type_def(*id),
                    quote!(body: &#ty,),
                    quote!(#rt::Body::form(body)),
                )
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
        }
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
                    .push_str(&PathPart::encode_literal(text)),
                PathPart::Param(_) => pieces.push(String::new()),
            }
        }
    }
    pieces
}
