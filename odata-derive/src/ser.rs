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
            fn serialize<__S: #p::Serializer>(&self, serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                #p::serialize_structured(self, serializer)
            }
        }
    }
}

pub fn write_members(cont: &Container) -> TokenStream {
    let p = cont.private();
    let base = cont.base().map(|base| {
        let member = base.ident;
        quote!(#p::StructuredType::__write_members(&self.#member, map, extra)?;)
    });
    let properties = cont.properties().map(|f| {
        let member = f.ident;
        let name = f.odata_name();
        quote!(#p::write_property(map, extra, #name, &self.#member)?;)
    });
    let extra_ref = match cont.extra() {
        Some(extra) => {
            let member = extra.ident;
            let ty = extra.ty;
            quote_spanned!(ty.span()=> #p::Some(&self.#member))
        }
        None => quote!(#p::None),
    };
    quote! {
        fn __write_members<__M: #p::SerializeMap>(
            &self,
            map: &mut __M,
            extra: &#p::Extra,
        ) -> #p::Result<(), __M::Error> {
            #base
            #(#properties)*
            let _ = extra;
            #p::Ok(())
        }

        fn __extra(&self) -> #p::Option<&#p::Extra> {
            #extra_ref
        }
    }
}
