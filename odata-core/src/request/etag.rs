//! Optimistic concurrency and preferences: entity tags (`@odata.etag` in a value, the `ETag`
//! header), the `Prefer` header's preferences, and what a response says about both. Depends on
//! nothing else in `request`.

use std::fmt;

use http::header::{HeaderMap, HeaderName, HeaderValue, ETAG, LOCATION};

use crate::Extra;

/// The `Preference-Applied` response header.
pub(crate) const PREFERENCE_APPLIED: HeaderName = HeaderName::from_static("preference-applied");
/// The `Prefer` request header.
pub(crate) const PREFER: HeaderName = HeaderName::from_static("prefer");
/// The annotation that carries a value's entity tag.
const ODATA_ETAG: &str = "@odata.etag";

/// An entity tag: the version of an entity as the service sent it (`W/"..."` or `"..."`), or
/// `*` (any version). Sent in `If-Match` so that an update or delete applies only to the version
/// the caller saw; a newer version makes the service answer `412 Precondition Failed`
/// ([`Error::PreconditionFailed`](super::Error::PreconditionFailed)).
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::request::ETag;
///
/// let set: TrustFrameworkKeySet =
///     odata_core::json::from_str(r#"{"@odata.etag":"W/\"3\"","id":"B2C_1A_x"}"#)?;
/// let etag = ETag::from_extra(&set.extra).unwrap()?;
/// assert_eq!(etag.as_str(), "W/\"3\"");
/// assert_eq!(ETag::any().as_str(), "*");
/// assert!(ETag::new("two\nlines").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ETag(HeaderValue);

impl fmt::Debug for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ETag({})", self.as_str())
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that cannot be an entity tag (it cannot be a header value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidETag(pub String);

impl fmt::Display for InvalidETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a valid entity tag: it cannot be sent as a header value",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for InvalidETag {}

impl ETag {
    /// An entity tag as the service sent it.
    pub fn new(tag: &str) -> Result<Self, InvalidETag> {
        let value = HeaderValue::from_str(tag).map_err(|_| InvalidETag(tag.to_owned()))?;
        if value.to_str().is_err() || tag.trim().is_empty() {
            return Err(InvalidETag(tag.to_owned()));
        }
        Ok(ETag(value))
    }

    /// `*`: matches whatever version exists (the update or delete still fails if the entity
    /// is gone).
    pub fn any() -> Self {
        ETag(HeaderValue::from_static("*"))
    }

    /// The `@odata.etag` annotation a value was read with (kept in its `Extra`): `None` if it
    /// had none, an error if the annotation is not a string fit for a header.
    pub fn from_extra(extra: &Extra) -> Option<Result<Self, InvalidETag>> {
        let raw = extra.get(ODATA_ETAG)?;
        Some(match serde_json::from_str::<String>(raw.get()) {
            Ok(tag) => ETag::new(&tag),
            Err(_) => Err(InvalidETag(raw.get().to_owned())),
        })
    }

    /// The `ETag` header of a response, if it has a usable one.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let value = headers.get(ETAG)?;
        value.to_str().ok().and_then(|tag| ETag::new(tag).ok())
    }

    /// The tag as sent.
    pub fn as_str(&self) -> &str {
        self.0.to_str().unwrap_or_default()
    }

    pub(crate) fn header_value(&self) -> HeaderValue {
        self.0.clone()
    }
}

/// What the caller asks the service to prefer (the `Prefer` header).
///
/// ```
/// use odata_core::request::Preference;
///
/// assert_eq!(Preference::ReturnMinimal.to_string(), "return=minimal");
/// assert_eq!(Preference::MaxPageSize(50).to_string(), "odata.maxpagesize=50");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    /// `return=minimal`: answer a create or update with `204 No Content`.
    ReturnMinimal,
    /// `return=representation`: answer a create or update with the entity.
    ReturnRepresentation,
    /// `odata.maxpagesize=N`: at most N items per page.
    MaxPageSize(u32),
}

impl fmt::Display for Preference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Preference::ReturnMinimal => f.write_str("return=minimal"),
            Preference::ReturnRepresentation => f.write_str("return=representation"),
            Preference::MaxPageSize(n) => write!(f, "odata.maxpagesize={n}"),
        }
    }
}

/// Adds a preference to the `Prefer` header, replacing one of the same kind.
pub(crate) fn add_preference(headers: &mut HeaderMap, preference: Preference) {
    let kind = |p: &str| p.split('=').next().unwrap_or_default().trim().to_owned();
    let new = preference.to_string();
    let mut items: Vec<String> = headers
        .get_all(&PREFER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty() && !kind(p).eq_ignore_ascii_case(&kind(&new)))
        .collect();
    items.push(new);
    let value = HeaderValue::from_str(&items.join(", "))
        .expect("preferences are visible ASCII: written by us or read from a header");
    headers.insert(PREFER, value);
}

/// What a successful response says besides its body: the entity tag, the preferences the
/// service applied, and the new entity's `Location`.
///
/// ```
/// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
/// use odata_core::request::{Patch, Preference, Service};
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let update = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x")
///     .update(&Patch::from_value(&TrustFrameworkKeySet::builder().build())?)?
///     .prefer_minimal();
/// let response = http::Response::builder()
///     .status(204)
///     .header("ETag", "W/\"2\"")
///     .header("Preference-Applied", "return=minimal")
///     .body(Vec::new())?;
/// let reply = update.parse_reply(&response)?;
/// assert!(reply.value.is_none());
/// assert_eq!(reply.etag.as_ref().unwrap().as_str(), "W/\"2\"");
/// assert!(reply.applied(Preference::ReturnMinimal));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply<T> {
    /// The value read from the body (`None` for a `204` where the operation allows it).
    pub value: T,
    /// The `ETag` header.
    pub etag: Option<ETag>,
    /// The `Preference-Applied` header, split into its preferences (`return=minimal`,
    /// `odata.maxpagesize=50`).
    pub preference_applied: Vec<String>,
    /// The `Location` header.
    pub location: Option<String>,
}

impl<T> Reply<T> {
    pub(crate) fn new(value: T, headers: &HeaderMap) -> Self {
        Reply {
            value,
            etag: ETag::from_headers(headers),
            preference_applied: headers
                .get_all(&PREFERENCE_APPLIED)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
            location: headers
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }
    }

    /// Whether the service applied `preference`.
    pub fn applied(&self, preference: Preference) -> bool {
        let wanted = preference.to_string();
        self.preference_applied
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_combine_and_replace_their_kind() {
        let mut headers = HeaderMap::new();
        add_preference(&mut headers, Preference::MaxPageSize(10));
        add_preference(&mut headers, Preference::ReturnMinimal);
        add_preference(&mut headers, Preference::ReturnRepresentation);
        add_preference(&mut headers, Preference::MaxPageSize(5));
        assert_eq!(
            headers[&PREFER],
            "return=representation, odata.maxpagesize=5"
        );
    }

    #[test]
    fn etags_from_values_and_headers() {
        let mut extra = Extra::new();
        assert!(ETag::from_extra(&extra).is_none());
        extra.insert(ODATA_ETAG, &7).unwrap();
        assert!(ETag::from_extra(&extra).unwrap().is_err());
        extra.insert(ODATA_ETAG, "bad\r\ntag").unwrap();
        assert!(ETag::from_extra(&extra).unwrap().is_err());
        let mut headers = HeaderMap::new();
        headers.insert(ETAG, HeaderValue::from_static("W/\"abc\""));
        headers.insert(
            PREFERENCE_APPLIED,
            HeaderValue::from_static("return=minimal, odata.maxpagesize=2"),
        );
        let reply = Reply::new((), &headers);
        assert_eq!(reply.etag.as_ref().unwrap().as_str(), "W/\"abc\"");
        assert!(reply.applied(Preference::ReturnMinimal));
        assert!(reply.applied(Preference::MaxPageSize(2)));
        assert!(!reply.applied(Preference::MaxPageSize(3)));
    }
}
