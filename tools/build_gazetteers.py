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


def countries(ref: Path) -> list[dict]:
    rows = []
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


def leaders(ref: Path) -> list[dict]:
    with open(ref / "leaders" / "officeholders_2000_2026.csv", encoding="utf-8") as fh:
        return [{k: r[k] for k in ("country_iso3", "office", "person_name", "wikidata_qid",
                                   "start_date", "end_date")} for r in csv.DictReader(fh)]


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
    tables = {"countries.json": countries(root), "leaders.json": leaders(root),
              "unsc_resolutions.json": resolutions(root), "unsc_vetoes.json": vetoes(root)}
    for name, rows in tables.items():
        with open(OUT / name, "w", encoding="utf-8") as fh:
            fh.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/refdata")
