//! The derive input turned into the macro's own model of OData concepts: a structured type
//! (entity or complex) with a base, a key, properties and a place for unknown members.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{self, ContainerAttrs, FieldAttrs, Given, Kind};
use crate::ctxt::Ctxt;

pub struct Container<'a> {
    pub ident: &'a Ident,
    /// The struct's visibility, which every generated struct takes: a generated struct may
    /// name the base type, so it must not be more visible than the user's own.
    pub vis: &'a syn::Visibility,
    pub generics: &'a syn::Generics,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
    pub shape: Shape<'a>,
}

/// What the field's Rust type looks like, as far as the builder cares.
#[derive(Clone, Copy)]
pub enum Shape<'a> {
    /// `Option<T>`: optional, set with `impl Into<T>`.
    Optional(&'a Type),
    /// `Option<Vec<T>>`: optional collection.
    OptionalCollection(&'a Type),
    /// `Vec<T>`: collection, empty by default.
    Collection(&'a Type),
    /// Anything else: required.
    Required,
}

/// What a field stands for in the OData model.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Property,
    Base,
    Extra,
}

impl<'a> Container<'a> {
    /// Reads the input; `None` when it is not a struct with named fields (the error is recorded).
    pub fn from_input(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::container(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(fields) => {
                    cx.error(
                        fields,
                        "ODataEntity needs named fields: OData properties have names",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error(
                        &input.ident,
                        "ODataEntity needs a struct with named fields, not a unit struct",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error(
                    data.enum_token,
                    "ODataEntity can only be derived for structs with named fields, not enums",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error(
                    data.union_token,
                    "ODataEntity can only be derived for structs with named fields, not unions",
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .map(|f| Field {
                ident: f.ident.as_ref().expect("named field"),
                ty: &f.ty,
                attrs: attr::field(cx, &f.attrs),
                shape: Shape::of(&f.ty),
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            attrs,
            fields,
        })
    }

    pub fn kind(&self) -> Kind {
        self.attrs.kind.as_ref().map_or(Kind::Entity, |k| k.value)
    }

    pub fn namespace(&self) -> &str {
        self.attrs.namespace.as_ref().map_or("", |n| &n.value)
    }

    /// The OData type name: given, or the struct name in lowerCamelCase.
    pub fn name(&self) -> String {
        match &self.attrs.name {
            Some(Given { value, .. }) => value.clone(),
            None => lower_first(&self.rust_name()),
        }
    }

    /// The struct's name without `r#`.
    pub fn rust_name(&self) -> String {
        unraw(self.ident)
    }

    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace(), self.name())
    }

    /// The path through which generated code reaches the runtime's hidden module.
    pub fn private(&self) -> TokenStream {
        private_path(self.attrs.krate.as_ref())
    }

    pub fn base(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.role() == Role::Base)
    }

    pub fn extra(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.role() == Role::Extra)
    }

    pub fn key(&self) -> Option<&Field<'a>> {
        self.properties().find(|f| f.attrs.key.is_some())
    }

    /// The key properties, in declaration order (more than one for a composite key).
    pub fn keys(&self) -> impl Iterator<Item = &Field<'a>> {
        self.properties().filter(|f| f.attrs.key.is_some())
    }

    pub fn properties(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| f.role() == Role::Property)
    }

    /// Whether the builder has an `id` setter for a key inherited from the base (a type with
    /// a key of its own sets it through that field's setter).
    pub fn builder_has_inherited_id(&self) -> bool {
        self.kind() == Kind::Entity && self.base().is_some() && self.key().is_none()
    }
}

impl Field<'_> {
    pub fn role(&self) -> Role {
        if self.attrs.base.is_some() {
            Role::Base
        } else if self.attrs.extra.is_some() {
            Role::Extra
        } else {
            Role::Property
        }
    }

    /// The OData property name: renamed, or the field name (without `r#`) in lowerCamelCase.
    pub fn odata_name(&self) -> String {
        match &self.attrs.rename {
            Some(Given { value, .. }) => value.clone(),
            None => lower_camel(&self.rust_name()),
        }
    }

    pub fn rust_name(&self) -> String {
        unraw(self.ident)
    }

    /// The span errors about this field's OData name point at.
    pub fn name_span(&self) -> Span {
        self.attrs
            .rename
            .as_ref()
            .map_or_else(|| self.ident.span(), |r| r.span)
    }

    /// What a navigation property (or container member) leads to: a collection of `T`
    /// (`Vec<T>`, `Option<Vec<T>>`) or one `T` (`Option<T>`, `T`).
    /// A `Box<T>` (a type that holds itself, such as a user's manager) leads to `T`.
    pub fn navigation_target(&self) -> (bool, &Type) {
        let (many, ty) = match self.shape {
            Shape::Collection(item) | Shape::OptionalCollection(item) => (true, item),
            Shape::Optional(item) => (false, item),
            Shape::Required => (false, self.ty),
        };
        (many, generic_arg(ty, "Box").unwrap_or(ty))
    }

    /// The builder method that adds one item to a collection.
    pub fn each_method(&self) -> Option<Ident> {
        match self.shape {
            Shape::Collection(_) | Shape::OptionalCollection(_) => Some(
                self.attrs
                    .each
                    .as_ref()
                    .map(|e| e.value.clone())
                    .unwrap_or_else(|| format_ident!("push_{}", self.rust_name())),
            ),
            _ => None,
        }
    }
}

impl<'a> Shape<'a> {
    fn of(ty: &'a Type) -> Self {
        if let Some(inner) = generic_arg(ty, "Option") {
            match generic_arg(inner, "Vec") {
                Some(item) => Shape::OptionalCollection(item),
                None => Shape::Optional(inner),
            }
        } else if let Some(item) = generic_arg(ty, "Vec") {
            Shape::Collection(item)
        } else {
            Shape::Required
        }
    }
}

/// `T` when `ty` is `Wrapper<T>` (by the last path segment: `Option`, `std::option::Option`).
fn generic_arg<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// An identifier's name without `r#`.
fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The path through which generated code reaches the runtime's hidden module: the `crate`
/// override's, or `::odata_core`'s.
fn private_path(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::odata_core::__private),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `generateKey` -> `generate_key`, `uploadPkcs12` -> `upload_pkcs12`.
pub fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut previous_lower = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// `key_id` -> `keyId`, `x5c` -> `x5c`, `type_` -> `type`.
pub fn lower_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('_').filter(|p| !p.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(&lower_first(part));
        } else {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// A `#[derive(ODataEnum)]` input: an OData enumeration type.
pub struct EnumType<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    pub attrs: crate::attr::EnumAttrs,
    pub members: Vec<Member<'a>>,
    /// The catch-all variant (`#[odata(other)] Other(String)`) that keeps unknown members.
    pub other: Option<&'a syn::Variant>,
}

/// One member of an enumeration type: a unit variant.
pub struct Member<'a> {
    pub variant: &'a syn::Variant,
    pub attrs: crate::attr::VariantAttrs,
    /// The explicit value, from `= 4` or `#[odata(value = 4)]`, with its span.
    pub explicit: Option<Given<i128>>,
}

impl<'a> EnumType<'a> {
    pub fn from_input(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::enum_type(cx, &input.attrs);
        let Data::Enum(data) = &input.data else {
            let token = match &input.data {
                Data::Struct(s) => s.struct_token.span,
                Data::Union(u) => u.union_token.span,
                Data::Enum(_) => unreachable!(),
            };
            cx.error_at(
                token,
                "ODataEnum derives an OData enumeration type from a Rust enum of unit variants; use ODataEntity for structured types",
            );
            return None;
        };
        let mut members = Vec::new();
        let mut other = None;
        for variant in &data.variants {
            let vattrs = attr::variant(cx, &variant.attrs);
            if let Some(span) = vattrs.other {
                crate::check::check_other_variant(cx, variant, &vattrs, span, other.is_some());
                other = Some(variant);
                continue;
            }
            if !matches!(variant.fields, Fields::Unit) {
                cx.error(
                    &variant.fields,
                    "an enumeration member carries no data: only the #[odata(other)] variant holds a value (the name of a member the model does not know)",
                );
                continue;
            }
            let discriminant = variant.discriminant.as_ref().map(|(_, expr)| expr);
            let from_discriminant = match discriminant {
                Some(expr) => match attr::integer(expr) {
                    Some(value) => Some(Given {
                        value,
                        span: syn::spanned::Spanned::span(expr),
                    }),
                    None => {
                        cx.error(expr, "the member's value must be an integer literal");
                        None
                    }
                },
                None => None,
            };
            if let (Some(_), Some(given)) = (&from_discriminant, &vattrs.value) {
                cx.error_at(
                    given.span,
                    "the value is given twice: as the discriminant and as #[odata(value)]",
                );
            }
            let explicit = from_discriminant.or_else(|| vattrs.value.clone());
            members.push(Member {
                variant,
                attrs: vattrs,
                explicit,
            });
        }
        Some(EnumType {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            members,
            other,
        })
    }

    pub fn rust_name(&self) -> String {
        unraw(self.ident)
    }

    pub fn name(&self) -> String {
        match &self.attrs.name {
            Some(Given { value, .. }) => value.clone(),
            None => lower_first(&self.rust_name()),
        }
    }

    pub fn namespace(&self) -> &str {
        self.attrs.namespace.as_ref().map_or("", |n| &n.value)
    }

    pub fn private(&self) -> TokenStream {
        private_path(self.attrs.krate.as_ref())
    }

    /// The underlying integer type's Edm name (`Int32` unless given).
    pub fn underlying(&self) -> &str {
        self.attrs.underlying.as_ref().map_or("Int32", |u| &u.value)
    }

    /// Every member's value: explicit, or one more than the previous member's (0 first).
    pub fn values(&self) -> Vec<i128> {
        let mut next = 0;
        self.members
            .iter()
            .map(|m| {
                let value = m.explicit.as_ref().map_or(next, |e| e.value);
                next = value + 1;
                value
            })
            .collect()
    }
}

impl Member<'_> {
    pub fn odata_name(&self) -> String {
        match &self.attrs.rename {
            Some(Given { value, .. }) => value.clone(),
            None => lower_first(&unraw(&self.variant.ident)),
        }
    }

    pub fn name_span(&self) -> Span {
        self.attrs
            .rename
            .as_ref()
            .map_or_else(|| self.variant.ident.span(), |r| r.span)
    }
}

/// `#[derive(ODataEntity)]` on an enum: a polymorphic value of a base type, one variant per
/// subtype and the `#[odata(base)]` variant for the base type itself.
pub struct Polymorphic<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    pub attrs: ContainerAttrs,
    pub variants: Vec<PolyVariant<'a>>,
}

pub struct PolyVariant<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
}

impl<'a> Polymorphic<'a> {
    pub fn from_input(cx: &Ctxt, input: &'a DeriveInput, data: &'a syn::DataEnum) -> Self {
        let attrs = attr::container(cx, &input.attrs);
        let mut variants = Vec::new();
        for variant in &data.variants {
            let vattrs = attr::field(cx, &variant.attrs);
            match &variant.fields {
                Fields::Unnamed(fields) if fields.unnamed.len() == 1 => variants.push(PolyVariant {
                    ident: &variant.ident,
                    ty: &fields.unnamed[0].ty,
                    attrs: vattrs,
                }),
                _ => cx.error(
                    &variant.ident,
                    "each variant of a polymorphic enum holds one derived type, such as `User(User)`; for an OData enumeration type, derive ODataEnum",
                ),
            }
        }
        Polymorphic {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            variants,
        }
    }

    pub fn private(&self) -> TokenStream {
        private_path(self.attrs.krate.as_ref())
    }

    pub fn base(&self) -> Option<&PolyVariant<'a>> {
        self.variants.iter().find(|v| v.attrs.base.is_some())
    }

    pub fn subtypes(&self) -> impl Iterator<Item = &PolyVariant<'a>> {
        self.variants.iter().filter(|v| v.attrs.base.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::{lower_camel, snake_case};

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("generateKey"), "generate_key");
        assert_eq!(snake_case("uploadPkcs12"), "upload_pkcs12");
        assert_eq!(snake_case("getActiveKey"), "get_active_key");
        assert_eq!(snake_case("keySets"), "key_sets");
    }

    #[test]
    fn lower_camel_case_names() {
        assert_eq!(lower_camel("key_id"), "keyId");
        assert_eq!(lower_camel("x5c"), "x5c");
        assert_eq!(lower_camel("type_"), "type");
        assert_eq!(lower_camel("display_name_2"), "displayName2");
        assert_eq!(lower_camel("Already"), "already");
    }
}
