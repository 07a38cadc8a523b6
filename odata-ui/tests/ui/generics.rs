use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Wrapper<T> {
    pub value: Option<T>,
}

fn main() {}
