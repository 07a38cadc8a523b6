//! Generates deserialization: the `Deserialize` impl (which hands over to the runtime's
//! `deserialize_structured`, where `@odata.type` is checked), the slots a partly read object is
//! kept in, `__read_member` (dispatch on the member name, then to the base type) and
//! `__finish`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Container, Role};

pub fn deserialize_impl(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    quote! {
        #[automatically_derived]
        impl<'de> #p::Deserialize<'de> for #ident {
            fn deserialize<__D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                #p::deserialize_structured(__deserializer)
            }
        }
    }
}

pub fn slots_ident(cont: &Container) -> syn::Ident {
    format_ident!("__{}Slots", cont.rust_name())
}

/// The slots struct: one `Option` per declared property, plus the base type's slots.
pub fn slots(cont: &Container) -> TokenStream {
    let p = cont.private();
    let slots = slots_ident(cont);
    let vis = cont.vis;
    let base_ty = cont.base().map(|b| b.ty);
    let base_field =
        base_ty.map(|ty| quote_spanned!(ty.span()=> __base: <#ty as #p::StructuredType>::__Slots,));
    let base_init = base_ty.map(|ty| quote_spanned!(ty.span()=> __base: #p::Default::default(),));
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
        #vis struct #slots {
            #base_field
            #(#fields)*
        }
        impl #p::Default for #slots {
            #[inline]
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
        let ty = f.ty;
        let read = quote_spanned!(ty.span()=> #p::read_property::<__A, #ty>(&mut __slots.#member, __extra, #name, __map));
        quote!(#name => #read,)
    });
    let fallback = match cont.base() {
        Some(base) => {
            let ty = base.ty;
            quote_spanned!(ty.span()=> <#ty as #p::StructuredType>::__read_member(&mut __slots.__base, __extra, __name, __map))
        }
        None => quote! {{
            let _ = (__slots, __extra, __map);
            #p::Ok(false)
        }},
    };
    // `__finish` moves each slot into its field. A required property that was not read is an
    // error, but not one `?` per field: each early return drops every value taken so far and
    // every slot left, which made the function quadratic in the number of properties (a
    // 150-property type's was 76,000 lines of LLVM IR, and its debug stack frame 200 KB).
    // Instead every slot becomes an `Option` of its value (`None` when a required property is
    // missing, the first such name noted), and one match on all of them builds the value.
    let base_finish = cont.base().map(|base| {
        let ty = base.ty;
        quote_spanned! {ty.span()=>
            let __base = <#ty as #p::StructuredType>::__finish(__slots.__base, #p::Extra::new())?;
        }
    });
    let properties: Vec<_> = cont.properties().collect();
    let bindings: Vec<_> = (0..properties.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let finished = properties.iter().map(|f| {
        let member = f.ident;
        let name = f.odata_name();
        let ty = f.ty;
        quote_spanned! {ty.span()=>
            #p::finish_property::<#ty>(__slots.#member, #name, &mut __missing)
        }
    });
    let mut next_binding = bindings.iter();
    let field_inits = cont.fields.iter().map(|f| {
        let member = f.ident;
        let ty = f.ty;
        match f.role() {
            Role::Base => quote!(#member: __base,),
            Role::Extra => quote_spanned! {ty.span()=>
                #member: <#ty as #p::ExtraField>::__from_extra(__extra),
            },
            // `properties()` gives the property fields in this order.
            Role::Property => {
                let binding = next_binding.next();
                quote!(#member: #binding,)
            }
        }
    });
    let build = quote!(#p::Ok(Self { #(#field_inits)* }));
    let finish_body = if properties.is_empty() {
        quote! {
            #base_finish
            #build
        }
    } else {
        quote! {
            #base_finish
            let mut __missing: #p::Option<&'static str> = #p::None;
            match (#(#finished,)*) {
                (#(#p::Some(#bindings),)*) => #build,
                _ => #p::Err(#p::missing_property(<Self as #p::StructuredType>::TYPE, __missing)),
            }
        }
    };
    let drop_extra = cont.extra().is_none().then(|| quote!(let _ = __extra;));
    let has_extra = cont.extra().is_some();
    quote! {
        const __HAS_EXTRA: bool = #has_extra;
        type __Slots = #slots;

        fn __read_member<'__de, __A: #p::MapAccess<'__de>>(
            __slots: &mut #slots,
            __extra: &mut #p::Extra,
            __name: &str,
            __map: &mut __A,
        ) -> #p::Result<bool, __A::Error> {
            match __name {
                #(#arms)*
                _ => #fallback,
            }
        }

        fn __finish<__E: #p::DeError>(__slots: #slots, __extra: #p::Extra) -> #p::Result<Self, __E> {
            #drop_extra
            #finish_body
        }
    }
}
