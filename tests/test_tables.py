"""`skg export --format csv|parquet`: nodes, edges (statements), facts and articles as
tables that pandas reads back with the counts `skg stats` gives, the same rows in the
same order from the embedded store, Neo4j and Virtuoso, columns made from the model;
an --out name that names no format is refused, never written as Turtle."""
import json
from importlib import resources

import pandas as pd
import pytest

from sanctions_kg.graph import network, tables
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.schema import load_model, parse_model

from conftest import skg_in_process


def skg(*args, cwd=None):
    """In this process (conftest.skg_in_process): nothing here needs one of its own."""
    return skg_in_process(*args, cwd=cwd)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_rows):
    path = tmp_path_factory.mktemp("tables") / "store"
    store = EmbeddedStore(path)
    for row in sample_rows:
        store.write(row)
    store.close()
    return path


def _read(folder, fmt="parquet") -> dict[str, pd.DataFrame]:
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    return {name: read(folder / f"{name}.{fmt}") for name in tables.TABLES}


def _agrees_with_stats(frames: dict[str, pd.DataFrame], where: list) -> None:
    stats = skg("stats", "--json", *where)
    assert stats.returncode == 0, stats.stderr
    counted = json.loads(stats.stdout)
    assert frames["nodes"].groupby("type").size().to_dict() == counted["nodes"]
    assert frames["facts"].groupby("relation").size().to_dict() == counted["relations"]
    assert len(frames["articles"]) == counted["articles"]
    assert frames["facts"]["statement_count"].sum() == len(frames["edges"])


def test_parquet_read_back_with_pandas_has_the_counts_of_stats_on_every_store(tmp_path, sample_rows,
                                                                            sample_store, neo4j_store,
                                                                            sparql_store):
    for store in (neo4j_store, sparql_store):
        for row in sample_rows:
            store.write(row)
    wheres = {"embedded": ["--store", sample_store], "neo4j": ["--neo4j", neo4j_store.uri],
              "virtuoso": ["--sparql-endpoint", sparql_store.endpoint]}
    read = {}
    for kind, where in wheres.items():
        proc = skg("export", "--format", "parquet", "--out", tmp_path / kind, *where)
        assert proc.returncode == 0, proc.stderr
        read[kind] = _read(tmp_path / kind)
        _agrees_with_stats(read[kind], where)
    for name in tables.TABLES:  # the same rows in the same order, whichever store gave them
        expected = read["embedded"][name]
        assert len(expected), name
        for kind in ("neo4j", "virtuoso"):
            pd.testing.assert_frame_equal(read[kind][name], expected, check_exact=False, obj=f"{kind} {name}")
    positions = set(read["embedded"]["edges"]["position"].dropna())
    assert {"vetoed", "abstained", "voted_against", "sponsored"} <= positions  # a veto is not a vote against


def test_columns_are_the_models_properties_typed_as_it_says(sample_rows):
    G = network.build(sample_rows)
    model = load_model()
    made = tables.tables(G, model)
    edges = made["edges"].schema
    assert set(model.edge_properties) <= set(edges.names) and "position" in edges.names
    assert str(edges.field("char_start").type) == "int64" and str(edges.field("ref_date").type) == "date32[day]"
    node_props = {p for t in model.named_types() for p in model.node_types[t].properties}
    assert node_props <= set(made["nodes"].schema.names)
    assert set(model.fact_properties) <= set(made["facts"].schema.names)
    assert str(made["nodes"].schema.field("number_stated").type) == "bool"
    # a property added to the model becomes a column, with no list here to update
    raw = resources.files("sanctions_kg.schema").joinpath("model.yaml").read_text("utf-8")
    wider = parse_model(raw.replace("  confidence: {datatype: decimal, required: true}",
                                    "  confidence: {datatype: decimal, required: true}\n"
                                    "  stance: {datatype: string}"))
    assert "stance" in tables.tables(G, wider)["edges"].schema.names


def test_csv_by_suffix_or_folder_and_unknown_suffixes_refused(tmp_path, sample_store):
    by_suffix = skg("export", "--store", sample_store, "--out", tmp_path / "g.csv")
    assert by_suffix.returncode == 0, by_suffix.stderr
    assert sorted(p.name for p in tmp_path.glob("g.*.csv")) == [f"g.{n}.csv" for n in sorted(tables.TABLES)]
    (tmp_path / "folder").mkdir()
    into_folder = skg("export", "--store", sample_store, "--out", tmp_path / "folder")  # a folder: csv tables
    assert into_folder.returncode == 0, into_folder.stderr
    frames = _read(tmp_path / "folder", "csv")
    assert len(frames["edges"]) == len(pd.read_csv(tmp_path / "g.edges.csv")) > 50
    _agrees_with_stats(frames, ["--store", sample_store])
    for args, code in ((["--out", tmp_path / "g.xlsx"], "E090"), (["--out", tmp_path / "g.tbl"], "E090"),
                       (["--format", "parquet", "--out", tmp_path / "h.csv"], "E091"),
                       (["--format", "turtle", "--out", tmp_path / "folder"], "E091"),
                       (["--format", "turtle", "--out", tmp_path / "h.parquet"], "E091")):
        refused = skg("export", "--store", sample_store, *args)
        assert refused.returncode == 2 and code in refused.stderr, (args, refused.stderr)
    assert not list(tmp_path.glob("g.xlsx*")) and not list(tmp_path.glob("h.*"))  # nothing written
    default = skg("export", "--store", sample_store, "--format", "parquet", cwd=tmp_path)
    assert default.returncode == 0 and (tmp_path / "skg-tables" / "edges.parquet").exists(), default.stderr
