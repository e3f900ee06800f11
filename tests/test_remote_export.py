"""A SPARQL endpoint exports and validates only the project's graphs (issue 30, item 4):
Virtuoso keeps its own system graphs in the same quad store, and `dump` used to bring
them along (5,471 triples against the embedded store's 2,815 for the same articles).
Runs against the real Virtuoso that `make test` starts."""
from __future__ import annotations

import pytest
from rdflib import Graph

from sanctions_kg.errors import SkgError
from sanctions_kg.graph.exports import validate_store
from sanctions_kg.graph.store import EmbeddedStore

from conftest import DEV


def _triples(data: bytes) -> Graph:
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _rows(request) -> list[dict]:
    """The dev articles' rows, or the samples' when ../shared is absent."""
    return request.getfixturevalue("dev_rows" if DEV.is_dir() else "sample_rows")


def test_virtuoso_export_has_the_embedded_stores_triples_and_no_others(request, tmp_path, sparql_store):
    rows = _rows(request)
    embedded = EmbeddedStore(tmp_path / "store")
    for row in rows:
        embedded.write(row)
        sparql_store.write(row)
    here, there = _triples(embedded.dump("ntriples")), _triples(sparql_store.dump("ntriples"))
    assert len(here) > 1000
    assert len(there) == len(here)
    # the same subjects with the same properties (a literal's lexical form may differ:
    # Virtuoso gives a decimal back as "7000000000.0"), so no system triple took the
    # place of one of ours
    assert {(s, p) for s, p, _ in there} == {(s, p) for s, p, _ in here}


def test_validate_reads_only_the_projects_graphs(sample_rows, sparql_store, tmp_path):
    """SHACL over the endpoint sees what the embedded store holds, no more: the same
    verdict for the same articles, where the system graphs made the data graph twice
    as large."""
    embedded = EmbeddedStore(tmp_path / "store")
    for row in sample_rows:
        embedded.write(row)
        sparql_store.write(row)
    assert validate_store(sparql_store)[0] == validate_store(embedded)[0] is True


def test_an_update_sent_to_a_sparql_endpoint_as_a_select_is_e019_and_changes_nothing(sparql_store):
    graph = "urn:skg-test:update-as-select"
    with pytest.raises(SkgError) as err:
        sparql_store.select(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert str(err.value).startswith("E019")
    assert sparql_store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == [{"n": 0}]
