#!/usr/bin/env python3
"""Embedded RDF load: quads per second into Oxigraph, three ways, on the same rows.

    python bench/rdf_load.py EXTRACTIONS.jsonl [--articles N] [--transactional N]

EXTRACTIONS.jsonl is what `skg extract --format jsonl` prints (for a synthetic corpus:
`python bench/make_corpus.py N DIR; skg extract DIR --processes 2 > rows.jsonl`).

1. Oxigraph alone: its bulk loader reading an N-Quads file of the same graph (made
   beforehand, not timed): the ceiling for this machine.
2. `skg load --bulk` (EmbeddedStore.bulk_load): JSON rows -> quads -> Oxigraph's bulk
   loader, end to end; then the compaction it does after (timed on its own).
3. `skg load` / `skg ingest` (EmbeddedStore.write): one transaction per article (a new
   one's quads through `Store.extend`), crash-safe and idempotent, on the first N rows
   (default 5,000).

Rates count the quads in the finished store (node descriptions once), so the three are
comparable. Peak RSS is the process's, as the OS reports it.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rows_of(path: Path, limit: int | None):
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=Path)
    ap.add_argument("--articles", type=int, default=None, help="Use the first N rows (default: all).")
    ap.add_argument("--transactional", type=int, default=5000, help="Rows for the per-article path.")
    args = ap.parse_args()
    import pyoxigraph as ox

    from sanctions_kg.pipeline import load
    from sanctions_kg.graph.store import EmbeddedStore

    work = Path(tempfile.mkdtemp(prefix="skg-rdfload-"))
    try:
        nq = work / "graph.nq"
        ref = EmbeddedStore(work / "ref")
        n_articles = 0

        def counted():
            nonlocal n_articles
            for row in rows_of(args.rows, args.articles):
                n_articles += 1
                yield row
        t = time.perf_counter()
        ref.bulk_load(counted(), compact=False)
        bulk_s = time.perf_counter() - t
        t = time.perf_counter()
        ref.store.optimize()
        compact_s = time.perf_counter() - t
        stored = len(ref)
        ref.store.dump(str(nq), ox.RdfFormat.N_QUADS)
        del ref

        alone = ox.Store(str(work / "alone"))
        t = time.perf_counter()
        alone.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        alone_s = time.perf_counter() - t
        assert len(alone) == stored
        del alone

        k = min(args.transactional, n_articles)
        tx = EmbeddedStore(work / "tx")
        t = time.perf_counter()
        load(tx, rows_of(args.rows, k))  # the library's own loop, as `skg load` runs it
        tx_s = time.perf_counter() - t
        tx_quads = len(tx)
        del tx

        print(f"{n_articles:,} articles, {stored:,} quads in the store ({nq.stat().st_size / 1e6:,.0f} MB of N-Quads)")
        print(f"{'path':50}{'articles':>10}{'quads':>12}{'seconds':>9}{'quads/s':>11}{'articles/s':>12}")
        for name, arts, q, secs in (("Oxigraph bulk loader alone (N-Quads file)", n_articles, stored, alone_s),
                                    ("skg load --bulk, loading (rows -> quads -> bulk)", n_articles, stored, bulk_s),
                                    ("skg load --bulk, with compaction after", n_articles, stored, bulk_s + compact_s),
                                    ("skg load / ingest (a transaction each)", k, tx_quads, tx_s)):
            print(f"{name:50}{arts:>10,}{q:>12,}{secs:>9.1f}{q / secs:>11,.0f}{arts / secs:>12,.0f}")
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
