//! Evaluation of checked expressions on a key set as served (its JSON form), with OData's
//! null semantics, and the sort keys `$orderby` compares.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::lex::Literal;
use super::parse::{Expr, Func, Op, OrderItem};

/// A value during evaluation.
#[derive(Clone, Debug)]
enum V<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Date(Date),
    DateTimeOffset(OffsetDateTime),
    Guid(Uuid),
    /// A structured value or a collection, as served.
    Json(&'a Value),
}

impl<'a> V<'a> {
    fn from_json(value: Option<&'a Value>) -> V<'a> {
        match value {
            None | Some(Value::Null) => V::Null,
            Some(Value::Bool(b)) => V::Bool(*b),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => V::Int(i),
                None => n.as_f64().map_or(V::Null, V::Float),
            },
            Some(Value::String(s)) => V::Str(Cow::Borrowed(s)),
            Some(json) => V::Json(json),
        }
    }

    fn from_literal(literal: &'a Literal) -> V<'a> {
        match literal {
            Literal::Null => V::Null,
            Literal::Bool(b) => V::Bool(*b),
            Literal::Int(i) => V::Int(*i),
            Literal::Float(f) => V::Float(*f),
            Literal::String(s) => V::Str(Cow::Borrowed(s)),
            Literal::Date(d) => V::Date(*d),
            Literal::DateTimeOffset(t) => V::DateTimeOffset(*t),
            Literal::Guid(g) => V::Guid(*g),
        }
    }

    fn items(&self) -> &'a [Value] {
        match self {
            V::Json(Value::Array(items)) => items,
            _ => &[],
        }
    }
}

/// Orders two non-null values of comparable types; `None` when they are not (the parser's
/// type check makes that unreachable for checked expressions) or a NaN is involved.
fn order(a: &V<'_>, b: &V<'_>) -> Option<Ordering> {
    match (a, b) {
        (V::Int(x), V::Int(y)) => Some(x.cmp(y)),
        (V::Int(x), V::Float(y)) => (*x as f64).partial_cmp(y),
        (V::Float(x), V::Int(y)) => x.partial_cmp(&(*y as f64)),
        (V::Float(x), V::Float(y)) => x.partial_cmp(y),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        (V::Str(x), V::Str(y)) => Some(x.cmp(y)),
        (V::Date(x), V::Date(y)) => Some(x.cmp(y)),
        (V::DateTimeOffset(x), V::DateTimeOffset(y)) => Some(x.cmp(y)),
        (V::Guid(x), V::Guid(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn compare(op: Op, a: &V<'_>, b: &V<'_>) -> bool {
    let null = (matches!(a, V::Null), matches!(b, V::Null));
    match (op, null) {
        (Op::Eq, (false, false)) => order(a, b) == Some(Ordering::Equal),
        (Op::Eq, (x, y)) => x == y,
        (Op::Ne, _) => !compare(Op::Eq, a, b),
        (_, (false, false)) => match order(a, b) {
            Some(ord) => match op {
                Op::Gt => ord.is_gt(),
                Op::Ge => ord.is_ge(),
                Op::Lt => ord.is_lt(),
                _ => ord.is_le(),
            },
            None => false,
        },
        _ => false,
    }
}

/// One value of a sort key, as it travels inside a `$skiptoken`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum SortValue {
    Null,
    Bool(bool),
    Int(i64),
    /// A double's bits, so that NaN and infinities survive JSON.
    Float(u64),
    Str(String),
}

/// The values of an `$orderby`'s expressions for one key set.
pub(crate) type SortKey = Vec<SortValue>;

impl SortValue {
    fn of(value: V<'_>) -> SortValue {
        match value {
            V::Null | V::Json(_) => SortValue::Null,
            V::Bool(b) => SortValue::Bool(b),
            V::Int(i) => SortValue::Int(i),
            V::Float(f) => SortValue::Float(f.to_bits()),
            V::Str(s) => SortValue::Str(s.into_owned()),
            // No property or function has these types: only a literal does, which is the same
            // for every key set, so its text orders them as well as its value.
            V::Date(d) => SortValue::Str(d.to_string()),
            V::DateTimeOffset(t) => SortValue::Str(t.to_string()),
            V::Guid(g) => SortValue::Str(g.to_string()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortValue::Null => 0,
            SortValue::Bool(_) => 1,
            SortValue::Int(_) | SortValue::Float(_) => 2,
            SortValue::Str(_) => 3,
        }
    }

    /// A total order, null first.
    fn total(&self, other: &SortValue) -> Ordering {
        match (self, other) {
            (SortValue::Bool(a), SortValue::Bool(b)) => a.cmp(b),
            (SortValue::Int(a), SortValue::Int(b)) => a.cmp(b),
            (SortValue::Float(a), SortValue::Float(b)) => {
                f64::from_bits(*a).total_cmp(&f64::from_bits(*b))
            }
            (SortValue::Int(a), SortValue::Float(b)) => (*a as f64).total_cmp(&f64::from_bits(*b)),
            (SortValue::Float(a), SortValue::Int(b)) => f64::from_bits(*a).total_cmp(&(*b as f64)),
            (SortValue::Str(a), SortValue::Str(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

/// Compares two sort keys item by item, each item ascending (nulls first) or descending
/// (nulls last).
pub(crate) fn compare_keys(items: &[OrderItem], a: &SortKey, b: &SortKey) -> Ordering {
    items
        .iter()
        .zip(a.iter().zip(b))
        .map(|(item, (x, y))| {
            let ord = x.total(y);
            if item.descending {
                ord.reverse()
            } else {
                ord
            }
        })
        .find(|ord| ord.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// A key set as served, as JSON, being tested or sorted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'a>(pub(crate) &'a Value);

impl<'a> Row<'a> {
    /// Whether the Boolean expression holds (null does not).
    pub(crate) fn test(&self, expr: &'a Expr) -> bool {
        matches!(self.eval(expr, &mut Vec::new()), V::Bool(true))
    }

    pub(crate) fn sort_key(&self, items: &'a [OrderItem]) -> SortKey {
        items
            .iter()
            .map(|item| SortValue::of(self.eval(&item.expr, &mut Vec::new())))
            .collect()
    }

    fn eval(&self, expr: &'a Expr, vars: &mut Vec<&'a Value>) -> V<'a> {
        match expr {
            Expr::Literal(literal) => V::from_literal(literal),
            Expr::It => V::Json(self.0),
            Expr::Var(index) => V::from_json(vars.get(*index).copied()),
            Expr::Member(base, name) => match self.eval(base, vars) {
                V::Json(Value::Object(members)) => V::from_json(members.get(*name)),
                _ => V::Null,
            },
            Expr::Count(collection) => {
                V::Int(i64::try_from(self.eval(collection, vars).items().len()).unwrap_or(i64::MAX))
            }
            Expr::Not(inner) => match self.eval(inner, vars) {
                V::Bool(b) => V::Bool(!b),
                _ => V::Null,
            },
            Expr::And(a, b) => match (self.eval(a, vars), self.eval(b, vars)) {
                (V::Bool(false), _) | (_, V::Bool(false)) => V::Bool(false),
                (V::Bool(true), V::Bool(true)) => V::Bool(true),
                _ => V::Null,
            },
            Expr::Or(a, b) => match (self.eval(a, vars), self.eval(b, vars)) {
                (V::Bool(true), _) | (_, V::Bool(true)) => V::Bool(true),
                (V::Bool(false), V::Bool(false)) => V::Bool(false),
                _ => V::Null,
            },
            Expr::Compare(op, a, b) => {
                let a = self.eval(a, vars);
                let b = self.eval(b, vars);
                V::Bool(compare(*op, &a, &b))
            }
            Expr::In(value, list) => {
                let value = self.eval(value, vars);
                V::Bool(
                    list.iter()
                        .any(|item| compare(Op::Eq, &value, &V::from_literal(item))),
                )
            }
            Expr::Call(func, args) => {
                let args: Vec<V<'a>> = args.iter().map(|arg| self.eval(arg, vars)).collect();
                call(*func, &args)
            }
            Expr::Lambda {
                all,
                collection,
                body,
            } => {
                let items = self.eval(collection, vars).items();
                let Some(body) = body else {
                    return V::Bool(!items.is_empty());
                };
                let mut holds = |item: &'a Value| {
                    vars.push(item);
                    let holds = matches!(self.eval(body, vars), V::Bool(true));
                    vars.pop();
                    holds
                };
                V::Bool(if *all {
                    items.iter().all(&mut holds)
                } else {
                    items.iter().any(&mut holds)
                })
            }
        }
    }
}

fn call<'a>(func: Func, args: &[V<'a>]) -> V<'a> {
    match (func, args) {
        (Func::Length, [V::Json(Value::Array(items))]) => {
            V::Int(i64::try_from(items.len()).unwrap_or(i64::MAX))
        }
        (Func::Length, [V::Str(s)]) => V::Int(i64::try_from(s.chars().count()).unwrap_or(i64::MAX)),
        (Func::ToLower, [V::Str(s)]) => V::Str(Cow::Owned(s.to_lowercase())),
        (Func::ToUpper, [V::Str(s)]) => V::Str(Cow::Owned(s.to_uppercase())),
        (Func::StartsWith, [V::Str(s), V::Str(p)]) => V::Bool(s.starts_with(p.as_ref())),
        (Func::EndsWith, [V::Str(s), V::Str(p)]) => V::Bool(s.ends_with(p.as_ref())),
        (Func::Contains, [V::Str(s), V::Str(p)]) => V::Bool(s.contains(p.as_ref())),
        // A null argument (or, after the type check, nothing else) gives null.
        _ => V::Null,
    }
}
