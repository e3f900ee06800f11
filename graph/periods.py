"""The dates a question's --param since=/until= mean: a year, a month or a day.

Why: analysts ask "in 2024", not "from 2024-01-01 to 2024-12-31". The stores compare
ISO date text, so a period is turned into its first day (since) or its last day
(until) once, before any store is asked, and "until 2024" takes in December.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

PERIOD = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    found = PERIOD.fullmatch(value.strip())
    if not found:
        return None
    y, m, d = int(found["y"]), found["m"] and int(found["m"]), found["d"] and int(found["d"])
    try:
        date(y, m or 1, d or 1)  # a real day: no month 13, no 31 February
    except ValueError:
        return None
    return y, m, d


def period_start(value: str) -> str | None:
    """The first day of a year, month or day as ISO text ("2024" -> "2024-01-01"); None
    for text that is no date (the catalogue says E027 with an example)."""
    parts = _parts(value)
    if parts is None:
        return None
    y, m, d = parts
    return date(y, m or 1, d or 1).isoformat()


def period_end(value: str) -> str | None:
    """The last day of a year, month or day as ISO text ("2024-02" -> "2024-02-29")."""
    parts = _parts(value)
    if parts is None:
        return None
    y, m, d = parts
    month = m or 12
    return date(y, month, d or calendar.monthrange(y, month)[1]).isoformat()
