//! CSDL JSON: one object, `$Version` and `$EntityContainer` first, then one member per schema.
//!
//! Members are written in a fixed order, so the document is built as an ordered tree
//! ([`Json`]) and printed with two-space indentation. CSDL JSON's defaults are left out:
//! `"$Kind": "Property"`, `"$Type": "Edm.String"`, `"$Nullable": false`.

use super::{is_key, item_type, Bound, Document, Schema};
use crate::model::{
    ContainerInfo, ContainerMemberKind, EdmType, EnumInfo, OperationKind, Primitive, PropertyInfo,
    TypeInfo,
};

/// A JSON value whose object members keep their order.
enum Json {
    Str(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn str(text: &str) -> Json {
        Json::Str(text.to_owned())
    }
}

/// Builds an object member by member.
#[derive(Default)]
struct Object(Vec<(String, Json)>);

impl Object {
    fn put(&mut self, name: &str, value: Json) -> &mut Self {
        self.0.push((name.to_owned(), value));
        self
    }
    fn flag(&mut self, name: &str, on: bool) -> &mut Self {
        if on {
            self.put(name, Json::Bool(true));
        }
        self
    }
    fn done(self) -> Json {
        Json::Object(self.0)
    }
}

pub(super) fn write(doc: &Document) -> String {
    let mut root = Object::default();
    root.put("$Version", Json::str(doc.version));
    if let Some(container) = doc.container {
        root.put("$EntityContainer", Json::str(container.qualified_name));
    }
    for (namespace, schema) in &doc.schemas {
        root.put(namespace, schema_object(schema));
    }
    let mut out = String::new();
    print(&mut out, &root.done(), 0);
    out.push('\n');
    out
}

fn schema_object(schema: &Schema) -> Json {
    let mut object = Object::default();
    for info in schema.enums.values() {
        object.put(info.name, enum_object(info));
    }
    for info in schema.complex.values() {
        object.put(info.name, structured_object("ComplexType", info));
    }
    for info in schema.entities.values() {
        object.put(info.name, structured_object("EntityType", info));
    }
    for kind in [OperationKind::Action, OperationKind::Function] {
        for (name, overloads) in &schema.operations {
            let of_kind: Vec<Json> = overloads
                .iter()
                .filter(|b| b.operation.kind == kind)
                .map(operation_object)
                .collect();
            if !of_kind.is_empty() {
                object.put(name, Json::Array(of_kind));
            }
        }
    }
    if let Some(container) = schema.container {
        object.put(container.name, container_object(container));
    }
    object.done()
}

fn enum_object(info: &EnumInfo) -> Json {
    let mut object = Object::default();
    object.put("$Kind", Json::str("EnumType"));
    if info.underlying != Primitive::Int32 {
        object.put("$UnderlyingType", Json::str(info.underlying.name()));
    }
    object.flag("$IsFlags", info.is_flags);
    for member in info.members {
        object.put(member.name, Json::Int(member.value));
    }
    object.done()
}

fn structured_object(kind: &str, info: &'static TypeInfo) -> Json {
    let mut object = Object::default();
    object.put("$Kind", Json::str(kind));
    if let Some(base) = info.base {
        object.put("$BaseType", Json::str(base.qualified_name));
    }
    object
        .flag("$Abstract", info.is_abstract)
        .flag("$OpenType", info.is_open)
        .flag("$HasStream", info.has_stream);
    if !info.declared_key.is_empty() {
        let key = info.declared_key.iter().map(|k| Json::str(k)).collect();
        object.put("$Key", Json::Array(key));
    }
    for property in info.properties {
        object.put(property.name, property_object(info, property));
    }
    object.done()
}

/// `$Type` (left out for `Edm.String`) and `$Collection` of an Edm type.
fn type_members(object: &mut Object, edm: &EdmType) {
    let (item, collection) = item_type(edm);
    object.flag("$Collection", collection);
    if !matches!(item, EdmType::Primitive(Primitive::String)) {
        object.put("$Type", Json::Str(item.to_string()));
    }
}

fn property_object(owner: &'static TypeInfo, property: &PropertyInfo) -> Json {
    let mut object = Object::default();
    let (_, collection) = item_type(&property.edm);
    if property.navigation {
        object.put("$Kind", Json::str("NavigationProperty"));
        type_members(&mut object, &property.edm);
        // `$Nullable` is not allowed on a collection-valued navigation property.
        object
            .flag("$Nullable", !collection && property.nullable)
            .flag("$ContainsTarget", property.contains_target);
    } else {
        type_members(&mut object, &property.edm);
        object.flag(
            "$Nullable",
            property.nullable && !is_key(owner, property.name),
        );
    }
    object.done()
}

fn operation_object(bound: &Bound) -> Json {
    let mut object = Object::default();
    let kind = match bound.operation.kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    };
    object.put("$Kind", Json::str(kind));
    object.put("$IsBound", Json::Bool(true));
    let mut binding = Object::default();
    binding.put("$Name", Json::str(bound.operation.binding_parameter));
    binding.put("$Type", Json::Str(bound.binding.qualified_name.to_owned()));
    binding.flag("$Collection", bound.operation.collection);
    // JSON's `$Nullable` defaults to false.
    binding.flag("$Nullable", bound.operation.binding_nullable);
    let mut parameters = vec![binding.done()];
    for parameter in bound.operation.parameter_list() {
        let mut entry = Object::default();
        entry.put("$Name", Json::str(parameter.name));
        type_members(&mut entry, &parameter.edm);
        entry.flag("$Nullable", parameter.nullable);
        parameters.push(entry.done());
    }
    object.put("$Parameter", Json::Array(parameters));
    if let Some(returns) = &bound.operation.returns {
        let mut return_type = Object::default();
        type_members(&mut return_type, returns);
        return_type.flag("$Nullable", bound.operation.return_nullable);
        object.put("$ReturnType", return_type.done());
    }
    object.done()
}

fn container_object(container: &ContainerInfo) -> Json {
    let mut object = Object::default();
    object.put("$Kind", Json::str("EntityContainer"));
    for member in container.members {
        let mut entry = Object::default();
        entry.flag("$Collection", member.kind == ContainerMemberKind::EntitySet);
        entry.put("$Type", Json::str((member.entity_type)().qualified_name));
        if !member.bindings.is_empty() {
            let mut bindings = Object::default();
            for binding in member.bindings {
                bindings.put(binding.path, Json::str(binding.target));
            }
            entry.put("$NavigationPropertyBinding", bindings.done());
        }
        object.put(member.name, entry.done());
    }
    object.done()
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn string(out: &mut String, text: &str) {
    // serde_json escapes exactly what JSON requires.
    out.push_str(&serde_json::Value::from(text).to_string());
}

fn print(out: &mut String, value: &Json, depth: usize) {
    match value {
        Json::Str(text) => string(out, text),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(n) => out.push_str(&n.to_string()),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Object(members) if members.is_empty() => out.push_str("{}"),
        Json::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, depth + 1);
                print(out, item, depth + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push(']');
        }
        Json::Object(members) => {
            out.push_str("{\n");
            for (i, (name, item)) in members.iter().enumerate() {
                indent(out, depth + 1);
                string(out, name);
                out.push_str(": ");
                print(out, item, depth + 1);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push('}');
        }
    }
}
