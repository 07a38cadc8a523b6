//! `startswith` on a number.
use odata_core::graph::TrustFrameworkKey;
use odata_core::request::{HasFields, Typed};

fn main() {
    let f = TrustFrameworkKey::fields::<Typed>();
    let _ = f.nbf.starts_with("17");
}
