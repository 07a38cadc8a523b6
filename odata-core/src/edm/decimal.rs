//! `Edm.Decimal` as `rust_decimal::Decimal` (feature `decimal`): read exactly from the number's
//! text (never through `f64`), or from a string (`IEEE754Compatible=true`).

use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Unexpected};
use serde::Serializer;
use serde_json::value::RawValue;

use super::{EdmType, EdmValue, Primitive};

const EXPECTED: &str =
    "an Edm.Decimal: a number, or a number in a string, within rust_decimal's 28 digits";

impl EdmValue for Decimal {
    const EDM: EdmType = EdmType::Primitive(Primitive::Decimal);

    /// A JSON number with every digit (a string with `IEEE754Compatible`).
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.to_string();
        if crate::json::ieee754_compatible() {
            serializer.serialize_str(&text)
        } else {
            match RawValue::from_string(text) {
                Ok(raw) => serde::Serialize::serialize(&raw, serializer),
                Err(err) => Err(serde::ser::Error::custom(err)),
            }
        }
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The raw text keeps every digit; serde_json would otherwise round through f64.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        let number = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => inner,
            None => text,
        };
        let parsed = if number.contains(['e', 'E']) {
            Decimal::from_scientific(number)
        } else {
            Decimal::from_str_exact(number)
        };
        let plain = !number.is_empty()
            && number
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
        match parsed {
            Ok(value) if plain => Ok(value),
            _ => Err(de::Error::invalid_value(Unexpected::Other(text), &EXPECTED)),
        }
    }
}
