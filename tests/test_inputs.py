"""Hostile and careless inputs, with real files: mixed encodings, FIFOs and devices,
two spellings of one path, feeds that grow at the top, link loops, odd feed fields."""
import json
import os
import subprocess
import sys

from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.loaders.article import Article, LoadFailure
from sanctions_kg.loaders.readers import read_paths

SKG = [sys.executable, "-m", "sanctions_kg"]


def skg(*args, cwd=None, timeout=120):
    return subprocess.run(SKG + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def test_one_bad_byte_does_not_turn_a_utf8_file_into_a_legacy_codec(tmp_path):
    path = tmp_path / "erdogan.txt"
    path.write_bytes("Talks in Ankara\n\nErdoğan urged Sweden to act.\nA stray byte: \xff here.\n"
                     .encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    [article] = read_paths([str(path)])
    assert "Erdoğan" in article.text and "\ufffd" in article.text
    assert any("W004" in w and "line 4" in w for w in article.meta["warnings"])


def test_utf16_with_a_byte_order_mark_is_text(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Norway urged Denmark to resume the fishing talks.\n".encode("utf-16"))
    [article] = read_paths([str(path)])
    assert isinstance(article, Article) and article.text.startswith("Norway urged Denmark")


def test_a_fifo_or_a_device_is_refused_and_the_good_file_is_stored(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = skg("ingest", good, fifo, "/dev/zero", "--store", tmp_path / "store", timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.count("not a regular file") == 2 and "1 article(s) written" in proc.stderr


def test_two_spellings_of_one_path_are_one_source(tmp_path):
    (tmp_path / "a.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert skg("ingest", "./a.txt", "--store", store, cwd=tmp_path).returncode == 0
    (tmp_path / "a.txt").write_text("Chile accused Bolivia of blocking the talks.\n", encoding="utf-8")
    proc = skg("ingest", tmp_path / "a.txt", "--store", store)
    assert "1 of them replacing an earlier text" in proc.stderr, proc.stderr
    assert EmbeddedStore(store, read_only=True).article_count() == 1


def test_a_feed_that_grows_at_the_top_keeps_every_article(tmp_path):
    rows = [{"text": f"Chile urged Peru to resume talks on item {i}.", "date": "2024-03-0{i}"} for i in range(1, 4)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = tmp_path / "store"
    assert skg("ingest", feed, "--store", store).returncode == 0
    new = {"text": "Norway urged Denmark to resume the fishing talks.", "date": "2024-03-09"}
    feed.write_text(json.dumps(new) + "\n" + feed.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):
        proc = skg("ingest", feed, "--store", store)
        assert "0 of them replacing" in proc.stderr, proc.stderr
    assert EmbeddedStore(store, read_only=True).article_count() == 4


def test_feed_fields_of_the_wrong_kind(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Chile urged Peru to talk.", "url": ["a", "b"], "date": 20240624}) + "\n"
                    + json.dumps({"text": "Norway urged Denmark to talk.", "date": 1719187200}) + "\n"
                    + json.dumps({"text": "Japan urged Korea to talk.", "date": {"day": 1}}) + "\n", encoding="utf-8")
    first, second, third = read_paths([str(feed)])
    assert first.url is None and first.published.isoformat() == "2024-06-24"
    assert second.published.isoformat() == "2024-06-24"
    assert third.published is None and any("W005" in w for w in third.meta["warnings"])


def test_links_to_folders_and_link_loops(tmp_path):
    news = tmp_path / "news"
    (news / "inner").mkdir(parents=True)
    (news / "inner" / "a.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    os.symlink(news, news / "inner" / "loop")
    found = list(read_paths([str(news)]))
    assert [type(x) for x in found] == [Article, LoadFailure] and "a link to a folder" in found[1].message
    globbed = [x for x in read_paths([str(news / "**" / "*.txt")]) if isinstance(x, Article)]
    assert len(globbed) == 1 and not [x for x in read_paths([str(news / "**" / "*.txt")]) if isinstance(x, LoadFailure)]


def test_size_limits_are_checked_before_reading_and_can_be_raised(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Chile urged Peru to resume talks. " * 40000, encoding="utf-8")  # 1.3 MB
    refused = skg("extract", big, "--max-mb", "1")
    assert refused.returncode == 2 and "E015" in refused.stderr and "--max-mb" in refused.stderr


def test_a_store_is_never_written_into_a_folder_of_other_files(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"PK")
    good = tmp_path / "good.txt"
    good.write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    proc = skg("ingest", good, "--store", folder)
    assert proc.returncode == 2 and "E011" in proc.stderr and "not a store" in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]


# ---- encodings and feed sources (issue 32) ---------------------------------------------------
def test_a_utf8_file_with_two_stray_bytes_stays_utf8(tmp_path):
    """1.8 KB with two stray bytes was decoded whole as a legacy codec, silently
    ("Erdoğan" -> "Erdoƒüan"): it is UTF-8 with the two bytes replaced, and W004 says so."""
    body = ("Erdoğan urged Sweden to act on the request. " * 40).encode("utf-8")
    path = tmp_path / "stray.txt"
    path.write_bytes(b"Talks in Ankara\n\n" + body[:900] + b"\x9d" + body[900:] + b"\n\xff\n")
    [article] = read_paths([str(path)])
    assert article.text.count("Erdoğan") >= 39 and article.text.count("\ufffd") == 2
    assert any(w.startswith("W004") and "2 byte(s)" in w for w in article.meta["warnings"])


def test_a_legacy_file_is_decoded_with_a_warning_naming_the_codec(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Sanktionen\n\nFrance and Germany condemned Belarus. Café déjà vu, naïve.\n".encode("cp1252"))
    [article] = read_paths([str(path)])
    assert "Café" in article.text  # the codec is a guess (cp1250 or cp1252 for so short a text)
    assert any(w.startswith("W006") for w in article.meta["warnings"])


def test_utf32_with_a_byte_order_mark_is_text(tmp_path):
    for codec in ("utf-32", "utf-32-be"):
        path = tmp_path / f"{codec}.txt"
        data = "Norway urged Denmark to resume the fishing talks.\n".encode(codec)
        path.write_bytes(data if codec == "utf-32" else b"\x00\x00\xfe\xff" + data)
        [article] = read_paths([str(path)])
        assert isinstance(article, Article) and article.text.startswith("Norway urged Denmark"), codec


def test_a_file_of_nothing_but_a_byte_order_mark_is_empty(tmp_path):
    for n, bom in enumerate((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf \n")):
        (tmp_path / f"bom{n}.txt").write_bytes(bom)
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf")
    found = list(read_paths([str(tmp_path)]))
    assert len(found) == 6 and all(isinstance(f, LoadFailure) and f.message.startswith("E002") for f in found)


def test_a_feed_row_naming_a_files_path_does_not_replace_that_files_article(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert skg("ingest", news, "--store", store).returncode == 0
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Norway urged Denmark to talk.", "source": str(news / "a.txt")}) + "\n",
                    encoding="utf-8")
    proc = skg("ingest", feed, "--store", store)
    assert proc.returncode == 0 and "0 of them replacing" in proc.stderr, proc.stderr
    assert EmbeddedStore(store, read_only=True).article_count() == 2
