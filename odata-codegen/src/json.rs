//! CSDL JSON (`$metadata?$format=json`, OData 4.01) read with serde_json.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::csdl::{
    Container, Document, EnumType, Operation, Parameter, Property, Schema, StructuredType, TypeRef,
};
use crate::Error;

pub fn parse(text: &str) -> Result<Document, Error> {
    let root: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|e| Error::Parse(format!("CSDL JSON: {e}")))?;
    let root = root
        .as_object()
        .ok_or_else(|| Error::Parse("CSDL JSON: the document is not an object".into()))?;
    let mut doc = Document::default();
    for (namespace, body) in root.iter().filter(|(k, _)| !k.starts_with('$')) {
        let Some(body) = body.as_object() else {
            continue;
        };
        doc.schemas.push(schema(namespace, body)?);
    }
    if doc.schemas.is_empty() {
        return Err(Error::Parse("CSDL JSON: no schema in the document".into()));
    }
    Ok(doc)
}

fn err(what: String) -> Error {
    Error::Parse(format!("CSDL JSON: {what}"))
}

fn boolean(obj: &Map, key: &str, default: bool) -> bool {
    obj.get(key).and_then(Value::as_bool).unwrap_or(default)
}

fn string(obj: &Map, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// `$Type` (default `Edm.String`) and `$Collection`.
fn type_ref(obj: &Map) -> TypeRef {
    TypeRef {
        name: string(obj, "$Type").unwrap_or_else(|| "Edm.String".into()),
        collection: boolean(obj, "$Collection", false),
    }
}

fn schema(namespace: &str, body: &Map) -> Result<Schema, Error> {
    let mut s = Schema {
        namespace: namespace.to_owned(),
        alias: string(body, "$Alias"),
        ..Schema::default()
    };
    for (name, element) in body.iter().filter(|(k, _)| !k.starts_with('$')) {
        if name.contains('@') {
            continue; // an annotation of the schema
        }
        if let Some(overloads) = element.as_array() {
            for o in overloads {
                let o = o.as_object().ok_or_else(|| {
                    err(format!(
                        "`{namespace}.{name}`: an overload is not an object"
                    ))
                })?;
                s.operations.push(operation(name, o)?);
            }
            continue;
        }
        let Some(obj) = element.as_object() else {
            return Err(err(format!(
                "`{namespace}.{name}` is neither an object nor an array"
            )));
        };
        match obj.get("$Kind").and_then(Value::as_str) {
            Some("EntityType") | Some("ComplexType") => s.structured.push(structured(name, obj)?),
            Some("EnumType") => s.enums.push(enum_type(name, obj)?),
            Some("TypeDefinition") => s.type_definitions.push((
                name.clone(),
                string(obj, "$UnderlyingType").ok_or_else(|| {
                    err(format!("type definition `{name}` has no $UnderlyingType"))
                })?,
            )),
            Some("EntityContainer") => s.containers.push(container(name, obj)),
            Some("Term") => {}
            other => {
                return Err(err(format!(
                    "`{namespace}.{name}` has an unknown $Kind {other:?}"
                )))
            }
        }
    }
    Ok(s)
}

fn structured(name: &str, obj: &Map) -> Result<StructuredType, Error> {
    let mut t = StructuredType {
        name: name.to_owned(),
        entity: obj.get("$Kind").and_then(Value::as_str) == Some("EntityType"),
        base: string(obj, "$BaseType"),
        is_abstract: boolean(obj, "$Abstract", false),
        open: boolean(obj, "$OpenType", false),
        has_stream: boolean(obj, "$HasStream", false),
        ..StructuredType::default()
    };
    if let Some(key) = obj.get("$Key").and_then(Value::as_array) {
        for k in key {
            match k {
                Value::Str(s) => t.key.push(s.clone()),
                // An aliased key part `{"alias": "path"}`: a composite or path key.
                Value::Obj(m) => t
                    .key
                    .extend(m.iter().filter_map(|(_, v)| v.as_str()).map(str::to_owned)),
                _ => {
                    return Err(err(format!(
                        "`{name}`: a $Key part is neither a string nor an object"
                    )))
                }
            }
        }
    }
    for (pname, p) in obj
        .iter()
        .filter(|(k, _)| !k.starts_with('$') && !k.contains('@'))
    {
        let Some(p) = p.as_object() else {
            return Err(err(format!("property `{name}/{pname}` is not an object")));
        };
        let navigation = p.get("$Kind").and_then(Value::as_str) == Some("NavigationProperty");
        t.properties.push(Property {
            name: pname.clone(),
            ty: type_ref(p),
            nullable: boolean(p, "$Nullable", false),
            navigation,
            contains_target: boolean(p, "$ContainsTarget", false),
        });
    }
    Ok(t)
}

fn enum_type(name: &str, obj: &Map) -> Result<EnumType, Error> {
    let mut e = EnumType {
        name: name.to_owned(),
        flags: boolean(obj, "$IsFlags", false),
        underlying: string(obj, "$UnderlyingType"),
        members: Vec::new(),
    };
    for (member, value) in obj
        .iter()
        .filter(|(k, _)| !k.starts_with('$') && !k.contains('@'))
    {
        let value = value.as_i64().ok_or_else(|| {
            err(format!(
                "member `{name}/{member}` has a value that is not an integer"
            ))
        })?;
        e.members.push((member.clone(), value));
    }
    Ok(e)
}

fn operation(name: &str, obj: &Map) -> Result<Operation, Error> {
    let mut op = Operation {
        name: name.to_owned(),
        function: obj.get("$Kind").and_then(Value::as_str) == Some("Function"),
        bound: boolean(obj, "$IsBound", false),
        ..Operation::default()
    };
    for p in obj
        .get("$Parameter")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let p = p
            .as_object()
            .ok_or_else(|| err(format!("a parameter of `{name}` is not an object")))?;
        op.parameters.push(Parameter {
            name: string(p, "$Name")
                .ok_or_else(|| err(format!("a parameter of `{name}` has no $Name")))?,
            ty: type_ref(p),
            nullable: boolean(p, "$Nullable", false),
        });
    }
    if let Some(r) = obj.get("$ReturnType").and_then(Value::as_object) {
        op.returns = Some((type_ref(r), boolean(r, "$Nullable", false)));
    }
    Ok(op)
}

fn container(name: &str, obj: &Map) -> Container {
    let mut c = Container {
        name: name.to_owned(),
        ..Container::default()
    };
    for (member, m) in obj
        .iter()
        .filter(|(k, _)| !k.starts_with('$') && !k.contains('@'))
    {
        let Some(m) = m.as_object() else { continue };
        let Some(ty) = string(m, "$Type") else {
            continue;
        };
        if let Some(bindings) = m
            .get("$NavigationPropertyBinding")
            .and_then(|b| b.as_object())
        {
            for (path, target) in bindings.iter() {
                if let Some(target) = target.as_str() {
                    c.bindings
                        .push((member.clone(), path.clone(), target.to_owned()));
                }
            }
        }
        if boolean(m, "$Collection", false) {
            c.entity_sets.push((member.clone(), ty));
        } else if m.get("$Action").is_some() || m.get("$Function").is_some() {
            // action and function imports: not generated
        } else {
            c.singletons.push((member.clone(), ty));
        }
    }
    c
}

/// A JSON value whose objects keep their members in document order (CSDL JSON orders
/// properties and members by declaration).
enum Value {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Value>),
    Obj(Map),
}

/// An object's members in document order.
struct Map(Vec<(String, Value)>);

impl Map {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Num(n) => n.as_i64(),
            // OData 4.01 allows Int64 values as strings.
            Value::Str(s) => s.parse().ok(),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Arr(a) => Some(a),
            _ => None,
        }
    }
    fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Obj(m) => Some(m),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Num(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Num(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Num))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            members.push((k, v));
        }
        Ok(Value::Obj(Map(members)))
    }
}
