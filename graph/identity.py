"""Stable identities: the IRI of every node, from the model's identity properties.

The same thing named in two articles gets the same IRI, so it is one node: states by
ISO 3166 alpha-3, resolutions by body and number, officials, people, organisations and
proposals by their normalised name (an official's full name from the leaders table when
the article gives only a surname).
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from ..loaders.extract.lexicon import slug
from ..schema import load_model

TYPE_SEGMENT = {name: nt.iri_segment for name, nt in load_model().node_types.items()}


def node_key(entity: dict) -> str:
    """The identity of an extracted entity within its type, as the IRI spells it."""
    kind = entity["type"]
    if kind == "State":
        return entity["iso3"]
    if kind == "Resolution":
        number = entity.get("number") or entity["key"].split("/", 1)[1]
        return f"{entity.get('body') or 'UN'}/{quote(str(number), safe='')}"
    return slug(entity["name"])


def node_iri(entity: dict) -> str:
    return f"{load_model().id_base}{TYPE_SEGMENT[entity['type']]}/{node_key(entity)}"


def article_iri(article_id: str) -> str:
    return f"{load_model().id_base}{TYPE_SEGMENT['Article']}/{article_id}"


def nodes_graph_iri() -> str:
    """The named graph that describes each node once (type, label, identity properties);
    what articles say about nodes lives in the articles' own graphs."""
    return f"{load_model().id_base}graph/nodes"


def facts_graph_iri() -> str:
    """The named graph of fact summaries (`graph/facts.py`): derived from the article
    graphs, kept current as they come and go."""
    return f"{load_model().id_base}graph/facts"


def fact_iri(rel_type: str, source: str, target: str) -> str:
    """One fact per relation type between the same two nodes, whatever the articles."""
    digest = hashlib.sha1(f"{rel_type}|{source}|{target}".encode()).hexdigest()[:16]
    return f"{load_model().id_base}fact/{digest}"


def statement_iri(article_id: str, rel_type: str, source: str, target: str, start: int) -> str:
    """One statement per relation per evidence sentence of an article."""
    digest = hashlib.sha1(f"{article_id}|{rel_type}|{source}|{target}|{start}".encode()).hexdigest()[:16]
    return f"{load_model().id_base}statement/{digest}"


def sanction_iri(article_id: str, measure_id: str) -> str:
    return f"{load_model().id_base}{TYPE_SEGMENT['Sanction']}/{article_id}-{measure_id.split(':')[-1]}"
