//! The traits the derive implements and the property types it accepts.

use serde::de::{self, MapAccess};
use serde::ser::SerializeMap;

use crate::model::TypeInfo;
use crate::{EdmValue, Extra};

/// A structured OData type (entity or complex) described by a static [`TypeInfo`].
///
/// Implemented by `#[derive(ODataEntity)]`; the methods whose names start with `__` are the
/// generated code's contract with the runtime and are not meant to be called directly.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
/// use odata_core::StructuredType;
///
/// assert_eq!(TrustFrameworkKey::TYPE.type_annotation, "#microsoft.graph.trustFrameworkKey");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a structured OData type",
    label = "expected a type that derives `ODataEntity`"
)]
pub trait StructuredType:
    Sized + EdmValue + serde::Serialize + serde::de::DeserializeOwned + crate::request::HasFields
{
    /// The static description of this type.
    const TYPE: &'static TypeInfo;

    /// Whether the type has an `#[odata(extra)]` field that keeps unknown members.
    #[doc(hidden)]
    const __HAS_EXTRA: bool;

    /// Per-property slots filled while reading an object.
    #[doc(hidden)]
    type __Slots: Default;

    /// Writes this type's properties (base properties first), skipping absent optional ones;
    /// `extra` is the most derived value's unknown members, `None` when it keeps none.
    #[doc(hidden)]
    fn __write_members<M: SerializeMap>(
        &self,
        map: &mut M,
        extra: Option<&Extra>,
    ) -> Result<(), M::Error>;

    /// Reads the value of member `name` into its slot; `Ok(false)` when the type (and its bases)
    /// has no property of that name.
    #[doc(hidden)]
    fn __read_member<'de, A: MapAccess<'de>>(
        slots: &mut Self::__Slots,
        extra: &mut Extra,
        name: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Builds the value from filled slots; errors name a missing required property.
    #[doc(hidden)]
    fn __finish<E: de::Error>(slots: Self::__Slots, extra: Extra) -> Result<Self, E>;

    /// The unknown members kept by this value, if the type keeps them.
    #[doc(hidden)]
    fn __extra(&self) -> Option<&Extra>;
}

/// An OData entity type: it has a key and can be addressed.
///
/// Every Microsoft Graph entity inherits the key `id` from `microsoft.graph.entity`
/// ([`graph::Entity`](crate::graph::Entity)).
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::EntityType;
///
/// let created: TrustFrameworkKeySet = odata_core::json::from_str(
///     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"B2C_1A_x","keys":[]}"##,
/// )?;
/// assert_eq!(created.id(), Some("B2C_1A_x"));
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData entity type",
    label = "expected an entity type (a type that derives `ODataEntity` without `complex`)"
)]
pub trait EntityType: StructuredType {
    /// The entity's key (`id` in Graph), `None` for a value not yet created on the service.
    fn id(&self) -> Option<&str>;
    /// Sets the key.
    fn set_id(&mut self, id: String);
    /// Whether the type has a key, its own or inherited: `false` for a `keyless` type and the
    /// subtypes that declare none. The derive sets it. A subtype may declare a key of its own
    /// only when its base has none (CSDL's abstract base types without a key, whose subtypes
    /// each declare theirs); the derive checks this at compile time.
    ///
    /// ```
    /// use odata_core::{EntityType, ODataEntity};
    ///
    /// /// An abstract base without a key, as a service may declare one.
    /// #[derive(ODataEntity, Default)]
    /// #[odata(namespace = "contoso", abstract, keyless)]
    /// pub struct Item {
    ///     pub deleted: Option<bool>,
    /// }
    ///
    /// /// Its subtype declares the key.
    /// #[derive(ODataEntity, Default)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Order {
    ///     #[odata(base)]
    ///     pub item: Item,
    ///     #[odata(key)]
    ///     pub number: Option<String>,
    /// }
    ///
    /// assert!(!Item::KEYED);
    /// assert!(Order::KEYED);
    /// let order = Order { number: Some("42".into()), ..Default::default() };
    /// assert_eq!(order.id(), Some("42"));
    /// ```
    const KEYED: bool = true;
}

/// An OData complex type: a structured value without a key.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData complex type",
    label = "a complex type's base must itself be a complex type"
)]
pub trait ComplexType: StructuredType {}

/// A field that can hold an entity key: a string, an integer (`i16`, `i32`, `i64`, `u8`,
/// `i8`) or, with the `uuid` feature, a `uuid::Uuid`, each bare or in an `Option`.
///
/// [`EntityType::id`] is the key's string form when the key is a string; an integer or GUID
/// key is addressed with `CollectionPath::by_key` and has no `id()`.
///
/// ```
/// use odata_core::KeyProperty;
///
/// let mut number: Option<i32> = None;
/// number.set_key("42".to_owned());
/// assert_eq!(number, Some(42));
/// number.set_key("not a number".to_owned()); // not an `Edm.Int32`: left as it was
/// assert_eq!(number, Some(42));
/// assert_eq!(number.key_str(), None);
/// assert_eq!(Some("abc".to_owned()).key_str(), Some("abc"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold an OData key",
    label = "a #[odata(key)] field must be a string, an integer or a GUID (or an `Option` of one)"
)]
pub trait KeyProperty {
    /// The key as a string, if it is a string key and set.
    fn key_str(&self) -> Option<&str>;
    /// Stores a key given in its string form; a string that is not a value of the key's type
    /// leaves the field as it was.
    fn set_key(&mut self, key: String);
}

macro_rules! parsed_key {
    ($($ty:ty),*) => {$(
        impl KeyProperty for $ty {
            fn key_str(&self) -> Option<&str> {
                None
            }
            fn set_key(&mut self, key: String) {
                if let Ok(value) = key.parse() {
                    *self = value;
                }
            }
        }
        impl KeyProperty for Option<$ty> {
            fn key_str(&self) -> Option<&str> {
                None
            }
            fn set_key(&mut self, key: String) {
                if let Ok(value) = key.parse() {
                    *self = Some(value);
                }
            }
        }
    )*};
}

parsed_key!(u8, i8, i16, i32, i64);
#[cfg(feature = "uuid")]
parsed_key!(uuid::Uuid);

impl KeyProperty for String {
    fn key_str(&self) -> Option<&str> {
        Some(self)
    }
    fn set_key(&mut self, key: String) {
        *self = key;
    }
}

impl KeyProperty for Option<String> {
    fn key_str(&self) -> Option<&str> {
        self.as_deref()
    }
    fn set_key(&mut self, key: String) {
        *self = Some(key);
    }
}

/// The type of an `#[odata(extra)]` field: [`Extra`].
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the #[odata(extra)] field must be of type `odata_core::Extra`, not `{Self}`",
    label = "not `odata_core::Extra`"
)]
pub trait ExtraField {
    fn __from_extra(extra: Extra) -> Self;
    fn __as_extra(&self) -> &Extra;
}

impl ExtraField for Extra {
    fn __from_extra(extra: Extra) -> Self {
        extra
    }
    fn __as_extra(&self) -> &Extra {
        self
    }
}

/// The [`TypeInfo`] of `T`, as a function pointer for [`EdmType::Structured`].
#[doc(hidden)]
pub fn type_info<T: StructuredType>() -> &'static TypeInfo {
    T::TYPE
}
