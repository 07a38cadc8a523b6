//! The metadata document (`GET {root}/$metadata`) and the service document (`GET {root}/`),
//! both written once at start from odata-core's static model of [`GraphService`].
//!
//! | request | answer |
//! |---|---|
//! | `GET {root}/$metadata` | 200, CSDL XML, `application/xml` |
//! | `GET {root}/$metadata?$format=json` (or `application/json`), or `Accept: application/json` | 200, CSDL JSON, `application/json` |
//! | `GET {root}/` or `GET {root}` | 200, the service document: `@odata.context` and one entry per entity set and singleton (`name`, `kind`, `url`) |
//!
//! `$format` wins over `Accept`; in `Accept`, JSON is chosen when it has a higher `q` than XML
//! (the most specific matching range counts: `application/json` before `application/*` before
//! `*/*`), else XML. A `$format` other than JSON (or XML, for `$metadata`) and any other system
//! query option are a 400; another method is a 405. Both documents describe the model, not
//! data, so they are served without a token, as Graph serves its `$metadata`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use odata_core::csdl::Document;
use odata_core::graph::GraphService;
use odata_core::model::{ContainerInfo, ContainerMemberKind};
use odata_core::request::EntityContainer;
use percent_encoding::percent_decode_str;
use serde::Serialize;

use crate::error::{ApiError, RequestIds, JSON};
use crate::route::BASE_PATH;

const ODATA_VERSION: HeaderName = HeaderName::from_static("odata-version");

/// The documents, written once.
struct Documents {
    xml: String,
    json: String,
    service: Vec<u8>,
}

/// The routes of the two documents, for `base_url` (`http://127.0.0.1:{port}/v1.0`).
pub(crate) fn router(base_url: &str) -> std::io::Result<Router> {
    let container = GraphService::CONTAINER;
    let doc = Document::for_container(container).map_err(std::io::Error::other)?;
    let service_doc = service_document(base_url, container).map_err(std::io::Error::other)?;
    let documents = Arc::new(Documents {
        xml: doc.to_xml(),
        json: doc.to_json(),
        service: service_doc,
    });
    Ok(Router::new()
        .route(&format!("{BASE_PATH}/$metadata"), any(metadata))
        .route(&format!("{BASE_PATH}/"), any(service))
        .route(BASE_PATH, any(service))
        .with_state(documents))
}

#[derive(Serialize)]
struct ServiceDocument<'a> {
    #[serde(rename = "@odata.context")]
    context: String,
    value: Vec<ServiceEntry<'a>>,
}

#[derive(Serialize)]
struct ServiceEntry<'a> {
    name: &'a str,
    kind: &'a str,
    url: &'a str,
}

fn service_document(
    base_url: &str,
    container: &'static ContainerInfo,
) -> serde_json::Result<Vec<u8>> {
    let value = container
        .members
        .iter()
        .map(|member| ServiceEntry {
            name: member.name,
            kind: match member.kind {
                ContainerMemberKind::EntitySet => "EntitySet",
                ContainerMemberKind::Singleton => "Singleton",
            },
            url: member.name,
        })
        .collect();
    serde_json::to_vec(&ServiceDocument {
        context: format!("{base_url}/$metadata"),
        value,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Xml,
    Json,
}

async fn metadata(State(docs): State<Arc<Documents>>, request: Request) -> Response {
    answer(&request, |request| {
        check_method(request.method())?;
        let format = match format_option(request.uri().query())? {
            Some(format) => format,
            None => negotiate(request.headers()),
        };
        Ok(match format {
            Format::Xml => ok("application/xml", docs.xml.clone().into_bytes()),
            Format::Json => ok("application/json", docs.json.clone().into_bytes()),
        })
    })
}

async fn service(State(docs): State<Arc<Documents>>, request: Request) -> Response {
    answer(&request, |request| {
        check_method(request.method())?;
        match format_option(request.uri().query())? {
            None | Some(Format::Json) => Ok(ok(JSON, docs.service.clone())),
            Some(Format::Xml) => Err(ApiError::bad_request(
                "The service document is served as JSON only ($format=json).",
            )),
        }
    })
}

/// Runs `handle` and stamps the response as the service's other answers are: `request-id`,
/// `client-request-id` when sent, `OData-Version`.
fn answer(
    request: &Request,
    handle: impl FnOnce(&Request) -> Result<Response, ApiError>,
) -> Response {
    let ids = RequestIds::new(request.headers());
    let mut response = handle(request).unwrap_or_else(|error| error.into_response(&ids));
    ids.stamp(response.headers_mut());
    response
        .headers_mut()
        .insert(ODATA_VERSION, HeaderValue::from_static("4.0"));
    response
}

fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
    (StatusCode::OK, [(CONTENT_TYPE, content_type)], body).into_response()
}

fn check_method(method: &Method) -> Result<(), ApiError> {
    if method == Method::GET {
        Ok(())
    } else {
        Err(ApiError::method_not_allowed(method, "GET"))
    }
}

/// The `$format` option, if given; other system query options are refused, custom ones
/// ignored.
fn format_option(query: Option<&str>) -> Result<Option<Format>, ApiError> {
    let mut format = None;
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| {
            percent_decode_str(text)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| ApiError::bad_request("The query is not valid UTF-8 once decoded."))
        };
        let name = decode(name)?;
        if name == "$format" {
            if format.is_some() {
                return Err(ApiError::bad_request(
                    "The query option $format is repeated.",
                ));
            }
            let value = decode(value)?;
            let essence = value.split(';').next().unwrap_or_default().trim();
            format = Some(match essence.to_ascii_lowercase().as_str() {
                "json" | "application/json" => Format::Json,
                "xml" | "application/xml" => Format::Xml,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "The $format '{value}' is not supported: use json or xml."
                    )))
                }
            });
        } else if name.starts_with('$') {
            return Err(ApiError::bad_request(format!(
                "The query option {name} is not supported here."
            )));
        }
    }
    Ok(format)
}

/// JSON when `Accept` ranks `application/json` above `application/xml`, else XML.
fn negotiate(headers: &HeaderMap) -> Format {
    let ranges: Vec<(String, f32)> = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
                .map_or(Some(1.0), |(_, q)| q.trim().parse::<f32>().ok())?;
            Some((media, q))
        })
        .collect();
    if ranges.is_empty() {
        return Format::Xml;
    }
    let quality = |subtype: &str| {
        let exact = format!("application/{subtype}");
        [exact.as_str(), "application/*", "*/*"]
            .iter()
            .find_map(|want| ranges.iter().find(|(media, _)| media == want))
            .map_or(0.0, |(_, q)| *q)
    };
    if quality("json") > quality("xml") {
        Format::Json
    } else {
        Format::Xml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Format {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        negotiate(&headers)
    }

    #[test]
    fn accept_picks_the_better_ranked_format() {
        assert_eq!(negotiate(&HeaderMap::new()), Format::Xml);
        assert_eq!(accept("application/json"), Format::Json);
        assert_eq!(
            accept("application/json;odata.metadata=minimal"),
            Format::Json
        );
        assert_eq!(accept("application/xml"), Format::Xml);
        assert_eq!(accept("*/*"), Format::Xml);
        assert_eq!(
            accept("application/xml;q=0.5, application/json"),
            Format::Json
        );
        assert_eq!(
            accept("application/json;q=0.5, application/xml"),
            Format::Xml
        );
        assert_eq!(accept("application/json;q=0.9, */*;q=0.1"), Format::Json);
        assert_eq!(accept("text/html"), Format::Xml);
    }

    #[test]
    fn format_option() {
        assert_eq!(super::format_option(None).unwrap(), None);
        assert_eq!(
            super::format_option(Some("$format=json")).unwrap(),
            Some(Format::Json)
        );
        assert_eq!(
            super::format_option(Some("%24format=application%2Fjson%3Bodata.metadata%3Dfull"))
                .unwrap(),
            Some(Format::Json)
        );
        assert_eq!(
            super::format_option(Some("x=1&$format=XML")).unwrap(),
            Some(Format::Xml)
        );
        for bad in [
            "$format=atom",
            "$format=json&$format=xml",
            "$top=1",
            "$format=%FF",
        ] {
            assert_eq!(
                super::format_option(Some(bad)).unwrap_err().status(),
                400,
                "{bad}"
            );
        }
    }
}
