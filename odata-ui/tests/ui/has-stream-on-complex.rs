use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, has_stream)]
pub struct Thumbnail {
    pub width: Option<i32>,
}

fn main() {}
