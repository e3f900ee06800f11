"""What extraction produces: mentions in the text, entities (one per real thing per
article), relations with their evidence, and sanction measures."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Mention:
    start: int            # character offsets into the article text
    end: int
    text: str
    type: str             # a node type of the model
    key: str              # identity within the type: iso3, org name, person name, ...
    props: dict[str, Any] = field(default_factory=dict)
    entity: str = ""      # the entity id, set when mentions are grouped

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Entity:
    id: str
    type: str
    key: str
    name: str
    props: dict[str, Any] = field(default_factory=dict)  # node properties of the model, as the row gives them
    mentions: list[Mention] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)  # the extractor's own notes ("candidate"), never written

    def to_json(self) -> dict:
        out = {"id": self.id, "type": self.type, "name": self.name, "key": self.key}
        out.update({k: v for k, v in self.props.items() if v not in (None, "", [])})
        out["mentions"] = [[m.start, m.end] for m in self.mentions]
        return out


@dataclass
class Relation:
    type: str
    source: str           # entity ids
    target: str
    sentence: str
    sentence_start: int
    start: int            # evidence span: the trigger's clause within the sentence
    end: int
    trigger: str = ""
    modality: str = "asserted"
    position: str | None = None  # how a position on a resolution was taken: voted_for, vetoed, ...
    confidence: float = 0.8
    ref_date: str | None = None
    measure: str | None = None

    def key(self) -> tuple[str, str, str]:
        return (self.type, self.source, self.target)

    def to_json(self) -> dict:
        d = asdict(self)
        d["evidence"] = {"sentence": d.pop("sentence"), "sentence_start": d.pop("sentence_start"),
                         "start": d.pop("start"), "end": d.pop("end")}
        return {k: v for k, v in d.items() if v is not None}


@dataclass
class Measure:
    """A sanction measure: who imposes what on whom."""
    id: str
    authority: str
    target: str
    kind: str
    name: str
    commodity: str | None = None
    quantity: float | None = None
    unit: str | None = None
    period: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Extraction:
    article: dict
    entities: list[Entity]
    relations: list[Relation]
    measures: list[Measure] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"article": self.article,
                "entities": [e.to_json() for e in self.entities],
                "relations": [r.to_json() for r in self.relations],
                "measures": [m.to_json() for m in self.measures]}
