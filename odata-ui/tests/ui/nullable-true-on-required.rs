use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Size {
    #[odata(nullable = true)]
    pub width: i32,
    #[odata(nullable = "no")]
    pub height: Option<i32>,
}

fn main() {}
