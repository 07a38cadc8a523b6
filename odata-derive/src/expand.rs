//! Assembles the generated items into one `const _: () = { ... };` block, so that nothing but
//! the trait impls and `T::builder()` is visible to the user's module.
//!
//! The non-generic functions the generators emit are `#[inline]` (those of `nav.rs` too):
//! like a generic one, such a function is compiled in the crates that call it, not in the one
//! that derives. A crate of 3,000 generated types (odata-graph) would otherwise compile every
//! builder and accessor nobody calls (see BENCHMARKS.md, "Build cost against plain serde").

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Container;
use crate::attr::Kind;
use crate::{builder, de, model, nav, ser};

pub fn expand(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    let allow = quote! {
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types, non_snake_case, missing_docs, unused_qualifications, unreachable_pub, clippy::all, clippy::pedantic)]
    };
    if cont.kind() == Kind::Container {
        let navigation = nav::navigation(cont);
        return quote! {
            #allow
            const _: () = { #navigation };
        };
    }
    let fields = nav::fields(cont);
    let navigation = (cont.kind() == Kind::Entity).then(|| nav::navigation(cont));
    let type_info = model::type_info(cont);
    let type_info_const = model::type_info_const(cont);
    let write_members = ser::write_members(cont);
    let read_and_finish = de::read_and_finish(cont);
    let serialize = ser::serialize_impl(cont);
    let deserialize = de::deserialize_impl(cont);
    let slots = de::slots(cont);
    let impls = model::impls(cont);
    let builder = builder::builder(cont);
    quote! {
        #allow
        const _: () = {
            #type_info
            #[automatically_derived]
            impl #p::StructuredType for #ident {
                #type_info_const
                #read_and_finish
                #write_members
            }
            #serialize
            #deserialize
            #impls
            #slots
            #builder
            #fields
            #navigation
        };
    }
}
