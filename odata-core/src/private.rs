//! What generated code reaches: the runtime's items and the std names it uses, under absolute
//! paths that no user item can shadow. Not a public API.

pub use crate::csdl::BINDING_PARAMETER;
pub use crate::enums::{enum_info, read_enum, write_enum};
pub use crate::format::Start;
pub use crate::format::{
    deserialize_structured, finish_property, missing_property, read_property, serialize_structured,
    write_property,
};
pub use crate::model::{
    binds_through, declares, ContainerInfo, ContainerMember, ContainerMemberKind, EdmType,
    EnumInfo, EnumMember, NavigationBinding, OperationInfo, OperationKind, Primitive, PropertyInfo,
    TypeInfo, TypeKind,
};
pub use crate::poly::{
    derives_from, deserialize_polymorphic, read_base, read_variant, DeclaredType,
};
pub use crate::request::{
    action, action_without_parameters, function, function_with_parameters, CollectionPath, Complex,
    DeltaFunction, EntityContainer, EntityPath, Error as RequestError, Field, FieldList, HasFields,
    Mode, Nav, NavPath, Navigable, NavigationProperty, NoCollectionOperations, NoContent, One,
    Operand, Parameters, PlainParameters, Property, Request, ResourcePath, Returned,
    StructuredParameters, ValuesOf,
};
pub use crate::traits::type_info;
pub use crate::traits::ExtraField;
pub use crate::{
    ComplexType, EdmValue, EntityType, EnumType, Extra, FlagsEnum, HasBuilder, KeyProperty,
    Polymorphic, StructuredType,
};
pub use serde::de::{Error as DeError, MapAccess};
pub use serde::ser::SerializeMap;
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use serde_json::value::RawValue;
pub use std::convert::{From, Into};
pub use std::default::Default;
pub use std::iter::{IntoIterator, Iterator};
pub use std::marker::PhantomData;
pub use std::ops::Deref;
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};
pub use std::string::String;
pub use std::vec::Vec;

/// Compile-time checks the derive emits, spanned at the field they are about.
pub fn assert_entity_base<T: EntityType + Default>() {}
/// See [`assert_entity_base`].
pub fn assert_entity<T: EntityType>() {}
/// See [`assert_entity_base`].
pub fn assert_complex_base<T: ComplexType + Default>() {}
