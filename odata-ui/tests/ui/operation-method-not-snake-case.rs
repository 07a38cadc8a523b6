use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
#[odata(action(name = "archive", method = "ArchiveNow"))]
pub struct Sheet {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
