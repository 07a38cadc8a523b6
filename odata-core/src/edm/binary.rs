//! `Edm.Binary`: bytes written as base64url, as the OData JSON format requires.

use std::fmt;
use std::ops::{Deref, DerefMut};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::de::Deserializer;
use serde::Serializer;

use super::{read_str, EdmType, EdmValue, Primitive};

/// The value of an `Edm.Binary` property: bytes, written as base64url (RFC 4648 §5, padded).
///
/// Reading accepts base64url and standard base64, with or without padding: Graph and other
/// Microsoft services send the standard alphabet (`+`, `/`). `Vec<u8>` is not used for this
/// because it is `Collection(Edm.Byte)`.
///
/// ```
/// use odata_core::edm::{Binary, Edm};
///
/// let bytes = Binary::from(vec![0xfb, 0xff, 0x01]);
/// assert_eq!(serde_json::to_string(&Edm(bytes.clone()))?, r#""-_8B""#);
/// let read: Edm<Binary> = serde_json::from_str(r#""+/8B""#)?;
/// assert_eq!(read.0, bytes);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

impl Deref for Binary {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl DerefMut for Binary {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl EdmValue for Binary {
    const EDM: EdmType = EdmType::Primitive(Primitive::Binary);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_bytes(&self.0, serializer)
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_bytes(deserializer, "an Edm.Binary in base64url (or base64)").map(Binary)
    }
}

/// Bytes as base64url, padded.
fn write_bytes<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&URL_SAFE.encode(bytes))
}

/// Bytes from base64url or standard base64, padded or not.
fn read_bytes<'de, D: Deserializer<'de>>(
    deserializer: D,
    expected: &'static str,
) -> Result<Vec<u8>, D::Error> {
    read_str(deserializer, expected, |text| {
        let url = text.contains(['-', '_']);
        let padded = text.ends_with('=');
        let engine = match (url, padded) {
            (true, true) => &URL_SAFE,
            (true, false) => &URL_SAFE_NO_PAD,
            (false, true) => &STANDARD,
            (false, false) => &STANDARD_NO_PAD,
        };
        engine.decode(text).ok()
    })
}

/// The value of an `Edm.Stream` property written inline (OData 4.01 allows a stream's bytes in
/// the payload, base64url-encoded). Services such as Graph send only the stream's media
/// annotations, which the type's `Extra` keeps and [`Extra::stream_property`] reads; the
/// property is then `None`.
///
/// [`Extra::stream_property`]: crate::Extra::stream_property
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Stream(pub Vec<u8>);

impl fmt::Debug for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stream({} bytes)", self.0.len())
    }
}

impl EdmValue for Stream {
    const EDM: EdmType = EdmType::Primitive(Primitive::Stream);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_bytes(&self.0, serializer)
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_bytes(deserializer, "an Edm.Stream in base64url (or base64)").map(Stream)
    }
}
