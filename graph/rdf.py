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

from collections.abc import Iterable, Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from ..schema import camel, load_model
from .identity import facts_graph_iri, nodes_graph_iri
from .records import ArticleRecords, Node

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


def quads(rec: ArticleRecords) -> Iterator[Quad]:
    """All quads of one article's records: the article's own graph, then the
    descriptions of the nodes it names."""
    yield from article_quads(rec)
    yield from node_quads(rec)


def node_quads(rec: ArticleRecords) -> Iterator[Quad]:
    """The description of every node the article names, in the shared node graph. Every
    property is single-valued: when the article names a node twice, the last mention's
    value wins, as it does for a later article (and in Neo4j's `SET n += props`)."""
    for node in rec.nodes:
        yield from description_quads(node)


def description_quads(node: Node) -> list[Quad]:
    """One node's description: its type, label and the properties its record sets."""
    model = load_model()
    g = _term(nodes_graph_iri())
    subject = NamedNode(node.iri)
    spec = model.node_types[node.type].properties
    values = node.properties()
    label = model.caption(node.type, values)
    pairs = [(_term(RDF + "type"), vocab_term(node.type)), (_term(RDFS + "label"), Literal(label))]
    pairs += [(vocab_term(prop), _lit(value, spec[prop].datatype)) for prop, value in values.items()]
    if values.get("qid"):
        pairs.append((_term(OWL + "sameAs"), NamedNode(model.namespaces["wd"] + values["qid"])))
    return [Quad(subject, pred, obj, g) for pred, obj in pairs]


def fact_terms() -> list[tuple[NamedNode, str | None]]:
    """Every predicate a fact can have (each single-valued), with the Summary field it
    holds (None: the type and the predicate, which follow from the others): the model's
    Fact edge type, its ends, its relation as text, its properties and links."""
    fact = load_model().fact
    return [(_term(RDF + "type"), None), (_term(RDF + "subject"), fact.source), (_term(RDF + "predicate"), None),
            (_term(RDF + "object"), fact.target), (vocab_term(fact.relation_literal), fact.type_field)] + \
        [(vocab_term(p), p) for p in list(fact.properties) + list(fact.links)]


def fact_quads(fact: str, s) -> list[Quad]:
    """A fact and its summary (a `facts.Summary`), in the facts graph."""
    model = load_model()
    spec = model.fact
    g, f = _term(facts_graph_iri()), NamedNode(fact)
    objects = {RDF + "type": vocab_term(spec.name),
               RDF + "predicate": vocab_term(model.relation_types[s.relation].predicate)}
    out = []
    for pred, name in fact_terms():
        value = getattr(s, name) if name else objects[pred.value]
        if value in (None, ""):
            continue
        if name in spec.properties:
            value = _lit(value, spec.properties[name].datatype)
        elif name == spec.type_field:
            value = Literal(value)
        elif name:
            value = NamedNode(value)
        out.append(Quad(f, pred, value, g))
    return out


@lru_cache(maxsize=None)
def fact_predicates() -> tuple[str, ...]:
    """Every property a fact can have (each single-valued), as IRIs."""
    return tuple(p.value for p, _ in fact_terms())


def triple_text(q: Quad) -> str:
    """A quad's triple as SPARQL Update data (pyoxigraph escapes what N-Triples forbids)."""
    return f"{q.subject} {q.predicate} {q.object} ."


def set_values_update(graph: str, pairs: Iterable[tuple[str, str]], quads: Iterable[Quad],
                      stored: Iterable[Quad]) -> str:
    """A SPARQL Update that, in `graph`, deletes the `stored` values of the (subject IRI,
    predicate IRI) `pairs` that are not among the new `quads`; the caller then inserts
    those. A value that stays is neither deleted nor inserted again, and the deletion
    names its quads (DELETE DATA): Virtuoso's roll-forward (after a crash, or a stop
    without a checkpoint) lost quads that one transaction deleted and inserted again,
    and node values that a DELETE ... WHERE had rightly kept (issue 32)."""
    return delete_data(graph, stale_values(pairs, quads, stored))


def stale_values(pairs: Iterable[tuple[str, str]], quads: Iterable[Quad], stored: Iterable[Quad]) -> list[Quad]:
    """The `stored` quads of the (subject IRI, predicate IRI) `pairs` whose values are not
    among the new `quads`: what writing those replaces (`set_values_update` deletes them
    by SPARQL; the embedded store removes them as quads)."""
    pairs = set(pairs)
    new: dict[tuple[str, str], list] = {}
    for q in quads:
        new.setdefault((q.subject.value, q.predicate.value), []).append(q.object)
    return [q for q in stored if (q.subject.value, q.predicate.value) in pairs
            and not any(same_value(q.object, o) for o in new.get((q.subject.value, q.predicate.value), []))]


def trim_graph_update(graph: str, quads: Iterable[Quad], stored: Iterable[Quad]) -> str:
    """A SPARQL Update that deletes from a graph the `stored` quads that are not among
    these, which the caller then inserts: an article written again keeps the quads
    that stay instead of dropping its graph and inserting them again in one
    transaction (see `set_values_update`)."""
    stored = list(stored)
    return set_values_update(graph, {(q.subject.value, q.predicate.value) for q in stored}, quads, stored)


def delete_data(graph: str, quads: list[Quad]) -> str:
    if not quads:
        return ""
    return f"DELETE DATA {{ GRAPH <{graph}> {{\n" + "\n".join(map(triple_text, quads)) + "\n} }"


NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long")}


def same_value(a, b) -> bool:
    """Whether two objects are the same value: the same term, numbers equal whatever
    their lexical form (Virtuoso gives "7000000000.0" back for "7000000000"), or the
    same truth value (Virtuoso gives 1 back for true)."""
    if a == b:
        return True
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return False
    types = {a.datatype.value, b.datatype.value}
    if XSD + "boolean" in types and types <= NUMERIC | {XSD + "boolean"}:  # Virtuoso keeps true as 1
        return {a.value, b.value} <= {"true", "1"} or {a.value, b.value} <= {"false", "0"}
    if a.datatype.value in NUMERIC and b.datatype.value in NUMERIC:
        from decimal import Decimal, InvalidOperation

        try:
            return Decimal(a.value) == Decimal(b.value)
        except InvalidOperation:
            return False
    return a.value == b.value and a.datatype == b.datatype and a.language == b.language


def article_quads(rec: ArticleRecords) -> Iterator[Quad]:
    """What the article says, in its own named graph."""
    model = load_model()
    g = a = NamedNode(rec.iri)
    context = model.context_type
    yield Quad(a, _term(RDF + "type"), vocab_term(context), g)
    article_props = model.node_types[context].properties
    for prop, value in rec.properties().items():
        yield Quad(a, vocab_term(prop), _lit(value, article_props[prop].datatype), g)
    for node in rec.nodes:
        yield Quad(NamedNode(node.iri), vocab_term("mentionedIn"), a, g)
    for stated in rec.statements:
        yield from _statement(stated, a, g)
    for node in rec.sanctions:
        yield from _measure(node, g)


def _statement(stated, a: NamedNode, g: NamedNode) -> Iterator[Quad]:
    """One statement: the plain triple, and the Statement with its ends, relation, article,
    fact, the edge properties it has and its links (the measure it imposes)."""
    model = load_model()
    spec = model.statement
    record = stated.record
    relation, subject, obj = (getattr(record, f) for f in spec.ends)
    s, o = NamedNode(subject), NamedNode(obj)
    pred = vocab_term(model.relation_types[relation].predicate)
    yield Quad(s, pred, o, g)
    st = NamedNode(stated.iri)
    yield Quad(st, _term(RDF + "type"), vocab_term(spec.name), g)
    yield Quad(st, _term(RDF + "subject"), s, g)
    yield Quad(st, _term(RDF + "predicate"), pred, g)
    yield Quad(st, _term(RDF + "object"), o, g)
    yield Quad(st, vocab_term(spec.relation_literal), Literal(relation), g)
    yield Quad(st, _term(PROV + "wasDerivedFrom"), a, g)
    for prop, p in spec.properties.items():
        value = getattr(record, prop)
        if value not in (None, ""):
            yield Quad(st, vocab_term(prop), _lit(value, p.datatype), g)
    for name in spec.links:  # on the record (its measure) or derived with its IRI (its fact)
        target = getattr(record, name, None) or getattr(stated, name, None)
        if target:
            yield Quad(st, vocab_term(name), NamedNode(target), g)


def _measure(node: Node, g: NamedNode) -> Iterator[Quad]:
    """A node described in the article's graph (a Sanction): its properties and its links."""
    subject = NamedNode(node.iri)
    model = load_model()
    spec = model.node_types[node.type]
    values = node.properties()
    yield Quad(subject, _term(RDF + "type"), vocab_term(node.type), g)
    yield Quad(subject, _term(RDFS + "label"), Literal(model.caption(node.type, values)), g)
    for prop, value in values.items():
        yield Quad(subject, vocab_term(prop), _lit(value, spec.properties[prop].datatype), g)
    for link in spec.links:
        target = getattr(node.record, link)
        if target:
            yield Quad(subject, vocab_term(link), NamedNode(target), g)
