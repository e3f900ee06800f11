"""Finding mentions: where the text names a state, organisation, person, resolution or
proposal. Each finder does one job and returns `Mention`s; none of them decides what
the article's entities are (that is `entities.py`), so finding stays apart from writing.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from datetime import date

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .holders import leader_state
from .lexicon import Holder, Lexicon, fold
from .types import Mention

Finder = Callable[["Context"], list[Mention]]
FINDERS: dict[str, Finder] = {}

def finder(name: str) -> Callable[[Finder], Finder]:
    def register(fn: Finder) -> Finder:
        FINDERS[name] = fn
        return fn
    return register


INITIAL = r"^[A-Z]\.$"


class HolderMatcher:
    """Office holders' names of two tokens or more, also with a middle initial the table
    does not give ("Antony Blinken" as "Antony J. Blinken"); matches as a spaCy matcher
    gives them, (name's index, start, end).

    One token pattern per name with an optional initial made spaCy's `Matcher` try all
    726 names at every token (two thirds of our extraction time). Here a
    `PhraseMatcher` finds the names as written, and a handful of patterns find the
    spans around an initial, which are kept when they are a name without it."""

    def __init__(self, nlp, names: list[str]):
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.index: dict[tuple[str, ...], str] = {}
        for i, name in enumerate(names):
            doc = nlp.make_doc(name)
            toks = tuple(t.text for t in doc)
            if len(toks) >= 2 and toks not in self.index:
                self.index[toks] = str(i)
                self.phrases.add(str(i), [doc])
        self.around_initial = Matcher(nlp.vocab)
        for rest in range(1, max((len(t) for t in self.index), default=1)):
            self.around_initial.add(str(rest), [[{}, {"TEXT": {"REGEX": INITIAL}}] + [{}] * rest])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = list(self.phrases(doc))
        for _, start, end in self.around_initial(doc):
            name = self.index.get((doc[start].text,) + tuple(t.text for t in doc[start + 2:end]))
            if name is not None:
                found.append((doc.vocab.strings[name], start, end))
        return sorted(found, key=lambda m: (m[1], m[2]))


@dataclass
class Matchers:
    """Phrase matchers compiled from the lexicon, once per spaCy vocabulary."""
    states: PhraseMatcher
    demonyms: PhraseMatcher
    orgs: PhraseMatcher
    holders: HolderMatcher
    proposals: PhraseMatcher


def build_matchers(nlp, lex: Lexicon) -> Matchers:
    def phrase(forms: dict[str, str], attr: str = "ORTH") -> PhraseMatcher:
        m = PhraseMatcher(nlp.vocab, attr=attr)
        by_label: dict[str, list] = {}
        for form, label in forms.items():
            by_label.setdefault(label, []).append(nlp.make_doc(form))
            if "'" in form:  # typeset text writes People’s, not People's
                by_label[label].append(nlp.make_doc(form.replace("'", "’")))
        for label, docs in by_label.items():
            m.add(label, docs)
        return m

    return Matchers(
        states=phrase(lex.state_names),
        demonyms=phrase(lex.demonyms),
        orgs=phrase({form: org.name for form, org in lex.orgs.items()}),
        holders=HolderMatcher(nlp, [h.name for h in lex.holders]),
        proposals=phrase(lex.proposals, attr="LOWER"),
    )


@dataclass
class Context:
    """What the finders share for one article."""
    doc: Doc
    text: str
    lex: Lexicon
    matchers: Matchers
    published: date | None

    def matches(self, matcher) -> list[tuple[str, Span]]:
        vocab = self.doc.vocab
        return [(vocab.strings[mid], self.doc[s:e]) for mid, s, e in matcher(self.doc)]

    @cached_property
    def state_hits(self) -> list[tuple[int, int, str]]:
        """Every state name and demonym in the article, matched once: (start, end, iso3)
        by token, names first."""
        vocab = self.doc.vocab
        return [(s, e, vocab.strings[mid]) for matcher in (self.matchers.states, self.matchers.demonyms)
                for mid, s, e in matcher(self.doc)]

    @cached_property
    def org_hits(self) -> list[tuple[str, Span]]:
        """Every gazetteer organisation name in the article, matched once."""
        return self.matches(self.matchers.orgs)

    @cached_property
    def people(self) -> list[Span]:
        return person_spans(self.doc)

    @cached_property
    def _people_index(self) -> tuple[list[int], list[int]]:
        """The people's starts in order, and the furthest end among those up to each."""
        ordered = sorted(self.people, key=lambda p: p.start)
        ends = list(itertools.accumulate((p.end for p in ordered), max))
        return [p.start for p in ordered], ends

    def inside_longer_person(self, span: Span) -> bool:
        """Whether a longer person's name contains the span ("Paris" in "Paris Hilton"),
        by two binary searches (asked per state name, a scan of every person grew with
        the square of the article): such a name starts at or before the span and ends
        after it, or starts before it and ends with or after it."""
        starts, ends = self._people_index
        at_or_before = bisect.bisect_right(starts, span.start)
        before = bisect.bisect_left(starts, span.start)
        return (at_or_before > 0 and ends[at_or_before - 1] > span.end) or (before > 0 and ends[before - 1] >= span.end)

    @cached_property
    def _state_index(self) -> tuple[list[int], list[int]]:
        """The state hits' positions in `state_hits`, in order of start, and the starts."""
        order = sorted(range(len(self.state_hits)), key=lambda k: self.state_hits[k][0])
        return [self.state_hits[k][0] for k in order], order

    def state_inside(self, span: Span) -> str | None:
        """The first state hit (in `state_hits` order) wholly inside the span, found among
        the hits that start inside it (a scan of every hit per span grew with the square
        of the article)."""
        starts, order = self._state_index
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        inside = [k for k in order[lo:hi] if self.state_hits[k][1] <= span.end]
        return self.state_hits[min(inside)][2] if inside else None


def person_spans(doc: Doc) -> list[Span]:
    return [_completed(e, doc) for e in doc.ents if e.label_ == "PERSON"]


def _completed(ent: Span, doc: Doc) -> Span:
    """The name a PERSON span stands for: without a possessive the NER took in ("Burkina
    Faso's", which would hide the state inside it), and a one-word PERSON span the NER cut before the name's last word ("Ali" of "Ali
    Sha’ath"): the parser still makes it a compound of that word, a proper noun outside
    any entity. (Longer spans are whole names: a title-case heading would otherwise add
    its next word, "Biden Jr. Call".)"""
    if len(ent) > 1 and ent[-1].lower_ in ("'s", "’s"):
        return doc[ent.start:ent.end - 1]
    if len(ent) == 1 and ent.end < len(doc):
        nxt = doc[ent.end]
        if (ent[-1].dep_ == "compound" and ent[-1].head.i == nxt.i and nxt.pos_ == "PROPN"
                and nxt.text[:1].isupper() and not nxt.ent_type_):
            return doc[ent.start:ent.end + 1]
    return ent


@finder("states")
def find_states(ctx: Context) -> list[Mention]:
    out = []
    for iso3, span in ctx.matches(ctx.matchers.states):
        if ctx.inside_longer_person(span):
            continue
        if span.text in ctx.lex.weak_capitals and not _capital_as_actor(span):
            continue
        if _names_something_else(ctx, span, iso3):
            continue
        out.append(Mention(span.start_char, span.end_char, span.text, "State", iso3,
                           {"form": "name"}))
    demonyms = ctx.matches(ctx.matchers.demonyms)
    starts, ends = {span.start for _, span in demonyms}, {span.end for _, span in demonyms}
    for iso3, span in demonyms:
        if ctx.inside_longer_person(span):
            continue
        if span.end in starts or span.start in ends:
            continue  # "Greek Cypriot voters", "Turkish Cypriot leaders": a community, not a state
        out.append(Mention(span.start_char, span.end_char, span.text, "State", iso3,
                           {"form": "demonym"}))
    return out


def _names_something_else(ctx: Context, span: Span, iso3: str) -> bool:
    """A state's body named by one word that heads another name ("the Congress of
    Vienna", "the Pentagon of ..."): not the state's own body."""
    country = ctx.lex.countries.get(iso3)
    doc = span.doc
    return len(span) == 1 and country is not None and span.text != country.name and span.end + 1 < len(doc) \
        and doc[span.end].lower_ == "of" and doc[span.end + 1].text[:1].isupper()


@finder("leader_governments")
def find_leader_governments(ctx: Context) -> list[Mention]:
    """"The Carter administration", "the Thatcher government": a government named by
    its leader's surname stands for the state (guidelines, convention 12), when the
    leaders tables tie that surname to one state."""
    doc, out = ctx.doc, []
    heads = [t for t in doc[1:] if t.lower_ in ctx.lex.seat_heads and doc[t.i - 1].pos_ == "PROPN"
             and doc[t.i - 1].text[:1].isupper()]
    taken = {i for s, e, _ in ctx.state_hits for i in range(s, e)} if heads else set()
    for tok in heads:
        name = doc[tok.i - 1]
        if name.i in taken:
            continue
        iso3 = leader_state(name.text, ctx.lex)
        if iso3:
            out.append(Mention(name.idx, tok.idx + len(tok), doc[name.i:tok.i + 1].text, "State", iso3,
                               {"form": "leader's government"}))
    return out


def _capital_as_actor(span: Span) -> bool:
    """A capital that is also a common place name counts only as an actor or possessor."""
    tok = span.root
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "pobj", "dobj", "conj", "appos"):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.text in ("'s", "’s")


@finder("organizations")
def find_organizations(ctx: Context) -> list[Mention]:
    out = []
    for name, span in ctx.org_hits:
        if len(span) == 1 and len(span.text) <= 3 and not span.text.replace(".", "").isupper():
            continue
        org = ctx.lex.orgs[span.text] if span.text in ctx.lex.orgs else None
        canon = org or next(o for o in ctx.lex.orgs.values() if o.name == name)
        if canon.body and _a_states_own(ctx, span):
            continue  # "Turkey's National Security Council": not the UN's
        out.append(Mention(span.start_char, span.end_char, span.text, "Organization",
                           fold(canon.name), asdict(canon)))
    return out


def _a_states_own(ctx: Context, span: Span) -> bool:
    """Whether a UN organ's short name is the tail of a state's own body: a capitalised
    word before it that is not the start of the sentence ("National Security Council"),
    or a state's name, possessive or demonym ("Turkey's Security Council", "the Russian
    Security Council")."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text in ("'s", "’s") and span.start >= 2:
        before = span.doc[span.start - 2]
    if any(s <= before.i < e for s, e, _ in ctx.state_hits):
        return True
    return before.text[:1].isupper() and before.text.isalpha() and not before.is_sent_start \
        and before.lower_ not in ("the", "un")  # ("U.S.-drafted Security Council resolution": the UN's)


BARE_COUNCIL = re.compile(r"\b[Tt]he Council\b(?!\s+(?:of|for|on)\s+[A-Z])(?!['’]s\s+[A-Z])")


@finder("bare_council")
def find_bare_council(ctx: Context) -> list[Mention]:
    """"The Council" alone: the council the text named last before it ("the Human
    Rights Council ... the Council"), else, as UN meetings coverage writes it, the
    Security Council."""
    councils = sorted((span.start_char, span.end_char, name) for name, span in ctx.matches(ctx.matchers.orgs)
                      if "Council" in name)
    out = []
    for m in BARE_COUNCIL.finditer(ctx.text):
        start = m.start() + len("the ")
        if any(s <= start < e for s, e, _ in councils):
            continue  # inside a longer name the gazetteer found
        before = [name for s, _, name in councils if s < start]
        name = before[-1] if before else "United Nations Security Council"
        org = next(o for o in ctx.lex.orgs.values() if o.name == name)
        out.append(Mention(start, m.end(), ctx.text[start:m.end()], "Organization", fold(org.name),
                           asdict(org)))
    return out


@finder("named_orgs")
def find_named_orgs(ctx: Context) -> list[Mention]:
    """Organisations the statistical NER sees and no gazetteer knows: a company or bank
    that may be a sanctions target. Kept later only if a relation uses them. A name that
    carries a state and a government-body word ("the Federal Aviation Office of Germany")
    is that state's body, and so stands for the state."""
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ("ORG", "NORP", "FAC"):
            continue
        span = _trim(ent)
        if span is None:
            continue
        if any(span.start <= hit.start and hit.end <= span.end for _, hit in ctx.org_hits):
            continue  # "the Sudanese Rapid Support Forces": the gazetteer's armed group, not a body
        words = {t.lower_ for t in span}
        state = _state_inside(ctx, span)
        if state and words & ctx.lex.body_words:
            out.append(Mention(span.start_char, span.end_char, span.text, "State", state,
                               {"form": "body"}))
            continue
        if ent.label_ != "ORG" or state and len(span) <= 2 or fold(span.text) in ctx.lex.titles:
            continue
        if words & ctx.lex.body_words or not span.text[:1].isupper() or len(span.text) < 3:
            continue  # "the Treasury", "Defense Forces": a body whose state the name does not say
        if len(span) == 1 and fold(span.text) in ctx.lex.holders_by_surname:
            out.append(Mention(span.start_char, span.end_char, span.text, "Person", fold(span.text), {}))
            continue
        person = _titled_name(span, ctx.lex)
        if person is not None:  # "Kazakh President Kassym-Jomart Tokayev" read as one organisation
            out.append(Mention(person.start_char, person.end_char, person.text, "Person", fold(person.text), {}))
            continue
        out.append(Mention(span.start_char, span.end_char, span.text, "Organization",
                           fold(span.text), {"name": span.text, "kind": "company", "candidate": True}))
    return out


def _titled_name(span: Span, lex: Lexicon) -> Span | None:
    """The name after a title inside a span the NER took for an organisation: the last
    title word, then only capitalised words (and hyphens) to the end; or the whole span
    when a capitalised title stands right before it ("President [Kassym-Jomart Tokayev]")."""
    doc = span.doc
    titled = [t.i for t in doc[max(span.start - 1, 0):span.end] if t.lower_ in lex.title_heads and t.text[:1].isupper()]
    if not titled or titled[-1] + 1 >= span.end:
        return None
    name = doc[max(titled[-1] + 1, span.start):span.end]
    if not all(t.text[:1].isupper() or t.text == "-" for t in name):
        return None
    return name


def _state_inside(ctx: Context, span: Span) -> str | None:
    return ctx.state_inside(span)


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if end > start else None


@finder("people")
def find_people(ctx: Context) -> list[Mention]:
    """Named people: the statistical NER's PERSON spans and names from the leaders table."""
    out = []
    honor = {fold(h) for h in ctx.lex.honorifics}
    for ent in ctx.people:
        span = _strip_person(ent, ctx.lex, honor)
        if span is None:
            continue
        out.append(Mention(span.start_char, span.end_char, span.text, "Person",
                           fold(span.text), {}))
    for _, span in ctx.matches(ctx.matchers.holders):
        out.append(Mention(span.start_char, span.end_char, span.text, "Person", fold(span.text),
                           {"holder": True}))
    for m in BYLINE.finditer(ctx.text):
        name = m.group("name")
        out.append(Mention(m.start("name"), m.end("name"), name, "Person", fold(name), {}))
    return out


# "The following statement is attributable to Spokesperson Ned Price:" the release's
# author, whom the statistical NER often misses between a title and a colon
BYLINE = re.compile(r"\battributable to (?:the )?(?:[A-Z][\w.-]*\s+){1,4}?"
                    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+)+)(?=\s*[:,.])")


def _strip_person(ent: Span, lex: Lexicon, honor: set[str]) -> Span | None:
    """The name inside a PERSON span: without the titles ("Crown Prince", "State
    Counsellor"), honorifics, demonyms and state names the NER took in before it."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end:
        title = next((n for n in (3, 2, 1) if start + n < end and fold(doc[start:start + n].text) in lex.titles), 0)
        if title:
            start += title
        elif fold(doc[start].text) in honor or doc[start].text in lex.demonyms or \
                doc[start].text in lex.state_names and not _given_name(doc, start, end, lex) \
                or not doc[start].text[:1].isupper():
            start += 1
        else:
            break
    while end > start and (doc[end - 1].text in ("'s", "’s", ",", ".") or not doc[end - 1].text[:1].isalpha()):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    if not any(t.text[:1].isupper() for t in span) or span.text in lex.state_names or span.text in lex.orgs:
        return None
    return span


def _given_name(doc: Doc, i: int, end: int, lex: Lexicon) -> bool:
    """"Sofia Herrera", "Victoria Nuland": a capital's name before another capitalised
    word of the same name, not a title, is a given name, not the state."""
    return doc[i].text in lex.capitals and i + 1 < end and doc[i + 1].text[:1].isupper() \
        and fold(doc[i + 1].text) not in lex.titles and doc[i + 1].text not in lex.state_names


@finder("roles")
def find_role_only(ctx: Context) -> list[Mention]:
    """A role without a name ("the Russian president", "Iran's foreign minister") is the
    person who held that office at the article's date, by the leaders table."""
    if ctx.published is None:
        return []
    doc, out = ctx.doc, []
    persons = [e.start for e in doc.ents if e.label_ == "PERSON"]  # once: `doc.ents` is built anew each time
    for iso3, span in ctx.matches(ctx.matchers.states) + ctx.matches(ctx.matchers.demonyms):
        found = _title_after(doc, span, ctx.lex)
        if found is None:
            continue
        j, k, office = found
        if _not_a_bare_role(doc, span, k, persons):
            continue
        holder = _holder_in_office(ctx.lex, iso3, office, ctx.published)
        if holder is None:
            continue
        role = doc[j:k]
        out.append(Mention(role.start_char, role.end_char, role.text, "Person", fold(holder.name),
                           {"display": holder.name, "role_only": True}))
    return out


def _title_after(doc: Doc, span: Span, lex: Lexicon) -> tuple[int, int, str] | None:
    """The longest title of at most three words right after a state or demonym (a "'s"
    between them skipped): its first token, the token after it and its office."""
    j = span.end
    if j < len(doc) and doc[j].text in ("'s", "’s"):
        j += 1
    best = None
    for k in range(j + 1, min(j + 4, len(doc)) + 1):
        office = lex.titles.get(fold(doc[j:k].text))
        if office:
            best = (j, k, office)
    return best


def _not_a_bare_role(doc: Doc, span: Span, k: int, persons: list[int]) -> bool:
    """Whether a state's title ending before token `k` is not the role alone: a former
    holder's, or a name's, written after it or before it."""
    if span.start > 0 and doc[span.start - 1].lower_ in ("former", "ex", "then", "late", "previous"):
        return True  # a former holder is not the one in office at the article's date
    return _name_follows(doc, span, k, persons) or _titles_name_before(doc, span, k)


def _name_follows(doc: Doc, span: Span, k: int, persons: list[int]) -> bool:
    """Whether a name follows the title ending before token `k`: the named-person finder
    reads it, with the title."""
    after = doc[k:min(k + 8, span.sent.end)]
    at = bisect.bisect_left(persons, k)
    named = at < len(persons) and persons[at] < k + 8
    if named and not any(t.pos_ in ("VERB", "AUX") or t.text in (".", ";") for t in after[:1]):
        return True  # "US Ambassador to Germany Richard Grenell": a name follows the longer title
    return k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].text[:1].isupper())


def _titles_name_before(doc: Doc, span: Span, k: int) -> bool:
    """Whether the title names the person before it ("met Begin, the Israeli prime
    minister")."""
    title_head = doc[k - 1]
    before = doc[max(0, span.start - 3):span.start]
    return (title_head.dep_ == "appos" and title_head.head.pos_ == "PROPN") or (
        len(before) == 3 and before[1].text == "," and before[2].lower_ == "the" and before[0].pos_ == "PROPN")


def _holder_in_office(lex: Lexicon, iso3: str, office: str, when: date) -> Holder | None:
    """The leaders table's holder of a state's office on a date, if it has one."""
    return next((h for h in lex.holders if h.iso3 == iso3 and h.office == office
                 and h.start and h.start <= when and (h.end is None or when <= h.end)), None)


RES_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})\s*\((\d{4})\)")
RES_NUMBERED = re.compile(
    r"\b(?P<lead>(?:(?:UN|U\.N\.|United Nations|UNSC|Security Council|General Assembly|IAEA|Human Rights Council)\s+)*)"
    r"[Rr]esolutions?\s+(?:No\.?\s*|number\s+)?(?P<nums>\d{2,4}(?:\s*\(\d{4}\))?(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)\d{2,4}(?:\s*\(\d{4}\))?)*)")
RES_INITIALISM = re.compile(r"\bUNSCRs?\s*(?P<nums>\d{2,4}(?:(?:\s*,\s*|\s+and\s+)\d{2,4})*)")  # "UNSCR 2397"
RES_GA = re.compile(r"\b(?:A/RES/)?(ES-\d{1,2}/\d{1,3})\b|\bA/RES/(\d{2}/\d{1,3})\b")
RES_DRAFT = re.compile(r"\bS/(\d{4})/(\d{1,4})\b")
RES_UNNUMBERED = re.compile(
    r"\b(?:(?i:the|this|that|a|an|its|their|today's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s+"
    r"|(?<=[a-z.]['’]s\s)"  # "Russia's rival draft": a possessor before it
    r"|(?=(?:UN|U\.N\.|United Nations|Security Council|UNSC|General Assembly)\s))"
    r"(?P<quals>(?:(?:new|latest|fresh|draft|rival|competing|binding|non-binding|nonbinding|vetoed|failed|proposed|"
    r"humanitarian|ceasefire|landmark|compromise|revised|amended|joint|separate|original|final|watered-down|"
    r"UN|U\.N\.|United Nations|Security Council|UNSC|"
    r"General Assembly|IAEA|OAS|sanctions|[A-Z][\w.]*-(?:drafted|sponsored|backed|led|authored|proposed)|[A-Z][a-z]+)\s+)*)"
    r"(?P<head>resolution\b(?!s)(?!\s+(?:S/|A/|ES-|\d|No\.|number))|draft\b(?!\s+(?:resolution|law|bill|constitution|text|of\b))"
    r"|text\b(?!\s+(?:message|of\b)))")
RES_VOTE = re.compile(
    r"\b(?P<vote>vote)\b[^.;]{0,60}?\bin the (?:UN |U\.N\. |United Nations )?(?P<body>General Assembly|Security Council)"
    r"|\b(?P<vote2>vote)\b[^.;]{0,30}?\bin the (?P<body2>General Assembly|Security Council) of the United Nations"
    r"|\b(?P<body3>General Assembly|Security Council)(?:'s|’s)? (?P<vote3>vote)\b")
UN_WORDS = re.compile(r"Security Council|\bUN\b|U\.N\.|United Nations|General Assembly|\bCouncil\b|\bIAEA\b|\bOAS\b"
                      r"|\bpenholders?\b")
VOTE_WORDS = re.compile(r"\b(?:veto|vetoe?d|vetoes|votes?|voted|voting|abstain\w*|(?:co-?)?sponsor(?:ed|s)?|tabled|"
                        r"failed to pass|passed (?:by |unanimously|\d{1,3}-\d{1,3})|\d{1,3}-\d{1,3} (?:vote|with))\b", re.I)
# what else makes "the draft" a resolution
DRAFT_ACTS = re.compile(r"\b(?:tabled|adopt\w*|Council|circulated|penholders?)\b")
# what makes "the text" a resolution besides a vote on it: being drafted or circulated, or the Council's
TEXT_DRAFTED = re.compile(r"\b(?:prepared|drafted|circulated|authored|penned|put forward|Council text|Assembly text)\b")


def unnumbered_body(quals: str, near: str) -> str:
    """The body of a resolution the text names without a number, from the words before
    it, else from the words around it: the Security Council unless another is named."""
    for words, body in (("General Assembly", "UNGA"), ("IAEA", "IAEA"), ("OAS", "OAS"),
                        ("Human Rights Council", "HRC")):
        if words in quals:
            return body
    for words, body in (("International Atomic Energy Agency", "IAEA"), ("IAEA", "IAEA"),
                        ("Organization of American States", "OAS"), ("Human Rights Council", "HRC")):
        if words in near and "Security Council" not in near:
            return body
    return "UNGA" if "General Assembly" in near and "Security Council" not in near else "UNSC"


BODY_BY_LEAD = [("General Assembly", "UNGA"), ("Human Rights Council", "HRC"), ("IAEA", "IAEA")]


@finder("resolutions")
def find_resolutions(ctx: Context) -> list[Mention]:
    """The resolutions an article names: by symbol ("S/RES/2397 (2017)", "ES-11/1", a
    draft's "S/2024/255"), by number ("resolution 2231"), by initialism ("UNSCR 2397"),
    as a vote in a body, and without a number ("the draft resolution") where the words
    around make it one. The forms are read from the surest to the least sure, and a
    span an earlier form took is not read again."""
    found = _ResolutionMentions(ctx.text)
    _resolutions_by_symbol(ctx.text, found)
    _resolutions_by_number(ctx, found)
    _resolutions_by_initialism(ctx, found)
    _resolutions_voted(ctx.text, found)
    _resolutions_unnumbered(ctx.text, found)
    return found.out


class _ResolutionMentions:
    """The resolution mentions of an article, none overlapping another: the first form
    to read a span keeps it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Mention] = []
        self.taken: list[tuple[int, int]] = []

    def add(self, start: int, end: int, body: str, number: str | None, stated: bool = True,
            extra: dict | None = None) -> None:
        """Keep a resolution mention unless a surer form read part of its span first."""
        if any(s < end and start < e for s, e in self.taken):
            return
        self.taken.append((start, end))
        props = {"body": body, "number": number, "number_stated": stated}
        props.update(extra or {})
        self.out.append(Mention(start, end, self.text[start:end], "Resolution", f"{body}/{number}", props))


def _resolutions_by_symbol(text: str, found: _ResolutionMentions) -> None:
    """"S/RES/2397 (2017)", "A/RES/ES-11/1" and a draft's "S/2024/255"."""
    for m in RES_SYMBOL.finditer(text):
        found.add(m.start(), m.end(), "UNSC", m.group(1))
    for m in RES_GA.finditer(text):
        found.add(m.start(), m.end(), "UNGA", m.group(1) or m.group(2))
    for m in RES_DRAFT.finditer(text):
        found.add(m.start(), m.end(), "UNSC", f"S/{m.group(1)}/{m.group(2)}", extra={"draft": True})


def _resolutions_by_number(ctx: Context, found: _ResolutionMentions) -> None:
    """"resolution 2231", "resolutions 1737 and 1747": one mention per number, of the body
    named before it (the Security Council's only when its catalogue has the number)."""
    text = ctx.text
    for m in RES_NUMBERED.finditer(text):
        lead = m.group("lead") or ""
        window = text[max(0, m.start() - 60):m.start()] + lead
        body = next((b for k, b in BODY_BY_LEAD if k in window), "UNSC")
        for n in re.finditer(r"\d{2,4}(?:\s*\(\d{4}\))?", m.group("nums")):
            number = re.match(r"\d+", n.group()).group()
            if body == "UNSC" and number not in ctx.lex.unsc:
                continue
            s = m.start("nums") + n.start()
            word = m.start() + len(lead)  # "resolution": the body named before it keeps its own mention
            found.add(word if n.start() == 0 else s, m.start("nums") + n.end(), body, number)


def _resolutions_by_initialism(ctx: Context, found: _ResolutionMentions) -> None:
    """"UNSCR 2397", "UNSCRs 2270 and 2321": numbers the Security Council's catalogue has."""
    for m in RES_INITIALISM.finditer(ctx.text):
        for n in re.finditer(r"\d{2,4}", m.group("nums")):
            if n.group() in ctx.lex.unsc:
                s = m.start("nums") + n.start()
                found.add(m.start() if n.start() == 0 else s, s + len(n.group()), "UNSC", n.group())


def _resolutions_voted(text: str, found: _ResolutionMentions) -> None:
    """"the vote today in the General Assembly to suspend Russia": that day's resolution."""
    for m in RES_VOTE.finditer(text):
        word = next(w for w in ("vote", "vote2", "vote3") if m.group(w))
        body = "UNGA" if "General Assembly" in (m.group("body") or m.group("body2") or m.group("body3")) else "UNSC"
        found.add(m.start(word), m.end(word), body, None, stated=False, extra={"unnumbered": True, "vote": True})


def _resolutions_unnumbered(text: str, found: _ResolutionMentions) -> None:
    """"the draft resolution", "the text": a resolution without a number where the words
    around speak of the UN or of a vote."""
    for m in RES_UNNUMBERED.finditer(text):
        near = text[max(0, m.start() - 150):m.end() + 150]
        if _unnumbered_is_resolution(m, text, near):
            body = unnumbered_body(m.group("quals") or "", near)
            found.add(m.start("head"), m.end("head"), body, None, stated=False, extra={"unnumbered": True})


def _unnumbered_is_resolution(m: re.Match, text: str, near: str) -> bool:
    """Whether an unnumbered "resolution" / "draft" / "text" is a resolution: the UN or a
    vote is near (`near` holds the qualifiers too); a draft is also voted on, tabled or
    adopted; a text is voted on or drafted close by."""
    if not (UN_WORDS.search(near) or VOTE_WORDS.search(near)):
        return False
    if m.group("head") == "draft" and not (VOTE_WORDS.search(near) or DRAFT_ACTS.search(near)):
        return False  # a draft of something else
    close = text[max(0, m.start() - 80):m.end() + 80]
    if m.group("head") == "text" and not (VOTE_WORDS.search(close) or TEXT_DRAFTED.search(close)):
        return False  # "the text" is a resolution only where it is voted on or drafted
    return True


QUOTED_PLAN = re.compile(
    r"(?:so-called\s+)?[\"“]([^\"”]{3,60})[\"”]\s+(plan|initiative|proposal|formula|roadmap|framework|deal|agreement|mechanism|approach|scheme|proposals)\b")
CAPS_PLAN = re.compile(
    r"\b((?:[A-Z][\w’'\-–]*\s+)(?:(?:of|for|on|to|the|and|in|[A-Z][\w’'\-–]*)\s+)*?"
    r"(?:Plan|Initiative|Agreement|Agreements|Accords?|Roadmap|Road Map|Framework|Formula|Deal|Treaty|Protocol|Declaration|Process|Mechanism|Pact|Compact|Principles)"
    r"(?:\s+(?:to|for|on|of)\s+(?:the\s+)?(?:[A-Z][\w’'\-–]*)(?:\s+(?:of|the|and|[A-Z][\w’'\-–]*))*(?<![\s,]))?)")
CAPS_STOP = {"The", "A", "An", "This", "That", "In", "On", "Under", "President", "Secretary", "Statement",
             "FACT", "SHEET", "Readout", "His", "Her", "Their", "Our", "Its"}


@finder("proposals")
def find_proposals(ctx: Context) -> list[Mention]:
    text, lex, out = ctx.text, ctx.lex, []
    for name, span in ctx.matches(ctx.matchers.proposals):
        out.append(Mention(span.start_char, span.end_char, span.text, "Proposal", fold(name),
                           {"name": name}))
    for m in QUOTED_PLAN.finditer(text):
        name = m.group(1).strip()
        out.append(Mention(m.start(), m.end(), m.group(0), "Proposal", fold(name), {"name": name}))
    for m in CAPS_PLAN.finditer(text):
        phrase = m.group(1)
        words = phrase.split()
        while words and (words[0] in CAPS_STOP or fold(words[0]) in lex.titles or words[0].endswith(("’s", "'s"))):
            words = words[1:]
        start = m.start(1) + phrase.index(words[0]) if words else m.start(1)
        words, start = _after_headline_verbs(ctx, words, start)
        if len(words) < 2:
            continue
        name = " ".join(words)
        out.append(Mention(start, start + len(name), name, "Proposal", fold(name), {"name": name}))
    out.extend(_chunk_proposals(ctx))
    return out


CAPS_HEADS = {"Plan", "Initiative", "Agreement", "Agreements", "Accord", "Accords", "Roadmap", "Map", "Framework",
              "Formula", "Deal", "Treaty", "Protocol", "Declaration", "Process", "Mechanism", "Pact", "Compact",
              "Principles"}


def _after_headline_verbs(ctx: Context, words: list[str], start: int) -> tuple[list[str], int]:
    """A headline in title case runs a sentence into the name ("Lavrov's Meeting With
    Wang Yi Ends Without Deal"): before the plan's head word, keep only what follows the
    last verb or capitalised preposition."""
    head = next((i for i, w in enumerate(words) if w in CAPS_HEADS), len(words))
    offset, cut = start, 0
    for i, w in enumerate(words[:head]):
        tok = ctx.doc.char_span(offset, offset + len(w), alignment_mode="expand")
        if tok is not None and tok.root.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and w[:1].isupper():
            cut = i + 1
        offset = ctx.text.find(words[i + 1], offset + len(w)) if i + 1 < len(words) else offset
    if cut == 0:
        return words, start
    kept = words[cut:]
    return kept, (ctx.text.find(kept[0], start) if kept else start)


def _chunk_proposals(ctx: Context) -> list[Mention]:
    """Lower-case proposals named by what they are about: a noun phrase headed by
    agreement / deal / treaty / plan ... that a state name, demonym or organisation
    modifies, or that a `with` / `between` phrase ties to states ("a nuclear treaty with
    Iran", "the Turkish-Libyan maritime border agreement", "the EU plan"), or whose
    modifier says what kind of settlement it is ("the ceasefire proposal", "a
    twelve-point peace plan", "the two-state solution")."""
    out = []
    heads = {h.lower() for h in ctx.lex.proposal_heads}
    for chunk in ctx.doc.noun_chunks:
        span = _proposal_in_chunk(ctx, chunk, heads)
        if span is not None:
            out.append(Mention(span.start_char, span.end_char, span.text, "Proposal", fold(span.text),
                               {"name": span.text, "descriptive": True}))
    return out


def _proposal_in_chunk(ctx: Context, chunk: Span, heads: set[str]) -> Span | None:
    """The words of a noun chunk that name a proposal, or None when it names none: its
    head must be a proposal's, and something must say whose or what kind it is."""
    lex, root = ctx.lex, chunk.root
    lemma = _proposal_head(root, heads, lex)
    if lemma is None:
        return None
    start, owner = _after_possessor(ctx, chunk)
    mods = [t for t in ctx.doc[start:root.i] if t.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod")]
    state_mod = any(_names_actors(t.text, lex) for t in mods)
    kind_mod = lemma in lex.proposal_kind_heads and _names_a_kind(ctx.doc[start:root.i].text, lex)
    tail_end, with_state = _with_states(root, chunk.end, lex)
    if lemma not in heads and not kind_mod:
        return None
    if not (state_mod or with_state or owner) and _demonstrative(chunk):
        return None  # "this transitional framework": a plan named before, not a new one
    if not (state_mod or with_state or kind_mod or owner) or len(mods) == 0 and not with_state:
        return None
    return _trimmed_proposal(ctx.doc, start, root.i, tail_end)


def _demonstrative(chunk: Span) -> bool:
    """Whether a noun chunk points back ("this framework", "those plans")."""
    return any(t.dep_ == "det" and t.lower_ in ("this", "that", "these", "those") for t in chunk)


def _proposal_head(root: Token, heads: set[str], lex: Lexicon) -> str | None:
    """The lower-case head word of a proposal ("plan", "road map"), or None: a
    capitalised head is a named proposal, the other finders' to read."""
    lemma = root.lemma_.lower()
    if lemma not in heads and lemma not in lex.proposal_kind_heads or root.text[:1].isupper():
        return None
    if lemma == "map":
        return "road map" if any(c.lower_ == "road" for c in root.children) else None
    return lemma


def _after_possessor(ctx: Context, chunk: Span) -> tuple[int, bool]:
    """Where a proposal's name starts after the possessor of its head ("the African
    Union's road map"), and whether that possessor is an actor that owns it."""
    start, owner = chunk.start, False
    for t in chunk:
        if t.dep_ == "poss" and t.head.i == chunk.root.i:
            start = max(start, max(k.i for k in t.subtree) + 1)
            owner = _names_an_actor(ctx.doc[t.left_edge.i:t.i + 1].text.removeprefix("the "), ctx.lex)
    return start, owner


def _names_actors(word: str, lex: Lexicon) -> bool:
    """An actor, or states joined by a dash ("Turkish-Libyan"), in one modifier word."""
    return _names_an_actor(word, lex) or any(p in lex.demonyms or p in lex.state_names
                                             for p in re.split(r"[-–]", word))


def _with_states(root: Token, end: int, lex: Lexicon) -> tuple[int, bool]:
    """Where a proposal's name ends, taking in a `with` / `between` phrase that names a
    state ("a nuclear treaty with Iran"), and whether there is one."""
    tail_end, with_state = end, False
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in ("with", "between"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and any(o.text in lex.state_names or o.text in lex.demonyms for o in objs[0].subtree):
                with_state = True
                tail_end = max(tail_end, max(t.i for t in child.subtree) + 1)
    return tail_end, with_state


def _trimmed_proposal(doc: Doc, start: int, head: int, end: int) -> Span:
    """A proposal's name without the determiners and possessives before it and the
    punctuation after it."""
    while start < head and doc[start].dep_ in ("det", "poss", "case") or doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _names_an_actor(text: str, lex: Lexicon) -> bool:
    """A state's name or demonym, or an organisation's name."""
    return text in lex.demonyms or text in lex.state_names or text in lex.orgs


def _names_a_kind(modifiers: str, lex: Lexicon) -> bool:
    """"ceasefire", "two-state", "twelve-point peace", "post-ceasefire": the words
    before a plan's head say what settlement it is."""
    words = modifiers.lower().replace(" - ", "-").replace(" -", "-").replace("- ", "-").split()
    return any(re.search(r"\b\w+-point\b", w) or w in lex.proposal_kinds or w.split("-", 1)[-1] in lex.proposal_kinds
               for w in words)


def find_all(ctx: Context) -> list[Mention]:
    """Every finder's mentions, overlaps resolved: the longer mention wins, and among
    equals the gazetteer's (earlier finder) wins."""
    found: list[tuple[int, Mention]] = []
    for rank, fn in enumerate(FINDERS.values()):
        found.extend((rank, m) for m in fn(ctx))
    # candidates from statistical NER give way to any gazetteer mention they overlap
    found.sort(key=lambda rm: (-(rm[1].end - rm[1].start) + (1000 if rm[1].props.get("candidate") else 0), rm[0]))
    kept = _Disjoint()
    for _, m in found:
        if not kept.overlaps(m):
            kept.add(m)
    return sorted(kept.mentions, key=lambda m: m.start)


class _Disjoint:
    """Mentions that do not overlap, kept in order of start, so whether a new one
    overlaps any is one binary search (a long article has thousands: testing each
    against every kept one grew with the square of its length). Kept mentions are
    disjoint, so in order of start their ends are in order too: the one starting last
    before the new mention ends is the only one that can reach into it. Empty mentions
    (start == end) break that order and are tested one by one."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[Mention] = []
        self.empty: list[Mention] = []
        self.mentions: list[Mention] = []

    def overlaps(self, m: Mention) -> bool:
        if m.start >= m.end or any(m.overlaps(k) for k in self.empty):
            return any(m.overlaps(k) for k in self.mentions)
        at = bisect.bisect_left(self.starts, m.end)
        return at > 0 and self.spans[at - 1].overlaps(m)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.start >= m.end:
            self.empty.append(m)
            return
        at = bisect.bisect_left(self.starts, m.start)
        self.starts.insert(at, m.start)
        self.spans.insert(at, m)
