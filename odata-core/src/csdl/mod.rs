//! Writing the CSDL document (`$metadata`) of derived types, as CSDL XML and CSDL JSON.
//!
//! A [`Document`] is collected from the static model only ([`TypeInfo`], [`EnumInfo`],
//! [`ContainerInfo`]): start from an entity container or from any set of types, and every type
//! they reach is included (base types, property and navigation targets, enumeration types,
//! the return types of bound operations). [`Document::to_xml`] writes CSDL XML
//! (`<edmx:Edmx Version="4.0">`), [`Document::to_json`] CSDL JSON (`"$Version": "4.0"`).
//!
//! ```
//! use odata_core::csdl::Document;
//! use odata_core::graph::GraphService;
//! use odata_core::request::EntityContainer;
//!
//! let metadata = Document::for_container(GraphService::CONTAINER)?;
//! let xml = metadata.to_xml();
//! assert!(xml.contains(r#"<EntityType Name="trustFrameworkKeySet" BaseType="microsoft.graph.entity">"#));
//! assert!(xml.contains(r#"<Singleton Name="trustFramework" Type="microsoft.graph.trustFramework"/>"#));
//! let json = metadata.to_json();
//! assert!(json.contains(r#""$EntityContainer": "microsoft.graph.graphService""#));
//! // Same model, same bytes.
//! assert_eq!(Document::for_container(GraphService::CONTAINER)?.to_xml(), xml);
//! # Ok::<(), odata_core::csdl::Error>(())
//! ```
//!
//! # Order
//!
//! Schemas are sorted by namespace. In a schema come enumeration types, complex types, entity
//! types, actions, functions (each sorted by name; overloads of one operation by the qualified
//! name of their binding type, then by their parameter names), then the entity container.
//! Properties, enumeration members and container members keep the model's declaration order. The same model always gives the same
//! bytes.
//!
//! # What is written, and what the model does not hold
//!
//! Everything the model holds is written: namespaces, entity, complex and enumeration types,
//! `BaseType`, `Abstract`, `OpenType`, `HasStream`, keys, properties with their Edm types and
//! nullability (collections as `Collection(T)`), navigation properties (`ContainsTarget`,
//! `Nullable` on single-valued ones), enumeration members with their values, `UnderlyingType`
//! (when not `Edm.Int32`) and `IsFlags`, bound actions and functions with their binding
//! parameter (its name, `bindingParameter` unless the operation gives one; its type, the
//! entity type or, for an operation bound to the collection, `Collection(T)`; its
//! nullability; several overloads of one function name may be bound to one
//! type, told apart by their parameters as CSDL requires, see
//! [`Error::ConflictingOverloads`]), the parameters of functions and of actions whose
//! parameter type is a derived complex type
//! ([`OperationInfo::parameter_type`]) and the return type with its nullability (the
//! `delta` function of `#[odata(delta)]` among them: bound to `Collection(T)`, returning it,
//! see [`request::DeltaFunction`](crate::request::DeltaFunction)), and the
//! entity container's entity sets and singletons with their navigation property bindings
//! (`NavigationPropertyBinding`, from `#[odata(binding(path = "...", target = "..."))]`).
//!
//! The model does not hold, so the documents do not have:
//!
//! - **Action parameters** of a plain serde parameter type (rather than a derived complex
//!   type): the model keeps only its Rust name
//!   ([`OperationInfo::parameters`]), not its members.
//! - **Unbound operations and operation imports**, **type definitions**, **annotations** and
//!   **schema aliases**.
//! - **Facets** (`MaxLength`, `Precision`, `Scale`, `SRID`): CSDL's defaults apply.
//! - **Nullability of collection items**: CSDL's `Nullable` on a collection-valued property
//!   speaks of its items; the model's one flag per property is written there as it is.
//! - **Subtypes**: a type lists its base, not the types derived from it. A subtype reached by no
//!   property is added with [`DocumentBuilder::structured`], or with
//!   [`DocumentBuilder::polymorphic`] for the variants of a polymorphic enum.
//!
//! One thing is written that no flag of the model says, forced by CSDL: key properties are
//! written `Nullable="false"`, since CSDL does not allow a nullable key (the Rust field of a
//! key is often an `Option`, unset until the service assigns it).
//!
//! The nullability of a bound operation's binding parameter and return type (for a collection,
//! of its items) is the model's ([`OperationInfo::binding_nullable`],
//! [`OperationInfo::return_nullable`]): not nullable unless the operation says
//! `nullable_binding` or `nullable_return`. XML and JSON have opposite defaults here
//! (`Nullable` is true when absent in XML, `$Nullable` false when absent in JSON), so each
//! writes only the one that differs from its default.
//!
//! The version is `4.0`, or `4.01` when a property or return type is `Edm.Untyped`, which
//! OData 4.0 does not have.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::model::{
    ContainerInfo, ContainerMemberKind, EdmType, EnumInfo, OperationInfo, OperationKind, Primitive,
    TypeInfo, TypeKind,
};
use crate::Polymorphic;

mod json;
mod xml;

/// The name of a bound operation's binding parameter unless the operation names it
/// (`binding_parameter = "..."`, [`OperationInfo::binding_parameter`]).
pub const BINDING_PARAMETER: &str = "bindingParameter";

/// Why a document could not be collected from the model.
///
/// ```
/// use odata_core::csdl::{Document, Error};
/// use odata_core::ODataEntity;
///
/// mod a {
///     #[derive(odata_core::ODataEntity)]
///     #[odata(namespace = "contoso", name = "widget", complex)]
///     pub struct Widget { pub size: Option<i32> }
/// }
/// mod b {
///     #[derive(odata_core::ODataEntity)]
///     #[odata(namespace = "contoso", name = "widget", complex)]
///     pub struct Widget { pub color: Option<String> }
/// }
/// use odata_core::StructuredType;
///
/// let err = Document::builder()
///     .structured(a::Widget::TYPE)
///     .structured(b::Widget::TYPE)
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, Error::DuplicateName { .. }));
/// assert_eq!(
///     err.to_string(),
///     "two model items are named `contoso.widget`: complex type `Widget` and complex type `Widget`"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Two different items of the model (types, enumeration types, an entity container,
    /// operations) have one qualified name.
    DuplicateName {
        /// The qualified name.
        name: String,
        /// The item met first, e.g. ``entity type `User` `` (kind and Rust name) or
        /// ``action bound to `microsoft.graph.user` ``.
        first: String,
        /// The item met second.
        second: String,
    },
    /// Two entity containers: a document has at most one.
    TwoContainers {
        /// The first container's qualified name.
        first: &'static str,
        /// The second container's qualified name.
        second: &'static str,
    },
    /// A bound function without a return type (CSDL requires one).
    FunctionWithoutReturnType {
        /// The function's name.
        function: &'static str,
        /// The qualified name of the type it is bound to.
        binding: &'static str,
    },
    /// An entity set, singleton or navigation property whose type is not an entity type, or an
    /// operation bound to a complex type.
    NotAnEntityType {
        /// What needs an entity type, e.g. ``entity set `users` ``.
        what: String,
        /// The qualified name of the type it has.
        found: String,
    },
    /// Two overloads of one operation bound to one type that CSDL cannot tell apart: actions
    /// are overloaded by binding type only (OData CSDL 4.01, 12.2); functions bound to one
    /// type need different sets of parameter names, different lists of parameter types and
    /// one return type (12.4).
    ConflictingOverloads {
        /// The operation's qualified name.
        name: String,
        /// The binding parameter's type, `ns.T` or `Collection(ns.T)`.
        binding: String,
        /// What CSDL forbids, e.g. ``both have the parameters `address` ``.
        reason: String,
    },
    /// A name that is not a CSDL identifier (a letter or `_`, then letters, digits and `_`, at
    /// most 128 characters; namespaces are dot-separated identifiers).
    InvalidName {
        /// What carries the name, e.g. ``property of `contoso.widget` ``.
        what: String,
        /// The name.
        name: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::DuplicateName {
                name,
                first,
                second,
            } => write!(
                f,
                "two model items are named `{name}`: {first} and {second}"
            ),
            Error::TwoContainers { first, second } => write!(
                f,
                "a CSDL document has one entity container, given `{first}` and `{second}`"
            ),
            Error::FunctionWithoutReturnType { function, binding } => write!(
                f,
                "function `{function}` bound to `{binding}` has no return type, which CSDL requires"
            ),
            Error::NotAnEntityType { what, found } => {
                write!(f, "{what} must be of an entity type, found `{found}`")
            }
            Error::ConflictingOverloads {
                name,
                binding,
                reason,
            } => write!(
                f,
                "two overloads of `{name}` are bound to `{binding}`, which CSDL forbids: {reason}"
            ),
            Error::InvalidName { what, name } => {
                write!(f, "the name {name:?} of {what} is not a CSDL identifier")
            }
        }
    }
}

impl std::error::Error for Error {}

/// A CSDL document collected from the static model: write it with [`Document::to_xml`] or
/// [`Document::to_json`].
///
/// ```
/// use odata_core::csdl::Document;
/// use odata_core::{ODataEntity, ODataEnum, StructuredType};
///
/// #[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
/// #[odata(namespace = "contoso")]
/// pub enum Size { Small, Large }
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso")]
/// pub struct Shirt {
///     #[odata(key)]
///     pub sku: String,
///     pub size: Option<Size>,
/// }
///
/// let doc = Document::builder().structured(Shirt::TYPE).build()?;
/// assert_eq!(doc.to_xml(), r#"<?xml version="1.0" encoding="utf-8"?>
/// <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
///   <edmx:DataServices>
///     <Schema Namespace="contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///       <EnumType Name="size">
///         <Member Name="small" Value="0"/>
///         <Member Name="large" Value="1"/>
///       </EnumType>
///       <EntityType Name="shirt">
///         <Key>
///           <PropertyRef Name="sku"/>
///         </Key>
///         <Property Name="sku" Type="Edm.String" Nullable="false"/>
///         <Property Name="size" Type="contoso.size"/>
///       </EntityType>
///     </Schema>
///   </edmx:DataServices>
/// </edmx:Edmx>
/// "#);
/// # Ok::<(), odata_core::csdl::Error>(())
/// ```
#[derive(Debug)]
pub struct Document {
    version: &'static str,
    schemas: BTreeMap<&'static str, Schema>,
    container: Option<&'static ContainerInfo>,
}

/// One schema: the items of one namespace, each map sorted by simple name.
#[derive(Debug, Default)]
struct Schema {
    enums: BTreeMap<&'static str, &'static EnumInfo>,
    complex: BTreeMap<&'static str, &'static TypeInfo>,
    entities: BTreeMap<&'static str, &'static TypeInfo>,
    /// Operations by name; each holds its overloads, sorted by binding type.
    operations: BTreeMap<&'static str, Vec<Bound>>,
    container: Option<&'static ContainerInfo>,
}

/// A bound operation and the type it is bound to.
#[derive(Debug, Clone, Copy)]
struct Bound {
    operation: &'static OperationInfo,
    binding: &'static TypeInfo,
}

impl Bound {
    /// The binding parameter's type: `ns.T`, or `Collection(ns.T)` for an operation bound to
    /// the collection.
    fn binding_type(&self) -> std::borrow::Cow<'static, str> {
        if self.operation.collection {
            format!("Collection({})", self.binding.qualified_name).into()
        } else {
            self.binding.qualified_name.into()
        }
    }
}

impl Document {
    /// A builder: add containers and types, then [`DocumentBuilder::build`].
    pub fn builder() -> DocumentBuilder {
        DocumentBuilder::default()
    }

    /// The document of one entity container and every type it reaches.
    ///
    /// ```
    /// use odata_core::csdl::Document;
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::EntityContainer;
    ///
    /// let doc = Document::for_container(GraphService::CONTAINER)?;
    /// assert_eq!(doc.version(), "4.0");
    /// assert_eq!(doc.namespaces().collect::<Vec<_>>(), ["microsoft.graph"]);
    /// # Ok::<(), odata_core::csdl::Error>(())
    /// ```
    pub fn for_container(container: &'static ContainerInfo) -> Result<Document, Error> {
        Document::builder().container(container).build()
    }

    /// The OData version written: `4.0`, or `4.01` when the model uses `Edm.Untyped`.
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// The schemas' namespaces, sorted.
    ///
    /// ```
    /// use odata_core::csdl::Document;
    /// use odata_core::graph::TrustFrameworkKey;
    /// use odata_core::StructuredType;
    ///
    /// let doc = Document::builder().structured(TrustFrameworkKey::TYPE).build()?;
    /// assert_eq!(doc.namespaces().collect::<Vec<_>>(), ["microsoft.graph"]);
    /// # Ok::<(), odata_core::csdl::Error>(())
    /// ```
    pub fn namespaces(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.schemas.keys().copied()
    }

    /// The CSDL XML document (`$metadata`, content type `application/xml`).
    ///
    /// ```
    /// use odata_core::csdl::Document;
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::EntityContainer;
    ///
    /// let xml = Document::for_container(GraphService::CONTAINER)?.to_xml();
    /// assert!(xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?>"#));
    /// assert!(xml.contains(r#"<Property Name="id" Type="Edm.String" Nullable="false"/>"#));
    /// # Ok::<(), odata_core::csdl::Error>(())
    /// ```
    pub fn to_xml(&self) -> String {
        xml::write(self)
    }

    /// The CSDL JSON document (`$metadata?$format=json`, content type `application/json`).
    ///
    /// ```
    /// use odata_core::csdl::Document;
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::EntityContainer;
    ///
    /// let json = Document::for_container(GraphService::CONTAINER)?.to_json();
    /// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    /// assert_eq!(value["$Version"], "4.0");
    /// assert_eq!(value["microsoft.graph"]["entity"]["$Key"][0], "id");
    /// # Ok::<(), odata_core::csdl::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        json::write(self)
    }
}

/// Collects the roots of a [`Document`]: an entity container, types, enumeration types.
///
/// ```
/// use odata_core::csdl::Document;
/// use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
/// use odata_core::StructuredType;
///
/// // The key set reaches its base type, `microsoft.graph.entity`, and `trustFrameworkKey`.
/// let doc = Document::builder().structured(TrustFrameworkKeySet::TYPE).build()?;
/// let xml = doc.to_xml();
/// assert!(xml.contains(r#"<EntityType Name="entity" Abstract="true">"#));
/// assert!(xml.contains(r#"<ComplexType Name="trustFrameworkKey">"#));
/// # Ok::<(), odata_core::csdl::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    container: Vec<&'static ContainerInfo>,
    types: Vec<&'static TypeInfo>,
    enums: Vec<&'static EnumInfo>,
}

impl DocumentBuilder {
    /// Adds an entity container (at most one per document) and every type it reaches.
    pub fn container(mut self, container: &'static ContainerInfo) -> Self {
        self.container.push(container);
        self
    }

    /// Adds an entity or complex type and every type it reaches.
    pub fn structured(mut self, info: &'static TypeInfo) -> Self {
        self.types.push(info);
        self
    }

    /// Adds an enumeration type.
    pub fn enumeration(mut self, info: &'static EnumInfo) -> Self {
        self.enums.push(info);
        self
    }

    /// Adds the base type and every subtype of a polymorphic enum (`#[derive(ODataEntity)]` on
    /// an enum of subtypes): properties name only the base type, so subtypes are reached this
    /// way.
    pub fn polymorphic<P: Polymorphic>(mut self) -> Self {
        self.types.push(P::BASE);
        self.types.extend_from_slice(P::VARIANTS);
        self
    }

    /// Collects every reachable type and checks names: one item per qualified name, at most
    /// one container, CSDL identifiers, entity types where CSDL needs them.
    pub fn build(self) -> Result<Document, Error> {
        let mut collector = Collector::default();
        let container = match self.container.as_slice() {
            [] => None,
            [one, rest @ ..] => {
                if let Some(other) = rest.iter().find(|c| !std::ptr::eq(**c, *one)) {
                    return Err(Error::TwoContainers {
                        first: one.qualified_name,
                        second: other.qualified_name,
                    });
                }
                Some(*one)
            }
        };
        if let Some(container) = container {
            collector.container(container)?;
        }
        for info in self.types {
            collector.queue.push(Item::Type(info));
        }
        for info in self.enums {
            collector.queue.push(Item::Enum(info));
        }
        collector.drain()?;
        let version = if collector.untyped { "4.01" } else { "4.0" };
        Ok(Document {
            version,
            schemas: collector.schemas,
            container,
        })
    }
}

#[derive(Clone, Copy)]
enum Item {
    Type(&'static TypeInfo),
    Enum(&'static EnumInfo),
}

/// What holds a qualified name, to name both sides of a clash.
#[derive(Clone, Copy)]
enum Named {
    Type(&'static TypeInfo),
    Enum(&'static EnumInfo),
    Container(&'static ContainerInfo),
    /// An operation, with the type it is bound to (its overloads share the name).
    Operation(OperationKind, &'static TypeInfo),
}

impl Named {
    fn same(self, other: Named) -> bool {
        match (self, other) {
            (Named::Type(a), Named::Type(b)) => std::ptr::eq(a, b),
            (Named::Enum(a), Named::Enum(b)) => std::ptr::eq(a, b),
            (Named::Container(a), Named::Container(b)) => std::ptr::eq(a, b),
            // Overloads of one operation share its name; they are told apart by binding type.
            (Named::Operation(a, _), Named::Operation(b, _)) => a == b,
            _ => false,
        }
    }

    fn describe(self) -> String {
        match self {
            Named::Type(info) => {
                let kind = match info.kind {
                    TypeKind::Entity => "entity type",
                    TypeKind::Complex => "complex type",
                };
                format!("{kind} `{}`", info.rust_name)
            }
            Named::Enum(info) => format!("enumeration type `{}`", info.rust_name),
            Named::Container(info) => format!("entity container `{}`", info.rust_name),
            Named::Operation(kind, binding) => {
                let kind = match kind {
                    OperationKind::Action => "action",
                    OperationKind::Function => "function",
                };
                format!("{kind} bound to `{}`", binding.qualified_name)
            }
        }
    }
}

#[derive(Default)]
struct Collector {
    schemas: BTreeMap<&'static str, Schema>,
    names: BTreeMap<String, Named>,
    seen: HashSet<*const TypeInfo>,
    seen_enums: HashSet<*const EnumInfo>,
    queue: Vec<Item>,
    untyped: bool,
}

impl Collector {
    fn claim(&mut self, qualified: String, named: Named) -> Result<(), Error> {
        match self.names.get(&qualified) {
            Some(first) if !first.same(named) => Err(Error::DuplicateName {
                name: qualified,
                first: first.describe(),
                second: named.describe(),
            }),
            Some(_) => Ok(()),
            None => {
                self.names.insert(qualified, named);
                Ok(())
            }
        }
    }

    fn container(&mut self, container: &'static ContainerInfo) -> Result<(), Error> {
        check_namespace(container.namespace, || {
            format!("entity container `{}`", container.rust_name)
        })?;
        check_simple(container.name, || "an entity container".to_owned())?;
        self.claim(
            container.qualified_name.to_owned(),
            Named::Container(container),
        )?;
        self.schemas
            .entry(container.namespace)
            .or_default()
            .container = Some(container);
        for member in container.members {
            let what = match member.kind {
                ContainerMemberKind::EntitySet => format!("entity set `{}`", member.name),
                ContainerMemberKind::Singleton => format!("singleton `{}`", member.name),
            };
            check_simple(member.name, || {
                format!("a member of `{}`", container.qualified_name)
            })?;
            let target = (member.entity_type)();
            require_entity(target, || what.clone())?;
            self.queue.push(Item::Type(target));
        }
        Ok(())
    }

    fn drain(&mut self) -> Result<(), Error> {
        while let Some(item) = self.queue.pop() {
            match item {
                Item::Type(info) => self.structured(info)?,
                Item::Enum(info) => self.enumeration(info)?,
            }
        }
        Ok(())
    }

    fn enumeration(&mut self, info: &'static EnumInfo) -> Result<(), Error> {
        if !self.seen_enums.insert(info) {
            return Ok(());
        }
        check_namespace(info.namespace, || {
            format!("enumeration type `{}`", info.rust_name)
        })?;
        check_simple(info.name, || {
            format!("enumeration type `{}`", info.rust_name)
        })?;
        for member in info.members {
            check_simple(member.name, || {
                format!("a member of `{}`", info.qualified_name)
            })?;
        }
        self.claim(info.qualified_name.to_owned(), Named::Enum(info))?;
        self.schemas
            .entry(info.namespace)
            .or_default()
            .enums
            .insert(info.name, info);
        Ok(())
    }

    fn structured(&mut self, info: &'static TypeInfo) -> Result<(), Error> {
        if !self.seen.insert(info) {
            return Ok(());
        }
        check_namespace(info.namespace, || format!("type `{}`", info.rust_name))?;
        check_simple(info.name, || format!("type `{}`", info.rust_name))?;
        self.claim(info.qualified_name.to_owned(), Named::Type(info))?;
        let schema = self.schemas.entry(info.namespace).or_default();
        match info.kind {
            TypeKind::Entity => schema.entities.insert(info.name, info),
            TypeKind::Complex => schema.complex.insert(info.name, info),
        };
        if let Some(base) = info.base {
            self.queue.push(Item::Type(base));
        }
        for property in info.properties {
            check_simple(property.name, || {
                format!("a property of `{}`", info.qualified_name)
            })?;
            if property.navigation {
                if let Some(target) = property.edm.structured() {
                    require_entity(target, || {
                        format!(
                            "navigation property `{}` of `{}`",
                            property.name, info.qualified_name
                        )
                    })?;
                }
            }
            self.edm(&property.edm);
        }
        for operation in info.operations {
            self.operation(info, operation)?;
        }
        Ok(())
    }

    fn operation(
        &mut self,
        binding: &'static TypeInfo,
        operation: &'static OperationInfo,
    ) -> Result<(), Error> {
        check_simple(operation.name, || {
            format!("an operation bound to `{}`", binding.qualified_name)
        })?;
        let what = || format!("the binding parameter of `{}`", operation.name);
        require_entity(binding, what)?;
        check_simple(operation.binding_parameter, what)?;
        if operation.kind == OperationKind::Function && operation.returns.is_none() {
            return Err(Error::FunctionWithoutReturnType {
                function: operation.name,
                binding: binding.qualified_name,
            });
        }
        check_namespace(operation.namespace, || {
            format!(
                "operation `{}` bound to `{}`",
                operation.name, binding.qualified_name
            )
        })?;
        let qualified = format!("{}.{}", operation.namespace, operation.name);
        let named = Named::Operation(operation.kind, binding);
        self.claim(qualified.clone(), named)?;
        let overloads = self
            .schemas
            .entry(operation.namespace)
            .or_default()
            .operations
            .entry(operation.name)
            .or_default();
        // Overloads are told apart by binding type, `T` or `Collection(T)`, and functions
        // bound to one type by their parameters.
        let same_binding = |b: &Bound| {
            std::ptr::eq(b.binding, binding) && b.operation.collection == operation.collection
        };
        for other in overloads
            .iter()
            .filter(|b| same_binding(b) && !std::ptr::eq(b.operation, operation))
        {
            if let Some(reason) = overload_conflict(other.operation, operation) {
                return Err(Error::ConflictingOverloads {
                    name: qualified,
                    binding: Bound { operation, binding }.binding_type().into_owned(),
                    reason,
                });
            }
        }
        // One entry per overload: two types whose operation lists are equal may share one
        // promoted `OperationInfo`, so the operation alone does not tell overloads apart.
        if !overloads
            .iter()
            .any(|b| std::ptr::eq(b.operation, operation) && same_binding(b))
        {
            overloads.push(Bound { operation, binding });
            overloads.sort_by_cached_key(|b| {
                let names: Vec<&str> = b
                    .operation
                    .parameter_list()
                    .iter()
                    .map(|p| p.name)
                    .collect();
                (b.binding.qualified_name, b.operation.collection, names)
            });
        }
        for parameter in operation.parameter_list() {
            check_simple(parameter.name, || {
                format!(
                    "a parameter of `{qualified}` bound to `{}`",
                    binding.qualified_name
                )
            })?;
            if parameter.name == operation.binding_parameter {
                return Err(Error::DuplicateName {
                    name: format!("{qualified}/{}", operation.binding_parameter),
                    first: "the binding parameter".to_owned(),
                    second: format!("a parameter of `{qualified}`"),
                });
            }
            self.edm(&parameter.edm);
        }
        if let Some(returns) = &operation.returns {
            self.edm(returns);
        }
        Ok(())
    }

    /// Queues the types an Edm type names; notes `Edm.Untyped`.
    fn edm(&mut self, edm: &EdmType) {
        match edm {
            EdmType::Primitive(Primitive::Untyped) => self.untyped = true,
            EdmType::Primitive(_) => {}
            EdmType::Structured(info) => self.queue.push(Item::Type(info())),
            EdmType::Enum(info) => self.queue.push(Item::Enum(info())),
            EdmType::Collection(item) => self.edm(item),
        }
    }
}

/// Why CSDL cannot hold two overloads of one name bound to one type (OData CSDL 4.01, 12.2
/// and 12.4), if it cannot.
fn overload_conflict(first: &OperationInfo, second: &OperationInfo) -> Option<String> {
    if first.kind == OperationKind::Action || second.kind == OperationKind::Action {
        return Some("actions are overloaded by binding type only".to_owned());
    }
    let names = |op: &OperationInfo| {
        let mut names: Vec<&str> = op.parameter_list().iter().map(|p| p.name).collect();
        names.sort_unstable();
        names
    };
    let types = |op: &OperationInfo| -> Vec<String> {
        op.parameter_list()
            .iter()
            .map(|p| p.edm.to_string())
            .collect()
    };
    let returns = |op: &OperationInfo| op.returns.as_ref().map(EdmType::to_string);
    let first_names = names(first);
    if first_names == names(second) {
        return Some(if first_names.is_empty() {
            "both have no parameters besides the binding parameter".to_owned()
        } else {
            format!("both have the parameters `{}`", first_names.join("`, `"))
        });
    }
    let first_types = types(first);
    if first_types == types(second) {
        return Some(format!(
            "both have the parameter types ({})",
            first_types.join(", ")
        ));
    }
    let (first_returns, second_returns) = (returns(first), returns(second));
    if first_returns != second_returns {
        return Some(format!(
            "functions bound to one type must return one type, found `{}` and `{}`",
            first_returns.unwrap_or_default(),
            second_returns.unwrap_or_default()
        ));
    }
    None
}

fn require_entity(info: &'static TypeInfo, what: impl FnOnce() -> String) -> Result<(), Error> {
    match info.kind {
        TypeKind::Entity => Ok(()),
        TypeKind::Complex => Err(Error::NotAnEntityType {
            what: what(),
            found: info.qualified_name.to_owned(),
        }),
    }
}

/// A CSDL simple identifier: a letter or `_`, then letters, digits or `_`; 1 to 128 characters.
fn is_simple(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && name.chars().count() <= 128
}

fn check_simple(name: &str, what: impl FnOnce() -> String) -> Result<(), Error> {
    if is_simple(name) {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: what(),
            name: name.to_owned(),
        })
    }
}

fn check_namespace(namespace: &str, what: impl FnOnce() -> String) -> Result<(), Error> {
    if namespace.split('.').all(is_simple) && namespace.chars().count() <= 511 {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: format!("the namespace of {}", what()),
            name: namespace.to_owned(),
        })
    }
}

/// Whether a property is part of its type's effective key (then it is never null).
fn is_key(info: &'static TypeInfo, property: &str) -> bool {
    info.kind == TypeKind::Entity && info.key().contains(&property)
}

/// The item type of an Edm type and whether it is a collection. The model nests no collection
/// in another, and CSDL has none.
fn item_type(edm: &EdmType) -> (&EdmType, bool) {
    match edm {
        EdmType::Collection(item) => (item, true),
        other => (other, false),
    }
}

#[cfg(test)]
mod tests {
    use super::Document;
    use crate::StructuredType;

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "task")]
    #[odata(action(name = "cancel"))]
    struct Task {
        #[odata(key)]
        id: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "order")]
    #[odata(action(name = "cancel"))]
    struct Order {
        #[odata(key)]
        id: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, PartialEq)]
    #[odata(namespace = "contoso", complex)]
    struct ByAddress {
        address: String,
    }

    #[derive(crate::ODataEntity, Clone, Debug, PartialEq)]
    #[odata(namespace = "contoso", complex)]
    struct ByCell {
        row: i32,
        column: i32,
    }

    #[derive(crate::ODataEntity, Clone, Debug, PartialEq)]
    #[odata(namespace = "contoso", complex)]
    struct ByOtherAddress {
        #[odata(rename = "address")]
        text: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "sheet")]
    #[odata(function(name = "range", returns = String))]
    #[odata(function(name = "range", method = "range_at", parameters = ByCell, returns = String))]
    #[odata(function(name = "range", method = "range_with_address", parameters = ByAddress, returns = String))]
    struct Sheet {
        #[odata(key)]
        id: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "sheet")]
    #[odata(action(name = "clear"))]
    #[odata(action(name = "clear", method = "clear_range", parameters = ByAddress))]
    struct TwoActions {
        #[odata(key)]
        id: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "sheet")]
    #[odata(function(name = "range", parameters = ByAddress, returns = String))]
    #[odata(function(name = "range", method = "range_2", parameters = ByOtherAddress, returns = String))]
    struct SameParameterNames {
        #[odata(key)]
        id: Option<String>,
    }

    #[derive(crate::ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso", name = "sheet")]
    #[odata(function(name = "range", returns = String))]
    #[odata(function(name = "range", method = "range_count", parameters = ByAddress, returns = i64))]
    struct TwoReturnTypes {
        #[odata(key)]
        id: Option<String>,
    }

    #[test]
    fn function_overloads_on_one_type_are_written_sorted_by_parameter_names() {
        let doc = Document::builder().structured(Sheet::TYPE).build().unwrap();
        let xml = doc.to_xml().replace(['\n', ' '], "");
        let overload = |params: &str| {
            format!(
                r#"<FunctionName="range"IsBound="true"><ParameterName="bindingParameter"Type="contoso.sheet"Nullable="false"/>{params}<ReturnTypeType="Edm.String"Nullable="false"/></Function>"#
            )
        };
        let expected = [
            overload(""),
            overload(r#"<ParameterName="address"Type="Edm.String"Nullable="false"/>"#),
            overload(r#"<ParameterName="row"Type="Edm.Int32"Nullable="false"/><ParameterName="column"Type="Edm.Int32"Nullable="false"/>"#),
        ]
        .concat();
        assert!(xml.contains(&expected), "{xml}");
        let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        let overloads = json["contoso"]["range"].as_array().unwrap();
        let names: Vec<Vec<&str>> = overloads
            .iter()
            .map(|o| {
                o["$Parameter"].as_array().unwrap()[1..]
                    .iter()
                    .map(|p| p["$Name"].as_str().unwrap())
                    .collect()
            })
            .collect();
        assert_eq!(names, [vec![], vec!["address"], vec!["row", "column"]]);
    }

    #[test]
    fn overloads_csdl_forbids_are_refused() {
        let err = |info| {
            Document::builder()
                .structured(info)
                .build()
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(TwoActions::TYPE),
            "two overloads of `contoso.clear` are bound to `contoso.sheet`, which CSDL forbids: actions are overloaded by binding type only"
        );
        assert_eq!(
            err(SameParameterNames::TYPE),
            "two overloads of `contoso.range` are bound to `contoso.sheet`, which CSDL forbids: both have the parameters `address`"
        );
        assert_eq!(
            err(TwoReturnTypes::TYPE),
            "two overloads of `contoso.range` are bound to `contoso.sheet`, which CSDL forbids: functions bound to one type must return one type, found `Edm.String` and `Edm.Int64`"
        );
    }

    #[test]
    fn equal_operation_lists_of_two_types_are_two_overloads() {
        let xml = Document::builder()
            .structured(Task::TYPE)
            .structured(Order::TYPE)
            .build()
            .unwrap()
            .to_xml();
        for binding in ["contoso.order", "contoso.task"] {
            let overload = format!(
                r#"<Action Name="cancel" IsBound="true"><Parameter Name="bindingParameter" Type="{binding}" Nullable="false"/></Action>"#
            );
            assert!(
                xml.replace(['\n', ' '], "")
                    .contains(&overload.replace(' ', "")),
                "{binding}: {xml}"
            );
        }
    }
}
