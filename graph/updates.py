"""SPARQL 1.1 Update for the two RDF stores (embedded Oxigraph and a remote endpoint):
writing an article, forgetting articles, finding an article by its source. One module,
so the two stores cannot write the same article two ways."""
from __future__ import annotations

from collections.abc import Iterable

from ..schema import camel, load_model
from .facts import FactReader, SparqlFacts, facts_update, recount_update, summarise
from .identity import article_iri, nodes_graph_iri
from .rdf import article_quads, node_quads, set_values_update, trim_graph_update, triple_text
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
    own = list(article_quads(rec))
    said = [triple_text(q) for q in own]
    described = list(node_quads(rec)) if described is None else described
    parts = [forget_update(gone, keep=[node.iri for node in rec.nodes], rewritten=own, reader=facts)] if forget else []
    summaries = facts_update(facts, rec.statements, gone if forget else [])
    if summaries:
        parts.append(summaries)
    if described:
        pairs = [(q.subject.value, q.predicate.value) for q in described]
        parts.append(set_values_update(nodes, pairs, described, facts.stored(nodes, {s for s, _ in pairs})))
    body = f"GRAPH <{g}> {{\n" + "\n".join(said) + "\n}"
    if described:
        body += f" GRAPH <{nodes}> {{\n" + "\n".join(map(triple_text, described)) + "\n}"
    parts.append(f"INSERT DATA {{ {body} }}")
    return " ;\n".join(p for p in parts if p), len(said) + len(described)


def forget_update(article_ids: list[str], facts: FactReader | None = None, keep: list[str] | None = None,
                  rewritten: list | None = None, reader: FactReader | None = None) -> str:
    """A SPARQL Update that drops these articles' graphs and the descriptions of the
    nodes no other article mentions (as Neo4j's writer deletes unmentioned nodes);
    given `facts`, also takes their statements out of the fact summaries (a caller that
    writes a new version in the same request does that with it instead). The nodes in
    `keep` (those the new version names) keep their descriptions: deleting and
    inserting a quad again in one transaction is what Virtuoso's roll-forward lost; for
    the same reason the graph of the first article, when it is `rewritten` with these
    quads, keeps those instead of being dropped (read through `reader`)."""
    graphs = " ".join(f"<{article_iri(a)}>" for a in article_ids)
    listed = ", ".join(f"<{article_iri(a)}>" for a in article_ids)
    mentioned = f"<{load_model().vocab}mentionedIn>"
    nodes = nodes_graph_iri()
    orphans = (f"DELETE {{ GRAPH <{nodes}> {{ ?n ?p ?o }} }} WHERE {{ VALUES ?gone {{ {graphs} }} "
               f"GRAPH ?gone {{ ?n {mentioned} ?gone }} "
               + (f"FILTER(?n NOT IN ({', '.join(f'<{n}>' for n in keep)})) " if keep else "")
               + f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?n {mentioned} ?other }} FILTER(?other NOT IN ({listed})) }} "
               f"GRAPH <{nodes}> {{ ?n ?p ?o }} }}")
    summaries = [facts_update(facts, [], article_ids)] if facts else []
    drops = [trim_graph_update(article_iri(a), rewritten, reader.stored(article_iri(a)))
             if rewritten is not None and reader is not None and i == 0
             else f"DROP SILENT GRAPH <{article_iri(a)}>" for i, a in enumerate(article_ids)]
    return " ;\n".join(p for p in [orphans] + drops + summaries if p)


# ---- the journal of remote writes -------------------------------------------------------------
# A SPARQL endpoint may commit an update request's operations one by one (Virtuoso keeps
# the first operations of a request whose later one fails), so a write that dies half way
# can leave an article's graph without its fact summaries, or summaries without the graph.
# Before writing, the remote store notes in a journal graph what the write touches (the
# article graphs it replaces or drops, the facts whose summaries it changes); the write's
# last operation clears the note. A note still there names a write that died: `repair`
# drops those graphs and counts those facts again from the statements stored, so the
# re-run writes the article again into exactly the state a clean run reaches.
JOURNAL = "urn:sanctions-kg:journal:"


def journal_iri() -> str:
    return nodes_graph_iri().rsplit("/", 1)[0] + "/journal"


def journal_note(article_id: str, gone: list[str], facts: Iterable[str]) -> list[str]:
    """The journal's triples for one write: the graphs it replaces, the facts it touches."""
    key = f"<{article_iri(article_id)}>"
    return ([f"{key} <{JOURNAL}graph> <{article_iri(a)}> ." for a in dict.fromkeys([article_id] + gone)]
            + [f"{key} <{JOURNAL}fact> <{f}> ." for f in sorted(set(facts))])


def journal_update(notes: list[str]) -> str:
    return f"INSERT DATA {{ GRAPH <{journal_iri()}> {{\n" + "\n".join(notes) + "\n} }" if notes else ""


def unjournal_update(article_id: str) -> str:
    """The last operation of a write: its note is cleared once all else is done."""
    key = f"<{article_iri(article_id)}>"
    return f"DELETE {{ GRAPH <{journal_iri()}> {{ {key} ?p ?o }} }} WHERE {{ GRAPH <{journal_iri()}> {{ {key} ?p ?o }} }}"


def touched_facts(rec: ArticleRecords | None, gone: list[str], facts: FactReader) -> set[str]:
    """The facts whose summaries a write of `rec` replacing the `gone` articles changes."""
    return set(summarise(rec.statements) if rec else ()) | set(facts.stated_in(gone) if gone else ())


def repair_update(reader: SparqlFacts) -> str:
    """The update that undoes every write the journal names as unfinished: drop the
    graphs it was replacing, drop descriptions of nodes no article mentions any more,
    count the touched facts again, clear the journal. Empty when nothing is pending.
    Idempotent: a repair that dies is done again by the next one."""
    rows = reader.select(f"SELECT ?p ?o WHERE {{ GRAPH <{journal_iri()}> {{ ?e ?p ?o }} }}")
    if not rows:
        return ""
    graphs = {r["o"] for r in rows if r["p"] == JOURNAL + "graph"}
    facts = {r["o"] for r in rows if r["p"] == JOURNAL + "fact"}
    mentioned, nodes = f"<{load_model().vocab}mentionedIn>", nodes_graph_iri()
    parts = [f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs)]
    parts.append(f"DELETE {{ GRAPH <{nodes}> {{ ?n ?p ?o }} }} WHERE {{ GRAPH <{nodes}> {{ ?n ?p ?o }} "
                 f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?n {mentioned} ?g }} FILTER(?g NOT IN ({', '.join(f'<{g}>' for g in sorted(graphs))})) }} }}")
    parts.append(recount_update(reader, facts, graphs))
    parts.append(f"DROP SILENT GRAPH <{journal_iri()}>")
    return " ;\n".join(p for p in parts if p)


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
