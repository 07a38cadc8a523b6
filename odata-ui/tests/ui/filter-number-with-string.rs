//! An Int64 property (inside a lambda over complex items) compared with a string.
use odata_core::graph::GraphService;
use odata_core::request::Service;

fn main() {
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let _ = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .filter_expr(|f| f.keys.any(|k| k.exp.gt("1700000000")))
        .build();
}
