#!/usr/bin/env python3
"""Extraction speed: `skg`'s extractor against the spaCy pipeline alone, on the same
texts in the same run, with 1 and 2 processes (nlp.pipe batching).

    python bench/extraction.py [PATHS...]     (default: ../shared/eval/dev and samples/articles)

Prints articles/s and words/s for each, and the ratio extractor / spaCy alone (the
target is >= 0.8: our work on top of the parse costs at most a quarter more).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(paths: list[str], repeat: int = 6) -> None:
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.extract.pipeline import Extractor, prepare
    from sanctions_kg.loaders.readers import read_paths

    articles = [a for a in read_paths(paths) if isinstance(a, Article)] * repeat
    words = sum(len(a.text.split()) for a in articles)
    ex = Extractor()
    texts = [prepare(a.text, ex.lex.furniture) for a in articles]
    print(f"{len(articles)} articles, {words} words ({len(articles) // repeat} distinct, each {repeat} times)")
    print(f"{'':28}{'articles/s':>12}{'words/s':>12}")
    for n_process in (1, 2):
        t = time.perf_counter()
        for _ in ex.nlp.pipe(texts, batch_size=16, n_process=n_process):
            pass
        base = time.perf_counter() - t
        t = time.perf_counter()
        for _ in ex.extract_many(articles, batch_size=16, n_process=n_process):
            pass
        ours = time.perf_counter() - t
        print(f"spaCy alone, {n_process} process(es)   {len(articles) / base:12.1f}{words / base:12.0f}")
        print(f"skg extract, {n_process} process(es)   {len(articles) / ours:12.1f}{words / ours:12.0f}")
        print(f"ratio (skg / spaCy alone)     {base / ours:12.2f}")


if __name__ == "__main__":
    default = [str(ROOT.parent / "shared" / "eval" / "dev"), str(ROOT / "samples" / "articles")]
    main(sys.argv[1:] or default)
