"""Facts about the dependency parse that hold whatever the words mean: which labels
are subjects, what is coordinated with what, where a clause's arguments sit. Plain
functions over spaCy tokens; no lexicon, no entities."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("which", "that", "who")
# labels through which a clause or phrase inherits the agent of the word above it
CLIMB = ("xcomp", "advcl", "conj", "ccomp", "acl", "pcomp", "relcl", "prep", "pobj", "dobj", "attr", "acomp", "oprd")
LIGHT_NOUN_HEADS = ("dobj", "pobj", "nsubj", "attr", "appos", "conj", "npadvmod")
PLACE_PREPOSITIONS = {"in", "inside", "within", "across", "throughout"}
CIRCUMSTANCES = {"over", "on", "for", "by", "after", "during", "because", "amid", "in", "before", "since", "despite"}
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")


def conjuncts(tok: Token) -> list[Token]:
    """The token and what is coordinated or in apposition with it (a pronoun takes
    no apposition: "I call on the parties — the SAF and the RSF —")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        deps = ("conj",) if t.pos_ == "PRON" else ("conj", "appos")
        # "Norway, but not Sweden, joined": a conjunct negated is excluded
        stack.extend(c for c in t.children if c.dep_ in deps and not any(n.dep_ == "neg" for n in c.children))
        # "Resolutions 660 and 661": the numbers are coordinated, not the noun
        stack.extend(k for c in t.children if c.dep_ == "nummod" for k in c.children if k.dep_ == "conj")
    return out


def between(noun: Token) -> list[Token]:
    """The objects of a noun's "between" ("talks between X and Y": X)."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "between"
            for o in p.children if o.dep_ == "pobj"]


def has_own_parties(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)


def of_whom(tok: Token) -> Token | None:
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


def passive_participle(trig: Token, deps: tuple[str, ...] = ("acl", "relcl", "amod")) -> bool:
    """"the draft, sponsored by the United States"; "a deal mediated by Qatar" (a
    participle with its agent in a by-phrase, attached by one of `deps`)."""
    return trig.tag_ == "VBN" and trig.dep_ in deps and any(
        c.dep_ == "agent" for c in trig.children)


def is_passive(trig: Token) -> bool:
    """A passive clause or participle: its subject is the patient, "by" names the agent."""
    # a by-phrase the parser labels `agent` marks a passive even where it took the
    # participle for a main verb ("Sanctions levied by Canada ... took effect"), unless
    # the verb has an object ("adopted resolution 2719 by a vote of 14")
    kids = list(trig.children)
    if passive_participle(trig) or any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in kids):
        return True
    by_phrase = any(c.dep_ == "agent" for c in kids) and not any(c.dep_ == "dobj" for c in kids)
    return trig.tag_ in ("VBN", "VBD") and by_phrase


def by_agents(trig: Token) -> list[Token]:
    """The objects of a passive's "by" phrase."""
    return [p for c in trig.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def through(prep: Token, rest: list[str]) -> list[Token]:
    """The objects of a preposition, through the words of a longer one: "in favour
    of X" is the preposition "in", its object "favour", and that one's "of X"."""
    objects = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    while len(rest) >= 2:
        noun, word, *rest = rest
        objects = [p for o in objects if o.lower_ == noun for c in o.children
                   if c.dep_ == "prep" and c.lower_ == word for p in c.children if p.dep_ in ("pobj", "pcomp")]
    return objects


def repeated_prep(prep: Token, trig: Token) -> list[Token]:
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


def subjunctive(clause: Token) -> bool:
    """"(insisted) that Serbia withdraw": a bare verb after a singular subject
    (tagged VBP, as if the two did not agree), no auxiliary."""
    return not any(a.dep_ == "aux" for a in clause.children) and any(
        s.dep_ in SUBJ and (clause.tag_ == "VB" or (clause.tag_ == "VBP" and s.tag_ in ("NNP", "NN")))
        for s in clause.children)


def mistagged_verb(tok: Token) -> bool:
    """A lower-case word the tagger took for a proper noun ("... and the Republic of
    Korea condemn today's launches"): a verb the small model misread."""
    return tok.pos_ == "PROPN" and tok.text.islower() and tok.i > tok.sent.start


def below_prep(t: Token, top: Token, test: Callable[[Token], bool]) -> bool:
    """Whether, on the way up from `t` to `top`, a preposition passes `test`."""
    node = t
    while node.i != top.i and node.head is not node:
        if node.dep_ == "prep" and test(node):
            return True
        node = node.head
    return False


def circumstantial(t: Token, top: Token) -> bool:
    """Whether `t` hangs below `top` through a preposition of reason or circumstance
    (over, because of, on the eve of, during, by ...), not of the act's object."""
    return below_prep(t, top, lambda p: p.lower_ in CIRCUMSTANCES)


def marked_clauses(tok: Token, marks: tuple[str, ...]) -> list[Token]:
    """Adverbial clauses of `tok` opened by one of these subordinators ("if", "unless")."""
    return [c for c in tok.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)]


def evidence_sentence(text: str, sent: Span) -> tuple[int, str]:
    """The sentence as the article writes it (not as prepared for the parser), without
    surrounding white space, and where it starts."""
    raw = text[sent.start_char:sent.end_char]
    lead = len(raw) - len(raw.lstrip())
    return sent.start_char + lead, raw.strip()


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside quotation marks opened in their sentence, found once per article
    (`Token.sent` is slow to ask token by token). Double marks, and single ones as
    British copy writes them ('We will ...,' she said): a single mark counts only as a
    token of its own that the parser reads as punctuation, not the apostrophe of
    "Lithuania's" or the possessive of "states'"."""
    quoted = set()
    for sent in doc.sents:
        straight = curly = single = 0
        for t in sent:
            if straight % 2 == 1 or curly > 0 or single % 2 == 1:
                quoted.add(t.i)
            straight += t.text.count('"')
            curly += t.text.count("“") - t.text.count("”")
            if t.text in ("'", "‘", "’") and t.dep_ == "punct":
                single += 1
    return frozenset(quoted)


def with_words(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lower-case lemma or form is one of `words`, in order. The
    article's lemmas and forms are indexed once (kept on the Doc): a reader that looks
    for a few words asks the index instead of making a Token of every word, which is
    where the extractor's own time goes. Callers test the exact form they need."""
    index = word_index(doc)
    return [doc[i] for i in sorted({i for word in words & index.keys() for i in index[word]})]


def with_keys(doc: Doc, wanted: Callable[[str], bool]) -> list[Token]:
    """The tokens whose lower-case lemma or form passes `wanted`, in order (each distinct
    word of the article asked once)."""
    index = word_index(doc)
    return [doc[i] for i in sorted({i for word, places in index.items() if wanted(word) for i in places})]


def word_index(doc: Doc) -> dict[str, list[int]]:
    """The article's lower-case lemmas and forms, each with the tokens that have it; made
    once and kept on the Doc."""
    index = doc.user_data.get("skg_word_index")
    if index is None:
        index = {}
        for tok in doc:
            for key in {tok.lemma_.lower(), tok.lower_}:
                index.setdefault(key, []).append(tok.i)
        doc.user_data["skg_word_index"] = index
    return index
