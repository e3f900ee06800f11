"""`skg find NAME`: any node by its name, an alias, its key or its IRI, on any store.

Why not a named question: the catalogue's questions are about statements (each takes a
date window, each row is a fact or a statement); finding a node is how an analyst learns
what to ask about and how to name it in a corrections file (its key or IRI). The query
text lives beside the questions (graph/queries/_find.rq and _find.cypher, skipped by the
catalogue for their leading underscore), so SPARQL and Cypher are read and reviewed
together, and the rows are put in one order (graph/ordering.py) so every store lists
them alike.
"""
from __future__ import annotations

from importlib import resources

from .catalogue import sparql_literal
from .ordering import in_order
from .query_guard import QUERY_TIMEOUT
from .states import _key, forms
from .store import Answer

COLUMNS = ("type", "name", "key", "iri", "statements")


def _text(lang: str) -> str:
    suffix = ".rq" if lang == "sparql" else ".cypher"
    return resources.files("sanctions_kg.graph").joinpath("queries", "_find" + suffix).read_text("utf-8")


def state_code(name: str) -> str:
    """The ISO code a state is known by under this name or alias ("DPRK" is PRK), or ""
    when the words name no state: then only labels, keys and IRIs are matched."""
    hit = forms().get(_key(name))
    return hit[0] if hit else ""


def find(store, name: str, timeout: float | None = QUERY_TIMEOUT) -> Answer:
    """The nodes `name` means, one row each: type, name (its label), key, IRI and the
    number of statements naming it; sorted by type, name and key on every store."""
    values = {"name": name.strip(), "code": state_code(name)}
    text = _text(store.language)
    if store.language == "sparql":
        for key, value in values.items():
            text = text.replace(f"${key}", sparql_literal(value))
    return in_order(store.query(text, values, timeout=timeout), _text("sparql"))
