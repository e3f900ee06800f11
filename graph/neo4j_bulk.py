"""A new Neo4j database in one go: the records as CSV files, read by Neo4j's own offline
importer (`neo4j-admin database import full`), then our server started on the result.

Why: the transactional writer (neo4j_store.py) pays a MATCH per relationship end and a
transaction per batch, about 12k relationships/s; the offline importer writes the store
files directly, hundreds of thousands per second, but only into a database no server
has open and that holds nothing. So this is for a NEW database, on this machine, in the
data folder our own launcher uses (`skg neo4j start --data DIR`); incremental loads keep
the transactional writer.

The graph is the one the writer makes, because the rows come from the same place: each
article's records go through `Neo4jStore._batches` (itself built on graph/projection.py),
and the writer's statements are mirrored one by one:
  * a node is MERGEd by label and IRI, its properties combined in article order
    (`SET n += props`): here one dict per (label, IRI), updated in the same order;
  * an Article node per article (an article met again has the same id, so the same
    text and records: it is written once);
  * one MENTIONS per article and node it names (CREATE, once per distinct node), and
    one per article and sanction measure (MERGE: never twice);
  * a statement is one relationship of its type with its properties (CREATE: every
    statement, none merged);
  * a measure's links (AUTHORITY, TARGET) are MERGEd: one per measure, link and end.
Node identity is the label and the IRI, as the writer's MERGE has it: each label is an
ID space of its own (`iri:ID(Label)`), and the IRI is stored as the `iri` property.
Property types follow the values as the driver would store them (str, int, float, bool
and lists of them); rows of one label or type are split into files by the set of
properties they carry and their types, so no cell is ever empty and nothing is coerced.

The constraints and indexes are made afterwards by the store itself (opening a
`Neo4jStore` runs the model's schema statements), and the indexes are waited for.
"""
from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..errors import Errors, SkgError
from ..schema import load_model
from . import servers
from .records import ArticleRecords

# what the importer gets: a delimiter between list items that no text holds (U+001F,
# the unit separator), a JVM heap and an off-heap budget that leave room for the others
# on a shared machine (the importer's default takes 90% of the free memory)
ARRAY_DELIMITER = "\x1f"
IMPORTER_HEAP = os.environ.get("SKG_NEO4J_IMPORT_HEAP", "1g")
IMPORTER_OFF_HEAP = os.environ.get("SKG_NEO4J_IMPORT_OFF_HEAP", "2G")
DATABASE = "neo4j"  # the launcher's only database (GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
INCOMPLETE = "bulk-import.incomplete"  # left in the data folder while an import is under way
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

Phase = Callable[[str], None]


def _csv_type(value: Any) -> str | None:
    """The importer's type for a value as the Bolt driver would store it; None for a
    value the CSV cannot carry as such (an empty or mixed list, a nested one)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and value:
        kinds = {_csv_type(v) for v in value}
        if len(kinds) == 1 and None not in kinds and "[]" not in next(iter(kinds)):
            return next(iter(kinds)) + "[]"
    return None


def _cell(value: Any) -> str:
    """A value as one CSV cell: text quoted (quotes doubled, so "" stays an empty
    string), numbers and booleans bare, a list's items joined by ARRAY_DELIMITER."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return repr(value) if not math.isinf(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        items = (v.replace('"', '""') if isinstance(v, str) else _cell(v) for v in value)
        return '"' + ARRAY_DELIMITER.join(items) + '"'
    return '"' + value.replace('"', '""') + '"'


@dataclass
class _File:
    path: Path
    handle: TextIO
    rows: int = 0


@dataclass
class CsvTables:
    """The importer's input: node and relationship files, one per label (or relationship
    type and end labels) and shape (the properties a row carries, with their types)."""
    folder: Path
    files: dict[tuple, _File] = field(default_factory=dict)
    multiline: bool = False  # a text holds a line break: the importer must be told

    def _file(self, kind: str, name: str, ends: tuple[str, ...], props: dict[str, Any]) -> _File:
        shape = tuple(sorted((k, _csv_type(v)) for k, v in props.items()))
        key = (kind, name, ends, shape)
        found = self.files.get(key)
        if found is None:
            for k, t in shape:
                if t is None:
                    raise SkgError(Errors.E153.format(what=f"{name}.{k}", value=repr(props[k])[:80]))
            path = self.folder / f"{kind}-{len(self.files):04d}-{name}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            handle.write(",".join([*ends, *(f"{k}:{t}" for k, t in shape)]) + "\n")
            found = self.files[key] = _File(path, handle)
        return found

    def node(self, label: str, iri: str, props: dict[str, Any]) -> None:
        """One node: its IRI is its ID in the label's ID space, and its `iri` property."""
        self._row(self._file("nodes", label, (f"iri:ID({label})",), props), [iri], props)

    def relationship(self, rtype: str, source: tuple[str, str], target: tuple[str, str],
                     props: dict[str, Any]) -> None:
        """One relationship between (label, IRI) ends."""
        ends = (f":START_ID({source[0]})", f":END_ID({target[0]})")
        self._row(self._file("relationships", rtype, ends, props), [source[1], target[1]], props)

    def _row(self, file: _File, ids: list[str], props: dict[str, Any]) -> None:
        cells = [_cell(i) for i in ids] + [_cell(props[k]) for k in sorted(props)]
        line = ",".join(cells)
        if "\n" in line or "\r" in line:
            self.multiline = True
        file.handle.write(line + "\n")
        file.rows += 1

    def close(self) -> None:
        for f in self.files.values():
            f.handle.close()

    def arguments(self) -> list[str]:
        """The importer's --nodes and --relationships arguments, one per file, by the
        file's name in `folder` (the importer runs there and reads names as regular
        expressions, so no folder name of the user's is read as one)."""
        return [f"--{kind}={name}={f.path.name}" for (kind, name, _, _), f in self.files.items()]

    def count(self, kind: str) -> int:
        return sum(f.rows for (k, *_), f in self.files.items() if k == kind)


class GraphRows:
    """Records into CsvTables as the transactional writer would write them (see the
    module's docstring): what is merged is gathered here and written at the end, what
    is created is written as it comes."""

    def __init__(self, tables: CsvTables):
        self.tables = tables
        self.context = load_model().context_type
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.links: set[tuple[str, str, str, str, str]] = set()
        self.articles: set[str] = set()

    def add(self, rec: ArticleRecords) -> bool:
        """Write an article's records; False (nothing written) for an article met before:
        the same id is the same text, so its records are already in."""
        from .neo4j_store import Neo4jStore

        if rec.id in self.articles:
            return False
        self.articles.add(rec.id)
        b = Neo4jStore._batches(rec)
        art = b["article"]["iri"]
        self.tables.node(self.context, art, b["article"]["props"])
        mentioned: set[tuple[str, str]] = set()
        for label, rows in b["nodes"]:
            for r in rows:
                self._merge_node(label, r["iri"], r["props"])
                mentioned.add((label, r["iri"]))
        for (rtype, sl, tl), rows in b["rels"]:
            for r in rows:
                self.tables.relationship(rtype, (sl, r["s"]), (tl, r["t"]), r["props"])
        for m in b["sanctions"]:
            self._merge_node(m["type"], m["iri"], m["props"])
            mentioned.add((m["type"], m["iri"]))
            for edge, label, target in zip(m["edges"], m["labels"], m["links"]):
                self.links.add((m["type"], m["iri"], edge, label, target))
        for label, iri in sorted(mentioned):
            self.tables.relationship("MENTIONS", (self.context, art), (label, iri), {})
        return True

    def _merge_node(self, label: str, iri: str, props: dict[str, Any]) -> None:
        self.nodes.setdefault((label, iri), {}).update(props)

    def finish(self) -> None:
        """The merged nodes and the measures' links, then every file closed."""
        for (label, iri), props in self.nodes.items():
            self.tables.node(label, iri, props)
        for kind, iri, edge, label, target in sorted(self.links):
            self.tables.relationship(edge, (kind, iri), (label, target), {})
        self.tables.close()


def local_port(uri: str) -> int:
    """The port of a Bolt URI naming this machine: the offline import writes the
    database's files, so the server must be ours, here (E152 otherwise)."""
    parts = urlsplit(uri)
    if parts.scheme not in ("bolt", "neo4j") or parts.hostname not in LOCAL_HOSTS:
        raise SkgError(Errors.E152.format(uri=uri, reason="the offline importer writes the database files, so "
                                          "--bulk takes only our local server: bolt://127.0.0.1:PORT"))
    return parts.port or servers.NEO4J_DEFAULT_PORT


def _database_files(data: Path) -> Path:
    return data / "db" / "data" / "databases" / DATABASE


def _node_count(uri: str) -> int:
    from .neo4j_store import Neo4jStore

    store = Neo4jStore(uri)
    try:
        return store.cypher("MATCH (n) RETURN count(n) AS n")[0]["n"]
    finally:
        store.close()


def claim_empty(data: Path, port: int, phase: Phase = lambda s: None) -> None:
    """Make sure the database in `data` is empty and no server has it open, or refuse
    (E150, E152) with nothing written. A server of ours running on it is asked, and
    stopped when it holds nothing; a database on disk with no server is started, asked
    and stopped; a folder an earlier import left unfinished counts as empty."""
    uri = f"bolt://127.0.0.1:{port}"
    running = servers.neo4j_status(data)
    if running is not None and running.port != port:
        raise SkgError(Errors.E152.format(uri=uri, reason=f"the server on {data} listens on port {running.port}; "
                                          f"give --neo4j bolt://127.0.0.1:{running.port}"))
    if running is None and servers._port_open(port):
        raise SkgError(Errors.E152.format(uri=uri, reason=f"port {port} is taken by a server that is not the one on "
                                          f"{data}; give --neo4j-data the folder it was started with "
                                          "(`skg neo4j start --data DIR`)"))
    unfinished = (data / INCOMPLETE).exists()
    if running is None and (unfinished or not _database_files(data).exists()):
        return
    if running is None:
        phase(f"checking that the database in {data} is empty")
        servers.neo4j_start(data, port)
    try:
        held = 0 if unfinished else _node_count(uri)
    except SkgError:
        servers.stop(data)
        raise
    if held:
        if running is None:
            servers.stop(data)  # left as it was found: not running
        raise SkgError(Errors.E150.format(data=data, n=held))
    phase(f"stopping Neo4j on {data} (empty) for the import")
    servers.stop(data)


@dataclass
class Imported:
    """What a bulk import did, and how long each part took (seconds)."""
    nodes: int = 0
    relationships: int = 0
    csv_seconds: float = 0.0
    import_seconds: float = 0.0   # the importer's process, JVM start and all
    importer_says: float | None = None  # what the importer reports for its own four stages ("IMPORT DONE in")
    import_cpu_seconds: float = 0.0  # CPU the importer's process used (user + system): on a shared machine,
                                     # the figure other loads do not change
    start_seconds: float = 0.0
    schema_seconds: float = 0.0


def _reported_seconds(log: str) -> float | None:
    """The importer's own time ("IMPORT DONE in 1m 2s 345ms"), without the JVM's start."""
    found = re.search(r"IMPORT DONE in ((?:\d+\s*(?:ms|h|m|s)\s*)+)", log)
    if not found:
        return None
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(int(n) * scale[unit] for n, unit in re.findall(r"(\d+)\s*(ms|h|m|s)", found.group(1)))


def run_importer(tables: CsvTables, data: Path, log: Path) -> tuple[float | None, float]:
    """Neo4j's own `neo4j-admin database import full`, run from the launcher's Maven
    build (the import tool is a dependency of the `org.neo4j:neo4j` artifact it uses),
    into the launcher's database; E151 with the log's tail when it fails. Returns the
    time the importer reports for itself and the CPU seconds its process used (its own
    rusage: the other children of this process, a server stopped before, are not in it)."""
    jar, lib = servers.neo4j_launcher()
    java = shutil.which("java") or "java"
    home = data / "db"
    home.mkdir(parents=True, exist_ok=True)
    cmd = [java, f"-Xmx{IMPORTER_HEAP}", "-cp", f"{jar}{os.pathsep}{lib}/*", "org.neo4j.cli.AdminTool",
           "database", "import", "full", DATABASE, "--overwrite-destination=true", "--bad-tolerance=0",
           f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", f"--max-off-heap-memory={IMPORTER_OFF_HEAP}",
           f"--report-file={tables.folder / 'import.report'}",
           *(["--multiline-fields=true"] if tables.multiline else []), *tables.arguments()]  # the database first: --nodes takes every word after it
    env = dict(os.environ, NEO4J_HOME=str(home.resolve()), NEO4J_CONF=str((home / "conf").resolve()))
    (home / "conf").mkdir(exist_ok=True)
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                cwd=tables.folder)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2500:]
        raise SkgError(Errors.E151.format(data=data, log=log, tail=tail))
    return _reported_seconds(log.read_text(errors="replace")), usage.ru_utime + usage.ru_stime


def bulk_import(records: Iterable[ArticleRecords], data: Path, port: int,
                phase: Phase = lambda s: None) -> Imported:
    """Records into a new database in `data` (which `claim_empty` found empty and free),
    then our server started on it at `port`, with the model's constraints and indexes
    made and online. The CSV files are written under `data` and removed after."""
    from .neo4j_store import Neo4jStore

    done = Imported()
    staging = data / "bulk-import"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (data / INCOMPLETE).write_text("an import into this folder did not finish; loading with --bulk again "
                                   "overwrites it\n", encoding="utf-8")
    started = time.perf_counter()
    tables = CsvTables(staging)
    rows = GraphRows(tables)
    try:
        for rec in records:
            rows.add(rec)
    finally:
        rows.finish()
    done.nodes, done.relationships = tables.count("nodes"), tables.count("relationships")
    done.csv_seconds = time.perf_counter() - started
    phase(f"importing {done.nodes} nodes and {done.relationships} relationships with neo4j-admin "
          f"(log: {data / 'import.log'})")
    started = time.perf_counter()
    done.importer_says, done.import_cpu_seconds = run_importer(tables, data, data / "import.log")
    done.import_seconds = time.perf_counter() - started
    shutil.rmtree(staging, ignore_errors=True)
    (data / INCOMPLETE).unlink()
    phase(f"starting Neo4j on {data} at bolt://127.0.0.1:{port}")
    started = time.perf_counter()
    servers.neo4j_start(data, port)
    done.start_seconds = time.perf_counter() - started
    phase("creating the model's constraints and indexes")
    started = time.perf_counter()
    store = Neo4jStore(f"bolt://127.0.0.1:{port}")  # opening it runs the schema statements
    try:
        store.cypher("CALL db.awaitIndexes(3600)")
    finally:
        store.close()
    done.schema_seconds = time.perf_counter() - started
    return done


class BulkTarget:
    """What `pipeline.bulk_load` writes into for Neo4j: a database being made, which
    holds nothing yet (so corrections bound to it find nothing stored, as in a new
    embedded store), and `bulk_load`, the import itself."""

    language = "cypher"

    def __init__(self, data: Path, port: int, phase: Phase = lambda s: None):
        self.data, self.port, self.phase = data, port, phase
        self.where = f"bolt://127.0.0.1:{port} ({data})"
        self.imported: Imported | None = None

    def query(self, text: str, params: dict | None = None, write: bool = False, timeout: float | None = None) -> list:
        """Nothing is stored yet: every look-up finds nothing."""
        return []

    def bulk_load(self, records: Iterable[ArticleRecords]) -> int:
        self.imported = bulk_import(records, self.data, self.port, self.phase)
        return self.imported.nodes + self.imported.relationships
