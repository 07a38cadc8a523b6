use odata_core::graph::GraphService;
use odata_core::request::Service;

fn main() {
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    // `$top` is a collection option: a get does not offer it.
    let _ = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("x")
        .get()
        .top(5)
        .build();
}
