"""Which trigger entries a token carries, and whether each entry's conditions hold.

The conditions of an entry (`needs`, `particle`, `needs_reason`, ...) are each one
check registered under the entry field it reads (`CONDITIONS`), so a new condition is
a field of `triggers.Trigger` plus one function here, never a branch in a reader.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .frames import FrameReader
from .lexicon import Lexicon
from .modality import ModalityReader
from .meetings import meetings_acted_on
from .syntax import SUBJ, is_passive, mistagged_verb, of_whom, passive_participle, subjunctive
from .triggers import Trigger, TriggerIndex

Condition = Callable[["TriggerMatcher", Token, Trigger, list[Token]], bool]
CONDITIONS: dict[str, Condition] = {}


def condition(field: str) -> Callable[[Condition], Condition]:
    def register(fn: Condition) -> Condition:
        CONDITIONS[field] = fn
        return fn
    return register


class TriggerMatcher:
    def __init__(self, lex: Lexicon, triggers: TriggerIndex, frames: FrameReader, modality: ModalityReader):
        self.lex, self.triggers, self.frames, self.modality = lex, triggers, frames, modality
        self.tok2ent = frames.ref.tok2ent

    def entries(self, tok: Token) -> list[tuple[str, Trigger]]:
        """The (relation, entry) pairs of the token's lemma, as a verb or as a noun,
        with the small model's mis-tags read as what they are."""
        verbs, nouns = self.triggers.verbs, self.triggers.nouns
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return verbs.get(lemma, [])
        if mistagged_verb(tok):
            return verbs.get(tok.lower_, [])
        if tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and any(c.dep_ in SUBJ for c in tok.children) and \
                any(c.dep_ == "dobj" for c in tok.children):
            return verbs.get(lemma, []) or verbs.get(tok.lower_.rstrip("s"), [])  # "UNSCR 2397 caps ...": a verb
        if tok.pos_ in ("NOUN", "PROPN"):
            return nouns.get(lemma, [])
        if self.unparsed_clause(tok):  # "Eritrea defied resolution 1907" tagged as an adjective
            low = tok.lower_
            stems = [low[:-3] + "y"] if low.endswith("ied") else [low[:-2], low[:-1]]
            return next((verbs[s] for s in stems if s in verbs), [])
        return []

    def may_trigger(self, word: str) -> bool:
        """Whether a token with this lemma or form can have entries at all (`entries`
        looks up the lemma, the form, the form without a plural "s" and the stems of a
        past tense): the words worth making Tokens of."""
        verbs, nouns = self.triggers.verbs, self.triggers.nouns
        return word in verbs or word in nouns or word.rstrip("s") in verbs or word[:-2] in verbs \
            or word[:-1] in verbs or (word.endswith("ied") and word[:-3] + "y" in verbs)

    def unparsed_clause(self, tok: Token) -> bool:
        """A past-tense verb the parser hung on the next noun as a modifier ("Eritrea
        defied resolution 1907": Eritrea the root, "defied" an adjective of resolution),
        right after an entity: the clause was not parsed."""
        return (tok.tag_ in ("VBD", "VBN") or (tok.tag_ == "JJ" and tok.lower_.endswith("ed"))) and \
            tok.dep_ in ("amod", "compound", "nmod") and (tok.i - 1) in self.tok2ent

    def applies(self, tok: Token, spec: Trigger) -> bool:
        """Whether every condition the entry sets holds at this token."""
        kids = list(tok.children)
        return all(check(self, tok, spec, kids) for field, check in CONDITIONS.items()
                   if getattr(spec, field))

    def gives_reason(self, tok: Token) -> bool:
        """Does the punitive act `tok` say what it is for: "for supplying drones", "over its
        role in the invasion", or a misdeed told of its target ("the Houthis, who have
        attacked shipping")? The subject's clauses are not the reason ("Britain, which ...")."""
        reasons = self.lex.reasons
        negated = self.modality.negated
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in reasons["preps"] and any(
                    (o.dep_ == "pcomp" and o.tag_ == "VBG") or (o.dep_ == "pobj" and o.lemma_.lower() in reasons["nouns"])
                    for o in c.children):
                return True
            if c.dep_ in ("dobj", "nsubjpass", "prep") and any(
                    t.dep_ == "relcl" and t.lemma_.lower() in reasons["misdeeds"] and not negated(t) for t in c.subtree):
                return True
            if c.dep_ == "advcl" and c.lemma_.lower() in reasons["misdeeds"] and not negated(c) and any(
                    of_whom(s) is not None for s in c.children):
                return True  # "designated A and B, both of whom have obstructed ..." parsed as a clause of the verb
        return False


@condition("particle")
def _particle(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    return any(c.dep_ in ("prt", "advmod") and c.lower_ == spec.particle for c in kids)


@condition("needs")
def _needs(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    """The object must hold one of the words ("impose [sanctions] on X")."""
    objects = ("dobj", "nsubjpass", "attr", "pobj", "prep") + (("nsubj",) if is_passive(tok) else ())
    words = {t.lemma_.lower() for c in kids if c.dep_ in objects for t in c.subtree}
    if tok.dep_ == "relcl" or passive_participle(tok):
        # "the embargo that the United States imposed on Cuba", "talks ..., hosted by
        # Qatar", "sanctions levied by the EU": the noun described is the object
        words |= {tok.head.lemma_.lower(), tok.head.lower_}
    words |= {t.lower_ for c in kids if c.dep_ in ("dobj", "nsubjpass", "attr") for t in c.subtree}
    # the meeting a participle describes or a pronoun stands for ("for hosting them")
    words |= {w for n in meetings_acted_on(tok, m.lex.meeting_nouns) for w in (n.lemma_.lower(), n.lower_)}
    return bool(words & spec.needs)


@condition("needs_context")
def _needs_context(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    sent_words = {t.lemma_.lower() for t in tok.sent} | {t.lower_ for t in tok.sent}
    return bool(sent_words & spec.needs_context)


@condition("needs_complement")
def _needs_complement(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    return bool({t.lower_ for t in tok.subtree} & spec.needs_complement)


@condition("needs_aux")
def _needs_aux(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in spec.needs_aux for c in kids)


@condition("only_borne")
def _only_borne(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    return m.frames.bearing_verb(tok, spec) is not None


@condition("needs_reason")
def _needs_reason(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    return m.gives_reason(tok)


@condition("needs_arg")
def _needs_arg(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    """One of the dependents the entry names: "charged X with a crime" or "charged
    that ...", not "charged the ambassador" (`needs_arg: [prep:with, ccomp]`); "voted
    in favour" (`prep:in favour`), not "voted in New York"."""
    for arg in spec.needs_arg:
        dep, _, words = arg.partition(":")
        word, *noun = words.split() or [""]
        # "prep:in favour": the preposition "in" with "favour" for its object
        if any(c.dep_ == dep and (not word or c.lower_ == word) and
               (not noun or any(o.lower_ == noun[0] for o in c.children)) for c in kids):
            return True
    return False


@condition("needs_ccomp_aux")
def _needs_ccomp_aux(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    wanted = spec.needs_ccomp_aux
    return any(c.dep_ == "ccomp" and (any(a.dep_ == "aux" and a.lower_ in wanted for a in c.children)
                                      or (spec.or_subjunctive and subjunctive(c)))
               for c in kids)


@condition("only_with_prep")
def _only_with_prep(m: TriggerMatcher, tok: Token, spec: Trigger, kids: list[Token]) -> bool:
    preps = {s[5:] for s in spec.obj if s.startswith("prep:")}
    return any((c.dep_ == "prep" and c.lower_ in preps) or
               any(mk.dep_ == "mark" and mk.lower_ in preps for mk in c.children) for c in kids)
