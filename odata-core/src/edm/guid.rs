//! `Edm.Guid` as `uuid::Uuid` (feature `uuid`).

use serde::Serializer;
use uuid::Uuid;

use super::{EdmType, EdmValue, Primitive};

impl EdmValue for Uuid {
    const EDM: EdmType = EdmType::Primitive(Primitive::Guid);

    /// Lowercase, hyphenated: `01234567-89ab-cdef-0123-456789abcdef`.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.hyphenated().encode_lower(&mut Uuid::encode_buffer()))
    }

    // Only the hyphenated form (`parse_guid`).
    read_lexical!(GUID, parse_guid);
}

const GUID: &str = "an Edm.Guid in the form 01234567-89ab-cdef-0123-456789abcdef";

/// Only the hyphenated 8-4-4-4-12 form OData uses (either case); not braces, URNs or 32 bare
/// digits.
#[inline]
fn parse_guid(text: &str) -> Option<Uuid> {
    if text.len() == 36 {
        Uuid::try_parse(text).ok()
    } else {
        None
    }
}
