#!/usr/bin/env python3
"""Write notebooks/explore.ipynb (cells without outputs). Run after changing a cell.

The notebook is for any store: one parameters cell (store, states, date range), a
heading over every answer, nothing keyed to the sample articles (tests/test_notebook.py
runs it on the samples and on another corpus)."""
from pathlib import Path

import nbformat as nbf
from nbformat.v4 import new_code_cell, new_markdown_cell

md, code = new_markdown_cell, new_code_cell
cells = [
md("""# Exploring a sanctions graph

This notebook asks any stored graph the analyst's questions (who sanctioned a state, what a state did, how votes were cast, who proposed what, who offers to mediate) and draws it: the whole network, a state's ego network, a timeline and a matrix of who does what to whom. Everything runs offline and uses only the Python API (`import sanctions_kg as skg`, see the README).

**Parameters** are all in the next cell; each can also come from the environment before Jupyter starts:

- `STORE`: a folder of an embedded store (`skg ingest ... --store FOLDER`), a Neo4j Bolt URI (`bolt://127.0.0.1:7687`, credentials from `NEO4J_USER`/`NEO4J_PASSWORD`) or a SPARQL endpoint URL (`http://127.0.0.1:8890/sparql`). Environment: `SKG_STORE` (or `SKG_NEO4J_URI`, `SKG_SPARQL_ENDPOINT`). Left empty, the notebook builds a fresh store from the bundled sample articles.
- `STATES`: the states to look at, by name, alias or code, comma-separated (`Iran, DPRK`); environment `SKG_STATES`. Left empty: the three most central states of the graph.
- `SINCE`, `UNTIL`: the date range, a year, month or day (`2024`, `2024-03`, `2024-03-05`); environment `SKG_SINCE`, `SKG_UNTIL`. Left empty: all dates."""),
code("""import os

STORE = os.environ.get('SKG_STORE') or os.environ.get('SKG_NEO4J_URI') or os.environ.get('SKG_SPARQL_ENDPOINT')
STATES = os.environ.get('SKG_STATES', '')   # e.g. 'Iran, DPRK'; empty: the three most central states
SINCE = os.environ.get('SKG_SINCE', '')     # e.g. '2024'; empty: from the first date
UNTIL = os.environ.get('SKG_UNTIL', '')     # e.g. '2024-12'; empty: to the last date""", metadata={"tags": ["parameters"]}),
md("""## Open the graph

The store named above, or a fresh embedded store built from the sample articles (found through the installed package, so the notebook runs from any folder). Answers are pandas DataFrames whatever the store."""),
code("""import shutil, tempfile

import pandas as pd
import sanctions_kg as skg
from IPython.display import HTML, Markdown, display

pd.set_option('display.max_colwidth', None)  # evidence sentences whole
built = None
if STORE:
    g = skg.open_graph(STORE)
    NAME = str(STORE)
else:
    # the library's own ingest loop, as `skg ingest` runs it
    built = tempfile.mkdtemp(prefix='skg-notebook-')
    g = skg.open_graph(built, write=True)
    report = g.ingest(skg.sample_articles())
    NAME = 'the sample articles'
    print(f'{report.written} sample articles ingested, {report.statements} statements')
WINDOW = {k: v for k, v in (('since', SINCE), ('until', UNTIL)) if v}
SPAN = (f'from {SINCE or "the first date"} to {UNTIL or "the last"}') if WINDOW else 'all dates'
stats = g.stats()
display(Markdown(f'**{NAME}**: {stats["articles"]} articles, '
                 + ', '.join(f'{n} {t}' for t, n in stats['nodes'].items()) + f'; answers below: {SPAN}.'))"""),
md("""## The whole network

States are blue, officials orange, organisations green, resolutions red, proposals purple. Tick relation types or set dates to filter; hover an edge to read its evidence. The page is self-contained (the same as `skg viz`)."""),
code("""import html, warnings

warnings.filterwarnings('ignore', message='Consider using IPython.display.IFrame')
def show(page, height=600):
    return HTML(f'<iframe srcdoc="{html.escape(page)}" style="width:100%;height:{height + 90}px;border:0"></iframe>')

display(Markdown(f'### The graph of {NAME}'))
show(g.html(f'The graph of {NAME}'))"""),
md("""## The states asked about

`STATES` by name, alias or code, each found in the graph (`g.find`); without `STATES`, the three states with the highest PageRank over every relation."""),
code("""def chosen_states():
    \"\"\"(name, ISO code) of each state asked about, as the graph names it.\"\"\"
    if STATES.strip():
        found = []
        for given in [s.strip() for s in STATES.split(',') if s.strip()]:
            rows = g.find(given)
            rows = rows[rows['type'] == 'State']
            if rows.empty:
                display(Markdown(f'*No state {given!r} in this graph.*'))
            else:
                found.append((rows.iloc[0]['name'], rows.iloc[0]['key'].split('/')[-1]))
        return found
    central = g.centrality()
    central = central[central['iso3'].notna()].sort_values(['pagerank', 'name'], ascending=[False, True])
    return list(zip(central['name'], central['iso3']))[:3]

CHOSEN = chosen_states()
display(Markdown('States: ' + (', '.join(f'{n} ({c})' for n, c in CHOSEN) or '*none in this graph*')))"""),
md("""## The questions

Each named question exists in SPARQL and Cypher (`graph/queries/`); `g.ask` runs it in the store's own language, in the date range set above. Every answer carries the sentence that states it and the article it comes from; each has its heading, and an empty answer says so."""),
code("""def answer(title, question, **params):
    \"\"\"One question's answer under its heading, in the date range; an empty one said so.\"\"\"
    display(Markdown(f'### {title}'))
    rows = g.ask(question, **params, **WINDOW)
    if rows.empty:
        display(Markdown(f'*No answer in {NAME} ({SPAN}).*'))
    else:
        display(rows.head(15))
        if len(rows) > 15:
            display(Markdown(f'*{len(rows) - 15} more rows not shown.*'))

for name, code in CHOSEN:
    answer(f'Who sanctioned {name}', 'sanctions-on', iso3=code)
    answer(f'Who accused {name}', 'accusations-against', iso3=code)
    answer(f'What {name} did', 'actions-of', actor=name)"""),
code("""answer('How states voted on resolutions and drafts', 'votes')
answer('Who proposed what', 'who-proposed')
answer('Who offered to mediate', 'mediation-offers')"""),
md("""## Ego networks

Each state asked about, everything one relation away from it, and the relations among them."""),
code("""for name, code in CHOSEN:
    display(Markdown(f'### {name} and its neighbours'))
    ego = g.ego(code, radius=1)
    if ego.number_of_edges() == 0:
        display(Markdown(f'*{name} has no relations in {NAME}.*'))
    else:
        display(show(g.html(f'{name} and its neighbours', graph=ego, height=450), height=450))"""),
md("""## Who is central

PageRank of states in the accusation and sanctions networks (officials count for their state)."""),
code("""display(Markdown('### PageRank in the accusation and sanctions networks'))
central = g.centrality('ACCUSES', 'SANCTIONS')
display(central if not central.empty else Markdown(f'*No accusations or sanctions in {NAME}.*'))"""),
md("""## Timeline of dated relations

Each dot is one statement, placed at the date it refers to (or the article's date when the text gives none), one row per relation type, in the date range."""),
code("""import matplotlib.pyplot as plt

def in_window(date):
    \"\"\"Whether a date (YYYY-MM-DD) lies in SINCE..UNTIL, each a year, month or day.\"\"\"
    return (not SINCE or date[:len(SINCE)] >= SINCE) and (not UNTIL or date[:len(UNTIL)] <= UNTIL)

rows = g.timeline()
rows = rows[rows['date'].map(in_window)] if not rows.empty else rows
display(Markdown(f'### Dated relations in {NAME}, {SPAN}'))
if rows.empty:
    display(Markdown(f'*No dated statement in {NAME} ({SPAN}).*'))
else:
    kinds = sorted(rows['type'].unique())
    fig, ax = plt.subplots(figsize=(10, 1 + 0.5 * len(kinds)))
    for i, k in enumerate(kinds):
        xs = pd.to_datetime(rows.loc[rows['type'] == k, 'date'])
        ax.scatter(xs, [i] * len(xs), s=30, alpha=0.7)
    ax.set_yticks(range(len(kinds)), kinds)
    ax.set_title(f'Dated relations in {NAME}, {SPAN}')
    fig.tight_layout()
    plt.show()"""),
md("""## Relation matrix between states

Rows act on columns: the number of statements from one state (or its officials) to another, all relation types but OFFICIAL_OF."""),
code("""matrix = g.relation_matrix()
display(Markdown(f'### Statements between states in {NAME}'))
if matrix.empty:
    display(Markdown(f'*No statement between two states in {NAME}.*'))
else:
    fig, ax = plt.subplots(figsize=(8, 7))
    im = ax.imshow(matrix.values, cmap='Blues')
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90)
    ax.set_yticks(range(len(matrix.index)), matrix.index)
    fig.colorbar(im, ax=ax, shrink=0.7)
    ax.set_title(f'Statements between states in {NAME}')
    fig.tight_layout()
    plt.show()"""),
md("""## Tables

The whole graph as DataFrames, the tables `skg export --format parquet` writes: nodes, edges (one row per statement, with how a vote was cast in `position`), facts and articles."""),
code("""frames = g.tables()
display(Markdown('### Rows per table'))
{name: len(frame) for name, frame in frames.items()}"""),
code("""g.close()
if built:
    shutil.rmtree(built, ignore_errors=True)"""),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
nbf.write(nb, out)
print(f"wrote {out}")
