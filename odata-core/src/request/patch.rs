//! `PATCH` bodies that carry only what the caller changed. Absent and `null` are different on
//! the wire: an absent member is left as it is, a `null` clears it.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::error::Error;
use super::fields::{HasFields, Property, Untyped};
use crate::format::ODATA_TYPE;
use crate::StructuredType;

/// The members of a `PATCH` body: `@odata.type` first, then only the members set.
///
/// ```
/// use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
/// use odata_core::request::{Patch, Tracked};
///
/// // From a fresh value: only what it sets, plus explicit nulls.
/// let key = TrustFrameworkKey::builder().kid("k1").build();
/// let patch = Patch::from_value(&key)?.set_null(|f| f.x5t);
/// assert_eq!(
///     odata_core::json::to_string(&patch)?,
///     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","kid":"k1","x5t":null}"##
/// );
///
/// // From a fetched value: only what changed since it was fetched.
/// let fetched: TrustFrameworkKey = odata_core::json::from_str(r#"{"kid":"k1","kty":"RSA","use":"sig"}"#)?;
/// let mut key = Tracked::new(fetched)?;
/// key.r#use = Some("enc".into());
/// key.kty = None;
/// assert_eq!(
///     odata_core::json::to_string(&key.patch()?)?,
///     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","kty":null,"use":"enc"}"##
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Patch<T> {
    members: Vec<(String, Box<RawValue>)>,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Patch<T> {
    fn clone(&self) -> Self {
        Patch {
            members: self.members.clone(),
            _t: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Patch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.members.iter().map(|(n, v)| (n, v.get())))
            .finish()
    }
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).expect("null is JSON")
}

impl<T: StructuredType + Serialize> Patch<T> {
    /// No members: a `PATCH` that changes nothing.
    pub fn new() -> Self {
        Patch {
            members: Vec::new(),
            _t: PhantomData,
        }
    }

    /// Every member `value` has: properties that are set (an unset `Option` is left out) and
    /// its kept unknown members.
    pub fn from_value(value: &T) -> Result<Self, Error> {
        Ok(Patch {
            members: members_of(value)?,
            _t: PhantomData,
        })
    }

    /// The members that differ between `original` and `modified`; a member `modified` no
    /// longer has is sent as `null`, which clears it.
    pub fn diff(original: &T, modified: &T) -> Result<Self, Error> {
        Self::diff_members(&members_of(original)?, modified)
    }

    fn diff_members(original: &[(String, Box<RawValue>)], modified: &T) -> Result<Self, Error> {
        let now = members_of(modified)?;
        let mut members = Vec::new();
        for (name, value) in &now {
            let before = original.iter().find(|(n, _)| n == name);
            if before.is_none_or(|(_, v)| v.get() != value.get()) {
                members.push((name.clone(), value.clone()));
            }
        }
        for (name, _) in original {
            if !now.iter().any(|(n, _)| n == name) {
                members.push((name.clone(), null()));
            }
        }
        // Declared properties in model order (base first), other members after, in order.
        let properties = T::TYPE.all_properties();
        members.sort_by_key(|(name, _)| {
            properties
                .iter()
                .position(|p| p.name == name)
                .unwrap_or(usize::MAX)
        });
        Ok(Patch {
            members,
            _t: PhantomData,
        })
    }

    /// Sends `null` for a property, clearing it on the service.
    pub fn set_null(mut self, pick: impl FnOnce(&T::Fields<Untyped>) -> Property) -> Self
    where
        T: HasFields,
    {
        let name = pick(&T::fields::<Untyped>()).name();
        match self.members.iter_mut().find(|(n, _)| n == name) {
            Some(member) => member.1 = null(),
            None => self.members.push((name.to_owned(), null())),
        }
        self
    }

    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The member names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(n, _)| n.as_str())
    }
}

impl<T: StructuredType + Serialize> Default for Patch<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: StructuredType> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len() + 1))?;
        map.serialize_entry(ODATA_TYPE, T::TYPE.type_annotation)?;
        for (name, value) in &self.members {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The members of `value` as written, in order, without `@odata.type`.
fn members_of<T: Serialize>(value: &T) -> Result<Vec<(String, Box<RawValue>)>, Error> {
    let text = crate::json::to_vec(value).map_err(Error::Serialize)?;
    let Members(members) = crate::json::from_slice(&text).map_err(Error::Serialize)?;
    Ok(members
        .into_iter()
        .filter(|(name, _)| name != ODATA_TYPE)
        .collect())
}

struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V)
    }
}

/// A value as fetched, with a snapshot: change it through `Deref`, then [`Tracked::patch`]
/// yields only the members changed since.
pub struct Tracked<T> {
    value: T,
    original: Vec<(String, Box<RawValue>)>,
}

impl<T: StructuredType + Serialize> Tracked<T> {
    /// Starts tracking `value`.
    pub fn new(value: T) -> Result<Self, Error> {
        let original = members_of(&value)?;
        Ok(Tracked { value, original })
    }

    /// The members changed since the value was fetched (`null` for cleared ones).
    pub fn patch(&self) -> Result<Patch<T>, Error> {
        Patch::diff_members(&self.original, &self.value)
    }

    /// The current value.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> Deref for Tracked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tracked<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}
