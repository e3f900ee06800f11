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
    add:                          # a fact the extractor missed, with its evidence
      - relation: SANCTIONS
        source: Japan             # a node of the article, a state by name, or {type, name}
        target: Iran
        article: 2f1c0a9b8e7d6c5b  # the article that states it (id or source)
        quote: froze the assets of three Iranian banks   # its words (or start: and end: offsets)

A node is named as the answers show it: its label ("UNSC resolution S/2023/506"), a
state's name, alias or code, its key (`skg find` prints it: state/IRN) or its IRI. Bound
to a store (`bind`), a label names every node stored under it, whatever the article
called it. Each rule counts what it matched, so a rule that matched nothing is reported
(`unmatched`), and `check` says what each rule would do to a stored graph.

Every stored article records the fingerprint of the corrections it was written with
(`skg:corrections`); an ingest with other corrections rewrites the articles stored
under the old ones, so an edit of the file reaches the whole graph.
"""
from __future__ import annotations

import copy
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

from ..errors import Errors, SkgError
from ..schema import load_model
from ..schema.identity import fold, node_iri, slug

RULES = ("retract", "merge", "retype", "forget", "add")


@dataclass(frozen=True)
class Corrections:
    retract: list[dict] = field(default_factory=list)
    merge: list[dict] = field(default_factory=list)
    retype: list[dict] = field(default_factory=list)
    forget: list[str] = field(default_factory=list)
    fingerprint: str = ""
    add: list[dict] = field(default_factory=list)
    # what each rule ("retract #1") matched so far, and why an `add` was not made
    hits: Counter = field(default_factory=Counter, compare=False)
    refused: dict[str, str] = field(default_factory=dict, compare=False)
    # a node reference -> the IRIs of the stored nodes labelled so (`bind`)
    stored: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    aka: dict[str, set[str]] = field(default_factory=dict, compare=False)  # the row's names of each node IRI

    def rules(self) -> list[tuple[str, object]]:
        """Every rule with its name as messages give it ("retract #2"), in file order."""
        return [(f"{kind} #{i + 1}", rule) for kind in RULES for i, rule in enumerate(getattr(self, kind))]

    def references(self) -> set[str]:
        """The node references the rules make (strings; `{type, name}` nodes are new)."""
        refs = {r[k] for r in self.retract + self.add for k in ("source", "target") if isinstance(r[k], str)}
        return refs | {str(r["from"]) for r in self.merge} | {str(r["node"]) for r in self.retype}

    def bind(self, store) -> Corrections:
        """Let a label the answers show name every node stored under it: each reference
        is looked up in the store (graph/find.py) and the IRIs of the nodes whose label
        it is are remembered, so an article that calls the node otherwise is matched."""
        from .find import find

        for ref in self.references():
            rows = find(store, ref).rows
            self.stored[fold(ref)] = frozenset(r[3] for r in rows if fold(str(r[1])) == fold(ref))
        return self

    def forgets(self, article: dict) -> bool:
        """Whether the file says to keep this article (a row's header) out."""
        ids = {article.get("id"), article.get("source")}
        hit = [i for i, a in enumerate(self.forget) if a in ids]
        for i in hit:
            self.hits[f"forget #{i + 1}"] += 1
        return bool(hit)

    def wants_text(self, article: dict) -> bool:
        """Whether an `add` rule names this article: its text is then needed to find the quote."""
        return any(_is_article(rule["article"], article) for rule in self.add)

    def apply(self, row: dict, text: str | None = None) -> dict:
        """The row as corrected: nodes merged and retyped, statements retracted, facts
        added (their quotes found in `text`, the article's); the row itself is left as it
        was. The result carries the fingerprint."""
        out = copy.deepcopy(row)
        out["article"]["corrections"] = self.fingerprint
        # a rule may name a node as extracted or as corrected (what the graph shows), and
        # by any name the article gives it (a draft and the resolution it became are one node)
        as_extracted = {e["id"]: dict(e) for e in row["entities"]}
        self.aka.clear()
        for ent in row["entities"]:
            self.aka.setdefault(node_iri(ent), set()).update(_labels(ent))
        for ent in out["entities"]:
            for i, rule in enumerate(self.merge):
                if self._names(ent, rule["from"]):
                    self.hits[f"merge #{i + 1}"] += 1
                    _become(ent, rule["into"])
            for i, rule in enumerate(self.retype):
                if self._names(ent, rule["node"]):
                    self.hits[f"retype #{i + 1}"] += 1
                    _become(ent, {k: v for k, v in rule.items() if k != "node"} | {"name": ent["name"]})
        by_id = {e["id"]: e for e in out["entities"]}
        kept = []
        for rel in out["relations"]:
            hit = [i for i, rule in enumerate(self.retract)
                   if any(self._retracts(rule, rel, ends, out["article"]) for ends in (as_extracted, by_id))]
            for i in hit:
                self.hits[f"retract #{i + 1}"] += 1
            if not hit:
                kept.append(rel)
        out["relations"] = kept
        for i, rule in enumerate(self.add):
            if _is_article(rule["article"], out["article"]):
                self._add(f"add #{i + 1}", rule, out, text)
        return out

    def unmatched(self) -> list[str]:
        """The rules that matched nothing so far, each as a message (E140) naming the
        rule and what it says, with the reason an `add` was not made (E141)."""
        found = []
        for name, rule in self.rules():
            if name in self.refused:
                found.append(Errors.E141.format(rule=name, reason=self.refused[name]))
            elif not self.hits[name]:
                found.append(Errors.E140.format(rule=name, says=_says(rule)))
        return found

    # ---- matching --------------------------------------------------------------------
    def _names(self, ent: dict, spec: object) -> bool:
        """Whether a rule's node reference means this entity (`_refers`), by any name
        its article gives the node."""
        iri = node_iri(ent)
        names = _labels(ent) | self.aka.get(iri, set())
        return self._refers(spec, names, ent.get("iso3"), ent.get("type"), iri)

    def _refers(self, spec: object, names: set[str], iso3: str | None, kind: str | None, iri: str) -> bool:
        """Whether a rule's node reference means this node: one of its names (any case
        and accents), a state's name, alias or code, its key or IRI, or (bound to a
        store) the label of the stored node it is."""
        wanted = str(spec).strip()
        if not wanted:
            return False
        if fold(wanted) in {fold(n) for n in names | {iso3} if n}:
            return True
        if kind == "State" and iso3 and iso3 == _state(wanted):
            return True
        if iri in self.stored.get(fold(wanted), ()):
            return True
        return any(form == wanted or form.endswith("/" + wanted.strip("/")) for form in (iri, unquote(iri)))

    def _retracts(self, rule: dict, rel: dict, by_id: dict, article: dict) -> bool:
        if rel["type"] != load_model().relation_named(rule["relation"]):
            return False
        source, target = by_id.get(rel["source"]), by_id.get(rel["target"])
        if source is None or target is None or not (self._names(source, rule["source"])
                                                    and self._names(target, rule["target"])):
            return False
        if rule.get("article") and not _is_article(rule["article"], article):
            return False
        return not rule.get("sentence") or fold(str(rule["sentence"])) in fold(rel["evidence"]["sentence"])

    # ---- adding ------------------------------------------------------------------------
    def _add(self, name: str, rule: dict, row: dict, text: str | None) -> None:
        """Add the rule's fact to its article's row, or record why not (`refused`)."""
        if text is None:
            self.refused[name] = ("the article came without its text (an extraction row), so the quote cannot "
                                  "be checked; add it with `skg ingest` of the article")
            return
        try:
            evidence = _evidence(rule, text)
            ends = [self._end(rule[k], row) for k in ("source", "target")]
        except ValueError as err:
            self.refused[name] = str(err)
            return
        model = load_model()
        kind = model.relation_named(rule["relation"])
        if not model.allows(kind, ends[0]["type"], ends[1]["type"]):
            self.refused[name] = f"the model does not allow {kind} from a {ends[0]['type']} to a {ends[1]['type']}"
            return
        relation = {"type": kind, "source": ends[0]["id"], "target": ends[1]["id"], "evidence": evidence,
                    "trigger": rule.get("trigger") or evidence["sentence"][evidence["start"] - evidence["sentence_start"]:
                                                                          evidence["end"] - evidence["sentence_start"]],
                    "modality": rule.get("modality", "asserted"), "confidence": 1.0}
        relation |= {k: str(rule[k]) for k in ("position", "date") if rule.get(k)}
        if "date" in relation:
            relation["ref_date"] = relation.pop("date")
        self.refused.pop(name, None)
        self.hits[name] += 1
        row["relations"].append(relation)

    def _end(self, spec: object, row: dict) -> dict:
        """The entity of the row an `add` end means, added to the row when new: a node
        the article names, a state by name, alias or code, or a `{type, name}` node."""
        if isinstance(spec, dict):
            ent = {"id": f"added:{len(row['entities'])}", "type": spec["type"], "name": spec["name"], "mentions": []}
            _become(ent, spec)
        else:
            found = next((e for e in row["entities"] if self._names(e, spec)), None)
            if found is not None:
                return found
            code = _state(str(spec))
            if not code:
                raise ValueError(f"{spec!r} names no node of the article and no state; give it as {{type, name}}")
            ent = {"id": f"state:{code}", "type": "State", "name": _state_name(code), "key": code, "iso3": code,
                   "mentions": []}
        known = next((e for e in row["entities"] if node_iri(e) == node_iri(ent)), None)
        if known is not None:
            return known
        row["entities"].append(ent)
        return ent


def _labels(ent: dict) -> set[str]:
    """The names an entity is shown by: its own and, for a numbered resolution, the
    label the extractor gives one ("UNSC resolution S/2023/506"), whatever the article
    called it ("the draft S/2023/506")."""
    names = {ent["name"]} if ent.get("name") else set()
    if ent.get("type") == "Resolution" and ent.get("number"):
        names.add(f"{ent.get('body') or 'UN'} resolution {ent['number']}")
    return names


def _says(rule: object) -> str:
    """A rule as a message shows it: its fields, on one line."""
    if isinstance(rule, dict):
        return ", ".join(f"{k}: {v}" for k, v in rule.items())
    return str(rule)


def _is_article(given: object, article: dict) -> bool:
    return str(given) in (article.get("id"), article.get("source"))


def _state(given: str) -> str:
    """A state's ISO code from its name, alias or code, or "" (never an error)."""
    from .states import _key, forms

    hit = forms().get(_key(given))
    return hit[0] if hit else ""


def _state_name(code: str) -> str:
    from .states import forms

    return next(name for iso3, name in forms().values() if iso3 == code)


SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")


def _evidence(rule: dict, text: str) -> dict:
    """The evidence of an `add`: its span (the quote found in the text, or the offsets
    given) and the sentence around it, as the extractor gives evidence."""
    if "quote" in rule:
        quote = " ".join(str(rule["quote"]).split())
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        found = re.search(pattern, text)
        if found is None:
            raise ValueError(f"the quote {quote!r} is not in the article's text")
        start, end = found.span()
    else:
        start, end = rule["start"], rule["end"]
        if end > len(text):
            raise ValueError(f"the offsets {start}-{end} lie past the article's end ({len(text)} characters)")
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= start)
    last = min((b for b in bounds if b >= end), default=len(text))
    sentence = text[first:last].rstrip()
    return {"sentence": sentence, "sentence_start": first, "start": start, "end": min(end, first + len(sentence))}

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
    for kind in RULES:
        for i, rule in enumerate(data.get(kind) or []):
            CHECKS[kind](path, f"{kind} #{i + 1}", rule, model)
    fingerprint = hashlib.sha256(yaml.safe_dump(data, sort_keys=True).encode()).hexdigest()[:16]
    return Corrections(list(data.get("retract") or []), list(data.get("merge") or []),
                       list(data.get("retype") or []), [str(a) for a in data.get("forget") or []], fingerprint,
                       list(data.get("add") or []))


def _refuse(path: Path, where: str, reason: str) -> None:
    raise SkgError(Errors.E028.format(path=path, reason=f"{where}: {reason}"))


def _check_retract(path: Path, where: str, rule: object, model) -> None:
    if not isinstance(rule, dict) or not {"relation", "source", "target"} <= set(rule):
        _refuse(path, where, "needs relation, source and target")
    if model.relation_named(rule["relation"]) is None:
        _refuse(path, where, f"no relation {rule['relation']}")


def _check_merge(path: Path, where: str, rule: object, model) -> None:
    if not isinstance(rule, dict) or "from" not in rule or not isinstance(rule.get("into"), dict):
        _refuse(path, where, "needs from and into {type, name}")
    _check_node(path, where, rule["into"], model)


def _check_retype(path: Path, where: str, rule: object, model) -> None:
    if not isinstance(rule, dict) or "node" not in rule or "type" not in rule:
        _refuse(path, where, "needs node and type")
    _check_node(path, where, rule | {"name": "x"}, model)


def _check_forget(path: Path, where: str, article: object, model) -> None:
    if not isinstance(article, (str, int)) or isinstance(article, bool):
        _refuse(path, where, "takes an article id or source")


ADD_FIELDS = {"relation", "source", "target", "article", "quote", "start", "end", "date", "position", "modality",
              "trigger"}


def _check_add(path: Path, where: str, rule: object, model) -> None:
    """An `add` rule as it can be checked before any article is read: its fields, the
    relation, new nodes, the evidence (a quote, or offsets), a date and a position the
    model takes, and the types of its ends where they are known."""
    def refuse(reason: str) -> None:
        _refuse(path, where, reason)
    if not isinstance(rule, dict) or not {"relation", "source", "target", "article"} <= set(rule):
        refuse("needs relation, source, target and article (and quote, or start and end)")
    if set(rule) - ADD_FIELDS:
        refuse(f"no field {sorted(set(rule) - ADD_FIELDS)[0]!r}; an add takes {', '.join(sorted(ADD_FIELDS))}")
    kind = model.relation_named(rule["relation"])
    if kind is None:
        refuse(f"no relation {rule['relation']}")
    if ("quote" in rule) == ("start" in rule or "end" in rule):
        refuse("give the evidence either as quote (the article's words) or as start and end (offsets), not both")
    if "quote" in rule and not str(rule["quote"]).strip():
        refuse("the quote is empty")
    if "start" in rule and not (isinstance(rule.get("start"), int) and isinstance(rule.get("end"), int)
                                and 0 <= rule["start"] < rule["end"]):
        refuse("start and end are offsets into the article's text, 0 <= start < end")
    for key in ("position", "modality"):
        allowed = model.edge_properties[key].values
        if rule.get(key) is not None and str(rule[key]) not in allowed:
            refuse(f"{key} {rule[key]!r} is none of {', '.join(allowed)}")
    if rule.get("date") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(rule["date"])):
        refuse(f"date {rule['date']!r} is not YYYY-MM-DD")
    types = []
    for end in ("source", "target"):
        spec = rule[end]
        if isinstance(spec, dict):
            _check_node(path, f"{where} {end}", spec, model)
            types.append(spec["type"])
        else:
            types.append("State" if _state(str(spec)) else None)
    if None not in types and not model.allows(kind, *types):
        refuse(f"the model does not allow {kind} from a {types[0]} to a {types[1]}")


CHECKS = {"retract": _check_retract, "merge": _check_merge, "retype": _check_retype, "forget": _check_forget,
          "add": _check_add}


def _check_node(path: Path, where: str, spec: dict, model) -> None:
    kind = spec.get("type")
    if kind not in model.named_types():
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: no node type {kind!r}"))
    if kind == "State" and not str(spec.get("iso3", "")).isalpha():
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: a State needs its iso3"))
    if "name" not in spec:
        raise SkgError(Errors.E028.format(path=path, reason=f"{where}: give the node's name"))


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


def check(fixes: Corrections, store) -> list[dict[str, str]]:
    """What each rule would do to the stored graph, nothing written: one row per rule
    (its name, what it says, what it would do, or that it matches nothing). Read from
    the store's graph (graph/network.py), so every store answers alike."""
    fixes.bind(store)
    G = store.graph()
    articles = {iri.rsplit("/", 1)[-1]: values for iri, values in G.graph.get("articles", {}).items()}
    articles = {a: articles[a] for a in sorted(articles)}

    def nodes(ref: object) -> list[str]:
        return sorted(n for n, d in G.nodes(data=True)
                      if fixes._refers(ref, {d.get("name")} - {None}, d.get("iso3"), d.get("type"), n))

    def shown(iris: list[str]) -> str:
        return ", ".join(f"{G.nodes[n].get('name')} ({n.split('/id/', 1)[-1]})" for n in iris)

    def article_of(given: object) -> str | None:
        return next((a for a, v in articles.items() if str(given) in (a, v.get("source"))), None)
    rows = []
    for name, rule in fixes.rules():
        kind = name.split(" #")[0]
        if kind == "retract":
            would = _would_retract(rule, fixes, G, article_of)
        elif kind in ("merge", "retype"):
            found = nodes(rule["from"] if kind == "merge" else rule["node"])
            target = rule["into"] if kind == "merge" else {"type": rule["type"]}
            into = f"{target['type']} {target['name']}" if "name" in target else f"a {target['type']}"
            would = found and f"make {shown(found)} {'one node: ' if kind == 'merge' else ''}{into}"
        elif kind == "forget":
            found = article_of(rule)
            n = sum(1 for *_, d in G.edges(data=True) if found and d["article"].endswith("/" + found))
            would = found and (f"forget article {found} ({articles[found].get('title') or articles[found].get('source')}),"
                               f" {n} statement(s)")
        else:
            would = _would_add(rule, article_of(rule["article"]), nodes)
        rows.append({"rule": name, "says": _says(rule), "would": would or NOTHING})
    return rows


NOTHING = "nothing: it matches nothing stored"


def _would_retract(rule: dict, fixes: Corrections, G, article_of) -> str:
    """How many stored statements a retract would remove, from how many articles."""
    def means(ref: object, n: str) -> bool:
        d = G.nodes[n]
        return fixes._refers(ref, {d.get("name")} - {None}, d.get("iso3"), d.get("type"), n)
    kind = load_model().relation_named(rule["relation"])
    wanted = article_of(rule["article"]) if rule.get("article") else None
    hit = {(d["article"], k) for u, v, k, d in G.edges(keys=True, data=True)
           if d["type"] == kind and means(rule["source"], u) and means(rule["target"], v)
           and (not rule.get("article") or d["article"].rsplit("/", 1)[-1] == wanted)
           and (not rule.get("sentence") or fold(str(rule["sentence"])) in fold(d.get("sentence", "")))}
    return f"remove {len(hit)} statement(s) from {len({a for a, _ in hit})} article(s)" if hit else ""


def _would_add(rule: dict, article: str | None, nodes) -> str:
    """What an `add` would do: the article must be stored, each end a stored node, a
    state or a new `{type, name}` node; the quote is found when the article is ingested."""
    if article is None:
        return ""
    ends = []
    for end in ("source", "target"):
        spec = rule[end]
        if isinstance(spec, dict):
            ends.append(f"a new {spec['type']} {spec['name']}")
        elif found := nodes(spec):
            ends.append(found[0].split("/id/", 1)[-1])
        elif _state(str(spec)):
            ends.append(f"state/{_state(str(spec))}")
        else:
            return f"nothing: {spec!r} names no stored node and no state; give it as {{type, name}}"
    evidence = f"quote {rule['quote']!r}" if "quote" in rule else f"characters {rule['start']}-{rule['end']}"
    return (f"add {load_model().relation_named(rule['relation'])} {ends[0]} -> {ends[1]} to article {article} "
            f"({evidence}, found in its text when it is ingested with the file)")
