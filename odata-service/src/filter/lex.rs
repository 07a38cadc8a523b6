//! The tokens of an OData common expression: names, literals and punctuation, each with the
//! character offset where it starts (counted from 0 in the decoded option value).

use odata_core::edm::Edm;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{Deserialize, IntoDeserializer};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::SyntaxError;

/// A literal value, as written in the expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Date(Date),
    DateTimeOffset(OffsetDateTime),
    Guid(Uuid),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// A name: a property, a lambda variable, a function, an operator or a keyword.
    Name(String),
    Literal(Literal),
    Open,
    Close,
    Comma,
    Slash,
    Colon,
    End,
}

impl Tok {
    /// How the token reads in an error message.
    pub(super) fn describe(&self) -> String {
        match self {
            Tok::Name(name) => format!("'{name}'"),
            Tok::Literal(Literal::String(_)) => "a string literal".into(),
            Tok::Literal(_) => "a literal".into(),
            Tok::Open => "'('".into(),
            Tok::Close => "')'".into(),
            Tok::Comma => "','".into(),
            Tok::Slash => "'/'".into(),
            Tok::Colon => "':'".into(),
            Tok::End => "the end of the expression".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub(super) tok: Tok,
    /// The character offset of the token's first character.
    pub(super) at: usize,
}

/// Splits `text` into tokens, ending with [`Tok::End`].
pub(super) fn tokens(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        let tok = match c {
            ' ' | '\t' => {
                i += 1;
                continue;
            }
            '(' => Tok::Open,
            ')' => Tok::Close,
            ',' => Tok::Comma,
            '/' => Tok::Slash,
            ':' => Tok::Colon,
            '\'' => {
                let (value, end) = string(&chars, i)?;
                out.push(Token {
                    tok: Tok::Literal(Literal::String(value)),
                    at,
                });
                i = end;
                continue;
            }
            _ if guid_at(&chars, i) => {
                let text: String = chars[i..i + 36].iter().collect();
                i += 36;
                let guid = Uuid::parse_str(&text)
                    .map_err(|e| SyntaxError::new(at, format!("the Edm.Guid '{text}': {e}")))?;
                out.push(Token {
                    tok: Tok::Literal(Literal::Guid(guid)),
                    at,
                });
                continue;
            }
            _ if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                let end = run_end(&chars, i + 1, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '+' | '-')
                });
                let text: String = chars[i..end].iter().collect();
                i = end;
                out.push(Token {
                    tok: Tok::Literal(number_or_date(&text, at)?),
                    at,
                });
                continue;
            }
            _ if c.is_alphabetic() || c == '_' || c == '$' => {
                let end = run_end(&chars, i + 1, |c| c.is_alphanumeric() || c == '_');
                let name: String = chars[i..end].iter().collect();
                i = end;
                out.push(Token {
                    tok: Tok::Name(name),
                    at,
                });
                continue;
            }
            other => {
                return Err(SyntaxError::new(
                    at,
                    format!("unexpected character '{}'", other.escape_debug()),
                ))
            }
        };
        out.push(Token { tok, at });
        i += 1;
    }
    out.push(Token {
        tok: Tok::End,
        at: chars.len(),
    });
    Ok(out)
}

fn run_end(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> usize {
    chars[from..]
        .iter()
        .position(|&c| !keep(c))
        .map_or(chars.len(), |n| from + n)
}

/// A string literal starting at `start` (a quote): the value with `''` read as one quote, and
/// the index after the closing quote.
fn string(chars: &[char], start: usize) -> Result<(String, usize), SyntaxError> {
    let mut value = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i) {
            None => {
                return Err(SyntaxError::new(
                    start,
                    "the string literal is not closed: expected a closing quote ' (a quote inside is written '')",
                ))
            }
            Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                value.push('\'');
                i += 2;
            }
            Some('\'') => return Ok((value, i + 1)),
            Some(&c) => {
                value.push(c);
                i += 1;
            }
        }
    }
}

/// Whether a GUID (`8-4-4-4-12` hex digits) starts at `i` and is not part of a longer name.
fn guid_at(chars: &[char], i: usize) -> bool {
    let Some(candidate) = chars.get(i..i + 36) else {
        return false;
    };
    let shaped = candidate.iter().enumerate().all(|(n, c)| match n {
        8 | 13 | 18 | 23 => *c == '-',
        _ => c.is_ascii_hexdigit(),
    });
    shaped
        && !chars
            .get(i + 36)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
}

fn edm<T: odata_core::EdmValue>(text: &str) -> Result<T, String> {
    let deserializer: StrDeserializer<'_, ValueError> = text.into_deserializer();
    Edm::<T>::deserialize(deserializer)
        .map(|v| v.0)
        .map_err(|e| e.to_string())
}

/// A literal that starts with a digit or `-digit`: an Int64, a decimal or double, an
/// `Edm.Date` (`2024-05-01`) or an `Edm.DateTimeOffset` (`2024-05-01T12:00:00Z`).
fn number_or_date(text: &str, at: usize) -> Result<Literal, SyntaxError> {
    let bytes = text.as_bytes();
    let date_like = bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-';
    if date_like && bytes.len() == 10 {
        return edm::<Date>(text)
            .map(Literal::Date)
            .map_err(|e| SyntaxError::new(at, format!("the Edm.Date '{text}': {e}")));
    }
    if date_like && bytes[10] == b'T' {
        return edm::<OffsetDateTime>(text)
            .map(Literal::DateTimeOffset)
            .map_err(|e| SyntaxError::new(at, format!("the Edm.DateTimeOffset '{text}': {e}")));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Literal::Int(n));
    }
    let digits = text.trim_start_matches('-');
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(e) => (&digits[..e], Some(&digits[e + 1..])),
        None => (digits, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    match text.parse::<f64>() {
        Ok(n) if all_digits(whole) && all_digits(fraction) && exponent_ok => Ok(Literal::Float(n)),
        _ => Err(SyntaxError::new(
            at,
            format!("'{text}' is not a number, an Edm.Date (2024-05-01) or an Edm.DateTimeOffset (2024-05-01T12:00:00Z)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokens(text).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn literals() {
        assert_eq!(
            toks("'it''s' -12 1.5e3 true"),
            [
                Tok::Literal(Literal::String("it's".into())),
                Tok::Literal(Literal::Int(-12)),
                Tok::Literal(Literal::Float(1500.0)),
                Tok::Name("true".into()),
                Tok::End
            ]
        );
        assert!(matches!(
            toks("2024-05-01")[0],
            Tok::Literal(Literal::Date(d)) if d.to_string() == "2024-05-01"
        ));
        assert!(matches!(
            toks("2024-05-01T12:00:00+02:00")[0],
            Tok::Literal(Literal::DateTimeOffset(t)) if t.unix_timestamp() == 1_714_557_600
        ));
        assert!(matches!(
            toks("abcdef01-2345-6789-abcd-ef0123456789)")[0],
            Tok::Literal(Literal::Guid(_))
        ));
        assert_eq!(toks("keys/any(k:k)").len(), 9);
    }

    #[test]
    fn offsets_in_errors() {
        let err = tokens("id eq 'abc").unwrap_err();
        assert_eq!(err.at, 6);
        let err = tokens("id eq 12x").unwrap_err();
        assert_eq!((err.at, err.message.contains("'12x'")), (6, true));
        let err = tokens("id eq 2024-13-01").unwrap_err();
        assert!(err.message.contains("Edm.Date"), "{}", err.message);
        assert_eq!(tokens("é eq #").unwrap_err().at, 5);
    }
}
