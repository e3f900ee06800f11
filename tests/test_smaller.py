"""Issue 29 item 7, the smaller points, each checked as a user meets it: --help that
reads whole at 80 and 200 columns, one option name for one thing (the old ones still
work, hidden, with a note), an ingest that shows its total and time left and is not
silent when piped, a huge file refused before it is read, datelines in both orders,
"a day earlier" resolved, Turtle with its prefixes and no local paths, an evidence
cell cut with an ellipsis. (The same rows in the same order on every store:
tests/test_questions.py.)"""
import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, skg_in_process

ANALYST = ROOT / "tests" / "data" / "analyst"


def skg(*args, **env):
    """In this process (conftest.skg_in_process), with `env` set for the command: what
    these tests read is what a command prints, which needs no process of its own."""
    return skg_in_process(*args, env=env or None)


HELPS = """
import json
from typer.main import get_command
from typer.testing import CliRunner
from sanctions_kg.cli import app

def commands(group, path=()):
    for name, cmd in group.commands.items():
        yield from commands(cmd, path + (name,)) if hasattr(cmd, "commands") else [path + (name,)]

runner = CliRunner()
print(json.dumps({" ".join(p): runner.invoke(app, [*p, "--help"]).output
                  for p in [()] + list(commands(get_command(app)))}))
"""


@pytest.mark.parametrize("columns", [80, 200])
def test_help_reads_whole_at_80_and_200_columns(columns):
    """No sentence broken into a line and an orphan word, no `<bool>`, no `{paths}`:
    every command's --help, printed at that width (COLUMNS, read as the CLI starts)."""
    import os

    proc = subprocess.run([sys.executable, "-c", HELPS], capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS=str(columns)))
    helps = json.loads(proc.stdout)
    assert {"corrections check", "find", "ingest", "analyze ego"} <= set(helps)
    for path, text in helps.items():
        lines = text.splitlines()
        assert max(len(line) for line in lines) > columns - 5, path  # printed at that width
        assert "<bool>" not in text and not re.search(r"\{\w+\}", lines[1]), (path, lines[1])
        prose = text.split("╭")[0].splitlines()[3:]  # the description, above the first panel
        for line, following in zip(prose, prose[1:]):
            if line.strip() and following.strip():
                room = columns - 2 - len(line.rstrip())
                assert room < len(following.split()[0]) + 1, (path, line, following)  # the next word did not fit


def test_one_name_for_one_option_and_the_old_names_still_work(tmp_path):
    from sanctions_kg.cli import app

    runner = CliRunner()
    ingest_help = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"}).output
    assert "--batch-size" in ingest_help and not re.search(r"--batch\b(?!-)", ingest_help)
    stats_help = runner.invoke(app, ["stats", "--help"], env={"COLUMNS": "200"}).output
    assert "--format" in stats_help and "--json" not in stats_help
    store = tmp_path / "store"
    old = skg("ingest", ANALYST, "--store", store, "--batch", "2")  # piped: progress lines, not silence
    assert old.returncode == 0 and "note: --batch is deprecated; give --batch-size" in old.stderr, old.stderr
    assert "ingesting: 5 of 5 articles (100%)" in old.stderr
    new = skg("stats", "--store", store, "--format", "json")
    legacy = skg("stats", "--store", store, "--json")
    assert json.loads(new.stdout) == json.loads(legacy.stdout) and json.loads(new.stdout)["articles"] == 5
    assert "note: --json is deprecated; give --format json" in legacy.stderr and "deprecated" not in new.stderr
    ego = skg("analyze", "ego", "Iran", "--store", store, "--format", "json")
    assert ego.returncode == 0 and json.loads(ego.stdout), ego.stderr
    again = skg("ingest", ANALYST, "--store", store, "--batch-size", "2")  # stored ones count towards the total
    assert "ingesting: 5 of 5 articles (100%)" in again.stderr and "5 already stored" in again.stderr


def test_a_ticker_on_a_pipe_prints_a_line_with_the_time_left(monkeypatch):
    from sanctions_kg.cli import common

    now = [0.0]
    ticker = common.Ticker("ingesting", "articles", 400, every=10)
    ticker.clock, ticker.started, ticker.last = (lambda: now[0]), 0.0, 0.0
    now[0] = 30.0
    ticker.update(100)
    assert ticker.line() == "ingesting: 100 of 400 articles (25%), 30 s, about 90 s left"
    now[0] = 400.0
    ticker.update(200)
    assert ticker.line() == "ingesting: 200 of 400 articles (50%), 7 min, about 7 min left"


def test_a_200_mb_text_is_refused_from_its_size_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(200 * 2**20)  # sparse: 200 MB by stat, nothing on disk; reading it would take 200 MB
    proc = skg("extract", huge)
    assert proc.returncode == 2 and "E015" in proc.stderr and "larger than 64 MB" in proc.stderr


@pytest.mark.parametrize("text, title, published", [
    ("Tokyo, March 3, 2024 - Japan imposed sanctions on Iran on Monday, officials said.\n", "", "2024-03-03"),
    ("Paris, 3 May 2013\n\nFrance urged Iran to resume talks with the agency.\n", "", "2013-05-03"),
    ("France presses Tehran\n\nParis, 3 May 2013\n\nFrance urged Iran to resume talks.\n", "France presses Tehran",
     "2013-05-03"),
    ("TOKYO, March 3, 2024 (Kyodo) - Japan imposed sanctions.\n", "", "2024-03-03"),
    ("Iran, Russia and China hold talks\n\nThey met in Beijing.\n", "Iran, Russia and China hold talks", None)])
def test_datelines_in_either_order_are_datelines_not_titles(text, title, published):
    from sanctions_kg.loaders.readers import text_header

    found_title, found_date = text_header(text)
    assert found_title == title and (found_date.isoformat() if found_date else None) == published


def test_a_day_earlier_counts_from_the_date_named_before_it(extract_text):
    row = extract_text("Japan imposed sanctions on Iran on Monday. A day earlier, China accused the United States "
                       "of hypocrisy. The day before, France urged Iran to resume talks.")  # published Wed 2024-03-06
    dated = {r["type"]: r.get("ref_date") for r in row["relations"]}
    assert dated["SANCTIONS"] == "2024-03-04" and dated["ACCUSES"] == "2024-03-03" and dated["CALLS_ON"] == "2024-03-02"
    alone = extract_text("A day earlier, China accused the United States of hypocrisy.")
    assert [r.get("ref_date") for r in alone["relations"]] == ["2024-03-05"]  # from the publication date
    later = extract_text("Two weeks later, China accused the United States of hypocrisy.")
    assert [r.get("ref_date") for r in later["relations"]] == [None]  # after the article: not a date it reports


def test_turtle_has_its_prefixes_and_no_local_paths(tmp_path):
    from rdflib import Graph

    store = tmp_path / "store"
    assert skg("ingest", ANALYST / "01-japan-sanctions-iran.txt", "--store", store).returncode == 0
    turtle = skg("export", "--store", store, "--format", "turtle").stdout
    assert "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>" in turtle
    assert "@prefix xsd: <http://www.w3.org/2001/XMLSchema#>" in turtle and '"^^xsd:date' in turtle
    assert len(Graph().parse(data=turtle, format="turtle")) > 10
    for fmt in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
        assert "readFrom" not in skg("export", "--store", store, "--format", fmt).stdout, fmt
    stored = skg("query", "--store", store, "--format", "json", "--sparql",
                 "SELECT (COUNT(*) AS ?n) WHERE { ?a skg:readFrom ?p }")
    assert json.loads(stored.stdout) == [{"n": 1}]  # kept in the store, for --sync


def test_extract_table_cuts_a_long_sentence_with_an_ellipsis():
    proc = skg("extract", ANALYST / "02-washington-and-london-target-drone-makers.txt", "--format", "table",
               COLUMNS="200")
    assert proc.returncode == 0, proc.stderr
    assert "The United States and Britain imposed new sanctions on Iran on Thursday, days after the d…" in proc.stdout
    assert "Iran rejected the sanctions and accused Washington of hypocrisy. " in proc.stdout  # a short one whole
