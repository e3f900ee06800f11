"""The `skg` command as a user runs it: contracts, exit codes and clear errors."""
import json
import re
import subprocess
import sys

from conftest import SAMPLES, skg_in_process

SKG = [sys.executable, "-m", "sanctions_kg"]


def skg(*args, cwd=None):
    """In this process (conftest.skg_in_process): nothing here needs a process of its own
    but the entry point, which test_version_names_package_model_and_store_format runs."""
    return skg_in_process(*args, cwd=cwd)


def test_extract_prints_the_scorers_contract(seed_path):
    proc = skg("extract", "--format", "jsonl", seed_path)
    assert proc.returncode == 0, proc.stderr
    [row] = [json.loads(l) for l in proc.stdout.splitlines()]
    assert row["article"]["source"].endswith("000_kremlin-mediator.txt")
    assert row["article"]["published"] == "2017-12-27"
    ids = {e["id"] for e in row["entities"]}
    assert all(r["source"] in ids and r["target"] in ids for r in row["relations"])
    assert {"PRK", "RUS", "USA", "CHN", "KOR"} <= {e.get("iso3") for e in row["entities"]}


def test_ingest_query_export_on_the_samples(tmp_path):
    store = tmp_path / "store"
    proc = skg("ingest", SAMPLES, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "12 article(s) written" in proc.stderr
    again = skg("ingest", SAMPLES, "--store", store)
    assert "0 article(s) written" in again.stderr and "12 already stored" in again.stderr
    answer = skg("query", "--store", store, "--name", "who-proposed", "--param", "proposal=double freeze",
                 "--format", "json")
    assert answer.returncode == 0, answer.stderr
    assert {r["who"] for r in json.loads(answer.stdout)} == {"Russia", "China"}
    stats = json.loads(skg("stats", "--store", store, "--json").stdout)
    assert stats["articles"] == 12 and stats["nodes"]["State"] >= 20
    ttl = tmp_path / "g.ttl"
    assert skg("export", "--store", store, "--format", "turtle", "--out", ttl).returncode == 0
    assert ttl.stat().st_size > 10_000
    assert skg("validate", "--store", store).returncode == 0


def test_query_is_read_only_unless_asked(tmp_path):
    store = tmp_path / "store"
    skg("ingest", SAMPLES / "02-moscow-and-beijing-push-freeze-plan.txt", "--store", store)
    proc = skg("query", "--store", store, "--sparql", "DELETE WHERE { ?s ?p ?o }")
    assert proc.returncode == 2 and "E013" in proc.stderr
    count = skg("query", "--store", store, "--format", "json", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert json.loads(count.stdout)[0]["n"] > 0
    bad = skg("query", "--store", store, "--sparql", "SELECT WHERE {")
    assert bad.returncode == 2 and "E012" in bad.stderr


def test_bad_inputs_are_named_and_the_exit_code_says_partial(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Talks\n\nIran and Oman held talks in Muscat on Monday.\n", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    proc = skg("ingest", inputs, inputs / "missing.txt", "--store", tmp_path / "store")
    assert proc.returncode == 3
    assert "empty.txt is empty" in proc.stderr and "missing.txt" in proc.stderr
    assert "1 article(s) written" in proc.stderr


def test_help_explains_every_command():
    proc = skg("--help")
    for command in ("extract", "ingest", "load", "query", "export", "stats", "validate"):
        assert command in proc.stdout
    assert "--store" in skg("ingest", "--help").stdout


def test_extract_once_load_anywhere(tmp_path):
    """`skg load` reads what `skg extract` printed: the transactional and the bulk path
    give the same store as `skg ingest`, loading twice changes nothing, and a broken
    line is named (E024) while the rest load."""
    rows = tmp_path / "rows.jsonl"
    proc = skg("extract", SAMPLES, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    rows.write_text("\n".join(lines[:5] + ['{"article": {"id": "x"}}', "not json"] + lines[5:]) + "\n",
                    encoding="utf-8")
    assert skg("ingest", SAMPLES, "--store", tmp_path / "ingested").returncode == 0
    for name, extra in (("loaded", []), ("bulk", ["--bulk"])):
        proc = skg("load", rows, "--store", tmp_path / name, *extra)
        assert proc.returncode == 3, proc.stderr
        assert "line 6" in proc.stderr and "line 7" in proc.stderr and proc.stderr.count("E024") >= 2
        assert "12 article(s) loaded" in proc.stderr
    assert skg("load", rows, "--store", tmp_path / "loaded").returncode == 3  # again: idempotent
    refused = skg("load", rows, "--store", tmp_path / "bulk", "--bulk")
    assert refused.returncode == 2 and "E025" in refused.stderr
    dumps = {}
    for name in ("ingested", "loaded", "bulk"):
        out = tmp_path / f"{name}.nq"
        assert skg("export", "--store", tmp_path / name, "--format", "nquads", "--out", out).returncode == 0
        dumps[name] = set(out.read_text(encoding="utf-8").splitlines())
    assert dumps["ingested"] == dumps["loaded"] == dumps["bulk"]


def test_exit_codes_say_partial_only_when_something_was_done(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    assert skg("extract", bad).returncode == 2  # nothing could be read: a failure, not "partial"
    assert skg("extract", good, bad).returncode == 3
    assert skg("ingest", bad, "--store", tmp_path / "store").returncode == 2


def test_extract_notes_a_repeated_text_and_extracts_it_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    proc = skg("extract", tmp_path)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1
    assert "E023" in proc.stderr and "extracted once" in proc.stderr


def test_ingest_and_bulk_load_report_the_same_statements(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(skg("extract", SAMPLES).stdout, encoding="utf-8")
    ingest = skg("ingest", SAMPLES, "--store", tmp_path / "a")
    bulk = skg("load", rows, "--bulk", "--store", tmp_path / "b")
    load = skg("load", rows, "--store", tmp_path / "c")
    counted = [re.search(r"\((\d+) statements\)", p.stderr) for p in (ingest, bulk, load)]
    assert all(counted) and len({int(c.group(1)) for c in counted}) == 1, (ingest.stderr, bulk.stderr)


def test_relation_names_are_normalised_or_refused(tmp_path):
    store = tmp_path / "store"
    assert skg("ingest", SAMPLES, "--store", store).returncode == 0
    lower = skg("analyze", "centrality", "--relation", "sanctions", "--json", "--store", store)
    upper = skg("analyze", "centrality", "--relation", "SANCTIONS", "--json", "--store", store)
    assert lower.returncode == 0 and json.loads(lower.stdout) == json.loads(upper.stdout) != []
    unknown = skg("analyze", "centrality", "--relation", "blames", "--store", store)
    assert unknown.returncode == 2 and "no relation type BLAMES" in unknown.stderr


def test_date_option_dates_an_undated_input(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Talks in Oslo\n\nNorway urged Denmark on Friday to resume the fishing talks.\n", encoding="utf-8")
    undated = skg("extract", path)
    assert "W003" in undated.stderr and json.loads(undated.stdout)["article"]["published"] is None
    dated = skg("extract", path, "--date", "2023-03-08")
    row = json.loads(dated.stdout)
    assert row["article"]["published"] == "2023-03-08" and "W003" not in dated.stderr
    assert {r.get("ref_date") for r in row["relations"]} == {"2023-03-03"}


def test_export_format_words_people_type_and_suffixes(tmp_path):
    from rdflib import Dataset, Graph

    store = tmp_path / "store"
    assert skg("ingest", SAMPLES / "01-council-caps-oil-for-pyongyang.txt", "--store", store).returncode == 0
    for word, parser in (("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("json-ld", "json-ld")):
        proc = skg("export", "--store", store, "--format", word)
        assert proc.returncode == 0, proc.stderr
        data = Dataset() if parser == "json-ld" else Graph()  # JSON-LD keeps the article graphs
        data.parse(data=proc.stdout, format=parser)
        assert len(list(data.quads((None, None, None, None))) if parser == "json-ld" else data) > 50, word
    out = tmp_path / "graph.nq"
    proc = skg("export", "--store", store, "--out", out)
    assert proc.returncode == 0 and "(nquads," in proc.stderr and out.read_text().count(" .\n") > 50
    bad = skg("export", "--store", store, "--format", "docx")
    assert bad.returncode == 2 and "E014" in bad.stderr


def test_version_names_package_model_and_store_format():
    # a real process: `python -m sanctions_kg`, the entry point itself, checked here
    proc = subprocess.run(SKG + ["--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and re.fullmatch(r"sanctions-kg \S+, model \S+, store format \d+\n", proc.stdout)
