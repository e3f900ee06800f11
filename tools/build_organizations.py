#!/usr/bin/env python3
"""Build loaders/data/organizations_phoenix.yaml from PETRARCH-2's actor dictionaries.

Two dictionaries name organisations the hand-written `organizations.yaml` does not:
`Phoenix.International.actors.txt` (intergovernmental organisations, their organs,
agencies, commissions, missions and banks, coded IGO...) and
`Phoenix.MilNonState.actors.txt` (non-state armed groups, from the START TOPS
database). An entry is a name with its synonyms (`+NAME` lines) and its codes:

    INTERNATIONAL_MONETARY_FUND_ [IGOBUSIMF]
    ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]
    +ADEN_ISLAMIC_ARMY_

The dictionaries are upper case. A name is kept when it reads as an organisation's
name (it has a head word such as "agency", "commission", "army" from the `phoenix:`
section of organizations.yaml, at least two words, and no state's name in it: a
bilateral commission or a state's own body is not an international actor) and its
casing is rebuilt (small words lower case, the dictionary's acronyms upper case).
Single-word acronyms become the acronym of the entry's full name, or an organisation
of their own when the entry has none. People, generic nouns ("UN envoy") and
names the hand-written file already has are left out; the hand-written file wins.

    python tools/build_organizations.py [--shared ../shared] [--check]
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from generated import ROOT, arguments, write_or_check

OUT = ROOT / "loaders" / "data" / "organizations_phoenix.yaml"
HAND = ROOT / "loaders" / "data" / "organizations.yaml"
COUNTRIES = ROOT / "loaders" / "data" / "countries.json"
DICTIONARIES = "refdata/event_coding/petrarch2_dictionaries"
SOURCES = {"Phoenix.International.actors.txt": ("igo", re.compile(r"^IGO")),
           "Phoenix.MilNonState.actors.txt": ("armed_group", re.compile(r"^(?:[A-Z]{3}REB|IMG)"))}
CODE = re.compile(r"\[~?([A-Z]+)")
NAME_CHARS = re.compile(r"[A-Z0-9 .'&\-]+")
ACRONYM_IN_NAME = re.compile(r"\s*\(([A-Z][A-Z0-9.\-]+)\)\s*")


@dataclass
class Entry:
    """One dictionary entry: its names (the first is the head line's) and codes."""
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def parse(text: str) -> list[Entry]:
    """Entries of a Phoenix actor dictionary: a head line, `+` synonym lines, and codes
    on the head line or on the indented lines after it."""
    entries: list[Entry] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = CODE.findall(line)
        name = line.split("[", 1)[0].strip()
        if line.startswith("+") and entries:
            entries[-1].names.extend(n for n in name.split("+") if n.strip())
        elif line[:1].isspace() and entries:
            pass  # the codes of the entry above
        else:
            entries.append(Entry())
            if name:
                entries[-1].names.append(name)
        if entries:
            entries[-1].codes.extend(codes)
    return entries


def words_of(name: str) -> list[str]:
    return [w for w in name.replace("_", " ").split() if w]


class Caser:
    """Rebuilds the casing of an upper-case dictionary name."""

    def __init__(self, conf: dict, acronyms: set[str]):
        self.small = set(conf["small_words"])
        self.acronyms = acronyms

    def word(self, w: str, first: bool) -> str:
        if w in self.acronyms or re.fullmatch(r"(?:[A-Z]\.){2,}", w):
            return w
        if w.lower() in self.small and not first:
            return w.lower()
        return "-".join(p.lower() if p.lower() in self.small and i else p.capitalize()
                        for i, p in enumerate(w.split("-")))

    def name(self, words: list[str]) -> str:
        return " ".join(self.word(w, i == 0) for i, w in enumerate(words))


def is_acronym(words: list[str], min_len: int) -> bool:
    """One upper-case word of `min_len` to six letters (longer ones are names: the
    dictionary writes "HAMMARSKJOLD" the same way)."""
    return len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9]+", words[0]) is not None and min_len <= len(words[0]) <= 6


def organisation_name(words: list[str], conf: dict, state_words: set[str]) -> bool:
    """A name that reads as an international actor's: two words or more, a head word,
    nothing outside the dictionary's character set, no state named in it."""
    lowered = [w.lower() for w in words]
    if len(words) < 2 or not NAME_CHARS.fullmatch(" ".join(words)):
        return False
    if not set(lowered) & set(conf["heads"]) or set(lowered) & set(conf["exclude_words"]):
        return False
    text = " ".join(lowered)
    return not any(re.search(rf"\b{re.escape(s)}\b", text) for s in state_words)


def state_words(countries: dict) -> set[str]:
    """Lower-case names of states (not demonyms: "African Union" stays)."""
    out = set()
    for spec in countries.values() if isinstance(countries, dict) else countries:
        for key in ("name", "official_name", "aliases", "names"):
            value = spec.get(key) if isinstance(spec, dict) else None
            for form in [value] if isinstance(value, str) else (value or []):
                if isinstance(form, str) and len(form) > 3:
                    out.add(form.lower())
    return out


def spelled(name: str, conf: dict) -> list[str]:
    """The name in the other spellings news uses ("Labor"/"Labour", "Organization"/"Organisation")."""
    forms = [name]
    for a, b in conf["spellings"].items():
        for f in list(forms):
            for x, y in ((a, b), (b, a)):
                if re.search(rf"\b{x}\b", f):
                    forms.append(re.sub(rf"\b{x}\b", y, f))
    return list(dict.fromkeys(forms))


def build(shared: Path) -> tuple[str, int]:
    hand = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    conf = hand["phoenix"]
    taken = {f.lower() for o in hand["organizations"]
             for f in [o["name"], o.get("acronym"), *o.get("aliases", [])] if f}
    states = state_words(json.loads(COUNTRIES.read_text(encoding="utf-8")))
    out: dict[str, dict] = {}
    for filename, (kind, wanted) in SOURCES.items():
        entries = parse((shared / DICTIONARIES / filename).read_text(encoding="utf-8", errors="replace"))
        entries = [e for e in entries if any(wanted.match(c) for c in e.codes)]
        min_acronym = conf["min_acronym"][kind]
        acronyms = {w[0] for e in entries for n in e.names if is_acronym(w := words_of(n), 2)}
        acronyms |= set(conf["acronyms"])
        caser = Caser(conf, acronyms)
        for e in entries:
            full, short = [], []
            for raw in e.names:
                inner = ACRONYM_IN_NAME.search(raw.replace("_", " "))
                if inner and len(inner.group(1)) >= min_acronym:
                    short.append(inner.group(1))
                words = words_of(ACRONYM_IN_NAME.sub(" ", raw.replace("_", " ")))
                if words and words[0] == "THE":
                    words = words[1:]
                if is_acronym(words, min_acronym):
                    short.append(words[0])
                elif organisation_name(words, conf, states):
                    full.append(caser.name(words))
            _add(out, full, short, kind, conf, taken)
    body = [v for _, v in sorted(out.items())]
    return body and _render(body), len(body)


def _add(out: dict[str, dict], full: list[str], short: list[str], kind: str, conf: dict, taken: set[str]) -> None:
    """One organisation per entry: its first full name, the others and their other
    spellings as aliases, its acronym; nothing the hand-written file or an earlier
    entry already names."""
    names = [f for n in full for f in spelled(n, conf)]
    names = [n for n in dict.fromkeys(names) if n.lower() not in taken and n not in conf["exclude_names"]]
    acronyms = [a for a in dict.fromkeys(short) if a.lower() not in taken and a not in conf["exclude_acronyms"]]
    if not names and not (acronyms and not full):
        return
    name = names[0] if names else acronyms[0]
    aliases = names[1:]
    acronym = acronyms[0] if names and acronyms else None
    for form in [name, *aliases] + ([acronym] if acronym else []):
        taken.add(form.lower())
    out[name.lower()] = {"name": name, "acronym": acronym, "aliases": aliases, "kind": kind}


def _render(orgs: list[dict]) -> str:
    lines = [
        "# GENERATED by tools/build_organizations.py: do not edit; change the `phoenix:` section",
        "# of organizations.yaml and run the tool again. The hand-written organizations.yaml wins",
        "# where both name an organisation.",
        "#",
        "# Sources: PETRARCH-2 actor dictionaries Phoenix.International.actors.txt (CAMEO",
        "#   international actors, Computational Event Data System project) and",
        "#   Phoenix.MilNonState.actors.txt (names from the START TOPS database), MIT licence,",
        "#   (c) 2014 Open Event Data Alliance, from openeventdata/petrarch2. Names only.",
        f"# {len(orgs)} organisations: "
        + ", ".join(f"{sum(o['kind'] == k for o in orgs)} {k}" for k in sorted({o['kind'] for o in orgs})) + ".",
        "organizations:",
    ]
    for o in orgs:
        lines.append("  - " + yaml.safe_dump(o, default_flow_style=True, width=10_000, sort_keys=False).strip())
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, argv)
    text, n = build(args.shared)
    return write_or_check(OUT, text, args.check, f"{n} organisations")


if __name__ == "__main__":
    sys.exit(main())
