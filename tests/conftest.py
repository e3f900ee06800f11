"""Shared fixtures: the extractor (spaCy loaded once per run) and the shared eval data;
`skg` run in this process."""
from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import traceback
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SKG_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
SEED = DEV / "000_kremlin-mediator.txt"
SAMPLES = ROOT / "samples" / "articles"


def skg_in_process(*args, cwd: Path | None = None, env: dict[str, str] | None = None,
                   input: str | None = None) -> subprocess.CompletedProcess:
    """Run `skg ARGS` in this process (typer's CliRunner on the real app) and answer as
    `subprocess.run(..., capture_output=True, text=True)` would: exit code, stdout, and
    stderr, with the traceback a process would have printed for an uncaught exception,
    so that `"Traceback" not in stderr` still means something.

    Why in-process: each `python -m sanctions_kg` paid the imports and the English
    pipeline again (seconds); here the pipeline and the lexicons are loaded once per
    test run (their loaders are cached) and a command costs what it does. Tests keep a
    real process where the process is the point: kill -9, signals, two processes
    taking turns on a store, a terminal's colours, a hang that needs a timeout, the
    `python -m sanctions_kg` entry point itself."""
    from typer.testing import CliRunner

    from sanctions_kg.cli import app

    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(app, [str(a) for a in args], env=env, input=input, prog_name="skg")
    stdout, stderr, code = result.stdout, result.stderr, result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    # A command that failed left its frames in the exception's traceback, holding what
    # it opened (an embedded store and its RocksDB lock, which a process drops on exit):
    # let them go now, cycles too (a collection costs ~0.1 s, so only after a failure).
    del result
    if code != 0:
        gc.collect()
    return subprocess.CompletedProcess(["skg", *map(str, args)], code, stdout, stderr)


@pytest.fixture(scope="session")
def extractor():
    from sanctions_kg.loaders.extract.pipeline import Extractor

    return Extractor()


def need_shared(path: Path) -> Path:
    """A file of the shared evaluation data (../shared, or where SKG_SHARED points).
    Missing, the test is skipped with the reason; under CI (CI=true) it fails instead,
    so CI never passes by skipping."""
    if not path.exists():
        message = f"shared data missing: {path} (set SKG_SHARED to the folder holding eval/ and refdata/)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture
def extract_text(extractor):
    """Extract a text written for a test, as an article of a given date."""
    from sanctions_kg.loaders.article import Article

    def run(text: str, published: date | None = date(2024, 3, 6)) -> dict:
        return extractor.extract(Article(text=text, source="test.txt", published=published)).to_json()
    return run


def facts(row: dict) -> set[tuple[str, str, str]]:
    """(type, source key, target key) of a row's relations; states by ISO code,
    others by name."""
    key = {e["id"]: (e.get("iso3") or e["name"]) for e in row["entities"]}
    return {(r["type"], key[r["source"]], key[r["target"]]) for r in row["relations"]}


def _server(env: str, what: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    message = f"{what} is not running for the tests: run them with `make test` (tools/run-tests), which starts it"
    if os.environ.get("CI"):
        pytest.fail(message)  # never silently skipped in CI
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_server() -> str:
    """The Bolt URI of the test server."""
    return _server("SKG_TEST_NEO4J", "Neo4j")


@pytest.fixture
def neo4j_store():
    """A clean Neo4j database on the test server."""
    from sanctions_kg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(_server("SKG_TEST_NEO4J", "Neo4j"))
    store.cypher("MATCH (n) DETACH DELETE n", write=True)
    yield store
    store.close()


@pytest.fixture
def sparql_store():
    """The Virtuoso test server with no article graphs, node descriptions or facts."""
    from sanctions_kg.graph.identity import facts_graph_iri, nodes_graph_iri
    from sanctions_kg.graph.remote import SparqlEndpointStore

    store = SparqlEndpointStore(_server("SKG_TEST_SPARQL", "Virtuoso"), user="dba", password="dba")
    for row in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a skg:Article } }"):
        store.update(f"DROP SILENT GRAPH <{row['g']}>")
    store.update(f"DROP SILENT GRAPH <{nodes_graph_iri()}>")
    store.update(f"DROP SILENT GRAPH <{facts_graph_iri()}>")
    return store


@pytest.fixture(scope="session")
def sample_rows(extractor):
    from sanctions_kg.loaders.readers import read_paths

    return [e.to_json() for e in extractor.extract_many(read_paths([str(SAMPLES)]))]


@pytest.fixture(scope="session")
def dev_rows(extractor):
    """The shared development articles, extracted once."""
    from sanctions_kg.loaders.readers import read_paths

    need_shared(DEV)
    return [e.to_json() for e in extractor.extract_many(read_paths([str(DEV / "*.txt")]))]


def emptied_servers():
    """The Neo4j and Virtuoso test servers with nothing stored: (Neo4jStore, SparqlEndpointStore)."""
    from sanctions_kg.graph.identity import facts_graph_iri, nodes_graph_iri
    from sanctions_kg.graph.neo4j_store import Neo4jStore
    from sanctions_kg.graph.remote import SparqlEndpointStore

    neo4j = Neo4jStore(_server("SKG_TEST_NEO4J", "Neo4j"))
    neo4j.cypher("MATCH (n) DETACH DELETE n", write=True)
    virtuoso = SparqlEndpointStore(_server("SKG_TEST_SPARQL", "Virtuoso"), user="dba", password="dba")
    for row in virtuoso.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a skg:Article } }"):
        virtuoso.update(f"DROP SILENT GRAPH <{row['g']}>")
    for shared in (nodes_graph_iri(), facts_graph_iri()):
        virtuoso.update(f"DROP SILENT GRAPH <{shared}>")
    return neo4j, virtuoso


def three_graphs_of(rows: list[dict], folder: Path) -> tuple[dict, object]:
    """The rows written into a new embedded store at `folder`, the emptied Neo4j and
    Virtuoso, each opened through the Python API: ({"embedded": Graph, "neo4j": ...,
    "virtuoso": ...}, the Neo4jStore to close after)."""
    import sanctions_kg as skg
    from sanctions_kg.graph.store import EmbeddedStore

    neo4j, virtuoso = emptied_servers()
    embedded = EmbeddedStore(folder)
    for store in (embedded, neo4j, virtuoso):
        for row in rows:
            store.write(row)
    embedded.close()
    return {"embedded": skg.open_graph(folder), "neo4j": skg.open_graph(neo4j.uri),
            "virtuoso": skg.open_graph(virtuoso.endpoint)}, neo4j
