"""Looking back: which entity named before a word it takes up (a pronoun's antecedent,
an act's doer, a document's issuer, the last holder of a title). A part of `Referents`
(its mixin), kept in a module of its own; it reads the article's entities through the
Referents it belongs to (`tok2ent`, `acting`, `resolve`, `inner`)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .arguments import Allowed, Arg
from .syntax import PASSIVE_SUBJ, SUBJ
from .types import Entity

if TYPE_CHECKING:
    from .lexicon import Lexicon


class LookingBack:
    """The look-back readings of `Referents`."""
    doc: Doc
    lex: Lexicon
    tok2ent: dict[int, Entity]
    acting: set[str]

    def antecedent(self, tok: Token, allowed: Allowed = None) -> Entity | None:
        roles = self.lex.roles
        want = roles["person"] if tok.lower_ in ("he", "she", "his", "her", "him") else roles["it_antecedent"]
        if tok.lower_ in ("they", "their", "them"):
            want = roles["they_antecedent"]
        if allowed is not None:
            want = tuple(w for w in want if w in allowed) or want
        # a subject pronoun never stands for an object of its own verb ("He thanked
        # Farayola": not Farayola)
        mates = {e.id for c in tok.head.children if tok.dep_ in SUBJ and c.dep_ in ("dobj", "dative", "attr")
                 for e in self._named_by(c)}
        governing = self._governing_subject(tok, want, mates)
        if governing is not None:
            return governing
        if self._topic_is_no_entity(tok):
            return None  # "Thousands marched ... They also called on ...": the marchers
        found = self.previous_subject(tok, want)
        if found is not None and found.id not in mates:
            return found
        return self.last_before(tok, 120, lambda e: e.type in want and e.id not in self.acting and e.id not in mates)

    def _governing_subject(self, tok: Token, want: tuple[str, ...], mates: set[str]) -> Entity | None:
        """The subject of a clause above the pronoun ("Russia indicated that it was
        ready"), never the act's own agent ("Chad ..., accusing it of backing the rebels")."""
        head = tok.head
        for _ in range(4):
            for c in head.children:
                if c.dep_ in SUBJ and c.i < tok.i:
                    ent = self.entity_at(c)
                    if ent is not None and ent.type in want and ent.id not in self.acting and ent.id not in mates:
                        return ent
            if head.head is head:
                break
            head = head.head
        return None

    def _named_by(self, tok: Token) -> list[Entity]:
        """The entity a word names: its own, or the person whose surname a proper noun the
        name finder missed repeats ("He thanked Farayola")."""
        if tok.i in self.tok2ent:
            return [self.tok2ent[tok.i]]
        if tok.pos_ != "PROPN":
            return []
        return [e for e in self.g.entities if e.type in self.lex.roles["person"] and e.name.split()[-1:] == [tok.text]]

    def _topic_is_no_entity(self, tok: Token) -> bool:
        """Whether a subject pronoun takes up the last sentence's subject that names no
        entity: "A tanker ... was seized. It had switched off ...", "Thousands marched
        .... They ..." (the number of the pronoun and of the noun agree)."""
        if tok.dep_ not in SUBJ or tok.lower_ not in ("it", "they") or tok.sent.start == 0:
            return False
        previous = self.doc[tok.sent.start - 1].sent
        plural = tok.lower_ == "they"
        for c in previous.root.children:
            if c.dep_ in SUBJ + PASSIVE_SUBJ and c.pos_ in ("NOUN", "NUM") and (c.tag_ in ("NNS", "CD")) == plural:
                return not self.resolve(c) and not any(x.i in self.tok2ent for x in c.children
                                                       if x.dep_ in ("poss", "compound", "amod", "nmod"))
        return False

    def doer_before(self, tok: Token) -> list[Entity]:
        """Who did the act `tok` names again, told in its sentence's two predecessors:
        the doer of the same word ("Russia vetoed the draft ... the veto", "China held
        drills ... the drills"), else the subject of the last act verb ("Israeli jets
        struck a convoy ... the airstrike")."""
        earlier = self.doc[self.sentences_back(tok, 2):tok.sent.start]
        for t in reversed(earlier):
            if t.lemma_ == tok.lemma_ and t.pos_ == "NOUN" and not any(c.lower_ == "the" for c in t.children):
                doers = self.issuer_of(t)
                if doers:
                    return doers
        told = self.lex.event_verbs.get(tok.lemma_.lower(), frozenset())
        verbs = [t for t in earlier if t.lemma_ == tok.lemma_ and t.pos_ == "VERB"] or \
            [v for v in earlier if v.lemma_.lower() in told and v.pos_ == "VERB"] or \
            [v for v in earlier if v.lemma_.lower() in self.lex.act_verbs and v.pos_ == "VERB"]
        for verb in reversed(verbs):
            for s in verb.children:
                if s.dep_ in SUBJ:
                    return [a.entity for a in (self.resolve(s) or self.inner(s) or self._possessor(s))]
        return []

    def issuer_before(self, document: Token) -> list[Entity]:
        """"The President signed an executive order today. The order blocks ...", "The EU
        adopted its package. The measures target ...": a document named again is the
        issuer's of the last document told in its sentence's two predecessors."""
        if not any(c.lower_ in ("the", "this", "these") for c in document.children):
            return []
        for t in reversed(self.doc[self.sentences_back(document, 2):document.sent.start]):
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.document_nouns:
                return self.issuer_of(t)
        return []

    def _possessor(self, tok: Token) -> list[Arg]:
        """Whose a noun is, through a possessive ("its aircraft": the state named before)."""
        return [a for c in tok.children if c.dep_ == "poss" for a in self.resolve(c)]

    def issuer_of(self, document: Token) -> list[Entity]:
        """Who issued a document (or did an act) the text names: its possessor, else the
        subject of the verb it is the object of ("Japan's foreign ministry issued a
        statement"), or of the verb that verb is coordinated with ("met ... and released
        a declaration")."""
        args = self._possessor(document)
        verb = document.head
        if not args and document.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
            while verb.dep_ == "conj" and not any(c.dep_ in SUBJ for c in verb.children):
                verb = verb.head
            for s in verb.children:
                if s.dep_ in SUBJ:
                    args = self.resolve(s) or self._possessor(s)
        return [a.entity for a in args]

    def sentences_back(self, tok: Token, n: int) -> int:
        """The first token of the sentence `n` sentences before `tok`'s."""
        first = tok.sent.start
        for _ in range(n):
            first = self.doc[first - 1].sent.start if first > 0 else first
        return first

    def previous_subject(self, tok: Token, want: tuple[str, ...]) -> Entity | None:
        """"Canada summoned Iran's ambassador. It accused Tehran of ...": a pronoun or a
        definite noun takes up the subject of the sentence before (the entity the text is
        about) rather than a nearer object or possessor."""
        if tok.sent.start == 0 or tok.lower_ in PRONOUN_WORDS and tok.dep_ not in SUBJ:
            return None
        previous = self.doc[tok.sent.start - 1].sent
        for c in previous.root.children:
            if c.dep_ in SUBJ:
                ent = self.entity_at(c)
                if ent is not None and ent.type in want and ent.id not in self.acting:
                    return ent
        return None

    def last_before(self, tok: Token, reach: int, test: Callable[[Entity], bool]) -> Entity | None:
        """The nearest entity before `tok`, within `reach` tokens, that passes `test`."""
        for i in range(tok.i - 1, max(-1, tok.i - reach), -1):
            ent = self.tok2ent.get(i)
            if ent is not None and test(ent):
                return ent
        return None

    def recent(self, tok: Token, want: Iterable[str]) -> Entity | None:
        want = tuple(want)
        return self.last_before(tok, 120, lambda e: e.type in want and e.id not in self.acting)

    def recent_holder(self, tok: Token) -> Entity | None:
        """The official last named with the title a bare "the Secretary" or "the President"
        takes up again, within a few sentences."""
        lesser = self.lex.subordinate_title_words
        return self.last_before(tok, 150, lambda e: e.type == "Official"
                                and takes_up(e.props.get("role") or "", tok.lower_, lesser))


PRONOUN_WORDS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "this"})


def takes_up(role: str, word: str, lesser: frozenset[str]) -> bool:
    """Whether "the <word>" takes up an official of this role: "secretary" takes up a
    "secretary of state", "president" a "president" but not a "vice president"."""
    words = role.lower().split()
    head = words.index("of") - 1 if "of" in words else len(words) - 1
    return head >= 0 and words[head] == word and not set(words[:head]) & lesser

