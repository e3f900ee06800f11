"""Every catalogue question, asked of the sample articles, gives the answer the articles
state (the parity tests then check that Neo4j and Virtuoso give the same)."""
import pytest

from sanctions_kg.graph import catalogue
from sanctions_kg.pipeline import load
from sanctions_kg.graph.store import Answer, EmbeddedStore


@pytest.fixture(scope="module")
def store(sample_rows):
    db = EmbeddedStore(None)
    report = load(db, sample_rows)
    assert report.written == len(sample_rows) and not report.failures
    return db


def ask(store, name, **params):
    return [dict(zip(a.names, r)) for a in [Answer.of(catalogue.ask(store, name, params))] for r in a.rows]


def test_who_proposed_and_what_it_calls_for(store):
    rows = ask(store, "who-proposed", proposal="double freeze")
    assert {r["who"] for r in rows} == {"Russia", "China"}
    assert all(r["statements"] >= 1 and r["first"] <= r["last"] and r["sentence"] for r in rows)
    calls = {r["calledOn"]: r for r in ask(store, "proposal-calls", proposal="double freeze")}
    assert {"North Korea", "United States", "South Korea"} <= set(calls)
    assert {r["proposers"] for r in calls.values()} == {2}  # Russia and China


def test_sanctions_on_a_state_with_the_measure(store):
    rows = ask(store, "sanctions-on", iso3="PRK")
    cap = [r for r in rows if r["kind"] == "export_cap"]
    assert cap and cap[0]["authority"] == "S/RES/2397 (2017)"
    assert (cap[0]["commodity"], cap[0]["unit"]) == ("refined petroleum", "barrels")
    assert {r["authority"] for r in ask(store, "sanctions-on", iso3="VEN")} == {"United States"}


def test_accusations_over_time(store):
    rows = ask(store, "accusations-against", iso3="USA")
    assert {r["who"] for r in rows} >= {"Nicolas Maduro", "Hassan Rouhani"}
    assert [r["last"] for r in rows] == sorted(r["last"] for r in rows)


def test_officials_and_their_contacts(store):
    rows = {r["official"]: r for r in ask(store, "officials-of", iso3="RUS")}
    assert rows["Vladimir Putin"]["partners"] >= 1 and rows["Vladimir Putin"]["statements"] >= 1
    contacts = ask(store, "contacts", actor="Putin")
    assert ("Vladimir Putin", "Xi Jinping") in {(r["who"], r["partner"]) for r in contacts}


def test_resolutions_on_a_state_and_positions(store):
    rows = ask(store, "resolutions-on", iso3="PRK")
    positions = {(r["resolution"], r["actor"], r["position"]) for r in rows}
    assert ("S/RES/2397 (2017)", "United Nations Security Council", "ADOPTED") in positions
    assert ("S/RES/2397 (2017)", "United States", "PROPOSED") in positions
    assert ("S/RES/2397 (2017)", "China", "SUPPORTS") in positions


def test_mediation_offers(store):
    def pairs(party):
        return {(r["mediator"], r["party"], r["modality"]) for r in ask(store, "mediation-offers", party=party)}
    assert ("Qatar", "Israel", "asserted") in pairs("israel")
    assert ("Qatar", "Hamas", "asserted") in pairs("Hamas")
    assert ("China", "Iran", "asserted") in pairs("Iran")
    assert ("Russia", "United States", "offered") in pairs("United States")


def test_evidence_behind_an_edge(store, sample_rows):
    [row] = ask(store, "evidence", relation="PROPOSED", source="Russia", target="double freeze")
    source = next(r for r in sample_rows if r["article"]["id"] in row["article"])
    text = open(source["article"]["source"], encoding="utf-8").read()
    assert "put forward" in row["sentence"] and text[row["start"]:row["end"]] in row["sentence"]
    assert row["date"] == "2017-07-04"  # "on Tuesday" in an article of Wednesday 5 July 2017


def test_timeline_of_a_state(store):
    rows = ask(store, "timeline", iso3="IRN")
    assert rows and [r["first"] for r in rows] == sorted(r["first"] for r in rows)
    assert all(r["first"] <= r["last"] and r["statements"] >= 1 for r in rows)
    assert ("MEDIATES", "China", "Iran") in {(r["relation"], r["subject"], r["object"]) for r in rows}


def test_a_query_file_header_is_its_description_and_parameters_not_its_notes():
    text = ("// Who did it.\n// In one sentence.\n// param: iso3 required, e.g. PRK\n"
            "// param: name optional, e.g.  double freeze\n"
            "// a note on the plan, for whoever edits the query\nMATCH (n) RETURN n\n// trailing\n")
    assert catalogue._parse(text, "//") == ("Who did it. In one sentence.", {
        "iso3": catalogue.Param("iso3", True, "PRK"), "name": catalogue.Param("name", False, "double freeze")})
    for q in catalogue.queries().values():
        assert "(100k articles" not in q.description and "the latest statement:" not in q.description


def test_cypher_name_lookups_scan_exactly_the_named_node_types():
    """Cypher questions that find a node by name scan a union of labels, so that 100k
    Article nodes are not read; the union must be the node types the RDF stores label in
    their node graph (every type but articles and sanctions), or the answers would differ."""
    import re

    from sanctions_kg.schema import load_model

    named = set(load_model().node_types) - {"Article", "Sanction"}
    unions = [set(m.group(1).split("|")) for q in catalogue.queries().values()
              for m in re.finditer(r"\(\w+:((?:\w+\|)+\w+)\)", q.texts["cypher"])]
    assert len(unions) >= 4 and all(u == named for u in unions)
