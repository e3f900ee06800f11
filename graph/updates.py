"""SPARQL 1.1 Update for the two RDF stores (embedded Oxigraph and a remote endpoint):
writing an article, forgetting articles, finding an article by its source. One module,
so the two stores cannot write the same article two ways."""
from __future__ import annotations

from ..schema import camel, load_model
from .facts import FactReader, facts_update
from .identity import article_iri, nodes_graph_iri
from .rdf import article_quads, node_quads
from .records import ArticleRecords


def replace_update(rec: ArticleRecords, facts: FactReader, replaces: str | None = None, described: list | None = None,
                   forget: bool = True) -> tuple[str, int]:
    """One SPARQL Update, applied as one transaction, that replaces an article: forget
    the earlier version (and the article it `replaces`, an earlier text from the same
    source), overwrite the properties it states of the nodes it names (last writer
    wins, as Neo4j's `SET n += props`), insert its quads. Returns the update and the
    number of quads. A writer that knows better may pass only the node `described`
    quads that change, and `forget=False` for an article not stored yet. `facts` reads
    the store's fact summaries (graph/facts.py), which the update brings up to date."""
    article_id = rec.id
    g, nodes = rec.iri, nodes_graph_iri()
    gone = [article_id] + ([replaces] if replaces and replaces != article_id else [])
    said = [f"{q.subject} {q.predicate} {q.object} ." for q in article_quads(rec)]
    described = list(node_quads(rec)) if described is None else described
    parts = [forget_update(gone)] if forget else []
    summaries = facts_update(facts, rec.statements, gone if forget else [])
    if summaries:
        parts.append(summaries)
    if described:
        keys = " ".join(f"({q.subject} {q.predicate})" for q in described)
        parts.append(f"DELETE {{ GRAPH <{nodes}> {{ ?n ?p ?o }} }} WHERE {{ VALUES (?n ?p) {{ {keys} }} "
                     f"GRAPH <{nodes}> {{ ?n ?p ?o }} }}")
    body = f"GRAPH <{g}> {{\n" + "\n".join(said) + "\n}"
    if described:
        body += f" GRAPH <{nodes}> {{\n" + "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in described) + "\n}"
    parts.append(f"INSERT DATA {{ {body} }}")
    return " ;\n".join(parts), len(said) + len(described)


def forget_update(article_ids: list[str], facts: FactReader | None = None) -> str:
    """A SPARQL Update that drops these articles' graphs and the descriptions of the
    nodes no other article mentions (as Neo4j's writer deletes unmentioned nodes);
    given `facts`, also takes their statements out of the fact summaries (a caller that
    writes a new version in the same request does that with it instead)."""
    graphs = " ".join(f"<{article_iri(a)}>" for a in article_ids)
    listed = ", ".join(f"<{article_iri(a)}>" for a in article_ids)
    mentioned = f"<{load_model().vocab}mentionedIn>"
    nodes = nodes_graph_iri()
    orphans = (f"DELETE {{ GRAPH <{nodes}> {{ ?n ?p ?o }} }} WHERE {{ VALUES ?gone {{ {graphs} }} "
               f"GRAPH ?gone {{ ?n {mentioned} ?gone }} "
               f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?n {mentioned} ?other }} FILTER(?other NOT IN ({listed})) }} "
               f"GRAPH <{nodes}> {{ ?n ?p ?o }} }}")
    summaries = [facts_update(facts, [], article_ids)] if facts else []
    return " ;\n".join([orphans] + [f"DROP SILENT GRAPH <{article_iri(a)}>" for a in article_ids]
                        + [s for s in summaries if s])


def relocate_update(article_id: str, values: dict[str, str]) -> str:
    """A SPARQL Update that gives a stored article new values of its own properties
    (where it is read from now: a renamed file)."""
    from .catalogue import sparql_literal

    g = f"<{article_iri(article_id)}>"
    vocab = load_model().vocab
    props = " ".join(f"<{vocab}{camel(k)}>" for k in values)
    new = " ; ".join(f"<{vocab}{camel(k)}> {sparql_literal(v)}" for k, v in values.items())
    return (f"DELETE {{ GRAPH {g} {{ {g} ?p ?o }} }} WHERE {{ VALUES ?p {{ {props} }} GRAPH {g} {{ {g} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{ {g} {new} }} }}")


def origins(store) -> dict[str, str]:
    """Every stored article's id and the file it was read from (those read from a file)."""
    rows = store.select("SELECT ?id ?from WHERE { GRAPH ?g { ?g a skg:Article ; skg:id ?id ; skg:readFrom ?from } }")
    return {str(r["id"]): str(r["from"]) for r in rows}


def article_for_source(store, source: str) -> str | None:
    """The id of the stored article read from `source`, if any."""
    from .catalogue import sparql_literal

    rows = store.select(f"SELECT ?id WHERE {{ GRAPH ?g {{ ?a a skg:Article ; skg:source {sparql_literal(source)} ; skg:id ?id }} }} LIMIT 1")
    return str(rows[0]["id"]) if rows else None
