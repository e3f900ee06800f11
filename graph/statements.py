"""The values of one statement's edge properties (schema: edge_properties), read once
from an extraction row, for every store to write in its own way."""
from __future__ import annotations

from typing import NamedTuple

from .identity import fact_iri, node_iri, statement_iri


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


class Stated(NamedTuple):
    """One relation of a row, resolved once for every writer: the IRIs of its ends, its
    edge values, and the IRIs of its statement and of the fact it is a statement of."""
    relation: dict
    subject: str
    object: str
    values: dict
    statement: str
    fact: str


def resolved_relations(row: dict) -> list[Stated]:
    """Each relation of a row whose two ends are entities of the row."""
    iri_of = {ent["id"]: node_iri(ent) for ent in row["entities"]}
    art = row["article"]
    out = []
    for rel in row["relations"]:
        s, o = iri_of.get(rel["source"]), iri_of.get(rel["target"])
        if s is not None and o is not None:
            values = edge_values(rel, art)
            out.append(Stated(rel, s, o, values, statement_iri(art["id"], rel["type"], s, o, values["char_start"]),
                              fact_iri(rel["type"], s, o)))
    return out
