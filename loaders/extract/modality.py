"""Modality: whether a predicate states something done, offered, threatened, hedged,
or nothing at all (denied, only asked for, only under a condition).

One reader for every relation: `negated` and `irrealis` say whether a predicate is
stated at all, `stated_as` how. The relation readers never judge modality themselves;
a denied or merely wanted act is dropped, a hedge is stored as hedged, never as
asserted.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .syntax import SUBJ, marked_clauses
from .triggers import Trigger, TriggerIndex

MODAL_ASKING = ("must", "should", "ought")
MAYBE = ("might", "may", "could")  # "Kenya might host talks": talks that may happen
CONDITIONAL_AUX = ("would", "will", "could", "might", "'d", "'ll")
CONDITION_MARKS = ("if", "unless")
INVERTED_CONDITION = ("should", "were", "had")  # "should it transfer missiles"
IRREALIS_CLIMB = ("xcomp", "ccomp", "advcl", "pobj", "dobj", "acl", "relcl", "pcomp", "prep", "nsubj", "attr", "conj")


class ModalityReader:
    def __init__(self, lex: Lexicon, triggers: TriggerIndex):
        self.lex, self.triggers = lex, triggers
        self.offered = frozenset(lex.modality_words["offered"])
        self.hedged = frozenset(lex.modality_words["hedged"])
        self._questions: tuple[Doc, frozenset[int]] | None = None  # the article and its questions' tokens

    # ---- denied -------------------------------------------------------------------
    def negated(self, tok: Token) -> bool:
        """"did not impose", "declined to criticise", "refused to meet", "denied that its
        ambassador had threatened", "could not agree to extend the sanctions", "lifted
        the sanctions"."""
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass"):
            if tok.head.lemma_.lower() in self.lex.ending_verbs or _called_off(tok.head):
                return True  # "lifted sanctions on Sudan": the measure is ended, not imposed
            if any(c.dep_ == "neg" for c in tok.head.children):
                return True  # "did not impose a ban on imports": the measure's light verb is denied
            return self._denied_clause(tok.head, tok)
        return self._denied_clause(tok, tok)

    @staticmethod
    def _no_plans(t: Token) -> bool:
        """"has no plans to mediate", "no intention of joining": a noun the act hangs
        on that is denied by its determiner."""
        return t.dep_ in ("acl", "relcl", "pcomp", "xcomp") and t.head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in t.head.children)

    def _denied_report(self, t: Token) -> bool:
        """"denied reports that it had offered to mediate": a clause on a noun a denial governs."""
        return t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.head.dep_ == "dobj" and \
            t.head.head.lemma_.lower() in self.lex.denying_verbs

    def _denied_clause(self, start: Token, tok: Token) -> bool:
        """Negation on the clause or on the verbs that govern it through control or a
        that-clause, three steps up."""
        t = start
        for _ in range(3):
            if any(c.dep_ == "neg" for c in t.children) or self._no_plans(t) or self._denied_report(t):
                return True
            if t is not tok and t.lemma_.lower() in self.lex.negating_verbs:
                return True  # "declined to criticise", "refused to meet"
            if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in ("from", "of") \
                    and t.head.head is not t.head:
                t = t.head.head  # "refrained from blaming", "stopped short of condemning"
                continue
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.lex.denying_verbs:
                return True  # "denied that it had threatened Algeria"
            if t.dep_ not in ("xcomp", "acomp") or t.head is t:
                return False
            t = t.head
        return False

    # ---- wanted, asked for, conditional: not done -----------------------------------
    def irrealis(self, tok: Token, rel: str) -> bool:
        """A relation stated only as what someone is urged, asked or wants to do
        ("calling for the two nations to start negotiations") did not happen; nor did
        a measure only threatened ("threatened to impose import restrictions") or only
        promised under a condition."""
        if rel not in self.lex.relation_groups["conditional_in_itself"] and (self.conditional(tok) or self.in_condition(tok)):
            return True
        if self.counterfactual(tok):
            return True  # "a draft that would have imposed an embargo": it did not
        if rel not in self.lex.relation_groups["conditional_in_itself"] and self.deliberated(tok):
            return True
        if rel == "SANCTIONS" and self._under_threat(tok):
            return True
        if rel != "CALLS_ON" and self._under_modal(tok):
            return True
        if self._talks_to_come(tok) or self._talks_not_held(tok, rel) or self._speculated(tok):
            return True
        if self._asked(tok):
            return True  # "Will Brazil mediate between Venezuela and Guyana?": asked, not told
        if self.desired(tok, rel):
            return False  # told, hedged (`stated_as`)
        return self._wanted(tok, rel) or self._demanded_infinitive(tok, rel)

    def _asked(self, tok: Token) -> bool:
        """Whether the token's sentence is a question; the article's questions found
        once (`Token.sent` is slow to ask trigger by trigger)."""
        if self._questions is None or self._questions[0] is not tok.doc:
            asked = {t.i for s in tok.doc.sents if s.text.rstrip().rstrip('"”\'').endswith("?") for t in s}
            self._questions = (tok.doc, frozenset(asked))
        return tok.i in self._questions[1]

    def _talks_not_held(self, tok: Token, rel: str) -> bool:
        """Talks whose parties have not met: offered or possible ("offered to host talks
        between Russia and Ukraine", "ready to host talks", "Kenya might host talks":
        only the offer or the possibility, MEDIATES offered or hedged, is told), indirect
        ("indirect talks between Iran and the United States"), or missed ("absent from the
        meeting with the Libyan prime minister", "boycotted the summit")."""
        if rel != "CONSULTS" or tok.lemma_.lower() not in self.lex.meeting_nouns:
            return False
        governing = list(tok.ancestors)[:4]
        if any(g.lemma_.lower() in self.offered or g.lemma_.lower() in self.lex.proposing_verbs for g in governing) \
                or any(c.dep_ == "aux" and c.lower_ in MAYBE for g in governing[:2] for c in g.children):
            return True
        if any(c.dep_ == "amod" and c.lower_ in self.lex.indirect_words for c in tok.children):
            return True
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        return tok.dep_ in ("pobj", "dobj") and head.lemma_.lower() in self.lex.absence_words

    def _speculated(self, tok: Token) -> bool:
        """"Observers said Turkey might mediate between Russia and Ukraine": what unnamed
        onlookers guess an actor might do is no act, offer or threat of the actor's."""
        if not any(c.dep_ == "aux" and c.lower_ in MAYBE for c in tok.children):
            return False
        reporter = next((a for a in tok.ancestors if a.lemma_.lower() in self.lex.reporting_verbs), None)
        return reporter is not None and any(c.dep_ in SUBJ and c.lower_ in self.lex.speculator_nouns
                                            for c in reporter.children)

    def desired(self, tok: Token, rel: str) -> bool:
        """"Vietnam wants to negotiate with China", "Ecuador would like to discuss ...":
        the subject's own wish for its own act is told (hedged), not a demand on
        anyone; measures wished for are not imposed."""
        if rel == "SANCTIONS" or tok.dep_ != "xcomp" or any(c.dep_ in SUBJ for c in tok.children):
            return False
        wish = tok.head
        return wish.lemma_.lower() in self.lex.desiring_verbs and not any(c.dep_ == "dobj" for c in wish.children)

    def _under_threat(self, tok: Token) -> bool:
        """"threatened to impose import restrictions": a measure only threatened."""
        return any(any(r == "THREATENS" and s.needs is None and s.needs_context is None
                       for r, s in self.triggers.verbs.get(a.lemma_.lower(), []))
                   for a in list(tok.ancestors)[:3])

    @staticmethod
    def _under_modal(tok: Token) -> bool:
        """"the US must be ready to mediate": what someone must or should do is asked, not done."""
        chain = [tok] + list(tok.ancestors)[:3]
        return any(c.dep_ == "aux" and c.lower_ in MODAL_ASKING for t in chain for c in t.children)

    def _talks_to_come(self, tok: Token) -> bool:
        """"areas for discussion", "proposing ... for talks": talks to come."""
        return tok.lemma_.lower() in self.lex.meeting_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "for" and (
            tok.head.head.pos_ == "NOUN" or tok.head.head.lemma_.lower() in self.lex.wanting_verbs | self.lex.proposing_verbs)

    def _wanted(self, tok: Token, rel: str) -> bool:
        """Below a verb of wanting or asking ("urged X to impose", "hopes to sign"), within
        five steps, through the clause links that carry the wish."""
        t = tok
        for _ in range(5):
            # "I call on them to pull back and re-engage in negotiations": conjoined
            # demands are demands too
            if t.head is t or t.dep_ not in IRREALIS_CLIMB:
                return False
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lex.wanting_verbs:
                return False  # "the text, prepared by France, calls for a ceasefire": who calls is no wish
            if t.dep_ == "conj" and t.tag_ in ("VBD", "VBZ") and t.head.tag_ == t.tag_:
                return False  # "demanded Iraq's withdrawal and imposed sanctions": two acts, not one wanted
            t = t.head
            if t.lemma_.lower() in self.lex.wanting_verbs and (
                    rel not in self.lex.relation_groups["asking"] or rel == "MEDIATES" and _asks_another(t)):
                return True  # ("urged Qatar to host talks": Qatar is asked, it offered nothing)
        return False

    def _demanded_infinitive(self, tok: Token, rel: str) -> bool:
        """Below a sentence whose main verb asks for something, an infinitive clause
        is what is asked, however the parser links the two ("I call on the parties —
        the SAF and the RSF — to pull back ... and re-engage in negotiations")."""
        root = tok.sent.root
        if root.lemma_.lower() not in self.lex.wanting_verbs or rel in self.lex.relation_groups["asking"]:
            return False
        for a in [tok, *tok.ancestors]:
            if a is root:
                return False
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                return True
        return False

    @staticmethod
    def conditional(tok: Token) -> bool:
        """"it would impose a ban on exports to Russia if the attacks continued", "we will
        impose sanctions should it transfer missiles": a measure under a condition is not
        taken but threatened. (Threats are conditional by nature and are kept.)"""
        verb = _clause_verb(tok)
        if not any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX for c in verb.children):
            return False
        return bool(marked_clauses(verb, CONDITION_MARKS)) or any(
            c.dep_ in ("advcl", "conj") and c.left_edge.lower_ in INVERTED_CONDITION and c.left_edge.dep_ == "aux"
            for c in verb.children)

    @staticmethod
    def in_condition(tok: Token) -> bool:
        """"If the European Union imposes new sanctions on Georgia, Tbilisi will respond":
        what a condition supposes is not stated to happen."""
        t = _clause_verb(tok)
        for _ in range(4):
            if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in t.children):
                return True
            if t.head is t:
                return False
            t = t.head
        return False

    @staticmethod
    def counterfactual(tok: Token) -> bool:
        """"would have imposed", "could have vetoed": what would have been, was not."""
        verb = _clause_verb(tok)
        auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        return "have" in auxes and any(a in ("would", "could", "might", "'d") for a in auxes)

    def deliberated(self, tok: Token) -> bool:
        """"is weighing new sanctions", "seeks to impose a ban", "debated sanctions on
        Mali": what is weighed, considered or prepared is not done."""
        chain = [tok.head] + list(tok.head.ancestors)[:2] if tok.pos_ in ("NOUN", "PROPN") else list(tok.ancestors)[:3]
        path = [tok] + chain
        for below, above in zip(path, chain):
            if below.dep_ not in IRREALIS_CLIMB or below.dep_ in ("nsubj", "relcl"):
                return False
            if above.lemma_.lower() in self.lex.deliberating_verbs:
                # "the resolution seeks to ban ...": a text does what it seeks
                return not any(c.dep_ in SUBJ and c.lemma_.lower() in self.lex.document_nouns for c in above.children)
        return False

    def failed(self, draft: Token) -> bool:
        """A draft vetoed, blocked or failed ("Russia vetoed a text that ...", "the draft
        failed"): what it says it imposes or demands is not in force."""
        if draft.dep_ in ("dobj", "nsubjpass") and draft.head.lemma_.lower() in self.lex.failing_verbs:
            return True
        return draft.dep_ == "nsubj" and draft.head.lemma_.lower() in ("fail", "fall", "collapse")

    # ---- how a stated relation is stated --------------------------------------------
    def stated_as(self, tok: Token, spec: Trigger) -> str:
        """asserted, offered, threatened or hedged, from the entry and the words near
        the predicate ("offered to mediate", "is considering sanctions")."""
        if spec.modality == "threatened":
            return "threatened"
        near = [tok] + list(tok.children) + list(tok.ancestors)[:3]
        near += [c for a in list(tok.ancestors)[:3] for c in a.children]
        words = {t.lower_ for t in near} | {t.lemma_.lower() for t in near}
        if words & self.offered:
            return "offered"
        if words & self.hedged:
            return "hedged"
        return "asserted"


def _asks_another(verb: Token) -> bool:
    """Whether a verb of asking has someone else for its object ("urged Qatar to ...")."""
    return any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a predicate is in: itself, or the verb a noun is the
    object or passive subject of ("would impose a ban": impose)."""
    return tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") else tok


def _called_off(verb: Token) -> bool:
    """"The talks were called off": a meeting or measure cancelled."""
    return verb.lemma_.lower() == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
