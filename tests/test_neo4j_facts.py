"""Issue 31 item 3: resolutions-on reads fact summaries in Neo4j (a FACT relationship per
fact, kept by the writer) and sorts by keys the query binds in SPARQL; its answers are
the ones it gave before, row for row, on every store, and Neo4j's summaries stay equal
to what its statements add up to through every write: a batch, a re-ingest, an edited
article replacing its earlier text, a forgotten article, corrections, and a database
written without summaries. Runs against the real servers `make test` starts."""
import copy
import json
from pathlib import Path

import pytest

from sanctions_kg.graph import catalogue
from sanctions_kg.graph import corrections as corrections_file
from sanctions_kg.graph.facts import graph_summaries
from sanctions_kg.graph.neo4j_store import FACT, Neo4jStore
from sanctions_kg.graph.store import EmbeddedStore

PINNED = json.loads((Path(__file__).parent / "data" / "resolutions_on_samples.json").read_text("utf-8"))
RETRACT = "retract:\n  - relation: SANCTIONS\n    source: S/RES/2397 (2017)\n    target: PRK\n"


def _from_statements(store) -> dict:
    """The summaries counted here, in Python, from the store's statements (one networkx
    edge per statement), keyed (relation, source IRI, target IRI) as Neo4j's are."""
    G = store.graph()
    return graph_summaries((d["type"], u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))


def _true(neo4j: Neo4jStore) -> dict:
    """Neo4j's stored summaries, checked equal to what its statements add up to."""
    stored = neo4j.fact_summaries()
    assert stored == _from_statements(neo4j)
    return stored


def _frame_rows(frame) -> list[list]:
    """A DataFrame's rows in their order, 1.0 and 1 alike, missing as None."""
    def norm(v):
        if v is None or v != v:  # NaN
            return None
        return int(v) if isinstance(v, float) and v.is_integer() else v
    return [[norm(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


def test_resolutions_on_answers_the_pinned_rows_on_every_store(tmp_path, sample_rows):
    """The rows and their order as the question gave them before this change, from the
    embedded store, Neo4j and Virtuoso alike (and from Neo4j's query text as written)."""
    from conftest import three_graphs_of

    graphs, neo4j = three_graphs_of(sample_rows, tmp_path / "store")
    try:
        assert PINNED["answers"]
        for pinned in PINNED["answers"]:
            for kind, g in graphs.items():
                assert _frame_rows(g.ask("resolutions-on", **pinned["params"])) == pinned["rows"], (kind, pinned)
            # the Cypher as written: the same rows (Neo4j sorts its nulls last, SPARQL first)
            text, values = catalogue.render("resolutions-on", pinned["params"], "cypher")
            assert sorted(map(repr, (list(r.values()) for r in neo4j.cypher(text, values)))) == \
                sorted(map(repr, pinned["rows"]))
    finally:
        for g in graphs.values():
            g.close()
        neo4j.close()


def test_neo4j_fact_summaries_stay_true_through_every_write(tmp_path, sample_rows, neo4j_store):
    embedded = EmbeddedStore(tmp_path / "store")
    neo4j_store.write_many(sample_rows)  # one batch: facts stated by several of its articles
    for row in sample_rows:
        embedded.write(row)
    first = _true(neo4j_store)
    assert len(first) == len(_from_statements(embedded)) and first == _from_statements(embedded)
    assert any(s.statement_count > 1 for s in first.values())

    for row in sample_rows:  # re-ingest: each article replaces itself
        neo4j_store.write(row)
    assert _true(neo4j_store) == first

    edited = copy.deepcopy(sample_rows[0])  # an edited text of the same source replaces the first
    edited["article"]["id"] += "-edited"
    dropped = edited["relations"].pop()
    for rel in edited["relations"]:
        rel["evidence"]["sentence"] = "As edited: " + rel["evidence"]["sentence"]
    for store in (neo4j_store, embedded):
        store.write(edited, replaces=sample_rows[0]["article"]["id"])
    after_edit = _true(neo4j_store)
    assert after_edit == _from_statements(embedded) and after_edit != first
    assert dropped["type"] in {k[0] for k in first}

    gone = sample_rows[1]["article"]["id"]  # a forgotten article takes its statements out
    for store in (neo4j_store, embedded):
        store.forget(gone)
    after_forget = _true(neo4j_store)
    assert after_forget == _from_statements(embedded) and len(after_forget) < len(after_edit)

    fix = tmp_path / "corrections.yaml"  # corrections: the articles written again, corrected
    fix.write_text(RETRACT, encoding="utf-8")
    fixes = corrections_file.load(fix).bind(neo4j_store)
    corrected = [fixes.apply(row) for row in [edited] + sample_rows[2:]]
    neo4j_store.write_many(corrected)
    for row in corrected:
        embedded.write(row)
    summaries = _true(neo4j_store)
    assert summaries == _from_statements(embedded)
    assert len(summaries) == len(after_forget) - 1  # the retracted fact went with its only statement
    for name in ("resolutions-on", "who-proposed", "timeline", "actions-of"):  # the same answers as the RDF store
        params = {"resolutions-on": {"iso3": "PRK"}, "timeline": {"iso3": "IRN"}, "actions-of": {"actor": "Russia"}}
        ours = catalogue.ask(neo4j_store, name, params.get(name, {}))
        assert ours.rows == catalogue.ask(embedded, name, params.get(name, {})).rows, name


def test_a_database_written_without_summaries_gets_them_when_opened(sample_rows, neo4j_store):
    neo4j_store.write_many(sample_rows)
    before = _true(neo4j_store)
    neo4j_store.cypher(f"MATCH ()-[x:{FACT}]->() DELETE x", write=True)  # as an older writer or an import left it
    assert neo4j_store.fact_summaries() == {}
    reopened = Neo4jStore(neo4j_store.uri)
    try:
        assert _true(reopened) == before
    finally:
        reopened.close()


@pytest.mark.parametrize("name, params", [("timeline", {"iso3": "PRK"}), ("actions-of", {"actor": "Russia"})])
def test_questions_over_every_relationship_leave_the_summaries_out(sample_rows, neo4j_store, name, params):
    """timeline and actions-of match any relationship of a node: a FACT is no relation."""
    neo4j_store.write_many(sample_rows)
    rows = catalogue.ask(neo4j_store, name, params).rows
    assert rows and FACT not in {v for row in rows for v in row}
