//! Entity tags and the request headers that depend on them or shape the answer: `If-Match`
//! (checked under the store's lock) and `Prefer` (`return=minimal`/`representation`,
//! `odata.maxpagesize`).

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::http::header::{HeaderName, IF_MATCH};
use axum::http::HeaderMap;
use odata_core::graph::TrustFrameworkKeySet;

use crate::error::ApiError;

/// The `Prefer` request header.
pub(crate) const PREFER: HeaderName = HeaderName::from_static("prefer");
/// The `Preference-Applied` response header.
pub(crate) const PREFERENCE_APPLIED: HeaderName = HeaderName::from_static("preference-applied");

/// The entity tag of a key set as stored: a weak tag over its whole content (write-only
/// members included), so it changes whenever the key set does.
pub(crate) fn etag(set: &TrustFrameworkKeySet) -> String {
    let mut hasher = DefaultHasher::new();
    odata_core::json::to_vec(set)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("W/\"{:016x}\"", hasher.finish())
}

/// What the caller asked for in `Prefer`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Return {
    /// No `return` preference: the default answer (the entity).
    #[default]
    Default,
    /// `return=minimal`: `204 No Content`.
    Minimal,
    /// `return=representation`: the entity.
    Representation,
}

/// The request's `If-Match` and `Prefer` headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Conditions {
    /// The entity tags in `If-Match` (`*` among them), when the header was sent.
    if_match: Option<Vec<String>>,
    pub(crate) returning: Return,
    pub(crate) max_page_size: Option<usize>,
}

impl Conditions {
    /// Reads the headers; an `If-Match` that is not visible ASCII or has no tag is a 400.
    /// Preferences the service does not know, or with values it cannot read, are ignored (a
    /// preference is a hint).
    pub(crate) fn read(headers: &HeaderMap) -> Result<Self, ApiError> {
        let mut conditions = Conditions::default();
        let mut tags = Vec::new();
        let mut sent = false;
        for value in headers.get_all(IF_MATCH) {
            sent = true;
            let text = value
                .to_str()
                .map_err(|_| ApiError::bad_request("The If-Match header is not visible ASCII."))?;
            tags.extend(split_list(text));
        }
        if sent {
            if tags.is_empty() {
                return Err(ApiError::bad_request(
                    "The If-Match header holds no entity tag.",
                ));
            }
            conditions.if_match = Some(tags);
        }
        for value in headers.get_all(PREFER) {
            let Ok(text) = value.to_str() else { continue };
            for preference in split_list(text) {
                let (name, value) = preference.split_once('=').unwrap_or((&preference, ""));
                let (name, value) = (name.trim(), value.trim().trim_matches('"'));
                if name.eq_ignore_ascii_case("return") {
                    if value.eq_ignore_ascii_case("minimal") {
                        conditions.returning = Return::Minimal;
                    } else if value.eq_ignore_ascii_case("representation") {
                        conditions.returning = Return::Representation;
                    }
                } else if name.eq_ignore_ascii_case("odata.maxpagesize")
                    || name.eq_ignore_ascii_case("maxpagesize")
                {
                    if let Ok(size @ 1..) = value.parse::<usize>() {
                        conditions.max_page_size = Some(size);
                    }
                }
            }
        }
        Ok(conditions)
    }

    /// With `If-Match`, the key set's current tag must be one of those sent (`*` matches any).
    /// Tags compare by their opaque part, weak or not (the service's tags are weak, and OData
    /// clients send them back as read).
    pub(crate) fn check(&self, id: &str, current: &TrustFrameworkKeySet) -> Result<(), ApiError> {
        let Some(tags) = &self.if_match else {
            return Ok(());
        };
        let now = etag(current);
        let matches = tags
            .iter()
            .any(|tag| tag == "*" || opaque(tag) == opaque(&now));
        if matches {
            Ok(())
        } else {
            Err(ApiError::precondition_failed(id))
        }
    }
}

/// The opaque part of an entity tag: without `W/`.
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// A comma-separated header list, items trimmed, empty items dropped; commas inside quotes do
/// not split.
fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn preferences() {
        let read = Conditions::read(&headers(&[
            ("prefer", "respond-async, return=minimal"),
            ("prefer", "odata.maxpagesize=7"),
        ]))
        .unwrap();
        assert_eq!(read.returning, Return::Minimal);
        assert_eq!(read.max_page_size, Some(7));
        let ignored = Conditions::read(&headers(&[(
            "prefer",
            "odata.maxpagesize=0, return=everything, odata.maxpagesize=x",
        )]))
        .unwrap();
        assert_eq!(ignored, Conditions::default());
    }

    #[test]
    fn if_match() {
        let set = TrustFrameworkKeySet::builder().id("a").build();
        let tag = etag(&set);
        assert!(tag.starts_with("W/\"") && tag.len() == 20, "{tag}");
        let strong = tag.trim_start_matches("W/").to_owned();
        for sent in [
            tag.as_str(),
            "*",
            strong.as_str(),
            &format!("\"x,y\", {tag}"),
        ] {
            let conditions = Conditions::read(&headers(&[("if-match", sent)])).unwrap();
            assert!(conditions.check("a", &set).is_ok(), "{sent}");
        }
        let stale = Conditions::read(&headers(&[("if-match", "W/\"0\"")])).unwrap();
        assert_eq!(stale.check("a", &set).unwrap_err().status(), 412);
        assert!(Conditions::read(&headers(&[("if-match", " , ")])).is_err());
        assert!(Conditions::default().check("a", &set).is_ok());
    }

    #[test]
    fn the_tag_follows_the_content() {
        let a = TrustFrameworkKeySet::builder().id("a").build();
        let b = TrustFrameworkKeySet::builder().id("b").build();
        assert_eq!(etag(&a), etag(&a.clone()));
        assert_ne!(etag(&a), etag(&b));
    }
}
