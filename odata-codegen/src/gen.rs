//! From a parsed document to Rust source: what to generate (selection, skips, polymorphic
//! enums, boxing, names), then the text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use crate::csdl::{Container, Document, EnumType, Operation, Property, StructuredType, TypeRef};
use crate::names::{
    field_ident, is_keyword, is_simple_identifier, keyword_safe, lower_camel, lower_first,
    module_ident, snake_case, unraw, upper_camel,
};
use crate::{Config, Error, Generated, ModuleLayout, Report, Skip, SkipKind};

/// A structured type of the document, by qualified name.
struct SType<'d> {
    ns: &'d str,
    t: &'d StructuredType,
}

/// What a type reference resolves to.
#[derive(Clone)]
enum Resolved {
    /// A primitive: the Rust path and whether plain serde reads it as OData does.
    Primitive(String, bool),
    Enum(String, bool),
    Struct(String),
}

struct Gen<'d> {
    cfg: &'d Config,
    structs: BTreeMap<String, SType<'d>>,
    enums: BTreeMap<String, (&'d str, &'d EnumType)>,
    typedefs: HashMap<String, String>,
    /// Generated structured types (qualified), in document order.
    order: Vec<String>,
    generated: HashSet<String>,
    generated_enums: Vec<String>,
    /// Entity types without a key or base, generated `keyless` (Graph's singletons' types).
    keyless: HashSet<String>,
    /// Structured types skipped, with the reason.
    skipped_types: BTreeMap<String, String>,
    /// Direct generated subtypes.
    children: HashMap<String, Vec<String>>,
    /// Rust names: qualified OData name -> (module path, ident).
    rust: HashMap<String, (Vec<String>, String)>,
    /// Polymorphic enums: base qualified name -> (ident, concrete subtypes).
    poly: BTreeMap<String, (String, Vec<String>)>,
    report: Report,
    used_names: HashMap<Vec<String>, HashSet<String>>,
    /// Entity types with a `delta` function bound to their collection: qualified name ->
    /// the function's namespace and declaration (emitted as `#[odata(delta)]`).
    delta: BTreeMap<String, (&'d str, &'d Operation)>,
}

pub fn generate(cfg: &Config, doc: &Document) -> Result<Generated, Error> {
    let mut g = Gen {
        cfg,
        structs: BTreeMap::new(),
        enums: BTreeMap::new(),
        typedefs: HashMap::new(),
        order: Vec::new(),
        generated: HashSet::new(),
        generated_enums: Vec::new(),
        keyless: HashSet::new(),
        skipped_types: BTreeMap::new(),
        children: HashMap::new(),
        rust: HashMap::new(),
        poly: BTreeMap::new(),
        report: Report::default(),
        used_names: HashMap::new(),
        delta: BTreeMap::new(),
    };
    let mut doc_order = Vec::new();
    let mut enum_order = Vec::new();
    for s in &doc.schemas {
        for t in &s.structured {
            let q = format!("{}.{}", s.namespace, t.name);
            doc_order.push(q.clone());
            g.structs.insert(
                q,
                SType {
                    ns: &s.namespace,
                    t,
                },
            );
        }
        for e in &s.enums {
            let q = format!("{}.{}", s.namespace, e.name);
            enum_order.push(q.clone());
            g.enums.insert(q, (&s.namespace, e));
        }
        for (name, ty) in &s.type_definitions {
            g.typedefs
                .insert(format!("{}.{name}", s.namespace), ty.clone());
        }
    }
    for ns in &cfg.namespaces {
        if !doc.schemas.iter().any(|s| &s.namespace == ns) {
            return Err(Error::Config(format!(
                "namespace `{ns}` is not in the document"
            )));
        }
    }
    let in_ns = |ns: &str| cfg.namespaces.is_empty() || cfg.namespaces.iter().any(|n| n == ns);
    for s in doc.schemas.iter().filter(|s| in_ns(&s.namespace)) {
        let module = g.module_of(&s.namespace);
        if let Some(first) = module
            .first()
            .filter(|m| ["codegen_report", REGISTRY].contains(&unraw(m)))
        {
            return Err(Error::Config(format!(
                "namespace `{}` would be the module `{first}`, which the generated file uses itself: give it another path with `module`",
                s.namespace
            )));
        }
    }
    let selected = g.select(&doc_order, &enum_order, &in_ns)?;
    g.decide_types(&doc_order, &selected.0);
    for q in enum_order.iter().filter(|q| selected.1.contains(*q)) {
        let e = g.enums[q].1;
        let reason = if e.members.is_empty() {
            Some("enumeration type without members: the derive needs at least one")
        } else if !is_simple_identifier(&e.name) {
            Some("not an OData identifier")
        } else {
            None
        };
        match reason {
            Some(r) => {
                g.skipped_types.insert(q.clone(), r.to_owned());
                g.skip(SkipKind::EnumType, q.clone(), r);
            }
            None => g.generated_enums.push(q.clone()),
        }
    }
    g.assign_names();
    let props = g.resolve_properties();
    g.find_polymorphic(&props);
    // The registry reads a value of any type as that type or any of its subtypes.
    for q in g.order.clone() {
        g.want_poly(&q);
    }
    let boxed = g.find_boxed(&props);
    let ops = g.resolve_operations(doc, &in_ns, &props);
    let containers = g.resolve_containers(doc, &in_ns, &props);
    Ok(g.emit(&props, &boxed, &ops, &containers))
}

/// A property as it will be generated.
struct Prop<'d> {
    p: &'d Property,
    resolved: Resolved,
    ident: String,
    key: bool,
    each: Option<String>,
}

/// A bound operation as it will be generated.
struct Op<'d> {
    ns: &'d str,
    op: &'d Operation,
    binding: String,
    /// The Rust method when it is not the name in snake_case (overloads), written
    /// `method = "..."`.
    method: Option<String>,
    params_struct: Option<String>,
    returns: Option<String>,
}

impl Op<'_> {
    /// Bound to `Collection(T)` rather than to one `T`.
    fn collection(&self) -> bool {
        self.op.parameters.first().is_some_and(|p| p.ty.collection)
    }

    /// `ns.name(T)` or `ns.name(Collection(T))`, as skips name operations.
    fn display(&self) -> String {
        if self.collection() {
            format!("{}.{}(Collection({}))", self.ns, self.op.name, self.binding)
        } else {
            format!("{}.{}({})", self.ns, self.op.name, self.binding)
        }
    }
}

/// Gives each overload of one operation name bound to one type a method of its own: the one
/// with the fewest parameters keeps the plain method (`range`) when no other has as few; each
/// other is named after its parameters, `range_with_address`, `cell_with_row_and_column`
/// (the OData names in snake_case), `_2`, `_3`, ... appended should that be taken. `claim`
/// takes a method name for the binding type and says whether it was free. Overloads are
/// ordered by parameter count, then by parameter names, so the result does not depend on the
/// document's order.
fn overload_methods(group: &mut [Op<'_>], method: &str, mut claim: impl FnMut(&str) -> bool) {
    let names = |c: &Op<'_>| -> Vec<String> {
        c.op.parameters[1..]
            .iter()
            .map(|p| snake_case(&p.name))
            .collect()
    };
    let mut order: Vec<usize> = (0..group.len()).collect();
    order.sort_by_cached_key(|&i| (group[i].op.parameters.len(), names(&group[i])));
    let count = |i: usize| group[order[i]].op.parameters.len();
    let keeps_plain = count(0) < count(1);
    for (rank, &i) in order.iter().enumerate() {
        if rank == 0 && keeps_plain {
            continue;
        }
        let c = &mut group[i];
        let params = names(c);
        let base = if params.is_empty() {
            format!("{method}_without_parameters")
        } else {
            format!("{method}_with_{}", params.join("_and_"))
        };
        let mut chosen = base.clone();
        let mut n = 2;
        while !claim(&chosen) {
            chosen = format!("{base}_{n}");
            n += 1;
        }
        c.method = Some(chosen);
    }
}

/// The keys of an operation attribute that only the model (`$metadata`) reads, each written
/// only when it differs from the derive's default: the binding parameter's name when it is not
/// `bindingParameter`, `nullable_binding` and `nullable_return`.
fn operation_model_keys(a: &mut String, op: &Operation) {
    if let Some(binding) = op.parameters.first() {
        if binding.name != "bindingParameter" {
            let _ = write!(a, ", binding_parameter = \"{}\"", binding.name);
        }
        if binding.nullable {
            a.push_str(", nullable_binding");
        }
    }
    if op.returns.as_ref().is_some_and(|(_, nullable)| *nullable) {
        a.push_str(", nullable_return");
    }
}

/// Methods of `request::CollectionPath` itself (and of its delta queries): an operation bound
/// to a collection and named like one would be hidden by it.
const COLLECTION_METHODS: &[&str] = &["by_id", "list", "create", "path", "delta", "delta_from"];

struct ContainerOut {
    ns: String,
    name: String,
    members: Vec<(String, String, bool, String)>, // ident, odata name, set?, entity type
    bindings: Vec<(String, String, String)>,      // odata member name, path, target
}

impl<'d> Gen<'d> {
    fn skip(&mut self, kind: SkipKind, name: String, reason: impl Into<String>) {
        self.report.skipped.push(Skip {
            kind,
            name,
            reason: reason.into(),
        });
    }

    /// The selected structured and enum types.
    fn select(
        &mut self,
        doc_order: &[String],
        enum_order: &[String],
        in_ns: &dyn Fn(&str) -> bool,
    ) -> Result<(HashSet<String>, HashSet<String>), Error> {
        let mut structs = HashSet::new();
        let mut enums = HashSet::new();
        if self.cfg.types.is_empty() {
            for q in doc_order {
                if in_ns(self.structs[q].ns) {
                    structs.insert(q.clone());
                }
            }
            for q in enum_order {
                if in_ns(self.enums[q].0) {
                    enums.insert(q.clone());
                }
            }
            return Ok((structs, enums));
        }
        let mut stack = Vec::new();
        for t in &self.cfg.types {
            if !self.structs.contains_key(t) && !self.enums.contains_key(t) {
                return Err(Error::Config(format!("type `{t}` is not in the document")));
            }
            stack.push(t.clone());
        }
        while let Some(q) = stack.pop() {
            if self.enums.contains_key(&q) {
                enums.insert(q);
                continue;
            }
            let Some(st) = self.structs.get(&q) else {
                continue;
            };
            if !structs.insert(q.clone()) {
                continue;
            }
            stack.extend(st.t.base.iter().cloned());
            for p in st.t.properties.iter().filter(|p| !p.navigation) {
                stack.push(
                    self.typedefs
                        .get(&p.ty.name)
                        .cloned()
                        .unwrap_or(p.ty.name.clone()),
                );
            }
        }
        Ok((structs, enums))
    }

    /// The base chain, nearest first.
    fn chain(&self, q: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = self.structs.get(q).and_then(|s| s.t.base.clone());
        while let Some(b) = cur {
            if out.contains(&b) {
                break;
            }
            cur = self.structs.get(&b).and_then(|s| s.t.base.clone());
            out.push(b);
        }
        out
    }

    fn has_key(&self, q: &str) -> bool {
        std::iter::once(q.to_owned())
            .chain(self.chain(q))
            .any(|t| self.structs.get(&t).is_some_and(|s| !s.t.key.is_empty()))
    }

    /// Which selected types are generated or skipped.
    fn decide_types(&mut self, doc_order: &[String], selected: &HashSet<String>) {
        let mut skipped: BTreeMap<String, String> = BTreeMap::new();
        for q in doc_order.iter().filter(|q| selected.contains(*q)) {
            let t = self.structs[q].t;
            let reason = if !is_simple_identifier(&t.name) {
                Some(format!("`{}` is not an OData identifier", t.name))
            } else if t.entity && !t.key.is_empty() {
                // Each key property declared on the type itself, of a type the derive takes
                // as a key (composite keys are fine).
                let own: Vec<Result<&Property, &String>> = t
                    .key
                    .iter()
                    .map(|k| t.properties.iter().find(|p| &p.name == k).ok_or(k))
                    .collect();
                let chain_has_key = t.base.as_ref().is_some_and(|b| self.has_key(b));
                const KEY_TYPES: [&str; 7] = [
                    "Edm.String",
                    "Edm.Int16",
                    "Edm.Int32",
                    "Edm.Int64",
                    "Edm.Byte",
                    "Edm.SByte",
                    "Edm.Guid",
                ];
                let missing = own.iter().find_map(|r| r.err());
                let bad_type = own
                    .iter()
                    .filter_map(|r| r.ok())
                    .find(|p| !KEY_TYPES.contains(&p.ty.name.as_str()) || p.ty.collection);
                match (missing, bad_type) {
                    _ if chain_has_key => {
                        Some("declares a key although its base type has one".into())
                    }
                    (Some(k), _) => Some(format!(
                        "key property `{k}` is not declared on the type itself"
                    )),
                    (_, Some(p)) => Some(format!(
                        "key `{}` is of type {}: the derive takes string, integer and GUID keys",
                        p.name, p.ty.name
                    )),
                    // A key beside a base without one (Graph's abstract `policyDeletableItem`):
                    // the derive takes a key of the subtype's own when its base has none.
                    _ => None,
                }
            } else if t.entity && !self.has_key(q) {
                // A type without a key: a singleton's, or an abstract base whose subtypes
                // declare their keys. `keyless` (its subtypes, if any, inherit "no key" through
                // their base field, or declare their own).
                if t.base.is_none() {
                    self.keyless.insert(q.clone());
                }
                None
            } else {
                None
            };
            if let Some(r) = reason {
                skipped.insert(q.clone(), r);
            }
        }
        // Cascade: a type whose base is skipped or not generated.
        loop {
            let mut changed = false;
            for q in doc_order.iter().filter(|q| selected.contains(*q)) {
                if skipped.contains_key(q) {
                    continue;
                }
                let t = self.structs[q].t;
                let Some(b) = &t.base else { continue };
                let reason = if let Some(r) = skipped.get(b) {
                    let _ = r;
                    Some(format!("its base type `{b}` is skipped"))
                } else if !self.structs.contains_key(b) {
                    Some(format!("its base type `{b}` is not in the document"))
                } else if !selected.contains(b) {
                    Some(format!(
                        "its base type `{b}` is not generated (not selected)"
                    ))
                } else if self.structs[b].t.entity != t.entity {
                    Some(format!(
                        "its base type `{b}` is of the other kind (entity/complex)"
                    ))
                } else {
                    None
                };
                if let Some(r) = reason {
                    skipped.insert(q.clone(), r);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for q in doc_order.iter().filter(|q| selected.contains(*q)) {
            if skipped.contains_key(q) {
                continue;
            }
            self.order.push(q.clone());
            self.generated.insert(q.clone());
            if let Some(b) = &self.structs[q].t.base {
                self.children.entry(b.clone()).or_default().push(q.clone());
            }
        }
        for (q, r) in &skipped {
            self.report.skipped.push(Skip {
                kind: SkipKind::Type,
                name: q.clone(),
                reason: r.clone(),
            });
        }
        self.skipped_types.extend(skipped);
    }

    fn module_of(&self, ns: &str) -> Vec<String> {
        if let Some(path) = self.cfg.modules.get(ns) {
            return path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
        }
        match self.cfg.layout {
            ModuleLayout::Nested => ns.split('.').map(module_ident).collect(),
            ModuleLayout::Flat => vec![ns
                .split('.')
                .map(|s| unraw(&module_ident(s)).to_owned())
                .collect::<Vec<_>>()
                .join("_")],
        }
    }

    /// Claims a type name in a module: the wanted one or, if taken, with a number.
    fn claim(&mut self, module: &[String], wanted: String) -> String {
        let used = self.used_names.entry(module.to_vec()).or_default();
        let mut name = wanted.clone();
        let mut n = 2;
        while used.contains(&name) || is_keyword(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        if name != wanted {
            self.report.renamed += 1;
        }
        used.insert(name.clone());
        name
    }

    fn assign_names(&mut self) {
        let mut all: Vec<(String, String)> = Vec::new();
        for q in &self.order {
            all.push((q.clone(), self.structs[q].ns.to_owned()));
        }
        for q in &self.generated_enums {
            all.push((q.clone(), self.enums[q].0.to_owned()));
        }
        // Reserve the module names a namespace's children take in the parent module.
        for (_, ns) in &all {
            let m = self.module_of(ns);
            for i in 0..m.len() {
                self.used_names
                    .entry(m[..i].to_vec())
                    .or_default()
                    .insert(m[i].clone());
            }
        }
        for (q, ns) in all {
            let module = self.module_of(&ns);
            let local = q.rsplit('.').next().unwrap_or(&q);
            let ident = self.claim(&module, upper_camel(local));
            self.rust.insert(q, (module, ident));
        }
    }

    /// A path to `q` from module `from`.
    fn path(&self, from: &[String], q: &str) -> String {
        let (module, ident) = &self.rust[q];
        relative(from, module, ident)
    }

    fn resolve(&self, from: &[String], ty: &TypeRef) -> Result<Resolved, String> {
        let name = self.typedefs.get(&ty.name).unwrap_or(&ty.name);
        if name.starts_with("Edm.") {
            return match self.cfg.edm_types.get(name.as_str()) {
                Some(rust) => {
                    let serde_native = matches!(
                        name.as_str(),
                        "Edm.String"
                            | "Edm.Boolean"
                            | "Edm.Byte"
                            | "Edm.SByte"
                            | "Edm.Int16"
                            | "Edm.Int32"
                            | "Edm.Untyped"
                    );
                    Ok(Resolved::Primitive(
                        rust.replace("{runtime}", &self.cfg.runtime),
                        serde_native,
                    ))
                }
                None => Err(format!("Edm type `{name}` is not supported")),
            };
        }
        if self.enums.contains_key(name) {
            if let Some(r) = self.skipped_types.get(name) {
                return Err(format!("its type `{name}` is skipped ({r})"));
            }
            if !self.rust.contains_key(name) {
                return Err(format!(
                    "enum type `{name}` is not generated (not selected)"
                ));
            }
            return Ok(Resolved::Enum(
                self.path(from, name),
                self.enums[name].1.flags,
            ));
        }
        if self.generated.contains(name) {
            return Ok(Resolved::Struct(name.clone()));
        }
        if let Some(r) = self.skipped_types.get(name) {
            return Err(format!("its type `{name}` is skipped ({r})"));
        }
        if self.structs.contains_key(name) {
            return Err(format!("its type `{name}` is not generated (not selected)"));
        }
        Err(format!("its type `{name}` is not in the document"))
    }

    /// The own properties of each generated type.
    fn resolve_properties(&mut self) -> HashMap<String, Vec<Prop<'d>>> {
        let mut out = HashMap::new();
        for q in self.order.clone() {
            let st = &self.structs[&q];
            let (ns, t) = (st.ns, st.t);
            let module = self.rust[&q].0.clone();
            let sources: [&'d StructuredType; 1] = [t];
            let mut props = Vec::new();
            let mut seen = HashSet::new();
            for src in sources {
                for p in &src.properties {
                    let full = format!("{ns}.{}/{}", t.name, p.name);
                    let kind = if p.navigation {
                        SkipKind::Navigation
                    } else {
                        SkipKind::Property
                    };
                    if !is_simple_identifier(&p.name) {
                        self.skip(
                            kind,
                            full,
                            format!("`{}` is not an OData identifier", p.name),
                        );
                        continue;
                    }
                    if !seen.insert(p.name.clone()) {
                        self.skip(kind, full, "declared twice".to_string());
                        continue;
                    }
                    let resolved = match self.resolve(&module, &p.ty) {
                        Ok(r) => r,
                        Err(reason) => {
                            self.skip(kind, full, reason);
                            continue;
                        }
                    };
                    if p.navigation {
                        match &resolved {
                            Resolved::Struct(target) if self.structs[target].t.entity => {}
                            _ => {
                                self.skip(
                                    kind,
                                    full,
                                    "navigation to a type that is not an entity type".to_string(),
                                );
                                continue;
                            }
                        }
                    }
                    let key = t.entity && t.key.contains(&p.name);
                    props.push(Prop {
                        p,
                        resolved,
                        ident: field_ident(&p.name),
                        key,
                        each: None,
                    });
                }
            }
            out.insert(q, props);
        }
        out
    }

    /// Concrete generated subtypes of `q`, transitively, in document order.
    fn subtypes(&self, q: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![q.to_owned()];
        while let Some(t) = stack.pop() {
            for c in self.children.get(&t).into_iter().flatten() {
                if !self.structs[c].t.is_abstract {
                    out.push(c.clone());
                }
                stack.push(c.clone());
            }
        }
        let pos: HashMap<&String, usize> =
            self.order.iter().enumerate().map(|(i, q)| (q, i)).collect();
        out.sort_by_key(|q| pos[q]);
        out
    }

    fn want_poly(&mut self, q: &str) {
        if self.poly.contains_key(q) {
            return;
        }
        let subs = self.subtypes(q);
        if subs.is_empty() {
            return;
        }
        let module = self.rust[q].0.clone();
        let ident = self.claim(&module, format!("Any{}", self.rust[q].1));
        self.poly.insert(q.to_owned(), (ident, subs));
    }

    fn find_polymorphic(&mut self, props: &HashMap<String, Vec<Prop<'d>>>) {
        let mut wanted = BTreeSet::new();
        for q in &self.order {
            for p in &props[q] {
                // Expanded navigation holds subtypes too (a group's `members`: users, groups).
                if let Resolved::Struct(t) = &p.resolved {
                    wanted.insert(t.clone());
                }
            }
        }
        for q in wanted {
            self.want_poly(&q);
        }
    }

    /// The single-valued properties to box: those inside a cycle of by-value containment, and
    /// every single-valued navigation property. An expanded entity is read rarely, and inline
    /// it would make its holder as large as the whole graph of types it reaches (in Graph, a
    /// `sharedDriveItem` held its drive item, list, site and their own navigation inline: a
    /// value of hundreds of KB and, unoptimised, a reader's stack frame of as much).
    fn find_boxed(&self, props: &HashMap<String, Vec<Prop<'d>>>) -> HashSet<(String, String)> {
        let index: HashMap<&String, usize> =
            self.order.iter().enumerate().map(|(i, q)| (q, i)).collect();
        let targets = |q: &String, p: &Prop| -> Vec<usize> {
            let Resolved::Struct(t) = &p.resolved else {
                return Vec::new();
            };
            if p.p.ty.collection {
                return Vec::new();
            }
            let mut v = vec![index[t]];
            if let Some((_, subs)) = self.poly.get(t) {
                v.extend(subs.iter().map(|s| index[s]));
            }
            let _ = q;
            v
        };
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); self.order.len()];
        for (i, q) in self.order.iter().enumerate() {
            if let Some(b) = &self.structs[q].t.base {
                edges[i].push(index[b]);
            }
            for p in &props[q] {
                edges[i].extend(targets(q, p));
            }
        }
        let scc = tarjan(&edges);
        let mut boxed = HashSet::new();
        for (i, q) in self.order.iter().enumerate() {
            for p in &props[q] {
                let navigation = p.p.navigation && !p.p.ty.collection;
                if navigation || targets(q, p).iter().any(|&t| scc[t] == scc[i]) {
                    boxed.insert((q.clone(), p.p.name.clone()));
                }
            }
        }
        boxed
    }

    /// The Rust type of a property or parameter value (without `Option`).
    fn rust_type(
        &self,
        from: &[String],
        r: &Resolved,
        collection: bool,
        poly: bool,
        boxed: bool,
        serde: bool,
    ) -> String {
        let item = match r {
            Resolved::Primitive(path, native) => {
                if serde && !native {
                    format!("{}::edm::Edm<{path}>", self.cfg.runtime)
                } else {
                    path.clone()
                }
            }
            Resolved::Enum(path, flags) => {
                if *flags {
                    let f = format!("{}::Flags<{path}>", self.cfg.runtime);
                    if serde {
                        format!("{}::edm::Edm<{f}>", self.cfg.runtime)
                    } else {
                        f
                    }
                } else {
                    path.clone()
                }
            }
            Resolved::Struct(q) => match self.poly.get(q).filter(|_| poly) {
                Some((ident, _)) => relative(from, &self.rust[q].0, ident),
                None => self.path(from, q),
            },
        };
        if collection {
            format!("Vec<{item}>")
        } else if boxed {
            format!("Box<{item}>")
        } else {
            item
        }
    }

    fn resolve_operations(
        &mut self,
        doc: &'d Document,
        in_ns: &dyn Fn(&str) -> bool,
        props: &HashMap<String, Vec<Prop<'d>>>,
    ) -> BTreeMap<String, Vec<Op<'d>>> {
        let mut candidates: Vec<Op<'d>> = Vec::new();
        for s in doc.schemas.iter().filter(|s| in_ns(&s.namespace)) {
            for op in &s.operations {
                let ns = s.namespace.as_str();
                let binding = op.parameters.first().map(|p| p.ty.clone());
                let display = format!(
                    "{ns}.{}({})",
                    op.name,
                    binding.as_ref().map_or(String::new(), |b| if b.collection {
                        format!("Collection({})", b.name)
                    } else {
                        b.name.clone()
                    })
                );
                let Some(binding) = binding.filter(|_| op.bound) else {
                    self.skip(
                        SkipKind::UnboundOperation,
                        display,
                        "unbound operations (action and function imports) are not generated",
                    );
                    continue;
                };
                if self.is_delta_function(op, &binding) {
                    // The derive's `delta`: the collection paths' `delta()` and
                    // `delta_from(link)`, and the function in the model (one per type).
                    if let std::collections::btree_map::Entry::Vacant(e) =
                        self.delta.entry(binding.name.clone())
                    {
                        e.insert((ns, op));
                        self.report.delta_functions += 1;
                    }
                    continue;
                }
                let reason = if !self.generated.contains(&binding.name) {
                    Some(format!("binding type `{}` is not generated", binding.name))
                } else if !self.structs[&binding.name].t.entity {
                    Some(
                        "bound to a complex type: the derive binds operations to entity types"
                            .to_string(),
                    )
                } else if !is_simple_identifier(&op.name) {
                    Some(format!("the name `{}` is not an OData identifier", op.name))
                } else if !is_simple_identifier(&op.parameters[0].name) {
                    Some(format!(
                        "the binding parameter's name `{}` is not an OData identifier",
                        op.parameters[0].name
                    ))
                } else if self.structs.contains_key(&format!("{ns}.{}", op.name))
                    || self.enums.contains_key(&format!("{ns}.{}", op.name))
                    || s.containers.iter().any(|c| c.name == op.name)
                {
                    Some(format!("named like the type `{ns}.{}`: the document is invalid here, a schema holds one item per name (OData CSDL 4.01, 3.1, and CSDL JSON, whose schema object has one member per name), and `odata_core::csdl` writes valid CSDL", op.name))
                } else {
                    None
                };
                if let Some(r) = reason {
                    self.skip(SkipKind::BoundOperation, display, r);
                    continue;
                }
                let module = self.rust[&binding.name].0.clone();
                let returns = match &op.returns {
                    None => Ok(None),
                    Some((ty, _)) => self.resolve(&module, ty).map(|r| {
                        Some(self.rust_type(&module, &r, ty.collection, true, false, false))
                    }),
                };
                let returns = match returns {
                    Ok(r) => r,
                    Err(reason) => {
                        self.skip(
                            SkipKind::BoundOperation,
                            display,
                            format!("return type: {reason}"),
                        );
                        continue;
                    }
                };
                if let Some((ty, _)) = &op.returns {
                    if let Ok(Resolved::Struct(q)) = self.resolve(&module, ty) {
                        self.want_poly(&q);
                    }
                }
                let mut bad = None;
                for p in &op.parameters[1..] {
                    if let Err(reason) = self.resolve(&module, &p.ty) {
                        bad = Some(format!("parameter `{}`: {reason}", p.name));
                    } else if !is_simple_identifier(&p.name) {
                        bad = Some(format!("parameter `{}` is not an identifier", p.name));
                    }
                }
                if let Some(r) = bad {
                    self.skip(SkipKind::BoundOperation, display, r);
                    continue;
                }
                let _ = props;
                candidates.push(Op {
                    ns,
                    op,
                    binding: binding.name.clone(),
                    method: None,
                    params_struct: None,
                    returns,
                });
            }
        }
        // An action and a function of one name in one namespace (Graph's `delta`):
        // `odata_core::csdl` writes one kind per operation name and refuses the model otherwise. The kind with fewer operations of that name is skipped (actions on a tie).
        let mut kinds: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
        for c in &candidates {
            let e = kinds.entry((c.ns, c.op.name.as_str())).or_default();
            if c.op.function {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
        let mut kept = Vec::with_capacity(candidates.len());
        for c in candidates {
            let (actions, functions) = kinds[&(c.ns, c.op.name.as_str())];
            let skip_functions = functions < actions;
            if actions > 0 && functions > 0 && c.op.function == skip_functions {
                let (kind, other) = if c.op.function {
                    ("a function", "actions")
                } else {
                    ("an action", "functions")
                };
                self.skip(
                    SkipKind::BoundOperation,
                    c.display(),
                    format!("{kind} named like {other} of the same namespace: the document is invalid here, an action's or a function's name is unique within its schema, overloads of one kind aside (OData CSDL 4.01, 12.1 and 12.3), and `odata_core::csdl` writes valid CSDL; the {other} are generated"),
                );
                continue;
            }
            kept.push(c);
        }
        let candidates = kept;
        // Overloads: several operations of one name bound to one type each get a method of
        // their own (see `overload_methods`); then an operation named like a navigation
        // property of the type is skipped.
        let mut groups: BTreeMap<(String, bool, String), Vec<(usize, Op<'d>)>> = BTreeMap::new();
        for (i, mut c) in candidates.into_iter().enumerate() {
            let mut method = snake_case(&c.op.name);
            // Bound to a collection and named like a method of every collection path
            // (`create`, `delta`): the kind is appended, `create_action`.
            if c.collection() && COLLECTION_METHODS.contains(&method.as_str()) {
                let kind = if c.op.function { "function" } else { "action" };
                method = format!("{method}_{kind}");
                c.method = Some(method.clone());
                self.report.renamed += 1;
            }
            let key = (c.binding.clone(), c.collection(), method);
            groups.entry(key).or_default().push((i, c));
        }
        let mut taken: HashSet<(String, bool, String)> = groups.keys().cloned().collect();
        // Each type's operations in the document's order.
        let mut by_type: BTreeMap<String, Vec<(usize, Op<'d>)>> = BTreeMap::new();
        for ((binding, collection, method), group) in groups {
            let (mut order, mut group): (Vec<usize>, Vec<Op<'d>>) = group.into_iter().unzip();
            if group.len() > 1 && group.iter().any(|c| !c.op.function) {
                // CSDL overloads actions by binding type only: the document is invalid, and
                // `odata_core::csdl` would refuse the model. The action with the fewest
                // parameters is generated.
                let fewest = (0..group.len())
                    .min_by_key(|&i| group[i].op.parameters.len())
                    .unwrap_or(0);
                group.swap(0, fewest);
                order.swap(0, fewest);
                order.truncate(1);
                for c in group.drain(1..) {
                    self.skip(
                        SkipKind::BoundOperation,
                        c.display(),
                        format!("a second action `{}` bound to one type: CSDL overloads actions by binding type only (OData CSDL 4.01, 12.2), so the document is invalid; the one with the fewest parameters is generated", c.op.name),
                    );
                }
            }
            if group.len() > 1 {
                let navigation = |m: &str| {
                    !collection
                        && props[&binding]
                            .iter()
                            .any(|p| p.p.navigation && unraw(&p.ident) == m)
                };
                overload_methods(&mut group, &method, |m| {
                    !navigation(m) && taken.insert((binding.clone(), collection, m.to_owned()))
                });
                self.report.overload_methods += group.iter().filter(|c| c.method.is_some()).count();
            }
            by_type
                .entry(binding.clone())
                .or_default()
                .extend(order.into_iter().zip(group));
        }
        let mut kept: BTreeMap<String, Vec<Op<'d>>> = BTreeMap::new();
        for mut ops in by_type.into_values() {
            ops.sort_by_key(|(i, _)| *i);
            for (_, mut c) in ops {
                let method = c.method.clone().unwrap_or_else(|| snake_case(&c.op.name));
                let display = c.display();
                let nav_clash = !c.collection()
                    && props[&c.binding]
                        .iter()
                        .any(|p| p.p.navigation && unraw(&p.ident) == method);
                if nav_clash {
                    self.skip(SkipKind::BoundOperation, display, format!("method `{method}` would clash with the navigation property of the same name"));
                    continue;
                }
                if c.op.parameters.len() > 1 {
                    let module = self.rust[&c.binding].0.clone();
                    let wanted = format!(
                        "{}{}Parameters",
                        self.rust[&c.binding].1,
                        upper_camel(c.method.as_deref().unwrap_or(&c.op.name))
                    );
                    c.params_struct = Some(self.claim(&module, wanted));
                }
                if let Some((ty, _)) = &c.op.returns {
                    let module = self.rust[&c.binding].0.clone();
                    if ty.collection
                        || !matches!(self.resolve(&module, ty), Ok(Resolved::Struct(_)))
                    {
                        self.report.value_returns += 1;
                    }
                }
                kept.entry(c.binding.clone()).or_default().push(c);
            }
        }
        self.report.bound_operations = kept.values().map(Vec::len).sum();
        kept
    }

    /// The parameters of a bound operation as a complex type of our derive: a function's
    /// request writes each property as a parameter in the URL, an action's writes them as the
    /// body's JSON object, and the static model (so the CSDL written from it) has each
    /// parameter's name, Edm type and nullability. With `plain_serde`, the same struct with
    /// plain serde derives (see `Config::emit_plain_serde`).
    fn operation_parameters(
        &self,
        module: &[String],
        q: &str,
        op: &Op<'d>,
        name: &str,
        crate_attr: &str,
    ) -> String {
        let rt = &self.cfg.runtime;
        let serde = self.cfg.plain_serde;
        let mut s = String::new();
        let kind = if op.op.function { "function" } else { "action" };
        let _ = writeln!(
            s,
            "/// The parameters of the {kind} `{}.{}` bound to `{q}`.",
            op.ns, op.op.name
        );
        if serde {
            let _ = writeln!(
                s,
                "#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]"
            );
        } else {
            let _ = writeln!(s, "#[derive({rt}::ODataEntity, Clone, Debug, PartialEq)]");
            let _ = writeln!(
                s,
                "#[odata(namespace = \"{}\", complex{crate_attr})]",
                op.ns
            );
        }
        let _ = writeln!(s, "pub struct {name} {{");
        let mut used = HashSet::new();
        for p in &op.op.parameters[1..] {
            let r = self.resolve(module, &p.ty).expect("checked");
            let ty = match &r {
                // `Flags<E>` needs our enum derive; its JSON form is a string.
                Resolved::Enum(_, true) if serde && p.ty.collection => "Vec<String>".into(),
                Resolved::Enum(_, true) if serde => "String".into(),
                r => self.rust_type(module, r, p.ty.collection, true, false, serde),
            };
            let f = unique_field(&mut used, field_ident(&p.name));
            let _ = writeln!(s, "    /// `{}`.", p.name);
            if serde {
                let optional = if p.nullable {
                    ", default, skip_serializing_if = \"Option::is_none\""
                } else {
                    ""
                };
                let _ = writeln!(s, "    #[serde(rename = \"{}\"{optional})]", p.name);
            } else if lower_camel(unraw(&f)) != p.name {
                let _ = writeln!(s, "    #[odata(rename = \"{}\")]", p.name);
            }
            if p.nullable {
                let _ = writeln!(s, "    pub {f}: Option<{ty}>,");
            } else {
                let _ = writeln!(s, "    pub {f}: {ty},");
            }
        }
        s.push_str("}\n");
        s
    }

    /// A parameterless function named `delta`, bound to `Collection(T)` of a generated entity
    /// type `T` with a key, returning `Collection(T)`: Graph's delta query.
    fn is_delta_function(&self, op: &Operation, binding: &TypeRef) -> bool {
        op.function
            && op.name == "delta"
            && op.parameters.len() == 1
            && binding.collection
            && self.generated.contains(&binding.name)
            && self.structs[&binding.name].t.entity
            && !self.keyless.contains(&binding.name)
            && op
                .returns
                .as_ref()
                .is_some_and(|(ty, _)| ty.collection && ty.name == binding.name)
    }

    fn resolve_containers(
        &mut self,
        doc: &'d Document,
        in_ns: &dyn Fn(&str) -> bool,
        props: &HashMap<String, Vec<Prop<'d>>>,
    ) -> Vec<ContainerOut> {
        let mut out = Vec::new();
        for s in doc.schemas.iter().filter(|s| in_ns(&s.namespace)) {
            for c in &s.containers {
                let module = self.module_of(&s.namespace);
                let name = self.claim(&module, upper_camel(&c.name));
                let mut members = Vec::new();
                let mut idents = HashSet::new();
                for (set, (mname, ty)) in c
                    .entity_sets
                    .iter()
                    .map(|m| (true, m))
                    .chain(c.singletons.iter().map(|m| (false, m)))
                {
                    let display = format!("{}.{}/{mname}", s.namespace, c.name);
                    if !is_simple_identifier(mname) {
                        self.skip(
                            SkipKind::ContainerMember,
                            display,
                            "not an OData identifier",
                        );
                        continue;
                    }
                    if !self.generated.contains(ty) || !self.structs[ty].t.entity {
                        let why = self
                            .skipped_types
                            .get(ty)
                            .cloned()
                            .unwrap_or_else(|| "not generated".into());
                        self.skip(
                            SkipKind::ContainerMember,
                            display,
                            format!("its entity type `{ty}` is not generated ({why})"),
                        );
                        continue;
                    }
                    let ident = unique_field(&mut idents, field_ident(mname));
                    let path = self.path(&module, ty);
                    members.push((ident, mname.clone(), set, path));
                    if set {
                        self.report.entity_sets += 1;
                    } else {
                        self.report.singletons += 1;
                    }
                }
                let bindings = self.resolve_bindings(s.namespace.as_str(), c, &members, props);
                out.push(ContainerOut {
                    ns: s.namespace.clone(),
                    name,
                    members,
                    bindings,
                });
            }
        }
        out
    }

    /// The navigation property bindings of the generated members whose path starts with a
    /// generated navigation or structured property (or a type cast) and whose target starts with
    /// a generated member; the others are skipped with the reason.
    fn resolve_bindings(
        &mut self,
        ns: &str,
        c: &Container,
        members: &[(String, String, bool, String)],
        props: &HashMap<String, Vec<Prop<'d>>>,
    ) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let types: HashMap<&str, &str> = c
            .entity_sets
            .iter()
            .chain(&c.singletons)
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        for (member, path, target) in &c.bindings {
            let display = format!("{ns}.{}/{member}/{path}", c.name);
            let generated = |name: &str| members.iter().any(|m| m.1 == name);
            if !generated(member) {
                self.skip(
                    SkipKind::NavigationBinding,
                    display,
                    format!("the member `{member}` is not generated"),
                );
                continue;
            }
            let valid = path
                .split('/')
                .all(|seg| !seg.is_empty() && seg.split('.').all(is_simple_identifier))
                && !path.rsplit('/').next().unwrap_or_default().contains('.');
            if !valid {
                self.skip(
                    SkipKind::NavigationBinding,
                    display,
                    format!("`{path}` is not a navigation property path"),
                );
                continue;
            }
            let first = path.split('/').next().unwrap_or_default();
            if !first.contains('.') {
                let ty = types[member.as_str()];
                let found = std::iter::once(ty.to_owned())
                    .chain(self.chain(ty))
                    .filter_map(|t| props.get(&t))
                    .flatten()
                    .any(|p| {
                        p.p.name == first
                            && (p.p.navigation || matches!(p.resolved, Resolved::Struct(_)))
                    });
                if !found {
                    self.skip(
                        SkipKind::NavigationBinding,
                        display,
                        format!("its first property `{first}` is not generated on `{ty}`"),
                    );
                    continue;
                }
            }
            let set = target.split('/').next().unwrap_or_default();
            if !generated(set) {
                self.skip(
                    SkipKind::NavigationBinding,
                    display,
                    format!("its target `{target}` is not a generated member of the container"),
                );
                continue;
            }
            self.report.navigation_bindings += 1;
            out.push((member.clone(), path.clone(), target.clone()));
        }
        out
    }

    fn emit(
        mut self,
        props: &HashMap<String, Vec<Prop<'d>>>,
        boxed: &HashSet<(String, String)>,
        ops: &BTreeMap<String, Vec<Op<'d>>>,
        containers: &[ContainerOut],
    ) -> Generated {
        let rt = self.cfg.runtime.clone();
        let crate_attr = if rt == "::odata_core" {
            String::new()
        } else {
            format!(", crate = \"{rt}\"")
        };
        let derives = self.cfg.derives.join(", ");
        let derives = if derives.is_empty() {
            String::new()
        } else {
            format!(", {derives}")
        };
        let mut items: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();

        for q in &self.generated_enums {
            let (ns, e) = self.enums[q];
            let (module, ident) = self.rust[q].clone();
            let mut s = String::new();
            let _ = writeln!(
                s,
                "/// `{q}`: an enumeration type{}.",
                if e.flags { " (flags)" } else { "" }
            );
            if self.cfg.plain_serde {
                s.push_str(&serde_enum(&ident, e, &mut self.report.renamed));
                items.entry(module).or_default().push(s);
                self.report.enum_types += 1;
                continue;
            }
            let _ = writeln!(
                s,
                "#[derive({rt}::ODataEnum, Clone, Debug, PartialEq, Eq, Hash)]"
            );
            let mut attrs = format!("namespace = \"{ns}\"");
            if lower_first(&ident) != e.name {
                let _ = write!(attrs, ", name = \"{}\"", e.name);
            }
            if e.flags {
                attrs.push_str(", flags");
            }
            if let Some(u) = &e.underlying {
                let u = u.trim_start_matches("Edm.");
                if u != "Int32" {
                    let _ = write!(attrs, ", underlying = \"{u}\"");
                }
            }
            let _ = writeln!(s, "#[odata({attrs}{crate_attr})]");
            let _ = writeln!(s, "pub enum {ident} {{");
            let mut used = HashSet::new();
            let mut next = 0i64;
            for (m, value) in &e.members {
                let mut v = upper_camel(m);
                if v == "Self" {
                    v.push('_');
                }
                let v = unique_variant(&mut used, v, &mut self.report.renamed);
                let mut a = Vec::new();
                if lower_first(&v) != *m {
                    a.push(format!("rename = \"{m}\""));
                }
                if e.flags || *value != next {
                    a.push(format!("value = {value}"));
                }
                next = value.wrapping_add(1);
                if !a.is_empty() {
                    let _ = writeln!(s, "    #[odata({})]", a.join(", "));
                }
                let _ = writeln!(s, "    {v},");
            }
            let other = unique_variant(&mut used, "Other".into(), &mut self.report.renamed);
            let _ = writeln!(
                s,
                "    /// A member this model does not know, kept by name."
            );
            let _ = writeln!(s, "    #[odata(other)]");
            let _ = writeln!(s, "    {other}(String),");
            s.push_str("}\n");
            items.entry(module).or_default().push(s);
            self.report.enum_types += 1;
        }

        for q in &self.order {
            let st = &self.structs[q];
            let (ns, t) = (st.ns, st.t);
            let (module, ident) = self.rust[q].clone();
            let base = t.base.as_ref();
            let mut s = String::new();
            let kind = if t.entity {
                "an entity type"
            } else {
                "a complex type"
            };
            let _ = write!(s, "/// `{q}`: {kind}");
            if let Some(b) = base {
                let _ = write!(s, ", derived from `{b}`");
            }
            s.push_str(".\n");
            let serde = self.cfg.plain_serde;
            if serde {
                let _ = writeln!(
                    s,
                    "#[derive(::serde::Serialize, ::serde::Deserialize{derives})]"
                );
            } else {
                let _ = writeln!(s, "#[derive({rt}::ODataEntity{derives})]");
            }
            let mut attrs = format!("namespace = \"{ns}\"");
            if lower_first(&ident) != t.name {
                let _ = write!(attrs, ", name = \"{}\"", t.name);
            }
            if !t.entity {
                attrs.push_str(", complex");
            }
            if t.is_abstract {
                attrs.push_str(", abstract");
            }
            if t.open {
                attrs.push_str(", open");
            }
            if t.has_stream && t.entity {
                attrs.push_str(", has_stream");
            }
            if self.keyless.contains(q) {
                attrs.push_str(", keyless");
            }
            if !serde {
                let _ = writeln!(s, "#[odata({attrs}{crate_attr})]");
            }
            for op in ops.get(q).into_iter().flatten().filter(|_| !serde) {
                let mut a = format!("name = \"{}\"", op.op.name);
                if let Some(m) = &op.method {
                    let _ = write!(a, ", method = \"{m}\"");
                }
                if op.ns != self.structs[q].ns {
                    let _ = write!(a, ", namespace = \"{}\"", op.ns);
                }
                if op.collection() {
                    a.push_str(", collection");
                }
                if let Some(p) = &op.params_struct {
                    let _ = write!(a, ", parameters = {p}");
                }
                if let Some(r) = &op.returns {
                    let _ = write!(a, ", returns = {r}");
                }
                operation_model_keys(&mut a, op.op);
                let kind = if op.op.function { "function" } else { "action" };
                let _ = writeln!(s, "#[odata({kind}({a}))]");
            }
            // Plain serde types are not `EntityType`s: no delta function for them.
            if let Some((ns, op)) = self.delta.get(q).filter(|_| !serde) {
                let mut a = String::new();
                if *ns != self.structs[q].ns {
                    let _ = write!(a, ", namespace = \"{ns}\"");
                }
                operation_model_keys(&mut a, op);
                match a.strip_prefix(", ") {
                    Some(keys) => {
                        let _ = writeln!(s, "#[odata(delta({keys}))]");
                    }
                    None => s.push_str("#[odata(delta)]\n"),
                }
            }
            let _ = writeln!(s, "pub struct {ident} {{");
            // Field names, then builder methods: both must be unique.
            let mut fields: HashSet<String> = HashSet::new();
            let mut methods: HashSet<String> = HashSet::from(["build".to_string()]);
            if t.entity && base.is_some() {
                methods.insert("id".into());
            }
            if let Some(b) = base {
                let f = unique_field(&mut fields, field_ident(&self.structs[b].t.name));
                methods.insert(unraw(&f).to_owned());
                let path = self.path(&module, b);
                let attr = if serde {
                    "serde(flatten)"
                } else {
                    "odata(base)"
                };
                let _ = writeln!(s, "    #[{attr}]\n    pub {f}: {path},");
            }
            let mut lines = Vec::new();
            for p in &props[q] {
                let mut f = p.ident.clone();
                if fields.contains(unraw(&f)) || methods.contains(unraw(&f)) {
                    f = unique_field(&mut fields, format!("{}_value", unraw(&f)));
                    self.report.renamed += 1;
                } else {
                    fields.insert(unraw(&f).to_owned());
                }
                methods.insert(unraw(&f).to_owned());
                let mut each = p.each.clone();
                if p.p.ty.collection {
                    let default = format!("push_{}", unraw(&f));
                    if methods.contains(&default) {
                        let mut n = 2;
                        while methods.contains(&format!("{default}_{n}")) {
                            n += 1;
                        }
                        each = Some(format!("{default}_{n}"));
                        methods.insert(format!("{default}_{n}"));
                        self.report.renamed += 1;
                    } else {
                        methods.insert(default);
                    }
                }
                let mut a = Vec::new();
                if p.key {
                    a.push("key".to_string());
                }
                if p.p.navigation {
                    a.push("navigation".to_string());
                    if p.p.contains_target {
                        a.push("contains_target".to_string());
                    }
                }
                if lower_camel(unraw(&f)) != p.p.name {
                    a.push(format!("rename = \"{}\"", p.p.name));
                }
                if !(p.p.nullable || p.p.navigation && p.p.ty.collection) {
                    a.push("nullable = false".to_string());
                }
                if let Some(e) = &each {
                    a.push(format!("each = \"{e}\""));
                }
                let is_boxed = boxed.contains(&(q.clone(), p.p.name.clone()));
                if is_boxed {
                    self.report.boxed_properties += 1;
                }
                let ty = match &p.resolved {
                    // `Flags<E>` needs our enum derive; its JSON form is a string.
                    Resolved::Enum(_, true) if serde && p.p.ty.collection => "Vec<String>".into(),
                    Resolved::Enum(_, true) if serde => "String".into(),
                    r => self.rust_type(&module, r, p.p.ty.collection, true, is_boxed, serde),
                };
                let mut line = String::new();
                if serde {
                    let _ = writeln!(line, "    #[serde(rename = \"{}\", default, skip_serializing_if = \"Option::is_none\")]", p.p.name);
                } else if !a.is_empty() {
                    let _ = writeln!(line, "    #[odata({})]", a.join(", "));
                }
                let _ = writeln!(line, "    pub {f}: Option<{ty}>,");
                lines.push(line);
                if p.p.navigation {
                    self.report.navigation_properties += 1;
                } else {
                    self.report.properties += 1;
                }
            }
            for l in lines {
                s.push_str(&l);
            }
            // Plain serde drops what the model does not declare: no `extra` field.
            if !serde {
                let extra = unique_field(&mut fields, "extra".into());
                let _ = writeln!(
                    s,
                    "    /// Members the model does not declare, kept as they came."
                );
                let _ = writeln!(s, "    #[odata(extra)]\n    pub {extra}: {rt}::Extra,");
            }
            s.push_str("}\n");
            items.entry(module.clone()).or_default().push(s);
            self.report.structured_types += 1;
            if t.entity {
                self.report.entity_types += 1;
            }

            // The operations' parameter types (with plain serde, without the operations).
            for op in ops.get(q).into_iter().flatten() {
                if let Some(name) = &op.params_struct {
                    let s = self.operation_parameters(&module, q, op, name, &crate_attr);
                    items.entry(module.clone()).or_default().push(s);
                }
            }
        }

        for (q, (ident, subs)) in &self.poly {
            let (module, base_ident) = self.rust[q].clone();
            let mut s = String::new();
            let _ = writeln!(s, "/// A `{q}` of any kind: one variant per known concrete subtype, and the base type (which also holds subtypes this model does not know).");
            let poly_derives: Vec<&str> = self
                .cfg
                .derives
                .iter()
                .map(String::as_str)
                .filter(|d| *d != "Default")
                .collect();
            let pd = if poly_derives.is_empty() {
                String::new()
            } else {
                format!(", {}", poly_derives.join(", "))
            };
            if self.cfg.plain_serde {
                let _ = writeln!(s, "#[derive(::serde::Serialize, ::serde::Deserialize{pd})]");
                let _ = writeln!(s, "#[serde(tag = \"@odata.type\")]");
            } else {
                let _ = writeln!(s, "#[derive({rt}::ODataEntity{pd})]");
            }
            if !crate_attr.is_empty() && !self.cfg.plain_serde {
                let _ = writeln!(s, "#[odata(crate = \"{rt}\")]");
            }
            let _ = writeln!(s, "pub enum {ident} {{");
            let mut used = HashSet::new();
            for sub in subs {
                let (m, sub_ident) = &self.rust[sub];
                let mut v = sub_ident.clone();
                if used.contains(&v) || v == base_ident {
                    // A subtype named like another one, in another namespace.
                    v = format!("{}{v}", upper_camel(&m.join("_")));
                }
                let v = unique_variant(&mut used, v, &mut self.report.renamed);
                if self.cfg.plain_serde {
                    let _ = writeln!(s, "    #[serde(rename = \"#{sub}\")]");
                }
                let _ = writeln!(s, "    {v}({}),", self.path(&module, sub));
            }
            let v = unique_variant(&mut used, base_ident.clone(), &mut self.report.renamed);
            let _ = writeln!(
                s,
                "    /// The declared type, and subtypes this model does not know."
            );
            let attr = if self.cfg.plain_serde {
                "serde(untagged)"
            } else {
                "odata(base)"
            };
            let _ = writeln!(s, "    #[{attr}]");
            let _ = writeln!(s, "    {v}({base_ident}),");
            s.push_str("}\n");
            items.entry(module).or_default().push(s);
            self.report.polymorphic_enums += 1;
        }

        for c in containers.iter().filter(|_| !self.cfg.plain_serde) {
            let module = self.module_of(&c.ns);
            let mut s = String::new();
            let _ = writeln!(
                s,
                "/// The entity container `{}.{}`: the start of navigation.",
                c.ns, c.name
            );
            let _ = writeln!(s, "#[derive({rt}::ODataEntity)]");
            let mut attrs = format!("namespace = \"{}\", container", c.ns);
            let odata_name = c.name.clone();
            let _ = odata_name;
            let container_name = self.container_odata_name(&c.ns, &c.name);
            if lower_first(&container_name.1) != container_name.0 {
                let _ = write!(attrs, ", name = \"{}\"", container_name.0);
            }
            let _ = writeln!(s, "#[odata({attrs}{crate_attr})]");
            let _ = writeln!(s, "pub struct {} {{", c.name);
            for (ident, name, set, path) in &c.members {
                if lower_camel(unraw(ident)) != *name {
                    let _ = writeln!(s, "    #[odata(rename = \"{name}\")]");
                }
                for (_, bpath, target) in c.bindings.iter().filter(|b| b.0 == *name) {
                    let _ = writeln!(
                        s,
                        "    #[odata(binding(path = \"{bpath}\", target = \"{target}\"))]"
                    );
                }
                if *set {
                    let _ = writeln!(s, "    pub {ident}: Vec<{path}>,");
                } else {
                    let _ = writeln!(s, "    pub {ident}: {path},");
                }
            }
            s.push_str("}\n");
            items.entry(module).or_default().push(s);
        }

        // The report, as documentation.
        let mut doc = String::new();
        let _ = writeln!(
            doc,
            "//! What `odata-codegen` generated{}, and what it left out and why.",
            if self.cfg.source_name.is_empty() {
                String::new()
            } else {
                format!(" from `{}`", self.cfg.source_name)
            }
        );
        let _ = writeln!(doc, "//!\n//! {}", self.report.summary());
        for kind in [
            SkipKind::Type,
            SkipKind::EnumType,
            SkipKind::Property,
            SkipKind::Navigation,
            SkipKind::BoundOperation,
            SkipKind::UnboundOperation,
            SkipKind::ContainerMember,
            SkipKind::NavigationBinding,
        ] {
            let reasons = self.report.reasons(kind);
            if reasons.is_empty() {
                continue;
            }
            let _ = writeln!(doc, "//!\n//! Skipped ({kind:?}):\n//!");
            for (r, n) in reasons {
                let _ = writeln!(doc, "//! - {n} × {r}");
            }
            let _ = writeln!(doc, "//!");
            for sk in self.report.skipped.iter().filter(|s| s.kind == kind) {
                let _ = writeln!(doc, "//!   - `{}`: {}", sk.name, sk.reason);
            }
        }
        let report_mod = format!("pub mod codegen_report {{\n{doc}}}\n");
        self.report.skipped.sort();
        let mut code = String::new();
        let _ = writeln!(
            code,
            "// @generated by odata-codegen{}. Do not edit.\n",
            if self.cfg.source_name.is_empty() {
                String::new()
            } else {
                format!(" from {}", self.cfg.source_name)
            }
        );
        code.push_str(&report_mod);
        if !self.cfg.plain_serde {
            // The plain-serde types have no static model to list.
            code.push_str(&self.registry(containers));
        }
        write_modules(&mut code, &items, &[], 0);
        Generated {
            code,
            report: self.report,
        }
    }

    /// The `registry` module: every generated type's static model, and a dispatch from a
    /// qualified name to the Rust type that reads a value of that type (its polymorphic enum
    /// when it has subtypes). The dispatch is generic, so nothing is instantiated until a
    /// caller uses it.
    fn registry(&self, containers: &[ContainerOut]) -> String {
        let rt = &self.cfg.runtime;
        let from = [REGISTRY.to_owned()];
        let mut s = String::new();
        let _ = writeln!(
            s,
            "\n/// Every generated type by its qualified OData name: the static model of the whole"
        );
        let _ = writeln!(
            s,
            "/// document (for its CSDL, `{rt}::csdl`) and [`visit`](registry::visit), which"
        );
        let _ = writeln!(
            s,
            "/// calls a generic function with the Rust type of a qualified name."
        );
        let _ = writeln!(s, "pub mod {REGISTRY} {{");
        let _ = writeln!(
            s,
            "    /// Every generated entity and complex type, in document order."
        );
        let _ = writeln!(
            s,
            "    pub static STRUCTURED_TYPES: &[&{rt}::model::TypeInfo] = &["
        );
        for q in &self.order {
            let (module, ident) = &self.rust[q];
            let _ = writeln!(
                s,
                "        <{} as {rt}::StructuredType>::TYPE,",
                relative(&from, module, ident)
            );
        }
        let _ = writeln!(s, "    ];");
        let _ = writeln!(
            s,
            "    /// Every generated enumeration type, in document order."
        );
        let _ = writeln!(
            s,
            "    pub static ENUM_TYPES: &[&{rt}::model::EnumInfo] = &["
        );
        for q in &self.generated_enums {
            let (module, ident) = &self.rust[q];
            let _ = writeln!(
                s,
                "        <{} as {rt}::EnumType>::ENUM,",
                relative(&from, module, ident)
            );
        }
        let _ = writeln!(s, "    ];");
        let _ = writeln!(s, "    /// Every generated entity container.");
        let _ = writeln!(
            s,
            "    pub static CONTAINERS: &[&{rt}::model::ContainerInfo] = &["
        );
        for c in containers {
            let path = relative(&from, &self.module_of(&c.ns), &c.name);
            let _ = writeln!(
                s,
                "        <{path} as {rt}::request::EntityContainer>::CONTAINER,"
            );
        }
        let _ = writeln!(s, "    ];");
        let _ = writeln!(
            s,
            "    /// What [`visit`] calls with the Rust type of a qualified name."
        );
        let _ = writeln!(s, "    pub trait TypeVisitor {{");
        let _ = writeln!(s, "        /// What the visit gives.");
        let _ = writeln!(s, "        type Output;");
        let _ = writeln!(s, "        /// Called with `T`, the type that reads and writes a value of the named type.");
        let _ = writeln!(s, "        fn visit<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(self) -> Self::Output;");
        let _ = writeln!(s, "    }}");
        let _ = writeln!(s, "    /// Calls `visitor` with the Rust type of `qualified_name` (`namespace.name`): the");
        let _ = writeln!(s, "    /// structured type, or its polymorphic enum when it has subtypes; the enumeration type");
        let _ = writeln!(
            s,
            "    /// (`Flags<E>` for flags). `None` for a name the model does not generate."
        );
        let _ = writeln!(s, "    pub fn visit<V: TypeVisitor>(qualified_name: &str, visitor: V) -> Option<V::Output> {{");
        let _ = writeln!(s, "        Some(match qualified_name {{");
        for q in &self.order {
            let (module, ident) = &self.rust[q];
            let ty = match self.poly.get(q) {
                Some((any, _)) => relative(&from, module, any),
                None => relative(&from, module, ident),
            };
            let _ = writeln!(s, "            \"{q}\" => visitor.visit::<{ty}>(),");
        }
        for q in &self.generated_enums {
            let (module, ident) = &self.rust[q];
            let path = relative(&from, module, ident);
            let ty = if self.enums[q].1.flags {
                format!("{rt}::Flags<{path}>")
            } else {
                path
            };
            let _ = writeln!(s, "            \"{q}\" => visitor.visit::<{ty}>(),");
        }
        let _ = writeln!(s, "            _ => return None,");
        let _ = writeln!(s, "        }})");
        let _ = writeln!(s, "    }}");
        let _ = writeln!(s, "}}");
        s
    }

    fn container_odata_name(&self, _ns: &str, name: &str) -> (String, String) {
        (name.to_owned(), name.to_owned())
    }
}

/// An enumeration type with plain serde derives (see `Config::emit_plain_serde`).
fn serde_enum(ident: &str, e: &EnumType, renamed: &mut usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "#[derive(::serde::Serialize, ::serde::Deserialize, Clone, Debug, PartialEq, Eq, Hash)]"
    );
    let _ = writeln!(s, "pub enum {ident} {{");
    let mut used = HashSet::new();
    for (m, _) in &e.members {
        let mut v = upper_camel(m);
        if v == "Self" {
            v.push('_');
        }
        let v = unique_variant(&mut used, v, renamed);
        let _ = writeln!(s, "    #[serde(rename = \"{m}\")]\n    {v},");
    }
    let other = unique_variant(&mut used, "Other".into(), renamed);
    let _ = writeln!(
        s,
        "    /// A member this model does not know, kept by name."
    );
    let _ = writeln!(s, "    #[serde(untagged)]\n    {other}(String),");
    s.push_str("}\n");
    s
}

/// The name of the generated registry module, beside `codegen_report`.
const REGISTRY: &str = "registry";

/// Writes the items of `prefix` and its child modules, indented.
fn write_modules(
    out: &mut String,
    items: &BTreeMap<Vec<String>, Vec<String>>,
    prefix: &[String],
    depth: usize,
) {
    let indent = "    ".repeat(depth);
    if let Some(list) = items.get(prefix) {
        for item in list {
            out.push('\n');
            for line in item.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "{indent}{line}");
                }
            }
        }
    }
    let children: BTreeSet<&String> = items
        .keys()
        .filter(|k| k.len() > prefix.len() && k.starts_with(prefix))
        .map(|k| &k[prefix.len()])
        .collect();
    for child in children {
        let mut path = prefix.to_vec();
        path.push(child.clone());
        out.push('\n');
        let _ = writeln!(
            out,
            "{indent}/// The `{}` namespace's types.",
            path.iter().map(|s| unraw(s)).collect::<Vec<_>>().join(".")
        );
        // `duplicated_attributes`: clippy reads a derive's helper attributes as a tree of
        // shared prefixes, so a key repeated in sibling attributes
        // (`#[odata(action(name = "a", nullable_binding))]` beside `action(name = "b",
        // nullable_binding)`) is flagged though each says something of its own operation
        // (rust-clippy issues 12923 and 13238).
        let _ = writeln!(
            out,
            "{indent}#[allow(clippy::large_enum_variant, clippy::doc_markdown, clippy::duplicated_attributes, missing_docs)]"
        );
        let _ = writeln!(out, "{indent}pub mod {child} {{");
        write_modules(out, items, &path, depth + 1);
        let _ = writeln!(out, "{indent}}}");
    }
}

fn relative(from: &[String], to: &[String], ident: &str) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut s = String::new();
    for _ in common..from.len() {
        s.push_str("super::");
    }
    for m in &to[common..] {
        s.push_str(m);
        s.push_str("::");
    }
    s.push_str(ident);
    s
}

fn unique_field(used: &mut HashSet<String>, wanted: String) -> String {
    let mut name = wanted.clone();
    let mut n = 2;
    while used.contains(unraw(&name)) {
        name = keyword_safe(format!("{}_{n}", unraw(&wanted)));
        n += 1;
    }
    used.insert(unraw(&name).to_owned());
    name
}

fn unique_variant(used: &mut HashSet<String>, wanted: String, renamed: &mut usize) -> String {
    let mut name = wanted.clone();
    let mut n = 2;
    while used.contains(&name) {
        name = format!("{wanted}{n}");
        n += 1;
    }
    if name != wanted {
        *renamed += 1;
    }
    used.insert(name.clone());
    name
}

/// Strongly connected components (iterative Tarjan): component id per node.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut ncomp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *i < edges[v].len() {
                let w = edges[v][*i];
                *i += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = ncomp;
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
        }
    }
    comp
}
