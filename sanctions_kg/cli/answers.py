"""Answers as the analyst reads them: rows of a query laid out for the terminal, or
written for scripts (JSON, CSV, TSV, Markdown).

Why a layout of our own: an answer's point is its evidence sentence, and a table
squeezed into 80 columns folds that sentence one word per line. When the table does not
fit, each row becomes a block: short values on one line, each long value (the sentence,
a title) whole on lines of its own.
"""
from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Sequence
from enum import Enum

SHORT = 32  # a value up to this long shares a line with others in the record layout
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


class AnswerFormat(str, Enum):
    auto = "auto"          # table when it fits the terminal, else records
    table = "table"
    records = "records"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


def text(value: object) -> str:
    """A cell as one line of text: None is empty, whitespace runs are one space."""
    return "" if value is None else " ".join(str(value).split())


def fits(names: Sequence[str], rows: Sequence[Sequence[object]], width: int) -> bool:
    """Whether a table with every cell on one line fits in `width` columns."""
    widths = [max([len(n)] + [len(text(r[i])) for r in rows]) for i, n in enumerate(names)]
    return sum(widths) + 3 * len(widths) + 1 <= width


def ends_in(row: Sequence[object]) -> list[str]:
    """The names a row's sentence should show in bold: its short values with letters in
    them (the two ends of the fact: "China", "Iran"), longest first."""
    found = {text(v) for v in row if isinstance(v, str) and 3 <= len(text(v)) <= SHORT and re.search(r"[A-Za-z]", v)}
    return sorted(found, key=len, reverse=True)


def emphasised(line: str, names: Sequence[str]) -> str:
    """A wrapped line with every whole-word occurrence of `names` in bold (ANSI)."""
    if not names:
        return line
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda m: BOLD + m.group(0) + PLAIN, line)


def records(names: Sequence[str], rows: Sequence[Sequence[object]], width: int, highlight: bool = False) -> str:
    """One block per row: numbered, short values joined on wrapped lines, long values
    each whole under their name; with `highlight`, the row's names in bold where the
    long values (the evidence sentence) mention them."""
    out = []
    indent = " " * 4
    for n, row in enumerate(rows, start=1):
        short = [f"{name}: {text(v)}" for name, v in zip(names, row) if text(v) and len(text(v)) <= SHORT]
        long = [(name, text(v)) for name, v in zip(names, row) if len(text(v)) > SHORT]
        head = f"{n:>3}. "
        out.append(textwrap.fill(" · ".join(short) or "(empty)", width=width, initial_indent=head,
                                 subsequent_indent=indent, break_on_hyphens=False))
        bold = ends_in(row) if highlight else []
        for name, value in long:
            block = textwrap.fill(value, width=width, initial_indent=f"{indent}{name}: ",
                                  subsequent_indent=indent + "  ", break_on_hyphens=False)
            out.append("\n".join(emphasised(line, bold) for line in block.split("\n")) if name == "sentence" else block)
    return "\n".join(out) + ("\n" if out else "")


def table(names: Sequence[str], rows: Sequence[Sequence[object]], width: int) -> str:
    """A boxed table (rich) rendered to `width` columns; long cells fold within it."""
    from rich.console import Console
    from rich.table import Table

    t = Table(*names)
    for r in rows:
        t.add_row(*[text(v) for v in r])
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(t)
    return console.file.getvalue()


def delimited(names: Sequence[str], rows: Sequence[Sequence[object]], delimiter: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(names)
    w.writerows([["" if v is None else v for v in r] for r in rows])
    return buf.getvalue()


def markdown(names: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        return text(v).replace("|", "\\|")
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render(names: Sequence[str], rows: Sequence[Sequence[object]], fmt: AnswerFormat, width: int,
           highlight: bool = False) -> str:
    """The rows in `fmt`; `auto` is a table when every cell fits on one line in
    `width` columns, else records (with the ends in bold in the sentence when
    `highlight`: a terminal that shows it)."""
    if fmt is AnswerFormat.json:
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt is AnswerFormat.csv:
        return delimited(names, rows, ",")
    if fmt is AnswerFormat.tsv:
        return delimited(names, rows, "\t")
    if fmt is AnswerFormat.markdown:
        return markdown(names, rows)
    if not rows and fmt in (AnswerFormat.auto, AnswerFormat.records):
        return ""  # the count, on standard error, says it: no empty frame to read
    if fmt is AnswerFormat.records or (fmt is AnswerFormat.auto and not fits(names, rows, width)):
        return records(names, rows, width, highlight)
    return table(names, rows, width)
