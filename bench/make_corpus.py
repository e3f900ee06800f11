#!/usr/bin/env python3
"""Make a large SYNTHETIC corpus for benchmarks by varying the sample articles.

Each synthetic article is one of the twelve sample articles (our own writing) with its
states swapped for other states, its officials for other office holders, its dates
shifted and its numbers changed, drawn from the package's gazetteers (built from the
shared reference data). The result reads like news but reports nothing that happened:
every record carries "synthetic": true and a source under synthetic://.

    python bench/make_corpus.py N OUT_DIR [--per-file 10000] [--seed 1]

writes OUT_DIR/corpus-0000.jsonl, ... (JSON Lines: text, title, date, source, synthetic).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_templates() -> list[tuple[str, str, date]]:
    import sys

    sys.path.insert(0, str(ROOT))
    from sanctions_kg.loaders.readers import read_paths

    return [(a.title, a.text, a.published) for a in read_paths([str(ROOT / "samples" / "articles")])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--per-file", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    import sys

    sys.path.insert(0, str(ROOT))
    from sanctions_kg.loaders.extract.lexicon import load_lexicon

    lex = load_lexicon()
    rng = random.Random(args.seed)
    countries = [c for c in lex.countries.values() if c.demonym and " " not in c.name and c.iso3 not in ("SUN", "YUG", "CSK", "DDR")]
    holders = [h.name for h in lex.holders if len(h.name.split()) == 2]
    templates = load_templates()
    state_words = {c.name: "name" for c in lex.countries.values()}
    state_words.update({c.demonym: "demonym" for c in lex.countries.values() if c.demonym})
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, state_words), key=len, reverse=True)) + r")\b")
    person = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
    number = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|(?<![\d,])\b\d{3}\b(?!,\d)")
    args.out.mkdir(parents=True, exist_ok=True)
    fh = None
    for i in range(args.n):
        if i % args.per_file == 0:
            if fh:
                fh.close()
            fh = open(args.out / f"corpus-{i // args.per_file:04}.jsonl", "w", encoding="utf-8")
        title, text, published = templates[i % len(templates)]
        swap: dict[str, object] = {}
        swapped_states: set[str] = set()

        def state(m):
            word = m.group(1)
            base = next((c for c in lex.countries.values() if word in (c.name, c.demonym)), None)
            key = base.iso3 if base else word
            if key not in swap:
                swap[key] = rng.choice(countries)
            new = swap[key]
            out = new.demonym if state_words[word] == "demonym" else new.name
            swapped_states.add(out)
            return out

        def official(m):
            name = m.group(1)
            if name.split()[0] in ("United", "Security", "General", "European", "National", "Prime", "Foreign") \
                    or name in state_words or any(w in state_words for w in name.split()) or name in swapped_states:
                return name
            if name not in swap:
                swap[name] = rng.choice(holders)
            return swap[name]

        def digits(m):
            value = int(m.group(0).replace(",", ""))
            new = max(1, int(value * rng.uniform(0.5, 1.5)))
            return f"{new:,}" if "," in m.group(0) else str(new)

        shift = timedelta(days=rng.randint(-3000, 0))
        when = (published or date(2020, 1, 1)) + shift
        dateline = published.strftime("%B %-d, %Y") if published else None
        head, sep, rest = text.partition(dateline) if dateline else ("", "", text)
        rest = pattern.sub(state, rest)
        rest = number.sub(digits, person.sub(official, rest))
        head = pattern.sub(state, head)
        body = head + (when.strftime("%B %-d, %Y") if sep else "") + rest
        fh.write(json.dumps({"text": body + f"\n(synthetic variant {i})\n", "title": body.split("\n", 1)[0],
                             "date": when.isoformat(), "source": f"synthetic://corpus/{i}", "synthetic": True},
                            ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    print(f"wrote {args.n} synthetic articles to {args.out}")


if __name__ == "__main__":
    main()
