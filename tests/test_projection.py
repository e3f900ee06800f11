"""The model drives every projection: which types are nodes, edges or the article, what
names them, what dates them, and what each store and export holds of them. Nothing
outside schema/ lists the model's types or properties by hand (a scan of the source
enforces it), and the sanction measures appear in networkx and its exports."""
import ast
import io
import json
from importlib import resources
from pathlib import Path

import networkx as nx

from sanctions_kg.graph import exports, network, projection
from sanctions_kg.schema import load_model, parse_model

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("graph", "loaders", "sanctions_kg")

# Words of the rows' and exports' own structure (an id, a type, an edge's two ends and
# its relation type, the label Gephi shows) that some types also use as names (an
# article's id and source, a sanction's target, a statement's relation): a literal
# naming them lists the structure, not the model.
STRUCTURE = {"id", "type", "source", "target", "label", "relation"}

# Files that may still hold such lists, with how many (the count may only go down) and why.
ALLOWED = {
    # formats of their own whose fields happen to share the model's names
    "graph/viz.py": (2, "the page's search index (the names a node is found by) and the page's own node fields"),
    "graph/corrections.py": (4, "the corrections file's own fields (docs/corrections.md) and the extraction row "
                                "an add: rule writes into"),
    "graph/find.py": (1, "skg find's answer columns"),
    "graph/records.py": (1, "the extraction row's entity header, read from the extractor's Entity"),
    "sanctions_kg/api.py": (1, "relations(): a table of an extraction row's relations in the row's own field "
                               "names (JSON in, as the extractor gives it), not the model's records"),
    "sanctions_kg/distributed.py": (2, "the Parquet partition's fixed header columns: a file format of its own that "
                                       "Spark and DuckDB read, which a model change must not reshape silently"),
    "loaders/article.py": (1, "Article.to_json: the extractor's row header, read by graph/records.py"),
    "loaders/readers.py": (1, "a feed's columns that hold an article's source, title and url"),
    # the extractor building an entity's row (its role rules, which types fill a slot
    # and which relations a reader treats alike, are data: discourse.yaml's roles and
    # relation_groups, checked against the model when the lexicon loads)
    "loaders/extract/mentions.py": (2, "the extractor building an entity's row"),
    "loaders/extract/types.py": (1, "the extractor building an entity's row"),
}


def _model_names() -> tuple[set[str], list[set[str]]]:
    """Every type name of the model, and each type's property and link names."""
    model = load_model()
    types = set(model.node_types) | set(model.relation_types) | set(model.edge_types)
    groups = [set(t.properties) | set(t.links) for t in model.node_types.values()]
    groups += [set(t.properties) | set(t.links) | set(t.ends) for t in model.edge_types.values()]
    return types, groups


def _words(items: list[ast.expr]) -> set[str]:
    """The strings among a literal's items, and those a function among them is given
    first (`vocab_term("statement_count")`; not a method's: `row.get("name")` reads a
    value, it does not list a name)."""
    out = set()
    for item in items:
        if isinstance(item, ast.Call) and isinstance(item.func, ast.Name) and item.args:
            item = item.args[0]
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            out.add(item.value)
    return out


def hand_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, names) of each list, tuple, set or dict literal whose strings name two or
    more of the model's types, or two or more properties of one type."""
    types, groups = _model_names()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        words = _words(items) - STRUCTURE
        named = max([words & types] + [words & g for g in groups], key=len)
        if len(named) >= 2:
            found.append((node.lineno, sorted(named)))
    return found


def test_no_hand_written_list_of_model_types_or_properties_outside_schema():
    found: dict[str, list] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            hits = hand_lists(path.read_text("utf-8"))
            if hits:
                found[path.relative_to(ROOT).as_posix()] = hits
    over = {f: hits for f, hits in found.items() if len(hits) > ALLOWED.get(f, (0, ""))[0]}
    assert not over, f"lists of the model's names written by hand; ask schema/ instead: {over}"


def test_the_scan_finds_a_hand_written_list():
    assert hand_lists('COLORS = {"State": 1, "Official": 2}') == [(1, ["Official", "State"])]
    assert hand_lists('FIELDS = ("ref_date", "report_date")') == [(1, ["ref_date", "report_date"])]
    assert hand_lists('row = {"id": 1, "source": 2, "target": 3}') == []  # structure, not the model
    assert hand_lists('KIND = "State"') == []  # one type named where one is meant
    assert hand_lists('P = (term("statement_count"), term("last_date"))') == [(1, ["last_date", "statement_count"])]
    assert hand_lists('ENDS = ("relation", "subject", "object")') == [(1, ["object", "subject"])]


def test_which_types_are_nodes_and_what_names_and_dates_them_is_the_models():
    model = load_model()
    assert model.named_types() == [t for t in model.node_types if t not in ("Article", "Sanction")]
    assert "Sanction" in model.network_types() and model.context_type == "Article"
    assert model.statement.ends == ("relation", "subject", "object") and model.statement.key == "statement"
    assert model.date_of("Statement", {"report_date": "2024-03-08"}) == "2024-03-08"
    assert model.date_of("Statement", {"ref_date": "2023-01-01T00:00", "report_date": "2024-03-08"}) == "2023-01-01"
    assert model.caption("Resolution", {"name": "resolution 2397"}) == "resolution 2397"
    raw = resources.files("sanctions_kg.schema").joinpath("model.yaml").read_text("utf-8")
    quiet = parse_model(raw.replace("    named: false\n    network: node\n", "    named: false\n    network: hidden\n"))
    assert "Sanction" not in quiet.network_types()  # a declaration, not a list in code


def test_sanctions_appear_in_networkx_graphml_and_json_lines(sample_rows):
    G = network.build(sample_rows)
    measures = {n: d for n, d in G.nodes(data=True) if d["type"] == "Sanction"}
    assert measures and network.counts(G)["nodes"]["Sanction"] == len(measures)
    one = next(d for d in measures.values() if d.get("commodity") == "refined petroleum")
    assert one["authority"] in G and one["target"] in G and one["evidence"] in G.graph["articles"]
    assert set(one) <= {"type", *projection.node_fields("Sanction")}

    class Built:  # what `exports.export` asks of a store
        def graph(self):
            return network.build(sample_rows)
    graphml = nx.read_graphml(io.BytesIO(exports.export(Built(), "graphml")))
    assert {n for n, d in graphml.nodes(data=True) if d["type"] == "Sanction"} == set(measures)
    lines = [json.loads(x) for x in exports.export(Built(), "jsonl").decode().splitlines()]
    assert {x["node"] for x in lines if x.get("type") == "Sanction"} == set(measures)
