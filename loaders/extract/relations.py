"""Relations of one parsed article: the relation stage assembled from its components.

    Referents      which entities a token stands for        (referents.py, groups.py)
    FrameReader    each predicate's agents and targets       (frames.py, slots.py)
    ModalityReader stated, denied, wanted, hedged            (modality.py)
    TriggerMatcher which trigger entries apply at a token    (matching.py, triggers.py)
    finders        candidates from triggers, constructions and evaluation
                   (finders.py, constructions.py, stance.py)
    Emitter        candidates checked against the model and written (emit.py)

Finding is kept apart from writing: finders only propose, the emitter alone writes.
The referents and frames are put on the Doc (`doc._.referents`, `doc._.frames`).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from .constructions import adopted_measures, authored, blamed_causes, hyphenated
from .emit import Emitter
from .entities import Grouping
from .finders import Finder, Finding, trigger_relations
from .frames import FrameReader
from .lexicon import Lexicon
from .matching import TriggerMatcher
from .modality import ModalityReader
from .referents import Referents
from .reactions import measure_reasons, reactions, told_charges
from .stance import evaluations, obligations
from .votes import vote_lists
from .syntax import evidence_sentence
from .types import Relation

# the finders, in the order they run (a meeting read earlier is the antecedent of a
# later "the talks", so the order is part of the behaviour)
FINDERS: tuple[Finder, ...] = (evaluations, blamed_causes, hyphenated, authored, trigger_relations, obligations,
                               vote_lists, reactions, told_charges, measure_reasons)


def finding(doc: Doc, grouping: Grouping, lex: Lexicon, text: str | None = None) -> Finding:
    """The relation stage's components for one article, set up on its Doc."""
    ref = Referents(doc, grouping, lex)
    frames = FrameReader(ref, lex)
    frames(doc)
    assert lex.trigger_index is not None
    modality = ModalityReader(lex, lex.trigger_index)
    matcher = TriggerMatcher(lex, lex.trigger_index, frames, modality)
    return Finding(ref, frames, matcher, modality, Emitter(ref, modality, text if text is not None else doc.text))


def find_relations(f: Finding) -> list[Relation]:
    """Every relation the finders state, then the measures and demands of resolutions
    adopted in the same sentence."""
    found = [rel for find in FINDERS for rel in find(f)]
    return found + list(adopted_measures(f, found))


def official_relations(f: Finding, text: str) -> list[Relation]:
    """OFFICIAL_OF from the title and state written around an official's name; in a
    release, an office of the issuing government named without a country is that
    state's (convention 3), even when the release never names its own state."""
    return list(_official_relations(f, text))


def _official_relations(f: Finding, text: str) -> Iterator[Relation]:
    grouping, doc = f.ref.g, f.doc
    for ent in grouping.entities:
        state = ent.props.get("state")
        if ent.type != "Official" or not state:
            continue
        clue = grouping.clues.get(ent.id)
        m = ent.mentions[0]
        lo, hi = (clue.span if clue and clue.span else (m.start, m.end))
        span = doc.char_span(lo, hi, alignment_mode="expand")
        target = f"state:{state}"
        if ent.props.get("state_from") in ("issuer", "title", "possessor"):
            f.ref.state(state)  # the state the text implies, named or not
        if span is None or not (any(e.id == target for e in grouping.entities) or state in f.ref.implicit):
            continue
        s_start, sentence = evidence_sentence(text, span.sent)
        yield Relation(type="OFFICIAL_OF", source=ent.id, target=target, sentence=sentence,
                       sentence_start=s_start, start=max(lo, s_start), end=min(hi, s_start + len(sentence)),
                       trigger=(clue.title if clue else None) or "",
                       confidence=0.9 if ent.props.get("state_from") is None else 0.6)
