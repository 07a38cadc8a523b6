//! CSDL XML: `<edmx:Edmx Version="4.0">`, one `<Schema>` per namespace.
//!
//! Everything written is an element with attributes; attribute values go through [`escape`].
//! A few lines of `format!` do this job, so no XML crate is used.

use std::borrow::Cow;
use std::fmt::Write;

use super::{is_key, item_type, Bound, Document, Schema};
use crate::model::{
    ContainerInfo, ContainerMemberKind, EnumInfo, OperationKind, Primitive, PropertyInfo, TypeInfo,
};

const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

pub(super) fn write(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    line(
        &mut out,
        0,
        &format!(
            "<edmx:Edmx Version=\"{}\" xmlns:edmx=\"{EDMX}\">",
            doc.version
        ),
    );
    line(&mut out, 1, "<edmx:DataServices>");
    for (namespace, schema) in &doc.schemas {
        write_schema(&mut out, namespace, schema);
    }
    line(&mut out, 1, "</edmx:DataServices>");
    line(&mut out, 0, "</edmx:Edmx>");
    out
}

fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(text);
    out.push('\n');
}

/// An attribute: ` Name="value"`, the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"{}\"", escape(value));
}

/// An element with attributes: `<Name a="b"/>` when it has no children, else its start tag.
fn element(out: &mut String, depth: usize, name: &str, attrs: &[(&str, &str)], empty: bool) {
    let mut tag = format!("<{name}");
    for (key, value) in attrs {
        attr(&mut tag, key, value);
    }
    tag.push_str(if empty { "/>" } else { ">" });
    line(out, depth, &tag);
}

fn write_schema(out: &mut String, namespace: &str, schema: &Schema) {
    element(
        out,
        2,
        "Schema",
        &[("Namespace", namespace), ("xmlns", EDM)],
        false,
    );
    for info in schema.enums.values() {
        write_enum(out, info);
    }
    for info in schema.complex.values() {
        write_structured(out, "ComplexType", info);
    }
    for info in schema.entities.values() {
        write_structured(out, "EntityType", info);
    }
    for kind in [OperationKind::Action, OperationKind::Function] {
        for overloads in schema.operations.values() {
            for bound in overloads.iter().filter(|b| b.operation.kind == kind) {
                write_operation(out, bound);
            }
        }
    }
    if let Some(container) = schema.container {
        write_container(out, container);
    }
    line(out, 2, "</Schema>");
}

fn write_enum(out: &mut String, info: &EnumInfo) {
    let mut attrs = vec![("Name", info.name)];
    if info.underlying != Primitive::Int32 {
        attrs.push(("UnderlyingType", info.underlying.name()));
    }
    if info.is_flags {
        attrs.push(("IsFlags", "true"));
    }
    element(out, 3, "EnumType", &attrs, info.members.is_empty());
    for member in info.members {
        let value = member.value.to_string();
        element(
            out,
            4,
            "Member",
            &[("Name", member.name), ("Value", &value)],
            true,
        );
    }
    if !info.members.is_empty() {
        line(out, 3, "</EnumType>");
    }
}

fn write_structured(out: &mut String, tag: &str, info: &'static TypeInfo) {
    let mut attrs = vec![("Name", info.name)];
    if let Some(base) = info.base {
        attrs.push(("BaseType", base.qualified_name));
    }
    if info.is_abstract {
        attrs.push(("Abstract", "true"));
    }
    if info.is_open {
        attrs.push(("OpenType", "true"));
    }
    if info.has_stream {
        attrs.push(("HasStream", "true"));
    }
    let empty = info.declared_key.is_empty() && info.properties.is_empty();
    element(out, 3, tag, &attrs, empty);
    if !info.declared_key.is_empty() {
        line(out, 4, "<Key>");
        for name in info.declared_key {
            element(out, 5, "PropertyRef", &[("Name", name)], true);
        }
        line(out, 4, "</Key>");
    }
    for property in info.properties {
        write_property(out, info, property);
    }
    if !empty {
        line(out, 3, &format!("</{tag}>"));
    }
}

fn write_property(out: &mut String, owner: &'static TypeInfo, property: &PropertyInfo) {
    let ty = property.edm.to_string();
    let mut attrs = vec![("Name", property.name), ("Type", ty.as_str())];
    let (_, collection) = item_type(&property.edm);
    if property.navigation {
        // `Nullable` is not allowed on a collection-valued navigation property.
        if !collection && !property.nullable {
            attrs.push(("Nullable", "false"));
        }
        if property.contains_target {
            attrs.push(("ContainsTarget", "true"));
        }
        element(out, 4, "NavigationProperty", &attrs, true);
    } else {
        if !property.nullable || is_key(owner, property.name) {
            attrs.push(("Nullable", "false"));
        }
        element(out, 4, "Property", &attrs, true);
    }
}

fn write_operation(out: &mut String, bound: &Bound) {
    let tag = match bound.operation.kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    };
    element(
        out,
        3,
        tag,
        &[("Name", bound.operation.name), ("IsBound", "true")],
        false,
    );
    let operation = bound.operation;
    let binding_type = bound.binding_type();
    let mut binding = vec![
        ("Name", operation.binding_parameter),
        ("Type", binding_type.as_ref()),
    ];
    // XML's `Nullable` defaults to true.
    if !operation.binding_nullable {
        binding.push(("Nullable", "false"));
    }
    element(out, 4, "Parameter", &binding, true);
    for parameter in bound.operation.parameter_list() {
        let ty = parameter.edm.to_string();
        let mut attrs = vec![("Name", parameter.name), ("Type", ty.as_str())];
        if !parameter.nullable {
            attrs.push(("Nullable", "false"));
        }
        element(out, 4, "Parameter", &attrs, true);
    }
    if let Some(returns) = &bound.operation.returns {
        let ty = returns.to_string();
        let mut attrs = vec![("Type", ty.as_str())];
        if !operation.return_nullable {
            attrs.push(("Nullable", "false"));
        }
        element(out, 4, "ReturnType", &attrs, true);
    }
    line(out, 3, &format!("</{tag}>"));
}

fn write_container(out: &mut String, container: &ContainerInfo) {
    element(
        out,
        3,
        "EntityContainer",
        &[("Name", container.name)],
        container.members.is_empty(),
    );
    for member in container.members {
        let target = (member.entity_type)().qualified_name;
        let (tag, type_attr) = match member.kind {
            ContainerMemberKind::EntitySet => ("EntitySet", "EntityType"),
            ContainerMemberKind::Singleton => ("Singleton", "Type"),
        };
        let empty = member.bindings.is_empty();
        element(
            out,
            4,
            tag,
            &[("Name", member.name), (type_attr, target)],
            empty,
        );
        for binding in member.bindings {
            element(
                out,
                5,
                "NavigationPropertyBinding",
                &[("Path", binding.path), ("Target", binding.target)],
                true,
            );
        }
        if !empty {
            line(out, 4, &format!("</{tag}>"));
        }
    }
    if !container.members.is_empty() {
        line(out, 3, "</EntityContainer>");
    }
}

/// An attribute value with `&`, `<`, `>`, `"` and `'` escaped, and tab, line feed and carriage
/// return as character references (an XML parser would otherwise normalise them to spaces).
pub(super) fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'', '\t', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_and_line_breaks() {
        assert_eq!(escape("plain.Name_1"), "plain.Name_1");
        assert_eq!(
            escape("a&b<c>d\"e'f\tg\nh\ri"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("schön"), "schön");
    }
}
