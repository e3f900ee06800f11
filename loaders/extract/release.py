"""Who speaks in a release: the state that issues it, and in a joint statement every
signatory (GUIDELINES, convention 2: a release's "we" is its issuer, a joint statement's
"we" is each signatory, one relation each).

Both are read where releases name them: the heading, byline and publisher lines, the
"We, the ... of A, B and C," apposition, a sentence saying who issued the text, or a
list of states as the subject of its first sentence. Never from the first official the
body names: a release opens as often with the foreign leader it answers ("Last week
Iranian Foreign Minister X announced ...") as with its own. The words are data
(`loaders/data/releases.yaml`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, fold, load_lexicon, yaml_data
from .types import Entity

# A government's own body named bare in its release ("The Department has determined",
# "this Administration"): it speaks for the issuer, as "we" does (GUIDELINES, convention 2).
ISSUING_BODIES = ("Department", "Administration")
FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us)\b|\b(?:[Tt]he|[Tt]his) (?:" + "|".join(ISSUING_BODIES) + r") (?!of\b)")
FIRST_SINGULAR = re.compile(r"\b(?:I|my|My)\b")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
WE_COMMA = re.compile(r"\bWe,\s+")
OPENING = 800        # characters in which a release names its issuers
WRAP_WIDTH = 60      # a line this long followed by another is a wrapped paragraph, not a heading
PUBLISHER_OF = re.compile(r"\b(?:by|from|of)\s+(?:the\s+)?$", re.I)
BYLINE = re.compile(r"^[A-Z][^,]{2,60},\s+(?P<title>[^,]{3,80})$")


@dataclass(frozen=True)
class ReleaseWords:
    """The patterns compiled from releases.yaml."""
    joint_title: re.Pattern
    issued_active: re.Pattern
    issued_passive: re.Pattern
    issued_nominal: re.Pattern
    topic: re.Pattern
    list_goes_on: re.Pattern
    kinds: re.Pattern
    publisher: re.Pattern
    attribution: re.Pattern
    single_holder_offices: frozenset[str]
    mandate_prepositions: frozenset[str]


def _alternation(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, any whitespace between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def release_words() -> ReleaseWords:
    """releases.yaml, compiled once per process."""
    spec = yaml_data("releases.yaml")
    nouns, verbs = _alternation(spec["statement_nouns"]), _alternation(spec["issuing_verbs"])
    return ReleaseWords(
        joint_title=re.compile(rf"\b(?:{_alternation(spec['joint_titles'])})\b", re.I),
        # (tried only where a sentence or line starts: from every position the leading
        # run was scanned again to the sentence's end, 2 ms an article)
        issued_active=re.compile(rf"(?:^|(?<=[.\n]))[^.\n]*\b(?:{verbs})\s+(?:(?:on|upon|to)\s+)?(?:the\s+following|this)\s+(?:joint\s+)?"
                                 rf"(?:{nouns})\b", re.I),
        issued_passive=re.compile(rf"\b(?:{nouns})\b[^.\n]{{0,80}}?\b(?:{verbs})\s+(?:jointly\s+)?by\s+(?P<who>[^.\n:;]*)",
                                  re.I),
        issued_nominal=re.compile(rf"\b(?:(?:{nouns})\s+(?:by|from)|joint\s+(?:{nouns})\s+of)\s+(?P<who>[^.\n:;]*)", re.I),
        topic=re.compile(rf"[\s,](?:{_alternation(spec['topic_words'])})\b", re.I),
        list_goes_on=re.compile(rf"(?:(?:{_alternation(spec['list_joiners'])})\s+)?(?:the\s+)?[A-Z]"),
        kinds=re.compile(rf"^(?:{_alternation(spec['release_kinds'])})\b", re.I),
        publisher=re.compile(rf"^(?:{_alternation(spec['publisher_heads'])})\b", re.I),
        attribution=re.compile(rf"\b(?:{_alternation(spec['attributions'])})\b", re.I),
        single_holder_offices=frozenset(spec["single_holder_offices"]),
        mandate_prepositions=frozenset(spec["mandate_prepositions"]))


def own_part(line: str) -> str:
    """A heading's part before its topic: the issuers of "Statement issued by Brazil and
    Argentina regarding Nicaragua", the publisher of "Readout of the Secretary's Call
    with Foreign Minister X" (X is whom the call was with)."""
    found = release_words().topic.search(line)
    return line[:found.start()] if found else line


def opening_lines(text: str) -> list[tuple[int, str]]:
    """The heading, date, byline and publisher lines before a release's first sentence,
    each with its offset: the lines a release names its author in. A line ending a
    sentence, or a long line that runs on into the next (a wrapped paragraph), is body."""
    out: list[tuple[int, str]] = []
    for found in re.finditer(r"[^\n]+", text[:OPENING]):
        line = found.group().strip()
        if not line:
            continue
        if SENTENCE_END.search(line) or len(line) > 200:
            break
        runs_on = text[found.end():found.end() + 2].startswith("\n") and text[found.end() + 1:found.end() + 2].strip() != ""
        if found.start() > 0 and runs_on and len(line) >= WRAP_WIDTH:
            break
        out.append((found.start() + found.group().index(line[0]), line))
    return out


def body_start(text: str) -> int:
    """Where a release's first sentence begins: after its opening lines."""
    lines = opening_lines(text)
    return lines[-1][0] + len(lines[-1][1]) if lines else 0


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]


def speaks_as_issuer(text: str) -> bool:
    """Whether the text speaks as "we", "I" or "the Department" outside quotations: only
    then does its own voice need an issuer."""
    outside = QUOTED.sub(" ", text)
    return bool(FIRST_PERSON.search(outside) or FIRST_SINGULAR.search(outside))


# ---- the signatories of a joint statement ----

def joint_signatories(text: str, doc: Doc, entities: dict[str, Entity]) -> list[Entity]:
    """The parties of a joint statement (convention 2: its "we" is every signatory), read
    where such statements name them: a "We, the ... of A, B and C," apposition (one
    signing body is enough: "We, the leaders of the G7,"); a sentence saying who issued
    it, before or after the verb; a title that calls the text joint; the list of states
    that is the subject of its first sentence ("A, B and C welcome ..."), when the text
    speaks as "we". Empty for any other text."""
    for lo, hi in _we_appositions(text):
        found = _parties_between(entities, lo, hi)
        if found:
            return found
    voice = FIRST_PERSON.search(QUOTED.sub(lambda q: " " * len(q.group()), text))
    # the issuers are named before the statement speaks: "We welcome the joint statement
    # by ECOWAS and the AU" names another statement's authors
    before = voice.start() if voice else OPENING
    for lo, hi in [*_issued_spans(text[:min(before, OPENING)], voice is not None), *_joint_title_span(text)]:
        found = _parties_between(entities, lo, hi)
        if len(found) >= 2:
            return found
    return _list_subject(text, doc, entities)


def _we_appositions(text: str) -> Iterator[tuple[int, int]]:
    """"We, the foreign ministers of Chile, Kenya, the Netherlands and the Republic of
    Korea, condemn ...": the list runs to the comma before the verb, past "the
    Netherlands" and "and the Republic of Korea"; a description after the list ("...,
    the coastal states most exposed, condemn") ends it too. Not inside quotations."""
    quoted = _quoted(text[:3000])
    for found in WE_COMMA.finditer(text[:3000]):
        if any(a <= found.start() < b for a, b in quoted):
            continue
        end = _apposition_end(text, found.end())
        if end is not None:
            yield found.end(), end


def _apposition_end(text: str, start: int) -> int | None:
    """The comma that closes an apposition starting at `start`: the first one followed by
    a lower-case word that does not carry the list on (a joiner, "the", a name)."""
    stop = re.search(r"[;:\n]|\.(?=\s)", text[start:])
    limit = start + stop.start() if stop else len(text)
    goes_on = release_words().list_goes_on
    for comma in re.finditer(r",\s*", text[start:limit]):
        after = start + comma.end()
        if after < limit and text[after].islower() and not goes_on.match(text, after):
            return start + comma.start()
    return None


def _issued_spans(head: str, speaks: bool) -> Iterator[tuple[int, int]]:
    """"The governments of A, B and C issued the following statement" (the issuers before
    the verb); "This statement was issued jointly by the governments of A, B and C on
    Venezuela" (after it, up to the topic); in a text that speaks as "we", also "the
    text of a statement by the foreign ministers of A, B and C" (a report's "in a
    statement by France and Germany" has no "we" of its own)."""
    words = release_words()
    for found in words.issued_active.finditer(head):
        yield found.span()
    patterns = [words.issued_passive, words.issued_nominal] if speaks else [words.issued_passive]
    for pattern in patterns:
        for found in pattern.finditer(head):
            lo = found.start("who")
            yield lo, lo + len(own_part(found.group("who")))


def _joint_title_span(text: str) -> list[tuple[int, int]]:
    """A heading that calls the text joint, up to its topic ("Joint Statement of
    Austria and Switzerland on Azerbaijan": Azerbaijan is no signatory). A report's
    sentence "In a joint statement by France and Germany, ..." is no heading."""
    lines = opening_lines(text)
    if not lines or lines[0][0] != 0 or not release_words().joint_title.search(lines[0][1]):
        return []
    return [(0, len(own_part(lines[0][1])))]


def _list_subject(text: str, doc: Doc, entities: dict[str, Entity]) -> list[Entity]:
    """"Australia, India, Japan and the United States welcome resolution 2720. We call on
    ...": the states a statement's first sentence opens with, as its subject in the
    present tense, are its "we" when it speaks as "we" (a report's "A, B and C
    condemned" is past, and no statement's voice). Read from the words, not the parse:
    the small model often takes "welcome" for a noun there."""
    if not FIRST_PERSON.search(QUOTED.sub(" ", text)):
        return []
    start = body_start(text)
    sent = next((s for s in doc.sents if s.start_char >= start and s.text.strip()), None)
    if sent is None or sent.start_char > start + OPENING:
        return []
    parties, k = _opening_list(sent, entities)
    return parties if len(parties) >= 2 and _present_after(doc, k, sent.end) else []


def _opening_list(sent, entities: dict[str, Entity]) -> tuple[list[Entity], int]:
    """The states and organisations a sentence opens with, joined by commas, "and" and
    "the", and the token after them."""
    parties: list[Entity] = []
    k = sent.start
    while k < sent.end:
        tok = sent.doc[k]
        ent = _party_at(entities, tok)
        if ent is not None:
            if ent not in parties:
                parties.append(ent)
        elif tok.lower_ not in (",", "and", "the") and not tok.is_space:
            break
        k += 1
    return parties, k


def _present(verb: Token) -> bool:
    """A verb in the present tense of a plural subject ("condemn", "are concerned")."""
    return verb.tag_ in ("VBP", "MD") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "MD")
                                             for c in verb.children)


def _present_after(doc: Doc, k: int, end: int) -> bool:
    """Whether the words after a subject list go on in the present ("welcome",
    "strongly condemn", "are concerned"), not in the past ("condemned")."""
    words = [t for t in doc[k:min(k + 3, end)] if not t.is_punct]
    verb = next((t for t in words if t.tag_.startswith("VB") or t.tag_ == "MD"), None)
    if verb is not None:
        return _present(verb)
    return bool(words) and words[0].is_lower and not words[0].lower_.endswith("ed")


def _party_at(entities: dict[str, Entity], tok: Token) -> Entity | None:
    """The state or organisation whose mention covers a token."""
    actors = load_lexicon().roles["actor"]
    return next((e for e in entities.values() if e.type in actors
                 and any(m.start <= tok.idx < m.end for m in e.mentions)), None)


def _parties_between(entities: dict[str, Entity], lo: int, hi: int) -> list[Entity]:
    """States and organisations named between two offsets, in the order named."""
    actors = load_lexicon().roles["actor"]
    named = sorted(((min(m.start for m in e.mentions if lo <= m.start < hi), e) for e in entities.values()
                    if e.type in actors and any(lo <= m.start < hi for m in e.mentions)),
                   key=lambda pair: pair[0])
    return [e for _, e in named]


# ---- the issuer of a release ----

def issuer_state(text: str, entities: dict[str, Entity], lex: Lexicon) -> str | None:
    """The state whose release this is: the state its heading, byline or publisher line
    names by an office or body of its own ("Press Secretary", "Office of the
    Spokesperson"), by an official of its own ("Statement by Prime Minister X") or by
    name ("Statement from the Ministry of Foreign Affairs of Japan"). A text that speaks
    as "we" or "I" may also be placed by such a clue in its first lines; one that does
    not is a release only when a line publishes it ("Remarks by Spokesperson X"), not
    when a news headline names a government. Never the state of a foreign official its
    first sentences name, nor the state it names most (as often its target)."""
    speaks = speaks_as_issuer(text)
    for lo, line in opening_lines(text):
        if not (publishes(line, lex) or (speaks and lo == 0)):
            continue  # a text that speaks as "we" is headed by its publisher
        own = own_part(line)
        found = (_clue_state(own, lex) or _official_in(entities, lo, lo + len(own))
                 or _publisher_named(entities, own, lo))
        if found:
            return found
    return _clue_state(text[:400], lex) if speaks else None


def publishes(line: str, lex: Lexicon) -> bool:
    """A line that publishes a release: its kind ("Statement by ...", "Readout",
    "Remarks by ..."), a publishing office ("Office of the Spokesperson", "Ministry of
    Foreign Affairs of Japan"), an attribution, a byline ("Ned Price, Department
    Spokesperson"), or an issuer clue alone ("The White House")."""
    words = release_words()
    if words.kinds.match(line) or words.publisher.match(line) or words.attribution.search(line):
        return True
    bare = re.sub(r"^the\s+", "", line, flags=re.I)
    if any(bare == clue for clues in lex.issuer_clues.values() for clue in clues):
        return True
    byline = BYLINE.match(line)
    if byline is None:
        return False
    title = fold(byline.group("title"))
    return _clue_state(byline.group("title"), lex) is not None or any(
        pattern.search(title) for _, _, pattern in lex.title_patterns)


def _clue_state(text: str, lex: Lexicon) -> str | None:
    """The state an issuer clue in the text belongs to ("Press Secretary": USA)."""
    return next((iso3 for iso3, clues in lex.issuer_clues.items() if any(c in text for c in clues)), None)


def _official_in(entities: dict[str, Entity], lo: int, hi: int) -> str | None:
    """The state of the first official named between two offsets of a publishing line
    ("Statement by Prime Minister X on ...")."""
    named = sorted((m.start, e.props["state"]) for e in entities.values() if e.type == "Official" and e.props.get("state")
                   for m in e.mentions if lo <= m.start < hi)
    return named[0][1] if named else None


def _publisher_named(entities: dict[str, Entity], own: str, lo: int) -> str | None:
    """The one state a line's own part names right after "by", "from" or "of" ("Statement
    from the Ministry of Foreign Affairs of Japan"), not a posting ("former ambassador to
    Iran") nor anything of a former office."""
    if re.search(r"\bformer\b", own, re.I):
        return None
    named = {e.key for e in entities.values() if e.type == "State" for m in e.mentions
             if lo <= m.start < lo + len(own) and PUBLISHER_OF.search(own[:m.start - lo])}
    return named.pop() if len(named) == 1 else None
