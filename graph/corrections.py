"""An analyst's corrections, kept in one YAML file and applied to every extraction row
before any store sees it, so they hold in the embedded store, Neo4j and a SPARQL store
alike and survive re-ingesting: the rules fix the extractor's output, not one copy of
the graph.

    retract:                      # statements that are wrong
      - relation: SANCTIONS
        source: China             # a node: its name, ISO code, or IRI (state/CHN)
        target: North Korea
        article: 2f1c0a9b8e7d6c5b  # optional: only in this article (id or source)
        sentence: on Monday       # optional: only where the sentence contains this
    merge:                        # two nodes that are one
      - from: Kim Jong Un
        into: {type: Official, name: Kim Jong-un}
    retype:                       # a node of the wrong type
      - node: Hamas
        type: Organization
    forget:                       # articles to keep out of the graph
      - 2f1c0a9b8e7d6c5b

Every stored article records the fingerprint of the corrections it was written with
(`skg:corrections`); an ingest with other corrections rewrites the articles stored
under the old ones, so an edit of the file reaches the whole graph.
"""
from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Errors, SkgError
from ..schema import load_model
from ..schema.identity import fold, node_iri, slug

RULES = ("retract", "merge", "retype", "forget")


@dataclass(frozen=True)
class Corrections:
    retract: list[dict] = field(default_factory=list)
    merge: list[dict] = field(default_factory=list)
    retype: list[dict] = field(default_factory=list)
    forget: list[str] = field(default_factory=list)
    fingerprint: str = ""

    def forgets(self, article: dict) -> bool:
        """Whether the file says to keep this article (a row's header) out."""
        return bool({article.get("id"), article.get("source")} & set(self.forget))

    def apply(self, row: dict) -> dict:
        """The row as corrected: nodes merged and retyped, statements retracted; the
        row itself is left as it was. The result carries the fingerprint."""
        out = copy.deepcopy(row)
        out["article"]["corrections"] = self.fingerprint
        # a rule may name a node as extracted or as corrected (what the graph shows)
        as_extracted = {e["id"]: e for e in row["entities"]}
        for ent in out["entities"]:
            for rule in self.merge:
                if _names(ent, rule["from"]):
                    _become(ent, rule["into"])
            for rule in self.retype:
                if _names(ent, rule["node"]):
                    _become(ent, {k: v for k, v in rule.items() if k != "node"} | {"name": ent["name"]})
        by_id = {e["id"]: e for e in out["entities"]}
        out["relations"] = [r for r in out["relations"] if not any(
            _retracts(rule, r, ends, out["article"]) for rule in self.retract for ends in (as_extracted, by_id))]
        return out


def load(path: str | Path | None) -> Corrections | None:
    """The corrections in a YAML file, checked; None without a file."""
    if path is None:
        return None
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise SkgError(Errors.E028.format(path=path, reason=err)) from err
    if not isinstance(data, dict) or set(data) - set(RULES):
        raise SkgError(Errors.E028.format(path=path, reason=f"the top level takes only {', '.join(RULES)}"))
    for rule in RULES:
        if not isinstance(data.get(rule) or [], list):
            raise SkgError(Errors.E028.format(path=path, reason=f"{rule} takes a list (one '- ...' line an entry), "
                                                                 f"not {data[rule]!r}"))
    model = load_model()
    for i, rule in enumerate(data.get("retract") or []):
        if not isinstance(rule, dict) or not {"relation", "source", "target"} <= set(rule):
            raise SkgError(Errors.E028.format(path=path, reason=f"retract #{i + 1} needs relation, source and target"))
        if model.relation_named(rule["relation"]) is None:
            raise SkgError(Errors.E028.format(path=path, reason=f"retract #{i + 1}: no relation {rule['relation']}"))
    for i, rule in enumerate(data.get("merge") or []):
        if not isinstance(rule, dict) or "from" not in rule or not isinstance(rule.get("into"), dict):
            raise SkgError(Errors.E028.format(path=path, reason=f"merge #{i + 1} needs from and into {{type, name}}"))
        _check_node(path, f"merge #{i + 1}", rule["into"], model)
    for i, article in enumerate(data.get("forget") or []):
        if not isinstance(article, (str, int)) or isinstance(article, bool):
            raise SkgError(Errors.E028.format(path=path, reason=f"forget #{i + 1} takes an article id or source"))
    for i, rule in enumerate(data.get("retype") or []):
        if not isinstance(rule, dict) or "node" not in rule or "type" not in rule:
            raise SkgError(Errors.E028.format(path=path, reason=f"retype #{i + 1} needs node and type"))
        _check_node(path, f"retype #{i + 1}", rule | {"name": "x"}, model)
    fingerprint = hashlib.sha256(yaml.safe_dump(data, sort_keys=True).encode()).hexdigest()[:16]
    return Corrections(list(data.get("retract") or []), list(data.get("merge") or []),
                       list(data.get("retype") or []), [str(a) for a in data.get("forget") or []], fingerprint)


def _check_node(path: Path, where: str, spec: dict, model) -> None:
    kind = spec.get("type")
    if kind not in model.named_types():
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: no node type {kind!r}"))
    if kind == "State" and not str(spec.get("iso3", "")).isalpha():
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: a State needs its iso3"))
    if "name" not in spec:
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: give the node's name"))


def _names(ent: dict, spec: object) -> bool:
    """Whether a rule's node reference means this entity: its name (any case and
    accents), its ISO code, or its IRI, whole or from the type segment on."""
    wanted = str(spec).strip()
    if not wanted:
        return False
    names = {ent.get("name"), ent.get("iso3")}
    if fold(wanted) in {fold(n) for n in names if n}:
        return True
    iri = node_iri(ent)
    return iri == wanted or iri.endswith("/" + wanted.strip("/"))


def _become(ent: dict, spec: dict) -> None:
    """Make an entity the node `spec` describes: its type, name and identity; of what
    the article said of it, only the properties the new type has and that do not make
    up an identity are kept (an official's role, not its old number or code)."""
    model = load_model()
    old, new = model.node_types[ent["type"]], model.node_types[spec.get("type", ent["type"])]
    for prop in [k for k in ent if k not in model.row_fields]:
        if prop not in new.properties or prop in old.identity or prop in new.identity:
            ent.pop(prop)
    ent.update({k: v for k, v in spec.items() if k != "type"})
    ent["type"] = new.name
    ent["key"] = ent.get("iso3") or slug(ent["name"])
    if ent["type"] == "Resolution":
        ent["key"] = f"{ent.get('body', 'UN')}/{ent.get('number') or slug(ent['name'])}"


def _retracts(rule: dict, rel: dict, by_id: dict, article: dict) -> bool:
    if rel["type"] != load_model().relation_named(rule["relation"]):
        return False
    source, target = by_id.get(rel["source"]), by_id.get(rel["target"])
    if source is None or target is None or not (_names(source, rule["source"]) and _names(target, rule["target"])):
        return False
    if rule.get("article") and str(rule["article"]) not in (article.get("id"), article.get("source")):
        return False
    return not rule.get("sentence") or fold(str(rule["sentence"])) in fold(rel["evidence"]["sentence"])
