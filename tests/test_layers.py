"""The layers of the package (issue 30): graph/ (stores, queries, exports) never imports
loaders/ (readers, the extractor); the pipeline (sanctions_kg/pipeline.py) joins them.
Read from the source with `ast`, so an import inside a function counts too."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "graph"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative ones spelled as written
    (leading dots kept), `from X import a` also as X.a (a submodule imported by name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base.rstrip('.')}.{alias.name}" if node.module else base + alias.name)
                      for alias in node.names]
    return found


def _reaches_loaders(module: str) -> bool:
    """Whether an import written in graph/*.py names the loaders package: absolutely
    (sanctions_kg.loaders...), or relatively from graph/ (..loaders...)."""
    return module.startswith("sanctions_kg.loaders") or module == "..loaders" or module.startswith("..loaders.")


def test_the_check_sees_every_spelling_of_an_import_of_loaders(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("import json\nfrom .records import of\nfrom .. import loaders\n"
                      "def f():\n    from ..loaders.readers import read_paths\n"
                      "import sanctions_kg.loaders.extract.lexicon\nfrom ..schema import load_model\n")
    hits = sorted({line for line, module in _imports(source) if _reaches_loaders(module)})
    assert hits == [3, 5, 6]


def test_graph_never_imports_loaders():
    files = sorted(GRAPH.rglob("*.py"))
    assert len(files) > 20  # the check reads the real package
    offending = [f"{path.relative_to(ROOT)}:{line} imports {module}"
                 for path in files for line, module in _imports(path) if _reaches_loaders(module)]
    assert offending == []
