"""What analysts look at: the `skg viz` page and the notebook, opened in headless
Chromium with no network, must show the drawn graph (not a blank page or a spinner),
the same picture on every load, labels that do not overlap in a small window, a search
box that finds a node by any of its names, and the count `skg viz` prints; `skg query
--viz` draws an answer from any store."""
import json
import os
import re
import shutil
import subprocess
from urllib.parse import quote

import pytest

from conftest import ROOT, SAMPLES, skg_in_process

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
STATE_BLUE = (0x1F, 0x77, 0xB4)


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make test installs it)")
        pytest.skip("chromium is not installed")
    return path


def screenshot(page, png, tmp_path, height=900, width=1280):
    proc = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           "--virtual-time-budget=10000", f"--window-size={width},{height}",
                           f"--screenshot={png}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert png.exists(), proc.stderr[-2000:]


def dump_dom(page, tmp_path, fragment: str = "", width: int = 1400, height: int = 900) -> str:
    """The page's DOM after its scripts ran: what they wrote into it (positions, labels,
    what the search found) is what the tests read."""
    proc = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile-dom'}",
                           "--virtual-time-budget=10000", f"--window-size={width},{height}", "--dump-dom",
                           page.as_uri() + fragment], capture_output=True, text=True, timeout=120)
    assert 'data-ready="1"' in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def written(dom: str, element: str):
    """The JSON a page's script wrote into a hidden <pre id=element>."""
    found = re.search(rf'<pre id="{element}"[^>]*>([^<]*)</pre>', dom)
    assert found, element
    return json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


def page_data(page) -> dict:
    """The data a page draws, as graph/viz.py put it in."""
    return json.loads(re.search(r"^const data = (.*);$", page.read_text(encoding="utf-8"), re.M).group(1))


def skg(*args) -> subprocess.CompletedProcess:
    """In this process (conftest.skg_in_process): what these tests look at is the page a
    command writes, which needs no process of its own."""
    return skg_in_process(*args)


def drawn_nodes(png, top: int = 0) -> int:
    """Pixels of the state-node colour below `top`: the canvas drew the network."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    w, h = img.size
    pixels = img.crop((0, top, w, h)).getdata()
    return sum(1 for p in pixels if all(abs(a - b) <= 12 for a, b in zip(p, STATE_BLUE)))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("viz") / "store"
    proc = skg_in_process("ingest", SAMPLES, "--store", store)
    assert proc.returncode == 0, proc.stderr
    return store


@pytest.fixture(scope="module")
def sample_page(sample_store, tmp_path_factory):
    page = tmp_path_factory.mktemp("page") / "graph.html"
    assert skg("viz", "--store", sample_store, "--out", page).returncode == 0
    return page


def test_viz_page_is_self_contained_and_draws_the_graph(sample_store, tmp_path):
    page = tmp_path / "graph.html"
    proc = skg_in_process("viz", "--store", sample_store, "--out", page)
    assert proc.returncode == 0, proc.stderr
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and "cdn" not in text.lower()
    assert "vis.Network" in text and "double freeze" in text
    assert '<i class="dot" style="background:#1f77b4"></i>State</span>' in text  # the legend, with its colours
    # one count, in the same words, from the CLI and on the page; its numbers are `skg stats`'s
    said = re.search(r"wrote .*: (\d+ nodes, \d+ facts \(\d+ statements\))", proc.stderr).group(1)
    assert f'<span id="total">{said}</span>' in text
    stats = json.loads(skg("stats", "--store", sample_store, "--json").stdout)
    assert said.startswith(f"{sum(stats['nodes'].values())} nodes, {sum(stats['relations'].values())} facts (")
    png = tmp_path / "graph.png"
    screenshot(page, png, tmp_path, height=900, width=1400)
    assert drawn_nodes(png, top=120) > 500  # dozens of drawn state nodes, not a blank canvas
    small = tmp_path / "small.png"
    screenshot(page, small, tmp_path, height=600, width=800)
    assert drawn_nodes(small, top=160) > 200  # a small window still shows the drawing below the controls


def test_viz_of_one_state(sample_store, tmp_path):
    page = tmp_path / "prk.html"
    proc = skg_in_process("viz", "--store", sample_store, "--state", "PRK", "--out", page)
    assert proc.returncode == 0, proc.stderr
    assert "North Korea" in page.read_text(encoding="utf-8")
    bad = skg_in_process("viz", "--store", sample_store, "--state", "ATA", "--out", page)
    assert bad.returncode == 2 and "E021" in bad.stderr


def _run_notebook(cwd):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def test_notebook_runs_from_any_folder_on_a_store_it_is_pointed_at(tmp_path, sample_store, monkeypatch):
    """Started in a folder that is not the repository, and pointed at a store through
    SKG_STORE, as its first cell says."""
    monkeypatch.setenv("SKG_STORE", str(sample_store))
    nb = _run_notebook(tmp_path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[0].get("evalue")
    text = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "double freeze" in text and "Moscow and Beijing push their freeze plan again" in text
    assert not list(tmp_path.glob("skg-notebook-*"))  # it used the store it was given


def test_notebook_executes_and_its_html_shows_the_graph(tmp_path, monkeypatch):
    from nbconvert import HTMLExporter

    for name in ("SKG_STORE", "SKG_NEO4J_URI", "SKG_SPARQL_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    nb = _run_notebook(ROOT / "notebooks")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[0].get("evalue")
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 2  # the timeline and the matrix
    body, _ = HTMLExporter().from_notebook_node(nb)
    page = tmp_path / "explore.html"
    page.write_text(body, encoding="utf-8")
    png = tmp_path / "explore.png"
    screenshot(page, png, tmp_path, height=3000)
    assert drawn_nodes(png, top=1500) > 300


def test_the_page_draws_facts_not_statements(sample_rows):
    """Every article restated ten times: ten times the statements, the same edges, wider;
    the tooltip says how many statements and quotes the latest with its article."""
    import copy

    from sanctions_kg.graph import network, viz

    restated = []
    for i in range(10):
        for row in sample_rows:
            twin = copy.deepcopy(row)
            twin["article"]["id"] = f"{row['article']['id'][:12]}{i:04}"
            restated.append(twin)
    once, many = network.build(sample_rows), network.build(restated)
    assert many.number_of_edges() == 10 * once.number_of_edges()
    drawn_once, drawn_many = viz.graph_data(once)["edges"], viz.graph_data(many)["edges"]
    assert len(drawn_many) == len(drawn_once) == len({(d["type"], u, v) for u, v, d in once.edges(data=True)})
    assert {e["count"] for e in drawn_many} >= {10} and max(e["width"] for e in drawn_many) > max(
        e["width"] for e in drawn_once)
    oil = next(e for e in drawn_many if e["type"] == "SANCTIONS" and "S/RES/2397" in e["title"])
    assert "10 statements" in oil["title"] and "Security Council caps refined oil for Pyongyang" in oil["title"]


def test_the_legend_names_only_what_is_drawn(sample_rows):
    from sanctions_kg.graph import network, viz

    G = network.build([r for r in sample_rows if "oil" in r["article"]["title"].lower()])
    page = viz.render(G)
    present = {d["type"] for _, d in G.nodes(data=True)}
    for kind in viz.COLORS:
        assert (f"</i>{kind}</span>" in page) == (kind in present)
    assert 'const hiddenAtFirst = ["OFFICIAL_OF"]' in page


def test_the_layout_is_the_same_on_every_load_and_labels_do_not_overlap(sample_store, tmp_path):
    """Two runs of `skg viz` write the same page; two loads of it in windows of different
    sizes put every node at the same place (the positions graph/viz.py computed, not a
    simulation's); in 800x600 the labels placed do not overlap and stay in the window."""
    pages = [tmp_path / "one.html", tmp_path / "two.html"]
    for page in pages:
        assert skg("viz", "--store", sample_store, "--out", page).returncode == 0
    assert pages[0].read_bytes() == pages[1].read_bytes()
    big = written(dump_dom(pages[0], tmp_path, width=1400, height=900), "positions")
    small_dom = dump_dom(pages[1], tmp_path, width=800, height=600)
    assert written(small_dom, "positions") == big
    data = page_data(pages[0])
    assert big == sorted([n["id"], n["x"], n["y"]] for n in data["nodes"])
    assert len({(x, y) for _, x, y in big}) == len(big) > 50  # spread out, not piled on one point
    labels = written(small_dom, "labels")
    assert len(labels) >= 15 and "United States" in [name for name, *_ in labels]
    for i, (_, x0, y0, x1, y1) in enumerate(labels):
        assert 0 <= x0 < x1 <= 800 and 0 <= y0 < y1
        for _, a0, b0, a1, b1 in labels[i + 1:]:
            assert x1 <= a0 + 1 or a1 <= x0 + 1 or y1 <= b0 + 1 or b1 <= y0 + 1  # rounded to the pixel


@pytest.mark.parametrize("typed, found", [("DPRK", "North Korea"), ("prk", "North Korea"), ("the U.S.", "United States"),
                                          ("yellen", "Janet Yellen"), ("S/2022/155", "UNSC resolution S/2022/155")])
def test_the_search_box_finds_a_node_by_name_code_or_alias(sample_page, tmp_path, typed, found):
    """What is typed into the search box (the page reads it from #search=... and runs the
    box's own search) focuses the node, selects it and lists its facts."""
    page = sample_page
    node = next(n for n in page_data(page)["nodes"] if n["name"] == found)
    dom = dump_dom(page, tmp_path, "#search=" + quote(typed), width=800, height=600)
    assert f'data-found="{node["id"]}"' in dom
    assert f'<span id="found">found {node["type"]} {found}</span>' in dom
    facts = re.search(r'<ul id="facts">(.*?)</ul>', dom, re.S).group(1)
    assert facts.count("<li>") >= 1 and "statement" in facts
    assert f'<h3>{node["type"]}: {found}' in dom  # the panel names it


def test_a_miss_and_a_node_not_drawn_are_said(sample_store, tmp_path):
    """A dense store is drawn as its nodes with the most statements: the others are still
    found by the search, which says they are not drawn, and the slider starts where at
    most a few hundred facts are shown."""
    page = tmp_path / "graph.html"
    assert skg("viz", "--store", sample_store, "--out", page, "--max-nodes", "12").returncode == 0
    data = page_data(page)
    stats = json.loads(skg("stats", "--store", sample_store, "--json").stdout)
    assert len(data["nodes"]) == 12 and len(data["others"]) == sum(stats["nodes"].values()) - 12
    drawn = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in data["edges"])
    assert min(n["count"] for n in data["nodes"]) >= max(o[2] for o in data["others"])
    dom = dump_dom(page, tmp_path, "#search=Mali")
    assert re.search(r'<span id="found">State Mali: 1 statement, not drawn', dom)
    assert '<span id="found">no node is called Atlantis</span>' in dump_dom(page, tmp_path, "#search=Atlantis")


def test_the_slider_hides_what_fewer_statements_say(sample_page, tmp_path):
    """Moved to 2 (the page reads #least=2 and moves its own slider), the page shows the
    facts of at least 2 statements between nodes of at least 2, OFFICIAL_OF left out as
    at first, and says how many."""
    data = page_data(sample_page)
    count = {n["id"]: n["count"] for n in data["nodes"]}
    kept = [e for e in data["edges"] if e["type"] != "OFFICIAL_OF" and e["count"] >= 2
            and count[e["from"]] >= 2 and count[e["to"]] >= 2]
    ends = {x for e in kept for x in (e["from"], e["to"])}
    dom = dump_dom(sample_page, tmp_path, "#least=2")
    assert 0 < len(kept) < len(data["edges"])
    assert f'<span id="count">{len(ends)} nodes, {len(kept)} facts</span>' in dom
    assert '<output id="least">2</output>' in dom


def test_the_slider_starts_where_a_dense_graph_is_readable(sample_rows):
    from sanctions_kg.graph import network, viz

    G = network.build(sample_rows)
    found = viz.facts(G)
    assert viz.default_minimum(found) == 1  # the samples are shown whole
    least = viz.default_minimum(found, limit=10)
    assert sum(1 for f in found if f["count"] >= least) <= 10 < sum(1 for f in found if f["count"] >= least - 1)


def _answer_page(store_args: list, tmp_path, name: str, *params: str) -> dict:
    page = tmp_path / f"{name}.html"
    args = [a for p in params for a in ("--param", p)]
    proc = skg("query", *store_args, "--name", name, *args, "--format", "json", "--viz", page)
    assert proc.returncode == 0, proc.stderr
    data = page_data(page)
    assert f"wrote {page}: {data['summary']['text']}" in proc.stderr
    return data


def _drawn(data: dict) -> tuple:
    names = {n["id"]: n["name"] for n in data["nodes"]}
    return (sorted(names.values()),
            sorted((names[e["from"]], e["type"], names[e["to"]], e["count"]) for e in data["edges"]))


def test_query_viz_draws_the_answer_with_its_evidence(sample_store, tmp_path):
    """The nodes the rows name and the statements between them; a question keyed by a
    state draws that state too; the edges carry the sentences."""
    vetoes = _answer_page(["--store", sample_store], tmp_path, "votes", "position=vetoed")
    assert _drawn(vetoes) == (["Russia", "UNSC resolution S/2022/155"],
                              [("Russia", "OPPOSES", "UNSC resolution S/2022/155", 1)])
    said = vetoes["edges"][0]["evidence"][0]
    assert said["position"] == "vetoed" and "veto" in said["sentence"].lower() and said["where"]
    on_prk = _answer_page(["--store", sample_store], tmp_path, "sanctions-on", "iso3=DPRK")
    assert {"North Korea", "S/RES/2397 (2017)"} <= set(_drawn(on_prk)[0])
    assert _drawn(on_prk)[1] == [("S/RES/2397 (2017)", "SANCTIONS", "North Korea", 1)]  # the facts it asks about
    opposes = _answer_page(["--store", sample_store], tmp_path, "evidence", "relation=OPPOSES")
    assert {e["type"] for e in opposes["edges"]} == {"OPPOSES"} and len(opposes["edges"]) >= 5


def test_query_viz_draws_a_query_of_ones_own(sample_store, tmp_path):
    """Rows of IRIs name nodes too, and the relation the query names is what is drawn."""
    page = tmp_path / "own.html"
    proc = skg("query", "--store", sample_store, "--format", "csv", "--viz", page, "--sparql",
               'SELECT ?s ?o WHERE { GRAPH graph:facts { ?f rdf:subject ?s ; rdf:object ?o ; skg:relationType ?rt } '
               'FILTER(?rt = "SANCTIONS") }')
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.strip().splitlines()[1:]
    drawn = page_data(page)
    assert {e["type"] for e in drawn["edges"]} == {"SANCTIONS"} and len(drawn["edges"]) == len(rows) == 9


def test_query_viz_refuses_what_it_cannot_draw(sample_store, tmp_path):
    page = tmp_path / "a.html"
    ask = skg("query", "--store", sample_store, "--sparql", "ASK { ?s ?p ?o }", "--viz", page)
    assert ask.returncode == 2 and "E130" in ask.stderr and not page.exists()
    none = skg("query", "--store", sample_store, "--sparql", 'SELECT ("nothing" AS ?x) WHERE {}', "--viz", page)
    assert none.returncode == 2 and "E131" in none.stderr and not page.exists()


def test_query_viz_draws_the_same_answer_from_every_store(sample_store, tmp_path, neo4j_store, sparql_store):
    """Embedded, Neo4j and Virtuoso, each given the samples through the CLI: the same
    nodes and facts drawn for the same question."""
    assert skg("ingest", SAMPLES, "--neo4j", neo4j_store.uri).returncode == 0
    remote = ["--sparql-endpoint", sparql_store.endpoint]
    assert skg("ingest", SAMPLES, *remote, "--sparql-user", "dba", "--sparql-password", "dba").returncode == 0
    for question in (("votes",), ("sanctions-on", "iso3=Iran"), ("evidence", "relation=PROPOSED")):
        pictures = [_drawn(_answer_page(args, tmp_path, *question))
                    for args in (["--store", sample_store], ["--neo4j", neo4j_store.uri], remote)]
        assert pictures[0][1] and pictures[0] == pictures[1] == pictures[2], question
