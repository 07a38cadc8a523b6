//! Query options. On the collection: `$filter`, `$orderby`, `$select`, `$top`, `$skip`,
//! `$count` and `$skiptoken`; on `/keySets/$count`: `$filter`. Every other system query
//! option (`$`-prefixed), or one on another resource, is refused; custom options are ignored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use odata_core::graph::TrustFrameworkKeySet;
use odata_core::StructuredType;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::filter::{Filter, OrderBy, SortKey};

/// The resource the options are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `GET /keySets`
    Collection,
    /// `GET /keySets/$count`
    Count,
    /// Anything else: no system query option.
    Other,
}

/// The options of a collection request.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListOptions {
    /// `$top`: the page size asked for (capped by the service's page size).
    pub(crate) top: Option<usize>,
    /// `$skip`: how many of the filtered, ordered key sets to leave out first.
    pub(crate) skip: usize,
    /// `$count=true`: include `@odata.count`.
    pub(crate) count: bool,
    /// `$filter`.
    pub(crate) filter: Option<Filter>,
    /// `$orderby` (empty: by id alone), and its text, which a skip token is bound to.
    pub(crate) order_by: OrderBy,
    order_by_text: String,
    /// `$select`: the properties to serve besides `id` (`None`: all).
    pub(crate) select: Option<Vec<&'static str>>,
    /// From `$skiptoken`: the page starts after this position.
    pub(crate) after: Option<Position>,
    /// The options a next link repeats, as received (still percent-encoded).
    repeat: Vec<String>,
}

/// A place in the ordered collection: the sort key of a key set and its id, which breaks
/// ties, so every key set has its own position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Position {
    pub(crate) key: SortKey,
    pub(crate) id: String,
}

/// What a `$skiptoken` holds: the position of the last key set served and the `$orderby` it
/// was taken in (base64url of this as JSON, so it needs no escaping in a URL).
#[derive(Serialize, Deserialize)]
struct Token {
    #[serde(rename = "o")]
    order_by: String,
    #[serde(rename = "p")]
    position: Position,
}

impl ListOptions {
    /// The query string of the next page, which starts after `last`: the options as sent,
    /// without `$skip` (the token already accounts for it) and with a new `$skiptoken`.
    pub(crate) fn next_query(&self, last: Position) -> String {
        let token = Token {
            order_by: self.order_by_text.clone(),
            position: last,
        };
        // A string, integers and booleans always serialize.
        let json = serde_json::to_vec(&token).unwrap_or_default();
        let mut query: Vec<String> = self.repeat.clone();
        query.push(format!("$skiptoken={}", URL_SAFE_NO_PAD.encode(json)));
        query.join("&")
    }
}

fn decode(raw: &str) -> Result<String, ApiError> {
    percent_decode_str(raw)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| ApiError::bad_request("The query string is not valid UTF-8 once decoded."))
}

/// Reads the query string of a request for `target`.
pub(crate) fn parse(query: Option<&str>, target: Target) -> Result<ListOptions, ApiError> {
    let mut options = ListOptions::default();
    let mut seen = Vec::new();
    let mut token = None;
    for pair in query.unwrap_or_default().split('&') {
        if pair.is_empty() {
            continue;
        }
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(raw_name)?;
        if !name.starts_with('$') {
            continue;
        }
        if seen.contains(&name) {
            return Err(ApiError::bad_request(format!(
                "The query option '{name}' is given more than once."
            )));
        }
        let value = decode(raw_value)?;
        let invalid = || {
            ApiError::bad_request(format!(
                "The value '{value}' of the query option '{name}' is not valid."
            ))
        };
        let syntax = |error: crate::filter::SyntaxError| {
            ApiError::bad_request(format!("Invalid {name} '{value}' {error}."))
        };
        let repeat = format!("{name}={raw_value}");
        match (name.as_str(), target) {
            ("$filter", Target::Collection | Target::Count) => {
                options.filter = Some(Filter::parse(&value).map_err(syntax)?);
                options.repeat.push(repeat);
            }
            ("$orderby", Target::Collection) => {
                options.order_by = OrderBy::parse(&value).map_err(syntax)?;
                options.order_by_text = value.clone();
                options.repeat.push(repeat);
            }
            ("$select", Target::Collection) => {
                options.select = select(&value)?;
                options.repeat.push(repeat);
            }
            ("$top", Target::Collection) => {
                options.top = Some(value.parse().map_err(|_| invalid())?);
                options.repeat.push(repeat);
            }
            ("$skip", Target::Collection) => {
                options.skip = value.parse().map_err(|_| invalid())?;
            }
            ("$count", Target::Collection) => {
                options.count = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(invalid()),
                };
                options.repeat.push(repeat);
            }
            ("$skiptoken", Target::Collection) => {
                token = Some(
                    URL_SAFE_NO_PAD
                        .decode(&value)
                        .ok()
                        .and_then(|bytes| serde_json::from_slice::<Token>(&bytes).ok())
                        .ok_or_else(invalid)?,
                );
            }
            _ => {
                return Err(ApiError::bad_request(format!(
                    "The query option '{name}' is not supported on this resource."
                )))
            }
        }
        seen.push(name);
    }
    if let Some(token) = token {
        if token.order_by != options.order_by_text {
            return Err(ApiError::bad_request(format!(
                "The $skiptoken was issued for $orderby '{}', not '{}': follow the @odata.nextLink as given.",
                token.order_by, options.order_by_text
            )));
        }
        options.after = Some(token.position);
    }
    Ok(options)
}

/// `$select`: `*`, or property names of the key set; `id` is always served.
pub(crate) fn select(value: &str) -> Result<Option<Vec<&'static str>>, ApiError> {
    let properties = TrustFrameworkKeySet::TYPE.all_properties();
    let mut selected = Vec::new();
    for item in value.split(',') {
        let item = item.trim_matches([' ', '\t']);
        if item == "*" {
            return Ok(None);
        }
        match properties.iter().find(|p| p.name == item && !p.navigation) {
            Some(p) => selected.push(p.name),
            None if item.contains('/') || item.contains('(') => {
                return Err(ApiError::bad_request(format!(
                    "Invalid $select '{value}': '{item}' is not supported here; select properties of microsoft.graph.trustFrameworkKeySet by name (id, keys)."
                )))
            }
            None => {
                let known: Vec<&str> = properties.iter().map(|p| p.name).collect();
                return Err(ApiError::bad_request(format!(
                    "Invalid $select '{value}': unknown property '{item}': microsoft.graph.trustFrameworkKeySet has {}.",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(Some(selected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_options() {
        let position = Position {
            key: Vec::new(),
            id: "B2C_1A_a/b".into(),
        };
        let token = ListOptions::default().next_query(position.clone());
        let query = format!("$top=2&%24count=true&x=1&{token}&$skip=3&$select=keys");
        let options = parse(Some(&query), Target::Collection).unwrap();
        assert_eq!(options.top, Some(2));
        assert_eq!(options.skip, 3);
        assert!(options.count);
        assert_eq!(options.after, Some(position));
        assert_eq!(options.select, Some(vec!["keys"]));
        assert_eq!(
            options
                .next_query(Position {
                    key: Vec::new(),
                    id: "x".into()
                })
                .split('&')
                .map(|p| p.split('=').next().unwrap())
                .collect::<Vec<_>>(),
            ["$top", "$count", "$select", "$skiptoken"],
            "the next link repeats everything but $skip and the old token"
        );
        let none = parse(None, Target::Other).unwrap();
        assert!(none.filter.is_none() && none.top.is_none() && none.after.is_none());
        assert!(parse(Some("custom=1"), Target::Other).is_ok());
        assert!(parse(Some("$filter=id%20eq%20'a'"), Target::Count)
            .unwrap()
            .filter
            .is_some());
    }

    #[test]
    fn refused() {
        let other_order = ListOptions::default().next_query(Position {
            key: Vec::new(),
            id: "a".into(),
        });
        for (query, target) in [
            ("$top=-1", Target::Collection),
            ("$top=x", Target::Collection),
            ("$skip=-2", Target::Collection),
            ("$count=yes", Target::Collection),
            ("$skiptoken=!!", Target::Collection),
            ("$skiptoken=YQ", Target::Collection),
            ("$top=1&$top=2", Target::Collection),
            ("$filter=id%20eq", Target::Collection),
            ("$orderby=nope", Target::Collection),
            ("$select=nope", Target::Collection),
            ("$select=keys/kid", Target::Collection),
            ("$top=1", Target::Other),
            ("$top=1", Target::Count),
            ("$select=id", Target::Other),
            ("$filter=true", Target::Other),
            (
                &format!("$orderby=id%20desc&{other_order}"),
                Target::Collection,
            ),
        ] {
            assert_eq!(
                parse(Some(query), target).unwrap_err().status(),
                400,
                "{query}"
            );
        }
    }
}
