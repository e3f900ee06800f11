"""Loaders: messy scraped text, HTML pages, JSON Lines, folders and globs; bad input is
reported per file, never raised, and never stops the good files beside it."""
from datetime import date

import pytest

from sanctions_kg.loaders.article import Article, LoadFailure, content_id
from sanctions_kg.loaders.readers import read_paths, text_header

from conftest import ROOT

DATA = ROOT / "tests" / "data"


def test_seed_header_skips_crawl_date_and_breadcrumb(seed_path):
    [article] = list(read_paths([str(seed_path)]))
    assert isinstance(article, Article)
    assert article.title == "Kremlin offers to be mediator between the USA and North Korea"
    assert article.published == date(2017, 12, 27)  # not the crawl date above it (2018-01-23)
    assert article.text == seed_path.read_text(encoding="utf-8")  # offsets point into this
    assert article.id == content_id(article.text) and len(article.id) == 16


def test_text_header_reads_a_dateline_under_the_title():
    title, published = text_header("Sanctions widened\n\nMarch 4, 2022\n\nThe council acted today.\n")
    assert (title, published) == ("Sanctions widened", date(2022, 3, 4))


@pytest.mark.parametrize("line", ["June 24th, 2024", "24.06.2024", "2024-06-24T10:15:00Z", "Updated: 24 June 2024",
                                  "Last updated 24 June 2024, 14:05 GMT", "Posted on 24 June 2024 at 10:00"])
def test_date_lines_in_the_many_ways_pages_write_them(line):
    title, published = text_header(f"Ministers meet in Oslo\n\n{line}\n\nNorway urged Denmark to resume talks.\n")
    assert (title, published) == ("Ministers meet in Oslo", date(2024, 6, 24))


def test_a_wire_dateline_dates_the_story_and_a_title_with_a_year_does_not():
    text = ("Sanctions review for 2023\n\nBRUSSELS, June 24, 2024 (Reuters) - The European Union agreed on "
            "Monday to widen its sanctions on Iran over drone deliveries, diplomats said.\n")
    assert text_header(text) == ("Sanctions review for 2023", date(2024, 6, 24))


def test_an_undated_text_leaves_relative_dates_empty_and_says_so(tmp_path, extractor):
    """Without a publication date, "on Friday" is not resolved against the day the text
    happens to be read; --date gives the date to resolve against."""
    path = tmp_path / "undated.txt"
    path.write_text("Talks in Oslo\n\nNorway urged Denmark on Friday to resume the fishing talks.\n", encoding="utf-8")
    [article] = read_paths([str(path)])
    assert article.published is None and any("W003" in w and str(path) in w for w in article.meta["warnings"])
    row = extractor.extract(article).to_json()
    assert row["relations"] and all("ref_date" not in r for r in row["relations"])
    [dated] = read_paths([str(path)], default_date=date(2023, 3, 8))
    assert dated.published == date(2023, 3, 8) and not dated.meta.get("warnings")
    assert {r.get("ref_date") for r in extractor.extract(dated).to_json()["relations"]} == {"2023-03-03"}


def test_a_feed_date_that_names_no_day_is_not_the_ingest_day(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Japan urged North Korea to stop its missile tests.", "date": "yesterday"}\n',
                    encoding="utf-8")
    [article] = read_paths([str(feed)])
    assert article.published is None


def test_html_page_keeps_the_story_and_drops_the_furniture():
    [article] = list(read_paths([str(DATA / "sanctions-page.html")]))
    assert isinstance(article, Article)
    assert article.title == "Council widens measures on Pyongyang"
    assert article.published == date(2017, 12, 23)
    assert "resolution 2397" in article.text
    assert "tracking" not in article.text and "Copyright" not in article.text


def test_jsonl_reads_good_lines_and_names_the_bad_ones():
    results = list(read_paths([str(DATA / "feed.jsonl")]))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, LoadFailure)]
    assert [a.title for a in articles] == ["Ministers meet in Vienna", "Envoy visits Caracas"]
    assert articles[0].published == date(2021, 4, 6) and articles[0].url == "https://example.org/a1"
    assert articles[1].published == date(2019, 2, 14)
    assert [f.message.split()[0] for f in failures] == ["E005", "E006"]
    assert all("feed.jsonl" in f.message for f in failures)


def test_folders_globs_and_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("Title line\n\nRussia and China met in Beijing.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "legacy.txt").write_bytes("Caf\xe9 talks\n\nFran\xe7ois met the envoy.\n".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    results = list(read_paths([str(tmp_path)]))
    ok = {r.source.rsplit("/", 1)[-1] for r in results if isinstance(r, Article)}
    bad = {r.source.rsplit("/", 1)[-1]: r.message.split()[0] for r in results if isinstance(r, LoadFailure)}
    assert ok == {"good.txt", "legacy.txt"}
    assert bad == {"empty.txt": "E002", "binary.txt": "E003", "notes.pdf": "E008"}
    legacy = next(r for r in results if isinstance(r, Article) and r.source.endswith("legacy.txt"))
    assert "François" in legacy.text
    globbed = list(read_paths([str(tmp_path / "*.txt")]))
    assert len(globbed) == 4
    missing = list(read_paths([str(tmp_path / "nothing-*.txt"), str(tmp_path / "absent.txt")]))
    assert [m.message.split()[0] for m in missing] == ["E007", "E001"]
