"""From an extraction (its JSON form) to RDF quads in the article's named graph.

Every relation is written twice: as the plain triple (`:RUS skg:proposed :double-freeze`)
that makes queries short, and as a `skg:Statement` that carries its evidence (article,
sentence, character offsets), dates, modality and confidence, derived (PROV-O) from
the article. Everything an article says lives in its own named graph, so replacing or
removing an article touches nothing else.
"""
from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..schema import load_model
from ..schema.generate import camel
from .identity import article_iri, node_iri, sanction_iri, statement_iri
from .statements import edge_values

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
XSD_TYPES = {"string": None, "integer": "integer", "decimal": "decimal", "date": "date", "boolean": "boolean"}


def _lit(value, datatype: str | None = None) -> Literal:
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if datatype in (None, "string"):
        return Literal(str(value))
    return Literal(str(value), datatype=NamedNode(XSD + XSD_TYPES[datatype]))


def quads(row: dict) -> Iterator[Quad]:
    """All quads of one extraction row (the JSON `skg extract` prints)."""
    model = load_model()
    V = model.vocab
    art = row["article"]
    g = NamedNode(article_iri(art["id"]))
    a = g
    yield Quad(a, NamedNode(RDF + "type"), NamedNode(V + "Article"), g)
    article_props = model.node_types["Article"].properties
    for prop in ("id", "title", "published", "source", "url"):
        if art.get(prop):
            yield Quad(a, NamedNode(V + camel(prop)), _lit(art[prop], article_props[prop].datatype), g)
    iri_of: dict[str, NamedNode] = {}
    for ent in row["entities"]:
        node = NamedNode(node_iri(ent))
        iri_of[ent["id"]] = node
        nt = model.node_types[ent["type"]]
        yield Quad(node, NamedNode(RDF + "type"), NamedNode(V + ent["type"]), g)
        label = ent.get("full_name") or ent["name"]
        yield Quad(node, NamedNode(RDFS + "label"), Literal(label), g)
        values = dict(ent)
        values["name"] = label
        values["key"] = node.value.rsplit("/", 1)[-1] if ent["type"] != "Resolution" else node.value.split("/resolution/", 1)[1]
        if ent["type"] == "Resolution" and values.get("number") is None:
            values.pop("number", None)
        for prop, spec in nt.properties.items():
            if values.get(prop) not in (None, ""):
                yield Quad(node, NamedNode(V + camel(prop)), _lit(values[prop], spec.datatype), g)
        if ent.get("qid"):
            yield Quad(node, NamedNode(OWL + "sameAs"), NamedNode(model.namespaces["wd"] + ent["qid"]), g)
        yield Quad(node, NamedNode(V + "mentionedIn"), a, g)
    measures = {m["id"]: m for m in row.get("measures", [])}
    edge_props = model.edge_properties
    for rel in row["relations"]:
        s, o = iri_of.get(rel["source"]), iri_of.get(rel["target"])
        if s is None or o is None:
            continue
        rt = model.relation_types[rel["type"]]
        pred = NamedNode(V + rt.predicate)
        yield Quad(s, pred, o, g)
        ev = rel["evidence"]
        st = NamedNode(statement_iri(art["id"], rel["type"], s.value, o.value, ev["start"]))
        yield Quad(st, NamedNode(RDF + "type"), NamedNode(V + "Statement"), g)
        yield Quad(st, NamedNode(RDF + "subject"), s, g)
        yield Quad(st, NamedNode(RDF + "predicate"), pred, g)
        yield Quad(st, NamedNode(RDF + "object"), o, g)
        yield Quad(st, NamedNode(V + "relationType"), Literal(rel["type"]), g)
        yield Quad(st, NamedNode(PROV + "wasDerivedFrom"), a, g)
        for prop, value in edge_values(rel, art).items():
            if value not in (None, ""):
                yield Quad(st, NamedNode(V + camel(prop)), _lit(value, edge_props[prop].datatype), g)
        m = measures.get(rel.get("measure") or "")
        if m:
            node = NamedNode(sanction_iri(art["id"], m["id"]))
            yield Quad(st, NamedNode(V + "measure"), node, g)
            yield from _measure(node, m, s, o, a, g)


def _measure(node: NamedNode, m: dict, authority: NamedNode, target: NamedNode, article: NamedNode,
             g: NamedNode) -> Iterator[Quad]:
    model = load_model()
    V = model.vocab
    nt = model.node_types["Sanction"]
    yield Quad(node, NamedNode(RDF + "type"), NamedNode(V + "Sanction"), g)
    yield Quad(node, NamedNode(RDFS + "label"), Literal(m["name"]), g)
    values = dict(m, key=node.value.rsplit("/", 1)[-1])
    for prop, spec in nt.properties.items():
        if values.get(prop) not in (None, ""):
            yield Quad(node, NamedNode(V + camel(prop)), _lit(values[prop], spec.datatype), g)
    yield Quad(node, NamedNode(V + "authority"), authority, g)
    yield Quad(node, NamedNode(V + "target"), target, g)
    yield Quad(node, NamedNode(V + "evidence"), article, g)
