//! Typed `$filter` expressions built from the field list: comparisons, `in`, string
//! functions, `any`/`all` lambdas, `and`/`or`/`not`, with values written in OData's URL literal
//! syntax. A value of the wrong type, or a lambda on a single-valued property, does not
//! compile. Above `fields`; the query percent-encodes what it renders.

use std::fmt;
use std::marker::PhantomData;

use super::fields::{HasFields, NavigationProperty, Property, Typed};
use crate::edm::{Binary, EdmRef, EdmValue};
use crate::enums::{EnumType, Flags, FlagsEnum};

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

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Raw(String),
    Compare(Path, &'static str, Lit),
    In(Path, Vec<Lit>),
    Call(&'static str, Path, Lit),
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
struct Path {
    var: Option<String>,
    name: &'static str,
}

impl Path {
    fn of(name: &'static str) -> Self {
        Path { var: None, name }
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

fn literal(f: &mut fmt::Formatter<'_>, literal: &Lit) -> fmt::Result {
    match literal {
        Ok(text) => f.write_str(text),
        // Not sent: `Query::build` refuses an expression that does not check.
        Err(_) => f.write_str("<invalid>"),
    }
}

impl Expr {
    fn check(&self) -> Result<(), String> {
        match self {
            Expr::Raw(_) => Ok(()),
            Expr::Compare(_, _, value) | Expr::Call(_, _, value) => value.clone().map(drop),
            Expr::In(path, values) => {
                if values.is_empty() {
                    return Err(format!(
                        "`{path} in ()`: an `in` list needs at least one value"
                    ));
                }
                values.iter().try_for_each(|v| v.clone().map(drop))
            }
            Expr::Not(e) => e.check(),
            Expr::And(a, b) | Expr::Or(a, b) => a.check().and_then(|()| b.check()),
            Expr::Lambda { body, .. } => body.as_ref().map_or(Ok(()), |b| b.check()),
        }
    }

    /// Binds every property not yet bound to a lambda variable to `var`.
    fn bind(&mut self, var: &str) {
        let bind_path = |path: &mut Path| {
            if path.var.is_none() {
                path.var = Some(var.to_owned());
            }
        };
        match self {
            Expr::Raw(_) => {}
            Expr::Compare(path, _, _) | Expr::In(path, _) | Expr::Call(_, path, _) => {
                bind_path(path)
            }
            Expr::Not(e) => e.bind(var),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.bind(var);
                b.bind(var);
            }
            // The body's own properties are bound to its variable already.
            Expr::Lambda { path, .. } => bind_path(path),
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
        matches!(self, Expr::Call(..) | Expr::Lambda { .. })
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Raw(text) => f.write_str(text),
            Expr::Compare(path, op, value) => {
                write!(f, "{path} {op} ")?;
                literal(f, value)
            }
            Expr::In(path, values) => {
                write!(f, "{path} in (")?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    literal(f, value)?;
                }
                f.write_str(")")
            }
            Expr::Call(function, path, value) => {
                write!(f, "{function}({path},")?;
                literal(f, value)?;
                f.write_str(")")
            }
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
/// one, `&str` for a `String`, or an `Option` of one (`None` is `null`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a property of type `{S}`",
    label = "expected a `{S}` value here",
    note = "a typed $filter compares a property only with a value of its own type; use `Filter::raw` for anything else"
)]
pub trait ValueOf<S> {
    /// The value's literal.
    #[doc(hidden)]
    fn __literal(&self) -> Result<String, String>;
}

impl<S: Literal> ValueOf<S> for S {
    fn __literal(&self) -> Result<String, String> {
        self.literal()
    }
}

impl<S: Literal> ValueOf<S> for &S {
    fn __literal(&self) -> Result<String, String> {
        (**self).literal()
    }
}

impl ValueOf<String> for &str {
    fn __literal(&self) -> Result<String, String> {
        Ok(quote(self))
    }
}

impl<S, T: ValueOf<S>> ValueOf<S> for Option<T> {
    fn __literal(&self) -> Result<String, String> {
        self.as_ref().map_or(Ok("null".to_owned()), T::__literal)
    }
}

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

impl<T: HasFields> Collection for Many<Complex<T>> {
    /// The item's typed field list.
    type Item = T::Fields<Typed>;
    fn __item() -> T::Fields<Typed> {
        T::fields::<Typed>()
    }
}

fn compare<S, T: ValueOf<S>>(name: &'static str, op: &'static str, value: T) -> Filter {
    Filter(Expr::Compare(Path::of(name), op, value.__literal()))
}

fn lambda<C: Collection>(
    name: &'static str,
    all: bool,
    body: impl FnOnce(&C::Item) -> Filter,
) -> Filter {
    let mut body = body(&C::__item()).0;
    // The variable: the property's first letter, numbered when a lambda inside uses it.
    let first = name
        .chars()
        .next()
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

/// The `$filter` operators, on the typed field list (`filter_expr(|f| ...)`). Which apply
/// depends on the property's value type `V`: comparisons and `in` on a single primitive or
/// enumeration, the string functions on strings, `has` on flags, `any`/`all` on collections,
/// `null` tests on single values. Anything else does not compile.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
/// use odata_core::request::{HasFields, Typed};
///
/// let f = TrustFrameworkKey::fields::<Typed>();
/// assert_eq!(f.kid.eq("a'b").to_string(), "kid eq 'a''b'");
/// assert_eq!(f.exp.ge(1_700_000_000).to_string(), "exp ge 1700000000");
/// assert_eq!(f.x5c.any(|c| c.ends_with("=")).to_string(), "x5c/any(x:endswith(x,'='))");
/// assert_eq!(f.kid.is_in(["a", "b"]).to_string(), "kid in ('a','b')");
/// assert_eq!(f.r#use.is_null().to_string(), "use eq null");
/// ```
impl<V: Operand> Property<V> {
    /// `name eq value`.
    #[allow(clippy::should_implement_trait)]
    pub fn eq<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "eq", value)
    }

    /// `name ne value`.
    pub fn ne<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "ne", value)
    }

    /// `name gt value`.
    pub fn gt<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "gt", value)
    }

    /// `name ge value`.
    pub fn ge<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "ge", value)
    }

    /// `name lt value`.
    pub fn lt<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "lt", value)
    }

    /// `name le value`.
    pub fn le<T>(self, value: T) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
    {
        compare(self.name(), "le", value)
    }

    /// `name in (a,b,...)`. An empty list is refused when the query is built.
    pub fn is_in<T, I>(self, values: I) -> Filter
    where
        V::Kind: Comparable,
        T: ValueOf<<V::Kind as Comparable>::Value>,
        I: IntoIterator<Item = T>,
    {
        let values = values.into_iter().map(|v| v.__literal()).collect();
        Filter(Expr::In(Path::of(self.name()), values))
    }

    /// `name eq null`.
    pub fn is_null(self) -> Filter
    where
        V::Kind: Single,
    {
        Filter(Expr::Compare(
            Path::of(self.name()),
            "eq",
            Ok("null".into()),
        ))
    }

    /// `name ne null`.
    pub fn is_not_null(self) -> Filter
    where
        V::Kind: Single,
    {
        Filter(Expr::Compare(
            Path::of(self.name()),
            "ne",
            Ok("null".into()),
        ))
    }

    /// `startswith(name,'prefix')`.
    pub fn starts_with(self, prefix: impl ValueOf<String>) -> Filter
    where
        V::Kind: Text,
    {
        Filter(Expr::Call(
            "startswith",
            Path::of(self.name()),
            prefix.__literal(),
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
            suffix.__literal(),
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
            part.__literal(),
        ))
    }

    /// `name has ns.type'member'` (flags enumerations).
    pub fn has<E>(self, member: E) -> Filter
    where
        V::Kind: HasFlags<Member = E>,
        E: EnumType,
    {
        Filter(Expr::Compare(
            Path::of(self.name()),
            "has",
            Ok(member.literal()),
        ))
    }

    /// `name/any(x:...)`: some item matches. The closure gets the item: the item's typed field
    /// list for complex items, the item itself for primitives and enumerations. The variable
    /// is the property's first letter (numbered if a lambda inside has it).
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
        Filter(Expr::Compare(
            Path::of(self.name()),
            "eq",
            Ok("null".into()),
        ))
    }

    /// `name ne null`.
    pub fn is_not_null(self) -> Filter
    where
        V::Kind: Single,
    {
        Filter(Expr::Compare(
            Path::of(self.name()),
            "ne",
            Ok("null".into()),
        ))
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
