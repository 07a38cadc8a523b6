//! Raw identifier fields (`r#type`, `r#use`, `r#loop`) and renames to Rust keywords: OData
//! names are the field names without `r#`, builder methods keep the raw identifiers.

use odata_core::{ODataEntity, StructuredType};

#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.raw", complex)]
pub struct Token {
    pub r#type: Option<String>,
    pub r#use: String,
    pub r#loop: Vec<i64>,
    #[odata(each = "r#match")]
    pub r#matches: Option<Vec<String>>,
    #[odata(rename = "fn")]
    pub function: Option<String>,
    #[odata(rename = "self")]
    pub itself: Option<bool>,
    #[odata(rename = "async")]
    pub is_async: Option<bool>,
}

fn main() {
    let token = Token::builder("sig")
        .r#type("jwt")
        .push_loop(1)
        .r#match("a")
        .function("f")
        .itself(true)
        .is_async(false)
        .build();
    assert_eq!(token.r#use, "sig");
    let json = odata_core::json::to_string(&token).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.raw.token","type":"jwt","use":"sig","loop":[1],"matches":["a"],"fn":"f","self":true,"async":false}"##
    );
    let back: Token = odata_core::json::from_str(&json).unwrap();
    assert_eq!(back, token);

    let names: Vec<_> = Token::TYPE.properties.iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        ["type", "use", "loop", "matches", "fn", "self", "async"]
    );
    let rust_names: Vec<_> = Token::TYPE.properties.iter().map(|p| p.rust_name).collect();
    assert_eq!(
        rust_names,
        ["type", "use", "loop", "matches", "function", "itself", "is_async"]
    );
}
