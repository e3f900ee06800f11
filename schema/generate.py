"""Generate every artefact of the model from `model.yaml`.

One function per artefact, each a pure function of the `Model`, so a test can compare
the committed files with a fresh generation and catch any drift.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, XSD

from . import Model, camel, load_model

DATATYPES = {"string": XSD.string, "integer": XSD.integer, "decimal": XSD.decimal,
             "date": XSD.date, "boolean": XSD.boolean}
GENERATED_DIR = Path(__file__).parent / "generated"


def _union(g: Graph, classes: list[URIRef]) -> URIRef | BNode:
    if len(classes) == 1:
        return classes[0]
    node, items = BNode(), BNode()
    Collection(g, items, classes)
    g.add((node, RDF.type, OWL.Class))
    g.add((node, OWL.unionOf, items))
    return node


def vocabulary(model: Model) -> Graph:
    """RDFS/OWL vocabulary: a class per node type, an object property per relation,
    datatype properties for node and edge properties, statements as PROV entities."""
    V = Namespace(model.vocab)
    g = Graph()
    g.bind("skg", V)
    g.bind("owl", OWL)
    g.bind("prov", PROV)
    onto = URIRef(model.vocab.rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("sanctions-kg vocabulary")))
    g.add((onto, RDFS.comment, Literal("Generated from schema/model.yaml; do not edit.")))
    for nt in model.node_types.values():
        g.add((V[nt.name], RDF.type, OWL.Class))
        g.add((V[nt.name], RDFS.label, Literal(nt.name)))
        g.add((V[nt.name], RDFS.comment, Literal(nt.doc)))
    g.add((V.Article, RDFS.subClassOf, PROV.Entity))
    g.add((V.Statement, RDF.type, OWL.Class))
    g.add((V.Statement, RDFS.subClassOf, RDF.Statement))
    g.add((V.Statement, RDFS.subClassOf, PROV.Entity))
    g.add((V.Statement, RDFS.comment, Literal(
        "One relation as one article states it: rdf:subject, rdf:predicate and rdf:object name "
        "the relation, prov:wasDerivedFrom the article, and the edge properties its evidence.")))
    owners: dict[str, list[str]] = {}
    for nt in model.node_types.values():
        for prop in nt.properties:
            owners.setdefault(prop, []).append(nt.name)
    for prop, types in sorted(owners.items()):
        spec = next(model.node_types[t].properties[prop] for t in types)
        p = V[camel(prop)]
        g.add((p, RDF.type, OWL.DatatypeProperty))
        g.add((p, RDFS.domain, _union(g, [V[t] for t in sorted(types)])))
        g.add((p, RDFS.range, DATATYPES[spec.datatype]))
        if spec.doc:
            g.add((p, RDFS.comment, Literal(spec.doc)))
    for nt in model.node_types.values():
        for link in nt.links.values():
            p = V[camel(link.name)]
            g.add((p, RDF.type, OWL.ObjectProperty))
            g.add((p, RDFS.domain, V[nt.name]))
            g.add((p, RDFS.range, _union(g, [V[t] for t in link.range])))
            g.add((p, RDFS.comment, Literal(link.doc)))
    # `article` is expressed as prov:wasDerivedFrom
    _datatype_properties(g, V, V.Statement, [p for n, p in model.edge_properties.items() if n != "article"])
    g.add((V.relationType, RDF.type, OWL.DatatypeProperty))
    g.add((V.relationType, RDFS.domain, V.Statement))
    g.add((V.relationType, RDFS.range, XSD.string))
    _object_property(g, V.mentionedIn, None, V.Article, "An article that names the node; its provenance.")
    g.add((V.Fact, RDF.type, OWL.Class))
    g.add((V.Fact, RDFS.subClassOf, RDF.Statement))
    g.add((V.Fact, RDFS.comment, Literal(
        "Every statement of one relation between the same two nodes, summarised: rdf:subject, "
        "rdf:predicate and rdf:object name the relation, the fact properties count and date it.")))
    _datatype_properties(g, V, V.Fact, list(model.fact_properties.values()))
    for et in model.edge_types.values():
        for link in et.links.values():
            _object_property(g, V[camel(link.name)], V[et.name], _union(g, [V[t] for t in link.range]), link.doc)
    for rel in model.relation_types.values():
        p = V[rel.predicate]
        g.add((p, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((p, RDF.type, OWL.SymmetricProperty))
        g.add((p, RDFS.label, Literal(rel.name)))
        g.add((p, RDFS.comment, Literal(rel.doc)))
        g.add((p, RDFS.domain, _union(g, [V[t] for t in rel.sources])))
        g.add((p, RDFS.range, _union(g, [V[t] for t in rel.targets])))
        if rel.plover:
            g.add((p, V.ploverEvent, Literal(rel.plover)))
    return g


def _object_property(g: Graph, p: URIRef, domain: URIRef | None, range_: URIRef, comment: str | None = None) -> None:
    """Declare one object property of the fixed vocabulary (no domain: any node)."""
    g.add((p, RDF.type, OWL.ObjectProperty))
    if domain is not None:
        g.add((p, RDFS.domain, domain))
    g.add((p, RDFS.range, range_))
    if comment:
        g.add((p, RDFS.comment, Literal(comment)))


def _datatype_properties(g: Graph, V: Namespace, domain: URIRef, specs: list) -> None:
    """Declare properties of one class (statements, facts) with their ranges and docs."""
    for spec in specs:
        p = V[camel(spec.name)]
        g.add((p, RDF.type, OWL.DatatypeProperty))
        g.add((p, RDFS.domain, domain))
        g.add((p, RDFS.range, DATATYPES[spec.datatype]))
        if spec.doc:
            g.add((p, RDFS.comment, Literal(spec.doc)))


def _property_shape(g: Graph, V: Namespace, path: URIRef, spec, single: bool = True) -> BNode:
    """A property shape; `single` for identity and edge properties. Other node
    properties (a role, a name's spelling) may differ between the articles that
    mention the node, so the union graph can hold several values."""
    ps = BNode()
    g.add((ps, SH.path, path))
    g.add((ps, SH.datatype, DATATYPES[spec.datatype]))
    if single:
        g.add((ps, SH.maxCount, Literal(1)))
    if spec.required:
        g.add((ps, SH.minCount, Literal(1)))
    if spec.pattern:
        g.add((ps, SH.pattern, Literal(spec.pattern)))
    if spec.values:
        items = BNode()
        Collection(g, items, [Literal(v) for v in spec.values])
        g.add((ps, SH["in"], items))
    return ps


def _exactly_one(g: Graph, path: URIRef, cls: URIRef | None = None) -> BNode:
    """A property shape: exactly one value (of class `cls`, if given)."""
    ps = BNode()
    g.add((ps, SH.path, path))
    if cls is not None:
        g.add((ps, SH["class"], cls))
    g.add((ps, SH.minCount, Literal(1)))
    g.add((ps, SH.maxCount, Literal(1)))
    return ps


def _class_or(g: Graph, V: Namespace, types: tuple[str, ...]) -> BNode:
    alternatives = []
    for t in types:
        alt = BNode()
        g.add((alt, SH["class"], V[t]))
        alternatives.append(alt)
    items = BNode()
    Collection(g, items, alternatives)
    return items


def shapes(model: Model) -> Graph:
    """SHACL shapes: required properties, datatypes, patterns and value lists of every
    node type and of statements, and the allowed ends of every relation."""
    V = Namespace(model.vocab)
    S = Namespace(model.vocab.rstrip("#") + "/shapes#")
    g = Graph()
    g.bind("sh", SH)
    g.bind("skg", V)
    g.bind("skgsh", S)
    for nt in model.node_types.values():
        shape = S[nt.name + "Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, V[nt.name]))
        for spec in nt.properties.values():
            g.add((shape, SH.property, _property_shape(g, V, V[camel(spec.name)], spec,
                                                       single=spec.name in nt.identity)))
        for link in nt.links.values():
            ps = BNode()
            g.add((ps, SH.path, V[camel(link.name)]))
            g.add((ps, SH["or"], _class_or(g, V, link.range)))
            g.add((shape, SH.property, ps))
    st = S.StatementShape
    g.add((st, RDF.type, SH.NodeShape))
    g.add((st, SH.targetClass, V.Statement))
    for name, spec in model.edge_properties.items():
        if name == "article":
            ps = BNode()
            g.add((ps, SH.path, PROV.wasDerivedFrom))
            g.add((ps, SH["class"], V.Article))
            g.add((ps, SH.minCount, Literal(1)))
            g.add((st, SH.property, ps))
            continue
        g.add((st, SH.property, _property_shape(g, V, V[camel(name)], spec)))
    for path in (RDF.subject, RDF.predicate, RDF.object):
        g.add((st, SH.property, _exactly_one(g, path)))
    g.add((st, SH.property, _exactly_one(g, V.fact, V.Fact)))
    rel_ps = BNode()
    g.add((rel_ps, SH.path, V.relationType))
    items = BNode()
    Collection(g, items, [Literal(r) for r in model.relation_types])
    g.add((rel_ps, SH["in"], items))
    g.add((rel_ps, SH.minCount, Literal(1)))
    g.add((st, SH.property, rel_ps))
    fact = S.FactShape
    g.add((fact, RDF.type, SH.NodeShape))
    g.add((fact, SH.targetClass, V.Fact))
    for name, spec in model.fact_properties.items():
        g.add((fact, SH.property, _property_shape(g, V, V[camel(name)], spec)))
    for path in (RDF.subject, RDF.predicate, RDF.object, V.latestStatement):
        g.add((fact, SH.property, _exactly_one(g, path)))
    for rel in model.relation_types.values():
        for side, target_kind, types in (("Source", SH.targetSubjectsOf, rel.sources),
                                         ("Target", SH.targetObjectsOf, rel.targets)):
            shape = S[f"{rel.predicate}{side}Shape"]
            g.add((shape, RDF.type, SH.NodeShape))
            g.add((shape, target_kind, V[rel.predicate]))
            g.add((shape, SH["or"], _class_or(g, V, types)))
            g.add((shape, SH.message, Literal(
                f"{rel.name} {side.lower()} must be one of {', '.join(types)}")))
    return g


def neo4j_cypher(model: Model) -> str:
    """Constraints and indexes for Neo4j 5: a unique `iri` per label, identity and
    lookup indexes, and an index on each relationship type's `article` for replacing
    one article's facts."""
    lines = ["// Generated from schema/model.yaml by `skg schema generate`; do not edit."]
    for nt in model.node_types.values():
        label = nt.name
        lines.append(f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.iri IS UNIQUE;")
        for prop in nt.identity:
            lines.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop});")
        if "name" in nt.properties and "name" not in nt.identity:
            lines.append(f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name);")
        for prop in (p for p, spec in nt.properties.items() if spec.lookup and p not in nt.identity):
            lines.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop});")
    for rel in model.relation_types.values():
        lines.append(f"CREATE INDEX {rel.name.lower()}_article IF NOT EXISTS "
                     f"FOR ()-[r:{rel.name}]-() ON (r.article);")
    return "\n".join(lines) + "\n"


def python_types(model: Model) -> str:
    """Enums of node types, relation types and modalities, and the allowed ends."""
    out = ['"""Generated from schema/model.yaml by `skg schema generate`; do not edit."""',
           "from enum import Enum", "", "",
           "class NodeType(str, Enum):"]
    out += [f'    {n.upper()} = "{n}"' for n in model.node_types]
    out += ["", "", "class RelationType(str, Enum):"]
    out += [f'    {r} = "{r}"' for r in model.relation_types]
    out += ["", "", "class Modality(str, Enum):"]
    out += [f'    {m.upper()} = "{m}"' for m in model.edge_properties["modality"].values]
    out += ["", "", "RELATION_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {"]
    out += [f"    {r.name!r}: ({r.sources!r}, {r.targets!r})," for r in model.relation_types.values()]
    out += ["}", "SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"
            + ", ".join(repr(r.name) for r in model.relation_types.values() if r.symmetric) + "})", ""]
    return "\n".join(out)


PYTHON_TYPES = {"string": "str", "integer": "int", "decimal": "float", "date": "str", "boolean": "bool"}


def _record_class(name: str, doc: str, fields: list[tuple[str, str, bool, str]]) -> list[str]:
    """One frozen dataclass: required fields first (no default), then optional ones."""
    out = ["", "", "@dataclass(frozen=True, slots=True)", f"class {name}:", f'    """{doc}"""']
    ordered = [f for f in fields if f[2]] + [f for f in fields if not f[2]]
    for field_name, kind, required, comment in ordered:
        line = f"    {field_name}: {kind}" if required else f"    {field_name}: {kind} | None = None"
        out.append(f"{line}  # {comment}" if comment else line)
    return out


def python_records(model: Model) -> str:
    """One typed record per node type, for statements and for facts, with exactly the
    model's properties: what graph/records.py makes of an extraction row, and what
    every store writes and reads back."""
    out = ['"""Generated from schema/model.yaml by `skg schema generate`; do not edit.', "",
           "Records: one class per node type, with exactly the model's properties (dates are ISO",
           'strings); a Statement is one relation as one article states it; a Fact summarises them."""',
           "from __future__ import annotations", "", "from dataclasses import dataclass"]
    for nt in model.node_types.values():
        fields = [(p, PYTHON_TYPES[spec.datatype], spec.required, "") for p, spec in nt.properties.items()]
        fields += [(link, "str", False, f"IRI of the {' or '.join(spec.range)}") for link, spec in nt.links.items()]
        out += _record_class(nt.name, nt.doc, fields)
    for et in model.edge_types.values():
        ends = [(et.type_field, "str", True, "a relation type of the model"), (et.source, "str", True, "IRI"),
                (et.target, "str", True, "IRI")]
        props = [(p, PYTHON_TYPES[spec.datatype], spec.required, "") for p, spec in et.properties.items()]
        links = [(name, "str", False, f"IRI of the {' or '.join(spec.range)}")
                 for name, spec in et.links.items() if not spec.derived]
        out += _record_class(et.name, et.doc, ends + props + links)
    out += ["", "", "NODE_RECORDS: dict[str, type] = {"]
    out += [f"    {n!r}: {n}," for n in model.node_types]
    out += ["}", ""]
    return "\n".join(out)


def artefacts(model: Model | None = None) -> dict[str, str]:
    """File name -> content of every generated artefact."""
    model = model or load_model()
    return {
        "vocab.ttl": vocabulary(model).serialize(format="turtle"),
        "shapes.ttl": shapes(model).serialize(format="turtle"),
        "neo4j.cypher": neo4j_cypher(model),
        "types.py": python_types(model),
        "records.py": python_records(model),
    }


def write_artefacts(directory: Path = GENERATED_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in artefacts().items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    init = directory / "__init__.py"
    if not init.exists():
        init.write_text('"""Artefacts generated from schema/model.yaml."""\n', encoding="utf-8")
    return written
