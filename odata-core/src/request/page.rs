//! Collection pages (`value`, `@odata.nextLink`, `@odata.count`) as a type: how a page reads
//! and writes. Depends on nothing else in `request`; walking pages is in `paging`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::Extra;

/// One page of a collection response.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::request::Page;
///
/// let page: Page<TrustFrameworkKeySet> = odata_core::json::from_str(r#"{
///   "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#trustFramework/keySets",
///   "@odata.count": 3,
///   "value": [ {"id": "a"}, {"id": "b"} ],
///   "@odata.nextLink": "https://graph.microsoft.com/v1.0/trustFramework/keySets?$skiptoken=x"
/// }"#)?;
/// assert_eq!(page.value.len(), 2);
/// assert_eq!(page.count, Some(3));
/// assert!(page.next_link.is_some());
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// `@odata.count`: the total count, when asked for with `$count=true`.
    pub count: Option<i64>,
    /// The items.
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is.
    pub next_link: Option<String>,
    /// Other members (`@odata.deltaLink`, ...), kept.
    pub extra: Extra,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            context: None,
            count: None,
            value: Vec::new(),
            next_link: None,
            extra: Extra::new(),
        }
    }
}

const CONTEXT: &str = "@odata.context";
const COUNT: &str = "@odata.count";
const NEXT: &str = "@odata.nextLink";

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry(CONTEXT, context)?;
        }
        if let Some(count) = self.count {
            map.serialize_entry(COUNT, &count)?;
        }
        for (name, raw) in self.extra.iter() {
            map.serialize_entry(name, raw)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(next) = &self.next_link {
            map.serialize_entry(NEXT, next)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

/// Reads member `name` into `slot`; a second member of that name is an error at its own path.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        crate::format::duplicate(map, name)?;
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OData collection response: an object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let (mut context, mut count, mut value, mut next) = (None, None, None, None);
        let mut extra = Extra::new();
        while let Some(name) = map.next_key::<String>()? {
            match name.as_str() {
                CONTEXT => once(&mut map, &mut context, CONTEXT)?,
                COUNT => once(&mut map, &mut count, COUNT)?,
                NEXT => once(&mut map, &mut next, NEXT)?,
                "value" => once::<_, Vec<T>>(&mut map, &mut value, "value")?,
                _ => crate::format::keep_unknown(&mut map, &mut extra, &name)?,
            }
        }
        Ok(Page {
            context,
            count,
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            next_link: next,
            extra,
        })
    }
}
