"""What every command shares: the consoles, the options declared once (the store's
above all), reading inputs with their warnings shown, progress bars and exit codes.

Commands are thin: options -> a library call (graph/, loaders/) -> printing.
"""
from __future__ import annotations

import functools
import inspect
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..errors import SkgError
from ..graph.stores import StoreSpec
from ..loaders.article import LoadFailure

err = Console(stderr=True, soft_wrap=True)
out = Console()

EXIT_PARTIAL = 3  # some inputs failed, the rest were processed
DEFAULT_STORE = Path("skg-data")

ProcessesOpt = Annotated[int, typer.Option(
    help="Worker processes, each parsing and extracting a batch of articles (1: in this process).")]
DateOpt = Annotated[Optional[datetime], typer.Option(
    "--date", formats=["%Y-%m-%d"],
    help="Publication date for inputs that give none: relative dates (\"on Friday\") resolve against it. "
         "Without it such articles stay undated, with a warning (W003).")]
CorrectionsOpt = Annotated[Optional[Path], typer.Option(
    "--corrections", envvar="SKG_CORRECTIONS",
    help="A YAML file of corrections (retract statements, merge or retype nodes, forget articles; see "
         "docs/corrections.md), applied to every article written; stored articles written under other "
         "corrections are written again.")]
MaxMbOpt = Annotated[int, typer.Option("--max-mb", min=1, help="Largest input file to read, in MB (larger ones are refused, E015, before reading).")]
class OutFormat(str, Enum):
    table = "table"
    json = "json"


# One name for one thing across commands: `--format json` (as `skg query` says it) and
# `--batch-size` (as `skg extract` says it); the old names stay, hidden, and say so.
FormatOpt = Annotated[OutFormat, typer.Option("--format", help="table, or json for scripts.")]
JsonOpt = Annotated[bool, typer.Option("--json", hidden=True, help="Deprecated: --format json.")]
OldBatchOpt = Annotated[Optional[int], typer.Option("--batch", hidden=True, help="Deprecated: --batch-size.")]


def wants_json(fmt: OutFormat, as_json: bool) -> bool:
    """Whether to print JSON: `--format json`, or the deprecated `--json` (noted)."""
    if as_json:
        err.print("note: --json is deprecated; give --format json", highlight=False)
    return as_json or fmt is OutFormat.json


def batch_size(given: int, old: int | None) -> int:
    """The batch size: `--batch-size`, or the deprecated `--batch` (noted)."""
    if old is None:
        return given
    err.print("note: --batch is deprecated; give --batch-size", highlight=False)
    return old

# The store options: declared once here, added to every command that opens a store by
# `store_options`, and handed to it as one StoreSpec.
STORE_OPTIONS = {
    "store": (Path, DEFAULT_STORE, typer.Option("--store", rich_help_panel="Store", envvar="SKG_STORE", help="Folder of the embedded RDF store.")),
    "neo4j": (Optional[str], None, typer.Option("--neo4j", rich_help_panel="Store", envvar="SKG_NEO4J_URI", help="Use Neo4j at this Bolt URI (bolt://, neo4j://, neo4j+s:// for Aura) instead of the embedded store.")),
    "neo4j_user": (Optional[str], None, typer.Option("--neo4j-user", rich_help_panel="Store", envvar="NEO4J_USER", help="Neo4j user (or NEO4J_USER).")),
    "neo4j_password": (Optional[str], None, typer.Option("--neo4j-password", rich_help_panel="Store", envvar="NEO4J_PASSWORD", help="Neo4j password (or NEO4J_PASSWORD).")),
    "sparql_endpoint": (Optional[str], None, typer.Option("--sparql-endpoint", rich_help_panel="Store", envvar="SKG_SPARQL_ENDPOINT", help="Use a remote SPARQL 1.1 store: its query endpoint URL (updates go to URL-auth, Virtuoso's authenticated endpoint, unless --update-endpoint is given).")),
    "update_endpoint": (Optional[str], None, typer.Option("--update-endpoint", rich_help_panel="Store", envvar="SKG_SPARQL_UPDATE_ENDPOINT", help="The SPARQL 1.1 Update endpoint, if not the query URL + '-auth'.")),
    "sparql_user": (Optional[str], None, typer.Option("--sparql-user", rich_help_panel="Store", envvar="SKG_SPARQL_USER", help="User for the update endpoint (digest auth).")),
    "sparql_password": (Optional[str], None, typer.Option("--sparql-password", rich_help_panel="Store", envvar="SKG_SPARQL_PASSWORD", help="Password for the update endpoint.")),
}
WAIT_OPTION = (float, 5.0, typer.Option("--wait", rich_help_panel="Store", min=0, help="Seconds to wait while another process writes the embedded store (one writer at a time), before failing with E031."))


def store_options(writes: bool = False) -> Callable:
    """Give a command the store options (and --wait when it writes); the command takes
    them as one `spec: StoreSpec` parameter."""
    options = dict(STORE_OPTIONS, **({"wait": WAIT_OPTION} if writes else {}))

    def decorate(command: Callable) -> Callable:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "spec"]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                   annotation=Annotated[kind, option])
                 for name, (kind, default, option) in options.items()]

        @functools.wraps(command)
        def run(*args, **kwargs):
            given = {name: kwargs.pop(name) for name in options}
            spec = StoreSpec(path=given["store"], neo4j=given["neo4j"], neo4j_user=given["neo4j_user"],
                             neo4j_password=given["neo4j_password"], endpoint=given["sparql_endpoint"],
                             update_endpoint=given["update_endpoint"], sparql_user=given["sparql_user"],
                             sparql_password=given["sparql_password"], wait=given.get("wait", 0))
            return command(*args, spec=spec, **kwargs)
        run.__signature__ = inspect.Signature(own + added)
        run.__annotations__ = {p.name: p.annotation for p in own + added}
        return run
    return decorate


def plain(text: object) -> str:
    """Text from the inputs made safe to print: rich markup in it shown, not obeyed (a
    path holding `[/]` raised MarkupError), and characters with no UTF-8 (a file name's
    undecodable bytes, a lone surrogate) shown as escapes instead of failing the print."""
    from rich.markup import escape

    return escape(str(text).encode("utf-8", "backslashreplace").decode("utf-8"))


def cut(value: object, width: int) -> str:
    """Text on one line, at most `width` characters, an ellipsis where it was cut (a
    table cell that stops mid-word without one reads as the whole sentence)."""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def fail(error: SkgError) -> None:
    err.print(f"[red]error:[/red] {plain(error)}")
    raise typer.Exit(2)


def show_failure(failure: LoadFailure) -> None:
    err.print(f"[yellow]skipped[/yellow] {plain(failure.message)}")


def articles(paths: list[str], default_date: datetime | None = None, max_mb: int = 64,
             repeats_fail: bool = True) -> Iterator:
    """The articles of `paths` (and the failures, for the caller to count), their
    warnings shown as they come. A text met twice is a failure where it would be stored
    twice (`repeats_fail`), only a note where nothing is stored (extraction)."""
    from ..loaders.readers import read_paths

    for item in read_paths(paths, max_bytes=max_mb * 2**20,
                           default_date=default_date.date() if default_date else None):
        if isinstance(item, LoadFailure) and not repeats_fail and item.message.startswith("E023"):
            err.print(f"[cyan]note[/cyan] {plain(item.message)} (extracted once)", highlight=False)
            continue
        if not isinstance(item, LoadFailure):
            for warning in item.meta.get("warnings", []):
                show_warning(warning)
        yield item


def show_warning(message: str) -> None:
    err.print(f"[yellow]warning[/yellow] {plain(message)}")


def progress_bar(counted: str, transient: bool = False) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} " + counted),
                    TimeElapsedColumn(), console=err, transient=transient)


def expected_articles(paths: list[str], max_mb: int) -> int:
    """How many articles the inputs hold, counted before any is read whole: a file is
    one, a JSON Lines feed one a non-empty line (counted in chunks; a file over
    --max-mb is refused anyway, so it counts one). The total of the ingest bar."""
    from ..loaders.readers import expand

    total = 0
    for item in expand(paths):
        if isinstance(item, LoadFailure) or item.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            if item.stat().st_size > max_mb * 2**20:
                total += 1
                continue
            with item.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


class Ticker:
    """Progress of a long run over a known total: a bar with the count, total, elapsed
    time and time left on a terminal; on a pipe or a log file (no bar can be drawn) a
    line every `every` seconds, so a long ingest is never silent."""

    def __init__(self, description: str, counted: str, total: int | None, every: float = 10.0):
        import time

        self.description, self.counted, self.total, self.every = description, counted, total, every
        self.clock = time.monotonic
        self.started = self.last = self.clock()
        self.done = 0
        self.bar = None if not err.is_terminal else Progress(
            TextColumn("{task.description}"), BarColumn(),
            TextColumn("{task.completed}" + (" of {task.total} " if total else " ") + counted), TimeElapsedColumn(),
            *((TextColumn("left"), TimeRemainingColumn()) if total else ()), console=err)

    def __enter__(self) -> Ticker:
        if self.bar:
            self.bar.__enter__()
            self.task = self.bar.add_task(self.description, total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.__exit__(*exc)

    def update(self, done: int) -> None:
        self.done = done
        if self.bar:
            self.bar.update(self.task, completed=done)
        elif self.clock() - self.last >= self.every or done == self.total:
            self.last = self.clock()
            err.print(self.line(), highlight=False)

    def line(self) -> str:
        """The progress as one line: "ingesting: 120 of 5000 articles (2%), 40 s, about 27 min left"."""
        elapsed = self.clock() - self.started
        if not self.total:
            return f"{self.description}: {self.done} {self.counted}, {_span(elapsed)}"
        share = self.done / self.total if self.total else 1.0
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        return (f"{self.description}: {self.done} of {self.total} {self.counted} ({share:.0%}), {_span(elapsed)}"
                + (f", about {_span(left)} left" if left is not None and self.done < self.total else ""))


def _span(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def finish(failures: list, done: int) -> None:
    """Exit 0 when every input was processed, 3 (partial) when some failed and the rest
    were processed, 2 when nothing could be processed at all."""
    if failures:
        reasons = Counter(f.message.split(" ", 1)[0] for f in failures)
        err.print(f"{len(failures)} input(s) skipped: " + ", ".join(f"{n} x {code}" for code, n in reasons.items()))
        raise typer.Exit(EXIT_PARTIAL if done else 2)
