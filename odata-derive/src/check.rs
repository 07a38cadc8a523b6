//! Every rule that can reject a derive input, in one place. Each error is spanned at the token
//! that breaks the rule.

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::{snake_case, Container, Role, Shape};
use crate::attr::Kind;
use crate::ctxt::Ctxt;

pub fn check(cx: &Ctxt, cont: &Container) {
    check_generics(cx, cont);
    check_names(cx, cont);
    if cont.kind() == Kind::Container {
        check_container(cx, cont);
        return;
    }
    check_roles(cx, cont);
    if !cx.attr_failed() {
        check_key(cx, cont);
    }
    check_property_names(cx, cont);
    check_navigation(cx, cont);
    check_builder_methods(cx, cont);
}

/// An entity container: its fields are entity sets (`Vec<T>`) and singletons (`T`).
fn check_container(cx: &Ctxt, cont: &Container) {
    if let Some(op) = cont.attrs.operations.first() {
        cx.error_at(
            op.name.span,
            "bound operations belong to entity types, not to an entity container",
        );
    }
    for field in &cont.fields {
        let a = &field.attrs;
        for (given, what) in [
            (a.key, "key"),
            (a.base, "base"),
            (a.extra, "extra"),
            (a.navigation, "navigation"),
            (a.each.as_ref().map(|e| e.span), "each"),
        ] {
            if let Some(span) = given {
                cx.error_at(
                    span,
                    format!("`{what}` does not apply to an entity container's fields: they are entity sets (`Vec<T>`) and singletons (`T`)"),
                );
            }
        }
        if matches!(
            field.shape,
            Shape::Optional(_) | Shape::OptionalCollection(_)
        ) {
            cx.error(
                field.ty,
                "an entity container's field is an entity set (`Vec<T>`) or a singleton (`T`), not an `Option`",
            );
        }
    }
    check_property_names(cx, cont);
}

fn check_navigation(cx: &Ctxt, cont: &Container) {
    for field in cont.properties() {
        let Some(span) = field.attrs.navigation else {
            continue;
        };
        if cont.kind() == Kind::Complex {
            cx.error_at(
                span,
                "navigation properties belong to entity types, not complex types",
            );
        }
        if let Some(key) = field.attrs.key {
            cx.error_at(key, "a navigation property cannot be the key");
        }
    }
    let mut methods: HashMap<String, Span> = HashMap::new();
    for field in cont.properties().filter(|f| f.attrs.navigation.is_some()) {
        methods.insert(field.rust_name(), field.ident.span());
    }
    for op in &cont.attrs.operations {
        if cont.kind() != Kind::Entity {
            cx.error_at(op.name.span, "bound operations belong to entity types");
        }
        if !is_simple_identifier(&op.name.value) {
            cx.error_at(
                op.name.span,
                format!("`{}` is not an OData operation name: letters, digits and `_`, not starting with a digit", op.name.value),
            );
            continue;
        }
        let method = snake_case(&op.name.value);
        if methods.insert(method.clone(), op.name.span).is_some() {
            cx.error_at(
                op.name.span,
                format!("the navigation method `{method}` is already taken by another navigation property or operation"),
            );
        }
    }
}

fn check_generics(cx: &Ctxt, cont: &Container) {
    let generics = cont.generics;
    if !generics.params.is_empty() {
        cx.error(
            &generics.params,
            "ODataEntity does not support generic parameters: an OData type has one name and one set of properties",
        );
    }
    if let Some(clause) = &generics.where_clause {
        cx.error(clause, "ODataEntity does not support where clauses");
    }
}

fn check_names(cx: &Ctxt, cont: &Container) {
    match &cont.attrs.namespace {
        None if cx.attr_failed() => {}
        None => cx.error(
            cont.ident,
            "missing #[odata(namespace = \"...\")]: every OData type lives in a namespace, e.g. \"microsoft.graph\"",
        ),
        Some(ns) => {
            if ns.value.is_empty() || !ns.value.split('.').all(is_simple_identifier) {
                cx.error_at(
                    ns.span,
                    format!(
                        "`{}` is not an OData namespace: dot-separated identifiers of letters, digits and `_`, not starting with a digit",
                        ns.value
                    ),
                );
            }
        }
    }
    let name = cont.name();
    if !is_simple_identifier(&name) {
        let span = cont
            .attrs
            .name
            .as_ref()
            .map_or(cont.ident.span(), |n| n.span);
        cx.error_at(
            span,
            format!(
                "`{name}` is not an OData type name: letters, digits and `_`, not starting with a digit, at most 128 characters"
            ),
        );
    }
}

fn check_roles(cx: &Ctxt, cont: &Container) {
    let mut base_seen = false;
    let mut extra_seen = false;
    for field in &cont.fields {
        let a = &field.attrs;
        match field.role() {
            Role::Base => {
                let span = a.base.expect("a base field");
                let forbidden = [(a.extra, "extra"), (a.key, "key")];
                single_role(
                    cx,
                    &mut base_seen,
                    span,
                    "a type has at most one #[odata(base)] field: OData has single inheritance",
                    "a #[odata(base)] field",
                    a,
                    &forbidden,
                );
            }
            Role::Extra => {
                let span = a.extra.expect("an extra field");
                let forbidden = [(a.key, "key")];
                single_role(
                    cx,
                    &mut extra_seen,
                    span,
                    "a type has at most one #[odata(extra)] field",
                    "the #[odata(extra)] field",
                    a,
                    &forbidden,
                );
            }
            Role::Property => {
                if let (Some(each), None) = (&a.each, field.each_method()) {
                    cx.error_at(
                        each.span,
                        "`each` applies to collection fields (`Vec<T>` or `Option<Vec<T>>`) only",
                    );
                }
            }
        }
    }
}

/// A field with a role a type has at most once (base, extra): a second one is an error, and so
/// is any attribute that only applies to properties.
fn single_role(
    cx: &Ctxt,
    seen: &mut bool,
    span: Span,
    twice: &str,
    what: &str,
    a: &crate::attr::FieldAttrs,
    forbidden: &[(Option<Span>, &str)],
) {
    if *seen {
        cx.error_at(span, twice);
    }
    *seen = true;
    let property_only = [
        (a.rename.as_ref().map(|r| r.span), "rename"),
        (a.each.as_ref().map(|e| e.span), "each"),
    ];
    for (given, key) in forbidden.iter().chain(&property_only) {
        if let Some(span) = given {
            cx.error_at(*span, format!("`{key}` does not apply to {what}"));
        }
    }
}

fn check_key(cx: &Ctxt, cont: &Container) {
    let keys: Vec<_> = cont.properties().filter_map(|f| f.attrs.key).collect();
    if cont.kind() == Kind::Complex {
        for span in &keys {
            cx.error_at(
                *span,
                "a complex type has no key: remove #[odata(key)] or declare the type `entity`",
            );
        }
        return;
    }
    for span in keys.iter().skip(1) {
        cx.error_at(
            *span,
            "composite keys are not supported: mark one field #[odata(key)]",
        );
    }
    match (keys.first(), cont.base()) {
        (Some(span), Some(_)) => cx.error_at(
            *span,
            "this entity type inherits its key from its #[odata(base)] field: remove #[odata(key)]",
        ),
        (None, None) => cx.error(
            cont.ident,
            "an entity type needs a key: mark a field #[odata(key)], or add a #[odata(base)] field of an entity type such as odata_core::graph::Entity (which gives `id`), or declare the type #[odata(complex)]",
        ),
        _ => {}
    }
}

fn check_property_names(cx: &Ctxt, cont: &Container) {
    let mut seen = HashMap::new();
    for field in cont.properties() {
        let name = field.odata_name();
        if name.is_empty() {
            cx.error_at(field.name_span(), "an OData property name cannot be empty");
            continue;
        }
        if name.starts_with('@') {
            cx.error_at(
                field.name_span(),
                format!("`{name}` starts with `@`, which marks an annotation, not a property; keep annotations in the #[odata(extra)] field"),
            );
            continue;
        }
        if !is_simple_identifier(&name) {
            cx.error_at(
                field.name_span(),
                format!("`{name}` is not an OData property name: letters, digits and `_`, not starting with a digit"),
            );
            continue;
        }
        if let Some(first) = seen.insert(name.clone(), field.ident) {
            cx.error_at(
                field.name_span(),
                format!("two fields are named `{name}` in OData: `{first}` and this one"),
            );
        }
    }
}

fn check_builder_methods(cx: &Ctxt, cont: &Container) {
    let mut seen: HashMap<String, String> = HashMap::new();
    seen.insert("build".into(), "the builder's `build`".into());
    if cont.builder_has_inherited_id() {
        seen.insert("id".into(), "the setter of the inherited key `id`".into());
    }
    for field in &cont.fields {
        if field.role() == Role::Extra {
            continue;
        }
        let mut methods = vec![(field.rust_name(), field.ident.span())];
        if let Some(each) = field.each_method() {
            let span = field
                .attrs
                .each
                .as_ref()
                .map_or(field.ident.span(), |e| e.span);
            methods.push((each.to_string().trim_start_matches("r#").to_owned(), span));
        }
        for (method, span) in methods {
            let owner = format!("the builder method of field `{}`", field.ident);
            if let Some(other) = seen.insert(method.clone(), owner) {
                cx.error_at(
                    span,
                    format!("builder method `{method}` would clash with {other}; rename one with `each = \"...\"` or rename the field"),
                );
            }
        }
    }
}

/// An OData SimpleIdentifier: a letter or `_`, then letters, digits or `_`; at most 128.
fn is_simple_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && s.chars().count() <= 128
}
