"""Generated from schema/model.yaml by `skg schema generate`; do not edit."""
from enum import Enum


class NodeType(str, Enum):
    STATE = "State"
    OFFICIAL = "Official"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    RESOLUTION = "Resolution"
    PROPOSAL = "Proposal"
    SANCTION = "Sanction"
    ARTICLE = "Article"


class RelationType(str, Enum):
    OFFICIAL_OF = "OFFICIAL_OF"
    ADOPTED = "ADOPTED"
    PROPOSED = "PROPOSED"
    SUPPORTS = "SUPPORTS"
    OPPOSES = "OPPOSES"
    ABSTAINED = "ABSTAINED"
    VIOLATES = "VIOLATES"
    SANCTIONS = "SANCTIONS"
    CALLS_ON = "CALLS_ON"
    ACCUSES = "ACCUSES"
    THREATENS = "THREATENS"
    CONSULTS = "CONSULTS"
    MEDIATES = "MEDIATES"


class Modality(str, Enum):
    ASSERTED = "asserted"
    OFFERED = "offered"
    THREATENED = "threatened"
    HEDGED = "hedged"


RELATION_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    'OFFICIAL_OF': (('Official',), ('State',)),
    'ADOPTED': (('Organization',), ('Resolution',)),
    'PROPOSED': (('State', 'Official', 'Organization'), ('Proposal', 'Resolution')),
    'SUPPORTS': (('State', 'Official', 'Organization'), ('Resolution', 'Proposal')),
    'OPPOSES': (('State', 'Official', 'Organization'), ('Resolution', 'Proposal')),
    'ABSTAINED': (('State', 'Official', 'Organization'), ('Resolution',)),
    'VIOLATES': (('State', 'Organization'), ('Resolution',)),
    'SANCTIONS': (('State', 'Organization', 'Resolution'), ('State', 'Official', 'Person', 'Organization')),
    'CALLS_ON': (('State', 'Official', 'Organization', 'Resolution', 'Proposal'), ('State', 'Official', 'Organization')),
    'ACCUSES': (('State', 'Official', 'Organization'), ('State', 'Official', 'Organization', 'Person')),
    'THREATENS': (('State', 'Official', 'Organization'), ('State', 'Official', 'Organization')),
    'CONSULTS': (('State', 'Official', 'Organization'), ('State', 'Official', 'Organization')),
    'MEDIATES': (('State', 'Official', 'Organization'), ('State', 'Organization')),
}
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({'CONSULTS'})
