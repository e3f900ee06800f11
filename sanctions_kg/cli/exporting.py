"""What `skg export` does (the command itself is declared in ask.py): one file in a graph
format, or tables (csv, parquet) as one file each or a folder."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import SkgError
from ..graph import exports
from ..graph.stores import StoreSpec, open_store
from .common import err, fail


def run_export(spec: StoreSpec, fmt: str | None, output: Path | None) -> None:
    """Choose the format (--format, else the --out name; an unknown suffix is refused
    before the store is opened), then write it and say what was written."""
    try:
        chosen = exports.chosen_format(fmt, output)
        store = open_store(spec, read_only=True)
        if chosen in exports.TABLE_FORMATS:
            from ..graph.tables import export_tables

            written = export_tables(store.graph(), chosen, output)
        else:
            data = exports.export(store, chosen)
    except SkgError as e:
        fail(e)
    if chosen in exports.TABLE_FORMATS:
        for name, (path, rows) in written.items():
            err.print(f"wrote {path} ({name}, {rows} row{'s' if rows != 1 else ''})", highlight=False)
    elif output:
        output.write_bytes(data)
        err.print(f"wrote {output} ({chosen}, {len(data)} bytes)", highlight=False)
    else:
        sys.stdout.buffer.write(data)
