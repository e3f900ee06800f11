"""The extraction pipeline: article in, typed entities and evidenced relations out.

Steps, each in its own module: prepare the text for parsing without moving a character
(`prepare`), parse (spaCy), find mentions (`mentions`), group them into entities
(`entities`), find relations (`relations`), date them (`dates`), describe sanction
measures (`measures`), and keep only what the article supports.
"""
from __future__ import annotations

import functools
import itertools
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator

from ...schema import load_model
from ...errors import SkgError
from ..article import Article, LoadFailure
from .dates import relation_date, sentence_dates
from .entities import distinct_unnumbered, group
from .lexicon import load_lexicon
from .measures import measure_for
from .mentions import Context, build_matchers, find_all
from .nlp import index_sentences, load_nlp
from .relations import find_relations, finding, official_relations
from .types import Extraction, Relation

WRAPPED_NEWLINE = re.compile(r"(?<=[^\n.!?:;\"”])\n(?=[^\n])")
UNICODE_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# "co-sponsored": the small model reads "co" "-" "sponsored" as adjectives; blanking the
# prefix leaves the verb it is (same length, so offsets still point into the article)
CO_PREFIX = re.compile(r"\b[Cc]o-(?=(?:sponsor|author|draft|chair|host|sign)\w*)")
# A wire dateline opening a paragraph: "NAIROBI (Reuters) -", "KYIV, Ukraine (AP) —",
# "BRUSSELS, March 4 (AFP) -": the place in capitals, then a place or date after a comma
# or the agency in brackets, then a dash. Neither the place nor the agency is an actor
# of the sentence after it ("NAIROBI" is no organisation), so the parser never sees them.
_SEGMENT = r"(?:[A-Z][a-z.'\-]+(?: [A-Z][a-z.'\-]+)*(?: \d{1,2})?|\d{1,4}(?: [A-Z][a-z]+)?(?: \d{4})?)"
DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*"
                      r"(?:(?:,[ \t]*" + _SEGMENT + r")+[ \t]*(?:\([^()\n]{1,40}\))?|[ \t]*\([^()\n]{1,40}\))"
                      r"[ \t]*[-\u2013\u2014]+[ \t]")


def prepare(text: str, furniture: Iterable[str]) -> str:
    """Text for the parser, the same length as the article's: page furniture and wire
    datelines blanked, hard-wrapped lines joined, no-break and other Unicode spaces made plain (the
    tokenizer would make them tokens). Offsets found in it are offsets into the article."""
    furniture = tuple(furniture)
    for marker in furniture:
        if " " in marker or marker.endswith(":"):
            text = text.replace(marker, " " * len(marker))
    # one word ("Sponsored", "Advertisement") is furniture only on a line of its own
    text = _furniture_lines(furniture).sub(lambda m: " " * len(m.group()), text)
    text = CO_PREFIX.sub("   ", text)
    text = DATELINE.sub(lambda m: " " * len(m.group()), text)
    return WRAPPED_NEWLINE.sub(" ", UNICODE_SPACES.sub(" ", text))


@functools.lru_cache(maxsize=4)
def _furniture_lines(furniture: tuple[str, ...]) -> re.Pattern:
    """A line holding nothing but one of the one-word markers, compiled once per list."""
    words = [re.escape(m) for m in furniture if " " not in m and not m.endswith(":")] or ["(?!)"]
    return re.compile(r"(?m)^[ \t]*(?:" + "|".join(words) + r")[ \t]*$")


class Extractor:
    """Holds the parser and lexicons; extracts one article or a stream of them."""

    def __init__(self, pipeline: str | None = None):
        self.nlp = load_nlp(pipeline)
        self.lex = load_lexicon()
        self.matchers = build_matchers(self.nlp, self.lex)

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16,
                     n_process: int = 1) -> Iterator[Extraction]:
        """Extractions in the order of the articles. With `n_process` > 1, each worker
        process parses *and* extracts a batch and sends back the small extraction, not
        the parsed document: with spaCy's own `n_process`, the parent deserialised every
        document and ran our part for all workers, and became the bottleneck."""
        articles = _only_articles(articles)
        if n_process > 1:
            yield from self._extract_in_workers(articles, batch_size, n_process)
            return
        pairs = ((prepare(a.text, self.lex.furniture), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._from_doc(doc, article)

    def _extract_in_workers(self, articles: Iterable[Article], batch_size: int,
                            n_process: int) -> Iterator[Extraction]:
        """Batches go to forked workers (which share this extractor's loaded pipeline)
        from this thread, a few per worker ahead, so reading stays lazy and whatever
        the caller does between items (a store lookup) stays in its own thread."""
        global _WORKER_EXTRACTOR
        _WORKER_EXTRACTOR = self
        stream = iter(articles)
        batches = iter(lambda: list(itertools.islice(stream, batch_size)), [])
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            waiting: deque = deque()
            for batch in batches:
                waiting.append(pool.apply_async(_extract_in_worker, (batch,)))
                while len(waiting) > 2 * n_process:
                    yield from waiting.popleft().get()
            while waiting:
                yield from waiting.popleft().get()

    def _from_doc(self, doc, article: Article) -> Extraction:
        model = load_model()
        index_sentences(doc)
        ctx = Context(doc=doc, text=doc.text, lex=self.lex, matchers=self.matchers,
                      published=article.published)
        mentions = find_all(ctx)
        grouping = group(doc, mentions, self.lex, article.published, doc.text)
        distinct_unnumbered(grouping.entities, article.id, doc, article.published)
        stage = finding(doc, grouping, self.lex, text=article.text)
        relations: dict[tuple, Relation] = {}
        found = find_relations(stage)
        dates = sentence_dates(doc)
        for rel in found:
            span = doc.char_span(rel.start, rel.end, alignment_mode="expand")
            rel.ref_date = relation_date(span.root, article.published, dates) if span is not None else None
        found[:0] = official_relations(stage, article.text)
        grouping.entities.extend(stage.ref.implicit.values())  # states the text implies, when a relation uses them
        for rel in found:
            # one statement per sentence that states the fact: a fact said twice keeps
            # both pieces of evidence, but a sentence said again word for word (a
            # headline repeated as the first line, a caption) is not a second one
            ends = sorted((rel.source, rel.target)) if model.symmetric(rel.type) else (rel.source, rel.target)
            relations.setdefault((rel.type, *ends, " ".join(rel.sentence.lower().split())), rel)
        used = {r.source for r in relations.values()} | {r.target for r in relations.values()}
        entities = [e for e in grouping.entities if keep(e, used)]
        measures = []
        for rel in relations.values():
            if rel.type == "SANCTIONS":
                m = measure_for(rel, self.lex)
                if m is not None:
                    rel.measure = m.id
                    measures.append(m)
        return Extraction(article=article.header(), entities=entities,
                          relations=list(relations.values()), measures=measures)


_WORKER_EXTRACTOR: Extractor | None = None  # set before forking; each worker's copy


def _only_articles(items: Iterable[Article | LoadFailure]) -> Iterator[Article]:
    """The articles, as they come; a reader's failure (a file that does not exist,
    passed on by `read_paths`) is its own coded error, not an AttributeError deep in
    the parser. `sanctions_kg.pipeline` sets failures aside before they get here."""
    for item in items:
        if isinstance(item, LoadFailure):
            raise SkgError(item.message)
        yield item


def _extract_in_worker(batch: list[Article]) -> list[Extraction]:
    assert _WORKER_EXTRACTOR is not None
    return list(_WORKER_EXTRACTOR.extract_many(batch, batch_size=len(batch)))


def keep(entity, used: set[str]) -> bool:
    """Entities the article supports on their own, and the rest only when a relation
    uses them: a company the NER found, a private person, a descriptive proposal."""
    if entity.hints.get("implicit"):
        return entity.id in used
    if entity.type == "Person" or entity.hints.get("candidate") or entity.hints.get("descriptive"):
        return entity.id in used
    return True
