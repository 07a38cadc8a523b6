//! Secret key material: redacted from `Debug`, zeroed on drop, written only on purpose.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{EdmType, Primitive};
use crate::EdmValue;

/// A secret string, such as a private JWK member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) or a
/// PFX password.
///
/// It is a [`secrecy::SecretString`]: `Debug` shows `[REDACTED]` and the memory is zeroed when
/// the value is dropped. Unlike `SecretString` it implements `Serialize`, because a key set
/// that carries private members is sent on purpose (create, `uploadSecret`); reading the value
/// in code takes [`expose_secret`](Secret::expose_secret).
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
///
/// let key = TrustFrameworkKey::builder().kid("k1").k("c2VjcmV0").build();
/// assert!(!format!("{key:?}").contains("c2VjcmV0"));
/// assert_eq!(key.k.as_ref().unwrap().expose_secret(), "c2VjcmV0");
/// assert!(odata_core::json::to_string(&key)?.contains(r#""k":"c2VjcmV0""#));
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Secret(SecretString);

impl Secret {
    /// The secret itself.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Secret(SecretString::from(secret))
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Secret(SecretString::from(secret))
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose_secret() == other.expose_secret()
    }
}

impl Eq for Secret {}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        SecretString::deserialize(deserializer).map(Secret)
    }
}

impl EdmValue for Secret {
    const EDM: EdmType = EdmType::Primitive(Primitive::String);
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize(deserializer)
    }
}
