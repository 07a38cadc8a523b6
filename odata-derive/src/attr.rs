//! `#[odata(...)]` attributes parsed into typed values. Every misuse found here is recorded in
//! the [`Ctxt`] with the span of the offending token, and parsing goes on so that one build shows
//! every mistake.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Token};

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
    Container,
}

#[derive(Default)]
pub struct ContainerAttrs {
    pub namespace: Option<Given<String>>,
    pub name: Option<Given<String>>,
    pub kind: Option<Given<Kind>>,
    pub is_abstract: Option<Span>,
    pub open: Option<Span>,
    pub has_stream: Option<Span>,
    pub keyless: Option<Span>,
    pub krate: Option<syn::Path>,
    pub operations: Vec<Operation>,
    /// `delta` or `delta(...)`: the type's collections have a delta function.
    pub delta: Option<Delta>,
}

/// The `delta` function bound to the type's collection, returning the collection (Graph's
/// delta query): `delta`, or `delta(namespace = "ns", binding_parameter = "b",
/// nullable_binding, nullable_return)`.
pub struct Delta {
    /// The `delta` key.
    pub span: Span,
    /// `name = "..."`: the function's name, `delta` unless given.
    pub name: Option<Given<String>>,
    /// `namespace = "ns"`: the function's namespace, when it is not the type's.
    pub namespace: Option<Given<String>>,
    pub binding_parameter: Option<Given<String>>,
    pub nullable_binding: Option<Span>,
    pub nullable_return: Option<Span>,
}

fn delta(cx: &Ctxt, meta: &ParseNestedMeta, span: Span) -> syn::Result<Delta> {
    let mut out = Delta {
        span,
        name: None,
        namespace: None,
        binding_parameter: None,
        nullable_binding: None,
        nullable_return: None,
    };
    if !meta.input.peek(syn::token::Paren) {
        if meta.input.peek(Token![=]) {
            cx.error(
                &meta.path,
                "`delta` takes no value: write #[odata(delta)] or #[odata(delta(namespace = \"...\"))]",
            );
            skip_value(meta)?;
        }
        return Ok(out);
    }
    meta.parse_nested_meta(|inner| {
        match key_name(&inner).as_str() {
            "name" => set_string(cx, &inner, &mut out.name)?,
            "namespace" => set_string(cx, &inner, &mut out.namespace)?,
            "binding_parameter" => set_string(cx, &inner, &mut out.binding_parameter)?,
            "nullable_binding" => set_flag(cx, &inner, "delta", &mut out.nullable_binding)?,
            "nullable_return" => set_flag(cx, &inner, "delta", &mut out.nullable_return)?,
            key => {
                let keys = "name, namespace, binding_parameter, nullable_binding, nullable_return";
                let err = inner.error(format!(
                    "unknown key `{key}` in delta(...); it takes: {keys} (the function is bound to the type's collection and returns it, without parameters)"
                ));
                recover(cx, &inner, err)?;
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A bound action or function: `action(name = "generateKey", parameters = T, returns = R)`;
/// a function's `parameters` type must be a derived structured type (see `nav.rs`).
pub struct Operation {
    pub function: bool,
    /// `collection`: bound to `Collection(T)` rather than to one entity.
    pub collection: Option<Span>,
    pub name: Given<String>,
    /// `method = "range_with_address"`: the Rust method, for overloads of one name.
    pub method: Option<Given<String>>,
    /// `namespace = "ns"`: the operation's own namespace, when it is not the binding type's.
    pub namespace: Option<Given<String>>,
    pub parameters: Option<syn::Type>,
    pub returns: Option<syn::Type>,
    /// `binding_parameter = "this"`: the binding parameter's name in `$metadata`.
    pub binding_parameter: Option<Given<String>>,
    /// `nullable_binding`: the binding parameter is nullable.
    pub nullable_binding: Option<Span>,
    /// `nullable_return`: the return type (a collection's items) is nullable.
    pub nullable_return: Option<Span>,
}

fn operation(cx: &Ctxt, meta: &ParseNestedMeta, function: bool) -> syn::Result<Option<Operation>> {
    let what = if function { "function" } else { "action" };
    let (mut name, mut parameters, mut returns, mut collection) = (None, None, None, None);
    let (mut method, mut namespace) = (None, None);
    let (mut binding_parameter, mut nullable_binding, mut nullable_return) = (None, None, None);
    meta.parse_nested_meta(|inner| {
        match key_name(&inner).as_str() {
            "binding_parameter" => set_string(cx, &inner, &mut binding_parameter)?,
            "nullable_binding" => set_flag(cx, &inner, what, &mut nullable_binding)?,
            "nullable_return" => set_flag(cx, &inner, what, &mut nullable_return)?,
            "name" => {
                let lit = string_value(&inner)?;
                set_once(
                    cx,
                    &inner,
                    &mut name,
                    Given {
                        value: lit.value(),
                        span: lit.span(),
                    },
                );
            }
            "method" => set_string(cx, &inner, &mut method)?,
            "namespace" => set_string(cx, &inner, &mut namespace)?,
            "collection" => set_flag(cx, &inner, what, &mut collection)?,
            "parameters" => {
                let ty: syn::Type = inner.value()?.parse()?;
                set_once(cx, &inner, &mut parameters, ty);
            }
            "returns" => {
                let ty: syn::Type = inner.value()?.parse()?;
                set_once(cx, &inner, &mut returns, ty);
            }
            key => {
                let keys = "name, method, namespace, collection, parameters, returns, binding_parameter, nullable_binding, nullable_return";
                let err = inner.error(format!(
                    "unknown key `{key}` in {what}(...); it takes: {keys}"
                ));
                recover(cx, &inner, err)?;
            }
        }
        Ok(())
    })?;
    match name {
        Some(name) => Ok(Some(Operation {
            function,
            collection,
            name,
            method,
            namespace,
            parameters,
            returns,
            binding_parameter,
            nullable_binding,
            nullable_return,
        })),
        None => {
            cx.error(&meta.path, format!("{what}(...) needs `name = \"...\"`"));
            Ok(None)
        }
    }
}

impl Operation {
    /// The Rust method: `method = "..."` as given, else the name in snake_case.
    pub fn method_name(&self) -> String {
        match &self.method {
            Some(m) => m.value.clone(),
            None => crate::ast::snake_case(&self.name.value),
        }
    }

    /// Where the method is named: `method = "..."`, else the operation's name.
    pub fn method_span(&self) -> Span {
        self.method.as_ref().map_or(self.name.span, |m| m.span)
    }
}

/// A navigation property binding of an entity set or singleton:
/// `binding(path = "memberOf", target = "directoryObjects")`.
pub struct Binding {
    pub path: Given<String>,
    pub target: Given<String>,
}

fn binding(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Binding>> {
    let (mut path, mut target) = (None, None);
    meta.parse_nested_meta(|inner| {
        match key_name(&inner).as_str() {
            "path" => set_string(cx, &inner, &mut path)?,
            "target" => set_string(cx, &inner, &mut target)?,
            key => {
                let err = inner.error(format!(
                    "unknown key `{key}` in binding(...); it takes: path, target"
                ));
                recover(cx, &inner, err)?;
            }
        }
        Ok(())
    })?;
    match (path, target) {
        (Some(path), Some(target)) => Ok(Some(Binding { path, target })),
        (None, _) => {
            cx.error(
                &meta.path,
                "binding(...) needs `path = \"...\"`, the navigation property",
            );
            Ok(None)
        }
        (_, None) => {
            cx.error(
                &meta.path,
                "binding(...) needs `target = \"...\"`, the entity set holding the targets",
            );
            Ok(None)
        }
    }
}

#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<Given<String>>,
    pub key: Option<Span>,
    pub base: Option<Span>,
    pub extra: Option<Span>,
    pub each: Option<Given<Ident>>,
    pub navigation: Option<Span>,
    pub contains_target: Option<Span>,
    pub nullable: Option<Given<bool>>,
    pub bindings: Vec<Binding>,
}

const CONTAINER_KEYS: &str = "namespace, name, entity, complex, container, abstract, open, has_stream, keyless, crate, action(...), function(...), delta";
const FIELD_KEYS: &str =
    "rename, key, base, extra, each, navigation, contains_target, nullable, binding(...)";

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

/// Reads `key = "string"` into `slot` (once); a value that is not a string literal is recorded
/// and skipped.
fn set_string(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    slot: &mut Option<Given<String>>,
) -> syn::Result<()> {
    match string_value(meta) {
        Ok(lit) => {
            let value = Given {
                value: lit.value(),
                span: lit.span(),
            };
            set_once(cx, meta, slot, value);
            Ok(())
        }
        Err(err) => recover(cx, meta, err),
    }
}

/// Records a key that does not belong here (`where_` says where it does, or that it is
/// unknown), listing the keys this place takes, and skips its value.
fn reject_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    what: &str,
    here: &str,
    keys: &str,
) -> syn::Result<()> {
    let key = key_name(meta);
    let err = meta.error(format!("{what}; {here}, odata takes: {keys}").replace("{key}", &key));
    recover(cx, meta, err)
}

/// Skips whatever value follows a key (`= tokens` up to the next `,`, or a `(...)` group), so
/// that parsing can go on after an error.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    let input = meta.input;
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        while !input.is_empty() && !input.peek(Token![,]) {
            input.parse::<TokenTree>()?;
        }
    } else if input.peek(syn::token::Paren) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// A key that takes no value (`key`, `base`, ...): an error if one is given.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        let key = key_name(meta);
        cx.error(
            &meta.path,
            format!("`{key}` takes no value: write #[odata({key})]"),
        );
        skip_value(meta)?;
        return Ok(false);
    }
    Ok(true)
}

/// Reads a key of `what(...)` that takes no value into `slot` (once), with the key's span.
fn set_flag(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    what: &str,
    slot: &mut Option<Span>,
) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        let key = key_name(meta);
        cx.error(
            &meta.path,
            format!("`{key}` takes no value: write {what}(..., {key})"),
        );
        return skip_value(meta);
    }
    let span = syn::spanned::Spanned::span(&meta.path);
    set_once(cx, meta, slot, span);
    Ok(())
}

/// Records `err` and skips the rest of the key's value, so the next key is still read.
fn recover(cx: &Ctxt, meta: &ParseNestedMeta, err: syn::Error) -> syn::Result<()> {
    cx.attr_error(err);
    skip_value(meta)
}

fn odata_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("odata"))
}

/// Calls `read` for every key of every `#[odata(...)]` attribute, with the key's span; an
/// attribute that cannot be read at all is recorded and the next one is read.
fn each_key(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut read: impl FnMut(&ParseNestedMeta, Span) -> syn::Result<()>,
) {
    for attr in odata_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta
                .path
                .get_ident()
                .map_or_else(Span::call_site, Ident::span);
            read(&meta, span)
        });
        if let Err(err) = result {
            cx.attr_error(err);
        }
    }
}

pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    each_key(cx, attrs, |meta, span| {
        match key_name(meta).as_str() {
            "namespace" => set_string(cx, meta, &mut out.namespace)?,
            "name" => set_string(cx, meta, &mut out.name)?,
            "entity" | "complex" | "container" => {
                let kind = match key_name(meta).as_str() {
                    "entity" => Kind::Entity,
                    "complex" => Kind::Complex,
                    _ => Kind::Container,
                };
                if flag(cx, meta)? {
                    if out.kind.is_some() {
                        cx.error(
                            &meta.path,
                            "a type is one of `entity`, `complex` or `container`: give one of them once",
                        );
                    } else {
                        out.kind = Some(Given { value: kind, span });
                    }
                }
            }
            "abstract" | "open" | "has_stream" | "keyless" => {
                if flag(cx, meta)? {
                    let slot = match key_name(meta).as_str() {
                        "abstract" => &mut out.is_abstract,
                        "open" => &mut out.open,
                        "keyless" => &mut out.keyless,
                        _ => &mut out.has_stream,
                    };
                    set_once(cx, meta, slot, span);
                }
            }
            "crate" => krate(cx, meta, &mut out.krate)?,
            "delta" => match delta(cx, meta, span) {
                Ok(d) => {
                    if out.delta.is_some() {
                        cx.error(&meta.path, "duplicate odata attribute `delta`");
                    } else {
                        out.delta = Some(d);
                    }
                }
                Err(err) => recover(cx, meta, err)?,
            },
            "action" | "function" => {
                let function = meta.path.is_ident("function");
                match operation(cx, meta, function) {
                    Ok(Some(op)) => out.operations.push(op),
                    Ok(None) => {}
                    Err(err) => recover(cx, meta, err)?,
                }
            }
            "rename" | "key" | "base" | "extra" | "each" | "navigation" | "contains_target"
            | "nullable" | "binding" => reject_key(
                cx,
                meta,
                "`{key}` is a field attribute",
                "on the type",
                CONTAINER_KEYS,
            )?,
            _ => reject_key(
                cx,
                meta,
                "unknown odata attribute `{key}`",
                "on the type",
                CONTAINER_KEYS,
            )?,
        }
        Ok(())
    });
    out
}

pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    each_key(cx, attrs, |meta, span| {
        match key_name(meta).as_str() {
            "rename" => set_string(cx, meta, &mut out.rename)?,
            "each" => match string_value(meta) {
                Ok(lit) => match lit.parse::<Ident>() {
                    Ok(ident) => {
                        let value = Given {
                            value: ident,
                            span: lit.span(),
                        };
                        set_once(cx, meta, &mut out.each, value);
                    }
                    Err(_) => {
                        let hint = if syn::parse_str::<Ident>(&format!("r#{}", lit.value())).is_ok()
                        {
                            format!(" (`{0}` is a keyword: write \"r#{0}\")", lit.value())
                        } else {
                            String::new()
                        };
                        cx.attr_error(syn::Error::new(
                            lit.span(),
                            format!("`each` names the builder method that adds one item: it must be a Rust identifier{hint}"),
                        ));
                    }
                },
                Err(err) => recover(cx, meta, err)?,
            },
            "nullable" => match meta.value().and_then(|v| v.parse::<syn::LitBool>()) {
                Ok(lit) => set_once(
                    cx,
                    meta,
                    &mut out.nullable,
                    Given {
                        value: lit.value,
                        span: lit.span,
                    },
                ),
                Err(err) => recover(cx, meta, err)?,
            },
            "key" | "base" | "extra" | "navigation" | "contains_target" => {
                if flag(cx, meta)? {
                    let slot = match key_name(meta).as_str() {
                        "key" => &mut out.key,
                        "base" => &mut out.base,
                        "extra" => &mut out.extra,
                        "contains_target" => &mut out.contains_target,
                        _ => &mut out.navigation,
                    };
                    set_once(cx, meta, slot, span);
                }
            }
            "binding" => match binding(cx, meta) {
                Ok(Some(b)) => out.bindings.push(b),
                Ok(None) => {}
                Err(err) => recover(cx, meta, err)?,
            },
            "namespace" | "name" | "entity" | "complex" | "container" | "abstract" | "open"
            | "has_stream" | "keyless" | "crate" | "action" | "function" | "delta" => reject_key(
                cx,
                meta,
                "`{key}` is a type attribute",
                "on a field",
                FIELD_KEYS,
            )?,
            _ => reject_key(
                cx,
                meta,
                "unknown odata attribute `{key}`",
                "on a field",
                FIELD_KEYS,
            )?,
        }
        Ok(())
    });
    out
}

/// The attributes of a `#[derive(ODataEnum)]` enum.
#[derive(Default)]
pub struct EnumAttrs {
    pub namespace: Option<Given<String>>,
    pub name: Option<Given<String>>,
    pub flags: Option<Span>,
    pub underlying: Option<Given<String>>,
    pub krate: Option<syn::Path>,
}

const ENUM_KEYS: &str = "namespace, name, flags, underlying, crate";
const VARIANT_KEYS: &str = "rename, value, other";

pub fn enum_type(cx: &Ctxt, attrs: &[Attribute]) -> EnumAttrs {
    let mut out = EnumAttrs::default();
    each_key(cx, attrs, |meta, span| {
        match key_name(meta).as_str() {
            "namespace" => set_string(cx, meta, &mut out.namespace)?,
            "name" => set_string(cx, meta, &mut out.name)?,
            "underlying" => set_string(cx, meta, &mut out.underlying)?,
            "flags" => {
                if flag(cx, meta)? {
                    set_once(cx, meta, &mut out.flags, span);
                }
            }
            "crate" => krate(cx, meta, &mut out.krate)?,
            "rename" | "value" | "other" => reject_key(
                cx,
                meta,
                "`{key}` is a variant attribute",
                "on an enum type",
                ENUM_KEYS,
            )?,
            _ => reject_key(
                cx,
                meta,
                "unknown odata attribute `{key}`",
                "on an enum type",
                ENUM_KEYS,
            )?,
        }
        Ok(())
    });
    out
}

/// The attributes of one variant of an enum type.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<Given<String>>,
    pub value: Option<Given<i128>>,
    pub other: Option<Span>,
}

pub fn variant(cx: &Ctxt, attrs: &[Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    each_key(cx, attrs, |meta, span| {
        match key_name(meta).as_str() {
            "rename" => set_string(cx, meta, &mut out.rename)?,
            "value" => match meta.value().and_then(|v| v.parse::<syn::Expr>()) {
                Ok(expr) => match integer(&expr) {
                    Some(value) => set_once(
                        cx,
                        meta,
                        &mut out.value,
                        Given {
                            value,
                            span: syn::spanned::Spanned::span(&expr),
                        },
                    ),
                    None => cx.attr_error(syn::Error::new_spanned(
                        expr,
                        "`value` must be an integer literal, such as `value = 4`",
                    )),
                },
                Err(err) => recover(cx, meta, err)?,
            },
            "other" => {
                if flag(cx, meta)? {
                    set_once(cx, meta, &mut out.other, span);
                }
            }
            _ => reject_key(
                cx,
                meta,
                "unknown odata attribute `{key}`",
                "on an enum member",
                VARIANT_KEYS,
            )?,
        }
        Ok(())
    });
    out
}

/// An integer literal, possibly negated: `4`, `-1`, `0x10`.
pub fn integer(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => int.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => integer(expr).map(|v| -v),
        syn::Expr::Group(group) => integer(&group.expr),
        syn::Expr::Paren(paren) => integer(&paren.expr),
        _ => None,
    }
}

fn krate(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<syn::Path>) -> syn::Result<()> {
    match string_value(meta) {
        Ok(lit) => match lit.parse::<syn::Path>() {
            Ok(path) => set_once(cx, meta, slot, path),
            Err(_) => cx.attr_error(syn::Error::new(
                lit.span(),
                "`crate` must be a path such as \"my_sdk::odata\"",
            )),
        },
        Err(err) => recover(cx, meta, err)?,
    }
    Ok(())
}
