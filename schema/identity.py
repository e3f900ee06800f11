"""Stable identities: how names are compared and how each node's IRI is made, from the
identity properties `model.yaml` declares for its type.

The same thing named in two articles gets the same IRI, so it is one node: states by
ISO 3166 alpha-3, resolutions by body and number, officials, people, organisations and
proposals by their normalised name. Why here, in the model's package: the extractor
(its matching keys), the corrections (which node a rule names) and the stores (the
IRIs they write) used to compute identity each in their own way, from the lexicon's
text normaliser; now they all ask this module, which neither reads text nor stores
anything, so graph/ no longer needs loaders/ for it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from . import load_model

# A resolution whose body the text does not name is the UN's (the body identifies it).
DEFAULT_BODY = "UN"


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: the key names are compared on."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A name as an identifier segment: folded words joined by hyphens (a hash where
    nothing is left, so that two such names do not become one). Cached: every
    article written names the same few thousand."""
    return re.sub(r"\s+", "-", fold(text)) or hashlib.sha1(text.encode()).hexdigest()[:10]


def identity_values(entity: dict) -> dict[str, str]:
    """The values of the identity properties of the entity's type (model.yaml's
    `identity` list, in its order), from an entity as an extraction row gives it.

    Most are read as they are (a state's iso3, a resolution's body). The `key` is the
    node's own: a type that numbers its nodes (a `number` property: resolutions) is
    keyed by the number, else by the tail of the row's matching key; any other type
    by its name, slugged (the row's `key` is the extractor's matching key, not this)."""
    nt = load_model().node_types[entity["type"]]
    values = {}
    for prop in nt.identity:
        if prop != "key":
            values[prop] = str(entity.get(prop) or (DEFAULT_BODY if prop == "body" else entity[prop]))
        elif "number" in nt.properties:
            values[prop] = str(entity.get("number") or entity["key"].split("/", 1)[1])
        else:
            values[prop] = slug(entity["name"])
    return values


def node_key(entity: dict) -> str:
    """The identity of an extracted entity within its type, as the IRI spells it: its
    identity values, each escaped, joined by '/'."""
    return "/".join(quote(v, safe="") for v in identity_values(entity).values())


def _segment(kind: str) -> str:
    return load_model().node_types[kind].iri_segment


def node_iri(entity: dict) -> str:
    return f"{load_model().id_base}{_segment(entity['type'])}/{node_key(entity)}"


def article_iri(article_id: str) -> str:
    return f"{load_model().id_base}{_segment('Article')}/{article_id}"


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
    return f"{load_model().id_base}{_segment('Sanction')}/{article_id}-{measure_id.split(':')[-1]}"
