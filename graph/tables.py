"""The stored graph as tables, for pandas, spreadsheets and Gephi: nodes, edges (one row
per statement), facts (one row per relation between the same two nodes) and articles.

Why tables beside RDF and GraphML: an analyst's tools (pandas, a spreadsheet, Gephi's
spreadsheet import) read rows and columns, not triples. The tables are made from the
networkx graph every store gives (`Store.graph()`), so the embedded store, Neo4j and a
SPARQL endpoint give the same rows; the facts are counted from the statements here, as
`skg stats` counts relations, so a table's rows agree with `skg stats` on every store.

Columns come from the model (schema/model.yaml): every property a node type declares,
every edge property (`position` included), every fact property and every article
property, each typed as the model says (dates are dates in Parquet, ISO text in CSV).
Besides them only the structure: `id`, `type`, `label` (the name: Gephi shows it),
`source`, `target`, `relation` (Gephi reads `type` as directed or undirected, so the
relation type is not called `type` on edges) and the statement's `fact`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pyarrow as pa

from ..errors import Errors, SkgError
from ..schema import Model, load_model
from .facts import Summary, graph_summaries
from .identity import fact_iri

TABLES = ("nodes", "edges", "facts", "articles")
DEFAULT_FOLDER = Path("skg-tables")  # where `skg export --format csv|parquet` writes without --out

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "decimal": pa.float64(), "boolean": pa.bool_(),
               "date": pa.date32()}

def _typed(value: object, datatype: str) -> object:
    """A stored value as the model's datatype (each store hands back its own Python
    types: text for dates everywhere, "1" for true from some SPARQL endpoints)."""
    if value is None or value == "":
        return None
    if datatype == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if datatype == "integer":
        return int(value)
    if datatype == "decimal":
        return float(value)
    if datatype == "boolean":
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
    return str(value)


def node_columns(model: Model) -> dict[str, str]:
    """The nodes table's columns and datatypes: the structure, then every property of
    every node type the graph holds, once (a name two types declare with two datatypes
    is text), then their links (IRIs: a sanction's authority, target and evidence)."""
    columns = {"id": "string", "type": "string", "label": "string"}
    kinds = [model.node_types[k] for k in model.network_types()]
    for nt in kinds:
        for name, prop in nt.properties.items():
            known = columns.get(name)
            columns[name] = prop.datatype if known in (None, prop.datatype) else "string"
    for nt in kinds:
        columns.update({name: "string" for name in nt.links if name not in columns})
    return columns


def edge_columns(model: Model) -> dict[str, str]:
    """One statement a row: its IRI, its ends, its relation type, its fact and every
    edge property of the model."""
    structure = {"id": "string", "source": "string", "target": "string", "relation": "string", "fact": "string"}
    return structure | {name: prop.datatype for name, prop in model.edge_properties.items()}


def fact_columns(model: Model) -> dict[str, str]:
    """One fact a row: every fact property of the model, as graph/facts.py sums them up."""
    missing = set(model.fact_properties) - {f for f in Summary.__dataclass_fields__}
    if missing:  # a property added to the model needs its computation in graph/facts.py too
        raise ValueError(f"graph/facts.py does not compute the fact properties {sorted(missing)}")
    structure = {"id": "string", "relation": "string", "source": "string", "target": "string"}
    return structure | {name: prop.datatype for name, prop in model.fact_properties.items()}


def article_columns(model: Model) -> dict[str, str]:
    """One article a row: its IRI (what the edges' `article` holds) and its properties."""
    props = model.node_types[model.context_type].properties
    return {"id": "string"} | {name: p.datatype for name, p in props.items() if name != "id"}


def _table(rows: list[dict], columns: dict[str, str]) -> pa.Table:
    schema = pa.schema([(name, ARROW_TYPES[datatype]) for name, datatype in columns.items()])
    data = {name: [_typed(r.get(name), datatype) for r in rows] for name, datatype in columns.items()}
    return pa.table(data, schema=schema)


def _edge_rows(G: nx.MultiDiGraph) -> list[dict]:
    rows = [{**d, "id": key, "source": u, "target": v, "relation": d["type"], "fact": fact_iri(d["type"], u, v)}
            for u, v, key, d in G.edges(keys=True, data=True)]
    return sorted(rows, key=lambda r: (r["relation"], r["source"], r["target"], r["id"]))


def _fact_rows(edges: list[dict]) -> list[dict]:
    """The statements summarised by fact (graph/facts.py), in the edges' order
    (relation, source, target)."""
    found = graph_summaries((e["relation"], e["source"], e["target"], e["id"], e) for e in edges)
    return [{"id": fact_iri(relation, source, target), "relation": relation, "source": source, "target": target,
             **{name: getattr(summary, name) for name in load_model().fact_properties}}
            for (relation, source, target), summary in found.items()]


def tables(G: nx.MultiDiGraph, model: Model | None = None) -> dict[str, pa.Table]:
    """The graph's four tables, rows in a stable order (the same on every store)."""
    model = model or load_model()
    nodes = sorted(({**d, "id": n, "label": model.caption(d["type"], d)} for n, d in G.nodes(data=True)),
                   key=lambda r: (r["type"], r["id"]))
    edges = _edge_rows(G)
    articles = [{**fields, "id": iri} for iri, fields in sorted(G.graph.get("articles", {}).items())]
    return {"nodes": _table(nodes, node_columns(model)), "edges": _table(edges, edge_columns(model)),
            "facts": _table(_fact_rows(edges), fact_columns(model)),
            "articles": _table(articles, article_columns(model))}


def table_paths(fmt: str, out: Path | None) -> dict[str, Path]:
    """Where each table goes: a folder (`out` an existing folder or a name without a
    suffix, else ./skg-tables) holds nodes.csv, edges.csv, ...; a file name with the
    format's suffix (g.csv) gives one file each beside it (g.nodes.csv, g.edges.csv, ...)."""
    if out is None or out.is_dir() or not out.suffix:
        folder = out or DEFAULT_FOLDER
        return {name: folder / f"{name}.{fmt}" for name in TABLES}
    if out.suffix.lower() != f".{fmt}":
        raise SkgError(Errors.E091.format(path=out, fmt=fmt, reason=f"a {fmt} export writes files ending in .{fmt}"))
    return {name: out.with_name(f"{out.stem}.{name}.{fmt}") for name in TABLES}


def write_table(table: pa.Table, fmt: str, path: Path) -> None:
    """One table in `fmt`, written beside its place and moved there when whole, so an
    export that fails halfway leaves no truncated table behind."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    part = path.with_name(path.name + ".part")
    if fmt == "parquet":
        pq.write_table(table, part)
    else:
        pacsv.write_csv(table, part)
    part.replace(path)


def export_tables(G: nx.MultiDiGraph, fmt: str, out: Path | None) -> dict[str, tuple[Path, int]]:
    """Write the graph's tables in `fmt` (csv or parquet) where `table_paths` says; returns
    each table's path and row count."""
    paths = table_paths(fmt, out)
    made = tables(G)
    written = {}
    for name, path in paths.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_table(made[name], fmt, path)
        except OSError as err:
            raise SkgError(Errors.E092.format(path=path, reason=err.strerror or err)) from err
        written[name] = (path, made[name].num_rows)
    return written
