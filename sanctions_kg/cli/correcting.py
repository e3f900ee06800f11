"""`skg corrections check FILE`: what a corrections file would do to a store, before it
is applied. An analyst writing rules wants to know that each names what the answers
show; an ingest only tells, afterwards, which rules matched nothing it wrote."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import SkgError
from ..graph.stores import StoreSpec, open_store
from . import app
from .common import EXIT_PARTIAL, FormatOpt, JsonOpt, OutFormat, err, fail, out, plain, store_options, wants_json

corrections_app = typer.Typer(help="Corrections files (docs/corrections.md): check one against a store.")
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("check")
@store_options()
def check(
    path: Annotated[Path, typer.Argument(help="The corrections file (YAML) to check.")],
    spec: StoreSpec,
    fmt: FormatOpt = OutFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """Dry-run a corrections file against the store: for each rule, what it would do
    (statements removed, nodes merged or retyped, articles forgotten, facts added), or
    that it matches nothing stored. Nothing is written. Exit 3 when some rule matches
    nothing, 2 when the file cannot be used (E028)."""
    from ..graph.corrections import NOTHING, check as dry_run, load

    try:
        fixes = load(path)
        rows = dry_run(fixes, open_store(spec, read_only=True))
    except SkgError as e:
        fail(e)
    if wants_json(fmt, as_json):
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    else:
        table = Table("rule", "says", "would", title=f"{plain(path)} against {plain(spec.where)} (nothing written)")
        for row in rows:
            table.add_row(*(plain(v) for v in row.values()))
        out.print(table)
    idle = [r["rule"] for r in rows if r["would"].startswith(NOTHING.split(":")[0] + ":")]
    if idle:
        err.print(f"{len(idle)} of {len(rows)} rule(s) would do nothing: {', '.join(idle)}; "
                  "`skg find NAME` shows how the store names a node", highlight=False)
        raise typer.Exit(EXIT_PARTIAL)
