"""Grouping mentions into entities: one entity per real-world thing per article.

People are grouped by surname ("Lavrov" joins "Sergei Lavrov"); a person becomes an
Official when the text gives a title or role, or when the leaders table says they held
an office at the article's date. An unnumbered resolution ("the UN resolution") is
linked to the catalogue by date and the states the article names.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .holders import holder_for, issuer_holds_another, named_years, past_holder_for
from ...schema.identity import fold, slug
from .lexicon import Holder, Lexicon
# ISSUING_BODIES is read from here by the relation stage (referents.py)
from .release import ISSUING_BODIES, issuer_state, joint_signatories, release_words  # noqa: F401
from .types import Entity, Mention

STOP_LEFT = {"said", "says", "told", "and", "with", "by", "between", "from", "that", "as", "when"}
SERVED_BLOCKERS = {"to", "in", "at", "on"}  # "Ambassador to Germany": Germany is not the state served
FOREIGN_OFFICES = {"foreign_minister"}


@dataclass
class OfficeClue:
    """What the words around a name say of the office its bearer holds."""
    title: str | None = None
    office: str | None = None
    state: str | None = None
    state_span: tuple[int, int] | None = None
    span: tuple[int, int] | None = None  # characters of title + name, the evidence
    former: bool = False
    possessor: Mention | None = None  # "Trump's special envoy": serves the state Trump serves


@dataclass
class Grouping:
    entities: list[Entity]
    by_mention: dict[int, Entity] = field(default_factory=dict)  # id(mention) -> entity
    clues: dict[str, OfficeClue] = field(default_factory=dict)   # entity id -> office clue
    issuer: str | None = None
    # the signatories of a joint statement, each of them the "we" of its body
    signatories: list[Entity] = field(default_factory=list)


NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def person_key(text: str) -> str:
    """A person's name for grouping: folded, without "Jr." and the like."""
    toks = [t for t in fold(text).split() if t not in NAME_SUFFIXES]
    return " ".join(toks)


class NameIndex:
    """The people an article names, by the parts of their names a later mention may use:
    the surname ("Lavrov"), a longer surname ("Valdés Roa"), the given name after an
    honorific ("Sheikh Faisal") or alone ("Rodrigo"). A part two people share
    ("Khalid" of two Khalids) joins neither: no two people are merged on it."""

    AMBIGUOUS = ""

    def __init__(self, lex: Lexicon):
        self.honorifics = {fold(h) for h in lex.honorifics}
        self.by_part: dict[str, str] = {}
        self.words: set[str] = set()

    def _bare(self, key: str) -> list[str]:
        toks = key.split()
        while len(toks) > 1 and toks[0] in self.honorifics:
            toks = toks[1:]
        return toks

    def add_words(self, key: str) -> None:
        toks = self._bare(key)
        if len(toks) > 1:
            self.words.update(toks)

    def shortens(self, key: str) -> bool:
        return bool(key) and all(t in self.words for t in key.split())

    def add_person(self, key: str, target: str) -> None:
        toks = self._bare(key)
        parts = {key, " ".join(toks)} | {" ".join(toks[i:]) for i in range(1, len(toks))}
        if len(toks) > 1:
            parts.add(toks[0])
        for part in parts:
            known = self.by_part.get(part)
            self.by_part[part] = target if known in (None, target) else self.AMBIGUOUS

    def person(self, key: str) -> str | None:
        """The person a shorter name stands for, if exactly one fits; AMBIGUOUS when
        several do; None when none does."""
        toks = self._bare(key)
        for part in (key, " ".join(toks)):
            if part in self.by_part:
                return self.by_part[part]
        return None


def title_tokens(lex: Lexicon) -> set[str]:
    return {w for t in lex.titles for w in t.split()} | {"of", "the", "for", "to", "at", "de", "deputy",
                                                         "foreign", "acting", "then", "former", "chief",
                                                         "national", "security", "special", "senior"}


def office_clue(doc: Doc, m: Mention, state_at: dict[int, Mention], lex: Lexicon,
                words: set[str], mentions_at: dict[int, Mention] | None = None, depth: int = 0) -> OfficeClue:
    """Read the title and state written before a name ("Russian Foreign Minister Sergei
    Lavrov", "his US counterpart Donald Trump", "US Ambassador to Germany Richard
    Grenell"), or after it ("Xi Jinping of the People's Republic of China", "Ned Price,
    Department Spokesperson")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return OfficeClue()
    region, possessor = _left_region(doc, span, state_at, words)
    if region and region[0].i > 0 and doc[region[0].i - 1].lower_ in lex.non_office_words:
        return OfficeClue()  # "the Haitian gang leader Jean Malval": no public office
    paired = _respectively(doc, span, state_at, lex, words)
    if paired is not None:
        paired.span = (span.start_char, span.end_char)
        return paired
    clue = _read_region(doc, region, state_at, lex)
    if clue.title and clue.state is None and possessor is not None and depth < 2:
        owner = (mentions_at or {}).get(possessor)
        if owner is not None:
            _inherit_office(clue, owner, doc, state_at, lex, words, mentions_at, depth)
    if clue.title and clue.state is None and region:
        _its_state(doc, region[0].i if region[0].lower_ == "its" else region[0].i - 1, clue, state_at)
    clue = _with_right_apposition(doc, span, clue, state_at, lex, words, mentions_at, depth)
    if clue.title:
        clue.span = _clue_evidence(span, region, clue)
    return clue


def _its_state(doc: Doc, i: int, clue: OfficeClue, state_at: dict[int, Mention]) -> None:
    """"Austria's chancellor, Karl Weiss, its finance minister, Dora Lenz", "Kenya sent a
    team led by its foreign minister, Musa Otieno": "its" before a title is the state
    named last before it in the sentence."""
    if i < 0 or doc[i].lower_ != "its":
        return
    before = [k for k in range(doc[i].sent.start, i) if k in state_at]
    if before:
        m = state_at[before[-1]]
        clue.state, clue.state_span = m.key, (m.start, m.end)


def _left_region(doc: Doc, span: Span, state_at: dict[int, Mention], words: set[str]) -> tuple[list, int | None]:
    """The title words right before a name (at most ten, a comma after a title skipped),
    without the linking words they start with, and the token of the person before a
    "'s" that starts them ("Chancellor Angela Merkel's spokesperson, Steffen Seibert"),
    whose office the title may be under."""
    i = span.start - 1
    if _title_before_comma(doc, i, state_at, words):
        i -= 1  # "Merkel's spokesperson, Steffen Seibert"; "his counterparts, A, B and C"
    region = []
    while i >= 0 and len(region) < 10 and _in_title(doc[i], state_at, words):
        region.append(doc[i])
        i -= 1
    region.reverse()
    possessor = None
    if region and region[0].lower_ in ("'s", "’s") and region[0].i > 0:
        possessor = region[0].i - 1  # "Chancellor Angela Merkel's spokesperson, Steffen Seibert"
    while region and region[0].lower_ in ("of", "to", "for", "'s", "’s", "the"):
        region.pop(0)
    return region, possessor


def _in_title(tok: Token, state_at: dict[int, Mention], words: set[str]) -> bool:
    """Whether a token before a name can be part of its title: a state, a title word, or
    a possessive ("his", "Russia's") or prefix ("ex-") of one."""
    return (tok.i in state_at or fold(tok.text) in words or tok.lemma_.lower() in words
            or tok.lower_ in ("'s", "’s", "his", "her", "their", "its", "-", "ex"))


def _with_right_apposition(doc: Doc, span: Span, clue: OfficeClue, state_at: dict[int, Mention], lex: Lexicon,
                           words: set[str], mentions_at: dict[int, Mention] | None, depth: int) -> OfficeClue:
    """What the words after a name add to the title before it: the whole clue when there
    is no title before ("Ned Price, Department Spokesperson"), the state when the title
    names none ("President Xi Jinping of the People's Republic of China")."""
    if clue.title is None:
        right = _right_apposition(doc, span, state_at, lex, words, mentions_at, depth)
        return right if right.title else clue
    if clue.state is None:
        right = _right_apposition(doc, span, state_at, lex, words, mentions_at, depth)
        clue.state, clue.state_span = right.state, right.state_span
    return clue


def _clue_evidence(span: Span, region: list, clue: OfficeClue) -> tuple[int, int]:
    """The characters a title is read from: the title before the name, the name, and the
    state after it when that is where the state was read."""
    lo = min([span.start_char] + ([region[0].idx] if region else []))
    hi = max(span.end_char, clue.state_span[1] if clue.state_span else 0)
    return lo, hi


def _respectively(doc: Doc, name, state_at: dict[int, Mention], lex: Lexicon, words: set[str]) -> OfficeClue | None:
    """"his Greek, Cypriot and French counterparts, A, B and C, respectively": the n-th
    name holds the title for the n-th state of the list before it."""
    sent = name.sent
    resp = next((t for t in sent if t.lower_ == "respectively" and t.i >= name.end), None)
    if resp is None:
        return None
    title = _title_before_names(doc, name, words)
    if title is None:
        return None
    states = _listed_states(doc, title.i - 1, sent.start, state_at)
    names = [t.i for t in doc[title.i + 1:resp.i] if t.pos_ == "PROPN" and t.dep_ in ("appos", "conj", "nsubj", "pobj", "dobj")]
    if len(states) < 2 or len(names) != len(states):
        return None
    for idx, last in enumerate(names):
        if name.start <= last < name.end:
            m = states[idx]
            return OfficeClue(title=title.lemma_.lower(), office=None, state=m.key, state_span=(m.start, m.end))
    return None


def _title_before_names(doc: Doc, name: Span, words: set[str]) -> Token | None:
    """The title word before the list of names a name is in ("counterparts" of
    "counterparts, A, B and C"), or None when the list does not follow a title."""
    sent = name.sent
    k = name.start - 1
    while k >= sent.start and (doc[k].pos_ in ("PROPN", "PUNCT", "CCONJ") and doc[k].text not in ("(", ")")):
        k -= 1
    if k < sent.start or not (fold(doc[k].text) in words or doc[k].lemma_.lower() in words):
        return None
    return doc[k]


def _listed_states(doc: Doc, k: int, first: int, state_at: dict[int, Mention]) -> list[Mention]:
    """The states of a list ending at token `k` ("Greek, Cypriot and French"), in order,
    each once; the list starts no earlier than token `first`."""
    states: list[Mention] = []
    while k >= first and (k in state_at or doc[k].text in (",", "and")):
        if k in state_at and state_at[k] not in states:
            states.insert(0, state_at[k])
        k -= 1
    return states


def _title_before_comma(doc: Doc, i: int, state_at: dict[int, Mention], words: set[str]) -> bool:
    """A comma at `i` between a title and the name it introduces ("Merkel's spokesperson,
    Steffen Seibert"; "the British special envoy for Sudan, Robert Cole")."""
    if i < 1 or doc[i].text != ",":
        return False
    before = doc[i - 1]
    return fold(before.text) in words or before.lemma_.lower() in words or _titled_state_before(doc, i - 1, state_at, words)


def _titled_state_before(doc: Doc, k: int, state_at: dict[int, Mention], words: set[str]) -> bool:
    """A title and the state of its phrase end at token `k`, before a comma and a name:
    "the British special envoy for Sudan, Robert Cole"; "Kenya's Special Envoy for
    Sudan, Grace Wanjiru"."""
    if k not in state_at:
        return False
    while k >= 0 and (k in state_at or doc[k].lower_ == "the"):
        k -= 1
    return k >= 1 and doc[k].lower_ in ("for", "of", "to") and (
        fold(doc[k - 1].text) in words or doc[k - 1].lemma_.lower() in words)


def _serves(doc: Doc, m: Mention, first: int) -> bool:
    """Whether a state named in a title phrase starting at token `first` is the state
    the office serves: not the posting ("Ambassador to Germany", "Ambassador to the
    United States") nor the mandate ("Special Envoy for Yemen": in a US release, a US
    envoy). A state modifying a body after "for" is served ("spokesman for the Egyptian
    foreign ministry", "the spokesperson for Iran's foreign ministry")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return True
    k = span.start - 1
    if k >= first and doc[k].lower_ in SERVED_BLOCKERS:
        return False
    while k >= first and doc[k].lower_ == "the":
        k -= 1
    if k < first:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    modifies = nxt is not None and (nxt.lower_ in ("'s", "’s") or (nxt.pos_ in ("NOUN", "ADJ") and nxt.is_lower))
    if doc[k].lower_ in SERVED_BLOCKERS:
        return modifies  # "Ambassador to the United States"; but "adviser to the Egyptian president"
    return modifies or doc[k].lower_ not in release_words().mandate_prepositions


def _read_region(doc: Doc, region: list, state_at: dict[int, Mention], lex: Lexicon) -> OfficeClue:
    clue = OfficeClue()
    if not region:
        return clue
    text = fold(" ".join(t.lemma_ if t.tag_ == "NNS" else t.text for t in region))
    best = next(((title, office) for title, office, pattern in lex.title_patterns if pattern.search(text)), None)
    if best:
        clue.title, clue.office = best
    clue.former = any(t.lower_ in ("former", "ex", "then", "late") for t in region)
    for tok in region:
        if tok.i in state_at and _serves(doc, state_at[tok.i], region[0].i):
            m = state_at[tok.i]
            clue.state, clue.state_span = m.key, (m.start, m.end)
            break
    return clue


def _right_apposition(doc: Doc, span, state_at, lex: Lexicon, words: set[str],
                      mentions_at: dict[int, Mention] | None = None, depth: int = 0) -> OfficeClue:
    """"Xi Jinping of the People's Republic of China"; "Ned Price, Department Spokesperson";
    "Sergei Lavrov, the Russian foreign minister"; "Paulo Rente, the interior minister of
    Angola"; "Kurt Volker, who was Trump's special envoy" (the office is the possessor's
    state's, as on the left)."""
    j = span.end
    at = _state_after_of(doc, j, state_at)
    if at is not None:
        return OfficeClue(title=None, state=at.key, state_span=(at.start, at.end))
    if j < len(doc) and doc[j].text == ",":
        return _title_after_comma(doc, span, state_at, lex, words, mentions_at, depth)
    return OfficeClue()


def _title_after_comma(doc: Doc, span: Span, state_at: dict[int, Mention], lex: Lexicon, words: set[str],
                       mentions_at: dict[int, Mention] | None, depth: int) -> OfficeClue:
    """The title in the apposition after a name and its comma, and the state it serves:
    one named in it, else after an "of" behind it, else the possessor's it is under."""
    j = span.end
    k = _after_relative_copula(doc, j + 1, lex)
    possessor = _possessor_at(doc, k, mentions_at) if k > j + 1 else None
    if possessor is not None:
        k = doc.char_span(possessor.start, possessor.end, alignment_mode="expand").end + 1
    region, k = _right_region(doc, k, state_at, lex, words)
    if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        return OfficeClue()  # "Wang Yi, Indian Foreign Minister Jaishankar": the title is the next name's
    clue = _read_region(doc, region, state_at, lex)
    if clue.title and clue.state is None:
        at = _state_after_of(doc, k, state_at)
        if at is not None:
            clue.state, clue.state_span = at.key, (at.start, at.end)
        elif possessor is not None and depth < 2:
            _inherit_office(clue, possessor, doc, state_at, lex, words, mentions_at, depth)
    if clue.title and region:
        clue.span = (span.start_char, region[-1].idx + len(region[-1]))
    return clue


def _right_region(doc: Doc, k: int, state_at: dict[int, Mention], lex: Lexicon,
                  words: set[str]) -> tuple[list, int]:
    """The title words from token `k` on (at most eight), and the token after them: "Lina
    Haddad, a Jordanian foreign ministry spokesperson": articles, state names, title
    words and the state bodies a title sits in."""
    region = []
    while k < len(doc) and len(region) < 8 and (k in state_at or fold(doc[k].text) in words
                                               or doc[k].lower_ in ("the", "a", "an", "'s", "’s", "department")
                                               or doc[k].lower_ in lex.state_agent_heads):
        region.append(doc[k])
        k += 1
    return region, k


def _inherit_office(clue: OfficeClue, owner: Mention, doc: Doc, state_at: dict[int, Mention], lex: Lexicon,
                    words: set[str], mentions_at: dict[int, Mention] | None, depth: int) -> None:
    """An office held under a named person ("Chancellor Merkel's spokesperson", "who was
    Trump's special envoy") serves the state that person's office names."""
    inherited = office_clue(doc, owner, state_at, lex, words, mentions_at, depth + 1)
    clue.state, clue.state_span = inherited.state, inherited.state_span
    clue.possessor = owner


def _state_after_of(doc: Doc, of: int, state_at: dict[int, Mention]) -> Mention | None:
    """The state named right after an "of" at `of` (articles skipped): "the interior
    minister of Angola"; None when no "of" stands there."""
    if of >= len(doc) or doc[of].lower_ != "of":
        return None
    k = of + 1
    while k < len(doc) and doc[k].lower_ == "the":
        k += 1
    return state_at.get(k) if k < len(doc) else None


def _after_relative_copula(doc: Doc, k: int, lex: Lexicon) -> int:
    """Where the title starts after "who was", "who serves as" (or `k` when none is there)."""
    words = [t.lower_ for t in doc[k:k + 4]]
    for cop in lex.relative_copulas:
        if tuple(words[:len(cop)]) == cop:
            return k + len(cop)
    return k


def _possessor_at(doc: Doc, k: int, mentions_at: dict[int, Mention] | None) -> Mention | None:
    """A person named at `k` and followed by "'s": "Trump's special envoy"."""
    for e in range(k, min(k + 4, len(doc) - 1)):
        m = (mentions_at or {}).get(e)
        if m is not None and doc[e + 1].lower_ in ("'s", "’s"):
            return m
        if doc[e].pos_ != "PROPN":
            break
    return None


def _states_of_possessors(out: Grouping, entities: dict[str, Entity]) -> None:
    """An office held under a person with no state in the text ("Trump's special envoy")
    serves the state that person's own office does, which may come from the leaders table."""
    for eid, clue in out.clues.items():
        if clue.state or clue.possessor is None:
            continue
        owner = out.by_mention.get(id(clue.possessor))
        holder = entities.get(eid)
        if owner is not None and owner.type == "Official" and owner.props.get("state") and holder is not None:
            clue.state = owner.props["state"]
            holder.props["state"] = clue.state
            holder.props["state_from"] = "possessor"


def heading_line(text: str) -> str:
    """The article's first line when it reads as a heading (a line under 300
    characters), else ""."""
    line_end = text.find("\n")
    return text[:line_end] if 0 < line_end < 300 else ""


def _designated_officials(text: str, entities: dict[str, Entity], out: Grouping, lex: Lexicon) -> None:
    """"Designation of Officials in Bosnia and Herzegovina for Anti-Dayton Behavior": the
    people the release names with no office of their own are officials of that state, the
    heading their evidence."""
    heading = heading_line(text)
    found = lex.designated_officials.search(heading) if heading and lex.designated_officials else None
    if found is None:
        return
    at = found.start("state")
    state = next((e for e in entities.values() if e.type == "State"
                  and any(at <= m.start < at + 40 for m in e.mentions)), None)
    if state is None:
        return
    for ent in entities.values():
        if ent.type == "Person" and ent.id not in out.clues and len(ent.name.split()) > 1:
            ent.type = "Official"
            ent.props.update(role="official", state=state.key, state_from="title")
            out.clues[ent.id] = OfficeClue(title="official", state=state.key, span=(0, len(heading)))


def _people_in_lists(doc: Doc, mentions: list[Mention]) -> None:
    """A name the NER took for an organisation, coordinated with people ("Nikos Dendias,
    Nikos Christodoulides and Jean-Yves Le Drian"), is a person."""
    person_tokens = set()
    for m in mentions:
        if m.type == "Person":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                person_tokens.update(t.i for t in span)
    for m in mentions:
        if m.type != "Organization" or not m.props.get("candidate"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span) or len(span) > 4:
            continue
        root = span.root
        linked = [root.head] + [c for c in root.children]
        if any(t.i in person_tokens and (t.dep_ in ("conj", "appos") or root.dep_ in ("conj", "appos")) for t in linked):
            m.type = "Person"
            m.key = fold(m.text)
            m.props = {}


def group(doc: Doc, mentions: list[Mention], lex: Lexicon, published: date | None,
          text: str) -> Grouping:
    """Group an article's mentions into entities, then read which people hold an office
    and which state each office serves. One step per rule, in an order that matters:
    each reads what the steps before it settled (a person is grouped before its titles
    are read; the issuer is known before its officials are)."""
    state_at = _tokens_of_states(doc, mentions)
    person_at = _last_tokens_of_people(doc, mentions)  # the NER's people, before the repairs below
    entities: dict[str, Entity] = {}
    out = Grouping(entities=[])
    attach = _attacher(entities, out)
    _people_in_lists(doc, mentions)
    names = NameIndex(lex)
    people = _people(mentions, names)
    _attach_named(mentions, lex, entities, attach)
    _attach_people(people, names, entities, attach)
    for m in mentions:
        if m.type == "Resolution":
            _attach_resolution(m, lex, published, mentions, attach, text)
    _titled_officials(doc, entities, out, lex, published, text, state_at, person_at)
    _repeated_surnames(doc, entities, out, lex)
    _states_of_possessors(out, entities)
    _release_actors(text, doc, entities, out, lex)
    _designated_officials(text, entities, out, lex)  # after the issuer: they are not its officials
    _issuers_officials(doc, entities, out, lex, published)
    _national_titles(entities, out, lex)
    out.entities = list(entities.values())
    return out


def _tokens_of_states(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the state mention covering it: the office readers look at the
    words around a name token by token, and ask of each whether it names a state."""
    state_at: dict[int, Mention] = {}
    for m in mentions:
        if m.type == "State":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    state_at[t.i] = m
    return state_at


def _last_tokens_of_people(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index of a person's last word -> that person's mention: "Trump's special
    envoy" finds the possessor whose office it inherits by the token before "'s"."""
    person_at: dict[int, Mention] = {}
    for m in mentions:
        if m.type == "Person":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                person_at[span.end - 1] = m
    return person_at


def _attacher(entities: dict[str, Entity], out: Grouping) -> Callable[..., Entity]:
    """The one way a mention joins an entity (made on its first mention), so that the
    mention, its entity and `out.by_mention` always agree."""
    def attach(eid: str, etype: str, key: str, name: str, m: Mention, hints: dict | None = None, **props) -> Entity:
        ent = entities.get(eid)
        if ent is None:
            ent = entities[eid] = Entity(eid, etype, key, name, dict(props), hints=dict(hints or {}))
        ent.mentions.append(m)
        m.entity = eid
        out.by_mention[id(m)] = ent
        return ent
    return attach


def _people(mentions: list[Mention], names: NameIndex) -> list[Mention]:
    """The person mentions, full names first, so that a surname alone can join the
    person it shortens. A one-word name the NER took for an organisation that shortens
    a person the article names in full ("Wierzbicki announced ...") is that person.
    Fills `names` with the words of the full names."""
    people = [m for m in mentions if m.type == "Person"]
    for m in people:
        names.add_words(person_key(m.key))
    for m in mentions:
        if m.type == "Organization" and m.props.get("candidate") and names.shortens(m.key):
            m.type = "Person"
            people.append(m)
    people.sort(key=lambda m: -len(m.key.split()))
    return people


def _attach_named(mentions: list[Mention], lex: Lexicon, entities: dict[str, Entity], attach) -> None:
    """States, organisations and proposals, in the order the article names them: each is
    one entity per name (a proposal also per shorter name for it)."""
    for m in mentions:
        if m.type == "State":
            c = lex.countries.get(m.key)
            attach(f"state:{m.key}", "State", m.key, c.name if c else m.key, m, iso3=m.key,
                   qid=c.qid if c else None)
        elif m.type == "Organization":
            attach(f"org:{slug(m.props['name'])}", "Organization", m.key, m.props["name"], m,
                   hints={"candidate": m.props.get("candidate", False)}, acronym=m.props.get("acronym"),
                   kind=m.props.get("kind"), qid=m.props.get("qid"), body=m.props.get("body"))
        elif m.type == "Proposal":
            _attach_proposal(entities, m, attach)


def _attach_people(people: list[Mention], names: NameIndex, entities: dict[str, Entity], attach) -> None:
    """Each person mention joins the person its name stands for (a surname the full name
    named before it), or the organisation whose name it is part of ("Mahan" of "Mahan
    Air"), or starts a person of its own; a name two people share joins neither."""
    for m in people:
        m.key = person_key(m.key) or m.key
    for m in people:
        target = names.person(m.key)
        if target == names.AMBIGUOUS:
            continue  # "Khalid" after two Khalids: neither, and no third person
        if target is None and len(m.key.split()) == 1:
            owner = _organisation_named_by(m, entities)
            if owner is not None:
                attach(owner.id, "Organization", owner.key, owner.name, m)  # "Mahan" of "Mahan Air"
                continue
        if target is None:
            target = f"person:{slug(m.props.get('display') or m.text)}"
            names.add_person(m.key, target)
        attach(target, "Person", m.key if target not in entities else entities[target].key,
               (m.props.get("display") or m.text) if target not in entities else entities[target].name, m)


def _organisation_named_by(m: Mention, entities: dict[str, Entity]) -> Entity | None:
    """The organisation one of whose name's words a one-word person name is."""
    return next((e for e in entities.values() if e.type == "Organization" and m.key in e.key.split()), None)


def _titled_officials(doc: Doc, entities: dict[str, Entity], out: Grouping, lex: Lexicon,
                      published: date | None, text: str, state_at: dict[int, Mention],
                      person_at: dict[int, Mention]) -> None:
    """Officials: a person the text gives a title, or whom the leaders table says held an
    office at the article's date."""
    words = title_tokens(lex)
    years = named_years(text)
    for ent in [e for e in entities.values() if e.type == "Person"]:
        clue = _best_clue(doc, ent, state_at, lex, words, person_at)
        holder = _office_holder(ent, clue, lex, published, years)
        if clue.title or holder:
            _make_official(ent, clue, holder, out)


def _best_clue(doc: Doc, ent: Entity, state_at: dict[int, Mention], lex: Lexicon, words: set[str],
               person_at: dict[int, Mention]) -> OfficeClue:
    """The office clue of a person's mentions that says most: the first with a title,
    unless a later one names the state too."""
    clue = OfficeClue()
    for m in ent.mentions:
        c = office_clue(doc, m, state_at, lex, words, person_at)
        if c.title and (clue.title is None or (c.state and not clue.state)):
            clue = c
    return clue


def _office_holder(ent: Entity, clue: OfficeClue, lex: Lexicon, published: date | None,
                   years: frozenset[int]) -> Holder | None:
    """The leaders table's row for a person: the holder of the office the title names at
    the article's date, else of any office then; for a title that names no state, a past
    holder in the years the article names."""
    holder = holder_for(ent.name, lex, published, clue.office)
    if holder is None and clue.title and clue.office:
        holder = holder_for(ent.name, lex, published, None)
    if holder is None and clue.title and not clue.state and not clue.possessor \
            and fold(clue.title) not in lex.title_states:  # "Secretary of State": the title names it
        holder = past_holder_for(ent.name, lex, published, years, clue.office)
    return holder


def _make_official(ent: Entity, clue: OfficeClue, holder: Holder | None, out: Grouping) -> None:
    """Write a person as an Official: the title's role, and the state the title names,
    else (unless a former office) the one the leaders table gives."""
    ent.type = "Official"
    if holder and not clue.state and not clue.former:
        clue.state = holder.iso3
        ent.props["state_from"] = holder.table
    if holder and holder.table == "leaders table":  # a past official has no id, and its name is upper-cased
        ent.props["qid"] = holder.qid
        if len(fold(holder.name).split()) > len(fold(ent.name).split()) and len(ent.name.split()) == 1:
            ent.name = holder.name  # the text's "Lavrov" is the leaders table's Sergey Lavrov
    ent.props["role"] = clue.title
    if clue.state:
        ent.props["state"] = clue.state
    out.clues[ent.id] = clue


def _national_titles(entities: dict[str, Entity], out: Grouping, lex: Lexicon) -> None:
    """Last: an official still without a state whose title belongs to one state only
    ("Secretary of State") serves that state."""
    for ent in entities.values():
        clue = out.clues.get(ent.id)
        if ent.type == "Official" and not ent.props.get("state") and clue and clue.title and not clue.former:
            national = lex.title_states.get(fold(clue.title))
            if national:
                ent.props["state"] = national
                ent.props["state_from"] = "title"


def _repeated_surnames(doc: Doc, entities: dict[str, Entity], out: Grouping, lex: Lexicon) -> None:
    """A surname the name finder missed when it comes back alone ("Foreign Minister Lena
    Marchetti ... Marchetti met the president"): a proper noun outside every mention that
    is the last word of exactly one person's full name is that person."""
    owners: dict[str, list[Entity]] = {}
    for ent in entities.values():
        words = ent.name.split()
        if ent.type in lex.roles["person"] and len(words) > 1:
            owners.setdefault(words[-1], []).append(ent)
    if not owners:
        return
    taken = {i for ent in entities.values() for m in ent.mentions for i in range(m.start, m.end)}
    for tok in doc:
        found = owners.get(tok.text)
        if tok.pos_ != "PROPN" or not found or len(found) > 1 or tok.idx in taken:
            continue
        ent = found[0]
        m = Mention(tok.idx, tok.idx + len(tok.text), tok.text, "Person", ent.key, entity=ent.id)
        ent.mentions.append(m)
        out.by_mention[id(m)] = ent


def _release_actors(text: str, doc: Doc, entities: dict[str, Entity], out: Grouping, lex: Lexicon) -> None:
    """Who the text's own voice is: the signatories of a joint statement, else the
    issuing state of a release. One signing state ("We, the Government of Ghana, ...")
    is that release's issuer; one signing body ("We, the leaders of the G7, ...") its
    only signatory."""
    parties = joint_signatories(text, doc, entities)
    if len(parties) == 1 and parties[0].type == "State":
        out.issuer = parties[0].key
        return
    out.signatories = parties
    out.issuer = None if parties else issuer_state(text, entities, lex)


def _issuers_officials(doc: Doc, entities: dict[str, Entity], out: Grouping, lex: Lexicon,
                       published: date | None) -> None:
    """An office named without a state in a release is the issuer's (convention 3), but
    not an office under an organisation ("UN Special Adviser X") nor a president, prime
    minister or foreign minister the leaders table says is not the issuer's at the date
    ("President X" in a US release is another state's)."""
    if not out.issuer:
        return
    org_tokens = {t.i for e in entities.values() if e.type == "Organization" and not e.hints.get("candidate")
                  for m in e.mentions
                  for span in [doc.char_span(m.start, m.end, alignment_mode="expand")] if span is not None
                  for t in span}
    single = release_words().single_holder_offices
    for ent in entities.values():
        clue = out.clues.get(ent.id)
        if ent.type != "Official" or ent.props.get("state") or not clue or not clue.title or clue.former:
            continue
        if _under_organisation(doc, clue, org_tokens):
            continue
        if clue.office in single and issuer_holds_another(ent.key, out.issuer, clue.office, published, lex):
            continue
        ent.props["state"] = out.issuer
        ent.props["state_from"] = "issuer"


def _under_organisation(doc: Doc, clue: OfficeClue, org_tokens: set[int]) -> bool:
    """A title under an organisation's name ("UN Special Envoy X", "the AU's envoy X"):
    the office is the organisation's, not a state's. Not a posting ("Ambassador to the
    UN X" is a state's ambassador)."""
    if clue.span is None:
        return False
    span = doc.char_span(clue.span[0], clue.span[1], alignment_mode="expand")
    if span is None:
        return False
    before = span.start - 1
    if before >= 1 and doc[before].lower_ in ("'s", "’s"):
        before -= 1
    for k in [before, *range(span.start, span.end)]:
        if k >= 0 and k in org_tokens and (k - 1 not in org_tokens):
            j = k - 1
            while j >= 0 and doc[j].lower_ == "the":
                j -= 1
            if j < 0 or doc[j].lower_ not in SERVED_BLOCKERS:
                return True
    return False


def _attach_proposal(entities: dict[str, Entity], m: Mention, attach) -> None:
    """One entity per proposal: a later, shorter name that shares its content words
    joins the earlier one."""
    words = set(m.key.split()) - {"the", "a", "so", "called", "plan", "of", "for", "and", "to", "s"}
    for ent in entities.values():
        if ent.type != "Proposal":
            continue
        other = set(ent.key.split()) - {"the", "a", "so", "called", "plan", "of", "for", "and", "to", "s"}
        if words and other and (words <= other or other <= words or len(words & other) / len(words | other) >= 0.5):
            attach(ent.id, "Proposal", ent.key, ent.name, m)
            return
    attach(f"proposal:{slug(m.props['name'])}", "Proposal", m.key, m.props["name"], m,
           hints={"descriptive": m.props.get("descriptive", False)})


def _attach_resolution(m: Mention, lex: Lexicon, published: date | None, mentions: list[Mention], attach,
                       text: str = "") -> None:
    body, number = m.props["body"], m.props.get("number")
    stated = m.props.get("number_stated", True)
    named = _taken_up(m, mentions, text) if number is None else None
    if named is not None:
        # "the text", "the resolution" after "resolution ES-11/1": the one the article
        # named, never a catalogue neighbour nor a text of another body
        body, number, stated = named.props["body"], named.props["number"], False
    if number is None:
        number = link_resolution(body, published, {x.key for x in mentions if x.type == "State"}, lex)
        if number is None and m.props.get("vote"):
            return  # a vote we cannot tie to a resolution is not one
        if number is None:
            # one unnumbered resolution of a body per article; its number is unknown
            attach(f"resolution:{body}:unnumbered", "Resolution", f"{body}/unnumbered",
                   f"{body} resolution (unnumbered)", m, body=body, number=None, number_stated=False)
            return
    row = lex.unsc.get(str(number)) if body == "UNSC" else None
    name = row["symbol"] if row else f"{body} resolution {number}"
    attach(f"resolution:{body}:{number}", "Resolution", f"{body}/{number}", name, m, body=body,
           number=str(number), number_stated=stated, date=row["date"] if row else None,
           symbol=row["symbol"] if row else None)


def _taken_up(m: Mention, mentions: list[Mention], text: str) -> Mention | None:
    """The numbered resolution an unnumbered definite mention takes up: the last one
    named before it ("... adopted resolution ES-11/1 ... voting against the text").
    "a competing draft", "another text" are other texts."""
    words = (text[max(0, m.start - 20):m.start] + m.text).lower().split()
    det = words[-2] if len(words) >= 2 and words[-1] == m.text.lower().split()[-1] else ""
    if det not in TAKING_UP or len(m.text.split()) > 1:
        return None
    named = [x for x in mentions if x.type == "Resolution" and x.end <= m.start and x.props.get("number") is not None
             and not x.props.get("draft")]
    return max(named, key=lambda x: x.start) if named else None


TAKING_UP = ("the", "this", "that")


# A Security Council document symbol: a draft is circulated as S/2024/255 before it has a
# resolution number
DOCUMENT_SYMBOL = re.compile(r"\bS/(?:19|20)\d{2}/\d{1,4}\b")


def distinct_unnumbered(entities: list[Entity], article_id: str, doc: Doc, published: date | None = None) -> None:
    """Give each unnumbered resolution an identity of its own. Its document symbol when
    a sentence naming it gives one; else its body, the article's date and its topic
    (the states named in the sentences that name it), so that the same draft reported
    twice that day is one node and a draft on Libya and one on Ukraine are two; with no
    date, the article. Without this every unnumbered draft of every article was one
    node, and Russia's veto of one read as a veto of all of them."""
    states = [(m.start, e.key) for e in entities if e.type == "State" for m in e.mentions]
    for ent in entities:
        if ent.type != "Resolution" or ent.props.get("number") is not None:
            continue
        body = ent.props.get("body", "UN")
        sentences = [doc.char_span(m.start, m.end, alignment_mode="expand").sent for m in ent.mentions]
        spans = [(s.start_char, s.end_char) for s in sentences]
        symbol = next((found.group(0) for s in sentences for found in [DOCUMENT_SYMBOL.search(s.text)] if found), None)
        if symbol:
            ent.key, ent.name = f"{body}/{symbol}", f"draft {symbol}"
            ent.props["symbol"] = symbol
        elif published is None:
            ent.key = f"{body}/unnumbered-{article_id[:12]}"
        else:
            topic = sorted({iso for at, iso in states if any(a <= at < b for a, b in spans)})
            ent.key = f"{body}/unnumbered-{published.isoformat()}-{'-'.join(topic) or article_id[:12]}"
            ent.name = f"{body} resolution (unnumbered, {published.isoformat()}" + (
                f", {', '.join(topic)})" if topic else ")")


def link_resolution(body: str, published: date | None, states: set[str], lex: Lexicon) -> str | None:
    """The catalogue resolution an unnumbered mention most likely means: adopted by that
    body within six weeks before the article, about a state the article names; the most
    recent wins."""
    if published is None:
        return None
    rows = ([(date.fromisoformat(r["date"]), r) for r in lex.ga_resolutions] if body == "UNGA"
            else lex.unsc_by_date)
    best = None
    for when, row in rows:
        if when is None or not (published - timedelta(days=45) <= when <= published):
            continue
        if states & set(row.get("territories") or []):
            if best is None or when >= best[0]:
                best = (when, row)
    return best[1]["number"] if best else None
