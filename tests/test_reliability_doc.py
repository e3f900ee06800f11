"""docs/reliability.md promises only what a test shows: every test it names exists."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_the_reliability_doc_names_exists():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", doc))
    defined = {m for f in (ROOT / "tests").glob("test_*.py")
               for m in re.findall(r"^(?:async )?def (test_\w+)", f.read_text(encoding="utf-8"), re.M)}
    assert len(named) > 40
    assert not named - defined, sorted(named - defined)
