"""Writing relations: the one place where a found candidate (a relation type, its
predicate, agents and targets) becomes `Relation` rows with their evidence.

Finders propose; `Emitter.emit` pairs agents with targets (symmetric relations pair
their parties), keeps only the ends the model allows for the type, drops an
official's accusation of their own state, and measures the evidence span.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...schema import load_model
from .modality import ModalityReader
from .referents import Arg, Referents
from .syntax import evidence_sentence
from .triggers import Trigger
from .types import Relation

BY_MODIFIER = ("amod", "compound", "poss", "nmod")
SAME_SIDE_EXCLUDED = ("CONSULTS",)  # relations between two sides: never two of one government
ONE_VOICE = ("we", "us", "our")


class Emitter:
    def __init__(self, ref: Referents, modality: ModalityReader, text: str):
        self.ref, self.modality, self.text = ref, modality, text
        self.model = load_model()

    def pairs(self, rel: str, spec: Trigger, tok: Token, agents: list[Arg],
              targets: list[Arg]) -> list[tuple[Arg, Arg]]:
        """Who stands to whom: every agent to every target, or, for a symmetric relation
        with parties on one side only ("the two ministers met"), the parties pairwise."""
        symmetric = self.model.symmetric(rel)  # the model says which relations have no direction
        if symmetric and not targets and len(agents) >= 2 and (spec.reciprocal or tok.pos_ == "NOUN"):
            if tok.pos_ == "NOUN" and not spec.reciprocal and self._one_voice(agents):
                return []  # "we, the ministers of A, B and C, renew our call on X": no meeting among them
            self.ref.groups.met(tok, [a.entity for a in agents])
            return _pairwise(agents)
        if symmetric and not agents and len(targets) >= 2:
            return _pairwise(targets)
        pairs = [(a, b) for a in agents for b in targets]
        return self._measure_targets(pairs) if rel == "SANCTIONS" else pairs

    def _measure_targets(self, pairs: list[tuple[Arg, Arg]]) -> list[tuple[Arg, Arg]]:
        """Whom measures are on (convention 9): a named company or person alone, not the
        state that modifies it ("the Iranian carrier Mahan Air" does not sanction Iran),
        and not the state of unnamed people or firms ("four Iranian officials")."""
        if any(b.entity.type != "State" for _, b in pairs):
            pairs = [(a, b) for a, b in pairs if b.entity.type != "State" or b.token.dep_ not in BY_MODIFIER]
        designees = self.ref.lex.designee_nouns
        return [(a, b) for a, b in pairs if b.entity.type != "State" or b.token.dep_ not in BY_MODIFIER
                or b.token.head.lower_ not in designees]

    def _one_voice(self, agents: list[Arg]) -> bool:
        """Parties a noun gets from one word that speaks for them all ("our call", "we"):
        co-signatories of one text, not parties meeting each other."""
        return len({a.token.i for a in agents}) == 1 and agents[0].token.lower_ in ONE_VOICE

    def state_of(self, ent) -> str | None:
        """The state an end belongs to: a state itself, or the state an official serves."""
        return ent.key if ent.type == "State" else ent.props.get("state")

    def allowed(self, rel: str, spec: Trigger, a: Arg, b: Arg) -> bool:
        """Whether the model and the entry allow this pair."""
        src, tgt = a.entity, b.entity
        if src.id == tgt.id or not self.model.allows(rel, src.type, tgt.type):
            return False
        if spec.sources is not None and src.type not in spec.sources:
            return False
        if src.name in self.ref.lex.news_outlets or tgt.name in self.ref.lex.news_outlets:
            return False  # "SOFIA (Reuters) -", "told DPA": the outlet reports, it is no party
        if rel in SAME_SIDE_EXCLUDED and self.state_of(src) is not None and self.state_of(src) == self.state_of(tgt):
            return False  # colleagues of one government do not "consult" each other in the model's sense
        # an official's own state is not whom they threaten or accuse
        return not (rel in self.ref.lex.relation_groups["not_against_own_state"] and tgt.type == "State" and src.props.get("state") == tgt.key)

    def emit(self, rel: str, spec: Trigger, tok: Token, agents: list[Arg], targets: list[Arg]) -> Iterator[Relation]:
        if rel == "SANCTIONS":
            # guideline 12: sanctions a president announces are the state's
            agents = [Arg(state, a.token) if (state := self.ref.served_state(a.entity)) else a for a in agents]
        pairs = [(a, b) for a, b in self.pairs(rel, spec, tok, agents, targets) if self.allowed(rel, spec, a, b)]
        if not pairs:
            return
        mod = self.modality.stated_as(tok, spec)
        s_start, sentence = evidence_sentence(self.text, tok.sent)
        for a, b in pairs:
            toks = [tok, a.token, b.token]
            lo = max(s_start, min(t.idx for t in toks))
            hi = min(s_start + len(sentence), max(t.idx + len(t) for t in toks))
            yield Relation(type=rel, source=a.entity.id, target=b.entity.id, sentence=sentence,
                           sentence_start=s_start, start=lo, end=hi, trigger=tok.text,
                           modality=mod, confidence=0.7 if mod == "hedged" else 0.8, position=spec.position)


def _pairwise(args: list[Arg]) -> list[tuple[Arg, Arg]]:
    return [(a, b) for i, a in enumerate(args) for b in args[i + 1:]]
