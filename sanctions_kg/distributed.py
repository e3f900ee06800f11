"""Extraction on a Dask cluster: `skg extract INPUTS --workers N | --scheduler ADDR --out DIR`.

Why it is shaped this way:

- The client reads the inputs and writes the output; workers only parse. Reading is a
  thousandth of the cost of parsing, and keeping files on the client means a cluster
  needs no shared file system (Kubernetes, YARN and HPC queues often have none).
- Articles go out in partitions of a fixed size, in reading order, so a restart over
  the same inputs cuts the same partitions; each is known by a fingerprint of its
  article ids and is skipped when its file and manifest entry are there and agree.
- A partition is written whole or not at all: to a hidden temporary file, synced, then
  renamed over its final name; only then is its manifest line appended. A worker killed
  mid-task leaves nothing behind: the scheduler gives the task to another worker and
  the client writes the result once, when the one future completes.
- Each worker process holds one loaded extractor (a worker plugin loads it as the worker
  starts, and a per-process cache hands it to every task): loading the spaCy pipeline
  and lexicons takes seconds, parsing a partition a few seconds more.
- The manifest is JSON Lines, appended to and synced line by line: rewriting one JSON
  file after each of 10,000 partitions would cost more than the extraction's output.
- Partitions are JSON Lines (the rows `skg extract` prints) or Parquet (the same rows,
  with the articles' headers and counts as columns for table readers).
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Errors, SkgError
from .loaders.article import Article, LoadFailure

if TYPE_CHECKING:  # dask is imported only when a cluster is asked for
    from distributed import Client

MANIFEST = "_manifest.jsonl"  # "_": table readers (pyarrow, Spark, DuckDB) skip it in a folder of Parquet files
MANIFEST_VERSION = 1
PLUGIN_NAME = "skg-extractor"
DEFAULT_PARTITION_SIZE = 100

# ---------------------------------------------------------------- on the workers

_EXTRACTORS: dict[str | None, Any] = {}  # this process's loaded extractor, by pipeline name


_LOADING = threading.Lock()  # the plugin loads in a thread; a task that comes first waits for that load


def worker_extractor(pipeline: str | None) -> Any:
    """The extractor of this process, loaded once: a task must not pay the seconds that
    loading the pipeline and lexicons take."""
    with _LOADING:
        if pipeline not in _EXTRACTORS:
            from .loaders.extract.pipeline import Extractor

            _EXTRACTORS[pipeline] = Extractor(pipeline)
        return _EXTRACTORS[pipeline]


@functools.cache
def _plugin_class() -> type:
    """The worker plugin, defined on first use so that importing this module does not
    import dask (the single-machine path never needs it)."""
    from distributed import WorkerPlugin

    class ExtractorPlugin(WorkerPlugin):
        """Loads the extractor as each worker starts (a restarted worker too), so the
        first partition it gets is not slowed by the load."""
        name = PLUGIN_NAME

        def __init__(self, pipeline: str | None) -> None:
            self.pipeline = pipeline

        async def setup(self, worker: Any) -> None:
            # in a thread: loading takes seconds, and the worker's event loop must keep
            # answering the scheduler's heartbeats meanwhile
            await asyncio.get_running_loop().run_in_executor(None, worker_extractor, self.pipeline)

    return ExtractorPlugin


def extract_partition(articles: list[Article], pipeline: str | None, batch_size: int) -> dict:
    """Runs on a worker: the extraction rows of one partition, in the articles' order,
    with the worker's own time and CPU time (the bench subtracts the first from the wall
    time to find the scheduler's overhead; the second is what a busy machine does not
    inflate)."""
    started, cpu = time.perf_counter(), time.thread_time()
    extractor = worker_extractor(pipeline)
    rows = [ex.to_json() for ex in extractor.extract_many(articles, batch_size=batch_size)]
    return {"rows": rows, "seconds": time.perf_counter() - started, "cpu": time.thread_time() - cpu,
            "pid": os.getpid()}


# ---------------------------------------------------------------- partitions and the manifest

@dataclass
class Partition:
    """Articles that are extracted, written and resumed together."""
    index: int
    articles: list[Article]
    fmt: str = "jsonl"  # or "parquet"

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}.{self.fmt}"

    @property
    def fingerprint(self) -> str:
        """What the partition holds: a restart over changed inputs cuts other articles
        into this index, and must not take the old file for them."""
        return hashlib.sha256("\n".join(a.id for a in self.articles).encode()).hexdigest()


def partitions(items: Iterable[Article | LoadFailure], size: int,
               on_failure: Callable[[LoadFailure], None], fmt: str = "jsonl") -> Iterator[Partition]:
    """Articles cut into partitions of `size` in reading order; a reader's failure goes
    to `on_failure` and takes no place, as in the single-machine path."""
    batch: list[Article] = []
    index = 0
    for item in items:
        if isinstance(item, LoadFailure):
            on_failure(item)
            continue
        batch.append(item)
        if len(batch) == size:
            yield Partition(index, batch, fmt)
            index, batch = index + 1, []
    if batch:
        yield Partition(index, batch, fmt)


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _manifest_lines(folder: Path) -> list[dict]:
    """The manifest's lines; a last line cut short by a crash mid-append is ignored (its
    partition is done again), any other unreadable line is an error."""
    path = folder / MANIFEST
    if not path.exists():
        return []
    lines = path.read_bytes().split(b"\n")
    out: list[dict] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except ValueError as e:
            if n >= len(lines) - 1:
                break
            raise SkgError(Errors.E083.format(path=path, reason=f"line {n} is not JSON ({e})")) from e
    return out


@dataclass
class Manifest:
    """The partitions written into one output folder, as the manifest records them."""
    folder: Path
    lines: list[dict] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        return cls(folder, _manifest_lines(folder))

    def entries(self) -> dict[int, dict]:
        """The latest entry of each partition (a partition done again after its inputs
        changed is recorded again)."""
        return {line["partition"]: line for line in self.lines if "partition" in line}

    def partition_size(self) -> int | None:
        sizes = [line["partition_size"] for line in self.lines if "run" in line]
        return sizes[0] if sizes else None

    def completed(self) -> int | None:
        """The number of partitions of the last run, if that run finished."""
        last_run = max((i for i, line in enumerate(self.lines) if "run" in line), default=-1)
        ends = [line for line in self.lines[last_run + 1:] if "complete" in line]
        return ends[-1]["partitions"] if ends else None

    def is_done(self, part: Partition, entries: dict[int, dict]) -> bool:
        """Whether the partition's file and entry are there and agree: the same articles,
        and the file the checksum was taken of."""
        entry = entries.get(part.index)
        path = self.folder / part.name
        return bool(entry) and entry["fingerprint"] == part.fingerprint and entry["file"] == part.name and \
            path.exists() and sha256_of(path) == entry["sha256"]

    def append(self, line: dict) -> None:
        """One line, synced before the next partition is counted as written."""
        with (self.folder / MANIFEST).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.lines.append(line)


PARQUET_COLUMNS = ("article_id", "source", "title", "published", "url", "entities", "relations", "row")


def _parquet_bytes(rows: list[dict]) -> bytes:
    """A partition as Parquet: the article's header and counts as typed columns, for
    tools that read the folder as a table (pandas, Spark, DuckDB), and the whole row as
    JSON text in `row`, so that loading gives back exactly the row extracted (entities
    and relations have properties that differ by type, which a fixed schema would pad
    with nulls)."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    header = [row["article"] for row in rows]
    table = pa.table({
        "article_id": pa.array([h["id"] for h in header], pa.string()),
        "source": pa.array([h.get("source") for h in header], pa.string()),
        "title": pa.array([h.get("title") for h in header], pa.string()),
        "published": pa.array([h.get("published") for h in header], pa.string()).cast(pa.date32()),
        "url": pa.array([h.get("url") for h in header], pa.string()),
        "entities": pa.array([len(row["entities"]) for row in rows], pa.int32()),
        "relations": pa.array([len(row["relations"]) for row in rows], pa.int32()),
        "row": pa.array([json.dumps(row, ensure_ascii=False) for row in rows], pa.string()),
    })
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def parquet_rows(path: Path) -> Iterator[dict | LoadFailure]:
    """The rows of a Parquet partition, each checked as a JSON Lines row is."""
    import pyarrow.parquet as pq

    from .loaders.extractions import row_from

    for n, text in enumerate(pq.read_table(path, columns=["row"]).column("row").to_pylist(), 1):
        yield row_from(text or "", path, n)


def write_partition(folder: Path, part: Partition, rows: list[dict]) -> dict:
    """The partition's file, whole or not at all, and its manifest entry (counts,
    inputs and checksum)."""
    data = _parquet_bytes(rows) if part.fmt == "parquet" else \
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
    temporary = folder / f".{part.name}.{uuid.uuid4().hex[:8]}.tmp"
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / part.name)
    return {"partition": part.index, "file": part.name, "fingerprint": part.fingerprint,
            "sha256": hashlib.sha256(data).hexdigest(), "articles": len(rows),
            "entities": sum(len(r["entities"]) for r in rows),
            "relations": sum(len(r["relations"]) for r in rows),
            "inputs": [a.source for a in part.articles]}


# ---------------------------------------------------------------- the run

@dataclass
class RunReport:
    """What one run did, for the CLI's summary and the bench."""
    written: int = 0          # partitions written by this run
    resumed: int = 0          # partitions found whole from an earlier run
    articles: int = 0         # articles in the partitions written or resumed
    relations: int = 0
    worker_seconds: float = 0.0
    worker_cpu: float = 0.0
    failures: list[LoadFailure] = field(default_factory=list)  # inputs and partitions
    partitions: int = 0


@contextmanager
def cluster_client(workers: int | None = None, scheduler: str | None = None,
                   connect_timeout: float = 30) -> Iterator["Client"]:
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers`
    worker processes (one thread each: spaCy's parse holds the GIL) closed on exit."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=connect_timeout)
        except (OSError, TimeoutError, ValueError) as e:
            raise SkgError(Errors.E081.format(address=scheduler, reason=e)) from e
        with client:
            yield client
        return
    # no statistical profiler in our workers: its thread samples the task's stack every
    # 10 ms, taking the GIL from the parse, for a dashboard nobody looks at here
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        yield client


def _cut_partial_line(path: Path) -> None:
    """Drop a last line a crash cut short, so the next line appended starts a line of
    its own instead of completing a broken one."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)


def prepare_folder(out: Path, partition_size: int) -> Manifest:
    """The output folder, made if needed, with its manifest; a folder of partitions of
    another size cannot be resumed (its partitions would hold other articles)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SkgError(Errors.E080.format(reason=f"cannot make the folder {out}: {e.strerror or e}")) from e
    _cut_partial_line(out / MANIFEST)
    manifest = Manifest.read(out)
    earlier = manifest.partition_size()
    if earlier is not None and earlier != partition_size:
        raise SkgError(Errors.E083.format(
            path=out / MANIFEST, reason=f"its partitions hold {earlier} articles each, not {partition_size}; "
                                        f"give --partition-size {earlier}, or another --out folder"))
    return manifest


@dataclass
class _Submitter:
    """Keeps a few partitions per worker in flight: reading stays lazy and the client's
    memory stays flat, whatever the number of inputs."""
    client: Any
    pipeline: str | None
    batch_size: int
    todo: Iterator[Partition]
    flight: dict[Any, Partition] = field(default_factory=dict)  # future -> its partition

    def fill(self) -> None:
        """Two partitions per worker and one more in flight, counting the workers each
        time: a cluster that scales up (Kubernetes, an HPC queue granting nodes late)
        gets work for its new workers."""
        workers = len(self.client.scheduler_info(n_workers=-1).get("workers", {}))
        while len(self.flight) < 2 * max(1, workers) + 1:
            part = next(self.todo, None)
            if part is None:
                return
            future = self.client.submit(extract_partition, part.articles, self.pipeline, self.batch_size,
                                        key=f"skg-extract-{part.index:05d}-{uuid.uuid4().hex[:8]}", pure=False)
            self.flight[future] = part


def _not_done(parts: Iterable[Partition], manifest: Manifest, report: RunReport,
              progress: Callable[[int], None]) -> Iterator[Partition]:
    """The partitions still to extract; those an earlier run wrote are counted and passed."""
    entries = manifest.entries()
    for part in parts:
        report.partitions += 1
        if manifest.is_done(part, entries):
            report.resumed += 1
            report.articles += len(part.articles)
            report.relations += entries[part.index]["relations"]
            progress(len(part.articles))
            continue
        yield part


def _collect(future: Any, part: Partition, manifest: Manifest, report: RunReport) -> int:
    """Write a finished partition, or record why it failed; the number of articles done."""
    try:
        result = future.result()
    except Exception as e:  # noqa: BLE001 - a task's own error, or KilledWorker after repeated deaths
        report.failures.append(LoadFailure(part.name, Errors.E082.format(
            partition=part.name, first=part.articles[0].source, reason=f"{type(e).__name__}: {e}")))
        return 0
    entry = write_partition(manifest.folder, part, result["rows"])
    entry.update(seconds=round(result["seconds"], 3), pid=result["pid"])
    manifest.append(entry)
    report.written += 1
    report.articles += entry["articles"]
    report.relations += entry["relations"]
    report.worker_seconds += result["seconds"]
    report.worker_cpu += result["cpu"]
    return entry["articles"]


POLL_SECONDS = 5.0  # how often a run with nothing finished checks that its client is still connected


def _drain(submitter: _Submitter, manifest: Manifest, report: RunReport, progress: Callable[[int], None],
           on_partition: Callable[[dict], None]) -> None:
    """Write each partition as the scheduler reports its task done, and submit the next.
    Waiting is in slices: a client that lost its scheduler for good closes, and its
    futures would then never finish (the run hung instead of failing)."""
    from distributed import wait
    from distributed.client import ClosedClientError

    submitter.fill()
    while submitter.flight:
        try:
            finished = wait(list(submitter.flight), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            if submitter.client.status in ("closing", "closed", "failed"):
                raise ClosedClientError(f"the client is {submitter.client.status}") from None
            continue
        for future in sorted(finished, key=lambda f: submitter.flight[f].index):
            done = _collect(future, submitter.flight.pop(future), manifest, report)
            if done:
                on_partition(manifest.lines[-1])
                progress(done)
            future.release()
        submitter.fill()


def run(client: "Client", items: Iterable[Article | LoadFailure], out: Path, *, pipeline: str | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE, batch_size: int = 16, fmt: str = "jsonl",
        progress: Callable[[int], None] = lambda n: None,
        on_partition: Callable[[dict], None] = lambda entry: None,
        on_failure: Callable[[LoadFailure], None] = lambda f: None) -> RunReport:
    """Extract `items` on the cluster behind `client` into partitions under `out`.

    `progress` gets the number of articles each finished (or resumed) partition holds,
    as the scheduler reports its task done; `on_partition` each manifest entry written
    (the tests kill a worker from it). `fmt` is "jsonl" (the rows `skg extract` prints)
    or "parquet" (the same rows, with the articles' headers as columns). Failed
    partitions are in the report's failures; running again over the same inputs does
    them and skips the rest."""
    with _only_writer(out):
        return _run_locked(client, items, out, pipeline, partition_size, batch_size, fmt, progress, on_partition,
                           on_failure)


@contextmanager
def _only_writer(out: Path) -> Iterator[None]:
    """One run per folder at a time: two clients appending to one manifest would each
    take the other's partitions for theirs. The lock goes with the process, so a killed
    client leaves none behind; its temporary files are removed by the next run."""
    import fcntl

    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise SkgError(Errors.E080.format(reason=f"another run is writing {out}; let it finish")) from e
        for leftover in out.glob(".part-*.tmp"):
            leftover.unlink(missing_ok=True)
        yield


def _run_locked(client: "Client", items: Iterable[Article | LoadFailure], out: Path, pipeline: str | None,
                partition_size: int, batch_size: int, fmt: str, progress: Callable[[int], None],
                on_partition: Callable[[dict], None], on_failure: Callable[[LoadFailure], None]) -> RunReport:
    """`run`, holding the folder's lock."""
    from distributed.client import ClosedClientError, FutureCancelledError, FuturesCancelledError
    from distributed.comm.core import CommClosedError

    manifest = prepare_folder(out, partition_size)
    manifest.append({"run": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "manifest": MANIFEST_VERSION,
                     "partition_size": partition_size, "pipeline": pipeline, "format": fmt})
    report = RunReport()

    def failed(failure: LoadFailure) -> None:
        report.failures.append(failure)
        on_failure(failure)
    todo = _not_done(partitions(items, partition_size, failed, fmt), manifest, report, progress)
    address = client.scheduler.address
    try:
        client.register_plugin(_plugin_class()(pipeline), name=PLUGIN_NAME)
        _drain(_Submitter(client, pipeline, batch_size, todo), manifest, report, progress, on_partition)
    except (ClosedClientError, CommClosedError, FutureCancelledError, FuturesCancelledError) as e:
        reason = "the client lost its connection, and the tasks in flight with it" \
            if isinstance(e, (FutureCancelledError, FuturesCancelledError)) else str(e).splitlines()[0]
        raise SkgError(Errors.E086.format(address=address, reason=reason, n=report.written)) from e
    if not any(f.message.startswith("E082") for f in report.failures):
        manifest.append({"complete": True, "partitions": report.partitions, "articles": report.articles})
    return report


# ---------------------------------------------------------------- reading the partitions back

def is_partition_folder(path: Path) -> bool:
    return path.is_dir() and (path / MANIFEST).is_file()


def partition_rows(folder: Path) -> Iterator[dict | LoadFailure]:
    """The rows of a partition folder, partition by partition, each file checked against
    its manifest checksum first (a file changed or cut since is reported, not loaded);
    an unfinished run's partitions load, with a failure saying the rest are missing."""
    from .loaders.extractions import read_extractions

    try:
        manifest = Manifest.read(folder)
    except SkgError as e:
        yield LoadFailure(str(folder), str(e))
        return
    total = manifest.completed()
    entries = manifest.entries()
    for index in sorted(entries):
        if total is not None and index >= total:
            continue  # a partition of an earlier, longer run over other inputs
        path = folder / entries[index]["file"]
        if not path.is_file() or sha256_of(path) != entries[index]["sha256"]:
            why = "missing" if not path.is_file() else "not the file the manifest's checksum was taken of"
            yield LoadFailure(str(path), Errors.E084.format(path=path, reason=why))
            continue
        yield from parquet_rows(path) if path.suffix == ".parquet" else read_extractions([str(path)])
    if total is None:
        yield LoadFailure(str(folder), Errors.E085.format(path=folder, n=len(entries)))


def read_rows(paths: Iterable[str]) -> Iterator[dict | LoadFailure]:
    """Extraction rows from JSON Lines files, folders and globs, and from partition
    folders (or their manifest) that `skg extract --out` wrote, in the order given."""
    from .loaders.extractions import read_extractions

    for raw in paths:
        path = Path(raw)
        if path.name == MANIFEST and path.is_file():
            path = path.parent
        if is_partition_folder(path):
            yield from partition_rows(path)
        elif path.suffix == ".parquet" and path.is_file():
            yield from parquet_rows(path)  # one partition named on its own: no checksum to hold it to
        else:
            yield from read_extractions([raw])
