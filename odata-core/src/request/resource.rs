//! The bottom layer: the service a request goes to (its root URL and URL conventions), the
//! resource paths below it, and the encoding of keys and query values into those URLs. It knows
//! nothing of entity types, requests or responses.

use std::fmt;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::Error;

/// How an entity is addressed by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySyntax {
    /// Key as a path segment: `/keySets/{id}` (Microsoft Graph).
    Segment,
    /// Key in parentheses, as an OData string literal: `/keySets('{id}')` (OData 4.0).
    Parenthesized,
}

/// The URL conventions of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conventions {
    /// How keys are written.
    pub key_syntax: KeySyntax,
    /// Whether a function call ends in `()` (`getActiveKey()`); Graph omits them.
    pub function_parentheses: bool,
    /// Whether bound operations are namespace-qualified (`microsoft.graph.generateKey`);
    /// Graph leaves them unqualified.
    pub qualified_operations: bool,
}

impl Conventions {
    /// Microsoft Graph: `/keySets/{id}`, `/getActiveKey`, `/generateKey`.
    pub const GRAPH: Conventions = Conventions {
        key_syntax: KeySyntax::Segment,
        function_parentheses: false,
        qualified_operations: false,
    };
    /// OData 4.0: `/keySets('{id}')`, `/ns.getActiveKey()`, `/ns.generateKey`.
    pub const ODATA: Conventions = Conventions {
        key_syntax: KeySyntax::Parenthesized,
        function_parentheses: true,
        qualified_operations: true,
    };
}

/// An OData service: the root URL every request starts from, and its conventions.
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::request::Service;
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let request = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x").get().build()?;
/// assert_eq!(request.http().uri(), "https://graph.microsoft.com/v1.0/trustFramework/keySets/B2C_1A_x");
///
/// let standard = Service::odata("https://example.com/odata/")?;
/// let request = standard.root::<GraphService>().trust_framework().key_sets().by_id("O'Brien").get().build()?;
/// assert_eq!(request.http().uri(), "https://example.com/odata/trustFramework/keySets('O''Brien')");
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[derive(Clone)]
pub struct Service {
    inner: Arc<ServiceInner>,
}

#[derive(Clone)]
struct ServiceInner {
    /// `scheme://authority/path` without a trailing slash.
    base: String,
    /// `scheme://authority`, for checking next links.
    origin: String,
    conventions: Conventions,
    allow_foreign_next_links: bool,
    ieee754_compatible: bool,
}

impl fmt::Debug for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Service")
            .field("base", &self.inner.base)
            .field("conventions", &self.inner.conventions)
            .finish()
    }
}

impl Service {
    /// A service at `base` (an absolute `http` or `https` URL without query or fragment).
    pub fn new(base: &str, conventions: Conventions) -> Result<Self, Error> {
        Self::build(base, conventions)
    }

    /// A Microsoft Graph service root, such as `https://graph.microsoft.com/v1.0`.
    pub fn graph(base: &str) -> Result<Self, Error> {
        Self::new(base, Conventions::GRAPH)
    }

    /// A standard OData 4.0 service root.
    pub fn odata(base: &str) -> Result<Self, Error> {
        Self::new(base, Conventions::ODATA)
    }

    /// Allows following `@odata.nextLink` URLs on another host than the service's. Off by
    /// default: a next link elsewhere would carry the caller's credentials to that host.
    pub fn allow_foreign_next_links(self, allow: bool) -> Self {
        self.with(|inner| inner.allow_foreign_next_links = allow)
    }

    /// Exchanges JSON with `IEEE754Compatible=true`: requests say so in `Accept` and
    /// `Content-Type`, and their bodies carry `Edm.Int64` and `Edm.Decimal` values as strings,
    /// so that values beyond 2^53 survive services and peers that read numbers as doubles.
    /// Responses are read either way.
    ///
    /// ```
    /// use odata_core::graph::{GraphService, UploadSecretParameters, KeyUse};
    /// use odata_core::request::Service;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/beta")?.ieee754_compatible(true);
    /// // Settings are independent of each other.
    /// let service = service.allow_foreign_next_links(true);
    /// assert!(service.is_ieee754_compatible());
    /// let key_set = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x");
    /// let request = key_set.upload_secret(&UploadSecretParameters {
    ///     key_use: KeyUse::Sig,
    ///     k: "secret".into(),
    ///     nbf: Some(9_007_199_254_740_993),
    ///     exp: None,
    /// })?;
    /// assert_eq!(request.http().headers()["content-type"], "application/json;IEEE754Compatible=true");
    /// assert!(std::str::from_utf8(request.http().body()).unwrap().contains(r#""nbf":"9007199254740993""#));
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn ieee754_compatible(self, on: bool) -> Self {
        self.with(|inner| inner.ieee754_compatible = on)
    }

    /// The same service with one setting changed (the root was validated when it was built).
    fn with(self, change: impl FnOnce(&mut ServiceInner)) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.inner);
        change(&mut inner);
        Service {
            inner: Arc::new(inner),
        }
    }

    /// Whether requests go out with `IEEE754Compatible=true`.
    pub fn is_ieee754_compatible(&self) -> bool {
        self.inner.ieee754_compatible
    }

    fn build(base: &str, conventions: Conventions) -> Result<Self, Error> {
        let invalid = |why: &str| Error::InvalidUrl(format!("service root `{base}`: {why}"));
        let uri: http::Uri = base.parse().map_err(|e| invalid(&format!("{e}")))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| invalid("not an absolute URL"))?;
        if scheme != "http" && scheme != "https" {
            return Err(invalid("the scheme must be http or https"));
        }
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        if uri.query().is_some() || base.contains('#') {
            return Err(invalid("a service root has no query or fragment"));
        }
        if authority.as_str().contains('@') {
            return Err(invalid(
                "user information in the URL is not supported; use a token",
            ));
        }
        let origin = origin_of(&uri);
        let path = uri.path().trim_end_matches('/');
        Ok(Service {
            inner: Arc::new(ServiceInner {
                base: format!("{origin}{path}"),
                origin,
                conventions,
                allow_foreign_next_links: false,
                ieee754_compatible: false,
            }),
        })
    }

    /// The root URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.inner.base
    }

    /// The conventions.
    pub fn conventions(&self) -> Conventions {
        self.inner.conventions
    }

    pub(crate) fn path(&self, path: String) -> ResourcePath {
        ResourcePath {
            service: self.clone(),
            path,
        }
    }

    /// Checks that `link` (an `@odata.nextLink`) stays on this service's origin, unless
    /// foreign links are allowed; resolves a relative link against the origin.
    pub(crate) fn resolve_link(&self, link: &str) -> Result<String, Error> {
        let uri: http::Uri = link
            .parse()
            .map_err(|e| Error::InvalidUrl(format!("next link `{link}`: {e}")))?;
        match uri.scheme_str() {
            None if link.starts_with('/') && !link.starts_with("//") => {
                Ok(format!("{}{link}", self.inner.origin))
            }
            None => Err(Error::InvalidUrl(format!(
                "next link `{link}` is neither absolute nor rooted"
            ))),
            Some(scheme) => {
                let origin = origin_of(&uri);
                if origin.eq_ignore_ascii_case(&self.inner.origin)
                    || (self.inner.allow_foreign_next_links
                        && (scheme == "https" || scheme == "http"))
                {
                    Ok(link.to_owned())
                } else {
                    Err(Error::ForeignNextLink {
                        link: link.to_owned(),
                        service: self.inner.origin.clone(),
                    })
                }
            }
        }
    }
}

/// `scheme://host[:port]`, lower-cased, without user info and without the scheme's default port.
fn origin_of(uri: &http::Uri) -> String {
    let scheme = uri.scheme_str().unwrap_or("").to_ascii_lowercase();
    let host = uri.host().unwrap_or("").to_ascii_lowercase();
    let default = match scheme.as_str() {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    };
    match uri.port_u16() {
        Some(port) if Some(port) != default => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    }
}

/// A path below a service root (already encoded).
#[derive(Clone, Debug)]
pub struct ResourcePath {
    service: Service,
    path: String,
}

impl ResourcePath {
    /// The service.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// The encoded path below the service root, starting with `/` (empty at the root).
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// The full URL.
    pub fn url(&self) -> String {
        format!("{}{}", self.service.base(), self.path)
    }

    /// This path followed by a property or entity set name (an OData identifier, written
    /// as is).
    pub fn child(&self, name: &str) -> ResourcePath {
        self.service
            .path(format!("{}/{}", self.path, encode_segment(name)))
    }

    /// This path addressing one entity by its key.
    ///
    /// In the segment syntax, a key that would not read as a plain key segment is written in
    /// the parenthesised form instead (`('')`, `('..')`, `('$count')`): an empty segment
    /// addresses the collection, URL parsers resolve `.`/`..` (even percent-encoded) as
    /// relative steps, and `$`-segments name system resources (`$count`, `$ref`, `$value`).
    pub fn key(&self, key: &str) -> ResourcePath {
        let plain = !key.is_empty() && !key.starts_with('$') && !key.bytes().all(|b| b == b'.');
        let path = match self.service.conventions().key_syntax {
            KeySyntax::Segment if plain => {
                format!("{}/{}", self.path, encode_segment(key))
            }
            _ => {
                let literal = key.replace('\'', "''");
                format!("{}('{}')", self.path, encode_segment(&literal))
            }
        };
        self.service.path(path)
    }

    /// This path addressing one entity by a key that is not a string, given as its URL literal
    /// (`42`, `01234567-89ab-cdef-0123-456789abcdef`): `/42` in the segment syntax, `(42)` in
    /// the parenthesised one.
    pub fn key_literal(&self, literal: &str) -> ResourcePath {
        let path = match self.service.conventions().key_syntax {
            KeySyntax::Segment => format!("{}/{}", self.path, encode_segment(literal)),
            _ => format!("{}({})", self.path, encode_segment(literal)),
        };
        self.service.path(path)
    }

    /// This path addressing one entity by a composite key, each part a property name and its
    /// URL literal: `(k1=1,k2='x')` in either syntax (OData's key-as-segment is for single
    /// keys only).
    pub fn composite_key(&self, parts: &[(&str, String)]) -> ResourcePath {
        let parts: Vec<String> = parts
            .iter()
            .map(|(name, literal)| format!("{}={}", encode_segment(name), encode_segment(literal)))
            .collect();
        self.service
            .path(format!("{}({})", self.path, parts.join(",")))
    }

    /// This path followed by a bound operation (action or function) of namespace `namespace`.
    pub fn operation(&self, namespace: &str, name: &str, function: bool) -> ResourcePath {
        let conventions = self.service.conventions();
        let mut segment = if conventions.qualified_operations {
            format!("{namespace}.{name}")
        } else {
            name.to_owned()
        };
        if function && conventions.function_parentheses {
            segment.push_str("()");
        }
        self.child(&segment)
    }

    /// This path followed by a bound function called with `arguments`: `name=literal` pairs
    /// joined by `,`, each literal already percent-encoded (see [`encode_segment`]). Without
    /// arguments, the same as [`operation`](ResourcePath::operation).
    pub(crate) fn function_call(
        &self,
        namespace: &str,
        name: &str,
        arguments: &str,
    ) -> ResourcePath {
        if arguments.is_empty() {
            return self.operation(namespace, name, true);
        }
        let mut segment = if self.service.conventions().qualified_operations {
            format!("{}.{}", encode_segment(namespace), encode_segment(name))
        } else {
            encode_segment(name)
        };
        segment.push('(');
        segment.push_str(arguments);
        segment.push(')');
        self.service.path(format!("{}/{segment}", self.path))
    }
}

/// What stays literal in a path segment: unreserved characters and the sub-delimiters OData
/// keys use. `/`, `?`, `#`, `%`, space, controls and non-ASCII are encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// What stays literal in a query option's value: as in a segment, except that `&`, `=`, `+`
/// and `;` (which delimit or alter query options) are encoded and `/` is not.
const QUERY_VALUE: &AsciiSet = &SEGMENT.add(b'&').add(b'=').add(b'+').add(b';').remove(b'/');

/// Percent-encodes one path segment (keys that are all dots never get here as a whole
/// segment: see [`ResourcePath::key`]).
pub(crate) fn encode_segment(raw: &str) -> String {
    utf8_percent_encode(raw, SEGMENT).to_string()
}

/// Percent-encodes a query option value.
pub(crate) fn encode_query_value(raw: &str) -> String {
    utf8_percent_encode(raw, QUERY_VALUE).to_string()
}
