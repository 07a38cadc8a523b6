//! The typed field list the derive generates for each structured type: structural and
//! navigation properties as values, named in query options and `PATCH` bodies. Depends on
//! nothing else in `request`.
//!
//! The derive writes one generic struct per type, `Fields<M>`, with one member per property.
//! It is seen in two modes: [`Untyped`], where every member is a plain [`Property`] (so that
//! `[f.id, f.keys]` is one array for `$select`), and [`Typed`], where a member is a
//! `Property<V>` that knows its value type `V` (for `$filter`, where comparing a property with a
//! value of another type must not compile). One struct and one constant serve both modes, so a
//! property costs the derive no more than its name and its type.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Mutex, OnceLock, PoisonError};

/// A structural property of a derived type, as named in query options.
///
/// `V` is the property's value type as `$filter` sees it: the field's Rust type without
/// `Option` and `Box` (`String`, `i64`, an enum, a complex type), or `Vec<T>` for a
/// collection. In `$select`, `$orderby` and `PATCH` the field list hands out untyped
/// properties (`Property<()>`, which is just `Property`); [`untyped`](Property::untyped)
/// turns a typed one into that.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::request::{HasFields, Typed, Untyped};
///
/// let names = <TrustFrameworkKeySet as HasFields>::fields::<Untyped>();
/// assert_eq!(names.keys.name(), "keys");
/// let typed = <TrustFrameworkKeySet as HasFields>::fields::<Typed>();
/// assert_eq!(typed.keys.untyped(), names.keys);
/// ```
pub struct Property<V: ?Sized = ()>(&'static str, PhantomData<fn() -> V>);

impl<V: ?Sized> Clone for Property<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: ?Sized> Copy for Property<V> {}

impl<V: ?Sized> fmt::Debug for Property<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Property({:?})", self.0)
    }
}

impl PartialEq for Property {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Property {}

impl<V: ?Sized> Property<V> {
    #[doc(hidden)]
    pub const fn __new(name: &'static str) -> Self {
        Property(name, PhantomData)
    }
    /// The OData name.
    pub fn name(self) -> &'static str {
        self.0
    }
    /// The same property without its value type, for `$select`, `$orderby` and `PATCH`.
    pub fn untyped(self) -> Property {
        Property(self.0, PhantomData)
    }
    /// Ascending order on this property.
    pub fn asc(self) -> OrderBy {
        OrderBy(self.0, false)
    }
    /// Descending order on this property.
    pub fn desc(self) -> OrderBy {
        OrderBy(self.0, true)
    }

    /// The property at `segment` below this one (`a/b`, `a/ns.Sub`), of value type `W`.
    /// Below the lambda variable itself (an empty name), `segment` alone.
    pub(super) fn join<W: ?Sized>(self, segment: &str) -> Property<W> {
        let path = match self.0 {
            "" => intern(segment),
            name => intern(&format!("{name}/{segment}")),
        };
        Property(path, PhantomData)
    }
}

/// A path of several segments as a `&'static str`, so that a nested property is a `Property`
/// like any other (`Copy`, named in `$filter`, `$select` and `$orderby` alike). Each distinct
/// path is allocated once per process and kept: there are as many as the program writes
/// paths into complex properties (a bounded set, fixed by the model and the code), so the
/// memory kept is bounded too.
fn intern(path: &str) -> &'static str {
    static PATHS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut paths = PATHS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    match paths.get(path) {
        Some(kept) => kept,
        None => {
            let kept: &'static str = Box::leak(path.to_owned().into_boxed_str());
            paths.insert(kept);
            kept
        }
    }
}

/// A navigation property of a derived type, as named in `$expand`.
///
/// `V` is its target as `$filter` and nested `$expand` see it: the entity type, or `Vec<T>`
/// for a collection; `()` in the untyped field list.
pub struct NavigationProperty<V: ?Sized = ()>(&'static str, PhantomData<fn() -> V>);

impl<V: ?Sized> Clone for NavigationProperty<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: ?Sized> Copy for NavigationProperty<V> {}

impl<V: ?Sized> fmt::Debug for NavigationProperty<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NavigationProperty({:?})", self.0)
    }
}

impl PartialEq for NavigationProperty {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for NavigationProperty {}

impl<V: ?Sized> NavigationProperty<V> {
    #[doc(hidden)]
    pub const fn __new(name: &'static str) -> Self {
        NavigationProperty(name, PhantomData)
    }
    /// The OData name.
    pub fn name(self) -> &'static str {
        self.0
    }
    /// The same navigation property without its target type, for `$expand`.
    pub fn untyped(self) -> NavigationProperty {
        NavigationProperty(self.0, PhantomData)
    }
}

/// One `$orderby` item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderBy(pub(super) &'static str, pub(super) bool);

impl From<Property> for OrderBy {
    fn from(p: Property) -> Self {
        p.asc()
    }
}

/// How the field list is seen: [`Untyped`] or [`Typed`]. The derive's field struct is generic
/// over it.
pub trait Mode: 'static {
    /// What a property's type parameter becomes: `()` untyped, the value type typed.
    #[doc(hidden)]
    type Of<V>;
}

/// The field list's untyped mode: every property is a [`Property`] (`$select`, `$orderby`,
/// `$expand`, `PATCH`).
pub enum Untyped {}

/// The field list's typed mode: every property knows its value type (`$filter`, nested
/// `$expand`).
pub enum Typed {}

impl Mode for Untyped {
    type Of<V> = ();
}

impl Mode for Typed {
    type Of<V> = V;
}

/// A member of a generated field list: a property of value type `V` in mode `M`.
#[doc(hidden)]
pub type Field<M, V> = Property<<M as Mode>::Of<V>>;

/// A navigation member of a generated field list, with target `V` in mode `M`.
#[doc(hidden)]
pub type Nav<M, V> = NavigationProperty<<M as Mode>::Of<V>>;

/// A generated field list: a constant value.
#[doc(hidden)]
pub trait FieldList: 'static {
    /// The field list.
    const FIELDS: Self;
}

/// Implemented by the derive: a struct with one public field per property (navigation
/// properties as [`NavigationProperty`]), generic over the [`Mode`], which derefs to the base
/// type's.
pub trait HasFields {
    /// The generated field list.
    #[doc(hidden)]
    type Fields<M: Mode>: FieldList;

    /// The field list in mode `M`.
    fn fields<M: Mode>() -> Self::Fields<M> {
        <Self::Fields<M> as FieldList>::FIELDS
    }
}
