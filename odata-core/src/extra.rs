//! Members the model does not declare, kept so that parse -> serialize loses nothing.

use std::fmt;

use serde::Serialize;
use serde_json::value::RawValue;

/// The members of a JSON object that its type does not declare: instance annotations
/// (`@odata.context`, `@odata.etag`), property annotations (`keys@odata.type`) and properties
/// the model does not know yet. A type keeps them in a field marked `#[odata(extra)]`.
///
/// Values are kept as the exact JSON text received ([`RawValue`]) and written back unchanged,
/// in input order: object annotations right after `@odata.type`, a property's annotations right
/// before the property, unknown properties after the known ones. `Extra` also remembers which
/// declared optional properties were an explicit `null`, so that `null` is written back as
/// `null` and not dropped.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
///
/// let json = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#keySets/$entity","id":"k","futureProperty":42}"#;
/// let set: TrustFrameworkKeySet = odata_core::json::from_str(json)?;
/// assert_eq!(set.extra.get("@odata.context").unwrap().get(), r#""https://graph.microsoft.com/v1.0/$metadata#keySets/$entity""#);
/// assert_eq!(set.extra.get_as::<i64>("futureProperty").unwrap()?, 42);
/// assert_eq!(set.extra.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Extra {
    members: Vec<(Box<str>, Box<RawValue>)>,
    nulls: Vec<&'static str>,
}

impl Extra {
    /// No members.
    pub const fn new() -> Self {
        Extra {
            members: Vec::new(),
            nulls: Vec::new(),
        }
    }

    /// Whether no member is kept and no explicit null remembered: writing needs no lookup.
    #[inline]
    pub(crate) fn is_inert(&self) -> bool {
        self.members.is_empty() && self.nulls.is_empty()
    }

    /// Whether no member is kept (remembered explicit nulls do not count).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// How many members are kept.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// The raw JSON of member `name`.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.members
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| &**v)
    }

    /// Member `name` parsed as `T`.
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Sets member `name` (replacing a member of that name, else appending).
    ///
    /// ```
    /// let mut extra = odata_core::Extra::new();
    /// extra.insert("@odata.etag", &"W/\"1\"")?;
    /// assert_eq!(extra.get("@odata.etag").unwrap().get(), r#""W/\"1\"""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn insert<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let raw = serde_json::value::to_raw_value(value)?;
        match self.members.iter_mut().find(|(n, _)| &**n == name) {
            Some(slot) => slot.1 = raw,
            None => self.members.push((name.into(), raw)),
        }
        Ok(())
    }

    /// Removes member `name`, returning its raw JSON.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let index = self.members.iter().position(|(n, _)| &**n == name)?;
        Some(self.members.remove(index).1)
    }

    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.members.iter().map(|(n, v)| (&**n, &**v))
    }

    /// Appends a member read from input (the reader has checked that the name is new).
    pub(crate) fn push(&mut self, name: &str, value: Box<RawValue>) {
        self.members.push((name.into(), value));
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    #[inline]
    pub(crate) fn note_null(&mut self, property: &'static str) {
        self.nulls.push(property);
    }

    /// Whether declared property `property` was read as an explicit `null` (it is then written
    /// back as `null`; a server applying a PATCH tells "clear" from "leave alone" by this).
    pub fn was_null(&self, property: &str) -> bool {
        self.nulls.contains(&property)
    }
}

impl PartialEq for Extra {
    /// Equal when the same members (names are unique) have the same JSON text, and the same
    /// properties were explicit nulls; order does not matter, as in a JSON object (and writing
    /// places annotations where OData puts them, so a round trip may reorder them).
    fn eq(&self, other: &Self) -> bool {
        self.members.len() == other.members.len()
            && self
                .iter()
                .all(|(name, raw)| other.get(name).is_some_and(|o| o.get() == raw.get()))
            && self.nulls.len() == other.nulls.len()
            && self.nulls.iter().all(|n| other.nulls.contains(n))
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.members.iter().map(|(n, v)| (n, v.get())))
            .finish()
    }
}
