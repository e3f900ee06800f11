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


@dataclass(frozen=True)
class Link:
    """A structural edge from a node to other nodes (a sanction's authority and target)."""
    name: str
    range: tuple[str, ...]
    doc: str = ""


@dataclass(frozen=True)
class NodeType:
    name: str
    doc: str
    iri_segment: str
    identity: tuple[str, ...]
    properties: dict[str, Property]
    links: dict[str, Link] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationType:
    name: str
    doc: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    symmetric: bool = False
    plover: str | None = None

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
        """The node types an extraction names (all but the Article and the Sanction
        measures, which the writers make)."""
        return [t for t in self.node_types if t not in ("Article", "Sanction")]

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
                       doc=spec.get("doc", ""))
        for name, spec in raw.items()
    }


def parse_model(text: str) -> Model:
    raw = yaml.safe_load(text)
    nodes = {
        name: NodeType(name=name, doc=spec["doc"], iri_segment=spec["iri_segment"],
                       identity=tuple(spec["identity"]), properties=_properties(spec["properties"]),
                       links={k: Link(name=k, range=tuple(v["range"]), doc=v.get("doc", ""))
                              for k, v in spec.get("links", {}).items()})
        for name, spec in raw["node_types"].items()
    }
    rels = {
        name: RelationType(name=name, doc=spec["doc"], sources=tuple(spec["sources"]),
                           targets=tuple(spec["targets"]), symmetric=bool(spec.get("symmetric")),
                           plover=spec.get("plover"))
        for name, spec in raw["relation_types"].items()
    }
    for rel in rels.values():
        unknown = set(rel.sources + rel.targets) - set(nodes)
        if unknown:
            raise ValueError(f"relation {rel.name} names unknown node types {sorted(unknown)}")
    return Model(namespaces=raw["namespaces"], node_types=nodes, relation_types=rels,
                 edge_properties=_properties(raw["edge_properties"]),
                 fact_properties=_properties(raw.get("fact_properties", {})), version=str(raw.get("version", "")),
                 row_fields=dict(raw.get("row_fields", {})))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The model shipped with the package."""
    return parse_model(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
