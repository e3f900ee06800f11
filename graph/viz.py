"""The interactive network as one self-contained HTML file: vis-network (shipped inside
the pyvis package) is inlined, so the page draws with no internet. Edges can be
filtered by relation type and by date; hovering an edge shows its evidence sentence.
"""
from __future__ import annotations

import html
import json
from importlib import resources

import networkx as nx

COLORS = {"State": "#1f77b4", "Official": "#ff7f0e", "Person": "#8c564b", "Organization": "#2ca02c",
          "Resolution": "#d62728", "Proposal": "#9467bd", "Sanction": "#7f7f7f"}
EDGE_COLORS = {"OFFICIAL_OF": "#bbbbbb", "ADOPTED": "#d62728", "PROPOSED": "#9467bd", "SUPPORTS": "#2ca02c",
               "OPPOSES": "#e377c2", "VIOLATES": "#8c564b", "SANCTIONS": "#000000", "CALLS_ON": "#17becf",
               "ACCUSES": "#ff0000", "THREATENS": "#ff7f0e", "CONSULTS": "#1f77b4", "MEDIATES": "#bcbd22"}


def vis_js() -> str:
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return lib.joinpath("vis-network.min.js").read_text("utf-8")


def graph_data(G: nx.MultiDiGraph) -> dict:
    nodes = [{"id": n, "label": d.get("name", n), "group": d.get("type", ""),
              "color": COLORS.get(d.get("type", ""), "#999999"),
              "title": f"{d.get('type', '')}: {d.get('name', n)}" + (f" ({d['iso3']})" if d.get("iso3") else "")}
             for n, d in G.nodes(data=True)]
    edges = []
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        edges.append({"id": i, "from": u, "to": v, "type": d.get("type", ""),
                      "date": d.get("ref_date") or d.get("report_date") or "",
                      "color": EDGE_COLORS.get(d.get("type", ""), "#999999"),
                      "title": f"{d.get('type')} ({d.get('ref_date') or d.get('report_date') or 'undated'}): "
                               f"{d.get('sentence', '')[:300]}"})
    return {"nodes": nodes, "edges": edges}


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 0; }}
#controls {{ padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; font-size: 13px; }}
#controls label {{ margin-right: 8px; white-space: nowrap; }}
#network {{ width: 100%; height: {height}px; }}
#legend span {{ display: inline-block; margin-right: 10px; }}
#legend i {{ display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }}
</style>
<script>{vis}</script>
</head><body>
<div id="controls">
  <strong>{title}</strong> &middot; <span id="count"></span><br>
  <span id="types"></span><br>
  from <input type="date" id="from"> to <input type="date" id="to">
  <span id="legend">{legend}</span>
</div>
<div id="network"></div>
<script>
const data = {data};
const nodes = new vis.DataSet(data.nodes);
const allEdges = data.edges.map(e => Object.assign({{arrows: "to"}}, e));
const edges = new vis.DataSet(allEdges);
const types = [...new Set(allEdges.map(e => e.type))].sort();
const box = document.getElementById("types");
types.forEach(t => {{
  const l = document.createElement("label");
  l.innerHTML = `<input type="checkbox" class="rel" value="${{t}}" checked> ${{t}}`;
  box.appendChild(l);
}});
function apply() {{
  const on = new Set([...document.querySelectorAll(".rel:checked")].map(c => c.value));
  const lo = document.getElementById("from").value, hi = document.getElementById("to").value;
  const keep = allEdges.filter(e => on.has(e.type) && (!lo || !e.date || e.date >= lo) && (!hi || !e.date || e.date <= hi));
  edges.clear(); edges.add(keep);
  document.getElementById("count").textContent = `${{nodes.length}} nodes, ${{keep.length}} of ${{allEdges.length}} relations shown`;
}}
document.querySelectorAll(".rel").forEach(c => c.addEventListener("change", apply));
document.getElementById("from").addEventListener("change", apply);
document.getElementById("to").addEventListener("change", apply);
const network = new vis.Network(document.getElementById("network"), {{nodes, edges}}, {{
  physics: {{ stabilization: {{ iterations: 200 }}, barnesHut: {{ springLength: 140 }} }},
  nodes: {{ shape: "dot", size: 14, font: {{ size: 14 }} }},
  edges: {{ smooth: {{ type: "dynamic" }}, width: 1.5 }},
  interaction: {{ hover: true, tooltipDelay: 100 }}
}});
network.once("stabilizationIterationsDone", () => {{ network.setOptions({{ physics: false }}); document.body.dataset.ready = "1"; }});
apply();
</script>
</body></html>
"""


def render(G: nx.MultiDiGraph, title: str = "sanctions-kg", height: int = 750) -> str:
    legend = "".join(f'<span><i style="background:{c}"></i>{html.escape(t)}</span>' for t, c in COLORS.items())
    data = json.dumps(graph_data(G), ensure_ascii=False).replace("</", "<\\/")
    return PAGE.format(title=html.escape(title), vis=vis_js(), data=data, legend=legend, height=height)
