"""Reading the store while it is written, and answers holding any kind of term, end in an
answer or a coded error, never a traceback (issue 32, the last two traceback causes)."""
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from sanctions_kg.cli import app
from sanctions_kg.graph.remote import _value
from sanctions_kg.graph.store import EmbeddedStore

from conftest import SAMPLES, skg_in_process

SKG = [sys.executable, "-m", "sanctions_kg"]


def _fill(writer: ox.Store, graph: int, n: int = 20000) -> None:
    """One article-sized named graph of `n` quads, flushed: each flush is a table file
    per index, which RocksDB later compacts (and deletes)."""
    g = ox.NamedNode(f"http://example.org/a/{graph}")
    writer.extend(ox.Quad(ox.NamedNode(f"http://example.org/s/{graph}/{i}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(str(i) * 20), g) for i in range(n))
    writer.flush()


def test_a_reader_outlives_a_writers_compaction(tmp_path):
    """A reader opened read-only keeps the table files it found; a writer's compaction
    deletes them, and the reader's next read failed with `IO error: No such file ...
    .sst` (FileNotFoundError) out of `article_count`, `counts` or a query's rows: the
    traceback `skg stats` and `skg query` gave now and then during an ingest. Now the
    read is asked again on the store opened again, and answers whole."""
    path = tmp_path / "store"
    writer = ox.Store(str(path))
    for k in range(5):
        _fill(writer, k)
    reader = EmbeddedStore(path, read_only=True)
    assert len(list(reader.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=0))) == 100000
    for k in range(5, 10):
        _fill(writer, k)
    writer.update("DROP GRAPH <http://example.org/a/0>")
    writer.flush()
    writer.optimize()  # compaction: the files the reader listed are gone
    assert reader.article_count() in (5, 9)  # the store at one moment: as opened, or as now
    rows = list(reader.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=0))
    assert len(rows) in (100000, 180000)
    assert reader.dump("nquads").count(b"\n") in (100000, 180000)
    del writer


def test_query_and_stats_while_an_ingest_writes_never_trace_back(tmp_path):
    """A real ingest in another process; `skg query` (with and without the time limit)
    and `skg stats` asked again and again until it ends: every answer is exit 0 or a
    coded E011 ("a writer is at work, ask again"), none a traceback."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for n in range(36):
        text = samples[n % len(samples)].read_text(encoding="utf-8")
        (corpus / f"a{n:03}.txt").write_text(text + f"\nReference {n}.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert skg_in_process("ingest", SAMPLES, "--store", store).returncode == 0  # only the second ingest runs alongside
    ingest = subprocess.Popen(SKG + ["ingest", str(corpus), "--store", str(store)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    runner = CliRunner()
    asks = [["query", "--store", str(store), "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
            ["query", "--store", str(store), "--timeout", "0", "--format", "json", "--sparql",
             "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3000"],
            ["stats", "--store", str(store), "--json"]]
    outcomes = []
    deadline = time.monotonic() + 600
    while ingest.poll() is None and time.monotonic() < deadline:
        for args in asks:
            result = runner.invoke(app, args)
            traced = result.exception is not None and not isinstance(result.exception, SystemExit)
            assert not traced, (args, result.output, repr(result.exception))
            assert result.exit_code == 0 or "E011" in result.output, (args, result.output)
            outcomes.append(result.exit_code)
    assert ingest.wait(timeout=600) == 0, ingest.stderr.read()
    assert len(outcomes) >= 3
    final = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert final.exit_code == 0 and '"articles": 48' in final.output, final.output


TRIPLE_QUERIES = [
    'SELECT ?t ?x WHERE { BIND(TRIPLE(<http://a>, <http://b>, TRIPLE(<http://a>, <http://b>, "c"@en)) AS ?t) '
    'BIND(1 AS ?x) }',
    'SELECT ?t WHERE { BIND(<<( <http://a> <http://b> 7 )>> AS ?t) }',
]


@pytest.mark.parametrize("fmt", ["auto", "table", "records", "json", "csv", "tsv", "markdown"])
@pytest.mark.parametrize("timeout", ["60", "0"])
def test_an_answer_holding_a_triple_term_prints_as_turtle_star(tmp_path, fmt, timeout):
    """A triple term has no `value`, and printing one was an AttributeError in every
    format; it prints as Turtle-star text, with its nested triple terms."""
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    runner = CliRunner()
    nested = runner.invoke(app, ["query", "--store", str(store), "--format", fmt, "--timeout", timeout,
                                 "--sparql", TRIPLE_QUERIES[0]])
    assert nested.exit_code == 0, (nested.output, repr(nested.exception))
    text = nested.output.replace('""', '"').replace('\\"', '"')  # CSV and JSON quote the quotes
    assert '<< <http://a> <http://b> << <http://a> <http://b> "c"@en >> >>' in text
    plain = runner.invoke(app, ["query", "--store", str(store), "--format", fmt, "--timeout", timeout,
                                "--sparql", TRIPLE_QUERIES[1]])
    assert plain.exit_code == 0, (plain.output, repr(plain.exception))
    assert '<< <http://a> <http://b> "7"^^<http://www.w3.org/2001/XMLSchema#integer> >>' in plain.output.replace(
        '""', '"').replace('\\"', '"')


def test_a_triple_term_in_sparql_star_json_results_is_turtle_star_text():
    """An endpoint that answers SPARQL-star JSON (`"type": "triple"`) gives the same text
    as the embedded store."""
    binding = {"type": "triple", "value": {
        "subject": {"type": "uri", "value": "http://a"},
        "predicate": {"type": "uri", "value": "http://b"},
        "object": {"type": "triple", "value": {
            "subject": {"type": "bnode", "value": "x"},
            "predicate": {"type": "uri", "value": "http://b"},
            "object": {"type": "literal", "value": "c \"q\"", "xml:lang": "en"}}}}}
    assert _value(binding) == '<< <http://a> <http://b> << _:x <http://b> "c \\"q\\""@en >> >>'


def test_a_query_file_that_is_not_there_is_e001(tmp_path):
    """`--sparql @missing.rq` names the file and the option (E001), no traceback."""
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    missing = tmp_path / "missing.rq"
    result = CliRunner().invoke(app, ["query", "--store", str(store), "--sparql", f"@{missing}"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "E001" in result.output and "missing.rq" in result.output and "--sparql" in result.output, result.output
