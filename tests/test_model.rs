//! The static model each derived type describes itself with: what `$metadata` and polymorphic
//! dispatch will be generated from.

use odata_core::graph::{
    Entity, GraphService, TrustFramework, TrustFrameworkKey, TrustFrameworkKeySet,
};
use odata_core::model::{ContainerMemberKind, OperationKind, TypeKind};
use odata_core::request::EntityContainer;
use odata_core::StructuredType;

#[test]
fn trust_framework_key_declares_every_documented_member_with_its_edm_type() {
    let info = TrustFrameworkKey::TYPE;
    assert_eq!(info.kind, TypeKind::Complex);
    assert!(info.base().is_none());
    assert!(info.key().is_empty());
    let described: Vec<(&str, String, bool)> = info
        .properties
        .iter()
        .map(|p| (p.name, p.edm.to_string(), p.nullable))
        .collect();
    let expected: Vec<(&str, String, bool)> = [
        ("d", "Edm.String"),
        ("dp", "Edm.String"),
        ("dq", "Edm.String"),
        ("e", "Edm.String"),
        ("exp", "Edm.Int64"),
        ("k", "Edm.String"),
        ("kid", "Edm.String"),
        ("kty", "Edm.String"),
        ("n", "Edm.String"),
        ("nbf", "Edm.Int64"),
        ("p", "Edm.String"),
        ("q", "Edm.String"),
        ("qi", "Edm.String"),
        ("use", "Edm.String"),
        ("x5c", "Collection(Edm.String)"),
        ("x5t", "Edm.String"),
    ]
    .into_iter()
    .map(|(n, t)| (n, t.to_owned(), true))
    .collect();
    assert_eq!(described, expected);
    assert!(info.properties.iter().all(|p| !p.navigation));
}

#[test]
fn key_set_declares_its_base_key_collection_and_bound_operations() {
    let info = TrustFrameworkKeySet::TYPE;
    assert_eq!(
        info.type_annotation,
        "#microsoft.graph.trustFrameworkKeySet"
    );
    assert_eq!(
        info.base().map(|b| b.qualified_name),
        Some("microsoft.graph.entity")
    );
    assert!(std::ptr::eq(info.base().unwrap(), Entity::TYPE));
    assert_eq!(info.key(), ["id"]);
    let keys = info.property("keys").unwrap();
    assert_eq!(
        keys.edm.to_string(),
        "Collection(microsoft.graph.trustFrameworkKey)"
    );
    assert!(std::ptr::eq(
        keys.edm.structured().unwrap(),
        TrustFrameworkKey::TYPE
    ));
    let ops: Vec<_> = info
        .operations
        .iter()
        .map(|o| {
            (
                o.name,
                o.kind,
                o.parameters,
                o.returns.map(|r| r.to_string()),
            )
        })
        .collect();
    let key = Some("microsoft.graph.trustFrameworkKey".to_owned());
    assert_eq!(
        ops,
        [
            (
                "generateKey",
                OperationKind::Action,
                Some("GenerateKeyParameters"),
                key.clone()
            ),
            (
                "uploadSecret",
                OperationKind::Action,
                Some("UploadSecretParameters"),
                key.clone()
            ),
            (
                "uploadCertificate",
                OperationKind::Action,
                Some("UploadCertificateParameters"),
                key.clone()
            ),
            (
                "uploadPkcs12",
                OperationKind::Action,
                Some("UploadPkcs12Parameters"),
                key.clone()
            ),
            ("getActiveKey", OperationKind::Function, None, key),
        ]
    );
}

#[test]
fn navigation_properties_and_the_container_are_described() {
    let info = TrustFramework::TYPE;
    let key_sets = info.property("keySets").unwrap();
    assert!(key_sets.navigation);
    assert_eq!(
        key_sets.edm.to_string(),
        "Collection(microsoft.graph.trustFrameworkKeySet)"
    );

    let container = GraphService::CONTAINER;
    assert_eq!(container.namespace, "microsoft.graph");
    assert_eq!(container.members.len(), 1);
    let singleton = &container.members[0];
    assert_eq!(singleton.name, "trustFramework");
    assert_eq!(singleton.kind, ContainerMemberKind::Singleton);
    assert!(std::ptr::eq(
        (singleton.entity_type)(),
        TrustFramework::TYPE
    ));
}
