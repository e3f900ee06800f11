"""The interactive network as one self-contained HTML file: vis-network (shipped inside
the pyvis package) is inlined, so the page draws with no internet.

What is drawn is facts, not statements: one edge per relation type between two nodes,
as wide as the number of statements behind it, so 480 articles repeating the same
few facts give a readable picture, not thousands of parallel lines. Hovering an edge
shows how many statements say it, over which dates, and the latest sentence with its
article; clicking a node lists its facts, clicking an edge its latest sentences.

Why the positions are computed here and not by the browser: a physics simulation in
the page settles differently on every load (and on every window size), so the analyst
who found a cluster top left last time could not find it again. A seeded networkx
layout gives the same picture every load; the page only draws it.

Why a large store is not drawn whole: thousands of nodes in 800x600 pixels are a black
blob whatever the layout. The page holds the nodes with the most statements (the rest
can still be searched, and are named as not drawn), a slider hides what fewer than N
statements say, starting where at most a few hundred facts are shown, and labels are
placed in screen space, largest nodes first, leaving out any that would overlap one
already placed: zooming in brings the others in.

The page's count of the graph (`summary`) is the one `skg viz` prints, in the same
words: nodes, facts (distinct relation, source, target: what `skg stats` counts as
relations) and the statements behind them.
"""
from __future__ import annotations

import html
import json
import math
import re
from importlib import resources
from itertools import cycle

import networkx as nx

from ..schema.generated.types import NodeType, RelationType

# colours in the order the model lists its types (schema/generated/types.py): a type the
# model gains gets the next colour, no list of names here to keep in step
NODE_PALETTE = ("#1f77b4", "#ff7f0e", "#8c564b", "#2ca02c", "#d62728", "#9467bd", "#7f7f7f", "#bcbd22", "#17becf")
EDGE_PALETTE = ("#bbbbbb", "#d62728", "#9467bd", "#2ca02c", "#e377c2", "#f7b6d2", "#8c564b", "#000000", "#17becf",
                "#ff0000", "#ff7f0e", "#1f77b4", "#bcbd22", "#7f7f7f", "#aec7e8")
COLORS = dict(zip((t.value for t in NodeType if t is not NodeType.ARTICLE), cycle(NODE_PALETTE)))
EDGE_COLORS = dict(zip((t.value for t in RelationType), cycle(EDGE_PALETTE)))

HIDDEN_AT_FIRST = (RelationType.OFFICIAL_OF.value,)  # who holds which office: drawn when its box is ticked

MAX_NODES = 250  # nodes the page holds (most statements first); the rest are searchable, not drawn
SHOWN_FACTS = 400  # the slider starts at the lowest count that shows at most this many facts
EVIDENCE = 3  # latest statements of a fact the page carries for a click
LAYOUT_SEED = 29  # any fixed number: the same picture every time
SENTENCE = 300  # characters of a sentence the page carries
KAMADA_KAWAI = 300  # parts up to this size get the even spacing of Kamada-Kawai (its cost grows as n squared)


def vis_js() -> str:
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return lib.joinpath("vis-network.min.js").read_text("utf-8")


def page_template() -> str:
    """The page around the data (graph/viz_page.html): markup, style and the script that
    filters, searches, labels and explains."""
    return resources.files(__package__).joinpath("viz_page.html").read_text("utf-8")


def _date(d: dict) -> str:
    return str(d.get("ref_date") or d.get("report_date") or "")


def facts(G: nx.MultiDiGraph) -> list[dict]:
    """One entry per fact (relation type, source, target): its statement count, first
    and last date, and its statements latest first (ties: the greatest key, as the
    stores pick), `latest` being the first of them."""
    grouped: dict[tuple, list] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        grouped.setdefault((d.get("type", ""), u, v), []).append((_date(d), str(key), d))
    out = []
    for (kind, u, v), statements in sorted(grouped.items()):
        dates = sorted(s[0] for s in statements if s[0])
        ordered = [s[2] for s in sorted(statements, key=lambda s: (s[0], s[1]), reverse=True)]
        out.append({"type": kind, "source": u, "target": v, "count": len(statements),
                    "first": dates[0] if dates else "", "last": dates[-1] if dates else "",
                    "latest": ordered[0], "statements": ordered})
    return out


def summary(G: nx.MultiDiGraph) -> dict:
    """What the page and `skg viz` both say of a graph: nodes, facts, statements, and
    the sentence they say it in."""
    n, f, s = G.number_of_nodes(), len({(d.get("type"), u, v) for u, v, d in G.edges(data=True)}), G.number_of_edges()
    text = (f"{n} node{'s' if n != 1 else ''}, {f} fact{'s' if f != 1 else ''} "
            f"({s} statement{'s' if s != 1 else ''})")
    return {"nodes": n, "facts": f, "statements": s, "text": text}


def _where(statement: dict, articles: dict) -> str:
    article = articles.get(statement.get("article"), {})
    return ", ".join(x for x in (article.get("title") or article.get("source"), _date(statement)) if x)


def _tooltip(fact: dict, names: dict, articles: dict) -> str:
    latest = fact["latest"]
    span = fact["first"] if fact["first"] == fact["last"] else f"{fact['first']} to {fact['last']}"
    where = _where(latest, articles)
    n = fact["count"]
    return (f"{names.get(fact['source'])} {fact['type']} {names.get(fact['target'])}\n"
            f"{n} statement{'s' if n != 1 else ''}{', ' + span if span else ''}\n\n"
            f"“{latest.get('sentence', '')[:400]}”" + (f"\n— {where}" if where else ""))


def _evidence(fact: dict, articles: dict) -> list[dict]:
    """The latest statements of a fact as a click shows them: sentence, article, date and
    how a vote was cast."""
    return [{"sentence": str(st.get("sentence", ""))[:SENTENCE], "where": _where(st, articles),
             **({"position": st["position"]} if st.get("position") else {})}
            for st in fact["statements"][:EVIDENCE]]


def _fold(text: str) -> str:
    """The form the page's search compares: lower-case letters and digits only (the
    page's script folds what is typed the same way)."""
    from ..schema.identity import fold

    return re.sub(r"[^a-z0-9]", "", fold(str(text)))


def _state_forms() -> dict[str, list[str]]:
    """ISO alpha-3 -> every form the gazetteer knows the state by (graph/states.py):
    what `skg query --param iso3=` takes, the search box takes."""
    from .states import forms

    by_state: dict[str, list[str]] = {}
    for key, (iso3, _name) in forms().items():
        by_state.setdefault(iso3, []).append(re.sub(r"[^a-z0-9]", "", key))
    return by_state


def search_keys(attrs: dict, state_forms: dict[str, list[str]]) -> str:
    """The names a node can be found by, folded, joined by '|': its name, and the codes,
    acronyms, symbols and keys its type has, a state's aliases and demonyms."""
    keys = [attrs.get(k) for k in ("name", "iso3", "acronym", "symbol", "number", "key")]
    found = [_fold(k) for k in keys if k] + state_forms.get(attrs.get("iso3") or "", [])
    return "|".join(dict.fromkeys(k for k in found if k))


def node_statements(found: list[dict]) -> dict[str, int]:
    """Statements touching each node: its size, its rank, and what the slider compares."""
    counted: dict[str, int] = {}
    for f in found:
        for end in (f["source"], f["target"]):
            counted[end] = counted.get(end, 0) + f["count"]
    return counted


def _component_layout(H: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """One connected part, laid out on its own: centred, its spread growing with the
    square root of its size, so parts of any size are drawn at a similar density."""
    if len(H) == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if len(H) <= KAMADA_KAWAI:
        pos = nx.kamada_kawai_layout(H, pos=nx.spring_layout(H, seed=seed, iterations=30))
    else:
        pos = nx.spring_layout(H, k=1.8 / math.sqrt(len(H)), iterations=200, weight="weight", seed=seed)
    spread = 60 * math.sqrt(len(H)) - 25
    return {n: (float(x) * spread, float(y) * spread) for n, (x, y) in pos.items()}


def _pack(parts: list[dict[str, tuple[float, float]]], gap: float = 60) -> dict[str, tuple[int, int]]:
    """Parts placed side by side in rows (largest first), about as wide as they are
    high: a force layout of the whole graph would push the small parts (two officials
    who met) to the far edges, and fitting the view would then shrink the main part to
    dots."""
    boxes = []
    for part in parts:
        xs, ys = [p[0] for p in part.values()], [p[1] for p in part.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    width = max(max(b[2] for b in boxes), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.2)
    out: dict[str, tuple[int, int]] = {}
    x = y = row = 0.0
    for part, (x0, y0, w, h) in zip(parts, boxes):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.update({n: (round(x + px - x0), round(y + py - y0)) for n, (px, py) in part.items()})
        x, row = x + w, max(row, h)
    return out


def _weighted(nodes: list[str], found: list[dict]) -> nx.Graph:
    """Nodes joined where facts join them, weighted by the log of their statements."""
    H = nx.Graph()
    H.add_nodes_from(sorted(nodes))
    for f in found:
        if f["source"] in H and f["target"] in H and f["source"] != f["target"]:
            w = H.get_edge_data(f["source"], f["target"], {}).get("weight", 0)
            H.add_edge(f["source"], f["target"], weight=w + math.log2(1 + f["count"]))
    return H


def _satellites(pos: dict, loose: list[str], found: list[dict]) -> list[str]:
    """Nodes no strong fact holds, put around the placed node they share most statements
    with (golden-angle spiral, in a fixed order); returns those with no placed neighbour."""
    ties: dict[str, dict[str, int]] = {n: {} for n in loose}
    for f in found:
        for a, b in ((f["source"], f["target"]), (f["target"], f["source"])):
            if a in ties and b in pos:
                ties[a][b] = ties[a].get(b, 0) + f["count"]
    around: dict[str, int] = {}
    alone = []
    for n in loose:
        if not ties[n]:
            alone.append(n)
            continue
        hub = min(ties[n], key=lambda m: (-ties[n][m], m))
        k = around[hub] = around.get(hub, 0) + 1
        angle, radius = k * 2.39996, 45 + 14 * math.sqrt(k)
        pos[n] = (round(pos[hub][0] + radius * math.cos(angle)), round(pos[hub][1] + radius * math.sin(angle)))
    return alone


def layout(nodes: list[str], found: list[dict], seed: int = LAYOUT_SEED, least: int = 1) -> dict[str, tuple[int, int]]:
    """Seeded force-directed positions in the page's units: the same input gives the same
    picture. The layout follows the facts of at least `least` statements, those shown
    when the page opens: laid out on all facts, a dense store is a ball in which every
    state sits next to every other. Facts pull by the log of their statements, so a hub
    does not collapse its neighbours onto itself; each connected part is laid out on its
    own and the parts packed together (`_pack`); nodes with weaker facts only sit around
    their strongest neighbour (`_satellites`)."""
    H = _weighted(nodes, [f for f in found if f["count"] >= least])
    parts = sorted((sorted(c) for c in nx.connected_components(H) if len(c) > 1), key=lambda c: (-len(c), c[0]))
    laid = [_component_layout(_part(H, c), seed) for c in parts]
    loose = sorted(n for n in H if H.degree(n) == 0)
    pos = _pack(laid) if laid else {}
    alone = _satellites(pos, loose, found) if pos else loose
    if alone:  # nodes of no fact at all, in rows below the rest
        bottom = max((y for _, y in pos.values()), default=-100) + 100
        extra = _pack([{n: (0.0, 0.0)} for n in alone])
        pos.update({n: (x, y + bottom) for n, (x, y) in extra.items()})
    return pos


def _part(H: nx.Graph, nodes: list[str]) -> nx.Graph:
    """A connected part as a graph of its own, nodes and edges in sorted order: a
    subgraph view iterates its nodes in the order of a set of strings, which changes
    with every process (hash randomisation), and the seeded layout with it."""
    P = nx.Graph()
    P.add_nodes_from(nodes)
    P.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in H.subgraph(nodes).edges(data=True)))
    return P


def _drawn(G: nx.MultiDiGraph, counted: dict[str, int], max_nodes: int) -> list[str]:
    """The nodes the page holds: the most statements first, then by name (a fixed order,
    so the same store gives the same page)."""
    ranked = sorted(G.nodes, key=lambda n: (-counted.get(n, 0), str(G.nodes[n].get("name", n)), n))
    return ranked[:max_nodes]


def default_minimum(found: list[dict], limit: int = SHOWN_FACTS) -> int:
    """The lowest statement count at which at most `limit` facts are shown: where the
    slider starts, so a dense store opens as its strongest facts, not a blob."""
    for least in sorted({f["count"] for f in found}):
        if sum(1 for f in found if f["count"] >= least) <= limit:
            return least
    return max((f["count"] for f in found), default=1)


def _node(n: str, d: dict, count: int, top: int, xy: tuple[int, int], forms: dict) -> dict:
    """A node as the page draws it: its radius grows with the square root of its
    statements (area with count), from 5 to 30 units; the page places labels by it."""
    name = str(d.get("name", n))
    kind = d.get("type", "")
    size = round(5 + 25 * math.sqrt(count / top), 1) if top else 5
    return {"id": n, "label": name, "name": name, "type": kind, "count": count, "size": size,
            "x": xy[0], "y": xy[1], "color": COLORS.get(kind, "#999999"), "keys": search_keys(d, forms),
            "iso3": d.get("iso3", ""),
            "title": f"{kind}: {name}" + (f" ({d['iso3']})" if d.get("iso3") else "")
                     + f"\n{count} statement{'s' if count != 1 else ''}"}


def graph_data(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> dict:
    """Nodes (with fixed positions) and fact edges as vis-network takes them, the nodes not
    drawn (for the search), the slider's start and the graph's summary."""
    names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
    articles = G.graph.get("articles", {})
    found = facts(G)
    counted = node_statements(found)
    drawn = _drawn(G, counted, max_nodes)
    keep = set(drawn)
    shown = [f for f in found if f["source"] in keep and f["target"] in keep]
    least = default_minimum(shown)
    pos = layout(drawn, shown, least=least)
    forms = _state_forms()
    top = max(counted.values(), default=0)
    nodes = [_node(n, G.nodes[n], counted.get(n, 0), top, pos[n], forms) for n in drawn]
    edges = [{"id": i, "from": f["source"], "to": f["target"], "type": f["type"], "first": f["first"],
              "last": f["last"], "count": f["count"], "width": min(8.0, 1 + 1.5 * math.log2(f["count"])),
              "color": EDGE_COLORS.get(f["type"], "#999999"), "title": _tooltip(f, names, articles),
              "evidence": _evidence(f, articles)}
             for i, f in enumerate(shown)]
    others = [[str(G.nodes[n].get("name", n)), G.nodes[n].get("type", ""), counted.get(n, 0),
               search_keys(G.nodes[n], forms)] for n in _drawn(G, counted, G.number_of_nodes())[len(drawn):]]
    return {"nodes": nodes, "edges": edges, "others": others, "edgeColors": EDGE_COLORS,
            "minimum": least, "summary": summary(G), "maxNodes": max_nodes}


# ---- one answer's subgraph ------------------------------------------------------------

def _named(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """What an answer's cell can name a node by: its IRI, its label, a state's ISO code."""
    index: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        for form in dict.fromkeys(str(x) for x in (n, d.get("name"), d.get("iso3")) if x):
            index.setdefault(form, []).append(n)
    return index


def _row_allows(row: dict, d: dict, edge_fields: tuple[str, ...]) -> bool:
    """Whether a statement is one the row speaks of: of the row's relation, from the row's
    article, and agreeing with every closed-list statement property the row has a column
    for (position, modality). Not the sentence: a row that counts statements quotes only
    the latest."""
    relation = row.get("relation")
    if relation and str(relation) != d.get("type"):
        return False
    article = row.get("article")
    if article and not str(d.get("article", "")).endswith("/" + str(article)):
        return False
    return all(row.get(k) in (None, "") or d.get(k) is None or str(row[k]) == str(d[k]) for k in edge_fields)


def relations_named(query: str) -> set[str]:
    """The relation types a query's text names as literals ("SANCTIONS" in sanctions-on):
    the facts its answer is about, when the rows have no relation column to say so."""
    return {t.value for t in RelationType if re.search(rf"""["']{t.value}["']""", query)}


def answer_graph(G: nx.MultiDiGraph, rows: list[dict], given: dict[str, str] | None = None,
                 relations: set[str] | None = None) -> nx.MultiDiGraph:
    """The subgraph an answer names: every node a row's cell names (by label, IRI or ISO
    code), and the statements between two nodes of the same row that the row speaks of
    (`_row_allows`), of `relations` when given (`relations_named`). `given` are the
    question's parameters: a node they name (iso3=PRK) belongs to every row, since a
    question keyed by it leaves it out of its columns.
    The statements keep their sentences and articles, so the picture's edges carry the
    evidence the answer rests on."""
    from ..schema import load_model

    edge_fields = tuple(k for k, p in load_model().edge_properties.items() if p.values)
    index = _named(G)
    keyed = [n for v in (given or {}).values() if isinstance(v, str) for n in index.get(v, ())]
    sub = nx.MultiDiGraph()
    sub.graph["articles"] = G.graph.get("articles", {})
    for row in rows:
        ends = list(dict.fromkeys([*keyed, *(n for v in row.values() if isinstance(v, str) for n in index.get(v, ()))]))
        for n in ends:
            sub.add_node(n, **G.nodes[n])
        for u in ends:
            for v in ends:
                for key, d in (G.get_edge_data(u, v) or {}).items() if u != v else ():
                    if (not relations or d.get("type") in relations) and _row_allows(row, d, edge_fields):
                        sub.add_edge(u, v, key=key, **d)
    return sub


def render(G: nx.MultiDiGraph, title: str = "sanctions-kg", height: int = 750, max_nodes: int = MAX_NODES) -> str:
    """The page of a graph: `height` is the drawing's least height (it fills the window)."""
    present = {d.get("type") for _, d in G.nodes(data=True)}
    legend = "".join(f'<span><i class="dot" style="background:{c}"></i>{html.escape(t)}</span>'
                     for t, c in COLORS.items() if t in present)
    data = graph_data(G, max_nodes)
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    values = {"@@TITLE@@": html.escape(title), "@@VIS@@": vis_js(), "@@LEGEND@@": legend, "@@HEIGHT@@": str(height),
              "@@HIDDEN@@": json.dumps(list(HIDDEN_AT_FIRST)), "@@SUMMARY@@": html.escape(data["summary"]["text"]),
              "@@DATA@@": payload}
    return re.sub("|".join(map(re.escape, values)), lambda m: values[m.group()], page_template())
