//! Generates an enumeration type (`#[derive(ODataEnum)]`): the static `EnumInfo`, `EnumType`
//! (index <-> variant, the `other` variant), `EdmValue`, `Serialize` and `Deserialize`. Names
//! and values live in the `EnumInfo`; reading and writing are the runtime's `read_enum` and
//! `write_enum`, shared by every enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::ast::EnumType;

pub fn expand(e: &EnumType) -> TokenStream {
    let p = e.private();
    let ident = e.ident;
    let rust_name = e.rust_name();
    let namespace = e.namespace();
    let name = e.name();
    let qualified = format!("{namespace}.{name}");
    let underlying = format_ident!("{}", e.underlying());
    let is_flags = e.attrs.flags.is_some();
    let keeps_unknown = e.other.is_some();
    let members = e.members.iter().zip(e.values()).map(|(m, value)| {
        let name = m.odata_name();
        // Checked against the underlying type's range, which i64 holds.
        let value = value as i64;
        quote!(#p::EnumMember { name: #name, value: #value })
    });
    let to_index = e.members.iter().enumerate().map(|(i, m)| {
        let variant = &m.variant.ident;
        quote!(Self::#variant => #p::Some(#i),)
    });
    let from_index = e.members.iter().enumerate().map(|(i, m)| {
        let variant = &m.variant.ident;
        quote!(#i => #p::Some(Self::#variant),)
    });
    let (other_index, from_other, other_name) = match e.other {
        Some(other) => {
            let variant = &other.ident;
            // Spanned at the field's type, so that a type other than `String` is an error there.
            let ty = other.fields.iter().next().map(|f| &f.ty);
            let span = ty.map_or(variant.span(), syn::spanned::Spanned::span);
            let make = quote_spanned!(span=> #p::String::from(__name));
            let read = quote_spanned!(span=> #p::String::as_str(__name));
            (
                quote!(Self::#variant(..) => #p::None,),
                quote!(#p::Some(Self::#variant(#make))),
                quote! {
                    match self {
                        Self::#variant(__name, ..) => #p::Some(#read),
                        _ => #p::None,
                    }
                },
            )
        }
        None => (
            quote!(),
            quote! {{
                let _ = __name;
                #p::None
            }},
            quote!(#p::None),
        ),
    };
    let flags = is_flags.then(|| {
        quote! {
            #[automatically_derived]
            impl #p::FlagsEnum for #ident {}
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(unreachable_patterns, clippy::all, clippy::pedantic)]
        const _: () = {
            #[doc(hidden)]
            static __ENUM_INFO: #p::EnumInfo = #p::EnumInfo {
                rust_name: #rust_name,
                namespace: #namespace,
                name: #name,
                qualified_name: #qualified,
                underlying: #p::Primitive::#underlying,
                is_flags: #is_flags,
                members: &[#(#members),*],
                keeps_unknown: #keeps_unknown,
            };

            #[automatically_derived]
            impl #p::EnumType for #ident {
                const ENUM: &'static #p::EnumInfo = &__ENUM_INFO;
                #[inline]
                fn __index(&self) -> #p::Option<usize> {
                    match self {
                        #(#to_index)*
                        #other_index
                    }
                }
                #[inline]
                fn __from_index(__index: usize) -> #p::Option<Self> {
                    match __index {
                        #(#from_index)*
                        _ => #p::None,
                    }
                }
                #[inline]
                fn __from_other(__name: &str) -> #p::Option<Self> {
                    #from_other
                }
                #[inline]
                fn __other_name(&self) -> #p::Option<&str> {
                    #other_name
                }
            }

            #flags

            #[automatically_derived]
            impl #p::EdmValue for #ident {
                const EDM: #p::EdmType = #p::EdmType::Enum(#p::enum_info::<#ident>);
                #[inline]
                fn write_edm<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                    #p::write_enum(self, __serializer)
                }
                #[inline]
                fn read_edm<'de, __D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                    #p::read_enum(__deserializer)
                }
            }

            #[automatically_derived]
            impl #p::Serialize for #ident {
                fn serialize<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                    #p::write_enum(self, __serializer)
                }
            }

            #[automatically_derived]
            impl<'de> #p::Deserialize<'de> for #ident {
                fn deserialize<__D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                    #p::read_enum(__deserializer)
                }
            }
        };
    }
}
