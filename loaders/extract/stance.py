"""Evaluation: an accusation made by judging an act, with no verb of accusing
("Russia's brutal invasion", "Hungary's obstruction of the aid package is shameful").

Whose judgement it is: the subject of the reporting verb the judgement is told under
("..., the Dutch prime minister said"), the speaker of the quotation it stands in, or
else the release's own voice (its issuer or signatories). Criticism reported under a
verb whose speaker is no actor ("critics called it brutal") is nobody's here.

Negative words are scored with VADER's lexicon (`Lexicon.valence`, shipped in the
vaderSentiment package), plus the few domain words it lacks ("unprovoked").
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .arguments import Arg
from .finders import Finding
from .syntax import SUBJ, with_words
from .triggers import NO_TRIGGER
from .types import Entity, Relation

NEGATIVE = -1.5  # VADER valence at or below which a word judges an act harshly


def evaluations(f: Finding) -> Iterator[Relation]:
    """An act judged harshly accuses its actor, in the voice of whoever judges it."""
    ref = f.ref
    for tok in with_words(f.doc, ref.act_nouns):
        if tok.lower_ not in ref.act_nouns or tok.pos_ != "NOUN" or not judged(f, tok):
            continue
        actors = [a for a in actors_of(f, tok) if a.type in f.lex.roles["actor"]]
        judges = _judges(f, tok) if actors else []
        for actor in actors:
            yield from f.emitter.emit("ACCUSES", NO_TRIGGER, tok, [j for j in judges if j.entity.id != actor.id],
                                      [Arg(actor, tok)])


def negative(f: Finding, word: Token) -> bool:
    """A word that judges harshly: the hand list of `evaluations.adjectives`, or VADER."""
    low = word.lower_
    return low in f.lex.evaluations["adjectives"] or f.lex.valence.get(low, 0.0) <= NEGATIVE


def judged(f: Finding, act: Token) -> bool:
    """"brutal invasion", "unprovoked and brutal attacks" (an adjective on the act);
    "X's obstruction ... is shameful", "... is an insult to its people" (said of it)."""
    if any(negative(f, c) for c in act.children if c.dep_ in ("amod", "conj")) or \
            any(negative(f, a) for c in act.children if c.dep_ == "amod" for a in c.children):
        return True
    if act.dep_ != "nsubj" or act.head.lemma_ != "be":
        return False
    said = [c for c in act.head.children if c.dep_ in ("attr", "acomp")]
    return any(negative(f, s) or any(negative(f, m) for m in s.children if m.dep_ in ("amod", "compound"))
               for s in said)


def actors_of(f: Finding, act: Token) -> list[Entity]:
    """Whose act it is: its possessor or modifier ("Russia's brutal invasion"), else the
    subject of a verb of conduct ("Russia launched an unprovoked invasion")."""
    actors = [a.entity for c in act.children if c.dep_ in ("poss", "compound", "amod", "nmod")
              for a in f.ref.resolve(c, allowed=f.lex.roles["actor"])]
    if not actors and act.dep_ in ("dobj", "attr") and act.head.lemma_.lower() in f.lex.evaluations["conduct_verbs"]:
        actors = [a.entity for c in act.head.children if c.dep_ in SUBJ for a in f.ref.resolve(c, allowed=f.lex.roles["actor"])]
    return actors


def _judges(f: Finding, act: Token) -> list[Arg]:
    """Who judges: the reporting verb's subject above the act, the quotation's speaker,
    or the release's own voice; nobody when the reporter is no actor."""
    ref = f.ref
    reporter = next((a for a in act.ancestors if a.lemma_.lower() in f.lex.reporting_verbs and a.pos_ == "VERB"), None)
    if reporter is None:
        reporter = next((t for t in act.sent if t.lemma_.lower() in f.lex.reporting_verbs and t.pos_ == "VERB"
                         and t.dep_ in ("ROOT", "parataxis") and t.i > act.i and not ref.in_quote(t)), None)
    if reporter is not None:
        return [a for s in reporter.children if s.dep_ in SUBJ and not ref.in_quote(s)
                for a in ref.resolve(s, allowed=f.lex.roles["agent"])]
    return ref.voice(act, f.lex.roles["agent"])


def obligations(f: Finding) -> Iterator[Relation]:
    """A demand told as an obligation, in someone's voice: "Russia must withdraw its
    troops" (a release's own), "'Tehran should free them,' the minister said", "It is
    time for the junta to hand over power": the judge calls on the obliged."""
    # only the heads of "must"/"should" and the word "time" can be obliged (`_obliged`)
    candidates = {t.head.i: t.head for t in with_words(f.doc, frozenset(OBLIGING))} | {
        t.i: t for t in with_words(f.doc, frozenset({"time"}))}
    for tok in sorted(candidates.values(), key=lambda t: t.i):
        obliged = _obliged(f, tok)
        if not obliged or f.modality.negated(tok) and not _must_not(tok):
            continue
        judges = _judges(f, tok)
        yield from f.emitter.emit("CALLS_ON", NO_TRIGGER, tok, [j for j in judges
                                                                if j.entity.id not in {o.entity.id for o in obliged}],
                                  obliged)


def _obliged(f: Finding, tok: Token) -> list[Arg]:
    """Who is obliged at `tok`: the subject of a main clause under must/should, or the
    for-phrase of "it is time for X to"."""
    if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp", "conj"):
        return _duty_bearers(f, tok)
    if tok.lower_ == "time" and tok.dep_ in ("attr", "nsubj") and tok.head.lemma_ == "be":
        return _time_for(f, tok)
    return []


def _duty_bearers(f: Finding, verb: Token) -> list[Arg]:
    """"Russia must withdraw": the subject; "Should Serbia send troops, ...": an
    inverted "should" is a condition, not a duty."""
    subjects = [s for s in verb.children if s.dep_ in SUBJ]
    if any(c.dep_ == "aux" and c.lower_ in OBLIGING and all(s.i < c.i for s in subjects) for c in verb.children):
        return [a for s in subjects for a in f.ref.resolve(s, allowed=f.lex.roles["agent"])]
    return []


def _time_for(f: Finding, time: Token) -> list[Arg]:
    """"it is time for X to act": a for-phrase, or a clause marked "for" whose subject is X."""
    phrase = [o for p in time.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
    clause = [s for c in time.children if c.dep_ in ("relcl", "acl", "advcl")
              and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
              for s in c.children if s.dep_ in SUBJ]
    return [a for o in phrase + clause for a in f.ref.resolve(o, allowed=f.lex.roles["agent"])]


OBLIGING = ("must", "should")


def _must_not(tok: Token) -> bool:
    """"Iran must not enrich uranium": a prohibition is a demand too."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGING for c in tok.children)
