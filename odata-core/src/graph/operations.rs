//! The parameters of the key set's bound actions, with `use` and `kty` typed.

use std::fmt;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know; written back as given.
            Other(String),
        }

        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            /// Known values are matched case-insensitively (Graph's pages write `RSA`, `rsa`,
            /// `OCT` and `oct`); anything else is kept as [`Self::Other`].
            fn from(value: &str) -> Self {
                $(if value.eq_ignore_ascii_case($text) {
                    return $name::$variant;
                })*
                $name::Other(value.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok($name::from(&*text))
            }
        }
    };
}

string_enum! {
    /// The intended use of a key (`use`, RFC 7517 section 4.2).
    ///
    /// ```
    /// use odata_core::graph::KeyUse;
    /// assert_eq!(KeyUse::from("SIG"), KeyUse::Sig);
    /// assert_eq!(KeyUse::from("wrap").as_str(), "wrap");
    /// ```
    KeyUse {
        /// `sig`: signature.
        Sig => "sig",
        /// `enc`: encryption.
        Enc => "enc",
    }
}

string_enum! {
    /// The key type (`kty`, RFC 7518 section 6.1). Written in RFC 7518's spelling (`RSA`,
    /// `oct`), read in any case.
    ///
    /// ```
    /// use odata_core::graph::KeyType;
    /// assert_eq!(KeyType::from("rsa"), KeyType::Rsa);
    /// assert_eq!(KeyType::from("OCT").as_str(), "oct");
    /// ```
    KeyType {
        /// `RSA`.
        Rsa => "RSA",
        /// `oct`: a symmetric key.
        Oct => "oct",
    }
}

/// The parameters of `generateKey`: a key the service generates.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateKeyParameters {
    /// `use`: what the key is for.
    #[serde(rename = "use")]
    pub key_use: KeyUse,
    /// `kty`: the key type.
    pub kty: KeyType,
    /// `nbf`: not before (NumericDate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::edm::as_edm"
    )]
    pub nbf: Option<i64>,
    /// `exp`: expiry (NumericDate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::edm::as_edm"
    )]
    pub exp: Option<i64>,
}

/// The parameters of `uploadSecret`: a secret the caller supplies (`k`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadSecretParameters {
    /// `use`: what the key is for.
    #[serde(rename = "use")]
    pub key_use: KeyUse,
    /// `k`: the secret.
    pub k: crate::Secret,
    /// `nbf`: not before (NumericDate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::edm::as_edm"
    )]
    pub nbf: Option<i64>,
    /// `exp`: expiry (NumericDate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::edm::as_edm"
    )]
    pub exp: Option<i64>,
}

/// The parameters of `uploadCertificate`: a base64-encoded X.509 certificate.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadCertificateParameters {
    /// `key`: the certificate, base64-encoded.
    pub key: String,
}

/// The parameters of `uploadPkcs12`: a base64-encoded PFX and its password.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadPkcs12Parameters {
    /// `key`: the PFX content (which holds a private key), base64-encoded.
    pub key: crate::Secret,
    /// `password`: the PFX's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<crate::Secret>,
}
