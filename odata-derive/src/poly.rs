//! Generates a polymorphic enum (`#[derive(ODataEntity)]` on an enum of subtypes): the
//! `Polymorphic` impl (the subtypes' `TypeInfo`s and one match that reads the rest of an object
//! into the chosen variant), `EdmValue`, `Serialize`, `Deserialize`, and the compile-time check
//! that every variant's type derives from the base. Dispatch itself is the runtime's.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::Polymorphic;

pub fn expand(poly: &Polymorphic) -> TokenStream {
    let p = poly.private();
    let ident = poly.ident;
    let Some(base) = poly.base() else {
        return quote!();
    };
    let base_ty = base.ty;
    let base_ident = base.ident;
    let subtypes: Vec<_> = poly.subtypes().collect();
    let infos = subtypes.iter().map(|v| {
        let ty = v.ty;
        quote_spanned!(ty.span()=> <#ty as #p::StructuredType>::TYPE)
    });
    let reads = subtypes.iter().enumerate().map(|(i, v)| {
        let ty = v.ty;
        let variant = v.ident;
        quote_spanned!(ty.span()=> #i => |__map: &mut __A| #p::read_variant::<#ty, __A>(__map).map(Self::#variant),)
    });
    let writes = poly.variants.iter().map(|v| {
        let ty = v.ty;
        let variant = v.ident;
        quote_spanned!(ty.span()=> Self::#variant(__value) => <#ty as #p::EdmValue>::write_edm(__value, __serializer),)
    });
    let types = poly.variants.iter().map(|v| {
        let ty = v.ty;
        let variant = v.ident;
        quote_spanned!(ty.span()=> Self::#variant(_) => <#ty as #p::StructuredType>::TYPE,)
    });
    let checks = subtypes.iter().map(|v| {
        let ty = v.ty;
        let message = format!(
            "this variant's type does not derive from the #[odata(base)] variant's type `{}`",
            quote!(#base_ty).to_string().replace(' ', "")
        );
        quote_spanned! {ty.span()=>
            ::core::assert!(#p::derives_from(<#ty as #p::StructuredType>::TYPE, <#base_ty as #p::StructuredType>::TYPE), #message);
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(clippy::all, clippy::pedantic)]
        const _: () = {
            const _: () = {
                #(#checks)*
            };

            #[automatically_derived]
            impl #p::Polymorphic for #ident {
                const BASE: &'static #p::TypeInfo = <#base_ty as #p::StructuredType>::TYPE;
                const VARIANTS: &'static [&'static #p::TypeInfo] = &[#(#infos),*];

                fn __read_variant<'de, __A: #p::MapAccess<'de>>(__index: usize, __map: &mut __A) -> #p::Result<Self, __A::Error> {
                    // The reader is picked as a function pointer, then called once: a match of
                    // calls would, unoptimised, give every arm's value a stack slot of its own,
                    // a frame the size of all variants together.
                    let __read: fn(&mut __A) -> #p::Result<Self, __A::Error> = match __index {
                        #(#reads)*
                        _ => |__map: &mut __A| #p::read_base::<#base_ty, __A>(__map, #p::Start::TypeRead).map(Self::#base_ident),
                    };
                    __read(__map)
                }
                fn __read_base<'de, __A: #p::MapAccess<'de>>(__map: &mut __A, __start: #p::Start) -> #p::Result<Self, __A::Error> {
                    #p::read_base::<#base_ty, __A>(__map, __start).map(Self::#base_ident)
                }
                #[inline]
                fn __type(&self) -> &'static #p::TypeInfo {
                    match self {
                        #(#types)*
                    }
                }
                #[inline]
                fn __kept_type(&self) -> #p::Option<&#p::RawValue> {
                    match self {
                        Self::#base_ident(__value) => <#base_ty as #p::StructuredType>::__extra(__value)
                            .and_then(|__extra| __extra.get("@odata.type")),
                        _ => #p::None,
                    }
                }
            }

            #[automatically_derived]
            impl #p::Operand for #ident {
                type Kind = #p::Complex<#base_ty>;
            }

            #[automatically_derived]
            impl #p::DeclaredType for #ident {
                type Declared = #base_ty;
            }

            #[automatically_derived]
            impl #p::EdmValue for #ident {
                const EDM: #p::EdmType = <#base_ty as #p::EdmValue>::EDM;
                fn write_edm<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                    match self {
                        #(#writes)*
                    }
                }
                #[inline]
                fn read_edm<'de, __D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                    #p::deserialize_polymorphic(__deserializer)
                }
            }

            #[automatically_derived]
            impl #p::Serialize for #ident {
                fn serialize<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                    #p::EdmValue::write_edm(self, __serializer)
                }
            }

            #[automatically_derived]
            impl<'de> #p::Deserialize<'de> for #ident {
                fn deserialize<__D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                    #p::deserialize_polymorphic(__deserializer)
                }
            }
        };
    }
}
