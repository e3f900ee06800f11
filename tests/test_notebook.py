"""Issue 29 item 6: the notebook for any store. One parameters cell (store, states, date
range), a heading on every answer, nothing about the samples unless it runs on them;
executed here with nbclient on the samples and on a store of another corpus (our own
articles under tests/data/analyst), embedded and in Neo4j."""
import json
import re

import pytest

from conftest import ROOT, SAMPLES, skg_in_process

ANALYST = ROOT / "tests" / "data" / "analyst"


def _execute(cwd, monkeypatch, **env):
    """The notebook run with nbclient, its parameters from the environment."""
    import nbformat
    from nbclient import NotebookClient

    for name in ("SKG_STORE", "SKG_NEO4J_URI", "SKG_SPARQL_ENDPOINT", "SKG_STATES", "SKG_SINCE", "SKG_UNTIL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[0].get("evalue")
    return nb


def _shown(nb) -> list[tuple[str, str]]:
    """Every output in order, as (kind, text): 'md' for Markdown, 'table' for a
    DataFrame, 'image' for a plot, 'html' for other HTML."""
    shown = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if "text/markdown" in data:
                shown.append(("md", data["text/markdown"]))
            elif "image/png" in data:
                shown.append(("image", ""))
            elif "dataframe" in data.get("text/html", ""):
                shown.append(("table", data["text/html"]))
            elif "text/html" in data:
                shown.append(("html", data["text/html"]))
    return shown


def _answers(shown) -> dict[str, str]:
    """Each heading of an answer and what follows it: a table, or the note that it is empty."""
    found = {}
    for (kind, text), (after, body) in zip(shown, shown[1:]):
        if kind == "md" and text.startswith("### "):
            found[text[4:]] = body if after in ("table", "md") else after
    return found


def test_the_parameters_are_one_cell_and_nothing_names_the_samples():
    nb = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text("utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and all(f"{p} =" in "".join(tagged[0]["source"]) for p in ("STORE", "STATES", "SINCE", "UNTIL"))
    code = re.sub(r"#.*", "", "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"))
    for sample in ("double freeze", "PRK", "Israel", "North Korea"):
        assert sample not in code, sample  # no question keyed to the samples


@pytest.fixture(scope="module")
def analyst_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyst") / "store"
    proc = skg_in_process("ingest", ANALYST, "--store", folder)  # the notebook is the point, not this ingest
    assert proc.returncode == 0, proc.stderr
    return folder


def _check_analyst_answers(nb, where: str):
    shown = _shown(nb)
    text = " ".join(body for _, body in shown)
    assert "sample" not in text.lower(), "the samples named on a store of other articles"
    answers = _answers(shown)
    iran = answers["Who sanctioned Iran"]
    assert "Japan" in iran and "United States" in iran and "United Kingdom" in iran
    assert "Canada" not in iran  # 2023, outside the range
    assert answers["What Syria did"].startswith("*No answer in " + where)  # said, not left blank
    assert answers["How states voted on resolutions and drafts"].startswith("*No answer")  # the vetoes were in 2023
    assert "Black Sea corridor" in answers["Who proposed what"]
    assert f"Dated relations in {where}, from 2024 to the last" in answers
    assert answers["Syria and its neighbours"].startswith("*Syria has no relations") or "iframe" in answers["Syria and its neighbours"]
    assert [k for k, _ in shown].count("image") == 2  # the timeline and the matrix


def test_the_notebook_on_a_store_of_another_corpus(tmp_path, monkeypatch, analyst_store):
    nb = _execute(tmp_path, monkeypatch, SKG_STORE=str(analyst_store), SKG_STATES="Iran, Syria", SKG_SINCE="2024")
    _check_analyst_answers(nb, str(analyst_store))


def test_the_notebook_on_neo4j(tmp_path, monkeypatch, neo4j_store):
    proc = skg_in_process("ingest", ANALYST, "--neo4j", neo4j_store.uri)
    assert proc.returncode == 0, proc.stderr
    nb = _execute(tmp_path, monkeypatch, SKG_NEO4J_URI=neo4j_store.uri, SKG_STATES="iran, SYR", SKG_SINCE="2024")
    _check_analyst_answers(nb, neo4j_store.uri)


def test_the_notebook_on_the_samples_heads_every_answer(tmp_path, monkeypatch):
    """No parameter set: a fresh store of the samples, the three most central states."""
    shown = _shown(_execute(tmp_path, monkeypatch))
    answers = _answers(shown)
    states = [h[len("Who sanctioned "):] for h in answers if h.startswith("Who sanctioned ")]
    assert len(states) == 3 and all(f"What {s} did" in answers for s in states)
    assert "double freeze" in answers["Who proposed what"]
    assert all(body for body in answers.values())  # every heading is followed by a table or a note
    assert "Dated relations in the sample articles, all dates" in answers
