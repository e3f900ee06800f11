#!/usr/bin/env python3
"""Build loaders/data/triggers_cameo.yaml from PETRARCH-2's CAMEO verb dictionary.

Each verb of the dictionary carries a CAMEO event code (its own, or its block's);
each phrase pattern under a verb ("- * SANCTIONS [163]  # IMPOSE") carries a code for
the verb with that object. A code becomes one of our relation types through PLOVER's
CAMEO -> PLOVER table and loaders/data/cameo_mapping.yaml, where every choice has its
reason. Verbs the mapping excludes, and verbs whose CAMEO sense is not one of ours,
make no trigger. Hand-written triggers (triggers.yaml) take precedence at load time.

    python tools/build_triggers.py [--shared ../shared] [--check]

--check compares the generated file with the one in the repository and exits 1 when
they differ (the test suite runs it when the reference data is present).
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from generated import ROOT, arguments, write_or_check

OUT = ROOT / "loaders" / "data" / "triggers_cameo.yaml"
MAPPING = ROOT / "loaders" / "data" / "cameo_mapping.yaml"
DICTIONARY = "refdata/event_coding/petrarch2_dictionaries/CAMEO.2.0.txt"
PLOVER_TABLE = "refdata/event_coding/plover/CAMEO2PLOVER-2021.txt"

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^(\+?[A-Z][A-Z_\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(.*))?$")
PREPOSITIONS = {"with", "for", "to", "on", "against", "at", "into", "about", "from", "over", "upon", "between",
                "in", "of", "by", "under", "before", "after"}
PARTICLES = {"out", "down", "up", "off", "back", "in", "away", "forward"}
# Words a pattern may hold that say nothing of the object's kind.
NOISE = {"a", "an", "the", "of", "and", "or", "by", "as", "be", "been", "is", "was", "were", "will", "would",
         "that", "this", "it", "its", "their", "his", "her", "new", "all", "any"}


@dataclass(frozen=True)
class Trigger:
    relation: str
    lemma: str
    needs: tuple[str, ...] = ()
    particle: str | None = None
    preposition: str | None = None
    code: str = ""


def code_of(text: str) -> str | None:
    """A bracketed CAMEO code: '163' from '163', '041:041', '163:'; None for '---' or ':110'
    (a code for the target's reaction, not the source's act)."""
    head = text.split(":")[0].strip()
    return head if head.isdigit() else None


class Mapper:
    def __init__(self, mapping: dict, plover: dict[str, str]):
        self.plover_events = mapping["plover"]
        self.overrides = {str(k): v for k, v in mapping["codes"].items()}
        self.modalities = {str(k): v for k, v in mapping["modality"].items()}
        self.plover = plover

    @staticmethod
    def _longest(table: dict, code: str):
        for n in range(len(code), 0, -1):
            if code[:n] in table:
                return True, table[code[:n]]
        return False, None

    def relation(self, code: str) -> str | None:
        found, rel = self._longest(self.overrides, code)
        if found:
            return rel
        found, event = self._longest(self.plover, code)
        return self.plover_events.get(event) if found else None

    def modality(self, code: str) -> str | None:
        return self._longest(self.modalities, code)[1]


def read_plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event, from PLOVER's conversion table."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def split_word(word: str) -> tuple[str, str | None, str | None] | None:
    """'ACCUSE' -> ('accuse', None, None); '+CRACK_DOWN' -> ('crack', 'down', None);
    '+MEET_WITH' -> ('meet', None, 'with'); longer phrases are left out."""
    parts = word.lstrip("+").lower().replace("-", "_").split("_")
    parts = [p for p in parts if p]
    if len(parts) == 1:
        return parts[0], None, None
    if len(parts) == 2 and parts[1] in PARTICLES:
        return parts[0], parts[1], None
    if len(parts) == 2 and parts[1] in PREPOSITIONS:
        return parts[0], None, parts[1]
    return None


def object_words(pattern: str) -> tuple[str, ...]:
    """The content words after the verb's '*' in a pattern, lower-case, without
    synonym-set names, slot markers and grammatical words."""
    _, _, after = pattern.partition("*")
    words = []
    for raw in re.findall(r"[&$+%^]?[A-Za-z][A-Za-z_\-']*", after):
        if raw[0] in "&$+%^":
            continue
        for w in raw.lower().split("_"):
            if w and w not in NOISE and w not in PREPOSITIONS:
                words.append(w)
    return tuple(words)


def parse_dictionary(path: Path, mapper: Mapper, mapping: dict) -> tuple[list[Trigger], Counter]:
    exclude, blocks = set(mapping["exclude"]), set(mapping["exclude_blocks"])
    objects = {rel: set(words) for rel, words in mapping["pattern_objects"].items()}
    triggers: list[Trigger] = []
    skipped: Counter = Counter()
    block_code: str | None = None
    verbs: dict[str, tuple[str, str | None, str | None, str | None]] = {}  # word -> lemma, particle, prep, code
    in_patterns = False
    lines = path.read_text("utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    for line in lines[start + 1:]:
        line = line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = HEADER.match(line)
        if m:
            block_code, verbs, in_patterns = code_of(m.group(2)), {}, False
            if m.group(1) in blocks:
                block_code = None  # its verbs stay known to its patterns, as no relation
                skipped["excluded block"] += 1
            continue
        if line.startswith("-"):
            in_patterns = True
            p = PATTERN.match(line)
            if not p:
                skipped["unreadable pattern"] += 1
                continue
            code = code_of(p.group(2))
            named = (p.group(3) or "").split()
            owner = verbs.get(named[0].upper()) if named else None
            rel = mapper.relation(code) if code else None
            if owner is None or rel is None:
                skipped["pattern: no relation of ours" if owner else "pattern: verb not in block"] += 1
                continue
            lemma, particle, prep, own_code = owner
            if own_code and mapper.relation(own_code) == rel:
                continue  # the verb alone already says it
            needs = tuple(w for w in object_words(p.group(1)) if w in objects.get(rel, ()))
            if not needs or lemma in exclude:
                skipped["pattern: object not of the relation" if not needs else "excluded"] += 1
                continue
            triggers.append(Trigger(rel, lemma, needs, particle, prep, code))
            continue
        if in_patterns:
            continue
        v = VERB.match(line.strip())
        if not v:
            continue
        split = split_word(v.group(1))
        if split is None:
            skipped["multi-word verb"] += 1
            continue
        lemma, particle, prep = split
        code = code_of(v.group(3)[1:-1]) if v.group(3) else block_code
        verbs[v.group(1).lstrip("+").upper()] = (lemma, particle, prep, code)
        rel = mapper.relation(code) if code else None
        if rel is None:
            skipped["verb: no relation of ours"] += 1
        elif lemma in exclude:
            skipped["excluded"] += 1
        else:
            triggers.append(Trigger(rel, lemma, (), particle, prep, code))
    return triggers, skipped


def entries(triggers: list[Trigger], mapping: dict, mapper: Mapper) -> dict:
    """Our trigger data: relation -> verbs -> lemma -> spec. One lemma has one spec per
    relation: a verb that states the relation alone wins over patterns that need an
    object; object words of several patterns are pooled."""
    by_key: dict[tuple[str, str], dict] = {}
    pooled: dict[tuple[str, str], set[str]] = defaultdict(set)
    plain_keys: set[tuple[str, str]] = set()
    for t in triggers:
        key = (t.relation, t.lemma)
        plain = not t.needs
        spec = dict(mapping["slots"]["with_noun" if t.needs and t.relation == "SANCTIONS" else t.relation])
        spec["obj"] = list(spec["obj"])
        if t.preposition:
            spec["obj"] = [f"prep:{t.preposition}"]
            spec["only_with_prep"] = True
        if t.particle:
            spec["particle"] = t.particle
        mod = mapper.modality(t.code)
        if mod and mod != "threatened":  # THREATENS carries its modality for the whole type
            spec["modality"] = mod
        spec["cameo"] = t.code
        if key in plain_keys:
            continue  # the first verb that states the relation alone keeps it
        if plain:
            plain_keys.add(key)
            by_key[key] = spec
            pooled.pop(key, None)
        else:
            pooled[key].update(t.needs)
            by_key.setdefault(key, spec)
    out: dict = {}
    for (rel, lemma), spec in sorted(by_key.items()):
        if (rel, lemma) in pooled:
            spec["needs"] = sorted(pooled[(rel, lemma)])
        out.setdefault(rel, {"verbs": {}})["verbs"][lemma] = spec
    return out


def render(data: dict) -> str:
    counts = {rel: len(v["verbs"]) for rel, v in data.items()}
    head = [
        "# GENERATED by tools/build_triggers.py: do not edit; change cameo_mapping.yaml or",
        "# triggers.yaml (hand-written entries win) and run the tool again.",
        "#",
        "# Source: PETRARCH-2 CAMEO verb dictionary (CAMEO.2.0.txt), MIT licence,",
        "#   (c) 2015 Open Event Data Alliance, from openeventdata/petrarch2;",
        "# through PLOVER's CAMEO -> PLOVER table (CAMEO2PLOVER-2021.txt), CC BY-SA 4.0,",
        "#   (c) 2021 Open Event Data Alliance, from openeventdata/PLOVER.",
        "# This file is a derivative of the latter and is shared under CC BY-SA 4.0.",
        "# `cameo` names the CAMEO code each entry comes from.",
        f"# Entries by relation: {counts}",
    ]
    body = yaml.safe_dump(data, sort_keys=True, default_flow_style=None, width=120, allow_unicode=True)
    return "\n".join(head) + "\n" + body


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, argv)
    mapping = yaml.safe_load(MAPPING.read_text("utf-8"))
    mapper = Mapper(mapping, read_plover(args.shared / PLOVER_TABLE))
    triggers, skipped = parse_dictionary(args.shared / DICTIONARY, mapper, mapping)
    text = render(entries(triggers, mapping, mapper))
    return write_or_check(OUT, text, args.check, f"{len(triggers)} dictionary entries; left out: {dict(skipped)}")


if __name__ == "__main__":
    sys.exit(main())
