"""Stable identities, as the stores use them: made in the model's package
(schema/identity.py), from each type's identity properties, so the extractor, the
corrections and every store share one function. Kept here so graph/ code can say
`from .identity import ...` as it always did."""
from __future__ import annotations

from ..schema.identity import (article_iri, fact_iri, facts_graph_iri, node_iri, node_key,  # noqa: F401
                               nodes_graph_iri, sanction_iri, statement_iri)
