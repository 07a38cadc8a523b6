//! The Edm type system: which Rust types hold which Edm types, and how each is written in the
//! OData JSON format.
//!
//! Every property type implements [`EdmValue`]: it knows its Edm type and reads and writes its
//! own OData JSON lexical form, independent of the type's `serde` impls (if it has any). That is
//! how `time::OffsetDateTime` is written as RFC 3339 with up to 7 fractional digits, an `i64`
//! is read from a number or a string (`IEEE754Compatible=true`) and an `f64` is written as
//! `"INF"` rather than `null`.
//!
//! | Edm type | Rust type | feature | JSON form |
//! |---|---|---|---|
//! | `Edm.Boolean` | `bool` | | `true` |
//! | `Edm.Byte`, `SByte`, `Int16`, `Int32` | `u8`, `i8`, `i16`, `i32` | | number |
//! | `Edm.Int64` | `i64` | | number; also read from a string; written as a string with [`WriteOptions::ieee754_compatible`](crate::json::WriteOptions) |
//! | `Edm.Single`, `Edm.Double` | `f32`, `f64` | | number, or `"INF"`, `"-INF"`, `"NaN"` |
//! | `Edm.String` | `String` ([`Secret`](crate::Secret) for secrets) | | string |
//! | `Edm.Binary` | [`Binary`] | | base64url string (standard base64 also read) |
//! | `Edm.Stream` | [`Stream`] | | base64url when inline; usually only media annotations, read with [`Extra::stream_property`](crate::Extra::stream_property) |
//! | `Edm.Untyped` | `serde_json::Value` | | any JSON value |
//! | `Edm.DateTimeOffset` | `time::OffsetDateTime` | `time` | `"2019-02-07T21:53:13.0844209Z"` |
//! | `Edm.Date` | `time::Date` | `time` | `"2019-02-07"` |
//! | `Edm.TimeOfDay` | `time::Time` | `time` | `"21:53:13.0844209"` |
//! | `Edm.Duration` | `time::Duration` | `time` | `"P1DT2H"`, `"-PT0.5S"` |
//! | `Edm.DateTimeOffset` | `chrono::DateTime<FixedOffset>` (the offset kept), `DateTime<Utc>` (the instant kept, written with `Z`) | `chrono` | as with `time` |
//! | `Edm.Date`, `TimeOfDay`, `Duration` | `chrono::NaiveDate`, `NaiveTime`, `TimeDelta` | `chrono` | as with `time` |
//! | `Edm.Guid` | `uuid::Uuid` | `uuid` | `"01234567-89ab-cdef-0123-456789abcdef"` |
//! | `Edm.Decimal` | `rust_decimal::Decimal` | `decimal` | number (exact); also read from a string |
//! | enum types | a `#[derive(ODataEnum)]` enum, [`Flags<E>`](crate::Flags) for flags | | member names: `"high"`, `"a,b"` |
//! | entity and complex types | a `#[derive(ODataEntity)]` struct or polymorphic enum | | object |
//! | `Collection(T)` | `Vec<T>` | | array |
//! | nullable `T` | `Option<T>` | | `null` |
//!
//! `Box<T>` holds a `T` (for recursive types). [`Edm<T>`] lends the OData form to plain serde
//! code, for example an action's parameter struct.
//!
//! ```
//! use odata_core::edm::{Edm, EdmValue};
//!
//! assert_eq!(serde_json::to_string(&Edm(f64::INFINITY))?, r#""INF""#);
//! let big: Edm<i64> = serde_json::from_str(r#""9007199254740993""#)?;
//! assert_eq!(big.0, 9_007_199_254_740_993);
//! assert_eq!(<Vec<Option<f64>>>::EDM.to_string(), "Collection(Edm.Double)");
//! # Ok::<(), serde_json::Error>(())
//! ```

/// `read_edm` and `__read_into` of a type read from a JSON string by a lexical parser
/// `fn(&str) -> Option<Self>`, with the expected form for the error.
#[cfg_attr(
    not(any(feature = "time", feature = "chrono", feature = "uuid")),
    allow(unused_macros)
)]
macro_rules! read_lexical {
    ($expected:expr, $parse:expr) => {
        fn read_edm<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            $crate::edm::read_str(deserializer, $expected, $parse)
        }

        #[inline]
        fn __read_into<'de, D: serde::Deserializer<'de>>(
            deserializer: D,
            slot: &mut Option<Self>,
        ) -> Result<(), D::Error> {
            $crate::edm::read_str_into(deserializer, slot, $expected, $parse)
        }
    };
}

// The expected forms of the date and time types, for the `time` and `chrono` impls alike.
#[cfg(any(feature = "time", feature = "chrono"))]
const EXPECTED_DATE_TIME_OFFSET: &str =
    "an Edm.DateTimeOffset in RFC 3339 form, such as \"2019-02-07T21:53:13.0844209Z\"";
#[cfg(any(feature = "time", feature = "chrono"))]
const EXPECTED_DATE: &str = "an Edm.Date in the form YYYY-MM-DD, such as \"2019-02-07\"";
#[cfg(any(feature = "time", feature = "chrono"))]
const EXPECTED_TIME_OF_DAY: &str =
    "an Edm.TimeOfDay in the form hh:mm[:ss[.fffffffff]], such as \"21:53:13.0844209\"";

mod binary;
#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "decimal")]
mod decimal;
mod duration;
#[cfg(feature = "uuid")]
mod guid;
mod number;
#[cfg(feature = "time")]
mod temporal;

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};

pub use binary::{Binary, Stream};

pub use crate::model::{EdmType, Primitive};

/// A Rust type that can be the type of an OData property: it knows its Edm type and reads and
/// writes its OData JSON form.
///
/// Implemented for the types in the [module table](self), `Option<T>` (nullable, left out when
/// `None`), `Vec<T>` (`Collection(T)`), `Box<T>`, and every derived type.
///
/// ```
/// use odata_core::EdmValue;
///
/// assert_eq!(<Option<Vec<String>>>::EDM.to_string(), "Collection(Edm.String)");
/// assert!(<Option<i64>>::NULLABLE);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the type of an OData property",
    label = "no Edm type for this field",
    note = "use a primitive (String, bool, i8..i64, u8, f32, f64, odata_core::edm::Binary; time, uuid and rust_decimal types with their features), Option<T>, Vec<T>, Box<T>, serde_json::Value, or a type that derives ODataEntity or ODataEnum"
)]
pub trait EdmValue: Sized {
    /// The Edm type.
    const EDM: EdmType;
    /// Whether the property accepts `null`.
    const NULLABLE: bool = false;

    /// Writes the value in its OData JSON form.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads a value from its OData JSON form; a wrong lexical form is an error naming the
    /// expected form.
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Reads a value straight into a structured type's slot for it. The value is stored where
    /// it is made, not returned through every reader in between (copying a returned value of an
    /// odd size stalled the processor on store forwarding). Overridden by the types whose value
    /// is made deep inside the reader: `Option` and the lexical forms read from a string.
    #[doc(hidden)]
    #[inline]
    fn __read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        slot: &mut Option<Self>,
    ) -> Result<(), D::Error> {
        // A match, not `?`: this is instantiated for every property type, and `?` is several
        // more functions per instance in a debug build.
        match Self::read_edm(deserializer) {
            Ok(value) => {
                *slot = Some(value);
                Ok(())
            }
            Err(err) => Err(err),
        }
    }

    /// Whether this value is "not set" and is left out when writing.
    #[doc(hidden)]
    #[inline]
    fn __is_absent(&self) -> bool {
        false
    }
    /// The value of a property missing from the input, `None` when it is required.
    #[doc(hidden)]
    #[inline]
    fn __missing() -> Option<Self> {
        None
    }
}

/// A value that `serde` reads and writes in its OData JSON form: puts the Edm types into plain
/// serde structs (an action's parameters, a custom response).
///
/// ```
/// use odata_core::edm::Edm;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Reading {
///     value: Edm<f64>,
///     count: Edm<i64>,
/// }
/// let r: Reading = serde_json::from_str(r#"{"value":"NaN","count":"12"}"#)?;
/// assert!(r.value.is_nan());
/// assert_eq!(*r.count, 12);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edm<T>(pub T);

impl<T> std::ops::Deref for Edm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Edm<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: EdmValue> serde::Serialize for Edm<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_edm(serializer)
    }
}

impl<'de, T: EdmValue> serde::Deserialize<'de> for Edm<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_edm(deserializer).map(Edm)
    }
}

/// Reads and writes a field of a plain serde struct in its OData JSON form:
/// `#[serde(with = "odata_core::edm::as_edm")]`, for any [`EdmValue`] (an `Option<i64>` read
/// from a string too, an `OffsetDateTime` as RFC 3339, ...). Action parameter structs use it.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Parameters {
///     #[serde(with = "odata_core::edm::as_edm", default, skip_serializing_if = "Option::is_none")]
///     nbf: Option<i64>,
/// }
/// let p: Parameters = serde_json::from_str(r#"{"nbf":"1508969811"}"#)?;
/// assert_eq!(p.nbf, Some(1_508_969_811));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod as_edm {
    use super::EdmValue;
    use serde::{Deserializer, Serializer};

    /// Writes `value` in its OData form.
    pub fn serialize<T: EdmValue, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write_edm(serializer)
    }

    /// Reads a value in its OData form.
    pub fn deserialize<'de, T: EdmValue, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::read_edm(deserializer)
    }
}

/// Writes a borrowed value in its OData form.
#[doc(hidden)]
pub struct EdmRef<'a, T>(pub &'a T);

impl<T: EdmValue> serde::Serialize for EdmRef<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_edm(serializer)
    }
}

/// Reads a value in its OData form, as a seed.
#[doc(hidden)]
pub struct EdmSeed<T>(PhantomData<T>);

impl<T> EdmSeed<T> {
    #[inline]
    pub fn new() -> Self {
        EdmSeed(PhantomData)
    }
}

impl<T> Default for EdmSeed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: EdmValue> DeserializeSeed<'de> for EdmSeed<T> {
    type Value = T;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read_edm(deserializer)
    }
}

impl<T: EdmValue> EdmValue for Option<T> {
    const EDM: EdmType = T::EDM;
    const NULLABLE: bool = true;

    #[inline]
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.write_edm(serializer),
            None => serializer.serialize_none(),
        }
    }

    #[inline]
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }

    #[inline]
    fn __read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        slot: &mut Option<Self>,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_option(OptionInto(slot))
    }

    #[inline]
    fn __is_absent(&self) -> bool {
        self.is_none()
    }
    #[inline]
    fn __missing() -> Option<Self> {
        Some(None)
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: EdmValue> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or a value of type {}", T::EDM)
    }
    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::read_edm(deserializer).map(Some)
    }
}

/// Reads an optional value into a slot.
struct OptionInto<'a, T>(&'a mut Option<Option<T>>);

impl<'de, T: EdmValue> Visitor<'de> for OptionInto<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        OptionVisitor::<T>(PhantomData).expecting(f)
    }
    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = Some(None);
        Ok(())
    }
    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::__read_into(deserializer, self.0.insert(None))
    }
}

impl<T: EdmValue> EdmValue for Vec<T> {
    const EDM: EdmType = EdmType::Collection(&T::EDM);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&EdmRef(item))?;
        }
        seq.end()
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(VecVisitor(PhantomData))
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<'de, T: EdmValue> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {}", T::EDM)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Like serde's own Vec impl: trust the hint only up to a bound.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(EdmSeed::<T>::new())? {
            out.push(item);
        }
        Ok(out)
    }
}

impl<T: EdmValue> EdmValue for Box<T> {
    const EDM: EdmType = T::EDM;
    const NULLABLE: bool = T::NULLABLE;

    #[inline]
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write_edm(serializer)
    }
    #[inline]
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_edm(deserializer).map(Box::new)
    }
    #[inline]
    fn __is_absent(&self) -> bool {
        (**self).__is_absent()
    }
    fn __missing() -> Option<Self> {
        T::__missing().map(Box::new)
    }
}

/// Reads a JSON string with a visitor that gives a precise expectation, borrowing when it can;
/// generic over the parser so that it is inlined.
#[inline]
pub(crate) fn read_str<'de, D, T, F>(
    deserializer: D,
    expected: &'static str,
    parse: F,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Option<T>,
{
    deserializer.deserialize_str(Lexical {
        expected,
        parse,
        deliver: |value| value,
    })
}

/// [`read_str`] that stores the value in `slot` (see [`EdmValue::__read_into`]).
#[cfg_attr(
    not(any(feature = "time", feature = "chrono", feature = "uuid")),
    allow(dead_code)
)]
#[inline]
pub(crate) fn read_str_into<'de, D, T, F>(
    deserializer: D,
    slot: &mut Option<T>,
    expected: &'static str,
    parse: F,
) -> Result<(), D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Option<T>,
{
    deserializer.deserialize_str(Lexical {
        expected,
        parse,
        deliver: |value| *slot = Some(value),
    })
}

/// A string's lexical form: `parse` makes the value, `deliver` hands it over.
struct Lexical<F, K> {
    expected: &'static str,
    parse: F,
    deliver: K,
}

impl<'de, T, R, F: FnOnce(&str) -> Option<T>, K: FnOnce(T) -> R> Visitor<'de> for Lexical<F, K> {
    type Value = R;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<R, E> {
        match (self.parse)(v) {
            Some(value) => Ok((self.deliver)(value)),
            None => Err(E::invalid_value(
                de::Unexpected::Str(v),
                &Expected(self.expected),
            )),
        }
    }
}

struct Expected(&'static str);

impl de::Expected for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
