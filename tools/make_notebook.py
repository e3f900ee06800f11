#!/usr/bin/env python3
"""Write notebooks/explore.ipynb (cells without outputs). Run after changing a cell."""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("# Exploring the sanctions graph\n\n"
       "This notebook builds the graph from the bundled sample articles in the embedded RDF store, asks it the "
       "catalogue's questions, and draws it: the whole network, one state's ego network, a timeline of dated "
       "relations and a matrix of who does what to whom. Everything runs offline."),
    md("## Build the graph\n\nThe sample articles are read, extracted and written into a fresh embedded store "
       "(one named graph per article). Re-running the cell rebuilds it."),
    code("import shutil, tempfile\nfrom pathlib import Path\n\n"
         "from sanctions_kg.graph.store import EmbeddedStore\n"
         "from sanctions_kg.graph.network import from_store, counts\n"
         "from sanctions_kg.loaders.readers import read_paths\n"
         "from sanctions_kg.loaders.extract.pipeline import Extractor\n\n"
         "root = Path.cwd() if (Path.cwd() / 'samples').exists() else Path.cwd().parent\n"
         "store_dir = Path(tempfile.mkdtemp(prefix='skg-notebook-'))\n"
         "store = EmbeddedStore(store_dir)\n"
         "extractor = Extractor()\n"
         "for ex in extractor.extract_many(read_paths([str(root / 'samples' / 'articles')])):\n"
         "    store.write(ex.to_json())\n"
         "G = from_store(store)\n"
         "counts(G)"),
    md("## Ask the catalogue\n\nEach named question exists in SPARQL and Cypher (`graph/queries/`). Here they run "
       "in SPARQL on the embedded store; every answer carries the sentence that states it."),
    code("from IPython.display import HTML, display\n"
         "from sanctions_kg.graph import catalogue\n\n"
         "def table(rows, limit=12):\n"
         "    if not rows:\n"
         "        return HTML('<i>no answer</i>')\n"
         "    head = ''.join(f'<th>{k}</th>' for k in rows[0])\n"
         "    body = ''.join('<tr>' + ''.join(f'<td>{str(v)[:140] if v is not None else \"\"}</td>' for v in r.values()) + '</tr>'\n"
         "                   for r in rows[:limit])\n"
         "    return HTML(f'<table><tr>{head}</tr>{body}</table>')\n\n"
         "def ask(name, **params):\n"
         "    text, _ = catalogue.render(name, params, 'sparql')\n"
         "    return store.select(text)\n\n"
         "display(table(ask('who-proposed', proposal='double freeze')))\n"
         "display(table(ask('sanctions-on', iso3='PRK')))\n"
         "display(table(ask('mediation-offers', party='Israel')))"),
    md("## The whole network\n\nStates are blue, officials orange, organisations green, resolutions red, proposals "
       "purple. Tick relation types or set dates to filter; hover an edge to read its evidence. The page is "
       "self-contained (the same as `skg viz`)."),
    code("import html as _html, warnings\nfrom sanctions_kg.graph import viz\n\n"
         "warnings.filterwarnings('ignore', message='Consider using IPython.display.IFrame')\n"
         "def show(graph, title, height=600):\n"
         "    page = viz.render(graph, title, height=height)\n"
         "    return HTML(f'<iframe srcdoc=\"{_html.escape(page)}\" style=\"width:100%;height:{height + 90}px;border:0\"></iframe>')\n\n"
         "show(G, 'All sample articles')"),
    md("## One state's ego network\n\nNorth Korea, everything one relation away from it, and the relations among them."),
    code("from sanctions_kg.graph.analytics import ego, find_state, centrality\n\n"
         "prk = find_state(G, 'PRK')\n"
         "show(ego(G, prk, radius=1), 'North Korea and its neighbours', height=450)"),
    md("## Who is central\n\nPageRank of states in the accusation and sanctions networks (officials count for their state)."),
    code("table(centrality(G, {'ACCUSES', 'SANCTIONS'}))"),
    md("## Timeline of dated relations\n\nEach dot is one statement, placed at the date it refers to (or the article's "
       "date when the text gives none), one row per relation type."),
    code("import matplotlib.pyplot as plt\nfrom datetime import date\n"
         "from sanctions_kg.graph.analytics import timeline\n\n"
         "rows = timeline(G)\n"
         "kinds = sorted({r['type'] for r in rows})\n"
         "fig, ax = plt.subplots(figsize=(10, 4))\n"
         "for i, k in enumerate(kinds):\n"
         "    xs = [date.fromisoformat(r['date']) for r in rows if r['type'] == k]\n"
         "    ax.scatter(xs, [i] * len(xs), s=30, alpha=0.7)\n"
         "ax.set_yticks(range(len(kinds)), kinds)\n"
         "ax.set_title('Dated relations in the sample articles')\n"
         "fig.tight_layout()\n"
         "plt.show()"),
    md("## Relation matrix between states\n\nRows act on columns: the number of statements from one state (or its "
       "officials) to another, all relation types but OFFICIAL_OF."),
    code("from sanctions_kg.graph.analytics import relation_matrix\n\n"
         "names, matrix = relation_matrix(G)\n"
         "fig, ax = plt.subplots(figsize=(8, 7))\n"
         "im = ax.imshow(matrix, cmap='Blues')\n"
         "ax.set_xticks(range(len(names)), names, rotation=90)\n"
         "ax.set_yticks(range(len(names)), names)\n"
         "fig.colorbar(im, ax=ax, shrink=0.7)\n"
         "ax.set_title('Statements between states')\n"
         "fig.tight_layout()\n"
         "plt.show()"),
    code("shutil.rmtree(store_dir, ignore_errors=True)"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
nbf.write(nb, out)
print(f"wrote {out}")
