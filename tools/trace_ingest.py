"""Which project files one article's data passes through on `skg ingest` (issue 30).

Why: the issue counted 26 project files touched and 15 handling the data of one sample
article, and asks for at most nine; this script makes that count repeatable instead of
a reading of the code. It runs `skg ingest` in this process on one sample article into
a new embedded store, with a profiler (`sys.setprofile`) that sees every call of a
function defined in the repository's own files, and prints:

- every project file whose code ran during the command (imports at start-up excluded:
  module bodies are not calls of a function);
- the files that *handle the article's data*: a function of the file is given, or
  gives back, one of the forms the article takes on its way to the store. The forms
  looked for are whole-article values: the `Article`, the parsed spaCy `Doc`, the
  extractor's `Extraction`, an extraction row (a dict with an "article" key), the
  records (`ArticleRecords`), and RDF quads, text or bytes that carry the article's
  id (a quad of its graph, an IRI, a SPARQL Update, a JSON line). Parts of a parse (tokens, spans,
  mentions) are the extractor's working material and are not counted, nor is a value
  that only sits inside another object; a list, tuple, set or dict is looked into one
  level deep (a batch of records). The extractor's analysis modules, which are given
  the parsed `Doc` and nothing else of the article, are listed apart: they read the
  parse, they do not carry the article from one form to the next. So are files that
  only handle quads of the shared node and fact graphs (descriptions and summaries
  over every article, which do not carry this one's id).

Usage: `.venv/bin/python tools/trace_ingest.py [ARTICLE]` (default: the first sample
article). Nothing is mocked: the real extractor and the real embedded store run.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = ("graph", "loaders", "schema", "sanctions_kg")
# the article's whole forms, by class name and the module that defines the class (the
# generated `Article` record is a part of the records, not the article itself)
WHOLE = {"Article": "loaders.article", "Doc": "spacy.tokens.doc", "Extraction": "extract.types",
         "ArticleRecords": "records"}
APART = {"Doc", "Quad of a shared graph"}  # seen, listed, not counted (see the module's docstring)


def project_file(filename: str) -> str | None:
    """The repository-relative path of a code file of the project, else None."""
    try:
        rel = Path(os.path.realpath(filename)).relative_to(ROOT)
    except ValueError:
        return None
    return str(rel) if rel.parts and rel.parts[0] in PROJECT_DIRS else None


class Forms:
    """Tells whether a value is one of the article's whole forms, and which."""

    def __init__(self, article_id: str):
        self.article_id = article_id
        self.id_bytes = article_id.encode()

    def of(self, value: object) -> str | None:
        kind = type(value)
        name = kind.__name__
        if name == "Quad" and kind.__module__ == "pyoxigraph":
            return "Quad" if self.article_id in str(value) else "Quad of a shared graph"
        if name in WHOLE and kind.__module__.endswith(WHOLE[name]):
            return name
        if isinstance(value, str) and self.article_id in value:
            return "text with its id"
        if isinstance(value, (bytes, bytearray)) and self.id_bytes in value:
            return "bytes with its id"
        if isinstance(value, dict) and isinstance(value.get("article"), dict):
            return "extraction row"
        return None

    def within(self, value: object) -> str | None:
        """The form of the value, or of one item of a list, tuple, set or dict it is."""
        found = self.of(value)
        if found or not isinstance(value, (list, tuple, set, frozenset, dict)):
            return found
        items = value.values() if isinstance(value, dict) else value
        for n, item in enumerate(items):
            if n >= 64:
                break
            found = self.of(item)
            if found:
                return found
        return None


class Tracer:
    """The profiler: notes each project file that runs and each that handles a form."""

    def __init__(self, forms: Forms):
        self.forms = forms
        self.touched: set[str] = set()
        self.handled: dict[str, set[str]] = defaultdict(set)
        self.files: dict[str, str | None] = {}

    def _file(self, code) -> str | None:
        name = code.co_filename
        if name not in self.files:
            self.files[name] = project_file(name)
        return self.files[name]

    def __call__(self, frame, event: str, arg) -> None:
        if event not in ("call", "return"):
            return
        code = frame.f_code
        rel = self._file(code)
        if rel is None or code.co_name == "<module>":
            return
        self.touched.add(rel)
        if event == "call":
            n = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)
            values = [frame.f_locals.get(v) for v in code.co_varnames[:n]]
        else:
            values = [arg]
        for value in values:
            found = self.forms.within(value)
            if found:
                self.handled[rel].add(found)


def run(article: Path) -> Tracer:
    """`skg ingest ARTICLE --store NEW` in this process, traced."""
    from sanctions_kg.cli import app
    from sanctions_kg.loaders.readers import read_paths

    first = next(iter(read_paths([str(article)])))
    tracer = Tracer(Forms(first.id))
    work = Path(tempfile.mkdtemp(prefix="skg-trace-"))
    try:
        sys.setprofile(tracer)
        threading.setprofile(tracer)
        try:
            app(["ingest", str(article), "--store", str(work / "store")], standalone_mode=False)
        finally:
            sys.setprofile(None)
            threading.setprofile(None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return tracer


def main() -> None:
    samples = sorted((ROOT / "samples" / "articles").glob("*.txt"))
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else samples[0]
    tracer = run(article)
    print(f"skg ingest {article.relative_to(ROOT) if article.is_relative_to(ROOT) else article}")
    print(f"project files that ran: {len(tracer.touched)}")
    for rel in sorted(tracer.touched):
        print(f"  {rel}")
    handled = {rel: forms for rel, forms in tracer.handled.items() if forms - APART}
    print(f"files that handle the article's data: {len(handled)}")
    for rel in sorted(handled):
        print(f"  {rel}: {', '.join(sorted(handled[rel]))}")
    for form, what in (("Doc", "only analyse its parse (the spaCy Doc, inside the extractor)"),
                       ("Quad of a shared graph", "only handle quads of the shared node or fact graphs")):
        apart = sorted(rel for rel, forms in tracer.handled.items() if rel not in handled and form in forms)
        print(f"files that {what}: {len(apart)}")
        for rel in apart:
            print(f"  {rel}")

if __name__ == "__main__":
    main()
