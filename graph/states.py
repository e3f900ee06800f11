"""A state as an analyst types it: by name, alias or code ("Iran", "DPRK", "prk",
"the U.S.") wherever a question or command expects one, with "did you mean" on a miss.

Why here and not in the queries: the stores key states by ISO alpha-3 (graph/identity.py),
so a name is turned into that code once, before any store is asked, and every store
gets the same code. The names come from the extractor's own gazetteer data
(loaders/data/countries.json and state_aliases.yaml), so a state the extractor
recognises in a text is one a user can ask about by the same words.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..errors import Errors, SkgError
from ..schema.identity import fold

# the extractor's gazetteer files, read as the package data they are: graph/ does not
# import the extractor's code (tests/test_layers.py)
GAZETTEER = "sanctions_kg.loaders.data"


def _data(name: str):
    """A gazetteer file, parsed (JSON or YAML by its name)."""
    import json
    from importlib import resources

    import yaml

    text = resources.files(GAZETTEER).joinpath(name).read_text("utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)

EXAMPLES = "Iran, DPRK, prk"


def _key(text: str) -> str:
    """What forms are compared on: folded, no leading article, no spaces ("U.S." and
    "US" meet, so do "the Netherlands" and "Netherlands")."""
    folded = fold(text)
    folded = re.sub(r"^the ", "", folded)
    return re.sub(r"\s+", "", re.sub(r" s$", "", folded))  # "north korea's": the possessive form


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """Every form a state is known by -> (ISO alpha-3, its name), and the forms that are
    names (not capitals, demonyms or two-letter codes), which alone are suggested on a
    miss ("Irann" should bring Iran to mind, not Tirana's Albania). Codes and names win
    over aliases, capitals and demonyms where two states share a form."""
    countries = _data("countries.json")
    names = {row["iso3"]: row["name"] for row in countries}
    found: dict[str, tuple[str, str]] = {}
    extra = _data("state_aliases.yaml")

    def add(form: str | None, iso3: str) -> None:
        if form and iso3 in names:
            found.setdefault(_key(form), (iso3, names[iso3]))
    for row in countries:
        for form in (row["iso3"], row["name"], row["official"]):
            add(form, row["iso3"])
    for group in ("fixed", "aliases"):
        for iso3, listed in extra[group].items():
            for form in listed:
                add(form, iso3)
    named = frozenset(found)
    for row in countries:
        for form in [*row["aliases"], *row["capitals"], row["iso2"], *re.split(r",\s*|\s+or\s+", row["demonym"] or "")]:
            add(form, row["iso3"])
    return found, named


def forms() -> dict[str, tuple[str, str]]:
    """Every form a state is known by (compared as `_key` folds it) -> (ISO alpha-3, name)."""
    return _tables()[0]


def suggestions(value: str, n: int = 3) -> list[str]:
    """The states whose names are closest to a miss, as "Name (ISO)", best first."""
    table, named = _tables()
    close = difflib.get_close_matches(_key(value), sorted(named), n=n * 3, cutoff=0.6)
    shown = dict.fromkeys(f"{table[k][1]} ({table[k][0]})" for k in close)
    return list(shown)[:n]


def iso3_of(value: str) -> str:
    """The ISO alpha-3 code of a state given by name, alias or code. Three letters that
    name no state in the table are taken as a code anyway (a historical state's, ISO
    3166-3, may be stored); anything else that names no state is E094 with the closest
    names."""
    text = str(value).strip()
    hit = forms().get(_key(text))
    if hit:
        return hit[0]
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    close = suggestions(text)
    hint = (f"did you mean {' or '.join(close)}? (a state is given by name, alias or ISO code)" if close
            else f"give its name, an alias or its ISO code ({EXAMPLES})")
    raise SkgError(Errors.E094.format(value=text, hint=hint))
