"""Named questions, kept as files under graph/queries/ (one .rq per question).

A query file starts with comment lines: `# description` and `# param: NAME default`.
Parameters are substituted as SPARQL literals, escaped, never pasted as syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str


def queries() -> dict[str, NamedQuery]:
    found = {}
    folder = resources.files("sanctions_kg.graph").joinpath("queries")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text("utf-8")
        desc = " ".join(m.group(1) for m in re.finditer(r"^# (?!param:)(.*)$", text, re.M))
        params = {m.group(1): m.group(2).strip() for m in re.finditer(r"^# param: (\w+)\s*(.*)$", text, re.M)}
        found[item.name[:-3]] = NamedQuery(item.name[:-3], desc, params, text)
    return found


def sparql_literal(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"'


def render(name: str, params: dict[str, str]) -> str:
    from ..errors import Errors, SkgError

    q = queries().get(name)
    if q is None:
        raise SkgError(Errors.E016.format(name=name))
    text = q.text
    for key, default in q.params.items():
        text = text.replace("$" + key, sparql_literal(params.get(key, default)))
    return text
