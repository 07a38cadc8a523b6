//! CSDL XML (`$metadata`) read with roxmltree.

use roxmltree::Node;

use crate::csdl::{
    Container, Document, EnumType, Operation, Parameter, Property, Schema, StructuredType, TypeRef,
};
use crate::Error;

const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

pub fn parse(text: &str) -> Result<Document, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let xml = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: u32::MAX,
        },
    )
    .map_err(|e| Error::Parse(format!("CSDL XML: {e}")))?;
    let mut doc = Document::default();
    for node in xml.descendants().filter(|n| is(n, "Schema")) {
        doc.schemas.push(schema(node)?);
    }
    if doc.schemas.is_empty() {
        return Err(Error::Parse(
            "CSDL XML: no <Schema> element in the OData CSDL namespace".into(),
        ));
    }
    Ok(doc)
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(EDM)
}

fn required<'a>(node: &Node<'a, '_>, attr: &str) -> Result<&'a str, Error> {
    node.attribute(attr).ok_or_else(|| {
        let pos = node.document().text_pos_at(node.range().start);
        Error::Parse(format!(
            "CSDL XML: <{}> at line {} has no `{attr}` attribute",
            node.tag_name().name(),
            pos.row
        ))
    })
}

fn flag(node: &Node, attr: &str, default: bool) -> bool {
    match node.attribute(attr) {
        Some(v) => v == "true",
        None => default,
    }
}

fn schema(node: Node) -> Result<Schema, Error> {
    let mut s = Schema {
        namespace: required(&node, "Namespace")?.to_owned(),
        alias: node.attribute("Alias").map(str::to_owned),
        ..Schema::default()
    };
    for child in node.children().filter(Node::is_element) {
        if is(&child, "EntityType") || is(&child, "ComplexType") {
            s.structured.push(structured(child)?);
        } else if is(&child, "EnumType") {
            s.enums.push(enum_type(child)?);
        } else if is(&child, "TypeDefinition") {
            s.type_definitions.push((
                required(&child, "Name")?.to_owned(),
                required(&child, "UnderlyingType")?.to_owned(),
            ));
        } else if is(&child, "Action") || is(&child, "Function") {
            s.operations.push(operation(child)?);
        } else if is(&child, "EntityContainer") {
            s.containers.push(container(child)?);
        }
    }
    Ok(s)
}

fn structured(node: Node) -> Result<StructuredType, Error> {
    let mut t = StructuredType {
        name: required(&node, "Name")?.to_owned(),
        entity: node.tag_name().name() == "EntityType",
        base: node.attribute("BaseType").map(str::to_owned),
        is_abstract: flag(&node, "Abstract", false),
        open: flag(&node, "OpenType", false),
        has_stream: flag(&node, "HasStream", false),
        ..StructuredType::default()
    };
    for child in node.children().filter(Node::is_element) {
        if is(&child, "Key") {
            for r in child.children().filter(|n| is(n, "PropertyRef")) {
                t.key.push(required(&r, "Name")?.to_owned());
            }
        } else if is(&child, "Property") || is(&child, "NavigationProperty") {
            let navigation = is(&child, "NavigationProperty");
            t.properties.push(Property {
                name: required(&child, "Name")?.to_owned(),
                ty: TypeRef::parse(required(&child, "Type")?),
                nullable: flag(&child, "Nullable", true),
                navigation,
                contains_target: flag(&child, "ContainsTarget", false),
            });
        }
    }
    Ok(t)
}

fn enum_type(node: Node) -> Result<EnumType, Error> {
    let mut e = EnumType {
        name: required(&node, "Name")?.to_owned(),
        flags: flag(&node, "IsFlags", false),
        underlying: node.attribute("UnderlyingType").map(str::to_owned),
        members: Vec::new(),
    };
    for (i, m) in node.children().filter(|n| is(n, "Member")).enumerate() {
        let name = required(&m, "Name")?.to_owned();
        let value = match m.attribute("Value") {
            Some(v) => v.trim().parse::<i64>().map_err(|_| {
                Error::Parse(format!(
                    "CSDL XML: member `{name}` of enum type `{}` has value `{v}`, not an integer",
                    e.name
                ))
            })?,
            None => i as i64,
        };
        e.members.push((name, value));
    }
    Ok(e)
}

fn operation(node: Node) -> Result<Operation, Error> {
    let mut op = Operation {
        name: required(&node, "Name")?.to_owned(),
        function: node.tag_name().name() == "Function",
        bound: flag(&node, "IsBound", false),
        ..Operation::default()
    };
    for child in node.children().filter(Node::is_element) {
        if is(&child, "Parameter") {
            op.parameters.push(Parameter {
                name: required(&child, "Name")?.to_owned(),
                ty: TypeRef::parse(required(&child, "Type")?),
                nullable: flag(&child, "Nullable", true),
            });
        } else if is(&child, "ReturnType") {
            op.returns = Some((
                TypeRef::parse(required(&child, "Type")?),
                flag(&child, "Nullable", true),
            ));
        }
    }
    Ok(op)
}

fn container(node: Node) -> Result<Container, Error> {
    let mut c = Container {
        name: required(&node, "Name")?.to_owned(),
        ..Container::default()
    };
    for child in node.children().filter(Node::is_element) {
        if is(&child, "EntitySet") || is(&child, "Singleton") {
            let member = required(&child, "Name")?;
            for b in child
                .children()
                .filter(|b| is(b, "NavigationPropertyBinding"))
            {
                c.bindings.push((
                    member.to_owned(),
                    required(&b, "Path")?.to_owned(),
                    required(&b, "Target")?.to_owned(),
                ));
            }
        }
        if is(&child, "EntitySet") {
            c.entity_sets.push((
                required(&child, "Name")?.to_owned(),
                required(&child, "EntityType")?.to_owned(),
            ));
        } else if is(&child, "Singleton") {
            c.singletons.push((
                required(&child, "Name")?.to_owned(),
                required(&child, "Type")?.to_owned(),
            ));
        }
    }
    Ok(c)
}
