"""networkx analyses over the graph built from the sample articles."""
import json

import pytest

from sanctions_kg.graph import analytics
from sanctions_kg.graph.network import build

from conftest import SAMPLES, skg_in_process


@pytest.fixture(scope="module")
def G(sample_rows):
    return build(sample_rows)


def test_officials_roll_up_to_their_state(G):
    H = analytics.relation_network(G, {"ACCUSES"})
    names = {(H.nodes[u]["name"], H.nodes[v]["name"]) for u, v in H.edges}
    # "Venezuelan President Nicolas Maduro accused Washington": Venezuela accuses the US
    assert ("Venezuela", "United States") in names
    assert all(H.nodes[n]["type"] == "State" for n in H)


def test_centrality_ranks_the_states_most_involved(G):
    rows = analytics.centrality(G, {"SANCTIONS", "ACCUSES", "CALLS_ON"})
    assert rows[0]["iso3"] in {"USA", "RUS", "PRK"}
    assert abs(sum(r["pagerank"] for r in rows) - 1) < 0.01


def test_ego_network_and_timeline(G):
    prk = analytics.find_state(G, "PRK")
    E = analytics.ego(G, prk, radius=1)
    assert {"China", "Russia", "double freeze"} <= {d["name"] for _, d in E.nodes(data=True)}
    rows = analytics.timeline(G, prk)
    assert rows == sorted(rows, key=lambda r: (r["date"], r["type"], r["source"], r["target"]))
    assert rows[0]["date"] >= "2017-07-04"


def test_communities_and_matrix(G):
    groups = analytics.communities(G)
    assert len(groups) >= 2 and sum(len(g) for g in groups) >= 10
    names, matrix = analytics.relation_matrix(G)
    assert len(matrix) == len(names) and sum(map(sum, matrix)) >= 15


def test_analyze_commands(tmp_path):
    store = tmp_path / "store"
    ingested = skg_in_process("ingest", SAMPLES, "--store", store)
    assert ingested.returncode == 0, ingested.stderr
    proc = skg_in_process("analyze", "centrality", "--relation", "ACCUSES", "--store", store, "--json")
    assert proc.returncode == 0, proc.stderr
    assert {"name", "pagerank", "in", "out"} <= set(json.loads(proc.stdout)[0])
