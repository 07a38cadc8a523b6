//! Reading the request path: which resource it names, in either key syntax.
//!
//! Everything below the base path is matched on the raw (still percent-encoded) path, split on
//! `/`, and each segment is percent-decoded on its own, so an id holding an encoded `/` (`%2F`)
//! stays one segment.

use axum::http::Method;
use percent_encoding::percent_decode_str;

use crate::error::ApiError;
use crate::query::Target;

/// The path below which the key sets live.
pub(crate) const BASE_PATH: &str = "/v1.0";
const PREFIX: &str = "/v1.0/trustFramework/";
const KEY_SETS: &str = "keySets";
const NAMESPACE: &str = "microsoft.graph.";
const COUNT: &str = "$count";

/// A bound action of a key set (`POST .../{name}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    GenerateKey,
    UploadSecret,
    UploadCertificate,
    UploadPkcs12,
}

/// The resource a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resource {
    /// `/trustFramework/keySets`
    Collection,
    /// `/trustFramework/keySets/$count`
    Count,
    /// `/trustFramework/keySets/delta`: the delta function bound to the collection.
    Delta,
    /// `/trustFramework/keySets/{id}` or `/trustFramework/keySets('{id}')`
    KeySet(String),
    /// A bound action of a key set.
    Action(String, Action),
    /// The bound function `getActiveKey` of a key set.
    ActiveKey(String),
}

/// What a request asks for: the resource and the method, checked against each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    List,
    Count,
    Delta,
    Create,
    Get(String),
    Patch(String),
    Put(String),
    Delete(String),
    Action(String, Action),
    ActiveKey(String),
}

impl Endpoint {
    /// Which query options the endpoint takes.
    pub(crate) fn query_target(&self) -> Target {
        match self {
            Endpoint::List => Target::Collection,
            Endpoint::Count => Target::Count,
            _ => Target::Other,
        }
    }

    /// Whether the endpoint reads a JSON request body.
    pub(crate) fn has_body(&self) -> bool {
        matches!(
            self,
            Endpoint::Create | Endpoint::Patch(_) | Endpoint::Put(_) | Endpoint::Action(..)
        )
    }
}

impl Resource {
    /// The methods the resource answers, as an `Allow` header value.
    fn allow(&self) -> &'static str {
        match self {
            Resource::Collection => "GET, POST",
            Resource::Count => "GET",
            Resource::Delta => "GET",
            Resource::KeySet(_) => "GET, PUT, PATCH, DELETE",
            Resource::Action(..) => "POST",
            Resource::ActiveKey(_) => "GET",
        }
    }

    /// The endpoint for `method`, or 405 with the methods the resource answers.
    pub(crate) fn endpoint(self, method: &Method) -> Result<Endpoint, ApiError> {
        let allow = self.allow();
        let endpoint = match (self, method) {
            (Resource::Collection, &Method::GET) => Endpoint::List,
            (Resource::Collection, &Method::POST) => Endpoint::Create,
            (Resource::Count, &Method::GET) => Endpoint::Count,
            (Resource::Delta, &Method::GET) => Endpoint::Delta,
            (Resource::KeySet(id), &Method::GET) => Endpoint::Get(id),
            (Resource::KeySet(id), &Method::PATCH) => Endpoint::Patch(id),
            (Resource::KeySet(id), &Method::PUT) => Endpoint::Put(id),
            (Resource::KeySet(id), &Method::DELETE) => Endpoint::Delete(id),
            (Resource::Action(id, action), &Method::POST) => Endpoint::Action(id, action),
            (Resource::ActiveKey(id), &Method::GET) => Endpoint::ActiveKey(id),
            _ => return Err(ApiError::method_not_allowed(method, allow)),
        };
        Ok(endpoint)
    }
}

/// Reads a raw request path (`Uri::path`, not yet decoded).
pub(crate) fn parse(path: &str) -> Result<Resource, ApiError> {
    let rest = path
        .strip_prefix(PREFIX)
        .ok_or_else(|| ApiError::no_route(path))?;
    let mut segments = rest.split('/');
    let first = decode(segments.next().unwrap_or_default())?;
    let id = if first == KEY_SETS {
        match segments.next() {
            None => return Ok(Resource::Collection),
            Some("") => return Err(ApiError::no_route(path)),
            // An id starting with `$` is written `keySets('$...')` (see `lib.rs`).
            Some(COUNT) if segments.clone().next().is_none() => return Ok(Resource::Count),
            Some(raw) => {
                let segment = decode(raw)?;
                if is_delta(&segment) {
                    return match segments.next() {
                        None => Ok(Resource::Delta),
                        Some(_) => Err(ApiError::no_route(path)),
                    };
                }
                segment
            }
        }
    } else if let Some(key) = first
        .strip_prefix(KEY_SETS)
        .and_then(|s| s.strip_prefix('('))
    {
        parenthesized_key(key)?
    } else {
        return Err(ApiError::no_route(path));
    };
    let resource = match segments.next() {
        None => Resource::KeySet(id),
        Some(raw) => operation(id, &decode(raw)?).ok_or_else(|| ApiError::no_route(path))?,
    };
    match segments.next() {
        None => Ok(resource),
        Some(_) => Err(ApiError::no_route(path)),
    }
}

/// The delta function's segment: `delta`, `delta()`, `microsoft.graph.delta` or
/// `microsoft.graph.delta()`. (So a key set with the id `delta` is addressed as
/// `keySets('delta')`, as on Graph, where `/users/delta` is the function too.)
fn is_delta(segment: &str) -> bool {
    let name = segment.strip_prefix(NAMESPACE).unwrap_or(segment);
    name == "delta" || name == "delta()"
}

/// One percent-decoded path segment; it must be UTF-8.
fn decode(raw: &str) -> Result<String, ApiError> {
    percent_decode_str(raw)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| ApiError::bad_request("The request path is not valid UTF-8 once decoded."))
}

/// The key of `keySets('...')`, given what follows `keySets(`: an OData string literal (quotes
/// doubled inside) and the closing parenthesis.
fn parenthesized_key(text: &str) -> Result<String, ApiError> {
    let malformed = || {
        ApiError::bad_request(format!(
            "The key in `keySets({text}` is not a quoted OData string literal such as keySets('B2C_1A_x')."
        ))
    };
    let literal = text
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix("')"))
        .ok_or_else(malformed)?;
    let mut id = String::with_capacity(literal.len());
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c == '\'' && chars.next() != Some('\'') {
            return Err(malformed());
        }
        id.push(c);
    }
    Ok(id)
}

/// A bound operation segment: `generateKey`, `microsoft.graph.generateKey`, `getActiveKey`,
/// `getActiveKey()`, ...
fn operation(id: String, segment: &str) -> Option<Resource> {
    let name = segment.strip_prefix(NAMESPACE).unwrap_or(segment);
    let action = match name {
        "generateKey" => Action::GenerateKey,
        "uploadSecret" => Action::UploadSecret,
        "uploadCertificate" => Action::UploadCertificate,
        "uploadPkcs12" => Action::UploadPkcs12,
        "getActiveKey" | "getActiveKey()" => return Some(Resource::ActiveKey(id)),
        _ => return None,
    };
    Some(Resource::Action(id, action))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(path: &str) -> Resource {
        parse(path).unwrap_or_else(|e| panic!("{path}: {e:?}"))
    }

    #[test]
    fn both_key_syntaxes() {
        assert_eq!(ok("/v1.0/trustFramework/keySets"), Resource::Collection);
        assert_eq!(ok("/v1.0/trustFramework/keySets/$count"), Resource::Count);
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('$count')"),
            Resource::KeySet("$count".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets/B2C_1A_x"),
            Resource::KeySet("B2C_1A_x".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('B2C_1A_x')"),
            Resource::KeySet("B2C_1A_x".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('O''Brien')"),
            Resource::KeySet("O'Brien".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets/O'Brien"),
            Resource::KeySet("O'Brien".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('a%2Fb%20c%C3%A9')"),
            Resource::KeySet("a/b cé".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets/a%2Fb/generateKey"),
            Resource::Action("a/b".into(), Action::GenerateKey)
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('x')/microsoft.graph.getActiveKey()"),
            Resource::ActiveKey("x".into())
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('x''')/uploadPkcs12"),
            Resource::Action("x'".into(), Action::UploadPkcs12)
        );
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('')"),
            Resource::KeySet(String::new())
        );
    }

    #[test]
    fn the_delta_function() {
        for path in [
            "/v1.0/trustFramework/keySets/delta",
            "/v1.0/trustFramework/keySets/delta()",
            "/v1.0/trustFramework/keySets/microsoft.graph.delta()",
            "/v1.0/trustFramework/keySets/microsoft.graph.delta",
        ] {
            assert_eq!(ok(path), Resource::Delta, "{path}");
        }
        assert_eq!(
            ok("/v1.0/trustFramework/keySets('delta')"),
            Resource::KeySet("delta".into())
        );
        assert_eq!(
            parse("/v1.0/trustFramework/keySets/delta/x")
                .unwrap_err()
                .status(),
            404
        );
        assert!(matches!(
            Resource::Delta.endpoint(&Method::POST),
            Err(e) if e.status() == 405
        ));
    }

    #[test]
    fn unknown_and_malformed() {
        for path in [
            "/",
            "/v1.0",
            "/v1.0/trustFramework",
            "/v1.0/trustFramework/keySets/",
            "/v1.0/trustFramework/policies",
            "/v1.0/trustFramework/keySets/x/nope",
            "/v1.0/trustFramework/keySets/x/generateKey()",
            "/v1.0/trustFramework/keySets/x/getActiveKey/more",
            "/v1.0/trustFramework/keySets/$count/more",
            "/beta/trustFramework/keySets",
        ] {
            assert_eq!(parse(path).unwrap_err().status(), 404, "{path}");
        }
        for path in [
            "/v1.0/trustFramework/keySets(x)",
            "/v1.0/trustFramework/keySets('a'b')",
            "/v1.0/trustFramework/keySets('a'",
            "/v1.0/trustFramework/keySets/%FF",
        ] {
            assert_eq!(parse(path).unwrap_err().status(), 400, "{path}");
        }
    }
}
