//! Members the model does not declare, kept so that parse -> serialize loses nothing.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::edm::{EdmType, EdmValue, Primitive};

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
    /// Every member's name, one after the other: one allocation for all the names of an object
    /// instead of one per name (an open type's payload is mostly kept members).
    names: String,
    /// Each member: where its name is in `names`, and its value.
    members: Vec<(usize, usize, Box<RawValue>)>,
    nulls: Vec<&'static str>,
}

impl Extra {
    /// No members.
    pub const fn new() -> Self {
        Extra {
            names: String::new(),
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
        self.position(name).map(|index| &*self.members[index].2)
    }

    /// Member `name` parsed as `T`.
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Dynamic property (or any kept member) `name` read as `T` in its OData JSON form: the way
    /// to read an open type's dynamic properties with a type.
    ///
    /// ```
    /// use odata_core::{Extra, ODataEntity};
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso", complex, open)]
    /// struct Settings {
    ///     #[odata(extra)]
    ///     extra: Extra,
    /// }
    /// let s: Settings = odata_core::json::from_str(
    ///     r##"{"retries@odata.type":"#Int64","retries":"9007199254740993","ratio":"INF"}"##,
    /// )?;
    /// assert_eq!(s.extra.get_value::<i64>("retries").unwrap()?, 9_007_199_254_740_993);
    /// assert_eq!(s.extra.get_value::<f64>("ratio").unwrap()?, f64::INFINITY);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_value<T: EdmValue>(&self, name: &str) -> Option<Result<T, serde_json::Error>> {
        self.get(name)
            .map(|raw| crate::edm::Edm::<T>::deserialize(raw).map(|v| v.0))
    }

    /// Sets dynamic property `name` to `value` in its OData JSON form, with the
    /// `name@odata.type` annotation OData requires for a dynamic value whose type JSON alone
    /// does not tell (everything but strings, booleans, doubles and untyped values); replaces a
    /// member of that name, else appends.
    ///
    /// ```
    /// let mut extra = odata_core::Extra::new();
    /// extra.set_value("retries", &42_i64)?;
    /// extra.set_value("label", &"blue".to_owned())?;
    /// assert_eq!(extra.get("retries@odata.type").unwrap().get(), r##""#Int64""##);
    /// assert_eq!(extra.get("retries").unwrap().get(), "42");
    /// assert!(extra.get("label@odata.type").is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn set_value<T: EdmValue>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let annotation = format!("{name}@odata.type");
        match type_annotation(&T::EDM) {
            Some(type_name) => self.insert(&annotation, &type_name)?,
            None => {
                self.remove(&annotation);
            }
        }
        self.insert(name, &crate::edm::EdmRef(value))
    }

    /// Annotation `annotation` (such as `@odata.count` or `@odata.nextLink`) of property
    /// `property`, read as `T`: the control information of an expanded navigation property or
    /// the media annotations of a stream property.
    ///
    /// ```
    /// let set: odata_core::graph::TrustFrameworkKeySet = odata_core::json::from_str(
    ///     r#"{"id":"s","keys@odata.count":2,"keys@odata.nextLink":"https://example.com/next","keys":[]}"#,
    /// )?;
    /// assert_eq!(set.extra.property_annotation::<i64>("keys", "@odata.count").unwrap()?, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn property_annotation<T: EdmValue>(
        &self,
        property: &str,
        annotation: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        self.get_value(&format!("{property}{annotation}"))
    }

    /// The media annotations of the entity itself (a media entity, `HasStream`):
    /// `@odata.mediaReadLink`, `@odata.mediaEditLink`, `@odata.mediaContentType`,
    /// `@odata.mediaEtag`.
    pub fn media(&self) -> Media {
        self.media_with_prefix("")
    }

    /// The media annotations of stream property `property` (`photo@odata.mediaReadLink`, ...).
    pub fn stream_property(&self, property: &str) -> Media {
        self.media_with_prefix(property)
    }

    fn media_with_prefix(&self, prefix: &str) -> Media {
        let text = |term: &str| {
            self.get_value::<String>(&format!("{prefix}@odata.{term}"))
                .and_then(Result::ok)
        };
        Media {
            read_link: text("mediaReadLink"),
            edit_link: text("mediaEditLink"),
            content_type: text("mediaContentType"),
            etag: text("mediaEtag"),
        }
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
        match self.position(name) {
            Some(index) => self.members[index].2 = raw,
            None => self.push(name, raw),
        }
        Ok(())
    }

    /// Removes member `name`, returning its raw JSON.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let index = self.position(name)?;
        Some(self.members.remove(index).2)
    }

    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.members
            .iter()
            .map(|(start, end, v)| (&self.names[*start..*end], &**v))
    }

    /// Appends a member read from input (the reader has checked that the name is new).
    pub(crate) fn push(&mut self, name: &str, value: Box<RawValue>) {
        if self.members.is_empty() {
            // Sized for a typical object's kept members in one go.
            self.members.reserve(8);
            self.names.reserve(128);
        }
        let start = self.names.len();
        self.names.push_str(name);
        self.members.push((start, self.names.len(), value));
    }

    /// Where member `name` is. Every kept member is looked up once as it is read (to refuse a
    /// duplicate), so this compares the length and the last byte, which tell apart almost all
    /// names (`future0`/`future1`, `@ns.note0`/`@ns.note1`), before the bytes.
    fn position(&self, name: &str) -> Option<usize> {
        let name = name.as_bytes();
        let names = self.names.as_bytes();
        let last = name.last().copied();
        self.members.iter().position(|&(start, end, _)| {
            end - start == name.len()
                && names[start..end].last().copied() == last
                && &names[start..end] == name
        })
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
            .entries(self.iter().map(|(n, v)| (n, v.get())))
            .finish()
    }
}

/// The media annotations of a media entity or a stream property, as
/// [`Extra::media`] and [`Extra::stream_property`] read them.
///
/// ```
/// let set: odata_core::graph::TrustFrameworkKeySet = odata_core::json::from_str(
///     r#"{"@odata.mediaReadLink":"keySets/a/$value","@odata.mediaContentType":"application/pkcs12","@odata.mediaEtag":"W/\"1\""}"#,
/// )?;
/// let media = set.extra.media();
/// assert_eq!(media.read_link.as_deref(), Some("keySets/a/$value"));
/// assert_eq!(media.content_type.as_deref(), Some("application/pkcs12"));
/// assert_eq!(media.etag.as_deref(), Some("W/\"1\""));
/// assert_eq!(media.edit_link, None);
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Media {
    /// `@odata.mediaReadLink`: where to read the stream.
    pub read_link: Option<String>,
    /// `@odata.mediaEditLink`: where to write the stream.
    pub edit_link: Option<String>,
    /// `@odata.mediaContentType`: the stream's media type.
    pub content_type: Option<String>,
    /// `@odata.mediaEtag`: the stream's ETag.
    pub etag: Option<String>,
}

/// The `@odata.type` value a dynamic property of this Edm type needs; `None` when JSON alone
/// tells the type (strings, booleans, doubles) or there is none to tell (untyped).
fn type_annotation(edm: &EdmType) -> Option<String> {
    match edm {
        EdmType::Primitive(
            Primitive::String | Primitive::Boolean | Primitive::Double | Primitive::Untyped,
        ) => None,
        EdmType::Primitive(p) => Some(format!("#{}", p.name().trim_start_matches("Edm."))),
        EdmType::Collection(item) => {
            let inner = match item {
                EdmType::Primitive(p) => p.name().trim_start_matches("Edm.").to_owned(),
                other => other.to_string(),
            };
            Some(format!("#Collection({inner})"))
        }
        other => Some(format!("#{other}")),
    }
}
