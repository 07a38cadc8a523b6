//! Booleans, integers, floating point numbers, strings and untyped values.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{EdmType, EdmValue, Primitive};

/// Types whose OData JSON form is their serde form.
macro_rules! serde_form {
    ($($ty:ty => $edm:ident),* $(,)?) => {$(
        impl EdmValue for $ty {
            const EDM: EdmType = EdmType::Primitive(Primitive::$edm);
            #[inline]
            fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
            #[inline]
            fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty>::deserialize(deserializer)
            }
        }
    )*};
}

serde_form! {
    bool => Boolean, u8 => Byte, i8 => SByte, i16 => Int16, i32 => Int32,
    String => String, serde_json::Value => Untyped,
}

impl EdmValue for i64 {
    const EDM: EdmType = EdmType::Primitive(Primitive::Int64);

    #[inline]
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::json::ieee754_compatible() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_i64(*self)
        }
    }

    #[inline]
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Int64Visitor)
    }
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Edm.Int64: an integer, or an integer in a string")
    }
    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        // `IEEE754Compatible=true`: the integer in a string, exactly as a JSON number would be.
        let digits = v.strip_prefix('-').unwrap_or(v);
        let plain = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        match v.parse() {
            Ok(n) if plain => Ok(n),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

macro_rules! float {
    ($ty:ty => $edm:ident, $visit:ident) => {
        impl EdmValue for $ty {
            const EDM: EdmType = EdmType::Primitive(Primitive::$edm);

            #[inline]
            fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.is_finite() {
                    serializer.$visit(*self)
                } else if self.is_nan() {
                    serializer.serialize_str("NaN")
                } else if *self > 0.0 {
                    serializer.serialize_str("INF")
                } else {
                    serializer.serialize_str("-INF")
                }
            }

            #[inline]
            fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Like serde's own impls, a wider value is narrowed with `as`.
                deserializer
                    .deserialize_any(FloatVisitor(Primitive::$edm))
                    .map(|v| v as $ty)
            }
        }
    };
}

float!(f32 => Single, serialize_f32);
float!(f64 => Double, serialize_f64);

struct FloatVisitor(Primitive);

impl Visitor<'_> for FloatVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an {}: a number, or \"INF\", \"-INF\" or \"NaN\"",
            self.0.name()
        )
    }
    #[inline]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "INF" => Ok(f64::INFINITY),
            "-INF" => Ok(f64::NEG_INFINITY),
            "NaN" => Ok(f64::NAN),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}
