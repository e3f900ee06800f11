"""Article identity under edits: whatever is done to the files and the feed (insert,
delete, edit, rename; rows added at the top, taken out, edited), `ingest --sync` leaves
the store holding exactly the articles of the final inputs, in the embedded store and
in Neo4j (the real server `make test` starts). A property test: hypothesis makes the
sequences."""
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_kg.pipeline import ingest
from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.loaders.article import content_id
from sanctions_kg.loaders.readers import read_paths, scope

from conftest import skg_in_process

PARTIES = ["Russia", "China", "France", "Iran", "Brazil", "Kenya", "Japan", "Chile"]


def skg(*args):
    """In this process (conftest.skg_in_process): nothing here needs one of its own."""
    return skg_in_process(*args)


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


# ---- --sync forgets only what is gone (issue 32) -----------------------------------------
def html_page(n: int) -> str:
    return f"<html><head><title>Report {n}</title></head><body><article><p>{text(n)}</p></article></body></html>"


def synced(db, extractor, news: Path):
    return ingest(db, read_paths([str(news)]), extractor, sync=scope([str(news)]))


def test_sync_keeps_what_an_unlistable_folder_held(extractor, tmp_path, monkeypatch):
    """A folder that cannot be listed (permissions, an I/O error) is E060, not an empty
    folder: `Path.rglob` skipped it silently, and --sync forgot all it held."""
    import os

    news = tmp_path / "news"
    (news / "inner").mkdir(parents=True)
    (news / "inner" / "a.txt").write_text(text(1), encoding="utf-8")
    (news / "b.txt").write_text(text(2), encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    synced(db, extractor, news)
    listing = os.scandir

    def refused(path="."):
        if Path(path) == news / "inner":
            raise PermissionError(13, "Permission denied")
        return listing(path)
    monkeypatch.setattr(os, "scandir", refused)
    report = synced(db, extractor, news)
    assert [f.message[:4] for f in report.failures] == ["E060"] and "inner" in report.failures[0].message
    assert (report.pruned, report.kept) == (0, 1) and stored(db) == {content_id(text(1)), content_id(text(2))}
    monkeypatch.setattr(os, "scandir", listing)
    (news / "inner" / "a.txt").unlink()  # listed again and gone: now it is forgotten
    report = synced(db, extractor, news)
    assert (report.pruned, report.kept) == (1, 0) and stored(db) == {content_id(text(2))}


def test_sync_keeps_a_page_refused_as_too_deep(extractor, tmp_path):
    """E040: the page was not understood, so what it holds is not known."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "page.html").write_text(html_page(3), encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    assert synced(db, extractor, news).written == 1
    (news / "page.html").write_text("<div>" * 300 + "deep" + "</div>" * 300, encoding="utf-8")
    report = synced(db, extractor, news)
    assert [f.message[:4] for f in report.failures] == ["E040"]
    assert (report.pruned, report.kept) == (0, 1) and len(stored(db)) == 1


def test_sync_keeps_a_page_refused_as_too_large_and_says_so(tmp_path):
    """E041 through the command line: the run names the refusal and counts what it kept."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "page.html").write_text(html_page(4), encoding="utf-8")
    (news / "other.txt").write_text(text(5), encoding="utf-8")
    store = tmp_path / "store"
    first = skg("ingest", news, "--store", store, "--sync")
    assert first.returncode == 0, first.stderr
    (news / "page.html").write_text("<p>" + "x" * 21_000_000 + "</p>", encoding="utf-8")
    (news / "other.txt").unlink()
    proc = skg("ingest", news, "--store", store, "--sync")
    assert proc.returncode == 2 and "E041" in proc.stderr, proc.stderr
    assert "1 forgotten as their inputs no longer hold them" in proc.stderr
    assert "1 kept though not read again" in proc.stderr
    assert set(EmbeddedStore(store, read_only=True).origins()) == {content_id(html_page_text(4))}


def html_page_text(n: int) -> str:
    """The text the HTML reader makes of `html_page(n)`."""
    from sanctions_kg.loaders.readers import read_html

    [article] = read_html(Path("p.html"), html_page(n).encode())
    return article.text


def test_sync_keeps_the_articles_of_a_feed_with_a_row_that_is_not_json(extractor, tmp_path):
    """E005: which article the broken row held is not known, so none of the feed's
    stored articles is forgotten this time; a row taken out cleanly is."""
    news = tmp_path / "news"
    news.mkdir()
    feed = news / "feed.jsonl"
    rows = [json.dumps({"text": text(n), "url": f"https://news.example/{n}"}) for n in (6, 7, 8)]
    feed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = EmbeddedStore(tmp_path / "store")
    assert synced(db, extractor, news).written == 3
    feed.write_text(rows[0] + "\n" + rows[1][:-5] + "\n", encoding="utf-8")  # row 2 broken, row 3 gone
    report = synced(db, extractor, news)
    assert [f.message[:4] for f in report.failures] == ["E005"]
    assert (report.pruned, report.kept) == (0, 2) and len(stored(db)) == 3
    feed.write_text(rows[0] + "\n" + rows[1] + "\n", encoding="utf-8")  # mended: row 3 is known to be gone
    report = synced(db, extractor, news)
    assert (report.pruned, report.kept, report.failures) == (1, 0, [])
    assert stored(db) == {content_id(text(6)), content_id(text(7))}
