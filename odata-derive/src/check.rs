//! Every rule that can reject a derive input, in one place. Each error is spanned at the token
//! that breaks the rule.

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::{Container, Role, Shape};
use crate::attr::{Given, Kind};
use crate::ctxt::Ctxt;

pub fn check(cx: &Ctxt, cont: &Container) {
    check_generics(cx, cont);
    check_names(cx, cont);
    check_delta(cx, cont);
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
    check_type_flags(cx, cont);
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
            (a.contains_target, "contains_target"),
            (a.nullable.as_ref().map(|n| n.span), "nullable"),
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
    check_bindings(cx, cont);
}

/// Navigation property bindings: the path is `/`-separated identifiers (a segment with a `.`
/// is a type cast), the target starts with an entity set or singleton of this container. That
/// the path's first property exists on the entity type is checked at compile time by the
/// expansion (`binds_through`), where the type's model is known.
fn check_bindings(cx: &Ctxt, cont: &Container) {
    let members: Vec<String> = cont.fields.iter().map(|f| f.odata_name()).collect();
    for field in &cont.fields {
        let mut seen = HashMap::new();
        for b in &field.attrs.bindings {
            let path = &b.path.value;
            let valid = !path.is_empty()
                && path
                    .split('/')
                    .all(|seg| !seg.is_empty() && seg.split('.').all(is_simple_identifier));
            if !valid {
                cx.error_at(
                    b.path.span,
                    format!("`{path}` is not a navigation property path: `/`-separated OData identifiers (a type cast as `namespace.type`), such as \"memberOf\" or \"microsoft.graph.user/manager\""),
                );
            } else if path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
            {
                cx.error_at(
                    b.path.span,
                    format!("the path `{path}` ends in a type cast: it must end in a navigation property"),
                );
            }
            if seen.insert(path.clone(), b.path.span).is_some() {
                cx.error_at(
                    b.path.span,
                    format!("a second binding for the path `{path}`"),
                );
            }
            let target = &b.target.value;
            let first = target.split('/').next().unwrap_or_default();
            if !members.iter().any(|m| m == first) {
                cx.error_at(
                    b.target.span,
                    format!(
                        "the binding target `{target}` names no entity set or singleton of this container: it has {}",
                        members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    }
}

/// `open` keeps dynamic properties, so it needs the `extra` field; `has_stream` is for entities;
/// `contains_target` qualifies a navigation property; `nullable` a structural property.
fn check_type_flags(cx: &Ctxt, cont: &Container) {
    if let (Some(span), None) = (cont.attrs.open, cont.extra()) {
        cx.error_at(
            span,
            "an open type keeps its dynamic properties in an #[odata(extra)] field of type odata_core::Extra: add one",
        );
    }
    if let (Some(span), Kind::Complex) = (cont.attrs.has_stream, cont.kind()) {
        cx.error_at(
            span,
            "`has_stream` marks a media entity type; a complex type has no stream",
        );
    }
    for field in cont.properties() {
        if let (Some(span), None) = (field.attrs.contains_target, field.attrs.navigation) {
            cx.error_at(
                span,
                "`contains_target` applies to navigation properties: add `navigation`",
            );
        }
        if let (Some(given), Some(_)) = (&field.attrs.nullable, field.attrs.navigation) {
            if matches!(
                field.shape,
                Shape::Collection(_) | Shape::OptionalCollection(_)
            ) {
                cx.error_at(
                    given.span,
                    "a collection-valued navigation property is never null: remove `nullable`",
                );
            }
        }
        if let (Some(given), Shape::Required | Shape::Collection(_)) =
            (&field.attrs.nullable, field.shape)
        {
            if given.value {
                cx.error_at(
                    given.span,
                    "`nullable = true` needs an `Option` field, which can hold the null",
                );
            }
        }
    }
}

fn check_navigation(cx: &Ctxt, cont: &Container) {
    for field in cont.properties() {
        if field.attrs.navigation.is_none() {
            continue;
        }
        if let Some(key) = field.attrs.key {
            cx.error_at(key, "a navigation property cannot be the key");
        }
    }
    // Each method, with the operation name that took it (`None`: a navigation property).
    let mut methods: HashMap<String, Option<&str>> = HashMap::new();
    for field in cont.properties().filter(|f| f.attrs.navigation.is_some()) {
        methods.insert(field.rust_name(), None);
    }
    let mut collection_methods: HashMap<String, Option<&str>> = HashMap::new();
    for op in &cont.attrs.operations {
        if cont.kind() != Kind::Entity {
            cx.error_at(op.name.span, "bound operations belong to entity types");
        }
        check_binding_parameter(cx, op.binding_parameter.as_ref());
        if let (Some(span), None) = (op.nullable_return, &op.returns) {
            cx.error_at(
                span,
                "`nullable_return` needs a return type: add `returns = ...`",
            );
        }
        if !is_simple_identifier(&op.name.value) {
            cx.error_at(
                op.name.span,
                format!("`{}` is not an OData operation name: letters, digits and `_`, not starting with a digit", op.name.value),
            );
            continue;
        }
        if let Some(ns) = &op.namespace {
            if ns.value.is_empty() || !ns.value.split('.').all(is_simple_identifier) {
                cx.error_at(
                    ns.span,
                    format!("`{}` is not an OData namespace: dot-separated identifiers, such as \"microsoft.graph.security\"", ns.value),
                );
            }
        }
        if let Some(m) = &op.method {
            if !is_method_name(&m.value) {
                cx.error_at(
                    m.span,
                    format!("`{}` is not a Rust method name: a snake_case identifier (letters, digits and `_`, not starting with a digit)", m.value),
                );
                continue;
            }
        }
        let method = op.method_name();
        let span = op.method_span();
        // Operations bound to the collection are methods of another struct (the collection's).
        let name = Some(op.name.value.as_str());
        let taken = if op.collection.is_some() {
            collection_methods.insert(method.clone(), name)
        } else {
            methods.insert(method.clone(), name)
        };
        if let Some(holder) = taken {
            let hint = if holder == name {
                " (overloads of one operation name each need their own `method = \"...\"`)"
            } else {
                ""
            };
            cx.error_at(
                span,
                format!("the navigation method `{method}` is already taken by another navigation property or operation{hint}"),
            );
        }
        if op.collection.is_some() && COLLECTION_PATH_METHODS.contains(&method.as_str()) {
            cx.error_at(
                span,
                format!("`{method}` is a method of every collection path: an operation bound to the collection cannot be named so"),
            );
        }
    }
}

/// `binding_parameter = "..."`: a CSDL SimpleIdentifier.
fn check_binding_parameter(cx: &Ctxt, given: Option<&Given<String>>) {
    let Some(b) = given else { return };
    if b.value.is_empty() {
        cx.error_at(
            b.span,
            "the binding parameter's name is empty: name it (such as \"this\"), or leave `binding_parameter` out for \"bindingParameter\"",
        );
    } else if !is_simple_identifier(&b.value) {
        cx.error_at(
            b.span,
            format!("`{}` is not an OData parameter name: letters, digits and `_`, not starting with a digit", b.value),
        );
    }
}

/// `delta` or `delta(...)`: on an entity type, with a valid name, namespace and binding
/// parameter.
fn check_delta(cx: &Ctxt, cont: &Container) {
    let Some(d) = &cont.attrs.delta else { return };
    if cont.kind() != Kind::Entity {
        cx.error_at(
            d.span,
            "`delta` belongs to entity types: a delta function is bound to the collection of an entity type",
        );
    }
    if cont.attrs.keyless.is_some() {
        // A delta response tells changed and removed entities apart by their keys.
        cx.error_at(
            d.span,
            "`delta` needs a key: a delta response names changed and removed entities by their keys, and a `keyless` entity type has none",
        );
    }
    if let Some(name) = &d.name {
        if !is_simple_identifier(&name.value) {
            cx.error_at(
                name.span,
                format!("`{}` is not an OData operation name: letters, digits and `_`, not starting with a digit", name.value),
            );
        }
    }
    if let Some(ns) = &d.namespace {
        if ns.value.is_empty() || !ns.value.split('.').all(is_simple_identifier) {
            cx.error_at(
                ns.span,
                format!("`{}` is not an OData namespace: dot-separated identifiers, such as \"microsoft.graph\"", ns.value),
            );
        }
    }
    check_binding_parameter(cx, d.binding_parameter.as_ref());
}

/// A method name given by `method = "..."`: lowercase letters, digits and `_`, not starting
/// with a digit (a keyword becomes a raw identifier, as operation names do).
fn is_method_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name != "_"
}

/// The methods of `request::CollectionPath` (with its delta queries), which would hide an
/// operation bound to the collection of the same name.
const COLLECTION_PATH_METHODS: &[&str] =
    &["by_id", "list", "create", "path", "delta", "delta_from"];

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
    check_type_names(
        cx,
        cont.ident,
        cont.attrs.namespace.as_ref(),
        cont.attrs.name.as_ref(),
        &cont.name(),
    );
}

/// The namespace and name of a type (structured or enumeration): the namespace is given and
/// is dot-separated identifiers, the name is an identifier; errors at the attribute that gave
/// them, or at the Rust type's name.
fn check_type_names(
    cx: &Ctxt,
    ident: &syn::Ident,
    namespace: Option<&Given<String>>,
    name_attr: Option<&Given<String>>,
    name: &str,
) {
    match namespace {
        None if cx.attr_failed() => {}
        None => cx.error(
            ident,
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
    if !is_simple_identifier(name) {
        let span = name_attr.map_or(ident.span(), |n| n.span);
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
        for b in &a.bindings {
            cx.error_at(
                b.path.span,
                "`binding` applies to an entity container's entity sets and singletons: declare it on the container's field",
            );
        }
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
    if let (Some(span), Kind::Complex) = (cont.attrs.keyless, cont.kind()) {
        cx.error_at(
            span,
            "`keyless` applies to entity types; a complex type never has a key",
        );
    }
    if cont.kind() == Kind::Complex {
        for span in &keys {
            cx.error_at(
                *span,
                "a complex type has no key: remove #[odata(key)] or declare the type `entity`",
            );
        }
        return;
    }
    if let Some(span) = cont.attrs.keyless {
        // Services such as Graph declare singletons' types without a key.
        if let Some(key) = keys.first() {
            cx.error_at(
                *key,
                "a `keyless` entity type has no key: remove #[odata(key)] or `keyless`",
            );
        }
        if cont.base().is_some() {
            cx.error_at(
                span,
                "`keyless` is for entity types without a base; a derived type has its base's key",
            );
        }
        return;
    }
    // A key beside a base is checked where the base's `EntityType::KEYED` is known: the base
    // must have none (`model::impls`).
    if keys.is_empty() && cont.base().is_none() {
        cx.error(
            cont.ident,
            "an entity type needs a key: mark a field #[odata(key)], or add a #[odata(base)] field of an entity type such as odata_core::graph::Entity (which gives `id`), or declare the type #[odata(complex)] (or #[odata(keyless)] for an entity type a service declares without a key, such as a singleton's)",
        );
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

/// The catch-all variant of an enumeration type: `#[odata(other)] Other(String)`, once.
pub fn check_other_variant(
    cx: &Ctxt,
    variant: &syn::Variant,
    attrs: &crate::attr::VariantAttrs,
    span: Span,
    already: bool,
) {
    if already {
        cx.error_at(
            span,
            "an enumeration type has at most one #[odata(other)] variant",
        );
    }
    match &variant.fields {
        syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            let ty = &fields.unnamed[0].ty;
            let is_string = matches!(ty, syn::Type::Path(p) if p.qself.is_none()
                && p.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_empty()));
            if !is_string {
                cx.error(
                    ty,
                    "the #[odata(other)] variant holds the unknown member's name: its field is a `String`",
                );
            }
        }
        _ => cx.error_at(
            variant.ident.span(),
            "the #[odata(other)] variant keeps the name of a member the model does not know: write it as `Other(String)`",
        ),
    }
    if let Some((_, expr)) = &variant.discriminant {
        cx.error(expr, "the #[odata(other)] variant has no value");
    }
    for (given, key) in [
        (attrs.rename.as_ref().map(|r| r.span), "rename"),
        (attrs.value.as_ref().map(|v| v.span), "value"),
    ] {
        if let Some(span) = given {
            cx.error_at(
                span,
                format!("`{key}` does not apply to the #[odata(other)] variant, which stands for members the model does not know"),
            );
        }
    }
}

/// Every rule of an enumeration type.
pub fn check_enum(cx: &Ctxt, e: &crate::ast::EnumType) {
    if !e.generics.params.is_empty() {
        cx.error(
            &e.generics.params,
            "ODataEnum does not support generic parameters",
        );
    }
    check_type_names(
        cx,
        e.ident,
        e.attrs.namespace.as_ref(),
        e.attrs.name.as_ref(),
        &e.name(),
    );
    let range = match e.underlying() {
        "Byte" => Some((0, u8::MAX as i128)),
        "SByte" => Some((i8::MIN as i128, i8::MAX as i128)),
        "Int16" => Some((i16::MIN as i128, i16::MAX as i128)),
        "Int32" => Some((i32::MIN as i128, i32::MAX as i128)),
        "Int64" => Some((i64::MIN as i128, i64::MAX as i128)),
        other => {
            let span = e
                .attrs
                .underlying
                .as_ref()
                .map_or(e.ident.span(), |u| u.span);
            let flags = if e.attrs.flags.is_some() {
                "a flags enum's members combine as bits, so "
            } else {
                ""
            };
            cx.error_at(
                span,
                format!("`{other}` cannot underlie an enumeration type: {flags}the underlying type is one of Byte, SByte, Int16, Int32, Int64"),
            );
            None
        }
    };
    if e.members.is_empty() {
        cx.error(
            e.ident,
            "an enumeration type needs at least one member (a unit variant)",
        );
    }
    let values = e.values();
    let mut names: HashMap<String, ()> = HashMap::new();
    let mut seen_values: HashMap<i128, String> = HashMap::new();
    for (member, value) in e.members.iter().zip(values) {
        let name = member.odata_name();
        if !is_simple_identifier(&name) {
            cx.error_at(member.name_span(), format!("`{name}` is not an OData enumeration member name: letters, digits and `_`, not starting with a digit"));
        } else if names.insert(name.clone(), ()).is_some() {
            cx.error_at(
                member.name_span(),
                format!("two members are named `{name}`"),
            );
        }
        let value_span = member
            .explicit
            .as_ref()
            .map_or(member.variant.ident.span(), |v| v.span);
        if e.attrs.flags.is_some() {
            match &member.explicit {
                None => cx.error_at(
                    member.variant.ident.span(),
                    "a flags enum's member needs an explicit value, a bit or a combination of bits: `= 4` or #[odata(value = 4)]",
                ),
                Some(v) if v.value < 0 => cx.error_at(v.span, "a flags enum's member values are not negative"),
                _ => {}
            }
        }
        if let Some((min, max)) = range {
            if value < min || value > max {
                cx.error_at(
                    value_span,
                    format!(
                        "{value} does not fit the underlying type Edm.{} ({min}..={max})",
                        e.underlying()
                    ),
                );
            }
        }
        if let Some(first) = seen_values.insert(value, name.clone()) {
            cx.error_at(
                value_span,
                format!("the value {value} is already the value of member `{first}`"),
            );
        }
    }
}

/// Every rule of a polymorphic enum.
pub fn check_polymorphic(cx: &Ctxt, poly: &crate::ast::Polymorphic) {
    if !poly.generics.params.is_empty() {
        cx.error(
            &poly.generics.params,
            "ODataEntity does not support generic parameters",
        );
    }
    let a = &poly.attrs;
    let not_a_type = "does not apply to a polymorphic enum, which is not an OData type of its own: it holds values of its #[odata(base)] variant's type and of subtypes";
    for (span, key) in [
        (a.namespace.as_ref().map(|n| n.span), "namespace"),
        (a.name.as_ref().map(|n| n.span), "name"),
        (
            a.kind.as_ref().map(|k| k.span),
            "entity, complex or container",
        ),
        (a.is_abstract, "abstract"),
    ] {
        if let Some(span) = span {
            cx.error_at(span, format!("`{key}` {not_a_type}"));
        }
    }
    if let Some(op) = a.operations.first() {
        cx.error_at(op.name.span, format!("bound operations {not_a_type}"));
    }
    if let Some(d) = &a.delta {
        cx.error_at(d.span, format!("`delta` {not_a_type}"));
    }
    let mut bases = poly.variants.iter().filter(|v| v.attrs.base.is_some());
    if bases.next().is_none() && !cx.attr_failed() {
        cx.error(
            poly.ident,
            "a polymorphic enum needs one #[odata(base)] variant holding the declared base type: it reads values of that type, and of subtypes the model does not know",
        );
    }
    for extra in bases {
        cx.error_at(
            extra.attrs.base.expect("a base variant"),
            "a polymorphic enum has one #[odata(base)] variant",
        );
    }
    let mut types: HashMap<String, &syn::Ident> = HashMap::new();
    for v in &poly.variants {
        let f = &v.attrs;
        for (span, key) in [
            (f.rename.as_ref().map(|r| r.span), "rename"),
            (f.key, "key"),
            (f.extra, "extra"),
            (f.each.as_ref().map(|e| e.span), "each"),
            (f.navigation, "navigation"),
        ] {
            if let Some(span) = span {
                cx.error_at(span, format!("`{key}` does not apply to a variant of a polymorphic enum; a variant takes #[odata(base)] only"));
            }
        }
        let ty = {
            let t = v.ty;
            quote::quote!(#t).to_string()
        };
        if let Some(first) = types.insert(ty.clone(), v.ident) {
            cx.error(
                v.ty,
                format!("two variants hold the OData type of `{ty}`: `{first}` and this one; each subtype has one variant"),
            );
        }
    }
}
