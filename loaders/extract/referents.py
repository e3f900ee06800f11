"""Referents: which entities a word of the parse stands for.

One resolver for every relation reader: a token is an entity's mention, or it stands
for entities through coordination ("Russia and China"), a head noun ("the US
government"), a group noun ("the two nations"), a pronoun, a quotation's speaker, a
release's "we", or a title already held ("the Secretary"). Each way of standing for
something is one `Reading` tried in order (the first that applies decides), so the
readers of relations never look back through the text themselves.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict

from spacy.tokens import Doc, Token

from .arguments import Allowed, Arg
from .entities import ISSUING_BODIES, Grouping
from .groups import GroupReader
from .lexicon import Lexicon
from .lookback import PRONOUN_WORDS, LookingBack, takes_up  # noqa: F401  (re-exported)
from ...schema.identity import fold, slug
from .syntax import MODIFIER_DEPS, PASSIVE_SUBJ, PLACE_PREPOSITIONS, SUBJ, below_prep, conjuncts, quoted_tokens
from .types import Entity


class Referents(LookingBack):
    """The entities behind the tokens of one parsed article."""

    def __init__(self, doc: Doc, grouping: Grouping, lex: Lexicon):
        self.doc, self.g, self.lex = doc, grouping, lex
        self.title_heads = lex.title_heads  # "minister", "ambassador"
        self.act_nouns = frozenset(lex.evaluations["nouns"])  # "invasion", "attacks"
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
        self.implicit: dict[str, Entity] = {}   # states the text implies but never names
        self.acting: set[str] = set()  # the agents of the trigger being read: no pronoun target resolves to them
        self.quoted = quoted_tokens(doc)
        self.author = self._author()
        self.groups = GroupReader(self)

    def _author(self) -> Entity | None:
        """The "I" of a statement: the official named in its title line."""
        head = self.doc.text[:300]
        for ent in self.g.entities:
            if ent.type == "Official" and any(m.start < len(head) for m in ent.mentions):
                return ent
        return None

    # ---- one token -------------------------------------------------------------
    def entity_at(self, tok: Token) -> Entity | None:
        if tok.i in self.tok2ent:
            return self.tok2ent[tok.i]
        if tok.lower_ in self.title_heads and tok.pos_ in ("NOUN", "PROPN"):
            # a title whose person the parser hung below it ("US Ambassador to Germany
            # Richard Grenell alleged": Grenell <-pobj- to <-prep- Ambassador)
            for t in tok.subtree:
                if t.i > tok.i and self.tok2ent.get(t.i) is not None and self.tok2ent[t.i].type in self.lex.roles["person"]:
                    return self.tok2ent[t.i]
        if tok.lemma_.lower() in self.lex.state_agent_heads or tok.lower_ in self.lex.state_agent_heads:
            return self._agent_head(tok)
        return None

    def _agent_head(self, tok: Token) -> Entity | None:
        """The state or body a head noun acts for ("the US government", "the Government
        of Mali", "the regime in Caracas", "my Administration")."""
        if self._names_a_person(tok) or self._names_several(tok):
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in self.tok2ent:
                return self.tok2ent[c.i]
            if c.dep_ == "poss" and c.lower_ in ("our", "my") and self.g.issuer and not self.in_quote(c):
                return self.state(self.g.issuer)  # "my Administration"
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in self.tok2ent and (
                            c.lower_ != "in" or (self.tok2ent[p.i].type == "State"
                                                 and tok.lower_ in self.lex.seat_heads)):
                        return self.tok2ent[p.i]
        return None

    def _joined_modifiers(self, tok: Token, ent: Entity) -> list[Entity]:
        """"Lebanese and Israeli military officers", "the Armenian and Azerbaijani foreign
        ministers": a head noun that acts for the state its modifier names acts for every
        state of the modifiers joined to it."""
        if tok.i in self.tok2ent:
            return []
        mod = next((c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                    and self.tok2ent.get(c.i) is ent), None)
        if mod is None:
            return []
        return [self.tok2ent[k.i] for k in mod.conjuncts if k.i in self.tok2ent and self.tok2ent[k.i] is not ent]

    def _names_a_person(self, tok: Token) -> bool:
        """"the Italian foreign minister, Luigi Di Maio", "Ruslan Tarkov, the Russian
        commander", "his Greek counterpart, Nikos Dendias": the person acts, and is the
        one acted on, not the state the head noun would stand for."""
        named = next((self.tok2ent.get(k) for k in (tok.i + 1, tok.i + 2)
                      if k < len(self.doc) and self.doc[k].text not in (",", "—", "-")), None)
        return any(c.dep_ == "appos" and c.i in self.tok2ent for c in tok.children) or tok.dep_ == "compound" or (
            tok.dep_ == "appos" and tok.head.i in self.tok2ent) or (
            named is not None and named.type in self.lex.roles["person"])

    def _names_several(self, tok: Token) -> bool:
        """"the delegations of Senegal, Gambia and Guinea-Bissau": several parties, each
        acting (a reading, `_of_list`), not the first alone."""
        return tok.lower_ in self.lex.representative_nouns and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(k.dep_ == "conj" for o in c.children for k in o.children)
            for c in tok.children)

    def resolve(self, tok: Token, *, inner: bool = False, allowed: Allowed = None) -> list[Arg]:
        """Entities a token stands for, with coordination, groups and pronouns."""
        out: list[Arg] = []
        for t in conjuncts(tok):
            ent = self.entity_at(t)
            if ent is not None:
                out.append(Arg(ent, t))
                out.extend(Arg(e, t) for e in self._joined_modifiers(t, ent))
                continue
            found: list[Arg] = []
            for reading in READINGS:
                got = reading(self, t, allowed)
                if got is not None:
                    found = got
                    break
            if not found and t.pos_ in ("NOUN", "PROPN") and t.lower_ in self.title_heads and not (
                    t.dep_ == "appos" and t.head.i in self.tok2ent):  # "Rente, the interior minister of Angola": Rente
                found = self._office(t)
            if inner and not found:
                # nothing the word stands for ("decision" refers back to no proposal): what
                # is inside its phrase ("Burkina Faso's decision to expel ...")
                found = self.inner(t)
            out.extend(found)
        seen, unique = set(), []
        for a in out:
            if a.entity and a.entity.id not in seen:
                seen.add(a.entity.id)
                unique.append(a)
        return unique

    def _office(self, t: Token) -> list[Arg]:
        """An office named without its holder: "the President of Kenya" (the state),
        "the Kenyan president" (the state), "The Secretary reiterated" (Blinken, named before)."""
        out = [Arg(self.tok2ent[o.i], o) for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj" and o.i in self.tok2ent
               and self.tok2ent[o.i].type in self.lex.roles["actor"]]
        holder = self.tok2ent.get(t.i + 1)
        named = holder is not None and holder.type in self.lex.roles["person"]
        if not out and not named and not any(c.dep_ == "appos" for c in t.children):
            out = [a for a in self.entity_children(t, ("amod", "compound", "poss")) if a.entity.type == "State"] \
                or self.possessing_states(t)
        if not out and not named and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            holder = self.recent_holder(t)
            if holder is not None:
                out = [Arg(holder, t)]
        return out

    def possessing_states(self, t: Token) -> list[Arg]:
        """"its envoy", "their foreign ministers": the states a possessive pronoun stands
        for (none when it stands for anything else, or speaks as "our")."""
        owners = [a for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in ("our", "my")
                  for a in self.resolve(c)]
        return owners if all(a.entity.type == "State" for a in owners) else []

    # ---- the issuer, quotations and speakers ------------------------------------
    def issuing_body(self, tok: Token) -> bool:
        """"The Department has determined ...", "this Administration will ...": in a
        government's release, the issuer's own body named bare (GUIDELINES, convention 2)."""
        return tok.text in ISSUING_BODIES and any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children) and not any(
            c.dep_ in ("compound", "amod", "prep", "poss", "nmod") for c in tok.children)

    def speaks_for_signatories(self, tok: Token) -> bool:
        """"We", "us", "our governments" in a joint statement's own voice (not inside a
        quotation)."""
        if self.in_quote(tok):
            return False
        if tok.lower_ in ("we", "us"):
            return True
        return tok.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ == "our" for c in tok.children)

    def in_quote(self, tok: Token) -> bool:
        """Whether the token stands inside quotation marks opened in its sentence."""
        return tok.i in self.quoted

    def speaker(self, tok: Token) -> Entity | None:
        """Who says a quotation (the first, when several say it together)."""
        found = self.speakers(tok)
        return found[0] if found else None

    def speakers(self, tok: Token) -> list[Entity]:
        """Who says a quotation: the subject of a reporting verb in its sentence, or in
        the sentence that introduces it ("Trump tweeted: ..."); every member of a subject
        that names several ("the foreign ministers of A, B and C said: ..."), and the
        name in apposition to a title ("the UN envoy, Bernadette Okoro, said")."""
        sents = [tok.sent]
        if tok.sent.start > 0:
            sents.append(self.doc[tok.sent.start - 1].sent)
        kinds = self.lex.roles["speaker"]
        for sent in sents:
            for t in sent:
                if t.lemma_.lower() in self.lex.reporting_verbs and t.pos_ == "VERB":
                    for c in t.children:
                        if c.dep_ in SUBJ and not self.in_quote(c):
                            named = [x for x in c.children if x.dep_ == "appos"] + [c]
                            found = [a.entity for x in named for a in self.resolve(x) if a.entity.type in kinds]
                            if found:
                                return found
        return []

    def speakers_sides(self, tok: Token) -> list[Entity]:
        """The "we" of a quotation said by several: each speaker's side."""
        sides = []
        for speaker in self.speakers(tok):
            if speaker.type == "Person":
                continue  # a private person's "we" is a party or people the text does not name
            side = self.served_state(speaker) if speaker.type == "Official" else speaker
            if side is not None and side not in sides:
                sides.append(side)
        return sides

    def voice(self, tok: Token, kinds: tuple[str, ...] | None = None) -> list[Arg]:
        """Whose own words `tok` stands in when no verb says who speaks: a quotation's
        speaker of `kinds` (the lexicon's agents unless told), else the release's issuer
        or signatories."""
        kinds = self.lex.roles["agent"] if kinds is None else kinds
        if self.in_quote(tok):
            speaker = self.speaker(tok)
            return [Arg(speaker, tok)] if speaker is not None and speaker.type in kinds else []
        issuers = self.g.signatories or ([self.state(self.g.issuer)] if self.g.issuer else [])
        return [Arg(i, tok) for i in issuers]

    # ---- states the text implies -------------------------------------------------
    def state(self, iso3: str) -> Entity:
        """The state with this code: the article's entity, or one the text implies
        (an issuer never named, an official's state), made once and kept in `implicit`."""
        for e in self.g.entities:
            if e.type == "State" and e.key == iso3:
                return e
        if iso3 not in self.implicit:
            name = self.lex.countries[iso3].name if iso3 in self.lex.countries else iso3
            self.implicit[iso3] = Entity(f"state:{iso3}", "State", iso3, name, {"iso3": iso3}, hints={"implicit": True})
        return self.implicit[iso3]

    def organ_of(self, resolution: Entity) -> Entity | None:
        """The organ whose resolution it is (UNSC: the Security Council), as the article's
        entity or one the text implies, made once and kept in `implicit`."""
        body = resolution.props.get("body")
        if not body or resolution.type not in self.lex.roles["text"]:
            return None
        for e in self.g.entities:
            if e.props.get("kind") and e.props.get("body") == body:
                return e
        org = next((o for o in self.lex.orgs.values() if o.body == body), None)
        if org is None:
            return None
        eid = f"org:{slug(org.name)}"
        if eid not in self.implicit:
            props = {k: v for k, v in asdict(org).items() if k != "name"}  # as the gazetteer's mentions carry
            self.implicit[eid] = Entity(eid, "Organization", fold(org.name), org.name, props, hints={"implicit": True})
        return self.implicit[eid]

    def served_state(self, ent: Entity) -> Entity | None:
        """The state an official serves, as an entity, when known."""
        state = ent.props.get("state") if ent.type == "Official" else None
        return self.state(state) if state else None

    # ---- inside phrases ----------------------------------------------------------
    def entity_children(self, tok: Token, deps: tuple[str, ...]) -> list[Arg]:
        """The entities that modify `tok` directly, by these dependency labels."""
        return [Arg(self.tok2ent[c.i], c) for c in tok.children if c.dep_ in deps and c.i in self.tok2ent]

    def inner(self, tok: Token) -> list[Arg]:
        """Entities inside a phrase: the head noun's own possessor or modifier first
        ("Serbia's suppression of unrest in Montenegro" is Serbia's), then the subject
        of a relative clause on it ("the attacks it conducts against ..."), else any
        entity below it ("exports to North Korea")."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("appos", "conj")]
        own = [a for h in heads for a in self.entity_children(h, MODIFIER_DEPS)]
        if own:
            return own
        own = [a for h in heads for c in h.children if c.dep_ == "relcl"
               for s in c.children if s.dep_ in SUBJ and s.lower_ not in ("which", "that", "who")
               for a in self.resolve(s, allowed=self.lex.roles["agent"])]
        return own or self._below(tok)

    def _below(self, tok: Token) -> list[Arg]:
        """Any entity in the phrase under `tok` but its victims; where the phrase's
        target works only when it names nothing else ("firms operating in Panama")."""
        out, places = [], []
        for t in tok.subtree:
            if t.i in self.tok2ent and self.victim(t, tok):
                continue  # "attacks against Ukrainian cities": whom an act is against is not its actor
            if t.i in self.tok2ent and t.dep_ in ("poss", "pobj", "compound", "amod", "nmod", "dobj", "conj", "appos", "nsubj"):
                place = t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPOSITIONS and t.head.i > tok.i
                (places if place else out).append(Arg(self.tok2ent[t.i], t))
            elif t.lemma_.lower() in self.lex.meeting_nouns and t.dep_ == "pobj" and t.head.lower_ == "of":
                out.extend(Arg(e, t) for e in self.groups.meeting_before(t, near=False))
        return out or places

    def victim(self, t: Token, top: Token) -> bool:
        """Whether `t` is below "against"/"on" after an act noun ("attacks against X",
        "strikes on X") within the phrase under `top`; not the agent of a participle the
        parser hung on the victim ("the attack on the base carried out by al-Shabaab")."""
        node = t
        while node.i != top.i and node.head is not node:
            if node.dep_ == "agent":
                return False
            node = node.head
        return below_prep(t, top, lambda p: p.lower_ in ("against", "on", "upon") and p.head.lower_ in self.act_nouns)


from .readings import READINGS  # noqa: E402  (the readings call back into Referents)
