"""Relations: trigger words from the lexicon, their arguments from the dependency parse.

For each token whose lemma is a trigger of some relation type, `agents` finds who acts
(subject, passive agent, possessor, or the subject of the clause that controls it) and
`targets` finds whom it concerns, in the slots the lexicon names for that trigger.
Arguments become entities through the mention map, coordination ("Russia and China"),
group nouns ("the two nations"), pronouns and the release's "we".
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...schema import load_model
from .entities import ISSUING_BODIES, Grouping
from .lexicon import Lexicon
from .types import Entity, Relation

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
CLIMB = ("xcomp", "advcl", "conj", "ccomp", "acl", "pcomp", "relcl", "prep", "pobj", "dobj", "attr", "acomp", "oprd")
PLACE_PREPOSITIONS = {"in", "inside", "within", "across", "throughout"}
CIRCUMSTANCES = {"over", "on", "for", "by", "after", "during", "because", "amid", "in", "before", "since", "despite"}
LIGHT_NOUN_HEADS = ("dobj", "pobj", "nsubj", "attr", "appos", "conj", "npadvmod")


# The slot mini-language of triggers.yaml (`obj: [dobj, prep:on, inner]`): one reader a
# slot, registered by name, so that `targets` interprets the data with one lookup
# instead of a chain of tests. `prep:X` is read by the "prep" reader.
SlotReader = Callable[..., list["Arg"]]
SLOT_READERS: dict[str, SlotReader] = {}


def reads(*slots: str) -> Callable[[SlotReader], SlotReader]:
    def register(fn: SlotReader) -> SlotReader:
        for slot in slots:
            SLOT_READERS[slot] = fn
        return fn
    return register


@dataclass
class Arg:
    entity: Entity
    token: Token


class RelationFinder:
    """Finds relations in one parsed article."""

    def __init__(self, doc: Doc, grouping: Grouping, lex: Lexicon, text: str | None = None):
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.g = grouping
        self.lex = lex
        self.title_heads = lex.title_heads  # "minister", "ambassador"
        self.act_nouns = frozenset(lex.evaluations["nouns"])             # "invasion", "attacks"
        self.model = load_model()
        self.tok2ent: dict[int, Entity] = {}
        # a token inside two mentions belongs to the longer ("Sudanese" in "the
        # Sudanese Armed Forces" is the army's, not Sudan's)
        mentions = sorted(((m, ent) for ent in grouping.entities for m in ent.mentions),
                          key=lambda pair: pair[0].start - pair[0].end)
        for m, ent in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.tok2ent.setdefault(t.i, ent)
        self.verbs: dict[str, list[tuple[str, dict]]] = {}
        self.nouns: dict[str, list[tuple[str, dict]]] = {}
        for rel, spec in lex.triggers.items():
            default_mod = spec.get("modality")
            for lemma, s in (spec.get("verbs") or {}).items():
                self.verbs.setdefault(lemma, []).append((rel, {**s, "_mod": s.get("modality", default_mod)}))
            for lemma, s in (spec.get("nouns") or {}).items():
                self.nouns.setdefault(lemma, []).append((rel, {**s, "_mod": s.get("modality", default_mod)}))
        self.groups = self._coordinated_groups()
        self.last_meeting: list[Entity] = []
        self.acting: set[str] = set()  # the agents of the trigger being read: no pronoun target resolves to them
        self._quoted: set[int] | None = None  # tokens inside quotation marks, see _in_quote
        self.author = self._author()

    # ---- entities behind tokens -------------------------------------------------
    def _coordinated_groups(self) -> Counter:
        """Sets of states the text names together ("the USA and North Korea"), counted,
        so a later "the two nations" can stand for the pair the article is about."""
        groups: Counter = Counter()
        for tok in self.doc:
            if tok.i in self.tok2ent and any(c.dep_ == "conj" for c in tok.children):
                members = [self.tok2ent[t.i] for t in self._conjuncts(tok) if t.i in self.tok2ent]
                states = frozenset(e.id for e in members if e.type == "State")
                if len(states) >= 2:
                    groups[(states, tok.i)] += 1
        return groups

    def _author(self) -> Entity | None:
        """The "I" of a statement: the official named in its title line."""
        head = self.doc.text[:300]
        for ent in self.g.entities:
            if ent.type == "Official" and any(m.start < len(head) for m in ent.mentions):
                return ent
        return None

    def _conjuncts(self, tok: Token) -> list[Token]:
        """The token and what is coordinated or in apposition with it (a pronoun takes
        no apposition: "I call on the parties — the SAF and the RSF —")."""
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            deps = ("conj",) if t.pos_ == "PRON" else ("conj", "appos")
            stack.extend(c for c in t.children if c.dep_ in deps)
            # "Resolutions 660 and 661": the numbers are coordinated, not the noun
            stack.extend(k for c in t.children if c.dep_ == "nummod" for k in c.children if k.dep_ == "conj")
        return out

    def _entity_at(self, tok: Token) -> Entity | None:
        if tok.i in self.tok2ent:
            return self.tok2ent[tok.i]
        # a title whose person the parser hung below it ("US Ambassador to Germany
        # Richard Grenell alleged": Grenell <-pobj- to <-prep- Ambassador)
        if tok.lower_ in self.title_heads and tok.pos_ in ("NOUN", "PROPN"):
            for t in tok.subtree:
                if t.i > tok.i and self.tok2ent.get(t.i) is not None and self.tok2ent[t.i].type in ("Official", "Person"):
                    return self.tok2ent[t.i]
        # the head noun of a phrase whose modifier is the entity ("the US government")
        if tok.lemma_.lower() in self.lex.state_agent_heads or tok.lower_ in self.lex.state_agent_heads:
            named = next((self.tok2ent.get(k) for k in (tok.i + 1, tok.i + 2)
                          if k < len(self.doc) and self.doc[k].text not in (",", "—", "-")), None)
            if any(c.dep_ == "appos" and c.i in self.tok2ent for c in tok.children) or tok.dep_ == "compound" or (
                    tok.dep_ == "appos" and tok.head.i in self.tok2ent) or (
                    named is not None and named.type in ("Official", "Person")):
                # "the Italian foreign minister, Luigi Di Maio", "Ruslan Tarkov, the Russian
                # commander", "his Greek counterpart, Nikos Dendias": the person acts, and
                # is the one acted on
                return None
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in self.tok2ent:
                    return self.tok2ent[c.i]
                if c.dep_ == "poss" and c.lower_ in ("our", "my") and self.g.issuer and not self._in_quote(c):
                    return self._state(self.g.issuer)  # "my Administration"
                # "the Government of Mali", "the speaker for Iran", "the regime in Caracas"
                if c.dep_ == "prep" and c.lower_ in ("of", "for", "in"):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in self.tok2ent and (
                                c.lower_ != "in" or (self.tok2ent[p.i].type == "State"
                                                     and tok.lower_ in self.lex.seat_heads)):
                            return self.tok2ent[p.i]
        return None

    def resolve(self, tok: Token, *, inner: bool = False, allowed: tuple[str, ...] | None = None) -> list[Arg]:
        """Entities a token stands for, with coordination, groups and pronouns."""
        out: list[Arg] = []
        for t in self._conjuncts(tok):
            ent = self._entity_at(t)
            if ent is not None:
                out.append(Arg(ent, t))
                continue
            low = t.lower_
            before = len(out)
            if self.g.signatories and self._speaks_for_signatories(t):
                out.extend(Arg(e, t) for e in self.g.signatories)
            elif (low in ("we", "us", "our") or self._issuing_body(t)) and self.g.issuer and not self._in_quote(t):
                out.append(Arg(self._state(self.g.issuer), t))
            elif low in ("i", "my", "me") and self._in_quote(t):
                speaker = self._speaker(t)
                if speaker is not None:
                    out.append(Arg(speaker, t))
            elif (antecedent := self._of_whom(t)) is not None:  # "A and B, both of whom have obstructed ..."
                out.extend(self.resolve(antecedent, allowed=allowed))
            elif low in ("we", "us", "our") and self._in_quote(t):
                side = self._speakers_side(t)  # "'We will crush them,' the Israeli minister said"
                if side is not None:
                    out.append(Arg(side, t))
            elif low in ("i", "my", "me") and self.author:
                out.append(Arg(self.author, t))
            elif low == "they" and t.dep_ in SUBJ and self._last_group(t, allowed):
                out.extend(Arg(e, t) for e in self._last_group(t, allowed))
            elif low in ("it", "they", "he", "she", "its", "their", "his", "her", "them", "this") and t.pos_ == "PRON":
                ent = self._antecedent(t, allowed)
                if ent is not None:
                    out.append(Arg(ent, t))
            elif self._members_of(t):
                out.extend(Arg(e, t) for e in self._members_of(t))
            elif self._examples(t):
                out.extend(self._examples(t))
            elif low in self.lex.group_nouns and t.pos_ == "NOUN":
                out.extend(Arg(e, t) for e in self._group(t))
            elif low in self.lex.quantity_nouns and (group := self._group_after_of(t)) is not None:
                out.extend(Arg(e, group) for e in self._group(group))  # "a handful of partners, A, B and C"
            elif t.lemma_.lower() in self.lex.meeting_nouns and t.pos_ == "NOUN" and self.last_meeting and not self._has_own_parties(t):
                out.extend(Arg(e, t) for e in self.last_meeting if allowed is None or e.type in allowed)
            elif t.lemma_.lower() in self.lex.anaphors and t.pos_ == "NOUN":
                for kinds in self.lex.anaphors[t.lemma_.lower()]:
                    ent = self._recent(t, kinds)
                    if ent is not None and (allowed is None or ent.type in allowed):
                        out.append(Arg(ent, t))
                        break
            if len(out) == before and t.pos_ in ("NOUN", "PROPN") and t.lower_ in self.title_heads and not (
                    t.dep_ == "appos" and t.head.i in self.tok2ent):  # "Rente, the interior minister of Angola": Rente
                # "the President of Kenya", "the Emir of Qatar": an office named by its state
                out.extend(Arg(self.tok2ent[o.i], o) for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                           for o in p.children if o.dep_ == "pobj" and o.i in self.tok2ent
                           and self.tok2ent[o.i].type in ("State", "Organization"))
                # "the Kenyan president", "Chile's foreign minister", unnamed: the office's state
                holder = self.tok2ent.get(t.i + 1)
                named = holder is not None and holder.type in ("Official", "Person")
                if len(out) == before and not named and not any(c.dep_ == "appos" for c in t.children):
                    out.extend(a for a in self._entity_children(t, ("amod", "compound", "poss"))
                               if a.entity.type == "State")
                if len(out) == before and not named and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
                    holder = self._recent_holder(t)  # "The Secretary reiterated ...": Blinken, named before
                    if holder is not None:
                        out.append(Arg(holder, t))
            if inner and len(out) == before:
                # nothing the word stands for ("decision" refers back to no proposal): what
                # is inside its phrase ("Burkina Faso's decision to expel ...")
                out.extend(self._inner(t))
        seen, unique = set(), []
        for a in out:
            if a.entity and a.entity.id not in seen:
                seen.add(a.entity.id)
                unique.append(a)
        return unique

    @staticmethod
    def _issuing_body(tok: Token) -> bool:
        """"The Department has determined ...", "this Administration will ...": in a
        government's release, the issuer's own body named bare (GUIDELINES, convention 2)."""
        return tok.text in ISSUING_BODIES and any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children) and not any(
            c.dep_ in ("compound", "amod", "prep", "poss", "nmod") for c in tok.children)

    def _speaks_for_signatories(self, tok: Token) -> bool:
        """"We", "us", "our governments" in a joint statement's own voice (not inside a
        quotation)."""
        if self._in_quote(tok):
            return False
        low = tok.lower_
        if low in ("we", "us"):
            return True
        return tok.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ == "our" for c in tok.children)

    def _last_group(self, tok: Token, allowed: tuple[str, ...] | None) -> list[Entity]:
        """"They": the entities last named together (within two sentences before)."""
        first = tok.sent.start
        for _ in range(3):
            if first > 0:
                first = self.doc[first - 1].sent.start
        best: list[Entity] = []
        for head in self.doc[first:tok.i]:
            if head.i not in self.tok2ent or not any(c.dep_ in ("conj", "appos") for c in head.children):
                continue
            if head.dep_ in ("conj", "appos") and head.head.i in self.tok2ent:
                continue  # a tail of a longer coordination
            if head.dep_ in ("amod", "compound", "poss", "nmod"):
                continue  # "Greek, Cypriot and French counterparts": modifiers, not actors
            members: list[Entity] = []
            for t in self._conjuncts(head):
                e = self.tok2ent.get(t.i)
                if e is not None and e not in members and (allowed is None or e.type in allowed):
                    members.append(e)
            kinds = {"Official" if e.type == "Person" else e.type for e in members}
            if len(members) >= 2 and len(kinds - {"State"}) <= 1 and len(members) >= len(best) - 1:
                best = members
        return best

    def _state(self, iso3: str) -> Entity:
        for e in self.g.entities:
            if e.type == "State" and e.key == iso3:
                return e
        ent = Entity(f"state:{iso3}", "State", iso3, self.lex.countries[iso3].name if iso3 in self.lex.countries else iso3,
                     {"iso3": iso3}, hints={"implicit": True})
        self.g.entities.append(ent)
        return ent

    @staticmethod
    def _between(noun: Token) -> list[Token]:
        """The objects of a noun's "between" ("talks between X and Y": X)."""
        return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "between"
                for o in p.children if o.dep_ == "pobj"]

    @staticmethod
    def _has_own_parties(tok: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)

    def _members_of(self, tok: Token) -> list[Entity]:
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
                for x in self._conjuncts(h):
                    ent = self.tok2ent.get(x.i)
                    if ent is not None and ent.type == "Organization" and ent not in found:
                        found.append(ent)
        return found

    def _examples(self, tok: Token) -> list[Arg]:
        """"allies such as Germany", "nations including France and Italy", and the list
        after a relative clause ("countries that backed the coup, including Mali")."""
        found = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "including"):
                found.extend(self._examples_in(c))
            elif c.dep_ == "amod" and c.lower_ == "such":
                found.extend(self._examples(c))
            elif c.dep_ == "relcl":  # the parser hangs the list anywhere in the clause
                found.extend(a for p in c.subtree if p.dep_ == "prep" and p.lower_ == "including"
                             for a in self._examples_in(p))
        return found

    def _examples_in(self, prep: Token) -> list[Arg]:
        return [Arg(self.tok2ent[x.i], x) for p in prep.children if p.dep_ == "pobj"
                for x in self._conjuncts(p) if x.i in self.tok2ent]

    def _entity_children(self, tok: Token, deps: tuple[str, ...]) -> list[Arg]:
        """The entities that modify `tok` directly, by these dependency labels."""
        return [Arg(self.tok2ent[c.i], c) for c in tok.children if c.dep_ in deps and c.i in self.tok2ent]

    def _inner(self, tok: Token) -> list[Arg]:
        """Entities inside a phrase: the head noun's own possessor or modifier first
        ("Serbia's suppression of unrest in Montenegro" is Serbia's), else any entity
        below it ("exports to North Korea")."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("appos", "conj")]
        own = [a for h in heads for a in self._entity_children(h, ("poss", "compound", "amod", "nmod"))]
        if own:
            return own
        # "the attacks it conducts against ...": the relative clause's subject acts
        own = [a for h in heads for c in h.children if c.dep_ == "relcl"
               for s in c.children if s.dep_ in SUBJ and s.lower_ not in ("which", "that", "who")
               for a in self.resolve(s, allowed=("State", "Organization", "Official"))]
        if own:
            return own
        out, places = [], []
        for t in tok.subtree:
            if t.i in self.tok2ent and self._victim(t, tok):
                continue  # "attacks against Ukrainian cities": whom an act is against is not its actor
            if t.i in self.tok2ent and t.dep_ in ("poss", "pobj", "compound", "amod", "nmod", "dobj", "conj", "appos", "nsubj"):
                # "firms operating in Panama": where the target works is not the target
                # when the phrase names one ("..., Iranian army units")
                place = t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPOSITIONS and t.head.i > tok.i
                (places if place else out).append(Arg(self.tok2ent[t.i], t))
            elif t.lemma_.lower() in self.lex.meeting_nouns and t.dep_ == "pobj" and t.head.lower_ == "of" and self.last_meeting:
                out.extend(Arg(e, t) for e in self.last_meeting)
        return out or places

    def _speaker(self, tok: Token) -> Entity | None:
        """Who says a quotation: the subject of a reporting verb in its sentence, or in
        the sentence that introduces it ("Trump tweeted: ...")."""
        sents = [tok.sent]
        if tok.sent.start > 0:
            sents.append(self.doc[tok.sent.start - 1].sent)
        for sent in sents:
            for t in sent:
                if t.lemma_.lower() in self.lex.reporting_verbs and t.pos_ == "VERB":
                    for c in t.children:
                        if c.dep_ in SUBJ and not self._in_quote(c):
                            found = [a.entity for a in self.resolve(c) if a.entity.type in ("Official", "State", "Organization")]
                            if found:
                                return found[0]
        return None

    @staticmethod
    def _of_whom(tok: Token) -> Token | None:
        """What "both of whom", "all of which" as a clause's subject refers to: the noun the
        clause hangs on, or the object of the verb the parser hung it on instead."""
        if tok.dep_ not in SUBJ or not any(c.dep_ == "prep" and c.lower_ == "of" and any(
                o.lower_ in ("whom", "which") for o in c.children) for c in tok.children):
            return None
        clause = tok.head
        if clause.dep_ == "relcl":
            return clause.head
        if clause.dep_ == "advcl":
            return next((c for c in clause.head.children if c.dep_ == "dobj"), None)
        return None

    def _speakers_side(self, tok: Token) -> Entity | None:
        """The "we" of a quotation: the state its speaking official serves, or the state
        or organisation that speaks."""
        speaker = self._speaker(tok)
        if speaker is not None and speaker.type == "Official":
            return self._served_state(speaker)
        return speaker

    def _served_state(self, ent: Entity) -> Entity | None:
        """The state an official serves, as an entity, when known."""
        state = ent.props.get("state") if ent.type == "Official" else None
        return self._state(state) if state else None

    def _in_quote(self, tok: Token) -> bool:
        """Whether the token stands inside quotation marks opened in its sentence."""
        if self._quoted is None:  # once per article: `Token.sent` is slow to ask token by token
            self._quoted = set()
            for sent in self.doc.sents:
                straight = curly = 0
                for t in sent:
                    if straight % 2 == 1 or curly > 0:
                        self._quoted.add(t.i)
                    straight += t.text.count('"')
                    curly += t.text.count("“") - t.text.count("”")
        return tok.i in self._quoted

    def _antecedent(self, tok: Token, allowed: tuple[str, ...] | None = None) -> Entity | None:
        want = ("Official", "Person") if tok.lower_ in ("he", "she", "his", "her") else ("State", "Organization", "Resolution", "Proposal")
        if tok.lower_ in ("they", "their", "them"):
            want = ("State", "Organization", "Official")
        if allowed is not None:
            want = tuple(w for w in want if w in allowed) or want
        # the subject of the governing clause first ("Russia indicated that it was ready"),
        # never the act's own agent ("Chad ..., accusing it of backing the rebels")
        head = tok.head
        for _ in range(4):
            for c in head.children:
                if c.dep_ in SUBJ and c.i < tok.i and c.i != tok.i:
                    ent = self._entity_at(c)
                    if ent is not None and ent.type in want and ent.id not in self.acting:
                        return ent
            if head.head is head:
                break
            head = head.head
        return self._recent(tok, want)

    def _last_before(self, tok: Token, reach: int, test: Callable[[Entity], bool]) -> Entity | None:
        """The nearest entity before `tok`, within `reach` tokens, that passes `test`."""
        for i in range(tok.i - 1, max(-1, tok.i - reach), -1):
            ent = self.tok2ent.get(i)
            if ent is not None and test(ent):
                return ent
        return None

    def _recent(self, tok: Token, want: Iterable[str]) -> Entity | None:
        want = tuple(want)
        return self._last_before(tok, 120, lambda e: e.type in want and e.id not in self.acting)

    def _recent_holder(self, tok: Token) -> Entity | None:
        """The official last named with the title a bare "the Secretary" or "the President"
        takes up again, within a few sentences."""
        lesser = self.lex.subordinate_title_words
        return self._last_before(tok, 150, lambda e: e.type == "Official"
                                 and _takes_up(e.props.get("role") or "", tok.lower_, lesser))

    def _group_after_of(self, tok: Token) -> Token | None:
        """"a handful of partners": the group noun a quantity noun is of."""
        return next((g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" and g.lower_ in self.lex.group_nouns), None)

    def _listed_after(self, tok: Token) -> list[Entity]:
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

    def _group(self, tok: Token) -> list[Entity]:
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
        listed = self._listed_after(tok)
        if listed:
            return listed
        if not dets & {"two", "both", "three"}:
            return []
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
        for (states, pos), n in self.groups.items():
            score = (sum(c for (s, _), c in self.groups.items() if s == states), pos < tok.i, pos)
            if best is None or score > best[0]:
                best = (score, states)
        if best is None:
            return []
        return [e for e in self.g.entities if e.id in best[1]]

    # ---- arguments ---------------------------------------------------------------
    @staticmethod
    def _passive_participle(trig: Token) -> bool:
        """"the draft, sponsored by the United States"; "a deal mediated by Qatar"."""
        return trig.tag_ == "VBN" and trig.dep_ in ("acl", "relcl", "amod") and any(
            c.dep_ == "agent" for c in trig.children)

    def agents(self, trig: Token, depth: int = 0) -> list[Arg]:
        if depth > 4:
            return []
        kids = list(trig.children)
        if self._passive_participle(trig) or any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in kids):
            for c in kids:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.resolve(p)
            return []
        # the small model sometimes hangs the subject on an auxiliary ("The US has been
        # encouraging ...": US <-nsubj- been): an auxiliary's subject is the verb's
        subjects = kids + [s for c in kids if c.dep_ == "aux" for s in c.children if s.dep_ in SUBJ]
        for c in subjects:
            if c.dep_ in SUBJ and c.lower_ in ("that", "who") and trig.head.lemma_ == "be":
                # "It was Britain that first proposed the plan": the cleft's focus acts
                found = [a for k in trig.head.children if k.dep_ == "attr" for a in self.resolve(k)]
                if found:
                    return found
            if c.dep_ in SUBJ:
                found = self.resolve(c) or self._entity_children(c, ("poss",)) or self._actor_of_act(c)
                if found:  # the subject, or whose act the subject is ("North Korea's launch violated ...")
                    return found + self._stranded(c, trig) + self._companions(trig, found)
                if c.lower_ not in ("which", "that", "who"):
                    return []
        found = self._inverted_subjects(trig)
        if found:
            return found
        if trig.pos_ == "NOUN" or trig.pos_ == "PROPN":
            for c in kids:
                if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i in self.tok2ent):
                    found = self.resolve(c)
                    if found:
                        return found
            if trig.lemma_.lower() in self.lex.meeting_nouns and self._between(trig):
                return []  # "talks between X and Y": the parties are named; whoever hosts is not one
        head = trig.head
        if head is trig:
            return []
        if trig.dep_ in PASSIVE_SUBJ and trig.pos_ in ("NOUN", "PROPN"):
            # "new sanctions on Myanmar were announced by Canada": the clause's agent
            for c in head.children:
                if c.dep_ == "agent":
                    return [a for p in c.children if p.dep_ == "pobj" for a in self.resolve(p)]
        if trig.dep_ == "relcl" or (trig.dep_ == "acl" and trig.tag_ in ("VBZ", "VBP", "VBD")):
            found = self.resolve(head)
            if found:
                return found
            return [Arg(e, head) for e in [self._recent(trig, ("Proposal", "Resolution"))] if e]
        if trig.dep_ in CLIMB or trig.dep_ in LIGHT_NOUN_HEADS:
            return self.agents(head, depth + 1)
        return []

    def _actor_of_act(self, act: Token) -> list[Arg]:
        """Who did the act a subject names: "the Russian occupation of the plant", "the
        deployment of Turkish troops", "the transfer of Iranian drones to Russia", "the
        launch by North Korea". Only for act nouns; the place or victim of the act
        ("to Russia", "of the plant") is not its actor."""
        if act.lower_ not in self.act_nouns or act.pos_ != "NOUN":
            return []
        own = self._entity_children(act, ("amod", "compound", "nmod"))
        if own:
            return own
        for prep in act.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("of", "by"):
                for p in prep.children:
                    if p.dep_ != "pobj":
                        continue
                    if prep.lower_ == "by":
                        return self.resolve(p)
                    held = self._entity_children(p, ("amod", "compound", "poss", "nmod"))
                    if held:  # "of Turkish troops": the troops' state acts
                        return held
        return []

    def _stranded(self, subj: Token, verb: Token) -> list[Arg]:
        """Subjects the parser cut off from their coordination ("Norway and Ireland
        tabled ...", parsed with "Norway" as a sentence of its own and "and" on the verb):
        entities just before the subject, joined to it by "and" or a comma on the verb."""
        out, i = [], subj.left_edge.i - 1
        while i >= 1 and self.doc[i].lower_ in ("and", ",") and self.doc[i].head in (verb, subj):
            ent = self.tok2ent.get(i - 1)
            prev = self.doc[i - 1]
            if ent is None or ent.type not in ("State", "Organization", "Official") or not (
                    prev.head in (verb, subj) or prev.head is prev or prev.dep_ == "conj"):
                break  # "... if it invades Ukraine, Britain warned": Ukraine belongs to its own clause
            out.append(Arg(ent, prev))
            i = prev.left_edge.i - 1
            while i >= 1 and self.tok2ent.get(i) is ent:
                i -= 1
        return out

    @staticmethod
    def _bearing_verb(noun: Token, spec: dict) -> Token | None:
        """The verb by which someone is to bear the noun: "will pay a heavy price",
        "would face consequences", "would trigger a firm response", "would be met with a
        swift response", "would result in a severe response" (`borne_by`, under will/would),
        or None."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in ("with", "in", "to"):  # "be met with", "result in", "lead to"
            verb = verb.head
        elif noun.dep_ != "dobj":
            return None
        if verb.lemma_.lower() in spec.get("borne_by", ()) and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children):
            return verb
        return None

    def _speakers(self, clause: Token) -> list[Arg]:
        """Who says that someone "will pay a heavy price" or "would face consequences"
        (`clause`: the bearing verb): the subject of the reporting verb above the clause
        ("..., Britain warned"; "Lithuania said Belarus would face ..."). With no
        reporter, no one."""
        while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in self.lex.reporting_verbs | {"vow", "promise", "threaten"}:
            return self.agents(clause.head)
        return []

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
                for a in self.resolve(c)]

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
                       for a in self.resolve(o) if a.entity.type in kinds)
        return out

    def targets(self, trig: Token, spec: dict, allowed: tuple[str, ...] | None = None) -> list[Arg]:
        """Whom a trigger acts on: the readings every transitive trigger shares (a
        participle's noun, a relative clause's head, a passive subject), then each slot
        of the entry's `obj` read by its registered reader (`SLOT_READERS`)."""
        out: list[Arg] = []
        kids = list(trig.children)
        if self._passive_participle(trig) and any(x in spec.get("obj", []) for x in ("dobj", "subj")):
            # "the draft, sponsored by the United States": the participle's noun is the patient
            out.extend(self.resolve(trig.head, allowed=allowed))
        relative = ("that", "which", "whom")
        if trig.dep_ == "relcl" and "dobj" in spec.get("obj", []) and \
                any(c.dep_ in SUBJ and c.lower_ not in relative + ("who",) for c in kids) and \
                not any(c.dep_ == "dobj" and c.lower_ not in relative for c in kids):
            # "the draft that Russia vetoed": the clause's object is the noun it describes
            out.extend(self.resolve(trig.head, allowed=allowed))
        if "dobj" in spec.get("obj", []) and "subj" not in spec.get("obj", []):
            # any transitive trigger in the passive: "the plan was welcomed by Ukraine"
            for c in kids:
                if c.dep_ in PASSIVE_SUBJ:
                    out.extend(self.resolve(c, allowed=allowed))
        for slot in spec.get("obj", []):
            out.extend(SLOT_READERS[slot.partition(":")[0]](self, trig, kids, slot, spec, allowed))
        # "urges X to act" parsed with X as the subject of the infinitive
        if not out and any(s in spec.get("obj", []) for s in ("dobj",)):
            for c in kids:
                if c.dep_ in ("ccomp", "xcomp"):
                    for s in c.children:
                        if s.dep_ in SUBJ:
                            out.extend(self.resolve(s))
        return out

    # ---- slot readers: one per word of the `obj` mini-language (triggers.yaml) ----
    @reads("dobj", "dobj_person")
    def _slot_dobj(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                   allowed: tuple[str, ...] | None) -> list[Arg]:
        """"urged Iran": the direct object (`dobj_person`: only a person there)."""
        out: list[Arg] = []
        for c in kids:
            if c.dep_ in ("dobj", "dative"):
                found = self.resolve(c, allowed=allowed)
                if slot == "dobj_person":
                    found = [a for a in found if a.entity.type in ("Official", "Person")]
                out.extend(found)
        return out

    @reads("subj")
    def _slot_subj(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                   allowed: tuple[str, ...] | None) -> list[Arg]:
        """"Iran was sanctioned": the subject of a passive clause."""
        out: list[Arg] = []
        for c in kids:
            if c.dep_ in PASSIVE_SUBJ:
                out.extend(self.resolve(c, allowed=allowed))
        return out

    @reads("inner")
    def _slot_inner(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                    allowed: tuple[str, ...] | None) -> list[Arg]:
        """"denounced Washington's rhetoric": an entity inside the object phrase."""
        out: list[Arg] = []
        no_object = not any(c.dep_ == "dobj" for c in kids)
        for c in kids:
            if c.dep_ in ("dobj", "attr", "pobj") or (c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "to")):
                out.extend(self.resolve(c, inner=True))
            elif c.dep_ == "prep" and c.lower_ == "as" and no_object:
                # "denounced as an ugly crime Serbia's suppression of ...": the object moved
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self._inner(p))
        return out

    @reads("prep")
    def _slot_prep(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                   allowed: tuple[str, ...] | None) -> list[Arg]:
        """`prep:X`: the object of preposition X ("called on Iran", "sanctions against Iran")."""
        out: list[Arg] = []
        word, *rest = slot[5:].split()
        # "imposed a cap on X": the parser hangs the preposition on the object
        held = [g for c in kids if c.dep_ == "dobj" and spec.get("read_inside")
                for g in c.subtree if g.dep_ == "prep" and g.lower_ == word]
        # "gave a warm welcome to X", "lodged a protest with X": a noun's preposition
        # hung on its light verb
        if trig.pos_ == "NOUN" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in self.lex.light_verbs:
            held += [g for g in trig.head.children if g.dep_ in ("prep", "dative") and g.lower_ == word]
        # "runs counter to X": the preposition hangs on the verb's particle
        held += [g for c in kids if c.dep_ in ("advmod", "prt") and c.lower_ == spec.get("particle")
                 for g in c.children if g.dep_ == "prep" and g.lower_ == word]
        own = [c for c in kids + held if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word]
        held += [w for c in own for w in self._repeated_prep(c, trig)]
        for c in kids + held:
            if c.dep_ in ("prep", "agent", "dative", "conj") and c.lower_ == word:
                for p in self._through(c, rest):
                    found = self.resolve(p, allowed=allowed)
                    if not found and spec.get("read_inside"):
                        found = [a for a in self._inner(p) if allowed is None or a.entity.type in allowed]
                    out.extend(found)
            # "calling for the two nations to start talks": for-clause subject
            if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == word for m in c.children):
                for s in c.children:
                    if s.dep_ in SUBJ:
                        out.extend(self.resolve(s))
        return out

    @staticmethod
    def _repeated_prep(prep: Token, trig: Token) -> list[Token]:
        """"talks with Sweden over the accession, and with Finland over arms exports":
        the preposition repeated after "and" has the first one's role, wherever the
        parser hangs it, unless it opens a clause of its own ("and with India it
        signed a deal")."""
        out = []
        for w in prep.doc[prep.i + 1:prep.sent.end]:
            if w.lower_ != prep.lower_ or w.doc[w.i - 1].lower_ != "and" or w.head == trig:
                continue
            if any(c.dep_ in SUBJ for c in w.head.children) and w.head != trig.head:
                break
            out.append(w)
        return out

    @reads("ccomp_subj")
    def _slot_ccomp_subj(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                         allowed: tuple[str, ...] | None) -> list[Arg]:
        """"said that Iran must ...": the subject of the that-clause."""
        out: list[Arg] = []
        for c in kids:
            # a noun's clause is an acl ("the demand that Israel open the crossing")
            if c.dep_ == "ccomp" or (c.dep_ == "acl" and trig.pos_ == "NOUN"
                                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
                for s in c.children:
                    if s.dep_ in SUBJ:
                        found = self.resolve(s)
                        if not found and spec.get("read_inside"):
                            found = self._inner(s)  # "hold the junta in Myanmar accountable"
                        out.extend(found)
        return out

    @reads("meeting_parties")
    def _slot_meeting_parties(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                              allowed: tuple[str, ...] | None) -> list[Arg]:
        """"hosted talks between X and Y": the parties of the meeting the object names."""
        out: list[Arg] = []
        for c in kids:
            if c.dep_ in ("dobj",) + PASSIVE_SUBJ and c.lemma_.lower() in self.lex.meeting_nouns:
                for o in self._between(c):
                    out.extend(self.resolve(o, allowed=allowed))
        return out

    @reads("event_poss")
    def _slot_event_poss(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                         allowed: tuple[str, ...] | None) -> list[Arg]:
        """"demanded Iraq's withdrawal": whose act is asked for."""
        out: list[Arg] = []
        # "demanded Iraq's withdrawal", "called for Russia's compliance": whose act is asked for
        for c in kids:
            objects = [c] if c.dep_ == "dobj" else (
                [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "for" else [])
            for o in objects:
                if o.pos_ == "NOUN" and o.i not in self.tok2ent:
                    out.extend(a for k in o.children if k.dep_ == "poss" for a in self.resolve(k, allowed=allowed))
        return out

    @reads("sufferer")
    def _slot_sufferer(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                       allowed: tuple[str, ...] | None) -> list[Arg]:
        """"Russia will pay a heavy price": who is to bear it."""
        out: list[Arg] = []
        verb = self._bearing_verb(trig, spec)
        for c in verb.children if verb is not None else ():
            if c.dep_ in SUBJ + PASSIVE_SUBJ:  # "further Russian aggression would be met with ...": Russia
                out.extend(self.resolve(c, inner=True, allowed=allowed))
        return out

    @reads("inner_by")
    def _slot_inner_by(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                       allowed: tuple[str, ...] | None) -> list[Arg]:
        """"demanded an admission by Moscow": the by-agent inside the object."""
        out: list[Arg] = []
        for c in kids:
            if c.dep_ == "dobj":
                for t in c.subtree:
                    if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by"):
                        for p in t.children:
                            if p.dep_ == "pobj":
                                out.extend(self.resolve(p))
        return out

    @reads("guest")
    def _slot_guest(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                    allowed: tuple[str, ...] | None) -> list[Arg]:
        """"hosted a delegation from Laos": the guest the object names."""
        out: list[Arg] = []
        # "hosted a delegation from Laos", "received the Chinese foreign minister"
        for c in kids:
            if c.dep_ == "dobj" and {t.lower_ for t in c.subtree} & self.lex.guest_nouns:
                out.extend(self._inner(c))
        return out

    @reads("if_subj")
    def _slot_if_subj(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                      allowed: tuple[str, ...] | None) -> list[Arg]:
        """"the consequences if China ...": the condition's subject."""
        out: list[Arg] = []
        # "the consequences if China provides support to Russia", "threatened to
        # close its airspace unless Armenia withdrew", "warned it would impose
        # tariffs if Australia pressed on": the condition's subject
        verb = trig
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        clauses = [verb, trig] + [c for c in kids if c.dep_ in ("xcomp", "ccomp")]
        for c in [k for clause in clauses for k in clause.children]:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "should") for m in c.children):
                for sub in c.children:
                    if sub.dep_ in SUBJ:
                        out.extend(self.resolve(sub))
        return out

    @reads("xcomp_all")
    def _slot_xcomp_all(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                        allowed: tuple[str, ...] | None) -> list[Arg]:
        """"threatened to impose restrictions against German goods": whom the act concerns."""
        out: list[Arg] = []
        # "threatened to impose restrictions against German goods", "threatened
        # to strike unless Israel withdrew": whoever the threatened act concerns
        for c in kids:
            if c.dep_ in ("xcomp", "ccomp", "oprd", "acomp"):
                mine = {a.entity.id for a in self.agents(trig)}
                for t in c.subtree:
                    ent = self.tok2ent.get(t.i)
                    if ent is None or ent.id in mine or any(a.entity.id == ent.id for a in out):
                        continue
                    if self._circumstantial(t, c):
                        continue  # "over their ties with Israel", "a visit by the PLO"
                    out.append(Arg(ent, t))
        return out

    @reads("xcomp_obj")
    def _slot_xcomp_obj(self, trig: Token, kids: list[Token], slot: str, spec: dict,
                        allowed: tuple[str, ...] | None) -> list[Arg]:
        """"vowed to punish X": the object of the infinitive."""
        out: list[Arg] = []
        for c in kids:
            if c.dep_ == "xcomp":
                for o in c.children:
                    if o.dep_ in ("dobj",):
                        out.extend(self.resolve(o, inner=True))
        return out

    @staticmethod
    def _through(prep: Token, rest: list[str]) -> list[Token]:
        """The objects of a preposition, through the words of a longer one: "in favour
        of X" is the preposition "in", its object "favour", and that one's "of X"."""
        objects = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
        while len(rest) >= 2:
            noun, word, *rest = rest
            objects = [p for o in objects if o.lower_ == noun for c in o.children
                       if c.dep_ == "prep" and c.lower_ == word for p in c.children if p.dep_ in ("pobj", "pcomp")]
        return objects

    def hyphenated(self) -> Iterator[Relation]:
        """"the U.S.-sponsored resolution", "a Qatari-drafted text": a participle joined to
        an entity names what that entity did to the noun it modifies."""
        for tok in self.doc:
            low = tok.lower_
            participle = next((w for w in self.lex.hyphenated if low.endswith("-" + w)), None)
            split = low in self.lex.hyphenated and tok.i >= 2 and self.doc[tok.i - 1].text == "-"
            if participle is None and not split:
                continue
            if split:  # "French", "-", "drafted"
                participle, prefix, owner = low, self.doc[tok.i - 2].text, tok.i - 2
            else:      # "U.S.-sponsored"
                prefix, owner = tok.text[:-len(participle) - 1], tok.i
            iso3 = self.lex.state_names.get(prefix) or self.lex.demonyms.get(prefix)
            agent = self.tok2ent.get(owner) or (self._state(iso3) if iso3 else None)
            if agent is None:
                continue
            rel = self.lex.hyphenated[participle]
            targets = [a for a in self.resolve(tok.head) if a.entity.id != agent.id]
            yield from self._emit(rel, {}, tok, [Arg(agent, tok)], targets)

    def authored(self) -> Iterator[Relation]:
        """"China's peace plan", "the EU plan", "President Ramos's initiative": the owner
        of a plan put it forward. Agreements and deals an actor owns are ones it is party
        to, so only the heads the lexicon lists as authored count."""
        for tok in self.doc:
            plan = self.tok2ent.get(tok.i)
            if plan is None or plan.type != "Proposal" or tok.lemma_.lower() not in self.lex.authored_heads:
                continue
            owners = [a for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                      and (c.dep_ == "poss" or self.tok2ent.get(c.i) not in (None, plan))
                      for a in self.resolve(c, allowed=("State", "Official", "Organization"))]
            # a demonym the plan's own name holds: "the Chinese peace plan"
            owners += [Arg(self._state(iso3), c) for c in tok.children if c.dep_ in ("amod", "compound")
                       and self.tok2ent.get(c.i) is plan
                       for iso3 in [self.lex.demonyms.get(c.text) or self.lex.state_names.get(c.text)] if iso3]
            yield from self._emit("PROPOSED", {}, tok, owners, [Arg(plan, tok)])

    # ---- triggers ----------------------------------------------------------------
    @staticmethod
    def _mistagged_verb(tok: Token) -> bool:
        """A lower-case word the tagger took for a proper noun ("... and the Republic of
        Korea condemn today's launches"): a verb the small model misread."""
        return tok.pos_ == "PROPN" and tok.text.islower() and tok.i > tok.sent.start

    def _entries(self, tok: Token) -> list[tuple[str, dict]]:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
            return self.verbs.get(lemma, [])
        if self._mistagged_verb(tok):
            return self.verbs.get(tok.lower_, [])
        if tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and any(c.dep_ in SUBJ for c in tok.children) and \
                any(c.dep_ == "dobj" for c in tok.children):
            return self.verbs.get(lemma, []) or self.verbs.get(tok.lower_.rstrip("s"), [])  # "UNSCR 2397 caps ...": a verb
        if tok.pos_ in ("NOUN", "PROPN"):
            return self.nouns.get(lemma, [])
        if self._unparsed_clause(tok):  # "Eritrea defied resolution 1907" tagged as an adjective
            low = tok.lower_
            stems = [low[:-3] + "y"] if low.endswith("ied") else [low[:-2], low[:-1]]
            return next((self.verbs[s] for s in stems if s in self.verbs), [])
        return []

    def _applies(self, tok: Token, spec: dict) -> bool:
        kids = list(tok.children)
        if "particle" in spec and not any(c.dep_ in ("prt", "advmod") and c.lower_ == spec["particle"] for c in kids):
            return False
        if "needs" in spec:
            words = {t.lemma_.lower() for c in kids if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "prep") for t in c.subtree}
            if tok.dep_ == "relcl":  # "the embargo that the United States imposed on Cuba"
                words |= {tok.head.lemma_.lower(), tok.head.lower_}
            words |= {t.lower_ for c in kids if c.dep_ in ("dobj", "nsubjpass", "attr") for t in c.subtree}
            if not words & set(spec["needs"]):
                return False
        if "needs_context" in spec:
            sent_words = {t.lemma_.lower() for t in tok.sent} | {t.lower_ for t in tok.sent}
            if not sent_words & set(spec["needs_context"]):
                return False
        if "needs_complement" in spec:
            sub = {t.lower_ for t in tok.subtree}
            if not sub & set(spec["needs_complement"]):
                return False
        if "needs_aux" in spec:
            if not any(c.dep_ == "aux" and c.lower_ in spec["needs_aux"] for c in kids):
                return False
        if spec.get("only_borne") and self._bearing_verb(tok, spec) is None:
            return False
        if spec.get("needs_reason") and not self._gives_reason(tok):
            return False
        if spec.get("needs_prep") is True and not any(c.dep_ == "prep" for c in kids):
            return False
        if "needs_ccomp_aux" in spec:
            wanted = spec["needs_ccomp_aux"]
            if not any(c.dep_ == "ccomp" and (any(a.dep_ == "aux" and a.lower_ in wanted for a in c.children)
                                              or (spec.get("or_subjunctive") and self._subjunctive(c)))
                       for c in kids):
                return False
        if spec.get("only_with_prep"):
            preps = {s[5:] for s in spec["obj"] if s.startswith("prep:")}
            if not any((c.dep_ == "prep" and c.lower_ in preps) or
                       any(m.dep_ == "mark" and m.lower_ in preps for m in c.children) for c in kids):
                return False
        return True

    def _gives_reason(self, tok: Token) -> bool:
        """Does the punitive act `tok` say what it is for: "for supplying drones", "over its
        role in the invasion", or a misdeed told of its target ("the Houthis, who have
        attacked shipping")? The subject's clauses are not the reason ("Britain, which ...")."""
        reasons = self.lex.reasons
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in reasons["preps"]:
                for o in c.children:
                    if (o.dep_ == "pcomp" and o.tag_ == "VBG") or (
                            o.dep_ == "pobj" and o.lemma_.lower() in reasons["nouns"]):
                        return True
            if c.dep_ in ("dobj", "nsubjpass", "prep"):
                if any(t.dep_ == "relcl" and t.lemma_.lower() in reasons["misdeeds"] and not self.negated(t)
                       for t in c.subtree):
                    return True
            if c.dep_ == "advcl" and c.lemma_.lower() in reasons["misdeeds"] and not self.negated(c) and any(
                    self._of_whom(s) is not None for s in c.children):
                return True  # "designated A and B, both of whom have obstructed ..." parsed as a clause of the verb
        return False

    @staticmethod
    def _subjunctive(clause: Token) -> bool:
        """"(insisted) that Serbia withdraw": a bare verb after a singular subject
        (tagged VBP, as if the two did not agree), no auxiliary."""
        return not any(a.dep_ == "aux" for a in clause.children) and any(
            s.dep_ in SUBJ and (clause.tag_ == "VB" or (clause.tag_ == "VBP" and s.tag_ in ("NNP", "NN")))
            for s in clause.children)

    def irrealis(self, tok: Token, rel: str) -> bool:
        """A relation stated only as what someone is urged, asked or wants to do
        ("calling for the two nations to start negotiations") did not happen; nor did
        a measure only threatened ("threatened to impose import restrictions") or only
        promised under a condition."""
        if rel not in ("THREATENS", "CALLS_ON") and self._conditional(tok):
            return True
        if rel == "SANCTIONS" and any(any(r == "THREATENS" and not {"needs", "needs_context"} & set(s)
                                          for r, s in self.verbs.get(a.lemma_.lower(), []))
                                      for a in list(tok.ancestors)[:3]):
            return True
        if rel != "CALLS_ON":
            # "the US must be ready to mediate": what someone must or should do is asked, not done
            chain = [tok] + [a for a in list(tok.ancestors)[:3]]
            if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for t in chain for c in t.children):
                return True
        if tok.lemma_.lower() in self.lex.meeting_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "for" and (
                tok.head.head.pos_ == "NOUN" or tok.head.head.lemma_.lower() in self.lex.wanting_verbs | self.lex.proposing_verbs):
            return True  # "areas for discussion", "proposing ... for talks": talks to come
        t = tok
        for _ in range(5):
            # "I call on them to pull back and re-engage in negotiations": conjoined
            # demands are demands too
            if t.head is t or t.dep_ not in ("xcomp", "ccomp", "advcl", "pobj", "dobj", "acl", "relcl", "pcomp",
                                             "prep", "nsubj", "attr", "conj"):
                break
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lex.wanting_verbs:
                break  # "the text, prepared by France, calls for a ceasefire": who calls is no wish
            if t.dep_ == "conj" and t.tag_ in ("VBD", "VBZ") and t.head.tag_ == t.tag_:
                break  # "demanded Iraq's withdrawal and imposed sanctions": two acts, not one wanted
            t = t.head
            if t.lemma_.lower() in self.lex.wanting_verbs and rel not in ("CALLS_ON", "MEDIATES", "THREATENS"):
                return True
        return self._demanded_infinitive(tok, rel)

    def _demanded_infinitive(self, tok: Token, rel: str) -> bool:
        """Below a sentence whose main verb asks for something, an infinitive clause
        is what is asked, however the parser links the two ("I call on the parties —
        the SAF and the RSF — to pull back ... and re-engage in negotiations")."""
        root = tok.sent.root
        if root.lemma_.lower() not in self.lex.wanting_verbs or rel in ("CALLS_ON", "MEDIATES", "THREATENS"):
            return False
        for a in [tok, *tok.ancestors]:
            if a is root:
                return False
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                return True
        return False

    @staticmethod
    def _conditional(tok: Token) -> bool:
        """"it would impose a ban on exports to Russia if the attacks continued": a measure
        under a condition is not taken. (Threats are conditional by nature and are kept.)"""
        verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") else tok
        if not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "might", "'d", "'ll")
                   for c in verb.children):
            return False
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in verb.children)

    def negated(self, tok: Token) -> bool:
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and any(c.dep_ == "neg" for c in tok.head.children):
            return True  # "did not impose a ban on imports": the measure's light verb is denied
        t = tok
        for _ in range(3):
            if any(c.dep_ == "neg" for c in t.children):
                return True
            if t is not tok and t.lemma_.lower() in self.lex.negating_verbs:
                return True  # "declined to criticise", "refused to meet"
            if t.dep_ not in ("xcomp", "acomp") or t.head is t:
                return False
            t = t.head
        return False

    def modality(self, tok: Token, spec: dict) -> str:
        if spec.get("_mod") == "threatened":
            return "threatened"
        near = [tok] + list(tok.children) + list(tok.ancestors)[:3]
        near += [c for a in list(tok.ancestors)[:3] for c in a.children]
        words = {t.lower_ for t in near} | {t.lemma_.lower() for t in near}
        if words & set(self.lex.modality_words["offered"]):
            return "offered"
        if words & set(self.lex.modality_words["hedged"]):
            return "hedged"
        return "asserted"

    def evaluations(self) -> Iterator[Relation]:
        """A release condemning a state's action in its own words accuses that state."""
        issuers = self.g.signatories or ([self._state(self.g.issuer)] if self.g.issuer else [])
        if not issuers:
            return
        adjectives = set(self.lex.evaluations["adjectives"])
        for tok in self.doc:
            if tok.lower_ not in self.act_nouns or tok.pos_ != "NOUN" or self._in_quote(tok):
                continue
            if not any(c.lower_ in adjectives for c in tok.children if c.dep_ in ("amod", "conj")) and \
                    not any(a.lower_ in adjectives for c in tok.children if c.dep_ == "amod" for a in c.children):
                continue
            actors = [a.entity for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                      for a in self.resolve(c, allowed=("State", "Organization"))]
            if not actors and tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in self.lex.evaluations["conduct_verbs"]:
                # "as it conducts brutal attacks", "Russia launched an unprovoked invasion"
                actors = [a.entity for c in tok.head.children if c.dep_ in SUBJ
                          for a in self.resolve(c, allowed=("State", "Organization"))]
            for actor in actors:
                if actor.type in ("State", "Organization"):
                    yield from self._emit("ACCUSES", {}, tok, [Arg(i, tok) for i in issuers if i.id != actor.id],
                                          [Arg(actor, tok)])

    def blamed_causes(self) -> Iterator[Relation]:
        """"the crisis Moscow has precipitated", "the violence that al-Shabaab unleashed":
        a harm and, in a relative clause, who caused it. Whoever speaks of it (the subject
        of the clause around it, else the issuer of a release) accuses the cause."""
        ev = self.lex.evaluations
        for tok in self.doc:
            if tok.lemma_.lower() not in ev["blamed_outcomes"] or tok.pos_ != "NOUN":
                continue
            for clause in tok.children:
                if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in ev["causing_verbs"] \
                        or self.negated(clause):
                    continue
                causes = [a for c in clause.children if c.dep_ in SUBJ
                          for a in self.resolve(c, allowed=("State", "Organization", "Official"))]
                if not causes:
                    continue
                # who says it: the reporting verb above ("the Secretary reiterated the U.S.
                # commitment to a solution to the crisis ..."), else the nearest verb's actor
                outer = next((a for a in tok.ancestors if a.lemma_.lower() in self.lex.reporting_verbs),
                             next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None))
                speakers = self.agents(outer) if outer is not None else []
                if not speakers and self.g.issuer and not self._in_quote(tok):
                    speakers = [Arg(self._state(self.g.issuer), tok)]
                yield from self._emit("ACCUSES", {}, clause, [s for s in speakers if s.entity.id not in
                                                              {c.entity.id for c in causes}], causes)

    def _demanded_keeping(self, tok: Token, rel: str, spec: dict) -> Iterator[Relation]:
        """"Germany urged both sides to respect the Minsk agreements": who urges others
        to keep an agreement supports it. Only the keeping verbs the lexicon lists, only
        an agreement or plan (a resolution others are told to obey is not endorsed by
        the telling), and only when the asking verb itself states a demand."""
        if rel != "SUPPORTS" or tok.lemma_.lower() not in self.lex.keeping_verbs:
            return
        asking = next((a for a in list(tok.ancestors)[:3] if a.lemma_.lower() in self.lex.wanting_verbs), None)
        if asking is None or not any(r == "CALLS_ON" for r, _ in self.verbs.get(asking.lemma_.lower(), [])) \
                or self.negated(asking) or self.irrealis(asking, "CALLS_ON"):
            return
        plans = [a for a in self.targets(tok, spec, ("Proposal",)) if a.entity.type == "Proposal"]
        yield from self._emit("SUPPORTS", spec, tok, self.agents(asking), plans)

    def find(self) -> Iterator[Relation]:
        found = list(self._find())
        yield from found
        yield from self.adopted_measures(found)

    def adopted_measures(self, found: list[Relation]) -> Iterator[Relation]:
        """"Unanimously adopting resolution 2719, the Council renewed the sanctions on
        South Sudan": what a body does in the sentence that adopts a resolution, it does
        by that resolution, so the resolution imposes the measures and makes the demands
        too (GUIDELINES: SANCTIONS, a resolution that imposes measures on a state)."""
        adopted = {(r.sentence_start, r.source): r.target for r in found if r.type == "ADOPTED"}
        by_id = {e.id: e for e in self.g.entities}
        for r in found:
            resolution = adopted.get((r.sentence_start, r.source))
            if r.type not in ("SANCTIONS", "CALLS_ON") or resolution is None or resolution not in by_id:
                continue
            if by_id[resolution].props.get("number") is None:
                continue  # an unnamed text: the body's act stays the body's
            yield replace(r, source=resolution)

    def _find(self) -> Iterator[Relation]:
        yield from self.evaluations()
        yield from self.blamed_causes()
        yield from self.hyphenated()
        yield from self.authored()
        for tok in self.doc:
            for rel, spec in self._entries(tok):
                if not self._applies(tok, spec) or self.negated(tok) != bool(spec.get("only_negated")):
                    continue
                if self.irrealis(tok, rel):
                    yield from self._demanded_keeping(tok, rel, spec)
                    continue
                bearing = self._bearing_verb(tok, spec)
                agents = self._speakers(bearing) if bearing is not None else self.agents(tok)
                self.acting = {a.entity.id for a in agents}  # a pronoun target is someone else
                targets = self.targets(tok, spec, self.model.relation_types[rel].targets)
                self.acting = set()
                if self._mistagged_verb(tok) or self._unparsed_clause(tok):
                    agents, targets = self._linear_arguments(tok)
                if rel == "SANCTIONS" and tok.pos_ == "NOUN" and not targets:
                    targets = self._under_sanctions(tok)
                if rel == "SANCTIONS" and not agents:
                    agents = self._place_as_authority(tok)
                if rel == "MEDIATES" and not targets:
                    targets = self._parties(tok, agents)
                yield from self._emit(rel, spec, tok, agents, targets)

    @staticmethod
    def _below_prep(t: Token, top: Token, test) -> bool:
        """Whether, on the way up from `t` to `top`, a preposition passes `test`."""
        node = t
        while node.i != top.i and node.head is not node:
            if node.dep_ == "prep" and test(node):
                return True
            node = node.head
        return False

    def _circumstantial(self, t: Token, top: Token) -> bool:
        """Whether `t` hangs below `top` through a preposition of reason or circumstance
        (over, because of, on the eve of, during, by ...), not of the act's object."""
        return self._below_prep(t, top, lambda p: p.lower_ in CIRCUMSTANCES)

    def _victim(self, t: Token, top: Token) -> bool:
        """Whether `t` is below "against"/"on" after an act noun ("attacks against X",
        "strikes on X") within the phrase under `top`."""
        return self._below_prep(t, top, lambda p: p.lower_ in ("against", "on", "upon") and p.head.lower_ in self.act_nouns)

    def _unparsed_clause(self, tok: Token) -> bool:
        """A past-tense verb the parser hung on the next noun as a modifier ("Eritrea
        defied resolution 1907": Eritrea the root, "defied" an adjective of resolution),
        right after an entity: the clause was not parsed."""
        return (tok.tag_ in ("VBD", "VBN") or (tok.tag_ == "JJ" and tok.lower_.endswith("ed"))) and \
            tok.dep_ in ("amod", "compound", "nmod") and (tok.i - 1) in self.tok2ent

    def _linear_arguments(self, tok: Token) -> tuple[list[Arg], list[Arg]]:
        """Without a usable parse: the entities listed just before the word act, the
        entities after it in the clause are concerned."""
        agents: list[Arg] = []
        i = tok.i - 1  # not bounded by the sentence: a failed parse splits "Eritrea | defied resolution 1907"
        while i >= 0 and (i in self.tok2ent or self.doc[i].lower_ in (",", "and", "the", "'s", "’s")):
            ent = self.tok2ent.get(i)
            if ent is not None and not any(a.entity.id == ent.id for a in agents):
                agents.insert(0, Arg(ent, self.doc[i]))
            i -= 1
        targets: list[Arg] = []
        for t in self.doc[tok.i + 1:tok.sent.end]:
            if t.text in (";", ".") or t.pos_ == "VERB":
                break
            ent = self.tok2ent.get(t.i)
            if ent is not None and not any(a.entity.id == ent.id for a in targets):
                targets.append(Arg(ent, t))
        return agents, targets

    def _under_sanctions(self, tok: Token) -> list[Arg]:
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
                    return self.resolve(c)
        return []

    def _place_as_authority(self, tok: Token) -> list[Arg]:
        """"The PKK is banned in Turkey": in a passive ban without agent, the state where
        it is banned is the authority."""
        if not any(c.dep_ in PASSIVE_SUBJ for c in tok.children):
            return []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in self.tok2ent and self.tok2ent[p.i].type == "State":
                        return [Arg(self.tok2ent[p.i], p)]
        return []

    def _parties(self, tok: Token, agents: list[Arg]) -> list[Arg]:
        """"Israel and Hamas agreed to a pause, in a deal mediated by Qatar": the parties
        of a mediated deal are the subjects of the clause around it."""
        mine = {a.entity.id for a in agents}
        t = tok
        for _ in range(5):
            if t.head is t:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                for c in t.children:
                    if c.dep_ in SUBJ:
                        found = [a for a in self.resolve(c) if a.entity.id not in mine]
                        if len(found) >= 2:
                            return found
        return []

    def _emit(self, rel: str, spec: dict, tok: Token, agents: list[Arg], targets: list[Arg]) -> Iterator[Relation]:
        symmetric = self.model.symmetric(rel)  # the model says which relations have no direction
        pairs: list[tuple[Arg, Arg]] = []
        if rel == "SANCTIONS":
            # guideline 12: sanctions a president announces are the state's
            agents = [Arg(state, a.token) if (state := self._served_state(a.entity)) else a for a in agents]
        if symmetric and not targets and len(agents) >= 2 and (spec.get("reciprocal") or tok.pos_ == "NOUN"):
            pairs = [(a, b) for i, a in enumerate(agents) for b in agents[i + 1:]]
            self.last_meeting = [a.entity for a in agents]
        elif symmetric and not agents and len(targets) >= 2:
            pairs = [(a, b) for i, a in enumerate(targets) for b in targets[i + 1:]]
        else:
            pairs = [(a, b) for a in agents for b in targets]
            if symmetric and len(targets) >= 2 and tok.pos_ == "NOUN" and not agents:
                pairs = [(a, b) for i, a in enumerate(targets) for b in targets[i + 1:]]
        if rel == "SANCTIONS" and any(b.entity.type != "State" for _, b in pairs):
            # measures on a named company or person make only them the target (guideline 9):
            # "the Iranian carrier Mahan Air" does not sanction Iran
            pairs = [(a, b) for a, b in pairs if b.entity.type != "State" or b.token.dep_ not in ("amod", "compound", "poss", "nmod")]
        mod = self.modality(tok, spec)
        for a, b in pairs:
            src, tgt = a.entity, b.entity
            if src.id == tgt.id or not self.model.allows(rel, src.type, tgt.type):
                continue
            if "sources" in spec and src.type not in spec["sources"]:
                continue
            if rel in ("THREATENS", "ACCUSES", "CALLS_ON") and src.props.get("state") == tgt.key and tgt.type == "State":
                continue  # an official's own state is not whom they threaten or accuse
            s_start, sentence = evidence_sentence(self.text, tok.sent)
            toks = [tok, a.token, b.token]
            lo = max(s_start, min(t.idx for t in toks))
            hi = min(s_start + len(sentence), max(t.idx + len(t) for t in toks))
            yield Relation(type=rel, source=src.id, target=tgt.id, sentence=sentence,
                           sentence_start=s_start, start=lo, end=hi, trigger=tok.text,
                           modality=mod, confidence=0.7 if mod == "hedged" else 0.8)


def _takes_up(role: str, word: str, lesser: frozenset[str]) -> bool:
    """Whether "the <word>" takes up an official of this role: "secretary" takes up a
    "secretary of state", "president" a "president" but not a "vice president"."""
    words = role.lower().split()
    head = words.index("of") - 1 if "of" in words else len(words) - 1
    return head >= 0 and words[head] == word and not set(words[:head]) & lesser


def evidence_sentence(text: str, sent: Span) -> tuple[int, str]:
    """The sentence as the article writes it (not as prepared for the parser), without
    surrounding white space, and where it starts."""
    raw = text[sent.start_char:sent.end_char]
    lead = len(raw) - len(raw.lstrip())
    return sent.start_char + lead, raw.strip()


def official_relations(doc: Doc, grouping: Grouping, text: str, finder: RelationFinder) -> list[Relation]:
    """OFFICIAL_OF from the title and state written around an official's name; in a
    release, an office of the issuing government named without a country is that
    state's (convention 3), even when the release never names its own state."""
    return list(_official_relations(doc, grouping, text, finder))


def _official_relations(doc: Doc, grouping: Grouping, text: str, finder: RelationFinder) -> Iterator[Relation]:
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
            finder._state(state)  # the state the text implies, named or not
        if span is None or not any(e.id == target for e in grouping.entities):
            continue
        s_start, sentence = evidence_sentence(text, span.sent)
        yield Relation(type="OFFICIAL_OF", source=ent.id, target=target, sentence=sentence,
                       sentence_start=s_start, start=max(lo, s_start), end=min(hi, s_start + len(sentence)), trigger=(clue.title if clue else None) or "",
                       confidence=0.9 if ent.props.get("state_from") is None else 0.6)
