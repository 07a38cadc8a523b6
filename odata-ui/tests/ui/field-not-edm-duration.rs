use std::time::Duration;

use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Timer {
    pub remaining: Duration,
}

fn main() {}
