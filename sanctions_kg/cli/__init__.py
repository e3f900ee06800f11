"""`skg`: extract, ingest, query and export the sanctions knowledge graph."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import out

app = typer.Typer(help=__doc__ + "\n\nArticles (plain text, HTML, JSON Lines; files, folders or globs) become "
                  "states, officials, organisations, resolutions, proposals and sanctions joined by "
                  "typed, evidenced relations, stored by default in an embedded RDF store (./skg-data).",
                  no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False)
schema_app = typer.Typer(help="The model: regenerate or check the artefacts made from schema/model.yaml.")
app.add_typer(schema_app, name="schema")


def _version(value: bool) -> None:
    """Print the versions that matter for a bug report and for reusing a store."""
    if not value:
        return
    from importlib.metadata import version

    from ..graph.store import STORE_FORMAT
    from ..schema import load_model

    out.print(f"sanctions-kg {version('sanctions-kg')}, model {load_model().version}, "
              f"store format {STORE_FORMAT}", highlight=False)
    raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the package, model and store format versions and exit.")] = None) -> None:
    """Shell completion: `skg --install-completion` (bash, zsh, fish, PowerShell)."""
    import logging

    # the Neo4j driver logs each retry as a warning; what fails for good reaches the user as a coded error
    logging.getLogger("neo4j").setLevel(logging.ERROR)


@schema_app.command("generate")
def schema_generate() -> None:
    """Regenerate vocab.ttl, shapes.ttl, neo4j.cypher, types.py and records.py from model.yaml."""
    from ..schema.generate import write_artefacts

    for path in write_artefacts():
        out.print(f"wrote {path}")


# the commands register themselves on `app` as their modules load, in --help's order
from . import process, ask, analyze, servers, correcting  # noqa: E402

COMMAND_MODULES = (process, ask, analyze, servers, correcting)

from .helptext import tidy  # noqa: E402

tidy(app)  # --help reads whole at any width (helptext.py says why)
