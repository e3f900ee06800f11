"""Issue 29 item 1 (in part): every named question takes since/until in SPARQL and Cypher
alike, a state is given by name, alias or code with "did you mean" on a miss, and the
rows come in one order: the same rows, in the same order, from the embedded store,
Neo4j and Virtuoso, asked through the Python API and the CLI; `skg find` finds any node
by name, alias, key or IRI, alike on the three stores."""
import json

import pytest

import sanctions_kg as skg
from sanctions_kg.graph import catalogue
from sanctions_kg.graph.periods import period_end, period_start

from conftest import skg_in_process

ASKED = {"who-proposed": {}, "sanctions-on": {"iso3": "PRK"}, "accusations-against": {"iso3": "USA"},
         "mediation-offers": {}, "officials-of": {"iso3": "USA"}, "proposal-calls": {}, "resolutions-on": {"iso3": "PRK"},
         "evidence": {"relation": "OPPOSES"}, "timeline": {"iso3": "IRN"}, "contacts": {},
         "actions-of": {"actor": "Russia"}, "votes": {}}
WINDOWS = ({"since": "2023", "until": "2023"}, {"since": "2017-12", "until": "2018-06-30"}, {"since": "2022-03-01"})


def _rows(frame) -> list[tuple]:
    """A DataFrame's rows in their order, 1.0 and 1 alike, missing as None."""
    def norm(v):
        if v is None or v != v:  # NaN
            return None
        return int(v) if isinstance(v, float) and v.is_integer() else v
    return [tuple(norm(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


@pytest.fixture(scope="module")
def graphs(tmp_path_factory, sample_rows):
    """The samples in the three stores, opened through the API by folder and URI."""
    from conftest import three_graphs_of

    opened, neo4j = three_graphs_of(sample_rows, tmp_path_factory.mktemp("questions") / "store")
    yield opened
    for g in opened.values():
        g.close()
    neo4j.close()


def _everywhere(graphs, name: str, params: dict) -> list[tuple]:
    """The answer of the embedded store, checked equal, row for row and in order, to
    Neo4j's and Virtuoso's."""
    answers = {kind: _rows(g.ask(name, **params)) for kind, g in graphs.items()}
    assert answers["neo4j"] == answers["embedded"], (name, params)
    assert answers["virtuoso"] == answers["embedded"], (name, params)
    return answers["embedded"]


def test_every_question_gives_the_same_rows_in_the_same_order_on_every_store(graphs):
    assert set(ASKED) == set(catalogue.queries())
    for name, params in ASKED.items():
        assert _everywhere(graphs, name, params), f"{name} has no answer on the samples"


def test_since_and_until_on_every_question_in_sparql_and_cypher(graphs):
    """Each question in each window: the same rows on the three stores, only rows dated
    in the window, and never more than without it."""
    narrowed = set()
    for name, params in ASKED.items():
        assert {"since", "until"} <= set(catalogue.queries()[name].params), name
        whole = graphs["embedded"].ask(name, **params)
        for window in WINDOWS:
            rows = _everywhere(graphs, name, {**params, **window})
            answer = graphs["embedded"].ask(name, **params, **window)
            assert len(answer) <= len(whole), (name, window)
            if 0 < len(answer) < len(whole):
                narrowed.add(name)
            if name != "evidence" and "last" not in answer:
                continue  # officials-of shows no dates to check
            since, until = period_start(window["since"]), period_end(window.get("until", "9999"))
            first = answer["date"] if name == "evidence" else answer.get("first", answer.get("last"))
            last = answer["date"] if name == "evidence" else answer["last"]
            dated = [(f, la) for f, la in zip(first, last) if la is not None and la == la]
            assert all(str(la) >= since and str(f) <= until for f, la in dated), (name, window, rows)
    assert len(narrowed) >= 5, narrowed  # the windows do select, on most questions


def test_who_sanctioned_iran_in_a_year_by_name_code_or_alias(graphs):
    in_2018 = [_everywhere(graphs, "sanctions-on", {"iso3": given, "since": "2018", "until": "2018"})
               for given in ("Iran", "iran", "IRN", "Persia", "the Islamic Republic of Iran")]
    assert all(rows == in_2018[0] for rows in in_2018) and [r[0] for r in in_2018[0]] == ["United States"]
    assert _everywhere(graphs, "sanctions-on", {"iso3": "Iran", "since": "2023"}) == []
    assert _everywhere(graphs, "sanctions-on", {"iso3": "DPRK"}) == _everywhere(graphs, "sanctions-on", {"iso3": "prk"})
    with pytest.raises(skg.SkgError, match=r"E094 .*did you mean Iran \(IRN\)"):
        graphs["neo4j"].ask("sanctions-on", iso3="Irann")
    with pytest.raises(skg.SkgError, match="E027"):
        graphs["embedded"].ask("sanctions-on", iso3="Iran", since="last year")
    assert graphs["virtuoso"].ego("Iran").number_of_nodes() == graphs["neo4j"].ego("IRN").number_of_nodes() > 2


def test_the_cli_takes_windows_and_state_names_on_every_store(graphs):
    where = {"embedded": ["--store", str(graphs["embedded"].store.path)], "neo4j": ["--neo4j", graphs["neo4j"].store.uri],
             "virtuoso": ["--sparql-endpoint", graphs["virtuoso"].store.endpoint]}
    printed = {}
    for kind, args in where.items():
        window = ["--since", "2023"] if kind == "neo4j" else ["--param", "since=2023"]  # two spellings, one answer
        proc = skg_in_process("query", "--name", "timeline", "--param", "iso3=Iran", *window, "--format", "json", *args)
        assert proc.returncode == 0, proc.stderr
        printed[kind] = json.loads(proc.stdout)
        ego = skg_in_process("analyze", "ego", "Iran", "--json", *args)
        assert ego.returncode == 0 and json.loads(ego.stdout), ego.stderr
    assert printed["embedded"] and printed["neo4j"] == printed["embedded"] == printed["virtuoso"]
    assert all(r["last"] >= "2023-01-01" for r in printed["embedded"])
    miss = skg_in_process("analyze", "ego", "Nrth Korea", *where["embedded"])
    assert miss.returncode == 2 and "E094" in miss.stderr and "did you mean North Korea (PRK)" in miss.stderr
    page = graphs["embedded"].store.path.parent / "prk.html"
    drawn = skg_in_process("viz", "--state", "north korea", "--out", page, *where["embedded"])
    assert drawn.returncode == 0 and "North Korea and its neighbours" in page.read_text("utf-8"), drawn.stderr
    missed = skg_in_process("viz", "--state", "Irann", "--out", page, *where["virtuoso"])
    assert missed.returncode == 2 and "did you mean Iran (IRN)" in missed.stderr


def test_evidence_names_both_ends_and_how_a_vote_was_cast(graphs):
    """One sentence stating four votes against was four rows nothing told apart; each
    row now names its relation, both ends and the position (a veto is not a vote against)."""
    rows = _everywhere(graphs, "evidence", {"relation": "OPPOSES"})
    frame = graphs["virtuoso"].ask("evidence", relation="OPPOSES")
    assert list(frame.columns[:3]) == ["relation", "subject", "object"]
    cast = {(r["subject"], r["position"]) for r in frame.to_dict("records")}
    assert {("Russia", "vetoed"), ("Belarus", "voted_against"), ("Syria", "voted_against")} <= cast
    one_sentence = [r for r in frame.to_dict("records") if r["object"] == "UNGA resolution ES-11/1"]
    assert len({r["sentence"] for r in one_sentence}) == 1 and len({r["subject"] for r in one_sentence}) == 4
    assert len(rows) == len(frame)


def test_what_did_russia_propose_oppose_and_do(graphs):
    """Questions keyed by the actor: what Russia proposed (one relation), everything it
    did (every relation), the same rows in the same order on the three stores."""
    proposed = _everywhere(graphs, "actions-of", {"actor": "Russia", "relation": "proposed"})
    assert [(r[1], r[2]) for r in proposed] == [("PROPOSED", "double freeze")]
    done = graphs["neo4j"].ask("actions-of", actor="russia")
    assert {"PROPOSED", "OPPOSES", "MEDIATES"} <= set(done["relation"]) and set(done["who"]) == {"Russia"}
    assert ("OPPOSES", "UNSC resolution S/2022/155") in set(zip(done["relation"], done["counterpart"]))
    assert _everywhere(graphs, "actions-of", {"actor": "Russia", "since": "2022"}) == [
        r for r in _everywhere(graphs, "actions-of", {"actor": "Russia"}) if r[5] >= "2022-01-01"]


def test_votes_tell_a_veto_from_a_vote_against_and_a_sponsor_from_a_supporter(graphs):
    vetoed = _everywhere(graphs, "votes", {"position": "vetoed"})
    assert [(r[0], r[1]) for r in vetoed] == [("UNSC resolution S/2022/155", "Russia")]
    on_draft = graphs["virtuoso"].ask("votes", resolution="S/2022/155")
    cast = dict(zip(on_draft["actor"], on_draft["position"]))
    assert cast["Russia"] == "vetoed" and cast["India"] == "abstained" and cast["Albania"] == "sponsored"
    against = _everywhere(graphs, "votes", {"position": "voted_against", "since": "2022-03", "until": "2022-03"})
    assert {r[1] for r in against} == {"Belarus", "Eritrea", "North Korea", "Syria"}
    assert _everywhere(graphs, "votes", {"position": "voted_against", "until": "2021"}) == []


def _found(graphs, name: str) -> list[tuple]:
    """`Graph.find` on the three stores, checked equal row for row and in order."""
    answers = {kind: _rows(g.find(name)) for kind, g in graphs.items()}
    assert answers["neo4j"] == answers["embedded"] == answers["virtuoso"], name
    return answers["embedded"]


def test_find_any_node_by_name_alias_key_or_iri_on_every_store(graphs):
    """The analyst's "search by name": a state by an alias, a resolution by words of its
    label, a measure by its kind; each row gives the key corrections and --param take."""
    north_korea = _found(graphs, "DPRK")
    assert [r[:4] for r in north_korea] == [("State", "North Korea", "state/PRK",
                                            "https://w3id.org/sanctions-kg/id/state/PRK")]
    assert north_korea[0][4] > 0  # it is named in statements
    assert _found(graphs, "iran") == _found(graphs, "state/IRN") == _found(graphs, "https://w3id.org/sanctions-kg/id/state/IRN")
    resolutions = _found(graphs, "resolution")
    assert ("Resolution", "UNSC resolution S/2022/155") in [r[:2] for r in resolutions]
    assert all(r[0] == "Resolution" for r in resolutions) and [r[1] for r in resolutions] == sorted(r[1] for r in resolutions)
    ban = _found(graphs, "flight ban")
    assert [r[0] for r in ban] == ["Sanction"] and ban[0][4] == 1  # the statement imposing it
    assert _found(graphs, "Zanzibar Accord") == []


def test_skg_find_prints_the_same_rows_from_every_store(graphs):
    where = {"embedded": ["--store", str(graphs["embedded"].store.path)], "neo4j": ["--neo4j", graphs["neo4j"].store.uri],
             "virtuoso": ["--sparql-endpoint", graphs["virtuoso"].store.endpoint]}
    printed = {}
    for kind, args in where.items():
        proc = skg_in_process("find", "Russia", "--format", "json", *args)
        assert proc.returncode == 0, proc.stderr
        printed[kind] = json.loads(proc.stdout)
    assert printed["embedded"] == printed["neo4j"] == printed["virtuoso"]
    assert {"type": "State", "name": "Russia", "key": "state/RUS"}.items() <= printed["embedded"][0].items()
    none = skg_in_process("find", "Zanzibar Accord", *where["embedded"])
    assert none.returncode == 0 and "no node's name contains 'Zanzibar Accord'" in none.stderr


def test_an_actor_party_or_end_is_a_state_by_its_alias_or_code_too(graphs):
    """Wherever a question names a node, a state may be given as anywhere else: "DPRK",
    "prk" and "North Korea" are one actor, "the U.S." an end of a statement."""
    by_name = _everywhere(graphs, "actions-of", {"actor": "North Korea"})
    assert by_name and _everywhere(graphs, "actions-of", {"actor": "DPRK"}) == by_name
    assert _everywhere(graphs, "actions-of", {"actor": "prk"}) == by_name
    assert _everywhere(graphs, "evidence", {"relation": "SANCTIONS", "source": "the U.S."}) == \
        _everywhere(graphs, "evidence", {"relation": "SANCTIONS", "source": "United States"})
    assert _everywhere(graphs, "mediation-offers", {"party": "Persia"}) == _everywhere(graphs, "mediation-offers",
                                                                                       {"party": "Iran"})
