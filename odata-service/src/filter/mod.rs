//! OData common expressions for `$filter` and `$orderby`: tokens (`lex`), a parser that checks
//! names and types against odata-core's static model of the key set (`parse`), and their
//! evaluation on a key set as served, as JSON (`eval`).
//!
//! The subset: literals (strings with `''` for a quote, Int64, decimals and doubles, `true`,
//! `false`, `null`, `Edm.Date`, `Edm.DateTimeOffset`, `Edm.Guid`), property paths, `eq ne gt
//! ge lt le`, `in (...)`, `and or not`, parentheses, `startswith endswith contains tolower
//! toupper length`, `any`/`all` lambdas (`keys/any(k:k/kid eq 'x')`, `keys/any()`) and
//! `$count` of a collection (`keys/$count`). Precedence, from the URL conventions' table,
//! highest first: grouping, member access and calls, `not`, `gt ge lt le in`, `eq ne`,
//! `and`, `or`; operators of one level group left to right.
//!
//! Comparisons follow OData's null rules: `eq`/`ne` with `null` compare nullness, every
//! other comparison with a null operand is false, functions of null are null, and `and`/`or`
//! are three-valued (a null condition selects nothing).

mod eval;
mod lex;
mod parse;

use std::fmt;

pub(crate) use eval::{Row, SortKey};
pub(crate) use parse::{Expr, OrderItem};

/// A malformed expression: where (the character offset from 0 in the decoded option value)
/// and what was expected or found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) at: usize,
    pub(crate) message: String,
}

impl SyntaxError {
    fn new(at: usize, message: impl Into<String>) -> Self {
        SyntaxError {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at offset {}: {}", self.at, self.message)
    }
}

/// A parsed `$filter`: a Boolean expression over the key set.
#[derive(Clone, Debug)]
pub(crate) struct Filter(Expr);

impl Filter {
    /// Parses and checks a `$filter` value.
    pub(crate) fn parse(text: &str) -> Result<Self, SyntaxError> {
        parse::filter(text).map(Filter)
    }

    /// Whether the key set (served, as JSON) satisfies the filter; null counts as false.
    pub(crate) fn matches(&self, row: &Row<'_>) -> bool {
        row.test(&self.0)
    }
}

/// A parsed `$orderby`: expressions, each ascending or descending.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrderBy(Vec<OrderItem>);

impl OrderBy {
    /// Parses and checks an `$orderby` value.
    pub(crate) fn parse(text: &str) -> Result<Self, SyntaxError> {
        parse::order_by(text).map(OrderBy)
    }

    /// Whether no item was given (the collection's own order, by id).
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sort key of a key set: each expression's value.
    pub(crate) fn key(&self, row: &Row<'_>) -> SortKey {
        row.sort_key(&self.0)
    }

    /// Compares two sort keys in this order (nulls first when ascending, last when
    /// descending, as OData says).
    pub(crate) fn compare(&self, a: &SortKey, b: &SortKey) -> std::cmp::Ordering {
        eval::compare_keys(&self.0, a, b)
    }
}

#[cfg(test)]
mod tests;
