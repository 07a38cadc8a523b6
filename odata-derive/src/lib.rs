//! The `#[derive(ODataEntity)]` macro. Use it through `odata-core`, which re-exports it and
//! documents every attribute.
//!
//! The pipeline is the layout: `attr` parses `#[odata(...)]`, `ast` builds the model of the
//! OData type, `check` holds every rule that rejects input, and one module generates each
//! output: `model` (the static `TypeInfo`, `EdmValue`, entity/complex impls), `ser`
//! (`Serialize`; `@odata.type` is written by the runtime it calls), `de` (`Deserialize`),
//! `builder`, `nav` (the typed field list and the navigation struct), assembled by `expand`.

mod ast;
mod attr;
mod builder;
mod check;
mod ctxt;
mod de;
mod enum_type;
mod expand;
mod model;
mod nav;
mod poly;
mod ser;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives an OData entity or complex type. See `odata_core::ODataEntity` for the attributes.
#[proc_macro_derive(ODataEntity, attributes(odata))]
pub fn derive_odata_entity(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives an OData enumeration type. See `odata_core::ODataEnum` for the attributes.
#[proc_macro_derive(ODataEnum, attributes(odata))]
pub fn derive_odata_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive_enum(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

fn derive_enum(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let cx = ctxt::Ctxt::default();
    let e = ast::EnumType::from_input(&cx, input);
    if let Some(e) = &e {
        check::check_enum(&cx, e);
    }
    cx.check()?;
    Ok(enum_type::expand(&e.expect("checked")))
}

fn derive(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let cx = ctxt::Ctxt::default();
    if let syn::Data::Enum(data) = &input.data {
        let poly = ast::Polymorphic::from_input(&cx, input, data);
        check::check_polymorphic(&cx, &poly);
        cx.check()?;
        return Ok(poly::expand(&poly));
    }
    let container = ast::Container::from_input(&cx, input);
    if let Some(container) = &container {
        check::check(&cx, container);
    }
    cx.check()?;
    Ok(expand::expand(&container.expect("checked")))
}
