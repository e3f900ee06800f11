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
its first or last date. Neo4j keeps the same summaries as FACT relationships
(graph/neo4j_store.py), merged by `Summary.merged` as here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields

from pyoxigraph import NamedNode

from ..schema import camel, load_model
from ..schema.generated import records as generated
from .identity import article_iri, facts_graph_iri
from .rdf import RDF, delete_data, fact_predicates, fact_quads, fact_terms, stale_values, triple_text, vocab_term
from .records import Stated

Select = Callable[[str], list[dict]]


@dataclass(frozen=True)
class Summary(generated.Fact):
    """What all statements of one fact add up to: the model's Fact record (its fields
    are the model's, in its order). `latest_statement` is the statement with the latest
    date (ties and undated: the greatest IRI), so every store picks the same."""

    def merged(self, other: Summary | None) -> Summary:
        if other is None:
            return self
        dates = [d for d in (self.first_date, self.last_date, other.first_date, other.last_date) if d]
        latest = max((self.last_date or "", self.latest_statement), (other.last_date or "", other.latest_statement))[1]
        return Summary(self.relation, self.subject, self.object, self.statement_count + other.statement_count,
                       min(dates, default=None), max(dates, default=None), latest)


def _dated(var: str) -> str:
    """SPARQL binding ?d0, ?d1, ... to a statement's temporal properties, in the model's order."""
    return " ".join(f"OPTIONAL {{ ?{var} skg:{camel(p)} ?d{i} }}" for i, p in enumerate(load_model().statement.temporal))


def _date_of(row: dict) -> str | None:
    """The first of a row's temporal bindings (`_dated`) that is set."""
    return next((d for i in range(len(load_model().statement.temporal)) if (d := _date(row.get(f"d{i}")))), None)


def _dates() -> str:
    return " ".join(f"?d{i}" for i in range(len(load_model().statement.temporal)))


def summarise(stated: Iterable[Stated]) -> dict[str, Summary]:
    """An article's statements (`records.ArticleRecords.statements`), summarised by fact."""
    out: dict[str, Summary] = {}
    for st in stated:
        s = _one(st.record.relation, st.record.subject, st.record.object, st.date, st.iri)
        out[st.fact] = s.merged(out.get(st.fact))
    return out


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{v}>" for v in sorted(values))


class SparqlFacts:
    """Reads fact summaries and statements through SPARQL (a remote store), and stored
    quads as terms through `raw` (a SELECT giving the result bindings as they came)."""

    def __init__(self, select: Select, raw: Select):
        self.select, self.raw = select, raw

    def stored(self, graph: str, subjects: Iterable[str] | None = None) -> list:
        """The quads of `graph` (about `subjects`, when given), as the store holds them."""
        from pyoxigraph import Quad

        where = ""
        if subjects is not None:
            subjects = list(subjects)
            if not subjects:
                return []
            where = f"VALUES ?s {{ {_iris(subjects)} }} "
        rows = self.raw(f"SELECT ?s ?p ?o WHERE {{ {where}GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        g = NamedNode(graph)
        return [Quad(_term(r["s"]), _term(r["p"]), _term(r["o"]), g) for r in rows]

    def summaries(self, facts: Iterable[str]) -> dict[str, Summary]:
        facts = list(facts)
        if not facts:
            return {}
        fact = load_model().fact
        names = [f.name for f in fields(Summary)]
        # what every summary has is one pattern, the rest OPTIONAL: Virtuoso's planner
        # estimates a chain of OPTIONALs at hours and refuses it (test_reliability)
        required = [n for n in names if n not in fact.ends and (n in fact.links or fact.properties[n].required)]
        optional = [n for n in names if n not in fact.ends and n not in required]
        rows = self.select(
            f"SELECT ?f {' '.join('?' + n for n in names if n not in optional)} WHERE {{ VALUES ?f {{ {_iris(facts)} }} "
            f"GRAPH <{facts_graph_iri()}> {{ ?f skg:{camel(fact.relation_literal)} ?{fact.type_field} ; "
            f"rdf:{fact.source} ?{fact.source} ; rdf:{fact.target} ?{fact.target} "
            + "".join(f"; skg:{camel(n)} ?{n} " for n in required) + ". } }")
        # the optional values in a query of their own: Virtuoso's planner estimates even
        # two OPTIONALs beside a long VALUES at many minutes, and refuses the query
        by_term = {vocab_term(n).value: n for n in optional}
        extra: dict[str, dict] = {}
        if optional:
            for r in self.select(f"SELECT ?f ?p ?v WHERE {{ VALUES ?f {{ {_iris(facts)} }} VALUES ?p {{ "
                                 + " ".join(f"<{t}>" for t in by_term) + f" }} GRAPH <{facts_graph_iri()}> "
                                 "{ ?f ?p ?v } }"):
                extra.setdefault(r["f"], {})[by_term[r["p"]]] = r["v"]
        rows = [dict(dict.fromkeys(optional), **r, **extra.get(r["f"], {})) for r in rows]
        return {r["f"]: _summary(r) for r in rows if _complete(r)}

    def statements(self, facts: Iterable[str]) -> Iterator[tuple[str, str, str, str | None]]:
        """(fact, graph, statement, date) of every statement of these facts."""
        facts = list(facts)
        if facts:
            for r in self.select(
                    f"SELECT ?f ?g ?st {_dates()} WHERE {{ VALUES ?f {{ {_iris(facts)} }} GRAPH ?g {{ ?st skg:fact ?f "
                    f"{_dated('st')} }} }}"):
                yield r["f"], r["g"], r["st"], _date_of(r)

    def stated_in(self, article_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        """The statements these articles make, by fact: (statement, date) pairs."""
        graphs = " ".join(f"<{article_iri(a)}>" for a in article_ids)
        out: dict[str, list] = {}
        for r in self.select(f"SELECT ?f ?st {_dates()} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?st skg:fact ?f "
                             f"{_dated('st')} }} }}"):
            out.setdefault(r["f"], []).append((r["st"], _date_of(r)))
        return out


def _term(binding: dict):
    """An RDF term from a SPARQL JSON result binding."""
    from pyoxigraph import BlankNode, Literal

    if binding["type"] == "uri":
        return NamedNode(binding["value"])
    if binding["type"] == "bnode":
        return BlankNode(binding["value"])
    if binding.get("xml:lang"):
        return Literal(binding["value"], language=binding["xml:lang"])
    dt = binding.get("datatype")
    return Literal(binding["value"], datatype=NamedNode(dt)) if dt else Literal(binding["value"])


class OxigraphFacts:
    """The same reads as SparqlFacts, through Oxigraph's quad index directly: a SPARQL
    `VALUES` joined to the facts graph is planned as a scan of every fact there (31 s
    for one article at 100k articles); index lookups take milliseconds."""

    def __init__(self, store):
        self.store = store

    def stored(self, graph: str, subjects: Iterable[str] | None = None) -> list:
        """The quads of `graph` (about `subjects`, when given)."""
        g = NamedNode(graph)
        if subjects is None:
            return list(self.store.quads_for_pattern(None, None, None, g))
        return [q for s in sorted(set(subjects)) for q in self.store.quads_for_pattern(NamedNode(s), None, None, g)]

    def summaries(self, facts: Iterable[str]) -> dict[str, Summary]:
        g = NamedNode(facts_graph_iri())
        named = {p.value: name for p, name in fact_terms() if name}
        out = {}
        for fact in facts:
            values = dict.fromkeys(named.values())
            for q in self.store.quads_for_pattern(NamedNode(fact), None, None, g):
                if named.get(q.predicate.value):
                    values[named[q.predicate.value]] = q.object.value
            if _complete(values):
                out[fact] = _summary(values)
        return out

    def _date(self, st, g) -> str | None:
        for prop in load_model().statement.temporal:
            found = next(self.store.quads_for_pattern(st, vocab_term(prop), None, g), None)
            if found is not None:
                return found.object.value
        return None

    def statements(self, facts: Iterable[str]) -> Iterator[tuple[str, str, str, str | None]]:
        for fact in facts:
            for q in self.store.quads_for_pattern(None, vocab_term("fact"), NamedNode(fact), None):
                yield fact, q.graph_name.value, q.subject.value, self._date(q.subject, q.graph_name)

    def stated_in(self, article_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        out: dict[str, list] = {}
        for a in article_ids:
            g = NamedNode(article_iri(a))
            for q in self.store.quads_for_pattern(None, vocab_term("fact"), None, g):
                out.setdefault(q.object.value, []).append((q.subject.value, self._date(q.subject, g)))
        return out


FactReader = SparqlFacts | OxigraphFacts


def recounted(reader: FactReader, known: dict[str, Summary], without: list[str]) -> dict[str, Summary]:
    """The `known` facts summarised again from their statements outside the `without`
    articles."""
    skip = {article_iri(a) for a in without}
    out: dict[str, Summary] = {}
    for fact, graph, st, date in reader.statements(known):
        s = known.get(fact)
        if s is None or graph in skip:
            continue
        out[fact] = _one(s.relation, s.subject, s.object, date, st).merged(out.get(fact))
    return out


def without_statements(reader: FactReader, gone: dict[str, list[tuple[str, str | None]]],
                       articles: list[str]) -> dict[str, Summary]:
    """The summaries of these facts once the `gone` statements are taken out: the count
    goes down; only a fact that loses its latest statement or a statement on its first
    or last date is recounted from what remains (reading all its statements)."""
    current = reader.summaries(gone)
    out: dict[str, Summary] = {}
    recount: dict[str, Summary] = {}
    for fact, lost in gone.items():
        s = current.get(fact)
        if s is None:
            continue
        statements = {st for st, _ in lost}
        dates = {d for _, d in lost if d}
        if s.statement_count <= len(statements):
            continue  # nothing remains
        if s.latest_statement in statements or s.first_date in dates or s.last_date in dates:
            recount[fact] = s
        else:
            out[fact] = Summary(s.relation, s.subject, s.object, s.statement_count - len(statements), s.first_date,
                                s.last_date, s.latest_statement)
    out.update(recounted(reader, recount, articles))
    return out


def facts_update(reader: FactReader, stated: list[Stated], gone: list[str]) -> str:
    """The SPARQL Update that brings the summaries up to date when an article stating
    `stated` (its records' statements; none when only forgetting) is written and the
    `gone` articles are forgotten (read from the store before it runs: put it in the
    same request as the article's own update). Empty when nothing changes."""
    summaries = new_summaries(reader, stated, gone)
    return summaries_update(reader, summaries) if summaries else ""


def new_summaries(reader: FactReader, stated: list[Stated], gone: list[str]) -> dict[str, Summary | None]:
    """The summaries of the facts that writing `stated` and forgetting the `gone`
    articles touches, as they become (None: a fact left without statements)."""
    new = summarise(stated)
    lost = reader.stated_in(gone) if gone else {}
    current = without_statements(reader, lost, gone) if lost else {}
    current.update(reader.summaries(set(new) - set(lost)))
    return {fact: new[fact].merged(current.get(fact)) if fact in new else current.get(fact)
            for fact in sorted(set(new) | set(lost))}


def summary_changes(reader: FactReader, summaries: dict[str, Summary | None]) -> tuple[list, list]:
    """The quads that make these facts' summaries the given ones, and the stored quads
    they replace (the embedded store writes these as quads, `summaries_update` as
    SPARQL)."""
    g = facts_graph_iri()
    quads = [q for fact, summary in summaries.items() if summary is not None for q in fact_quads(fact, summary)]
    return quads, stale_values([(fact, p) for fact in summaries for p in fact_predicates()], quads,
                               reader.stored(g, summaries))


def summaries_update(reader: FactReader, summaries: dict[str, Summary | None]) -> str:
    """The SPARQL Update that makes these facts' summaries the given ones (None: the
    fact has no statement left and goes), touching only the values that change."""
    g = facts_graph_iri()
    quads, stale = summary_changes(reader, summaries)
    parts = [delete_data(g, stale)]
    if quads:
        parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n" + "\n".join(map(triple_text, quads)) + "\n} }")
    return " ;\n".join(p for p in parts if p)


def recount_update(reader: SparqlFacts, facts: Iterable[str], without: set[str]) -> str:
    """The SPARQL Update that rewrites these facts' summaries from every statement
    stored outside the `without` graphs. The repair after a remote write that died half
    way (graph/remote.py): its summaries may count statements that are gone or miss
    ones that are there, so they are counted again, not adjusted."""
    facts = sorted(set(facts))
    if not facts:
        return ""
    counted: dict[str, Summary | None] = dict.fromkeys(facts)
    st = load_model().statement
    for r in reader.select(f"SELECT ?f ?g ?st ?t ?s ?o {_dates()} WHERE {{ VALUES ?f {{ {_iris(facts)} }} GRAPH ?g {{ "
                           f"?st skg:fact ?f ; skg:{camel(st.relation_literal)} ?t ; rdf:{st.source} ?s ; "
                           f"rdf:{st.target} ?o {_dated('st')} }} }}"):
        if r["g"] not in without:
            counted[r["f"]] = _one(r["t"], r["s"], r["o"], _date_of(r), r["st"]).merged(counted[r["f"]])
    return summaries_update(reader, counted)


def graph_summaries(edges: Iterable[tuple[str, str, str, str, dict]]) -> dict[tuple[str, str, str], Summary]:
    """The facts of a networkx graph's statement edges, given as (relation, source,
    target, statement IRI, attributes): summarised as the stores summarise them (the
    tables, a drawing), keyed by (relation, source, target) in the edges' order."""
    model = load_model()
    out: dict[tuple[str, str, str], Summary] = {}
    for relation, source, target, iri, values in edges:
        one = _one(relation, source, target, model.date_of(model.statement.name, values), iri)
        out[(relation, source, target)] = one.merged(out.get((relation, source, target)))
    return out


def _complete(values: dict) -> bool:
    """Whether stored values make a summary: every required property and every link there."""
    fact = load_model().fact
    return all(values.get(p) is not None for p, spec in fact.properties.items() if spec.required) and \
        all(values.get(link) is not None for link in fact.links)


def _one(relation: str, subject: str, obj: str, date: str | None, statement: str) -> Summary:
    """The summary of one statement: counted once, dated on its own date."""
    return Summary(relation, subject, obj, 1, date, date, statement)


def _summary(values: dict) -> Summary:
    """A summary from stored values named as the model names them (dates cut to the day)."""
    fact = load_model().fact
    out = {f.name: values.get(f.name) for f in fields(Summary)}
    for name, spec in fact.properties.items():
        if spec.datatype == "integer":
            out[name] = int(out[name])
        elif spec.datatype == "date":
            out[name] = _date(out[name])
    return Summary(**out)


def _date(value) -> str | None:
    return str(value)[:10] if value not in (None, "") else None
