"""Where a trigger's target sits: the slot mini-language of the trigger lexicon.

`obj: [dobj, prep:on, inner]` in `triggers.yaml` names slots; each slot word has one
reader registered here (`SLOT_READERS`), so a frame's targets are read by one lookup
per slot instead of a chain of tests, and `triggers.SLOT_WORDS` (checked when the
lexicon loads) and this registry are kept equal by a test.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .referents import Arg, Referents
from .meetings import described_meeting, gathered, meeting_named_before, meetings_acted_on, party_tokens
from .syntax import PASSIVE_SUBJ, SUBJ, between, circumstantial, passive_participle, repeated_prep, through
from .triggers import Trigger

if TYPE_CHECKING:
    from .frames import FrameReader

Allowed = tuple[str, ...] | None
SlotReader = Callable[["FrameReader", Token, list[Token], str, Trigger, Allowed], list[Arg]]
SLOT_READERS: dict[str, SlotReader] = {}
RELATIVE = ("that", "which", "whom")


def reads(*slots: str) -> Callable[[SlotReader], SlotReader]:
    def register(fn: SlotReader) -> SlotReader:
        for slot in slots:
            SLOT_READERS[slot] = fn
        return fn
    return register


def read_targets(fr: FrameReader, trig: Token, spec: Trigger, allowed: Allowed = None) -> list[Arg]:
    """Whom a trigger acts on: the readings every transitive trigger shares (a
    participle's noun, an opening participle's subject, a relative clause's head, a
    passive subject), then each slot of the entry's `obj` read by its registered reader,
    and last an infinitive's subject read as the object it stands for."""
    kids = list(trig.children)
    transitive = "dobj" in spec.obj
    out: list[Arg] = []
    if passive_participle(trig) and (transitive or "subj" in spec.obj):
        out.extend(_participle_patient(fr, trig, allowed))
    if transitive:
        out.extend(_opening_participle_patient(fr, trig, kids, allowed))
        out.extend(_relative_head(fr, trig, kids, allowed))
        if "subj" not in spec.obj:
            # any transitive trigger in the passive: "the plan was welcomed by Ukraine"; an
            # entry that reads inside its object reads inside the passive subject too
            # ("Rwanda's shelling of Goma was condemned by ...")
            out.extend(a for c in kids if c.dep_ in PASSIVE_SUBJ
                       for a in fr.ref.resolve(c, inner="inner" in spec.obj, allowed=allowed))
    for slot in spec.obj:
        out.extend(SLOT_READERS[slot.partition(":")[0]](fr, trig, kids, slot, spec, allowed))
    if not out and transitive:
        out.extend(_infinitive_subjects(fr, kids))
    return out


def _opening_participle_patient(fr: FrameReader, trig: Token, kids: list[Token], allowed: Allowed) -> list[Arg]:
    """"Adopted unanimously by the Council, resolution 2771 renews ...": a participle
    opening the clause tells what was done to the clause's subject."""
    if trig.tag_ != "VBN" or trig.dep_ != "advcl" or any(c.dep_ in SUBJ for c in kids):
        return []
    return [a for s in trig.head.children if s.dep_ in SUBJ for a in fr.ref.resolve(s, allowed=allowed)]


def _relative_head(fr: FrameReader, trig: Token, kids: list[Token], allowed: Allowed) -> list[Arg]:
    """"the draft that Russia vetoed": the clause's object is the noun it describes."""
    if trig.dep_ != "relcl" or not any(c.dep_ in SUBJ and c.lower_ not in RELATIVE + ("who",) for c in kids) \
            or any(c.dep_ == "dobj" and c.lower_ not in RELATIVE for c in kids):
        return []
    return fr.ref.resolve(trig.head, allowed=allowed)


def _infinitive_subjects(fr: FrameReader, kids: list[Token]) -> list[Arg]:
    """"urges X to act" parsed with X as the subject of the infinitive (an infinitive, not
    a finite clause: "'Minsk is smuggling migrants,' the minister told reporters")."""
    return [a for c in kids if c.dep_ == "xcomp" or c.dep_ == "ccomp" and c.tag_ == "VB"
            for s in c.children if s.dep_ in SUBJ for a in fr.ref.resolve(s)]


def _participle_patient(fr: FrameReader, trig: Token, allowed: Allowed) -> list[Arg]:
    """"the draft, sponsored by the United States": the participle's noun is the patient;
    but not when it describes a meeting the parser hung it below ("the meeting between
    Lebanese and Israeli officers, hosted by UNIFIL" hosts no officer)."""
    if described_meeting(trig, fr.lex.meeting_nouns):
        return []
    doc = trig.doc
    listed = fr.ref.tok2ent.get(trig.i - 2) if trig.i >= 2 and doc[trig.i - 1].text == "," else None
    if listed is not None and trig.head.i != trig.i - 2 and listed.type in fr.lex.roles["text"]:
        # "S/2024/211, put forward by Russia": the text just before the comma, though the
        # parser hung the participle on another noun of the list
        return [Arg(listed, doc[trig.i - 2])] if allowed is None or listed.type in allowed else []
    return fr.ref.resolve(trig.head, allowed=allowed)


@reads("dobj", "dobj_person")
def _dobj(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"urged Iran": the direct object (`dobj_person`: only a person there)."""
    out: list[Arg] = []
    for c in kids:
        if c.dep_ in ("dobj", "dative") and not _hosted_meeting(fr, trig, c):
            found = fr.ref.resolve(c, allowed=allowed)
            if slot == "dobj_person":
                found = [a for a in found if a.entity.type in fr.lex.roles["person"]]
            out.extend(found)
    return out


def _hosted_meeting(fr: FrameReader, trig: Token, obj: Token) -> bool:
    """"thank Kazakhstan for hosting them" after "the talks between A and B": what a
    word that mediates meetings takes as its pronoun object is the meeting, not its
    parties as guests."""
    return obj.pos_ == "PRON" and "MEDIATES" in fr.lex.trigger_index.relations_of_verb(trig.lemma_.lower()) \
        and bool(meeting_named_before(obj, fr.lex.meeting_nouns))


@reads("subj")
def _subj(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"Iran was sanctioned": the subject of a passive clause."""
    return [a for c in kids if c.dep_ in PASSIVE_SUBJ for a in fr.ref.resolve(c, allowed=allowed)]


@reads("inner")
def _inner(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"denounced Washington's rhetoric": an entity inside the object phrase."""
    out: list[Arg] = []
    no_object = not any(c.dep_ == "dobj" for c in kids)
    for c in kids:
        if c.dep_ in ("dobj", "attr", "pobj") or (c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "to")):
            out.extend(fr.ref.resolve(c, inner=True))
        elif c.dep_ == "prep" and c.lower_ == "as" and no_object:
            # "denounced as an ugly crime Serbia's suppression of ...": the object moved
            out.extend(a for p in c.children if p.dep_ == "pobj" for a in fr.ref.inner(p))
    return out


def _prep_heads(fr: FrameReader, trig: Token, kids: list[Token], word: str, spec: Trigger) -> list[Token]:
    """Prepositions `word` that belong to the trigger wherever the parser hung them."""
    held = _held_elsewhere(fr, trig, kids, word, spec)
    own = [c for c in kids + held if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word]
    held += [w for c in own for w in repeated_prep(c, trig)]
    return kids + held


def _held_elsewhere(fr: FrameReader, trig: Token, kids: list[Token], word: str, spec: Trigger) -> list[Token]:
    """The trigger's prepositions hung on another word: on its object ("imposed a cap
    on X"), on its light verb ("gave a warm welcome to X"), on its particle ("runs
    counter to X"), on a noun's reduced relative ("sanctions levied by Canada on X")."""
    held = [g for c in kids if c.dep_ == "dobj" and (spec.read_inside or c.lemma_.lower() in (spec.needs or ()))
            for g in c.subtree if g.dep_ == "prep" and g.lower_ == word]  # "reached a deal with Togo"
    held += [g for c in kids if c.dep_ in ("advmod", "prt") and c.lower_ == spec.particle
             for g in c.children if g.dep_ == "prep" and g.lower_ == word]
    return held + (_held_for_noun(fr, trig, kids, word) if trig.pos_ == "NOUN" else [])


def _held_for_noun(fr: FrameReader, noun: Token, kids: list[Token], word: str) -> list[Token]:
    """A noun's prepositions on its light verb or in its reduced relative."""
    held = [g for c in kids if c.dep_ == "acl" and c.tag_ == "VBN"
            for g in c.children if g.dep_ == "prep" and g.lower_ == word]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in fr.lex.light_verbs:
        held += [g for g in noun.head.children if g.dep_ in ("prep", "dative") and g.lower_ == word]
    return held


@reads("prep")
def _prep(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """`prep:X`: the object of preposition X ("called on Iran", "sanctions against Iran")."""
    out: list[Arg] = []
    word, *rest = slot[5:].split()
    for c in _prep_heads(fr, trig, kids, word, spec):
        if c.dep_ in ("prep", "agent", "dative", "conj") and c.lower_ == word:
            for p in through(c, rest):
                found = fr.ref.resolve(p, allowed=allowed)
                if not found and spec.read_inside:
                    found = [a for a in fr.ref.inner(p) if allowed is None or a.entity.type in allowed]
                out.extend(found)
        # "calling for the two nations to start talks": for-clause subject
        if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == word for m in c.children):
            out.extend(a for s in c.children if s.dep_ in SUBJ for a in fr.ref.resolve(s))
    return out


@reads("ccomp_subj")
def _ccomp_subj(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
                allowed: Allowed) -> list[Arg]:
    """"said that Iran must ...": the subject of the that-clause."""
    out: list[Arg] = []
    for c in kids:
        # a noun's clause is an acl ("the demand that Israel open the crossing")
        if c.dep_ == "ccomp" or (c.dep_ == "acl" and trig.pos_ == "NOUN"
                                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            for s in c.children:
                if s.dep_ in SUBJ:
                    found = fr.ref.resolve(s)
                    if not found and spec.read_inside:
                        found = fr.ref.inner(s)  # "hold the junta in Myanmar accountable"
                    out.extend(found)
    return out


@reads("meeting_parties")
def _meeting_parties(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
                     allowed: Allowed) -> list[Arg]:
    """"hosted talks between X and Y", "talks between X and Y, facilitated by Z", "talks
    hosted by Z brought X and Y together", "thanked Z for hosting them": the parties of
    the meetings the word acts on (`meetings.py`)."""
    words = fr.lex.meeting_nouns | fr.lex.agreement_nouns | fr.lex.settlement_nouns
    return [a for m in meetings_acted_on(trig, words) for o in party_tokens(m, fr.lex)
            for a in fr.ref.resolve(o, allowed=allowed)]


@reads("gathered")
def _gathered(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
              allowed: Allowed) -> list[Arg]:
    """"Talks hosted by Egypt brought Israeli and Palestinian negotiators together": the
    parties a meeting noun gathers, met at it."""
    return [a for o in gathered(trig, fr.lex) for a in fr.ref.resolve(o, allowed=allowed)]


@reads("theme")
def _theme(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"The General Assembly text passed with 141 votes": the subject of a verb used
    without an object undergoes it."""
    if any(c.dep_ == "dobj" for c in kids):
        return []
    return [a for c in kids if c.dep_ == "nsubj" for a in fr.ref.resolve(c, allowed=allowed)]


@reads("poss")
def _poss(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"its adoption by the Council", "resolution 2231's passage": the possessor of an
    act noun that takes no of-object is what the act was done to."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
        return []
    return [a for c in kids if c.dep_ == "poss" for a in fr.ref.resolve(c, allowed=allowed)]


@reads("event_poss")
def _event_poss(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
                allowed: Allowed) -> list[Arg]:
    """"demanded Iraq's withdrawal", "called for Russia's compliance": whose act is asked for."""
    out: list[Arg] = []
    for c in kids:
        objects = [c] if c.dep_ == "dobj" else (
            [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "for" else [])
        for o in objects:
            if o.pos_ == "NOUN" and o.i not in fr.ref.tok2ent:
                out.extend(a for k in o.children if k.dep_ == "poss" for a in fr.ref.resolve(k, allowed=allowed))
    return out


@reads("sufferer")
def _sufferer(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
              allowed: Allowed) -> list[Arg]:
    """"Russia will pay a heavy price": who is to bear it; "further Russian aggression
    would be met with ...": Russia."""
    verb = fr.bearing_verb(trig, spec)
    return [a for c in (verb.children if verb is not None else ()) if c.dep_ in SUBJ + PASSIVE_SUBJ
            for a in fr.ref.resolve(c, inner=True, allowed=allowed)]


@reads("inner_by")
def _inner_by(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
              allowed: Allowed) -> list[Arg]:
    """"demanded an admission by Moscow": the by-agent inside the object."""
    return [a for c in kids if c.dep_ == "dobj" for t in c.subtree
            if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")
            for p in t.children if p.dep_ == "pobj" for a in fr.ref.resolve(p)]


@reads("guest")
def _guest(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger, allowed: Allowed) -> list[Arg]:
    """"hosted a delegation from Laos", "received the Chinese foreign minister": the guest."""
    return [a for c in kids if c.dep_ == "dobj" and {t.lower_ for t in c.subtree} & fr.lex.guest_nouns
            for a in fr.ref.inner(c)]


@reads("if_subj")
def _if_subj(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
             allowed: Allowed) -> list[Arg]:
    """"the consequences if China provides support to Russia", "threatened to close its
    airspace unless Armenia withdrew", "warned it would impose tariffs if Australia
    pressed on": the condition's subject."""
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    clauses = [verb, trig] + [c for c in kids if c.dep_ in ("xcomp", "ccomp")]
    return [a for clause in clauses for c in clause.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "should") for m in c.children)
            for sub in c.children if sub.dep_ in SUBJ for a in fr.ref.resolve(sub)]


@reads("xcomp_all")
def _xcomp_all(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
               allowed: Allowed) -> list[Arg]:
    """"threatened to impose restrictions against German goods", "threatened to strike
    unless Israel withdrew": whoever the threatened act concerns."""
    out: list[Arg] = []
    for c in kids:
        if c.dep_ in ("xcomp", "ccomp", "oprd", "acomp"):
            mine = {a.entity.id for a in fr.agents(trig)}
            for t in c.subtree:
                ent = fr.ref.tok2ent.get(t.i)
                if ent is None or ent.id in mine or any(a.entity.id == ent.id for a in out):
                    continue
                if circumstantial(t, c):
                    continue  # "over their ties with Israel", "a visit by the PLO"
                out.append(Arg(ent, t))
    return out


@reads("xcomp_obj")
def _xcomp_obj(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
               allowed: Allowed) -> list[Arg]:
    """"vowed to punish X": the object of the infinitive."""
    return [a for c in kids if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"
            for a in fr.ref.resolve(o, inner=True)]


@reads("voted_text")
def _voted_text(fr: FrameReader, trig: Token, kids: list[Token], slot: str, spec: Trigger,
                allowed: Allowed) -> list[Arg]:
    """"with Russia voting against and China abstaining", "Russia vetoed", "cast the
    lone vote against": a vote is on the text it names ("voted no on the draft"), else
    on the text under vote: the resolution its sentence names (the nearest), else the
    last one named before."""
    own = _own_objects(fr, trig, kids)
    if own:
        return [a for a in own if a.entity.type == "Resolution"]
    return text_under_vote(fr.ref, trig)


def text_under_vote(ref: Referents, trig: Token) -> list[Arg]:
    """The resolution a vote at `trig` is on when it names none: the nearest its
    sentence names, else the last one named before."""
    sentence = [t for t in trig.sent if (e := ref.tok2ent.get(t.i)) is not None and e.type == "Resolution"]
    if sentence:
        nearest = min(sentence, key=lambda t: (abs(t.i - trig.i), t.i > trig.i))
        return [Arg(ref.tok2ent[nearest.i], nearest)]
    before = ref.last_before(trig, VOTE_REACH, lambda e: e.type == "Resolution")
    return [Arg(before, trig)] if before is not None else []


VOTE_REACH = 80  # tokens back to the text a vote is on: the sentence before, or two


def _own_objects(fr: FrameReader, trig: Token, kids: list[Token]) -> list[Arg]:
    """What the vote names as what it is on: the entities of its object, or of a
    preposition's object ("voted against resolution 2719", "vetoed it", "on the draft")."""
    objects = [c for c in kids if c.dep_ == "dobj" and c.lower_ not in ("no", "yes")]
    objects += [o for c in kids if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return [a for o in objects for a in fr.ref.resolve(o)]
