"""End to end on the seed article: the stored graph holds the gold facts, answers
"who proposed the double freeze?", validates against the SHACL shapes, survives a
re-ingest unchanged, and exports formats that independent parsers accept."""
from datetime import date
import json
import shutil
import subprocess

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from sanctions_kg.graph.network import counts, from_store
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.graph import exports
from sanctions_kg.errors import SkgError
from sanctions_kg.loaders.readers import read_paths


@pytest.fixture(scope="module")
def seed_row(extractor, seed_path):
    [article] = list(read_paths([str(seed_path)]))
    return extractor.extract(article).to_json()


@pytest.fixture
def store(tmp_path, seed_row):
    db = EmbeddedStore(tmp_path / "store")
    db.write(seed_row)
    return db


def test_who_proposed_the_double_freeze(store):
    rows = store.select("""
        SELECT ?iso3 WHERE {
          ?p a skg:Proposal ; rdfs:label ?name . FILTER(CONTAINS(LCASE(?name), "double freeze"))
          ?who skg:proposed ?p ; skg:iso3 ?iso3 .
        }""")
    assert sorted(r["iso3"] for r in rows) == ["CHN", "RUS"]


def test_stored_graph_holds_the_gold_facts(store):
    have = {(r["t"], r["s"], r["o"]) for r in store.select("""
        SELECT ?t ?s ?o WHERE { ?st skg:relationType ?t ; rdf:subject ?a ; rdf:object ?b .
                                ?a rdfs:label ?s . ?b rdfs:label ?o }""")}
    gold = {("PROPOSED", "Russia", "double freeze"), ("PROPOSED", "China", "double freeze"),
            ("CALLS_ON", "double freeze", "North Korea"), ("MEDIATES", "Russia", "United States"),
            ("MEDIATES", "Russia", "North Korea"), ("OFFICIAL_OF", "Sergei Lavrov", "Russia"),
            ("ACCUSES", "Sergei Lavrov", "United States"), ("CONSULTS", "Sergei Lavrov", "Rex Tillerson"),
            ("SANCTIONS", "S/RES/2397 (2017)", "North Korea"), ("CALLS_ON", "Sergei Lavrov", "North Korea")}
    assert gold <= have, gold - have


def test_every_statement_carries_exact_evidence(store, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    rows = store.select("""SELECT ?sentence ?s ?e ?report ?article WHERE {
        ?st a skg:Statement ; skg:sentence ?sentence ; skg:charStart ?s ; skg:charEnd ?e ;
            skg:reportDate ?report ; prov:wasDerivedFrom ?article }""")
    assert len(rows) >= 18
    for r in rows:
        assert r["sentence"] in text and text[r["s"]:r["e"]] in r["sentence"]
        assert r["report"] == "2017-12-27"
    dated = store.select("""SELECT ?d WHERE { ?st skg:relationType "MEDIATES" ; skg:refDate ?d }""")
    assert "2017-12-26" in {r["d"] for r in dated}  # "on Tuesday", resolved against 2017-12-27


def test_the_measure_is_modelled(store):
    [m] = store.select("""SELECT ?kind ?commodity ?q ?unit ?auth WHERE {
        ?m a skg:Sanction ; skg:kind ?kind ; skg:commodity ?commodity ; skg:quantity ?q ;
           skg:unit ?unit ; skg:authority ?a . ?a skg:number ?auth }""")
    assert (m["kind"], m["commodity"], m["q"], m["unit"], m["auth"]) == \
        ("export_cap", "refined petroleum", 500000.0, "barrels", "2397")


def test_reingest_is_idempotent(store, seed_row):
    before = (len(store), counts(from_store(store)))
    store.write(seed_row)
    store.write(seed_row)
    assert (len(store), counts(from_store(store))) == before
    assert store.article_count() == 1


def test_graph_conforms_to_the_shapes(store):
    conforms, report = exports.validate_store(store)
    assert conforms, report


def test_shapes_catch_a_broken_graph(store):
    store.query('INSERT DATA { GRAPH <urn:bad> { <urn:x> a skg:State ; skg:iso3 "Russia" } }', write=True)
    conforms, report = exports.validate_store(store)
    assert not conforms and "iso3" in report


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils not installed")
def test_turtle_export_passes_an_independent_parser(store, tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(exports.export(store, "turtle"))
    proc = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "returned" in proc.stderr and " 0 triples" not in proc.stderr


def test_every_export_format_reads_back(store):
    trig = Dataset()
    trig.parse(data=exports.export(store, "trig").decode(), format="trig")
    assert len(list(trig.graphs())) >= 2
    # every quad but where this machine read each file from (skg:readFrom), which exports leave out
    local = int(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a skg:readFrom ?p } }")[0]["n"])
    nq = Dataset()
    nq.parse(data=exports.export(store, "nquads").decode(), format="nquads")
    assert len(nq) == len(store) - local
    ld = Dataset()
    ld.parse(data=exports.export(store, "jsonld").decode(), format="json-ld")
    assert len(ld) == len(store) - local
    ttl = Graph().parse(data=exports.export(store, "turtle").decode(), format="turtle")
    assert len(ttl) > 100
    import io
    G = nx.read_graphml(io.BytesIO(exports.export(store, "graphml")))
    assert G.number_of_edges() >= 18
    lines = [json.loads(l) for l in exports.export(store, "jsonl").decode().splitlines()]
    assert {"node", "edge"} <= {k for l in lines for k in l}


def test_rdflib_users_see_the_same_store(tmp_path, seed_row):
    from sanctions_kg.graph.store import rdflib_dataset

    path = tmp_path / "store"
    db = EmbeddedStore(path)
    db.write(seed_row)
    n = len(db)
    del db  # Oxigraph holds a lock on the folder while open
    ds = rdflib_dataset(path)
    try:
        assert len(ds) == n
        rows = ds.query("""PREFIX skg: <https://w3id.org/sanctions-kg/vocab#>
            SELECT ?iso3 WHERE { GRAPH ?g { ?s skg:proposed ?p } GRAPH ?h { ?s skg:iso3 ?iso3 } }""")
        assert sorted(str(r[0]) for r in rows) == ["CHN", "RUS"]
    finally:
        ds.close()


def test_a_node_named_by_many_articles_is_described_once(tmp_path, extract_text):
    """Node descriptions live in one shared graph: a state named by three articles has
    one label, so queries joining on labels do not multiply by the articles."""
    db = EmbeddedStore(tmp_path / "store")
    for n, text in enumerate(["Canada imposed sanctions on Iran.", "Canada urged Iran to free the sailors.",
                              "Japan accused Iran of seizing a tanker."]):
        row = extract_text(text)
        row["article"]["id"] = f"a{n}"
        db.write(row)
    labels = db.select('SELECT ?label WHERE { ?n skg:iso3 "IRN" ; rdfs:label ?label }')
    assert labels == [{"label": "Iran"}]
    assert db.article_count() == 3
    db.forget("a0")
    db.forget("a1")
    assert db.select('SELECT ?n WHERE { ?n skg:iso3 "CAN" }') == []  # no article names Canada now
    assert len(db.select('SELECT ?n WHERE { ?n skg:iso3 "IRN" }')) == 1


def stored_facts(db) -> dict[tuple, tuple]:
    rows = db.select("""SELECT ?t ?s ?o ?n ?first ?last ?latest WHERE { GRAPH graph:facts {
        ?f skg:relationType ?t ; rdf:subject ?s ; rdf:object ?o ; skg:statementCount ?n ; skg:latestStatement ?latest .
        OPTIONAL { ?f skg:firstDate ?first } OPTIONAL { ?f skg:lastDate ?last } } }""")
    return {(r["t"], r["s"], r["o"]): (r["n"], r["first"], r["last"], r["latest"]) for r in rows}


def counted_facts(db) -> dict[tuple, tuple]:
    """The same summaries counted from scratch from the statements."""
    rows = db.select("""SELECT ?t ?s ?o ?st ?date WHERE { ?st a skg:Statement ; skg:relationType ?t ;
        rdf:subject ?s ; rdf:object ?o . OPTIONAL { ?st skg:refDate ?d } OPTIONAL { ?st skg:reportDate ?r }
        BIND(COALESCE(?d, ?r) AS ?date) }""")
    found: dict[tuple, list] = {}
    for r in rows:
        found.setdefault((r["t"], r["s"], r["o"]), []).append((r["date"] or "", r["st"]))
    return {k: (len(v), min((d for d, _ in v if d), default=None), max((d for d, _ in v if d), default=None),
                max(v)[1]) for k, v in found.items()}


def test_fact_summaries_follow_writes_edits_and_removals(tmp_path, extract_text):
    """Each fact's summary (statements, first and last date, latest statement) stays
    what counting its statements gives, as articles are added, edited and removed."""
    db = EmbeddedStore(tmp_path / "store")
    texts = [("Canada imposed sanctions on Iran on Monday.", date(2024, 3, 6)),
             ("Canada imposed new sanctions on Iran.", date(2024, 5, 2)),
             ("Canada imposed sanctions on Iran.", date(2024, 1, 9)),
             ("Japan accused Iran of seizing a tanker.", date(2024, 2, 1))]
    rows = []
    for n, (text, published) in enumerate(texts):
        row = extract_text(text, published)
        row["article"]["id"] = f"a{n}"
        rows.append(row)
        db.write(row)
    facts = stored_facts(db)
    assert facts == counted_facts(db)
    sanctions = next(v for k, v in facts.items() if k[0] == "SANCTIONS")
    assert sanctions[:3] == (3, "2024-01-09", "2024-05-02")  # a2's date, then a1's (the latest)
    edited = extract_text("Japan accused Iran of seizing two tankers.", date(2024, 6, 1))
    edited["article"]["id"] = "a4"
    db.write(edited, replaces="a3")  # an edited text of the same source
    db.forget("a1")
    db.write(rows[0])  # the same article again: idempotent
    assert stored_facts(db) == counted_facts(db)
    assert next(v for k, v in stored_facts(db).items() if k[0] == "SANCTIONS")[0] == 2
    db.forget("a4")
    assert not any(k[0] == "ACCUSES" for k in stored_facts(db))
    bulk = EmbeddedStore(tmp_path / "bulk")
    bulk.bulk_load([rows[0], rows[2]])
    assert stored_facts(bulk) == stored_facts(db)


def test_unnumbered_drafts_of_two_articles_stay_two_resolutions(tmp_path, extractor):
    """A draft on Libya and a vetoed draft on Ukraine, each unnumbered: two nodes, so
    Russia's veto of one is not read as a veto of the other; a draft that gives its
    document symbol is the same node wherever that symbol is given."""
    from sanctions_kg.loaders.article import Article

    texts = ["France and Malta tabled a draft Security Council resolution on Libya's arms embargo on Monday.",
             "Russia vetoed a Security Council resolution on the grain corridor in Ukraine on Friday.",
             "Chile and Peru put forward draft resolution S/2024/255 on Haiti.",
             "Mexico backed draft resolution S/2024/255 in the Council."]
    db = EmbeddedStore(tmp_path / "store")
    for i, text in enumerate(texts):
        db.write(extractor.extract(Article(text=text, source=f"{i}.txt", published=date(2024, 3, 8))).to_json())
    rows = db.select("SELECT ?r ?who WHERE { ?r a skg:Resolution . ?who ?p ?r . ?who skg:iso3 ?x }")
    by_resolution: dict = {}
    for r in rows:
        by_resolution.setdefault(r["r"], set()).add(r["who"].rsplit("/", 1)[1])
    assert sorted(by_resolution.values(), key=sorted) == [{"CHL", "MEX", "PER"}, {"FRA", "MLT"}, {"RUS"}]
    assert not any(r.endswith("None") for r in by_resolution)
    conforms, report = exports.validate_store(db)
    assert conforms, report


def test_the_shapes_reject_a_resolution_numbered_none(tmp_path):
    db = EmbeddedStore(tmp_path / "store")
    row = {"article": {"id": "0123456789abcdef", "source": "x.txt", "title": "", "published": "2024-03-08"},
           "entities": [{"id": "r", "type": "Resolution", "name": "UNSC resolution None", "key": "UNSC/None",
                         "body": "UNSC", "number": "None"}],
           "relations": [], "measures": []}
    with pytest.raises(SkgError, match="E035.*number='None'"):
        db.write(row)  # the records refuse it before any store sees it
    row["entities"][0]["number"] = "2397"
    db.write(row)
    db.query('DELETE { GRAPH ?g { ?r skg:number ?n } } INSERT { GRAPH ?g { ?r skg:number "None" } } '
             'WHERE { GRAPH ?g { ?r a skg:Resolution ; skg:number ?n } }', write=True)  # by hand, past the records
    conforms, report = exports.validate_store(db)
    assert not conforms and "number" in report


def test_the_same_unnumbered_draft_reported_twice_that_day_is_one_node(tmp_path, extractor):
    from sanctions_kg.loaders.article import Article

    db = EmbeddedStore(tmp_path / "store")
    for i, text in enumerate(["Russia vetoed a Security Council resolution on Ukraine's grain exports on Friday.",
                              "On Friday Russia vetoed a draft Security Council resolution on Ukraine, diplomats said."]):
        db.write(extractor.extract(Article(text=text, source=f"{i}.txt", published=date(2024, 3, 8))).to_json())
    [row] = db.select("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a skg:Resolution }")
    assert row["n"] == 1
