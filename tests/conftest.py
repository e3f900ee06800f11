"""Shared fixtures: the extractor (spaCy loaded once per run) and the shared eval data."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SKG_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
SEED = DEV / "000_kremlin-mediator.txt"
SAMPLES = ROOT / "samples" / "articles"


@pytest.fixture(scope="session")
def extractor():
    from sanctions_kg.loaders.extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.exists(), f"the seed article is expected at {SEED} (set SKG_SHARED)"
    return SEED


@pytest.fixture
def extract_text(extractor):
    """Extract a text written for a test, as an article of a given date."""
    from sanctions_kg.loaders.article import Article

    def run(text: str, published: date | None = date(2024, 3, 6)) -> dict:
        return extractor.extract(Article(text=text, source="test.txt", published=published)).to_json()
    return run


def facts(row: dict) -> set[tuple[str, str, str]]:
    """(type, source key, target key) of a row's relations; states by ISO code,
    others by name."""
    key = {e["id"]: (e.get("iso3") or e.get("full_name") or e["name"]) for e in row["entities"]}
    return {(r["type"], key[r["source"]], key[r["target"]]) for r in row["relations"]}
