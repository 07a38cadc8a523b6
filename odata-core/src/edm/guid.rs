//! `Edm.Guid` as `uuid::Uuid` (feature `uuid`).

use serde::de::Deserializer;
use serde::Serializer;
use uuid::Uuid;

use super::{read_str, EdmType, EdmValue, Primitive};

impl EdmValue for Uuid {
    const EDM: EdmType = EdmType::Primitive(Primitive::Guid);

    /// Lowercase, hyphenated: `01234567-89ab-cdef-0123-456789abcdef`.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.hyphenated().encode_lower(&mut Uuid::encode_buffer()))
    }

    /// Only the hyphenated 8-4-4-4-12 form OData uses (either case); not braces, URNs or 32
    /// bare digits.
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_str(
            deserializer,
            "an Edm.Guid in the form 01234567-89ab-cdef-0123-456789abcdef",
            |text| {
                if text.len() == 36 {
                    Uuid::try_parse(text).ok()
                } else {
                    None
                }
            },
        )
    }
}
