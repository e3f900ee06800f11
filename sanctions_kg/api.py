"""sanctions-kg from Python: open a store, ask it, get pandas DataFrames; extract texts.

    import sanctions_kg as skg

    g = skg.open_graph("skg-data")            # a folder, or "bolt://host:7687", or "http://host:8890/sparql"
    g.ask("sanctions-on", iso3="PRK")         # a named question (skg query --list) -> DataFrame
    g.query("SELECT ?s WHERE { ?s a skg:State }")   # SPARQL, or Cypher on Neo4j -> DataFrame
    g.find("DPRK")                            # any node by name, alias, key or IRI
    g.tables()["edges"]                       # nodes, edges (statements), facts, articles
    rows = skg.extract("Russia vetoed the draft on Syria.", date="2024-03-01")

Why a module of its own: the CLI prints and exits, the library modules (graph/,
loaders/) hand back lists of dicts, Oxigraph solutions or Neo4j records depending on the
store. A user of pandas or a notebook wants one object per store and one kind of answer
whatever the store, so this module is the thin layer that gives that, calling the same
library functions as the CLI (the catalogue, the ingest loop, the exports), so the API
and `skg` cannot answer differently.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .errors import Errors, SkgError
from .graph import analytics, catalogue
from .graph.query_guard import QUERY_TIMEOUT
from .graph.stores import BOLT_SCHEMES, Store, StoreSpec, open_store
from .loaders.article import Article, LoadFailure

__all__ = ["Graph", "open_graph", "extract", "relations", "sample_articles", "SkgError"]


def _spec(where: str | os.PathLike, user: str | None, password: str | None, update_endpoint: str | None,
          wait: float) -> StoreSpec:
    """The store a user's string means: a Bolt URI is Neo4j, an HTTP URL a SPARQL
    endpoint, anything else a folder of the embedded store. An address with another
    scheme (ftp://, a typo) is refused rather than taken for a folder name."""
    text = os.fspath(where)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in BOLT_SCHEMES:
        return StoreSpec(neo4j=text, neo4j_user=user, neo4j_password=password)
    if scheme in ("http", "https"):
        return StoreSpec(endpoint=text, update_endpoint=update_endpoint,
                         sparql_user=user or os.environ.get("SKG_SPARQL_USER"),
                         sparql_password=password or os.environ.get("SKG_SPARQL_PASSWORD"))
    if scheme:
        raise SkgError(Errors.E093.format(where=text, schemes=", ".join(BOLT_SCHEMES + ("http", "https"))))
    return StoreSpec(path=Path(text), wait=wait)


def open_graph(where: str | os.PathLike = "skg-data", *, write: bool = False, user: str | None = None,
               password: str | None = None, update_endpoint: str | None = None, wait: float = 5.0) -> Graph:
    """Open a stored graph: a folder of the embedded store, a Neo4j Bolt URI or a SPARQL
    endpoint URL. Read-only unless `write` (needed to ingest; an embedded folder that
    does not exist yet is then created). Credentials: `user`/`password`, else the
    environment variables the CLI reads (NEO4J_USER, NEO4J_PASSWORD, SKG_SPARQL_USER,
    SKG_SPARQL_PASSWORD)."""
    return Graph(open_store(_spec(where, user, password, update_endpoint, wait), read_only=not write))


def frame(result: Any) -> pd.DataFrame | bool | bytes | None:
    """A store's answer as Python: rows as a DataFrame (whatever the store: Oxigraph
    solutions, SPARQL JSON bindings, Neo4j records), ASK as a bool, CONSTRUCT/DESCRIBE
    as N-Triples bytes, an update as None."""
    from .graph.store import Answer

    answer = Answer.of(result)
    if answer.kind == "rows":
        return pd.DataFrame(answer.rows, columns=answer.names)
    if answer.kind == "boolean":
        return answer.boolean
    return answer.ntriples if answer.kind == "triples" else None


class Graph:
    """One stored graph, asked from Python. Answers are DataFrames; the networkx graph is
    read once and kept until this object writes."""

    def __init__(self, store: Store):
        self.store = store
        self._graph: nx.MultiDiGraph | None = None

    def __repr__(self) -> str:
        return f"<sanctions_kg.Graph {self.store.where} ({self.store.language})>"

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def language(self) -> str:
        """The query language the store answers: "sparql" or "cypher"."""
        return self.store.language

    def close(self) -> None:
        """Let go of the store (the embedded store's lock, a driver's connections)."""
        self.store.close()

    # ---- questions -----------------------------------------------------------------
    def ask(self, name: str, /, timeout: float | None = QUERY_TIMEOUT, **params: object) -> pd.DataFrame:
        """A named question of the catalogue (`questions()`), in the store's language;
        parameters as keywords (`iso3="PRK"`), an optional one left out meaning every
        value. Stopped after `timeout` seconds (E043)."""
        given = {k: "" if v is None else str(v) for k, v in params.items()}
        return frame(catalogue.ask(self.store, name, given, timeout=timeout))

    def query(self, text: str, params: dict | None = None, *, write: bool = False,
              timeout: float | None = QUERY_TIMEOUT) -> pd.DataFrame | bool | bytes | None:
        """A query in the store's language (SPARQL, or Cypher on Neo4j, with `params`);
        updates and what acts outside the answer only with `write`, as `skg query`."""
        return frame(self.store.query(text, params, write=write, timeout=timeout))

    def find(self, name: str, timeout: float | None = QUERY_TIMEOUT) -> pd.DataFrame:
        """Any node by name, state alias, key or IRI, as `skg find`: type, name, key, IRI
        and the number of statements naming it."""
        from .graph.find import find

        return frame(find(self.store, name, timeout=timeout))

    @staticmethod
    def questions() -> pd.DataFrame:
        """The named questions: name, description, parameters (required ones first) and
        an example of each."""
        rows = [{"name": q.name, "description": q.description,
                 "required": ", ".join(p.name for p in q.params.values() if p.required),
                 "optional": ", ".join(p.name for p in q.params.values() if not p.required),
                 "example": ", ".join(f"{p.name}={p.example}" for p in q.params.values())}
                for q in catalogue.queries().values()]
        return pd.DataFrame(rows)

    # ---- the whole graph -------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Nodes by type, relations (facts) by type and the number of articles, as
        `skg stats --json` prints them."""
        counted = self.store.counts()
        counted["articles"] = self.store.article_count()
        return counted

    def networkx(self) -> nx.MultiDiGraph:
        """The graph as networkx (graph/network.py's layout: one edge per statement)."""
        if self._graph is None:
            self._graph = self.store.graph()
        return self._graph

    def tables(self) -> dict[str, pd.DataFrame]:
        """nodes, edges (statements), facts and articles as DataFrames: the tables
        `skg export --format parquet` writes, typed as the model says."""
        from .graph.tables import tables

        return {name: t.to_pandas() for name, t in tables(self.networkx()).items()}

    # ---- analysis ----------------------------------------------------------------------
    def state(self, given: str) -> str:
        """The IRI of a stored state given by name, alias or code ("Iran", "DPRK", "prk"):
        E094 with the names meant for a name that is no state, E021 if the graph lacks it."""
        from .graph.states import iso3_of

        iso3 = iso3_of(given)
        node = analytics.find_state(self.networkx(), iso3)
        if node is None:
            raise SkgError(Errors.E021.format(iso3=iso3))
        return node

    def ego(self, state: str, radius: int = 1) -> nx.MultiDiGraph:
        """A state's ego network: everything `radius` relations away and the relations among them."""
        return analytics.ego(self.networkx(), self.state(state), radius)

    def centrality(self, *relation_types: str) -> pd.DataFrame:
        """PageRank, degrees and betweenness of states over these relation types (all
        when none given), officials counting for their state."""
        return pd.DataFrame(analytics.centrality(self.networkx(), set(relation_types) or None))

    def timeline(self) -> pd.DataFrame:
        """Every dated statement: its date (reference date, else the article's), type and ends."""
        return pd.DataFrame(analytics.timeline(self.networkx()))

    def relation_matrix(self, *relation_types: str) -> pd.DataFrame:
        """Statements from each state (rows) to each other (columns)."""
        names, rows = analytics.relation_matrix(self.networkx(), set(relation_types) or None)
        return pd.DataFrame(rows, index=names, columns=names)

    def html(self, title: str = "sanctions-kg", graph: nx.MultiDiGraph | None = None, height: int = 600) -> str:
        """The interactive page `skg viz` writes (self-contained, offline), of the whole
        graph or of `graph` (an ego network)."""
        from .graph import viz

        return viz.render(self.networkx() if graph is None else graph, title, height=height)

    # ---- writing -----------------------------------------------------------------------
    def ingest(self, *paths: str | os.PathLike, date: str | Date | None = None):
        """Extract and store articles from files, folders and globs, as `skg ingest`
        (stored texts skipped, edited ones replaced); returns the ingest report.
        Unreadable inputs are warned about and skipped. Needs `open_graph(..., write=True)`."""
        from .pipeline import ingest
        from .loaders.readers import read_paths

        self._graph = None
        items = read_paths([os.fspath(p) for p in paths], default_date=_date(date))
        return ingest(self.store, _warned(items), _extractor(), on_failure=_warn)

    def load(self, rows: Iterable[dict]):
        """Store extraction rows (what `extract` returns) without parsing again."""
        from .pipeline import load

        self._graph = None
        return load(self.store, list(rows), on_failure=_warn)


# ---- extraction ------------------------------------------------------------------------
def sample_articles() -> Path:
    """The folder of the twelve bundled sample articles (our own writing), wherever the
    package is installed: `open_graph(folder, write=True).ingest(sample_articles())`."""
    from . import samples

    return samples.articles()


@lru_cache(maxsize=1)
def _extractor():
    """The English pipeline, loaded once per process (a few seconds)."""
    from .loaders.extract.pipeline import Extractor

    return Extractor()


def _date(value: str | Date | None) -> Date | None:
    return Date.fromisoformat(value) if isinstance(value, str) else value


def _warn(failure: LoadFailure) -> None:
    warnings.warn(failure.message, stacklevel=3)


def _warned(items: Iterable[Article | LoadFailure]) -> Iterable[Article | LoadFailure]:
    """The reader's items, each article's warnings (undated, not English, ...) raised as
    Python warnings, as the CLI prints them."""
    for item in items:
        if isinstance(item, Article):
            for message in item.meta.get("warnings", []):
                warnings.warn(message, stacklevel=3)
        yield item


def _articles(source: str | os.PathLike, date: Date | None, name: str) -> list[Article]:
    """A text (a str) as one article, or the articles of a file, folder or glob (a
    Path). A path that gives none is an error: its first failure."""
    if isinstance(source, str):
        from .loaders.readers import text_header

        title, published = text_header(source)
        return [Article(text=source, source=name, title=title, published=date or published)]
    from .loaders.readers import read_paths

    found, failures = [], []
    for item in _warned(read_paths([os.fspath(source)], default_date=date)):
        (failures if isinstance(item, LoadFailure) else found).append(item)
    if not found and failures:
        raise SkgError(failures[0].message)
    for failure in failures:
        _warn(failure)
    return found


def extract(source: str | os.PathLike, *, date: str | Date | None = None, name: str = "text") -> list[dict]:
    """Extract without storing: a text (a `str`; `name` is its source) or the files of a
    path (a `pathlib.Path`: a file, folder or glob) to extraction rows, one per article,
    exactly what `skg extract --format jsonl` prints (`Graph.load` stores them).
    `date` dates an article that gives none, so that "on Friday" resolves."""
    articles = _articles(source, _date(date), name)
    return [ex.to_json() for ex in _extractor().extract_many(articles)]


def relations(rows: Iterable[dict]) -> pd.DataFrame:
    """The relations of extraction rows as one table: the article, the two ends by
    name, every field the extractor gave (type, trigger, modality, position, ...) and
    the evidence sentence with its offsets."""
    out = []
    for row in rows:
        names = {e["id"]: e.get("name") for e in row["entities"]}
        for rel in row["relations"]:
            evidence = rel.get("evidence", {})
            fields = {k: v for k, v in rel.items() if k not in ("source", "target", "evidence")}
            out.append({"article": row["article"]["id"], "source": names.get(rel["source"]),
                        "target": names.get(rel["target"]), **fields, "sentence": evidence.get("sentence"),
                        "start": evidence.get("start"), "end": evidence.get("end")})
    return pd.DataFrame(out)
