//! CSDL written from the static model: the exact XML and JSON documents of small models, the
//! keySets model, what is reached from where, determinism, and every typed error.

mod csdl_support;

use odata_core::csdl::{Document, Error};
use odata_core::graph::GraphService;
use odata_core::model::{EdmType, PropertyInfo, TypeInfo, TypeKind};
use odata_core::request::EntityContainer;
use odata_core::{EnumType, Extra, Flags, ODataEntity, ODataEnum, StructuredType};

mod small {
    use super::*;

    #[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
    #[odata(namespace = "test.small", underlying = "Int16", flags)]
    pub enum Perm {
        Read = 1,
        Write = 2,
    }

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.small", abstract)]
    pub struct Node {
        #[odata(key)]
        pub id: Option<String>,
    }

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.small", open, has_stream)]
    #[odata(function(name = "size", returns = i64))]
    #[odata(action(name = "touch"))]
    pub struct File {
        #[odata(base)]
        pub node: Node,
        pub perm: Option<Flags<Perm>>,
        #[odata(rename = "type")]
        pub kind: String,
        #[odata(navigation, contains_target)]
        pub versions: Option<Vec<File>>,
        #[odata(navigation, nullable = false)]
        pub parent: Option<Box<File>>,
        #[odata(extra)]
        pub extra: Extra,
    }

    #[allow(dead_code)] // read through the model only
    #[derive(ODataEntity)]
    #[odata(namespace = "test.small", container)]
    pub struct Drive {
        pub files: Vec<File>,
        pub root: File,
    }
}

/// Read by hand against the CSDL XML spec: enum type with its underlying type and flags,
/// abstract base with the key (written non-nullable), open media type, contained collection
/// navigation, non-nullable single navigation, a bound action without a result and a bound
/// function, the container.
const SMALL_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="test.small" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="perm" UnderlyingType="Edm.Int16" IsFlags="true">
        <Member Name="read" Value="1"/>
        <Member Name="write" Value="2"/>
      </EnumType>
      <EntityType Name="file" BaseType="test.small.node" OpenType="true" HasStream="true">
        <Property Name="perm" Type="test.small.perm"/>
        <Property Name="type" Type="Edm.String" Nullable="false"/>
        <NavigationProperty Name="versions" Type="Collection(test.small.file)" ContainsTarget="true"/>
        <NavigationProperty Name="parent" Type="test.small.file" Nullable="false"/>
      </EntityType>
      <EntityType Name="node" Abstract="true">
        <Key>
          <PropertyRef Name="id"/>
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <Action Name="touch" IsBound="true">
        <Parameter Name="bindingParameter" Type="test.small.file" Nullable="false"/>
      </Action>
      <Function Name="size" IsBound="true">
        <Parameter Name="bindingParameter" Type="test.small.file" Nullable="false"/>
        <ReturnType Type="Edm.Int64" Nullable="false"/>
      </Function>
      <EntityContainer Name="drive">
        <EntitySet Name="files" EntityType="test.small.file"/>
        <Singleton Name="root" Type="test.small.file"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// The same document in CSDL JSON, whose defaults differ from XML's: `$Nullable` is false
/// unless written, `$Type` is `Edm.String` unless written.
const SMALL_JSON: &str = r#"{
  "$Version": "4.0",
  "$EntityContainer": "test.small.drive",
  "test.small": {
    "perm": {
      "$Kind": "EnumType",
      "$UnderlyingType": "Edm.Int16",
      "$IsFlags": true,
      "read": 1,
      "write": 2
    },
    "file": {
      "$Kind": "EntityType",
      "$BaseType": "test.small.node",
      "$OpenType": true,
      "$HasStream": true,
      "perm": {
        "$Type": "test.small.perm",
        "$Nullable": true
      },
      "type": {},
      "versions": {
        "$Kind": "NavigationProperty",
        "$Collection": true,
        "$Type": "test.small.file",
        "$ContainsTarget": true
      },
      "parent": {
        "$Kind": "NavigationProperty",
        "$Type": "test.small.file"
      }
    },
    "node": {
      "$Kind": "EntityType",
      "$Abstract": true,
      "$Key": [
        "id"
      ],
      "id": {}
    },
    "touch": [
      {
        "$Kind": "Action",
        "$IsBound": true,
        "$Parameter": [
          {
            "$Name": "bindingParameter",
            "$Type": "test.small.file"
          }
        ]
      }
    ],
    "size": [
      {
        "$Kind": "Function",
        "$IsBound": true,
        "$Parameter": [
          {
            "$Name": "bindingParameter",
            "$Type": "test.small.file"
          }
        ],
        "$ReturnType": {
          "$Type": "Edm.Int64"
        }
      }
    ],
    "drive": {
      "$Kind": "EntityContainer",
      "files": {
        "$Collection": true,
        "$Type": "test.small.file"
      },
      "root": {
        "$Type": "test.small.file"
      }
    }
  }
}
"#;

/// The keySets model of `odata_core::graph`, served by odata-service as `$metadata`.
const KEYSETS_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="trustFrameworkKey">
        <Property Name="d" Type="Edm.String"/>
        <Property Name="dp" Type="Edm.String"/>
        <Property Name="dq" Type="Edm.String"/>
        <Property Name="e" Type="Edm.String"/>
        <Property Name="exp" Type="Edm.Int64"/>
        <Property Name="k" Type="Edm.String"/>
        <Property Name="kid" Type="Edm.String"/>
        <Property Name="kty" Type="Edm.String"/>
        <Property Name="n" Type="Edm.String"/>
        <Property Name="nbf" Type="Edm.Int64"/>
        <Property Name="p" Type="Edm.String"/>
        <Property Name="q" Type="Edm.String"/>
        <Property Name="qi" Type="Edm.String"/>
        <Property Name="use" Type="Edm.String"/>
        <Property Name="x5c" Type="Collection(Edm.String)"/>
        <Property Name="x5t" Type="Edm.String"/>
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id"/>
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <EntityType Name="trustFramework" BaseType="microsoft.graph.entity">
        <NavigationProperty Name="keySets" Type="Collection(microsoft.graph.trustFrameworkKeySet)" ContainsTarget="true"/>
      </EntityType>
      <EntityType Name="trustFrameworkKeySet" BaseType="microsoft.graph.entity">
        <Property Name="keys" Type="Collection(microsoft.graph.trustFrameworkKey)"/>
      </EntityType>
      <Action Name="generateKey" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.trustFrameworkKeySet" Nullable="false"/>
        <ReturnType Type="microsoft.graph.trustFrameworkKey" Nullable="false"/>
      </Action>
      <Action Name="uploadCertificate" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.trustFrameworkKeySet" Nullable="false"/>
        <ReturnType Type="microsoft.graph.trustFrameworkKey" Nullable="false"/>
      </Action>
      <Action Name="uploadPkcs12" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.trustFrameworkKeySet" Nullable="false"/>
        <ReturnType Type="microsoft.graph.trustFrameworkKey" Nullable="false"/>
      </Action>
      <Action Name="uploadSecret" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.trustFrameworkKeySet" Nullable="false"/>
        <ReturnType Type="microsoft.graph.trustFrameworkKey" Nullable="false"/>
      </Action>
      <Function Name="getActiveKey" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.trustFrameworkKeySet" Nullable="false"/>
        <ReturnType Type="microsoft.graph.trustFrameworkKey" Nullable="false"/>
      </Function>
      <EntityContainer Name="graphService">
        <Singleton Name="trustFramework" Type="microsoft.graph.trustFramework"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn a_small_model_in_csdl_xml() {
    let doc = Document::for_container(small::Drive::CONTAINER).unwrap();
    assert_eq!(doc.to_xml(), SMALL_XML);
}

#[test]
fn a_small_model_in_csdl_json() {
    let doc = Document::for_container(small::Drive::CONTAINER).unwrap();
    assert_eq!(doc.to_json(), SMALL_JSON);
}

#[test]
fn the_keysets_model_in_csdl_xml() {
    let doc = Document::for_container(GraphService::CONTAINER).unwrap();
    assert_eq!(doc.to_xml(), KEYSETS_XML);
}

#[test]
fn the_keysets_model_in_csdl_json() {
    let json = Document::for_container(GraphService::CONTAINER)
        .unwrap()
        .to_json();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let graph = &doc["microsoft.graph"];
    assert_eq!(doc["$Version"], "4.0");
    assert_eq!(doc["$EntityContainer"], "microsoft.graph.graphService");
    assert_eq!(
        graph["graphService"],
        serde_json::json!({"$Kind": "EntityContainer", "trustFramework": {"$Type": "microsoft.graph.trustFramework"}})
    );
    assert_eq!(
        graph["entity"],
        serde_json::json!({"$Kind": "EntityType", "$Abstract": true, "$Key": ["id"], "id": {}})
    );
    assert_eq!(
        graph["trustFramework"]["keySets"],
        serde_json::json!({"$Kind": "NavigationProperty", "$Collection": true, "$Type": "microsoft.graph.trustFrameworkKeySet", "$ContainsTarget": true})
    );
    assert_eq!(
        graph["trustFrameworkKeySet"]["keys"],
        serde_json::json!({"$Collection": true, "$Type": "microsoft.graph.trustFrameworkKey", "$Nullable": true})
    );
    assert_eq!(
        graph["trustFrameworkKey"]["exp"],
        serde_json::json!({"$Type": "Edm.Int64", "$Nullable": true})
    );
    assert_eq!(
        graph["trustFrameworkKey"]["kid"],
        serde_json::json!({"$Nullable": true})
    );
    for (name, kind) in [
        ("generateKey", "Action"),
        ("uploadSecret", "Action"),
        ("uploadCertificate", "Action"),
        ("uploadPkcs12", "Action"),
        ("getActiveKey", "Function"),
    ] {
        assert_eq!(
            graph[name],
            serde_json::json!([{
                "$Kind": kind,
                "$IsBound": true,
                "$Parameter": [{"$Name": "bindingParameter", "$Type": "microsoft.graph.trustFrameworkKeySet"}],
                "$ReturnType": {"$Type": "microsoft.graph.trustFrameworkKey"}
            }]),
            "{name}"
        );
    }
    // The schema's members, in the order written (the XML document's order).
    let members: Vec<&str> = json
        .lines()
        .filter_map(|line| line.strip_prefix("    \""))
        .filter_map(|line| line.split_once('"').map(|(name, _)| name))
        .collect();
    assert_eq!(
        members,
        [
            "trustFrameworkKey",
            "entity",
            "trustFramework",
            "trustFrameworkKeySet",
            "generateKey",
            "uploadCertificate",
            "uploadPkcs12",
            "uploadSecret",
            "getActiveKey",
            "graphService"
        ]
    );
}

#[test]
fn same_model_same_bytes_whatever_the_order_of_the_roots() {
    use csdl_support::*;
    let forward = Document::builder()
        .container(Shop::CONTAINER)
        .polymorphic::<AnyItem>()
        .enumeration(Color::ENUM)
        .build()
        .unwrap();
    let backward = Document::builder()
        .enumeration(Color::ENUM)
        .structured(Gadget::TYPE)
        .structured(Sample::TYPE)
        .structured(Photo::TYPE)
        .container(Shop::CONTAINER)
        .structured(Product::TYPE)
        .build()
        .unwrap();
    assert_eq!(forward.to_xml(), backward.to_xml());
    assert_eq!(forward.to_json(), backward.to_json());
    // The same container given twice is one container.
    let twice = Document::builder()
        .container(Shop::CONTAINER)
        .container(Shop::CONTAINER)
        .polymorphic::<AnyItem>()
        .build()
        .unwrap();
    assert_eq!(twice.to_xml(), forward.to_xml());
}

#[test]
fn every_reachable_type_is_written_and_subtypes_only_when_added() {
    use csdl_support::*;
    let doc = Document::for_container(Shop::CONTAINER).unwrap();
    assert_eq!(
        doc.namespaces().collect::<Vec<_>>(),
        ["contoso.common", "contoso.shop"]
    );
    let xml = doc.to_xml();
    for reached in [
        r#"<EntityType Name="product" BaseType="contoso.shop.item" OpenType="true">"#,
        r#"<EntityType Name="item" Abstract="true">"#, // a base type
        r#"<EntityType Name="photo" BaseType="contoso.shop.item" HasStream="true">"#, // a navigation target
        r#"<ComplexType Name="geoLocation" BaseType="contoso.common.location" OpenType="true">"#, // a property type
        r#"<ComplexType Name="location" Abstract="true">"#, // its base, in a collection too
        r#"<EnumType Name="access" UnderlyingType="Edm.Int64" IsFlags="true">"#, // through Flags<E>
        r#"<Member Name="admin" Value="4294967296"/>"#,
        r#"<EnumType Name="level" UnderlyingType="Edm.Byte">"#,
        r#"<EnumType Name="color">"#,
        r#"<Property Name="tags" Type="Collection(Edm.String)" Nullable="false"/>"#,
        r#"<Property Name="locations" Type="Collection(contoso.common.location)"/>"#,
        r#"<Property Name="price" Type="Edm.Double" Nullable="false"/>"#,
        r#"<NavigationProperty Name="related" Type="Collection(contoso.shop.product)"/>"#,
        r#"<Parameter Name="this" Type="contoso.shop.product"/>"#,
        r#"<ReturnType Type="Collection(contoso.shop.photo)"/>"#,
        r#"<Parameter Name="bindingParameter" Type="Collection(contoso.shop.product)"/>"#,
        r#"<EntitySet Name="samples" EntityType="contoso.common.sample"/>"#,
    ] {
        assert!(xml.contains(reached), "missing {reached}\n{xml}");
    }
    // No property names the subtype `gadget`: the model lists no subtypes of a type.
    assert!(!xml.contains("gadget"));
    let with_subtypes = Document::builder()
        .container(Shop::CONTAINER)
        .polymorphic::<AnyItem>()
        .build()
        .unwrap()
        .to_xml();
    assert!(with_subtypes.contains(r#"<EntityType Name="gadget" BaseType="contoso.shop.product">"#));
    // `archive` is bound to product and to gadget: two overloads, sorted by binding type.
    let gadget = with_subtypes
        .find(r#"<Parameter Name="bindingParameter" Type="contoso.shop.gadget" Nullable="false"/>"#)
        .unwrap();
    let product = with_subtypes
        .find(
            r#"<Action Name="archive" IsBound="true">
        <Parameter Name="bindingParameter" Type="contoso.shop.product" Nullable="false"/>"#,
        )
        .unwrap();
    assert!(gadget < product);
}

mod named {
    use super::*;

    /// The parameters of `rename`: one is named like the binding parameter.
    #[derive(ODataEntity, Clone, Debug, PartialEq)]
    #[odata(namespace = "test.named", complex)]
    pub struct RenameParameters {
        pub this: String,
    }

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.named")]
    #[odata(function(name = "label", binding_parameter = "bindparameter", nullable_binding, returns = String, nullable_return))]
    #[odata(function(name = "siblings", collection, binding_parameter = "this", returns = Vec<Note>, nullable_return))]
    #[odata(action(name = "pin", nullable_binding, returns = i32))]
    pub struct Note {
        #[odata(key)]
        pub id: Option<String>,
    }

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.named")]
    #[odata(action(name = "rename", binding_parameter = "this", parameters = RenameParameters))]
    pub struct Clash {
        #[odata(key)]
        pub id: Option<String>,
    }

    /// A delta function with the defaults.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.named", delta)]
    pub struct Log {
        #[odata(key)]
        pub id: Option<String>,
    }

    #[allow(dead_code)] // read through the model and navigation only
    #[derive(ODataEntity)]
    #[odata(namespace = "test.named", container)]
    pub struct Journal {
        pub logs: Vec<Log>,
        pub events: Vec<Event>,
    }

    /// A delta function as Graph declares most: binding parameter and items nullable, here
    /// also named and in another namespace.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.named")]
    #[odata(delta(
        namespace = "test.changes",
        binding_parameter = "bindparameter",
        nullable_binding,
        nullable_return
    ))]
    pub struct Event {
        #[odata(key)]
        pub id: Option<String>,
    }
}

/// `#[odata(delta)]` puts the delta function in the model: a function bound to the type's
/// collection, returning it, without parameters, written like any other bound function.
#[test]
fn delta_functions_are_written_bound_to_the_collection() {
    use odata_core::model::OperationKind;
    let [delta] = named::Log::TYPE.operations else {
        panic!("one operation: {:?}", named::Log::TYPE.operations)
    };
    assert_eq!(
        (delta.name, delta.namespace, delta.kind, delta.collection),
        ("delta", "test.named", OperationKind::Function, true)
    );
    assert_eq!(
        delta.returns.as_ref().map(ToString::to_string).as_deref(),
        Some("Collection(test.named.log)")
    );
    assert!(delta.parameter_list().is_empty());

    let doc = Document::builder()
        .structured(named::Log::TYPE)
        .structured(named::Event::TYPE)
        .build()
        .unwrap();
    let xml = doc.to_xml();
    for expected in [
        r#"<Schema Namespace="test.changes" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindparameter" Type="Collection(test.named.event)"/>
        <ReturnType Type="Collection(test.named.event)"/>
      </Function>
    </Schema>"#,
        r#"<Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(test.named.log)" Nullable="false"/>
        <ReturnType Type="Collection(test.named.log)" Nullable="false"/>
      </Function>"#,
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(
        json["test.named"]["delta"],
        serde_json::json!([{
            "$Kind": "Function",
            "$IsBound": true,
            "$Parameter": [{"$Name": "bindingParameter", "$Type": "test.named.log", "$Collection": true}],
            "$ReturnType": {"$Collection": true, "$Type": "test.named.log"}
        }])
    );
    assert_eq!(
        json["test.changes"]["delta"][0]["$Parameter"],
        serde_json::json!([{"$Name": "bindparameter", "$Type": "test.named.event", "$Collection": true, "$Nullable": true}])
    );
}

/// The request side of `#[odata(delta)]`: `request::DeltaFunction`, so every collection path
/// of the type has `delta()` and `delta_from(link)`.
#[test]
fn delta_gives_the_collection_paths_delta_queries() {
    use odata_core::request::DeltaFunction;
    assert_eq!(
        (named::Log::DELTA_NAMESPACE, named::Log::DELTA_NAME),
        ("test.named", "delta")
    );
    assert_eq!(
        (named::Event::DELTA_NAMESPACE, named::Event::DELTA_NAME),
        ("test.changes", "delta")
    );
    let service = odata_core::request::Service::odata("https://example.com/odata").unwrap();
    let root = service.root::<named::Journal>();
    let logs = root.logs().delta().build().unwrap();
    assert_eq!(
        logs.http().uri(),
        "https://example.com/odata/logs/test.named.delta()"
    );
    let events = root.events().delta().build().unwrap();
    assert_eq!(
        events.http().uri(),
        "https://example.com/odata/events/test.changes.delta()"
    );
}

/// The binding parameter's name and the nullability of the binding parameter and of the return
/// type are the model's: XML writes `Nullable="false"` where not nullable (its default is
/// true), JSON `"$Nullable": true` where nullable (its default is false).
#[test]
fn binding_parameter_names_and_operation_nullability_in_xml_and_json() {
    let doc = Document::builder()
        .structured(named::Note::TYPE)
        .build()
        .unwrap();
    let xml = doc.to_xml();
    for expected in [
        r#"<Function Name="label" IsBound="true">
        <Parameter Name="bindparameter" Type="test.named.note"/>
        <ReturnType Type="Edm.String"/>
      </Function>"#,
        r#"<Function Name="siblings" IsBound="true">
        <Parameter Name="this" Type="Collection(test.named.note)" Nullable="false"/>
        <ReturnType Type="Collection(test.named.note)"/>
      </Function>"#,
        r#"<Action Name="pin" IsBound="true">
        <Parameter Name="bindingParameter" Type="test.named.note"/>
        <ReturnType Type="Edm.Int32" Nullable="false"/>
      </Action>"#,
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let schema = &json["test.named"];
    assert_eq!(
        schema["label"],
        serde_json::json!([{
            "$Kind": "Function",
            "$IsBound": true,
            "$Parameter": [{"$Name": "bindparameter", "$Type": "test.named.note", "$Nullable": true}],
            "$ReturnType": {"$Nullable": true}
        }])
    );
    assert_eq!(
        schema["siblings"][0]["$Parameter"],
        serde_json::json!([{"$Name": "this", "$Type": "test.named.note", "$Collection": true}])
    );
    assert_eq!(
        schema["siblings"][0]["$ReturnType"],
        serde_json::json!({"$Collection": true, "$Type": "test.named.note", "$Nullable": true})
    );
    assert_eq!(
        schema["pin"][0]["$Parameter"][0],
        serde_json::json!({"$Name": "bindingParameter", "$Type": "test.named.note", "$Nullable": true})
    );
    assert_eq!(
        schema["pin"][0]["$ReturnType"],
        serde_json::json!({"$Type": "Edm.Int32"})
    );
}

/// A parameter named like the binding parameter (here `this`) is refused, naming both.
#[test]
fn a_parameter_named_like_the_binding_parameter_is_an_error() {
    let err = Document::builder()
        .structured(named::Clash::TYPE)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateName {
            name: "test.named.rename/this".into(),
            first: "the binding parameter".into(),
            second: "a parameter of `test.named.rename`".into(),
        }
    );
}

#[test]
fn every_edm_primitive_and_the_version_edm_untyped_needs() {
    use csdl_support::*;
    let doc = Document::builder()
        .structured(Sample::TYPE)
        .build()
        .unwrap();
    assert_eq!(doc.version(), "4.01", "Edm.Untyped is OData 4.01");
    let xml = doc.to_xml();
    assert!(xml.contains(r#"<edmx:Edmx Version="4.01""#));
    for primitive in [
        "Boolean",
        "Byte",
        "SByte",
        "Int16",
        "Int32",
        "Int64",
        "Single",
        "Double",
        "String",
        "Untyped",
        "Binary",
        "Date",
        "DateTimeOffset",
        "Decimal",
        "Duration",
        "Guid",
        "TimeOfDay",
        "Stream",
    ] {
        assert!(
            xml.contains(&format!(r#"Type="Edm.{primitive}""#)),
            "{primitive}"
        );
    }
    assert!(xml.contains(r#"<Property Name="int32" Type="Edm.Int32" Nullable="false"/>"#));
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(json["$Version"], "4.01");
    assert_eq!(
        json["contoso.common"]["sample"]["int32"],
        serde_json::json!({"$Type": "Edm.Int32"})
    );
    assert_eq!(
        json["contoso.common"]["sample"]["string"],
        serde_json::json!({"$Nullable": true})
    );
    assert!(json.get("$EntityContainer").is_none(), "no container given");
    // Without Edm.Untyped the version is 4.0.
    let doc = Document::builder()
        .structured(Product::TYPE)
        .build()
        .unwrap();
    assert_eq!(doc.version(), "4.0");
}

mod clash {
    use super::*;

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash", name = "color", complex)]
    pub struct ColorValue {
        pub rgb: Option<String>,
    }

    #[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
    #[odata(namespace = "test.clash")]
    pub enum Color {
        Red,
    }

    /// Holds both `test.clash.color`s.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash")]
    pub struct Paint {
        #[odata(key)]
        pub id: String,
        pub value: Option<ColorValue>,
        pub color: Option<Color>,
    }

    /// A complex type named like `Brush`'s action.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash", name = "paint", complex)]
    pub struct PaintName {
        pub shade: Option<i32>,
    }

    /// An action named like a type of its namespace.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash", action(name = "paint"))]
    pub struct Brush {
        #[odata(key)]
        pub id: String,
    }

    /// A function named like an action of its namespace.
    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash", function(name = "paint", returns = bool))]
    pub struct Roller {
        #[odata(key)]
        pub id: String,
    }

    #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
    #[odata(namespace = "test.clash", function(name = "check"))]
    pub struct Gauge {
        #[odata(key)]
        pub id: String,
    }

    #[allow(dead_code)] // read through the model only
    #[derive(ODataEntity)]
    #[odata(namespace = "test.clash", container)]
    pub struct First {
        pub paints: Vec<Paint>,
    }

    #[allow(dead_code)] // read through the model only
    #[derive(ODataEntity)]
    #[odata(namespace = "test.clash", container)]
    pub struct Second {
        pub brushes: Vec<Brush>,
    }
}

#[test]
fn two_items_with_one_qualified_name_are_an_error_naming_both() {
    let err = Document::builder()
        .structured(clash::Paint::TYPE)
        .build()
        .unwrap_err();
    let message = err.to_string();
    assert!(matches!(&err, Error::DuplicateName { name, .. } if name == "test.clash.color"));
    // Both items are named, whichever is met first.
    assert!(
        message.starts_with("two model items are named `test.clash.color`: "),
        "{message}"
    );
    assert!(message.contains("complex type `ColorValue`"), "{message}");
    assert!(message.contains("enumeration type `Color`"), "{message}");

    // An operation shares its namespace's names with the types.
    let err = Document::builder()
        .structured(clash::Brush::TYPE)
        .structured(clash::PaintName::TYPE)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "two model items are named `test.clash.paint`: complex type `PaintName` and action bound to `test.clash.brush`"
    );

    let err = Document::builder()
        .structured(clash::Brush::TYPE)
        .structured(clash::Roller::TYPE)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateName {
            name: "test.clash.paint".into(),
            first: "function bound to `test.clash.roller`".into(),
            second: "action bound to `test.clash.brush`".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "two model items are named `test.clash.paint`: function bound to `test.clash.roller` and action bound to `test.clash.brush`"
    );
}

#[test]
fn two_containers_are_an_error() {
    let err = Document::builder()
        .container(clash::First::CONTAINER)
        .container(clash::Second::CONTAINER)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::TwoContainers {
            first: "test.clash.first",
            second: "test.clash.second"
        }
    );
    assert_eq!(
        err.to_string(),
        "a CSDL document has one entity container, given `test.clash.first` and `test.clash.second`"
    );
}

#[test]
fn a_function_without_a_return_type_is_an_error() {
    let err = Document::builder()
        .structured(clash::Gauge::TYPE)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::FunctionWithoutReturnType {
            function: "check",
            binding: "test.clash.gauge"
        }
    );
    assert_eq!(
        err.to_string(),
        "function `check` bound to `test.clash.gauge` has no return type, which CSDL requires"
    );
}

// Models the derive would not make, written by hand (every field of the model is public).

const fn info(
    name: &'static str,
    qualified_name: &'static str,
    kind: TypeKind,
    properties: &'static [PropertyInfo],
) -> TypeInfo {
    TypeInfo {
        rust_name: "Hand",
        namespace: "test.hand",
        name,
        qualified_name,
        type_annotation: "",
        kind,
        is_abstract: false,
        is_open: false,
        has_stream: false,
        base: None,
        declared_key: &[],
        properties,
        operations: &[],
    }
}

static COMPLEX: TypeInfo = info("money", "test.hand.money", TypeKind::Complex, &[]);
fn complex() -> &'static TypeInfo {
    &COMPLEX
}
static NAVIGATES_TO_COMPLEX: TypeInfo = info(
    "wallet",
    "test.hand.wallet",
    TypeKind::Entity,
    &[PropertyInfo {
        name: "cash",
        rust_name: "cash",
        edm: EdmType::Structured(complex),
        nullable: true,
        navigation: true,
        contains_target: false,
    }],
);
static BAD_PROPERTY: TypeInfo = info(
    "odd",
    "test.hand.odd",
    TypeKind::Complex,
    &[PropertyInfo {
        name: "a\"b<c",
        rust_name: "ab",
        edm: EdmType::Primitive(odata_core::model::Primitive::String),
        nullable: true,
        navigation: false,
        contains_target: false,
    }],
);
static BAD_NAME: TypeInfo = info("1st", "test.hand.1st", TypeKind::Complex, &[]);

#[test]
fn a_navigation_property_to_a_complex_type_is_an_error() {
    let err = Document::builder()
        .structured(&NAVIGATES_TO_COMPLEX)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "navigation property `cash` of `test.hand.wallet` must be of an entity type, found `test.hand.money`"
    );
}

#[test]
fn names_that_are_not_csdl_identifiers_are_an_error() {
    let err = Document::builder()
        .structured(&BAD_PROPERTY)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::InvalidName {
            what: "a property of `test.hand.odd`".into(),
            name: "a\"b<c".into()
        }
    );
    assert_eq!(
        err.to_string(),
        r#"the name "a\"b<c" of a property of `test.hand.odd` is not a CSDL identifier"#
    );
    let err = Document::builder()
        .structured(&BAD_NAME)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidName { name, .. } if name == "1st"));
}
