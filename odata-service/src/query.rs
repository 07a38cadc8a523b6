//! Query options: `$top`, `$count` and `$skiptoken` on the collection; every other system
//! query option (`$`-prefixed) is refused, custom options are ignored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::error::ApiError;

/// The options of a collection request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ListOptions {
    /// `$top`: the page size asked for (capped by the service's page size).
    pub(crate) top: Option<usize>,
    /// `$count=true`: include `@odata.count`.
    pub(crate) count: bool,
    /// From `$skiptoken`: the page starts after the key set with this id.
    pub(crate) after: Option<String>,
}

/// The opaque `$skiptoken` for a page that starts after `id`: the id in base64url, so that it
/// needs no escaping in a URL.
pub(crate) fn skip_token(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

fn decode(raw: &str) -> Result<String, ApiError> {
    percent_decode_str(raw)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| ApiError::bad_request("The query string is not valid UTF-8 once decoded."))
}

/// Reads the query string; `list` tells whether the request is for the collection, the only
/// resource that takes system query options.
pub(crate) fn parse(query: Option<&str>, list: bool) -> Result<ListOptions, ApiError> {
    let mut options = ListOptions::default();
    let mut seen = Vec::new();
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
        match (name.as_str(), list) {
            ("$top", true) => options.top = Some(value.parse().map_err(|_| invalid())?),
            ("$count", true) => {
                options.count = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(invalid()),
                }
            }
            ("$skiptoken", true) => {
                let id = URL_SAFE_NO_PAD
                    .decode(&value)
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .ok_or_else(invalid)?;
                options.after = Some(id);
            }
            _ => {
                return Err(ApiError::bad_request(format!(
                    "The query option '{name}' is not supported on this resource."
                )))
            }
        }
        seen.push(name);
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_options() {
        let token = skip_token("B2C_1A_a/b");
        let query = format!("$top=2&%24count=true&x=1&$skiptoken={token}");
        assert_eq!(
            parse(Some(&query), true).unwrap(),
            ListOptions {
                top: Some(2),
                count: true,
                after: Some("B2C_1A_a/b".into())
            }
        );
        assert_eq!(parse(None, false).unwrap(), ListOptions::default());
        assert_eq!(
            parse(Some("custom=1"), false).unwrap(),
            ListOptions::default()
        );
    }

    #[test]
    fn refused() {
        for (query, list) in [
            ("$top=-1", true),
            ("$top=x", true),
            ("$count=yes", true),
            ("$skiptoken=!!", true),
            ("$top=1&$top=2", true),
            ("$filter=id%20eq%20'a'", true),
            ("$top=1", false),
            ("$select=id", false),
        ] {
            assert_eq!(
                parse(Some(query), list).unwrap_err().status(),
                400,
                "{query}"
            );
        }
    }
}
