//! Generates deserialization: the `Deserialize` impl (which hands over to the runtime's
//! `deserialize_structured`, where `@odata.type` is checked), the slots a partly read object is
//! kept in, `__read_member` (dispatch on the member name, then to the base type) and
//! `__finish`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Container;

pub fn deserialize_impl(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    quote! {
        #[automatically_derived]
        impl<'de> #p::Deserialize<'de> for #ident {
            fn deserialize<__D: #p::Deserializer<'de>>(deserializer: __D) -> #p::Result<Self, __D::Error> {
                #p::deserialize_structured(deserializer)
            }
        }
    }
}

pub fn slots_ident(cont: &Container) -> syn::Ident {
    format_ident!("__{}Slots", cont.ident)
}

/// The slots struct: one `Option` per declared property, plus the base type's slots.
pub fn slots(cont: &Container) -> TokenStream {
    let p = cont.private();
    let slots = slots_ident(cont);
    let base_ty = cont.base().map(|b| b.ty);
    let base_field = base_ty.map(|ty| quote!(__base: <#ty as #p::StructuredType>::__Slots,));
    let base_init = base_ty.map(|_| quote!(__base: #p::Default::default(),));
    let fields = cont.properties().map(|f| {
        let member = f.ident;
        let ty = f.ty;
        quote!(#member: #p::Option<#ty>,)
    });
    let inits = cont.properties().map(|f| {
        let member = f.ident;
        quote!(#member: #p::None,)
    });
    quote! {
        #[doc(hidden)]
        pub struct #slots {
            #base_field
            #(#fields)*
        }
        impl #p::Default for #slots {
            fn default() -> Self {
                #slots { #base_init #(#inits)* }
            }
        }
    }
}

pub fn read_and_finish(cont: &Container) -> TokenStream {
    let p = cont.private();
    let slots = slots_ident(cont);
    let arms = cont.properties().map(|f| {
        let member = f.ident;
        let name = f.odata_name();
        quote!(#name => #p::read_property(&mut slots.#member, extra, #name, map),)
    });
    let fallback = match cont.base() {
        Some(base) => {
            let ty = base.ty;
            quote!(<#ty as #p::StructuredType>::__read_member(&mut slots.__base, extra, name, map))
        }
        None => quote! {{
            let _ = (slots, extra, map);
            #p::Ok(false)
        }},
    };
    let finish_fields = cont.fields.iter().map(|f| {
        let member = f.ident;
        let name = f.odata_name();
        let ty = f.ty;
        match f.role() {
            crate::ast::Role::Base => quote! {
                #member: <#ty as #p::StructuredType>::__finish(slots.__base, #p::Extra::new())?,
            },
            crate::ast::Role::Extra => quote!(#member: extra,),
            crate::ast::Role::Property => quote! {
                #member: #p::take_property(slots.#member, <Self as #p::StructuredType>::TYPE, #name)?,
            },
        }
    });
    let drop_extra = if cont.extra().is_none() {
        quote!(let _ = extra;)
    } else {
        quote!()
    };
    let has_extra = cont.extra().is_some();
    quote! {
        const __HAS_EXTRA: bool = #has_extra;
        type __Slots = #slots;

        fn __read_member<'__de, __A: #p::MapAccess<'__de>>(
            slots: &mut #slots,
            extra: &mut #p::Extra,
            name: &str,
            map: &mut __A,
        ) -> #p::Result<bool, __A::Error> {
            match name {
                #(#arms)*
                _ => #fallback,
            }
        }

        fn __finish<__E: #p::DeError>(slots: #slots, extra: #p::Extra) -> #p::Result<Self, __E> {
            #drop_extra
            #p::Ok(Self { #(#finish_fields)* })
        }
    }
}
