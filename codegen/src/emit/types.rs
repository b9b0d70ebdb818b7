//! The structs and enums of the type arena: response and body structs with their extra
//! fields, string and numeric enums, query and form structs, and the enums of responses
//! typed per status.

use super::*;

impl Context<'_> {
    /// A struct or enum the operation defines.
    pub(super) fn type_def(&self, id: TypeId) -> TokenStream {
        let Some(def) = self.types.def(id) else {
            return TokenStream::new();
        };
        match &def.kind {
            TypeKind::Struct(fields) => self.response_struct(&def.name, fields),
            TypeKind::Enum(variants) => self.enum_def(&def.name, variants),
            TypeKind::Params(params) => self.params_struct(&def.name, params),
            TypeKind::ByStatus(statuses) => self.status_enum(&def.name, statuses),
            TypeKind::Alias { target, doc } => {
                let name = format_ident!("{}", def.name);
                let doc = if self.types.def(*target).map(|t| &t.module) == Some(&def.module) {
                    let target = self.types.name(*target);
                    doc_attrs(&format!("{doc}\n\nThe same shape as [`{target}`]."))
                } else {
                    doc_attrs(doc)
                };
                let target =
                    named_tokens(self.types, *target, &Seen::Module(def.module.as_deref()));
                quote! {
                    #doc
                    pub type #name = #target;
                }
            }
        }
    }

    /// A response or body struct. Its serde impls come from the runtime's `__object_impls`,
    /// which decode it in one pass and keep unknown and mistyped fields as JSON.
    pub(super) fn response_struct(&self, name: &str, def: &StructDef) -> TokenStream {
        let rt = &self.rt;
        let name = format_ident!("{}", name);
        let doc = doc_attrs(&def.doc);
        let extra = ident(&def.extra_field);
        let fields = def.fields.iter().map(|field| self.response_field(field));
        let keys = def.fields.iter().map(|field| {
            let name = ident(&field.rust_name);
            let key = &field.json_name;
            quote!(#name = #key)
        });
        quote! {
            #doc
            #[derive(Clone, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
                /// Fields no example in the collection shows, and values that did not fit
                /// their field's type: kept, so that nothing the server sent is lost.
                pub #extra: #rt::ExtraFields,
            }

            #rt::object_impls!(#name { #(#keys),* } #extra);
        }
    }

    pub(super) fn enum_def(&self, name: &str, def: &EnumDef) -> TokenStream {
        let rt = &self.rt;
        let name = format_ident!("{}", name);
        let doc = doc_attrs(&def.doc);
        let variants = def.variants.iter().map(|variant| {
            let name = format_ident!("{}", variant.rust_name);
            let doc = doc_attrs(&format!(
                "`{}`{}",
                variant.value.replace('`', ""),
                if variant.doc.is_empty() {
                    String::new()
                } else {
                    format!(": {}", rustdoc::markdown_line(&variant.doc))
                }
            ));
            quote!(#doc #name,)
        });
        if def.numeric {
            let values = def.variants.iter().filter_map(|variant| {
                let name = format_ident!("{}", variant.rust_name);
                let value: i64 = variant.value.parse().ok()?;
                Some(quote!(#name = #value))
            });
            return quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#variants)*
                    /// A value the collection does not document, kept as it came.
                    Other(i64),
                }

                #rt::int_enum_impls!(#name { #(#values),* });
            };
        }
        let values = def.variants.iter().map(|variant| {
            let name = format_ident!("{}", variant.rust_name);
            let value = &variant.value;
            quote!(#name = #value)
        });
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                /// A value the collection does not document, kept as it came.
                Other(String),
            }

            #rt::string_enum_impls!(#name { #(#values),* });
        }
    }

    pub(super) fn response_field(&self, field: &FieldDef) -> TokenStream {
        let name = ident(&field.rust_name);
        let ty = self.rust_type(&field.ty);
        let mut doc = match &field.doc {
            Some(doc) if doc.required => format!("Required. {}", rustdoc::markdown(&doc.text)),
            Some(doc) => rustdoc::markdown(&doc.text),
            None => String::new(),
        };
        if let Some(write) = &field.learned_from {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            // The shared module's structs serve several modules: the function is named,
            // not linked, as its module may be behind a feature.
            let shared = self.module.is_some()
                && self.types.shared().map(|(module, _)| module) == self.module.as_deref();
            let write = if shared {
                format!("`{write}`")
            } else {
                format!("[`{write}`]")
            };
            doc.push_str(&format!(
                "No example response shows this field: it is documented by the request body of {write}."
            ));
        }
        if let Some(observed) = &field.observed {
            let note = observed_note(observed);
            if !note.is_empty() {
                if !doc.is_empty() {
                    doc.push_str("\n\n");
                }
                doc.push_str(&note);
            }
        }
        let open_type = match &field.ty {
            RustType::Value { why } => Some(format!("Any JSON value: {why}.")),
            RustType::Vec(inner) => match inner.as_ref() {
                RustType::Value { why } => Some(format!("A list of any JSON values: {why}.")),
                _ => None,
            },
            _ => None,
        };
        if let Some(note) = open_type {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&note);
        }
        let doc = doc_attrs(&doc);
        quote! {
            #doc
            pub #name: Option<#ty>,
        }
    }

    /// The struct of a query's parameters, or of a form's fields.
    fn params_struct(&self, name: &str, def: &ParamsDef) -> TokenStream {
        let serde_crate = &self.serde_crate;
        let name = format_ident!("{}", name);
        let default = def.all_optional().then(|| quote!(Default,));
        let fields = def.fields.iter().map(|param| {
            let field = ident(&param.rust_name);
            let rename = serde_rename(&param.name, &param.rust_name);
            let mut doc = param
                .description
                .as_deref()
                .map(rustdoc::markdown)
                .unwrap_or_default();
            if let Some(example) = param.examples.first() {
                let _ = write!(doc, "\n\nExample: `{}`", example.replace('`', "'"));
            }
            if param.disabled {
                doc.push_str("\n\nDisabled in the collection: sent only when given.");
            }
            let doc = doc_attrs(doc.trim());
            let ty = self.rust_type(&param.ty);
            let ty = if param.optional {
                quote!(Option<#ty>)
            } else {
                ty
            };
            quote! {
                #doc
                #rename
                pub #field: #ty,
            }
        });
        let doc =
            doc_attrs("The query parameters of the request. Fields left as `None` are not sent.");
        let rt = &self.rt;
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default #rt::serde::Serialize)]
            #[serde(crate = #serde_crate)]
            pub struct #name {
                #(#fields)*
            }
        }
    }

    /// The enum of a response typed per status, with its encoding (each variant as its
    /// body).
    fn status_enum(&self, name: &str, def: &StatusEnumDef) -> TokenStream {
        let rt = &self.rt;
        let name = format_ident!("{}", name);
        let doc = doc_attrs(&format!(
            "The successful responses of [`{}`], whose bodies differ by status.",
            def.function
        ));
        let variant_defs = def.variants.iter().map(|variant| {
            let doc = doc_attrs(&format!("A `{}` response.", variant.status));
            let variant_name = format_ident!("{}", variant.name);
            let ty = self.rust_type(&variant.ty);
            quote!(#doc #variant_name(#ty),)
        });
        let names: Vec<Ident> = def
            .variants
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
}

/// What the docs say of a field that observed responses showed something of.
fn observed_note(observed: &crate::infer::FieldObservation) -> String {
    let mut sentences = Vec::new();
    if observed.added {
        sentences.push(format!(
            "No example in the collection shows this field: it was learned from observed responses (present in {}).",
            observed.present_in
        ));
    }
    if observed.typed && !observed.added {
        sentences.push(format!(
            "The collection's examples give this field no type; its type is what observed responses held (present in {}).",
            observed.present_in
        ));
    }
    if let Some(absent) = observed.absent_from {
        sentences.push(format!(
            "No observed response held this field ({absent} observed without it); it stays optional."
        ));
    }
    if !observed.values.is_empty() {
        // Values are the API's data, not ours: kept out of code spans' way.
        let values: Vec<String> = observed
            .values
            .iter()
            .map(|(value, count)| format!("`{}` ({count})", value.replace('`', "'")))
            .collect();
        let more = if observed.values_truncated {
            ", and more"
        } else {
            ""
        };
        sentences.push(format!("Observed values: {}{more}.", values.join(", ")));
    }
    sentences.join(" ")
}
