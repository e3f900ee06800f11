"""`skg load --bulk --neo4j`: Neo4j's own offline importer makes the graph the batched
writer makes. The same rows go once through `Neo4jStore.write_many` on the test server
and once through the importer into a new database of a server the command starts; the
two are compared whole: every node and relationship (MENTIONS, AUTHORITY and TARGET
included) with every property and its Cypher type, `skg stats`, the networkx graph,
every catalogue question, and the constraints and indexes. Runs against the real
servers that `make test` starts, and a real importer (the launcher's Maven build)."""
import json
import socket

import pytest

from sanctions_kg.graph import catalogue, servers
from sanctions_kg.graph.neo4j_store import Neo4jStore

from conftest import skg_in_process
from test_parity import ASKED, _differences, _snapshot, _without_optional, canonical, parity_rows  # noqa: F401


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _whole(store: Neo4jStore) -> dict[str, list]:
    """Everything stored, in an order of its own: each node with its labels and
    properties, each relationship with its ends, type and properties, and the Cypher
    type of every property (an int stored as a float would compare equal in Python)."""
    return {
        "nodes": canonical(store.cypher("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p")),
        "relationships": canonical(store.cypher(
            "MATCH (s)-[r]->(t) RETURN labels(s) AS sl, s.iri AS s, type(r) AS type, labels(t) AS tl, t.iri AS t, "
            "properties(r) AS p")),
        "node types": canonical(store.cypher(
            "MATCH (n) UNWIND keys(n) AS k RETURN labels(n) AS labels, k, valueType(n[k]) AS type, count(*) AS n")),
        "relationship types": canonical(store.cypher(
            "MATCH ()-[r]->() UNWIND keys(r) AS k RETURN type(r) AS rel, k, valueType(r[k]) AS type, count(*) AS n")),
        "schema": canonical(store.cypher(
            "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state "
            "RETURN name, type, entityType, labelsOrTypes, properties, state")),
    }


def _hashable(rows: list[tuple]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


@pytest.fixture
def bulk_server(tmp_path):
    """A data folder and a port for the server the bulk import starts; stopped after."""
    data, port = tmp_path / "neo4j-bulk", _free_port()
    yield data, port
    servers.stop(data)


def test_bulk_import_makes_the_graph_the_batched_writer_makes(tmp_path, parity_rows, neo4j_store, bulk_server):
    data, port = bulk_server
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in parity_rows), encoding="utf-8")
    neo4j_store.write_many(parity_rows)
    uri = f"bolt://127.0.0.1:{port}"

    loaded = skg_in_process("load", rows, "--bulk", "--neo4j", uri, "--neo4j-data", data)
    assert loaded.returncode == 0, loaded.stderr
    assert "neo4j-admin" in loaded.stderr and f"{len(parity_rows)} article(s) loaded" in loaded.stderr
    bulk = Neo4jStore(uri)
    try:
        written, imported = _whole(neo4j_store), _whole(bulk)
        assert len(written["relationships"]) > 100 and any("MENTIONS" in str(r) for r in written["relationships"])
        for part in written:
            assert _hashable(imported[part]) == _hashable(written[part]), part
        assert {dict(r)["state"] for r in imported["schema"]} == {"ONLINE"}

        stats = [json.loads(skg_in_process("stats", "--json", "--neo4j", u).stdout) for u in (neo4j_store.uri, uri)]
        assert stats[0]["articles"] == len(parity_rows) and stats[1] == stats[0]

        built = bulk.graph()
        assert built.graph["articles"] == neo4j_store.graph().graph["articles"]
        assert not _differences(_snapshot(neo4j_store.graph()), _snapshot(built))

        assert set(ASKED) == set(catalogue.queries())
        for name, asked in ASKED.items():
            for params in (asked, _without_optional(name, asked)):
                cypher, values = catalogue.render(name, params, "cypher")
                expected = canonical(neo4j_store.cypher(cypher, values))
                assert canonical(bulk.cypher(cypher, values)) == expected, (name, params)
    finally:
        bulk.close()

    again = skg_in_process("load", rows, "--bulk", "--neo4j", uri, "--neo4j-data", data)
    assert again.returncode == 2 and "E150" in again.stderr, again.stderr
    bulk = Neo4jStore(uri)
    try:  # refused with nothing written, and the server left running
        assert _hashable(_whole(bulk)["nodes"]) == _hashable(imported["nodes"])
    finally:
        bulk.close()


def test_an_empty_database_of_a_running_server_is_imported_into_and_served_again(tmp_path, sample_rows, bulk_server):
    """`skg neo4j start` then `skg load --bulk`: the empty database is stopped,
    imported into and served again on the same port."""
    data, port = bulk_server
    uri = f"bolt://127.0.0.1:{port}"
    servers.neo4j_start(data, port)
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in sample_rows[:3]), encoding="utf-8")
    loaded = skg_in_process("load", rows, "--bulk", "--neo4j", uri, "--neo4j-data", data)
    assert loaded.returncode == 0, loaded.stderr
    assert servers.neo4j_status(data).port == port
    store = Neo4jStore(uri)
    try:
        assert store.article_count() == 3
    finally:
        store.close()


def test_bulk_refuses_a_server_it_cannot_write_the_files_of(tmp_path):
    """The importer writes files: a remote server, or a port that is not the data
    folder's server, is E152 and nothing happens."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text("{}\n", encoding="utf-8")
    remote = skg_in_process("load", rows, "--bulk", "--neo4j", "neo4j+s://example.databases.neo4j.io")
    assert remote.returncode == 2 and "E152" in remote.stderr, remote.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = skg_in_process("load", rows, "--bulk", "--neo4j", f"bolt://127.0.0.1:{busy.getsockname()[1]}",
                               "--neo4j-data", tmp_path / "neo4j")
    assert taken.returncode == 2 and "E152" in taken.stderr, taken.stderr
    assert not (tmp_path / "neo4j").exists()
