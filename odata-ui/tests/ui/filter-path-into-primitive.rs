//! A path into a string property, which has no properties.
use odata_core::graph::TrustFrameworkKey;
use odata_core::request::{HasFields, Typed};

fn main() {
    let f = TrustFrameworkKey::fields::<Typed>();
    let _ = f.kid.at(|k| k.kid);
}
