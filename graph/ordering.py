"""One row order for a named question's answer, whichever store gave it.

Why in Python and not only in the queries: every question has an ORDER BY, but the
stores break its ties differently (rows equal on `?last ?who` come in storage order), and
they disagree on where a missing value goes (SPARQL puts unbound first, Cypher puts null
last) and on 1 against 1.0. So the rows are sorted here, once, by the question's own
ORDER BY keys (read from its SPARQL text; the Cypher text orders by the same columns),
then by every column left to right, with missing values first and numbers compared as
numbers: the same rows come in the same order from the embedded store, Neo4j and a
SPARQL endpoint. A key `?NAME_key` that is no column of the answer is a sort key the
query binds for column NAME (a cheaper value that sorts the same: resolutions-on.rq), so
the rows are sorted by NAME.
"""
from __future__ import annotations

import re
from typing import Any

from .store import Answer

ORDER_BY = re.compile(r"^\s*ORDER\s+BY\s+(?P<keys>.+?)\s*(?:LIMIT\b.*|OFFSET\b.*)?$", re.I | re.M)
KEY = re.compile(r"(?P<dir>ASC|DESC)?\s*\(?\s*\?(?P<var>\w+)\s*\)?", re.I)


def order_keys(sparql: str) -> list[tuple[str, bool]]:
    """The (variable, descending) pairs of a query's last ORDER BY clause."""
    found = ORDER_BY.findall(sparql)
    if not found:
        return []
    return [(m["var"], (m["dir"] or "").upper() == "DESC") for m in KEY.finditer(found[-1])]


def sort_value(value: Any) -> tuple:
    """A value as it sorts on every store alike: missing first, then numbers as numbers
    (booleans too), then text."""
    if value is None:
        return (0, 0.0, "")
    if isinstance(value, (bool, int, float)):
        return (1, float(value), "")
    return (2, 0.0, str(value))


def in_order(result: Any, sparql: str) -> Answer:
    """The rows of `result` (any store's answer) sorted by the ORDER BY of `sparql`, ties
    broken by every column; anything but rows is given back as it is."""
    answer = Answer.of(result)
    if answer.kind != "rows":
        return answer
    rows = sorted(answer.rows, key=lambda row: [sort_value(v) for v in row])
    position = {name: i for i, name in enumerate(answer.names)}
    for var, descending in reversed(order_keys(sparql)):
        if var not in position and var.endswith("_key"):
            var = var[:-len("_key")]  # a sort key bound for this column
        if var in position:
            i = position[var]
            rows.sort(key=lambda row: sort_value(row[i]), reverse=descending)
    return Answer("rows", list(answer.names), rows)
