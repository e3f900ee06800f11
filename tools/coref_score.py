#!/usr/bin/env python3
"""Score the coreference resolver: for each mention of the test file, does the resolver
give exactly the entities the mention stands for?

    python tools/coref_score.py [tests/coref/mentions.jsonl] [--details]

Each line of the file (see tests/coref/README.md) is a short text, a mention in it
(`mention`, its `occurrence`) and the entities it refers to, each given by a substring
of the text where that entity is named (`refers_to`; empty for a mention that stands
for no named entity). The expected entities are those the extractor groups those
names into, so the score measures the resolver (`Referents.resolve`, the one every
relation reader goes through), not the spelling of ids. A name the extractor does not
find as an entity counts against the resolver too: the mention cannot reach it.

Prints accuracy overall and by kind (mention -> entity set exactly right).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "coref" / "mentions.jsonl"


@dataclass
class Outcome:
    """One mention's expected and resolved entities (ids), and why they differ."""
    id: str
    kind: str
    expected: frozenset[str]
    resolved: frozenset[str]
    problem: str = ""

    @property
    def correct(self) -> bool:
        return not self.problem and self.expected == self.resolved


def _nth(text: str, sub: str, occurrence: int) -> int:
    """Character offset of the n-th (1-based) occurrence of `sub` in `text`, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(sub, at + 1)
        if at < 0:
            return -1
    return at


def load_items(path: Path) -> list[dict]:
    """The test file's items, checked: each mention and name must be in its text."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        if _nth(text, item["mention"], item.get("occurrence", 1)) < 0:
            raise ValueError(f"{path}:{n}: mention {item['mention']!r} not in its text")
        for name in item["refers_to"]:
            if name not in text:
                raise ValueError(f"{path}:{n}: refers_to {name!r} not in its text")
        items.append(item)
    return items


class CorefScorer:
    """Runs the extractor's own stages up to the relation stage's resolver."""

    def __init__(self) -> None:
        from sanctions_kg.loaders.extract.pipeline import Extractor

        self.extractor = Extractor()

    def outcome(self, item: dict) -> Outcome:
        from sanctions_kg.loaders.article import Article
        from sanctions_kg.loaders.extract.entities import distinct_unnumbered, group
        from sanctions_kg.loaders.extract.mentions import Context, find_all
        from sanctions_kg.loaders.extract.pipeline import prepare
        from sanctions_kg.loaders.extract.relations import finding

        ex = self.extractor
        text = item["text"]
        article = Article(text=text, title="", source=f"coref:{item['id']}", published=None)
        doc = ex.nlp(prepare(text, ex.lex.furniture))
        ctx = Context(doc=doc, text=doc.text, lex=ex.lex, matchers=ex.matchers, published=None)
        grouping = group(doc, find_all(ctx), ex.lex, None, doc.text)
        distinct_unnumbered(grouping.entities, article.id, doc, None)
        ref = finding(doc, grouping, ex.lex, text=text).ref
        expected, missing = set(), []
        for name in item["refers_to"]:
            start = text.find(name)
            ent = next((e for e in grouping.entities for m in e.mentions
                        if m.start < start + len(name) and start < m.end), None)
            if ent is None:
                missing.append(name)
            else:
                expected.add(ent.id)
        start = _nth(text, item["mention"], item.get("occurrence", 1))
        span = doc.char_span(start, start + len(item["mention"]), alignment_mode="expand")
        resolved = frozenset(a.entity.id for a in ref.resolve(span.root)) if span is not None else frozenset()
        problem = f"not found as entities: {missing}" if missing else ""
        return Outcome(item["id"], item.get("kind", "-"), frozenset(expected), resolved, problem)


def score(items: list[dict], scorer: CorefScorer | None = None) -> list[Outcome]:
    scorer = scorer or CorefScorer()
    return [scorer.outcome(item) for item in items]


def report(outcomes: list[Outcome], items: list[dict], details: bool) -> str:
    right, total = Counter(), Counter()
    for o in outcomes:
        total[o.kind] += 1
        right[o.kind] += o.correct
        neg = "neg" if not o.expected and not o.problem else "pos"
        total[neg] += 1
        right[neg] += o.correct
    lines = [f"{'kind':16} {'right':>5} {'all':>5} {'accuracy':>8}"]
    for kind in sorted(k for k in total if k not in ("pos", "neg")) + ["pos", "neg"]:
        lines.append(f"{kind:16} {right[kind]:5} {total[kind]:5} {right[kind] / total[kind]:8.3f}")
    n_right = sum(o.correct for o in outcomes)
    lines.append(f"mention -> entity accuracy {n_right / len(outcomes):.3f} ({n_right} of {len(outcomes)})")
    if details:
        by_id = {i["id"]: i for i in items}
        for o in outcomes:
            if not o.correct:
                i = by_id[o.id]
                lines.append(f"\n{o.id} [{o.kind}] {i['mention']!r} in: {i['text']}\n"
                             f"    expected {sorted(o.expected) or '-'}  got {sorted(o.resolved) or '-'}  {o.problem}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--details", action="store_true", help="list every mention resolved wrongly")
    args = ap.parse_args()
    items = load_items(args.file)
    print(report(score(items), items, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
