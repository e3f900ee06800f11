"""Named questions, each kept as files under graph/queries/: NAME.rq (SPARQL) and
NAME.cypher (Cypher), asking the same thing of the RDF stores and of Neo4j.

A query file starts with comment lines: a description and one line per parameter,
`param: NAME required|optional, e.g. EXAMPLE`. The example is shown by `--list` and
never filled in: an optional parameter left out answers for every value (the query
treats "" as "any"), a required one left out is an error that names it. In SPARQL,
values are substituted once, in one pass, as escaped string literals, never as syntax;
in Cypher they are driver parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from ..errors import Errors, SkgError
from ..schema import load_model
from .periods import period_end, period_start
from .query_guard import QUERY_TIMEOUT


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    example: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, Param]
    texts: dict[str, str] = field(default_factory=dict)  # language -> text


PARAM_LINE = re.compile(r"param: (\w+)\s+(required|optional),\s*e\.g\.\s*(.*)$")


def _iso3(value: str) -> str | None:
    from .states import iso3_of  # a name, alias or code ("Iran", "DPRK", "prk"); E094 says what was meant

    return iso3_of(value)


def _relation(value: str) -> str | None:
    from ..schema import load_model

    return load_model().relation_named(value)


def _party(value: str) -> str:
    """A node named in a question (an actor, a party, an end): a state's alias or code
    becomes the state's name, which the questions match node names on ("DPRK" and "prk"
    are North Korea); any other value is kept as it is (an official, an organisation)."""
    from .states import _key, forms

    hit = forms().get(_key(value))
    return hit[1] if hit else value


# A parameter's value as the query needs it ("prk" is PRK, "sanctions" is SANCTIONS), or
# None for a value that cannot be one
CANONICAL = {"iso3": _iso3, "relation": _relation, "since": period_start, "until": period_end,
             "actor": _party, "party": _party, "source": _party, "target": _party}


def _parse(text: str, comment: str) -> tuple[str, dict[str, Param]]:
    """The header of a query file: its leading comment lines, a description and then
    `param:` lines. Comments after the header are notes on how the query is
    written, for whoever edits it, not part of what `skg query --list` says."""
    desc: list[str] = []
    params: dict[str, Param] = {}
    for line in text.splitlines():
        if not line.startswith(comment + " "):
            break
        body = line[len(comment) + 1:]
        if body.startswith("param:"):
            found = PARAM_LINE.match(body)
            if not found:
                raise ValueError(f"malformed parameter line {body!r}: write `param: NAME required|optional, e.g. VALUE`")
            params[found.group(1)] = Param(found.group(1), found.group(2) == "required", found.group(3).strip())
        elif params:
            break
        else:
            desc.append(body)
    return " ".join(desc), params


SUMMARISE = re.compile(r"^(?P<indent>\s*)SUMMARISE (?P<r>\w+) BY (?P<keys>.+)$", re.M)


def _fact_summary(folder) -> str:
    """The Cypher of the fact summary (`_fact_summary.cypher`), its comment left out."""
    text = folder.joinpath("_fact_summary.cypher").read_text("utf-8")
    statement = load_model().statement
    date = "coalesce(" + ", ".join("{r}." + p for p in statement.temporal) + ")"
    code = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    return code.replace("{date}", date).replace("{key}", statement.key)


def expand(text: str, summary: str) -> str:
    """A Cypher question with each `SUMMARISE r BY keys` line written out."""
    return SUMMARISE.sub(lambda m: summary.replace("{r}", m["r"]).replace("{keys}", m["keys"].strip()), text)


def queries() -> dict[str, NamedQuery]:
    found: dict[str, NamedQuery] = {}
    folder = resources.files("sanctions_kg.graph").joinpath("queries")
    summary = _fact_summary(folder)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.startswith("_"):
            continue  # a part of questions, not one
        for suffix, lang, comment in ((".rq", "sparql", "#"), (".cypher", "cypher", "//")):
            if item.name.endswith(suffix):
                name = item.name[: -len(suffix)]
                text = item.read_text("utf-8")
                if lang == "cypher":
                    text = expand(text, summary)
                desc, params = _parse(text, comment)
                q = found.get(name) or NamedQuery(name, desc, params)
                q.texts[lang] = text
                found[name] = q
    return found


UNWRITABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # control characters, lone surrogates


def _escaped(char: str) -> str:
    """One character a SPARQL query cannot carry as it is: Virtuoso reads a raw NUL as the
    end of the query (a feed URL with one failed every write of its batch), and a lone
    surrogate has no UTF-8 at all, so it becomes U+FFFD."""
    if "\ud800" <= char <= "\udfff":
        return "\\uFFFD"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04X}")


def sparql_literal(value: str) -> str:
    """A SPARQL string literal holding any text: quotes and backslashes escaped, and
    every control character as an escape sequence (`_escaped`)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + UNWRITABLE.sub(lambda m: _escaped(m.group()), escaped) + '"'


def values_for(q: NamedQuery, params: dict[str, str]) -> dict[str, str]:
    """Every parameter's value: given ones normalised and checked, optional ones left
    out are "" (any value), required ones left out an error naming them."""
    unknown = set(params) - set(q.params)
    if unknown:
        raise SkgError(Errors.E020.format(name=q.name, params=", ".join(sorted(unknown)), known=", ".join(q.params) or "none"))
    values = {}
    for key, spec in q.params.items():
        given = params.get(key, "").strip()
        if not given and spec.required:
            raise SkgError(Errors.E026.format(name=q.name, param=key, example=spec.example))
        value = CANONICAL[key](given) if given and key in CANONICAL else given
        if value is None:
            raise SkgError(Errors.E027.format(param=key, value=params[key], example=spec.example))
        values[key] = value
    return values


def left_out(name: str, params: dict[str, str]) -> list[str]:
    """The optional parameters of a question not given: it answers for every value of them."""
    q = queries().get(name)
    return [k for k in (q.params if q else {}) if not params.get(k, "").strip() and k not in ("since", "until")]


def render(name: str, params: dict[str, str], lang: str = "sparql") -> tuple[str, dict[str, str]]:
    """The query text in `lang` and the parameter values. SPARQL gets each `$name`
    replaced in one pass, so a value that contains `$other` stays inside its literal."""
    q = queries().get(name)
    if q is None or lang not in q.texts:
        raise SkgError(Errors.E016.format(name=name))
    values = values_for(q, params)
    text = q.texts[lang]
    if lang == "sparql":
        text = re.sub(r"\$(\w+)", lambda m: sparql_literal(values[m.group(1)]) if m.group(1) in values else m.group(0),
                      text)
    return text, values


def ask(store, name: str, params: dict[str, str], timeout: float | None = QUERY_TIMEOUT):
    """A named question asked of any store, in the store's own language, stopped after
    `timeout` seconds (E043) like any query."""
    from .ordering import in_order  # the same rows in the same order from every store

    text, values = render(name, params, store.language)
    return in_order(store.query(text, values, timeout=timeout), queries()[name].texts["sparql"])
