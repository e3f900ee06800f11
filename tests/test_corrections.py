"""Corrections an analyst writes once and every store keeps: retract a statement,
merge two nodes, fix a type, forget an article, add a missed fact with its evidence;
after re-ingest no question answers with what was corrected, in the embedded store,
Neo4j and Virtuoso. Rules name nodes as the answers show them, a rule that matched
nothing is reported, and `skg corrections check` says what a file would do."""
import json

import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.graph import corrections

from conftest import SAMPLES, facts, skg_in_process

OIL = SAMPLES / "01-council-caps-oil-for-pyongyang.txt"
RETRACT = "retract:\n  - relation: SANCTIONS\n    source: S/RES/2397 (2017)\n    target: PRK\n"


def skg(*args):
    """In this process (conftest.skg_in_process): nothing here needs one of its own."""
    return skg_in_process(*args)


def _load(tmp_path, text: str):
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    return corrections.load(path)


def test_retract_merge_and_retype_change_the_row_and_nothing_else(tmp_path, extract_text):
    row = extract_text("Japan imposed sanctions on Iran. Prime Minister Fumio Kishida urged Hamas to free the "
                       "hostages. Japan also accused Iran of arming the rebels.")
    before = facts(row)
    assert {("SANCTIONS", "JPN", "IRN"), ("ACCUSES", "JPN", "IRN")} <= before
    fixes = _load(tmp_path, "retract:\n  - {relation: sanctions, source: Japan, target: state/IRN}\n"
                            "merge:\n  - {from: Fumio Kishida, into: {type: Official, name: Kishida Fumio}}\n"
                            "retype:\n  - {node: Iran, type: Organization}\n")
    fixed = fixes.apply(row)
    assert row["relations"] != fixed["relations"] and facts(row) == before  # the input row is untouched
    kinds = {e["name"]: e["type"] for e in fixed["entities"]}
    assert kinds.get("Kishida Fumio") == "Official" and "Fumio Kishida" not in kinds
    assert kinds["Iran"] == "Organization"
    assert not any(r["type"] == "SANCTIONS" for r in fixed["relations"])
    assert any(r["type"] == "ACCUSES" for r in fixed["relations"])  # retracting one relation keeps the others
    assert fixed["article"]["corrections"] == fixes.fingerprint


@pytest.mark.parametrize("text, reason", [("retract:\n  - {relation: SANCTIONS, source: X}\n", "needs relation"),
                                          ("retract:\n  - {relation: BLAMES, source: X, target: Y}\n", "no relation"),
                                          ("merge:\n  - {from: X, into: {type: Country, name: Y}}\n", "no node type"),
                                          ("rename: []\n", "top level"), ("retract: [\n", "cannot be used"),
                                          ("add:\n  - {relation: SUPPORTS, source: X, target: Y}\n", "needs relation"),
                                          ("add:\n  - {relation: SUPPORTS, source: X, target: Y, article: a}\n", "either as quote"),
                                          ("add:\n  - {relation: SUPPORTS, source: X, target: Y, article: a, quote: q, "
                                           "start: 1, end: 4}\n", "not both"),
                                          ("add:\n  - {relation: SUPPORTS, source: X, target: Y, article: a, start: 5, "
                                           "end: 2}\n", "0 <= start < end"),
                                          ("add:\n  - {relation: OPPOSES, source: X, target: Y, article: a, quote: q, "
                                           "position: against}\n", "position 'against'"),
                                          ("add:\n  - {relation: SANCTIONS, source: Japan, target: Iran, article: a, "
                                           "quote: q, date: March}\n", "YYYY-MM-DD"),
                                          ("add:\n  - {relation: SUPPORTS, source: Japan, target: Iran, article: a, "
                                           "quote: q}\n", "does not allow SUPPORTS from a State to a State")])
def test_a_malformed_file_is_refused_with_the_reason(tmp_path, text, reason):
    with pytest.raises(SkgError) as caught:
        _load(tmp_path, text)
    assert "E028" in str(caught.value) and reason in str(caught.value)


def _sanctions_on_prk(*where) -> set[str]:
    proc = skg("query", *where, "--name", "sanctions-on", "--param", "iso3=PRK", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return {r["authority"] for r in json.loads(proc.stdout)}


def _retract_then_reingest(tmp_path, where: list[str]):
    assert skg("ingest", SAMPLES, *where).returncode == 0
    assert "S/RES/2397 (2017)" in _sanctions_on_prk(*where)
    fix = tmp_path / "corrections.yaml"
    fix.write_text(RETRACT, encoding="utf-8")
    proc = skg("ingest", SAMPLES, *where, "--corrections", fix)
    assert proc.returncode == 0 and "12 article(s) written" in proc.stderr, proc.stderr
    assert "S/RES/2397 (2017)" not in _sanctions_on_prk(*where)
    evidence = skg("query", *where, "--name", "evidence", "--param", "relation=SANCTIONS",
                   "--param", "source=S/RES/2397", "--param", "target=North Korea", "--format", "json")
    assert json.loads(evidence.stdout) == []
    again = skg("ingest", SAMPLES, *where, "--corrections", fix)  # the same file: nothing to redo
    assert "0 article(s) written" in again.stderr and "12 already stored" in again.stderr
    plain = skg("ingest", SAMPLES, *where)  # no file: stored articles stay as corrected
    assert "12 already stored" in plain.stderr and "S/RES/2397 (2017)" not in _sanctions_on_prk(*where)


def test_a_retracted_statement_stays_out_after_reingest_embedded(tmp_path):
    store = tmp_path / "store"
    _retract_then_reingest(tmp_path, ["--store", store])
    facts_left = skg("query", "--store", store, "--format", "json", "--sparql",
                     'SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:facts { ?f skg:relationType "SANCTIONS" ; '
                     'rdf:subject ?r ; rdf:object ?o } ?o skg:iso3 "PRK" . ?r skg:number "2397" }')
    assert json.loads(facts_left.stdout) == [{"n": 0}]  # the fact summary went with its only statement


def test_a_retracted_statement_stays_out_after_reingest_neo4j(tmp_path, neo4j_store):
    _retract_then_reingest(tmp_path, ["--neo4j", neo4j_store.uri])


def test_forget_removes_an_article_by_id_or_source_and_its_facts(tmp_path):
    store = tmp_path / "store"
    assert skg("ingest", SAMPLES, "--store", store).returncode == 0
    assert "S/RES/2397 (2017)" in _sanctions_on_prk("--store", store)
    proc = skg("forget", OIL, "--store", store)
    assert proc.returncode == 0 and "forgot" in proc.stderr, proc.stderr
    assert json.loads(skg("stats", "--store", store, "--json").stdout)["articles"] == 11
    assert "S/RES/2397 (2017)" not in _sanctions_on_prk("--store", store)
    missing = skg("forget", "0000000000000000", "--store", store)
    assert missing.returncode == 2 and "E029" in missing.stderr


def test_a_forget_rule_keeps_an_article_out(tmp_path):
    store = tmp_path / "store"
    fix = tmp_path / "corrections.yaml"
    fix.write_text(f"forget:\n  - {OIL}\n", encoding="utf-8")
    proc = skg("ingest", SAMPLES, "--store", store, "--corrections", fix)
    assert "11 article(s) written" in proc.stderr and "1 kept out by the corrections" in proc.stderr
    env_run = skg_in_process("ingest", SAMPLES, "--store", store, env={"SKG_CORRECTIONS": str(fix)})
    assert "11 already stored" in env_run.stderr


FREEZE = SAMPLES / "02-moscow-and-beijing-push-freeze-plan.txt"
VETO = SAMPLES / "03-russia-vetoes-ukraine-draft.txt"
# the answers call the vetoed draft "UNSC resolution S/2022/155"; its article says "the draft S/2022/155"
ANALYST = f"""retract:
  - {{relation: OPPOSES, source: Russia, target: UNSC resolution S/2022/155}}
  - {{relation: SANCTIONS, source: Narnia, target: Iran}}
add:
  - relation: SUPPORTS
    source: Xi Jinping
    target: double freeze
    article: {FREEZE}
    quote: Xi Jinping agreed on the initiative
  - relation: SUPPORTS
    source: Vladimir Putin
    target: double freeze
    article: {FREEZE}
    quote: Putin signed the plan in Minsk
"""


def test_a_rule_names_a_node_as_the_answers_label_it(tmp_path, extract_text):
    """The vetoed draft is "the draft S/2022/155" in its sentence and "UNSC resolution
    S/2022/155" in every answer: a rule may use the label, the key or the IRI."""
    text = VETO.read_text("utf-8")
    row = extract_text(text)
    assert ("OPPOSES", "RUS", "draft S/2022/155") in facts(row)
    for target in ("UNSC resolution S/2022/155", "resolution/UNSC/S%2F2022%2F155", "UNSC/S/2022/155",
                   "https://w3id.org/sanctions-kg/id/resolution/UNSC/S%2F2022%2F155"):
        fixes = _load(tmp_path, f"retract:\n  - {{relation: OPPOSES, source: Russia, target: '{target}'}}\n")
        assert not any(f[:2] == ("OPPOSES", "RUS") for f in facts(fixes.apply(row, text))), target
        assert fixes.unmatched() == []


def test_add_enters_a_missed_fact_with_its_evidence_and_checks_the_quote(tmp_path, extract_text):
    text = FREEZE.read_text("utf-8")
    row = extract_text(text) | {}
    row["article"]["source"] = str(FREEZE)
    fixes = _load(tmp_path, ANALYST)
    fixed = fixes.apply(row, text)
    added = [r for r in fixed["relations"] if r["type"] == "SUPPORTS"]
    assert len(added) == 1 and added[0]["confidence"] == 1.0
    evidence = added[0]["evidence"]
    assert text[evidence["start"]:evidence["end"]] == "Xi Jinping agreed on the initiative"
    assert evidence["sentence"].startswith("Russian President Vladimir Putin and Chinese President Xi Jinping agreed")
    assert text[evidence["sentence_start"]:].startswith(evidence["sentence"])
    unmatched = fixes.unmatched()
    assert any("E141 the corrections rule add #2 added nothing: the quote 'Putin signed the plan in Minsk' is not"
               in m for m in unmatched)
    assert any(m.startswith("E140 the corrections rule retract #2 (relation: SANCTIONS, source: Narnia") for m in unmatched)
    without_text = _load(tmp_path, ANALYST)
    assert not any(r["type"] == "SUPPORTS" for r in without_text.apply(row)["relations"])  # a row alone: no text
    assert any("cannot be checked" in m for m in without_text.unmatched())


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The samples in the three stores; `skg corrections check` run on each, then an
    ingest with the analyst's file. What each printed is kept for the tests."""
    from conftest import _server

    tmp = tmp_path_factory.mktemp("corrected")
    fix = tmp / "analyst.yaml"
    fix.write_text(ANALYST, encoding="utf-8")
    neo4j, sparql = _server("SKG_TEST_NEO4J", "Neo4j"), _server("SKG_TEST_SPARQL", "Virtuoso")
    where = {"embedded": ["--store", tmp / "store"], "neo4j": ["--neo4j", neo4j],
             "virtuoso": ["--sparql-endpoint", sparql, "--sparql-user", "dba", "--sparql-password", "dba"]}
    skg("query", "--neo4j", neo4j, "--write", "--cypher", "MATCH (n) DETACH DELETE n")
    seen = {}
    for kind, args in where.items():
        if kind == "virtuoso":
            for g in json.loads(skg("query", *args, "--format", "json", "--sparql",
                                    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
                                    "'https://w3id.org/sanctions-kg/')) }").stdout):
                skg("query", *args, "--write", "--sparql", f"DROP SILENT GRAPH <{g['g']}>")
        assert skg("ingest", SAMPLES, *args).returncode == 0
        before = skg("stats", *args, "--json").stdout
        check = skg("corrections", "check", fix, *args, "--json")
        seen[kind] = {"check": check, "unchanged": skg("stats", *args, "--json").stdout == before,
                      "ingest": skg("ingest", SAMPLES, *args, "--corrections", fix),
                      "vetoed": skg("query", *args, "--name", "votes", "--param", "position=vetoed", "--format", "json"),
                      "xi": skg("query", *args, "--name", "actions-of", "--param", "actor=Xi Jinping", "--format", "json")}
    return seen


def test_corrections_check_says_what_each_rule_would_do_and_writes_nothing(corrected):
    printed = {kind: json.loads(seen["check"].stdout) for kind, seen in corrected.items()}
    assert printed["embedded"] == printed["neo4j"] == printed["virtuoso"]
    would = {row["rule"]: row["would"] for row in printed["embedded"]}
    assert would["retract #1"] == "remove 1 statement(s) from 1 article(s)"
    assert would["retract #2"].startswith("nothing")
    assert would["add #1"].startswith("add SUPPORTS official/xi-jinping -> proposal/double-freeze to article ")
    for seen in corrected.values():
        assert seen["check"].returncode == 3 and "would do nothing: retract #2" in seen["check"].stderr
        assert seen["unchanged"]  # a dry run


def test_an_ingest_applies_label_rules_adds_facts_and_reports_rules_that_matched_nothing(corrected):
    for kind, seen in corrected.items():
        assert seen["ingest"].returncode == 0, seen["ingest"].stderr
        assert "E140 the corrections rule retract #2" in seen["ingest"].stderr, kind
        assert "E141 the corrections rule add #2 added nothing: the quote" in seen["ingest"].stderr, kind
        assert "retract #1" not in seen["ingest"].stderr and "add #1" not in seen["ingest"].stderr
    vetoed = {kind: json.loads(seen["vetoed"].stdout) for kind, seen in corrected.items()}
    assert vetoed["embedded"] == vetoed["neo4j"] == vetoed["virtuoso"] == []  # the veto retracted by its label
    supports = {kind: json.loads(seen["xi"].stdout) for kind, seen in corrected.items()}
    assert supports["embedded"] == supports["neo4j"] == supports["virtuoso"]
    added = [r for r in supports["embedded"] if r["relation"] == "SUPPORTS"]
    assert [(r["who"], r["counterpart"], r["statements"]) for r in added] == [("Xi Jinping", "double freeze", 1)]
    assert "Xi Jinping agreed on the initiative during talks in Moscow" in added[0]["sentence"]
