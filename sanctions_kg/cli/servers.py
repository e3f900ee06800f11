"""`skg neo4j` and `skg virtuoso`: local servers for development and tests."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SkgError
from . import app
from .common import fail, out

neo4j_app = typer.Typer(help="A local Neo4j 5 Community server for development and tests (no Docker): "
                        "built from Maven Central on first use, Bolt on 127.0.0.1, no authentication.")
virtuoso_app = typer.Typer(help="A local Virtuoso SPARQL server (Debian's virtuoso-opensource) on 127.0.0.1, "
                           "for development and tests; updates need the dba login.")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(virtuoso_app, name="virtuoso")


DataOpt = Annotated[Optional[Path], typer.Option("--data", help="Folder for the database, pid file and log (default: under ~/.cache/sanctions-kg).")]
PortOpt = Annotated[Optional[int], typer.Option("--port", help="Port on 127.0.0.1 (Neo4j 7687, Virtuoso 8890).")]


def _server(kind: str):
    from ..graph import servers

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
        fail(e)
    out.print(f"{what} running (pid {r.pid}): {url.format(port=r.port)}")


def _status(kind: str, data: Path | None) -> None:
    what, _, status_fn, default_data, _, url = _server(kind)
    r = status_fn(data or default_data)
    if r is None:
        out.print(f"{what} is not running ({data or default_data})")
        raise typer.Exit(1)
    out.print(f"{what} running (pid {r.pid}): {url.format(port=r.port)}")


def _stop(kind: str, data: Path | None) -> None:
    from ..graph import servers

    what, _, _, default_data, _, _ = _server(kind)
    stop = servers.virtuoso_stop if kind == "virtuoso" else servers.stop
    out.print(f"{what} stopped" if stop(data or default_data) else f"{what} was not running")


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
