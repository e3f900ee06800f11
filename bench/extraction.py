#!/usr/bin/env python3
"""Extraction speed: `skg`'s extractor against the spaCy pipeline alone, on the same
texts in the same run, with 1 and 2 processes (nlp.pipe batching).

    python bench/extraction.py [PATHS...]     (default: ../shared/eval/dev and samples/articles)

Prints articles/s and words/s for each, and the ratio extractor / spaCy alone (the
target is >= 0.8: our work on top of the parse costs at most a quarter more). Each
is timed in several rounds, the two back to back in each: on a shared machine the
clock speed drifts by a fifth between runs, so the ratio reported is the median of
the rounds' paired ratios (each pair saw the same machine), and the rates the fastest
round of each, as `timeit` keeps. Both are warmed up first (the model and the lazily
read tables loaded).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(paths: list[str], repeat: int = 6, rounds: int = 3) -> None:
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.extract.pipeline import Extractor, prepare
    from sanctions_kg.loaders.readers import read_paths

    distinct = [a for a in read_paths(paths) if isinstance(a, Article)]
    articles = distinct * repeat
    words = sum(len(a.text.split()) for a in articles)
    ex = Extractor()
    texts = [prepare(a.text, ex.lex.furniture) for a in articles]
    list(ex.extract_many(distinct, batch_size=16))  # warm-up: lazily read tables
    print(f"{len(articles)} articles, {words} words ({len(distinct)} distinct, each {repeat} times); "
          f"{rounds} rounds: rates from the fastest, ratio the median of the rounds'")
    print(f"{'':28}{'articles/s':>12}{'words/s':>12}")
    for n_process in (1, 2):
        base = ours = float("inf")
        ratios = []
        for r in range(rounds):
            t = time.perf_counter()
            for _ in ex.nlp.pipe(texts, batch_size=16, n_process=n_process):
                pass
            spacy_round = time.perf_counter() - t
            t = time.perf_counter()
            for _ in ex.extract_many(articles, batch_size=16, n_process=n_process):
                pass
            ours_round = time.perf_counter() - t
            ratios.append(spacy_round / ours_round)
            print(f"  round {r + 1}, {n_process} process(es): ratio {ratios[-1]:.2f}")
            base, ours = min(base, spacy_round), min(ours, ours_round)
        print(f"spaCy alone, {n_process} process(es)   {len(articles) / base:12.1f}{words / base:12.0f}")
        print(f"skg extract, {n_process} process(es)   {len(articles) / ours:12.1f}{words / ours:12.0f}")
        print(f"ratio (skg / spaCy alone)     {statistics.median(ratios):12.2f}   (median of the rounds)")


if __name__ == "__main__":
    default = [str(ROOT.parent / "shared" / "eval" / "dev"), str(ROOT / "samples" / "articles")]
    main(sys.argv[1:] or default)
