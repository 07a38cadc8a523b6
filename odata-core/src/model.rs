//! The static description of every derived type: names, base, key and properties with their
//! Edm types.
//!
//! The derive emits one [`TypeInfo`] per type as a `const`; the generated code and the runtime
//! both read it (the serializer uses it to place property annotations, the deserializer to name
//! types in errors) and it is the model that CSDL `$metadata` and polymorphic dispatch are built
//! from.
//!
//! ```
//! use odata_core::graph::TrustFrameworkKeySet;
//! use odata_core::model::{EdmType, TypeKind};
//! use odata_core::StructuredType;
//!
//! let info = TrustFrameworkKeySet::TYPE;
//! assert_eq!(info.qualified_name, "microsoft.graph.trustFrameworkKeySet");
//! assert_eq!(info.kind, TypeKind::Entity);
//! assert_eq!(info.base().unwrap().qualified_name, "microsoft.graph.entity");
//! assert_eq!(info.key(), ["id"]);
//!
//! let keys = info.property("keys").unwrap();
//! assert_eq!(keys.edm.to_string(), "Collection(microsoft.graph.trustFrameworkKey)");
//! assert!(matches!(keys.edm, EdmType::Collection(_)));
//! ```

use std::fmt;

/// Whether a structured type is an entity type (has a key, may be addressed) or a complex type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// An OData entity type: has a key, inherited or declared.
    Entity,
    /// An OData complex type: a structured value without identity.
    Complex,
}

/// The static description of one derived structured type.
///
/// Each derived type has exactly one, in a `static`: two `&TypeInfo` describe the same type
/// exactly when they are the same reference (`std::ptr::eq`).
#[derive(Debug)]
pub struct TypeInfo {
    /// The Rust type's name, for messages.
    pub rust_name: &'static str,
    /// The schema namespace, e.g. `microsoft.graph`.
    pub namespace: &'static str,
    /// The type's simple name, e.g. `trustFrameworkKeySet`.
    pub name: &'static str,
    /// `namespace.name`.
    pub qualified_name: &'static str,
    /// The canonical `@odata.type` value: `#namespace.name`.
    pub type_annotation: &'static str,
    /// Entity or complex.
    pub kind: TypeKind,
    /// Declared `abstract` in the model.
    pub is_abstract: bool,
    /// An open type: instances may carry dynamic properties (kept in the type's `Extra`).
    pub is_open: bool,
    /// A media entity type (`HasStream`): each instance has a stream, addressed by `$value`.
    pub has_stream: bool,
    /// The base type, if the type derives from one.
    pub base: Option<&'static TypeInfo>,
    /// Names of the key properties declared on this type itself (empty when the key is inherited).
    pub declared_key: &'static [&'static str],
    /// Properties declared on this type itself, in declaration order (base properties excluded).
    pub properties: &'static [PropertyInfo],
    /// Actions and functions bound to this type.
    pub operations: &'static [OperationInfo],
}

/// Whether a bound operation is an action (`POST`, may change state) or a function (`GET`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// An action.
    Action,
    /// A function.
    Function,
}

/// A bound action or function.
///
/// ```
/// use odata_core::csdl::Document;
/// use odata_core::{ODataEntity, StructuredType};
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso")]
/// #[odata(action(name = "close", returns = String))]
/// #[odata(function(name = "summary", binding_parameter = "this", nullable_binding, returns = String, nullable_return))]
/// pub struct Ticket {
///     #[odata(key)]
///     pub id: Option<String>,
/// }
///
/// let [close, summary] = Ticket::TYPE.operations else { unreachable!() };
/// // The defaults: `bindingParameter`, neither it nor the return type nullable.
/// assert_eq!((close.binding_parameter, close.binding_nullable, close.return_nullable), ("bindingParameter", false, false));
/// assert_eq!((summary.binding_parameter, summary.binding_nullable, summary.return_nullable), ("this", true, true));
///
/// let xml = Document::builder().structured(Ticket::TYPE).build()?.to_xml();
/// assert!(xml.contains(r#"<Parameter Name="this" Type="contoso.ticket"/>"#));
/// assert!(xml.contains(r#"<ReturnType Type="Edm.String"/>"#));
/// # Ok::<(), odata_core::csdl::Error>(())
/// ```
#[derive(Debug)]
pub struct OperationInfo {
    /// The operation's name, e.g. `generateKey`.
    pub name: &'static str,
    /// The operation's namespace: the binding type's, unless the operation is declared in
    /// another (`action(namespace = "...", ...)`, such as Graph's
    /// `microsoft.graph.security.runHuntingQuery` bound to `microsoft.graph.security`).
    pub namespace: &'static str,
    /// Action or function.
    pub kind: OperationKind,
    /// Bound to a collection of the type (`Collection(T)`, such as Graph's `getByIds` on
    /// `Collection(microsoft.graph.directoryObject)`) rather than to one entity: a method of
    /// every [`CollectionPath`](crate::request::CollectionPath) of the type and its subtypes.
    pub collection: bool,
    /// The Rust type of the parameters object, for messages and documentation.
    pub parameters: Option<&'static str>,
    /// The parameters (other than the binding parameter) as a model: the parameter type of
    /// `function(name = "...", parameters = P)`, and of an action's when it is a derived
    /// structured type, whose declared properties (names, Edm types, nullability) are the
    /// parameters. Gives `None` for an operation without parameters and for an action whose
    /// parameter type is a plain serde type, which the model does not describe.
    pub parameter_type: fn() -> Option<&'static TypeInfo>,
    /// The return type, if the operation returns a value.
    pub returns: Option<EdmType>,
    /// The binding parameter's name: [`csdl::BINDING_PARAMETER`](crate::csdl::BINDING_PARAMETER)
    /// (`bindingParameter`) unless `binding_parameter = "..."` names it (Graph also uses
    /// `bindparameter`, `this`, ...). Only `$metadata` shows it: requests address the binding
    /// entity or collection by URL.
    pub binding_parameter: &'static str,
    /// Whether the binding parameter is nullable (`nullable_binding`; not nullable by default).
    pub binding_nullable: bool,
    /// Whether the return type is nullable (`nullable_return`; not nullable by default); for a
    /// collection, whether its items are.
    pub return_nullable: bool,
}

impl OperationInfo {
    /// The parameters other than the binding parameter, in declaration order (empty when the
    /// model does not hold them: see [`OperationInfo::parameter_type`]).
    pub fn parameter_list(&self) -> &'static [PropertyInfo] {
        (self.parameter_type)().map_or(&[], |info| info.properties)
    }
}

/// The static description of an entity container: its entity sets and singletons.
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::model::ContainerMemberKind;
/// use odata_core::request::EntityContainer;
///
/// let container = GraphService::CONTAINER;
/// assert_eq!(container.qualified_name, "microsoft.graph.graphService");
/// let member = &container.members[0];
/// assert_eq!((member.name, member.kind), ("trustFramework", ContainerMemberKind::Singleton));
/// assert_eq!((member.entity_type)().qualified_name, "microsoft.graph.trustFramework");
/// ```
#[derive(Debug)]
pub struct ContainerInfo {
    /// The Rust type's name.
    pub rust_name: &'static str,
    /// The schema namespace.
    pub namespace: &'static str,
    /// The container's name.
    pub name: &'static str,
    /// `namespace.name`.
    pub qualified_name: &'static str,
    /// Entity sets and singletons, in declaration order.
    pub members: &'static [ContainerMember],
}

/// An entity set (`Vec<T>`) or singleton (`T`) of an entity container.
#[derive(Debug)]
pub struct ContainerMember {
    /// The name in URLs, e.g. `trustFramework`.
    pub name: &'static str,
    /// Entity set or singleton.
    pub kind: ContainerMemberKind,
    /// The entity type.
    pub entity_type: fn() -> &'static TypeInfo,
    /// Where the targets of its navigation properties live (`NavigationPropertyBinding`), in
    /// declaration order.
    pub bindings: &'static [NavigationBinding],
}

/// A navigation property binding of an entity set or singleton: the entities reached through
/// `path` from a member of the set are members of the entity set `target` (CSDL's
/// `NavigationPropertyBinding`).
///
/// ```
/// use odata_core::graph::Entity;
/// use odata_core::model::NavigationBinding;
/// use odata_core::request::EntityContainer;
/// use odata_core::ODataEntity;
///
/// #[derive(ODataEntity, Default)]
/// #[odata(namespace = "contoso")]
/// pub struct Person {
///     #[odata(base)]
///     pub entity: Entity,
///     #[odata(navigation)]
///     pub friends: Option<Vec<Person>>,
/// }
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso", container)]
/// pub struct Service {
///     #[odata(binding(path = "friends", target = "people"))]
///     pub people: Vec<Person>,
/// }
///
/// let people = &Service::CONTAINER.members[0];
/// assert_eq!(people.bindings, [NavigationBinding { path: "friends", target: "people" }]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NavigationBinding {
    /// The navigation property, or a path to one: `memberOf`, `microsoft.graph.user/manager`
    /// (through a type cast), `users/classes` (through a complex or contained property).
    pub path: &'static str,
    /// The entity set (or a path to a contained collection, such as
    /// `policies/appManagementPolicies`) that holds the targets.
    pub target: &'static str,
}

/// Whether a container member is an entity set or a singleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContainerMemberKind {
    /// A collection of entities.
    EntitySet,
    /// One entity.
    Singleton,
}

/// The static description of one declared property.
#[derive(Debug)]
pub struct PropertyInfo {
    /// The OData name (the JSON member name).
    pub name: &'static str,
    /// The Rust field name, for messages.
    pub rust_name: &'static str,
    /// The property's Edm type.
    pub edm: EdmType,
    /// Whether `null` is an allowed value: the Rust field is an `Option`, unless the field says
    /// `#[odata(nullable = false)]` (a property the service never sets to null but may leave
    /// out, as `$select` does).
    pub nullable: bool,
    /// Whether this is a navigation property (its values are entities, addressed by path).
    pub navigation: bool,
    /// Whether the navigation property contains its targets (`ContainsTarget`).
    pub contains_target: bool,
}

/// An Edm primitive type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Primitive {
    /// `Edm.Boolean`
    Boolean,
    /// `Edm.Byte`
    Byte,
    /// `Edm.SByte`
    SByte,
    /// `Edm.Int16`
    Int16,
    /// `Edm.Int32`
    Int32,
    /// `Edm.Int64`
    Int64,
    /// `Edm.Single`
    Single,
    /// `Edm.Double`
    Double,
    /// `Edm.String`
    String,
    /// `Edm.Untyped`: any JSON value.
    Untyped,
    /// `Edm.Binary`
    Binary,
    /// `Edm.Date`
    Date,
    /// `Edm.DateTimeOffset`
    DateTimeOffset,
    /// `Edm.Decimal`
    Decimal,
    /// `Edm.Duration`
    Duration,
    /// `Edm.Guid`
    Guid,
    /// `Edm.TimeOfDay`
    TimeOfDay,
    /// `Edm.Stream`
    Stream,
}

impl Primitive {
    /// The qualified name, e.g. `Edm.Int64`.
    pub const fn name(self) -> &'static str {
        match self {
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::String => "Edm.String",
            Primitive::Untyped => "Edm.Untyped",
            Primitive::Binary => "Edm.Binary",
            Primitive::Date => "Edm.Date",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Stream => "Edm.Stream",
        }
    }
}

/// The Edm type of a property.
#[derive(Clone, Copy, Debug)]
pub enum EdmType {
    /// A primitive type.
    Primitive(Primitive),
    /// A derived structured type (entity or complex), reached through a function so that
    /// recursive models stay finite.
    Structured(fn() -> &'static TypeInfo),
    /// An enumeration type, reached through a function like structured types.
    Enum(fn() -> &'static EnumInfo),
    /// `Collection(T)`.
    Collection(&'static EdmType),
}

/// The static description of an enumeration type (`#[derive(ODataEnum)]`).
///
/// ```
/// use odata_core::{EnumType, ODataEnum};
///
/// #[derive(ODataEnum, Clone, Debug, PartialEq)]
/// #[odata(namespace = "microsoft.graph")]
/// enum Importance { Low, Normal, High }
///
/// let info = Importance::ENUM;
/// assert_eq!(info.qualified_name, "microsoft.graph.importance");
/// assert_eq!(info.members[2].name, "high");
/// assert_eq!(info.members[2].value, 2);
/// assert_eq!(info.underlying.name(), "Edm.Int32");
/// ```
#[derive(Debug)]
pub struct EnumInfo {
    /// The Rust type's name, for messages.
    pub rust_name: &'static str,
    /// The schema namespace.
    pub namespace: &'static str,
    /// The type's simple name.
    pub name: &'static str,
    /// `namespace.name`.
    pub qualified_name: &'static str,
    /// The underlying integer type (`Edm.Int32` unless declared).
    pub underlying: Primitive,
    /// `IsFlags`: a value is a set of members, written `"a,b"`.
    pub is_flags: bool,
    /// The members in declaration order.
    pub members: &'static [EnumMember],
    /// Whether a member the model does not know is kept (the enum has an `#[odata(other)]`
    /// variant) rather than rejected.
    pub keeps_unknown: bool,
}

/// A member of an enumeration type.
#[derive(Debug)]
pub struct EnumMember {
    /// The member's name, e.g. `unknownFutureValue`.
    pub name: &'static str,
    /// Its value.
    pub value: i64,
}

impl EnumInfo {
    /// The index of the member named `name` (exact, case-sensitive as OData names are).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|m| m.name == name)
    }
    /// The index of the first member whose value is `value`.
    pub fn index_of_value(&self, value: i64) -> Option<usize> {
        self.members.iter().position(|m| m.value == value)
    }
}

impl EdmType {
    /// The structured type this Edm type names, looking through collections.
    pub fn structured(&self) -> Option<&'static TypeInfo> {
        match self {
            EdmType::Primitive(_) | EdmType::Enum(_) => None,
            EdmType::Structured(info) => Some(info()),
            EdmType::Collection(item) => item.structured(),
        }
    }
}

impl fmt::Display for EdmType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdmType::Primitive(p) => f.write_str(p.name()),
            EdmType::Structured(info) => f.write_str(info().qualified_name),
            EdmType::Enum(info) => f.write_str(info().qualified_name),
            EdmType::Collection(item) => write!(f, "Collection({item})"),
        }
    }
}

impl TypeInfo {
    /// The base type, if any.
    pub fn base(&self) -> Option<&'static TypeInfo> {
        self.base
    }

    /// This type and its bases, most derived first.
    pub fn ancestry(&'static self) -> impl Iterator<Item = &'static TypeInfo> {
        std::iter::successors(Some(self), |info| info.base())
    }

    /// The effective key: the key declared on this type or inherited from the nearest base
    /// that declares one. Empty for complex types.
    pub fn key(&'static self) -> &'static [&'static str] {
        self.ancestry()
            .map(|info| info.declared_key)
            .find(|key| !key.is_empty())
            .unwrap_or(&[])
    }

    /// Every property, inherited ones first (root base first), then this type's own.
    pub fn all_properties(&'static self) -> Vec<&'static PropertyInfo> {
        let mut chain: Vec<_> = self.ancestry().collect();
        chain.reverse();
        chain
            .iter()
            .flat_map(|info| info.properties.iter())
            .collect()
    }

    /// Looks a property up by OData name, on this type or any base.
    pub fn property(&'static self, name: &str) -> Option<&'static PropertyInfo> {
        self.ancestry()
            .flat_map(|info| info.properties.iter())
            .find(|p| p.name == name)
    }

    /// Whether `annotation` (the value of an `@odata.type` member, with or without the leading
    /// `#`) names this type.
    pub fn is_named_by(&self, annotation: &str) -> bool {
        annotation.strip_prefix('#').unwrap_or(annotation) == self.qualified_name
    }
}

/// Whether `info` or one of its bases declares a property named `name`; a `const fn`, so that
/// the derive can reject at compile time a property that would shadow an inherited one.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::model::declares;
/// use odata_core::StructuredType;
///
/// const INHERITS_ID: bool = declares(TrustFrameworkKeySet::TYPE, "id");
/// assert!(INHERITS_ID);
/// assert!(!declares(TrustFrameworkKeySet::TYPE, "displayName"));
/// ```
pub const fn declares(info: &TypeInfo, name: &str) -> bool {
    let mut info = info;
    loop {
        let mut i = 0;
        while i < info.properties.len() {
            if str_eq(info.properties[i].name, name) {
                return true;
            }
            i += 1;
        }
        match info.base {
            Some(base) => info = base,
            None => return false,
        }
    }
}

/// Whether `info` or one of its bases declares a navigation property or a structured property
/// named `name`: the first segment of a [`NavigationBinding`]'s path. A `const fn`, so that the
/// derive rejects at compile time a binding through a property the type does not have.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::model::binds_through;
/// use odata_core::StructuredType;
///
/// const KEYS: bool = binds_through(TrustFrameworkKeySet::TYPE, "keys");
/// assert!(KEYS); // a collection of complex `trustFrameworkKey`
/// assert!(!binds_through(TrustFrameworkKeySet::TYPE, "id")); // a string
/// assert!(!binds_through(TrustFrameworkKeySet::TYPE, "owner")); // no such property
/// ```
pub const fn binds_through(info: &TypeInfo, name: &str) -> bool {
    let mut info = info;
    loop {
        let mut i = 0;
        while i < info.properties.len() {
            let p = &info.properties[i];
            if str_eq(p.name, name) {
                return p.navigation
                    || matches!(
                        p.edm,
                        EdmType::Structured(_) | EdmType::Collection(&EdmType::Structured(_))
                    );
            }
            i += 1;
        }
        match info.base {
            Some(base) => info = base,
            None => return false,
        }
    }
}

pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
