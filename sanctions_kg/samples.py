"""Where the bundled sample articles are (our own writing, samples/articles): inside an
installed wheel, or in the source checkout an editable install runs from. The notebook
and tests find them here, whatever folder they run in."""
from __future__ import annotations

from pathlib import Path


def articles() -> Path:
    """The folder of sample articles."""
    here = Path(__file__).resolve().parent
    packaged = here / "sample_articles"  # a wheel ships samples/articles under this name
    return packaged if packaged.is_dir() else here.parent / "samples" / "articles"
