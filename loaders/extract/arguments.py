"""An argument of a predicate: the entity a token stands for, and the token."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .types import Entity


@dataclass
class Arg:
    entity: Entity
    token: Token


Allowed = tuple[str, ...] | None  # the entity types a reader wants, or any
