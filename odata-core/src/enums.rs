//! Enumeration types: the [`EnumType`] trait `#[derive(ODataEnum)]` implements, the reading and
//! writing of member names shared by every enum, and [`Flags`] for `IsFlags` enums.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

use crate::edm::{EdmType, EdmValue};
use crate::model::EnumInfo;

/// An OData enumeration type, implemented by `#[derive(ODataEnum)]`.
///
/// Values are written as their member's name (`"high"`). A name the model does not know is
/// kept by the enum's `#[odata(other)]` variant and written back as it came; an enum without
/// one is *strict* and rejects it with an error naming the member's path and the known names.
/// A member's value in a string (`"2"`) is read as that member.
///
/// ```
/// use odata_core::{EnumType, ODataEnum};
///
/// #[derive(ODataEnum, Clone, Debug, PartialEq)]
/// #[odata(namespace = "microsoft.graph")]
/// pub enum RiskLevel {
///     Low,
///     Medium,
///     High,
///     Hidden,
///     None,
///     UnknownFutureValue,
///     /// Members Graph adds later.
///     #[odata(other)]
///     Other(String),
/// }
///
/// let level: RiskLevel = odata_core::json::from_str(r#""high""#)?;
/// assert_eq!(level, RiskLevel::High);
/// assert_eq!(level.value(), Some(2));
/// let newer: RiskLevel = odata_core::json::from_str(r#""severe""#)?;
/// assert_eq!(newer, RiskLevel::Other("severe".into()));
/// assert_eq!(odata_core::json::to_string(&newer)?, r#""severe""#);
/// assert_eq!(RiskLevel::High.literal(), "microsoft.graph.riskLevel'high'");
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData enumeration type",
    label = "expected a type that derives `ODataEnum`"
)]
pub trait EnumType: Sized + EdmValue {
    /// The static description.
    const ENUM: &'static EnumInfo;

    /// The index in [`EnumInfo::members`] of this value's member; `None` for an unknown member
    /// kept by the `other` variant.
    #[doc(hidden)]
    fn __index(&self) -> Option<usize>;
    /// The member at `index` in [`EnumInfo::members`].
    #[doc(hidden)]
    fn __from_index(index: usize) -> Option<Self>;
    /// The `other` variant holding `name`, if the enum keeps unknown members.
    #[doc(hidden)]
    fn __from_other(name: &str) -> Option<Self>;
    /// The name held by the `other` variant.
    #[doc(hidden)]
    fn __other_name(&self) -> Option<&str>;

    /// The member's name as OData writes it (an unknown member's name as it was read).
    fn member_name(&self) -> &str {
        match self.__index() {
            Some(index) => Self::ENUM.members[index].name,
            None => self.__other_name().unwrap_or_default(),
        }
    }

    /// The member's value; `None` for a member the model does not know.
    fn value(&self) -> Option<i64> {
        self.__index().map(|index| Self::ENUM.members[index].value)
    }

    /// Whether the member is one the model declares.
    fn is_known(&self) -> bool {
        self.__index().is_some()
    }

    /// The member named `name`, or the member whose value `name` spells (`"2"`), or the `other`
    /// variant holding `name`; `None` when the enum is strict and knows no such member.
    fn from_member_name(name: &str) -> Option<Self> {
        Self::ENUM
            .index_of(name)
            .or_else(|| parse_value(name).and_then(|value| Self::ENUM.index_of_value(value)))
            .and_then(Self::__from_index)
            .or_else(|| Self::__from_other(name))
    }

    /// The member with value `value`.
    fn from_value(value: i64) -> Option<Self> {
        Self::ENUM
            .index_of_value(value)
            .and_then(Self::__from_index)
    }

    /// The value as an OData literal for URLs: `namespace.type'member'`.
    fn literal(&self) -> String {
        format!(
            "{}'{}'",
            Self::ENUM.qualified_name,
            self.member_name().replace('\'', "''")
        )
    }
}

/// An `IsFlags` enumeration type (`#[odata(flags)]`): its values combine in [`Flags`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a flags enumeration type",
    label = "add #[odata(flags)] to its ODataEnum derive (and give every member a bit value)"
)]
pub trait FlagsEnum: EnumType {}

/// An integer in a string, as OData allows for an enum value.
fn parse_value(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Writes an enum value: its member's name.
#[doc(hidden)]
pub fn write_enum<E: EnumType, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.member_name())
}

/// Reads an enum value from a member name (or value); an unknown name is kept or, for a strict
/// enum, an error listing the known names.
#[doc(hidden)]
pub fn read_enum<'de, E: EnumType, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    deserializer.deserialize_str(MemberVisitor::<E>(PhantomData))
}

struct MemberVisitor<E>(PhantomData<E>);

impl<E: EnumType> Visitor<'_> for MemberVisitor<E> {
    type Value = E;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a member of enumeration type `{}`",
            E::ENUM.qualified_name
        )
    }
    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        E::from_member_name(v).ok_or_else(|| Er::custom(unknown_member(E::ENUM, v)))
    }
}

fn unknown_member(info: &EnumInfo, name: &str) -> String {
    let known: Vec<&str> = info.members.iter().map(|m| m.name).collect();
    format!(
        "unknown member `{name}` of enumeration type `{}`, expected one of: {}",
        info.qualified_name,
        known.join(", ")
    )
}

/// A value of a flags enumeration type: a set of members, written `"read,write"`.
///
/// The members are kept in the order read (and added) and written back in that order, so a
/// value comes back as it came; unknown members are kept too when the enum has an
/// `#[odata(other)]` variant. Membership is by value: a member that combines bits (`all = 7`)
/// contains the members whose bits it covers.
///
/// ```
/// use odata_core::{EnumType, Flags, ODataEnum};
///
/// #[derive(ODataEnum, Clone, Debug, PartialEq)]
/// #[odata(namespace = "contoso", flags)]
/// pub enum Access {
///     Read = 1,
///     Write = 2,
///     Delete = 4,
///     All = 7,
/// }
///
/// let access: Flags<Access> = odata_core::json::from_str(r#""read,write""#)?;
/// assert!(access.contains(&Access::Write) && !access.contains(&Access::Delete));
/// assert_eq!(access.bits(), Some(3));
/// let all = Flags::from(Access::All);
/// assert!(all.contains(&Access::Delete));
/// assert_eq!(odata_core::json::to_string(&access)?, r#""read,write""#);
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    members: Vec<E>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags {
            members: Vec::new(),
        }
    }
}

impl<E: FlagsEnum> Flags<E> {
    /// No member.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `member` unless it is already there.
    pub fn insert(&mut self, member: E) {
        if !self.members.iter().any(|m| same(m, &member)) {
            self.members.push(member);
        }
    }

    /// Adds `member`, by value.
    #[must_use]
    pub fn with(mut self, member: E) -> Self {
        self.insert(member);
        self
    }

    /// Removes `member`; returns whether it was there.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| !same(m, member));
        before != self.members.len()
    }

    /// Whether the set holds `member`: its bits are all set by the known members, or it is an
    /// unknown member held by name.
    pub fn contains(&self, member: &E) -> bool {
        match member.value() {
            Some(value) => self.known_bits() & value == value,
            None => self.members.iter().any(|m| same(m, member)),
        }
    }

    /// The members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.members.iter()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The combined value; `None` when an unknown member (no value) is held.
    pub fn bits(&self) -> Option<i64> {
        self.members
            .iter()
            .try_fold(0, |bits, m| m.value().map(|v| bits | v))
    }

    fn known_bits(&self) -> i64 {
        self.members
            .iter()
            .filter_map(EnumType::value)
            .fold(0, |bits, v| bits | v)
    }
}

/// Members are the same when their names are: an enum need not implement `PartialEq`.
fn same<E: EnumType>(a: &E, b: &E) -> bool {
    a.member_name() == b.member_name()
}

impl<E: fmt::Debug> fmt::Debug for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.members).finish()
    }
}

impl<E: FlagsEnum> From<E> for Flags<E> {
    fn from(member: E) -> Self {
        Flags {
            members: vec![member],
        }
    }
}

impl<E: FlagsEnum> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut flags = Flags::new();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl<E: FlagsEnum> EdmValue for Flags<E> {
    const EDM: EdmType = E::EDM;

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = String::new();
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(member.member_name());
        }
        serializer.serialize_str(&text)
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagsVisitor::<E>(PhantomData))
    }
}

struct FlagsVisitor<E>(PhantomData<E>);

impl<E: FlagsEnum> Visitor<'_> for FlagsVisitor<E> {
    type Value = Flags<E>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "members of flags enumeration type `{}` separated by commas",
            E::ENUM.qualified_name
        )
    }
    fn visit_str<Er: de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
        let mut flags = Flags::new();
        if v.trim().is_empty() {
            return Ok(flags);
        }
        for name in v.split(',') {
            let name = name.trim();
            let member = E::from_member_name(name)
                .ok_or_else(|| Er::custom(unknown_member(E::ENUM, name)))?;
            flags.insert(member);
        }
        Ok(flags)
    }
}

impl<E: FlagsEnum> serde::Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write_edm(serializer)
    }
}

impl<'de, E: FlagsEnum> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::read_edm(deserializer)
    }
}

/// The [`EnumInfo`] of `E`, as a function pointer for [`EdmType::Enum`].
#[doc(hidden)]
pub fn enum_info<E: EnumType>() -> &'static EnumInfo {
    E::ENUM
}
