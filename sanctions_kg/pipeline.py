"""The pipeline: the one ingest loop that joins the readers and the extractor
(loaders/) to the stores (graph/), turning articles (or extraction rows) into a store
for the CLI, the notebook, the benchmarks and the tests alike. It lives here, above
both, so that graph/ never imports loaders/ (tests/test_layers.py checks it).

What it guarantees, whoever calls it:
- an article already stored (same text, so same id, under the same corrections) is
  skipped, so re-running is cheap and idempotent;
- an edited text from the same source replaces the stored one (its facts go, the new
  ones come, in the same transaction); a feed row without a source of its own
  (`meta["replaceable"]` False) replaces nothing;
- a corrections file is applied to every row before any store sees it, and articles it
  forgets are removed and kept out;
- each row becomes the model's records once (graph/records.py): a row the model
  refuses is that article's failure, not the run's;
- articles go to the store in batches (`batch` per transaction where the store takes
  batches), each wholly in or wholly out.

Failures of reading and of the model are collected in the `Report` and passed to
`on_failure` as they happen; `progress` is called after every input dealt with
(written, already stored, or failed).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
import os

from .errors import Errors, SkgError
from .graph import records
from .graph.corrections import Corrections
from .graph.records import ArticleRecords
from .graph.stores import Store
from .loaders.article import Article, LoadFailure
from .loaders.extract.types import Extraction
from .loaders.readers import Scope, real


@dataclass
class Report:
    """What an ingest or load did."""
    written: int = 0
    statements: int = 0
    replaced: int = 0      # written over an earlier text of the same source
    skipped: int = 0       # already stored
    forgotten: int = 0     # kept out by the corrections
    pruned: int = 0        # forgotten by --sync: their inputs no longer hold them
    kept: int = 0          # not met again, but kept by --sync: their inputs could not be read this time
    unmatched: list[str] = field(default_factory=list)  # corrections rules that matched nothing written (E140, E141)
    failures: list[LoadFailure] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """Inputs dealt with (written, already there, or kept out on purpose)."""
        return self.written + self.skipped + self.forgotten


Progress = Callable[[Report], None]
OnFailure = Callable[[LoadFailure], None]


class Writer:
    """Writes records to a store in batches of `batch` articles (one transaction each
    where the store batches: Neo4j). Which stored article each replaces is asked
    (`replaces`) when the batch is written, not when the article was read: an input
    read in between may have shown that the article to replace is still there."""

    def __init__(self, store: Store, batch: int, written: Callable[[ArticleRecords], None] = lambda rec: None,
                 replaces: Callable[[str], str | None] = lambda article_id: None):
        self.store, self.batch, self.written, self.replaces = store, max(1, batch), written, replaces
        self.pending: list[ArticleRecords] = []

    def add(self, rec: ArticleRecords) -> None:
        self.pending.append(rec)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            replaces = {rec.id: old for rec in self.pending if (old := self.replaces(rec.id))}
            self.store.write_many(self.pending, replaces)
            for rec in self.pending:  # counted once the store has them, not before
                self.written(rec)
            self.pending = []


class _Run:
    """One ingest or load: the report, the callbacks, the store and the corrections."""

    def __init__(self, store: Store, corrections: Corrections | None, on_failure: OnFailure | None,
                 progress: Progress | None):
        self.store, self.fixes = store, corrections
        self.report = Report()
        self.on_failure, self.progress = on_failure, progress
        self.replaced: dict[str, str] = {}
        self.seen: set[str] = set()         # articles the inputs hold: never replaced, never pruned
        self.unread: set[str] = set()       # inputs (files, folders) whose content is unknown this time
        self.texts: dict[str, str] = {}     # the texts of the articles an `add` correction names
        if corrections:
            corrections.bind(store)         # a rule may name a node by the label the store shows

    def fail(self, failure: LoadFailure) -> None:
        """Report the failure; unless it shows what its input holds (an empty file, a
        row without text), remember the input as unread, so --sync keeps what it held."""
        if not failure.known:
            self.unread.add(real(failure.read_from or failure.source.partition("#L")[0]))
        self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)
        self.advanced()

    def kept_out(self, header: dict) -> bool:
        """Whether the corrections forget this article (then it is removed if stored)."""
        if self.fixes and self.fixes.forgets(header):
            if self.store.has_article(header["id"]):
                self.store.forget(header["id"])
            self.report.forgotten += 1
            return True
        return False

    def note_earlier_text(self, article_id: str, source: str | None) -> None:
        """The stored article of the same source, which this text replaces unless the
        inputs turn out to hold it too (`replaces`)."""
        self.seen.add(article_id)
        old = self.store.article_for_source(source) if source else None
        if old and old != article_id:
            self.replaced[article_id] = old

    def replaces(self, article_id: str) -> str | None:
        """The article this one replaces, asked when it is written: none when the inputs
        hold that one too (a file renamed, and its old name given to a new text)."""
        old = self.replaced.get(article_id)
        if old in self.seen:
            del self.replaced[article_id]
            return None
        return old

    def still_there(self, a: Article) -> None:
        """A stored article met again: where it is read from now is where it lives (a
        renamed file), so a new text under its old name replaces nothing."""
        self.seen.add(a.id)
        self.report.skipped += 1
        self.advanced()
        if a.meta.get("replaceable", True) and a.source and self.store.article_for_source(a.source) != a.id:
            self.store.relocate(a.id, {k: v for k, v in (("source", a.source), ("read_from", a.read_from)) if v})

    def unread_now(self, read_from: str) -> bool:
        """Whether the file was not read this time, itself or the folder it lies in."""
        return any(read_from == u or read_from.startswith(u.rstrip(os.sep) + os.sep) for u in self.unread)

    def prune(self, within: Scope) -> None:
        """Forget the stored articles read from the inputs in `within` that they no
        longer hold (deleted files, rows taken out of a feed, texts edited in place).
        Only what is known to be gone goes: an article whose input could not be read
        this time (a folder not listed, a file refused, a feed row that is not JSON) is
        kept and counted (`kept`), since what the input holds is not known."""
        for article_id, read_from in self.store.origins().items():
            if not within.covers(read_from) or article_id in self.seen:
                continue
            if self.unread_now(read_from):
                self.report.kept += 1
            else:
                self.store.forget(article_id)
                self.report.pruned += 1

    def records(self, row: dict | Extraction) -> ArticleRecords | None:
        """The row or extraction, corrected, as records; None (and a failure) when the
        model refuses it. The article is then not stored: under --sync its input keeps
        what it held. An extraction becomes records directly; only corrections, which
        are written against the row `skg extract` prints, need it as that row."""
        art = row.get("article") if isinstance(row, dict) else row.article
        art = art if isinstance(art, dict) else {}
        where = art.get("source") or art.get("id")
        read_from = art.get("read_from")
        try:
            if self.fixes:
                art_id = art.get("id")
                text = self.texts.pop(art_id, None) if art_id else None
                return records.of(self.fixes.apply(row if isinstance(row, dict) else row.to_json(), text))
            return records.of(row)
        except SkgError as err:
            self.fail(LoadFailure(where, str(err), read_from=read_from))
        except (KeyError, TypeError, ValueError, AttributeError) as err:  # a field missing or of the wrong kind
            reason = f"no {err}" if isinstance(err, KeyError) else str(err)
            self.fail(LoadFailure(where, Errors.E037.format(where=where, reason=reason), read_from=read_from))
        return None

    def written(self, rec: ArticleRecords) -> None:
        self.report.written += 1
        self.report.statements += len(rec.statements)
        if rec.id in self.replaced:
            self.report.replaced += 1
        self.advanced()

    def advanced(self) -> None:
        """Tell `progress` (a bar counts every input dealt with, not only those written)."""
        if self.progress:
            self.progress(self.report)


def ingest(store: Store, articles: Iterable[Article | LoadFailure], extractor=None, *,
           corrections: Corrections | None = None, force: bool = False, batch: int = 50,
           processes: int = 1, sync: Scope | None = None, on_failure: OnFailure | None = None,
           progress: Progress | None = None, on_warning: Callable[[str], None] | None = None) -> Report:
    """Extract the articles not yet stored and write them (see the module's guarantees).
    `force` extracts and writes stored articles again. With `sync` (the `readers.scope`
    of the inputs), the store is left holding exactly what the inputs hold: the stored
    articles read from them that they no longer hold are forgotten. `on_warning` is
    given each reader's warning about an article (undated, not English) as it is read."""
    if extractor is None:
        from .loaders.extract.pipeline import Extractor
        extractor = Extractor()
    run = _Run(store, corrections, on_failure, progress)

    def pending() -> Iterator[Article]:
        """Articles not yet stored, streamed: memory stays flat however large the input."""
        for a in articles:
            if isinstance(a, LoadFailure):
                run.fail(a)
                continue
            for warning in a.meta.get("warnings", []) if on_warning else ():
                on_warning(warning)  # undated, not English, ...: said as each article is read
            if run.kept_out(a.header()):
                continue
            if not force and store.has_article(a.id, corrections.fingerprint if corrections else None):
                run.still_there(a)
            else:
                run.seen.add(a.id)
                if corrections and corrections.wants_text(a.header()):
                    run.texts[a.id] = a.text  # the quote of an added fact is found in it
                if a.meta.get("replaceable", True):
                    run.note_earlier_text(a.id, a.source)
                yield a

    report = _write(run, extractor.extract_many(pending(), n_process=processes), batch)
    if sync is not None:
        run.prune(sync)
        store.flush()
    return report


def _write(run: _Run, rows: Iterable[dict | Extraction], batch: int) -> Report:
    """Each row or extraction as records, in batches, then made durable."""
    writer = Writer(run.store, batch, run.written, run.replaces)
    for row in rows:
        rec = run.records(row)
        if rec is not None:
            writer.add(rec)
    writer.flush()
    run.store.flush()
    if run.fixes and run.report.written:  # rules are tried on what was written; nothing written, nothing to say
        run.report.unmatched = run.fixes.unmatched()
    return run.report


def load(store: Store, rows: Iterable[dict | LoadFailure], *, corrections: Corrections | None = None,
         batch: int = 500, on_failure: OnFailure | None = None, progress: Progress | None = None) -> Report:
    """Write extraction rows (what `skg extract --format jsonl` printed) without parsing
    again: each replaces, in one transaction, what the store held for the same article
    and for an earlier text of the same source."""
    run = _Run(store, corrections, on_failure, progress)

    def accepted() -> Iterator[dict]:
        for row in rows:
            if isinstance(row, LoadFailure):
                run.fail(row)
            elif not run.kept_out(row["article"]):
                run.note_earlier_text(row["article"]["id"], row["article"].get("source"))
                yield row
    return _write(run, accepted(), batch)


def bulk_load(store, rows: Iterable[dict | LoadFailure], *, corrections: Corrections | None = None,
              on_failure: OnFailure | None = None, progress: Progress | None = None) -> Report:
    """Rows into a new, empty embedded store through Oxigraph's bulk loader (fast, not
    crash-safe): nothing is stored yet, so nothing is skipped or replaced."""
    run = _Run(store, corrections, on_failure, progress)

    def accepted() -> Iterator[ArticleRecords]:
        for row in rows:
            if isinstance(row, LoadFailure):
                run.fail(row)
            elif not (corrections and corrections.forgets(row["article"])):
                rec = run.records(row)
                if rec is not None:
                    yield rec
                    run.written(rec)
            else:
                run.report.forgotten += 1
    store.bulk_load(accepted())
    return run.report
