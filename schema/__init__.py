"""The model of sanctions-kg, read from `model.yaml`, its one definition.

Code never spells a node type, relation type or namespace of its own: it asks this
module, so that the RDF vocabulary, SHACL shapes, Neo4j constraints and Python enums
(all generated from the same file) cannot disagree with the extractor or the stores.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

MODEL_FILE = "model.yaml"


def camel(name: str) -> str:
    """A property's RDF local name: char_start -> charStart."""
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


@dataclass(frozen=True)
class Property:
    name: str
    datatype: str
    required: bool = False
    pattern: str | None = None
    values: tuple[str, ...] = ()
    doc: str = ""
    lookup: bool = False  # stores index it: a writer looks nodes up by it
    row: str | None = None  # where an extraction row gives it (`evidence.start`), when not under its own name


@dataclass(frozen=True)
class Link:
    """A structural edge from a node to other nodes (a sanction's authority and target)."""
    name: str
    range: tuple[str, ...]
    doc: str = ""
    edge: str | None = None  # the Neo4j relationship that stands for it; None: none of its own
    derived: bool = False    # made from the record's identity when written (a statement's fact), not a field of it


@dataclass(frozen=True)
class NodeType:
    name: str
    doc: str
    iri_segment: str
    identity: tuple[str, ...]
    properties: dict[str, Property]
    links: dict[str, Link] = field(default_factory=dict)
    caption: str = "name"          # the property that names it on a drawing and as rdfs:label
    temporal: tuple[str, ...] = ()  # its date properties, the one that places it in time first
    graph: str = "nodes"           # the RDF named graph that holds it: nodes, article or facts
    named: bool = True             # an extraction names it (else the writers make it)
    network: str = "node"          # in the property graphs: a `node`, or the `context` of all (the article)
    color: str | None = None       # how a drawing shows it


@dataclass(frozen=True)
class EdgeType:
    """A record that is an edge between two nodes (a Statement, a Fact): which of its
    fields hold the ends and the relation type, and how it projects."""
    name: str
    doc: str
    source: str
    target: str
    type_field: str
    properties: dict[str, Property]
    key: str | None = None               # the property that carries its IRI where a store has none (Neo4j)
    relation_literal: str | None = None  # the property repeating the relation type as text (RDF)
    caption: str | None = None
    temporal: tuple[str, ...] = ()
    graph: str = "article"
    links: dict[str, Link] = field(default_factory=dict)

    @property
    def ends(self) -> tuple[str, str, str]:
        """The record fields that make the edge itself, not its properties."""
        return (self.type_field, self.source, self.target)


@dataclass(frozen=True)
class RelationType:
    name: str
    doc: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    symmetric: bool = False
    plover: str | None = None
    color: str | None = None  # how a drawing shows it

    @property
    def predicate(self) -> str:
        """The RDF predicate's local name: OFFICIAL_OF -> officialOf."""
        head, *rest = self.name.lower().split("_")
        return head + "".join(w.capitalize() for w in rest)


@dataclass(frozen=True)
class Model:
    namespaces: dict[str, str]
    node_types: dict[str, NodeType]
    relation_types: dict[str, RelationType]
    edge_properties: dict[str, Property] = field(default_factory=dict)
    fact_properties: dict[str, Property] = field(default_factory=dict)
    version: str = ""
    row_fields: dict[str, str] = field(default_factory=dict)  # what an extraction row's entity carries besides properties
    edge_types: dict[str, EdgeType] = field(default_factory=dict)
    relation_row_fields: dict[str, str] = field(default_factory=dict)  # a row's relation: its place in the row
    measure_row_fields: dict[str, str] = field(default_factory=dict)   # a row's measure: its place in the row
    relation_row_defaults: dict[str, Any] = field(default_factory=dict)  # edge values a row leaves out

    @property
    def vocab(self) -> str:
        return self.namespaces["vocab"]

    @property
    def id_base(self) -> str:
        return self.namespaces["id"]

    def relation_named(self, word: str) -> str | None:
        """The relation type a user's word means, as the model spells it ("calls on",
        "calls-on" and "CALLS_ON" are CALLS_ON); None for a word that is none."""
        name = re.sub(r"[\s-]+", "_", str(word).strip()).upper()
        return name if name in self.relation_types else None

    def named_types(self) -> list[str]:
        """The node types an extraction names (`named` in the model; the writers make
        the others: the article, the sanction measures)."""
        return [t for t, nt in self.node_types.items() if nt.named]

    def network_types(self) -> list[str]:
        """The node types that are nodes in the property graphs (Neo4j, networkx and
        its exports): the named ones and the sanction measures, not the article."""
        return [t for t, nt in self.node_types.items() if nt.network == "node"]

    @property
    def context_type(self) -> str:
        """The one node type every other hangs from (the article)."""
        [name] = [t for t, nt in self.node_types.items() if nt.network == "context"]
        return name

    @property
    def statement(self) -> EdgeType:
        """The edge type of one relation as one article states it."""
        return self.edge_types["Statement"]

    @property
    def fact(self) -> EdgeType:
        """The edge type of a fact summary."""
        return self.edge_types["Fact"]

    def caption(self, kind: str, values: dict[str, Any]) -> str | None:
        """What names a node or edge of this type (a drawing's label, a tooltip)."""
        spec = self.node_types.get(kind) or self.edge_types.get(kind)
        name = spec.caption if spec else None
        return values.get(name) if name else None

    def colors(self) -> dict[str, str]:
        """How a drawing shows each node and relation type that declares a colour."""
        return {name: spec.color for name, spec in (*self.node_types.items(), *self.relation_types.items())
                if spec.color}

    def date_of(self, kind: str, values: dict[str, Any]) -> str | None:
        """The date that places a record of this type in time: the first of its
        temporal properties it has (a statement's reference date, else its article's)."""
        spec = self.node_types.get(kind) or self.edge_types.get(kind)
        return next((str(values[p])[:10] for p in (spec.temporal if spec else ()) if values.get(p)), None)

    def symmetric(self, relation: str) -> bool:
        rel = self.relation_types.get(relation)
        return bool(rel and rel.symmetric)

    def allows(self, relation: str, source_type: str, target_type: str) -> bool:
        """Whether the model lets `relation` join these two node types."""
        rel = self.relation_types.get(relation)
        return bool(rel) and source_type in rel.sources and target_type in rel.targets


def _properties(raw: dict[str, Any]) -> dict[str, Property]:
    return {
        name: Property(name=name, datatype=spec["datatype"], required=bool(spec.get("required")),
                       lookup=bool(spec.get("lookup")),
                       pattern=spec.get("pattern"), values=tuple(spec.get("values", ())),
                       doc=spec.get("doc", ""), row=spec.get("row"))
        for name, spec in raw.items()
    }


def _links(raw: dict[str, Any]) -> dict[str, Link]:
    return {k: Link(name=k, range=tuple(v["range"]), doc=v.get("doc", ""), edge=v.get("edge"),
                 derived=bool(v.get("derived")))
            for k, v in raw.items()}


def _edge_types(raw: dict[str, Any]) -> dict[str, EdgeType]:
    """The edge records; each names the section of `raw` that declares its properties."""
    return {
        name: EdgeType(name=name, doc=spec["doc"], source=spec["edge"]["source"], target=spec["edge"]["target"],
                       type_field=spec["edge"]["type"], properties=_properties(raw[spec["properties"]]),
                       key=spec.get("key"), relation_literal=spec.get("relation_literal"),
                       caption=spec.get("caption"), temporal=tuple(spec.get("temporal", ())),
                       graph=spec.get("graph", "article"), links=_links(spec.get("links", {})))
        for name, spec in raw.get("edge_types", {}).items()
    }


def parse_model(text: str) -> Model:
    raw = yaml.safe_load(text)
    nodes = {
        name: NodeType(name=name, doc=spec["doc"], iri_segment=spec["iri_segment"],
                       identity=tuple(spec["identity"]), properties=_properties(spec["properties"]),
                       links=_links(spec.get("links", {})), caption=spec.get("caption", "name"),
                       temporal=tuple(spec.get("temporal", ())), graph=spec.get("graph", "nodes"),
                       named=bool(spec.get("named", True)), network=spec.get("network", "node"),
                       color=spec.get("color"))
        for name, spec in raw["node_types"].items()
    }
    rels = {
        name: RelationType(name=name, doc=spec["doc"], sources=tuple(spec["sources"]),
                           targets=tuple(spec["targets"]), symmetric=bool(spec.get("symmetric")),
                           plover=spec.get("plover"), color=spec.get("color"))
        for name, spec in raw["relation_types"].items()
    }
    for rel in rels.values():
        unknown = set(rel.sources + rel.targets) - set(nodes)
        if unknown:
            raise ValueError(f"relation {rel.name} names unknown node types {sorted(unknown)}")
    return Model(namespaces=raw["namespaces"], node_types=nodes, relation_types=rels,
                 edge_properties=_properties(raw["edge_properties"]),
                 fact_properties=_properties(raw.get("fact_properties", {})), version=str(raw.get("version", "")),
                 row_fields=dict(raw.get("row_fields", {})), edge_types=_edge_types(raw),
                 relation_row_fields=dict(raw.get("relation_row_fields", {})),
                 measure_row_fields=dict(raw.get("measure_row_fields", {})),
                 relation_row_defaults=dict(raw.get("relation_row_defaults", {})))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The model shipped with the package."""
    return parse_model(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
