#!/usr/bin/env python3
"""Build the gazetteer tables in loaders/data/ from the public reference data.

Run from the repository root with the shared reference folder beside it:

    python tools/build_gazetteers.py ../shared/refdata

It writes facts only (codes, names, dates, numbers), each table with the source and
licence recorded in loaders/data/SOURCES.md. The outputs are committed, so the package
needs no reference folder at run time.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "loaders" / "data"
# State-like territories the guidelines count as states though not UN members.
STATE_LIKE = {"TWN", "PSE", "XKX", "VAT", "ESH"}
# ISO 3166-3 codes of historical states (guidelines, convention 11), with rigour file names.
HISTORICAL = {"SUN": "suhh", "YUG": "yucs", "CSK": "cshh", "DDR": "dd"}
LATIN = re.compile(r"^[A-Za-z][A-Za-z .,'’()&-]+$")


def latin_names(values, min_len=4):
    for v in values:
        v = v.strip()
        if v and LATIN.match(v) and len(v) >= min_len and not v.isupper() or v in {"DPRK", "USA", "UAE", "PRC", "ROK", "USSR", "UK", "U.S.", "U.S.A.", "U.K."}:
            yield v


def geography(ref: Path) -> dict[str, dict]:
    """Region, subregion, land borders and languages by ISO code (mledoze/countries):
    what a noun phrase for a state may say of it ("the island", "the Central Asian
    nation", "the English-speaking country")."""
    rows = json.loads((ref / "countries" / "mledoze_countries" / "countries.json").read_text(encoding="utf-8"))
    return {r["cca3"]: {"region": r.get("region", ""), "subregion": r.get("subregion", ""),
                        "borders": sorted(r.get("borders") or []), "landlocked": bool(r.get("landlocked")),
                        "languages": sorted((r.get("languages") or {}).values())} for r in rows}


def countries(ref: Path) -> list[dict]:
    rows = []
    geo = geography(ref)
    with open(ref / "countries" / "country_reference.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            iso3 = "XKX" if r["iso2"] == "XK" else r["iso3"]
            if r["independent"] != "True" and iso3 not in STATE_LIKE:
                continue
            aliases = list(latin_names(r["alt_spellings"].split("|"))) + list(
                latin_names(r["rigour_names_strong"].split("|")))
            rows.append({
                "iso3": iso3, "iso2": r["iso2"], "qid": r["qid"], "name": r["name_common"],
                "official": r["name_official"], "demonym": r["demonym_en"],
                "capitals": [c for c in r["capitals"].split("|") if c],
                "aliases": sorted(set(aliases) - {r["name_common"], r["name_official"]}),
                **geo.get(iso3, {}),
            })
    for iso3, code in HISTORICAL.items():
        path = ref / "countries" / "rigour_territories" / f"{code}.yml"
        if not path.exists():
            continue
        y = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.append({"iso3": iso3, "iso2": "", "qid": y.get("qid", ""), "name": y["name"],
                     "official": y.get("full_name", y["name"]), "demonym": "", "capitals": [],
                     "aliases": sorted(set(latin_names(y.get("names_strong") or [])))})
    return sorted(rows, key=lambda r: r["iso3"])


def leaders(ref: Path, international: dict[str, str]) -> list[dict]:
    """The officeholders table, then the international officials of EveryPolitician's
    holders21.csv whose positions offices.yaml maps (no state: they serve an organisation)."""
    with open(ref / "leaders" / "officeholders_2000_2026.csv", encoding="utf-8") as fh:
        rows = [{k: r[k] for k in ("country_iso3", "office", "person_name", "wikidata_qid",
                                   "start_date", "end_date")} for r in csv.DictReader(fh)]
    with open(ref / "leaders" / "everypolitician_world" / "html" / "holders21.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            office = international.get(r["position"])
            if office and not r["person"].startswith("Q"):  # a bare Wikidata id has no name to match
                rows.append({"country_iso3": "", "office": office, "person_name": r["person"].split(", ")[0],
                             "wikidata_qid": r["personID"], "start_date": r["start"], "end_date": r["end"]})
    return rows


# Phoenix country actors: "[USAGOV 690120-740809]", two-digit years until the file's
# year (2014), four-digit ones before 1931; an open end ">091001" or none.
SPELL = re.compile(r"\[([A-Z]{3})(GOV[A-Z]*)\s*(?:>?(\d{6,8}))?(?:-(\d{6,8}))?\s*\]")
# Sectors of a government spell that are no office of the state (a legislator).
NOT_OFFICES = {"GOVLEG"}
# Words in the dictionary's name patterns that are no part of a name.
NOT_NAME_WORDS = {"former", "administration", "government", "president-elect", "govenor", "late"}


def _phoenix_date(text: str | None) -> str:
    if not text:
        return ""
    if len(text) == 8:
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    year = int(text[:2])
    return f"{2000 + year if year <= 14 else 1900 + year}-{text[2:4]}-{text[4:]}"


def past_officials(ref: Path, title_words: set[str], states: set[str]) -> list[dict]:
    """Government spells of the Phoenix country actors (CountryInfo 2014): the officials
    of the past that the 2000-2026 leaders table lacks, with the names they go by. A
    Russian spell before 1992 is the Soviet Union's (guidelines, convention 11)."""
    path = ref / "event_coding" / "petrarch2_dictionaries" / "Phoenix.Countries.actors.txt"
    known = states | set(HISTORICAL)
    people: dict[tuple[str, tuple[str, ...]], list[list[str]]] = {}
    names: list[str] = []
    spells: list[tuple[str, str, str]] = []
    in_codes = skipping = False  # an entry is its name lines, then its code lines

    def flush() -> None:
        for iso3, start, end in spells:
            if iso3 == "RUS" and start and start < "1992":
                iso3 = "SUN"
            if iso3 in known and names:
                people.setdefault((iso3, tuple(names)), []).append([start, end])

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] in "\t ":
            in_codes = True
            spells.extend((m.group(1), _phoenix_date(m.group(3)), _phoenix_date(m.group(4)))
                          for m in SPELL.finditer(line) if m.group(2) not in NOT_OFFICES)
            continue
        if in_codes or "[" in line or (skipping and line[0] != "+"):
            flush()  # a new entry; a country or group entry carries its code inline
            names, spells, in_codes, skipping = [], [], False, "[" in line
        if skipping:
            continue
        name = _person_name(line.lstrip("+").split("#")[0], title_words)
        if name and name not in names:
            names.append(name)
    flush()
    return [{"iso3": iso3, "names": list(ns), "spells": sorted(sp)} for (iso3, ns), sp in people.items()]


def _person_name(pattern: str, title_words: set[str]) -> str:
    """"RICHARD_M._NIXON_" -> "Richard M. Nixon"; "" for a pattern with a title or other
    words that are no part of a name ("PRESIDENT_NIXON", "GOV._CARTER")."""
    words = [w for w in pattern.strip().strip("_").split("_") if w]
    ok = all(re.fullmatch(r"[A-Z]\.|[A-Z][A-Z'-]+", w) and w.lower() not in title_words for w in words)
    return " ".join(w if w.endswith(".") else w.capitalize() for w in words) if words and ok else ""


def alpha2_to_3(ref: Path) -> dict[str, str]:
    with open(ref / "countries" / "country_reference.csv", encoding="utf-8") as fh:
        table = {r["iso2"].upper(): ("XKX" if r["iso2"] == "XK" else r["iso3"]) for r in csv.DictReader(fh)}
    table.update({"SUHH": "SUN", "YUCS": "YUG", "CSHH": "CSK", "DD": "DDR", "PS": "PSE", "EH": "ESH"})
    return table


def resolutions(ref: Path) -> list[dict]:
    out = []
    to3 = alpha2_to_3(ref)
    folder = ref / "unsc_resolutions"
    for name in ("unsc_resolutions_1946_2022.csv", "unsc_resolutions_2022_2026.csv"):
        with open(folder / name, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                terr = [to3.get(t.upper(), t.upper()) for t in (r.get("topic_territories_heuristic") or "").split("|") if t]
                out.append({"number": r["resolution_number"], "symbol": r["symbol"],
                            "date": r["date"], "topic": r["topic"][:160],
                            "territories": terr})
    return out


def vetoes(ref: Path) -> list[dict]:
    out = []
    folder = ref / "unsc_resolutions"
    for name in ("unsc_vetoes_1946_2022.csv", "unsc_vetoed_drafts_2022_2026.csv"):
        with open(folder / name, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                out.append({"draft": r["draft"], "date": r["date_iso"], "topic": r["agenda_item"][:160],
                            "vetoed_by": [v.strip() for v in r["vetoed_by"].split(";") if v.strip()]})
    seen, unique = set(), []
    for v in out:
        if v["draft"] not in seen:
            seen.add(v["draft"])
            unique.append(v)
    return unique


def main(ref: str) -> None:
    root = Path(ref)
    OUT.mkdir(parents=True, exist_ok=True)
    offices = yaml.safe_load((OUT / "offices.yaml").read_text(encoding="utf-8"))
    title_words = {w for t in offices["titles"] for w in t["title"].lower().split()}
    states = countries(root)
    tables = {"countries.json": states, "leaders.json": leaders(root, offices["international_offices"]),
              "past_officials.json": past_officials(root, title_words | NOT_NAME_WORDS, {r["iso3"] for r in states}),
              "unsc_resolutions.json": resolutions(root), "unsc_vetoes.json": vetoes(root)}
    for name, rows in tables.items():
        with open(OUT / name, "w", encoding="utf-8") as fh:
            fh.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/refdata")
