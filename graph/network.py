"""The graph as a networkx MultiDiGraph: nodes keyed by IRI, one edge per statement.

Plain functions over one well-understood structure, built the same way from extraction
records (`build`), from an RDF store (`from_store`) and from Neo4j (`Neo4jStore.graph`);
what it holds is the model's projection (graph/projection.py): every node of a
`network: node` type (sanction measures included) with `type`, its properties and its
links' IRIs; one edge per statement keyed by its IRI with `type` (the relation) and the
model's edge properties, `article` being the article's IRI; `G.graph["articles"]` maps
each article IRI to its other properties.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict

import networkx as nx

from ..schema import camel, load_model
from . import projection, records
from .identity import nodes_graph_iri

# what G.graph["articles"] tells of an article: all the model says of it but its id (the key)
ARTICLE_FIELDS = tuple(projection.context_fields())


def article_fields(values: dict) -> dict:
    """An article's entry in G.graph["articles"]: the fields it has."""
    return projection.context_attributes(values)


def add_node(G: nx.MultiDiGraph, iri: str, node_type: str, values: dict) -> None:
    """A node with its type and the model's properties and links it has (later values win)."""
    attrs = projection.node_attributes(node_type, values)
    if iri in G:
        G.nodes[iri].update(attrs)
    else:
        G.add_node(iri, **attrs)


def add_statement(G: nx.MultiDiGraph, iri: str, relation: str, subject: str, obj: str, values: dict) -> None:
    """One edge per statement, keyed by its IRI: its relation type, its article's IRI
    and the model's edge properties it has."""
    G.add_edge(subject, obj, key=iri, type=relation, **projection.statement_attributes(values))


def add_records(G: nx.MultiDiGraph, row: dict | records.ArticleRecords) -> nx.MultiDiGraph:
    """Add one article (an extraction row or its records) to G."""
    rec = records.of(row)
    G.graph.setdefault("articles", {})[rec.iri] = article_fields(rec.properties())
    for node in rec.nodes + rec.sanctions:
        add_node(G, node.iri, node.type, projection.node_values(node))
    for st in rec.statements:
        values = asdict(st.record)
        add_statement(G, st.iri, *projection.statement_ends(values), values)
    return G


def build(rows: Iterable[dict | records.ArticleRecords]) -> nx.MultiDiGraph:
    """The graph of these articles, as a store that holds just them gives it back."""
    G = nx.MultiDiGraph()
    for row in rows:
        add_records(G, row)
    return G


def _optional(var: str, names: Iterable[str]) -> str:
    return " ".join(f"OPTIONAL {{ ?{var} skg:{camel(n)} ?{n} }}" for n in names)


def from_store(store) -> nx.MultiDiGraph:
    """Read an RDF store (embedded or remote: anything with `select`) back into networkx,
    with the same nodes, edges and attributes `build` gives. The queries are made from
    the model: every property it declares is read."""
    model = load_model()
    G = nx.MultiDiGraph()
    G.graph["articles"] = {r["a"]: article_fields(r) for r in store.select(
        f"SELECT ?a {' '.join('?' + k for k in ARTICLE_FIELDS)} WHERE {{ GRAPH ?a {{ ?a a skg:Article "
        f"{_optional('a', ARTICLE_FIELDS)} }} }}")}
    for where in ("nodes", "article"):  # the shared node descriptions, then what lives in an article's graph
        kinds = [t for t in model.network_types() if model.node_types[t].graph == where]
        if not kinds:
            continue
        names = list(dict.fromkeys(p for t in kinds for p in projection.node_fields(t)))
        graph = f"<{nodes_graph_iri()}>" if where == "nodes" else "?g"
        types = ", ".join(f"skg:{t}" for t in kinds)
        for r in store.select(
                f"SELECT ?n ?t {' '.join('?' + n for n in names)} WHERE {{ GRAPH {graph} {{ "
                f"?n a ?t FILTER(?t IN ({types})) {_optional('n', names)} }} }}"):
            add_node(G, r["n"], r["t"].rsplit("#", 1)[-1], r)
    st = model.statement
    edge = list(st.properties)
    for r in store.select(
            f"SELECT ?st ?s ?o ?relation {' '.join('?' + n for n in edge)} WHERE {{ "
            f"?st a skg:{st.name} ; rdf:subject ?s ; rdf:object ?o ; skg:{camel(st.relation_literal)} ?relation "
            f"{_optional('st', edge)} }}"):
        add_statement(G, r["st"], r["relation"], r["s"], r["o"], r)
    return G


def counts(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes by type and relations by type: distinct (type, source, target) edges, so a
    fact stated by two articles counts once."""
    nodes = Counter(d["type"] for _, d in G.nodes(data=True))
    rels = Counter(t for t, _, _ in {(d["type"], u, v) for u, v, d in G.edges(data=True)})
    return {"nodes": dict(sorted(nodes.items())), "relations": dict(sorted(rels.items()))}
