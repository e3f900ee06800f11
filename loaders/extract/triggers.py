"""The trigger lexicon as typed, validated data (`triggers.yaml`, `triggers_cameo.yaml`).

Each entry says how a word states a relation: where its target sits (`obj`, the slot
mini-language read by `slots.py`), and the conditions under which the word counts
(`needs`, `particle`, ...). Entries are checked when the lexicon loads: an unknown key,
a slot with no reader, a relation or node type the model does not know, fails at once
with E070 naming the entry, instead of when the word first turns up in an article (or
never: a `needs_prep: with` was once read as "no condition", so "Iran charged Israel's
ambassador" was an accusation).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ...errors import Errors, SkgError

# Slot words of `obj` and whether they take a preposition ("prep:on"); `slots.py`
# registers one reader for each, and a test checks the two agree.
SLOT_WORDS = frozenset({"dobj", "dobj_person", "subj", "inner", "prep", "ccomp_subj", "meeting_parties",
                        "event_poss", "sufferer", "inner_by", "guest", "if_subj", "xcomp_all", "xcomp_obj",
                        "voted_text", "gathered", "poss", "theme"})

# The dependency labels of the English pipeline (ClearNLP style), for `needs_arg`.
DEP_LABELS = frozenset({"acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass",
                        "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dobj", "mark", "neg",
                        "nmod", "npadvmod", "nsubj", "nsubjpass", "oprd", "pcomp", "pobj", "poss", "prep",
                        "prt", "relcl", "xcomp"})


class Trigger(BaseModel):
    """How one word (a verb or noun lemma) states one relation type."""
    model_config = ConfigDict(extra="forbid", frozen=True)

    obj: tuple[str, ...] = ()
    particle: str | None = None                 # "put [forward]": the verb must carry it
    needs: frozenset[str] | None = None         # the object must hold one of these words
    needs_complement: frozenset[str] | None = None
    needs_context: frozenset[str] | None = None  # the sentence must hold one of these
    needs_aux: frozenset[str] | None = None
    needs_ccomp_aux: frozenset[str] | None = None
    or_subjunctive: bool = False
    needs_arg: tuple[str, ...] = ()             # one of these dependents: "ccomp", "prep:with"
    needs_reason: bool = False                  # punitive verbs accuse only with a reason given
    only_with_prep: bool = False
    only_negated: bool = False
    only_borne: bool = False
    borne_by: frozenset[str] = frozenset()
    read_inside: bool = False
    reciprocal: bool = False
    sources: frozenset[str] | None = None
    modality: Literal["asserted", "offered", "threatened", "hedged"] | None = None
    cameo: str | None = None                    # the CAMEO code a generated entry comes from
    position: Literal["voted_for", "voted_against", "vetoed", "abstained", "sponsored"] | None = None
    # with no agent named ("was adopted with two abstentions", "the text passed", "by the
    # Council"), the organ of the resolution acted on ("body": UNSC -> the Security Council)
    default_agent: Literal["body"] | None = None

    @field_validator("obj")
    @classmethod
    def _known_slots(cls, obj: tuple[str, ...]) -> tuple[str, ...]:
        for slot in obj:
            word, _, rest = slot.partition(":")
            if word not in SLOT_WORDS:
                raise ValueError(f"unknown slot {slot!r}; slots are {sorted(SLOT_WORDS)}")
            if (word == "prep") != bool(rest.strip()):
                raise ValueError(f"slot {slot!r}: 'prep:' takes a preposition, and only it does")
        return obj

    @field_validator("needs_arg")
    @classmethod
    def _known_dependents(cls, wanted: tuple[str, ...]) -> tuple[str, ...]:
        for arg in wanted:
            if arg.partition(":")[0] not in DEP_LABELS or len(arg.partition(":")[2].split()) > 2:
                raise ValueError(f"needs_arg {arg!r}: not a dependency label; labels are {sorted(DEP_LABELS)}")
        return wanted


NO_TRIGGER = Trigger()  # for relations found without a trigger entry ("U.S.-sponsored")


class RelationTriggers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verbs: dict[str, Trigger] = Field(default_factory=dict)
    nouns: dict[str, Trigger] = Field(default_factory=dict)
    modality: Literal["asserted", "offered", "threatened", "hedged"] | None = None


class TriggerIndex:
    """Trigger entries by lemma, for verbs and for nouns: (relation, entry) pairs, each
    entry carrying its relation's default modality."""

    def __init__(self, by_relation: dict[str, RelationTriggers]):
        self.verbs: dict[str, list[tuple[str, Trigger]]] = {}
        self.nouns: dict[str, list[tuple[str, Trigger]]] = {}
        for rel, spec in by_relation.items():
            for kind, index in (("verbs", self.verbs), ("nouns", self.nouns)):
                for lemma, entry in getattr(spec, kind).items():
                    if entry.modality is None and spec.modality is not None:
                        entry = entry.model_copy(update={"modality": spec.modality})
                    index.setdefault(lemma, []).append((rel, entry))
        # verbs whose accusation needs a reason: the punitive acts whose reasons are read
        self.reasoned_verbs = frozenset(lemma for lemma, entries in self.verbs.items()
                                        if any(spec.needs_reason for _, spec in entries))

    def relations_of_verb(self, lemma: str) -> list[str]:
        return [rel for rel, _ in self.verbs.get(lemma, [])]


def validate_triggers(raw: dict, relation_types: frozenset[str], node_types: frozenset[str],
                      where: str) -> dict[str, RelationTriggers]:
    """The trigger data checked against the spec and the model; E070 on the first fault."""
    out: dict[str, RelationTriggers] = {}
    for rel, spec in raw.items():
        if rel not in relation_types:
            raise SkgError(Errors.E070.format(where=where, entry=rel, reason=(
                f"no relation type {rel!r} in the model; it has {sorted(relation_types)}")))
        try:
            out[rel] = RelationTriggers.model_validate(spec or {})
        except ValidationError as err:
            first = err.errors()[0]
            entry = ".".join(str(p) for p in (rel, *first["loc"]))
            raise SkgError(Errors.E070.format(where=where, entry=entry, reason=first["msg"])) from None
        for kind in ("verbs", "nouns"):
            for lemma, entry in getattr(out[rel], kind).items():
                unknown = (entry.sources or frozenset()) - node_types
                if unknown:
                    raise SkgError(Errors.E070.format(where=where, entry=f"{rel}.{kind}.{lemma}.sources",
                                                      reason=f"no node type {sorted(unknown)} in the model"))
    return out
