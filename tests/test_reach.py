"""Read-only that really is, and coded errors instead of tracebacks: SERVICE and LOAD
CSV cannot reach outside, reads during an ingest get an answer or a coded error, a
Neo4j server that dies mid-ingest is E018 with a true count, odd pages and arguments
are named errors. Runs against the real Neo4j and Virtuoso that `make test` starts."""
import os
import signal
import subprocess
import sys
import time

import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.loaders.readers import read_paths

from conftest import SAMPLES, skg_in_process

SKG = [sys.executable, "-m", "sanctions_kg"]
SERVICE = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def skg(*args):
    """In this process (conftest.skg_in_process); the ingests that run beside it, or that a
    dying server fails, are processes of their own."""
    return skg_in_process(*args)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("reach") / "store"
    assert skg("ingest", SAMPLES, "--store", store).returncode == 0
    return store


def test_service_is_refused_unless_allowed(sample_store):
    for text in (SERVICE, "# a comment first\nPREFIX x: <urn:x>\n" + SERVICE,
                 "INSERT { GRAPH <urn:g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"):
        refused = skg("query", "--store", sample_store, "--sparql", text, "--write")
        assert refused.returncode == 2 and "E038" in refused.stderr, refused.stderr
    allowed = skg("query", "--store", sample_store, "--sparql", SERVICE, "--allow-service")
    assert "E038" not in allowed.stderr and "Traceback" not in allowed.stderr


def test_service_is_refused_by_the_remote_store_too(sparql_store):
    with pytest.raises(SkgError, match="E038"):
        sparql_store.query(SERVICE)


def test_an_update_sent_as_a_select_is_a_coded_error_not_a_key_error(sparql_store):
    with pytest.raises(SkgError, match="E019"):
        sparql_store.select("INSERT DATA { GRAPH <urn:skg:test> { <urn:a> <urn:b> <urn:c> } }")


def test_load_csv_is_refused_without_write_and_cannot_read_local_files_with_it(neo4j_store):
    read = "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1"
    with pytest.raises(SkgError, match="E039"):
        neo4j_store.query(read)
    with pytest.raises(SkgError) as err:  # the bundled server has file URLs off
        neo4j_store.query(read, write=True)
    assert "root:" not in str(err.value)
    cli = skg("query", "--neo4j", neo4j_store.uri, "--cypher", read)
    assert cli.returncode == 2 and "E039" in cli.stderr and "root:" not in cli.stdout


def test_a_query_file_that_does_not_exist_is_named(sample_store, tmp_path):
    r = skg("query", "--store", sample_store, "--sparql", f"@{tmp_path / 'missing.rq'}")
    assert r.returncode == 2 and "E001" in r.stderr and "missing.rq" in r.stderr and "Traceback" not in r.stderr


def test_reads_during_an_ingest_answer_or_say_why(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, src in enumerate(sorted(SAMPLES.glob("*.txt")) * 6):
        (corpus / f"{i:03}.txt").write_text(src.read_text(encoding="utf-8") + f"\nReference {i}.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert skg("ingest", SAMPLES, "--store", store).returncode == 0
    writer = subprocess.Popen(SKG + ["ingest", str(corpus), "--store", str(store)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    answers = []
    try:
        while writer.poll() is None and len(answers) < 25:
            answers.append(skg("query", "--store", store, "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                               "--format", "json"))
    finally:
        writer.wait(timeout=600)
    assert len(answers) >= 3, "the ingest ended before the reads"
    for a in answers:
        assert "Traceback" not in a.stderr, a.stderr
        assert a.returncode == 0 or (a.returncode == 2 and "E011" in a.stderr), a.stderr
    assert sum(a.returncode == 0 for a in answers) >= len(answers) // 2


def test_neo4j_dying_mid_ingest_is_e018_and_the_count_is_true(tmp_path):
    from sanctions_kg.graph import servers
    from sanctions_kg.graph.neo4j_store import Neo4jStore

    if not os.environ.get("SKG_TEST_NEO4J") and not os.environ.get("CI"):
        pytest.skip("needs the Neo4j launcher that `make test` builds")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, src in enumerate(sorted(SAMPLES.glob("*.txt")) * 10):
        (corpus / f"{i:03}.txt").write_text(src.read_text(encoding="utf-8") + f"\nReference {i}.\n", encoding="utf-8")
    data, port = tmp_path / "neo4j", 17695
    server = servers.neo4j_start(data, port)
    uri = f"bolt://127.0.0.1:{port}"
    try:
        ingest = subprocess.Popen(SKG + ["ingest", str(corpus), "--neo4j", uri, "--batch", "5"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        probe = Neo4jStore(uri)
        deadline = time.monotonic() + 300
        while probe.article_count() < 15 and time.monotonic() < deadline and ingest.poll() is None:
            time.sleep(0.2)
        probe.close()
        os.kill(server.pid, signal.SIGKILL)
        _, stderr = ingest.communicate(timeout=300)
        assert ingest.returncode == 2 and "E018" in stderr and "Traceback" not in stderr, stderr
        said = int(stderr.split(" article(s) written before the failure")[0].rsplit(None, 1)[-1])
        servers.stop(data)
        servers.neo4j_start(data, port)
        again = Neo4jStore(uri)
        # every batch reported was written; the one in flight (5 articles) may have been
        # committed by the server just before it died, its answer lost with it
        assert again.article_count() in (said, said + 5), (again.article_count(), said)
        again.close()
        assert "the batch in flight may have been written" in stderr
    finally:
        servers.stop(data)


def test_deep_and_huge_pages_are_refused_with_their_reason(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 300 + "Russia vetoed the draft." + "</div>" * 300 + "</body></html>")
    huge = tmp_path / "huge.html"
    huge.write_text("<html><body><p>" + "x" * 21_000_000 + "</p></body></html>")
    [d, h] = list(read_paths([str(deep), str(huge)]))
    assert d.message.startswith("E040") and "255" in d.message
    assert h.message.startswith("E041")


@pytest.mark.parametrize("update", ["# a comment first\nINSERT DATA { GRAPH <urn:skg:t> { <urn:a> <urn:b> <urn:c> } }",
                                    "PREFIX x: <urn:x:> DELETE WHERE { GRAPH <urn:skg:t> { ?s ?p ?o } }",
                                    "BASE <urn:x:> DROP SILENT GRAPH <urn:skg:t>"])
def test_the_remote_store_refuses_updates_however_they_start(sparql_store, update):
    with pytest.raises(SkgError, match="E013"):
        sparql_store.query(update)
