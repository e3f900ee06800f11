"""New articles go into the embedded store as quads through pyoxigraph's own API, not
as SPARQL Update text that Oxigraph parses again (issue 30, item 3), and reach exactly
the quads the SPARQL Update path (kept for rewrites, forgetting and the remote store)
reaches; a writer killed between adding and removing replaced values leaves the rest
to the next writer."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pyoxigraph as ox

from sanctions_kg.graph import records
from sanctions_kg.graph.facts import OxigraphFacts
from sanctions_kg.graph.rdf import node_quads
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.graph.updates import replace_update


class _Updates:
    """The real store, with the SPARQL Updates it is sent counted."""

    def __init__(self, store: ox.Store):
        self.store, self.updates = store, []

    def update(self, text: str) -> None:
        self.updates.append(text)
        self.store.update(text)

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def _by_sparql(rows: list[dict]) -> set:
    """The quads the one-SPARQL-Update-per-article path writes for these rows."""
    store = ox.Store()
    for row in rows:
        rec = records.of(row)
        store.update(replace_update(rec, OxigraphFacts(store), None, described=list(node_quads(rec)),
                                    forget=False)[0])
    return set(store)


def test_new_articles_are_quads_not_sparql_and_the_same_quads(sample_rows, tmp_path):
    rows = sample_rows + [_restated(row) for row in sample_rows]  # every fact stated again: summaries replaced
    db = EmbeddedStore(tmp_path / "store")
    db.store = _Updates(db.store)
    for row in rows:
        db.write(row)
    assert db.store.updates == []
    facts = db.select("SELECT ?f WHERE { GRAPH ?g { ?f skg:statementCount 2 } }")
    assert len(facts) > 20  # the second statement of each fact replaced its summary's values
    assert set(db.store.store) == _by_sparql(rows)
    assert db.article_count() == len(rows)


def _restated(row: dict) -> dict:
    """The same row as another article (another id and source), stating the same facts."""
    import copy

    twin = copy.deepcopy(row)
    twin["article"].update(id=row["article"]["id"][::-1], source=row["article"]["source"] + "#again")
    for rel in twin["relations"]:
        rel["evidence"] = dict(rel["evidence"], start=rel["evidence"]["start"] + 1)
    return twin


def test_a_writer_killed_after_adding_leaves_the_removals_to_the_next(sample_rows, tmp_path):
    """A process that dies after `Store.extend` and before removing the values its
    write replaced: the article is whole, and the next writer to open the store removes
    them, reaching what a clean run holds."""
    import json

    rows = [sample_rows[0], _restated(sample_rows[0])]
    data = tmp_path / "rows.json"
    data.write_text(json.dumps(rows), encoding="utf-8")
    store = tmp_path / "store"
    script = textwrap.dedent(f"""
        import json, os
        from sanctions_kg.graph.store import EmbeddedStore
        rows = json.loads(open({str(data)!r}, encoding="utf-8").read())
        db = EmbeddedStore({str(store)!r})
        db.write(rows[0])
        db._remove_replaced = lambda: os._exit(9)  # dies right after the second article's extend
        db.write(rows[1])
        os._exit(0)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    left = ox.Store.read_only(str(store))
    assert any(g.value.endswith("/replaced") for g in left.named_graphs())  # the removals were pending
    del left
    db = EmbeddedStore(store)  # the next writer
    assert not any(g.value.endswith("/replaced") for g in db.store.named_graphs())
    assert set(db.store) == _by_sparql(rows)
