"""`skg extract --workers N | --scheduler ADDR --out DIR`: the command's cluster path.

Kept apart from `process.py` so that the single-machine path stays what it was (and
imports no dask); the work itself is in `sanctions_kg/distributed.py`.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..errors import Errors, SkgError
from .common import articles, err, fail, finish, plain, progress_bar, show_failure


def check_options(workers: int | None, scheduler: str | None, out: Path | None, jsonl: bool) -> None:
    """The cluster options make sense together, or a coded error and exit 2."""
    if workers and scheduler:
        fail(SkgError(Errors.E080.format(reason="give --workers N (a local cluster) or --scheduler ADDRESS, not both")))
    if out is None:
        fail(SkgError(Errors.E080.format(reason="--workers and --scheduler write partitions: give --out DIR")))
    if not (workers or scheduler):
        fail(SkgError(Errors.E080.format(reason="--out writes a cluster's partitions: give --workers N or "
                                                "--scheduler ADDRESS too (without them rows are printed)")))
    if not jsonl:
        fail(SkgError(Errors.E080.format(reason="partitions are JSON Lines or Parquet (--partition-format); "
                                                "leave out --format")))


def extract_on_cluster(paths: list[str], out: Path, *, workers: int | None, scheduler: str | None,
                       pipeline: str | None, partition_size: int, batch_size: int, date: datetime | None,
                       max_mb: int, fmt: str = "jsonl") -> None:
    """Run the extraction on the cluster under a progress bar fed as the scheduler
    reports partitions done, then say what was written and what was skipped."""
    import logging

    from .. import distributed

    import distributed as _dask  # noqa: F401 - dask sets its loggers' levels as it loads: quiet them after

    # the client logs a lost scheduler with a traceback; the run ends with E086 instead
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("distributed")] + ["distributed"]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    shown = "inputs"
    try:
        distributed.prepare_folder(out, partition_size)  # a folder that cannot be resumed fails before the cluster starts
        with distributed.cluster_client(workers, scheduler) as client, progress_bar("articles") as progress:
            count = len(client.scheduler_info(n_workers=-1).get("workers", {}))
            shown = f"{count} worker(s) at {client.scheduler.address}"
            task = progress.add_task(f"extracting on {count} worker(s)", total=None)
            report = distributed.run(
                client, articles(paths, date, max_mb, repeats_fail=False), out, pipeline=pipeline,
                partition_size=partition_size, batch_size=batch_size, fmt=fmt,
                progress=lambda n: progress.advance(task, n), on_failure=show_failure)
    except SkgError as e:
        fail(e)
    for failure in report.failures:
        if failure.message.startswith("E082"):
            err.print(f"[red]failed[/red] {plain(failure.message)}")
    err.print(f"{report.articles} article(s) in {report.partitions} partition(s) of {plain(out)}: "
              f"{report.written} written by {shown}, {report.resumed} already written by an earlier run; "
              f"{report.relations} relations; `skg load {plain(out)}` loads them")
    finish(report.failures, report.articles)
