"""From an extraction (its JSON form) to RDF quads.

Every relation is written twice: as the plain triple (`:RUS skg:proposed :double-freeze`)
that makes queries short, and as a `skg:Statement` that carries its evidence (article,
sentence, character offsets), dates, modality and confidence, derived (PROV-O) from
the article, and links to its `skg:Fact` (graph/facts.py), the summary of every
statement of that relation between the same two nodes. Everything an article says lives
in its own named graph, so replacing or removing an article touches nothing else; facts
live in the shared facts graph, written by `fact_quads`.

What a node *is* (its type, label and identity properties) is not something one article
says: it goes once into the shared node graph (`identity.nodes_graph_iri`), where a
node named by 50,000 articles has one label, not 50,000 copies of it that every query
joining on labels through the union of article graphs would multiply by. Each article
graph keeps `node skg:mentionedIn article`, the provenance of the mention.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from ..schema import load_model
from ..schema.generate import camel
from .identity import article_iri, facts_graph_iri, node_iri, nodes_graph_iri, sanction_iri
from .statements import Stated, resolved_relations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
XSD_TYPES = {"string": None, "integer": "integer", "decimal": "decimal", "date": "date", "boolean": "boolean"}


@lru_cache(maxsize=None)
def vocab_term(name: str) -> NamedNode:
    """A term of our vocabulary: a class as named (`State`), a property in camel case
    (`char_start` -> `charStart`). Cached: the same few dozen terms make every quad."""
    local = name if name[:1].isupper() else camel(name)
    return NamedNode(load_model().vocab + local)


@lru_cache(maxsize=None)
def _term(iri: str) -> NamedNode:
    return NamedNode(iri)


def _lit(value, datatype: str | None = None) -> Literal:
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=_term(XSD + "boolean"))
    if datatype in (None, "string"):
        return Literal(str(value))
    return Literal(str(value), datatype=_term(XSD + XSD_TYPES[datatype]))


def quads(row: dict) -> Iterator[Quad]:
    """All quads of one extraction row (the JSON `skg extract` prints): the article's
    own graph, then the descriptions of the nodes it names."""
    yield from article_quads(row)
    yield from node_quads(row)


def node_quads(row: dict) -> Iterator[Quad]:
    """The description of every node the article names, in the shared node graph. Every
    property is single-valued: when the article names a node twice, the last mention's
    value wins, as it does for a later article (and in Neo4j's `SET n += props`)."""
    described: dict[tuple[NamedNode, NamedNode], Quad] = {}
    for ent in row["entities"]:
        for q in entity_quads(ent):
            described[(q.subject, q.predicate)] = q
    yield from described.values()


def entity_quads(ent: dict) -> list[Quad]:
    """One entity's description of its node: type, label, identity properties."""
    model = load_model()
    g = _term(nodes_graph_iri())
    node = NamedNode(node_iri(ent))
    nt = model.node_types[ent["type"]]
    label = ent.get("full_name") or ent["name"]
    values = dict(ent)
    values["name"] = label
    values["key"] = node.value.rsplit("/", 1)[-1] if ent["type"] != "Resolution" else node.value.split("/resolution/", 1)[1]
    if ent["type"] == "Resolution" and values.get("number") is None:
        values.pop("number", None)
    pairs = [(_term(RDF + "type"), vocab_term(ent["type"])), (_term(RDFS + "label"), Literal(label))]
    pairs += [(vocab_term(prop), _lit(values[prop], spec.datatype))
              for prop, spec in nt.properties.items() if values.get(prop) not in (None, "")]
    if ent.get("qid"):
        pairs.append((_term(OWL + "sameAs"), NamedNode(model.namespaces["wd"] + ent["qid"])))
    return [Quad(node, pred, obj, g) for pred, obj in pairs]


def description_key(ent: dict) -> str:
    """Everything of an entity that `entity_quads` may read (all but where it was
    mentioned): two entities with the same key describe their node the same way."""
    return json.dumps({k: v for k, v in ent.items() if k != "mentions"}, sort_keys=True)


def fact_quads(fact: str, s) -> list[Quad]:
    """A fact and its summary (a `facts.Summary`), in the facts graph."""
    g, f = _term(facts_graph_iri()), NamedNode(fact)
    predicate = load_model().relation_types[s.relation].predicate
    out = [Quad(f, _term(RDF + "type"), vocab_term("Fact"), g),
           Quad(f, _term(RDF + "subject"), NamedNode(s.subject), g),
           Quad(f, _term(RDF + "predicate"), vocab_term(predicate), g),
           Quad(f, _term(RDF + "object"), NamedNode(s.object), g),
           Quad(f, vocab_term("relation_type"), Literal(s.relation), g),
           Quad(f, vocab_term("statement_count"), _lit(s.count, "integer"), g),
           Quad(f, vocab_term("latest_statement"), NamedNode(s.latest), g)]
    for prop, value in (("first_date", s.first), ("last_date", s.last)):
        if value:
            out.append(Quad(f, vocab_term(prop), _lit(value, "date"), g))
    return out


def article_quads(row: dict, stated: list[Stated] | None = None) -> Iterator[Quad]:
    """What the article says, in its own named graph. `stated` is the row's
    `resolved_relations`, when the caller has them already."""
    model = load_model()
    art = row["article"]
    g = NamedNode(article_iri(art["id"]))
    a = g
    yield Quad(a, _term(RDF + "type"), vocab_term("Article"), g)
    article_props = model.node_types["Article"].properties
    for prop in article_props:
        if art.get(prop):
            yield Quad(a, vocab_term(prop), _lit(art[prop], article_props[prop].datatype), g)
    for ent in row["entities"]:
        yield Quad(NamedNode(node_iri(ent)), vocab_term("mentionedIn"), a, g)
    measures = {m["id"]: m for m in row.get("measures", [])}
    edge_props = model.edge_properties
    for rel, s_iri, o_iri, values, st_iri, fact in (resolved_relations(row) if stated is None else stated):
        s, o = NamedNode(s_iri), NamedNode(o_iri)
        pred = vocab_term(model.relation_types[rel["type"]].predicate)
        yield Quad(s, pred, o, g)
        st = NamedNode(st_iri)
        yield Quad(st, _term(RDF + "type"), vocab_term("Statement"), g)
        yield Quad(st, _term(RDF + "subject"), s, g)
        yield Quad(st, _term(RDF + "predicate"), pred, g)
        yield Quad(st, _term(RDF + "object"), o, g)
        yield Quad(st, vocab_term("relationType"), Literal(rel["type"]), g)
        yield Quad(st, _term(PROV + "wasDerivedFrom"), a, g)
        yield Quad(st, vocab_term("fact"), NamedNode(fact), g)
        for prop, value in values.items():
            if value not in (None, ""):
                yield Quad(st, vocab_term(prop), _lit(value, edge_props[prop].datatype), g)
        m = measures.get(rel.get("measure") or "")
        if m:
            node = NamedNode(sanction_iri(art["id"], m["id"]))
            yield Quad(st, vocab_term("measure"), node, g)
            yield from _measure(node, m, s, o, a, g)


def _measure(node: NamedNode, m: dict, authority: NamedNode, target: NamedNode, article: NamedNode,
             g: NamedNode) -> Iterator[Quad]:
    model = load_model()
    nt = model.node_types["Sanction"]
    yield Quad(node, _term(RDF + "type"), vocab_term("Sanction"), g)
    yield Quad(node, _term(RDFS + "label"), Literal(m["name"]), g)
    values = dict(m, key=node.value.rsplit("/", 1)[-1])
    for prop, spec in nt.properties.items():
        if values.get(prop) not in (None, ""):
            yield Quad(node, vocab_term(prop), _lit(values[prop], spec.datatype), g)
    yield Quad(node, vocab_term("authority"), authority, g)
    yield Quad(node, vocab_term("target"), target, g)
    yield Quad(node, vocab_term("evidence"), article, g)
