"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB, ...): the same quads as the
embedded store, one named graph per article, written with SPARQL 1.1 Update.

Writing an article is one update request (drop its graph, insert its data), noted in
a journal first: an endpoint may commit a request's operations one by one (Virtuoso
does), so a write that dies half way is undone (`repair`) before the next write and
the re-run reaches the state of a clean run (graph/updates.py). Transient failures
(connection refused while the server restarts, 5xx answers) are retried with
exponential backoff; wrong credentials and bad queries fail at once with a clear
message.
"""
from __future__ import annotations

import json
import time

import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from ..errors import Errors, SkgError
from ..schema import load_model
from .facts import SparqlFacts
from .identity import article_iri, facts_graph_iri, nodes_graph_iri
from . import records
from .records import ArticleRecords
from .query_guard import QUERY_TIMEOUT, check_sparql
from .store import prefixes, query_form
from .updates import (article_for_source, forget_update, journal_iri, journal_note, journal_update, origins,
                      relocate_update, repair_update, replace_update, touched_facts, unjournal_update)

XSD = "http://www.w3.org/2001/XMLSchema#"


def _value(binding: dict | None) -> object:
    if binding is None:
        return None
    value = binding["value"]
    if binding.get("type") == "triple" and isinstance(value, dict):  # SPARQL-star results: a triple term
        return _triple_text(value)
    dt = binding.get("datatype", "")
    if dt == XSD + "integer" or dt.endswith("#int") or dt.endswith("#long"):
        return int(value)
    if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
        return float(value)
    if dt == XSD + "boolean":
        return value in ("true", "1")
    return value


def _triple_text(parts: dict) -> str:
    """A triple term of SPARQL-star JSON results as Turtle-star text (as the embedded
    store prints one, graph/store.py `turtle_star`)."""
    def term(b: dict) -> str:
        if b.get("type") == "triple":
            return _triple_text(b["value"])
        if b.get("type") == "uri":
            return f"<{b['value']}>"
        if b.get("type") == "bnode":
            return f"_:{b['value']}"
        text = json.dumps(b.get("value", ""), ensure_ascii=False)
        lang, dt = b.get("xml:lang"), b.get("datatype")
        return text + (f"@{lang}" if lang else f"^^<{dt}>" if dt else "")
    return f"<< {term(parts['subject'])} {term(parts['predicate'])} {term(parts['object'])} >>"


ESTIMATE_REFUSED = "estimated execution time"  # Virtuoso's refusal of a query over its time limit


class SparqlEndpointStore:
    """A SPARQL 1.1 endpoint for queries and one for updates (Virtuoso: /sparql and the
    authenticated /sparql-auth, digest auth)."""

    language = "sparql"
    rdf_formats = ("ntriples",)  # the one form an endpoint gives every triple back in

    def __init__(self, endpoint: str, update_endpoint: str | None = None, user: str | None = None,
                 password: str | None = None, auth: str = "digest", timeout: float = 30, retries: int = 4):
        self.endpoint = self.where = endpoint
        self.update_endpoint = update_endpoint or (endpoint.rstrip("/") + "-auth" if endpoint.rstrip("/").endswith("/sparql") else endpoint)
        self.auth = None
        if user:
            self.auth = HTTPDigestAuth(user, password or "") if auth == "digest" else HTTPBasicAuth(user, password or "")
        self.timeout = timeout
        self.retries = retries
        self.session = requests.Session()

    # ---- transport -----------------------------------------------------------------------
    def _post(self, url: str, data: dict, accept: str, auth) -> requests.Response:
        delay = 0.5
        for attempt in range(self.retries + 1):
            try:
                r = self.session.post(url, data=data, headers={"Accept": accept}, auth=auth, timeout=self.timeout)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as err:
                # a server killed while it sends its answer cuts the body short: unreachable too
                if attempt == self.retries:
                    raise SkgError(Errors.E018.format(what="the SPARQL endpoint", where=url, reason=err)) from err
            except requests.Timeout as err:
                if attempt == self.retries:
                    raise SkgError(Errors.E018.format(what="the SPARQL endpoint", where=url, reason="timed out")) from err
            else:
                if r.status_code in (401, 403):
                    raise SkgError(Errors.E019.format(what="the SPARQL endpoint", reason=f"HTTP {r.status_code}: check the user and password"))
                if r.status_code >= 500 and attempt < self.retries and "syntax" not in r.text.lower():
                    pass  # transient: retry
                elif r.status_code >= 400:
                    raise SkgError(Errors.E019.format(what="the SPARQL endpoint", reason=f"HTTP {r.status_code}: {r.text[:500]}"))
                else:
                    return r
            time.sleep(delay)
            delay *= 2
        raise SkgError(Errors.E018.format(what="the SPARQL endpoint", where=url, reason="no answer"))

    def update(self, text: str) -> None:
        self._post(self.update_endpoint, {"update": text}, "*/*", self.auth)

    # ---- writing -------------------------------------------------------------------------
    def write(self, row: dict | ArticleRecords, replaces: str | None = None) -> int:
        """Replace the article (and the one it `replaces`) in one update request, noted
        in the journal first (graph/updates.py): the endpoint may commit the request's
        operations one by one, and a write that dies half way is undone by `repair`."""
        rec = records.of(row)
        facts = SparqlFacts(self.select, self._bindings)
        gone = [rec.id] + ([replaces] if replaces and replaces != rec.id else [])
        self.update(journal_update(journal_note(rec.id, gone, touched_facts(rec, gone, facts))))
        update, count = replace_update(rec, facts, replaces)
        self.update(update + " ;\n" + unjournal_update(rec.id))
        return count

    def write_many(self, rows: list[dict | ArticleRecords], replaces: dict[str, str] | None = None) -> int:
        """One request an article: each is whole or absent whatever happens to the next
        (after a write that died is repaired)."""
        self.repair()
        return sum(self.write(rec, (replaces or {}).get(rec.id)) for rec in map(records.of, rows))

    def _bindings(self, sparql: str) -> list[dict[str, dict]]:
        """A SELECT's result bindings as the endpoint gave them (terms, not values): what
        a write compares with what it writes, to delete only what changes."""
        text = sparql if "PREFIX skg:" in sparql else prefixes() + sparql
        body = self._post(self.endpoint, {"query": text}, "application/sparql-results+json", None).json()
        return body["results"]["bindings"]

    def repair(self) -> None:
        """Undo the writes the journal names as unfinished (a crash of this process or of
        the server mid-write), so re-running them reaches exactly a clean run's state."""
        update = repair_update(SparqlFacts(self.select, self._bindings))
        if update:
            self.update(update)

    def article_for_source(self, source: str) -> str | None:
        return article_for_source(self, source)

    def origins(self) -> dict[str, str]:
        return origins(self)

    def relocate(self, article_id: str, values: dict[str, str]) -> None:
        self.update(relocate_update(article_id, values))

    def has_article(self, article_id: str, corrections: str | None = None) -> bool:
        """Whether the article is stored (and, given a corrections fingerprint, stored
        under those corrections)."""
        from .catalogue import sparql_literal

        g = f"<{article_iri(article_id)}>"
        pattern = f"{g} <{load_model().vocab}corrections> {sparql_literal(corrections)}" if corrections else "?s ?p ?o"
        unfinished = f"FILTER NOT EXISTS {{ GRAPH <{journal_iri()}> {{ {g} ?jp ?jo }} }}"  # a write that died
        r = self._post(self.endpoint, {"query": f"ASK {{ GRAPH {g} {{ {pattern} }} {unfinished} }}"},
                       "application/sparql-results+json", None)
        return bool(r.json().get("boolean"))

    def forget(self, article_id: str) -> None:
        """Drop the article and its statements from the summaries, journalled as a write."""
        self.repair()
        facts = SparqlFacts(self.select, self._bindings)
        self.update(journal_update(journal_note(article_id, [], touched_facts(None, [article_id], facts))))
        self.update(forget_update([article_id], facts) + " ;\n" + unjournal_update(article_id))

    def flush(self) -> None:
        pass

    # ---- reading -------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, object]]:
        text = sparql if "PREFIX skg:" in sparql else prefixes() + sparql
        return self._rows(self._post(self.endpoint, {"query": text}, "application/sparql-results+json", None).content)

    @staticmethod
    def _rows(answer: bytes) -> list[dict[str, object]]:
        """A SELECT's answer (SPARQL results JSON) as rows of plain Python values."""
        try:
            body = json.loads(answer)
            names = body["head"].get("vars", [])
            return [{n: _value(b.get(n)) for n in names} for b in body["results"]["bindings"]]
        except (ValueError, KeyError, TypeError, AttributeError) as err:  # not SPARQL results (an update's answer)
            shown = answer[:300].decode("utf-8", "replace")
            raise SkgError(Errors.E019.format(what="the SPARQL endpoint",
                                              reason=f"the answer is not SELECT results: {shown}")) from err

    def close(self) -> None:
        self.session.close()

    def counts(self) -> dict[str, dict[str, int]]:
        from .network import counts

        return counts(self.graph())

    def query(self, sparql: str, params: dict | None = None, write: bool = False, allow_service: bool = False,
              timeout: float | None = QUERY_TIMEOUT):
        """Rows of a SELECT, a bool for ASK, N-Triples bytes for CONSTRUCT and DESCRIBE,
        None after an update (only with `write`). What would act outside the answer is
        refused before anything is sent (graph/query_guard.py); a read is given up after
        `timeout` seconds (E043; 0 or None: no limit)."""
        text = sparql if "PREFIX skg:" in sparql else prefixes() + sparql
        check_sparql(text, write=write, allow_service=allow_service)
        form = query_form(text, allow_service)
        if form == "update":
            if not write:
                raise SkgError(Errors.E013)
            self.update(text)
            return None
        if form in ("construct", "describe"):
            return self._read(text, "application/n-triples", timeout)
        if form == "ask":
            return bool(json.loads(self._read(text, "application/sparql-results+json", timeout)).get("boolean"))
        return self._rows(self._read(text, "application/sparql-results+json", timeout))

    def _read(self, text: str, accept: str, timeout: float | None) -> bytes:
        """The body of a read, within `timeout` seconds from sending to the last byte.
        The server is told the limit too (`timeout`, in milliseconds, as Virtuoso reads
        it): Virtuoso then stops the query itself, answering what it found so far with
        `X-SQL-State: S1TAT`, which is a timeout here, not an answer. No retry: a query
        that ran out of time would only run out again."""
        limit = float(timeout or 0)
        form = {"query": text, **({"timeout": str(int(limit * 1000))} if limit else {})}
        deadline = time.monotonic() + limit if limit else None
        try:
            with self.session.post(self.endpoint, data=form, headers={"Accept": accept}, stream=True,
                                   timeout=(min(limit, 10) if limit else 10, limit + 2 if limit else None)) as r:
                if r.status_code >= 400 and ESTIMATE_REFUSED in r.text:
                    # Virtuoso refuses up front a query its estimate says would run past its
                    # own limit: the same stop, told before the run (the store's data size
                    # decides which of the two a cartesian query meets)
                    raise self._timed_out(limit)
                if r.status_code >= 400:
                    raise SkgError(Errors.E019.format(what="the SPARQL endpoint",
                                                      reason=f"HTTP {r.status_code}: {r.text[:500]}"))
                body = b"".join(self._chunks(r, deadline, limit))
                if "S1TAT" in r.headers.get("X-SQL-State", ""):
                    raise self._timed_out(limit)
                return body
        except requests.Timeout as err:
            raise self._timed_out(limit) from err
        except requests.ConnectionError as err:
            raise SkgError(Errors.E018.format(what="the SPARQL endpoint", where=self.endpoint, reason=err)) from err

    def _chunks(self, r: requests.Response, deadline: float | None, limit: float):
        """The body as it comes, cut off at the deadline (a read timeout alone bounds
        each wait, not a slow answer's whole)."""
        for chunk in r.iter_content(1 << 16):
            if deadline is not None and time.monotonic() > deadline:
                raise self._timed_out(limit)
            yield chunk

    def _timed_out(self, limit: float) -> SkgError:
        return SkgError(Errors.E043.format(seconds=limit, store=f"the SPARQL endpoint {self.endpoint}"))

    def graph(self):
        """The stored graph as networkx (graph/network.py)."""
        from .network import from_store

        return from_store(self)

    def dump(self, fmt: str) -> bytes:
        """The union of the article, node and fact graphs as N-Triples (the one form a
        SPARQL endpoint gives back for every triple); other RDF formats are written
        from the embedded store. Only the project's graphs (`project_construct`): what
        else the server holds is not ours to export or validate."""
        if fmt != "ntriples":
            raise SkgError(Errors.E030.format(what=f"--format {fmt}", store="a SPARQL endpoint",
                                              hint="use --format ntriples, graphml or jsonl"))
        # a whole export of the project's graphs, without where this machine read each file
        # from (skg:readFrom, kept for --sync)
        return self.query(project_construct(exclude_read_from=True), timeout=None)

    def article_count(self) -> int:
        rows = self.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a skg:Article }")
        return int(rows[0]["n"]) if rows else 0


def project_construct(exclude_read_from: bool = False) -> str:
    """The CONSTRUCT of every triple in the project's own graphs: the article graphs,
    the node graph and the fact graph. Why not every graph: a server keeps its own
    system graphs in the same quad store (Virtuoso: 2,656 triples of its own, so 5,540
    exported for the sample articles where the embedded store holds 2,884), and the
    write journal is bookkeeping the embedded store has no counterpart of."""
    read_from = " FILTER(?p != skg:readFrom)" if exclude_read_from else ""
    return ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), \"{article_iri('')}\") || ?g IN (<{nodes_graph_iri()}>, <{facts_graph_iri()}>))"
            f"{read_from} }}")
