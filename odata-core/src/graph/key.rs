use crate::{Extra, ODataEntity, Secret};

/// `microsoft.graph.trustFrameworkKey`: one JSON Web Key (RFC 7517 section 4). A complex type.
///
/// The private members (`d`, `dp`, `dq`, `k`, `p`, `q`, `qi`) are write-only on the service:
/// they are sent on upload and never read back. They are [`Secret`]s: `Debug` does not show
/// them and their memory is zeroed when the key is dropped; serialising the key writes them.
///
/// Microsoft Graph documents this type only in its beta reference (there is no v1.0 page), with
/// the sixteen members below; the newest beta page adds `status` (`trustFrameworkKeyStatus`:
/// `enabled`, `disabled`), which this v1.0 model does not declare: a `status` in a response is
/// kept in [`extra`](Self::extra) and written back. See `docs/graph-keyset-reference.md`.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
///
/// let key = TrustFrameworkKey::builder()
///     .kid("B2C_1A_Signing.1")
///     .kty("RSA")
///     .r#use("sig")
///     .e("AQAB")
///     .x5c(["MIIC...1", "MIIC...2"])
///     .build();
/// assert_eq!(
///     odata_core::json::to_string(&key)?,
///     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","e":"AQAB","kid":"B2C_1A_Signing.1","kty":"RSA","use":"sig","x5c":["MIIC...1","MIIC...2"]}"##
/// );
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct TrustFrameworkKey {
    /// RSA key: private exponent. Write-only.
    pub d: Option<Secret>,
    /// RSA key: first exponent. Write-only.
    pub dp: Option<Secret>,
    /// RSA key: second exponent. Write-only.
    pub dq: Option<Secret>,
    /// RSA key: public exponent.
    pub e: Option<String>,
    /// Expiry, as a NumericDate (seconds since 1970-01-01T00:00:00Z, RFC 7519).
    pub exp: Option<i64>,
    /// Symmetric key of an `oct` key. Write-only.
    pub k: Option<Secret>,
    /// The key's unique identifier.
    pub kid: Option<String>,
    /// The key type: the cryptographic algorithm family (`RSA`, `oct`).
    pub kty: Option<String>,
    /// RSA key: modulus.
    pub n: Option<String>,
    /// Not before, as a NumericDate (seconds since 1970-01-01T00:00:00Z, RFC 7519).
    pub nbf: Option<i64>,
    /// RSA key: first prime. Write-only.
    pub p: Option<Secret>,
    /// RSA key: second prime. Write-only.
    pub q: Option<Secret>,
    /// RSA key: coefficient. Write-only.
    pub qi: Option<Secret>,
    /// Intended use of the public key: `sig` (signature) or `enc` (encryption).
    pub r#use: Option<String>,
    /// X.509 certificate chain: one or more PKIX certificates (RFC 5280).
    #[odata(each = "x5c_cert")]
    pub x5c: Option<Vec<String>>,
    /// X.509 certificate SHA-1 thumbprint, base64url-encoded.
    pub x5t: Option<String>,
    /// Annotations and members the model does not declare, kept for the round trip.
    #[odata(extra)]
    pub extra: Extra,
}
