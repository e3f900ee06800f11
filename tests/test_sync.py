"""Article identity under edits: whatever is done to the files and the feed (insert,
delete, edit, rename; rows added at the top, taken out, edited), `ingest --sync` leaves
the store holding exactly the articles of the final inputs, in the embedded store and
in Neo4j (the real server `make test` starts). A property test: hypothesis makes the
sequences."""
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_kg.graph.ingest import ingest
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.loaders.article import content_id
from sanctions_kg.loaders.readers import read_paths, scope

PARTIES = ["Russia", "China", "France", "Iran", "Brazil", "Kenya", "Japan", "Chile"]


def text(n: int) -> str:
    a, b = PARTIES[n % len(PARTIES)], PARTIES[(n // len(PARTIES) + 1 + n) % len(PARTIES)]
    return f"Report {n}\n\n{a} accused {b} of violating the ceasefire in report {n}.\n"


# one edit: (kind, which item, a number for the new text or name, whether a feed row has a url)
edits = st.lists(st.tuples(st.sampled_from(["add", "delete", "edit", "rename", "row_top", "row_delete", "row_edit"]),
                           st.integers(0, 9), st.integers(0, 40), st.booleans()), min_size=1, max_size=6)


class Inputs:
    """A folder of text files and one JSON Lines feed, edited as a user would."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir()
        self.feed = root / "feed.jsonl"
        self.rows: list[dict] = []
        self.names = 0

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.glob("*.txt"))

    def apply(self, kind: str, which: int, n: int, with_url: bool) -> None:
        files = self.files()
        if kind == "add":
            self.names += 1
            (self.root / f"f{self.names}.txt").write_text(text(n), encoding="utf-8")
        elif kind == "delete" and files:
            files[which % len(files)].unlink()
        elif kind == "edit" and files:
            files[which % len(files)].write_text(text(n + 100), encoding="utf-8")
        elif kind == "rename" and files:
            old = files[which % len(files)]
            self.names += 1
            old.rename(self.root / f"f{self.names}.txt")
            (self.root / old.name).write_text(text(n + 200), encoding="utf-8")  # a new text under the old name
        elif kind == "row_top":
            row = {"text": text(n + 300), "title": f"row {n}"}
            if with_url:
                row["url"] = f"https://news.example/{n}"
            self.rows.insert(0, row)
        elif kind == "row_delete" and self.rows:
            self.rows.pop(which % len(self.rows))
        elif kind == "row_edit" and self.rows:
            self.rows[which % len(self.rows)]["text"] = text(n + 400)
        self.feed.write_text("".join(json.dumps(r) + "\n" for r in self.rows), encoding="utf-8")

    def expected(self) -> set[str]:
        texts = [p.read_text(encoding="utf-8") for p in self.files()] + [r["text"] for r in self.rows]
        return {content_id(t) for t in texts}


def stored(store) -> set[str]:
    return set(store.origins())


def check(store, extractor, tmp: Path, sequence) -> None:
    inputs = Inputs(tmp)
    for kind, which, n, with_url in sequence:
        inputs.apply(kind, which, n, with_url)
        report = ingest(store, read_paths([str(inputs.root)]), extractor, sync=scope([str(inputs.root)]))
        assert not [f for f in report.failures if not f.message.startswith(("E002", "E023"))], report.failures
        assert stored(store) == inputs.expected(), (kind, report)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=edits)
def test_the_embedded_store_holds_exactly_the_final_inputs(extractor, tmp_path_factory, sequence):
    tmp = tmp_path_factory.mktemp("sync")
    check(EmbeddedStore(tmp / "store"), extractor, tmp / "news", sequence)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=edits)
def test_neo4j_holds_exactly_the_final_inputs(extractor, tmp_path_factory, neo4j_server, sequence):
    from sanctions_kg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_server)
    store.cypher("MATCH (n) DETACH DELETE n", write=True)
    try:
        check(store, extractor, tmp_path_factory.mktemp("sync") / "news", sequence)
    finally:
        store.close()


def test_a_renamed_file_keeps_its_article_when_a_new_text_takes_its_old_name(extractor, tmp_path):
    """The order the folder is read in puts the renamed file last: its article must not
    be replaced by the new text under its old name, then be missing until the next run."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "b.txt").write_text(text(1), encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    ingest(db, read_paths([str(news)]), extractor)
    (news / "b.txt").rename(news / "a.txt")           # renamed: read first now
    (news / "b.txt").write_text(text(2), encoding="utf-8")  # a new text under the old name
    report = ingest(db, read_paths([str(news)]), extractor)
    assert (report.skipped, report.written, report.replaced) == (1, 1, 0)
    assert stored(db) == {content_id(text(1)), content_id(text(2))}
    assert db.article_for_source(str((news / "a.txt").resolve())) == content_id(text(1))


def test_without_sync_nothing_is_forgotten_and_unreadable_files_keep_theirs_with_it(extractor, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for i in range(3):
        (news / f"{i}.txt").write_text(text(i), encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    ingest(db, read_paths([str(news)]), extractor)
    (news / "0.txt").unlink()
    assert ingest(db, read_paths([str(news)]), extractor).pruned == 0 and len(stored(db)) == 3
    (news / "1.txt").write_bytes(b"\x00" * 64)  # unreadable now (E003): what it held is not known, so kept
    report = ingest(db, read_paths([str(news)]), extractor, sync=scope([str(news)]))
    assert report.pruned == 1 and stored(db) == {content_id(text(1)), content_id(text(2))}
    (news / "2.txt").write_bytes(b"")  # empty: it was read, and holds nothing
    report = ingest(db, read_paths([str(news)]), extractor, sync=scope([str(news)]))
    assert report.pruned == 1 and stored(db) == {content_id(text(1))}
