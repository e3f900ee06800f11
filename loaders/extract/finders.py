"""Finding relations: each finder walks the article and proposes candidates (a
relation type, a predicate, agents, targets) that the `Emitter` writes.

`trigger_relations` reads every predicate the trigger lexicon knows through its
frame; the other finders read constructions that state a relation without a trigger
entry of their own (`constructions.py`). `relations.FINDERS` lists them in the
order they run.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ...schema import load_model
from .emit import Emitter
from .frames import FrameReader
from .matching import TriggerMatcher
from .modality import ModalityReader
from .referents import Arg, Referents
from .slots import read_targets
from .syntax import PASSIVE_SUBJ, SUBJ, mistagged_verb, with_keys
from .triggers import Trigger
from .types import Relation


@dataclass
class Finding:
    """What one article's finders share: its referents, frames, trigger matcher,
    modality reader and emitter."""
    ref: Referents
    frames: FrameReader
    matcher: TriggerMatcher
    modality: ModalityReader
    emitter: Emitter

    @property
    def doc(self):
        return self.ref.doc

    @property
    def lex(self):
        return self.ref.lex


Finder = Callable[[Finding], Iterator[Relation]]


def trigger_relations(f: Finding) -> Iterator[Relation]:
    """Every token whose lemma is a trigger: its frame's agents and the targets in the
    entry's slots, when the entry's conditions hold and the act is stated (not denied,
    not only wanted)."""
    model = load_model()
    for tok in with_keys(f.doc, f.matcher.may_trigger):
        for rel, spec in f.matcher.entries(tok):
            if not f.matcher.applies(tok, spec) or f.modality.negated(tok) != spec.only_negated:
                continue
            if f.modality.irrealis(tok, rel):
                yield from demanded_keeping(f, tok, rel, spec)
                yield from threatened_measure(f, tok, rel, spec)
                continue
            agents, targets = _arguments(f, tok, rel, spec, model.relation_types[rel].targets)
            yield from f.emitter.emit(rel, spec, tok, agents, targets)


def threatened_measure(f: Finding, tok: Token, rel: str, spec: Trigger) -> Iterator[Relation]:
    """"We will impose further sanctions on Iran should it transfer missiles": a
    measure promised under a condition is not imposed; it threatens its target."""
    if rel != "SANCTIONS" or not f.modality.conditional(tok) or f.modality.in_condition(tok):
        return
    agents, targets = _arguments(f, tok, rel, spec, load_model().relation_types["THREATENS"].targets)
    yield from f.emitter.emit("THREATENS", spec.model_copy(update={"modality": "threatened"}), tok, agents, targets)


def _arguments(f: Finding, tok: Token, rel: str, spec: Trigger,
               allowed: tuple[str, ...]) -> tuple[list[Arg], list[Arg]]:
    """The candidate's agents and targets: the frame's, with the fallbacks of
    relations whose arguments sit elsewhere (a consequence's speaker, a failed parse,
    "under sanctions", a ban "in Turkey", a mediated deal's parties)."""
    bearing = f.frames.bearing_verb(tok, spec)
    frame = f.frames[tok]
    agents = f.frames.speakers(bearing) if bearing is not None else frame.agents
    targets = frame.targets(spec, allowed, agents)
    if mistagged_verb(tok) or f.matcher.unparsed_clause(tok):
        agents, targets = _linear_arguments(f, tok)
    if rel == "SANCTIONS" and tok.pos_ == "NOUN" and not targets:
        targets = _under_sanctions(f, tok)
    if rel == "SANCTIONS" and not agents:
        agents = _place_as_authority(f, tok)
    if rel in f.lex.relation_groups["resolution_acts"]:
        # a vetoed or failed draft imposes and demands nothing
        agents = [a for a in agents if a.entity.type != "Resolution" or not f.modality.failed(a.token)]
    if rel == "MEDIATES" and not targets:
        targets = _parties(f, tok, agents)
    if spec.default_agent == "body":
        agents = _adopting_body(f, tok, agents, targets)
    return agents, targets


def _adopting_body(f: Finding, tok: Token, agents: list[Arg], targets: list[Arg]) -> list[Arg]:
    """"Resolution 2719 was adopted", "the General Assembly text passed", "its adoption by
    the Council": with no agent named but the text itself or a bare "the Council" / "the
    Assembly", the organ whose resolution it is adopted it (the lexicon's organisation
    with that `body`). An agent named that is no organ ("Canada's parliament passed a
    resolution") leaves it unsaid."""
    targeted = {t.entity.id for t in targets}
    agents = [a for a in agents if a.entity.id not in targeted]
    if agents or _named_agent(f, tok):
        return agents
    return [Arg(body, tok) for t in targets if (body := f.ref.organ_of(t.entity)) is not None]


def _named_agent(f: Finding, tok: Token) -> bool:
    """Whether the predicate has a subject or by-phrase that is neither the text acted on,
    nor a bare name of an organ, nor a relative pronoun."""
    heads = [c for c in tok.children if c.dep_ in SUBJ] + [p for c in tok.children if c.dep_ == "agent"
                                                           for p in c.children if p.dep_ == "pobj"]
    return any(h.lower_ not in f.lex.organ_words and h.lower_ not in ("which", "that", "who")
               and not any(a.entity.type in f.lex.roles["text"] for a in f.ref.resolve(h)) for h in heads)


def demanded_keeping(f: Finding, tok: Token, rel: str, spec: Trigger) -> Iterator[Relation]:
    """"Germany urged both sides to respect the Minsk agreements": who urges others
    to keep an agreement supports it. Only the keeping verbs the lexicon lists, only
    an agreement or plan (a resolution others are told to obey is not endorsed by
    the telling), and only when the asking verb itself states a demand."""
    if rel != "SUPPORTS" or tok.lemma_.lower() not in f.lex.keeping_verbs:
        return
    asking = next((a for a in list(tok.ancestors)[:3] if a.lemma_.lower() in f.lex.wanting_verbs), None)
    if asking is None or "CALLS_ON" not in f.matcher.triggers.relations_of_verb(asking.lemma_.lower()) \
            or f.modality.negated(asking) or f.modality.irrealis(asking, "CALLS_ON"):
        return
    plans = [a for a in read_targets(f.frames, tok, spec, ("Proposal",)) if a.entity.type == "Proposal"]
    yield from f.emitter.emit("SUPPORTS", spec, tok, f.frames.agents(asking), plans)


def _linear_arguments(f: Finding, tok: Token) -> tuple[list[Arg], list[Arg]]:
    """Without a usable parse: the entities listed just before the word act, the
    entities after it in the clause are concerned."""
    tok2ent, doc = f.ref.tok2ent, f.doc
    agents: list[Arg] = []
    i = tok.i - 1  # not bounded by the sentence: a failed parse splits "Eritrea | defied resolution 1907"
    while i >= 0 and (i in tok2ent or doc[i].lower_ in (",", "and", "the", "'s", "’s")):
        ent = tok2ent.get(i)
        if ent is not None and not any(a.entity.id == ent.id for a in agents):
            agents.insert(0, Arg(ent, doc[i]))
        i -= 1
    targets: list[Arg] = []
    for t in doc[tok.i + 1:tok.sent.end]:
        if t.text in (";", ".") or t.pos_ == "VERB":
            break
        ent = tok2ent.get(t.i)
        if ent is not None and not any(a.entity.id == ent.id for a in targets):
            targets.append(Arg(ent, t))
    return agents, targets


def _under_sanctions(f: Finding, tok: Token) -> list[Arg]:
    """"Mahan has been the subject of United States sanctions", "Iran, under UN
    sanctions": the clause's subject is the target."""
    head = tok.head
    if head.dep_ == "prep" and head.lower_ in ("of", "under"):
        noun = head.head
        verb = noun.head if noun.lower_ in ("subject", "target") else noun
        if head.lower_ == "under" and noun.pos_ in ("VERB", "AUX"):
            verb = noun
        for c in verb.children:
            if c.dep_ in SUBJ + PASSIVE_SUBJ:
                return f.ref.resolve(c)
    return []


def _place_as_authority(f: Finding, tok: Token) -> list[Arg]:
    """"The PKK is banned in Turkey": in a passive ban without agent, the state where
    it is banned is the authority."""
    if not any(c.dep_ in PASSIVE_SUBJ for c in tok.children):
        return []
    tok2ent = f.ref.tok2ent
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if p.dep_ == "pobj" and p.i in tok2ent and tok2ent[p.i].type == "State":
                    return [Arg(tok2ent[p.i], p)]
    return []


def _parties(f: Finding, tok: Token, agents: list[Arg]) -> list[Arg]:
    """"Israel and Hamas agreed to a pause, in a deal mediated by Qatar": the parties
    of a mediated deal are the subjects of the clause around it. Only for a deal or
    talks the mediating word describes, and a clause whose verb makes its subjects
    parties (`party_verbs`): those who merely welcome talks ("Chile and Peru welcomed
    the talks ..., facilitated by the OAS") are none."""
    if tok.dep_ not in ("acl", "relcl", "amod") or \
            tok.head.lemma_.lower() not in f.lex.agreement_nouns | f.lex.meeting_nouns:
        return []
    mine = {a.entity.id for a in agents}
    t = tok
    for _ in range(5):
        if t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_.lower() not in f.lex.party_verbs:
                return []
            for c in t.children:
                if c.dep_ in SUBJ:
                    found = [a for a in f.ref.resolve(c) if a.entity.id not in mine]
                    if len(found) >= 2:
                        return found
    return []
