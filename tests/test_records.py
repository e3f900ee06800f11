"""Records made from the model: what an extraction row may carry, and the same records
in every store, property for property. The parity test runs against the real Neo4j and
Virtuoso that `make test` starts."""
import math

import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.graph import network, records
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.schema import load_model


def _row(**entity_extra) -> dict:
    return {"article": {"id": "00000000000000aa", "source": "x.txt", "title": "T", "published": "2024-03-08"},
            "entities": [{"id": "s", "type": "State", "name": "Iran", "key": "IRN", "iso3": "IRN", **entity_extra},
                         {"id": "u", "type": "State", "name": "United States", "key": "USA", "iso3": "USA"}],
            "relations": [{"type": "SANCTIONS", "source": "u", "target": "s", "trigger": "sanctioned",
                           "evidence": {"sentence": "The US sanctioned Iran.", "sentence_start": 0, "start": 0, "end": 23}}],
            "measures": []}


def test_a_property_the_model_lacks_is_refused_with_its_name(tmp_path):
    with pytest.raises(SkgError, match=r"E032 x.txt: entity s has the field 'population'.*State properties"):
        records.of(_row(population=88_000_000))
    db = EmbeddedStore(tmp_path / "store")
    with pytest.raises(SkgError, match="E032"):
        db.write(_row(population=88_000_000))  # no store keeps what the model does not declare
    assert db.article_count() == 0


def test_values_are_checked_against_the_model():
    with pytest.raises(SkgError, match="E035.*iso3='Iran'"):
        records.of(_row(iso3="Iran"))
    bad = _row()
    bad["relations"][0]["modality"] = "certain"
    with pytest.raises(SkgError, match="E035.*modality='certain'.*asserted"):
        records.of(bad)
    wrong_ends = _row()
    wrong_ends["relations"][0]["type"] = "OFFICIAL_OF"
    with pytest.raises(SkgError, match="E033.*OFFICIAL_OF from a State to a State"):
        records.of(wrong_ends)


def test_records_carry_exactly_the_model_properties(sample_rows):
    model = load_model()
    for row in sample_rows:
        rec = records.of(row)
        for node in rec.nodes + rec.sanctions:
            assert set(node.properties()) <= set(model.node_types[node.type].properties)
            assert all(node.properties().get(p) is not None
                       for p, spec in model.node_types[node.type].properties.items() if spec.required)
    orgs = [n for row in sample_rows for n in records.of(row).nodes if n.type == "Organization"]
    council = next(n.record for n in orgs if n.record.name == "United Nations Security Council")
    assert (council.acronym, council.body, council.kind) == ("UNSC", "UNSC", "organ")


def _snapshot(G) -> tuple[dict, dict, dict]:
    """Nodes with every attribute, edges by statement IRI with every attribute, articles."""
    def norm(value):
        return round(value, 6) if isinstance(value, float) and not math.isnan(value) else value
    nodes = {n: {k: norm(v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    edges = {k: (u, v, {a: norm(x) for a, x in d.items()}) for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges, G.graph["articles"]


def test_the_three_stores_hold_the_same_records_as_the_extraction(tmp_path, dev_rows, neo4j_store, sparql_store):
    """Record for record, not counts: every node with every property, every statement
    with its evidence, dates, modality and confidence, every article's title, source and
    date, read back from the embedded store, Neo4j and Virtuoso, equal to the records of
    the extraction itself."""
    expected = _snapshot(network.build(dev_rows))
    nodes, edges, articles = expected
    assert len(articles) == len(dev_rows) >= 17 and len(nodes) > 100 and len(edges) > 100
    seen = {k for d in nodes.values() for k in d} | {k for *_, d in edges.values() for k in d}
    assert {"acronym", "body", "state_from", "number_stated", "role", "qid", "ref_date", "trigger"} <= seen
    embedded = EmbeddedStore(tmp_path / "store")
    for store in (embedded, neo4j_store, sparql_store):
        store.write_many(dev_rows)
        got = _snapshot(store.graph())
        for part, mine, theirs in zip(("nodes", "statements", "articles"), expected, got):
            differ = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
            assert not differ, (type(store).__name__, part, [(mine.get(k), theirs.get(k)) for k in differ[:3]])


def _named(article_id: str, **official) -> dict:
    row = _row()
    row["article"]["id"] = article_id
    row["entities"].append({"id": "o", "type": "Official", "name": "Mira Dahl", "key": "mira dahl", **official})
    return row


def test_a_node_described_twice_keeps_every_property_either_description_gives(tmp_path):
    """Property by property, as the stores write nodes: a later mention without a role
    does not erase the role an earlier one gave, in one row or across articles, by
    `write` and by the bulk loader alike."""
    row = _named("00000000000000aa", role="foreign minister", state="NOR")
    row["entities"].append({"id": "o2", "type": "Official", "name": "Mira Dahl", "key": "mira dahl", "qid": "Q1"})
    [dahl] = [n for n in records.of(row).nodes if n.type == "Official"]
    assert (dahl.record.role, dahl.record.state, dahl.record.qid) == ("foreign minister", "NOR", "Q1")
    later = _named("00000000000000bb", qid="Q2")
    one_by_one, bulk = EmbeddedStore(tmp_path / "a"), EmbeddedStore(tmp_path / "b")
    for r in (row, later):
        one_by_one.write(r)
    bulk.bulk_load([row, later])
    graphs = [_snapshot(db.graph())[0] for db in (one_by_one, bulk)]
    assert graphs[0] == graphs[1]
    assert {k: v for k, v in graphs[0].items() if v["type"] == "Official"}.popitem()[1]["role"] == "foreign minister"
