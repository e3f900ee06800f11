"""Network analysis over the graph (`network.from_store` or `network.build`).

Plain functions over the MultiDiGraph. The analyses of states roll an official's
statements up to the state they serve (their OFFICIAL_OF edge), since analysts ask
"which states accuse which", not "which ministers".
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from ..schema import load_model

STATE = "State"


def state_of(G: nx.MultiDiGraph) -> dict[str, str]:
    """Node -> the State node it stands for: a state itself, an official's state."""
    out = {n: n for n, d in G.nodes(data=True) if d.get("type") == STATE}
    for u, v, d in G.edges(data=True):
        if d.get("type") == "OFFICIAL_OF" and G.nodes[v].get("type") == STATE:
            out.setdefault(u, v)
    return out


def relation_network(G: nx.MultiDiGraph, relations: set[str] | None = None, states_only: bool = True) -> nx.DiGraph:
    """A weighted DiGraph of the chosen relation types: the weight of u -> v is the number
    of statements; with `states_only`, ends are rolled up to states and others dropped."""
    roll = state_of(G) if states_only else {n: n for n in G}
    H = nx.DiGraph()
    for u, v, d in G.edges(data=True):
        if d.get("type") == "OFFICIAL_OF" or (relations and d.get("type") not in relations):
            continue
        a, b = roll.get(u), roll.get(v)
        if a is None or b is None or a == b:
            continue
        for n in (a, b):
            if n not in H:
                H.add_node(n, **G.nodes[n])
        if H.has_edge(a, b):
            H[a][b]["weight"] += 1
            H[a][b]["types"][d["type"]] += 1
        else:
            H.add_edge(a, b, weight=1, types=Counter({d["type"]: 1}))
    return H


def centrality(G: nx.MultiDiGraph, relations: set[str] | None = None) -> list[dict]:
    """States ranked by PageRank in the chosen relation network, with in/out degree
    (weighted) and betweenness."""
    H = relation_network(G, relations)
    if H.number_of_nodes() == 0:
        return []
    pr = nx.pagerank(H, weight="weight")
    bt = nx.betweenness_centrality(H)
    state = load_model().node_types[STATE]
    caption, [code] = state.caption, state.identity  # a state by its name and its ISO code
    rows = [{"node": n, caption: H.nodes[n].get(caption, n), code: H.nodes[n].get(code),
             "in": H.in_degree(n, weight="weight"), "out": H.out_degree(n, weight="weight"),
             "pagerank": round(pr[n], 4), "betweenness": round(bt[n], 4)} for n in H]
    return sorted(rows, key=lambda r: (-r["pagerank"], r[caption]))


def find_state(G: nx.MultiDiGraph, state: str) -> str | None:
    """The node of a state given by name, alias or code ("Iran", "DPRK", "prk"), if the
    graph holds it (graph/states.py reads the names; `iso3_of` says what a miss meant)."""
    from ..errors import SkgError
    from .states import iso3_of

    try:
        iso3 = iso3_of(state)
    except SkgError:
        return None
    return next((n for n, d in G.nodes(data=True) if d.get("type") == STATE and d.get("iso3") == iso3), None)


def ego(G: nx.MultiDiGraph, node: str, radius: int = 1) -> nx.MultiDiGraph:
    """The node, everything within `radius` relations of it (either direction), and the
    statements among them."""
    return nx.ego_graph(G, node, radius=radius, undirected=True)


def communities(G: nx.MultiDiGraph, relations: set[str] | None = None) -> list[list[str]]:
    """Groups of states more tied to each other than to the rest (greedy modularity on
    the undirected, weighted relation network), largest first, as state names."""
    H = relation_network(G, relations).to_undirected()
    if H.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(H, weight="weight")
    return [sorted(H.nodes[n].get("name", n) for n in g) for g in sorted(groups, key=len, reverse=True)]


def relation_matrix(G: nx.MultiDiGraph, relations: set[str] | None = None) -> tuple[list[str], list[list[int]]]:
    """States x states counts of statements (rolled up), for a heatmap: (names, rows)."""
    H = relation_network(G, relations)
    nodes = sorted(H, key=lambda n: H.nodes[n].get("name", n))
    names = [H.nodes[n].get("name", n) for n in nodes]
    index = {n: i for i, n in enumerate(nodes)}
    rows = [[0] * len(nodes) for _ in nodes]
    for u, v, d in H.edges(data=True):
        rows[index[u]][index[v]] = d["weight"]
    return names, rows


def timeline(G: nx.MultiDiGraph, node: str | None = None) -> list[dict]:
    """Dated statements (by the model's temporal properties: the reference date, else
    the report date), oldest first, optionally only those with `node` at one end."""
    model = load_model()
    rows = []
    for u, v, d in G.edges(data=True):
        if d.get("type") == "OFFICIAL_OF" or (node and node not in (u, v)):
            continue
        when = model.date_of(model.statement.name, d)  # its first temporal property it has
        if when:
            rows.append({"date": when, "type": d["type"], "source": G.nodes[u].get("name", u),
                         "target": G.nodes[v].get("name", v), "sentence": d.get("sentence", "")})
    return sorted(rows, key=lambda r: (r["date"], r["type"], r["source"], r["target"]))
