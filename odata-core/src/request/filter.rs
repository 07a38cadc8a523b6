//! Typed `$filter` expressions built from the field list: comparisons, `in`, string
//! functions, `any`/`all` lambdas, `and`/`or`/`not`, with values written in OData's URL literal
//! syntax. A value of the wrong type, or a lambda on a single-valued property, does not
//! compile. Above `fields`; the query percent-encodes what it renders.

use std::fmt;
use std::marker::PhantomData;

use super::fields::{HasFields, NavigationProperty, Property, Typed};
use crate::edm::{Binary, EdmRef, EdmValue};
use crate::enums::{EnumType, Flags, FlagsEnum};
use crate::poly::derives_from;
use crate::StructuredType;

/// A `$filter` expression: made by the methods of a typed [`Property`] (`f.id.eq("x")`),
/// combined with [`and`](Filter::and), [`or`](Filter::or) and [`not`](Filter::not) (or `&`,
/// `|` and `!`), or taken as written with [`Filter::raw`]. Its `Display` is the expression
/// before percent-encoding.
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::request::{Filter, Service};
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let list = service
///     .root::<GraphService>()
///     .trust_framework()
///     .key_sets()
///     .list()
///     .filter_expr(|f| {
///         (f.id.starts_with("B2C_1A_") & !f.id.eq("B2C_1A_old"))
///             | f.keys.any(|k| k.kid.eq("O'Brien"))
///     })
///     .build()?;
/// assert_eq!(
///     list.http().uri(),
///     "https://graph.microsoft.com/v1.0/trustFramework/keySets?$filter=startswith(id,'B2C_1A_')%20and%20not%20(id%20eq%20'B2C_1A_old')%20or%20keys/any(k:k/kid%20eq%20'O''Brien')"
/// );
/// let raw = Filter::raw("id eq 'x'").and(Filter::raw("id ne 'y' or id eq 'z'"));
/// assert_eq!(raw.to_string(), "(id eq 'x') and (id ne 'y' or id eq 'z')");
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a filter does nothing until given to a query"]
pub struct Filter(Expr);

/// A literal in URL syntax, or why the value has none.
type Lit = Result<String, String>;

/// The right-hand side of an operator: a literal or another property.
#[derive(Clone, Debug, PartialEq)]
#[doc(hidden)]
pub enum Value {
    Literal(Lit),
    Property(Path),
}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Raw(String),
    Compare(Path, &'static str, Value),
    In(Path, Vec<Value>),
    Call(&'static str, Path, Value),
    /// `isof(path,ns.Type)`; an empty unbound path is the instance itself (`isof(ns.Type)`).
    IsOf(Path, &'static str),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Lambda {
        path: Path,
        all: bool,
        var: String,
        body: Option<Box<Expr>>,
    },
}

/// A property, relative to the entity filtered (`var` is `None`) or to a lambda variable.
/// An empty `name` is the lambda variable itself (an item of a collection of primitives).
#[derive(Clone, Debug, PartialEq)]
#[doc(hidden)]
pub struct Path {
    var: Option<String>,
    name: &'static str,
}

impl Path {
    fn of(name: &'static str) -> Self {
        Path { var: None, name }
    }

    fn bind(&mut self, var: &str) {
        if self.var.is_none() {
            self.var = Some(var.to_owned());
        }
    }
}

impl Value {
    fn check(&self) -> Result<(), String> {
        match self {
            Value::Literal(literal) => literal.clone().map(drop),
            Value::Property(_) => Ok(()),
        }
    }

    fn bind(&mut self, var: &str) {
        if let Value::Property(path) = self {
            path.bind(var);
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Literal(Ok(text)) => f.write_str(text),
            // Not sent: `Query::build` refuses an expression that does not check.
            Value::Literal(Err(_)) => f.write_str("<invalid>"),
            Value::Property(path) => path.fmt(f),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.var, self.name) {
            (Some(var), "") => f.write_str(var),
            (Some(var), name) => write!(f, "{var}/{name}"),
            (None, name) => f.write_str(name),
        }
    }
}

impl Filter {
    /// An expression taken as written (it is percent-encoded in the URL, so it cannot add
    /// query options; it is put in parentheses when combined).
    pub fn raw(expression: impl Into<String>) -> Filter {
        Filter(Expr::Raw(expression.into()))
    }

    /// Both: `a and b`.
    pub fn and(self, other: Filter) -> Filter {
        Filter(Expr::And(Box::new(self.0), Box::new(other.0)))
    }

    /// Either: `a or b`.
    pub fn or(self, other: Filter) -> Filter {
        Filter(Expr::Or(Box::new(self.0), Box::new(other.0)))
    }

    /// Negation: `not (a)`.
    #[allow(clippy::should_implement_trait)] // `!` is implemented too
    pub fn not(self) -> Filter {
        Filter(Expr::Not(Box::new(self.0)))
    }

    /// Why this expression cannot be sent: a value without a URL literal (a date outside years
    /// 0000 to 9999), or an `in` with no values (OData's `in` needs at least one).
    pub fn check(&self) -> Result<(), String> {
        self.0.check()
    }
}

impl std::ops::BitAnd for Filter {
    type Output = Filter;
    fn bitand(self, other: Filter) -> Filter {
        self.and(other)
    }
}

impl std::ops::BitOr for Filter {
    type Output = Filter;
    fn bitor(self, other: Filter) -> Filter {
        self.or(other)
    }
}

impl std::ops::Not for Filter {
    type Output = Filter;
    fn not(self) -> Filter {
        Filter::not(self)
    }
}

impl From<&str> for Filter {
    fn from(raw: &str) -> Filter {
        Filter::raw(raw)
    }
}

impl From<String> for Filter {
    fn from(raw: String) -> Filter {
        Filter::raw(raw)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Expr {
    fn check(&self) -> Result<(), String> {
        match self {
            Expr::Raw(_) | Expr::IsOf(..) => Ok(()),
            Expr::Compare(_, _, value) | Expr::Call(_, _, value) => value.check(),
            Expr::In(path, values) => {
                if values.is_empty() {
                    return Err(format!(
                        "`{path} in ()`: an `in` list needs at least one value"
                    ));
                }
                values.iter().try_for_each(Value::check)
            }
            Expr::Not(e) => e.check(),
            Expr::And(a, b) | Expr::Or(a, b) => a.check().and_then(|()| b.check()),
            Expr::Lambda { body, .. } => body.as_ref().map_or(Ok(()), |b| b.check()),
        }
    }

    /// Binds every property not yet bound to a lambda variable to `var`.
    fn bind(&mut self, var: &str) {
        match self {
            Expr::Raw(_) => {}
            Expr::Compare(path, _, value) | Expr::Call(_, path, value) => {
                path.bind(var);
                value.bind(var);
            }
            Expr::In(path, values) => {
                path.bind(var);
                values.iter_mut().for_each(|value| value.bind(var));
            }
            Expr::IsOf(path, _) => path.bind(var),
            Expr::Not(e) => e.bind(var),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.bind(var);
                b.bind(var);
            }
            // The body's own properties are bound to its variable already.
            Expr::Lambda { path, .. } => path.bind(var),
        }
    }

    /// Whether a lambda inside uses `var` as its variable.
    fn uses_var(&self, name: &str) -> bool {
        match self {
            Expr::Not(e) => e.uses_var(name),
            Expr::And(a, b) | Expr::Or(a, b) => a.uses_var(name) || b.uses_var(name),
            Expr::Lambda { var, body, .. } => {
                var == name || body.as_ref().is_some_and(|b| b.uses_var(name))
            }
            _ => false,
        }
    }

    /// Written inside `and`/`or`/`not` without parentheses?
    fn is_atom(&self) -> bool {
        matches!(self, Expr::Call(..) | Expr::IsOf(..) | Expr::Lambda { .. })
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Raw(text) => f.write_str(text),
            Expr::Compare(path, op, value) => write!(f, "{path} {op} {value}"),
            Expr::In(path, values) => {
                write!(f, "{path} in (")?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    value.fmt(f)?;
                }
                f.write_str(")")
            }
            Expr::Call(function, path, value) => write!(f, "{function}({path},{value})"),
            Expr::IsOf(path, name) if path.var.is_none() && path.name.is_empty() => {
                write!(f, "isof({name})")
            }
            Expr::IsOf(path, name) => write!(f, "isof({path},{name})"),
            Expr::Not(e) if e.is_atom() => write!(f, "not {e}"),
            Expr::Not(e) => write!(f, "not ({e})"),
            // `and` binds tighter than `or`: only an `or` (or raw text) needs parentheses in it.
            Expr::And(a, b) => {
                let part = |f: &mut fmt::Formatter<'_>, e: &Expr| match e {
                    Expr::Or(..) | Expr::Raw(_) => write!(f, "({e})"),
                    _ => write!(f, "{e}"),
                };
                part(f, a)?;
                f.write_str(" and ")?;
                part(f, b)
            }
            Expr::Or(a, b) => {
                let part = |f: &mut fmt::Formatter<'_>, e: &Expr| match e {
                    Expr::Raw(_) => write!(f, "({e})"),
                    _ => write!(f, "{e}"),
                };
                part(f, a)?;
                f.write_str(" or ")?;
                part(f, b)
            }
            Expr::Lambda {
                path,
                all,
                var,
                body,
            } => {
                let function = if *all { "all" } else { "any" };
                match body {
                    Some(body) => write!(f, "{path}/{function}({var}:{body})"),
                    None => write!(f, "{path}/{function}()"),
                }
            }
        }
    }
}

/// The kind of a single primitive or enumeration value of Rust type `S`.
pub struct Scalar<S>(PhantomData<fn() -> S>);
/// The kind of a collection whose items are of kind `K`.
pub struct Many<K>(PhantomData<fn() -> K>);
/// The kind of a structured (complex or entity) value of type `T`.
pub struct Complex<T>(PhantomData<fn() -> T>);

/// A Rust type that `$filter` can use: its kind says which operators apply. Implemented for
/// the primitive types, enumeration types, [`Flags`], `Option<T>`, `Vec<T>`, and (by the
/// derive) every structured type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used in a typed `$filter`",
    label = "no filter operators for this type"
)]
pub trait Operand {
    /// [`Scalar`], [`Many`] or [`Complex`].
    type Kind;
}

/// A value type with an OData URL literal.
pub trait Literal {
    /// The literal (`'O''Brien'`, `42`, `2019-02-07T21:53:13Z`, `microsoft.graph.color'red'`,
    /// `duration'P1D'`), or why there is none.
    fn literal(&self) -> Result<String, String>;
}

/// A value that can be compared with a property of value type `S`: an `S`, a reference to
/// one, `&str` for a `String`, an `Option` of one (`None` is `null`), or another property
/// whose value type is `S` (`f.a.eq(f.b)`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a property of type `{S}`",
    label = "expected a `{S}` value here",
    note = "a typed $filter compares a property only with a value of its own type; use `Filter::raw` for anything else"
)]
pub trait ValueOf<S> {
    /// The value's literal, or the property it names.
    #[doc(hidden)]
    fn __value(&self) -> Value;
}

impl<S: Literal> ValueOf<S> for S {
    fn __value(&self) -> Value {
        Value::Literal(self.literal())
    }
}

impl<S: Literal> ValueOf<S> for &S {
    fn __value(&self) -> Value {
        Value::Literal((**self).literal())
    }
}

impl ValueOf<String> for &str {
    fn __value(&self) -> Value {
        Value::Literal(Ok(quote(self)))
    }
}

impl<S, T: ValueOf<S>> ValueOf<S> for Option<T> {
    fn __value(&self) -> Value {
        self.as_ref()
            .map_or(Value::Literal(Ok("null".to_owned())), T::__value)
    }
}

/// Another property of the same value type: `f.a.eq(f.b)` is `a eq b`.
impl<S, V> ValueOf<S> for Property<V>
where
    V: Operand,
    V::Kind: ScalarOf<S>,
{
    fn __value(&self) -> Value {
        Value::Property(Path::of(self.name()))
    }
}

/// The kind of single values of type `S`: a property of this kind compares with a property
/// of value type `S`.
#[diagnostic::on_unimplemented(
    message = "a property of kind `{Self}` cannot be compared with a property of type `{S}`",
    label = "expected a property of type `{S}` here",
    note = "a typed $filter compares two properties only when their value types are the same"
)]
pub trait ScalarOf<S> {}

impl<S> ScalarOf<S> for Scalar<S> {}

/// A kind whose values compare with `eq`, `ne`, `gt`, `ge`, `lt`, `le` and `in`.
#[diagnostic::on_unimplemented(
    message = "a property of kind `{Self}` cannot be compared with a value",
    label = "comparisons need a single primitive or enumeration property",
    note = "for a collection, compare its items in `any` or `all`"
)]
pub trait Comparable {
    /// The value type.
    type Value;
}

impl<S> Comparable for Scalar<S> {
    type Value = S;
}

/// A single-valued kind, which can be `null`.
#[diagnostic::on_unimplemented(
    message = "a property of kind `{Self}` is never `null`",
    label = "only single-valued properties are compared with `null`",
    note = "an empty collection is tested with `not x/any()`"
)]
pub trait Single {}

impl<S> Single for Scalar<S> {}
impl<T> Single for Complex<T> {}

/// The kind of strings, for `startswith`, `endswith` and `contains`.
#[diagnostic::on_unimplemented(
    message = "string functions need a string property, not one of kind `{Self}`",
    label = "`starts_with`, `ends_with` and `contains` apply to `Edm.String` properties"
)]
pub trait Text {}

impl Text for Scalar<String> {}

/// The kind of a flags enumeration, for `has`.
#[diagnostic::on_unimplemented(
    message = "`has` needs a flags enumeration property, not one of kind `{Self}`",
    label = "`has` applies to `Flags<E>` properties"
)]
pub trait HasFlags {
    /// The member type.
    type Member;
}

impl<E> HasFlags for Scalar<Flags<E>> {
    type Member = E;
}

/// A collection kind: `any` and `all` apply, with a variable of its items.
#[diagnostic::on_unimplemented(
    message = "`any` and `all` need a collection-valued property, not one of kind `{Self}`",
    label = "not a collection",
    note = "compare a single-valued property directly"
)]
pub trait Collection {
    /// What the lambda's closure receives for an item.
    type Item;
    /// The item variable.
    #[doc(hidden)]
    fn __item() -> Self::Item;
}

impl<S> Collection for Many<Scalar<S>> {
    /// The item itself, as a property with the item's type.
    type Item = Property<S>;
    fn __item() -> Property<S> {
        Property::__new("")
    }
}

impl<T: HasFields + StructuredType> Collection for Many<Complex<T>> {
    /// The item's typed field list (with [`cast`](ItemFields::cast) and
    /// [`is_of`](ItemFields::is_of) for the item itself).
    type Item = ItemFields<T>;
    fn __item() -> ItemFields<T> {
        ItemFields(T::fields::<Typed>())
    }
}

/// A structured kind (a complex or entity type, or a polymorphic enum seen as its base):
/// paths go into it ([`at`](Property::at)) and casts go down from it
/// ([`cast`](Property::cast), [`is_of`](Property::is_of)).
#[diagnostic::on_unimplemented(
    message = "a property of kind `{Self}` has no properties of its own to name",
    label = "`at`, `cast` and `is_of` apply to single-valued complex, entity or polymorphic properties",
    note = "for a collection, reach its items' properties in `any` or `all`"
)]
pub trait Structured {
    /// The declared type.
    type Type: HasFields + StructuredType;
}

impl<T: HasFields + StructuredType> Structured for Complex<T> {
    type Type = T;
}

/// What a lambda's closure receives for an item of a collection of structured values: the
/// item's typed field list (reached through `Deref`: `|k| k.kid.eq("x")`), and casts of the
/// item itself.
///
/// ```
/// use odata_core::graph::{Entity, TrustFrameworkKeySet};
/// use odata_core::request::{HasFields, Typed};
/// use odata_core::ODataEntity;
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso")]
/// pub struct Holder {
///     #[odata(base)]
///     pub entity: Entity,
///     pub members: Vec<Entity>,
/// }
///
/// let f = Holder::fields::<Typed>();
/// let sets = f.members.any(|m| m.is_of::<TrustFrameworkKeySet>());
/// assert_eq!(sets.to_string(), "members/any(m:isof(m,microsoft.graph.trustFrameworkKeySet))");
/// let named = f.members.any(|m| m.cast::<TrustFrameworkKeySet>().at(|s| s.id).starts_with("B2C_"));
/// assert_eq!(
///     named.to_string(),
///     "members/any(m:startswith(m/microsoft.graph.trustFrameworkKeySet/id,'B2C_'))"
/// );
/// ```
pub struct ItemFields<T: HasFields>(T::Fields<Typed>);

impl<T: HasFields> std::ops::Deref for ItemFields<T> {
    type Target = T::Fields<Typed>;
    fn deref(&self) -> &T::Fields<Typed> {
        &self.0
    }
}

impl<T: HasFields + StructuredType> ItemFields<T> {
    /// The item as the subtype `S` (`x/ns.S`): name its properties with
    /// [`at`](Property::at). `S` must derive from `T`.
    pub fn cast<S: HasFields + StructuredType>(&self) -> Property<S> {
        let () = Subtype::<S, T>::CHECK;
        Property::__new(S::TYPE.qualified_name)
    }

    /// `isof(x,ns.S)`: the item is an `S` (or derives from it). `S` must derive from `T`.
    pub fn is_of<S: HasFields + StructuredType>(&self) -> Filter {
        let () = Subtype::<S, T>::CHECK;
        Filter(Expr::IsOf(Path::of(""), S::TYPE.qualified_name))
    }
}

/// Checks, when the code is compiled, that `S` is `B` or derives from it.
struct Subtype<S, B>(PhantomData<(S, B)>);

impl<S: StructuredType, B: StructuredType> Subtype<S, B> {
    const CHECK: () = assert!(
        derives_from(S::TYPE, B::TYPE),
        "a cast's type must derive from the property's declared type"
    );
}

fn compare(name: &'static str, op: &'static str, value: Value) -> Filter {
    Filter(Expr::Compare(Path::of(name), op, value))
}

fn lambda<C: Collection>(
    name: &'static str,
    all: bool,
    body: impl FnOnce(&C::Item) -> Filter,
) -> Filter {
    let mut body = body(&C::__item()).0;
    // The variable: the first letter of the path's last segment, numbered when a lambda
    // inside uses it.
    let first = name
        .rsplit('/')
        .next()
        .and_then(|last| last.chars().next())
        .filter(char::is_ascii_alphabetic)
        .map_or('x', |c| c.to_ascii_lowercase());
    let mut var = first.to_string();
    let mut n = 1;
    while body.uses_var(&var) {
        var = format!("{first}{n}");
        n += 1;
    }
    body.bind(&var);
    Filter(Expr::Lambda {
        path: Path::of(name),
        all,
        var,
        body: Some(Box::new(body)),
    })
}

fn exists(name: &'static str) -> Filter {
    Filter(Expr::Lambda {
        path: Path::of(name),
        all: false,
        var: String::new(),
        body: None,
    })
}

fn null_test(name: &'static str, op: &'static str) -> Filter {
    compare(name, op, Value::Literal(Ok("null".into())))
}

/// The six comparison operators, from one table.
macro_rules! comparisons {
    ($($method:ident $op:literal),* $(,)?) => {$(
        #[doc = concat!("`name ", $op, " value`: `value` is a value of the property's type or another property of that type.")]
        #[allow(clippy::should_implement_trait)]
        pub fn $method<T>(self, value: T) -> Filter
        where
            V::Kind: Comparable,
            T: ValueOf<<V::Kind as Comparable>::Value>,
        {
            compare(self.name(), $op, value.__value())
        }
    )*};
}

/// The `$filter` operators, on the typed field list (`filter_expr(|f| ...)`). Which apply
/// depends on the property's value type `V`: comparisons and `in` on a single primitive or
/// enumeration (with a value or another property of the same type), the string functions on
/// strings, `has` on flags, `any`/`all` on collections, `null` tests on single values, paths
/// into and casts of structured values. Anything else does not compile.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
/// use odata_core::request::{HasFields, Typed};
///
/// let f = TrustFrameworkKey::fields::<Typed>();
/// assert_eq!(f.kid.eq("a'b").to_string(), "kid eq 'a''b'");
/// assert_eq!(f.exp.ge(1_700_000_000).to_string(), "exp ge 1700000000");
/// assert_eq!(f.nbf.lt(f.exp).to_string(), "nbf lt exp");
/// assert_eq!(f.x5c.any(|c| c.ends_with("=")).to_string(), "x5c/any(x:endswith(x,'='))");
/// assert_eq!(f.kid.is_in(["a", "b"]).to_string(), "kid in ('a','b')");
/// assert_eq!(f.r#use.is_null().to_string(), "use eq null");
/// ```
impl<V: Operand> Property<V> {
    comparisons!(eq "eq", ne "ne", gt "gt", ge "ge", lt "lt", le "le");

    /// `name in (a,b,...)`. An empty list is refused when the query is built.
    pub fn is_in<T, I>(self, values: I) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
        I: IntoIterator<Item = T>,
    {
        let values = values.into_iter().map(|v| v.__value()).collect();
        Filter(Expr::In(Path::of(self.name()), values))
    }

    /// `name eq null`.
    pub fn is_null(self) -> Filter
    where
        V::Kind: Single,
    {
        null_test(self.name(), "eq")
    }

    /// `name ne null`.
    pub fn is_not_null(self) -> Filter
    where
        V::Kind: Single,
    {
        null_test(self.name(), "ne")
    }

    /// `startswith(name,'prefix')`.
    pub fn starts_with(self, prefix: impl ValueOf<String>) -> Filter
    where
        V::Kind: Text,
    {
        Filter(Expr::Call(
            "startswith",
            Path::of(self.name()),
            prefix.__value(),
        ))
    }

    /// `endswith(name,'suffix')`.
    pub fn ends_with(self, suffix: impl ValueOf<String>) -> Filter
    where
        V::Kind: Text,
    {
        Filter(Expr::Call(
            "endswith",
            Path::of(self.name()),
            suffix.__value(),
        ))
    }

    /// `contains(name,'part')`.
    pub fn contains(self, part: impl ValueOf<String>) -> Filter
    where
        V::Kind: Text,
    {
        Filter(Expr::Call(
            "contains",
            Path::of(self.name()),
            part.__value(),
        ))
    }

    /// `name has ns.type'member'` (flags enumerations).
    pub fn has<E>(self, member: E) -> Filter
    where
        V::Kind: HasFlags<Member = E>,
        E: EnumType,
    {
        compare(self.name(), "has", Value::Literal(Ok(member.literal())))
    }

    /// `name/any(x:...)`: some item matches. The closure gets the item: the item's typed field
    /// list for complex items, the item itself for primitives and enumerations. The variable
    /// is the first letter of the property's name (numbered if a lambda inside has it).
    /// Inside, every property named is the item's.
    pub fn any(self, body: impl FnOnce(&<V::Kind as Collection>::Item) -> Filter) -> Filter
    where
        V::Kind: Collection,
    {
        lambda::<V::Kind>(self.name(), false, body)
    }

    /// `name/all(x:...)`: every item matches.
    pub fn all(self, body: impl FnOnce(&<V::Kind as Collection>::Item) -> Filter) -> Filter
    where
        V::Kind: Collection,
    {
        lambda::<V::Kind>(self.name(), true, body)
    }

    /// `name/any()`: the collection is not empty.
    pub fn is_not_empty(self) -> Filter
    where
        V::Kind: Collection,
    {
        exists(self.name())
    }

    /// A property of this single-valued complex (or entity, or polymorphic) property:
    /// `name/inner`, typed like any other, nested to any depth. Being a [`Property`], it
    /// serves `$select` and `$orderby` too ([`untyped`](Property::untyped),
    /// [`asc`](Property::asc)).
    ///
    /// ```
    /// use odata_core::request::{HasFields, Typed};
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso", complex)]
    /// pub struct Attributes {
    ///     pub extension_attribute1: Option<String>,
    ///     pub level: Option<i32>,
    ///     pub parent: Option<Box<Attributes>>,
    /// }
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso")]
    /// pub struct User {
    ///     #[odata(key)]
    ///     pub id: Option<String>,
    ///     pub on_premises_extension_attributes: Option<Attributes>,
    /// }
    ///
    /// let f = User::fields::<Typed>();
    /// let attributes = f.on_premises_extension_attributes;
    /// assert_eq!(
    ///     attributes.at(|a| a.extension_attribute1).eq("x").to_string(),
    ///     "onPremisesExtensionAttributes/extensionAttribute1 eq 'x'"
    /// );
    /// assert_eq!(
    ///     attributes.at(|a| a.parent).at(|p| p.level).gt(2).to_string(),
    ///     "onPremisesExtensionAttributes/parent/level gt 2"
    /// );
    /// let level = attributes.at(|a| a.level);
    /// assert_eq!(level.untyped().name(), "onPremisesExtensionAttributes/level");
    /// ```
    pub fn at<W>(
        self,
        pick: impl FnOnce(&<<V::Kind as Structured>::Type as HasFields>::Fields<Typed>) -> Property<W>,
    ) -> Property<W>
    where
        V::Kind: Structured,
    {
        let inner = pick(&<V::Kind as Structured>::Type::fields::<Typed>());
        self.join(inner.name())
    }

    /// This property as the subtype `S` (`name/ns.S`), whose own properties
    /// [`at`](Property::at) then names. `S` must derive from the property's type, which the
    /// compiler checks when it builds the code.
    ///
    /// ```
    /// use odata_core::graph::{Entity, TrustFrameworkKeySet};
    /// use odata_core::request::{HasFields, Typed};
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Holder {
    ///     #[odata(base)]
    ///     pub entity: Entity,
    ///     pub owner: Option<Entity>,
    /// }
    ///
    /// let f = Holder::fields::<Typed>();
    /// let set = f.owner.cast::<TrustFrameworkKeySet>();
    /// assert_eq!(
    ///     set.at(|s| s.keys).is_not_empty().to_string(),
    ///     "owner/microsoft.graph.trustFrameworkKeySet/keys/any()"
    /// );
    /// ```
    ///
    /// A type that does not derive from the property's fails when the code is built (a
    /// constant evaluated for each cast; `cargo check` alone does not evaluate it):
    ///
    /// ```compile_fail
    /// use odata_core::graph::{Entity, TrustFrameworkKeySet};
    /// use odata_core::request::{HasFields, Typed};
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Thing {
    ///     #[odata(base)]
    ///     pub entity: Entity,
    /// }
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Holder {
    ///     #[odata(base)]
    ///     pub entity: Entity,
    ///     pub owner: Option<Thing>,
    /// }
    ///
    /// let _ = Holder::fields::<Typed>().owner.cast::<TrustFrameworkKeySet>();
    /// ```
    pub fn cast<S: HasFields + StructuredType>(self) -> Property<S>
    where
        V::Kind: Structured,
    {
        let () = Subtype::<S, <V::Kind as Structured>::Type>::CHECK;
        self.join(S::TYPE.qualified_name)
    }

    /// `isof(name,ns.S)`: the value is an `S` or derives from it. `S` must derive from the
    /// property's type.
    ///
    /// ```
    /// use odata_core::graph::{Entity, TrustFrameworkKeySet};
    /// use odata_core::request::{HasFields, Typed};
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Holder {
    ///     #[odata(base)]
    ///     pub entity: Entity,
    ///     pub owner: Option<Entity>,
    /// }
    ///
    /// let f = Holder::fields::<Typed>();
    /// assert_eq!(
    ///     f.owner.is_of::<TrustFrameworkKeySet>().to_string(),
    ///     "isof(owner,microsoft.graph.trustFrameworkKeySet)"
    /// );
    /// ```
    pub fn is_of<S: HasFields + StructuredType>(self) -> Filter
    where
        V::Kind: Structured,
    {
        let () = Subtype::<S, <V::Kind as Structured>::Type>::CHECK;
        Filter(Expr::IsOf(Path::of(self.name()), S::TYPE.qualified_name))
    }
}

/// `any`/`all` on a collection-valued navigation property (such as Graph's `memberOf`), and
/// `null` tests on a single-valued one.
impl<V: Operand> NavigationProperty<V> {
    /// `name/any(x:...)` over the related entities' typed field list.
    pub fn any(self, body: impl FnOnce(&<V::Kind as Collection>::Item) -> Filter) -> Filter
    where
        V::Kind: Collection,
    {
        lambda::<V::Kind>(self.name(), false, body)
    }

    /// `name/all(x:...)`.
    pub fn all(self, body: impl FnOnce(&<V::Kind as Collection>::Item) -> Filter) -> Filter
    where
        V::Kind: Collection,
    {
        lambda::<V::Kind>(self.name(), true, body)
    }

    /// `name/any()`: at least one related entity.
    pub fn is_not_empty(self) -> Filter
    where
        V::Kind: Collection,
    {
        exists(self.name())
    }

    /// `name eq null`.
    pub fn is_null(self) -> Filter
    where
        V::Kind: Single,
    {
        null_test(self.name(), "eq")
    }

    /// `name ne null`.
    pub fn is_not_null(self) -> Filter
    where
        V::Kind: Single,
    {
        null_test(self.name(), "ne")
    }
}

/// A string literal: single quotes, a quote inside doubled.
pub(crate) fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The value's OData JSON form, without the quotes of a JSON string (dates, times, GUIDs,
/// durations and binaries are written there in the same lexical form as in URLs).
fn json_form<T: EdmValue>(value: &T) -> Result<String, String> {
    let json = serde_json::to_string(&EdmRef(value)).map_err(|e| e.to_string())?;
    Ok(
        match json.strip_prefix('"').and_then(|j| j.strip_suffix('"')) {
            Some(text) => text.to_owned(),
            None => json,
        },
    )
}

/// The URL literal of a function parameter of type `edm` whose OData JSON form is `raw` (one
/// JSON value, as the parameters type serialized it): `'O''Brien'`, `42`, `2024-01-01`,
/// `microsoft.graph.color'red'`, `duration'P1D'`, `null`. `Ok(None)` when the value has no
/// literal form and is passed as a parameter alias instead (structured and collection values,
/// `Edm.Untyped`, geo types); an error when the JSON does not fit the type.
pub(crate) fn parameter_literal(
    edm: &crate::model::EdmType,
    raw: &str,
) -> Result<Option<String>, String> {
    use crate::model::{EdmType, Primitive};
    let raw = raw.trim();
    if raw == "null" {
        return Ok(Some("null".to_owned()));
    }
    // A JSON string's content (dates, GUIDs, enumeration members, and Int64/Decimal written
    // IEEE754-compatible), or the bare JSON text of a number or Boolean.
    let text = || -> Result<String, String> {
        if raw.starts_with('"') {
            serde_json::from_str::<String>(raw).map_err(|e| e.to_string())
        } else {
            Ok(raw.to_owned())
        }
    };
    let string = || -> Result<String, String> {
        if raw.starts_with('"') {
            text()
        } else {
            Err(format!("expected a JSON string, found `{raw}`"))
        }
    };
    let scalar = || -> Result<String, String> {
        if raw.starts_with(['{', '[']) {
            Err(format!("expected a single value, found `{raw}`"))
        } else {
            text()
        }
    };
    Ok(Some(match edm {
        EdmType::Primitive(p) => match p {
            Primitive::String => quote(&string()?),
            Primitive::Boolean => match raw {
                "true" | "false" => raw.to_owned(),
                _ => return Err(format!("expected true or false, found `{raw}`")),
            },
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::Single
            | Primitive::Double
            | Primitive::Decimal => scalar()?,
            Primitive::Date
            | Primitive::DateTimeOffset
            | Primitive::TimeOfDay
            | Primitive::Guid => string()?,
            Primitive::Duration => format!("duration'{}'", string()?),
            Primitive::Binary => format!("binary'{}'", string()?),
            Primitive::Untyped | Primitive::Stream => return Ok(None),
        },
        EdmType::Enum(info) => {
            format!(
                "{}'{}'",
                info().qualified_name,
                string()?.replace('\'', "''")
            )
        }
        EdmType::Structured(_) | EdmType::Collection(_) => return Ok(None),
    }))
}

macro_rules! primitive {
    ($($ty:ty),* $(,)?) => {$(
        impl Operand for $ty {
            type Kind = Scalar<$ty>;
        }
    )*};
}

primitive!(String, bool, u8, i8, i16, i32, i64, f32, f64, Binary);

macro_rules! display_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn literal(&self) -> Result<String, String> {
                Ok(self.to_string())
            }
        }
    )*};
}

display_literal!(bool, u8, i8, i16, i32, i64);

impl Literal for String {
    fn literal(&self) -> Result<String, String> {
        Ok(quote(self))
    }
}

/// `NaN`, `INF`, `-INF`, or the shortest form that reads back (`1.5`, `1e300`).
macro_rules! float_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn literal(&self) -> Result<String, String> {
                Ok(if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "INF" } else { "-INF" }.to_owned()
                } else {
                    format!("{self:?}")
                })
            }
        }
    )*};
}

float_literal!(f32, f64);

impl Literal for Binary {
    /// `binary'base64url'`.
    fn literal(&self) -> Result<String, String> {
        Ok(format!("binary'{}'", json_form(self)?))
    }
}

impl<E: EnumType> Operand for E {
    type Kind = Scalar<E>;
}

impl<E: EnumType> Literal for E {
    /// `namespace.type'member'`.
    fn literal(&self) -> Result<String, String> {
        Ok(EnumType::literal(self))
    }
}

impl<E: FlagsEnum> Operand for Flags<E> {
    type Kind = Scalar<Flags<E>>;
}

impl<E: FlagsEnum> Literal for Flags<E> {
    /// `namespace.type'a,b'`.
    fn literal(&self) -> Result<String, String> {
        Ok(format!(
            "{}'{}'",
            E::ENUM.qualified_name,
            json_form(self)?.replace('\'', "''")
        ))
    }
}

impl<T: Operand> Operand for Option<T> {
    type Kind = T::Kind;
}

impl<T: Operand> Operand for Vec<T> {
    type Kind = Many<T::Kind>;
}

#[cfg(feature = "time")]
mod temporal {
    use super::{json_form, Literal, Operand, Scalar};
    use time::{Date, Duration, OffsetDateTime, Time};

    primitive!(Date, Duration, OffsetDateTime, Time);

    /// `2019-02-07T21:53:13.0844209Z` (RFC 3339, unquoted).
    impl Literal for OffsetDateTime {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `2019-02-07`.
    impl Literal for Date {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `21:53:13.0844209`.
    impl Literal for Time {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `duration'P1DT2H'`.
    impl Literal for Duration {
        fn literal(&self) -> Result<String, String> {
            Ok(format!("duration'{}'", json_form(self)?))
        }
    }
}

#[cfg(feature = "chrono")]
mod chrono_temporal {
    use super::{json_form, Literal, Operand, Scalar};
    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};

    primitive!(
        DateTime<FixedOffset>,
        DateTime<Utc>,
        NaiveDate,
        NaiveTime,
        TimeDelta
    );

    /// `2019-02-07T21:53:13.0844209+02:00` (RFC 3339, unquoted).
    impl Literal for DateTime<FixedOffset> {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `2019-02-07T21:53:13.0844209Z`.
    impl Literal for DateTime<Utc> {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `2019-02-07`.
    impl Literal for NaiveDate {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `21:53:13.0844209`.
    impl Literal for NaiveTime {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
    /// `duration'P1DT2H'`.
    impl Literal for TimeDelta {
        fn literal(&self) -> Result<String, String> {
            Ok(format!("duration'{}'", json_form(self)?))
        }
    }
}

#[cfg(feature = "uuid")]
mod guid {
    use super::{json_form, Literal, Operand, Scalar};
    use uuid::Uuid;

    primitive!(Uuid);

    /// `01234567-89ab-cdef-0123-456789abcdef` (unquoted).
    impl Literal for Uuid {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
}

#[cfg(feature = "decimal")]
mod decimal {
    use super::{json_form, Literal, Operand, Scalar};
    use rust_decimal::Decimal;

    primitive!(Decimal);

    /// `12.50`.
    impl Literal for Decimal {
        fn literal(&self) -> Result<String, String> {
            json_form(self)
        }
    }
}
