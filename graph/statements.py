"""The values of one statement's edge properties (schema: edge_properties), read once
from an extraction row, for every store to write in its own way."""
from __future__ import annotations

from collections.abc import Iterator

from .identity import node_iri


def edge_values(rel: dict, article: dict) -> dict:
    """Evidence, dates, modality and confidence of a relation; None where absent."""
    ev = rel["evidence"]
    return {"sentence": ev["sentence"], "char_start": ev["start"], "char_end": ev["end"],
            "trigger": rel.get("trigger") or None, "ref_date": rel.get("ref_date") or None,
            "report_date": article.get("published") or None, "modality": rel.get("modality", "asserted"),
            "confidence": float(rel.get("confidence", 0.8))}


def statement_date(values: dict) -> str | None:
    """The date a statement is about: its reference date, else its article's date."""
    return values["ref_date"] or values["report_date"]


def resolved_relations(row: dict) -> Iterator[tuple[dict, str, str, dict]]:
    """Each relation of a row whose two ends are entities of the row, with the IRIs of
    its ends and its edge values: (relation, source IRI, target IRI, values)."""
    iri_of = {ent["id"]: node_iri(ent) for ent in row["entities"]}
    for rel in row["relations"]:
        s, o = iri_of.get(rel["source"]), iri_of.get(rel["target"])
        if s is not None and o is not None:
            yield rel, s, o, edge_values(rel, row["article"])
