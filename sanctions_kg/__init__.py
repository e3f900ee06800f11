"""sanctions-kg: news about sanctions and UN diplomacy as a typed, evidenced knowledge graph.

The Python API (sanctions_kg/api.py, documented in the README): `open_graph` a store
by folder or URI and ask it for DataFrames; `extract` a text or file to rows;
`relations` tabulates rows. The names load on first use, so `skg` does not pay for
pandas when it does not need it.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Graph", "open_graph", "extract", "relations", "sample_articles", "SkgError"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'sanctions_kg' has no attribute {name!r}")
