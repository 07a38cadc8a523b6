use odata_core::ODataEntity;

#[derive(ODataEntity, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso", complex)]
pub struct RangeAddress {
    pub address: String,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
#[odata(function(name = "range", returns = String))]
#[odata(function(name = "range", method = "range", parameters = RangeAddress, returns = String))]
pub struct Sheet {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
