"""Generated from schema/model.yaml by `skg schema generate`; do not edit.

Records: one class per node type, with exactly the model's properties (dates are ISO
strings); a Statement is one relation as one article states it; a Fact summarises them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class State:
    """A sovereign state or widely recognised state-like territory."""
    iso3: str
    name: str
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Official:
    """A named person who holds or held public office."""
    key: str
    name: str
    role: str | None = None
    state: str | None = None
    state_from: str | None = None
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """Another named person who is the subject or target of a relation (a sanctioned businessman)."""
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Organization:
    """An intergovernmental organisation or organ, a non-state armed group, or a company or bank that is a sanctions target."""
    key: str
    name: str
    acronym: str | None = None
    kind: str | None = None
    body: str | None = None
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """One specific resolution or decision of a body, adopted or vetoed."""
    body: str
    key: str
    name: str
    number: str | None = None
    number_stated: bool | None = None
    symbol: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A named or clearly delineated plan, initiative, roadmap, framework or deal."""
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Sanction:
    """A measure imposed by an authority on a target."""
    key: str
    name: str
    kind: str | None = None
    commodity: str | None = None
    quantity: float | None = None
    unit: str | None = None
    period: str | None = None
    authority: str | None = None  # IRI of the State or Organization or Resolution
    target: str | None = None  # IRI of the State or Official or Person or Organization
    evidence: str | None = None  # IRI of the Article


@dataclass(frozen=True, slots=True)
class Article:
    """The source of every statement."""
    id: str
    source: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    read_from: str | None = None
    corrections: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """One relation as one article states it, with its evidence."""
    relation: str  # a relation type of the model
    subject: str  # IRI
    object: str  # IRI
    article: str
    sentence: str
    char_start: int
    char_end: int
    modality: str
    confidence: float
    trigger: str | None = None
    ref_date: str | None = None
    report_date: str | None = None
    position: str | None = None
    measure: str | None = None  # IRI of the Sanction


@dataclass(frozen=True, slots=True)
class Fact:
    """Every statement of one relation between the same two nodes, summarised."""
    relation: str  # a relation type of the model
    subject: str  # IRI
    object: str  # IRI
    statement_count: int
    first_date: str | None = None
    last_date: str | None = None
    latest_statement: str | None = None  # IRI of the Statement


NODE_RECORDS: dict[str, type] = {
    'State': State,
    'Official': Official,
    'Person': Person,
    'Organization': Organization,
    'Resolution': Resolution,
    'Proposal': Proposal,
    'Sanction': Sanction,
    'Article': Article,
}
