"""Meetings: which talks a word is about, and who takes part in them.

A host, broker or facilitator mediates between the parties of the talks it acts on,
and those parties consult each other; the parties are named in many places around the
meeting noun, and every reader that needs them asks here:

- its own "between": "talks between Serbia and Kosovo";
- the object a meeting gathers: "Talks hosted by Kazakhstan brought the Armenian and
  Azerbaijani ministers together", "the summit brought X and Y to one table";
- the subjects of the verb that holds it, when that verb makes them parties
  (`party_verbs`): "Armenia and Azerbaijan agreed to a new round of talks",
  "Serbia and Kosovo resumed their dialogue".

Which meeting: the noun itself, the meeting a passive participle describes though the
parser hung it lower ("the meeting between A and B officers, hosted by UNIFIL"), the
meeting a participle on the clause describes ("resumed their dialogue ..., facilitated
by the EU"), or the meeting a pronoun stands for ("thank Kazakhstan for hosting them").
Functions over tokens and the lexicon only; resolving the tokens to entities is the
caller's (`Referents.resolve`).
"""
from __future__ import annotations

from spacy.tokens import Token

from .syntax import SUBJ, between, passive_participle

PRONOUNS = ("them", "it", "they")


def is_meeting(tok: Token, words: frozenset[str]) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in words or tok.lower_ in words)


def described_meeting(participle: Token, words: frozenset[str]) -> list[Token]:
    """The meeting a participle describes: its head, or a noun above it the parser
    hung it below ("talks between the government and the opposition, facilitated by"),
    or the object of the clause it closes ("resumed their dialogue, facilitated by")."""
    node = participle.head
    for _ in range(4):
        if is_meeting(node, words):
            return [node]
        if node.pos_ in ("VERB", "AUX") and participle.dep_ in ("advcl", "xcomp"):
            return held_meeting(node, words)
        if node.head is node or node.dep_ not in ("pobj", "prep", "conj", "appos"):
            return []
        node = node.head
    return []


def held_meeting(verb: Token, words: frozenset[str]) -> list[Token]:
    """The meeting a clause is about: its verb's object ("resumed their dialogue"), or
    the object of its preposition, through a series noun ("agreed to a new round of talks")."""
    found = [c for c in verb.children if c.dep_ == "dobj" and is_meeting(c, words)]
    for p in (c for c in verb.children if c.dep_ == "prep"):
        for o in (o for o in p.children if o.dep_ == "pobj"):
            found += [o] if is_meeting(o, words) else [
                m for q in o.children if q.dep_ == "prep" and q.lower_ == "of"
                for m in q.children if m.dep_ == "pobj" and is_meeting(m, words)]
    return found


def meeting_named_before(pronoun: Token, words: frozenset[str]) -> list[Token]:
    """"We welcome the talks between A and B and thank Kazakhstan for hosting them":
    the last meeting noun before the pronoun, in its sentence or the one before."""
    if pronoun.lower_ not in PRONOUNS:
        return []
    doc = pronoun.doc
    start = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else 0
    for t in reversed(doc[start:pronoun.i]):
        if is_meeting(t, words):
            return [t]
    return []


def party_tokens(meeting: Token, lex) -> list[Token]:
    """The words naming the parties of a meeting, from the first place that names them."""
    return between(meeting) or gathered(meeting, lex) or party_subjects(meeting, lex)


def gathered(meeting: Token, lex) -> list[Token]:
    """"Talks ... brought the Armenian and Azerbaijani ministers together": the object of
    a gathering verb whose subject is the meeting, when the clause says they met."""
    verb = meeting.head
    if meeting.dep_ not in SUBJ or verb.lemma_.lower() not in lex.gathering_verbs:
        return []
    met = any(t.lower_ in lex.gathering_words for t in verb.subtree if t.i > verb.i)
    return [c for c in verb.children if c.dep_ == "dobj"] if met else []


def party_subjects(meeting: Token, lex) -> list[Token]:
    """"Armenia and Azerbaijan agreed to a new round of talks": the subjects of the verb
    that holds the meeting, through prepositions and series nouns, when the verb makes
    its subjects parties, and they are several ("Mali agreed to talks" names one side)."""
    node = meeting
    for _ in range(5):
        if node.head is node:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            if node.lemma_.lower() not in lex.party_verbs:
                return []
            subjects = [c for c in node.children if c.dep_ in SUBJ]
            several = any(s.conjuncts or s.tag_ in ("NNS", "NNPS") or s.lower_ in ("they", "we") for s in subjects)
            return subjects if several else []
        if node.pos_ == "NOUN" and node.lower_ not in lex.series_nouns:
            return []
    return []


def meetings_acted_on(trig: Token, words: frozenset[str]) -> list[Token]:
    """The meetings a hosting or brokering word acts on: its object or passive subject
    ("hosted talks", "the talks were hosted by"), the meeting a pronoun object stands for
    ("for hosting them"), or the meeting its participle describes ("talks hosted by X",
    "talks, to be hosted by Kenya", "resumed their dialogue, facilitated by the EU")."""
    found: list[Token] = []
    for c in trig.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            found += [c] if is_meeting(c, words) else meeting_named_before(c, words)
    if described_by(trig):
        found += described_meeting(trig, words)
    return found


def described_by(trig: Token) -> bool:
    """A participle that describes a noun or closes a clause, with its agent in a
    by-phrase: "talks hosted by Qatar", "talks, to be hosted by Kenya", "..., facilitated
    by the European Union"."""
    return passive_participle(trig, ("acl", "relcl", "amod", "advcl", "xcomp"))
