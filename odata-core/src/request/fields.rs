//! The typed field list the derive generates for each structured type: structural and
//! navigation properties as values, named in query options and `PATCH` bodies. Depends on
//! nothing else in `request`.

/// A structural property of a derived type, as named in query options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Property(&'static str);

impl Property {
    #[doc(hidden)]
    pub const fn __new(name: &'static str) -> Self {
        Property(name)
    }
    /// The OData name.
    pub fn name(self) -> &'static str {
        self.0
    }
    /// Ascending order on this property.
    pub fn asc(self) -> OrderBy {
        OrderBy(self.0, false)
    }
    /// Descending order on this property.
    pub fn desc(self) -> OrderBy {
        OrderBy(self.0, true)
    }
}

/// A navigation property of a derived type, as named in `$expand`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavigationProperty(&'static str);

impl NavigationProperty {
    #[doc(hidden)]
    pub const fn __new(name: &'static str) -> Self {
        NavigationProperty(name)
    }
    /// The OData name.
    pub fn name(self) -> &'static str {
        self.0
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

/// Implemented by the derive: a struct with one public field per property (navigation
/// properties as [`NavigationProperty`]), which derefs to the base type's.
pub trait HasFields {
    /// The generated field list.
    #[doc(hidden)]
    type Fields: 'static;
    /// The field list.
    #[doc(hidden)]
    const FIELDS: Self::Fields;
}
