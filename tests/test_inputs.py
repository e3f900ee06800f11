"""Hostile and careless inputs, with real files: mixed encodings, FIFOs and devices,
two spellings of one path, feeds that grow at the top, link loops, odd feed fields."""
import json
import os
import re
import subprocess
import sys

from sanctions_kg.graph.store import EmbeddedStore
from sanctions_kg.loaders.article import Article, LoadFailure
from sanctions_kg.loaders.readers import read_paths

from conftest import skg_in_process

SKG = [sys.executable, "-m", "sanctions_kg"]


def skg(*args, cwd=None, timeout=None):
    """In this process (conftest.skg_in_process); given a `timeout`, in a process of its
    own, which the timeout can stop: where a FIFO or a device could make it read forever."""
    if timeout is None:
        return skg_in_process(*args, cwd=cwd)
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


# ---- no input is a traceback (issue 32) ------------------------------------------------------
def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 2, 3), proc.stderr[-3000:]


def test_link_loops_in_a_folder_and_on_the_command_line_are_coded_errors(tmp_path):
    """`Path.resolve()` raised RuntimeError on a link loop and ended the whole run."""
    from sanctions_kg.loaders.readers import scope

    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    os.symlink(news / "self.txt", news / "self.txt")
    os.symlink(news / "b.txt", news / "a.txt")
    os.symlink(news / "a.txt", news / "b.txt")
    found = list(read_paths([str(news), str(news / "self.txt")]))
    assert sum(isinstance(f, Article) for f in found) == 1
    assert [f.message[:4] for f in found if isinstance(f, LoadFailure)] == ["E001"] * 4
    scope([str(news), str(news / "a.txt")])  # no RuntimeError
    proc = skg("ingest", news, news / "self.txt", "--store", tmp_path / "store", "--sync")
    no_traceback(proc)
    assert proc.returncode == 3 and "1 article(s) written" in proc.stderr and proc.stderr.count("skipped E001") == 4


def test_feed_values_that_broke_the_reader(tmp_path):
    """NaN and Infinity dates, nesting 100k deep, an integer over 4,300 digits, lone
    surrogates in text, title, source and url: each row a coded warning or error."""
    feed = tmp_path / "feed.jsonl"
    lines = ['{"text": "Chile urged Peru to talk.", "date": NaN}',
             '{"text": "Norway urged Denmark to talk.", "date": Infinity}',
             '{"text": "Japan urged Korea to talk.", "published": -Infinity}',
             "[" * 100_000 + "]" * 100_000,
             '{"text": "Spain urged Italy to talk.", "n": ' + "7" * 5000 + "}",
             '{"text": "Iran urged Iraq to talk \\ud800.", "title": "T \\udfff", "source": "s\\ud801", '
             '"url": "https://x.example/\\udc00"}']
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(read_paths([str(feed)]))
    articles = [f for f in found if isinstance(f, Article)]
    assert [f.message[:4] for f in found if isinstance(f, LoadFailure)] == ["E005", "E005"]
    assert len(articles) == 4
    assert all(any(w.startswith("W005") for w in a.meta["warnings"]) for a in articles[:3])
    last = articles[3]
    assert "\ufffd" in last.text and "\ufffd" in last.title and last.url == "https://x.example/\ufffd"
    assert sum(w.startswith("W007") for w in last.meta["warnings"]) == 4
    proc = skg("ingest", feed, "--store", tmp_path / "store")
    no_traceback(proc)
    assert proc.returncode == 3 and "4 article(s) written" in proc.stderr


def test_a_file_name_that_is_not_utf8_is_a_coded_error(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    fd = os.open(os.fsencode(news) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"Norway urged Denmark to talk.\n")
    os.close(fd)
    found = list(read_paths([str(news)]))
    assert [f.message[:4] for f in found if isinstance(f, LoadFailure)] == ["E061"]
    proc = skg("ingest", news, "--store", tmp_path / "store")
    no_traceback(proc)
    assert proc.returncode == 3 and "E061" in proc.stderr and "bad\\xff.txt" in proc.stderr


def test_a_path_holding_rich_markup_is_printed_as_it_is(tmp_path):
    odd = tmp_path / "odd[/]"
    odd.mkdir(parents=True)
    (odd / "a.txt").write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    (odd / "[bold]empty.txt").write_bytes(b"")
    proc = skg("ingest", odd, "--store", tmp_path / "store[/red]")
    no_traceback(proc)
    assert proc.returncode == 3 and "[bold]empty.txt is empty" in proc.stderr and "store[/red]" in proc.stderr


def test_corrections_that_are_not_utf8_or_not_lists_are_e028(tmp_path):
    import pytest

    from sanctions_kg.errors import SkgError
    from sanctions_kg.graph.corrections import load

    cases = {"latin.yaml": "forget:\n  - caf\xe9\n".encode("latin-1"), "five.yaml": b"forget: 5\n",
             "map.yaml": b"retract: {relation: SANCTIONS}\n", "bool.yaml": b"forget: [true]\n"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(SkgError, match="E028"):
            load(tmp_path / name)
    good = tmp_path / "good.txt"
    good.write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    proc = skg("ingest", good, "--store", tmp_path / "store", "--corrections", tmp_path / "five.yaml")
    no_traceback(proc)
    assert proc.returncode == 2 and "E028" in proc.stderr


def test_store_addresses_that_are_not_urls_are_coded_errors(tmp_path):
    import pytest

    from sanctions_kg.errors import SkgError
    from sanctions_kg.graph.stores import StoreSpec, open_store

    for uri in ("127.0.0.1:7687", "http://127.0.0.1:7687", "bolt://[::1", "bolt://127.0.0.1:port", "bolt://"):
        with pytest.raises(SkgError, match="E062"):
            open_store(StoreSpec(neo4j=uri))
    for url in ("ftp://127.0.0.1/sparql", "file:///etc/passwd", "127.0.0.1:8890/sparql", "http://[::1/sparql"):
        with pytest.raises(SkgError, match="E063"):
            open_store(StoreSpec(endpoint=url))
    for option, value, code in (("--neo4j", "bolt://[::1", "E062"), ("--sparql-endpoint", "file:///etc/passwd", "E063")):
        proc = skg("stats", option, value)
        no_traceback(proc)
        assert proc.returncode == 2 and code in proc.stderr


def test_a_query_file_is_read_with_a_bound(tmp_path):
    """`--sparql @/dev/zero` read forever; a FIFO would block."""
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)
    big = tmp_path / "big.rq"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    for given in ("/dev/zero", fifo, big):
        proc = skg("query", "--store", tmp_path / "store", "--sparql", f"@{given}", timeout=60)
        no_traceback(proc)
        assert proc.returncode == 2 and "E065" in proc.stderr, proc.stderr


def test_a_full_disk_is_a_coded_error(tmp_path, monkeypatch):
    """The store's write failing with ENOSPC (a disk full, as RocksDB reports it) is
    E064, not a raw OSError; the articles written before it are whole."""
    import errno

    from typer.testing import CliRunner

    from sanctions_kg.cli import app
    from sanctions_kg.graph.store import EmbeddedStore as Store

    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"article": {"id": "0123456789abcdef", "source": "a.txt", "title": "",
                                            "published": None}, "entities": [], "relations": [], "measures": []})
                    + "\n", encoding="utf-8")

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "IO error: No space left on device")
    monkeypatch.setattr(Store, "write_many", full)
    result = CliRunner().invoke(app, ["load", str(rows), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2 and "E064" in result.output and "No space left" in result.output, result.output


# ---- fuzzing each reader (issue 32): a fixed budget, derandomised, 0 tracebacks -------------
# Budget: 150 inputs each for the text, HTML and JSON Lines readers, the file names and
# the query parameters (750 in all, derandomised: the same every run; about 8 s). Every
# input must give articles or coded failures, and every string an article carries must
# be UTF-8 (what the stores need).
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
BOM = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])
CODED = re.compile(r"^[EW]\d{3} ")


def read_fuzzed(folder, name: str, data: bytes) -> list:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    found = list(read_paths([str(folder)]))
    for item in found:
        assert isinstance(item, (Article, LoadFailure))
        if isinstance(item, LoadFailure):
            assert CODED.match(item.message), item.message
        else:
            for value in (item.text, item.title, item.source, item.url or "", item.id):
                value.encode("utf-8")  # no lone surrogate reaches a store
            assert item.text.strip()
    return found


@FUZZ
@given(bom=BOM, body=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzz_the_text_reader(tmp_path_factory, bom, body):
    read_fuzzed(tmp_path_factory.mktemp("txt"), "x.txt", bom + body)


HTML_PARTS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<title>", "</title>", "<article>", "<br>", "<!--",
                              "-->", "<script>", "</script>", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "\x00",
                              "Chile urged Peru to resume talks. ", "<meta charset='utf-16'>", "<", ">", "\ud800"])


@FUZZ
@given(parts=st.lists(HTML_PARTS | st.text(max_size=20), max_size=60), deep=st.integers(0, 300))
def test_fuzz_the_html_reader(tmp_path_factory, parts, deep):
    html = "<div>" * deep + "".join(parts) + "</div>" * deep
    read_fuzzed(tmp_path_factory.mktemp("html"), "x.html", html.encode("utf-8", "surrogatepass"))


JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
                | st.text(max_size=30) | st.sampled_from(["\ud800", "2024-06-24", "x\x00y", "[/]", "/etc/passwd"]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
ROW = st.fixed_dictionaries({}, optional={k: JSON_VALUES for k in ("text", "title", "date", "published", "url",
                                                                    "source")})


@FUZZ
@given(rows=st.lists(ROW | JSON_VALUES, max_size=5), raw=st.lists(st.sampled_from(
    ["{", "[" * 3000, "1" * 4400, "NaN", '{"text": "\\udc00"}', "\x00", '{"text": 1e999}']), max_size=2))
def test_fuzz_the_jsonl_reader(tmp_path_factory, rows, raw):
    lines = [json.dumps(r) for r in rows] + raw
    read_fuzzed(tmp_path_factory.mktemp("jsonl"), "x.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(name=st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]), min_size=1, max_size=30)
       .filter(lambda n: n not in (".", "..")), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ".pdf", ""]))
def test_fuzz_file_names(tmp_path_factory, name, suffix):
    name = (name + suffix)[-200:]
    read_fuzzed(tmp_path_factory.mktemp("names"), name, b"Chile urged Peru to resume talks.\n")


@FUZZ
@given(name=st.sampled_from(sorted(__import__("sanctions_kg.graph.catalogue", fromlist=["queries"]).queries())),
       params=st.dictionaries(st.sampled_from(["iso3", "relation", "proposal", "actor", "target", "x"]),
                              st.text(max_size=20), max_size=3))
def test_fuzz_the_query_parameters(name, params):
    from sanctions_kg.errors import SkgError
    from sanctions_kg.graph.catalogue import render

    for lang in ("sparql", "cypher"):
        try:
            text, values = render(name, params, lang)
        except SkgError as err:
            assert CODED.match(str(err)), err
        else:
            assert isinstance(text, str)


def test_forget_given_a_link_loop_or_markup_says_not_found(tmp_path):
    """`skg forget` took any argument for an article id (an invalid IRI: ValueError) and
    resolved the rest with `Path.resolve()` (RuntimeError on a link loop)."""
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    good = tmp_path / "good.txt"
    good.write_text("Chile urged Peru to resume talks.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert skg("ingest", good, "--store", store).returncode == 0
    proc = skg("forget", tmp_path / "loop", "[/]x", "zz zz", "--store", store)
    no_traceback(proc)
    assert proc.stderr.count("E029") == 3 and "[/]x" in proc.stderr
