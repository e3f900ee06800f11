"""Named questions, each kept as files under graph/queries/: NAME.rq (SPARQL) and
NAME.cypher (Cypher), asking the same thing of the RDF stores and of Neo4j.

A query file starts with comment lines: a description and `param: NAME default`. In
SPARQL, parameters are substituted as escaped string literals, never as syntax; in
Cypher they are driver parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from ..errors import Errors, SkgError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    texts: dict[str, str] = field(default_factory=dict)  # language -> text


def _parse(text: str, comment: str) -> tuple[str, dict[str, str]]:
    """The header of a query file: its leading comment lines, a description and then
    `param: NAME default` lines. Comments after the header are notes on how the query is
    written, for whoever edits it, not part of what `skg query --list` says."""
    desc: list[str] = []
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith(comment + " "):
            break
        body = line[len(comment) + 1:]
        found = re.match(r"param: (\w+)\s*(.*)$", body)
        if found:
            params[found.group(1)] = found.group(2).strip()
        elif params:
            break
        else:
            desc.append(body)
    return " ".join(desc), params


def queries() -> dict[str, NamedQuery]:
    found: dict[str, NamedQuery] = {}
    folder = resources.files("sanctions_kg.graph").joinpath("queries")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        for suffix, lang, comment in ((".rq", "sparql", "#"), (".cypher", "cypher", "//")):
            if item.name.endswith(suffix):
                name = item.name[: -len(suffix)]
                text = item.read_text("utf-8")
                desc, params = _parse(text, comment)
                q = found.get(name) or NamedQuery(name, desc, params)
                q.texts[lang] = text
                found[name] = q
    return found


def sparql_literal(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"'


def render(name: str, params: dict[str, str], lang: str = "sparql") -> tuple[str, dict[str, str]]:
    """The query text in `lang` and the parameter values (defaults filled in)."""
    q = queries().get(name)
    if q is None or lang not in q.texts:
        raise SkgError(Errors.E016.format(name=name))
    unknown = set(params) - set(q.params)
    if unknown:
        raise SkgError(Errors.E020.format(name=name, params=", ".join(sorted(unknown)), known=", ".join(q.params) or "none"))
    values = {k: params.get(k, default) for k, default in q.params.items()}
    text = q.texts[lang]
    if lang == "sparql":
        for key in sorted(values, key=len, reverse=True):
            text = text.replace("$" + key, sparql_literal(values[key]))
    return text, values
