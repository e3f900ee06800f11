"""The graph in Neo4j: the same nodes and relations as the RDF stores.

Nodes carry the model's label (State, Official, ...) and a unique `iri`; every relation
is a relationship of its type carrying its evidence (article, sentence, char_start,
char_end), dates, modality and confidence. An article is an `Article` node that
`MENTIONS` the nodes it names. One article is written in one transaction with batched
`UNWIND $rows ... MERGE` statements, after removing what an earlier version of the same
article had written, so re-ingesting is idempotent and an edited article replaces its
facts and nothing else. Labels and relationship types come from the model, never from
the data; all values are parameters.

Each fact (every statement of one relation between the same two nodes) is also a `FACT`
relationship between them, its summary as the RDF stores' facts graph keeps it (graph/
facts.py: how many statements, first and last date, the latest statement): the writer
keeps it current in the same transaction as the statements it adds or removes, so a
question reads one summary per fact, not every statement (resolutions-on at 100k
articles read 100,493 relationships to count them).
"""
from __future__ import annotations

import functools
import os
from collections import defaultdict
from dataclasses import asdict
from importlib import resources

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from ..errors import Errors, SkgError
from ..schema import load_model
from . import projection, query_guard, records
from .facts import Summary
from .query_guard import QUERY_TIMEOUT
from .records import ArticleRecords

FactKey = tuple[str, str, str, str, str]  # relation, source label, target label, source IRI, target IRI


def _reachable(method):
    """The server gone (killed, restarted, the network down) is E018 naming it, whatever
    the call. A batch is one transaction, so it is wholly in or wholly out; which one
    cannot be known when the server died between committing it and answering."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (ServiceUnavailable, SessionExpired) as err:
            raise SkgError(Errors.E018.format(what="Neo4j", where=self.uri,
                                              reason=f"{err}; this call's batch is wholly written or wholly "
                                                     f"not, as the server committed it or not before it went")) from err
    return call


def constraints() -> list[str]:
    text = resources.files("sanctions_kg.schema.generated").joinpath("neo4j.cypher").read_text("utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in code.split(";") if s.strip()]


class Neo4jStore:
    """Neo4j through the Bolt driver: a `Store` (graph/stores.py) answering Cypher."""

    language = "cypher"
    rdf_formats: tuple[str, ...] = ()  # a property graph: GraphML and JSON Lines, no RDF

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None, connect_timeout: float = 10):
        user = user if user is not None else os.environ.get("NEO4J_USER") or os.environ.get("SKG_NEO4J_USER")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD") or os.environ.get("SKG_NEO4J_PASSWORD")
        auth = (user, password or "") if user else None
        self.uri = self.where = uri
        self.database = database or os.environ.get("SKG_NEO4J_DATABASE") or None
        # the server's notifications (a property no node has yet, on a new database) are
        # advice for query authors, not news for whoever runs an ingest
        self.driver = GraphDatabase.driver(uri, auth=auth, connection_timeout=connect_timeout,
                                           max_transaction_retry_time=30, notifications_min_severity="OFF")
        try:
            self.driver.verify_connectivity()
        except AuthError as err:
            raise SkgError(Errors.E019.format(what="Neo4j", reason=f"authentication failed: {err.message}")) from err
        except (ServiceUnavailable, OSError, ValueError) as err:
            raise SkgError(Errors.E018.format(what="Neo4j", where=uri, reason=err)) from err
        self.model = load_model()
        self._ensure_schema()
        self._ensure_facts()

    def close(self) -> None:
        self.driver.close()

    def _session(self):
        return self.driver.session(database=self.database) if self.database else self.driver.session()

    def _ensure_schema(self) -> None:
        import time

        with self._session() as s:
            for statement in constraints():
                for attempt in range(6):
                    try:
                        s.run(statement).consume()
                        break
                    except Exception as err:  # another client makes the same schema at the same moment
                        code = str(getattr(err, "code", ""))
                        if "AlreadyExists" in code:
                            break
                        if "TransientError" not in code or attempt == 5:
                            raise
                        time.sleep(0.1 * 2 ** attempt)

    def _ensure_facts(self) -> None:
        """A database with articles and no fact summary was written without them (by an
        older version, or an import of the statements alone): they are counted once, so
        the questions that read them answer as before."""
        if self.cypher(f"OPTIONAL MATCH ()-[x:{FACT}]->() WITH x LIMIT 1 "
                       "OPTIONAL MATCH (a:Article) WITH x, a LIMIT 1 RETURN x IS NULL AND a IS NOT NULL AS missing"
                       )[0]["missing"]:
            self.rebuild_facts()

    # ---- writing -------------------------------------------------------------------------
    def write(self, row: dict | ArticleRecords, replaces: str | None = None) -> int:
        rec = records.of(row)
        return self.write_many([rec], {rec.id: replaces} if replaces else None)

    @_reachable
    def write_many(self, rows: list[dict | ArticleRecords], replaces: dict[str, str] | None = None) -> int:
        """Write articles in one transaction: each statement is one UNWIND over the whole
        batch (per label, per relationship type), so the cost per article falls with the
        batch size. The batch is wholly in or wholly out, and so is each article."""
        recs = [records.of(r) for r in rows]
        batch = self._merge([self._batches(r) for r in recs])
        gone = [r.id for r in recs] + [v for v in (replaces or {}).values() if v]
        with self._session() as s:
            s.execute_write(self._replace_many, gone, batch)
        return sum(len(x) for x in batch["nodes"].values()) + sum(len(x) for x in batch["rels"].values())

    @staticmethod
    def _merge(parts: list[dict]) -> dict:
        nodes: dict[str, list] = defaultdict(list)
        mentions: dict[str, list] = defaultdict(list)
        rels: dict[tuple, list] = defaultdict(list)
        sanctions, articles = [], []
        for b in parts:
            art = b["article"]["iri"]
            articles.append(b["article"])
            for label, rows in b["nodes"]:
                nodes[label].extend(rows)
                named = {r["iri"] for r in rows}  # once each: the mentions are CREATEd
                mentions[label].extend({"a": art, "n": iri} for iri in sorted(named))
            for key, rows in b["rels"]:
                rels[key].extend(rows)
            sanctions.extend(dict(x, article=art) for x in b["sanctions"])
        # one row per node: a state named by every article of the batch is merged once,
        # its properties combined in article order (as SET n += props row by row would)
        for label, rows in nodes.items():
            combined: dict[str, dict] = {}
            for r in rows:
                combined.setdefault(r["iri"], {}).update(r["props"])
            nodes[label] = [{"iri": iri, "props": props} for iri, props in combined.items()]
        return {"articles": articles, "nodes": nodes, "mentions": mentions, "rels": rels, "sanctions": sanctions,
                "facts": _summarised(rels)}

    @staticmethod
    def _batches(row: dict | ArticleRecords) -> dict:
        """One article's records as the rows of the UNWIND statements: nodes by label,
        relationships by (type, source label, target label), sanctions with their ends."""
        rec = records.of(row)
        label_of = {n.iri: n.type for n in rec.nodes}
        nodes: dict[str, list[dict]] = defaultdict(list)
        for node in rec.nodes:
            nodes[node.type].append(projection.neo4j_node(node))
        rels: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for stated in rec.statements:
            relation, subject, obj = projection.statement_ends(asdict(stated.record))
            rels[(relation, label_of[subject], label_of[obj])].append(
                {"s": subject, "t": obj, "props": projection.neo4j_statement(stated)})
        sanctions = []  # a measure with its links, the ends' labels in the same order
        for m in rec.sanctions:
            links = projection.neo4j_links(m)
            sanctions.append({**projection.neo4j_node(m), "type": m.type, "links": list(links.values()),
                              "edges": list(links), "labels": [label_of[t] for t in links.values()]})
        article = {"iri": rec.iri, "props": rec.properties()}
        return {"article": article, "nodes": list(nodes.items()), "rels": list(rels.items()), "sanctions": sanctions}

    def _replace_many(self, tx, gone: list[str], b: dict) -> None:
        self._remove(tx, gone)
        tx.run("UNWIND $rows AS r MERGE (a:Article {iri: r.iri}) SET a += r.props", rows=b["articles"])
        for label, rows in b["nodes"].items():
            self._check_label(label)
            tx.run(f"UNWIND $rows AS r MERGE (n:`{label}` {{iri: r.iri}}) SET n += r.props", rows=rows)
            # CREATE, not MERGE: the article's old mentions went in _remove, and MERGE would
            # scan a state's tens of thousands of MENTIONS to find none
            tx.run(f"UNWIND $rows AS m MATCH (a:Article {{iri: m.a}}) MATCH (n:`{label}` {{iri: m.n}}) "
                   "CREATE (a)-[:MENTIONS]->(n)", rows=b["mentions"][label])
        for (rtype, sl, tl), rows in b["rels"].items():
            for name in (sl, tl):
                self._check_label(name)
            if rtype not in self.model.relation_types:
                raise ValueError(rtype)
            tx.run(f"UNWIND $rows AS r MATCH (s:`{sl}` {{iri: r.s}}) MATCH (t:`{tl}` {{iri: r.t}}) "
                   f"CREATE (s)-[x:`{rtype}`]->(t) SET x = r.props", rows=rows)
        self._add_facts(tx, b["facts"])
        by_labels: dict[tuple, list] = defaultdict(list)
        for x in b["sanctions"]:
            by_labels[(x["type"], tuple(zip(x["edges"], x["labels"])))].append(x)
        for (kind, ends), rows in by_labels.items():
            for name in (kind, *(label for _, label in ends)):
                self._check_label(name)
            links = " ".join(f"WITH m, r MATCH (x{i}:`{label}` {{iri: r.links[{i}]}}) MERGE (m)-[:`{edge}`]->(x{i})"
                             for i, (edge, label) in enumerate(ends))
            tx.run(f"UNWIND $rows AS r MERGE (m:`{kind}` {{iri: r.iri}}) SET m += r.props {links} "
                   "WITH m, r MATCH (a:Article {iri: r.article}) MERGE (a)-[:MENTIONS]->(m)", rows=rows)

    def _add_facts(self, tx, facts: dict[FactKey, Summary]) -> None:
        """The batch's statements added to the summaries of their facts: the stored
        summary read, merged with the batch's by the RDF stores' rule
        (`Summary.merged`), written back; a new fact's summary created. Run after the
        statements' CREATE, which locks both ends of each until the commit: a writer
        in another transaction adding to the same fact waits, then reads what this one
        wrote, so no count is lost between them."""
        by_ends: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for (rtype, sl, tl, source, target), summary in facts.items():
            by_ends[(sl, tl)].append({"type": rtype, "s": source, "t": target, "summary": summary})
        fact = self.model.fact
        for (sl, tl), rows in by_ends.items():
            stored = {(r["type"], r["s"], r["t"]): r["p"] for r in tx.run(
                f"UNWIND $rows AS f MATCH (s:`{sl}` {{iri: f.s}})-[x:{FACT}]->(t:`{tl}` {{iri: f.t}}) "
                f"WHERE x.{fact.relation_literal} = f.type RETURN f.type AS type, f.s AS s, f.t AS t, "
                "properties(x) AS p", rows=[{k: r[k] for k in ("type", "s", "t")} for r in rows]).data()}
            for r in rows:
                before = stored.get((r["type"], r["s"], r["t"]))
                merged = r.pop("summary").merged(_summary_of(r["type"], r["s"], r["t"], before) if before else None)
                r["props"] = fact_properties(merged)
            tx.run(f"UNWIND $rows AS f MATCH (s:`{sl}` {{iri: f.s}}) MATCH (t:`{tl}` {{iri: f.t}}) "
                   f"MERGE (s)-[x:{FACT} {{{fact.relation_literal}: f.type}}]->(t) SET x = f.props", rows=rows)

    @_reachable
    def fact_summaries(self) -> dict[tuple[str, str, str], Summary]:
        """Every stored fact summary, keyed (relation, source IRI, target IRI)."""
        rows = self.cypher(f"MATCH (s)-[x:{FACT}]->(t) RETURN s.iri AS s, t.iri AS t, properties(x) AS p")
        rel = self.model.fact.relation_literal
        return {(r["p"][rel], r["s"], r["t"]): _summary_of(r["p"][rel], r["s"], r["t"], r["p"]) for r in rows}

    @_reachable
    def rebuild_facts(self) -> int:
        """Every fact summary counted again from the statements, one relation type per
        transaction: for a database written without them (an older version of this
        writer, or an import that wrote only the statements). Returns how many."""
        made = 0
        with self._session() as s:
            s.execute_write(lambda tx: tx.run(f"MATCH ()-[x:{FACT}]->() DELETE x").consume())
            for rtype in self.model.relation_types:
                text = (f"MATCH (s)-[r:`{rtype}`]->(t) WITH s, t, type(r) AS relation, r\n"
                        + _summary_lines("s, relation, t") + _create_fact() + " RETURN count(*) AS n")
                made += s.execute_write(lambda tx: tx.run(text).single()["n"])
        return made

    def _check_label(self, label: str) -> None:
        if label not in self.model.node_types:
            raise ValueError(f"not a node type of the model: {label}")

    def _remove(self, tx, article_ids: list[str]) -> None:
        """Everything these articles wrote: their relationships, their Article nodes, and
        the nodes no other article mentions."""
        if not tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS n", ids=article_ids).single()["n"]:
            return  # nothing stored for them yet: skip the twelve deletes
        touched = []
        for rtype in self.model.relation_types:
            touched += [dict(r, type=rtype) for r in tx.run(
                f"UNWIND $ids AS id MATCH (s)-[r:`{rtype}` {{article: id}}]->(t) DELETE r "
                "RETURN DISTINCT elementId(s) AS s, elementId(t) AS t", ids=article_ids).data()]
        if touched:  # the facts that lost statements, counted again from those that remain
            tx.run(_recount_text(), facts=touched)
        tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) OPTIONAL MATCH (a)-[m:MENTIONS]->(n) DELETE m "
               "WITH a, collect(n) AS ns DETACH DELETE a "
               "WITH ns UNWIND ns AS n WITH DISTINCT n WHERE n IS NOT NULL AND NOT (n)<-[:MENTIONS]-() DETACH DELETE n",
               ids=article_ids)

    @_reachable
    def forget(self, article_id: str) -> None:
        with self._session() as s:
            s.execute_write(self._remove, [article_id])

    def article_for_source(self, source: str) -> str | None:
        rows = self.cypher("MATCH (a:Article {source: $s}) RETURN a.id AS id LIMIT 1", {"s": source})
        return rows[0]["id"] if rows else None

    def origins(self) -> dict[str, str]:
        rows = self.cypher("MATCH (a:Article) WHERE a.read_from IS NOT NULL RETURN a.id AS id, a.read_from AS f")
        return {r["id"]: r["f"] for r in rows}

    def relocate(self, article_id: str, values: dict[str, str]) -> None:
        self.cypher("MATCH (a:Article {id: $id}) SET a += $values", {"id": article_id, "values": values}, write=True)

    @_reachable
    def has_article(self, article_id: str, corrections: str | None = None) -> bool:
        """Whether the article is stored (and, given a corrections fingerprint, stored
        under those corrections)."""
        with self._session() as s:
            found = s.run("MATCH (a:Article {id: $id}) RETURN a.corrections AS c", id=article_id).single()
        return found is not None and (corrections is None or found["c"] == corrections)

    def flush(self) -> None:
        pass

    # ---- reading -------------------------------------------------------------------------
    @_reachable
    def query(self, text: str, params: dict | None = None, write: bool = False,
              timeout: float | None = QUERY_TIMEOUT) -> list[dict]:
        """A user's Cypher. Without `write` it may only read the graph: its clause
        keywords and the server's plan of it are checked first (graph/query_guard.py:
        LOAD CSV is E039; procedures, admin commands such as TERMINATE TRANSACTIONS and
        plugin functions are E042), and a query the server will not plan is not run.
        It runs in a transaction the server stops after `timeout` seconds (E043; 0 or
        None: the server's own limit)."""
        if not write:
            query_guard.check_cypher_words(text)
            query_guard.check_plan(self._plan(text, params))
            query_guard.check_functions(query_guard.called_functions(text), self._built_in_functions)
        return self.cypher(text, params, write, timeout)

    def _plan(self, text: str, params: dict | None) -> dict | None:
        """The server's plan of a query (EXPLAIN runs nothing); a query it cannot plan is
        E019 with its reason, as running it would be, at the user's line and column."""
        asked = query_guard.explain(text)
        with self._session() as s:
            try:
                return s.run(asked.text, params or {}).consume().plan
            except Exception as err:  # the driver's own classes; re-raised with our code
                if type(err).__name__ not in ("ClientError", "CypherSyntaxError", "DatabaseError"):
                    raise
                message = getattr(err, "message", None) or str(err)
                raise SkgError(Errors.E019.format(what="Neo4j", reason=asked.reason(message, text)[:500])) from err

    @functools.cached_property
    def _built_in_functions(self) -> set[str]:
        """The functions the server says are built in (lower case), asked once."""
        try:
            rows = self.cypher("SHOW FUNCTIONS YIELD name, isBuiltIn WHERE isBuiltIn RETURN name")
        except SkgError:  # not allowed to list them: none is known, every namespaced one is refused
            return set()
        return {r["name"].lower() for r in rows}

    def dump(self, fmt: str) -> bytes:
        raise SkgError(Errors.E030.format(what=f"--format {fmt}", store="Neo4j",
                                          hint="Neo4j holds a property graph, not RDF: use --format graphml or jsonl"))

    @_reachable
    def cypher(self, text: str, params: dict | None = None, write: bool = False,
               timeout: float | None = None) -> list[dict]:
        """Run Cypher in one managed transaction, stopped by the server after `timeout`
        seconds (E043) when one is given."""
        from neo4j import READ_ACCESS, WRITE_ACCESS, unit_of_work

        @unit_of_work(timeout=timeout or None)
        def work(tx):
            result = tx.run(text, params or {})
            keys = result.keys()
            return [_row(keys, record) for record in result]

        with self.driver.session(database=self.database, default_access_mode=WRITE_ACCESS if write else READ_ACCESS) as s:
            try:
                return s.execute_write(work) if write else s.execute_read(work)
            except Exception as err:  # the driver's own classes; re-raised with our code
                if "TransactionTimedOut" in str(getattr(err, "code", "")):
                    raise SkgError(Errors.E043.format(seconds=timeout, store=f"Neo4j {self.uri}")) from err
                if type(err).__name__ in ("ClientError", "CypherSyntaxError", "Forbidden", "ForbiddenError"):
                    if "write" in str(err).lower() and not write:
                        raise SkgError(Errors.E013) from err
                    raise SkgError(Errors.E019.format(what="Neo4j", reason=str(err)[:500])) from err
                raise

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes by type and distinct (type, source, target) relations, as
        `network.counts` gives for the RDF stores."""
        nodes = {}
        for label in self.model.network_types():
            n = self.cypher(f"MATCH (n:`{label}`) RETURN count(n) AS n")[0]["n"]
            if n:
                nodes[label] = n
        rels = {}
        for rtype in self.model.relation_types:
            n = self.cypher(f"MATCH (s)-[r:`{rtype}`]->(t) RETURN count(DISTINCT [s.iri, t.iri]) AS n")[0]["n"]
            if n:
                rels[rtype] = n
        return {"nodes": dict(sorted(nodes.items())), "relations": dict(sorted(rels.items()))}

    def graph(self):
        """The stored graph as networkx, built as `network.build` and `network.from_store`
        build it: every property the model declares, one edge per statement."""
        import networkx as nx

        from .network import add_node, add_statement, article_fields

        G = nx.MultiDiGraph()
        context = self.model.context_type
        G.graph["articles"] = {r["iri"]: article_fields(r["p"])
                               for r in self.cypher(f"MATCH (a:`{context}`) RETURN a.iri AS iri, properties(a) AS p")}
        for kinds, links in projection.neo4j_node_reads():
            chain = ""
            for i, (name, (edge, out)) in enumerate(links.items()):
                kept = ", ".join(f"`{k}`" for k in list(links)[:i + 1])
                arrow = f"-[:`{edge}`]->" if out else f"<-[:`{edge}`]-"
                chain += f"OPTIONAL MATCH (n){arrow}(`{name}`) WITH n, {kept} "
            found = "".join(f", `{name}`.iri AS `{name}`" for name in links)
            for r in self.cypher(f"MATCH (n:{'|'.join(kinds)}) {chain}"
                                 f"RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS p{found}"):
                kind = next(label for label in r["labels"] if label in self.model.node_types)
                add_node(G, r["iri"], kind, {**r["p"], **{k: r[k] for k in links if r.get(k)}})
        key = projection.neo4j_statement_key()
        for r in self.cypher(f"MATCH (s)-[r:{'|'.join(self.model.relation_types)}]->(t) "
                             "RETURN s.iri AS s, t.iri AS t, type(r) AS type, properties(r) AS p"):
            add_statement(G, r["p"][key], r["type"], r["s"], r["t"], r["p"])
        return G

    def article_count(self) -> int:
        return self.cypher("MATCH (a:Article) RETURN count(a) AS n")[0]["n"]


FACT = load_model().fact.name.upper()  # the relationship type of a fact summary


def _row(keys: list[str], record) -> dict:
    """A record as a dict, as `Record.data()` gives it, but built directly when every
    value is plain (a string, a number, null): `data()` walks each value to convert
    nodes and relationships, a third of the time of a 2,000-row answer on the client."""
    values = record.values()
    if all(v is None or isinstance(v, (str, int, float, bool)) for v in values):
        return dict(zip(keys, values))
    return record.data()


def fact_properties(summary: Summary) -> dict:
    """A summary as its FACT relationship's properties: the relation type under the
    model's `relation_literal`, the rest under the Fact record's own field names (a
    missing date is no property)."""
    fact = load_model().fact
    values = {f: v for f, v in asdict(summary).items() if f not in fact.ends and v is not None}
    return {fact.relation_literal: summary.relation, **values}


def _summary_of(relation: str, source: str, target: str, props: dict) -> Summary:
    """A stored FACT relationship's properties as a Summary."""
    fact = load_model().fact
    values = {f: props.get(f) for f in Summary.__dataclass_fields__ if f not in fact.ends}
    return Summary(relation, source, target, **values)


def _summarised(rels: dict[tuple, list]) -> dict[FactKey, Summary]:
    """A batch's statement rows summarised by fact, as the RDF stores summarise them:
    counted, dated by the first temporal property a statement has, the latest statement
    by (date, IRI)."""
    st = load_model().statement
    out: dict[FactKey, Summary] = {}
    for (rtype, sl, tl), rows in rels.items():
        for r in rows:
            props = r["props"]
            date = next((props[p] for p in st.temporal if props.get(p) is not None), None)
            key = (rtype, sl, tl, r["s"], r["t"])
            out[key] = Summary(rtype, r["s"], r["t"], 1, date, date, props[st.key]).merged(out.get(key))
    return out


def _summary_lines(keys: str) -> str:
    """The fact summary of the catalogue (graph/queries/_fact_summary.cypher: the same
    rule the questions use) over the statements `r`, grouped by `keys`."""
    from .catalogue import _fact_summary, expand

    folder = resources.files("sanctions_kg.graph").joinpath("queries")
    return expand(f"SUMMARISE r BY {keys}\n", _fact_summary(folder))


def _create_fact() -> str:
    """The CREATE of a FACT relationship from the summary's values (`statements`,
    `first`, `last`, `latest`, in the Fact record's order) between `s` and `t`."""
    fact = load_model().fact
    names = [f for f in Summary.__dataclass_fields__ if f not in fact.ends]
    values = ["statements", "first", "last", f"latest.{load_model().statement.key}"]
    assert len(names) == len(values), "the fact summary and the Fact record disagree"
    props = ", ".join(f"{n}: {v}" for n, v in zip(names, values))
    return f"\nCREATE (s)-[:{FACT} {{{fact.relation_literal}: relation, {props}}}]->(t)"


@functools.cache
def _recount_text() -> str:
    """The Cypher that counts the given facts (`$facts`: the ends' element ids and the
    relation type) again from the statements left: the stored summary goes, and one
    is made again where statements remain."""
    fact = load_model().fact
    return ("UNWIND $facts AS f MATCH (s) WHERE elementId(s) = f.s MATCH (t) WHERE elementId(t) = f.t\n"
            f"OPTIONAL MATCH (s)-[old:{FACT}]->(t) WHERE old.{fact.relation_literal} = f.type DELETE old\n"
            "WITH DISTINCT s, t, f.type AS relation MATCH (s)-[r]->(t) WHERE type(r) = relation\n"
            + _summary_lines("s, relation, t") + _create_fact())
