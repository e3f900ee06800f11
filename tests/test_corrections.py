"""Corrections an analyst writes once and every store keeps: retract a statement,
merge two nodes, fix a type, forget an article; after re-ingest no question answers
with what was corrected, in the embedded store and in Neo4j."""
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
                                          ("rename: []\n", "top level"), ("retract: [\n", "cannot be used")])
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
