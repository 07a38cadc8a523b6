//! Generates the static model: the `TypeInfo` constant, the `EdmValue` impl and the
//! entity/complex marker impls with their compile-time checks.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::Container;
use crate::attr::{Given, Kind};

/// The `static` describing the type (emitted beside the impls, in the anonymous block).
pub fn type_info(cont: &Container) -> TokenStream {
    let p = cont.private();
    let rust_name = cont.rust_name();
    let namespace = cont.namespace();
    let name = cont.name();
    let qualified = cont.qualified_name();
    let annotation = format!("#{qualified}");
    let kind = match cont.kind() {
        Kind::Entity => quote!(#p::TypeKind::Entity),
        Kind::Complex | Kind::Container => quote!(#p::TypeKind::Complex),
    };
    let is_abstract = cont.attrs.is_abstract.is_some();
    let is_open = cont.attrs.open.is_some();
    let has_stream = cont.attrs.has_stream.is_some();
    let base = match cont.base() {
        Some(base) => {
            let ty = base.ty;
            quote_spanned!(ty.span()=> #p::Some(<#ty as #p::StructuredType>::TYPE))
        }
        None => quote!(#p::None),
    };
    let key: Vec<String> = cont.keys().map(|k| k.odata_name()).collect();
    let properties = cont.properties().map(|f| {
        let name = f.odata_name();
        let rust_name = f.rust_name();
        let ty = f.ty;
        let edm = quote_spanned!(ty.span()=> <#ty as #p::EdmValue>::EDM);
        let nullable = match &f.attrs.nullable {
            Some(given) => {
                let value = given.value;
                quote!(#value)
            }
            None => quote_spanned!(ty.span()=> <#ty as #p::EdmValue>::NULLABLE),
        };
        let navigation = f.attrs.navigation.is_some();
        let contains_target = f.attrs.contains_target.is_some();
        quote! {
            #p::PropertyInfo {
                name: #name,
                rust_name: #rust_name,
                edm: #edm,
                nullable: #nullable,
                navigation: #navigation,
                contains_target: #contains_target,
            }
        }
    });
    let operations = cont.attrs.operations.iter().map(|op| {
        let name = &op.name.value;
        let op_namespace = op
            .namespace
            .as_ref()
            .map_or(namespace, |ns| ns.value.as_str());
        let kind = if op.function {
            quote!(#p::OperationKind::Function)
        } else {
            quote!(#p::OperationKind::Action)
        };
        let parameters = match &op.parameters {
            Some(ty) => {
                let text = quote!(#ty).to_string().replace(' ', "");
                quote!(#p::Some(#text))
            }
            None => quote!(#p::None),
        };
        let returns = match &op.returns {
            Some(ty) => quote_spanned!(ty.span()=> #p::Some(<#ty as #p::EdmValue>::EDM)),
            None => quote!(#p::None),
        };
        // A function's parameters are a derived structured type (its properties are the
        // parameters); an action's may also be any serde type, which the model does not
        // describe (the probe tells them apart).
        let collection = op.collection.is_some();
        let binding_parameter = binding_parameter(&p, op.binding_parameter.as_ref());
        let binding_nullable = op.nullable_binding.is_some();
        let return_nullable = op.nullable_return.is_some();
        let parameter_type = match &op.parameters {
            Some(ty) if op.function => {
                quote_spanned!(ty.span()=> || #p::Some(#p::type_info::<#ty>()))
            }
            Some(ty) => quote_spanned! {ty.span()=>
                || {
                    #[allow(unused_imports)]
                    use #p::{PlainParameters as _, StructuredParameters as _};
                    (&#p::Parameters::<#ty>::new()).__parameter_type()
                }
            },
            None => quote!(|| #p::None),
        };
        quote! {
            #p::OperationInfo {
                name: #name,
                namespace: #op_namespace,
                kind: #kind,
                collection: #collection,
                parameters: #parameters,
                parameter_type: #parameter_type,
                returns: #returns,
                binding_parameter: #binding_parameter,
                binding_nullable: #binding_nullable,
                return_nullable: #return_nullable,
            }
        }
    });
    // `delta`: a function bound to the type's collection, returning the collection, without
    // parameters.
    let ident = cont.ident;
    let delta = cont.attrs.delta.as_ref().map(|d| {
        let name = d.name.as_ref().map_or("delta", |n| n.value.as_str());
        let op_namespace = d
            .namespace
            .as_ref()
            .map_or(namespace, |ns| ns.value.as_str());
        let binding_parameter = binding_parameter(&p, d.binding_parameter.as_ref());
        let binding_nullable = d.nullable_binding.is_some();
        let return_nullable = d.nullable_return.is_some();
        quote_spanned! {d.span=>
            #p::OperationInfo {
                name: #name,
                namespace: #op_namespace,
                kind: #p::OperationKind::Function,
                collection: true,
                parameters: #p::None,
                parameter_type: || #p::None,
                returns: #p::Some(#p::EdmType::Collection(&<#ident as #p::EdmValue>::EDM)),
                binding_parameter: #binding_parameter,
                binding_nullable: #binding_nullable,
                return_nullable: #return_nullable,
            }
        }
    });
    let operations = operations.chain(delta);
    // A `static`, so that every type has one `TypeInfo` at one address (a `const` would be
    // copied at each use) and `TypeInfo`s can be compared by reference.
    quote! {
        #[doc(hidden)]
        static __TYPE_INFO: #p::TypeInfo = #p::TypeInfo {
            rust_name: #rust_name,
            namespace: #namespace,
            name: #name,
            qualified_name: #qualified,
            type_annotation: #annotation,
            kind: #kind,
            is_abstract: #is_abstract,
            is_open: #is_open,
            has_stream: #has_stream,
            base: #base,
            declared_key: &[#(#key),*],
            properties: &[#(#properties),*],
            operations: &[#(#operations),*],
        };
    }
}

/// An operation's binding parameter name: as given, else the writer's default.
fn binding_parameter(p: &TokenStream, given: Option<&Given<String>>) -> TokenStream {
    match given {
        Some(given) => {
            let name = &given.value;
            quote!(#name)
        }
        None => quote!(#p::BINDING_PARAMETER),
    }
}

/// The `const TYPE` item of the `StructuredType` impl, pointing at the `static`.
pub fn type_info_const(cont: &Container) -> TokenStream {
    let p = cont.private();
    quote! {
        const TYPE: &'static #p::TypeInfo = &__TYPE_INFO;
    }
}

/// `EdmValue`, and `EntityType` or `ComplexType` with the checks on base and key fields.
pub fn impls(cont: &Container) -> TokenStream {
    let p = cont.private();
    let ident = cont.ident;
    let edm = quote! {
        #[automatically_derived]
        impl #p::EdmValue for #ident {
            const EDM: #p::EdmType = #p::EdmType::Structured(#p::type_info::<#ident>);
            #[inline]
            fn write_edm<__S: #p::Serializer>(&self, __serializer: __S) -> #p::Result<__S::Ok, __S::Error> {
                #p::serialize_structured(self, __serializer)
            }
            #[inline]
            fn read_edm<'de, __D: #p::Deserializer<'de>>(__deserializer: __D) -> #p::Result<Self, __D::Error> {
                #p::deserialize_structured(__deserializer)
            }
        }
    };
    let kind = match cont.kind() {
        Kind::Entity => {
            let single_key = cont.key().filter(|_| cont.keys().count() == 1);
            let own_key = cont.key().is_some();
            let (get, set) = match (cont.base(), single_key) {
                // A key of its own wins over the base's (which must have none, checked below).
                (Some(base), None) if !own_key => {
                    let member = base.ident;
                    let ty = base.ty;
                    (
                        quote_spanned!(ty.span()=> <#ty as #p::EntityType>::id(&self.#member)),
                        quote_spanned!(ty.span()=> <#ty as #p::EntityType>::set_id(&mut self.#member, __id)),
                    )
                }
                (_, Some(key)) => {
                    let member = key.ident;
                    let ty = key.ty;
                    (
                        quote_spanned!(ty.span()=> #p::KeyProperty::key_str(&self.#member)),
                        quote_spanned!(ty.span()=> #p::KeyProperty::set_key(&mut self.#member, __id)),
                    )
                }
                // A composite key has no one string form (its parts are the key fields); no
                // key at all is `keyless` (or rejected by check::check_key).
                _ => {
                    let checks = cont.keys().map(|k| {
                        let (ty, member) = (k.ty, k.ident);
                        quote_spanned!(ty.span()=> let _ = #p::KeyProperty::key_str(&self.#member);)
                    });
                    (quote!(#(#checks)* #p::None), quote!(let _ = __id;))
                }
            };
            let base_check = cont.base().map(|base| {
                let ty = base.ty;
                quote_spanned!(ty.span()=> #p::assert_entity_base::<#ty>();)
            });
            // Whether the type has a key: its own, none (`keyless`), or its base's.
            let keyed = match (cont.attrs.keyless, cont.base()) {
                (Some(_), _) => quote!(
                    const KEYED: bool = false;
                ),
                (None, Some(base)) if !own_key => {
                    let ty = base.ty;
                    quote_spanned!(ty.span()=> const KEYED: bool = <#ty as #p::EntityType>::KEYED;)
                }
                _ => quote!(),
            };
            // A key of its own beside a base: the base must have none. A constant, so that
            // `cargo check` reports it, at the key.
            let key_beside_base = cont.base().zip(cont.key()).map(|(base, key)| {
                let ty = base.ty;
                let span = key.attrs.key.unwrap_or_else(|| key.ident.span());
                let assertion = quote_spanned!(span=> ::core::assert!(
                    !<#ty as #p::EntityType>::KEYED,
                    "this entity type inherits a key from its #[odata(base)] field: remove #[odata(key)] (only a base without a key, `keyless`, leaves the key to its subtypes)"
                ));
                quote_spanned!(span=> const _: () = #assertion;)
            });
            quote! {
                #[automatically_derived]
                impl #p::EntityType for #ident {
                    #keyed
                    #[inline]
                    fn id(&self) -> #p::Option<&str> {
                        #base_check
                        #get
                    }
                    #[inline]
                    fn set_id(&mut self, __id: #p::String) {
                        #set
                    }
                }
                #key_beside_base
            }
        }
        Kind::Container => quote!(),
        Kind::Complex => {
            let base_check = cont.base().map(|base| {
                let ty = base.ty;
                quote_spanned!(ty.span()=> const _: fn() = #p::assert_complex_base::<#ty>;)
            });
            quote! {
                #[automatically_derived]
                impl #p::ComplexType for #ident {}
                #base_check
            }
        }
    };
    // One constant per type, checked at compile time: no declared property shadows one the
    // base chain declares (each assertion spanned at the property's name).
    let shadow_checks = cont.base().map(|base| {
        let ty = base.ty;
        let base_name = quote!(#ty).to_string().replace(' ', "");
        let checks = cont.properties().map(|f| {
            let name = f.odata_name();
            let message = format!(
                "the OData property `{name}` is already declared by the base type `{base_name}`: rename this field with #[odata(rename = \"...\")]"
            );
            quote_spanned! {f.name_span()=>
                ::core::assert!(!#p::declares(__base, #name), #message);
            }
        });
        let base_type = quote_spanned!(ty.span()=> <#ty as #p::StructuredType>::TYPE);
        quote! {
            const _: () = {
                let __base = #base_type;
                #(#checks)*
            };
        }
    });
    let declared = (cont.kind() != Kind::Container).then(|| {
        quote! {
            #[automatically_derived]
            impl #p::DeclaredType for #ident {
                type Declared = Self;
            }
        }
    });
    quote! {
        #edm
        #declared
        #kind
        #shadow_checks
    }
}
