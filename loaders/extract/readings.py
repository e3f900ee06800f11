"""The readings of `Referents.resolve`: each way a word can stand for entities, tried
in order; each returns None when it does not apply to the word, else what the word
stands for (possibly nothing: a quotation's "I" whose speaker is unknown stands for
no one)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .arguments import Allowed, Arg
from .types import Entity
from .syntax import MODIFIER_DEPS, SUBJ, conjuncts, has_own_parties, of_whom

if TYPE_CHECKING:
    from .referents import Referents

PRONOUNS = ("it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "this")
PLURAL_PRONOUNS = ("they", "their", "them")
DEFINITE = ("the", "this", "that")
FIRST_PLURAL = ("we", "us", "our")
FIRST_SINGULAR = ("i", "my", "me")
Reading = Callable[["Referents", Token, Allowed], "list[Arg] | None"]


def _signatories(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if ref.g.signatories and ref.speaks_for_signatories(t):
        return [Arg(e, t) for e in ref.g.signatories]
    return None


def _issuer(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if (t.lower_ in FIRST_PLURAL or ref.issuing_body(t)) and ref.g.issuer and not ref.in_quote(t):
        return [Arg(ref.state(ref.g.issuer), t)]
    return None


def _quoted_i(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_SINGULAR and ref.in_quote(t):
        speaker = ref.speaker(t)
        return [Arg(speaker, t)] if speaker is not None else []
    return None


def _of_whom(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    antecedent = of_whom(t)  # "A and B, both of whom have obstructed ..."
    return ref.resolve(antecedent, allowed=allowed) if antecedent is not None else None


def _quoted_we(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_PLURAL and ref.in_quote(t):
        sides = ref.speakers_sides(t)  # "'We will crush them,' the Israeli minister said"
        return [Arg(side, t) for side in sides]
    return None


def _author(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in FIRST_SINGULAR and ref.author:
        return [Arg(ref.author, t)]
    return None


def _they_group(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"They", "their", "them": the entities last named together (a plural pronoun
    agrees with a group before any one entity)."""
    if t.lower_ in PLURAL_PRONOUNS and t.pos_ == "PRON":
        if _plural_noun_before(ref, t):
            return []  # "... bans exports by capping them": the exports
        group = ref.groups.last_group(t, allowed)
        if group:
            return [Arg(e, t) for e in group]
    return None


def _plural_noun_before(ref: Referents, t: Token) -> bool:
    """Whether a plural noun that names no entity comes before a non-subject "them" or
    "their" in its sentence: the nearer plural the pronoun agrees with."""
    if t.dep_ in SUBJ:
        return False
    return any(n.tag_ == "NNS" and n.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and not ref.resolve(n)
               and not any(x.i in ref.tok2ent for x in n.subtree) for n in t.sent if n.i < t.i)


def _pleonastic(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"It is unclear whether ...", "it was time for ...": an "it" that only holds the
    place of a clause after it stands for no one."""
    if t.lower_ != "it" or t.dep_ not in ("nsubj", "expl") or t.head.lemma_ != "be":
        return None
    # the clause it holds the place of opens with its own mark ("whether", "that"), also
    # below the predicate noun ("time for the junta to ..."); a purpose or a condition
    # ("it was ready to mediate ..., if asked to") leaves "it" a real subject
    predicates = [c for c in t.head.children if c.dep_ in ("acomp", "attr") and c.i > t.i]
    clauses = [c for h in [t.head, *predicates] for c in h.children
               if c.dep_ in ("ccomp", "csubj", "relcl", "acl") and c.i > t.i]
    marked = any(m.dep_ == "mark" and m.lower_ in ("whether", "that", "if", "for") for c in clauses for m in c.children)
    return [] if predicates and marked else None


def _pronoun(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    if t.lower_ in PRONOUNS and t.pos_ == "PRON":
        ent = ref.antecedent(t, allowed)
        return [Arg(ent, t)] if ent is not None else []
    return None


def _members(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    members = ref.groups.members_of(t)
    return [Arg(e, t) for e in members] if members else None


def _of_list(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"The delegations of Senegal, Gambia and Guinea-Bissau met", "the foreign
    ministers of Chile, Peru and Ecuador renewed their call": each party named."""
    if t.lower_ not in ref.lex.representative_nouns or t.pos_ != "NOUN":
        return None
    named = [a for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.children if o.dep_ == "pobj" for a in ref.resolve(o)
             if a.entity.type in ref.lex.roles["actor"]]
    return named or None


def _examples(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    return ref.groups.examples(t) or None


def _group_noun(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    owners = _owned_group(ref, t)
    if owners:
        return owners  # "Their foreign ministers then condemned ...": the states they serve
    if t.lower_ in ref.lex.group_nouns and t.pos_ == "NOUN" or \
            t.pos_ == "NUM" and t.dep_ in SUBJ and _definite(t):  # "The five failed to agree"
        return [Arg(e, t) for e in ref.groups.group(t)]
    group = ref.groups.group_after_of(t) if t.lower_ in ref.lex.quantity_nouns else None
    if group is not None:
        return [Arg(e, group) for e in ref.groups.group(group)]  # "a handful of partners, A, B and C"
    return None


def _owned_group(ref: Referents, t: Token) -> list[Arg]:
    """"Moldova and Romania held talks. Their foreign ministers condemned ...": officials
    or governments of the states a possessive pronoun stands for act for those states."""
    if t.pos_ != "NOUN" or t.lower_ not in ref.lex.official_group_nouns | ref.lex.representative_nouns:
        return []
    owners = ref.possessing_states(t)
    # only the officials of states named together stand for them ("Their foreign ministers"
    # after "Moldova and Romania"); "their leaders" after the Houthis are no state's
    return [Arg(a.entity, t) for a in owners] if len(owners) >= 2 else []


def _meeting(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    attendees = ref.groups.meeting_before(t) if t.lemma_.lower() in ref.lex.meeting_nouns and t.pos_ == "NOUN" \
        and not has_own_parties(t) else []
    if attendees:
        return [Arg(e, t) for e in attendees if allowed is None or e.type in allowed]
    return None


def _anaphor(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    kinds_list = ref.lex.anaphors.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
    if kinds_list is None:
        return None
    for kinds in kinds_list:
        ent = ref.recent(t, kinds)
        if ent is not None and (allowed is None or ent.type in allowed):
            if _other_one_between(ref, t, ent):
                return []  # "an unrelated resolution on Afghanistan, and the resolution passed"
            return [Arg(ent, t)]
    return []


def _other_one_between(ref: Referents, t: Token, ent) -> bool:
    """Whether an indefinite noun of the same word that names no entity ("an unrelated
    resolution") stands between `t` and the entity's last mention: the nearer one is meant."""
    for i in range(t.i - 1, max(-1, t.i - 120), -1):
        if ref.tok2ent.get(i) is ent:
            return False
        other = ref.doc[i]
        if other.lemma_ == t.lemma_ and other.pos_ == "NOUN" and i not in ref.tok2ent and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in other.children):
            return True
    return False


def _named_head(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"The cap has been lowered": a definite noun that is the last word of a proposal
    named before ("the oil price cap") takes that proposal up."""
    if t.pos_ != "NOUN" or not _definite(t) or any(c.dep_ in ("amod", "compound", "poss") for c in t.children):
        return None
    word = t.lower_
    ent = ref.last_before(t, 200, lambda e: e.type == "Proposal" and e.name.lower().split()[-1:] == [word])
    return [Arg(ent, t)] if ent is not None and (allowed is None or ent.type in allowed) else None


def _epithet(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"The kingdom", "the Gulf state", "The North": a definite noun for a state named
    before stands for the state the text was about (the last sentence's subject), else
    the state named last; "the North"/"the South" for a state whose name says so."""
    word = t.lower_
    if word not in ref.lex.state_epithets or t.pos_ not in ("NOUN", "PROPN") or t.tag_ in ("NNS", "NNPS") or \
            not _definite(t) or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return None
    if word in ("north", "south"):
        ent = ref.last_before(t, 150, lambda e: e.type == "State" and word in e.name.lower().split()
                              and e.id not in ref.acting)
    else:
        fits = described(ref, t)
        ent = ref.previous_subject(t, ("State",))
        if ent is None or not fits(ent):
            ent = ref.last_before(t, 120, lambda e: e.type == "State" and e.id not in ref.acting and fits(e))
        if ent is not None and _coordinated(ref, t, ent, fits):
            return []  # "Jordan and Morocco condemned ... Officials in the kingdom": which one?
    if ent is None or allowed is not None and ent.type not in allowed:
        return None
    return [Arg(ent, t)]


def described(ref: Referents, t: Token) -> Callable[[Entity], bool]:
    """Whether a state fits what the noun phrase says of it ("the island": no land
    border; "the Central Asian nation"; "the English-speaking country"), by the
    gazetteer's geography."""
    spec = ref.lex.state_descriptions
    # the words of its phrase before the noun, hyphenated words rejoined ("English-speaking")
    before = " ".join(x.text for x in t.subtree if x.i < t.i and x.dep_ != "det")
    before = before.replace(" - ", "-")
    tests: list[Callable] = []
    if t.lower_ in spec["no_land_border"] or any(w in before.lower().split() for w in spec["no_land_border"]):
        tests.append(lambda c: not c.borders)
    if any(w in before.lower().split() for w in spec["landlocked"]):
        tests.append(lambda c: c.landlocked)
    for adj, region in spec["region"].items():
        if f" {adj} " in f" {before} " and not any(f" {a} " in f" {before} " for a in spec["subregion"] if adj in a):
            tests.append(lambda c, r=region: c.region == r)
    for adj, subs in spec["subregion"].items():
        if f" {adj} " in f" {before} ":
            tests.append(lambda c, s=tuple(subs): c.subregion in s)
    for lang in (w[:-len("-speaking")] for w in before.split() if w.endswith("-speaking")):
        tests.append(lambda c, lang=lang: lang in c.languages)

    def fits(ent: Entity) -> bool:
        country = ref.lex.countries.get(ent.key)
        return country is None or all(test(country) for test in tests)
    return fits


def _issued(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"Japan issued a statement ... The statement also urged ...": a document named
    again stands for whoever issued it the first time."""
    if t.lemma_.lower() not in ref.lex.issued_nouns or t.pos_ != "NOUN" or not _definite(t) or \
            any(c.dep_ in ("poss", "prep") for c in t.children):
        return None
    first = ref.sentences_back(t, 3)
    for earlier in reversed(ref.doc[first:t.i]):
        if earlier.lemma_ == t.lemma_ and earlier.pos_ == "NOUN" and not _definite(earlier):
            issuers = ref.issuer_of(earlier)
            found = [Arg(e, t) for e in issuers if allowed is None or e.type in allowed]
            return found or None
    return None


def _coordinated(ref: Referents, t: Token, ent: Entity, fits: Callable[[Entity], bool]) -> bool:
    """Whether the entity's last mention before `t` stands in a coordination with
    another state that fits the description as well ("Iraq and Kuwait"), so that a
    singular noun cannot tell which."""
    for i in range(t.i - 1, max(-1, t.i - 120), -1):
        if ref.tok2ent.get(i) is ent:
            tok = ref.doc[i]
            others = [x for x in conjuncts(tok.head if tok.dep_ == "conj" else tok)
                      if ref.tok2ent.get(x.i) not in (None, ent) and ref.tok2ent[x.i].type == "State"
                      and fits(ref.tok2ent[x.i])]
            return bool(others)
    return False


def _definite(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children)


def _event(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"Syria denounced the airstrike": a definite act noun with no actor of its own
    takes up the act told in the two sentences before, and stands for its doer."""
    if t.lemma_.lower() not in ref.lex.event_nouns or t.pos_ != "NOUN" or \
            not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children) or \
            any(c.dep_ in MODIFIER_DEPS and c.i < t.i or c.dep_ == "prep" and c.lower_ != "as" for c in t.children):
        # (a modifier after the noun is what is said of the act: "called the expulsion unacceptable")
        return None
    doers = ref.doer_before(t)
    return [Arg(e, t) for e in doers if allowed is None or e.type in allowed] or None


ORDINALS = {"first": 0, "former": 0, "second": 1, "latter": -1, "third": 2}


def _ordinal(ref: Referents, t: Token, allowed: Allowed) -> list[Arg] | None:
    """"Two drafts went to a vote: S/2024/210 ... and S/2024/211 ... Russia vetoed the
    first; the second won only four votes": the first, second, former or latter of the
    texts named in this sentence or the one before, in their order (states are left
    alone: the clause's own subject is among them)."""
    if t.lower_ not in ORDINALS or not any(c.lower_ == "the" for c in t.children) \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) or t.head.pos_ == "NOUN" and t.dep_ == "amod":
        return None
    named: list = []
    for i in range(ref.sentences_back(t, 1), t.i):
        ent = ref.tok2ent.get(i)
        if ent is not None and ent not in named:
            named.append(ent)
    listed = [e for e in named if e.type in ref.lex.roles["text"] and (allowed is None or e.type in allowed)]
    if len(listed) < 2:
        return None
    k = ORDINALS[t.lower_]
    return [Arg(listed[k], t)] if k < len(listed) else []


READINGS: tuple[Reading, ...] = (_ordinal, _signatories, _issuer, _quoted_i, _of_whom, _quoted_we, _author, _pleonastic,
                                 _they_group, _pronoun, _members, _of_list, _examples, _group_noun, _meeting,
                                 _epithet, _issued, _named_head, _anaphor, _event)
