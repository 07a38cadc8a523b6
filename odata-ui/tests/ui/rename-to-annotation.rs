use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(rename = "@odata.etag")]
    pub etag: Option<String>,
}

fn main() {}
