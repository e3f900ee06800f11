#!/usr/bin/env python3
"""Ingest a (synthetic) corpus with `skg ingest` and record time, throughput and memory.

    python bench/ingest_scale.py CORPUS_DIR STORE_DIR [--processes 2] [--log FILE]

Samples the resident memory of the whole `skg` process tree every 5 s (the log shows
whether it stays flat as the corpus streams through), and prints wall time, articles
per second, the store's size and the peak RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except OSError:
                continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--log", type=Path, default=None)
    args = ap.parse_args()
    n = sum(1 for f in args.corpus.glob("*.jsonl") for _ in open(f, encoding="utf-8"))
    skg = Path(sys.executable).with_name("skg")
    cmd = [str(skg), "ingest", str(args.corpus), "--store", str(args.store), "--processes", str(args.processes)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples = []
    while proc.poll() is None:
        samples.append((round(time.monotonic() - started, 1), tree_rss_kb(proc.pid)))
        if args.log:
            args.log.write_text(json.dumps({"articles": n, "samples": samples}))
        time.sleep(5)
    elapsed = time.monotonic() - started
    tail = proc.stderr.read()[-600:]
    size = sum(f.stat().st_size for f in args.store.rglob("*") if f.is_file())
    peak = max((kb for _, kb in samples), default=0)
    result = {"articles": n, "processes": args.processes, "seconds": round(elapsed, 1),
              "articles_per_s": round(n / elapsed, 1), "peak_rss_mb": round(peak / 1024),
              "store_mb": round(size / 2**20), "rss_mb_over_time": [(t, round(kb / 1024)) for t, kb in samples[::12]],
              "exit": proc.returncode, "stderr_tail": tail.strip().splitlines()[-1:] if tail else []}
    if args.log:
        args.log.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
