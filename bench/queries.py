#!/usr/bin/env python3
"""Latency of every catalogue question on a store: p50 and p95 over repeated runs.

    python bench/queries.py --store DIR [--repeat 20]
    python bench/queries.py --neo4j bolt://127.0.0.1:7687 [--repeat 20]

Each question is asked with the parameters of the parity tests; the first run of each
is a warm-up and is not counted, and a question slower than --budget allows is run
fewer times (the `runs` column).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ASKED = {"who-proposed": {"proposal": "double freeze"}, "sanctions-on": {"iso3": "NIC"},
         "accusations-against": {"iso3": "USA"}, "mediation-offers": {"party": "Iran"}, "officials-of": {"iso3": "USA"},
         "proposal-calls": {"proposal": "double freeze"}, "resolutions-on": {"iso3": "SDN"},
         "evidence": {"relation": "PROPOSED", "source": "Russia", "target": "double freeze"},
         "timeline": {"iso3": "IRN"}, "contacts": {"actor": "Putin"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path)
    ap.add_argument("--neo4j")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--budget", type=float, default=60, help="Seconds per question: a slow one is run fewer times.")
    args = ap.parse_args()
    from sanctions_kg.graph import catalogue

    if args.neo4j:
        from sanctions_kg.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(args.neo4j)
        lang = "cypher"
        articles = store.article_count()
    else:
        from sanctions_kg.graph.store import EmbeddedStore

        store = EmbeddedStore(args.store, read_only=True)
        lang = "sparql"
        articles = store.article_count()
    print(f"{articles} articles, {lang}, {args.repeat} runs per question after one warm-up")
    print(f"{'question':22}{'rows':>8}{'p50 ms':>10}{'p95 ms':>10}{'runs':>6}")
    for name, params in ASKED.items():
        text, values = catalogue.render(name, params, lang)

        def run():
            return store.cypher(text, values) if lang == "cypher" else store.select(text)
        started = time.perf_counter()
        rows = len(run())
        warmup = time.perf_counter() - started
        times = []
        for _ in range(max(1, min(args.repeat, int(args.budget / max(warmup, 1e-3))))):
            t = time.perf_counter()
            run()
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"{name:22}{rows:8}{statistics.median(times):10.1f}{p95:10.1f}{len(times):6}")


if __name__ == "__main__":
    main()
