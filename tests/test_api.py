"""The Python API (sanctions_kg/api.py): a store opened by folder, Bolt URI or SPARQL
endpoint URL answers named questions, SPARQL and Cypher as pandas DataFrames, the same
on the three stores; a text or a file is extracted to rows; the errors are the coded
ones of the CLI."""
import pandas as pd
import pytest

import sanctions_kg as skg
from sanctions_kg.graph.store import EmbeddedStore

from conftest import SAMPLES


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows whatever their order (the order is the questions' own business)."""
    def key(df):
        return sorted(map(repr, df.astype(object).where(df.notna(), None).itertuples(index=False)))
    return list(a.columns) == list(b.columns) and key(a) == key(b)


@pytest.fixture
def three_graphs(tmp_path, sample_rows, neo4j_store, sparql_store):
    folder = tmp_path / "store"
    embedded = EmbeddedStore(folder)
    for store in (embedded, neo4j_store, sparql_store):
        for row in sample_rows:
            store.write(row)
    embedded.close()
    graphs = [skg.open_graph(folder), skg.open_graph(neo4j_store.uri), skg.open_graph(sparql_store.endpoint)]
    yield graphs
    for g in graphs:
        g.close()


def test_the_three_stores_answer_alike_as_dataframes(three_graphs):
    embedded, neo4j, virtuoso = three_graphs
    assert [g.language for g in three_graphs] == ["sparql", "cypher", "sparql"]
    proposed = embedded.ask("who-proposed", proposal="double freeze")
    assert isinstance(proposed, pd.DataFrame) and {"Russia", "China"} <= set(proposed["who"])
    for name, params in (("who-proposed", {"proposal": "double freeze"}), ("sanctions-on", {"iso3": "prk"}),
                         ("evidence", {"relation": "OPPOSES"}), ("officials-of", {"iso3": "USA"})):
        here = embedded.ask(name, **params)
        assert len(here), name
        assert _same_rows(neo4j.ask(name, **params), here), name
        assert _same_rows(virtuoso.ask(name, **params), here), name
    assert embedded.stats() == neo4j.stats() == virtuoso.stats()
    tables = [g.tables() for g in three_graphs]
    for name in ("nodes", "edges", "facts", "articles"):
        pd.testing.assert_frame_equal(tables[1][name], tables[0][name], check_exact=False)
        pd.testing.assert_frame_equal(tables[2][name], tables[0][name], check_exact=False)
    states = embedded.query("SELECT ?iso WHERE { ?s skg:iso3 ?iso } ORDER BY ?iso")
    cypher = neo4j.query("MATCH (s:State) RETURN s.iso3 AS iso ORDER BY iso")
    assert list(states["iso"]) == list(cypher["iso"]) == sorted(set(states["iso"]))
    assert virtuoso.query('ASK { ?s skg:iso3 "PRK" }') is True
    with pytest.raises(skg.SkgError, match="E013"):
        neo4j.query("MATCH (n) DETACH DELETE n")
    with pytest.raises(skg.SkgError, match="E020"):
        embedded.ask("sanctions-on", iso3="PRK", year=2024)
    assert embedded.ego("prk").number_of_nodes() == neo4j.ego("PRK").number_of_nodes() > 3


def test_open_graph_refuses_what_is_no_store(tmp_path):
    with pytest.raises(skg.SkgError, match="E093"):
        skg.open_graph("ftp://example.org/graph")
    with pytest.raises(skg.SkgError, match="E011"):
        skg.open_graph(tmp_path / "nothing-here")  # read-only: not created
    with pytest.raises(skg.SkgError, match="E062"):
        skg.open_graph("bolt://")
    assert set(skg.Graph.questions()["name"]) >= {"who-proposed", "sanctions-on", "evidence"}


def test_extract_a_text_or_a_file_and_ingest_through_the_api(tmp_path):
    rows = skg.extract("Russia vetoed the draft resolution on Syria on Friday. China abstained.",
                       date="2024-03-01")
    table = skg.relations(rows)
    assert {("Russia", "OPPOSES", "vetoed"), ("China", "ABSTAINED", "abstained")} <= set(
        zip(table["source"], table["type"], table["position"]))
    assert set(table.loc[table["source"] == "Russia", "ref_date"]) == {"2024-03-01"}  # Friday, from the date given
    sample = SAMPLES / "02-moscow-and-beijing-push-freeze-plan.txt"
    from_file = skg.extract(sample)
    assert len(from_file) == 1 and from_file[0]["article"]["source"] == str(sample)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(skg.SkgError, match="E002"):
        skg.extract(tmp_path / "empty.txt")
    with skg.open_graph(tmp_path / "store", write=True) as g:
        report = g.ingest(sample)
        assert report.written == 1
        g.load(rows)
        assert g.stats()["articles"] == 2
        assert {"Russia", "China"} <= set(g.ask("who-proposed", proposal="double freeze")["who"])
        assert len(g.tables()["edges"]) == report.statements + len(rows[0]["relations"])
