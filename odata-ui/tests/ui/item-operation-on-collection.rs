use odata_core::graph::GraphService;
use odata_core::request::Service;

fn main() {
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    // A collection offers list and create; delete belongs to one entity.
    let _ = service.root::<GraphService>().trust_framework().key_sets().delete();
}
