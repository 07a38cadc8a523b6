use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Rules {
    #[odata(each = "match")]
    pub matches: Vec<String>,
}

fn main() {}
