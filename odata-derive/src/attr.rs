//! `#[odata(...)]` attributes parsed into typed values. Every misuse found here is recorded in
//! the [`Ctxt`] with the span of the offending token, and parsing goes on so that one build shows
//! every mistake.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr};

use crate::ctxt::Ctxt;

/// A value given in an attribute, with the span of the token that gave it.
#[derive(Clone)]
pub struct Given<T> {
    pub value: T,
    pub span: Span,
}

/// Entity or complex, as declared.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
}

#[derive(Default)]
pub struct ContainerAttrs {
    pub namespace: Option<Given<String>>,
    pub name: Option<Given<String>>,
    pub kind: Option<Given<Kind>>,
    pub is_abstract: Option<Span>,
    pub krate: Option<syn::Path>,
}

#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<Given<String>>,
    pub key: Option<Span>,
    pub base: Option<Span>,
    pub extra: Option<Span>,
    pub each: Option<Given<Ident>>,
}

const CONTAINER_KEYS: &str = "namespace, name, entity, complex, abstract, crate";
const FIELD_KEYS: &str = "rename, key, base, extra, each";

fn key_name(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_else(|| "<path>".to_owned())
}

/// Stores `value` unless the key was already given, in which case the second key is the error.
fn set_once<T>(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.error(
            &meta.path,
            format!("duplicate odata attribute `{}`", key_name(meta)),
        );
    } else {
        *slot = Some(value);
    }
}

fn string_value(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

fn odata_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("odata"))
}

pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in odata_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.get_ident().map_or_else(Span::call_site, Ident::span);
            match key_name(&meta).as_str() {
                "namespace" => {
                    let lit = string_value(&meta)?;
                    let value = Given { value: lit.value(), span: lit.span() };
                    set_once(cx, &meta, &mut out.namespace, value);
                }
                "name" => {
                    let lit = string_value(&meta)?;
                    let value = Given { value: lit.value(), span: lit.span() };
                    set_once(cx, &meta, &mut out.name, value);
                }
                "entity" | "complex" => {
                    let kind = if meta.path.is_ident("entity") { Kind::Entity } else { Kind::Complex };
                    if out.kind.is_some() {
                        return Err(meta.error(
                            "a type is either `entity` or `complex`: give one of them once",
                        ));
                    }
                    out.kind = Some(Given { value: kind, span });
                }
                "abstract" => set_once(cx, &meta, &mut out.is_abstract, span),
                "crate" => {
                    let lit = string_value(&meta)?;
                    let path = lit.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(lit.span(), "`crate` must be a path such as \"my_sdk::odata\"")
                    })?;
                    set_once(cx, &meta, &mut out.krate, path);
                }
                key @ ("rename" | "key" | "base" | "extra" | "each") => {
                    return Err(meta.error(format!(
                        "`{key}` is a field attribute; on the type, odata takes: {CONTAINER_KEYS}"
                    )));
                }
                key => {
                    return Err(meta.error(format!(
                        "unknown odata attribute `{key}`; on the type, odata takes: {CONTAINER_KEYS}"
                    )));
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in odata_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.get_ident().map_or_else(Span::call_site, Ident::span);
            match key_name(&meta).as_str() {
                "rename" => {
                    let lit = string_value(&meta)?;
                    let value = Given { value: lit.value(), span: lit.span() };
                    set_once(cx, &meta, &mut out.rename, value);
                }
                "each" => {
                    let lit = string_value(&meta)?;
                    let ident = lit.parse::<Ident>().map_err(|_| {
                        syn::Error::new(
                            lit.span(),
                            "`each` names the builder method that adds one item: it must be a Rust identifier",
                        )
                    })?;
                    let value = Given { value: ident, span: lit.span() };
                    set_once(cx, &meta, &mut out.each, value);
                }
                "key" => set_once(cx, &meta, &mut out.key, span),
                "base" => set_once(cx, &meta, &mut out.base, span),
                "extra" => set_once(cx, &meta, &mut out.extra, span),
                key @ ("namespace" | "name" | "entity" | "complex" | "abstract" | "crate") => {
                    return Err(meta.error(format!(
                        "`{key}` is a type attribute; on a field, odata takes: {FIELD_KEYS}"
                    )));
                }
                key => {
                    return Err(meta.error(format!(
                        "unknown odata attribute `{key}`; on a field, odata takes: {FIELD_KEYS}"
                    )));
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}
