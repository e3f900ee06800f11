"""The one contract every store keeps, and the one place that opens a store.

Three adapters keep it: the embedded Oxigraph store (`store.EmbeddedStore`, the
default, no server), Neo4j (`neo4j_store.Neo4jStore`) and a remote SPARQL 1.1 store
(`remote.SparqlEndpointStore`). Callers (the ingest loop, the CLI, the notebook, the
benchmarks, the tests) use only what `Store` declares, so nothing probes a store for
the methods it happens to have. Where a store cannot give something (Turtle from Neo4j),
it says so with E030 through `rdf_formats`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import networkx as nx

from ..errors import Errors, SkgError
from .query_guard import QUERY_TIMEOUT
from .records import ArticleRecords


@runtime_checkable
class Store(Protocol):
    """What every store does."""

    where: str                    # for messages: the folder, Bolt URI or endpoint URL
    language: str                 # the query language it answers: "sparql" or "cypher"
    rdf_formats: tuple[str, ...]  # the RDF serialisations `dump` gives (none for Neo4j)

    def has_article(self, article_id: str, corrections: str | None = None) -> bool:
        """Whether the article is stored (under these corrections, when given)."""

    def article_for_source(self, source: str) -> str | None:
        """The id of the stored article read from `source`, if any."""

    def origins(self) -> dict[str, str]:
        """Every stored article's id and the file it was read from (for --sync)."""

    def relocate(self, article_id: str, values: dict[str, str]) -> None:
        """Give a stored article new values of its own properties (a renamed file's
        source and read_from), nothing else changed."""

    def write(self, row: dict | ArticleRecords, replaces: str | None = None) -> int:
        """Write one article, replacing what it (and the article it `replaces`) held,
        atomically; returns what was written (quads, or nodes and relationships)."""

    def write_many(self, rows: list[dict | ArticleRecords], replaces: dict[str, str] | None = None) -> int:
        """Write a batch: `replaces` maps an article id to the one it replaces. Each
        article is whole or absent; the store decides how many per transaction."""

    def forget(self, article_id: str) -> None:
        """Remove an article, its statements, its share of the fact summaries and the
        nodes no other article names."""

    def query(self, text: str, params: dict | None = None, write: bool = False,
              timeout: float | None = QUERY_TIMEOUT) -> Any:
        """A query in the store's `language`; updates, and whatever acts outside the
        answer (graph/query_guard.py), only with `write`; stopped after `timeout`
        seconds (E043; 0 or None: no limit)."""

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes by type and distinct (type, source, target) relations."""

    def graph(self) -> nx.MultiDiGraph:
        """The stored graph as networkx (graph/network.py's layout)."""

    def dump(self, fmt: str) -> bytes:
        """The stored graph in one of `rdf_formats`."""

    def article_count(self) -> int:
        """How many articles are stored."""

    def flush(self) -> None:
        """Make what was written durable."""

    def close(self) -> None:
        """Release the store (its lock, its connections)."""


@dataclass(frozen=True)
class StoreSpec:
    """Which store to open, as the user gave it (CLI options, the notebook's settings)."""
    path: Path = Path("skg-data")
    neo4j: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    sparql_user: str | None = None
    sparql_password: str | None = None
    wait: float = 5

    @property
    def where(self) -> str:
        return self.neo4j or self.endpoint or str(self.path)


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _checked_url(url: str, schemes: tuple[str, ...], error: str, key: str) -> None:
    """Refuse a store address the driver or HTTP client would fail on with a traceback
    (no scheme, another scheme, no host, a bad port or bracket): the coded `error`."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a port that is not a number
    except ValueError as err:
        raise SkgError(getattr(Errors, error).format(**{key: url, "reason": err})) from err
    if parts.scheme.lower() not in schemes:
        reason = f"the scheme is {parts.scheme + '://' if parts.scheme else 'missing'}; it takes {', '.join(schemes)}"
        raise SkgError(getattr(Errors, error).format(**{key: url, "reason": reason}))
    if not parts.hostname:
        raise SkgError(getattr(Errors, error).format(**{key: url, "reason": "no host"}))


def open_store(spec: StoreSpec, read_only: bool = False) -> Store:
    """The embedded store, or Neo4j, or a remote SPARQL store, as `spec` says."""
    if spec.neo4j and spec.endpoint:
        raise SkgError(Errors.E036)
    if spec.neo4j:
        _checked_url(spec.neo4j, BOLT_SCHEMES, "E062", "uri")
    for url in filter(None, (spec.endpoint, spec.update_endpoint)):
        _checked_url(url, ("http", "https"), "E063", "url")
    if spec.neo4j:
        from .neo4j_store import Neo4jStore
        return Neo4jStore(spec.neo4j, spec.neo4j_user, spec.neo4j_password)
    if spec.endpoint:
        from .remote import SparqlEndpointStore
        return SparqlEndpointStore(spec.endpoint, spec.update_endpoint, spec.sparql_user, spec.sparql_password)
    from .store import EmbeddedStore
    if read_only and not spec.path.exists():
        raise SkgError(Errors.E011.format(path=spec.path, reason="no store there; run `skg ingest` first"))
    return EmbeddedStore(spec.path, read_only=read_only, wait=spec.wait)


def write_rows(store: Store, rows: Iterable[dict | ArticleRecords]) -> int:
    """Write articles as they come, one at a time (tests, small scripts); the ingest loop
    (sanctions_kg/pipeline.py) batches and replaces edited texts."""
    return sum(store.write(row) for row in rows)
