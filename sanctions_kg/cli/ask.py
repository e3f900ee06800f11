"""`skg query`, `find`, `forget`, `export`, `stats`, `viz`, `validate`: the stored graph out."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..errors import Errors, SkgError
from ..graph.query_guard import QUERY_TIMEOUT
from ..graph.stores import StoreSpec, open_store
from . import answers, app
from .answers import AnswerFormat
from .common import EXIT_PARTIAL, FormatOpt, JsonOpt, OutFormat, err, fail, out, plain, store_options, wants_json


QUERY_FILE_KB = 1024  # a query file larger than this is not a query


def _text_arg(value: str, option: str) -> str:
    """A query given inline, or @FILE to read it from a file: a regular file, read with
    a bound (`--sparql @/dev/zero` read forever)."""
    import stat

    if not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block on open, a device never end
            raise SkgError(Errors.E065.format(path=path, option=option, limit=QUERY_FILE_KB))
        with path.open("rb") as fh:
            data = fh.read(QUERY_FILE_KB * 1024 + 1)
        if len(data) > QUERY_FILE_KB * 1024:
            raise SkgError(Errors.E065.format(path=path, option=option, limit=QUERY_FILE_KB))
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SkgError(Errors.E001.format(path=value[1:], reason=getattr(e, "strerror", None) or e)
                       + f" (given to {option})") from e


def _params(given: list[str] | None) -> dict[str, str]:
    params = {}
    for item in given or []:
        if "=" not in item:
            raise typer.BadParameter(f"--param {item!r}: write key=value")
        key, value = item.split("=", 1)
        params[key.strip()] = value
    return params


@app.command()
@store_options()
def query(
    spec: StoreSpec,
    sparql: Annotated[Optional[str], typer.Option("--sparql", help="A SPARQL query, or @FILE to read it from a file. Prefixes skg:, id:, rdf:, rdfs:, prov:, owl:, xsd: are predefined. CONSTRUCT/DESCRIBE print N-Triples, ASK prints true or false.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="A named question of the catalogue (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="key=value for a named question (repeatable). An optional parameter left out means: for every value.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named questions and their parameters.")] = False,
    cypher: Annotated[Optional[str], typer.Option("--cypher", help="A Cypher query (with --neo4j), or @FILE.")] = None,
    fmt: Annotated[AnswerFormat, typer.Option("--format", help="auto: a table when it fits the terminal, else one block per row with the sentence whole; table, records; json, csv, tsv, markdown for scripts and documents.")] = AnswerFormat.auto,
    limit: Annotated[Optional[int], typer.Option("--limit", min=0, help="Show at most this many rows (the count of all is still printed).")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow updates, and what acts outside the answer: Cypher's LOAD CSV, procedures and admin commands, SPARQL extension functions such as Virtuoso's bif: (all refused otherwise).")] = False,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Allow SPARQL SERVICE clauses, which send part of the query to another endpoint (refused otherwise).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Stop the query after this many seconds (E043); 0: no limit. Every store: the embedded one stops it, Neo4j ends its transaction, a SPARQL endpoint is told and given up on.")] = QUERY_TIMEOUT,
    since: Annotated[Optional[str], typer.Option("--since", help="With --name: only facts dated on or after this year, month or day (2024, 2024-03, 2024-03-05); the same as --param since=.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="With --name: only facts dated on or before the end of this year, month or day; the same as --param until=.")] = None,
    viz: Annotated[Optional[Path], typer.Option("--viz", help="Also draw the answer: an HTML page of the nodes its rows name and the statements between them, with their sentences.")] = None,
) -> None:
    """Ask the graph a question: SPARQL on the embedded or a remote store (the default
    graph is the union of all articles), Cypher on Neo4j, or a named question on any.
    Each answer row names the article behind its sentence (title, source, date); the
    number of rows is printed after the answer, on standard error."""
    from ..graph import catalogue

    if list_:
        for q in catalogue.queries().values():
            usage = " ".join(f"--param {p.name}={p.example!r}" if p.required else f"[--param {p.name}={p.example!r}]"
                             for p in q.params.values())
            out.print(f"[bold]{q.name}[/bold] {usage} ({', '.join(q.texts)})\n  {q.description}", highlight=False)
        return
    try:
        params = _params(param) | {k: v for k, v in (("since", since), ("until", until)) if v is not None}
        _check_query_options(spec, sparql, cypher, name, bool(since or until))
        text = None if name else _text_arg(cypher or sparql, "--cypher" if cypher else "--sparql")
        db = open_store(spec, read_only=not write)
        if name:
            result = catalogue.ask(db, name, params, timeout=timeout)
        elif spec.neo4j:
            result = db.query(text, params, write=write, timeout=timeout)
        else:
            result = db.query(text, params, write=write, allow_service=allow_service, timeout=timeout)
    except SkgError as e:
        fail(e)
    if name:
        for left in catalogue.left_out(name, params):
            err.print(f"answering for every {left} (no --param {left}=... given)", highlight=False)
    if viz is not None:
        from ..graph.store import Answer

        result = Answer.of(result)  # read once: printed, then drawn
    _print_answer(result, fmt, limit)
    if viz is not None:
        _draw_answer(db, result, viz, name, params, text)


def _check_query_options(spec: StoreSpec, sparql: str | None, cypher: str | None, name: str | None,
                         dated: bool) -> None:
    """Refuse the option mixes `skg query` cannot answer, before any store is opened."""
    if cypher and not spec.neo4j:
        raise typer.BadParameter("--cypher needs --neo4j URI")
    if sparql and spec.neo4j:
        raise typer.BadParameter("Neo4j answers Cypher: use --cypher or --name")
    if not (name or sparql or cypher):
        raise typer.BadParameter(f"give --{'cypher' if spec.neo4j else 'sparql'}, --name or --list")
    if dated and not name:
        raise typer.BadParameter("--since and --until go with --name (a named question); filter your own query's dates in it")


def _draw_answer(db, result, path: Path, name: str | None, params: dict[str, str], text: str | None) -> None:
    """The answer's subgraph as the page `skg viz` writes (graph/viz.py `answer_graph`):
    rows only, since nodes are found by the names in their cells; a named question's
    parameters name nodes too, and the relation types the query's text names are the
    facts drawn."""
    from ..graph import catalogue
    from ..graph import viz as drawing
    from ..graph.store import Answer

    answer = Answer.of(result)
    asked = catalogue.queries()[name] if name else None
    title = name or "query"
    try:
        params = catalogue.values_for(asked, params) if asked else {}
        text = asked.texts["sparql"] if asked else text or ""
        if answer.kind != "rows":
            raise SkgError(Errors.E130.format(kind=answer.kind))
        G = drawing.answer_graph(db.graph(), [dict(zip(answer.names, r)) for r in answer.rows], params,
                                 drawing.relations_named(text))
        if G.number_of_nodes() == 0:
            raise SkgError(Errors.E131.format(rows=len(answer.rows), path=path))
        given = ", ".join(f"{k}={v}" for k, v in params.items() if v)
        path.write_text(drawing.render(G, f"sanctions-kg: {title}" + (f" ({given})" if given else "")), encoding="utf-8")
    except OSError as e:
        fail(SkgError(Errors.E092.format(path=path, reason=e.strerror or e)))
    except SkgError as e:
        fail(e)
    err.print(f"wrote {path}: {drawing.summary(G)['text']}", highlight=False)


@app.command()
@store_options()
def find(
    name: Annotated[str, typer.Argument(help="Words of a node's name (any case), an alias of a state (DPRK, the U.S.), or a node's key or IRI (state/IRN).")],
    spec: StoreSpec,
    fmt: Annotated[AnswerFormat, typer.Option("--format", help="As for `skg query`: auto, table, records, json, csv, tsv, markdown.")] = AnswerFormat.auto,
) -> None:
    """Find any node by name or alias: its type, name, key (what a corrections file and
    `--param` accept), IRI and how many statements name it, in the same order on every
    store."""
    from ..graph.find import find as find_nodes

    try:
        result = find_nodes(open_store(spec, read_only=True), name)
    except SkgError as e:
        fail(e)
    if not result.rows:
        err.print(f"no node's name contains {name!r}, and no key or IRI is {name!r}", highlight=False)
    _print_answer(result, fmt, None)


def _print_answer(result, fmt: AnswerFormat, limit: int | None) -> None:
    """Whatever the store answered, printed: rows in `fmt`, a boolean, triples as
    N-Triples, or the note that an update ran."""
    from ..graph.store import Answer

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


@app.command()
@store_options(writes=True)
def forget(
    articles: Annotated[list[str], typer.Argument(help="Articles to remove: their id (as answers show it) or their source (file path or URL).")],
    spec: StoreSpec,
) -> None:
    """Remove articles from the graph: their statements, the fact summaries they count
    in, and the nodes no other article names, in one transaction each.

    Ingesting the same text again brings it back; to keep it out, list it under
    `forget:` in a corrections file (--corrections)."""
    try:
        db = open_store(spec)
    except SkgError as e:
        fail(e)
    missing = []
    for given in articles:
        is_id = re.fullmatch(r"[0-9a-f]{16}", given) is not None  # anything else is no IRI segment
        found = given if is_id and db.has_article(given) else (
            db.article_for_source(given) or db.article_for_source(os.path.realpath(given)))
        if found is None:
            missing.append(given)
            err.print(f"[yellow]not found[/yellow] {plain(Errors.E029.format(article=given))}")
            continue
        db.forget(found)
        err.print(f"forgot {found} ({given})" if found != given else f"forgot {found}", highlight=False)
    db.flush()
    if missing:
        raise typer.Exit(EXIT_PARTIAL if len(missing) < len(articles) else 2)


@app.command()
@store_options()
def export(
    spec: StoreSpec,
    fmt: Annotated[Optional[str], typer.Option("--format", help="turtle (ttl), ntriples (nt), rdfxml (xml): the union graph; trig, nquads (nq): one graph per article; jsonld (json-ld); graphml (networkx); jsonl (nodes and edges); csv, parquet: tables of nodes, edges (statements), facts and articles. Default: from the --out suffix (graph.ttl, g.parquet; csv for a folder), else turtle; an unknown suffix is refused (E090).")] = None,
    output: Annotated[Optional[Path], typer.Option("--out", help="File to write (default: standard output). csv and parquet write four tables: into a folder (default ./skg-tables), or beside a file name g.csv as g.nodes.csv, g.edges.csv, g.facts.csv, g.articles.csv.")] = None,
) -> None:
    """Write the stored graph in a standard format: every RDF format from the embedded
    store, N-Triples from a SPARQL endpoint, GraphML, JSON Lines and tables (CSV,
    Parquet) from any store."""
    from .exporting import run_export

    run_export(spec, fmt, output)


@app.command()
@store_options()
def stats(spec: StoreSpec, fmt: FormatOpt = OutFormat.table, as_json: JsonOpt = False) -> None:
    """Count articles, nodes by type and relations by type in the store."""
    try:
        db = open_store(spec, read_only=True)
        c = db.counts()
        c["articles"] = db.article_count()
    except SkgError as e:
        fail(e)
    if wants_json(fmt, as_json):
        sys.stdout.write(json.dumps(c, indent=1) + "\n")
        return
    t = Table("kind", "type", "count", title=f"{c['articles']} articles")
    for kind in ("nodes", "relations"):
        for k, v in c[kind].items():
            t.add_row(kind, k, str(v))
    out.print(t)


def stored_graph(spec: StoreSpec):
    """The stored graph as networkx, from whichever store the options name."""
    try:
        return open_store(spec, read_only=True).graph()
    except SkgError as e:
        fail(e)


@app.command()
@store_options()
def viz(
    spec: StoreSpec,
    output: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("graph.html"),
    iso3: Annotated[Optional[str], typer.Option("--state", help="Only this state's ego network (name, alias or ISO code: Iran, DPRK, prk).")] = None,
    radius: Annotated[int, typer.Option(help="With --state: how many relations away.")] = 1,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Draw at most this many nodes, those with the most statements (the others can be searched in the page).")] = 250,
) -> None:
    """Draw the graph as one self-contained interactive HTML page (no internet needed):
    one edge per fact, in the same seeded layout every time; search a node by name or
    alias, hide what fewer than N statements say, filter by relation type and date,
    click a node for its facts or an edge for its sentences."""
    from ..graph import viz as drawing
    from ..graph.analytics import ego, find_state

    G = stored_graph(spec)
    title = "sanctions-kg"
    if iso3:
        from ..graph.states import iso3_of

        try:
            code = iso3_of(iso3)  # a name, alias or code; a miss says which states were meant (E094)
        except SkgError as e:
            fail(e)
        node = find_state(G, code)
        if node is None:
            fail(SkgError(Errors.E021.format(iso3=iso3)))
        title = f"sanctions-kg: {G.nodes[node].get('name', code)} and its neighbours"
        G = ego(G, node, radius)
    output.write_text(drawing.render(G, title, max_nodes=max_nodes), encoding="utf-8")
    err.print(f"wrote {output}: {drawing.summary(G)['text']}", highlight=False)  # the words and numbers the page shows


@app.command()
@store_options()
def validate(spec: StoreSpec) -> None:
    """Check the stored graph (embedded or a SPARQL endpoint) against the SHACL shapes
    generated from the model."""
    from ..graph.exports import validate_store

    try:
        conforms, report = validate_store(open_store(spec, read_only=True))
    except SkgError as e:
        fail(e)
    out.print(report if not conforms else "the graph conforms to the shapes")
    if not conforms:
        raise typer.Exit(1)
