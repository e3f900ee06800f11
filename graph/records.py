"""Extraction rows made into the model's records, once, before any store sees them.

An extraction row (the JSON `skg extract` prints) is the extractor's view: entities with
row-local ids, relations naming them, measures. Every store used to read it with its
own list of properties, and they drifted apart. Here the row becomes the records
generated from `schema/model.yaml` (schema/generated/records.py): one per node it
names, one `Statement` per relation, one `Sanction` per measure a statement imposes,
and the `Article`. A field the model does not declare, a value of the wrong kind, a
relation the model does not allow between its two ends: each is error E032 at this
point, naming the article and the field, so no store keeps what another drops.

Stores, the networkx builder and the exports iterate the records' fields, never a list
of their own.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any, NamedTuple

from ..errors import Errors, SkgError
from ..schema import Property, load_model
from ..schema.generated import records as generated
from ..schema.identity import article_iri, fact_iri, identity_values, node_iri, sanction_iri, statement_iri

# a relation of a row: its place in the row (type, ends, evidence, measure) and the model's edge values
RELATION_FIELDS = set(load_model().relation_row_fields) | set(load_model().edge_properties)
MEASURE_FIELDS = set(load_model().measure_row_fields)  # a measure's place in its row; the rest are Sanction properties


@dataclass(frozen=True)
class Node:
    """A node an article names: its IRI and its record (a generated class)."""
    iri: str
    record: Any

    @property
    def type(self) -> str:
        return type(self.record).__name__

    def updated(self, later: Node) -> Node:
        """The node as a later description of it leaves it: each property the later one
        sets wins, the others stay (as every store writes a node, one property at a
        time: Neo4j's `SET n += props`, the RDF stores' delete-insert per property)."""
        values = {f.name: getattr(self.record, f.name) for f in fields(self.record)}
        values.update({f.name: v for f in fields(later.record) if (v := getattr(later.record, f.name)) is not None})
        return Node(self.iri, type(later.record)(**values))

    def properties(self) -> dict[str, Any]:
        """The record's values that are set, in the model's order (links excluded)."""
        links = load_model().node_types[self.type].links
        return {f.name: v for f in fields(self.record)
                if f.name not in links and (v := getattr(self.record, f.name)) is not None}


class Stated(NamedTuple):
    """A statement with the two IRIs derived from it: its own and its fact's."""
    iri: str
    fact: str
    record: generated.Statement

    @property
    def date(self) -> str | None:
        """The date the statement is about: the first of its temporal properties it has
        (the model's order: its reference date, else its article's)."""
        record = self.record
        return next((getattr(record, p) for p in load_model().statement.temporal if getattr(record, p)), None)


@dataclass(frozen=True)
class ArticleRecords:
    """Everything one article puts in the graph."""
    iri: str
    article: generated.Article
    nodes: list[Node]          # one per node named, as the article describes it (a later mention's values win)
    statements: list[Stated]
    sanctions: list[Node]      # the measures its statements impose

    @property
    def id(self) -> str:
        return self.article.id

    def properties(self) -> dict[str, Any]:
        """The article's values that are set."""
        return {f.name: v for f in fields(self.article) if (v := getattr(self.article, f.name)) not in (None, "")}


class Said(NamedTuple):
    """One relation of an extraction row as the records read it: the fields of the
    extractor's own `Relation`, by the same names, which records read as they are."""
    type: str
    source: str
    target: str
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    ref_date: str | None = None
    modality: str = "asserted"
    confidence: float = 0.8
    position: str | None = None
    measure: str | None = None


def of(row: dict | ArticleRecords | Any) -> ArticleRecords:
    """The records of an extraction row (`skg load`'s JSON), or of an extraction as the
    extractor gives it (`skg ingest`: read by its attributes, with no JSON in between
    and without graph/ importing the extractor); records are returned as they are."""
    if isinstance(row, ArticleRecords):
        return row
    if isinstance(row, dict):
        art = row["article"]
        where = art.get("source") or art.get("id")
        return _records(art, row["entities"], row.get("measures", []), _row_relations(row["relations"], where))
    entities = [dict({"id": e.id, "type": e.type, "name": e.name, "key": e.key},
                     **{k: v for k, v in e.props.items() if v not in (None, "", [])}) for e in row.entities]
    measures = [{k: v for k, v in asdict(m).items() if v is not None} for m in row.measures]
    return _records(row.article, entities, measures, row.relations)  # its Relations read as a Said is


def _row_relations(relations: list[dict], where: str) -> Iterator[Said]:
    """A row's relations, each checked for fields the model does not declare (E032)."""
    for rel in relations:
        unknown = set(rel) - RELATION_FIELDS
        if unknown:
            raise SkgError(Errors.E032.format(where=where, what=f"a {rel.get('type')} relation",
                                              field=sorted(unknown)[0], kind="relations"))
        ev = rel["evidence"]
        yield Said(rel["type"], rel["source"], rel["target"], ev["sentence"], ev["start"], ev["end"],
                   rel.get("trigger"), rel.get("ref_date"), rel.get("modality", "asserted"),
                   rel.get("confidence", 0.8), rel.get("position"), rel.get("measure"))


def _records(art: dict, entities: Iterable[dict], measure_list: Iterable[dict],
             relations: Iterable[Said]) -> ArticleRecords:
    """The records of one article: its entities as nodes, its relations as statements,
    the measures they impose as Sanctions."""
    model = load_model()
    where = art.get("source") or art.get("id")
    article = _record("Article", {k: v for k, v in art.items() if v not in (None, "")}, where, "the article")
    iri_of: dict[str, str] = {}
    nodes: dict[str, Node] = {}
    for ent in entities:
        node = entity_node(ent, where)
        iri_of[ent["id"]] = node.iri
        nodes[node.iri] = nodes[node.iri].updated(node) if node.iri in nodes else node
    type_of = {iri: n.type for iri, n in nodes.items()}
    measures = {m["id"]: m for m in measure_list}
    statements: dict[str, Stated] = {}
    sanctions: dict[str, Node] = {}
    for rel in relations:
        s, o = iri_of.get(rel.source), iri_of.get(rel.target)
        if s is None or o is None:
            continue  # an end the row does not name: nothing to state
        kind = rel.type
        if not model.allows(kind, type_of[s], type_of[o]):
            raise SkgError(Errors.E033.format(where=where, relation=kind, source=type_of[s], target=type_of[o]))
        values = dict(zip(model.statement.ends, (kind, s, o))) | edge_values(rel, art)
        m = measures.get(rel.measure or "")
        if m:
            sanction = measure_node(m, art["id"], s, o, where)
            sanctions[sanction.iri] = sanction
            values["measure"] = sanction.iri
        record = _statement(values, where)
        iri = statement_iri(art["id"], kind, s, o, record.char_start)
        statements[iri] = Stated(iri, fact_iri(kind, s, o), record)
    return ArticleRecords(article_iri(art["id"]), article, list(nodes.values()), list(statements.values()),
                          list(sanctions.values()))


def edge_values(rel: dict | Said | Any, art: dict) -> dict[str, Any]:
    """A relation's edge values, each read where the model's `row` says (its evidence,
    its article) or under its own name, else the model's default. A relation is a row's
    JSON (evidence nested) or, on the ingest path, a `Said` or the extractor's own
    `Relation` (evidence fields flat, read by name). A required value a row lacks is a
    KeyError naming it (the loader reports the row, E037)."""
    model = load_model()
    out = {}
    for name, spec in model.edge_properties.items():
        if spec.row:  # a required one missing is a KeyError naming it, as reading the row says ("no 'start'")
            part, field = spec.row.split(".", 1)
            if part == "article" or isinstance(rel, dict):
                where = art if part == "article" else rel[part]
                value = where[field] if spec.required else where.get(field)
            else:
                value = getattr(rel, field)
        else:
            value = rel.get(name) if isinstance(rel, dict) else getattr(rel, name, None)
        out[name] = model.relation_row_defaults.get(name) if value is None else value
    return out


def entity_node(ent: dict, where: str = "") -> Node:
    """One entity of a row as its node's record. The row's own fields (`row_fields` of
    the model: id, type, key, mentions) are read, not kept; `key` is made from the
    node's identity, as its IRI is."""
    model = load_model()
    kind = ent.get("type")
    if kind not in model.named_types():
        raise SkgError(Errors.E032.format(where=where, what=f"entity {ent.get('id')}", field=f"type={kind}",
                                          kind="node types"))
    values = {k: v for k, v in ent.items() if k not in model.row_fields and v not in (None, "")}
    iri = node_iri(ent)
    if "key" in model.node_types[kind].identity:
        values["key"] = identity_values(ent)["key"]
    return Node(iri, _record(kind, values, where, f"entity {ent.get('id')}"))


def measure_node(m: dict, article_id: str, authority: str, target: str, where: str = "") -> Node:
    """A measure of a row as the Sanction node it is, linked to its two ends and the article."""
    iri = sanction_iri(article_id, m["id"])
    values = {k: v for k, v in m.items() if k not in MEASURE_FIELDS and v not in (None, "")}
    values.update(key=iri.rsplit("/", 1)[-1], authority=authority, target=target, evidence=article_iri(article_id))
    return Node(iri, _record("Sanction", values, where, f"measure {m.get('id')}"))


def _record(kind: str, values: dict, where: str, what: str):
    """The generated record of `kind` from these values, each checked against the model."""
    nt = load_model().node_types[kind]
    out = {}
    for name, value in values.items():
        if name in nt.links:
            out[name] = str(value)
            continue
        spec = nt.properties.get(name)
        if spec is None:
            raise SkgError(Errors.E032.format(where=where, what=what, field=name, kind=f"{kind} properties"))
        out[name] = _checked(spec, value, where, what)
    missing = [p for p, spec in nt.properties.items() if spec.required and p not in out]
    if missing:
        raise SkgError(Errors.E034.format(where=where, what=what, field=missing[0]))
    return generated.NODE_RECORDS[kind](**out)


def _statement(values: dict, where: str) -> generated.Statement:
    props = load_model().edge_properties
    out = {k: v for k, v in values.items() if k not in props}
    for name, value in values.items():
        if name in props and value not in (None, ""):
            out[name] = _checked(props[name], value, where, f"a {values[load_model().statement.type_field]} statement")
    return generated.Statement(**out)


def _checked(spec: Property, value: Any, where: str, what: str) -> Any:
    """`value` as the model's datatype says (a resolution number 2397 is "2397"), or E035."""
    try:
        if spec.datatype == "integer":
            value = int(value)
        elif spec.datatype == "decimal":
            value = float(value)
        elif spec.datatype == "boolean":
            if not isinstance(value, bool):
                raise ValueError("not true or false")
        elif spec.datatype == "date":
            value = str(value)[:10]
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("not an ISO date")
        elif isinstance(value, (dict, list)):
            raise ValueError("not a single value")
        else:
            value = str(value)
        if spec.pattern and not re.search(spec.pattern, str(value)):
            raise ValueError(f"does not match {spec.pattern}")
        if spec.values and value not in spec.values:
            raise ValueError(f"not one of {', '.join(spec.values)}")
    except (TypeError, ValueError) as err:
        raise SkgError(Errors.E035.format(where=where, what=what, field=spec.name, value=value, reason=err)) from err
    return value
