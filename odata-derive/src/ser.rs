//! Generates serialization: the `Serialize` impl (which hands over to the runtime's
//! `serialize_structured`, where `@odata.type` is written first) and `__write_members`, which
//! writes the base type's members, then this type's declared properties in order.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::Container;

pub fn serialize_impl(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    quote! {
        #[automatically_derived]
        impl #p::Serialize for #ident {
            fn serialize<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                #p::serialize_structured(self, __serializer)
            }
        }
    }
}

pub fn write_members(cont: &Container) -> TokenStream {
    let p = cont.private();
    let base = cont.base().map(|base| {
        let member = base.ident;
        let ty = base.ty;
        quote_spanned!(ty.span()=> <#ty as #p::StructuredType>::__write_members(&self.#member, __map, __extra)?;)
    });
    let properties = cont.properties().map(|f| {
        let member = f.ident;
        let name = f.odata_name();
        let ty = f.ty;
        quote_spanned!(ty.span()=> #p::write_property::<__M, #ty>(__map, __extra, #name, &self.#member)?;)
    });
    let extra_ref = match cont.extra() {
        Some(extra) => {
            let member = extra.ident;
            let ty = extra.ty;
            quote_spanned!(ty.span()=> #p::Some(<#ty as #p::ExtraField>::__as_extra(&self.#member)))
        }
        None => quote!(#p::None),
    };
    quote! {
        fn __write_members<__M: #p::SerializeMap>(
            &self,
            __map: &mut __M,
            __extra: #p::Option<&#p::Extra>,
        ) -> #p::Result<(), __M::Error> {
            #base
            #(#properties)*
            let _ = (__map, __extra);
            #p::Ok(())
        }

        #[inline]
        fn __extra(&self) -> #p::Option<&#p::Extra> {
            #extra_ref
        }
    }
}
