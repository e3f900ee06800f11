"""Reading back what `skg extract --format jsonl` printed, so extraction and loading can
run apart: extract once, load the rows into as many stores as needed (`skg load`).

A row must have the shape the stores read (an article with an id, lists of entities and
relations); a line that does not is reported with its number and skipped, and the
rest still load.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import Errors
from .article import LoadFailure
from .readers import expand

REQUIRED = {"entities": list, "relations": list}


def problem(row: object) -> str | None:
    """Why `row` is not an extraction row, or None when it is."""
    if not isinstance(row, dict):
        return "not a JSON object"
    art = row.get("article")
    if not isinstance(art, dict) or not art.get("id"):
        return "no article id"
    for key, kind in REQUIRED.items():
        if not isinstance(row.get(key), kind):
            return f"no list of {key}"
    ids = {e.get("id") for e in row["entities"] if isinstance(e, dict)}
    if len(ids) != len(row["entities"]) or not all(isinstance(e.get("type"), str) for e in row["entities"]):
        return "an entity without id or type"
    for rel in row["relations"]:
        if not isinstance(rel, dict) or rel.get("source") not in ids or rel.get("target") not in ids:
            return "a relation whose ends are not among the entities"
        if not isinstance(rel.get("evidence"), dict):
            return "a relation without evidence"
    return None


def read_extractions(paths: Iterable[str]) -> Iterator[dict | LoadFailure]:
    """Extraction rows from files, folders or globs, streamed line by line."""
    for path in expand(paths):
        if isinstance(path, LoadFailure):
            yield path
            continue
        try:
            handle = path.open("rb")
        except OSError as err:
            yield LoadFailure(str(path), Errors.E001.format(path=path, reason=err.strerror or err))
            continue
        with handle:
            for n, line in enumerate(handle, 1):
                if line.strip():
                    yield row_from(line, path, n)


def row_from(data: bytes | str, where: object, n: int) -> dict | LoadFailure:
    """One extraction row from its JSON text (a line of a file, a cell of a Parquet
    partition), or the failure naming where it was and why it is none."""
    try:
        row = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        return LoadFailure(f"{where}:{n}", Errors.E024.format(path=where, line=n, reason=err))
    why = problem(row)
    if why:
        return LoadFailure(f"{where}:{n}", Errors.E024.format(path=where, line=n, reason=why))
    return row
