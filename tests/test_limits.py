"""Bounded time and memory on big inputs (issue 32, item 6): an HTML page with more
elements than the reader parses is refused before parsing, with a code."""
from sanctions_kg.loaders.article import Article, LoadFailure
from sanctions_kg.loaders.readers import HTML_MAX_ELEMENTS, read_paths

from conftest import SAMPLES


def _page(elements: int) -> str:
    """A page of about `elements` elements, a span per word (the densest markup)."""
    words = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8").split()
    rows = ["<p>" + "".join(f"<span>{words[(i + k) % len(words)]}</span> " for k in range(30)) + "</p>"
            for i in range(0, elements, 31)]
    return "<html><head><title>Caps</title></head><body><article>" + "\n".join(rows) + "</article></body></html>"


def test_a_page_of_too_many_elements_is_refused_before_parsing(tmp_path):
    """A 19 MB page took 3.2 GB and many minutes in the HTML extractor, whose time grows
    with the square of the elements; over the limit it is refused at once (E044), a
    page of a news article's size is read."""
    big, small = tmp_path / "big.html", tmp_path / "small.html"
    big.write_text(_page(HTML_MAX_ELEMENTS + 5000), encoding="utf-8")
    small.write_text(_page(3000), encoding="utf-8")
    results = {r.source.rsplit("/", 1)[-1]: r for r in read_paths([str(big), str(small)])}
    refused = results["big.html"]
    assert isinstance(refused, LoadFailure) and refused.message.startswith("E044")
    assert f"({HTML_MAX_ELEMENTS})" in refused.message and "big.html" in refused.message
    assert isinstance(results["small.html"], Article) and "Pyongyang" in results["small.html"].text


def test_the_sentence_lookup_gives_spacys_own_sentences(extractor):
    """Extraction time is linear in the article's length because a token's sentence and
    a sentence's dates are looked up, not searched for over the whole document each time
    (bench/length.py prints the time per doubling); the lookups give exactly what spaCy
    gives, token by token, on a long article made of the samples."""
    from sanctions_kg.loaders.extract.dates import sentence_dates
    from sanctions_kg.loaders.extract.nlp import index_sentences
    from sanctions_kg.loaders.extract.pipeline import prepare

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    doc = extractor.nlp(prepare(text, extractor.lex.furniture))
    own = [(t.sent.start, t.sent.end) for t in doc]
    own_dates = {s.start: [(e.start, e.end) for e in s.ents if e.label_ == "DATE"] for s in doc.sents}
    index_sentences(doc)
    assert "sent" in doc.user_span_hooks
    assert [(t.sent.start, t.sent.end) for t in doc] == own
    assert [(doc[a:b].sent.start, doc[a:b].sent.end) for a, b in zip(range(0, len(doc) - 3, 7), range(3, len(doc), 7))] \
        == [own[a] for a in range(0, len(doc) - 3, 7)]
    found = {start: [(e.start, e.end) for e in ents] for start, ents in sentence_dates(doc).items()}
    assert found == {start: dates for start, dates in own_dates.items() if dates}
    assert sum(map(len, found.values())) >= 12  # every sample is dated
