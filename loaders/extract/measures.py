"""Sanction measures: what a SANCTIONS sentence says is imposed (kind, commodity,
quantity, unit, period), e.g. "capping them at 500,000 barrels a year"."""
from __future__ import annotations

import hashlib
import re

from .lexicon import Lexicon
from .types import Measure, Relation

NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand)?"
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def measure_for(rel: Relation, lex: Lexicon) -> Measure | None:
    sentence = rel.sentence
    low = sentence.lower()
    kind = next((k for k, words in lex.measures["kinds"].items()
                 if any(re.search(rf"\b{re.escape(w.lower())}\b", low) for w in words)), None)
    commodity = next((c for c in lex.measures["commodities"] if re.search(rf"\b{re.escape(c)}\b", low)), None)
    quantity = unit = period = None
    units = "|".join(re.escape(u) for u in sorted(lex.measures["units"], key=len, reverse=True))
    found = list(re.finditer(rf"{NUMBER}\s*({units})", sentence))
    found.sort(key=lambda x: x.group(3) in ("per cent", "percent", "%"))  # a quantity over a share
    m = found[0] if found else None
    if m:
        quantity = float(m.group(1).replace(",", "")) * SCALE.get((m.group(2) or "").lower(), 1)
        unit = m.group(3)
        tail = sentence[m.end():m.end() + 20].lower()
        period = next((p for p in lex.measures["periods"] if tail.strip().startswith(p)), None)
    if kind is None and commodity is None:
        kind = "other"
    kind = kind or "embargo"
    key = hashlib.sha1(f"{rel.source}|{rel.target}|{kind}|{commodity}|{quantity}".encode()).hexdigest()[:12]
    name = " ".join(x for x in [kind.replace("_", " "), f"on {commodity}" if commodity else ""] if x)
    return Measure(id=f"sanction:{key}", authority=rel.source, target=rel.target, kind=kind, name=name,
                   commodity=commodity, quantity=quantity, unit=unit, period=period)
