#!/usr/bin/env python3
"""Neo4j load: the batched writer against a naive per-row MERGE, on the same data.

    python bench/neo4j_load.py [N_ARTICLES] [--batch 200]

Makes N synthetic articles (bench/make_corpus.py), extracts them once, then loads the
same rows into a fresh local Neo4j (started on a spare port and stopped after) twice:
naively (one auto-commit MERGE statement per node and per relationship, the way most
tutorials load a graph) and with `Neo4jStore.write_many` (one transaction per batch,
one UNWIND per label and relationship type). Prints relationships per second for each.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def naive(store, rows: list[dict]) -> int:
    """One statement per node and per relationship, each its own transaction."""
    batch = [store._batches(r) for r in rows]
    n = 0
    with store.driver.session() as s:
        for b in batch:
            for label, nodes in b["nodes"]:
                for node in nodes:
                    s.run(f"MERGE (n:`{label}` {{iri: $iri}}) SET n += $props", iri=node["iri"], props=node["props"])
            for (rtype, sl, tl), rels in b["rels"]:
                for r in rels:
                    s.run(f"MATCH (a:`{sl}` {{iri: $s}}) MATCH (b:`{tl}` {{iri: $t}}) "
                          f"MERGE (a)-[x:`{rtype}` {{statement: $props.statement}}]->(b) SET x = $props",
                          s=r["s"], t=r["t"], props=r["props"])
                    n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--port", type=int, default=37687)
    args = ap.parse_args()
    from sanctions_kg.graph import servers
    from sanctions_kg.graph.neo4j_store import Neo4jStore
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.extract.pipeline import Extractor
    from sanctions_kg.loaders.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(args.n), str(corpus)],
                       check=True, capture_output=True)
        articles = [a for a in read_paths([str(corpus)]) if isinstance(a, Article)]
        rows = [e.to_json() for e in Extractor().extract_many(articles, n_process=2)]
        rel_count = sum(len(r["relations"]) for r in rows)
        data = Path(tmp) / "neo4j"
        servers.neo4j_start(data, args.port)
        try:
            store = Neo4jStore(f"bolt://127.0.0.1:{args.port}")
            store.cypher("MATCH (n) DETACH DELETE n", write=True)
            t = time.perf_counter()
            n = naive(store, rows)
            slow = time.perf_counter() - t
            store.cypher("MATCH (n) DETACH DELETE n", write=True)
            t = time.perf_counter()
            for i in range(0, len(rows), args.batch):
                store.write_many(rows[i:i + args.batch])
            fast = time.perf_counter() - t
            counts = store.counts()
            store.close()
        finally:
            servers.stop(data)
    print(f"{len(rows)} articles, {rel_count} relationships ({sum(counts['relations'].values())} distinct edges)")
    print(f"naive per-row MERGE      {n / slow:10.0f} relationships/s  ({slow:.1f} s)")
    print(f"batched write_many({args.batch})  {rel_count / fast:10.0f} relationships/s  ({fast:.1f} s)")
    print(f"speed-up                 {slow / fast:10.1f}x")


if __name__ == "__main__":
    main()
