//! A model that uses every feature CSDL writing covers: two namespaces, enumeration types
//! (Int32, a Byte one, Int64 flags), abstract, open and media types, complex inheritance,
//! containment, single and collection navigation (recursive too), polymorphism (a subtype
//! reached only through a polymorphic enum), bound actions and functions, an entity container
//! with entity sets and a singleton, and every Edm primitive.
#![allow(dead_code)]

use odata_core::edm::{Binary, Stream};
use odata_core::{Extra, Flags, ODataEntity, ODataEnum};

#[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
#[odata(namespace = "contoso.common")]
pub enum Color {
    Red,
    Green,
    Blue,
}

#[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
#[odata(namespace = "contoso.common", underlying = "Byte")]
pub enum Level {
    Low = 1,
    High = 200,
}

#[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
#[odata(namespace = "contoso.common", underlying = "Int64", flags)]
pub enum Access {
    Read = 1,
    Write = 2,
    /// Beyond 32 bits (given as an attribute: a discriminant this large is not portable).
    #[odata(value = 4_294_967_296)]
    Admin,
}

/// An abstract complex base type.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.common", complex, abstract)]
pub struct Location {
    pub street: Option<String>,
}

/// An open complex type derived from an abstract one.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.common", complex, open)]
pub struct GeoLocation {
    #[odata(base)]
    pub location: Location,
    pub latitude: f64,
    pub longitude: f64,
    #[odata(extra)]
    pub extra: Extra,
}

/// The abstract entity base of the shop, declaring the key.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", abstract)]
pub struct Item {
    #[odata(key)]
    pub id: Option<String>,
    pub name: Option<String>,
}

/// A media entity.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", has_stream)]
pub struct Photo {
    #[odata(base)]
    pub item: Item,
    pub width: Option<i32>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct DiscountParameters {
    pub percent: f64,
}

/// The parameters of the overload `rating(region)` of `rating()`.
#[derive(ODataEntity, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso.shop", complex)]
pub struct RatingParameters {
    pub region: String,
}

/// An open entity type with enumeration, flags, complex and collection properties, contained
/// and plain navigation, and bound operations.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", open, delta(nullable_binding))]
#[odata(action(name = "discount", parameters = DiscountParameters, returns = Product))]
#[odata(action(name = "archive"))]
#[odata(function(name = "photoList", binding_parameter = "this", nullable_binding, returns = Vec<Photo>, nullable_return))]
#[odata(function(name = "rating", returns = f64))]
#[odata(function(name = "rating", method = "rating_in", parameters = RatingParameters, returns = f64))]
pub struct Product {
    #[odata(base)]
    pub item: Item,
    pub color: Option<Color>,
    pub access: Option<Flags<Access>>,
    pub level: Option<Level>,
    pub tags: Vec<String>,
    #[odata(nullable = false)]
    pub price: Option<f64>,
    pub shipped_from: Option<GeoLocation>,
    pub locations: Option<Vec<Location>>,
    #[odata(navigation, contains_target)]
    pub photos: Option<Vec<Photo>>,
    #[odata(navigation, nullable = false)]
    pub main_photo: Option<Photo>,
    #[odata(navigation)]
    pub related: Option<Vec<Product>>,
    #[odata(extra)]
    pub extra: Extra,
}

/// A subtype no property names: reached through [`AnyItem`] only.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop")]
#[odata(action(name = "archive"))]
pub struct Gadget {
    #[odata(base)]
    pub product: Product,
    pub battery_hours: Option<i16>,
    #[odata(extra)]
    pub extra: Extra,
}

/// An item of any kind.
#[derive(ODataEntity, Clone, Debug, PartialEq)]
pub enum AnyItem {
    #[odata(base)]
    Item(Item),
    Photo(Photo),
    Product(Product),
    Gadget(Gadget),
}

/// Every Edm primitive type, once each.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.common")]
pub struct Sample {
    #[odata(key)]
    pub id: String,
    pub boolean: Option<bool>,
    pub byte: Option<u8>,
    pub s_byte: Option<i8>,
    pub int16: Option<i16>,
    pub int32: i32,
    pub int64: Option<i64>,
    pub single: Option<f32>,
    pub double: Option<f64>,
    pub string: Option<String>,
    pub untyped: Option<serde_json::Value>,
    pub binary: Option<Binary>,
    pub date: Option<time::Date>,
    pub date_time_offset: Option<time::OffsetDateTime>,
    pub decimal: Option<rust_decimal::Decimal>,
    pub duration: Option<time::Duration>,
    pub guid: Option<uuid::Uuid>,
    pub time_of_day: Option<time::Time>,
    pub stream: Option<Stream>,
}

/// The entity container.
#[derive(ODataEntity)]
#[odata(namespace = "contoso.shop", container)]
pub struct Shop {
    pub products: Vec<Product>,
    pub photos: Vec<Photo>,
    pub samples: Vec<Sample>,
    pub featured: Product,
}
