#!/usr/bin/env python3
"""Neo4j load: the batched writer against a naive per-row MERGE, on the same data.

    python bench/neo4j_load.py [N_ARTICLES] [--batch 200] [--rows EXTRACTIONS.jsonl] [--uri bolt://...]

Makes N synthetic articles (bench/make_corpus.py) and extracts them once, or takes the
first N rows of an extraction file (`skg extract --format jsonl`); then loads the same
rows into a fresh local Neo4j (started on a spare port and stopped after, or the empty
server at --uri) twice:
naively (one auto-commit MERGE statement per node and per relationship, the way most
tutorials load a graph) and with `Neo4jStore.write_many` (one transaction per batch,
one UNWIND per label and relationship type). Prints relationships per second for each.

    python bench/neo4j_load.py N --bulk --rows EXTRACTIONS.jsonl [--batch 500]

With --bulk: the first N rows (streamed, never all in memory) into two new local
servers, once by the batched writer and once by `skg load --bulk --neo4j`'s path
(pipeline.bulk_load into graph/neo4j_bulk.py: CSV files, Neo4j's offline importer, the
server started, the constraints and indexes made); prints the rows, the counts after
(`skg stats`), whether every named question of bench/queries.py answers the same, and
relationships/s for each (every relationship, MENTIONS, AUTHORITY and TARGET included).
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wipe(store) -> None:
    """Empty the database in slices (one transaction for everything runs out of memory)."""
    while store.cypher("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n", write=True)[0]["n"]:
        pass


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


def _rows(path: Path, n: int):
    """The first n rows of an extraction file, read as they are needed."""
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, n):
            yield json.loads(line)


def _stats(store) -> dict:
    """What `skg stats` prints: the counts and the number of articles."""
    return {**store.counts(), "articles": store.article_count()}


def _answers(store) -> dict[str, list]:
    """Every named question of bench/queries.py, asked in Cypher, in one order."""
    from sanctions_kg.graph import catalogue

    sys.path.insert(0, str(ROOT / "bench"))
    from queries import ASKED

    out = {}
    for name, params in ASKED.items():
        text, values = catalogue.render(name, params, "cypher")
        out[name] = sorted(json.dumps(r, sort_keys=True, default=str) for r in store.cypher(text, values))
    return out


def bulk_against_batched(args: argparse.Namespace) -> None:
    """The same rows through the batched writer and through the offline importer."""
    from sanctions_kg import pipeline
    from sanctions_kg.graph import neo4j_bulk, servers
    from sanctions_kg.graph.neo4j_store import Neo4jStore

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        written, bulk = Path(tmp) / "batched", Path(tmp) / "bulk"
        ports = (args.port, args.port + 2)
        servers.neo4j_start(written, ports[0])
        try:
            store = Neo4jStore(f"bolt://127.0.0.1:{ports[0]}")
            n_rows, t = 0, time.perf_counter()
            rows = _rows(args.rows, args.n)
            while batch := list(itertools.islice(rows, args.batch)):
                store.write_many(batch)
                n_rows += len(batch)
            batched = time.perf_counter() - t
            results = {"batched": (_stats(store), _answers(store),
                                   store.cypher("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"])}
            store.close()
        finally:
            servers.stop(written)
        neo4j_bulk.claim_empty(bulk, ports[1])
        target = neo4j_bulk.BulkTarget(bulk, ports[1])
        t = time.perf_counter()
        report = pipeline.bulk_load(target, _rows(args.rows, args.n))
        whole = time.perf_counter() - t
        try:
            store = Neo4jStore(f"bolt://127.0.0.1:{ports[1]}")
            results["bulk"] = (_stats(store), _answers(store),
                               store.cypher("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"])
            store.close()
        finally:
            servers.stop(bulk)
    done = target.imported
    (stats, answers, rels), (bulk_stats, bulk_answers, bulk_rels) = results["batched"], results["bulk"]
    print(f"{n_rows} rows; bulk path read {report.written} articles ({report.statements} statements), "
          f"{len(report.failures)} failed")
    print(f"stats after, batched writer: {json.dumps(stats, sort_keys=True)}")
    print(f"stats after, bulk importer:  {json.dumps(bulk_stats, sort_keys=True)}")
    print(f"same stats: {stats == bulk_stats}; same relationships in all: {rels} / {bulk_rels}")
    differ = [name for name in answers if answers[name] != bulk_answers[name]]
    print(f"named questions answering the same: {len(answers) - len(differ)} of {len(answers)} "
          f"(rows: {', '.join(f'{k} {len(v)}' for k, v in answers.items())})" + (f"; DIFFER: {differ}" if differ else ""))
    print(f"batched write_many({args.batch})   {rels / batched:10.0f} relationships/s  ({batched:.1f} s)")
    print(f"offline importer alone       {bulk_rels / done.import_seconds:10.0f} relationships/s  "
          f"({done.import_seconds:.1f} s for {done.nodes} nodes, {done.relationships} relationships)")
    if done.importer_says:
        print(f"  the importer's own stages    {bulk_rels / done.importer_says:10.0f} relationships/s  "
              f"({done.importer_says:.1f} s, as its log says: IMPORT DONE, without the JVM's start)")
    print(f"  per CPU-second of the importer {bulk_rels / done.import_cpu_seconds:8.0f} relationships  "
          f"({done.import_cpu_seconds:.1f} s of CPU, user and system, JVM start included)")
    print(f"bulk path end to end         {bulk_rels / whole:10.0f} relationships/s  ({whole:.1f} s: rows to CSV "
          f"{done.csv_seconds:.1f} s, import {done.import_seconds:.1f} s, server start {done.start_seconds:.1f} s, "
          f"constraints and indexes {done.schema_seconds:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--port", type=int, default=37687)
    ap.add_argument("--rows", type=Path, help="Take the rows from this extraction file instead.")
    ap.add_argument("--uri", help="Use this (empty, disposable) Neo4j instead of starting one.")
    ap.add_argument("--naive", type=int, default=1000, help="Articles for the naive run (it is slow).")
    ap.add_argument("--bulk", action="store_true", help="Compare the offline importer with the batched writer.")
    ap.add_argument("--tmp", type=Path, help="Folder for the servers' data (default: the system's temp folder).")
    args = ap.parse_args()
    if args.bulk:
        if not args.rows:
            ap.error("--bulk takes the rows from --rows")
        return bulk_against_batched(args)
    from sanctions_kg.graph import servers
    from sanctions_kg.graph.neo4j_store import Neo4jStore
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.extract.pipeline import Extractor
    from sanctions_kg.loaders.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        if args.rows:
            with args.rows.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in itertools.islice(fh, args.n)]
        else:
            corpus = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(args.n), str(corpus)],
                           check=True, capture_output=True)
            articles = [a for a in read_paths([str(corpus)]) if isinstance(a, Article)]
            rows = [e.to_json() for e in Extractor().extract_many(articles, n_process=2)]
        rel_count = sum(len(r["relations"]) for r in rows)
        naive_rows = rows[:args.naive]
        naive_rels = sum(len(r["relations"]) for r in naive_rows)
        data = Path(tmp) / "neo4j"
        if not args.uri:
            servers.neo4j_start(data, args.port)
        try:
            store = Neo4jStore(args.uri or f"bolt://127.0.0.1:{args.port}")
            wipe(store)
            naive(store, rows[-20:])  # warm-up: Neo4j plans each query shape once
            store.write_many(rows[-20:])
            wipe(store)
            t = time.perf_counter()
            n = naive(store, naive_rows)
            slow = time.perf_counter() - t
            wipe(store)
            t = time.perf_counter()
            for i in range(0, len(naive_rows), args.batch):
                store.write_many(naive_rows[i:i + args.batch])
            same = time.perf_counter() - t
            wipe(store)
            t = time.perf_counter()
            for i in range(0, len(rows), args.batch):
                store.write_many(rows[i:i + args.batch])
            fast = time.perf_counter() - t
            all_rels = store.cypher("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
            counts = store.counts()
            store.close()
        finally:
            if not args.uri:
                servers.stop(data)
    print(f"{len(rows)} articles, {rel_count} relationships ({sum(counts['relations'].values())} distinct edges)")
    print(f"naive per-row MERGE, first {len(naive_rows)} articles        {n / slow:10.0f} relationships/s  ({slow:.1f} s)")
    print(f"batched write_many({args.batch}), same {len(naive_rows)} articles   {naive_rels / same:10.0f} relationships/s  ({same:.1f} s)")
    print(f"speed-up on the same rows                      {slow / same:10.1f}x")
    print(f"batched write_many({args.batch}), all {len(rows)} articles   {rel_count / fast:10.0f} relations/s  ({fast:.1f} s)")
    print(f"  counting every relationship it writes ({all_rels} with MENTIONS, AUTHORITY, TARGET and the FACT summaries): "
          f"{all_rels / fast:.0f} relationships/s")


if __name__ == "__main__":
    main()
