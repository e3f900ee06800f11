"""`skg extract`, `skg ingest`, `skg load`: articles and extraction rows in."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..errors import Errors, SkgError
from ..graph.stores import StoreSpec, open_store
from ..loaders.article import LoadFailure
from . import app
from .common import (CorrectionsOpt, DateOpt, MaxMbOpt, OldBatchOpt, ProcessesOpt, Ticker, articles, batch_size, cut,
                     err, expected_articles, fail, finish, out, plain, progress_bar, show_failure, show_warning,
                     store_options)


BatchOpt = Annotated[int, typer.Option("--batch-size", help="Articles per transaction where the store batches (Neo4j).")]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class PartitionFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="jsonl: one JSON object per article (the scorers' contract); json: one array; table: a readable summary.")] = ExtractFormat.jsonl,
    processes: ProcessesOpt = 1,
    batch_size: Annotated[int, typer.Option(help="Articles per parser batch.")] = 16,
    pipeline: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use instead of en_core_web_sm.")] = None,
    date: DateOpt = None,
    max_mb: MaxMbOpt = 64,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, rich_help_panel="Cluster", help="Extract on a local Dask cluster of N worker processes, into partitions under --out.")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", rich_help_panel="Cluster", envvar="SKG_DASK_SCHEDULER", help="Extract on an existing Dask cluster, e.g. tcp://HOST:8786, into partitions under --out.")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", rich_help_panel="Cluster", help="Folder of partitions (JSON Lines or Parquet) and their manifest (with --workers or --scheduler); running again resumes, skipping partitions written whole.")] = None,
    partition_size: Annotated[int, typer.Option(min=1, rich_help_panel="Cluster", help="Articles per partition (one task, one file).")] = 100,
    partition_format: Annotated[PartitionFormat, typer.Option(rich_help_panel="Cluster", help="jsonl: the rows as --format jsonl prints them; parquet: the same rows with the articles' ids, sources, titles, dates and counts as columns.")] = PartitionFormat.jsonl,
) -> None:
    """Extract entities and relations from articles and print them (nothing is stored),
    or, on a Dask cluster, write them into partitions under --out."""
    if workers or scheduler or out_dir:
        from .cluster import check_options, extract_on_cluster

        check_options(workers, scheduler, out_dir, fmt is ExtractFormat.jsonl)
        return extract_on_cluster(paths, out_dir, workers=workers, scheduler=scheduler, pipeline=pipeline,
                                  partition_size=partition_size, batch_size=batch_size, date=date, max_mb=max_mb,
                                  fmt=partition_format.value)
    from ..loaders.extract.pipeline import Extractor

    failures: list = []
    try:
        extractor = Extractor(pipeline)
    except SkgError as e:
        fail(e)

    def readable():
        for item in articles(paths, date, max_mb, repeats_fail=False):
            if isinstance(item, LoadFailure):
                failures.append(item)
                show_failure(item)
            else:
                yield item
    rows, done = [], 0
    with progress_bar("articles", transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        for ex in extractor.extract_many(readable(), batch_size=batch_size, n_process=processes):
            row = ex.to_json()
            done += 1
            progress.advance(task)
            if fmt is ExtractFormat.jsonl:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows.append(row)
    if fmt is ExtractFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt is ExtractFormat.table:
        for row in rows:
            names = {e["id"]: e["name"] for e in row["entities"]}
            t = Table("relation", "source", "target", "date", "evidence",
                      title=f"{row['article']['title'] or row['article']['source']} ({row['article']['published']})")
            for r in row["relations"]:
                t.add_row(r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"]),
                          r.get("ref_date") or "", cut(r["evidence"]["sentence"], 90))
            out.print(t)
    finish(failures, done)


def _open(spec: StoreSpec, corrections):
    """The corrections and the store, or a coded error and exit 2."""
    from ..graph.corrections import load as load_corrections

    try:
        return load_corrections(corrections), open_store(spec)
    except SkgError as e:
        fail(e)


def _run(verb: str, spec: StoreSpec, call, total: int | None) -> None:
    """Run an ingest or load under a progress bar over the `total` inputs expected (None:
    not known ahead, as for partitions of rows), lines when piped, then say what it did."""
    so_far = []  # the report as the last article written left it

    def advanced(report) -> None:
        so_far[:] = [report]
        progress.update(report.processed + len(report.failures))
    with Ticker("ingesting" if verb == "written" else "loading", "articles", total) as progress:
        try:
            report = call(advanced)
        except OSError as e:
            if not _disk_full(e):
                raise
            fail(SkgError(Errors.E064.format(where=spec.where, reason=e)))
        except SkgError as e:
            # a batch the store committed just before it died is written, though its
            # answer never came back: say so, and that a re-run skips what is stored
            err.print(f"{so_far[0].written if so_far else 0} article(s) {verb} before the failure, each whole; "
                      f"the batch in flight may have been written too, and running the same command again "
                      f"skips what is stored")
            fail(e)
    extra = (f", {report.skipped} already stored" if verb == "written" else "") + (
        f", {report.forgotten} kept out by the corrections" if report.forgotten else "") + (
        f", {report.pruned} forgotten as their inputs no longer hold them (--sync)" if report.pruned else "") + (
        f", {report.kept} kept though not read again, as their inputs could not be read this time (--sync)"
        if report.kept else "")
    err.print(f"{report.written} article(s) {verb} ({report.statements} statements), {report.replaced} of them "
              f"replacing an earlier text of the same source{extra}, {len(report.failures)} input(s) failed; "
              f"store: {plain(spec.where)}")
    for message in report.unmatched:  # each rule tried on the articles written and matching none of them
        err.print(f"[yellow]warning[/yellow] {plain(message)} (in the {report.written} article(s) written)")
    finish(report.failures, report.processed)


def _disk_full(error: OSError) -> bool:
    """Whether the store failed for want of space (RocksDB's message may carry no errno)."""
    import errno

    return error.errno in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(error).lower()


@app.command()
@store_options(writes=True)
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    spec: StoreSpec,
    force: Annotated[bool, typer.Option(help="Re-extract articles already in the store.")] = False,
    processes: ProcessesOpt = 1,
    batch: BatchOpt = 50,
    old_batch: OldBatchOpt = None,
    date: DateOpt = None,
    corrections: CorrectionsOpt = None,
    max_mb: MaxMbOpt = 64,
    sync: Annotated[bool, typer.Option(help="Leave the store holding exactly what the inputs hold: forget the stored articles read from these files and folders that they no longer hold (deleted files, rows taken out of a feed, texts edited in place). Files that fail to read keep their articles.")] = False,
) -> None:
    """Extract articles and write them into the store (by default the embedded one),
    one named graph each.

    Re-running is safe: an article already stored (same text, same id) is skipped, an
    edited text of the same source replaces the stored one, and an article is written
    in one transaction, so it is wholly in or wholly out. With --corrections, articles
    stored under other corrections are written again."""
    from ..pipeline import ingest as run_ingest
    from ..loaders.extract.pipeline import Extractor
    from ..loaders.readers import read_paths, scope

    fixes, db = _open(spec, corrections)
    try:
        extractor = Extractor()
    except SkgError as e:
        fail(e)
    inputs = read_paths(paths, max_bytes=max_mb * 2**20, default_date=date.date() if date else None)
    _run("written", spec, lambda progress: run_ingest(
        db, inputs, extractor, corrections=fixes, force=force, batch=batch_size(batch, old_batch),
        processes=processes, sync=scope(paths) if sync else None, on_failure=show_failure, progress=progress,
        on_warning=show_warning), expected_articles(paths, max_mb))


@app.command()
@store_options(writes=True)
def load(
    paths: Annotated[list[str], typer.Argument(help="JSON Lines files (folders, globs) of extraction rows, as `skg extract --format jsonl` prints them, or folders of partitions `skg extract --out` wrote.")],
    spec: StoreSpec,
    bulk: Annotated[bool, typer.Option(help="Into a new, empty store only, much faster, not crash-safe. Embedded store: Oxigraph's bulk loader (a crash leaves a partial store to delete), compacted after for fast queries. With --neo4j: the rows become CSV files for Neo4j's own offline importer (neo4j-admin database import full), which writes the database in --neo4j-data; our server on that folder is stopped if running (and empty), and started on the imported database at the --neo4j port, with the model's constraints and indexes. Refused (E150, nothing written) when that database holds anything.")] = False,
    neo4j_data: Annotated[Optional[Path], typer.Option("--neo4j-data", rich_help_panel="Store", help="With --bulk --neo4j: the data folder of our local server (`skg neo4j start --data DIR`; default: the one `skg neo4j start` uses), whose database the offline importer writes.")] = None,
    batch: BatchOpt = 500,
    old_batch: OldBatchOpt = None,
    corrections: CorrectionsOpt = None,
) -> None:
    """Load extraction rows into a store without parsing again: extract once, load into
    the embedded store, Neo4j and a SPARQL store alike.

    Each article replaces, in one transaction, what the store held for the same article
    and for an earlier text of the same source, so loading twice is idempotent. A
    malformed line (E024) or a row the model refuses (E032-E035) is reported and
    skipped; the rest load, and the exit code is 3. With --bulk, a new store is made in
    one go instead (for Neo4j, by Neo4j's own offline importer: see --bulk)."""
    from .. import pipeline as run
    from ..distributed import read_rows
    from ..graph.store import EmbeddedStore

    if bulk and spec.neo4j:
        return _bulk_into_neo4j(paths, spec, neo4j_data, corrections)
    if neo4j_data:
        raise typer.BadParameter("--neo4j-data is for --bulk --neo4j (the importer writes that folder)",
                                 param_hint="--neo4j-data")
    fixes, db = _open(spec, corrections)
    if bulk:
        if not isinstance(db, EmbeddedStore):
            raise typer.BadParameter("--bulk is for the embedded store and Neo4j", param_hint="--bulk")
        if db.article_count():
            fail(SkgError(Errors.E025.format(path=spec.path, n=db.article_count())))
        _run("loaded", spec, lambda progress: run.bulk_load(
            db, read_rows(paths), corrections=fixes, on_failure=show_failure, progress=progress), None)
        return
    _run("loaded", spec, lambda progress: run.load(
        db, read_rows(paths), corrections=fixes, batch=batch_size(batch, old_batch), on_failure=show_failure,
        progress=progress), None)


def _bulk_into_neo4j(paths: list[str], spec: StoreSpec, data: Path | None, corrections) -> None:
    """`skg load --bulk --neo4j`: the rows through Neo4j's offline importer into a new
    database of our local server (graph/neo4j_bulk.py), each step said as it starts."""
    import time

    from .. import pipeline as run
    from ..distributed import read_rows
    from ..graph import neo4j_bulk, servers
    from ..graph.corrections import load as load_corrections

    data = data or servers.NEO4J_DEFAULT_DATA
    began = time.monotonic()

    def phase(text: str) -> None:
        err.print(f"{time.monotonic() - began:7.1f} s  {plain(text)}", highlight=False)
    try:
        fixes = load_corrections(corrections)
        port = neo4j_bulk.local_port(spec.neo4j)
        neo4j_bulk.claim_empty(data, port, phase)
    except SkgError as e:
        fail(e)
    target = neo4j_bulk.BulkTarget(data, port, phase)
    phase("writing the rows as the importer's CSV files")
    with Ticker("reading", "articles", None) as progress:
        try:
            report = run.bulk_load(target, read_rows(paths), corrections=fixes, on_failure=show_failure,
                                   progress=lambda r: progress.update(r.processed + len(r.failures)))
        except SkgError as e:
            fail(e)
    done = target.imported
    forgotten = f", {report.forgotten} kept out by the corrections" if report.forgotten else ""
    err.print(f"{report.written} article(s) loaded ({report.statements} statements){forgotten}, "
              f"{len(report.failures)} input(s) failed: {done.nodes} nodes and {done.relationships} relationships "
              f"imported in {done.import_seconds:.1f} s ({done.relationships / max(done.import_seconds, 1e-9):.0f} "
              f"relationships/s; CSV {done.csv_seconds:.1f} s, start {done.start_seconds:.1f} s, constraints and "
              f"indexes {done.schema_seconds:.1f} s); Neo4j running at bolt://127.0.0.1:{port} on {plain(data)}")
    finish(report.failures, report.processed)
