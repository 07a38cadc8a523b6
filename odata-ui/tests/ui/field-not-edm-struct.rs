use odata_core::ODataEntity;

pub struct Money {
    pub cents: i64,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Invoice {
    pub total: Option<Money>,
}

fn main() {}
