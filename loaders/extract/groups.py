"""Group nouns and lists: "the two nations", "members of the Arab League", "allies
such as Germany", "its partners, Japan, South Korea and Australia", and the "they" of
entities last named together. Read for `Referents`, which owns the token-to-entity map."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .syntax import SUBJ, conjuncts
from .types import Entity

MEETING_DETERMINERS = ("the", "these", "those", "that", "this")

if TYPE_CHECKING:
    from .arguments import Allowed, Arg
    from .referents import Referents


GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


class GroupReader:
    def __init__(self, ref: Referents):
        self.ref = ref
        self.doc, self.tok2ent, self.lex = ref.doc, ref.tok2ent, ref.lex
        self.named_together = self._coordinated_groups()
        self._meeting: tuple[int, list[Entity]] = (-1, [])  # the last meeting read: its sentence and attendees

    def _coordinated_groups(self) -> Counter:
        """Sets of states the text names together ("the USA and North Korea"), counted,
        so a later "the two nations" can stand for the pair the article is about."""
        groups: Counter = Counter()
        for tok in self.doc:
            if tok.i in self.tok2ent and any(c.dep_ == "conj" for c in tok.children):
                members = [self.tok2ent[t.i] for t in conjuncts(tok) if t.i in self.tok2ent]
                states = frozenset(e.id for e in members if e.type == "State")
                if len(states) >= 2:
                    groups[(states, tok.i)] += 1
        return groups

    def last_group(self, tok: Token, allowed: Allowed) -> list[Entity]:
        """"They": the entities last named together (within two sentences before)."""
        first = tok.sent.start
        for _ in range(3):
            if first > 0:
                first = self.doc[first - 1].sent.start
        best: list[Entity] = []
        topic: list[Entity] = []  # the last group that was a subject: what the text is about
        for head in self.doc[first:tok.i]:
            if head.i not in self.tok2ent or not any(c.dep_ in ("conj", "appos") for c in head.children):
                continue
            if head.dep_ in ("conj", "appos") and head.head.i in self.tok2ent:
                continue  # a tail of a longer coordination
            if head.dep_ in ("amod", "compound", "poss", "nmod"):
                continue  # "Greek, Cypriot and French counterparts": modifiers, not actors
            members: list[Entity] = []
            for t in conjuncts(head):
                e = self.tok2ent.get(t.i)
                if e is not None and e not in members and (allowed is None or e.type in allowed):
                    members.append(e)
            kinds = {"Official" if e.type == "Person" else e.type for e in members}
            if len(members) >= 2 and len(kinds - {"State"}) <= 1 and len(members) >= len(best) - 1:
                best = members
                if head.dep_ in SUBJ and head.sent.start < tok.sent.start:
                    topic = members
        return topic if tok.dep_ in SUBJ and topic else best

    def _without_usual_count(self, tok: Token, dets: set[str], count: int | None) -> list[Entity]:
        """"The Baltic states", "the nuclear-armed rivals" (no count): the states last
        named together, else the two of the last clause; "the five": as many as were
        last named together."""
        if count is not None:
            together = self.last_group(tok, None)
            return together if len(together) == count else []
        if not dets & {"the", "these"} or tok.tag_ != "NNS" or \
                any(c.dep_ in ("relcl", "acl", "prep") for c in tok.children):
            return []  # ("the countries that had backed it": a description, not the last named)
        return self.last_group(tok, None) or self.clause_pair(tok)

    def clause_pair(self, tok: Token) -> list[Entity]:
        """"India accused Pakistan ... the nuclear-armed rivals": for a reciprocal noun,
        the subject and object states of the last sentence's main clause."""
        if tok.lower_ not in self.lex.reciprocal_nouns or tok.sent.start == 0:
            return []
        root = self.doc[tok.sent.start - 1].sent.root
        pair = [self.tok2ent.get(c.i) for c in root.children if c.dep_ in SUBJ + ("dobj",)]
        states = [e for e in pair if e is not None and e.type == "State"]
        return states if len(states) == 2 and states[0] is not states[1] else []

    def members_of(self, tok: Token) -> list[Entity]:
        """The organisations whose members a noun names: "members of the Arab League",
        "OPEC members", "EU member states"."""
        if tok.dep_ == "appos" or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        member = tok.lower_ in self.lex.member_nouns or any(
            c.dep_ == "compound" and c.lower_ in self.lex.member_nouns for c in tok.children)
        if not member:
            return []
        found: list[Entity] = []
        modifiers = list(tok.children) + [g for c in tok.children if c.dep_ == "compound"
                                          and c.lower_ in self.lex.member_nouns for g in c.children]
        for c in modifiers:
            if c.dep_ == "prep" and c.lower_ == "of":
                heads = [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ in ("compound", "nmod", "amod", "poss"):
                heads = [c]
            else:
                continue
            for h in heads:
                for x in conjuncts(h):
                    ent = self.tok2ent.get(x.i)
                    if ent is not None and ent.type == "Organization" and ent not in found:
                        found.append(ent)
        return found

    def examples(self, tok: Token) -> list[Arg]:
        """"allies such as Germany", "nations including France and Italy", and the list
        after a relative clause ("countries that backed the coup, including Mali")."""
        found = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "including"):
                found.extend(self._examples_in(c))
            elif c.dep_ == "amod" and c.lower_ == "such":
                found.extend(self.examples(c))
            elif c.dep_ == "relcl":  # the parser hangs the list anywhere in the clause
                found.extend(a for p in c.subtree if p.dep_ == "prep" and p.lower_ == "including"
                             for a in self._examples_in(p))
        return found

    def _examples_in(self, prep: Token) -> list[Arg]:
        from .arguments import Arg
        return [Arg(self.tok2ent[x.i], x) for p in prep.children if p.dep_ == "pobj"
                for x in conjuncts(p) if x.i in self.tok2ent]

    def group_after_of(self, tok: Token) -> Token | None:
        """"a handful of partners": the group noun a quantity noun is of."""
        return next((g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" and g.lower_ in self.lex.group_nouns), None)

    def listed_after(self, tok: Token) -> list[Entity]:
        """"the belligerents — the SAF and the RSF —": a list set off after the noun;
        "its partners, Japan, South Korea and Australia,": a list of two or more after
        a comma, each item an entity."""
        sent_end = tok.sent.end
        if tok.i + 1 < sent_end and self.doc[tok.i + 1].text == ",":
            listed = self._comma_list(tok.i + 2, sent_end)
            if len(listed) >= 2:
                return listed
        j = tok.i + 1
        while j < min(sent_end, tok.i + 8) and self.doc[j].text not in ("—", "–", ":", "("):
            j += 1
        if j >= min(sent_end, tok.i + 8):
            return []
        closer = ")" if self.doc[j].text == "(" else ("—", "–")
        found: list[Entity] = []
        for k in range(j + 1, sent_end):
            if self.doc[k].text in closer and found:
                break
            ent = self.tok2ent.get(k)
            if ent is not None and ent not in found:
                found.append(ent)
        return found if len(found) >= 2 else []

    def _comma_list(self, start: int, end: int) -> list[Entity]:
        """The entities of a list that begins at `start` and holds only entities,
        commas, "and" and articles; it ends at the first other word."""
        found: list[Entity] = []
        k = start
        while k < end:
            ent = self.tok2ent.get(k)
            if ent is not None:
                if ent not in found:
                    found.append(ent)
                k += 1
                while k < end and self.tok2ent.get(k) is ent:
                    k += 1
            elif self.doc[k].lower_ in (",", "and", "the"):
                k += 1
            else:
                break
        return found

    def group(self, tok: Token) -> list[Entity]:
        """What a group noun stands for: the list after it, else (with "two", "both",
        "three") the officials last named or the states most often named together."""
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
        if tok.pos_ == "NUM":  # "The five failed to agree"
            dets.add(tok.lower_)
        listed = self.listed_after(tok)
        if listed:
            return listed
        count = next((GROUP_SIZES[d] for d in dets if d in GROUP_SIZES), None)
        if count is None or count > 3:
            return self._without_usual_count(tok, dets, count)
        if tok.lower_ in self.lex.official_group_nouns:
            seen: list[Entity] = []
            for i in range(tok.i - 1, max(-1, tok.i - 200), -1):
                ent = self.tok2ent.get(i)
                if ent is not None and ent.type == "Official" and ent not in seen:
                    seen.append(ent)
                if len(seen) == (3 if "three" in dets else 2):
                    return seen
            return []
        best = None
        totals: dict = {}  # each group's count, summed once (summed per item, it grew with the square)
        for (states, _), c in self.named_together.items():
            totals[states] = totals.get(states, 0) + c
        for (states, pos), n in self.named_together.items():
            score = (totals[states], pos < tok.i, pos)
            if best is None or score > best[0]:
                best = (score, states)
        if best is None:
            return self.clause_pair(tok)  # "Armenia accused Azerbaijan ... the two neighbours"
        return [e for e in self.ref.g.entities if e.id in best[1]]

    # ---- the last meeting -----------------------------------------------------------
    def met(self, tok: Token, attendees: list[Entity]) -> None:
        """Remember a meeting just read, for a later "the talks" to take up."""
        self._meeting = (tok.sent.start, attendees)

    def meeting_before(self, tok: Token, near: bool = True) -> list[Entity]:
        """The attendees of the meeting a bare "the talks" / "the meeting" takes up: only
        for a definite noun with no words of its own ("the follow-up meeting", "a
        meeting" are other meetings), and, as an argument of its own (`near`), one read
        in this sentence or the one before; "the conclusions of the summit" names what
        the article's summit did, however far back it was told."""
        start, attendees = self._meeting
        if not attendees or not any(c.dep_ == "det" and c.lower_ in MEETING_DETERMINERS for c in tok.children) \
                or any(c.dep_ in ("amod", "compound", "nmod", "poss", "nummod") for c in tok.children):
            return []
        if not near:
            return attendees
        this = tok.sent.start
        previous = self.doc[this - 1].sent.start if this > 0 else this
        return attendees if start in (this, previous) else []
