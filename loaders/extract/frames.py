"""Frames: for a predicate (a verb, or an event noun), who acts and whom it concerns.

The general syntax lives here, once, for every predicate: active and passive clauses,
participles with a by-phrase ("a deal mediated by Qatar"), relative clauses, control
("urged Iran to ..."), coordination, clefts, possessors and modifiers of event nouns
("Russia's veto", "the Russian veto"), and the subject of the clause a noun sits in.
Where the target sits is the trigger entry's business (`obj`, read by `slots.py`).

`FrameReader` is a pipeline component: run on a `Doc` whose referents are set, it
puts itself on `doc._.frames`; `doc._.frames[token]` is that predicate's `Frame`,
read once and kept.
"""
from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .referents import Arg, Referents
from .slots import read_targets
from .syntax import CLIMB, LIGHT_NOUN_HEADS, PASSIVE_SUBJ, RELATIVE_PRONOUNS, SUBJ, between, by_agents, is_passive
from .triggers import Trigger

if not Doc.has_extension("frames"):
    Doc.set_extension("frames", default=None)
if not Doc.has_extension("referents"):
    Doc.set_extension("referents", default=None)


class Frame:
    """One predicate's arguments, read when first asked for."""

    def __init__(self, reader: FrameReader, pred: Token):
        self.reader, self.pred = reader, pred

    @cached_property
    def agents(self) -> list[Arg]:
        """Who acts: the subject, the passive's by-agent, the possessor of an event
        noun, or the agent of the clause the predicate depends on."""
        return self.reader.agents(self.pred)

    def targets(self, spec: Trigger, allowed: tuple[str, ...] | None, acting: list[Arg] | None = None) -> list[Arg]:
        """Whom the predicate concerns, in the slots the trigger entry names; a pronoun
        there is never one of those acting (the frame's agents unless told otherwise)."""
        ref = self.reader.ref
        ref.acting = {a.entity.id for a in (self.agents if acting is None else acting)}
        try:
            return read_targets(self.reader, self.pred, spec, allowed)
        finally:
            ref.acting = set()


class FrameReader:
    """The frame layer of one article (`doc._.frames`)."""

    def __init__(self, ref: Referents, lex: Lexicon):
        self.ref, self.lex = ref, lex
        self.doc = ref.doc
        self.act_nouns = ref.act_nouns
        self._frames: dict[int, Frame] = {}

    def __call__(self, doc: Doc) -> Doc:
        doc._.referents = self.ref
        doc._.frames = self
        return doc

    def __getitem__(self, pred: Token) -> Frame:
        if pred.i not in self._frames:
            self._frames[pred.i] = Frame(self, pred)
        return self._frames[pred.i]

    # ---- agents ------------------------------------------------------------------
    def agents(self, trig: Token, depth: int = 0) -> list[Arg]:
        if depth > 4:
            return []
        if is_passive(trig):
            return next((self.ref.resolve(p) for p in by_agents(trig)), []) or self._by_in_document(trig)
        found = self._subject_agents(trig)
        if found is not None:
            return found
        found = self._inverted_subjects(trig)
        if found:
            return found
        if trig.pos_ in ("NOUN", "PROPN"):
            found = self._noun_agents(trig)
            if found is not None:
                return found
        return self._governing_agents(trig, depth)

    def _by_in_document(self, trig: Token) -> list[Arg]:
        """"was condemned in a joint communiqué by Angola and Burundi": a passive's agent
        named as the author of the document it was said in."""
        return [a for p in trig.children if p.dep_ == "prep" and p.lower_ == "in"
                for d in p.children if d.dep_ == "pobj" for a in self.author_of(d)]

    def _subject_agents(self, trig: Token) -> list[Arg] | None:
        """The clause's subject (None when it has none that decides)."""
        kids = list(trig.children)
        # the small model sometimes hangs the subject on an auxiliary ("The US has been
        # encouraging ...": US <-nsubj- been): an auxiliary's subject is the verb's
        subjects = kids + [s for c in kids if c.dep_ == "aux" for s in c.children if s.dep_ in SUBJ]
        for c in subjects:
            if c.dep_ in SUBJ and c.lower_ in ("that", "who") and trig.head.lemma_ == "be":
                # "It was Britain that first proposed the plan": the cleft's focus acts
                found = [a for k in trig.head.children if k.dep_ == "attr" for a in self.ref.resolve(k)]
                if found:
                    return found
            if c.dep_ in SUBJ:
                found = self.ref.resolve(c) or self.ref.entity_children(c, ("poss",)) or self.actor_of_act(c) \
                    or self.author_of(c)
                if found:  # the subject, or whose act the subject is ("North Korea's launch violated ...")
                    return found + self._stranded(c, trig) + self._companions(trig, found)
                if c.lower_ not in RELATIVE_PRONOUNS:
                    return []
        return None

    def _noun_agents(self, trig: Token) -> list[Arg] | None:
        """An event noun's by-phrase ("its adoption by the Council": the possessor is then
        what the act was done to), else its possessor or modifier ("Russia's veto", "the
        Russian veto")."""
        if any(c.dep_ == "poss" for c in trig.children):
            by = self._by_phrase(trig)
            if by:
                return by
        for c in trig.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i in self.ref.tok2ent):
                found = self.ref.resolve(c)
                if found:
                    return found
        if trig.lemma_.lower() not in self.lex.meeting_nouns:
            # (who hosts or brokers talks is no party to them: "talks ..., facilitated by X")
            found = self.described_agents(trig) or self._by_phrase(trig)
            if found:
                return found
        if trig.lemma_.lower() in self.lex.meeting_nouns and between(trig):
            return []  # "talks between X and Y": the parties are named; whoever hosts is not one
        return None

    def described_agents(self, noun: Token) -> list[Arg]:
        """Who did what a noun's own clause tells: "sanctions levied by Canada", "a note
        delivered by Vietnam" (a participle's by-agent), "the sanctions that Japan
        announced" (a relative clause's subject)."""
        for c in noun.children:
            if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN" and any(a.dep_ == "agent" for a in c.children):
                return self._on_behalf_of(c) or [a for p in by_agents(c) for a in self.ref.resolve(p)]
            if c.dep_ == "relcl" and not any(k.dep_ == "dobj" for k in c.children):
                subjects = [s for s in c.children if s.dep_ in SUBJ and s.lower_ not in RELATIVE_PRONOUNS]
                if subjects:
                    return [a for s in subjects for a in self.ref.resolve(s)]
        return []

    def _governing_agents(self, trig: Token, depth: int) -> list[Arg]:
        """The agent of the clause or noun the predicate hangs on."""
        head = trig.head
        if head is trig:
            return []
        if trig.dep_ in PASSIVE_SUBJ and trig.pos_ in ("NOUN", "PROPN"):
            # "new sanctions on Myanmar were announced by Canada": the clause's agent
            for c in head.children:
                if c.dep_ == "agent":
                    return [a for p in c.children if p.dep_ == "pobj" for a in self.ref.resolve(p)]
        if trig.dep_ == "relcl" or (trig.dep_ == "acl" and trig.tag_ in ("VBZ", "VBP", "VBD")):
            found = self.ref.resolve(head) or self.author_of(head)  # "The communiqué of X called on ..."
            if found:
                return found
            return [Arg(e, head) for e in [self.ref.recent(trig, self.lex.roles["text"])] if e]
        controller = self._object_controller(trig) if depth <= 1 else []  # the verb, or the one it heads
        if controller:
            return controller
        if trig.dep_ in CLIMB or trig.dep_ in LIGHT_NOUN_HEADS:
            return self.agents(head, depth + 1)
        return []

    def _object_controller(self, trig: Token) -> list[Arg]:
        """Object control: "France persuaded Chad to join the talks" (Chad joins),
        "thanked the Kingdom for hosting talks" (the Kingdom hosts): the object of these
        verbs did what their to-clause or for-gerund says. (What a wanting verb's object
        is asked to do, "urged Iran to hold talks", is the modality reader's: not done.)"""
        head = trig.head
        if trig.dep_ == "pcomp" and head.lower_ == "for" and head.dep_ == "prep":
            verb = head.head
            if verb.lemma_.lower() not in self.lex.object_control_verbs:
                return []
        elif trig.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_.lower() in self.lex.object_control_verbs:
            verb = head
        else:
            return []
        return [a for c in verb.children if c.dep_ == "dobj" for a in self.ref.resolve(c)]

    def actor_of_act(self, act: Token) -> list[Arg]:
        """Who did the act a subject names: "the Russian occupation of the plant", "the
        deployment of Turkish troops", "the transfer of Iranian drones to Russia", "the
        launch by North Korea". Only for act nouns; the place or victim of the act
        ("to Russia", "of the plant") is not its actor."""
        if act.lower_ not in self.act_nouns or act.pos_ != "NOUN":
            return []
        own = self.ref.entity_children(act, ("amod", "compound", "nmod"))
        if own:
            return own
        for prep in act.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("of", "by"):
                for p in prep.children:
                    if p.dep_ != "pobj":
                        continue
                    if prep.lower_ == "by":
                        return self.ref.resolve(p)
                    held = self.ref.entity_children(p, ("amod", "compound", "poss", "nmod"))
                    if held:  # "of Turkish troops": the troops' state acts
                        return held
        return []

    def _by_phrase(self, noun: Token) -> list[Arg]:
        """"a weekend visit to Havana by Mexico's foreign minister", "a communique by A
        and B": a noun's own by-phrase names who did it or wrote it."""
        return [a for p in noun.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
                for o in p.children if o.dep_ == "pobj" for a in self.ref.resolve(o)]

    def _on_behalf_of(self, verb: Token) -> list[Arg]:
        """"read out by Slovenia on behalf of the Council": the one spoken for."""
        return [a for p in verb.children if p.dep_ == "prep" and p.lower_ == "on"
                for b in p.children if b.dep_ == "pobj" and b.lower_ == "behalf"
                for o in b.children if o.dep_ == "prep" and o.lower_ == "of"
                for x in o.children if x.dep_ == "pobj" for a in self.ref.resolve(x)]

    def author_of(self, document: Token) -> list[Arg]:
        """"A protest note delivered by Vietnam ... denounced", "The Kenyan note ...
        protested": a document or message as subject acts for its author."""
        if document.lemma_.lower() not in self.lex.document_nouns or document.pos_ != "NOUN":
            return []
        return self._by_phrase(document) or self.ref.entity_children(document, ("amod", "compound", "nmod")) \
            or self.described_agents(document) or self._issuer_of_phrase(document) \
            or [Arg(e, document) for e in self.ref.issuer_before(document)]  # "a communique by A and B", "the Kenyan note"

    def _issuer_of_phrase(self, document: Token) -> list[Arg]:
        """"The communiqué of the Arab League summit called on ...": whose the document is,
        named after "of" (or inside that phrase)."""
        return [a for p in document.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj" for a in (self.ref.resolve(o) or self.ref.inner(o))]

    def _stranded(self, subj: Token, verb: Token) -> list[Arg]:
        """Subjects the parser cut off from their coordination ("Norway and Ireland
        tabled ...", parsed with "Norway" as a sentence of its own and "and" on the verb):
        entities just before the subject, joined to it by "and" or a comma on the verb."""
        out, i = [], subj.left_edge.i - 1
        tok2ent = self.ref.tok2ent
        while i >= 1 and self.doc[i].lower_ in ("and", ",") and self.doc[i].head in (verb, subj):
            ent = tok2ent.get(i - 1)
            prev = self.doc[i - 1]
            if ent is None or ent.type not in self.lex.roles["agent"] or not (
                    prev.head in (verb, subj) or prev.head is prev or prev.dep_ == "conj"):
                break  # "... if it invades Ukraine, Britain warned": Ukraine belongs to its own clause
            out.append(Arg(ent, prev))
            i = prev.left_edge.i - 1
            while i >= 1 and tok2ent.get(i) is ent:
                i -= 1
        return out

    def _inverted_subjects(self, trig: Token) -> list[Arg]:
        """"Voting against the text were Belarus, Nicaragua and Syria": the actors come
        after the copula. The parser reads the opening participle as a subject, or as a
        verb with "were" for its auxiliary and the states for its object."""
        if trig.i != trig.sent.start or trig.tag_ not in ("VBG", "NN"):
            return []
        be = trig.head if trig.dep_ in SUBJ and trig.head.lemma_ == "be" else next(
            (c for c in trig.children if c.lemma_ == "be" and c.dep_ in ("aux", "auxpass")), None)
        if be is None:
            return []
        return [a for c in [*be.children, *trig.children] if c.i > be.i and c.dep_ in ("attr", "dobj", "nsubj")
                for a in self.ref.resolve(c)]

    def _companions(self, verb: Token, agents: list[Arg]) -> list[Arg]:
        """Who acts with the subject: "Ecuador voted against it along with Russia",
        "France, together with Germany, proposed ...". Only an entity of a type already
        acting, so that "met along with aides" adds no one."""
        kinds = {a.entity.type for a in agents}
        out = []
        for c in [*verb.children, *(k for a in agents for k in a.token.children)]:
            if c.dep_ not in ("prep", "advmod"):
                continue
            if c.lower_ == "alongside" or (
                    c.lower_ == "with" and c.i > 0 and self.doc[c.i - 1].lower_ in ("along", "together")):
                preps = [c]
            elif c.lower_ in ("along", "together"):  # "along with": "with" hangs on "along", or beside it
                preps = [k for k in c.children if k.lower_ == "with"] + [
                    k for k in c.head.children if k.lower_ == "with" and k.i == c.i + 1]
            else:
                continue
            out.extend(a for p in preps for o in p.children if o.dep_ == "pobj"
                       for a in self.ref.resolve(o) if a.entity.type in kinds)
        return out

    # ---- who is to bear a consequence -------------------------------------------
    @staticmethod
    def bearing_verb(noun: Token, spec: Trigger) -> Token | None:
        """The verb by which someone is to bear the noun: "will pay a heavy price",
        "would face consequences", "would trigger a firm response", "would be met with a
        swift response", "would result in a severe response" (`borne_by`, under will/would),
        or None."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in ("with", "in", "to"):  # "be met with", "result in", "lead to"
            verb = verb.head
        elif noun.dep_ != "dobj":
            return None
        if verb.lemma_.lower() in spec.borne_by and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children):
            return verb
        return None

    def speakers(self, clause: Token) -> list[Arg]:
        """Who says that someone "will pay a heavy price" or "would face consequences"
        (`clause`: the bearing verb): the subject of the reporting verb above the clause
        ("..., Britain warned"; "Lithuania said Belarus would face ..."); said as a
        sentence of its own, whose voice it is (a quotation's speaker, the issuer)."""
        while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in self.lex.reporting_verbs | {"vow", "promise", "threaten"}:
            return self.agents(clause.head)
        if clause.dep_ == "ROOT":
            # "'Belarus will pay a price for every provocation,' she said" or a release's
            # own "Minsk will pay dearly": the quotation's speaker, the issuer
            return self.ref.voice(clause)
        return []
