//! The parser: tokens to a checked expression tree. Every name is resolved against the static
//! model of `microsoft.graph.trustFrameworkKeySet` (and the types it reaches), and every
//! operator's operands are type-checked, so an expression that parses can be evaluated.

use odata_core::graph::TrustFrameworkKeySet;
use odata_core::model::{EdmType, Primitive, TypeInfo};
use odata_core::StructuredType;

use super::lex::{self, Literal, Tok, Token};
use super::SyntaxError;

/// The deepest nesting of parentheses, calls, lambdas and `not`s accepted.
const MAX_DEPTH: usize = 64;

/// Members of a key that are stored but never served, so never queried.
const WRITE_ONLY: [&str; 7] = ["d", "dp", "dq", "k", "p", "q", "qi"];

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// A supported function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    StartsWith,
    EndsWith,
    Contains,
    ToLower,
    ToUpper,
    Length,
}

/// A checked expression.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Literal(Literal),
    /// `$it`: the key set being tested.
    It,
    /// A lambda variable: its index in the stack of enclosing lambdas (0 = outermost).
    Var(usize),
    /// A member of a structured value (JSON name).
    Member(Box<Expr>, &'static str),
    /// `path/$count`: the number of items of a collection.
    Count(Box<Expr>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Op, Box<Expr>, Box<Expr>),
    In(Box<Expr>, Vec<Literal>),
    Call(Func, Vec<Expr>),
    /// `collection/any(v:body)`, `collection/all(v:body)`, `collection/any()`; the body sees
    /// the item as the variable with the next index.
    Lambda {
        all: bool,
        collection: Box<Expr>,
        body: Option<Box<Expr>>,
    },
}

/// One `$orderby` item.
#[derive(Clone, Debug)]
pub(crate) struct OrderItem {
    pub(crate) expr: Expr,
    pub(crate) descending: bool,
}

/// The static type of an expression.
#[derive(Clone, Debug)]
enum Ty {
    Bool,
    String,
    Int,
    Float,
    Date,
    DateTimeOffset,
    Guid,
    /// The `null` literal: comparable with any primitive.
    Null,
    /// A primitive this subset has no operations for (`Edm.Binary`, `Edm.Duration`, ...).
    Other(&'static str),
    Structured(&'static TypeInfo),
    Collection(Box<Ty>),
}

impl Ty {
    fn of(edm: &EdmType) -> Ty {
        match edm {
            EdmType::Primitive(p) => match p {
                Primitive::Boolean => Ty::Bool,
                Primitive::String => Ty::String,
                Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64 => Ty::Int,
                Primitive::Single | Primitive::Double | Primitive::Decimal => Ty::Float,
                Primitive::Date => Ty::Date,
                Primitive::DateTimeOffset => Ty::DateTimeOffset,
                Primitive::Guid => Ty::Guid,
                other => Ty::Other(other.name()),
            },
            EdmType::Structured(info) => Ty::Structured(info()),
            EdmType::Enum(info) => Ty::Other(info().qualified_name),
            EdmType::Collection(item) => Ty::Collection(Box::new(Ty::of(item))),
        }
    }

    fn of_literal(literal: &Literal) -> Ty {
        match literal {
            Literal::Null => Ty::Null,
            Literal::Bool(_) => Ty::Bool,
            Literal::Int(_) => Ty::Int,
            Literal::Float(_) => Ty::Float,
            Literal::String(_) => Ty::String,
            Literal::Date(_) => Ty::Date,
            Literal::DateTimeOffset(_) => Ty::DateTimeOffset,
            Literal::Guid(_) => Ty::Guid,
        }
    }

    fn name(&self) -> String {
        match self {
            Ty::Bool => "Edm.Boolean".into(),
            Ty::String => "Edm.String".into(),
            Ty::Int => "Edm.Int64".into(),
            Ty::Float => "Edm.Double".into(),
            Ty::Date => "Edm.Date".into(),
            Ty::DateTimeOffset => "Edm.DateTimeOffset".into(),
            Ty::Guid => "Edm.Guid".into(),
            Ty::Null => "null".into(),
            Ty::Other(name) => (*name).into(),
            Ty::Structured(info) => info.qualified_name.into(),
            Ty::Collection(item) => format!("Collection({})", item.name()),
        }
    }

    fn is_bool(&self) -> bool {
        matches!(self, Ty::Bool | Ty::Null)
    }

    fn is_string(&self) -> bool {
        matches!(self, Ty::String | Ty::Null)
    }

    /// A single primitive value (or null): something that can be compared or sorted on.
    fn is_primitive(&self) -> bool {
        !matches!(self, Ty::Structured(_) | Ty::Collection(_))
    }

    /// Whether `eq`/`lt`/... may compare values of the two types.
    fn comparable(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Null, t) | (t, Ty::Null) => t.is_primitive(),
            (Ty::Int | Ty::Float, Ty::Int | Ty::Float) => true,
            (Ty::Bool, Ty::Bool)
            | (Ty::String, Ty::String)
            | (Ty::Date, Ty::Date)
            | (Ty::DateTimeOffset, Ty::DateTimeOffset)
            | (Ty::Guid, Ty::Guid) => true,
            _ => false,
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// The enclosing lambdas' variables, outermost first.
    vars: Vec<(String, Ty)>,
    depth: usize,
    root: &'static TypeInfo,
}

/// Parses a `$filter`: a Boolean expression, then the end.
pub(super) fn filter(text: &str) -> Result<Expr, SyntaxError> {
    let mut parser = Parser::new(text)?;
    let at = parser.at();
    let (expr, ty) = parser.or()?;
    parser.end("an operator (eq, ne, gt, ge, lt, le, in, and, or) or the end of the $filter")?;
    if !ty.is_bool() {
        return Err(SyntaxError::new(
            at,
            format!(
                "a $filter must be a Boolean expression, but this one is of type {}",
                ty.name()
            ),
        ));
    }
    Ok(expr)
}

/// Parses an `$orderby`: `expression [asc|desc]`, separated by commas.
pub(super) fn order_by(text: &str) -> Result<Vec<OrderItem>, SyntaxError> {
    let mut parser = Parser::new(text)?;
    let mut items = Vec::new();
    loop {
        let at = parser.at();
        let (expr, ty) = parser.or()?;
        if !ty.is_primitive() {
            return Err(SyntaxError::new(
                at,
                format!(
                    "cannot order by a value of type {}: use a single value such as a property, keys/$count or length(...)",
                    ty.name()
                ),
            ));
        }
        let descending = match parser.name() {
            Some("asc") => {
                parser.pos += 1;
                false
            }
            Some("desc") => {
                parser.pos += 1;
                true
            }
            _ => false,
        };
        items.push(OrderItem { expr, descending });
        match parser.peek() {
            Tok::Comma => parser.pos += 1,
            Tok::End => return Ok(items),
            _ => {
                return Err(parser.expected(
                    "asc, desc, ',' or the end of the $orderby (or an operator continuing the expression)",
                ))
            }
        }
    }
}

impl Parser {
    fn new(text: &str) -> Result<Self, SyntaxError> {
        Ok(Parser {
            tokens: lex::tokens(text)?,
            pos: 0,
            vars: Vec::new(),
            depth: 0,
            root: TrustFrameworkKeySet::TYPE,
        })
    }

    fn peek(&self) -> &Tok {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].tok
    }

    fn at(&self) -> usize {
        self.tokens[self.pos.min(self.tokens.len() - 1)].at
    }

    fn name(&self) -> Option<&str> {
        match self.peek() {
            Tok::Name(name) => Some(name),
            _ => None,
        }
    }

    fn next(&mut self) -> Token {
        let token = self.tokens[self.pos.min(self.tokens.len() - 1)].clone();
        self.pos += 1;
        token
    }

    fn expected(&self, what: &str) -> SyntaxError {
        SyntaxError::new(
            self.at(),
            format!("expected {what}, found {}", self.peek().describe()),
        )
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), SyntaxError> {
        if *self.peek() == tok {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    fn end(&self, what: &str) -> Result<(), SyntaxError> {
        match self.peek() {
            Tok::End => Ok(()),
            Tok::Name(op)
                if matches!(
                    op.as_str(),
                    "add" | "sub" | "mul" | "div" | "divby" | "mod" | "has"
                ) =>
            {
                Err(SyntaxError::new(
                    self.at(),
                    format!("the operator '{op}' is not supported by this service"),
                ))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn deeper(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(
                self.at(),
                format!("the expression is nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    fn boolean(&self, at: usize, ty: &Ty, operator: &str) -> Result<(), SyntaxError> {
        if ty.is_bool() {
            Ok(())
        } else {
            Err(SyntaxError::new(
                at,
                format!(
                    "'{operator}' needs Boolean operands, but this one is of type {}",
                    ty.name()
                ),
            ))
        }
    }

    fn or(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        self.deeper()?;
        let at = self.at();
        let (mut left, ty) = self.and()?;
        let mut left_ty = ty;
        while self.name() == Some("or") {
            self.boolean(at, &left_ty, "or")?;
            self.pos += 1;
            let right_at = self.at();
            let (right, right_ty) = self.and()?;
            self.boolean(right_at, &right_ty, "or")?;
            left = Expr::Or(Box::new(left), Box::new(right));
            left_ty = Ty::Bool;
        }
        self.depth -= 1;
        Ok((left, left_ty))
    }

    fn and(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        let at = self.at();
        let (mut left, mut left_ty) = self.equality()?;
        while self.name() == Some("and") {
            self.boolean(at, &left_ty, "and")?;
            self.pos += 1;
            let right_at = self.at();
            let (right, right_ty) = self.equality()?;
            self.boolean(right_at, &right_ty, "and")?;
            left = Expr::And(Box::new(left), Box::new(right));
            left_ty = Ty::Bool;
        }
        Ok((left, left_ty))
    }

    fn equality(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        let (mut left, mut left_ty) = self.relational()?;
        loop {
            let op = match self.name() {
                Some("eq") => Op::Eq,
                Some("ne") => Op::Ne,
                _ => return Ok((left, left_ty)),
            };
            let op_at = self.at();
            self.pos += 1;
            let (right, right_ty) = self.relational()?;
            compare_check(op_at, &left_ty, &right_ty)?;
            left = Expr::Compare(op, Box::new(left), Box::new(right));
            left_ty = Ty::Bool;
        }
    }

    fn relational(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        let (mut left, mut left_ty) = self.unary()?;
        loop {
            let op = match self.name() {
                Some("gt") => Op::Gt,
                Some("ge") => Op::Ge,
                Some("lt") => Op::Lt,
                Some("le") => Op::Le,
                Some("in") => {
                    let op_at = self.at();
                    self.pos += 1;
                    let list = self.literal_list(op_at, &left_ty)?;
                    left = Expr::In(Box::new(left), list);
                    left_ty = Ty::Bool;
                    continue;
                }
                _ => return Ok((left, left_ty)),
            };
            let op_at = self.at();
            self.pos += 1;
            let (right, right_ty) = self.unary()?;
            compare_check(op_at, &left_ty, &right_ty)?;
            left = Expr::Compare(op, Box::new(left), Box::new(right));
            left_ty = Ty::Bool;
        }
    }

    /// `( literal, ... )` after `in`, each comparable with the left operand.
    fn literal_list(&mut self, op_at: usize, left: &Ty) -> Result<Vec<Literal>, SyntaxError> {
        self.expect(Tok::Open, "'(' opening the list after 'in'")?;
        let mut list = Vec::new();
        loop {
            let at = self.at();
            let literal = match self.next().tok {
                Tok::Literal(literal) => literal,
                Tok::Name(name) => match keyword(&name) {
                    Some(literal) => literal,
                    None => {
                        self.pos -= 1;
                        return Err(self.expected("a literal in the list after 'in'"));
                    }
                },
                _ => {
                    self.pos -= 1;
                    return Err(self.expected("a literal in the list after 'in'"));
                }
            };
            let ty = Ty::of_literal(&literal);
            if !left.comparable(&ty) {
                return Err(SyntaxError::new(
                    at,
                    format!(
                        "'in' cannot compare {} with {} (the operator is at offset {op_at})",
                        left.name(),
                        ty.name()
                    ),
                ));
            }
            list.push(literal);
            match self.peek() {
                Tok::Comma => self.pos += 1,
                Tok::Close => {
                    self.pos += 1;
                    return Ok(list);
                }
                _ => return Err(self.expected("',' or ')' in the list after 'in'")),
            }
        }
    }

    fn unary(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        if self.name() == Some("not") {
            self.deeper()?;
            self.pos += 1;
            let at = self.at();
            let (inner, ty) = self.unary()?;
            self.boolean(at, &ty, "not")?;
            self.depth -= 1;
            return Ok((Expr::Not(Box::new(inner)), Ty::Bool));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<(Expr, Ty), SyntaxError> {
        let token = self.next();
        match token.tok {
            Tok::Open => {
                let inner = self.or()?;
                self.expect(Tok::Close, "')' closing the parenthesis")?;
                Ok(inner)
            }
            Tok::Literal(literal) => {
                let ty = Ty::of_literal(&literal);
                Ok((Expr::Literal(literal), ty))
            }
            Tok::Name(name) => {
                if let Some(literal) = keyword(&name) {
                    let ty = Ty::of_literal(&literal);
                    return Ok((Expr::Literal(literal), ty));
                }
                if *self.peek() == Tok::Open {
                    return self.call(&name, token.at);
                }
                let start = if name == "$it" {
                    (Expr::It, Ty::Structured(self.root))
                } else if let Some(index) = self.vars.iter().rposition(|(v, _)| *v == name) {
                    (Expr::Var(index), self.vars[index].1.clone())
                } else {
                    let (member, ty) = self.property(self.root, &name, token.at)?;
                    (Expr::Member(Box::new(Expr::It), member), ty)
                };
                self.path(start)
            }
            other => {
                self.pos -= 1;
                Err(SyntaxError::new(
                    token.at,
                    format!(
                        "expected a property, a literal, a function call or '(', found {}",
                        other.describe()
                    ),
                ))
            }
        }
    }

    /// The segments after a property or variable: `/name`, `/any(...)`, `/all(...)`,
    /// `/$count`.
    fn path(&mut self, (mut expr, mut ty): (Expr, Ty)) -> Result<(Expr, Ty), SyntaxError> {
        while *self.peek() == Tok::Slash {
            self.pos += 1;
            let at = self.at();
            let Tok::Name(segment) = self.next().tok else {
                self.pos -= 1;
                return Err(self.expected("a property, any, all or $count after '/'"));
            };
            (expr, ty) = match (&ty, segment.as_str()) {
                (Ty::Collection(item), "any" | "all") => {
                    let item = (**item).clone();
                    self.lambda(expr, item, segment == "all", at)?
                }
                (Ty::Collection(_), "$count") => (Expr::Count(Box::new(expr)), Ty::Int),
                (Ty::Collection(_), _) => {
                    return Err(SyntaxError::new(
                        at,
                        format!(
                            "'{segment}' cannot follow a collection ({}): use any(...), all(...) or $count",
                            ty.name()
                        ),
                    ))
                }
                (Ty::Structured(info), _) => {
                    let info = *info;
                    let (member, member_ty) = self.property(info, &segment, at)?;
                    (Expr::Member(Box::new(expr), member), member_ty)
                }
                _ => {
                    return Err(SyntaxError::new(
                        at,
                        format!(
                            "'{segment}' cannot follow a value of type {}, which has no members",
                            ty.name()
                        ),
                    ))
                }
            };
        }
        Ok((expr, ty))
    }

    fn lambda(
        &mut self,
        collection: Expr,
        item: Ty,
        all: bool,
        at: usize,
    ) -> Result<(Expr, Ty), SyntaxError> {
        let which = if all { "all" } else { "any" };
        self.expect(Tok::Open, &format!("'(' after '{which}'"))?;
        if *self.peek() == Tok::Close {
            if all {
                return Err(SyntaxError::new(
                    at,
                    "all() needs a condition: all(v:condition)",
                ));
            }
            self.pos += 1;
            let expr = Expr::Lambda {
                all,
                collection: Box::new(collection),
                body: None,
            };
            return Ok((expr, Ty::Bool));
        }
        let var_at = self.at();
        let var = match self.next().tok {
            Tok::Name(name) if keyword(&name).is_none() && !name.starts_with('$') => name,
            other => {
                return Err(SyntaxError::new(
                    var_at,
                    format!(
                        "expected a lambda variable name (as in {which}(k:k/kid eq 'x')), found {}",
                        other.describe()
                    ),
                ))
            }
        };
        self.expect(
            Tok::Colon,
            &format!("':' after the lambda variable '{var}'"),
        )?;
        self.vars.push((var, item));
        let body_at = self.at();
        let body = self.or();
        self.vars.pop();
        let (body, ty) = body?;
        if !ty.is_bool() {
            return Err(SyntaxError::new(
                body_at,
                format!(
                    "the condition of '{which}' must be Boolean, but it is of type {}",
                    ty.name()
                ),
            ));
        }
        self.expect(Tok::Close, &format!("')' closing '{which}('"))?;
        let expr = Expr::Lambda {
            all,
            collection: Box::new(collection),
            body: Some(Box::new(body)),
        };
        Ok((expr, Ty::Bool))
    }

    fn call(&mut self, name: &str, at: usize) -> Result<(Expr, Ty), SyntaxError> {
        let (func, arity) = match name {
            "startswith" => (Func::StartsWith, 2),
            "endswith" => (Func::EndsWith, 2),
            "contains" => (Func::Contains, 2),
            "tolower" => (Func::ToLower, 1),
            "toupper" => (Func::ToUpper, 1),
            "length" => (Func::Length, 1),
            "any" | "all" => {
                return Err(SyntaxError::new(
                    at,
                    format!("'{name}' must follow a collection, as in keys/{name}(k:k/kid eq 'x')"),
                ))
            }
            _ => {
                return Err(SyntaxError::new(
                    at,
                    format!(
                        "unknown function '{name}': this service has startswith, endswith, contains, tolower, toupper and length"
                    ),
                ))
            }
        };
        self.deeper()?;
        self.pos += 1; // '('
        let mut args = Vec::new();
        if *self.peek() != Tok::Close {
            loop {
                let arg_at = self.at();
                let (arg, ty) = self.or()?;
                args.push((arg, ty, arg_at));
                match self.peek() {
                    Tok::Comma => self.pos += 1,
                    Tok::Close => break,
                    _ => return Err(self.expected(&format!("',' or ')' in the call of {name}"))),
                }
            }
        }
        self.pos += 1; // ')'
        self.depth -= 1;
        if args.len() != arity {
            return Err(SyntaxError::new(
                at,
                format!(
                    "{name} takes {arity} argument{}, found {}",
                    if arity == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        for (n, (_, ty, arg_at)) in args.iter().enumerate() {
            let ok = match func {
                Func::Length => ty.is_string() || matches!(ty, Ty::Collection(_)),
                _ => ty.is_string(),
            };
            if !ok {
                let wanted = if func == Func::Length {
                    "Edm.String or a collection"
                } else {
                    "Edm.String"
                };
                return Err(SyntaxError::new(
                    *arg_at,
                    format!(
                        "argument {} of {name} must be {wanted}, but it is of type {}",
                        n + 1,
                        ty.name()
                    ),
                ));
            }
        }
        let ty = match func {
            Func::StartsWith | Func::EndsWith | Func::Contains => Ty::Bool,
            Func::ToLower | Func::ToUpper => Ty::String,
            Func::Length => Ty::Int,
        };
        Ok((
            Expr::Call(func, args.into_iter().map(|(a, _, _)| a).collect()),
            ty,
        ))
    }

    /// The model's name and the type of property `name` of `info`; unknown, navigation and
    /// write-only properties are errors naming it.
    fn property(
        &self,
        info: &'static TypeInfo,
        name: &str,
        at: usize,
    ) -> Result<(&'static str, Ty), SyntaxError> {
        let properties = info.all_properties();
        match properties.iter().find(|p| p.name == name) {
            Some(p) if WRITE_ONLY.contains(&name) && info.name == "trustFrameworkKey" => {
                Err(SyntaxError::new(
                    at,
                    format!(
                        "the property '{}' is write-only and cannot be queried",
                        p.name
                    ),
                ))
            }
            Some(p) if !p.navigation => Ok((p.name, Ty::of(&p.edm))),
            _ => {
                let known: Vec<&str> = properties
                    .iter()
                    .filter(|p| !p.navigation && !WRITE_ONLY.contains(&p.name))
                    .map(|p| p.name)
                    .collect();
                Err(SyntaxError::new(
                    at,
                    format!(
                        "unknown property '{name}': {} has {}",
                        info.qualified_name,
                        known.join(", ")
                    ),
                ))
            }
        }
    }
}

fn keyword(name: &str) -> Option<Literal> {
    match name {
        "true" => Some(Literal::Bool(true)),
        "false" => Some(Literal::Bool(false)),
        "null" => Some(Literal::Null),
        "INF" => Some(Literal::Float(f64::INFINITY)),
        "NaN" => Some(Literal::Float(f64::NAN)),
        _ => None,
    }
}

fn compare_check(at: usize, left: &Ty, right: &Ty) -> Result<(), SyntaxError> {
    if left.comparable(right) {
        Ok(())
    } else {
        Err(SyntaxError::new(
            at,
            format!("cannot compare {} with {}", left.name(), right.name()),
        ))
    }
}
