"""Issue 29's three questions, asked by named questions of a store built from articles
of our own writing (tests/data/analyst), on the embedded store, Neo4j and Virtuoso:
the same rows in the same order on each."""
import pytest

from conftest import ROOT

ANALYST = ROOT / "tests" / "data" / "analyst"


@pytest.fixture(scope="module")
def stores(tmp_path_factory, extractor):
    from conftest import three_graphs_of
    from sanctions_kg.loaders.readers import read_paths

    rows = [e.to_json() for e in extractor.extract_many(read_paths([str(ANALYST)]))]
    opened, neo4j = three_graphs_of(rows, tmp_path_factory.mktemp("analyst") / "store")
    yield list(opened.values())
    for g in opened.values():
        g.close()
    neo4j.close()


def _asked(stores, name: str, **params) -> list[dict]:
    answers = [g.ask(name, **params).astype(object).where(lambda f: f.notna(), None).to_dict("records")
               for g in stores]
    assert answers[1] == answers[0] and answers[2] == answers[0], name
    return answers[0]


def test_who_sanctioned_iran_in_2024(stores):
    rows = _asked(stores, "sanctions-on", iso3="Iran", since="2024", until="2024")
    assert [(r["authority"], r["first"]) for r in rows] == [("Japan", "2024-03-04"), ("United Kingdom", "2024-04-18"),
                                                             ("United States", "2024-04-18")]
    assert "Canada" in {r["authority"] for r in _asked(stores, "sanctions-on", iso3="IRN")}  # 2023: outside 2024


def test_which_states_vetoed_drafts_on_syria(stores):
    rows = _asked(stores, "votes", position="vetoed", resolution="SYR")
    assert [(r["actor"], r["position"]) for r in rows] == [("China", "vetoed"), ("Russia", "vetoed")]
    assert "Syria" in _asked(stores, "evidence", relation="OPPOSES", source="Russia")[0]["sentence"]


def test_what_did_russia_propose(stores):
    rows = _asked(stores, "actions-of", actor="Russia", relation="proposed")
    assert [(r["relation"], r["counterpart"]) for r in rows] == [("PROPOSED", "Black Sea corridor")]
    assert list(stores[2].find("black sea")["name"]) == ["Black Sea corridor"]
