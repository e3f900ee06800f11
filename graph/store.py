"""The embedded store: RDF on disk in Oxigraph, one named graph per article.

A new article goes in as quads through Oxigraph's own API, in one transaction
(`Store.extend`): its graph, the descriptions of the nodes it names that change in the
shared node graph, the summaries of the facts it states in the facts graph, and a note
of the stored values these replace. pyoxigraph has no transaction that removes as
well as adds, so the replaced values are removed after, one idempotent removal each,
and a writer that opens the store first finishes what a killed one left
(`_remove_replaced`). A crash therefore leaves each article wholly in or wholly out,
with no SPARQL text built and parsed again on the way. Writing a stored article again,
replacing an earlier text and forgetting drop and rewrite graphs in one SPARQL Update
(graph/updates.py, shared with the remote store), so re-runs are idempotent. Queries
see the union of all graphs as the default graph.
"""
from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..errors import Errors, SkgError
from ..schema import load_model
from . import records
from .facts import OxigraphFacts, Summary, new_summaries, summarise, summary_changes
from .oxigraph_worker import TimedOut, answer, decode, evaluate, transient
from .oxigraph_worker import open_reader as _open_reader
from .query_guard import QUERY_TIMEOUT, check_sparql
from .identity import article_iri, facts_graph_iri, nodes_graph_iri
from .rdf import article_quads, description_quads, fact_quads, node_quads, stale_values, vocab_term
from .records import ArticleRecords, Node
from .updates import article_for_source, forget_update, origins, relocate_update, replace_update

QUERY_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


def query_form(text: str, allow_service: bool = True) -> str:
    """select, ask, construct, describe or update, decided by parsing the text (rdflib's
    SPARQL grammar), not by looking at its first word: a comment, a PREFIX or BASE line
    before an update does not make it a query. Text neither grammar accepts is E012.

    The parse runs in a thread of its own: pyparsing leaves reference cycles through
    its exceptions' tracebacks, and from this thread they would reach the caller's
    frames and keep an open store (and its lock) alive until the next garbage
    collection."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        form, reason, service = pool.submit(_parse_form, text).result()
    if form is None:
        raise SkgError(Errors.E012.format(reason=reason))
    if service and not allow_service:
        raise SkgError(Errors.E038)
    return form


def _parse_form(text: str) -> tuple[str | None, str, bool]:
    """The form, the parser's complaint, and whether a SERVICE clause would send part
    of the query to another endpoint (a request out of this machine)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(text)
        return QUERY_FORMS.get(tree[1].name, "select"), "", _has_service(tree)
    except Exception as as_query:  # pyparsing's ParseException and rdflib's own errors
        reason = str(as_query)[:300]
    try:
        tree = parseUpdate(text)
    except Exception:
        return None, reason, False
    return "update", "", _has_service(tree)


def _has_service(node) -> bool:
    """Whether the parse tree holds a ServiceGraphPattern anywhere."""
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return any(_has_service(v) for v in node)
    return False


def syntax_reason(err: SyntaxError, added: str) -> str:
    """The parser's message with line numbers counted in the user's text, not in the
    prefix lines put before it, and its list of expected characters cut short."""
    shift = added.count("\n")
    reason = re.sub(r"\b(\d+):(\d+)\b", lambda m: f"line {max(1, int(m.group(1)) - shift)}, column {m.group(2)}",
                    str(err), count=1)
    return reason if len(reason) <= 200 else reason[:200] + " ..."


def prefixes() -> str:
    model = load_model()
    return (f"PREFIX skg: <{model.vocab}>\nPREFIX id: <{model.id_base}>\nPREFIX graph: <{model.id_base}graph/>\n"
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
            "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")


def replaced_graph_iri(graph: str) -> str:
    """Where a new article's write notes the values it replaces in `graph` (the node
    or the facts graph) until they are removed: empty, and gone, between writes."""
    return f"{graph}/replaced"


FLUSH_EVERY = 500  # articles
READ_TRIES = 6  # a reader's tries at one read while a writer compacts (0.05 s, doubling, between)
T = TypeVar("T")
# How the stores lay out the graph (one named graph per article, the node and fact
# graphs): raised when a change means a stored graph must be rebuilt.
STORE_FORMAT = 3


class EmbeddedStore:
    """An Oxigraph store in a folder (or in memory when `path` is None): a `Store`
    (graph/stores.py).

    Writes are flushed to disk every FLUSH_EVERY articles: RocksDB keeps a write buffer
    per index, and unflushed they grew the process by ~0.15 MB an article (1.4 GB after
    12,000 articles); flushed, memory stays flat (~130 MB) and writing is faster.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False, wait: float = 0):
        """Open (or create) the store. RocksDB lets one process write a store; a second
        writer retries for up to `wait` seconds, then fails naming the process that holds
        it (E031), before it has read or written anything."""
        self.path = Path(path) if path else None
        self.where = str(self.path) if self.path else "memory"
        self.read_only = read_only
        self._writes = 0
        # What the node graph says of (node, property), as far as this process has seen:
        # the store is locked to one process, so it stays true until forgetting an
        # article deletes descriptions (then it is cleared).
        self._described: dict[tuple[ox.NamedNode, ox.NamedNode], ox.Term | None] = {}
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = _open_reader(self.path)
            else:
                if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / "CURRENT").exists():
                    raise SkgError(Errors.E011.format(path=self.path, reason="the folder holds other files and is "
                                                      "not a store; give a new or empty folder"))
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = _open_writer(self.path, wait)
                self._remove_replaced()  # what a writer killed between its two steps left
        except (OSError, ValueError) as err:
            raise SkgError(Errors.E011.format(path=self.path, reason=err)) from err

    # ---- writing -----------------------------------------------------------------
    def has_article(self, article_id: str, corrections: str | None = None) -> bool:
        """Whether the article is stored (and, given a corrections fingerprint, stored
        under those corrections)."""
        g = ox.NamedNode(article_iri(article_id))
        if corrections is None:
            return self.store.contains_named_graph(g)
        found = next(self.store.quads_for_pattern(g, vocab_term("corrections"), None, g), None)
        return found is not None and found.object.value == corrections

    def write(self, row: dict | ArticleRecords, replaces: str | None = None) -> int:
        """Replace the article's graph with this extraction (and drop the graph of the
        article it `replaces`, an earlier text from the same source), atomically;
        returns the number of quads written.

        The common case is cheap: a new article forgets nothing, and node descriptions
        the node graph already holds are not rewritten (a state named by every article
        is described once), which halves the work per article."""
        rec = records.of(row)
        if replaces in (None, rec.id) and not self.has_article(rec.id):
            count = self._add(rec)
        else:
            # Forgetting may delete descriptions of nodes this article names, so a
            # rewrite describes them all again.
            update, count = replace_update(rec, OxigraphFacts(self.store), replaces, forget=True)
            self.store.update(update)
            self._described.clear()
        self._writes += 1
        if self.path is not None and self._writes % FLUSH_EVERY == 0:
            self.store.flush()
        return count

    def _add(self, rec: ArticleRecords) -> int:
        """A new article as quads, in one `Store.extend` (see the module): what it adds
        to the three graphs, and in the replaced-values graphs the stored values that
        this replaces; those are then removed. Returns the quads of the article and of
        the node descriptions it changes."""
        reader = OxigraphFacts(self.store)
        own = list(article_quads(rec))
        changed = [q for q in node_quads(rec) if self._stored_value(q.subject, q.predicate) != q.object]
        replaced = stale_values({(q.subject.value, q.predicate.value) for q in changed}, changed,
                                reader.stored(nodes_graph_iri(), {q.subject.value for q in changed}))
        facts, stale_facts = summary_changes(reader, new_summaries(reader, rec.statements, []))
        notes = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(replaced_graph_iri(q.graph_name.value)))
                 for q in replaced + stale_facts]
        self.store.extend(own + changed + facts + notes)
        self._described.update(((q.subject, q.predicate), q.object) for q in changed)
        if notes:
            self._remove_replaced()
        return len(own) + len(changed)

    def _remove_replaced(self) -> None:
        """Remove the values the replaced-values graphs name from the graphs they were
        replaced in, then the notes. Each removal is a transaction of its own and doing
        it again does nothing, so a process killed here leaves the rest to the next
        writer, which calls this as it opens the store."""
        for target in (nodes_graph_iri(), facts_graph_iri()):
            note = ox.NamedNode(replaced_graph_iri(target))
            if not self.store.contains_named_graph(note):
                continue
            g = ox.NamedNode(target)
            for q in list(self.store.quads_for_pattern(None, None, None, note)):
                self.store.remove(ox.Quad(q.subject, q.predicate, q.object, g))
                self.store.remove(q)
            self.store.remove_graph(note)

    def write_many(self, rows: list[dict | ArticleRecords], replaces: dict[str, str] | None = None) -> int:
        """Write articles one transaction each (Oxigraph has one writer; a batch buys nothing)."""
        return sum(self.write(rec, (replaces or {}).get(rec.id)) for rec in map(records.of, rows))

    def article_for_source(self, source: str) -> str | None:
        return article_for_source(self, source)

    def origins(self) -> dict[str, str]:
        return origins(self)

    def relocate(self, article_id: str, values: dict[str, str]) -> None:
        self.store.update(relocate_update(article_id, values))

    def bulk_load(self, rows: Iterable[dict], compact: bool = True) -> int:
        """Fast path into a new, empty store: Oxigraph's bulk loader, no per-article
        transaction (not crash-safe). Node descriptions are gathered (last value wins,
        as in `write`) and loaded after the articles; returns the number of quads.

        The loader leaves many overlapping index files behind; compacting them after
        (`compact`: Oxigraph's `Store.optimize`, 25 s for 100k articles) makes queries
        up to 4x faster (docs/benchmarks.md)."""
        n = 0
        described: dict[str, Node] = {}
        facts: dict[str, Summary] = {}

        def gen():
            nonlocal n
            for item in rows:
                rec = records.of(item)
                for q in article_quads(rec):
                    n += 1
                    yield q
                for node in rec.nodes:  # a later article's values win, property by property, as in `write`
                    described[node.iri] = described[node.iri].updated(node) if node.iri in described else node
                for fact, summary in summarise(rec.statements).items():
                    facts[fact] = summary.merged(facts.get(fact))
            for node in described.values():
                found = description_quads(node)
                n += len(found)
                yield from found
            for fact, summary in facts.items():
                found = fact_quads(fact, summary)
                n += len(found)
                yield from found
        self.store.bulk_extend(gen())
        if compact:
            self.store.optimize()
        return n

    def forget(self, article_id: str) -> None:
        self.store.update(forget_update([article_id], OxigraphFacts(self.store)))
        self._described.clear()

    def _stored_value(self, node: ox.NamedNode, prop: ox.NamedNode) -> ox.Term | None:
        key = (node, prop)
        if key not in self._described:
            found = next(self.store.quads_for_pattern(node, prop, None, ox.NamedNode(nodes_graph_iri())), None)
            self._described[key] = found.object if found else None
        return self._described[key]

    def flush(self) -> None:
        self.store.flush()

    # ---- reading -----------------------------------------------------------------
    language = "sparql"
    rdf_formats = ("turtle", "trig", "nquads", "ntriples", "rdfxml", "jsonld")

    def close(self) -> None:
        """Flush and let go of the store (and of RocksDB's lock on it)."""
        if self.path is not None and not self.read_only:
            self.store.flush()
        self.store = None

    def counts(self) -> dict[str, dict[str, int]]:
        from .network import counts

        return counts(self.graph())

    def query(self, sparql: str, params: dict | None = None, write: bool = False, allow_service: bool = False,
              timeout: float | None = QUERY_TIMEOUT):
        """A user's query or (with `write`) update (`params` are for Cypher: a named
        question's SPARQL has its values in the text). What would act outside the answer
        is refused first (graph/query_guard.py: SERVICE, extension functions). Whether it
        is an update is decided by parsing it (`query_form`); Oxigraph's own query parser
        refuses an update anyway, so text neither grammar reads goes to it for the
        clearer message. A read stops after `timeout` seconds (E043; 0 or None: no
        limit); an update, one transaction on the store this process holds, runs to its
        end."""
        added = "" if "PREFIX skg:" in sparql else prefixes()
        text = added + sparql
        check_sparql(text, write=write, allow_service=allow_service)
        try:
            form = query_form(text, allow_service)
        except SkgError as e:
            if not str(e).startswith("E012"):
                raise
            form = "unknown"  # Oxigraph's parser says what is wrong, in the user's line numbers
        if form == "update":
            if not write:
                raise SkgError(Errors.E013)
            try:
                self.store.update(text)
            except SyntaxError as err:
                raise SkgError(Errors.E012.format(reason=syntax_reason(err, added))) from err
            return None
        return self._read(text, added, timeout)

    def _read(self, text: str, added: str = "", timeout: float | None = None):
        """The query's result. A reader of a folder reads it whole (serialised, as the
        time-limited child does) inside `_reading`, so a writer's compaction is met
        there and the query asked again, never half-way through the caller's loop."""
        try:
            if not timeout and not (self.read_only and self.path is not None):
                return self.store.query(text, use_default_graph_as_union=True)
            if not timeout:
                return self._reading(lambda: decode(answer(self.store, text)), raw=True)
            if not self.read_only and self.path is not None:
                self.store.flush()  # the query runs on what is on disk
            return self._reading(lambda: evaluate(self.store, self.path, text, timeout), raw=True)
        except TimedOut as err:
            where = f"the embedded store {self.path}" if self.path else "the embedded store in memory"
            raise SkgError(Errors.E043.format(seconds=timeout, store=where)) from err
        except SyntaxError as err:
            raise SkgError(Errors.E012.format(reason=syntax_reason(err, added))) from err
        except OSError as err:
            if "returned by http" in str(err):  # an allowed SERVICE's endpoint answered with an error
                raise SkgError(Errors.E019.format(what="the SERVICE endpoint", reason=str(err)[:500])) from err
            # RocksDB, as a writer replaces files under a reader
            raise SkgError(Errors.E011.format(path=self.path, reason=f"{err}; a writer is at work, ask again")) from err
        except RuntimeError as err:  # evaluation: a SERVICE name left unbound, a value out of range
            raise SkgError(Errors.E019.format(what="Oxigraph", reason=str(err)[:500])) from err

    def _reading(self, read: Callable[[], T], raw: bool = False) -> T:
        """`read()`, asked again (up to READ_TRIES times, on the store opened again) when a
        writer's flush or compaction removed files under this reader (RocksDB's read-only
        open keeps the file list it found; `skg stats` or `query` during an ingest met
        "No such file ... .sst" now and then). Each try reads one open store, so the
        answer is the store as it was at one moment. Other OSErrors are E011, or raised
        as they are for `_read` (`raw`), which says what they mean."""
        for attempt in range(READ_TRIES):
            try:
                return read()
            except (OSError, RuntimeError) as err:  # a RocksDB "Corruption" comes as a RuntimeError
                if self.path is None or not transient(err) or attempt == READ_TRIES - 1:
                    if raw or not isinstance(err, OSError):
                        raise
                    raise SkgError(Errors.E011.format(path=self.path, reason=f"{err}; a writer is at work, "
                                                      "ask again")) from err
                time.sleep(0.05 * 2 ** attempt)
                if self.read_only:
                    self.store = _open_reader(self.path)
        raise AssertionError("unreachable")

    def select(self, sparql: str) -> list[dict[str, object]]:
        """Rows of a SELECT as plain Python values (strings, ints, floats). Straight to
        Oxigraph, without `query`'s update check: the library's own reads (one per
        article written, to find an earlier text of its source) should not pay for a
        second parse, and Oxigraph's query parser refuses an update."""
        added = "" if "PREFIX skg:" in sparql else prefixes()
        names, rows = solution_rows(self._read(added + sparql, added))
        return [dict(zip(names, r)) for r in rows]

    def graph(self):
        """The stored graph as networkx (graph/network.py)."""
        from .network import from_store

        return from_store(self)

    def article_count(self) -> int:
        shared = {nodes_graph_iri(), facts_graph_iri()}
        shared |= {replaced_graph_iri(g) for g in shared}
        return self._reading(lambda: sum(1 for g in self.store.named_graphs() if g.value not in shared))

    def __len__(self) -> int:
        return len(self.store)

    # ---- export ------------------------------------------------------------------
    def dump(self, fmt: str) -> bytes:
        """The whole store: N-Quads and TriG keep the article graphs; Turtle, N-Triples
        and RDF/XML get the union graph. Where this machine read each file from
        (`skg:readFrom`, kept for `--sync`) stays out: an export is for sharing."""
        return self._reading(lambda: self._dump(fmt))

    def _dump(self, fmt: str) -> bytes:
        out = io.BytesIO()
        model = load_model()
        local = ox.NamedNode(model.vocab + "readFrom")  # this machine's path of the file read: not shared
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
        if fmt in formats:
            quads = (q for q in self.store.quads_for_pattern(None, None, None, None) if q.predicate != local)
            ox.serialize(quads, out, formats[fmt])
            return out.getvalue()
        triple_formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                          "rdfxml": ox.RdfFormat.RDF_XML}
        union = self.store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?p != <{local.value}>) }}")
        prefixes_map = {"skg": model.vocab, "id": model.id_base, "prov": "http://www.w3.org/ns/prov#",
                        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                        "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
                        "xsd": "http://www.w3.org/2001/XMLSchema#", "wd": model.namespaces["wd"]}
        kwargs = {"prefixes": prefixes_map} if fmt == "turtle" else {}
        ox.serialize(union, out, triple_formats[fmt], **kwargs)
        return out.getvalue()


WRITER_NOTE = "SKG_WRITER"  # in the store folder: who writes it now (RocksDB ignores the file)


def _open_writer(path: Path, wait: float) -> ox.Store:
    """The store opened for writing, retrying while another process holds RocksDB's
    lock; the process that gets it notes its pid and command in the folder, so the one
    that waits can say who it waits for."""
    import json
    import os
    import sys
    import time

    deadline = time.monotonic() + wait
    delay = 0.2
    while True:
        try:
            store = ox.Store(str(path))
        except OSError as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                raise SkgError(Errors.E031.format(path=path, holder=_writer(path), wait=wait)) from err
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 2.0)
            continue
        (path / WRITER_NOTE).write_text(json.dumps({"pid": os.getpid(), "command": " ".join(sys.argv)}),
                                        encoding="utf-8")
        return store


def _writer(path: Path) -> str:
    """Who holds the store, as its note says."""
    import json

    try:
        note = json.loads((path / WRITER_NOTE).read_text(encoding="utf-8"))
        return f"process {note['pid']} ({note['command']})"
    except (OSError, ValueError, KeyError):
        return "another process"


def rdflib_dataset(path: str | Path):
    """The store as an rdflib `Dataset` (through oxrdflib), for rdflib users: the same
    files on disk, rdflib's API and SPARQL engine on top. Open it while no `skg`
    command writes to the store."""
    from rdflib import Dataset

    ds = Dataset(store="Oxigraph")
    ds.open(str(path), create=False)
    return ds


@dataclass
class Answer:
    """What a query gave, whichever store answered: rows (SELECT, Cypher), a boolean
    (ASK), triples as N-Triples (CONSTRUCT, DESCRIBE), or nothing (an update)."""
    kind: str  # rows | boolean | triples | update
    names: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    boolean: bool = False
    ntriples: bytes = b""

    @classmethod
    def of(cls, result) -> "Answer":
        if isinstance(result, Answer):  # already read (a named question's rows, put in order)
            return result
        if result is None:
            return cls("update")
        if isinstance(result, (bool, ox.QueryBoolean)):
            return cls("boolean", boolean=bool(result))
        if isinstance(result, bytes):
            return cls("triples", ntriples=result)
        if isinstance(result, ox.QueryTriples):
            out = io.BytesIO()
            ox.serialize(result, out, ox.RdfFormat.N_TRIPLES)
            return cls("triples", ntriples=out.getvalue())
        if isinstance(result, ox.QuerySolutions):
            return cls("rows", *solution_rows(result))
        rows = list(result)  # dicts: Cypher records, a remote store's bindings
        names = list(rows[0]) if rows else []
        return cls("rows", names, [[r.get(n) for n in names] for r in rows])


def solution_rows(result: ox.QuerySolutions) -> tuple[list[str], list[list]]:
    """The variables of a SELECT and its rows as plain Python values."""
    names = [v.value for v in result.variables]
    return names, [[python_value(sol[n]) for n in names] for sol in result]


def python_value(term) -> object:
    """A term as the plain value a table, CSV or JSON cell shows: a number, a truth
    value, a literal's text, an IRI; a triple term (RDF-star: `BIND(<<( s p o )>> AS
    ?t)`, `TRIPLE(...)`) as its Turtle-star text, since it has no `value`."""
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return turtle_star(term)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#decimal") or dt.endswith("#double"):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def turtle_star(term) -> str:
    """A term in Turtle-star text: `<< s p o >>` for a triple term (nested ones too),
    N-Triples for the rest (`<iri>`, `_:b`, `"text"@en`, `"1"^^<...#integer>`)."""
    if isinstance(term, ox.Triple):
        return f"<< {turtle_star(term.subject)} {turtle_star(term.predicate)} {turtle_star(term.object)} >>"
    return str(term)
