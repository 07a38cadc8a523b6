//! Polymorphism: a value whose declared type has subtypes holds whichever subtype its
//! `@odata.type` names. `#[derive(ODataEntity)]` on an enum of the subtypes implements
//! [`Polymorphic`]; the dispatch here is shared by every such enum.
//!
//! When `@odata.type` is the object's first member (as OData writes it) the object is read
//! straight into the subtype, with no buffering. When it comes later (or not at all), the object
//! is kept as raw JSON and read again into the subtype once the annotation is known. A type the
//! enum does not know (a subtype added by the service) is read as the base type, which keeps the
//! annotation and every member it does not declare, and writes them back.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::format::{read_members, MemberName, Start, ODATA_TYPE};
use crate::model::TypeInfo;
use crate::StructuredType;

/// The declared type a value stands for: the type itself for a derived structured type, the base
/// for a polymorphic enum. A navigation property holding `AnyT` (an expanded navigation whose
/// entities may be of subtypes of `T`) is still addressed, filtered and expanded as a navigation
/// to `T`: its request builders read `<AnyT as DeclaredType>::Declared`. Implemented by the
/// derive; not a public API.
#[doc(hidden)]
pub trait DeclaredType {
    /// `Self`, or the polymorphic enum's base type.
    type Declared;
}

/// An enum over the subtypes of a base type, derived with `#[derive(ODataEntity)]`.
///
/// ```
/// use odata_core::graph::Entity;
/// use odata_core::{Extra, ODataEntity, Polymorphic};
///
/// #[derive(ODataEntity, Debug, Default)]
/// #[odata(namespace = "contoso", abstract)]
/// pub struct Shape {
///     #[odata(base)]
///     pub entity: Entity,
///     #[odata(extra)]
///     pub extra: Extra,
/// }
///
/// #[derive(ODataEntity, Debug, Default)]
/// #[odata(namespace = "contoso")]
/// pub struct Circle {
///     #[odata(base)]
///     pub shape: Shape,
///     pub radius: Option<f64>,
/// }
///
/// #[derive(ODataEntity, Debug)]
/// pub enum AnyShape {
///     Circle(Circle),
///     /// The declared type: holds shapes of kinds this model does not know.
///     #[odata(base)]
///     Shape(Shape),
/// }
///
/// let shapes: Vec<AnyShape> = odata_core::json::from_str(
///     r##"[{"@odata.type":"#contoso.circle","id":"c","radius":2},{"@odata.type":"#contoso.square","id":"s","side":3}]"##,
/// )?;
/// assert!(matches!(&shapes[0], AnyShape::Circle(c) if c.radius == Some(2.0)));
/// assert_eq!(shapes[1].value_type_name(), "contoso.square");
/// assert_eq!(
///     odata_core::json::to_string(&shapes[1])?,
///     r##"{"@odata.type":"#contoso.square","id":"s","side":3}"##
/// );
/// assert_eq!(AnyShape::BASE.qualified_name, "contoso.shape");
/// # Ok::<(), odata_core::json::Error>(())
/// ```
pub trait Polymorphic: Sized {
    /// The declared (base) type.
    const BASE: &'static TypeInfo;
    /// The subtypes the enum dispatches to, in variant order (the base excluded).
    const VARIANTS: &'static [&'static TypeInfo];

    /// Reads the rest of an object into the subtype `VARIANTS[index]`.
    #[doc(hidden)]
    fn __read_variant<'de, A: MapAccess<'de>>(index: usize, map: &mut A) -> Result<Self, A::Error>;
    /// Reads the rest of an object into the base type.
    #[doc(hidden)]
    fn __read_base<'de, A: MapAccess<'de>>(map: &mut A, start: Start) -> Result<Self, A::Error>;
    /// The type of the value held: a subtype's, or the base's.
    #[doc(hidden)]
    fn __type(&self) -> &'static TypeInfo;
    /// The kept `@odata.type` of a base value read for an unknown subtype.
    #[doc(hidden)]
    fn __kept_type(&self) -> Option<&RawValue>;

    /// The qualified name of the value's type: the subtype held, or, for a value of a type the
    /// model does not know, the name its `@odata.type` gave.
    fn value_type_name(&self) -> Cow<'static, str> {
        match self.__kept_type() {
            Some(raw) => match serde_json::from_str::<String>(raw.get()) {
                Ok(name) => Cow::Owned(name.strip_prefix('#').unwrap_or(&name).to_owned()),
                Err(_) => Cow::Borrowed(self.__type().qualified_name),
            },
            None => Cow::Borrowed(self.__type().qualified_name),
        }
    }

    /// Whether the value's type is one the model knows (a variant, or the base itself).
    fn is_known_type(&self) -> bool {
        self.__kept_type().is_none()
    }
}

/// Reads a polymorphic value.
#[doc(hidden)]
pub fn deserialize_polymorphic<'de, P: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<P, D::Error> {
    deserializer.deserialize_map(PolyVisitor::<P>(PhantomData))
}

struct PolyVisitor<P>(PhantomData<P>);

impl<'de, P: Polymorphic> Visitor<'de> for PolyVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting(f, P::BASE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        let mut buffered = Buffered::default();
        loop {
            let Some(name) = map.next_key_seed(MemberName)? else {
                // No `@odata.type`: the declared type.
                return buffered.replay::<P, A::Error>(None);
            };
            if name != ODATA_TYPE {
                buffered.keep(&mut map, &name)?;
                continue;
            }
            // Borrowed from the input when it can be: no allocation on the common path.
            let type_name: Cow<'de, str> = map.next_value_seed(TypeName(P::BASE))?;
            if buffered.is_empty() {
                // The common case: the annotation came first; read on without buffering.
                let target = Target::of::<P, A::Error>(&type_name)?;
                return dispatch::<P, A>(&mut map, target);
            }
            // The annotation came late: the rest of the object is kept too, and the whole of
            // it read again.
            while let Some(name) = map.next_key_seed(MemberName)? {
                buffered.keep(&mut map, &name)?;
            }
            return buffered.replay::<P, A::Error>(Some(&type_name));
        }
    }
}

/// Which reader an object goes to, once its `@odata.type` is known.
enum Target {
    /// `P::VARIANTS[index]`.
    Variant(usize),
    /// The base type, and how its reading starts (the annotation read, or kept as an unknown
    /// subtype's).
    Base(Start),
}

impl Target {
    fn of<P: Polymorphic, E: de::Error>(type_name: &str) -> Result<Target, E> {
        if let Some(index) = P::VARIANTS
            .iter()
            .position(|info| info.is_named_by(type_name))
        {
            return Ok(Target::Variant(index));
        }
        if P::BASE.is_named_by(type_name) {
            return Ok(Target::Base(Start::TypeRead));
        }
        // Kept as the JSON string it was (escapes normalised), to be written back.
        let raw = serde_json::value::to_raw_value(type_name).map_err(de::Error::custom)?;
        Ok(Target::Base(Start::UnknownType(raw)))
    }
}

fn dispatch<'de, P: Polymorphic, A: MapAccess<'de>>(
    map: &mut A,
    target: Target,
) -> Result<P, A::Error> {
    match target {
        Target::Variant(index) => P::__read_variant(index, map),
        Target::Base(start) => P::__read_base(map, start),
    }
}

/// The value of `@odata.type`: a string, borrowed when it has no escapes.
struct TypeName(&'static TypeInfo);

impl<'de> DeserializeSeed<'de> for TypeName {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TypeName {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a type name such as \"{}\"", self.0.type_annotation)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// The members of an object whose `@odata.type` did not come first (or not at all), kept as
/// the text of a JSON object without the annotation, to be read again once the type is known.
///
/// The object is read again from its own text, tracked, by the one reader that
/// [`crate::json::from_slice`] uses to locate an error (serde_json's slice reader under
/// `serde_path_to_error`): whatever the outer document is read with, a program compiles each
/// type's reader for that outer reader and for this one, and no more. (Reading the kept members
/// through an adapter over the outer map, as before, compiled every type a polymorphic value
/// reaches for the outer reader, the adapter over it, a reader of the kept values, and the
/// tracked form of each.)
#[derive(Default)]
struct Buffered {
    text: Vec<u8>,
}

impl Buffered {
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Keeps member `name`: its value, the next in `map`, as the raw JSON it came as.
    fn keep<'de, A: MapAccess<'de>>(&mut self, map: &mut A, name: &str) -> Result<(), A::Error> {
        let raw: Box<RawValue> = map.next_value()?;
        self.text
            .push(if self.text.is_empty() { b'{' } else { b',' });
        // A member name is a JSON string: written back escaped as serde_json escapes it.
        serde_json::to_writer(&mut self.text, name).map_err(de::Error::custom)?;
        self.text.push(b':');
        self.text.extend_from_slice(raw.get().as_bytes());
        Ok(())
    }

    /// Reads the kept object into `P`: the subtype `type_name` names, or the declared type
    /// when there is no annotation. Duplicate members are found by the reader, as in an
    /// object read straight.
    fn replay<P: Polymorphic, E: de::Error>(mut self, type_name: Option<&str>) -> Result<P, E> {
        let target = match type_name {
            Some(name) => Target::of::<P, E>(name)?,
            None => Target::Base(Start::Fresh),
        };
        if self.text.is_empty() {
            self.text.push(b'{');
        }
        self.text.push(b'}');
        let mut de = serde_json::Deserializer::from_slice(&self.text);
        let visitor = ReplayVisitor::<P>(target, PhantomData);
        // Tracked, so that an error names the member inside the object (the path to the
        // object itself is the caller's to know), even when the outer reader tracks nothing.
        let mut track = serde_path_to_error::Track::new();
        let tracked = serde_path_to_error::Deserializer::new(&mut de, &mut track);
        tracked.deserialize_map(visitor).map_err(|err| {
            let mut path = String::new();
            crate::json::push_path(&mut path, &track.path());
            let message = crate::json::message_without_position(&err);
            let (nested, message) = crate::json::split_replayed_path(&message);
            path.push_str(nested);
            de::Error::custom(crate::json::replayed_error(&path, message))
        })
    }
}

/// What a polymorphic reader expects, for serde's messages.
fn expecting(f: &mut fmt::Formatter<'_>, base: &TypeInfo) -> fmt::Result {
    write!(
        f,
        "a JSON object of OData type `{}` or a subtype",
        base.qualified_name
    )
}

/// Reads a kept object into the reader its annotation chose.
struct ReplayVisitor<P>(Target, PhantomData<P>);

impl<'de, P: Polymorphic> Visitor<'de> for ReplayVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting(f, P::BASE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        dispatch::<P, A>(&mut map, self.0)
    }
}

/// Reads the rest of an object into `T` (generated dispatch calls this per variant).
#[doc(hidden)]
pub fn read_variant<'de, T: StructuredType, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    read_members(map, Start::TypeRead)
}

/// Reads the rest of an object into the base type `T`.
#[doc(hidden)]
pub fn read_base<'de, T: StructuredType, A: MapAccess<'de>>(
    map: &mut A,
    start: Start,
) -> Result<T, A::Error> {
    if let (Start::UnknownType(raw), false) = (&start, T::__HAS_EXTRA) {
        return Err(de::Error::custom(format_args!(
            "`@odata.type` is {}, a type this model does not know, and its base type `{}` keeps no unknown members to hold it: add an #[odata(extra)] field to `{}`",
            raw.get(),
            T::TYPE.qualified_name,
            T::TYPE.rust_name
        )));
    }
    read_members(map, start)
}

/// Whether `info` is `base` or derives from it; a `const fn` for the derive's compile-time
/// check of a polymorphic enum's variants.
pub const fn derives_from(info: &TypeInfo, base: &TypeInfo) -> bool {
    let mut info = info;
    loop {
        if crate::model::str_eq(info.qualified_name, base.qualified_name) {
            return true;
        }
        match info.base {
            Some(next) => info = next,
            None => return false,
        }
    }
}
