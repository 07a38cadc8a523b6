//! Generates Rust types that use `#[derive(ODataEntity)]` and `#[derive(ODataEnum)]` from an
//! OData service's CSDL, in CSDL XML (`$metadata`) or CSDL JSON, the way prost-build does for
//! protobuf: call it from `build.rs` and `include!` the result, or run the `odata-codegen`
//! command.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     println!("cargo:rerun-if-changed=metadata.xml");
//!     let out_dir = std::env::var("OUT_DIR")?;
//!     let report = odata_codegen::Config::new()
//!         .namespaces(["microsoft.graph"])
//!         .runtime_crate("::odata_core")
//!         .compile("metadata.xml", &out_dir)?;
//!     println!("cargo:warning={}", report.summary());
//!     Ok(())
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/odata_model.rs"));
//! ```
//!
//! What is generated, from a small document:
//!
//! ```
//! let csdl = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EntityType Name="product">
//!         <Key><PropertyRef Name="id"/></Key>
//!         <Property Name="id" Type="Edm.String" Nullable="false"/>
//!         <Property Name="price" Type="Edm.Double"/>
//!       </EntityType>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#;
//! let generated = odata_codegen::Config::new().generate(csdl)?;
//! assert!(generated.code.contains("pub struct Product {"));
//! assert!(generated.code.contains("#[odata(key, nullable = false)]\n        pub id: Option<String>,"));
//! assert!(generated.code.contains("        pub price: Option<f64>,"));
//! assert_eq!(generated.report.structured_types, 1);
//! # Ok::<(), odata_codegen::Error>(())
//! ```
//!
//! # What the generated code looks like
//!
//! - One module per namespace (`microsoft.graph.callRecords` -> `microsoft::graph::call_records`,
//!   or the paths given with [`Config::module`]), so types named alike in two namespaces do not
//!   collide; references between modules are relative (`super::`), so the file can be included
//!   anywhere.
//! - Entity and complex types are structs: the base type is a `#[odata(base)]` field, every
//!   property an `Option` (a service may leave any property out, as `$select` does) with
//!   `#[odata(nullable = false)]` where the CSDL says `Nullable="false"`, collections
//!   `Option<Vec<T>>`, navigation properties `#[odata(navigation)]`, and an
//!   `#[odata(extra)] extra: Extra` field keeps whatever the model does not declare.
//! - A structural property whose type has subtypes holds a generated polymorphic enum `AnyT`
//!   (one variant per known concrete subtype, and the `#[odata(base)]` variant).
//! - A single-valued property that would make a type contain itself is boxed, and so is every
//!   single-valued navigation property (`Option<Box<T>>`): held inline, an expanded entity
//!   would make its holder as large as every type it reaches.
//! - Enumeration types are `#[derive(ODataEnum)]` enums with an `#[odata(other)] Other(String)`
//!   variant (services add members); flags enums are used as `Flags<E>`.
//! - The entity container is an `#[odata(container)]` struct; bound actions and functions are
//!   `#[odata(action(...))]` / `#[odata(function(...))]` on their binding entity type (with
//!   `collection` when bound to `Collection(T)`: a method of every collection path of `T` and
//!   its subtypes), with a derived complex type per operation with parameters (its properties
//!   are the parameters: a function writes them in the URL, an action as its body's JSON
//!   object; the model and the CSDL written from it have them).
//!   Results are declared as the CSDL says (`Vec<T>` is read as pages, a primitive or
//!   enumeration unwrapped from `{"value": ...}`).
//! - Overloads (several operations of one name bound to one type, such as Graph's
//!   `range()` and `range(address)` on `workbookWorksheet`) keep their OData name and each get
//!   a method of their own (`method = "..."`): the overload with the fewest parameters keeps
//!   the plain method (`range`) when no other has as few; every other is named after its
//!   parameters' names in snake_case, `range_with_address`, `cell_with_row_and_column` (one
//!   without parameters beside others as short: `_without_parameters`), with `_2`, `_3`, ...
//!   appended should that be taken. Overloads are ordered by parameter count, then parameter
//!   names, so the names do not depend on the document's order.
//! - An operation bound to a collection and named like a method of every collection path
//!   (`create`, `delta`, `list`, ...) gets its kind appended: `create_action`,
//!   `delta_function`. One declared in another namespace than its binding type's names it
//!   (`namespace = "..."`).
//! - Whatever cannot be generated is a counted skip with its reason: see [`Report`], and the
//!   generated `codegen_report` module's documentation.
//!
//! The generated code needs these crates beside the runtime: `serde` (with `derive`, for the
//! parameter structs), `serde_json`, and, where the model uses them, `time`, `uuid` and
//! `rust_decimal` (the runtime's `time`, `uuid` and `decimal` features).

#![warn(missing_docs)]

mod csdl;
mod gen;
mod json;
mod names;
mod xml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use csdl::{
    Container, Document, EnumType, Operation, Parameter, Property, Schema, StructuredType, TypeRef,
};

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// Reading the CSDL file or writing the output.
    Io(PathBuf, std::io::Error),
    /// The document is not CSDL XML or CSDL JSON the generator understands.
    Parse(String),
    /// The options do not fit the document (an unknown namespace or type).
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Parse(m) | Error::Config(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Reads a CSDL document, XML or JSON (told apart by the first non-blank character).
///
/// ```
/// let doc = odata_codegen::parse(r#"{"$Version":"4.01","contoso":{"color":{"$Kind":"EnumType","red":0,"blue":1}}}"#)?;
/// assert_eq!(doc.schemas[0].enums[0].members, [("red".to_string(), 0), ("blue".to_string(), 1)]);
/// # Ok::<(), odata_codegen::Error>(())
/// ```
pub fn parse(text: &str) -> Result<Document, Error> {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut doc = if trimmed.starts_with('{') {
        json::parse(trimmed)?
    } else {
        xml::parse(trimmed)?
    };
    doc.resolve_aliases();
    Ok(doc)
}

/// How namespaces become modules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModuleLayout {
    /// One module per namespace segment: `microsoft.graph.security` ->
    /// `microsoft::graph::security`.
    #[default]
    Nested,
    /// One module per namespace, flat: `microsoft.graph.security` -> `microsoft_graph_security`.
    Flat,
}

/// The generator's options (a builder, like `prost_build::Config`).
///
/// ```
/// let config = odata_codegen::Config::new()
///     .namespaces(["contoso"])
///     .module("contoso", "model")
///     .runtime_crate("::my_sdk::odata");
/// # let _ = config;
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) namespaces: Vec<String>,
    pub(crate) types: Vec<String>,
    pub(crate) runtime: String,
    pub(crate) layout: ModuleLayout,
    pub(crate) modules: BTreeMap<String, String>,
    pub(crate) derives: Vec<String>,
    pub(crate) edm_types: BTreeMap<String, String>,
    pub(crate) file_name: String,
    pub(crate) source_name: String,
    pub(crate) plain_serde: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// The defaults: every namespace, runtime `::odata_core`, nested modules, structs deriving
    /// `Clone, Debug, Default, PartialEq`, output file `odata_model.rs`.
    pub fn new() -> Config {
        let edm_types = [
            ("Edm.String", "String"),
            ("Edm.Boolean", "bool"),
            ("Edm.Byte", "u8"),
            ("Edm.SByte", "i8"),
            ("Edm.Int16", "i16"),
            ("Edm.Int32", "i32"),
            ("Edm.Int64", "i64"),
            ("Edm.Single", "f32"),
            ("Edm.Double", "f64"),
            ("Edm.Decimal", "::rust_decimal::Decimal"),
            ("Edm.Binary", "{runtime}::edm::Binary"),
            ("Edm.Stream", "{runtime}::edm::Stream"),
            ("Edm.Untyped", "::serde_json::Value"),
            ("Edm.DateTimeOffset", "::time::OffsetDateTime"),
            ("Edm.Date", "::time::Date"),
            ("Edm.TimeOfDay", "::time::Time"),
            ("Edm.Duration", "::time::Duration"),
            ("Edm.Guid", "::uuid::Uuid"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        Config {
            namespaces: Vec::new(),
            types: Vec::new(),
            runtime: "::odata_core".into(),
            layout: ModuleLayout::Nested,
            modules: BTreeMap::new(),
            derives: ["Clone", "Debug", "Default", "PartialEq"]
                .map(String::from)
                .to_vec(),
            edm_types,
            file_name: "odata_model.rs".into(),
            source_name: String::new(),
            plain_serde: false,
        }
    }

    /// Generates only these namespaces (default: all). References into other namespaces are
    /// counted skips.
    pub fn namespaces<I, S>(mut self, namespaces: I) -> Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.namespaces = namespaces.into_iter().map(Into::into).collect();
        self
    }

    /// Generates only these types (qualified names) and what they need: their base types and
    /// the types of their structural properties. Navigation properties to types left out are
    /// counted skips. Default: every type of the selected namespaces.
    pub fn types<I, S>(mut self, types: I) -> Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.types = types.into_iter().map(Into::into).collect();
        self
    }

    /// The path of the runtime crate, for SDKs that re-export it (default `::odata_core`).
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Config {
        self.runtime = path.into();
        self
    }

    /// How namespaces become modules (default [`ModuleLayout::Nested`]).
    pub fn module_layout(mut self, layout: ModuleLayout) -> Config {
        self.layout = layout;
        self
    }

    /// The module path (`::`-separated, relative to where the file is included; empty for the
    /// include site itself) of one namespace, overriding the layout.
    pub fn module(mut self, namespace: impl Into<String>, path: impl Into<String>) -> Config {
        self.modules.insert(namespace.into(), path.into());
        self
    }

    /// The derives every generated struct and polymorphic enum gets besides ours (default
    /// `Clone, Debug, Default, PartialEq`; `Default` is required on base types).
    pub fn derives<I, S>(mut self, derives: I) -> Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.derives = derives.into_iter().map(Into::into).collect();
        self
    }

    /// The Rust type of an Edm primitive type (`{runtime}` stands for the runtime crate).
    pub fn edm_type(mut self, edm: impl Into<String>, rust: impl Into<String>) -> Config {
        self.edm_types.insert(edm.into(), rust.into());
        self
    }

    /// The output file's name in the output directory (default `odata_model.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Config {
        self.file_name = name.into();
        self
    }

    /// Emits the same types with plain serde derives instead of ours, for comparisons (the
    /// build-cost benchmark in `scripts/graph-build-bench.sh`), not for use: structs and enums
    /// with `#[derive(serde::Serialize, serde::Deserialize)]` and the configured derives,
    /// `#[serde(rename = "...")]` for every OData name, optional properties with
    /// `skip_serializing_if`, the base type as a `#[serde(flatten)]` field, primitives whose
    /// serde form is not OData's (dates, GUIDs, `Int64`, ...) wrapped in the runtime's
    /// `edm::Edm<T>`, polymorphic enums `#[serde(tag = "@odata.type")]` with the base as an
    /// `#[serde(untagged)]` variant, flags-enum properties as `String`, enums' unknown members
    /// in an `#[serde(untagged)] Other(String)`. No static model, builders, field lists,
    /// navigation, operations (their parameter structs are emitted, with serde derives), container, or kept unknown members
    /// (serde drops them).
    ///
    /// ```
    /// let csdl = r#"{"$Version":"4.01","contoso":{"product":{"$Kind":"EntityType","$Key":["id"],"id":{},"price":{"$Type":"Edm.Double","$Nullable":true}}}}"#;
    /// let generated = odata_codegen::Config::new().emit_plain_serde(true).generate(csdl)?;
    /// assert!(generated.code.contains("#[derive(::serde::Serialize, ::serde::Deserialize, Clone, Debug, Default, PartialEq)]"));
    /// assert!(generated.code.contains("#[serde(rename = \"price\", default, skip_serializing_if = \"Option::is_none\")]"));
    /// assert!(!generated.code.contains("ODataEntity"));
    /// # Ok::<(), odata_codegen::Error>(())
    /// ```
    pub fn emit_plain_serde(mut self, plain_serde: bool) -> Config {
        self.plain_serde = plain_serde;
        self
    }

    /// Generates Rust source from a CSDL document's text (XML or JSON).
    pub fn generate(&self, csdl: &str) -> Result<Generated, Error> {
        let doc = parse(csdl)?;
        self.generate_document(&doc)
    }

    /// Generates Rust source from a parsed document.
    pub fn generate_document(&self, doc: &Document) -> Result<Generated, Error> {
        gen::generate(self, doc)
    }

    /// Reads `csdl_path`, generates, and writes `out_dir/<file_name>`; returns the report.
    pub fn compile(
        &self,
        csdl_path: impl AsRef<Path>,
        out_dir: impl AsRef<Path>,
    ) -> Result<Report, Error> {
        let path = csdl_path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
        let mut config = self.clone();
        if config.source_name.is_empty() {
            config.source_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        let generated = config.generate(&text)?;
        let out = out_dir.as_ref().join(&self.file_name);
        std::fs::write(&out, &generated.code).map_err(|e| Error::Io(out.clone(), e))?;
        Ok(generated.report)
    }
}

/// Generated source and what it holds.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The Rust source.
    pub code: String,
    /// Counts and skips.
    pub report: Report,
}

/// What was generated, and what was skipped and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Entity and complex types generated.
    pub structured_types: usize,
    /// Of these, entity types.
    pub entity_types: usize,
    /// Enumeration types generated.
    pub enum_types: usize,
    /// Entity sets in the container.
    pub entity_sets: usize,
    /// Singletons in the container.
    pub singletons: usize,
    /// Structural properties generated.
    pub properties: usize,
    /// Navigation properties generated.
    pub navigation_properties: usize,
    /// Bound actions and functions generated.
    pub bound_operations: usize,
    /// Of the bound operations, those returning a collection or a primitive or enumeration
    /// value: declared with that type (`Vec<T>`, `i64`); the runtime reads OData's
    /// `{"value": ...}` answer (a `Vec<T>` result as pages with their next link).
    pub value_returns: usize,
    /// Of the bound operations, overloads given a method of their own (`method = "..."`,
    /// such as `range_with_address` beside `range`): see the crate docs on overloads.
    pub overload_methods: usize,
    /// Entity types given `#[odata(delta)]` (so `request::DeltaFunction`, and the function in
    /// the model): a function `delta` is bound to their collection and returns it (not
    /// counted in `bound_operations`).
    pub delta_functions: usize,
    /// Navigation property bindings of entity sets and singletons generated.
    pub navigation_bindings: usize,
    /// Polymorphic `AnyT` enums generated.
    pub polymorphic_enums: usize,
    /// Single-valued properties boxed: to break a recursion, or single-valued navigation.
    pub boxed_properties: usize,
    /// Names renamed to avoid a clash (types, fields, variants).
    pub renamed: usize,
    /// Everything not generated, with the reason.
    pub skipped: Vec<Skip>,
}

/// One thing the generator left out.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skip {
    /// What kind of CSDL element.
    pub kind: SkipKind,
    /// Its qualified name (`ns.type`, `ns.type/property`, `ns.operation(binding)`).
    pub name: String,
    /// Why.
    pub reason: String,
}

/// The kind of a skipped element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipKind {
    /// An entity or complex type.
    Type,
    /// An enumeration type.
    EnumType,
    /// A structural property.
    Property,
    /// A navigation property.
    Navigation,
    /// A bound action or function.
    BoundOperation,
    /// An unbound action or function (imports are not generated).
    UnboundOperation,
    /// An entity set or singleton.
    ContainerMember,
    /// A navigation property binding of an entity set or singleton.
    NavigationBinding,
}

impl Report {
    /// How many skips of a kind.
    pub fn skipped(&self, kind: SkipKind) -> usize {
        self.skipped.iter().filter(|s| s.kind == kind).count()
    }

    /// Skips of a kind grouped by reason, most frequent first.
    pub fn reasons(&self, kind: SkipKind) -> Vec<(String, usize)> {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for s in self.skipped.iter().filter(|s| s.kind == kind) {
            *by.entry(s.reason.as_str()).or_default() += 1;
        }
        let mut v: Vec<_> = by.into_iter().map(|(r, n)| (r.to_owned(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// One line: the counts and the number of skips.
    pub fn summary(&self) -> String {
        format!(
            "{} structured types ({} entity), {} enum types, {} entity sets, {} singletons ({} navigation property bindings), {} properties, {} navigation properties, {} bound operations ({} returning a collection or primitive, {} overloads named after their parameters), {} polymorphic enums, {} boxed; skipped: {} types, {} enum types, {} properties, {} navigation properties, {} bound operations, {} unbound operations, {} container members, {} navigation property bindings",
            self.structured_types,
            self.entity_types,
            self.enum_types,
            self.entity_sets,
            self.singletons,
            self.navigation_bindings,
            self.properties,
            self.navigation_properties,
            self.bound_operations,
            self.value_returns,
            self.overload_methods,
            self.polymorphic_enums,
            self.boxed_properties,
            self.skipped(SkipKind::Type),
            self.skipped(SkipKind::EnumType),
            self.skipped(SkipKind::Property),
            self.skipped(SkipKind::Navigation),
            self.skipped(SkipKind::BoundOperation),
            self.skipped(SkipKind::UnboundOperation),
            self.skipped(SkipKind::ContainerMember),
            self.skipped(SkipKind::NavigationBinding),
        )
    }
}
