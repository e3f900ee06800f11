"""Which officeholder a person's name refers to: the leaders table (2000-2026, at the
article's date) first, the table of past officials (Phoenix country actors) for a
titled name it lacks. A name is only given a holder when the tables leave no doubt
about the state, and only a holder whose term covers a time the text speaks of."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import Holder, Lexicon, fold, json_data

BEFORE_TERM = timedelta(days=30)   # named by the title a little before taking office
AFTER_TERM = timedelta(days=400)   # still called by it a while after leaving
OPEN_TERM_YEARS = 4                # a past official still in office when the table ends: one more term at most
# Offices whose holders are still called by the title in later writing, so that a term
# ended long before the article does not rule them out.
REMEMBERED_OFFICES = frozenset({"head_of_state", "head_of_government"})
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def holder_for(name: str, lex: Lexicon, when: date | None, office: str | None) -> Holder | None:
    """The officeholder of the leaders table this name refers to at this date."""
    toks = fold(name).split()
    if not toks:
        return None
    best, best_start = None, None
    for h in lex.holders_by_surname.get(toks[-1], []):
        htoks = fold(h.name).split()
        if len(toks) > 1 and htoks[0][0] != toks[0][0]:
            continue
        if office and not _same_office(office, h.office):
            continue
        start, end = leader_term(h)
        if when and not _covers(start, end, when):
            continue
        if best is None or (when and start and best_start and abs((start - when).days) < abs((best_start - when).days)):
            best, best_start = h, start
    return best


def _same_office(office: str, held: str) -> bool:
    """A title's office and a holder's: a head of state's title also finds a head of
    government ("President" of a state whose president leads the government)."""
    return held == office or (office == "head_of_state" and held == "head_of_government")


def _covers(start: date | None, end: date | None, when: date) -> bool:
    """Whether a term (an open end: still in office) covers a date, with the margins
    texts name officials by their titles."""
    return not ((start and start - BEFORE_TERM > when) or (end and end + AFTER_TERM < when))


def leader_term(h: Holder) -> tuple[date | None, date | None]:
    """A leaders-table holder's term. Where the table gives only a year or a month
    ("2009", "2015-03"), the lexicon's ISO reader leaves the date empty, and an empty
    end reads as still in office: such a term runs from the first to the last day of
    what is given, so a UN ambassador of 2009-2015 is no one's ambassador in 2024."""
    if h.start and (h.end or h.table != "leaders table"):
        return h.start, h.end
    start, end = _partial_terms().get((h.iso3, h.office, h.name), (None, None))
    return h.start or start, h.end or end


@lru_cache(maxsize=1)
def _partial_terms() -> dict[tuple[str, str, str], tuple[date | None, date | None]]:
    """The leaders table's year- or month-only dates, read as the first day (a start)
    and the last day (an end) of the period."""
    out = {}
    for r in json_data("leaders.json"):
        if len(r["start_date"] or "") != 10 or len(r["end_date"] or "") not in (0, 10):
            out[(r["country_iso3"], r["office"], r["person_name"])] = (_partial(r["start_date"], False),
                                                                       _partial(r["end_date"], True))
    return out


def _partial(text: str | None, last: bool) -> date | None:
    """"2009" or "2009-07" as a date: its first day, or its last when `last`."""
    parts = [int(p) for p in (text or "").split("-") if p.isdigit()]
    if not parts:
        return None
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
    day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
    return date(year, month, day)


def issuer_holds_another(name: str, iso3: str, office: str, when: date | None, lex: Lexicon) -> bool:
    """Whether the leaders table gives the state a holder of this one-person office at
    this date (any date when none is known) and this name is not one: "President X" in
    a US release, X not a US president, is another state's president."""
    found = holder_for(name, lex, when, office)
    if found is not None and found.iso3 == iso3:
        return False
    return any(h.iso3 == iso3 and _same_office(office, h.office) and (when is None or _covers(*leader_term(h), when))
               for h in lex.holders)


def past_holder_for(name: str, lex: Lexicon, when: date | None, years: frozenset[int] = frozenset(),
                    office: str | None = None) -> Holder | None:
    """The official of the past (Phoenix country actors) a titled name the leaders table
    lacks refers to ("President Richard M. Nixon"), when every candidate serves one
    state and held office at a time the text speaks of (see `_past_term_covers`). A
    surname misspelt by one letter counts when the first name agrees; a bare surname
    counts only when no past official has it as a first name ("President Kim")."""
    toks = fold(name).split()
    if not toks or (len(toks) == 1 and toks[0] in lex.past_officials.first_names):
        return None
    remembered = office in REMEMBERED_OFFICES

    def in_term(surname: str) -> list[Holder]:
        return [h for h in lex.past_holders(surname) if _past_term_covers(h, when, years, lex, remembered)]

    found = _agreeing(toks, in_term(toks[-1]))
    if not found and len(toks) > 1 and len(toks[-1]) >= 5:
        variants = {toks[-1][:i] + toks[-1][i + 1:] for i in range(len(toks[-1]))} | {toks[-1]}
        near = set().union(*(lex.past_surnames_by_deletion.get(v, set()) for v in variants))
        found = [h for h in _agreeing(toks, [h for s in near for h in in_term(s)]) if fold(h.name).split()[0] == toks[0]]
    return found[0] if len({h.iso3 for h in found}) == 1 else None


def _past_term_covers(h: Holder, when: date | None, years: frozenset[int], lex: Lexicon, remembered: bool) -> bool:
    """Whether a past official's spell covers the article's date or a year the text
    names (a spell still open when the table ends is taken to last one term more).
    With neither known, any spell does. A president or prime minister keeps the title
    in what is written about them later ("President Richard Nixon" in a 2024 essay):
    for them only a spell begun after the date is excluded."""
    if when is None and not years:
        return True
    if remembered:
        return not (when and h.start and h.start > when) or any(h.start and h.start.year <= y for y in years)
    end = h.end or date(_past_table_end(lex).year + OPEN_TERM_YEARS, 12, 31)
    if when is not None and _covers(h.start, end, when):
        return True
    first, last = (h.start.year if h.start else 0), (end + AFTER_TERM).year
    return any(first <= y <= last for y in years)


_PAST_END: dict[int, date] = {}


def _past_table_end(lex: Lexicon) -> date:
    """The last date the past officials table knows (its spells end by then)."""
    key = id(lex)
    if key not in _PAST_END:
        dates = [d for r in lex.past_officials.rows for spell in r["spells"] for d in spell if d]
        _PAST_END[key] = date.fromisoformat(max(dates))
    return _PAST_END[key]


def _agreeing(toks: list[str], candidates: list[Holder]) -> list[Holder]:
    """The candidates whose first names agree best with the text's: the whole name,
    else the first name written out. An initial alone is no agreement: "H. Moore" or
    "Harriet Moore" is not the Henry Moore of another state and decade."""
    if len(toks) == 1:
        return candidates
    tiers = (lambda h: fold(h.name) == " ".join(toks), lambda h: fold(h.name).split()[0] == toks[0])
    return next(([h for h in candidates if agree(h)] for agree in tiers if any(agree(h) for h in candidates)), [])


def leader_state(surname: str, lex: Lexicon) -> str | None:
    """The state a government named by its leader stands for ("the Reagan
    administration", "the Thatcher government"): the one state whose officials, now or
    in the past, bore this name first or last ("Xi", "Kim"); none when two states had
    one ("the Carter administration": a New Zealand minister was a Carter too)."""
    key = fold(surname)
    if not key or " " in key:
        return None
    heads = ("head_of_state", "head_of_government")
    states = {h.iso3 for h in lex.holders_by_surname.get(key, []) + lex.past_holders(key)
              if h.table != "leaders table" or h.office in heads}
    states |= lex.states_by_first_name.get(key, set())
    return states.pop() if len(states) == 1 else None


def named_years(text: str) -> frozenset[int]:
    """The years a text names ("In 1973 President Nixon ..."): the times it speaks of,
    besides its date, that an official's term may cover."""
    return frozenset(int(y) for y in YEAR.findall(text))
