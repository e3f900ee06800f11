"""`skg analyze`: network analysis of the stored graph with networkx."""
from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..errors import Errors, SkgError
from ..graph.stores import StoreSpec
from . import app
from .ask import stored_graph
from .common import FormatOpt, JsonOpt, OutFormat, cut, fail, out, store_options, wants_json

analyze_app = typer.Typer(help="Network analysis with networkx: centrality, ego networks, communities, timelines.")
app.add_typer(analyze_app, name="analyze")
RelationsOpt = Annotated[Optional[list[str]], typer.Option("--relation", help="Relation types to use (repeatable); default: all but OFFICIAL_OF.")]


def _relations(given: list[str] | None) -> set[str] | None:
    """Relation types as the model spells them ("sanctions" is SANCTIONS); an unknown
    one is an error, not an empty answer."""
    from ..schema import load_model

    if not given:
        return None
    model = load_model()
    unknown = sorted(g.strip().upper() for g in given if model.relation_named(g) is None)
    if unknown:
        raise typer.BadParameter(f"no relation type {', '.join(unknown)}; choose from {', '.join(model.relation_types)}",
                                 param_hint="--relation")
    return {model.relation_named(g) for g in given}


def _cell(value: object, width: int = 100) -> str:
    return cut(value, width)


def _emit(rows: list[dict], as_json: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    t = Table(*(rows[0].keys() if rows else ["(none)"]), title=title)
    for r in rows:
        t.add_row(*[_cell(v) for v in r.values()])
    out.print(t)


def _state(G, given: str):
    """The node of a state given by name, alias or code: E094 (with the names meant)
    for a name that is no state, E021 for a state the graph does not hold."""
    from ..graph.analytics import find_state
    from ..graph.states import iso3_of

    try:
        iso3 = iso3_of(given)
    except SkgError as e:
        fail(e)
    node = find_state(G, iso3)
    if node is None:
        fail(SkgError(Errors.E021.format(iso3=f"{given} ({iso3})" if given.upper() != iso3 else iso3)))
    return node


@analyze_app.command("centrality")
@store_options()
def analyze_centrality(spec: StoreSpec, relation: RelationsOpt = None, fmt: FormatOpt = OutFormat.table,
                       as_json: JsonOpt = False) -> None:
    """Rank states in a relation network (officials count for their state): PageRank,
    weighted in/out degree, betweenness."""
    from ..graph.analytics import centrality

    rows = centrality(stored_graph(spec), _relations(relation))
    _emit([{k: v for k, v in r.items() if k != "node"} for r in rows], wants_json(fmt, as_json),
          f"centrality in the {', '.join(relation) if relation else 'whole'} network")


@analyze_app.command("ego")
@store_options()
def analyze_ego(iso3: Annotated[str, typer.Argument(help="The state, by name, alias or ISO code (Iran, DPRK, prk).")], spec: StoreSpec,
                radius: Annotated[int, typer.Option(help="How many relations away.")] = 1,
                fmt: FormatOpt = OutFormat.table, as_json: JsonOpt = False) -> None:
    """A state's ego network: its neighbours and the relations among them."""
    from ..graph.analytics import ego

    G = stored_graph(spec)
    node = _state(G, iso3)
    E = ego(G, node, radius)
    rows = sorted({(E.nodes[u].get("name"), d["type"], E.nodes[v].get("name")) for u, v, d in E.edges(data=True)})
    _emit([{"source": a, "relation": t, "target": b} for a, t, b in rows], wants_json(fmt, as_json),
          f"ego network of {G.nodes[node].get('name')} (radius {radius}): {E.number_of_nodes()} nodes")


@analyze_app.command("communities")
@store_options()
def analyze_communities(spec: StoreSpec, relation: RelationsOpt = None, fmt: FormatOpt = OutFormat.table,
                        as_json: JsonOpt = False) -> None:
    """Groups of states tied more to each other than to the rest (greedy modularity)."""
    from ..graph.analytics import communities

    groups = communities(stored_graph(spec), _relations(relation))
    _emit([{"community": i + 1, "size": len(g), "states": ", ".join(g)} for i, g in enumerate(groups)],
          wants_json(fmt, as_json),
          "communities")


@analyze_app.command("timeline")
@store_options()
def analyze_timeline(spec: StoreSpec,
                     iso3: Annotated[Optional[str], typer.Argument(help="Only relations of this state (name, alias or ISO code).")] = None,
                     fmt: FormatOpt = OutFormat.table, as_json: JsonOpt = False) -> None:
    """Dated relations, oldest first."""
    from ..graph.analytics import timeline

    G = stored_graph(spec)
    _emit(timeline(G, _state(G, iso3) if iso3 else None), wants_json(fmt, as_json), "timeline")
