#!/usr/bin/env python3
"""What `skg viz` costs on a store: reading the graph, the facts and the seeded layout,
writing the page, and the page's size and what it holds.

    python bench/viz.py --store DIR [--max-nodes 250]

Prints one line per step; the figures go to docs/benchmarks.md with the machine's load.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--max-nodes", type=int, default=250)
    args = ap.parse_args()

    from sanctions_kg.graph import viz
    from sanctions_kg.graph.stores import StoreSpec, open_store

    start = time.perf_counter()
    G = open_store(StoreSpec(path=args.store), read_only=True).graph()
    read = time.perf_counter()
    page = viz.render(G, max_nodes=args.max_nodes)
    done = time.perf_counter()
    data = viz.graph_data(G, args.max_nodes)
    print(f"graph: {viz.summary(G)['text']}")
    print(f"read the store into networkx: {read - start:.1f} s")
    print(f"facts, layout and page (render): {done - read:.1f} s")
    print(f"page: {len(page.encode('utf-8')) / 1e6:.1f} MB holding {len(data['nodes'])} nodes, "
          f"{len(data['edges'])} facts, {len(data['others'])} searchable names; "
          f"the slider starts at {data['minimum']} statements")


if __name__ == "__main__":
    main()
