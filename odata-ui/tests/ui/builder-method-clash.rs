use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Job {
    pub name: Option<String>,
    pub build: Option<i64>,
}

fn main() {}
