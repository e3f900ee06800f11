"""Fact summaries: every statement of one relation between the same two nodes, counted
and dated once, in the facts graph of the RDF stores.

Why: "who proposed the double freeze" has a few hundred answers over 100,000 articles
but tens of thousands of evidence sentences, and a store pays a lookup for each sentence
it reads; an answer per sentence grows with the corpus, an answer per fact does not.
So the catalogue answers with facts (who, how many statements, first and last date,
the latest sentence) and the `evidence` question lists the sentences of one fact.

A store keeps the summaries current in the same transaction as the article it writes:
a new article adds to the summaries of its facts (read, merged, rewritten); forgetting
an article (an edited text, a removal) takes its statements out of them, and recounts
from the statements that remain only a fact that lost its latest statement or one on
its first or last date. Neo4j aggregates its relationships at query time instead.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from ..schema import load_model
from .identity import article_iri, fact_iri, facts_graph_iri, statement_iri
from .statements import resolved_relations, statement_date

Select = Callable[[str], list[dict]]


@dataclass(frozen=True)
class Summary:
    """What all statements of one fact add up to. `latest` is the statement with the
    latest date (ties and undated: the greatest IRI), so every store picks the same."""
    relation: str
    subject: str
    object: str
    count: int
    first: str | None
    last: str | None
    latest: str

    def merged(self, other: Summary | None) -> Summary:
        if other is None:
            return self
        dates = [d for d in (self.first, self.last, other.first, other.last) if d]
        latest = max((self.last or "", self.latest), (other.last or "", other.latest))[1]
        return Summary(self.relation, self.subject, self.object, self.count + other.count,
                       min(dates, default=None), max(dates, default=None), latest)


def summarise(found: Iterable[Summary]) -> dict[str, Summary]:
    """Summaries merged by fact."""
    out: dict[str, Summary] = {}
    for s in found:
        key = fact_iri(s.relation, s.subject, s.object)
        out[key] = s.merged(out.get(key))
    return out


def statement_summaries(row: dict) -> Iterator[Summary]:
    """One single-statement summary per relation the row states."""
    art = row["article"]["id"]
    for rel, s, o, values in resolved_relations(row):
        date = statement_date(values)
        yield Summary(rel["type"], s, o, 1, date, date, statement_iri(art, rel["type"], s, o, values["char_start"]))


@lru_cache(maxsize=None)
def _v(local: str) -> NamedNode:
    return NamedNode(load_model().vocab + local)


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def fact_quads(fact: str, s: Summary) -> list[Quad]:
    """The fact and its summary, in the facts graph."""
    g, f = NamedNode(facts_graph_iri()), NamedNode(fact)
    predicate = load_model().relation_types[s.relation].predicate
    out = [Quad(f, NamedNode(RDF + "type"), _v("Fact"), g),
           Quad(f, NamedNode(RDF + "subject"), NamedNode(s.subject), g),
           Quad(f, NamedNode(RDF + "predicate"), _v(predicate), g),
           Quad(f, NamedNode(RDF + "object"), NamedNode(s.object), g),
           Quad(f, _v("relationType"), Literal(s.relation), g),
           Quad(f, _v("statementCount"), Literal(str(s.count), datatype=INTEGER), g),
           Quad(f, _v("latestStatement"), NamedNode(s.latest), g)]
    for prop, value in (("firstDate", s.first), ("lastDate", s.last)):
        if value:
            out.append(Quad(f, _v(prop), Literal(value, datatype=DATE), g))
    return out


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{v}>" for v in sorted(values))


class SparqlFacts:
    """Reads fact summaries and statements through SPARQL (a remote store)."""

    def __init__(self, select: Select):
        self.select = select

    def summaries(self, facts: Iterable[str]) -> dict[str, Summary]:
        facts = list(facts)
        if not facts:
            return {}
        rows = self.select(
            f"SELECT ?f ?t ?s ?o ?n ?first ?last ?latest WHERE {{ VALUES ?f {{ {_iris(facts)} }} "
            f"GRAPH <{facts_graph_iri()}> {{ ?f skg:relationType ?t ; rdf:subject ?s ; rdf:object ?o ; "
            "skg:statementCount ?n ; skg:latestStatement ?latest . "
            "OPTIONAL { ?f skg:firstDate ?first } OPTIONAL { ?f skg:lastDate ?last } } }")
        return {r["f"]: Summary(r["t"], r["s"], r["o"], int(r["n"]), _date(r["first"]), _date(r["last"]),
                                r["latest"]) for r in rows}

    def statements(self, facts: Iterable[str]) -> Iterator[tuple[str, str, str, str | None]]:
        """(fact, graph, statement, date) of every statement of these facts."""
        facts = list(facts)
        if facts:
            for r in self.select(
                    f"SELECT ?f ?g ?st ?d ?r WHERE {{ VALUES ?f {{ {_iris(facts)} }} GRAPH ?g {{ ?st skg:fact ?f "
                    "OPTIONAL { ?st skg:refDate ?d } OPTIONAL { ?st skg:reportDate ?r } } }"):
                yield r["f"], r["g"], r["st"], _date(r["d"]) or _date(r["r"])

    def stated_in(self, article_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        """The statements these articles make, by fact: (statement, date) pairs."""
        graphs = " ".join(f"<{article_iri(a)}>" for a in article_ids)
        out: dict[str, list] = {}
        for r in self.select(f"SELECT ?f ?st ?d ?r WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?st skg:fact ?f "
                             "OPTIONAL { ?st skg:refDate ?d } OPTIONAL { ?st skg:reportDate ?r } } }"):
            out.setdefault(r["f"], []).append((r["st"], _date(r["d"]) or _date(r["r"])))
        return out


class OxigraphFacts:
    """The same reads as SparqlFacts, through Oxigraph's quad index directly: a SPARQL
    `VALUES` joined to the facts graph is planned as a scan of every fact there (31 s
    for one article at 100k articles); index lookups take milliseconds."""

    def __init__(self, store):
        self.store = store

    def _one(self, s, p: str, g) -> object:
        found = next(self.store.quads_for_pattern(s, _p(p), None, g), None)
        return found.object if found else None

    def summaries(self, facts: Iterable[str]) -> dict[str, Summary]:
        g = NamedNode(facts_graph_iri())
        out = {}
        for fact in facts:
            f = NamedNode(fact)
            values = {q.predicate.value: q.object for q in self.store.quads_for_pattern(f, None, None, g)}
            if not values:
                continue
            v = load_model().vocab

            def get(iri):
                term = values.get(iri)
                return term.value if term is not None else None
            out[fact] = Summary(get(v + "relationType"), get(RDF + "subject"), get(RDF + "object"),
                                int(get(v + "statementCount")), get(v + "firstDate"), get(v + "lastDate"),
                                get(v + "latestStatement"))
        return out

    def _date(self, st, g) -> str | None:
        for prop in ("refDate", "reportDate"):
            term = self._one(st, prop, g)
            if term is not None:
                return term.value
        return None

    def statements(self, facts: Iterable[str]) -> Iterator[tuple[str, str, str, str | None]]:
        for fact in facts:
            for q in self.store.quads_for_pattern(None, _p("fact"), NamedNode(fact), None):
                yield fact, q.graph_name.value, q.subject.value, self._date(q.subject, q.graph_name)

    def stated_in(self, article_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        out: dict[str, list] = {}
        for a in article_ids:
            g = NamedNode(article_iri(a))
            for q in self.store.quads_for_pattern(None, _p("fact"), None, g):
                out.setdefault(q.object.value, []).append((q.subject.value, self._date(q.subject, g)))
        return out


FactReader = SparqlFacts | OxigraphFacts


def _p(local: str) -> NamedNode:
    return _v(local)


def recounted(reader: FactReader, facts: Iterable[str], without: list[str]) -> dict[str, Summary]:
    """These facts summarised again from their statements outside the `without` articles."""
    facts = list(facts)
    known = reader.summaries(facts)
    skip = {article_iri(a) for a in without}
    out: dict[str, Summary] = {}
    for fact, graph, st, date in reader.statements(facts):
        s = known.get(fact)
        if s is None or graph in skip:
            continue
        out[fact] = Summary(s.relation, s.subject, s.object, 1, date, date, st).merged(out.get(fact))
    return out


def without_statements(reader: FactReader, gone: dict[str, list[tuple[str, str | None]]],
                       articles: list[str]) -> dict[str, Summary]:
    """The summaries of these facts once the `gone` statements are taken out: the count
    goes down; only a fact that loses its latest statement or a statement on its first
    or last date is recounted from what remains (reading all its statements)."""
    current = reader.summaries(gone)
    out: dict[str, Summary] = {}
    recount = []
    for fact, lost in gone.items():
        s = current.get(fact)
        if s is None:
            continue
        statements = {st for st, _ in lost}
        dates = {d for _, d in lost if d}
        if s.count <= len(statements):
            continue  # nothing remains
        if s.latest in statements or s.first in dates or s.last in dates:
            recount.append(fact)
        else:
            out[fact] = Summary(s.relation, s.subject, s.object, s.count - len(statements), s.first, s.last, s.latest)
    out.update(recounted(reader, recount, articles))
    return out


def facts_update(reader: FactReader, row: dict | None, gone: list[str]) -> str:
    """The SPARQL Update that brings the summaries up to date when `row` is written
    and the `gone` articles are forgotten (read from the store before it runs: put it
    in the same request as the article's own update). Empty when nothing changes."""
    new = summarise(statement_summaries(row)) if row else {}
    lost = reader.stated_in(gone) if gone else {}
    current = without_statements(reader, lost, gone) if lost else {}
    current.update(reader.summaries(set(new) - set(lost)))
    touched = set(new) | set(lost)
    if not touched:
        return ""
    g = facts_graph_iri()
    parts = [f"DELETE {{ GRAPH <{g}> {{ ?f ?p ?o }} }} WHERE {{ VALUES ?f {{ {_iris(touched)} }} "
             f"GRAPH <{g}> {{ ?f ?p ?o }} }}"]
    quads = []
    for fact in sorted(touched):
        summary = new[fact].merged(current.get(fact)) if fact in new else current.get(fact)
        if summary is not None:
            quads += fact_quads(fact, summary)
    if quads:
        parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n"
                     + "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads) + "\n} }")
    return " ;\n".join(parts)


def _date(value) -> str | None:
    return str(value)[:10] if value not in (None, "") else None
