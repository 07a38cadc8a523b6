//! The generator on a small CSDL document (`tests/fixtures/contoso.xml`, and the same model in
//! CSDL JSON): the generated source, the counts and the skips.

use odata_codegen::{Config, ModuleLayout, SkipKind};

const XML: &str = include_str!("fixtures/contoso.xml");
const JSON: &str = include_str!("fixtures/contoso.json");

fn generate(csdl: &str) -> odata_codegen::Generated {
    Config::new()
        .generate(csdl)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn xml_and_json_generate_the_same_source() {
    assert_eq!(generate(XML).code, generate(JSON).code);
}

#[test]
fn entity_with_base_key_open_keywords_and_renames() {
    let code = generate(XML).code;
    let product = r#"        #[derive(::odata_core::ODataEntity, Clone, Debug, Default, PartialEq)]
        #[odata(namespace = "contoso.shop", open)]
        #[odata(action(name = "applyDiscount", parameters = ProductApplyDiscountParameters, returns = Product, nullable_binding, nullable_return))]
        #[odata(function(name = "stockLevel", returns = i64, binding_parameter = "this"))]
        #[odata(function(name = "priceHistory", returns = Vec<::rust_decimal::Decimal>, nullable_binding, nullable_return))]
        #[odata(delta(nullable_binding, nullable_return))]
        pub struct Product {
            #[odata(base)]
            pub entity: Entity,
            #[odata(nullable = false)]
            pub display_name: Option<String>,
            pub r#type: Option<String>,
            pub self_: Option<String>,
            #[odata(rename = "SKU")]
            pub sku: Option<String>,
            pub price: Option<::rust_decimal::Decimal>,
            pub released: Option<::time::OffsetDateTime>,
            pub color: Option<Color>,
            pub access: Option<::odata_core::Flags<Access>>,
            pub tags: Option<Vec<String>>,
            pub dimensions: Option<AnyShape>,
            pub extra: Option<String>,
            #[odata(rename = "build")]
            pub build_value: Option<i32>,
            #[odata(navigation)]
            pub related: Option<Vec<Product>>,
            #[odata(navigation, contains_target)]
            pub parts: Option<Vec<Part>>,
            #[odata(navigation)]
            pub featured_part: Option<Box<Part>>,
            /// Members the model does not declare, kept as they came.
            #[odata(extra)]
            pub extra_2: ::odata_core::Extra,
        }
"#;
    assert!(code.contains(product), "{code}");
    assert!(code.contains(
        "        #[odata(namespace = \"contoso.shop\", abstract)]\n        pub struct Entity {\n            #[odata(key, nullable = false)]\n            pub id: Option<String>,"
    ));
    assert!(code
        .contains("#[odata(namespace = \"contoso.shop\", has_stream)]\n        #[odata(action(name = \"archive\"))]\n        pub struct Part {"));
}

#[test]
fn recursion_is_boxed_and_subtypes_make_a_polymorphic_enum() {
    let generated = generate(XML);
    let code = &generated.code;
    // shape.inner holds a shape of any kind, which may hold itself: boxed.
    assert!(code.contains("            pub inner: Option<Box<AnyShape>>,"));
    // part.parent is a part (a navigation property, held by value when expanded): boxed.
    assert!(code.contains("            pub parent: Option<Box<Part>>,"));
    // product.featuredPart is not recursive, but single-valued navigation is boxed all the
    // same: an expanded entity held inline would make a product as large as a part.
    assert!(code.contains("            pub featured_part: Option<Box<Part>>,"));
    assert!(code.contains(
        "        pub enum AnyShape {\n            Circle(Circle),\n            Square(Square),\n            /// The declared type, and subtypes this model does not know.\n            #[odata(base)]\n            Shape(Shape),\n        }"
    ));
    // entity has subtypes but no property uses it: AnyEntity is for the registry, which reads
    // a value of a type as any of its subtypes.
    assert!(code.contains(
        "        pub enum AnyEntity {\n            Product(Product),\n            Part(Part),\n            ContosoWarehouseProduct(super::warehouse::Product),\n"
    ));
    assert_eq!(generated.report.polymorphic_enums, 2);
    assert_eq!(generated.report.boxed_properties, 3);
}

#[test]
fn enums_are_evolvable_and_flags_carry_values() {
    let code = generate(XML).code;
    assert!(code.contains("        #[odata(namespace = \"contoso.shop\")]\n        pub enum Color {\n            Red,\n            Green,\n            UnknownFutureValue,\n            /// A member this model does not know, kept by name.\n            #[odata(other)]\n            Other(String),\n        }"));
    assert!(code.contains("        #[odata(namespace = \"contoso.shop\", flags)]\n        pub enum Access {\n            #[odata(value = 0)]\n            None,\n            #[odata(value = 1)]\n            Read,"));
}

#[test]
fn action_parameters_are_a_derived_complex_type() {
    let code = generate(XML).code;
    assert!(code.contains(
        r#"        /// The parameters of the action `contoso.shop.applyDiscount` bound to `contoso.shop.product`.
        #[derive(::odata_core::ODataEntity, Clone, Debug, PartialEq)]
        #[odata(namespace = "contoso.shop", complex)]
        pub struct ProductApplyDiscountParameters {
            /// `discount`.
            pub discount: Discount,
            /// `until`.
            pub until: Option<::time::OffsetDateTime>,
        }"#
    ), "{code}");
}

#[test]
fn namespaces_are_modules_and_types_named_alike_do_not_collide() {
    let code = generate(XML).code;
    assert!(code.contains("    pub mod shop {"));
    assert!(code.contains("    pub mod warehouse {"));
    // warehouse.product and shop.product are both `Product`, one per module; references
    // between modules are relative.
    assert!(code.contains(
        "        pub struct Product {\n            #[odata(base)]\n            pub entity: super::shop::Entity,\n            pub bin: Option<String>,\n            pub item: Option<super::shop::Product>,"
    ));
    let flat = Config::new()
        .module_layout(ModuleLayout::Flat)
        .generate(XML)
        .unwrap()
        .code;
    assert!(
        flat.contains("pub mod contoso_shop {") && flat.contains("pub mod contoso_warehouse {")
    );
    assert!(flat.contains("pub entity: super::contoso_shop::Entity,"));
    let custom = Config::new()
        .module("contoso.shop", "")
        .module("contoso.warehouse", "wh")
        .generate(XML)
        .unwrap()
        .code;
    assert!(custom.contains("pub mod wh {") && custom.contains("pub entity: super::Entity,"));
}

#[test]
fn the_container_lists_sets_and_singletons() {
    let generated = generate(XML);
    assert!(generated.code.contains(
        "        #[odata(namespace = \"contoso.shop\", container, name = \"ShopService\")]\n        pub struct ShopService {\n            #[odata(binding(path = \"related\", target = \"products\"))]\n            pub products: Vec<Product>,\n            pub featured: Product,\n        }"
    ));
    assert_eq!(
        (generated.report.entity_sets, generated.report.singletons),
        (1, 1)
    );
    // A binding through a property the type does not have, or to a set the container does
    // not have, is a counted skip with its reason.
    assert_eq!(generated.report.navigation_bindings, 1);
    assert_eq!(
        generated.report.reasons(SkipKind::NavigationBinding),
        [
            (
                "its first property `missing` is not generated on `contoso.shop.product`"
                    .to_string(),
                1
            ),
            (
                "its target `nowhere` is not a generated member of the container".to_string(),
                1
            ),
        ]
    );
}

#[test]
fn what_cannot_be_generated_is_a_counted_skip_with_its_reason() {
    let report = generate(XML).report;
    assert_eq!(report.structured_types, 9);
    assert_eq!(report.enum_types, 2);
    assert_eq!(report.bound_operations, 4);
    assert_eq!(report.skipped(SkipKind::Type), 0);
    assert_eq!(report.skipped(SkipKind::BoundOperation), 1);
    assert_eq!(report.delta_functions, 1);
    assert_eq!(report.skipped(SkipKind::UnboundOperation), 1);
    let reasons = report.reasons(SkipKind::BoundOperation);
    assert_eq!(
        reasons,
        [(
            "a second action `archive` bound to one type: CSDL overloads actions by binding type only (OData CSDL 4.01, 12.2), so the document is invalid; the one with the fewest parameters is generated".to_string(),
            1
        ),]
    );
    // The skips are in the generated documentation too.
    let code = generate(XML).code;
    assert!(code.contains("//!   - `contoso.shop.ShopService/featured/related`: its target `nowhere` is not a generated member of the container"));
    // A composite key is generated: both key fields.
    assert!(code.contains(
        "pub struct Pallet {\n            #[odata(key, nullable = false)]\n            pub row: Option<String>,\n            #[odata(key, nullable = false)]\n            pub slot: Option<String>,"
    ), "{code}");
}

#[test]
fn a_runtime_path_and_a_type_selection() {
    let generated = Config::new()
        .runtime_crate("::sdk::odata")
        .types(["contoso.warehouse.product"])
        .generate(XML)
        .unwrap();
    let code = &generated.code;
    assert!(code.contains("#[derive(::sdk::odata::ODataEntity, Clone, Debug, Default, PartialEq)]"));
    assert!(code.contains("#[odata(namespace = \"contoso.warehouse\", crate = \"::sdk::odata\")]"));
    // warehouse.product needs shop.product (a property) and shop.entity (the base), and what
    // they need; part is only reached by navigation: left out, and the navigations skipped.
    assert!(!code.contains("pub struct Part {"));
    assert_eq!(generated.report.skipped(SkipKind::Navigation), 2);
    assert!(Config::new()
        .types(["contoso.nothing"])
        .generate(XML)
        .is_err());
    assert!(Config::new()
        .namespaces(["contoso.nothing"])
        .generate(XML)
        .is_err());
}

#[test]
fn malformed_documents_are_clear_errors() {
    let err = odata_codegen::parse("<Edmx/>").unwrap_err().to_string();
    assert!(err.contains("no <Schema>"), "{err}");
    let err = odata_codegen::parse(
        r#"<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityType/></Schema>"#,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "CSDL XML: <EntityType> at line 1 has no `Name` attribute"
    );
    let err = odata_codegen::parse("{\"ns\": {\"t\": {\"$Kind\": \"Bogus\"}}}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown $Kind"), "{err}");
}

#[test]
fn the_plain_serde_mode_emits_the_same_types_with_serde_derives() {
    let code = Config::new()
        .emit_plain_serde(true)
        .generate(XML)
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    // No derive of ours, no model, no container: only serde's and the configured derives.
    assert!(
        !code.contains("ODataEntity") && !code.contains("ODataEnum"),
        "{code}"
    );
    assert!(!code.contains("#[odata("));
    assert!(!code.contains("pub struct Contoso"));
    assert!(code.contains(
        r#"        #[derive(::serde::Serialize, ::serde::Deserialize, Clone, Debug, Default, PartialEq)]
        pub struct Product {
            #[serde(flatten)]
            pub entity: Entity,
            #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
            pub display_name: Option<String>,
            #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
            pub r#type: Option<String>,"#
    ));
    // Primitives whose serde form is not OData's are wrapped; a flags enum is its string.
    assert!(code.contains(
        "            pub released: Option<::odata_core::edm::Edm<::time::OffsetDateTime>>,\n"
    ));
    assert!(code.contains("            pub access: Option<String>,\n"));
    assert!(code.contains("            pub inner: Option<Box<AnyShape>>,\n"));
    assert!(code.contains(
        r##"        #[serde(tag = "@odata.type")]
        pub enum AnyShape {
            #[serde(rename = "#contoso.shop.circle")]
            Circle(Circle),
            #[serde(rename = "#contoso.shop.square")]
            Square(Square),
            /// The declared type, and subtypes this model does not know.
            #[serde(untagged)]
            Shape(Shape),
        }"##
    ));
    assert!(code.contains("            #[serde(rename = \"unknownFutureValue\")]\n            UnknownFutureValue,\n            /// A member this model does not know, kept by name.\n            #[serde(untagged)]\n            Other(String),\n        }"));
    // Operations are navigation: not emitted; their parameter structs are, as the same
    // structs with serde derives (the build comparison counts the same structs on both sides).
    assert!(!code.contains("action("));
    assert!(
        code.contains(
            r#"        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct ProductApplyDiscountParameters {
            /// `discount`.
            #[serde(rename = "discount")]
            pub discount: Discount,
            /// `until`.
            #[serde(rename = "until", default, skip_serializing_if = "Option::is_none")]
            pub until: Option<::odata_core::edm::Edm<::time::OffsetDateTime>>,"#
        ),
        "{code}"
    );
    // Nor is the delta function (plain types are not `EntityType`s).
    assert!(!code.contains("delta"));
}

/// `delta` bound to `Collection(shop.product)` and returning it (Graph's delta query) is the
/// derive's `delta` (the runtime's `DeltaFunction`, and the function in the model), with the
/// keys that differ from the defaults; not a `function(...)`.
#[test]
fn a_delta_function_bound_to_a_collection_becomes_the_delta_attribute() {
    let generated = generate(XML);
    let code = &generated.code;
    assert!(
        code.contains(
            "#[odata(delta(nullable_binding, nullable_return))]\n        pub struct Product {"
        ),
        "{code}"
    );
    assert_eq!(code.matches("odata(delta").count(), 1);
    assert!(!code.contains("DeltaFunction"));
    assert!(!code.contains("function(name = \"delta\""));
    assert_eq!(generated.report.delta_functions, 1);
}

/// A delta function with CSDL's defaults written as the derive's (binding parameter
/// `bindingParameter`, neither nullable) is a bare `delta`; one of another namespace names it.
#[test]
fn a_delta_function_with_the_defaults_is_a_bare_delta() {
    let csdl = r#"{"$Version":"4.01",
        "ns":{"log":{"$Kind":"EntityType","$Key":["id"],"id":{}},
              "event":{"$Kind":"EntityType","$Key":["id"],"id":{}},
              "delta":[{"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"bindingParameter","$Type":"ns.log","$Collection":true}],"$ReturnType":{"$Type":"ns.log","$Collection":true}}]},
        "ns.changes":{"delta":[{"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"this","$Type":"ns.event","$Collection":true}],"$ReturnType":{"$Type":"ns.event","$Collection":true}}]}
        }"#;
    let generated = Config::new().generate(csdl).unwrap();
    let code = &generated.code;
    assert!(
        code.contains("#[odata(namespace = \"ns\")]\n    #[odata(delta)]\n    pub struct Log {"),
        "{code}"
    );
    assert!(
        code.contains(r#"#[odata(delta(namespace = "ns.changes", binding_parameter = "this"))]"#),
        "{code}"
    );
    assert_eq!(generated.report.delta_functions, 2);
    assert_eq!(generated.report.bound_operations, 0);
}

#[test]
fn the_registry_lists_the_model_and_maps_names_to_types() {
    let code = generate(XML).code;
    let registry = &code[code.find("pub mod registry {").expect("a registry module")..];
    let registry = &registry[..registry.find("\n}\n").expect("its end")];
    // The static model: every structured type, enumeration type and container, once.
    let listed = |marker: &str| registry.matches(marker).count();
    assert_eq!(listed(" as ::odata_core::StructuredType>::TYPE,"), 9);
    assert_eq!(listed(" as ::odata_core::EnumType>::ENUM,"), 2);
    assert_eq!(
        listed("<super::contoso::shop::ShopService as ::odata_core::request::EntityContainer>::CONTAINER,"),
        1
    );
    // One arm per type: the polymorphic enum for a type with subtypes, Flags for flags enums.
    for arm in [
        "\"contoso.shop.entity\" => visitor.visit::<super::contoso::shop::AnyEntity>(),",
        "\"contoso.shop.shape\" => visitor.visit::<super::contoso::shop::AnyShape>(),",
        "\"contoso.shop.circle\" => visitor.visit::<super::contoso::shop::Circle>(),",
        "\"contoso.warehouse.product\" => visitor.visit::<super::contoso::warehouse::Product>(),",
        "\"contoso.shop.color\" => visitor.visit::<super::contoso::shop::Color>(),",
        "\"contoso.shop.access\" => visitor.visit::<::odata_core::Flags<super::contoso::shop::Access>>(),",
    ] {
        assert!(registry.contains(arm), "{arm}");
    }
    assert_eq!(registry.matches(" => visitor.visit::<").count(), 11);
    // The composite-keyed type has its arm too.
    assert!(registry.contains(
        "\"contoso.warehouse.pallet\" => visitor.visit::<super::contoso::warehouse::Pallet>(),"
    ));
}

#[test]
fn a_namespace_cannot_take_the_registry_module() {
    let csdl = r#"{"$Version":"4.01","registry":{"color":{"$Kind":"EnumType","red":0}}}"#;
    let err = Config::new().generate(csdl).unwrap_err().to_string();
    assert!(
        err.starts_with("namespace `registry` would be the module `registry`"),
        "{err}"
    );
    // Given another path, it generates.
    let code = Config::new()
        .module("registry", "model")
        .generate(csdl)
        .unwrap()
        .code;
    assert!(code.contains("\"registry.color\" => visitor.visit::<super::model::Color>(),"));
}

#[test]
fn an_action_and_a_function_of_one_name_keep_one_kind() {
    // Graph's `delta`: functions bound to entity types, and one action bound to another type.
    let csdl = r#"{"$Version":"4.01","ns":{
        "a":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "b":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "c":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "delta":[
            {"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.a"}],"$ReturnType":{"$Type":"ns.a"}},
            {"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.b"}],"$ReturnType":{"$Type":"ns.b"}},
            {"$Kind":"Action","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.c"}]}
        ]}}"#;
    let generated = Config::new().generate(csdl).unwrap();
    assert_eq!(
        generated
            .code
            .matches("#[odata(function(name = \"delta\", returns = ")
            .count(),
        2
    );
    assert!(!generated.code.contains("action(name = \"delta\""));
    let skip = &generated.report.skipped[0];
    assert_eq!(
        (skip.kind, skip.name.as_str()),
        (SkipKind::BoundOperation, "ns.delta(ns.c)")
    );
    assert!(
        skip.reason
            .starts_with("an action named like functions of the same namespace"),
        "{}",
        skip.reason
    );
}

#[test]
fn an_operation_named_like_a_type_is_a_counted_skip() {
    // Graph's function `image` bound to `workbookChart`, beside the complex type `image`.
    let csdl = r#"{"$Version":"4.01","ns":{
        "chart":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "image":{"$Kind":"ComplexType","url":{"$Nullable":true}},
        "image2":[{"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.chart"}],"$ReturnType":{}}]
        }}"#;
    let csdl_clash = csdl.replace("\"image2\"", "\"image\"");
    let ok = Config::new().generate(csdl).unwrap();
    assert_eq!(ok.report.bound_operations, 1);
    let clash = Config::new().generate(&csdl_clash).unwrap();
    assert_eq!(clash.report.bound_operations, 0);
    let skip = &clash.report.skipped[0];
    assert_eq!(
        (skip.kind, skip.name.as_str()),
        (SkipKind::BoundOperation, "ns.image(ns.chart)")
    );
    assert!(
        skip.reason.starts_with("named like the type `ns.image`"),
        "{}",
        skip.reason
    );
}

/// A document with overloads: `range` without and with a parameter, `report` with one
/// parameter of two names (neither keeps the plain name), and a navigation property named
/// like an overload's method.
fn overloads(functions: &[&str]) -> String {
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="sheet">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <NavigationProperty Name="rangeWithAddress" Type="ns.sheet"/>
      </EntityType>
      {}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#,
        functions.concat()
    )
}

const RANGE: &str = r#"<Function Name="range" IsBound="true"><Parameter Name="this" Type="ns.sheet"/><ReturnType Type="Edm.String"/></Function>"#;
const RANGE_ADDRESS: &str = r#"<Function Name="range" IsBound="true"><Parameter Name="this" Type="ns.sheet"/><Parameter Name="address" Type="Edm.String"/><ReturnType Type="Edm.String"/></Function>"#;
const CELL: &str = r#"<Function Name="range" IsBound="true"><Parameter Name="this" Type="ns.sheet"/><Parameter Name="row" Type="Edm.Int32"/><Parameter Name="columnIndex" Type="Edm.Int32"/><ReturnType Type="Edm.String"/></Function>"#;
const REPORT_PERIOD: &str = r#"<Function Name="getReport" IsBound="true"><Parameter Name="this" Type="ns.sheet"/><Parameter Name="period" Type="Edm.String"/><ReturnType Type="Edm.String"/></Function>"#;
const REPORT_DATE: &str = r#"<Function Name="getReport" IsBound="true"><Parameter Name="this" Type="ns.sheet"/><Parameter Name="date" Type="Edm.Date"/><ReturnType Type="Edm.String"/></Function>"#;

#[test]
fn overloads_each_get_a_method_named_after_their_parameters() {
    let generated = generate(&overloads(&[
        RANGE_ADDRESS,
        REPORT_PERIOD,
        CELL,
        RANGE,
        REPORT_DATE,
    ]));
    let reversed = generate(&overloads(&[
        REPORT_DATE,
        RANGE,
        CELL,
        REPORT_PERIOD,
        RANGE_ADDRESS,
    ]));
    // The names do not depend on the document's order (the attributes keep it).
    for code in [&generated.code, &reversed.code] {
        for attr in [
            r#"function(name = "range", returns = String, binding_parameter = "this", nullable_binding, nullable_return)"#,
            // `range_with_address` is the navigation property's method: the next is taken.
            r#"function(name = "range", method = "range_with_address_2", parameters = SheetRangeWithAddress2Parameters, returns = String, binding_parameter = "this", nullable_binding, nullable_return)"#,
            r#"function(name = "range", method = "range_with_row_and_column_index", parameters = SheetRangeWithRowAndColumnIndexParameters, returns = String, binding_parameter = "this", nullable_binding, nullable_return)"#,
            r#"function(name = "getReport", method = "get_report_with_date", parameters = SheetGetReportWithDateParameters, returns = String, binding_parameter = "this", nullable_binding, nullable_return)"#,
            r#"function(name = "getReport", method = "get_report_with_period", parameters = SheetGetReportWithPeriodParameters, returns = String, binding_parameter = "this", nullable_binding, nullable_return)"#,
        ] {
            assert!(code.contains(attr), "{attr} in {code}");
        }
    }
    assert_eq!(generated.report.bound_operations, 5);
    assert_eq!(generated.report.overload_methods, 4);
    assert_eq!(generated.report.skipped(SkipKind::BoundOperation), 0);
}

#[test]
fn a_collection_operation_named_like_a_collection_method_gets_its_kind_appended() {
    // Graph's `create` on `Collection(printer)` and `delta` on `Collection(listItem)` (not a
    // delta query: it returns another type).
    let csdl = r#"{"$Version":"4.01","ns":{
        "printer":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "item":{"$Kind":"EntityType","$Key":["id"],"id":{}},
        "create":[{"$Kind":"Action","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.printer","$Collection":true}]}],
        "delta":[{"$Kind":"Function","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.item","$Collection":true},{"$Name":"token","$Nullable":true}],"$ReturnType":{"$Type":"ns.printer","$Collection":true}}]
        }}"#;
    let generated = Config::new().generate(csdl).unwrap();
    assert_eq!(generated.report.bound_operations, 2);
    assert_eq!(generated.report.skipped(SkipKind::BoundOperation), 0);
    let code = &generated.code;
    assert!(
        code.contains(r#"#[odata(action(name = "create", method = "create_action", collection, binding_parameter = "p"))]"#),
        "{code}"
    );
    assert!(code.contains(r#"#[odata(function(name = "delta", method = "delta_function", collection, parameters = ItemDeltaFunctionParameters, returns = Vec<Printer>, binding_parameter = "p"))]"#), "{code}");
}

#[test]
fn an_operation_of_another_namespace_names_it() {
    // Graph's `microsoft.graph.security.runHuntingQuery`, bound to `microsoft.graph.security`.
    let csdl = r#"{"$Version":"4.01",
        "ns":{"security":{"$Kind":"EntityType","$Key":["id"],"id":{}}},
        "ns.sec":{"runQuery":[{"$Kind":"Action","$IsBound":true,"$Parameter":[{"$Name":"p","$Type":"ns.security"}]}]}
        }"#;
    let generated = Config::new().generate(csdl).unwrap();
    assert_eq!(generated.report.bound_operations, 1);
    assert!(
        generated.code.contains(
            r#"#[odata(action(name = "runQuery", namespace = "ns.sec", binding_parameter = "p"))]"#
        ),
        "{}",
        generated.code
    );
}
