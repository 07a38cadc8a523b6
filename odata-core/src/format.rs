//! The OData JSON format, written once for every derived type: the generated impls of
//! `Serialize`/`Deserialize` call [`serialize_structured`] and [`deserialize_structured`], and
//! the generated per-property code calls [`write_property`], [`read_property`] and
//! [`finish_property`]. Nothing here buffers an object or goes through `serde_json::Value`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;

use crate::edm::EdmRef;
use crate::model::TypeInfo;
use crate::{EdmValue, Extra, StructuredType};

/// The member that carries the type annotation.
pub const ODATA_TYPE: &str = "@odata.type";

/// The member that carries a response's context URL.
const ODATA_CONTEXT: &str = "@odata.context";

static NO_EXTRA: Extra = Extra::new();

/// Writes `value` as an OData JSON object: `@odata.type` first, then the object's instance
/// annotations, then the properties (base type's first) each preceded by its annotations, then
/// unknown properties.
pub fn serialize_structured<T: StructuredType, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let extra = value.__extra().unwrap_or(&NO_EXTRA);
    let mut map = serializer.serialize_map(None)?;
    if extra.is_inert() {
        // The common case: nothing kept, nothing to place.
        map.serialize_entry(ODATA_TYPE, T::TYPE.type_annotation)?;
        value.__write_members(&mut map, None)?;
    } else {
        write_head(&mut map, extra, T::TYPE)?;
        value.__write_members(&mut map, Some(extra))?;
        write_tail(&mut map, extra, T::TYPE)?;
    }
    map.end()
}

// The parts of writing a value with kept members that do not depend on its Rust type, apart
// from `serialize_structured` so that they are compiled once per serializer, not once per type.

/// The control information first: a response's context, then the type (OData JSON's streaming
/// order; a value read for a subtype the model does not know keeps that subtype's annotation),
/// then the object's other instance annotations.
fn write_head<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    info: &'static TypeInfo,
) -> Result<(), M::Error> {
    if let Some(context) = extra.get(ODATA_CONTEXT) {
        map.serialize_entry(ODATA_CONTEXT, context)?;
    }
    match extra.get(ODATA_TYPE) {
        Some(kept) => map.serialize_entry(ODATA_TYPE, kept)?,
        None => map.serialize_entry(ODATA_TYPE, info.type_annotation)?,
    }
    write_extra(map, extra, &|name| {
        name.starts_with('@') && name != ODATA_TYPE && name != ODATA_CONTEXT
    })
}

/// The unknown properties, after the declared ones (their annotations went with them).
fn write_tail<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    info: &'static TypeInfo,
) -> Result<(), M::Error> {
    write_extra(map, extra, &|name| {
        !name.starts_with('@') && !annotates_declared(info, name)
    })
}

fn annotates_declared(info: &'static TypeInfo, name: &str) -> bool {
    match name.find('@') {
        Some(at) => info.property(&name[..at]).is_some(),
        None => false,
    }
}

/// Writes the kept members `keep` selects. `keep` is a trait object, so that one copy of this
/// serves every type written with `M` (a closure type per caller and per `T` made thousands).
fn write_extra<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    keep: &dyn Fn(&str) -> bool,
) -> Result<(), M::Error> {
    for (name, raw) in extra.iter() {
        if keep(name) {
            map.serialize_entry(name, raw)?;
        }
    }
    Ok(())
}

/// Writes one declared property: its annotations (`name@...`) kept in `extra`, then the value,
/// unless it is absent (`None`); an absent value that was read as an explicit `null` is written
/// as `null`. `extra` is `None` when the value keeps nothing extra, the common case.
#[inline(always)]
pub fn write_property<M: SerializeMap, T: EdmValue>(
    map: &mut M,
    extra: Option<&Extra>,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    match extra {
        None if value.__is_absent() => Ok(()),
        None => map.serialize_entry(name, &EdmRef(value)),
        Some(extra) => write_property_with_extra(map, extra, name, value),
    }
}

fn write_property_with_extra<M: SerializeMap, T: EdmValue>(
    map: &mut M,
    extra: &Extra,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    write_extra(map, extra, &|member| {
        member
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('@'))
    })?;
    if !value.__is_absent() {
        map.serialize_entry(name, &EdmRef(value))
    } else if extra.was_null(name) {
        map.serialize_entry(name, &())
    } else {
        Ok(())
    }
}

/// Reads the value of declared property `name` into its slot. A second member of the same name
/// is an error that names it.
#[inline]
pub fn read_property<'de, A: MapAccess<'de>, T: EdmValue>(
    slot: &mut Option<T>,
    extra: &mut Extra,
    name: &'static str,
    map: &mut A,
) -> Result<bool, A::Error> {
    if slot.is_some() {
        return duplicate(map, name);
    }
    map.next_value_seed(SlotSeed(slot))?;
    if let Some(value) = slot {
        if value.__is_absent() {
            extra.note_null(name);
        }
    }
    Ok(true)
}

/// Reads a property's value straight into its slot.
struct SlotSeed<'a, T>(&'a mut Option<T>);

impl<'de, T: EdmValue> DeserializeSeed<'de> for SlotSeed<'_, T> {
    type Value = ();
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::__read_into(deserializer, self.0)
    }
}

/// The value of a property after the whole object was read: the one read, or the absent value
/// of an optional property, or `None` for a missing required property, whose name is then
/// noted in `missing` (the first one only).
#[inline]
pub fn finish_property<T: EdmValue>(
    slot: Option<T>,
    name: &'static str,
    missing: &mut Option<&'static str>,
) -> Option<T> {
    let value = slot.or_else(T::__missing);
    if value.is_none() && missing.is_none() {
        *missing = Some(name);
    }
    value
}

/// The error for a missing required property of `info`, as [`finish_property`] noted it.
pub fn missing_property<E: de::Error>(info: &'static TypeInfo, name: Option<&'static str>) -> E {
    E::custom(format_args!(
        "missing required property `{}` of `{}`",
        name.unwrap_or("?"),
        info.qualified_name
    ))
}

/// Fails while reading the value of the current member, so that the error's path names it.
pub(crate) fn reject<'de, A: MapAccess<'de>>(
    map: &mut A,
    message: fmt::Arguments<'_>,
) -> Result<bool, A::Error> {
    map.next_value_seed(Reject(message.to_string()))
}

/// Fails at the second member named `name`.
pub(crate) fn duplicate<'de, A: MapAccess<'de>>(map: &mut A, name: &str) -> Result<bool, A::Error> {
    reject(map, format_args!("duplicate member `{name}`"))
}

/// Keeps the value of member `name`, which the type does not declare, as raw JSON in `extra`;
/// a second member of that name is an error at its path.
pub(crate) fn keep_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    name: &str,
) -> Result<(), A::Error> {
    if extra.contains(name) {
        duplicate(map, name)?;
    }
    let raw: Box<RawValue> = map.next_value()?;
    extra.push(name, raw);
    Ok(())
}

struct Reject(String);

impl<'de> DeserializeSeed<'de> for Reject {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<bool, D::Error> {
        Err(de::Error::custom(self.0))
    }
}

/// Reads an OData JSON object into `T`: accepts `@odata.type` as `#ns.name` or `ns.name`
/// anywhere in the object (or not at all), rejects one naming another type, keeps unknown
/// members in `T`'s `#[odata(extra)]` field (or rejects them if it has none), and rejects
/// duplicate members.
pub fn deserialize_structured<'de, T: StructuredType, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructuredVisitor(PhantomData))
}

struct StructuredVisitor<T>(PhantomData<T>);

impl<'de, T: StructuredType> Visitor<'de> for StructuredVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a JSON object of OData type `{}`",
            T::TYPE.qualified_name
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        read_members(&mut map, Start::Fresh)
    }
}

/// Where reading an object's members starts.
#[doc(hidden)]
pub enum Start {
    /// At the first member; `@odata.type`, if present, must name `T`.
    Fresh,
    /// `@odata.type` was read already (by polymorphic dispatch) and named `T`.
    TypeRead,
    /// `@odata.type` was read already and named a type the model does not know; it is kept
    /// (and written back) in `T`'s unknown members.
    UnknownType(Box<RawValue>),
}

impl Start {
    /// The kept members and whether `@odata.type` was read, as reading starts.
    fn begin(self) -> (Extra, bool) {
        match self {
            Start::Fresh => (Extra::new(), false),
            Start::TypeRead => (Extra::new(), true),
            Start::UnknownType(raw) => {
                let mut extra = Extra::new();
                extra.push(ODATA_TYPE, raw);
                (extra, true)
            }
        }
    }
}

/// Reads the (remaining) members of an object into `T`.
pub(crate) fn read_members<'de, T: StructuredType, A: MapAccess<'de>>(
    map: &mut A,
    start: Start,
) -> Result<T, A::Error> {
    let mut slots = T::__Slots::default();
    let (mut extra, mut seen_type) = start.begin();
    while let Some(name) = map.next_key_seed(MemberName)? {
        if name == ODATA_TYPE {
            type_member(map, &mut seen_type, T::TYPE)?;
        } else if !T::__read_member(&mut slots, &mut extra, &name, map)? {
            undeclared_member(map, &mut extra, &name, T::TYPE, T::__HAS_EXTRA)?;
        }
    }
    T::__finish(slots, extra)
}

// The parts of reading an object that do not depend on its Rust type, apart from
// `read_members` so that they are compiled once per reader, not once per type and reader.

/// Checks an `@odata.type` member against `info` (and that it is the only one).
fn type_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    seen_type: &mut bool,
    info: &'static TypeInfo,
) -> Result<(), A::Error> {
    if *seen_type {
        duplicate(map, ODATA_TYPE)?;
    }
    *seen_type = true;
    map.next_value_seed(TypeCheck(info))
}

/// A member `info` does not declare: kept in `extra` when the type keeps unknown members,
/// refused otherwise.
fn undeclared_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    name: &str,
    info: &'static TypeInfo,
    has_extra: bool,
) -> Result<(), A::Error> {
    if has_extra {
        return keep_unknown(map, extra, name);
    }
    reject(
        map,
        format_args!(
            "unknown member `{name}`: `{}` declares no such property and keeps no unknown members",
            info.qualified_name
        ),
    )
    .map(drop)
}

/// A member name, borrowed from the input when it has no escapes.
pub(crate) struct MemberName;

impl<'de> DeserializeSeed<'de> for MemberName {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberName {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Checks an `@odata.type` value against the expected type.
struct TypeCheck(&'static TypeInfo);

impl<'de> DeserializeSeed<'de> for TypeCheck {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TypeCheck {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a type name such as \"{}\"", self.0.type_annotation)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if self.0.is_named_by(v) {
            Ok(())
        } else {
            Err(E::custom(format_args!(
                "the value is of type `{}`, but `{}` was expected",
                v.strip_prefix('#').unwrap_or(v),
                self.0.qualified_name
            )))
        }
    }
}
