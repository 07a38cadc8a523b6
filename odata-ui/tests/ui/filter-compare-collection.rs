//! A collection property compared with a value.
use odata_core::graph::GraphService;
use odata_core::request::Service;

fn main() {
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let _ = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .filter_expr(|f| f.keys.eq("x"))
        .build();
}
