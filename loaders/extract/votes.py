"""Votes told as a tally with its voters listed: "12 in favour to 2 against (Algeria,
Russia), with 1 abstention (China)", "drew these votes: in favour, the United States
and France; against, Russia; abstaining, China". Each list word (`vote_lists` in
triggers.yaml) gives its voters a position on the text under vote.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .arguments import Arg
from .finders import Finding
from .slots import text_under_vote
from .syntax import with_words
from .triggers import Trigger
from .types import Relation

VOTERS = ("State",)
LIST_ENDS = (";", ".", ")")


def vote_lists(f: Finding) -> Iterator[Relation]:
    """Each list word followed by its voters, in brackets or after a comma."""
    for tok in with_words(f.doc, frozenset(f.lex.vote_lists)):
        position = f.lex.vote_lists.get(tok.lower_)
        if position is None:
            continue
        voters = _listed(f, tok)
        texts = text_under_vote(f.ref, tok) if voters else []
        if voters and texts:
            rel, how = position
            yield from f.emitter.emit(rel, Trigger(position=how), tok, voters, texts)


def _listed(f: Finding, word: Token) -> list[Arg]:
    """The voters right after a list word: "(Algeria, Russia)" or ", Russia;" up to the
    end of the list (a semicolon, a full stop, the closing bracket, the next list word)."""
    doc, tok2ent = f.doc, f.ref.tok2ent
    start = word.i + 1
    if start >= word.sent.end or doc[start].text not in ("(", ","):
        return []
    out: list[Arg] = []
    for t in doc[start + 1:word.sent.end]:
        if t.text in LIST_ENDS or t.lower_ in f.lex.vote_lists:
            break
        ent = tok2ent.get(t.i)
        if ent is not None and ent.type in VOTERS and all(a.entity.id != ent.id for a in out):
            out.append(Arg(ent, t))
        elif ent is None and t.text not in (",", "and", "the") and not t.like_num:
            return []  # prose, not a list of voters
    return out
