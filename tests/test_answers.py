"""Answers as the analyst reads them: every fact when a parameter is left out, the
row count, the article behind each sentence, layouts that fit the terminal, and
ASK/CONSTRUCT printed in the forms other tools read."""
import json
import os
import subprocess
import sys

import pytest

from conftest import SAMPLES, skg_in_process

SKG = [sys.executable, "-m", "sanctions_kg"]


def skg(*args, columns: int = 100):
    """In this process (conftest.skg_in_process), as wide as `columns`; the test of a
    terminal's colours runs a real process."""
    return skg_in_process(*args, env={"COLUMNS": str(columns)})


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("answers") / "store"
    proc = skg("ingest", SAMPLES, "--store", path)
    assert proc.returncode == 0, proc.stderr
    return path


def test_a_question_without_its_parameter_answers_for_every_value(store):
    every = skg("query", "--store", store, "--sparql",
                'SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:facts { ?f skg:relationType "MEDIATES" } }',
                "--format", "json")
    n = json.loads(every.stdout)[0]["n"]
    assert n >= 8
    proc = skg("query", "--store", store, "--name", "mediation-offers", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == n
    assert "answering for every party" in proc.stderr and f"{n} rows" in proc.stderr
    iran = skg("query", "--store", store, "--name", "mediation-offers", "--param", "party=Iran", "--format", "json")
    assert {r["party"] for r in json.loads(iran.stdout)} == {"Iran"} and "answering for every" not in iran.stderr


def test_zero_rows_are_said(store):
    proc = skg("query", "--store", store, "--name", "who-proposed", "--param", "proposal=no such plan")
    assert proc.returncode == 0 and proc.stdout == "" and "0 rows" in proc.stderr


def test_a_required_parameter_is_asked_for_and_values_are_normalised(store):
    missing = skg("query", "--store", store, "--name", "sanctions-on")
    assert missing.returncode == 2 and "E026" in missing.stderr and "--param iso3=PRK" in missing.stderr
    lower = skg("query", "--store", store, "--name", "sanctions-on", "--param", "iso3=prk", "--format", "json")
    assert json.loads(lower.stdout), lower.stderr
    by_name = skg("query", "--store", store, "--name", "sanctions-on", "--param", "iso3=North Korea", "--format", "json")
    assert json.loads(by_name.stdout) == json.loads(lower.stdout), by_name.stderr  # a state by name, as by code
    bad = skg("query", "--store", store, "--name", "sanctions-on", "--param", "iso3=Nrth Korea")
    assert bad.returncode == 2 and "E094" in bad.stderr and "did you mean North Korea (PRK)" in bad.stderr
    relation = skg("query", "--store", store, "--name", "evidence", "--param", "relation=proposed",
                   "--param", "source=Russia", "--param", "target=double freeze", "--format", "json")
    assert json.loads(relation.stdout), relation.stderr
    no_equals = skg("query", "--store", store, "--name", "evidence", "--param", "relation")
    assert no_equals.returncode == 2 and "key=value" in no_equals.stderr and "Traceback" not in no_equals.stderr


def test_answers_name_the_article_behind_each_sentence(store):
    rows = json.loads(skg("query", "--store", store, "--name", "who-proposed", "--param", "proposal=double freeze",
                          "--format", "json").stdout)
    assert rows
    for r in rows:
        assert r["title"] and r["source"].startswith(str(SAMPLES)) and r["source"].endswith(".txt")
        assert r["published"] and r["first"] <= r["last"]


@pytest.mark.parametrize("columns", [80, 200])
def test_the_evidence_sentence_is_whole_and_no_line_overflows(store, columns):
    sentences = [r["sentence"] for r in json.loads(skg("query", "--store", store, "--name", "mediation-offers",
                                                        "--format", "json").stdout)]
    proc = skg("query", "--store", store, "--name", "mediation-offers", columns=columns)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= columns
    flat = " ".join(line.strip() for line in lines)
    for sentence in sentences:
        assert sentence in flat  # never cut or folded one word per line
    assert "1. mediator: " in proc.stdout  # one block per row: the table would not fit
    assert "title: Beijing brokers a thaw between Riyadh and Tehran" in flat and "published: 2023-03-10" in flat


def test_a_narrow_answer_is_a_table(store):
    proc = skg("query", "--store", store, "--sparql", "SELECT ?iso3 WHERE { ?s skg:iso3 ?iso3 } ORDER BY ?iso3 LIMIT 3",
               columns=80)
    assert proc.stdout.splitlines()[0].startswith("┏") and "3 rows" in proc.stderr
    md = skg("query", "--store", store, "--sparql", "SELECT ?iso3 WHERE { ?s skg:iso3 ?iso3 } ORDER BY ?iso3 LIMIT 3",
             "--format", "markdown", "--limit", "2")
    assert md.stdout.splitlines()[:2] == ["| iso3 |", "|---|"] and len(md.stdout.splitlines()) == 4
    assert "3 rows, 2 shown" in md.stderr
    tsv = skg("query", "--store", store, "--sparql", "SELECT ?iso3 WHERE { ?s skg:iso3 ?iso3 } ORDER BY ?iso3 LIMIT 1",
              "--format", "tsv")
    assert tsv.stdout.splitlines()[0] == "iso3"


def test_ask_and_construct(store, tmp_path):
    ask = skg("query", "--store", store, "--sparql", "ASK { ?s skg:iso3 \"PRK\" }")
    assert ask.returncode == 0 and ask.stdout == "true\n", ask.stderr
    construct = skg("query", "--store", store, "--sparql",
                    "CONSTRUCT { ?s a skg:State } WHERE { ?s a skg:State } LIMIT 5", columns=40)
    assert construct.returncode == 0, construct.stderr
    nt = tmp_path / "out.nt"
    nt.write_text(construct.stdout, encoding="utf-8")
    rapper = subprocess.run(["rapper", "-i", "ntriples", "-c", str(nt)], capture_output=True, text=True)
    assert rapper.returncode == 0 and "returned 5 triples" in rapper.stderr, rapper.stderr


def test_syntax_errors_count_the_users_lines(store):
    proc = skg("query", "--store", store, "--sparql", "SELECT ?x WHERE {\n  ?x ?y\n  FILTER( }")
    assert proc.returncode == 2 and "E012" in proc.stderr and "line 3" in proc.stderr


@pytest.mark.parametrize("update", ["# a comment first\nINSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    "PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }",
                                    "BASE <urn:x:> DROP ALL"])
def test_an_update_is_refused_however_it_starts(store, update):
    proc = skg("query", "--store", store, "--sparql", update)
    assert proc.returncode == 2 and "E013" in proc.stderr, proc.stderr


def test_a_parameter_value_is_never_sparql(store):
    """A value holding `$other` stays inside its string literal: substituted once."""
    from sanctions_kg.graph import catalogue

    text, _ = catalogue.render("evidence", {"source": "$target", "target": "x\" } ?s ?p ?o {", "relation": "PROPOSED"})
    assert '"$target"' in text and 'x\\" } ?s ?p ?o {' in text


def test_the_two_ends_are_bold_in_the_sentence_on_a_terminal(store):
    # a real process: the consoles decide on colour when the package is imported
    env_run = subprocess.run(SKG + ["query", "--store", str(store), "--name", "mediation-offers", "--param", "party=Iran"],
                             capture_output=True, text=True, env=dict(os.environ, COLUMNS="80", FORCE_COLOR="1"))
    assert "\x1b[1mIran\x1b[0m" in env_run.stdout and "\x1b[1mChina\x1b[0m" in env_run.stdout
    plain = skg("query", "--store", store, "--name", "mediation-offers", "--param", "party=Iran", columns=80)
    assert "\x1b[" not in plain.stdout  # a pipe or a file gets plain text
