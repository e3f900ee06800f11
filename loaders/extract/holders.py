"""Which officeholder a person's name refers to: the leaders table (2000-2026, at the
article's date) first, the table of past officials (Phoenix country actors) for a
titled name it lacks. A name is only given a holder when the tables leave no doubt
about the state."""
from __future__ import annotations

from datetime import date, timedelta

from .lexicon import Holder, Lexicon, fold


def holder_for(name: str, lex: Lexicon, when: date | None, office: str | None) -> Holder | None:
    """The officeholder of the leaders table this name refers to at this date."""
    toks = fold(name).split()
    if not toks:
        return None
    best = None
    for h in lex.holders_by_surname.get(toks[-1], []):
        htoks = fold(h.name).split()
        if len(toks) > 1 and htoks[0][0] != toks[0][0]:
            continue
        if office and h.office != office and not (office == "head_of_state" and h.office == "head_of_government"):
            continue
        if when and h.start and (h.start - timedelta(days=30) > when or (h.end and h.end + timedelta(days=400) < when)):
            continue
        if best is None or (when and h.start and best.start and abs((h.start - when).days) < abs((best.start - when).days)):
            best = h
    return best


def past_holder_for(name: str, lex: Lexicon, when: date | None) -> Holder | None:
    """The official of the past (Phoenix country actors) a titled name the leaders table
    lacks refers to ("President Richard M. Nixon"), when every candidate serves one
    state. A surname misspelt by one letter counts when the first name agrees; a bare
    surname counts only when no past official has it as a first name ("President Kim")."""
    toks = fold(name).split()
    if not toks or (len(toks) == 1 and toks[0] in lex.past_officials.first_names):
        return None
    found = _agreeing(toks, lex.past_holders(toks[-1]), when)
    if not found and len(toks) > 1 and len(toks[-1]) >= 5:
        variants = {toks[-1][:i] + toks[-1][i + 1:] for i in range(len(toks[-1]))} | {toks[-1]}
        near = set().union(*(lex.past_surnames_by_deletion.get(v, set()) for v in variants))
        found = [h for h in _agreeing(toks, [h for s in near for h in lex.past_holders(s)], when)
                 if fold(h.name).split()[0] == toks[0]]
    return found[0] if len({h.iso3 for h in found}) == 1 else None


def _agreeing(toks: list[str], candidates: list[Holder], when: date | None) -> list[Holder]:
    """The candidates in office by `when` whose first names agree best with the text's:
    the whole name, else the first name, else its initial."""
    candidates = [h for h in candidates if not (when and h.start and h.start > when)]
    if len(toks) == 1:
        return candidates
    tiers = (lambda h: fold(h.name) == " ".join(toks), lambda h: fold(h.name).split()[0] == toks[0],
             lambda h: fold(h.name).split()[0][0] == toks[0][0])
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
