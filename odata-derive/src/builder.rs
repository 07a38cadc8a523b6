//! Generates the typed builder: `T::builder(required...)` returns a builder with one setter per
//! property (an `impl Into` setter for optional values, a whole-collection setter and an "add
//! one" method for collections), a setter for the base value, `id` for entity types with a base,
//! and `build()`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::{Container, Role, Shape};

pub fn builder_ident(cont: &Container) -> syn::Ident {
    format_ident!("__{}Builder", cont.rust_name())
}

pub fn builder(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    let builder = builder_ident(cont);
    let vis = cont.vis;

    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut methods = Vec::new();
    for f in &cont.fields {
        let member = f.ident;
        let ty = f.ty;
        if f.role() != Role::Property {
            inits.push(quote!(#member: #p::Default::default(),));
            if f.role() == Role::Base {
                methods.push(quote! {
                    #[inline]
                    pub fn #member(mut self, __value: #ty) -> Self {
                        self.0.#member = __value;
                        self
                    }
                });
            }
            continue;
        }
        match f.shape {
            Shape::Optional(inner) => {
                inits.push(quote!(#member: #p::None,));
                methods.push(quote! {
                    #[inline]
                    pub fn #member(mut self, __value: impl #p::Into<#inner>) -> Self {
                        self.0.#member = #p::Some(__value.into());
                        self
                    }
                });
            }
            Shape::OptionalCollection(item) | Shape::Collection(item) => {
                let optional = matches!(f.shape, Shape::OptionalCollection(_));
                let (init, set, push) = if optional {
                    (
                        quote!(#p::None),
                        quote!(#p::Some(__values.into_iter().map(#p::Into::into).collect())),
                        quote!(self.0.#member.get_or_insert_with(#p::Vec::new)),
                    )
                } else {
                    (
                        quote!(#p::Vec::new()),
                        quote!(__values.into_iter().map(#p::Into::into).collect()),
                        quote!(self.0.#member),
                    )
                };
                let each = f.each_method().expect("collection");
                inits.push(quote!(#member: #init,));
                methods.push(quote! {
                    #[inline]
                    pub fn #member<__I>(mut self, __values: __I) -> Self
                    where
                        __I: #p::IntoIterator,
                        __I::Item: #p::Into<#item>,
                    {
                        self.0.#member = #set;
                        self
                    }
                    #[inline]
                    pub fn #each(mut self, __value: impl #p::Into<#item>) -> Self {
                        #push.push(__value.into());
                        self
                    }
                });
            }
            Shape::Required => {
                params.push(quote!(#member: impl #p::Into<#ty>));
                inits.push(quote!(#member: #member.into(),));
                methods.push(quote! {
                    #[inline]
                    pub fn #member(mut self, __value: impl #p::Into<#ty>) -> Self {
                        self.0.#member = __value.into();
                        self
                    }
                });
            }
        }
    }
    if cont.builder_has_inherited_id() {
        methods.push(quote! {
            pub fn id(mut self, __id: impl #p::Into<#p::String>) -> Self {
                #p::EntityType::set_id(&mut self.0, __id.into());
                self
            }
        });
    }
    let doc = format!(
        "Starts building a `{ident}`: every optional property unset, every collection empty. \
         Required properties are the arguments."
    );
    quote! {
        #[doc(hidden)]
        #[must_use = "a builder does nothing until `build()`"]
        #vis struct #builder(#ident);

        #[automatically_derived]
        impl #ident {
            #[doc = #doc]
            #[inline]
            pub fn builder(#(#params),*) -> #builder {
                #builder(#ident { #(#inits)* })
            }
        }

        #[automatically_derived]
        impl #p::HasBuilder for #ident {
            type Builder = #builder;
        }

        #[automatically_derived]
        impl #builder {
            #(#methods)*
            /// The value built.
            #[inline]
            pub fn build(self) -> #ident {
                self.0
            }
        }
    }
}
