"""What the build tools that generate data files share: write the file, or with
--check say whether the repository's copy is what a fresh build gives (the test suite
runs each tool that way when the reference data is present)."""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments(doc: str, argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared reference data")
    ap.add_argument("--check", action="store_true", help="exit 1 if the file in the repository differs")
    return ap.parse_args(argv)


def write_or_check(out: Path, text: str, check: bool, summary: str = "") -> int:
    """Write `text` to `out`; with `check`, only compare and return 1 when they differ."""
    name = out.name
    if check:
        same = out.exists() and out.read_text("utf-8") == text
        print(f"{name} is current" if same else f"{name} differs from a fresh build: run the tool again")
        return 0 if same else 1
    out.write_text(text, "utf-8")
    print(f"wrote {out.relative_to(ROOT)}" + (f": {summary}" if summary else ""))
    return 0
