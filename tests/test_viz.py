"""What analysts look at: the `skg viz` page and the notebook, opened in headless
Chromium with no network, must show the drawn graph (not a blank page or a spinner)."""
import os
import shutil
import subprocess

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


def test_viz_page_is_self_contained_and_draws_the_graph(sample_store, tmp_path):
    page = tmp_path / "graph.html"
    proc = skg_in_process("viz", "--store", sample_store, "--out", page)
    assert proc.returncode == 0, proc.stderr
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and "cdn" not in text.lower()
    assert "vis.Network" in text and "double freeze" in text
    assert '<i class="dot" style="background:#1f77b4"></i>State</span>' in text  # the legend, with its colours
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
