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
       "(found through the installed package, so the notebook runs from any folder). Everything below uses only "
       "the Python API (`import sanctions_kg as skg`, see the README): answers are pandas DataFrames."),
    code("import shutil, tempfile\n\n"
         "import pandas as pd\n"
         "import sanctions_kg as skg\n\n"
         "pd.set_option('display.max_colwidth', None)  # evidence sentences whole\n"
         "built = None\n"
         "if NEO4J or SPARQL or STORE:\n"
         "    g = skg.open_graph(NEO4J or SPARQL or STORE)\n"
         "else:\n"
         "    # the library's own ingest loop, as `skg ingest` runs it\n"
         "    built = tempfile.mkdtemp(prefix='skg-notebook-')\n"
         "    g = skg.open_graph(built, write=True)\n"
         "    report = g.ingest(skg.sample_articles())\n"
         "    print(f'{report.written} sample articles ingested, {report.statements} statements')\n"
         "g.stats()"),
    md("## Ask the catalogue\n\nEach named question exists in SPARQL and Cypher (`graph/queries/`); `g.ask` runs it "
       "in the store's own language. Every answer carries the sentence that states it and the article it comes "
       "from (title, source, date). `g.questions()` lists them."),
    code("from IPython.display import HTML, display\n\n"
         "display(g.ask('who-proposed', proposal='double freeze').head(12))\n"
         "display(g.ask('sanctions-on', iso3='PRK').head(12))\n"
         "display(g.ask('mediation-offers', party='Israel').head(12))"),
    md("## The whole network\n\nStates are blue, officials orange, organisations green, resolutions red, proposals "
       "purple. Tick relation types or set dates to filter; hover an edge to read its evidence. The page is "
       "self-contained (the same as `skg viz`)."),
    code("import html, warnings\n\n"
         "warnings.filterwarnings('ignore', message='Consider using IPython.display.IFrame')\n"
         "def show(page, height=600):\n"
         "    return HTML(f'<iframe srcdoc=\"{html.escape(page)}\" style=\"width:100%;height:{height + 90}px;border:0\"></iframe>')\n\n"
         "show(g.html('The whole graph'))"),
    md("## One state's ego network\n\nNorth Korea, everything one relation away from it, and the relations among them."),
    code("show(g.html('North Korea and its neighbours', graph=g.ego('PRK', radius=1), height=450), height=450)"),
    md("## Who is central\n\nPageRank of states in the accusation and sanctions networks (officials count for their state)."),
    code("g.centrality('ACCUSES', 'SANCTIONS')"),
    md("## Timeline of dated relations\n\nEach dot is one statement, placed at the date it refers to (or the article's "
       "date when the text gives none), one row per relation type."),
    code("import matplotlib.pyplot as plt\n\n"
         "rows = g.timeline()\n"
         "kinds = sorted(rows['type'].unique())\n"
         "fig, ax = plt.subplots(figsize=(10, 4))\n"
         "for i, k in enumerate(kinds):\n"
         "    xs = pd.to_datetime(rows.loc[rows['type'] == k, 'date'])\n"
         "    ax.scatter(xs, [i] * len(xs), s=30, alpha=0.7)\n"
         "ax.set_yticks(range(len(kinds)), kinds)\n"
         "ax.set_title('Dated relations in the sample articles')\n"
         "fig.tight_layout()\n"
         "plt.show()"),
    md("## Relation matrix between states\n\nRows act on columns: the number of statements from one state (or its "
       "officials) to another, all relation types but OFFICIAL_OF."),
    code("matrix = g.relation_matrix()\n"
         "fig, ax = plt.subplots(figsize=(8, 7))\n"
         "im = ax.imshow(matrix.values, cmap='Blues')\n"
         "ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90)\n"
         "ax.set_yticks(range(len(matrix.index)), matrix.index)\n"
         "fig.colorbar(im, ax=ax, shrink=0.7)\n"
         "ax.set_title('Statements between states')\n"
         "fig.tight_layout()\n"
         "plt.show()"),
    md("## Tables\n\nThe whole graph as DataFrames, the tables `skg export --format parquet` writes: nodes, edges "
       "(one row per statement, with how a vote was cast in `position`), facts and articles."),
    code("frames = g.tables()\n"
         "{name: len(frame) for name, frame in frames.items()}"),
    code("g.close()\nif built:\n    shutil.rmtree(built, ignore_errors=True)"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
nbf.write(nb, out)
print(f"wrote {out}")
