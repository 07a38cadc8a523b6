//! Generates what the request builders read: the field list (`HasFields`: one `Property` per
//! property, typed with its value type for `$filter`, untyped for `$select`, `$orderby` and
//! `$expand`; `Operand`, which makes the type a complex operand in `any`/`all`) and the navigation struct
//! (`Navigable`: one method per navigation property, entity set or singleton, and per bound
//! action or function).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Container, Role};
use crate::attr::Kind;

pub fn fields(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    let fields = format_ident!("__{}Fields", cont.rust_name());
    let vis = cont.vis;
    let mut members = Vec::new();
    let mut inits = Vec::new();
    for f in cont.properties() {
        let member = f.ident;
        let name = f.odata_name();
        // The value type `$filter` checks against: the item without `Option` and `Box`, in a
        // `Vec` for a collection (one type for navigation and structural properties alike).
        let (many, item) = f.navigation_target();
        // A navigation holding a polymorphic enum is filtered and expanded as its base.
        let item = if f.attrs.navigation.is_some() {
            quote_spanned!(item.span()=> <#item as #p::DeclaredType>::Declared)
        } else {
            quote!(#item)
        };
        let value = if many {
            quote!(#p::Vec<#item>)
        } else {
            quote!(#item)
        };
        if f.attrs.navigation.is_some() {
            members.push(quote!(pub #member: #p::Nav<__M, #value>,));
            inits.push(quote!(#member: #p::NavigationProperty::__new(#name),));
        } else {
            members.push(quote!(pub #member: #p::Field<__M, #value>,));
            inits.push(quote!(#member: #p::Property::__new(#name),));
        }
    }
    let (base_member, base_init, deref) = match cont.base() {
        Some(base) => {
            let ty = base.ty;
            let target = quote_spanned!(ty.span()=> <#ty as #p::HasFields>::Fields<__M>);
            (
                quote_spanned!(ty.span()=> __base: #target,),
                quote_spanned!(ty.span()=> __base: <#target as #p::FieldList>::FIELDS,),
                quote_spanned! {ty.span()=>
                    impl<__M: #p::Mode> #p::Deref for #fields<__M> {
                        type Target = #target;
                        fn deref(&self) -> &#target {
                            &self.__base
                        }
                    }
                },
            )
        }
        None => (quote!(), quote!(), quote!()),
    };
    // A type without properties or base (only unknown members) still takes the mode.
    let (mode_member, mode_init) = if members.is_empty() && cont.base().is_none() {
        (
            quote!(__mode: #p::PhantomData<__M>,),
            quote!(__mode: #p::PhantomData,),
        )
    } else {
        (quote!(), quote!())
    };
    quote! {
        #[doc(hidden)]
        #vis struct #fields<__M: #p::Mode> {
            #base_member
            #mode_member
            #(#members)*
        }
        #deref
        impl<__M: #p::Mode> #p::FieldList for #fields<__M> {
            const FIELDS: Self = #fields { #base_init #mode_init #(#inits)* };
        }
        #[automatically_derived]
        impl #p::HasFields for #ident {
            type Fields<__M: #p::Mode> = #fields<__M>;
        }
        #[automatically_derived]
        impl #p::Operand for #ident {
            type Kind = #p::Complex<Self>;
        }
    }
}

pub fn navigation(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    let nav = format_ident!("__{}Nav", cont.rust_name());
    let vis = cont.vis;
    let namespace = cont.namespace();

    let base = cont
        .base()
        .filter(|_| cont.kind() == Kind::Entity)
        .map(|base| {
            let ty = base.ty;
            (
                quote_spanned!(ty.span()=> <#ty as #p::Navigable>::Nav),
                ty.span(),
            )
        });

    let mut methods = Vec::new();
    for f in &cont.fields {
        let is_nav = cont.kind() == Kind::Container
            || (f.role() == Role::Property && f.attrs.navigation.is_some());
        if !is_nav {
            continue;
        }
        let member = f.ident;
        let name = f.odata_name();
        let doc = format!("The `{name}` navigation.");
        let (collection, item) = f.navigation_target();
        // An expanded navigation may hold `AnyT`; its path addresses the declared `T`.
        let item = quote_spanned!(item.span()=> <#item as #p::DeclaredType>::Declared);
        let path = if collection {
            quote!(#p::CollectionPath)
        } else {
            quote!(#p::EntityPath)
        };
        let method = quote_spanned! {item.span()=>
            #[doc = #doc]
            #[inline]
            pub fn #member(&self) -> #path<#item> {
                #p::assert_entity::<#item>();
                #path::__new(#p::NavPath::__path(self).child(#name))
            }
        };
        methods.push(method);
    }
    let mut collection_methods = Vec::new();
    for op in &cont.attrs.operations {
        let method = operation_method(&p, namespace, op);
        if op.collection.is_some() {
            collection_methods.push(method);
        } else {
            methods.push(method);
        }
    }
    let (collection_nav, collection_items) = collection_navigation(cont, collection_methods);
    let container = (cont.kind() == Kind::Container).then(|| {
        let rust_name = cont.rust_name();
        let namespace = cont.namespace();
        let name = cont.name();
        let qualified = cont.qualified_name();
        let members = cont.fields.iter().map(|f| {
            let member = f.odata_name();
            let (collection, ty) = f.navigation_target();
            let kind = if collection {
                quote!(#p::ContainerMemberKind::EntitySet)
            } else {
                quote!(#p::ContainerMemberKind::Singleton)
            };
            let entity_type = quote_spanned!(ty.span()=> #p::type_info::<#ty>);
            let bindings = f.attrs.bindings.iter().map(|b| {
                let (path, target) = (&b.path.value, &b.target.value);
                quote!(#p::NavigationBinding { path: #path, target: #target })
            });
            quote! {
                #p::ContainerMember {
                    name: #member,
                    kind: #kind,
                    entity_type: #entity_type,
                    bindings: &[#(#bindings),*],
                }
            }
        });
        // The first property of each binding path (after no type cast) is declared by the
        // member's entity type: checked where its model is known, at compile time.
        let p = &p;
        let binding_checks = cont.fields.iter().flat_map(|f| {
            let (_, ty) = f.navigation_target();
            f.attrs.bindings.iter().filter_map(move |b| {
                let first = b.path.value.split('/').next()?;
                if first.contains('.') {
                    return None;
                }
                let message = format!(
                    "the binding path `{}` starts with `{first}`, which is no navigation or structured property of the entity set's type `{}`",
                    b.path.value,
                    quote!(#ty).to_string().replace(' ', "")
                );
                let info = quote_spanned!(ty.span()=> <#ty as #p::StructuredType>::TYPE);
                Some(quote_spanned! {b.path.span=>
                    ::core::assert!(#p::binds_through(#info, #first), #message);
                })
            })
        }).collect::<Vec<_>>();
        quote! {
            #[automatically_derived]
            impl #p::EntityContainer for #ident {
                const CONTAINER: &'static #p::ContainerInfo = &#p::ContainerInfo {
                    rust_name: #rust_name,
                    namespace: #namespace,
                    name: #name,
                    qualified_name: #qualified,
                    members: &[#(#members),*],
                };
            }
            const _: () = {
                #(#binding_checks)*
            };
        }
    });
    let nav_items = nav_struct(&p, vis, &nav, base, &methods);
    // `delta`: the collection paths' `delta()` and `delta_from(link)` (the model has the
    // function too, see `model.rs`).
    let delta = cont.attrs.delta.as_ref().map(|d| {
        let namespace = d
            .namespace
            .as_ref()
            .map_or(namespace, |ns| ns.value.as_str());
        let name = d.name.as_ref().map(|n| {
            let name = &n.value;
            quote!(const DELTA_NAME: &'static str = #name;)
        });
        quote_spanned! {d.span=>
            #[automatically_derived]
            impl #p::DeltaFunction for #ident {
                const DELTA_NAMESPACE: &'static str = #namespace;
                #name
            }
        }
    });
    quote! {
        #nav_items
        #[automatically_derived]
        impl #p::Navigable for #ident {
            type Nav = #nav;
            #collection_nav
        }
        #collection_items
        #container
        #delta
    }
}

/// The navigation struct `nav` (a resource path, or the base type's navigation struct that it
/// derefs to, spanned at the base field) with its methods: for a type's entity paths and for
/// its collection paths alike.
fn nav_struct(
    p: &TokenStream,
    vis: &syn::Visibility,
    nav: &syn::Ident,
    base: Option<(TokenStream, proc_macro2::Span)>,
    methods: &[TokenStream],
) -> TokenStream {
    let (inner, deref) = match base {
        Some((target, span)) => {
            let deref = quote_spanned! {span=>
                impl #p::Deref for #nav {
                    type Target = #target;
                    #[inline]
                    fn deref(&self) -> &Self::Target {
                        &self.0
                    }
                }
            };
            (target, deref)
        }
        None => (quote!(#p::ResourcePath), quote!()),
    };
    quote! {
        #[doc(hidden)]
        #vis struct #nav(#inner);
        impl #p::NavPath for #nav {
            #[inline]
            fn __from_path(__path: #p::ResourcePath) -> Self {
                #nav(<#inner as #p::NavPath>::__from_path(__path))
            }
            #[inline]
            fn __path(&self) -> &#p::ResourcePath {
                <#inner as #p::NavPath>::__path(&self.0)
            }
        }
        #deref
        impl #nav {
            #(#methods)*
        }
    }
}

/// `T` when `ty` is written `Vec<T>` (or `std::vec::Vec<T>`): a collection result.
fn vec_item(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != "Vec" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(item)) if args.args.len() == 1 => Some(item),
        _ => None,
    }
}

/// The method of one bound operation, on the navigation struct of an entity or of a collection.
fn operation_method(p: &TokenStream, namespace: &str, op: &crate::attr::Operation) -> TokenStream {
    let namespace = op
        .namespace
        .as_ref()
        .map_or(namespace, |ns| ns.value.as_str());
    let name = &op.name.value;
    let method = method_ident(&op.method_name(), op.method_span());
    // A `Vec<T>` result is read page by page; any other is unwrapped from `{"value": ...}`
    // unless it is structured (see `request::Returned`).
    let returns = match &op.returns {
        Some(ty) => match vec_item(ty) {
            Some(item) => quote_spanned!(ty.span()=> #p::ValuesOf<#item>),
            None => quote_spanned!(ty.span()=> #p::Returned<#ty>),
        },
        None => quote!(#p::NoContent),
    };
    let kind = if op.function { "function" } else { "action" };
    let doc = format!("The bound {kind} `{namespace}.{name}`.");
    match (&op.parameters, op.function) {
        (Some(params), true) => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self, parameters: &#params) -> #p::Result<#p::Request<#returns>, #p::RequestError> {
                #p::function_with_parameters(#p::NavPath::__path(self), #namespace, #name, parameters)
            }
        },
        (None, true) => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> #p::Result<#p::Request<#returns>, #p::RequestError> {
                #p::function(#p::NavPath::__path(self), #namespace, #name)
            }
        },
        (Some(params), false) => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self, parameters: &#params) -> #p::Result<#p::Request<#returns>, #p::RequestError> {
                #[allow(unused_imports)]
                use #p::{PlainParameters as _, StructuredParameters as _};
                (&#p::Parameters::<#params>::new()).__action(#p::NavPath::__path(self), #namespace, #name, parameters)
            }
        },
        (None, false) => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> #p::Result<#p::Request<#returns>, #p::RequestError> {
                #p::action_without_parameters(#p::NavPath::__path(self), #namespace, #name)
            }
        },
    }
}

/// The `CollectionNav` of `Navigable`: for a type that declares operations bound to its
/// collection, a struct with one method each (dereferencing to its base type's, so operations
/// bound to a base collection apply to a subtype's collections); otherwise the base type's, or
/// none.
fn collection_navigation(
    cont: &Container,
    methods: Vec<TokenStream>,
) -> (TokenStream, TokenStream) {
    let p = cont.private();
    let base = cont
        .base()
        .filter(|_| cont.kind() == Kind::Entity)
        .map(|base| {
            let ty = base.ty;
            quote_spanned!(ty.span()=> <#ty as #p::Navigable>::CollectionNav)
        });
    if methods.is_empty() {
        let target = base.unwrap_or_else(|| quote!(#p::NoCollectionOperations));
        return (quote!(type CollectionNav = #target;), quote!());
    }
    let nav = format_ident!("__{}CollectionNav", cont.rust_name());
    // The deref is spanned at the call site, as the target already carries the base's span.
    let base = base.map(|target| (target, proc_macro2::Span::call_site()));
    let items = nav_struct(&p, cont.vis, &nav, base, &methods);
    (quote!(type CollectionNav = #nav;), items)
}

/// The method of an operation (its name in snake_case, or `method = "..."`), as a raw
/// identifier when that is a keyword (`move` -> `r#move`; `self` and the like, which cannot be
/// raw, get a `_`).
fn method_ident(snake: &str, span: proc_macro2::Span) -> syn::Ident {
    if syn::parse_str::<syn::Ident>(snake).is_ok() {
        syn::Ident::new(snake, span)
    } else if matches!(snake, "self" | "super" | "crate" | "Self" | "_") {
        format_ident!("{}_", snake, span = span)
    } else {
        syn::Ident::new_raw(snake, span)
    }
}
