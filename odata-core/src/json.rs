//! Reading and writing OData JSON documents, with errors that name the offending member's path.
//!
//! ```
//! use odata_core::graph::TrustFrameworkKeySet;
//!
//! let err = odata_core::json::from_str::<TrustFrameworkKeySet>(
//!     r#"{"id":"a","keys":[{"kid":"k1","exp":"soon"}]}"#,
//! )
//! .unwrap_err();
//! assert_eq!(err.path(), "$.keys[0].exp");
//! assert!(err.to_string().starts_with("$.keys[0].exp: invalid value: string \"soon\", expected an Edm.Int64"));
//! ```

use std::fmt;

use serde::de::Deserialize;
use serde::Serialize;
use serde_path_to_error::Segment;

/// What went wrong, broadly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Not well-formed JSON (includes trailing characters after the document).
    Syntax,
    /// Well-formed JSON that does not fit the model (wrong type, wrong `@odata.type`, missing
    /// or duplicate member, ...).
    Data,
    /// The input ended in the middle of the document.
    Eof,
    /// Writing failed (a value's `Serialize` impl reported an error).
    Serialize,
}

/// An error reading or writing an OData JSON document.
#[derive(Clone, Debug)]
pub struct Error {
    category: Category,
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl Error {
    /// The broad category.
    pub fn category(&self) -> Category {
        self.category
    }
    /// The JSON path of the member where the error was found, `$`-rooted (`$.keys[0].exp`);
    /// `$` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The message without path and position.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// 1-based line of the input where the error was found (0 for write errors).
    pub fn line(&self) -> usize {
        self.line
    }
    /// 1-based column of the input where the error was found (0 for write errors).
    pub fn column(&self) -> usize {
        self.column
    }

    fn new(path: String, err: &serde_json::Error) -> Self {
        let message = message_without_position(err);
        let category = match err.classify() {
            // Well-formed JSON whose number does not fit the model's type (`1e400`).
            serde_json::error::Category::Syntax if message.starts_with("number out of range") => {
                Category::Data
            }
            serde_json::error::Category::Syntax => Category::Syntax,
            serde_json::error::Category::Eof => Category::Eof,
            serde_json::error::Category::Data => Category::Data,
            serde_json::error::Category::Io => Category::Syntax,
        };
        let (replayed, message) = split_replayed_path(&message);
        Error {
            category,
            path: path + replayed,
            message: message.to_owned(),
            line: err.line(),
            column: err.column(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if self.line > 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Parses `T` from JSON bytes.
///
/// The document is parsed at full speed; only when it fails is it read a second time with path
/// tracking, so that the error can name the member (`$.keys[1].x5c[0]`).
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|err| locate::<T>(bytes, &err))
}

/// Parses `T` from a JSON string. See [`from_slice`].
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, Error> {
    from_slice(text.as_bytes())
}

/// Parses `T` from JSON bytes in one pass that tracks the path, for the same result as
/// [`from_slice`]: slower on valid input, but `T`'s reader is compiled once, not twice. For
/// tools that read any of thousands of types (a generated model's registry), where compiling
/// every reader twice costs more than the parse.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
///
/// let key: TrustFrameworkKey = odata_core::json::from_slice_located(br#"{"kid":"k1"}"#)?;
/// assert_eq!(key.kid.as_deref(), Some("k1"));
/// let err = odata_core::json::from_slice_located::<TrustFrameworkKey>(br#"{"exp":"x"}"#).unwrap_err();
/// assert_eq!(err.path(), "$.exp");
/// let err = odata_core::json::from_slice_located::<TrustFrameworkKey>(b"{} x").unwrap_err();
/// assert_eq!((err.path(), err.message()), ("$", "trailing characters"));
/// # Ok::<(), odata_core::json::Error>(())
/// ```
pub fn from_slice_located<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|err| Error::new(render_path(err.path()), err.inner()))?;
    de.end().map_err(|err| Error::new("$".to_owned(), &err))?;
    Ok(value)
}

fn locate<'a, T: Deserialize<'a>>(bytes: &'a [u8], first: &serde_json::Error) -> Error {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(err) => Error::new(render_path(err.path()), err.inner()),
        // The value itself was fine, so the first error came after it (trailing characters).
        Ok(_) => Error::new(
            "$".to_owned(),
            &de.end().err().unwrap_or_else(|| clone(first)),
        ),
    }
}

fn clone(err: &serde_json::Error) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(err.to_string())
}

fn render_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::from("$");
    push_path(&mut out, path);
    out
}

/// Appends a tracked path's segments (`.keys[0].exp`).
pub(crate) fn push_path(out: &mut String, path: &serde_path_to_error::Path) {
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_segment(out, key),
            // Between members (e.g. the input ended where a name was due): the path so far
            // names the enclosing value.
            Segment::Unknown => {}
        }
    }
}

/// Appends one member name: `.name`, or `["odd name"]` where a dot would be ambiguous.
pub(crate) fn push_segment(out: &mut String, key: &str) {
    // `name`, `@odata.type`, `x5c@odata.type` read unambiguously after a dot; a name with a
    // dot but no `@` (`x5c.0`) would read as a nested member.
    let annotation = key.contains('@');
    let simple = key.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '@')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || (annotation && (c == '@' || c == '.')));
    if simple {
        out.push('.');
        out.push_str(key);
    } else {
        out.push_str(&format!("[{}]", serde_json::Value::from(key)));
    }
}

/// serde_json's message without the ` at line L column C` it appends (kept apart in [`Error`];
/// relative to the wrong document in a replayed value).
pub(crate) fn message_without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

// A polymorphic object whose `@odata.type` comes late (or not at all) is kept as raw JSON and
// read again once its type is known, out of sight of the outer path tracker: the replay writes
// the path inside the object into the message (`member `.accountEnabled`: invalid type ...`),
// and `Error::new` moves it back into the path.
const REPLAYED: &str = "member `";
const REPLAYED_END: &str = "`: ";

/// The message of an error found at `path` (relative to the replayed object) in a replayed
/// member.
pub(crate) fn replayed_error(path: &str, message: &str) -> String {
    format!("{REPLAYED}{path}{REPLAYED_END}{message}")
}

/// Splits a message made by [`replayed_error`] into its relative path and the message (an
/// empty path for any other message).
pub(crate) fn split_replayed_path(message: &str) -> (&str, &str) {
    message
        .strip_prefix(REPLAYED)
        .and_then(|rest| rest.split_once(REPLAYED_END))
        .unwrap_or(("", message))
}

/// How values are written.
///
/// ```
/// use odata_core::json::{self, WriteOptions};
/// use odata_core::edm::Edm;
///
/// let big = Edm(9_007_199_254_740_993_i64);
/// assert_eq!(json::to_string(&big)?, "9007199254740993");
/// let options = WriteOptions::new().ieee754_compatible(true);
/// assert_eq!(json::to_string_with(&big, options)?, r#""9007199254740993""#);
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// Write `Edm.Int64` and `Edm.Decimal` values as JSON strings, as a request or response
    /// with `IEEE754Compatible=true` in its content type carries them, so that values beyond
    /// 2^53 survive JavaScript peers. Reading accepts both forms whatever this says.
    pub ieee754_compatible: bool,
}

impl WriteOptions {
    /// The defaults: numbers as JSON numbers.
    pub const fn new() -> Self {
        WriteOptions {
            ieee754_compatible: false,
        }
    }
    /// Sets [`WriteOptions::ieee754_compatible`].
    pub const fn ieee754_compatible(mut self, on: bool) -> Self {
        self.ieee754_compatible = on;
        self
    }
}

thread_local! {
    static IEEE754_COMPATIBLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the value being written on this thread goes out with `IEEE754Compatible=true`.
#[inline]
pub(crate) fn ieee754_compatible() -> bool {
    IEEE754_COMPATIBLE.with(|flag| flag.get())
}

/// Puts `options` in force on this thread until the guard is dropped (also on panic). Not
/// generic, so that each type written with options costs only its own `to_vec`.
struct OptionsGuard(bool);

impl OptionsGuard {
    fn set(options: WriteOptions) -> OptionsGuard {
        OptionsGuard(IEEE754_COMPATIBLE.with(|flag| flag.replace(options.ieee754_compatible)))
    }
}

impl Drop for OptionsGuard {
    fn drop(&mut self) {
        IEEE754_COMPATIBLE.with(|flag| flag.set(self.0));
    }
}

/// Writes `value` as compact JSON with `options`.
pub fn to_vec_with<T: Serialize + ?Sized>(
    value: &T,
    options: WriteOptions,
) -> Result<Vec<u8>, Error> {
    let _options = OptionsGuard::set(options);
    to_vec(value)
}

/// Writes `value` as compact JSON text with `options`.
pub fn to_string_with<T: Serialize + ?Sized>(
    value: &T,
    options: WriteOptions,
) -> Result<String, Error> {
    let _options = OptionsGuard::set(options);
    to_string(value)
}

/// Writes `value` as compact JSON.
///
/// ```
/// use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
///
/// let set = TrustFrameworkKeySet::builder().key(TrustFrameworkKey::builder().build()).build();
/// assert_eq!(
///     odata_core::json::to_string(&set)?,
///     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","keys":[{"@odata.type":"#microsoft.graph.trustFrameworkKey"}]}"##
/// );
/// # Ok::<(), odata_core::json::Error>(())
/// ```
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(write_error)
}

/// Writes `value` as compact JSON text. See [`to_vec`].
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(write_error)
}

/// Writes `value` as indented JSON text.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(write_error)
}

fn write_error(err: serde_json::Error) -> Error {
    Error {
        category: Category::Serialize,
        path: "$".to_owned(),
        message: err.to_string(),
        line: 0,
        column: 0,
    }
}
