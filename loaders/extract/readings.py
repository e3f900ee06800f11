"""The readings of `Referents.resolve`: each way a word can stand for entities, tried
in order; each returns None when it does not apply to the word, else what the word
stands for (possibly nothing: a quotation's "I" whose speaker is unknown stands for
no one)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .arguments import Allowed, Arg
from .syntax import MODIFIER_DEPS, SUBJ, has_own_parties, of_whom

if TYPE_CHECKING:
    from .referents import Referents

PRONOUNS = ("it", "they", "he", "she", "its", "their", "his", "her", "them", "this")
FIRST_PLURAL = ("we", "us", "our")
FIRST_SINGULAR = ("i", "my", "me")
Reading = Callable[["Referents", Token, Allowed], "list[Arg] | None"]


def _signatories(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if ref.g.signatories and ref.speaks_for_signatories(t):
        return [Arg(e, t) for e in ref.g.signatories]
    return None


def _issuer(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if (t.lower_ in FIRST_PLURAL or ref.issuing_body(t)) and ref.g.issuer and not ref.in_quote(t):
        return [Arg(ref.state(ref.g.issuer), t)]
    return None


def _quoted_i(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_SINGULAR and ref.in_quote(t):
        speaker = ref.speaker(t)
        return [Arg(speaker, t)] if speaker is not None else []
    return None


def _of_whom(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    antecedent = of_whom(t)  # "A and B, both of whom have obstructed ..."
    return ref.resolve(antecedent, allowed=allowed) if antecedent is not None else None


def _quoted_we(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_PLURAL and ref.in_quote(t):
        side = ref.speakers_side(t)  # "'We will crush them,' the Israeli minister said"
        return [Arg(side, t)] if side is not None else []
    return None


def _author(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_SINGULAR and ref.author:
        return [Arg(ref.author, t)]
    return None


def _they_group(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ == "they" and t.dep_ in SUBJ:
        group = ref.groups.last_group(t, allowed)
        if group:
            return [Arg(e, t) for e in group]
    return None


def _pronoun(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in PRONOUNS and t.pos_ == "PRON":
        ent = ref.antecedent(t, allowed)
        return [Arg(ent, t)] if ent is not None else []
    return None


def _members(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    members = ref.groups.members_of(t)
    return [Arg(e, t) for e in members] if members else None


def _of_list(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"The delegations of Senegal, Gambia and Guinea-Bissau met", "the foreign
    ministers of Chile, Peru and Ecuador renewed their call": each party named."""
    if t.lower_ not in ref.lex.representative_nouns or t.pos_ != "NOUN":
        return None
    named = [a for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.children if o.dep_ == "pobj" for a in ref.resolve(o)
             if a.entity.type in ("State", "Organization")]
    return named or None


def _examples(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    return ref.groups.examples(t) or None


def _group_noun(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in ref.lex.group_nouns and t.pos_ == "NOUN":
        return [Arg(e, t) for e in ref.groups.group(t)]
    group = ref.groups.group_after_of(t) if t.lower_ in ref.lex.quantity_nouns else None
    if group is not None:
        return [Arg(e, group) for e in ref.groups.group(group)]  # "a handful of partners, A, B and C"
    return None


def _meeting(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    attendees = ref.groups.meeting_before(t) if t.lemma_.lower() in ref.lex.meeting_nouns and t.pos_ == "NOUN" \
        and not has_own_parties(t) else []
    if attendees:
        return [Arg(e, t) for e in attendees if allowed is None or e.type in allowed]
    return None


def _anaphor(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    kinds_list = ref.lex.anaphors.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
    if kinds_list is None:
        return None
    for kinds in kinds_list:
        ent = ref.recent(t, kinds)
        if ent is not None and (allowed is None or ent.type in allowed):
            return [Arg(ent, t)]
    return []


def _event(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"Syria denounced the airstrike": a definite act noun with no actor of its own
    takes up the act told in the two sentences before, and stands for its doer."""
    if t.lemma_.lower() not in ref.lex.event_nouns or t.pos_ != "NOUN" or \
            not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children) or \
            any(c.dep_ in MODIFIER_DEPS + ("prep",) for c in t.children):
        return None
    doers = ref.doer_before(t)
    return [Arg(e, t) for e in doers if allowed is None or e.type in allowed] or None


READINGS: tuple[Reading, ...] = (_signatories, _issuer, _quoted_i, _of_whom, _quoted_we, _author, _they_group,
                                 _pronoun, _members, _of_list, _examples, _group_noun, _meeting, _anaphor,
                                 _event)
