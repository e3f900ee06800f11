"""Readers: files, folders and globs in; articles (or reasons they failed) out.

One reader per kind of file, chosen from a registry by suffix, so a new format is one
function and one registry line. Readers never raise for bad input: they yield a
`LoadFailure` that names the file and the reason, and carry on with the next one.
"""
from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import Errors
from .article import Article, LoadFailure

Result = Article | LoadFailure
Reader = Callable[[Path, bytes], Iterator[Result]]
READERS: dict[str, Reader] = {}
MAX_BYTES = 64 * 1024 * 1024

# A line that only dates the article: "June 24th, 2024", "24.06.2024", an ISO timestamp,
# "Updated: 24 June 2024 10:15 GMT". The label and the time of day are cut, the rest must be
# short and parse (dateparser) as a whole day.
DATE_LABEL = re.compile(r"^\W*(?:(?:last\s+)?updated|published|posted|first\s+published|date[d]?)(?:\s+on)?\s*:?\s*",
                        re.IGNORECASE)
TIME_OF_DAY = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
                         r"(?:\s*(?:GMT|UTC|[A-Z]{2,4}T|[+-]\d{2}:?\d{2}))?)\s*$", re.IGNORECASE)
# A wire dateline opening the body: "BRUSSELS, June 24, 2024 (Reuters) - The EU ..."
# A wire dateline opening the body: "TOKYO, March 3, 2024 (Reuters) -", "Tokyo, March 3, 2024 -"
# (the place in capitals or not); PLACE_DATE: the same place and date alone on a line
# ("Paris, 3 May 2013"), a dateline above the body, never a title.
_PLACE = r"^[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?,\s+(?P<date>[^()\n]{6,30}?)\s*(?:\([^)\n]{1,40}\))?"
DATELINE = re.compile(_PLACE + r"\s*[-\u2013\u2014]")
PLACE_DATE = re.compile(_PLACE + r"\s*$")
BREADCRUMB = re.compile(r"\s(?:»|›|>|/|\|)\s")


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn
    return register


MOSTLY_UTF8 = 0.001  # at most this share of undecodable bytes: isolated bad bytes, not a legacy codec


BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),  # UTF-32 first: its LE BOM
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))                  # starts like UTF-16's


def decode(path: Path, data: bytes) -> tuple[str, list[str]] | LoadFailure:
    """The text of a file and warnings about its decoding. UTF-32 and UTF-16 with a
    byte-order mark are text; a file with nothing but a byte-order mark or blanks is
    empty (E002). A file that is not valid UTF-8 is read as UTF-8 with its bad bytes
    replaced (W004 names their lines) when it is UTF-8 with stray bytes: it holds valid
    multi-byte characters, or its bad bytes are isolated. Decoding it whole with a
    guessed legacy codec turned every name in it into mojibake ("Erdoğan" ->
    "Erdoƒüan"). Only a file with no UTF-8 character beyond ASCII is given to
    charset-normalizer, and the codec it finds is named (W006)."""
    text = _decoded(path, data)
    if isinstance(text, LoadFailure):
        return text
    if not text[0].strip():
        return LoadFailure(str(path), Errors.E002.format(path=path), known=True)
    return text


def _decoded(path: Path, data: bytes) -> tuple[str, list[str]] | LoadFailure:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as err:
                return LoadFailure(str(path), Errors.E004.format(path=path, reason=err.reason))
    if b"\x00" in data[:4096]:
        return LoadFailure(str(path), Errors.E003.format(path=path))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        replaced = data.decode("utf-8-sig", errors="replace")
        bad = replaced.count("\ufffd")
        multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
        if multibyte > 0 or bad <= max(1, MOSTLY_UTF8 * len(data)):
            lines = sorted({n for n, line in enumerate(replaced.splitlines(), start=1) if "\ufffd" in line})
            return replaced, [Errors.W004.format(path=path, n=bad, lines=", ".join(map(str, lines[:10])))]
        best = from_bytes(data).best()
        if best is None:
            return LoadFailure(str(path), Errors.E004.format(path=path, reason=err.reason))
        return str(best), [Errors.W006.format(path=path, codec=best.encoding)]


def _warned(article: Article, warnings: list[str]) -> Article:
    if warnings:
        article.meta.setdefault("warnings", []).extend(warnings)
    return article


@lru_cache(maxsize=4096)
def parse_any_date(text: str) -> date | None:
    """A calendar date written out in a line or a field, whatever its year."""
    import dateparser

    if not re.search(r"\d", text):
        return None  # "yesterday", "Tuesday": relative to a day nobody gave
    iso = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    parsed = dateparser.parse(text.strip(), languages=["en"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                        "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def date_line(line: str) -> date | None:
    """The date a header line gives, when the line is nothing but a date (with a label
    such as "Updated:" and a time of day allowed) or a wire dateline; else None."""
    found = DATELINE.match(line) or PLACE_DATE.match(line)
    if found and (dated := parse_any_date(found.group("date"))):
        return dated
    bare = TIME_OF_DAY.sub("", DATE_LABEL.sub("", line)).strip(" \t.,;|-")
    if not bare or len(bare) > 40 or not re.search(r"\d{4}", bare):
        return None
    return parse_any_date(bare)


def plausible(d: date | None) -> bool:
    return d is not None and 1900 <= d.year <= date.today().year + 1


def text_header(text: str) -> tuple[str, date | None]:
    """Title and publication date from the top of a plain-text article.

    Scraped pages put furniture above the story: a crawl date, a breadcrumb line
    ("Main » ..."), the title (often twice), then the publication date. The title is the
    first line that is neither a date nor a breadcrumb; the publication date is the last
    date line before the body, since the crawl date sits above it.
    """
    title, published = "", None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:8]
    for line in lines:
        found = date_line(line)
        if found:
            published = found
            if DATELINE.match(line):
                break  # a wire dateline opens the body: the header has ended
            continue
        if BREADCRUMB.search(line) and len(line) < 200 and not title:
            continue
        if not title and len(line) < 250 and not line.endswith((".", '."')):
            title = line
            continue
        if title and len(line) > 120:
            break  # the body has started
    return title, published


@reader(".txt", ".text", ".md", "")
def read_text(path: Path, data: bytes) -> Iterator[Result]:
    decoded = decode(path, data)
    if isinstance(decoded, LoadFailure):
        yield decoded
        return
    text, warnings = decoded
    title, published = text_header(text)
    yield _warned(_dated(Article(text=text, source=str(path), title=title), published), warnings)


def _dated(article: Article, published: date | None) -> Article:
    """Keep a plausible date; note an absurd one and keep the article undated."""
    if published is not None and not plausible(published):
        article.meta.setdefault("warnings", []).append(
            Errors.W001.format(path=article.source, date=published.isoformat()))
        published = None
    article.published = published
    return article


MAX_NESTING = 255  # libxml2's HTML parser drops what is nested deeper
HTML_MAX_CHARS = 20_000_000  # markup around at most ~1M characters of text (spaCy's limit)
# trafilatura's time (and memory) grows with the square of the elements: 42k spans took
# 4.9 s, and 420k (4 MB of markup) ran past 20 minutes; news pages have a few thousand
HTML_MAX_ELEMENTS = 50_000
OPEN_TAG = re.compile(r"<[A-Za-z]")


def nesting(html: str) -> int:
    """How deep the page nests its elements (stops counting past MAX_NESTING)."""
    from html.parser import HTMLParser

    class Depth(HTMLParser):
        VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

        def __init__(self):
            super().__init__()
            self.depth = self.deepest = 0

        def handle_starttag(self, tag, attrs):
            if tag not in self.VOID:
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag):
            self.depth = max(0, self.depth - 1)

    parser = Depth()
    for start in range(0, len(html), 65536):
        parser.feed(html[start:start + 65536])
        if parser.deepest > MAX_NESTING:
            break
    return parser.deepest


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path, data: bytes) -> Iterator[Result]:
    import trafilatura

    decoded = decode(path, data)
    if isinstance(decoded, LoadFailure):
        yield decoded
        return
    html, warnings = decoded
    if len(html) > HTML_MAX_CHARS:  # before parsing: 50 MB of markup took a minute and 1.6 GB to refuse
        yield LoadFailure(str(path), Errors.E041.format(path=path, chars=len(html), limit=HTML_MAX_CHARS))
        return
    elements = sum(1 for _ in OPEN_TAG.finditer(html))  # counted without building anything
    if elements > HTML_MAX_ELEMENTS:
        yield LoadFailure(str(path), Errors.E044.format(path=path, n=elements, limit=HTML_MAX_ELEMENTS))
        return
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    body = (getattr(doc, "text", None) or "").strip() if doc else ""
    if not body:
        depth = nesting(html)
        yield LoadFailure(str(path), Errors.E040.format(path=path, depth=depth, limit=MAX_NESTING)
                          if depth > MAX_NESTING else Errors.E009.format(path=path))
        return
    title = (getattr(doc, "title", None) or "").strip()
    published = parse_any_date(doc.date) if getattr(doc, "date", None) else None
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else body + "\n"
    yield _warned(_dated(Article(text=text, source=str(path), title=title, url=getattr(doc, "url", None)), published),
                  warnings)


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, data: bytes) -> Iterator[Result]:
    decoded = decode(path, data)
    if isinstance(decoded, LoadFailure):
        yield decoded
        return
    text, _ = decoded  # bad bytes are named per row below
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}#L{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield LoadFailure(where, Errors.E005.format(path=path, line=n, reason=err.msg))
            continue
        except RecursionError:
            yield LoadFailure(where, Errors.E005.format(path=path, line=n, reason="nested too deep to read"))
            continue
        except ValueError as err:  # an integer of more than 4,300 digits
            yield LoadFailure(where, Errors.E005.format(path=path, line=n, reason=err))
            continue
        if not isinstance(row, dict):
            yield LoadFailure(where, Errors.E005.format(path=path, line=n, reason="not an object"))
            continue
        warnings = _whole_characters(row, path, n)
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            yield LoadFailure(where, Errors.E006.format(path=path, line=n), known=True)
            continue
        url = row.get("url") if isinstance(row.get("url"), str) else None
        given = row.get("source") if isinstance(row.get("source"), str) else None
        published, dating = feed_date(row.get("published") or row.get("date"), path, n)
        warnings += dating
        if "\ufffd" in line:
            warnings.append(Errors.W004.format(path=path, n=line.count("\ufffd"), lines=n))
        # a row that names no source or URL is known by its text alone: its line number
        # is shown, never used to decide that it replaces another article; nor does a row
        # whose source is a file's path replace the article read from that file
        article = Article(text=body, source=given or url or where, title=str(row.get("title") or ""), url=url)
        if not (given or url) or os.path.lexists(given or url):
            article.meta["replaceable"] = False
        yield _warned(_dated(article, published), warnings)


SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole_characters(row: dict, path: Path, line: int) -> list[str]:
    """Replace lone surrogates (JSON's "\\ud800" escapes, which are no character and have
    no UTF-8) in the row's text fields by U+FFFD, with a warning (W007) for each field:
    left in, they failed the article's id, its storage and its printing."""
    warnings = []
    for key in ("text", "title", "source", "url"):
        value = row.get(key)
        if isinstance(value, str) and SURROGATE.search(value):
            row[key], n = SURROGATE.subn("\ufffd", value)
            warnings.append(Errors.W007.format(path=path, line=line, field=key, n=n))
    return warnings


def feed_date(raw: object, path: Path, line: int) -> tuple[date | None, list[str]]:
    """A feed row's date: a date string, YYYYMMDD or a Unix timestamp as a number; any
    other value leaves the row undated and says so (W005)."""
    import math
    from datetime import datetime, timezone

    if raw in (None, ""):
        return None, []
    found = None
    if isinstance(raw, str):
        found = parse_any_date(raw)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw) and abs(raw) < 1e12:
        digits = str(int(raw))
        if len(digits) == 8:
            found = parse_any_date(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}")
        elif 9 <= len(digits) <= 10:
            found = datetime.fromtimestamp(raw, tz=timezone.utc).date()
    return (found, []) if found else (None, [Errors.W005.format(path=path, line=line, value=raw)])


def real(path: str | Path) -> str:
    """The absolute path with links resolved, never raising: `Path.resolve()` raises
    RuntimeError on a link loop (Python 3.11), which a path a user names may be."""
    return os.path.realpath(path)


def walk(folder: Path) -> tuple[list[Path], list[LoadFailure]]:
    """Everything under a folder (links to folders not followed), and a failure for each
    folder that could not be listed: `Path.rglob` skips those silently, and `--sync`
    would then take what they hold for deleted."""
    found: list[Path] = []
    failed: list[LoadFailure] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = [(Path(e.path), e.is_dir(follow_symlinks=False)) for e in entries]
        except OSError as err:
            failed.append(LoadFailure(str(current), Errors.E060.format(path=current, reason=err.strerror or err),
                                      read_from=real(current)))
            continue
        for path, is_folder in listed:
            found.append(path)
            if is_folder:
                pending.append(path)
    return found, failed


def expand(paths: Iterable[str]) -> Iterator[Path | LoadFailure]:
    """Files named, files inside folders (recursively, sorted), and glob matches."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found, failed = walk(p)
            yield from failed
            for child in sorted(q for q in found if not q.name.startswith(".")):
                if child.is_symlink() and child.is_dir():
                    yield LoadFailure(str(child), Errors.E001.format(
                        path=child, reason="a link to a folder, not followed (it may loop); name the folder to read it"))
                elif child.is_file():
                    yield child
                elif child.is_symlink() or not child.is_dir():
                    yield LoadFailure(str(child), Errors.E001.format(
                        path=child, reason="a broken link or a link loop" if child.is_symlink() else "not a regular file"))
        elif p.exists():
            yield p
        elif any(ch in raw for ch in "*?["):
            # `**` follows links to folders, and a link loop names one file many times: once each
            once: dict[str, Path] = {}
            for m in sorted(glob.glob(raw, recursive=True), key=lambda m: (m.count("/"), m)):
                if Path(m).is_file():
                    once.setdefault(real(m), Path(m))
            matches = sorted(once.values())
            if not matches:
                yield LoadFailure(raw, Errors.E007.format(pattern=raw), known=True)
            yield from matches
        elif p.is_symlink():
            yield LoadFailure(raw, Errors.E001.format(path=raw, reason="a broken link or a link loop"))
        else:
            yield LoadFailure(raw, Errors.E001.format(path=raw, reason="no such file or folder"), known=True)


@dataclass(frozen=True)
class Scope:
    """What a run's inputs cover, for `skg ingest --sync`: the files named or matched,
    and every file under the folders named (those deleted since included)."""
    files: frozenset[str]
    folders: tuple[str, ...]

    def covers(self, read_from: str | None) -> bool:
        return bool(read_from) and (read_from in self.files or read_from.startswith(self.folders))


def scope(paths: Iterable[str]) -> Scope:
    files, folders = set(), []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not p.is_symlink():
            folders.append(real(p) + os.sep)
        elif any(ch in raw for ch in "*?[") and not p.exists():
            files.update(real(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
        else:
            files.add(real(p))
    return Scope(frozenset(files), tuple(folders))


MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length
ENGLISH = frozenset("the of and to in a is that for on was with by as said at from it has have be are".split())


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text[:20000].lower())
    return len(words) < 20 or sum(w in ENGLISH for w in words) / len(words) > 0.08


def read_paths(paths: Iterable[str], max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS,
               default_date: date | None = None) -> Iterator[Result]:
    """Every article in the given files, folders and globs, in a stable order; what
    cannot become an article is a `LoadFailure` naming the file and the reason, and the
    same text met twice is reported the second time.

    An article whose input gives no publication date takes `default_date`; without one
    it stays undated, with a warning: its relative dates ("on Friday") are then left
    empty rather than resolved against the day it happens to be read."""
    seen: dict[str, str] = {}
    for item in _read_all(paths, max_bytes):
        if isinstance(item, Article):
            if len(item.text) > max_chars:
                item = LoadFailure(item.source, Errors.E022.format(path=item.source, chars=len(item.text), limit=max_chars),
                                   read_from=item.read_from)
            elif item.id in seen:
                item = LoadFailure(item.source, Errors.E023.format(path=item.source, other=seen[item.id]),
                                   read_from=item.read_from, known=True)
            else:
                seen[item.id] = item.source
                if not looks_english(item.text):
                    item.meta.setdefault("warnings", []).append(Errors.W002.format(path=item.source))
                if item.published is None:
                    item.published = default_date
                if item.published is None:
                    item.meta.setdefault("warnings", []).append(Errors.W003.format(path=item.source))
        yield item


def _read_all(paths: Iterable[str], max_bytes: int) -> Iterator[Result]:
    import stat

    for item in expand(paths):
        if isinstance(item, LoadFailure):
            yield item
            continue
        if SURROGATE.search(str(item)):  # undecodable bytes in the name (surrogateescape)
            shown = os.fsencode(item).decode("utf-8", "backslashreplace")
            yield LoadFailure(shown, Errors.E061.format(path=shown))
            continue
        suffix = item.suffix.lower()
        fn = READERS.get(suffix)
        if fn is None:
            yield LoadFailure(str(item), Errors.E008.format(suffix=suffix, path=item))
            continue
        try:
            info = item.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
                yield LoadFailure(str(item), Errors.E001.format(path=item, reason="not a regular file (a FIFO, "
                                                                "device or socket); not read"))
                continue
            if info.st_size > max_bytes:
                yield LoadFailure(str(item), Errors.E015.format(path=item, limit=max_bytes // 2**20))
                continue
            with item.open("rb") as fh:
                data = fh.read(max_bytes + 1)  # bounded, even if the file grows meanwhile
            if len(data) > max_bytes:
                yield LoadFailure(str(item), Errors.E015.format(path=item, limit=max_bytes // 2**20))
                continue
        except OSError as err:
            yield LoadFailure(str(item), Errors.E001.format(path=item, reason=err.strerror or err))
            continue
        where = real(item)  # one source however the path was spelled
        for result in fn(item, data):
            if isinstance(result, Article):
                if result.source == str(item) or result.source.startswith(f"{item}#"):
                    result.source = where + result.source[len(str(item)):]
            result.read_from = where
            yield result
