#!/usr/bin/env python3
"""Extraction on Dask against the single-process path, in one run on the same texts.

    python bench/distributed.py [N] [--partition-size 25] [--rounds 2]

Makes N synthetic articles (bench/make_corpus.py, default 300), then times:
the single-process path (`Extractor.extract_many`, what `skg extract` runs without
cluster options), and `sanctions_kg.distributed.run` on a LocalCluster of 1 and of 2
worker processes (one thread each), writing partitions into a temporary folder.
Every path is warmed up first (pipeline loaded, lazily read tables read), so the
figures are steady-state rates, not start-up; with --rounds R the three are taken R
times in turn and the fastest of each kept (as `timeit` does: on a shared machine the
others' load only ever slows a run down).

Prints articles/s for each, the 2-worker/1-worker speed-up (the issue's target is
>= 1.7x), the scheduler's overhead per article (wall time of the 1-worker run less the
time its worker spent extracting, and the round trip of tasks that carry a partition
and do nothing), each worker's resident memory, and the client's own cost per article
(reading the inputs, writing the partitions), which bounds how many workers one client
can feed. The load average is printed before and after: on a shared machine it says
how far the figures can be trusted.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# this script's own folder must not be on the path: its name would hide the `distributed` package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def make_articles(n: int, folder: Path) -> list:
    from sanctions_kg.loaders.article import Article
    from sanctions_kg.loaders.readers import read_paths

    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(n), str(folder), "--seed", "11"],
                   check=True, capture_output=True)
    return [a for a in read_paths([str(folder)]) if isinstance(a, Article)]


def single(articles: list) -> tuple[float, float]:
    """Seconds and CPU seconds for the single-process path, after a warm-up."""
    from sanctions_kg.loaders.extract.pipeline import Extractor

    extractor = Extractor()
    list(extractor.extract_many(articles[:16], batch_size=16))
    started, cpu = time.perf_counter(), time.process_time()
    for _ in extractor.extract_many(articles, batch_size=16):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def _noop(articles: list) -> int:
    return len(articles)


def on_cluster(articles: list, workers: int, size: int, scratch: Path) -> dict:
    """Seconds, worker seconds, per-task round trip and worker memory on a LocalCluster."""
    import psutil

    from sanctions_kg import distributed as dist

    with dist.cluster_client(workers=workers) as client:
        dist.run(client, articles[:size * workers], scratch / f"warm-{workers}", partition_size=size)
        started = time.perf_counter()
        report = dist.run(client, articles, scratch / f"run-{workers}", partition_size=size)
        wall = time.perf_counter() - started
        parts = [articles[i:i + size] for i in range(0, len(articles), size)]
        started = time.perf_counter()
        client.gather([client.submit(_noop, p, pure=False) for p in parts])
        noop = (time.perf_counter() - started) / len(articles)
        rss = client.run(lambda: psutil.Process().memory_info().rss / 2**20)
    assert report.articles == len(articles) and not report.failures
    return {"wall": wall, "worker": report.worker_seconds, "cpu": report.worker_cpu, "noop": noop,
            "rss": sorted(rss.values())}


def client_cost(corpus: Path, articles: list, size: int, scratch: Path) -> tuple[float, float]:
    """Seconds per article the client spends reading inputs and writing partitions."""
    from sanctions_kg import distributed as dist
    from sanctions_kg.loaders.readers import read_paths

    started = time.perf_counter()
    n = sum(1 for _ in read_paths([str(corpus)]))
    read = (time.perf_counter() - started) / n
    rows = [row for row in dist.read_rows([str(scratch / "run-1")]) if isinstance(row, dict)]
    folder = scratch / "write"
    folder.mkdir()
    started = time.perf_counter()
    for p in dist.partitions(articles, size, lambda f: None):
        dist.write_partition(folder, p, rows[p.index * size:(p.index + 1) * size])
    return read, (time.perf_counter() - started) / len(articles)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=300)
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        articles = make_articles(args.n, scratch / "corpus")
        n = len(articles)
        rounds = [(single(articles), on_cluster(articles, 1, args.partition_size, scratch / f"r{r}"),
                   on_cluster(articles, 2, args.partition_size, scratch / f"r{r}")) for r in range(args.rounds)]
        for r, (b, o, t) in enumerate(rounds):
            print(f"round {r + 1}: single {n / b[0]:.1f}, 1 worker {n / o['wall']:.1f}, 2 workers {n / t['wall']:.1f} "
                  f"articles/s; load average {os.getloadavg()[0]:.2f}")
        base, base_cpu = min(b for b, _, _ in rounds)
        one = min((o for _, o, _ in rounds), key=lambda o: o["wall"])
        two = min((t for _, _, t in rounds), key=lambda t: t["wall"])
        scratch = scratch / "r0"
        read, write = client_cost(Path(tmp) / "corpus", articles, args.partition_size, scratch)
    print(f"{n} synthetic articles, partitions of {args.partition_size}")
    print(f"{'':34}{'articles/s':>12}{'vs single':>11}")
    for name, wall in (("single process (skg extract)", base), ("Dask, 1 worker", one["wall"]),
                       ("Dask, 2 workers", two["wall"])):
        print(f"{name:34}{n / wall:12.1f}{base / wall:10.2f}x")
    print(f"2 workers / 1 worker: {one['wall'] / two['wall']:.2f}x (target >= 1.7x)")
    print(f"scheduler overhead per article, 1 worker: {(one['wall'] - one['worker']) / n * 1000:.2f} ms "
          f"(wall less worker time); vs single process {(one['wall'] - base) / n * 1000:.2f} ms; "
          f"no-op task carrying a partition: {one['noop'] * 1000:.2f} ms per article")
    print(f"extraction time per article: single process {base / n * 1000:.1f} ms, in the 1 worker "
          f"{one['worker'] / n * 1000:.1f} ms, in the 2 workers {two['worker'] / n * 1000:.1f} ms (each worker's own)")
    print(f"CPU time per article: single process {base_cpu / n * 1000:.1f} ms, in the 1 worker "
          f"{one['cpu'] / n * 1000:.1f} ms, in the 2 workers {two['cpu'] / n * 1000:.1f} ms: a worker with a core "
          f"of its own would extract about {n / two['cpu']:.1f} articles/s")
    print(f"worker RSS after the run: 1 worker {one['rss'][0]:.0f} MB; 2 workers "
          f"{' / '.join(f'{r:.0f}' for r in two['rss'])} MB")
    print(f"client per article: reading {read * 1000:.2f} ms, writing partitions {write * 1000:.2f} ms "
          f"(one client feeds about {1 / (read + write):.0f} articles/s)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
