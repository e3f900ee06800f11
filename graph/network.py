"""The graph as a networkx MultiDiGraph: nodes keyed by IRI, one edge per statement.

Plain functions over one well-understood structure. Node attributes: `type`, `name`
and the model's properties; edge key: the statement IRI; edge attributes: `type`,
`article`, `sentence`, `char_start`, `char_end`, `ref_date`, `modality`, `confidence`.
`G.graph["articles"]` maps each article IRI to its title, source and date.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from .identity import article_iri, node_iri, nodes_graph_iri
from .statements import resolved_relations

ARTICLE_FIELDS = ("title", "source", "published")  # what G.graph["articles"] tells of an article


def article_fields(values: dict) -> dict:
    """An article's entry in G.graph["articles"]: the fields it has."""
    return {k: values[k] for k in ARTICLE_FIELDS if values.get(k)}


NODE_FIELDS = ("iso3", "qid", "role", "state", "acronym", "kind", "body", "number", "date", "symbol")


def add_extraction(G: nx.MultiDiGraph, row: dict) -> nx.MultiDiGraph:
    """Add one extraction row (the JSON `skg extract` prints) to G."""
    art = row["article"]
    G.graph.setdefault("articles", {})[article_iri(art["id"])] = article_fields(art)
    for ent in row["entities"]:
        iri = node_iri(ent)
        attrs = {"type": ent["type"], "name": ent.get("full_name") or ent["name"]}
        attrs.update({k: str(ent[k]) for k in NODE_FIELDS if ent.get(k) not in (None, "")})
        if iri in G:
            G.nodes[iri].update(attrs)
        else:
            G.add_node(iri, **attrs)
    for rel, s, t, v, statement, _ in resolved_relations(row):
        G.add_edge(s, t, key=statement, type=rel["type"],
                   article=article_iri(art["id"]), sentence=v["sentence"], char_start=v["char_start"],
                   char_end=v["char_end"], ref_date=v["ref_date"] or "", report_date=v["report_date"] or "",
                   modality=v["modality"], confidence=v["confidence"])
    return G


def build(rows: Iterable[dict]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for row in rows:
        add_extraction(G, row)
    return G


def from_store(store) -> nx.MultiDiGraph:
    """Read the stored graph back into networkx (embedded store or any object with the
    same `select`)."""
    G = nx.MultiDiGraph()
    G.graph["articles"] = {r["a"]: article_fields(r) for r in store.select("""
        SELECT ?a ?title ?source ?published WHERE { GRAPH ?a { ?a a skg:Article ; skg:source ?source
          OPTIONAL { ?a skg:title ?title } OPTIONAL { ?a skg:published ?published } } }""")}
    for r in store.select(f"""
        SELECT ?n ?type ?name ?iso3 ?qid ?role ?state WHERE {{ GRAPH <{nodes_graph_iri()}> {{
          ?n a ?t ; rdfs:label ?name .
          FILTER(?t IN (skg:State, skg:Official, skg:Person, skg:Organization, skg:Resolution, skg:Proposal))
          BIND(STRAFTER(STR(?t), "#") AS ?type)
          OPTIONAL {{ ?n skg:iso3 ?iso3 }} OPTIONAL {{ ?n skg:qid ?qid }}
          OPTIONAL {{ ?n skg:role ?role }} OPTIONAL {{ ?n skg:state ?state }}
        }} }}"""):
        attrs = {k: v for k, v in r.items() if k != "n" and v is not None}
        G.add_node(r["n"], **attrs)
    for r in store.select("""
        SELECT ?st ?s ?o ?type ?article ?sentence ?cs ?ce ?ref ?report ?modality ?conf WHERE {
          ?st a skg:Statement ; rdf:subject ?s ; rdf:object ?o ; skg:relationType ?type ;
              prov:wasDerivedFrom ?article ; skg:sentence ?sentence ; skg:charStart ?cs ;
              skg:charEnd ?ce ; skg:modality ?modality ; skg:confidence ?conf .
          OPTIONAL { ?st skg:refDate ?ref } OPTIONAL { ?st skg:reportDate ?report }
        }"""):
        G.add_edge(r["s"], r["o"], key=r["st"], type=r["type"], article=r["article"],
                   sentence=r["sentence"], char_start=r["cs"], char_end=r["ce"],
                   ref_date=str(r["ref"] or ""), report_date=str(r["report"] or ""),
                   modality=r["modality"], confidence=float(r["conf"]))
    return G


def counts(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes by type and relations by type: distinct (type, source, target) edges, so a
    fact stated by two articles counts once."""
    nodes = Counter(d["type"] for _, d in G.nodes(data=True))
    rels = Counter(t for t, _, _ in {(d["type"], u, v) for u, v, d in G.edges(data=True)})
    return {"nodes": dict(sorted(nodes.items())), "relations": dict(sorted(rels.items()))}
