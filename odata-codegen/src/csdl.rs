//! The part of a CSDL document the generator reads, independent of its syntax (XML or JSON).
//! Every type reference is namespace-qualified with aliases resolved.

use std::collections::HashMap;

/// A parsed CSDL document: its schemas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The schemas, in document order.
    pub schemas: Vec<Schema>,
}

/// One `Schema`: a namespace and what it declares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// The namespace, e.g. `microsoft.graph`.
    pub namespace: String,
    /// The alias, e.g. `graph`.
    pub alias: Option<String>,
    /// Entity and complex types.
    pub structured: Vec<StructuredType>,
    /// Enumeration types.
    pub enums: Vec<EnumType>,
    /// Type definitions: a name for a primitive type.
    pub type_definitions: Vec<(String, String)>,
    /// Actions and functions.
    pub operations: Vec<Operation>,
    /// Entity containers (at most one per schema).
    pub containers: Vec<Container>,
}

/// An entity type or a complex type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StructuredType {
    /// The type's name within its namespace.
    pub name: String,
    /// An entity type (else complex).
    pub entity: bool,
    /// The qualified base type.
    pub base: Option<String>,
    /// `Abstract="true"`.
    pub is_abstract: bool,
    /// `OpenType="true"`.
    pub open: bool,
    /// `HasStream="true"`.
    pub has_stream: bool,
    /// The key's property names (entity types declaring a key).
    pub key: Vec<String>,
    /// Structural and navigation properties, in document order.
    pub properties: Vec<Property>,
}

/// A structural or navigation property.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Property {
    /// The property's name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `Nullable` (XML default true, JSON default false).
    pub nullable: bool,
    /// A navigation property.
    pub navigation: bool,
    /// `ContainsTarget="true"`.
    pub contains_target: bool,
}

/// A type reference: a qualified name, possibly a collection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// `Edm.String`, `microsoft.graph.user`.
    pub name: String,
    /// `Collection(...)`.
    pub collection: bool,
}

impl TypeRef {
    /// Reads `Collection(ns.T)` or `ns.T`.
    pub fn parse(text: &str) -> TypeRef {
        match text
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(inner) => TypeRef {
                name: inner.trim().to_owned(),
                collection: true,
            },
            None => TypeRef {
                name: text.trim().to_owned(),
                collection: false,
            },
        }
    }
}

/// An enumeration type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumType {
    /// The type's name.
    pub name: String,
    /// `IsFlags="true"`.
    pub flags: bool,
    /// `UnderlyingType`, e.g. `Edm.Int64`.
    pub underlying: Option<String>,
    /// Members and their values (implicit values filled in: 0, 1, 2, ...).
    pub members: Vec<(String, i64)>,
}

/// An action or a function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operation {
    /// The operation's name.
    pub name: String,
    /// A function (else an action).
    pub function: bool,
    /// `IsBound="true"`: the first parameter is the binding parameter.
    pub bound: bool,
    /// The parameters, the binding parameter first.
    pub parameters: Vec<Parameter>,
    /// The return type and its nullability.
    pub returns: Option<(TypeRef, bool)>,
}

/// An operation's parameter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parameter {
    /// The parameter's name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it accepts null.
    pub nullable: bool,
}

/// An entity container.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    /// The container's name.
    pub name: String,
    /// Entity sets: name and qualified entity type.
    pub entity_sets: Vec<(String, String)>,
    /// Singletons: name and qualified entity type.
    pub singletons: Vec<(String, String)>,
    /// Navigation property bindings (`NavigationPropertyBinding`): the entity set or
    /// singleton's name, the binding's path and its target, in document order.
    pub bindings: Vec<(String, String, String)>,
}

impl Document {
    /// Replaces every alias-qualified name (`graph.user`) by its namespace-qualified name.
    pub(crate) fn resolve_aliases(&mut self) {
        let aliases: HashMap<String, String> = self
            .schemas
            .iter()
            .filter_map(|s| s.alias.clone().map(|a| (a, s.namespace.clone())))
            .collect();
        let resolve = |name: &mut String| {
            if let Some((qualifier, local)) = name.rsplit_once('.') {
                if let Some(ns) = aliases.get(qualifier) {
                    *name = format!("{ns}.{local}");
                }
            }
        };
        for schema in &mut self.schemas {
            for t in &mut schema.structured {
                if let Some(base) = &mut t.base {
                    resolve(base);
                }
                for p in &mut t.properties {
                    resolve(&mut p.ty.name);
                }
            }
            for op in &mut schema.operations {
                for p in &mut op.parameters {
                    resolve(&mut p.ty.name);
                }
                if let Some((ty, _)) = &mut op.returns {
                    resolve(&mut ty.name);
                }
            }
            for c in &mut schema.containers {
                for (_, ty) in c.entity_sets.iter_mut().chain(&mut c.singletons) {
                    resolve(ty);
                }
            }
            for (_, ty) in &mut schema.type_definitions {
                resolve(ty);
            }
        }
    }
}
