use odata_core::graph::Entity;
use odata_core::{Extra, ODataEntity};

#[derive(ODataEntity, Default)]
#[odata(namespace = "contoso")]
pub struct Animal {
    #[odata(base)]
    pub entity: Entity,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Default)]
#[odata(namespace = "contoso")]
pub struct Dog {
    #[odata(base)]
    pub animal: Animal,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", abstract)]
pub enum AnyAnimal {
    Dog(Dog),
    #[odata(base)]
    Animal(Animal),
}

fn main() {}
