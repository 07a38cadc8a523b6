//! The keys the bound actions add, what of a key is served, and which key is active.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, Engine};
use odata_core::graph::{
    GenerateKeyParameters, KeyType, TrustFrameworkKey, UploadCertificateParameters,
    UploadPkcs12Parameters, UploadSecretParameters,
};

use crate::error::ApiError;

/// Standard base64, padded or not (certificates and PFX files arrive either way).
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Bytes of randomness in a `kid` (43 base64url characters, the shape of Graph's kids).
const KID_BYTES: usize = 32;
/// Bytes of the `n` of a generated `RSA` key: the size of a 2048-bit modulus.
const MODULUS_BYTES: usize = 256;
/// Bytes of the secret `k` of a generated `oct` key.
const SECRET_BYTES: usize = 64;
/// `e` of a generated `RSA` key: 65537.
const RSA_EXPONENT: &str = "AQAB";

/// Seconds since 1970-01-01T00:00:00Z: a NumericDate (RFC 7519).
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn random(len: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = vec![0; len];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::internal(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

/// A random (version 4) GUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, as Graph's request ids
/// and generated ids look. Should the OS refuse randomness, the clock and a counter stand in:
/// the value is an id, not a secret.
pub(crate) fn guid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        b[..8].copy_from_slice(&(nanos as u64).to_le_bytes());
        b[8..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    }
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn random_kid() -> Result<String, ApiError> {
    Ok(URL_SAFE_NO_PAD.encode(random(KID_BYTES)?))
}

/// `nbf` defaults to now; `exp`, when given, may not come before `nbf`.
fn validity(nbf: Option<i64>, exp: Option<i64>, now: i64) -> Result<(i64, Option<i64>), ApiError> {
    let nbf = nbf.unwrap_or(now);
    match exp {
        Some(exp) if exp < nbf => Err(ApiError::invalid_member(
            "$.exp",
            format!("exp ({exp}) is earlier than nbf ({nbf})"),
        )),
        _ => Ok((nbf, exp)),
    }
}

/// `generateKey`: see the crate documentation for exactly what is made.
pub(crate) fn generate(p: &GenerateKeyParameters, now: i64) -> Result<TrustFrameworkKey, ApiError> {
    let (nbf, exp) = validity(p.nbf, p.exp, now)?;
    let mut key = TrustFrameworkKey {
        kid: Some(random_kid()?),
        kty: Some(p.kty.as_str().to_owned()),
        r#use: Some(p.key_use.as_str().to_owned()),
        nbf: Some(nbf),
        exp,
        ..TrustFrameworkKey::default()
    };
    match p.kty {
        KeyType::Rsa => {
            let mut n = random(MODULUS_BYTES)?;
            n[0] |= 0x80; // 2048 bits exactly
            n[MODULUS_BYTES - 1] |= 1; // odd, as every RSA modulus is
            key.n = Some(URL_SAFE_NO_PAD.encode(n));
            key.e = Some(RSA_EXPONENT.to_owned());
        }
        KeyType::Oct => key.k = Some(URL_SAFE_NO_PAD.encode(random(SECRET_BYTES)?).into()),
        KeyType::Other(ref other) => {
            return Err(ApiError::invalid_member(
                "$.kty",
                format!("cannot generate a key of type '{other}'; use 'RSA' or 'oct'"),
            ))
        }
    }
    Ok(key)
}

/// `uploadSecret`: an `oct` key holding the secret `k` (stored, never served).
pub(crate) fn secret(p: &UploadSecretParameters, now: i64) -> Result<TrustFrameworkKey, ApiError> {
    if p.k.expose_secret().is_empty() {
        return Err(ApiError::invalid_member("$.k", "the secret is empty"));
    }
    let (nbf, exp) = validity(p.nbf, p.exp, now)?;
    Ok(TrustFrameworkKey {
        kid: Some(random_kid()?),
        kty: Some(KeyType::Oct.as_str().to_owned()),
        r#use: Some(p.key_use.as_str().to_owned()),
        k: Some(p.k.clone()),
        nbf: Some(nbf),
        exp,
        ..TrustFrameworkKey::default()
    })
}

/// Checks that `value` (the member `key`) is non-empty standard base64.
fn base64_member(value: &str) -> Result<(), ApiError> {
    match STANDARD_LENIENT.decode(value) {
        Ok(bytes) if !bytes.is_empty() => Ok(()),
        Ok(_) => Err(ApiError::invalid_member("$.key", "the content is empty")),
        Err(e) => Err(ApiError::invalid_member(
            "$.key",
            format!("the content is not base64: {e}"),
        )),
    }
}

/// `uploadCertificate`: a signing key whose `x5c` is the certificate as uploaded.
pub(crate) fn certificate(
    p: &UploadCertificateParameters,
    now: i64,
) -> Result<TrustFrameworkKey, ApiError> {
    base64_member(&p.key)?;
    Ok(TrustFrameworkKey {
        kid: Some(random_kid()?),
        kty: Some(KeyType::Rsa.as_str().to_owned()),
        r#use: Some("sig".to_owned()),
        x5c: Some(vec![p.key.clone()]),
        nbf: Some(now),
        ..TrustFrameworkKey::default()
    })
}

/// `uploadPkcs12`: a signing key; the PFX is checked to be base64 and is not kept.
pub(crate) fn pkcs12(p: &UploadPkcs12Parameters, now: i64) -> Result<TrustFrameworkKey, ApiError> {
    base64_member(p.key.expose_secret())?;
    Ok(TrustFrameworkKey {
        kid: Some(random_kid()?),
        kty: Some(KeyType::Rsa.as_str().to_owned()),
        r#use: Some("sig".to_owned()),
        nbf: Some(now),
        ..TrustFrameworkKey::default()
    })
}

/// A key as served: without the write-only members `d`, `dp`, `dq`, `k`, `p`, `q`, `qi`.
pub(crate) fn public(key: &TrustFrameworkKey) -> TrustFrameworkKey {
    TrustFrameworkKey {
        d: None,
        dp: None,
        dq: None,
        k: None,
        p: None,
        q: None,
        qi: None,
        ..key.clone()
    }
}

/// Whether `now` lies in the key's validity window, `nbf <= now < exp` (a missing bound is
/// open).
pub(crate) fn is_active(key: &TrustFrameworkKey, now: i64) -> bool {
    key.nbf.is_none_or(|nbf| nbf <= now) && key.exp.is_none_or(|exp| now < exp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use odata_core::graph::KeyUse;

    #[test]
    fn generated_rsa_key_is_public_only() {
        let p = GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::from("rsa"),
            nbf: None,
            exp: Some(2_000_000_000),
        };
        let key = generate(&p, 1_000).unwrap();
        assert_eq!(key.kty.as_deref(), Some("RSA"));
        assert_eq!(key.r#use.as_deref(), Some("sig"));
        assert_eq!(key.nbf, Some(1_000));
        assert_eq!(key.kid.as_ref().unwrap().len(), 43);
        assert_eq!(key.n.as_ref().unwrap().len(), 342);
        assert_eq!(key.e.as_deref(), Some("AQAB"));
        assert!(key.d.is_none() && key.p.is_none() && key.k.is_none());
        assert_ne!(generate(&p, 1_000).unwrap().kid, key.kid);
    }

    #[test]
    fn oct_secret_is_kept_but_not_served() {
        let p = GenerateKeyParameters {
            key_use: KeyUse::Enc,
            kty: KeyType::Oct,
            nbf: Some(5),
            exp: Some(5),
        };
        let key = generate(&p, 1).unwrap();
        assert_eq!(key.k.as_ref().unwrap().expose_secret().len(), 86);
        assert!(public(&key).k.is_none());
        assert_eq!(public(&key).kid, key.kid);
    }

    #[test]
    fn rejects_unknown_kty_and_reversed_window() {
        let mut p = GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::from("EC"),
            nbf: None,
            exp: None,
        };
        assert_eq!(generate(&p, 0).unwrap_err().status(), 400);
        p.kty = KeyType::Rsa;
        p.nbf = Some(10);
        p.exp = Some(9);
        assert_eq!(generate(&p, 0).unwrap_err().status(), 400);
    }

    #[test]
    fn guids_are_version_4() {
        let a = guid();
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert!(matches!(a.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        assert_eq!(a.matches('-').count(), 4);
        assert_ne!(a, guid());
    }

    #[test]
    fn active_window() {
        let key = |nbf, exp| TrustFrameworkKey {
            nbf,
            exp,
            ..TrustFrameworkKey::default()
        };
        assert!(is_active(&key(None, None), 100));
        assert!(is_active(&key(Some(100), Some(101)), 100));
        assert!(!is_active(&key(Some(101), None), 100));
        assert!(!is_active(&key(None, Some(100)), 100));
    }

    #[test]
    fn uploads_check_base64() {
        let cert = UploadCertificateParameters {
            key: "MIIBCg==".into(),
        };
        assert_eq!(certificate(&cert, 0).unwrap().x5c.unwrap(), ["MIIBCg=="]);
        let bad = UploadPkcs12Parameters {
            key: "not base64!".into(),
            password: None,
        };
        assert_eq!(pkcs12(&bad, 0).unwrap_err().status(), 400);
        let empty = UploadCertificateParameters { key: String::new() };
        assert_eq!(certificate(&empty, 0).unwrap_err().status(), 400);
    }
}
