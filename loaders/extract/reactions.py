"""Accusations told as reactions to an act, with no verb of accusing:

- an act labelled harshly: "Romania called the strike a provocation", "described the
  arrests as unacceptable" (the labeller accuses the act's doer, named with the act or
  in the sentences before it: "Russian drones struck ... the strike");
- an act that draws a reaction: "Egypt's detention of the activists drew condemnation
  from France" (who reacts accuses whose act it is);
- charges traded: "Ethiopia and Eritrea traded accusations" (each accuses the other).

Harsh words are VADER's (`stance.negative`) and the few domain nouns it lacks
(`evaluations.judging_nouns`); the verbs and nouns of each construction are lists in
`triggers.yaml` (`evaluations`). Precision first: praise drawn, a neutral label, a
reaction denied ("drew no protest"), or fire traded are nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .arguments import Arg
from .finders import Finding
from .stance import actors_of, negative
from .syntax import SUBJ, with_words
from .triggers import NO_TRIGGER
from .types import Relation

LABEL_DEPS = ("oprd", "attr", "acomp", "xcomp", "ccomp")


def reactions(f: Finding) -> Iterator[Relation]:
    """Every accusation told as a reaction, in the order of the text."""
    ev = f.lex.evaluations
    readers = [(frozenset(ev["labelling_verbs"]), _labelled), (frozenset(ev["reaction_verbs"]), _drawn),
               (frozenset(ev["trading_verbs"]), _traded)]
    for tok in with_words(f.doc, frozenset().union(*(verbs for verbs, _ in readers))):
        lemma = tok.lemma_.lower()
        read = next(reader for verbs, reader in readers if lemma in verbs)
        if tok.pos_ not in ("VERB", "AUX") or f.modality.negated(tok) or f.modality.irrealis(tok, "ACCUSES"):
            continue
        yield from read(f, tok)


def _labelled(f: Finding, verb: Token) -> Iterator[Relation]:
    """"X called the strike a provocation": the act, the harsh label, the labeller."""
    labels = [c for c in verb.children if c.dep_ in LABEL_DEPS] + [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    if not any(_harsh(f, w) for w in labels):
        return
    # the act: the verb's object, or a noun the parser hung on the label ("the manoeuvre reckless")
    acts = [c for c in verb.children if c.dep_ == "dobj"] or [
        c for w in labels for c in w.children if c.dep_ == "compound"]
    for act in acts:
        if not _is_act(f, act):
            continue
        yield from _accuse(f, verb, _subjects(f, verb), _doers(f, act))


def _drawn(f: Finding, verb: Token) -> Iterator[Relation]:
    """"Egypt's detention of the activists drew condemnation from France"."""
    reactions = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in f.lex.evaluations["reaction_nouns"]
                 and not any(d.lower_ in ("no", "little") for d in c.children)]
    if not reactions:
        return
    reactors = [a for r in [verb, *reactions] for p in r.children if p.dep_ == "prep" and p.lower_ == "from"
                for o in p.children if o.dep_ == "pobj" for a in f.ref.resolve(o, allowed=f.lex.roles["agent"])]
    acts = [c for c in verb.children if c.dep_ in SUBJ]
    yield from _accuse(f, verb, reactors, [a for act in acts for a in _doers(f, act)])


def _traded(f: Finding, verb: Token) -> Iterator[Relation]:
    """"Ethiopia and Eritrea traded accusations over the border": each accuses the other."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in f.lex.evaluations["traded_charges"] for c in verb.children):
        return
    sides = _subjects(f, verb)
    for side in sides:
        yield from _accuse(f, verb, [side], [s for s in sides if s.entity.id != side.entity.id])


def _accuse(f: Finding, verb: Token, accusers: list[Arg], accused: list[Arg]) -> Iterator[Relation]:
    accused_ids = {a.entity.id for a in accused}
    yield from f.emitter.emit("ACCUSES", NO_TRIGGER, verb, [a for a in accusers if a.entity.id not in accused_ids],
                              accused)


def _subjects(f: Finding, verb: Token) -> list[Arg]:
    return [a for c in verb.children if c.dep_ in SUBJ for a in f.ref.resolve(c, allowed=f.lex.roles["agent"])]


def _is_act(f: Finding, noun: Token) -> bool:
    low = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (low in f.lex.event_nouns or noun.lower_ in f.ref.act_nouns
                                    or low in f.ref.act_nouns)


def _doers(f: Finding, act: Token) -> list[Arg]:
    """Whose act: named with it ("Israel's raid", "the Venezuelan decision"), else, for
    an act named again ("the strike"), its doer told in the sentences before."""
    found = [Arg(e, act) for e in actors_of(f, act)]
    if found or not _is_act(f, act) or not any(c.lower_ in ("the", "this", "that", "these") for c in act.children):
        return found
    return [Arg(e, act) for e in f.ref.doer_before(act) if e.type in f.lex.roles["actor"]]


def _harsh(f: Finding, word: Token) -> bool:
    """A label that judges: a harsh word, a harsh modifier ("a grave threat"), or a harsh
    noun after "of" ("an act of piracy", "a violation of its sovereignty")."""
    judging = f.lex.evaluations["judging_nouns"]
    def harsh(w: Token) -> bool:
        return negative(f, w) or w.lemma_.lower() in judging
    return harsh(word) or any(harsh(c) for c in word.children if c.dep_ in ("amod", "compound")) or any(
        harsh(o) for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")


def told_charges(f: Finding) -> Iterator[Relation]:
    """"Colombia said Venezuela was harbouring rebel commanders", "'Minsk is smuggling
    migrants to our border,' the Lithuanian minister told reporters": a speaker who
    tells that another actor did a hostile act (`charged_acts`, with CAMEO's verbs of
    assault, fight and seizure) charges it with the act. Not when the speaker denies it,
    nor a speaker who is no actor ("analysts said"), nor an act only possible or
    wanted, nor a deal struck."""
    for tok in with_words(f.doc, f.lex.reporting_verbs):
        if tok.pos_ not in ("VERB", "AUX") or f.modality.negated(tok):
            continue
        speakers = [a for c in tok.children if c.dep_ in SUBJ and not f.ref.in_quote(c)
                    for a in f.ref.resolve(c, allowed=f.lex.roles["agent"])]
        for act in (c for c in tok.children if c.dep_ == "ccomp"):
            if not _charged(f, act):
                continue
            accused = [a for c in act.children if c.dep_ in SUBJ for a in f.ref.resolve(c, allowed=f.lex.roles["actor"])]
            yield from _accuse(f, tok, speakers, accused)


def _charged(f: Finding, act: Token) -> bool:
    """A hostile act told as done: the verb is one, stated (not denied, not only possible
    or wanted), and not a deal or talks it strikes."""
    if act.lemma_.lower() not in f.lex.charged_acts or act.pos_ != "VERB":
        return False
    if f.modality.negated(act) or f.modality.irrealis(act, "ACCUSES") or any(
            c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "should") for c in act.children):
        return False
    settled = f.lex.agreement_nouns | f.lex.meeting_nouns
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in settled for c in act.children)


def measure_reasons(f: Finding) -> Iterator[Relation]:
    """"imposed visa bans on Venezuelan officials, citing the regime's rigging of the
    vote", "listed two Iranian prison chiefs in retaliation for Tehran's execution of
    protesters", "penalised the Nicaraguan judiciary over its persecution of ...": who
    punishes accuses whoever did the act the measure answers (its possessor or
    modifier), whether or not that is whom the measure is on. Only the punitive verbs
    whose accusation needs a reason (`needs_reason` entries)."""
    for tok in with_words(f.doc, f.lex.trigger_index.reasoned_verbs):
        if not any(spec.needs_reason for _, spec in f.matcher.entries(tok)) or f.modality.negated(tok) \
                or f.modality.irrealis(tok, "ACCUSES"):
            continue
        actors = [Arg(e, act) for act in _answered_acts(f, tok) for e in actors_of(f, act) if e.type in f.lex.roles["actor"]]
        if actors:
            yield from _accuse(f, tok, f.frames.agents(tok), actors)


def _answered_acts(f: Finding, verb: Token) -> list[Token]:
    """The acts a measure is said to answer: "for/over X's act", "in retaliation for X's
    act", "citing X's act"."""
    reasons = f.lex.reasons
    acts = []
    for c in verb.children:
        objects = [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" else []
        if c.lower_ in reasons["preps"]:
            acts += objects
        elif c.lower_ == "in":
            acts += [a for o in objects if o.lemma_.lower() in reasons["answering_nouns"]
                     for p in o.children if p.dep_ == "prep" and p.lower_ in ("for", "to")
                     for a in p.children if a.dep_ == "pobj"]
        elif c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in reasons["citing_verbs"]:
            acts += [o for o in c.children if o.dep_ == "dobj"]
    # a wrong the lexicon knows ("crackdown", "rigging"), not any act ("in retaliation for
    # the U.S. decision to re-supply Israel" is a grievance, not a charge)
    return [a for a in acts if a.pos_ == "NOUN" and (a.lemma_.lower() in reasons["nouns"] or a.lower_ in f.ref.act_nouns)]
