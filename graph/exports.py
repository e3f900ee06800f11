"""Exports of the stored graph and its SHACL validation."""
from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import networkx as nx

from ..errors import Errors, SkgError

RDF_FORMATS = ("turtle", "trig", "nquads", "ntriples", "rdfxml")
TABLE_FORMATS = ("csv", "parquet")  # several tables (graph/tables.py), so files or a folder, never standard output
FORMATS = RDF_FORMATS + ("jsonld", "graphml", "jsonl") + TABLE_FORMATS
# the names rdflib, rapper and Jena users type, and the file suffixes that imply them
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads",
           "json-ld": "jsonld", "xml": "rdfxml", "rdf/xml": "rdfxml", "pretty-xml": "rdfxml", "rdf": "rdfxml",
           "owl": "rdfxml", "ndjson": "jsonl", "pq": "parquet"}


def format_name(name: str) -> str:
    """The export format a user's word (or a file suffix without its dot) means."""
    word = name.strip().lower().lstrip(".")
    found = ALIASES.get(word, word)
    if found not in FORMATS:
        raise SkgError(Errors.E014.format(fmt=name, choices=", ".join(FORMATS + tuple(ALIASES))))
    return found


def format_for(path) -> str | None:
    """The format a file name's suffix implies (graph.ttl: turtle), if any."""
    suffix = Path(path).suffix
    try:
        return format_name(suffix) if suffix else None
    except SkgError:
        return None


def chosen_format(fmt: str | None, out: Path | None) -> str:
    """The format of an export, from --format or else the --out name: a known suffix
    (graph.ttl, g.parquet), a folder (csv tables), no name or no suffix (Turtle). An
    unknown suffix is refused (E090) rather than written as Turtle under a name that
    says otherwise (g.xlsx), and so is an --out that contradicts --format (E091)."""
    if fmt:
        chosen = format_name(fmt)
    elif out is None:
        return "turtle"
    elif out.is_dir():
        return "csv"
    elif not out.suffix:
        return "turtle"
    else:
        chosen = format_for(out)
        if chosen is None:
            raise SkgError(Errors.E090.format(path=out, suffix=out.suffix, choices=", ".join(FORMATS)))
    _check_out(chosen, out)
    return chosen


def _check_out(chosen: str, out: Path | None) -> None:
    """Refuse an --out that another format's export would need: a folder for one file,
    a table suffix for a graph format or the other way round (g.csv --format parquet)."""
    if out is None:
        return
    if out.is_dir() and chosen not in TABLE_FORMATS:
        raise SkgError(Errors.E091.format(path=out, fmt=chosen, reason="it is a folder, and this format is one "
                                          "file; folders take --format csv or parquet"))
    implied = format_for(out) if out.suffix and not out.is_dir() else None
    if implied and implied != chosen and {implied, chosen} & set(TABLE_FORMATS):
        raise SkgError(Errors.E091.format(path=out, fmt=chosen, reason=f"the name ends in {out.suffix}, "
                                          f"which is {implied}"))


def export(store, fmt: str) -> bytes:
    """The stored graph in `fmt`: RDF formats from the RDF stores (what each can give),
    GraphML and JSON Lines from any store through its networkx graph."""
    if fmt in RDF_FORMATS + ("jsonld",):
        return store.dump(fmt)  # a store that cannot give it says so (E030)
    if fmt == "graphml":
        G = store.graph()
        G.graph.pop("articles", None)  # GraphML keeps scalar attributes only; articles are the edges' `article`
        buf = io.BytesIO()
        nx.write_graphml(G, buf)
        return buf.getvalue()
    if fmt == "jsonl":
        G = store.graph()
        lines = [json.dumps({"node": n, **d}, ensure_ascii=False) for n, d in G.nodes(data=True)]
        lines += [json.dumps({"edge": k, "source": u, "target": v, **d}, ensure_ascii=False)
                  for u, v, k, d in G.edges(keys=True, data=True)]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise SkgError(Errors.E014.format(fmt=fmt, choices=", ".join(FORMATS)))


def shapes_graph():
    from rdflib import Graph

    g = Graph()
    g.parse(data=resources.files("sanctions_kg.schema.generated").joinpath("shapes.ttl").read_text("utf-8"),
            format="turtle")
    return g


def validate_store(store) -> tuple[bool, str]:
    """pyshacl over the union of the article graphs, with the vocabulary's subclass axioms
    (an RDF store: the embedded one or a SPARQL endpoint)."""
    if "ntriples" not in store.rdf_formats:
        raise SkgError(Errors.E030.format(what="skg validate", store="Neo4j",
                                          hint="the SHACL shapes check RDF; the Neo4j constraints "
                                               "(schema/generated/neo4j.cypher) are enforced on every write"))
    from pyshacl import validate
    from rdflib import Graph

    data = Graph()
    data.parse(data=store.dump("ntriples").decode("utf-8"), format="nt")
    conforms, _, text = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return bool(conforms), text
