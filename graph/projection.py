"""How records project into the property graphs (Neo4j rows, networkx nodes and edges),
read from the model, once.

`schema/model.yaml` says of each type whether it is a node, the context of all (the
article) or an edge between two nodes (`edge_types`: a Statement, a Fact), which record
fields are an edge's ends and relation type, which property carries an edge's IRI where
a store has none (`key`), and what a link becomes. Every writer and reader of Neo4j and
networkx asks this module, so no list of a type's properties is written anywhere else
and the stores cannot drift apart property by property (the RDF quads are made in
graph/rdf.py from the same declarations).

What a networkx graph holds, whichever store it is read from:
  * one node per node of a `network: node` type (the named types and the sanction
    measures), keyed by IRI, with `type`, the properties it has and, for a link, the
    IRI it points to (a sanction's `authority`, `target` and `evidence`);
  * one edge per statement, keyed by the statement's IRI, with `type` (the relation)
    and the edge properties it has, `article` being the article's IRI;
  * `G.graph["articles"]`: each article's IRI and the properties it has but its id.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ..schema import load_model
from .identity import article_iri
from .records import Node, Stated


def node_fields(kind: str) -> list[str]:
    """The attributes a node of this type may carry: its properties, then its links."""
    nt = load_model().node_types[kind]
    return list(nt.properties) + list(nt.links)


def node_attributes(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """A networkx node's attributes: its type and the properties and links it has."""
    return {"type": kind, **{k: values[k] for k in node_fields(kind) if values.get(k) is not None}}


def node_values(node: Node) -> dict[str, Any]:
    """A node record's properties and link IRIs that are set."""
    return {f.name: v for f in fields(node.record) if (v := getattr(node.record, f.name)) is not None}


def context_attributes(values: dict[str, Any]) -> dict[str, Any]:
    """An article's entry in `G.graph["articles"]`: every property it has but its identity
    (the IRI, its key there, holds it)."""
    nt = load_model().node_types[load_model().context_type]
    return {k: values[k] for k in nt.properties if k not in nt.identity and values.get(k)}


def context_fields() -> list[str]:
    """The properties an article's entry in `G.graph["articles"]` may have."""
    nt = load_model().node_types[load_model().context_type]
    return [k for k in nt.properties if k not in nt.identity]


def statement_attributes(values: dict[str, Any]) -> dict[str, Any]:
    """A statement edge's attributes: the edge properties it has, the article as its IRI
    (what `G.graph["articles"]` is keyed by)."""
    props = load_model().edge_properties
    attrs = {k: v for k, v in values.items() if k in props and v is not None}
    attrs["article"] = article_iri(attrs["article"])
    return attrs


def statement_ends(values: dict[str, Any]) -> tuple[str, str, str]:
    """(relation type, source IRI, target IRI) of a statement's values."""
    st = load_model().statement
    return values[st.type_field], values[st.source], values[st.target]


def neo4j_node(node: Node) -> dict[str, Any]:
    """A node as the row its label's UNWIND statement merges: its IRI and properties
    (links are relationships, `neo4j_links`)."""
    return {"iri": node.iri, "props": node.properties()}


def neo4j_links(node: Node) -> dict[str, str]:
    """The node's links that Neo4j keeps as relationships: relationship type -> the IRI
    it points to (a sanction's AUTHORITY and TARGET)."""
    links = load_model().node_types[node.type].links
    return {spec.edge: target for name, spec in links.items()
            if spec.edge and (target := getattr(node.record, name, None))}


def neo4j_statement(stated: Stated) -> dict[str, Any]:
    """A statement's relationship properties: every value it has but its ends (those are
    the relationship itself; its `measure` link stays, the sanction's IRI), and its IRI
    under the model's `key`."""
    st = load_model().statement
    props = {k: v for k, v in asdict(stated.record).items() if k not in st.ends and v is not None}
    props[st.key] = stated.iri
    return props


def neo4j_statement_key() -> str:
    """The relationship property holding a statement's IRI (networkx keys edges by it)."""
    return load_model().statement.key


def neo4j_node_reads() -> list[tuple[list[str], dict[str, tuple[str, bool]]]]:
    """How to read the nodes back from Neo4j: groups of labels, each with its links as
    link name -> (relationship type, outgoing). The types without links are read
    together; each type with links alone. A link with no relationship of its own (a
    sanction's evidence, an article) is the article's MENTIONS of the node, incoming."""
    model = load_model()
    plain = [t for t in model.network_types() if not model.node_types[t].links]
    out: list[tuple[list[str], dict[str, tuple[str, bool]]]] = [(plain, {})] if plain else []
    for kind in model.network_types():
        links = model.node_types[kind].links
        if links:
            out.append(([kind], {name: (spec.edge, True) if spec.edge else ("MENTIONS", False)
                                 for name, spec in links.items()}))
    return out
