"""`skg`: extract, ingest, query and export the sanctions knowledge graph."""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import answers
from .answers import AnswerFormat
from .errors import Errors, SkgError

app = typer.Typer(help=__doc__ + "\n\nArticles (plain text, HTML, JSON Lines; files, folders or globs) become "
                  "states, officials, organisations, resolutions, proposals and sanctions joined by "
                  "typed, evidenced relations, stored by default in an embedded RDF store (./skg-data).",
                  no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False)
schema_app = typer.Typer(help="The model: regenerate or check the artefacts made from schema/model.yaml.")
app.add_typer(schema_app, name="schema")

err = Console(stderr=True, soft_wrap=True)
out = Console()


def _version(value: bool) -> None:
    """Print the versions that matter for a bug report and for reusing a store."""
    if not value:
        return
    from importlib.metadata import version

    from .graph.store import STORE_FORMAT
    from .schema import load_model

    out.print(f"sanctions-kg {version('sanctions-kg')}, model {load_model().version}, "
              f"store format {STORE_FORMAT}", highlight=False)
    raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the package, model and store format versions and exit.")] = None) -> None:
    """Shell completion: `skg --install-completion` (bash, zsh, fish, PowerShell)."""


EXIT_PARTIAL = 3  # some inputs failed, the rest were processed

ProcessesOpt = Annotated[int, typer.Option(
    help="Worker processes, each parsing and extracting a batch of articles (1: in this process).")]
StoreOpt = Annotated[Path, typer.Option("--store", help="Folder of the embedded RDF store.", envvar="SKG_STORE")]
Neo4jOpt = Annotated[Optional[str], typer.Option("--neo4j", help="Use Neo4j at this Bolt URI (bolt://, neo4j://, neo4j+s:// for Aura) instead of the embedded store.", envvar="SKG_NEO4J_URI")]
Neo4jUserOpt = Annotated[Optional[str], typer.Option("--neo4j-user", help="Neo4j user (or NEO4J_USER).", envvar="NEO4J_USER")]
Neo4jPasswordOpt = Annotated[Optional[str], typer.Option("--neo4j-password", help="Neo4j password (or NEO4J_PASSWORD).", envvar="NEO4J_PASSWORD")]
EndpointOpt = Annotated[Optional[str], typer.Option("--sparql-endpoint", help="Use a remote SPARQL 1.1 store: its query endpoint URL (updates go to URL-auth, Virtuoso's authenticated endpoint, unless --update-endpoint is given).", envvar="SKG_SPARQL_ENDPOINT")]
UpdateEndpointOpt = Annotated[Optional[str], typer.Option("--update-endpoint", help="The SPARQL 1.1 Update endpoint, if not the query URL + '-auth'.", envvar="SKG_SPARQL_UPDATE_ENDPOINT")]
SparqlUserOpt = Annotated[Optional[str], typer.Option("--sparql-user", help="User for the update endpoint (digest auth).", envvar="SKG_SPARQL_USER")]
SparqlPasswordOpt = Annotated[Optional[str], typer.Option("--sparql-password", help="Password for the update endpoint.", envvar="SKG_SPARQL_PASSWORD")]
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
WaitOpt = Annotated[float, typer.Option(
    "--wait", min=0, help="Seconds to wait while another process writes the embedded store (one writer at a "
                          "time), before failing with E031.")]
DEFAULT_STORE = Path("skg-data")


def open_store(store: Path, neo4j: str | None = None, neo4j_user: str | None = None,
               neo4j_password: str | None = None, endpoint: str | None = None,
               update_endpoint: str | None = None, sparql_user: str | None = None,
               sparql_password: str | None = None, read_only: bool = False, wait: float = 0):
    """The embedded store, or Neo4j, or a remote SPARQL store, as the options say."""
    if neo4j and endpoint:
        raise typer.BadParameter("give --neo4j or --sparql-endpoint, not both")
    if neo4j:
        from .graph.neo4j_store import Neo4jStore
        return Neo4jStore(neo4j, neo4j_user, neo4j_password)
    if endpoint:
        from .graph.remote import SparqlEndpointStore
        return SparqlEndpointStore(endpoint, update_endpoint, sparql_user, sparql_password)
    from .graph.store import EmbeddedStore
    if read_only and not store.exists():
        raise SkgError(Errors.E011.format(path=store, reason="no store there; run `skg ingest` first"))
    return EmbeddedStore(store, read_only=read_only, wait=wait)


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _fail(error: SkgError) -> None:
    err.print(f"[red]error:[/red] {error}")
    raise typer.Exit(2)


def _articles(paths: list[str], failures: list, default_date: datetime | None = None, repeats_fail: bool = True,
              max_mb: int = 64):
    """The articles of `paths`, their warnings and failures reported on stderr as they
    come. A text met twice is a failure where it would be stored twice (`repeats_fail`),
    and only a note where nothing is stored (extraction)."""
    from .loaders.article import LoadFailure
    from .loaders.readers import read_paths

    for item in read_paths(paths, max_bytes=max_mb * 2**20, default_date=default_date.date() if default_date else None):
        if isinstance(item, LoadFailure) and not repeats_fail and item.message.startswith("E023"):
            err.print(f"[cyan]note[/cyan] {item.message} (extracted once)", highlight=False)
            continue
        if isinstance(item, LoadFailure):
            failures.append(item)
            err.print(f"[yellow]skipped[/yellow] {item.message}")
            continue
        for warning in item.meta.get("warnings", []):
            err.print(f"[yellow]warning[/yellow] {warning}")
        yield item


def _note_earlier_text(db, article_id: str, source: str | None, replaced: dict[str, str]) -> None:
    """Record in `replaced` the stored article read from the same source with another
    text: the new text replaces its facts."""
    old = db.article_for_source(source) if source else None
    if old and old != article_id:
        replaced[article_id] = old


def statements_in(row: dict) -> int:
    """The statements an extraction row makes (relations whose ends it names): the count
    reported after writing, the same whichever store and whichever path wrote it."""
    ids = {e["id"] for e in row["entities"]}
    return sum(1 for r in row["relations"] if r["source"] in ids and r["target"] in ids)


class Writer:
    """Writes extraction rows to a store: in batches of `batch` articles, one
    transaction each, where the store takes batches (Neo4j); else one at a time."""

    def __init__(self, db, batch: int):
        self.db, self.batch = db, max(1, batch)
        self.pending: list[tuple[dict, str | None]] = []

    def add(self, row: dict, replaces: str | None = None) -> None:
        if not hasattr(self.db, "write_many"):
            self.db.write(row, replaces=replaces)
            return
        self.pending.append((row, replaces))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            rows = [r for r, _ in self.pending]
            self.db.write_many(rows, {r["article"]["id"]: old for r, old in self.pending})
            self.pending.clear()

    def close(self) -> None:
        """Write what is pending."""
        self.flush()


def _summary(failures: list) -> None:
    if failures:
        reasons = Counter(f.message.split(" ", 1)[0] for f in failures)
        err.print(f"{len(failures)} input(s) skipped: " + ", ".join(f"{n} x {code}" for code, n in reasons.items()))


def _finish(failures: list, done: int) -> None:
    """Exit 0 when every input was processed, 3 (partial) when some failed and the rest
    were processed, 2 when nothing could be processed at all."""
    _summary(failures)
    if failures:
        raise typer.Exit(EXIT_PARTIAL if done else 2)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="jsonl: one JSON object per article (the scorers' contract); json: one array; table: a readable summary.")] = ExtractFormat.jsonl,
    processes: ProcessesOpt = 1,
    batch_size: Annotated[int, typer.Option(help="Articles per parser batch.")] = 16,
    pipeline: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use instead of en_core_web_sm.")] = None,
    date: DateOpt = None,
    max_mb: MaxMbOpt = 64,
) -> None:
    """Extract entities and relations from articles and print them (nothing is stored)."""
    from .loaders.extract.pipeline import Extractor

    failures: list = []
    try:
        extractor = Extractor(pipeline)
    except SkgError as e:
        _fail(e)
    rows = []
    done = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        for ex in extractor.extract_many(_articles(paths, failures, date, repeats_fail=False, max_mb=max_mb), batch_size=batch_size,
                                         n_process=processes):
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
            t = Table(title=f"{row['article']['title'] or row['article']['source']} ({row['article']['published']})")
            for col in ("relation", "source", "target", "date", "evidence"):
                t.add_column(col)
            for r in row["relations"]:
                t.add_row(r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"]),
                          r.get("ref_date") or "", r["evidence"]["sentence"][:90])
            out.print(t)
    _finish(failures, done)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    neo4j_user: Neo4jUserOpt = None,
    neo4j_password: Neo4jPasswordOpt = None,
    sparql_endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    sparql_user: SparqlUserOpt = None,
    sparql_password: SparqlPasswordOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles already in the store.")] = False,
    processes: ProcessesOpt = 1,
    batch: Annotated[int, typer.Option(help="Articles per transaction where the store batches (Neo4j).")] = 50,
    date: DateOpt = None,
    corrections: CorrectionsOpt = None,
    wait: WaitOpt = 5,
    max_mb: MaxMbOpt = 64,
) -> None:
    """Extract articles and write them into the embedded store, one named graph each.

    Re-running is safe: an article already stored (same text, same id) is skipped, and
    an article is written in one transaction, so it is wholly in or wholly out. With
    --corrections, articles stored under other corrections are written again."""
    from .graph.corrections import load as load_corrections
    from .loaders.extract.pipeline import Extractor

    failures: list = []
    try:
        fixes = load_corrections(corrections)
        db = open_store(store, neo4j, neo4j_user, neo4j_password, sparql_endpoint, update_endpoint,
                        sparql_user, sparql_password, wait=wait)
        extractor = Extractor()
    except SkgError as e:
        _fail(e)
    replaced: dict[str, str] = {}
    skipped = written = statements = forgotten = 0

    def pending():
        """Articles not yet stored, streamed: memory stays flat however large the input."""
        nonlocal skipped, forgotten
        for a in _articles(paths, failures, date, max_mb=max_mb):
            if fixes and fixes.forgets(a.header()):
                if db.has_article(a.id):
                    db.remove_article(a.id)
                forgotten += 1
                continue
            if not force and db.has_article(a.id, fixes.fingerprint if fixes else None):
                skipped += 1
                continue
            if a.meta.get("replaceable", True):  # a feed row without a source replaces nothing
                _note_earlier_text(db, a.id, a.source, replaced)
            yield a

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} written"),
                  TimeElapsedColumn(), console=err, transient=False) as progress:
        task = progress.add_task("ingesting", total=None)
        writer = Writer(db, batch)
        try:
            for ex in extractor.extract_many(pending(), n_process=processes):
                row = fixes.apply(ex.to_json()) if fixes else ex.to_json()
                writer.add(row, replaced.get(ex.article["id"]))
                written += 1
                statements += statements_in(row)
                progress.advance(task)
            writer.close()
        except SkgError as e:
            err.print(f"{written} article(s) written before the failure")
            _fail(e)
    db.flush()
    where = neo4j or sparql_endpoint or store
    err.print(f"{written} article(s) written ({statements} statements), {len(replaced)} of them replacing an earlier "
              f"text of the same source, {skipped} already stored, {len(failures)} input(s) failed"
              + (f", {forgotten} kept out by the corrections" if forgotten else "") + f"; store: {where}")
    _finish(failures, written + skipped + forgotten)


@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="JSON Lines files (folders, globs) of extraction rows, as `skg extract --format jsonl` prints them.")],
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    neo4j_user: Neo4jUserOpt = None,
    neo4j_password: Neo4jPasswordOpt = None,
    sparql_endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    sparql_user: SparqlUserOpt = None,
    sparql_password: SparqlPasswordOpt = None,
    bulk: Annotated[bool, typer.Option(help="Use Oxigraph's bulk loader: much faster, for a new, empty embedded store only, and not crash-safe (a crash leaves a partial store to delete); the store is compacted after, for fast queries.")] = False,
    batch: Annotated[int, typer.Option(help="Articles per transaction where the store batches (Neo4j).")] = 500,
    corrections: CorrectionsOpt = None,
    wait: WaitOpt = 5,
) -> None:
    """Load extraction rows into a store without parsing again: extract once, load into
    the embedded store, Neo4j and a SPARQL store alike.

    Each article replaces, in one transaction, what the store held for the same article
    and for an earlier text of the same source, so loading twice is idempotent. A
    malformed line is reported (E024) and skipped; the rest load, and the exit code is 3."""
    from .graph.corrections import load as load_corrections
    from .loaders.article import LoadFailure
    from .loaders.extractions import read_extractions

    failures: list = []
    try:
        fixes = load_corrections(corrections)
        db = open_store(store, neo4j, neo4j_user, neo4j_password, sparql_endpoint, update_endpoint,
                        sparql_user, sparql_password, wait=wait)
    except SkgError as e:
        _fail(e)

    replaced: dict[str, str] = {}

    def rows():
        for item in read_extractions(paths):
            if isinstance(item, LoadFailure):
                failures.append(item)
                err.print(f"[yellow]skipped[/yellow] {item.message}")
                continue
            if fixes:
                if fixes.forgets(item["article"]):
                    if not bulk and db.has_article(item["article"]["id"]):
                        db.remove_article(item["article"]["id"])
                    continue
                item = fixes.apply(item)
            if not bulk:  # a new, empty store holds no earlier text
                _note_earlier_text(db, item["article"]["id"], item["article"].get("source"), replaced)
            yield item

    written = statements = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), console=err, transient=False) as progress:
        task = progress.add_task("loading", total=None)

        def counted(items):
            nonlocal written, statements
            for row in items:
                yield row
                written += 1
                statements += statements_in(row)
                progress.advance(task)
        try:
            if bulk:
                if not hasattr(db, "bulk_load"):
                    raise typer.BadParameter("--bulk is for the embedded store")
                if len(db):
                    _fail(SkgError(Errors.E025.format(path=store, n=db.article_count())))
                def then_compacting(items):
                    yield from items
                    progress.update(task, description="writing facts, compacting")
                db.bulk_load(then_compacting(counted(rows())))
            else:
                writer = Writer(db, batch)
                for row in counted(rows()):
                    writer.add(row, replaced.get(row["article"]["id"]))
                writer.close()
        except SkgError as e:
            err.print(f"{written} article(s) loaded before the failure")
            _fail(e)
    db.flush()
    err.print(f"{written} article(s) loaded ({statements} statements), {len(replaced)} of them replacing an earlier "
              f"text of the same source, {len(failures)} line(s) failed; "
              f"store: {neo4j or sparql_endpoint or store}")
    _finish(failures, written)


def _text_arg(value: str) -> str:
    if value.startswith("@"):
        return Path(value[1:]).read_text(encoding="utf-8")
    return value


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Option("--sparql", help="A SPARQL query, or @FILE to read it from a file. Prefixes skg:, id:, rdf:, rdfs:, prov:, owl:, xsd: are predefined. CONSTRUCT/DESCRIBE print N-Triples, ASK prints true or false.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="A named question of the catalogue (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="key=value for a named question (repeatable). An optional parameter left out means: for every value.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named questions and their parameters.")] = False,
    cypher: Annotated[Optional[str], typer.Option("--cypher", help="A Cypher query (with --neo4j), or @FILE.")] = None,
    fmt: Annotated[AnswerFormat, typer.Option("--format", help="auto: a table when it fits the terminal, else one block per row with the sentence whole; table, records; json, csv, tsv, markdown for scripts and documents.")] = AnswerFormat.auto,
    limit: Annotated[Optional[int], typer.Option("--limit", min=0, help="Show at most this many rows (the count of all is still printed).")] = None,
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    neo4j_user: Neo4jUserOpt = None,
    neo4j_password: Neo4jPasswordOpt = None,
    sparql_endpoint: EndpointOpt = None,
    sparql_user: SparqlUserOpt = None,
    sparql_password: SparqlPasswordOpt = None,
    write: Annotated[bool, typer.Option("--write", help="Allow updates (refused otherwise).")] = False,
) -> None:
    """Ask the graph a question: SPARQL on the embedded or a remote store (the default
    graph is the union of all articles), Cypher on Neo4j, or a named question on any.
    Each answer row names the article behind its sentence (title, source, date); the
    number of rows is printed after the answer, on standard error."""
    from .graph import catalogue

    if list_:
        for q in catalogue.queries().values():
            usage = " ".join(f"--param {p.name}={p.example!r}" if p.required else f"[--param {p.name}={p.example!r}]"
                             for p in q.params.values())
            out.print(f"[bold]{q.name}[/bold] {usage} ({', '.join(q.texts)})\n  {q.description}", highlight=False)
        return
    try:
        params = _params(param)
        if cypher and not neo4j:
            raise typer.BadParameter("--cypher needs --neo4j URI")
        if sparql and neo4j:
            raise typer.BadParameter("Neo4j answers Cypher: use --cypher or --name")
        if not (name or sparql or cypher):
            raise typer.BadParameter(f"give --{'cypher' if neo4j else 'sparql'}, --name or --list")
        db = open_store(store, neo4j, neo4j_user, neo4j_password, sparql_endpoint, None, sparql_user,
                        sparql_password, read_only=not write)
        if neo4j:
            text, values = catalogue.render(name, params, "cypher") if name else (_text_arg(cypher), params)
            result = db.cypher(text, values, write=write)
        else:
            text = catalogue.render(name, params, "sparql")[0] if name else _text_arg(sparql)
            result = db.query(text, write=write)
    except SkgError as e:
        _fail(e)
    if name:
        for left in catalogue.left_out(name, params):
            err.print(f"answering for every {left} (no --param {left}=... given)", highlight=False)
    _print_answer(result, fmt, limit)


def _params(given: list[str] | None) -> dict[str, str]:
    params = {}
    for item in given or []:
        if "=" not in item:
            raise typer.BadParameter(f"--param {item!r}: write key=value")
        key, value = item.split("=", 1)
        params[key.strip()] = value
    return params


def _print_answer(result, fmt: AnswerFormat, limit: int | None) -> None:
    """Whatever the store answered, printed: rows in `fmt`, a boolean, triples as
    N-Triples, or the note that an update ran."""
    import shutil

    from .graph.store import Answer

    answer = Answer.of(result)
    if answer.kind == "update":
        err.print("update done, in this store only: statements and fact summaries are not recomputed, and the "
                  "next rewrite of an article undoes it; to correct the graph for good, use a corrections file "
                  "(docs/corrections.md)", highlight=False)
    elif answer.kind == "boolean":
        sys.stdout.write(("true" if answer.boolean else "false") + "\n")
    elif answer.kind == "triples":
        sys.stdout.buffer.write(answer.ntriples)
        sys.stdout.flush()
        n = answer.ntriples.count(b"\n")
        err.print(f"{n} triple{'s' if n != 1 else ''}")
    else:
        shown = answer.rows if limit is None else answer.rows[:limit]
        width = shutil.get_terminal_size((100, 24)).columns
        bold = (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))) and not os.environ.get("NO_COLOR")
        sys.stdout.write(answers.render(answer.names, shown, fmt, width, highlight=bold))
        sys.stdout.flush()
        total = len(answer.rows)
        more = f", {len(shown)} shown (--limit)" if len(shown) < total else ""
        err.print(f"{total} row{'s' if total != 1 else ''}{more}", highlight=False)


def _cell(value: object, width: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def forget(
    articles: Annotated[list[str], typer.Argument(help="Articles to remove: their id (as answers show it) or their source (file path or URL).")],
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    neo4j_user: Neo4jUserOpt = None,
    neo4j_password: Neo4jPasswordOpt = None,
    sparql_endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    sparql_user: SparqlUserOpt = None,
    sparql_password: SparqlPasswordOpt = None,
) -> None:
    """Remove articles from the graph: their statements, the fact summaries they count
    in, and the nodes no other article names, in one transaction each.

    Ingesting the same text again brings it back; to keep it out, list it under
    `forget:` in a corrections file (--corrections)."""
    try:
        db = open_store(store, neo4j, neo4j_user, neo4j_password, sparql_endpoint, update_endpoint,
                        sparql_user, sparql_password)
    except SkgError as e:
        _fail(e)
    missing = []
    for given in articles:
        found = given if db.has_article(given) else (
            db.article_for_source(given) or db.article_for_source(str(Path(given).resolve())))
        if found is None:
            missing.append(given)
            err.print(f"[yellow]not found[/yellow] {Errors.E029.format(article=given)}")
            continue
        db.remove_article(found)
        err.print(f"forgot {found} ({given})" if found != given else f"forgot {found}", highlight=False)
    db.flush()
    if missing:
        raise typer.Exit(EXIT_PARTIAL if len(missing) < len(articles) else 2)


@app.command()
def export(
    fmt: Annotated[Optional[str], typer.Option("--format", help="turtle (ttl), ntriples (nt), rdfxml (xml): the union graph; trig, nquads (nq): one graph per article; jsonld (json-ld); graphml (networkx); jsonl (nodes and edges). Default: from the --out suffix (graph.ttl), else turtle.")] = None,
    output: Annotated[Optional[Path], typer.Option("--out", help="File to write (default: standard output).")] = None,
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    sparql_endpoint: EndpointOpt = None,
) -> None:
    """Write the stored graph in a standard format: every RDF format from the embedded
    store, N-Triples from a SPARQL endpoint, GraphML and JSON Lines from any store."""
    from .graph import exports

    try:
        chosen = exports.format_name(fmt) if fmt else (exports.format_for(output) if output else None) or "turtle"
        db = open_store(store, neo4j, endpoint=sparql_endpoint, read_only=True)
        data = exports.export(db, chosen)
    except SkgError as e:
        _fail(e)
    if output:
        output.write_bytes(data)
        err.print(f"wrote {output} ({chosen}, {len(data)} bytes)")
    else:
        sys.stdout.buffer.write(data)


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    neo4j_user: Neo4jUserOpt = None,
    neo4j_password: Neo4jPasswordOpt = None,
    sparql_endpoint: EndpointOpt = None,
) -> None:
    """Count articles, nodes by type and relations by type in the store."""
    from .graph.network import counts, from_store

    try:
        db = open_store(store, neo4j, neo4j_user, neo4j_password, sparql_endpoint, read_only=True)
        c = db.counts() if neo4j else counts(from_store(db))
        c["articles"] = db.article_count()
    except SkgError as e:
        _fail(e)
    c["quads"] = len(db) if hasattr(db, "__len__") else None
    if as_json:
        sys.stdout.write(json.dumps(c, indent=1) + "\n")
        return
    t = Table("kind", "type", "count", title=f"{c['articles']} articles")
    for kind in ("nodes", "relations"):
        for k, v in c[kind].items():
            t.add_row(kind, k, str(v))
    out.print(t)


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("graph.html"),
    iso3: Annotated[Optional[str], typer.Option("--state", help="Only this state's ego network (ISO alpha-3).")] = None,
    radius: Annotated[int, typer.Option(help="With --state: how many relations away.")] = 1,
    store: StoreOpt = DEFAULT_STORE,
    neo4j: Neo4jOpt = None,
    sparql_endpoint: EndpointOpt = None,
) -> None:
    """Draw the graph as one self-contained interactive HTML page (no internet needed):
    one edge per fact, filter by relation type and date, hover an edge for its evidence."""
    from .graph import viz as vizmod
    from .graph.analytics import ego, find_state

    G = _graph(store, neo4j, sparql_endpoint)
    title = "sanctions-kg"
    if iso3:
        node = find_state(G, iso3.upper())
        if node is None:
            _fail(SkgError(Errors.E021.format(iso3=iso3)))
        G = ego(G, node, radius)
        title = f"sanctions-kg: {iso3.upper()} and its neighbours"
    output.write_text(vizmod.render(G, title), encoding="utf-8")
    err.print(f"wrote {output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} relations)")


@app.command()
def validate(store: StoreOpt = DEFAULT_STORE, sparql_endpoint: EndpointOpt = None, neo4j: Neo4jOpt = None) -> None:
    """Check the stored graph (embedded or a SPARQL endpoint) against the SHACL shapes
    generated from the model."""
    from .graph.exports import validate_store

    try:
        db = open_store(store, neo4j, endpoint=sparql_endpoint, read_only=True)
        conforms, report = validate_store(db)
    except SkgError as e:
        _fail(e)
    out.print(report if not conforms else "the graph conforms to the shapes")
    if not conforms:
        raise typer.Exit(1)


analyze_app = typer.Typer(help="Network analysis with networkx: centrality, ego networks, communities, timelines.")
app.add_typer(analyze_app, name="analyze")
RelationsOpt = Annotated[Optional[list[str]], typer.Option("--relation", help="Relation types to use (repeatable); default: all but OFFICIAL_OF.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _relations(given: list[str] | None) -> set[str] | None:
    """Relation types as the model spells them ("sanctions" is SANCTIONS); an unknown
    one is an error, not an empty answer."""
    from .schema import load_model

    if not given:
        return None
    model = load_model()
    unknown = sorted(g.strip().upper() for g in given if model.relation_named(g) is None)
    if unknown:
        raise typer.BadParameter(f"no relation type {', '.join(unknown)}; choose from {', '.join(model.relation_types)}",
                                 param_hint="--relation")
    return {model.relation_named(g) for g in given}


def _graph(store: Path, neo4j: str | None, sparql_endpoint: str | None):
    """The stored graph as networkx, from whichever store the options name."""
    try:
        return open_store(store, neo4j, endpoint=sparql_endpoint, read_only=True).graph()
    except SkgError as e:
        _fail(e)


def _emit(rows: list[dict], as_json: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    t = Table(*(rows[0].keys() if rows else ["(none)"]), title=title)
    for r in rows:
        t.add_row(*[_cell(v, 100) for v in r.values()])
    out.print(t)


@analyze_app.command("centrality")
def analyze_centrality(relation: RelationsOpt = None, as_json: JsonOpt = False, store: StoreOpt = DEFAULT_STORE,
                       neo4j: Neo4jOpt = None, sparql_endpoint: EndpointOpt = None) -> None:
    """Rank states in a relation network (officials count for their state): PageRank,
    weighted in/out degree, betweenness."""
    from .graph.analytics import centrality

    rows = centrality(_graph(store, neo4j, sparql_endpoint), _relations(relation))
    _emit([{k: v for k, v in r.items() if k != "node"} for r in rows], as_json,
          f"centrality in the {', '.join(relation) if relation else 'whole'} network")


@analyze_app.command("ego")
def analyze_ego(iso3: Annotated[str, typer.Argument(help="The state, by ISO alpha-3.")],
                radius: Annotated[int, typer.Option(help="How many relations away.")] = 1,
                as_json: JsonOpt = False, store: StoreOpt = DEFAULT_STORE, neo4j: Neo4jOpt = None,
                sparql_endpoint: EndpointOpt = None) -> None:
    """A state's ego network: its neighbours and the relations among them."""
    from .graph.analytics import ego, find_state

    G = _graph(store, neo4j, sparql_endpoint)
    node = find_state(G, iso3.upper())
    if node is None:
        _fail(SkgError(Errors.E021.format(iso3=iso3)))
    E = ego(G, node, radius)
    rows = sorted({(E.nodes[u].get("name"), d["type"], E.nodes[v].get("name")) for u, v, d in E.edges(data=True)})
    _emit([{"source": a, "relation": t, "target": b} for a, t, b in rows], as_json,
          f"ego network of {G.nodes[node].get('name')} (radius {radius}): {E.number_of_nodes()} nodes")


@analyze_app.command("communities")
def analyze_communities(relation: RelationsOpt = None, as_json: JsonOpt = False, store: StoreOpt = DEFAULT_STORE,
                        neo4j: Neo4jOpt = None, sparql_endpoint: EndpointOpt = None) -> None:
    """Groups of states tied more to each other than to the rest (greedy modularity)."""
    from .graph.analytics import communities

    groups = communities(_graph(store, neo4j, sparql_endpoint), _relations(relation))
    _emit([{"community": i + 1, "size": len(g), "states": ", ".join(g)} for i, g in enumerate(groups)], as_json,
          "communities")


@analyze_app.command("timeline")
def analyze_timeline(iso3: Annotated[Optional[str], typer.Argument(help="Only relations of this state.")] = None,
                     as_json: JsonOpt = False, store: StoreOpt = DEFAULT_STORE, neo4j: Neo4jOpt = None,
                sparql_endpoint: EndpointOpt = None) -> None:
    """Dated relations, oldest first."""
    from .graph.analytics import find_state, timeline

    G = _graph(store, neo4j, sparql_endpoint)
    node = find_state(G, iso3.upper()) if iso3 else None
    if iso3 and node is None:
        _fail(SkgError(Errors.E021.format(iso3=iso3)))
    _emit(timeline(G, node), as_json, "timeline")


neo4j_app = typer.Typer(help="A local Neo4j 5 Community server for development and tests (no Docker): "
                        "built from Maven Central on first use, Bolt on 127.0.0.1, no authentication.")
virtuoso_app = typer.Typer(help="A local Virtuoso SPARQL server (Debian's virtuoso-opensource) on 127.0.0.1, "
                           "for development and tests; updates need the dba login.")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(virtuoso_app, name="virtuoso")


DataOpt = Annotated[Optional[Path], typer.Option("--data", help="Folder for the database, pid file and log (default: under ~/.cache/sanctions-kg).")]
PortOpt = Annotated[Optional[int], typer.Option("--port", help="Port on 127.0.0.1 (Neo4j 7687, Virtuoso 8890).")]


def _server(kind: str):
    from .graph import servers

    if kind == "neo4j":
        return ("Neo4j", servers.neo4j_start, servers.neo4j_status, servers.NEO4J_DEFAULT_DATA,
                servers.NEO4J_DEFAULT_PORT, "bolt://127.0.0.1:{port}")
    return ("Virtuoso", servers.virtuoso_start, servers.virtuoso_status, servers.VIRTUOSO_DEFAULT_DATA,
            servers.VIRTUOSO_DEFAULT_PORT, "http://127.0.0.1:{port}/sparql")


def _start(kind: str, data: Path | None, port: int | None) -> None:
    what, start_fn, _, default_data, default_port, url = _server(kind)
    try:
        r = start_fn(data or default_data, port or default_port)
    except SkgError as e:
        _fail(e)
    out.print(f"{what} running (pid {r.pid}): {url.format(port=r.port)}")


def _status(kind: str, data: Path | None) -> None:
    what, _, status_fn, default_data, _, url = _server(kind)
    r = status_fn(data or default_data)
    if r is None:
        out.print(f"{what} is not running ({data or default_data})")
        raise typer.Exit(1)
    out.print(f"{what} running (pid {r.pid}): {url.format(port=r.port)}")


def _stop(kind: str, data: Path | None) -> None:
    from .graph import servers

    what, _, _, default_data, _, _ = _server(kind)
    out.print(f"{what} stopped" if servers.stop(data or default_data) else f"{what} was not running")


@neo4j_app.command("start")
def neo4j_start(data: DataOpt = None, port: PortOpt = None) -> None:
    """Build the launcher if needed (Maven), start Neo4j and wait until Bolt answers."""
    _start("neo4j", data, port)


@neo4j_app.command("status")
def neo4j_status(data: DataOpt = None) -> None:
    """Say whether Neo4j runs; exit 1 if not."""
    _status("neo4j", data)


@neo4j_app.command("stop")
def neo4j_stop(data: DataOpt = None) -> None:
    """Stop Neo4j cleanly."""
    _stop("neo4j", data)


@virtuoso_app.command("start")
def virtuoso_start(data: DataOpt = None, port: PortOpt = None) -> None:
    """Start Virtuoso with an ini of our own bound to 127.0.0.1 and wait until /sparql answers."""
    _start("virtuoso", data, port)


@virtuoso_app.command("status")
def virtuoso_status(data: DataOpt = None) -> None:
    """Say whether Virtuoso runs; exit 1 if not."""
    _status("virtuoso", data)


@virtuoso_app.command("stop")
def virtuoso_stop(data: DataOpt = None) -> None:
    """Stop Virtuoso cleanly."""
    _stop("virtuoso", data)


@schema_app.command("generate")
def schema_generate() -> None:
    """Regenerate vocab.ttl, shapes.ttl, neo4j.cypher and types.py from model.yaml."""
    from .schema.generate import write_artefacts

    for path in write_artefacts():
        out.print(f"wrote {path}")


if __name__ == "__main__":
    app()
