"""Records made from the model: what an extraction row may carry, and how a node
described twice is written. The same records in every store and export, property for
property, is tests/test_parity.py's
`test_every_node_and_edge_with_every_property_is_the_same_in_every_store_and_export`."""

import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.graph import records
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
    graphs = [dict(db.graph().nodes(data=True)) for db in (one_by_one, bulk)]
    assert graphs[0] == graphs[1]
    assert {k: v for k, v in graphs[0].items() if v["type"] == "Official"}.popitem()[1]["role"] == "foreign minister"
