//! `POST /v1.0/$batch`: the JSON batch format (OData 4.01, as Microsoft Graph uses it).
//!
//! The batch is authorized as a whole and each request runs as if sent alone, with the batch's
//! `Authorization` header, in the order given (so a `dependsOn` always names a request that
//! ran before). A request whose dependency did not succeed is not run: it gets 424. Each
//! request's failure is its own response; only a malformed batch fails as a whole (400).

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::app::App;
use crate::error::{ApiError, RequestIds, JSON};
use crate::route::BASE_PATH;

/// The most requests a batch may hold (Graph's limit).
pub(crate) const MAX_REQUESTS: usize = 20;

/// Whether the raw request path names the batch endpoint.
pub(crate) fn is_batch(path: &str) -> bool {
    path.strip_prefix(BASE_PATH)
        .is_some_and(|rest| rest == "/$batch" || rest.eq_ignore_ascii_case("/%24batch"))
}

#[derive(Deserialize)]
struct BatchBody {
    requests: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Box<RawValue>>,
    #[serde(default, rename = "dependsOn")]
    depends_on: Vec<String>,
}

#[derive(Serialize)]
struct Answer {
    id: String,
    status: u16,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Box<RawValue>>,
}

#[derive(Serialize)]
struct Answers {
    responses: Vec<Answer>,
}

impl App {
    /// Answers `POST /$batch`.
    pub(crate) async fn batch(&self, request: Request) -> Result<Response, ApiError> {
        self.authorize(request.headers())?;
        if request.method() != Method::POST {
            return Err(ApiError::method_not_allowed(request.method(), "POST"));
        }
        let authorization = request.headers().get(AUTHORIZATION).cloned();
        let body = self.read_body(request).await?;
        let batch: BatchBody = serde_json::from_slice(&body).map_err(|e| {
            ApiError::bad_request(format!("The body is not a JSON batch request: {e}"))
        })?;
        check(&batch.requests)?;
        let mut statuses: BTreeMap<String, StatusCode> = BTreeMap::new();
        let mut answers = Vec::with_capacity(batch.requests.len());
        for item in batch.requests {
            let ids = RequestIds::new(&HeaderMap::new());
            let failed = item
                .depends_on
                .iter()
                .find(|d| statuses.get(*d).is_none_or(|s| !s.is_success()));
            let response = match failed {
                Some(dependency) => {
                    ApiError::failed_dependency(&item.id, dependency).into_response(&ids)
                }
                None => match self.sub_request(&item, authorization.as_ref()) {
                    Ok(sub) => match self.dispatch(sub).await {
                        Ok(response) => response,
                        Err(error) => error.into_response(&ids),
                    },
                    Err(error) => error.into_response(&ids),
                },
            };
            statuses.insert(item.id.clone(), response.status());
            answers.push(answer(item.id, response).await?);
        }
        let body = serde_json::to_vec(&Answers { responses: answers })
            .map_err(|e| ApiError::internal(format!("writing the batch response: {e}")))?;
        Ok((StatusCode::OK, [(CONTENT_TYPE, JSON)], body).into_response())
    }

    /// The request an item describes, as if sent alone.
    fn sub_request(
        &self,
        item: &Item,
        authorization: Option<&HeaderValue>,
    ) -> Result<Request, ApiError> {
        let method = Method::from_bytes(item.method.as_bytes()).map_err(|_| {
            ApiError::bad_request(format!("The method '{}' is not valid.", item.method))
        })?;
        let base = self.base_url();
        let path = if let Some(rest) = item.url.strip_prefix(base) {
            rest.to_owned()
        } else if item.url.contains("://") {
            return Err(ApiError::bad_request(format!(
                "The URL '{}' is not below this service's root '{base}'.",
                item.url
            )));
        } else if item.url.starts_with('/') {
            item.url.clone()
        } else {
            format!("/{}", item.url)
        };
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("{BASE_PATH}{path}"));
        let mut has_content_type = false;
        for (name, value) in &item.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                ApiError::bad_request(format!("The header name '{name}' is not valid."))
            })?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                ApiError::bad_request(format!("The value of the header '{name}' is not valid."))
            })?;
            has_content_type |= name == CONTENT_TYPE;
            builder = builder.header(name, value);
        }
        if let Some(authorization) = authorization {
            builder = builder.header(AUTHORIZATION, authorization.clone());
        }
        let body = match &item.body {
            Some(body) => {
                if !has_content_type {
                    builder = builder.header(CONTENT_TYPE, "application/json");
                }
                Body::from(body.get().to_owned())
            }
            None => Body::empty(),
        };
        builder
            .body(body)
            .map_err(|e| ApiError::bad_request(format!("The URL '{}' is not valid: {e}", item.url)))
    }
}

/// The whole batch must be well-formed: 1 to 20 requests, distinct non-empty ids, and each
/// `dependsOn` naming a request before it.
fn check(items: &[Item]) -> Result<(), ApiError> {
    if items.is_empty() {
        return Err(ApiError::bad_request("The batch holds no request."));
    }
    if items.len() > MAX_REQUESTS {
        return Err(ApiError::bad_request(format!(
            "A batch holds at most {MAX_REQUESTS} requests; this one holds {}.",
            items.len()
        )));
    }
    for (index, item) in items.iter().enumerate() {
        let before = &items[..index];
        if item.id.is_empty() {
            return Err(ApiError::bad_request(format!(
                "The request at index {index} has an empty id."
            )));
        }
        if before.iter().any(|other| other.id == item.id) {
            return Err(ApiError::bad_request(format!(
                "The id '{}' is used by more than one request.",
                item.id
            )));
        }
        if let Some(unknown) = item
            .depends_on
            .iter()
            .find(|d| !before.iter().any(|other| other.id == **d))
        {
            return Err(ApiError::bad_request(format!(
                "The request '{}' depends on '{unknown}', which is not a request before it.",
                item.id
            )));
        }
    }
    Ok(())
}

/// One response as a batch answer: status, headers, and the body as JSON.
async fn answer(id: String, response: Response) -> Result<Answer, ApiError> {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let headers = parts
        .headers
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| ApiError::internal(format!("reading a batch response: {e}")))?;
    let body = if bytes.is_empty() {
        None
    } else {
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| ApiError::internal("a batch response body is not UTF-8"))?;
        // Every body the service writes is JSON; anything else would travel as a JSON string.
        let raw = if serde_json::from_str::<&RawValue>(&text).is_ok() {
            RawValue::from_string(text)
        } else {
            serde_json::value::to_raw_value(&text)
        };
        Some(raw.map_err(|e| ApiError::internal(format!("a batch response body: {e}")))?)
    };
    Ok(Answer {
        id,
        status,
        headers,
        body,
    })
}
