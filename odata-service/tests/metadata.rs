//! `GET {root}/$metadata` (CSDL XML, or CSDL JSON by `$format` or `Accept`) and the service
//! document `GET {root}/`, over loopback HTTP.

mod common;

use common::{assert_graph_error, request, Client};
use odata_core::csdl::Document;
use odata_core::graph::GraphService;
use odata_core::request::EntityContainer;
use odata_service::KeySetService;

fn get(client: &Client, url: &str, accept: Option<&str>) -> http::Response<Vec<u8>> {
    let mut builder = http::Request::builder().method("GET").uri(url);
    if let Some(accept) = accept {
        builder = builder.header("accept", accept);
    }
    client.raw(builder.body(Vec::new()).unwrap())
}

fn header<'a>(response: &'a http::Response<Vec<u8>>, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

fn text(response: &http::Response<Vec<u8>>) -> &str {
    std::str::from_utf8(response.body()).unwrap()
}

#[test]
fn metadata_is_csdl_xml_by_default_and_json_on_request() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let doc = Document::for_container(GraphService::CONTAINER).unwrap();
    let url = format!("{}/$metadata", running.base_url());

    for accept in [
        None,
        Some("application/xml"),
        Some("*/*"),
        Some("text/html"),
    ] {
        let response = get(&client, &url, accept);
        assert_eq!(response.status(), 200, "{accept:?}");
        assert_eq!(header(&response, "content-type"), "application/xml");
        assert_eq!(header(&response, "odata-version"), "4.0");
        assert_eq!(header(&response, "request-id").len(), 36);
        assert_eq!(text(&response), doc.to_xml(), "{accept:?}");
    }

    for (query, accept) in [
        ("?$format=json", None),
        ("?$format=application/json", None),
        (
            "?%24format=application%2Fjson%3Bodata.metadata%3Dminimal",
            None,
        ),
        ("?$format=json", Some("application/xml")),
        ("", Some("application/json")),
        ("", Some("application/xml;q=0.5, application/json;q=0.9")),
    ] {
        let response = get(&client, &format!("{url}{query}"), accept);
        assert_eq!(response.status(), 200, "{query} {accept:?}");
        assert_eq!(header(&response, "content-type"), "application/json");
        assert_eq!(text(&response), doc.to_json(), "{query} {accept:?}");
        let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(value["$EntityContainer"], "microsoft.graph.graphService");
    }

    // `$format` wins over `Accept`.
    let response = get(
        &client,
        &format!("{url}?$format=xml"),
        Some("application/json"),
    );
    assert_eq!(header(&response, "content-type"), "application/xml");
    assert_eq!(text(&response), doc.to_xml());
}

#[test]
fn the_service_document_lists_the_container() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let base = running.base_url();
    let expected = serde_json::json!({
        "@odata.context": format!("{base}/$metadata"),
        "value": [{"name": "trustFramework", "kind": "Singleton", "url": "trustFramework"}]
    });
    for url in [
        format!("{base}/"),
        base.to_owned(),
        format!("{base}/?$format=json"),
    ] {
        let response = get(&client, &url, None);
        assert_eq!(response.status(), 200, "{url}");
        assert!(header(&response, "content-type").starts_with("application/json"));
        assert_eq!(header(&response, "odata-version"), "4.0");
        let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(value, expected, "{url}");
        // `@odata.context` is written first.
        assert!(text(&response).starts_with(r#"{"@odata.context":"#));
    }
    // The listed singleton is where the key sets are.
    let response = get(&client, &format!("{base}/trustFramework/keySets"), None);
    assert_eq!(response.status(), 200);
}

#[test]
fn other_methods_and_options_are_graph_errors() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let base = running.base_url();
    for url in [format!("{base}/$metadata"), format!("{base}/")] {
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let response = client.raw(request(method, &url, Some(b"{}")));
            assert_graph_error(&response, 405, "MethodNotAllowed");
            assert_eq!(header(&response, "allow"), "GET");
        }
    }
    for url in [
        format!("{base}/$metadata?$format=atom"),
        format!("{base}/$metadata?$top=1"),
        format!("{base}/$metadata?$format=json&$format=xml"),
        format!("{base}/?$format=xml"),
        format!("{base}/?$filter=true"),
    ] {
        assert_graph_error(&get(&client, &url, None), 400, "BadRequest");
    }
    // A custom option is ignored; a path below $metadata is no resource.
    assert_eq!(
        get(&client, &format!("{base}/$metadata?x=1"), None).status(),
        200
    );
    assert_graph_error(
        &get(&client, &format!("{base}/$metadata/more"), None),
        404,
        "ResourceNotFound",
    );
}

#[test]
fn the_documents_need_no_token_while_data_does() {
    let running = KeySetService::builder()
        .token(Some("secret-token".into()))
        .build()
        .start()
        .unwrap();
    let client = Client::new(&running, "graph");
    let base = running.base_url();
    assert_eq!(
        get(&client, &format!("{base}/$metadata"), None).status(),
        200
    );
    assert_eq!(get(&client, &format!("{base}/"), None).status(), 200);
    assert_graph_error(
        &get(&client, &format!("{base}/trustFramework/keySets"), None),
        401,
        "InvalidAuthenticationToken",
    );
}
