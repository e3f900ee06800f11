"""The interactive network as one self-contained HTML file: vis-network (shipped inside
the pyvis package) is inlined, so the page draws with no internet.

What is drawn is facts, not statements: one edge per relation type between two nodes,
as wide as the number of statements behind it, so 480 articles repeating the same
few facts give a readable picture, not thousands of parallel lines. Hovering an edge
shows how many statements say it, over which dates, and the latest sentence with its
article. Edges can be filtered by relation type (each with its colour) and by date;
nodes no shown edge touches are hidden unless asked for, and OFFICIAL_OF edges (who holds
which office) are drawn only on demand.
"""
from __future__ import annotations

import html
import json
import math
from importlib import resources

import networkx as nx

COLORS = {"State": "#1f77b4", "Official": "#ff7f0e", "Person": "#8c564b", "Organization": "#2ca02c",
          "Resolution": "#d62728", "Proposal": "#9467bd", "Sanction": "#7f7f7f"}
EDGE_COLORS = {"OFFICIAL_OF": "#bbbbbb", "ADOPTED": "#d62728", "PROPOSED": "#9467bd", "SUPPORTS": "#2ca02c",
               "OPPOSES": "#e377c2", "ABSTAINED": "#f7b6d2", "VIOLATES": "#8c564b", "SANCTIONS": "#000000", "CALLS_ON": "#17becf",
               "ACCUSES": "#ff0000", "THREATENS": "#ff7f0e", "CONSULTS": "#1f77b4", "MEDIATES": "#bcbd22"}


HIDDEN_AT_FIRST = ("OFFICIAL_OF",)  # relation types drawn only when their box is ticked


def vis_js() -> str:
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return lib.joinpath("vis-network.min.js").read_text("utf-8")


def _date(d: dict) -> str:
    return d.get("ref_date") or d.get("report_date") or ""


def facts(G: nx.MultiDiGraph) -> list[dict]:
    """One entry per fact (relation type, source, target): its statement count, first
    and last date, and the latest statement's attributes (ties: the greatest key, as
    the stores pick)."""
    grouped: dict[tuple, list] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        grouped.setdefault((d.get("type", ""), u, v), []).append((_date(d), str(key), d))
    out = []
    for (kind, u, v), statements in sorted(grouped.items()):
        dates = sorted(s[0] for s in statements if s[0])
        latest = max(statements, key=lambda s: (s[0], s[1]))[2]
        out.append({"type": kind, "source": u, "target": v, "count": len(statements),
                    "first": dates[0] if dates else "", "last": dates[-1] if dates else "", "latest": latest})
    return out


def _tooltip(fact: dict, names: dict, articles: dict) -> str:
    latest = fact["latest"]
    span = fact["first"] if fact["first"] == fact["last"] else f"{fact['first']} to {fact['last']}"
    article = articles.get(latest.get("article"), {})
    where = ", ".join(x for x in (article.get("title") or article.get("source"), _date(latest)) if x)
    n = fact["count"]
    return (f"{names.get(fact['source'])} {fact['type']} {names.get(fact['target'])}\n"
            f"{n} statement{'s' if n != 1 else ''}{', ' + span if span else ''}\n\n"
            f"“{latest.get('sentence', '')[:400]}”" + (f"\n— {where}" if where else ""))


def graph_data(G: nx.MultiDiGraph) -> dict:
    """Nodes and fact edges as vis-network takes them."""
    names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
    articles = G.graph.get("articles", {})
    found = facts(G)
    degree: dict[str, int] = {}
    for f in found:
        for end in (f["source"], f["target"]):
            degree[end] = degree.get(end, 0) + f["count"]
    nodes = [{"id": n, "label": d.get("name", n), "value": degree.get(n, 0),
              "color": COLORS.get(d.get("type", ""), "#999999"),
              "title": f"{d.get('type', '')}: {d.get('name', n)}" + (f" ({d['iso3']})" if d.get("iso3") else "")
                       + f"\n{degree.get(n, 0)} statements"}
             for n, d in G.nodes(data=True)]
    edges = [{"id": i, "from": f["source"], "to": f["target"], "type": f["type"], "first": f["first"],
              "last": f["last"], "count": f["count"], "width": 1 + 2 * math.log2(f["count"]),
              "color": EDGE_COLORS.get(f["type"], "#999999"), "title": _tooltip(f, names, articles)}
             for i, f in enumerate(found)]
    return {"nodes": nodes, "edges": edges, "edgeColors": EDGE_COLORS}


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 0; }}
#controls {{ padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; font-size: 13px; line-height: 1.8; }}
#controls label {{ margin-right: 10px; white-space: nowrap; }}
#network {{ width: 100%; height: {height}px; min-height: 360px; }}
.key {{ display: inline-block; width: 14px; height: 4px; vertical-align: middle; margin: 0 3px 0 2px; }}
.dot {{ display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }}
#legend span {{ display: inline-block; margin-right: 10px; }}
div.vis-tooltip {{ white-space: pre-wrap !important; max-width: 440px; font-size: 13px; line-height: 1.35; }}
</style>
<script>{vis}</script>
</head><body>
<div id="controls">
  <strong>{title}</strong> &middot; <span id="count"></span> &middot; <span id="legend">{legend}</span><br>
  <span id="types"></span><br>
  from <input type="date" id="from"> to <input type="date" id="to">
  <label><input type="checkbox" id="isolated"> nodes without shown relations</label>
  &middot; edge width: number of statements; hover an edge for its latest sentence
</div>
<div id="network"></div>
<script>
const data = {data};
// the drawing fills the window (or the notebook's frame) below the controls
const area = document.getElementById("network");
area.style.height = Math.max(360, window.innerHeight - document.getElementById("controls").offsetHeight - 12) + "px";
const allNodes = data.nodes;
const nodes = new vis.DataSet(allNodes);
const allEdges = data.edges.map(e => Object.assign({{arrows: {{to: {{scaleFactor: 0.6}}}}}}, e));
const edges = new vis.DataSet(allEdges);
const types = [...new Set(allEdges.map(e => e.type))].sort();
const hiddenAtFirst = {hidden};  // who holds which office: on demand, or it buries the rest
const box = document.getElementById("types");
types.forEach(t => {{
  const l = document.createElement("label");
  const n = allEdges.filter(e => e.type === t).length;
  l.innerHTML = `<input type="checkbox" class="rel" value="${{t}}" ${{hiddenAtFirst.includes(t) ? "" : "checked"}}><i class="key" style="background:${{data.edgeColors[t] || "#999"}}"></i>${{t}} (${{n}})`;
  box.appendChild(l);
}});
function apply() {{
  const on = new Set([...document.querySelectorAll(".rel:checked")].map(c => c.value));
  const lo = document.getElementById("from").value, hi = document.getElementById("to").value;
  const keep = allEdges.filter(e => on.has(e.type) && (!lo || !e.last || e.last >= lo) && (!hi || !e.first || e.first <= hi));
  edges.clear(); edges.add(keep);
  const touched = new Set(keep.flatMap(e => [e.from, e.to]));
  const showAll = document.getElementById("isolated").checked;
  nodes.update(allNodes.map(n => ({{id: n.id, hidden: !showAll && !touched.has(n.id)}})));
  const shown = showAll ? allNodes.length : touched.size;
  document.getElementById("count").textContent = `${{shown}} of ${{allNodes.length}} nodes, ${{keep.length}} of ${{allEdges.length}} facts shown`;
}}
document.querySelectorAll(".rel").forEach(c => c.addEventListener("change", apply));
["from", "to", "isolated"].forEach(id => document.getElementById(id).addEventListener("change", apply));
const network = new vis.Network(area, {{nodes, edges}}, {{
  // a strong pull to the centre keeps small components (two officials who met) near the
  // main one, so fitting the view does not shrink the main one to dots
  physics: {{ stabilization: {{ iterations: 300 }},
              barnesHut: {{ springLength: 110, gravitationalConstant: -2500, centralGravity: 1.2, avoidOverlap: 0.3 }} }},
  // labels grow with the node: the hubs stay readable when a large graph is zoomed out to fit
  nodes: {{ shape: "dot", scaling: {{ min: 8, max: 40, label: {{ enabled: true, min: 11, max: 34, maxVisible: 34, drawThreshold: 4 }} }},
           font: {{ size: 14, strokeWidth: 4, strokeColor: "#ffffff" }} }},
  edges: {{ smooth: {{ type: "continuous" }}, selectionWidth: 2 }},
  interaction: {{ hover: true, tooltipDelay: 100 }}
}});
network.once("stabilizationIterationsDone", () => {{ network.setOptions({{ physics: false }}); document.body.dataset.ready = "1"; }});
apply();
</script>
</body></html>
"""


def render(G: nx.MultiDiGraph, title: str = "sanctions-kg", height: int = 750) -> str:
    present = {d.get("type") for _, d in G.nodes(data=True)}
    legend = "".join(f'<span><i class="dot" style="background:{c}"></i>{html.escape(t)}</span>'
                     for t, c in COLORS.items() if t in present)
    data = json.dumps(graph_data(G), ensure_ascii=False).replace("</", "<\\/")
    return PAGE.format(title=html.escape(title), vis=vis_js(), data=data, legend=legend, height=height,
                       hidden=json.dumps(list(HIDDEN_AT_FIRST)))
