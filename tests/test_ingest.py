"""The one ingest loop (sanctions_kg/pipeline.py), called as the notebook and scripts call it:
skip what is stored, replace an edited text of the same source, set failures aside and
write the rest."""
import json

import pytest

from sanctions_kg.errors import SkgError
from sanctions_kg.pipeline import ingest, load
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.loaders.readers import read_paths


def test_the_extractor_names_a_missing_file_instead_of_failing_inside(extractor, tmp_path):
    with pytest.raises(SkgError, match=r"E001 cannot read .*nowhere\.txt"):
        list(extractor.extract_many(read_paths([str(tmp_path / "nowhere.txt")])))


def test_ingest_skips_what_is_stored_replaces_edits_and_keeps_going_past_failures(extractor, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Iran\n\nThe United States imposed sanctions on Iran on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Talks\n\nRussia and China held talks in Beijing on Tuesday.\n", encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    seen = []
    first = ingest(db, read_paths([str(folder), str(tmp_path / "missing.txt")]), extractor,
                   on_failure=seen.append, progress=lambda r: None)
    assert (first.written, first.skipped, len(first.failures)) == (2, 0, 1)
    assert seen == first.failures and seen[0].message.startswith("E001")
    assert first.statements >= 1
    again = ingest(db, read_paths([str(folder)]), extractor)
    assert (again.written, again.skipped, again.replaced) == (0, 2, 0)
    (folder / "a.txt").write_text("Iran\n\nThe European Union imposed sanctions on Iran on Monday.\n", encoding="utf-8")
    edited = ingest(db, read_paths([str(folder)]), extractor)
    assert (edited.written, edited.skipped, edited.replaced) == (1, 1, 1)
    assert db.article_count() == 2
    sources = {r["who"] for r in db.select("SELECT ?who WHERE { ?s skg:sanctions ?t ; rdfs:label ?who }")}
    assert sources == {"European Union"}  # the earlier text's fact went with it


def test_load_sets_aside_rows_the_model_refuses_and_loads_the_rest(sample_rows, tmp_path):
    bad_field = json.loads(json.dumps(sample_rows[0]))
    bad_field["entities"][0]["population"] = 5
    no_evidence_offsets = json.loads(json.dumps(sample_rows[1]))
    del no_evidence_offsets["relations"][0]["evidence"]["start"]
    db = EmbeddedStore(tmp_path / "store")
    report = load(db, [bad_field, no_evidence_offsets] + sample_rows[2:])
    assert report.written == len(sample_rows) - 2
    assert [f.message[:4] for f in report.failures] == ["E032", "E037"]
    assert "'population'" in report.failures[0].message and "no 'start'" in report.failures[1].message
    assert db.article_count() == len(sample_rows) - 2
