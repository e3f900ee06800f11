"""The values of one statement's edge properties (schema: edge_properties), read once
from an extraction row, for every store to write in its own way."""
from __future__ import annotations


def edge_values(rel: dict, article: dict) -> dict:
    """Evidence, dates, modality and confidence of a relation; None where absent."""
    ev = rel["evidence"]
    return {"sentence": ev["sentence"], "char_start": ev["start"], "char_end": ev["end"],
            "trigger": rel.get("trigger") or None, "ref_date": rel.get("ref_date") or None,
            "report_date": article.get("published") or None, "modality": rel.get("modality", "asserted"),
            "confidence": float(rel.get("confidence", 0.8))}
