#!/usr/bin/env python3
"""Write notebooks/explore.ipynb (cells without outputs). Run after changing a cell."""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("# Exploring the sanctions graph\n\n"
       "This notebook asks a stored graph the catalogue's questions and draws it: the whole network, one state's "
       "ego network, a timeline of dated relations and a matrix of who does what to whom. Everything runs "
       "offline.\n\n"
       "**Which graph.** Set one of these in the next cell (or in the environment before starting Jupyter):\n\n"
       "- `STORE`: the folder of an embedded store made by `skg ingest ... --store FOLDER` (`make notebook` "
       "points it at `./skg-data`, built from the sample articles);\n"
       "- `NEO4J`: a Bolt URI such as `bolt://127.0.0.1:7687` (credentials from `NEO4J_USER`/`NEO4J_PASSWORD`);\n"
       "- `SPARQL`: a SPARQL endpoint such as `http://127.0.0.1:8890/sparql`.\n\n"
       "With none set, the notebook builds a fresh store from the bundled sample articles, wherever it runs."),
    code("import os\n\n"
         "STORE = os.environ.get('SKG_STORE')             # e.g. '/path/to/skg-data'\n"
         "NEO4J = os.environ.get('SKG_NEO4J_URI')         # e.g. 'bolt://127.0.0.1:7687'\n"
         "SPARQL = os.environ.get('SKG_SPARQL_ENDPOINT')  # e.g. 'http://127.0.0.1:8890/sparql'"),
    md("## Open the graph\n\nThe store named above, or a fresh embedded store built from the sample articles "
       "(found through the installed package, so the notebook runs from any folder)."),
    code("import shutil, tempfile\nfrom pathlib import Path\n\n"
         "from sanctions_kg.graph.network import counts\n"
         "from sanctions_kg.graph.stores import StoreSpec, open_store\n\n"
         "built = None\n"
         "if NEO4J or SPARQL or STORE:\n"
         "    store = open_store(StoreSpec(path=Path(STORE or 'skg-data'), neo4j=NEO4J, endpoint=SPARQL), read_only=True)\n"
         "else:\n"
         "    # the library's own ingest loop, as `skg ingest` runs it\n"
         "    from sanctions_kg import samples\n"
         "    from sanctions_kg.graph.ingest import ingest\n"
         "    from sanctions_kg.loaders.readers import read_paths\n"
         "    built = Path(tempfile.mkdtemp(prefix='skg-notebook-'))\n"
         "    store = open_store(StoreSpec(path=built))\n"
         "    report = ingest(store, read_paths([str(samples.articles())]))\n"
         "    print(f'{report.written} sample articles ingested, {report.statements} statements')\n"
         "G = store.graph()\n"
         "counts(G)"),
    md("## Ask the catalogue\n\nEach named question exists in SPARQL and Cypher (`graph/queries/`). Here they run "
       "in SPARQL on the RDF stores, in Cypher on Neo4j; every answer carries the sentence that states it and the article it comes from (title, source, date)."),
    code("from IPython.display import HTML, display\n"
         "from sanctions_kg.graph import catalogue\n\n"
         "import html as _html\n\n"
         "def table(rows, limit=12):\n"
         "    \"\"\"Rows as an HTML table: left-aligned, the evidence sentence whole, the source as its file name.\"\"\"\n"
         "    if not rows:\n"
         "        return HTML('<i>no answer</i>')\n"
         "    def cell(k, v):\n"
         "        v = '' if v is None else str(v)\n"
         "        if k == 'source':\n"
         "            v = v.rsplit('/', 1)[-1]\n"
         "        width = 'min-width:24em;' if k == 'sentence' else ''\n"
         "        return f'<td style=\"text-align:left;vertical-align:top;{width}\">{_html.escape(v)}</td>'\n"
         "    head = ''.join(f'<th style=\"text-align:left\">{k}</th>' for k in rows[0])\n"
         "    body = ''.join('<tr>' + ''.join(cell(k, v) for k, v in r.items()) + '</tr>' for r in rows[:limit])\n"
         "    more = f'<p><i>{len(rows) - limit} more rows</i></p>' if len(rows) > limit else ''\n"
         "    return HTML(f'<table><tr>{head}</tr>{body}</table>{more}')\n\n"
         "def ask(name, **params):\n"
         "    if NEO4J:\n"
         "        text, values = catalogue.render(name, params, 'cypher')\n"
         "        return store.cypher(text, values)\n"
         "    text, _ = catalogue.render(name, params, 'sparql')\n"
         "    return store.select(text)\n\n"
         "display(table(ask('who-proposed', proposal='double freeze')))\n"
         "display(table(ask('sanctions-on', iso3='PRK')))\n"
         "display(table(ask('mediation-offers', party='Israel')))"),
    md("## The whole network\n\nStates are blue, officials orange, organisations green, resolutions red, proposals "
       "purple. Tick relation types or set dates to filter; hover an edge to read its evidence. The page is "
       "self-contained (the same as `skg viz`)."),
    code("import warnings\nfrom sanctions_kg.graph import viz\n\n"
         "warnings.filterwarnings('ignore', message='Consider using IPython.display.IFrame')\n"
         "def show(graph, title, height=600):\n"
         "    page = viz.render(graph, title, height=height)\n"
         "    return HTML(f'<iframe srcdoc=\"{_html.escape(page)}\" style=\"width:100%;height:{height + 90}px;border:0\"></iframe>')\n\n"
         "show(G, 'The whole graph')"),
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
    code("store.close()\nif built:\n    shutil.rmtree(built, ignore_errors=True)"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
nbf.write(nb, out)
print(f"wrote {out}")
