"""Read-only means no effect outside the answer: what `skg query` lets a query do.

A read-only query may read the graph and nothing else: it may not send part of itself
to another endpoint (SPARQL SERVICE, refused unless --allow-service, E038), nor fetch a
URL or a file (Cypher LOAD CSV, E039), nor call what reaches the network or the
server's state (Virtuoso's `bif:`/`sql:` procedures, Cypher procedures, admin commands
such as SHOW or TERMINATE TRANSACTIONS, E042), unless --write is given.

The decision is taken on how the engine that runs the query reads it, and what is not
known to be a plain read is refused (deny by default):

- SPARQL is split into the tokens of the SPARQL 1.1 grammar (strings, IRIs and comments
  are told apart from keywords, so `"service"` in a literal is no SERVICE clause). A
  keyword is matched inside longer words as Oxigraph's parser matches it (it reads
  `SERVICESILENT <u>` as SERVICE SILENT and `SERVICEr:x` as SERVICE r:x), on the text as
  written and with its \\u escapes decoded (rdflib decodes them, Oxigraph does not). A
  function called by IRI must be an XSD cast: anything else is an extension the server
  runs (pyoxigraph exposes no parse of its own to ask instead).
- Cypher is decided on the server's own plan (EXPLAIN of the query, its CYPHER options
  kept and its EXPLAIN/PROFILE prefix removed, so `PROFILE LOAD CSV` is planned too): each
  step must be a read the planner knows (scans, seeks, expands, joins, projections,
  aggregations...), a procedure must be one of the schema readers, a namespaced function
  must be one the server says is built in; a query the server will not plan is not run.
  The clause keywords of a real tokenization (LOAD CSV, SHOW, TERMINATE) are a second,
  independent check.

Time limits live here too: `QUERY_TIMEOUT` is the default of `skg query --timeout` and of
every store's `query`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import Errors, SkgError

QUERY_TIMEOUT = 60.0  # seconds; 0 or None: no limit

XSD = "http://www.w3.org/2001/XMLSchema#"
# Virtuoso's procedure namespaces, in either spelling (`bif:x` and `<bif:x>` are the same)
SERVER_NAMESPACES = ("bif:", "sql:", "http://www.openlinksw.com/schemas/bif#", "http://www.openlinksw.com/schemas/sql#")


@dataclass(frozen=True)
class Token:
    """One token of a query: its kind (a terminal of the grammar) and its text."""
    kind: str
    text: str


# ---- SPARQL ------------------------------------------------------------------------------
# Character classes of the SPARQL 1.1 grammar (section 19.8), for names and prefixes.
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

_SPARQL_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in (
    ("space", r"\s+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("string", r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\""
               r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\""),
    ("var", f"[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("bnode", f"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"),
    ("word", f"[{_BASE}][{_CHARS}]*"),
)))


def sparql_tokens(text: str) -> Iterator[Token]:
    """The tokens of a SPARQL text, without spaces and comments. A character that starts
    no token (a quote never closed, an operator) is a token of its own, and reading goes
    on after it: what the engine might read as code is never skipped."""
    pos = 0
    while pos < len(text):
        m = _SPARQL_TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            yield Token("punct", text[pos])
            pos += 1
            continue
        if m.lastgroup not in ("space", "comment"):
            yield Token(m.lastgroup, m.group())
        pos = m.end()


def unescape_codepoints(text: str) -> str:
    """The text with SPARQL's \\uXXXX and \\UXXXXXXXX escapes decoded, as some engines do
    before parsing (SPARQL 1.1, section 19.2); one that names no character stays."""
    def decode(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", decode, text)


def check_sparql(text: str, write: bool = False, allow_service: bool = False) -> None:
    """Refuse a SPARQL query or update that would act outside its answer: SERVICE
    without `allow_service` (E038), an extension function or a Virtuoso procedure
    without `write` (E042). Both readings of the text are checked, escapes decoded and
    not, so a keyword hidden in an escape or an escape hiding a quote changes nothing."""
    for variant in dict.fromkeys((text, unescape_codepoints(text))):
        tokens = list(sparql_tokens(variant))
        if not allow_service and any(_says_service(t) for t in tokens):
            raise SkgError(Errors.E038)
        if not write:
            reached = _server_reach(tokens)
            if reached:
                raise SkgError(Errors.E042.format(what=reached))


def _says_service(token: Token) -> bool:
    """Whether Oxigraph's parser could read SERVICE in this token: a keyword, a prefix
    (`SERVICEr:x`) or a language tag glued to what follows. Variables, local names and
    blank node labels are read whole by every parser, so `?service` is no clause."""
    if token.kind == "pname":
        return "SERVICE" in token.text.split(":", 1)[0].upper()
    return token.kind in ("word", "langtag") and "SERVICE" in token.text.upper()


def _server_reach(tokens: list[Token], declared: dict[str, str] | None = None) -> str | None:
    """What in the query the server would run beyond reading the graph: a function
    called by IRI that is not an XSD cast, or any IRI in Virtuoso's procedure
    namespaces (its magic predicates run procedures too). None when there is none.
    Text between `<` and `>` that holds a call is read both ways: as an IRI, and as a
    comparison whose `<` and `>` enclose code, which a parser may prefer."""
    prefixes = {**(declared or {}), **_declared_prefixes(tokens)}
    for i, token in enumerate(tokens):
        if token.kind not in ("iri", "pname"):
            continue
        if token.kind == "iri" and "(" in token.text:  # `?a<?b&&f(?c)>0`: an IRI, or `<` and `>` around a call
            inside = _server_reach(list(sparql_tokens(token.text[1:-1])), prefixes)
            if inside:
                return inside
        iri = _resolve(token, prefixes)
        if iri is not None and iri.startswith(SERVER_NAMESPACES):
            return f"names {token.text} (a procedure of the server)"
        called = i + 1 < len(tokens) and tokens[i + 1].text == "("
        if called and (iri is None or not iri.startswith(XSD)):
            return f"calls the function {token.text}"
    return None


def _declared_prefixes(tokens: list[Token]) -> dict[str, str]:
    """The PREFIX declarations: prefix (without the colon) to namespace IRI."""
    found = {}
    for a, b, c in zip(tokens, tokens[1:], tokens[2:]):
        if a.kind == "word" and a.text.upper() == "PREFIX" and b.kind == "pname" and c.kind == "iri":
            found[b.text[:-1]] = c.text[1:-1]
    return found


def _resolve(token: Token, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI a token names; a prefix the text does not declare is taken as
    the server would predefine it (Virtuoso: `bif:` is `bif:`, `xsd:` is XSD). A relative
    IRI is None: what it means depends on BASE, and it is treated as unknown."""
    if token.kind == "iri":
        iri = token.text[1:-1]
        return iri if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri) else None
    prefix, local = token.text.split(":", 1)
    if prefix in prefixes:
        return prefixes[prefix] + local
    return XSD + local if prefix == "xsd" else f"{prefix}:{local}"


# ---- Cypher ------------------------------------------------------------------------------
_CYPHER_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in (
    ("space", r"\s+"),
    ("comment", r"//[^\r\n]*|/\*.*?\*/"),
    ("string", r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""),
    ("quoted", r"`(?:[^`]|``)*`"),
    ("param", r"\$(?:\w+|`(?:[^`]|``)*`)"),
    ("number", r"0[xX][0-9A-Fa-f_]+|0o[0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9][0-9_]*(?:[eE][+-]?[0-9]+)?"),
    ("name", r"[^\W\d]\w*"),
)), re.DOTALL)


def cypher_tokens(text: str) -> list[tuple[Token, int]]:
    """The tokens of a Cypher text with where each starts, without spaces and comments.
    A string, a `quoted` name or a comment left open, or any other character, is a
    token of one character, and reading goes on after it."""
    found = []
    pos = 0
    while pos < len(text):
        m = _CYPHER_TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            found.append((Token("punct", text[pos]), pos))
            pos += 1
            continue
        if m.lastgroup not in ("space", "comment"):
            found.append((Token(m.lastgroup, m.group()), pos))
        pos = m.end()
    return found


def _is_word(token: Token, *words: str) -> bool:
    return token.kind == "name" and token.text.upper() in words


@dataclass(frozen=True)
class Explain:
    """A query as EXPLAIN asks it, and where its statement starts in the user's text
    (to put the server's positions back where the user wrote them)."""
    text: str
    prefix: int      # characters before the statement in `text`
    body_start: int  # where the statement starts in the user's text

    def user_position(self, offset: int, original: str) -> tuple[int, int]:
        """Line and column (from 1) in the user's text of an offset in `text`."""
        at = max(0, offset - self.prefix) + self.body_start
        return original.count("\n", 0, at) + 1, at - (original.rfind("\n", 0, at) + 1) + 1

    def reason(self, message: str, original: str) -> str:
        """The server's complaint about the EXPLAIN, in the user's terms: its first
        line, with the position moved to the user's text (the query it quotes, with our
        EXPLAIN in front, left out)."""
        first = message.strip().splitlines()[0] if message.strip() else message

        def moved(m: re.Match) -> str:
            line, column = self.user_position(int(m.group(1)), original)
            return f"(line {line}, column {column})"
        return re.sub(r"\(line \d+, column \d+ \(offset: (\d+)\)\)", moved, first)


def explain(text: str) -> Explain:
    """The query as EXPLAIN asks it: its CYPHER options kept, any EXPLAIN or PROFILE
    before the statement taken away (`EXPLAIN PROFILE ...` is a syntax error, and a
    query whose plan cannot be asked must not run unchecked)."""
    tokens = cypher_tokens(text)
    options: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i][0]
        if _is_word(token, "EXPLAIN", "PROFILE"):
            i += 1
        elif _is_word(token, "CYPHER"):
            i, taken = _cypher_options(tokens, i + 1)
            options.append("CYPHER " + " ".join(taken))
        else:
            break
    start = tokens[i][1] if i < len(tokens) else len(text)
    prefix = " ".join(["EXPLAIN", *options]) + " "
    return Explain(prefix + text[start:], len(prefix), start)


def _cypher_options(tokens: list[tuple[Token, int]], i: int) -> tuple[int, list[str]]:
    """After CYPHER: a version number and `key=value` options. Returns where the
    options end and their texts."""
    taken = []
    if i < len(tokens) and tokens[i][0].kind == "number":
        taken.append(tokens[i][0].text)
        i += 1
    while i + 2 < len(tokens) and tokens[i][0].kind == "name" and tokens[i + 1][0].text == "=":
        taken.append(tokens[i][0].text + "=" + tokens[i + 2][0].text)
        i += 3
    return i, taken


# words that follow a variable named `show`, never a SHOW command
NOT_COMMANDS = ("AS", "AND", "OR", "XOR", "IS", "IN", "CONTAINS", "STARTS", "ENDS", "MATCH", "OPTIONAL", "WHERE",
                "RETURN", "WITH", "ORDER", "SKIP", "LIMIT", "UNION", "UNWIND", "CALL", "ASC", "DESC")


def check_cypher_words(text: str) -> None:
    """The clause keywords of a read-only query: LOAD CSV is E039; SHOW ... and
    TERMINATE TRANSACTION(S), admin commands acting on the server, are E042. A property
    key (`n.load`), a map key (`{show: 1}`) or a `quoted` name is not a keyword."""
    words = [t for t, _ in cypher_tokens(text)]
    for before, token, after in zip([Token("punct", "")] + words, words, words[1:] + [Token("punct", "")]):
        if token.kind != "name" or before.text in (".", "$") or after.text == ":":
            continue
        if _is_word(token, "LOAD") and _is_word(after, "CSV"):
            raise SkgError(Errors.E039)
        if _is_word(token, "TERMINATE") and _is_word(after, "TRANSACTION", "TRANSACTIONS"):
            raise SkgError(Errors.E042.format(what="terminates transactions (TERMINATE TRANSACTIONS)"))
        if _is_word(token, "SHOW") and after.kind == "name" and not _is_word(after, *NOT_COMMANDS):
            raise SkgError(Errors.E042.format(what=f"is an admin command (SHOW {after.text.upper()})"))


def called_functions(text: str) -> set[str]:
    """The namespaced functions a Cypher text calls (`apoc.util.md5(...)`), procedures
    after CALL left out (the plan names those). A function in no namespace is built
    in: Neo4j registers none of its users' there."""
    words = [t for t, _ in cypher_tokens(text)]
    called = set()
    i = 0
    while i < len(words):
        j = i
        while j + 2 < len(words) and words[j].kind == words[j + 2].kind == "name" and words[j + 1].text == ".":
            j += 2
        if j > i and j + 1 < len(words) and words[j + 1].text == "(" and not (i and _is_word(words[i - 1], "CALL")):
            called.add("".join(w.text for w in words[i:j + 1]))
        i = j + 1
    return called


# Plan steps that only read: leaves (every scan and seek, counts from the count store),
# traversals, joins and applies, and the row operators. Anything else (LoadCSV,
# ProcedureCall outside READ_PROCEDURES, Show*, Terminate*, AdministrationCommand,
# TransactionApply, the updating steps) is refused.
READ_STEPS = re.compile(r"""(?x)
    \w*(?:Scan|Seek|SeekByRange|CountFromCountStore)
  | (?:Optional)?Expand\(\w+\) | VarLengthExpand\([\w,\s]+\) | (?:BFS)?PruningVarExpand
  | ShortestPath | StatefulShortestPath\(\w+\) | (?:Bidirectional)?Repeat\(\w+\) | NullifyMetadata
  | \w*HashJoin | CartesianProduct | TriadicSelection | TriadicBuild | TriadicFilter
  | Apply | SemiApply | AntiSemiApply | LetSemiApply | LetAntiSemiApply | SelectOrSemiApply | SelectOrAntiSemiApply
  | LetSelectOrSemiApply | LetSelectOrAntiSemiApply | ConditionalApply | AntiConditionalApply | RollUpApply
  | SubqueryForeach | Argument | ArgumentTracker | Optional | Anti | Union | OrderedUnion
  | AssertSameNode | AssertSameRelationship | Filter | Projection | ProduceResults | CacheProperties
  | ProjectEndpoints | Limit | ExhaustiveLimit | Skip | Sort | PartialSort | Top | PartialTop | Distinct
  | OrderedDistinct | Aggregation | EagerAggregation | OrderedAggregation | Unwind | PartitionedUnwind
  | Eager | EmptyResult | PreserveOrder
""")
# Steps that write the graph or its schema: `skg query` is read-only (E013)
UPDATE_STEPS = re.compile(r"(?:Create|Merge|LockingMerge|Delete|DetachDelete|Set|Remove|Foreach|Drop|Transaction)\w*")
READ_PROCEDURES = {"db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.nodeTypeProperties",
                   "db.schema.relTypeProperties", "db.schema.visualization"}


def plan_steps(plan: dict | None) -> Iterator[dict]:
    """Every step of a plan (the driver's dict: operatorType, args, children)."""
    if plan:
        yield plan
        for child in plan.get("children", []):
            yield from plan_steps(child)


def check_plan(plan: dict | None) -> None:
    """Refuse a plan with a step that is not a plain read: LOAD CSV is E039, a write
    E013, any other (a procedure, an admin command, a step this list does not know)
    E042."""
    steps = [(str(step.get("operatorType", "")).split("@")[0], step) for step in plan_steps(plan)]
    if any(name == "LoadCSV" for name, _ in steps):
        raise SkgError(Errors.E039)
    if any(UPDATE_STEPS.fullmatch(name) for name, _ in steps):
        raise SkgError(Errors.E013)
    for name, step in steps:
        if name == "ProcedureCall":
            procedure = _procedure_name(step)
            if procedure not in READ_PROCEDURES:
                raise SkgError(Errors.E042.format(what=f"calls the procedure {procedure or '(unnamed)'}"))
        elif not READ_STEPS.fullmatch(name):
            raise SkgError(Errors.E042.format(what=f"has the plan step {name} (not a plain read)"))


def _procedure_name(step: dict) -> str:
    """The procedure a ProcedureCall step calls, from its details (`db.labels() :: ...`)."""
    details = str((step.get("args") or step.get("arguments") or {}).get("Details", ""))
    return details.split("(", 1)[0].strip()


def check_functions(called: Iterable[str], built_in: set[str]) -> None:
    """Refuse a namespaced function the server does not list as built in (a plugin's,
    which may reach the network: E042)."""
    for name in sorted(called):
        if name.lower() not in built_in:
            raise SkgError(Errors.E042.format(what=f"calls the function {name} (not built into Neo4j)"))
