#!/usr/bin/env python3
"""Extraction time against article length: is it linear?

    python bench/length.py [--sizes 100000 200000 400000] [--limit] [--profile N]
    python bench/length.py --html [--elements 10000 20000 40000 50000 175000]

Builds one long article per size from our own sample articles (samples/articles, their
bodies in turn, each copy marked with its part number so no two paragraphs are the
same), extracts each with `skg`'s extractor, and prints the seconds and the ratio to the
size before (the target is <= 2.2 per doubling). `--limit` also extracts an article of
999,000 characters, just under the reader's limit (MAX_CHARS), to show it ends in
bounded time. `--profile N` prints the N functions with most cumulative time for the
largest size (where the time goes when the ratio is off).

`--html` reads HTML pages of N elements (a span per word, the densest markup, and so the
slowest for trafilatura) each in a fresh process and prints its CPU time and peak
memory (RSS): pages over the reader's element limit are refused before parsing (E044).

The machine is shared (the wall clock of one run moved by 2x between runs): the time
is the process's CPU time (`time.process_time`, what the extraction itself used), each
size timed `--rounds` times and the fastest kept; the wall time is printed beside it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def long_text(chars: int) -> str:
    """About `chars` characters of news prose: the sample articles' bodies (title and
    date lines left out) in turn, each copy numbered, cut at a paragraph end."""
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.readers import read_paths

    bodies = [a.text.split("\n\n", 2)[-1] for a in read_paths([str(ROOT / "samples" / "articles")])
              if isinstance(a, Article)]
    parts, size, n = [], 0, 0
    while size < chars:
        body = f"Part {n + 1}.\n\n" + bodies[n % len(bodies)].strip() + "\n\n"
        parts.append(body)
        size += len(body)
        n += 1
    text = "".join(parts)
    cut = text.rfind("\n\n", 0, chars)
    return text[:cut + 2] if cut > chars // 2 else text[:chars]


def timed(ex, text: str, rounds: int) -> tuple[float, float, int]:
    """The fastest of `rounds` extractions of `text` (CPU seconds, wall seconds), and how
    many relations it found."""
    from sanctions_kg.loaders.article import Article

    best, wall, found = float("inf"), float("inf"), 0
    for _ in range(rounds):
        article = Article(text=text, source="bench://length", title="A long article")
        started, clock = time.process_time(), time.perf_counter()
        result = ex.extract(article)
        best = min(best, time.process_time() - started)
        wall = min(wall, time.perf_counter() - clock)
        found = len(result.relations)
    return best, wall, found


def dense_page(elements: int) -> str:
    """An HTML page of about `elements` elements: the first sample's words, a span each,
    thirty to a paragraph."""
    words = (ROOT / "samples" / "articles").glob("*.txt").__next__().read_text(encoding="utf-8").split()
    rows, n, i = [], 0, 0
    while n < elements:
        chunk = [words[(i + k) % len(words)] for k in range(30)]
        rows.append("<p>" + "".join(f"<span>{w}</span> " for w in chunk) + "</p>\n")
        n, i = n + 31, i + 30
    return "<html><head><title>A dense page</title></head><body><article>" + "".join(rows) + "</article></body></html>"


def read_one(path: str) -> None:
    """The child of `--html`: read one page, print what came of it, CPU s and peak RSS."""
    import resource

    from sanctions_kg.loaders.readers import read_paths

    started = time.process_time()
    result = next(iter(read_paths([path])))
    seconds = time.process_time() - started
    what = getattr(result, "message", "")[:4] or f"article of {len(result.text):,} characters"
    print(f"{what}\t{seconds:.1f}\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def html_bench(counts: list[int]) -> None:
    """Each page read in a process of its own, so its peak RSS is its own."""
    import subprocess
    import tempfile

    print(f"{'elements':>10}{'markup chars':>14}{'CPU s':>8}{'peak RSS MB':>13}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            page = Path(folder) / f"dense-{count}.html"
            page.write_text(dense_page(count), encoding="utf-8")
            done = subprocess.run([sys.executable, __file__, "--read-one", str(page)], capture_output=True, text=True)
            what, seconds, rss = (done.stdout.strip().split("\t") + ["?", "?", "?"])[:3]
            print(f"{count:>10,}{page.stat().st_size:>14,}{seconds:>8}{rss:>13}  {what}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", action="store_true", help="also a 999,000-character article")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions for the largest size")
    parser.add_argument("--html", action="store_true", help="read dense HTML pages instead, peak memory each")
    parser.add_argument("--elements", type=int, nargs="+", default=[10_000, 20_000, 40_000, 50_000, 175_000])
    parser.add_argument("--read-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_one:
        return read_one(args.read_one)
    if args.html:
        return html_bench(args.elements)

    from sanctions_kg.loaders.extract.pipeline import Extractor

    ex = Extractor()
    ex.nlp.max_length = 2_000_000  # the reader refuses over MAX_CHARS; the bench measures up to it
    timed(ex, long_text(20_000), 1)  # warm-up: the model and the lazily read tables
    print(f"{'characters':>12}{'CPU s':>9}{'ratio':>8}{'wall s':>9}{'relations':>11}{'CPU µs/char':>13}")
    before = None
    for size in args.sizes + ([999_000] if args.limit else []):
        text = long_text(size)
        seconds, wall, found = timed(ex, text, args.rounds if size != 999_000 else 1)
        ratio = "(limit)" if size == 999_000 else f"{seconds / before:.2f}" if before else "-"
        print(f"{len(text):>12,}{seconds:>9.1f}{ratio:>8}{wall:>9.1f}{found:>11}{seconds / len(text) * 1e6:>13.1f}",
              flush=True)
        before = seconds
    if args.profile:
        import cProfile
        import pstats

        from sanctions_kg.loaders.article import Article

        profile = cProfile.Profile()
        article = Article(text=long_text(max(args.sizes)), source="bench://length")
        profile.runcall(ex.extract, article)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
