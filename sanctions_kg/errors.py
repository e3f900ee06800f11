"""One catalogue of the messages users see when something goes wrong.

Each message has a code, so a user can search for it and a test can assert on it
without depending on wording. Raise `SkgError(Errors.E001.format(...))`.
"""
from __future__ import annotations


class Errors:
    E001 = "E001 cannot read {path}: {reason}"
    E002 = "E002 {path} is empty"
    E003 = "E003 {path} looks binary (NUL bytes), not text"
    E004 = "E004 {path}: cannot decode the text ({reason})"
    E005 = "E005 {path} line {line}: not a JSON object ({reason})"
    E006 = "E006 {path} line {line}: no 'text' field"
    E007 = "E007 no file matches {pattern}"
    E008 = "E008 unsupported file type {suffix} for {path}; use .txt, .html or .jsonl"
    E009 = "E009 {path}: no text left after removing the page furniture"
    E010 = "E010 the spaCy pipeline {name} is not installed; run `pip install {package}`"
    E011 = "E011 the store at {path} cannot be opened: {reason}"
    E012 = "E012 the query is not valid SPARQL: {reason}"
    E013 = "E013 `skg query` is read-only; pass --write to run an update"
    E014 = "E014 unknown export format {fmt}; choose one of {choices}"
    E016 = "E016 no named query {name}; `skg query --list` shows them"
    E017 = "E017 cannot start {what}: {reason}"
    E018 = "E018 cannot reach {what} at {where}: {reason}"
    E019 = "E019 {what} refused the request: {reason}"
    E020 = "E020 the query {name} takes no parameter {params}; it takes: {known}"
    E021 = "E021 no state {iso3} in the graph"
    E022 = "E022 {path}: the text has {chars} characters, more than the parser takes ({limit}); split it into articles"
    E023 = "E023 {path}: same text as {other}; skipped"
    E024 = "E024 {path} line {line}: not an extraction row ({reason}); `skg load` reads what `skg extract --format jsonl` prints"
    E025 = "E025 --bulk loads only into a new, empty embedded store; {path} already holds {n} article(s)"
    E026 = "E026 the question {name} needs --param {param}=... (for example --param {param}={example})"
    E027 = "E027 {param}={value!r} is not a valid value; for example {param}={example}"
    E028 = "E028 the corrections file {path} cannot be used: {reason}"
    E029 = "E029 no stored article {article} (give its id, as answers show it, or its source)"
    E030 = "E030 {what} is not available for {store}; {hint}"
    E031 = ("E031 the store at {path} is being written by {holder}; waited {wait:g} s. Let it finish, or give "
            "--wait SECONDS to wait longer")
    E037 = "E037 {where}: the extraction row cannot be read: {reason}"
    E038 = ("E038 the query has a SERVICE clause, which sends part of it to another endpoint (a request out of "
            "this machine); give --allow-service if that is meant")
    E039 = ("E039 the query uses LOAD CSV, which reads files on the server and fetches URLs; it is refused "
            "without --write")
    E040 = ("E040 {path}: the page nests its elements {depth} deep, more than the HTML parser reads ({limit}); "
            "what lies deeper is lost, and no text was left")
    E041 = ("E041 {path}: {chars} characters of HTML, more than the reader parses ({limit}) for one article; "
            "save the article's text, or split the page")
    E044 = ("E044 {path}: the page has {n} elements, more than the reader parses ({limit}) for one article "
            "(the HTML extractor's time grows with the square of that); save the article's text, or split the page")
    E042 = ("E042 the query {what}, which can act outside its answer (the network, files or the server's state); "
            "`skg query` refuses it unless --write is given")
    E043 = ("E043 the query ran past its time limit of {seconds:g} s on {store} and was stopped; narrow it "
            "(LIMIT, more specific patterns) or give --timeout SECONDS (0: no limit)")
    E036 = "E036 give --neo4j or --sparql-endpoint, not both"
    E061 = "E061 {path}: the file name is not UTF-8; rename the file to read it"
    E062 = ("E062 --neo4j {uri!r} is not a Bolt URI ({reason}); give bolt://HOST:PORT, neo4j://HOST:PORT or "
            "neo4j+s://HOST for Aura")
    E063 = ("E063 --sparql-endpoint {url!r} is not an HTTP URL ({reason}); give http://HOST:PORT/sparql or "
            "https://...")
    E064 = ("E064 no space left on the device holding {where}: {reason}; free some space and run the same command "
            "again (what was written is whole; the rest is written then)")
    E065 = ("E065 {path} (given to {option}) is not a regular file of at most {limit} KB; a query is read from a "
            "small text file")
    E060 = ("E060 cannot list the folder {path}: {reason}; the files in it were not read (with --sync, the "
            "articles read from it before are kept)")
    E032 = ("E032 {where}: {what} has the field {field!r}, which the model (schema/model.yaml) does not declare "
            "among its {kind}; declare it there (and run `skg schema generate`) or leave it out of the row")
    E033 = "E033 {where}: the model does not allow {relation} from a {source} to a {target}"
    E034 = "E034 {where}: {what} lacks {field!r}, which the model requires"
    E035 = "E035 {where}: {what} has {field}={value!r}, which the model refuses: {reason}"
    W001 = "W001 {path}: the date {date} is outside 1900 to next year; the article is kept undated"
    W002 = "W002 {path}: the text does not look English; extracted anyway, expect little"
    W003 = ("W003 {path}: no publication date found; relative dates in it (\"on Friday\") are left empty; "
            "give --date YYYY-MM-DD to date it")
    W004 = "W004 {path}: {n} byte(s) are not UTF-8 (line {lines}); read as UTF-8 with them replaced by \ufffd"
    W006 = ("W006 {path}: not UTF-8, and no UTF-8 character in it; decoded as {codec} (a guess): check its "
            "names, or save it as UTF-8")
    W007 = ("W007 {path} line {line}: the {field} holds {n} lone surrogate(s) (\\ud800-\\udfff escapes, no "
            "character); replaced by \ufffd")
    W005 = "W005 {path} line {line}: the date {value!r} is not understood; the article is kept undated"
    E070 = ("E070 the trigger lexicon {where} is not valid at {entry}: {reason} (see the header of "
            "loaders/data/triggers.yaml for the keys an entry takes)")
    E015 = "E015 {path}: the file is larger than {limit} MB; raise --max-mb to read it, or split it"
    E090 = ("E090 --out {path}: the suffix {suffix!r} names no export format, so nothing was written; end the "
            "name in one (graph.ttl, graph.csv, graph.parquet, ...) or give --format: {choices}")
    E091 = "E091 --out {path} does not fit --format {fmt}: {reason}"
    E092 = "E092 cannot write {path}: {reason}"
    E093 = ("E093 {where} is not a store address: give a folder of the embedded store, a Neo4j URI or a SPARQL "
            "endpoint URL (schemes {schemes})")
    E094 = "E094 no state is called {value!r}; {hint}"
    # drawing an answer (`skg query --viz`, graph/viz.py)
    E130 = ("E130 --viz draws the rows of an answer, and this query gave {kind}: ask a SELECT, a Cypher RETURN or "
            "a named question")
    E131 = ("E131 none of the answer's {rows} row(s) names a node of the graph, so there is nothing to draw and "
            "{path} was not written: --viz finds nodes by the labels, IRIs or ISO codes in the rows")
    # corrections an analyst can check (graph/corrections.py)
    E140 = "E140 the corrections rule {rule} ({says}) matched nothing; check its names with `skg find NAME`"
    E141 = "E141 the corrections rule {rule} added nothing: {reason}"
    # a new Neo4j database through Neo4j's offline importer (`skg load --bulk --neo4j`, graph/neo4j_bulk.py)
    E150 = ("E150 --bulk imports only into a new, empty Neo4j database; the one in {data} already holds {n} node(s), "
            "and nothing was written: load without --bulk to add to it")
    E151 = ("E151 Neo4j's importer failed on {data} (log: {log}); the server was not started, and loading with --bulk "
            "again overwrites the unfinished database:\n{tail}")
    E152 = "E152 cannot bulk-import into Neo4j at {uri}: {reason}"
    E153 = ("E153 the value {value} of {what} cannot go through the importer's CSV as the driver would store it "
            "(an empty or mixed list); load without --bulk")
    # extraction on a Dask cluster (sanctions_kg/distributed.py)
    E080 = "E080 cannot extract on a cluster: {reason}"
    E081 = ("E081 cannot reach the Dask scheduler at {address}: {reason}; start one (`dask scheduler`, then "
            "`dask worker {address}` on each machine) or give --workers N for a local cluster")
    E082 = ("E082 the partition {partition} (from {first}) failed: {reason}; the other partitions are written, "
            "and running the same command again does this one and skips the rest")
    E083 = "E083 the manifest {path} cannot be used: {reason}"
    E084 = ("E084 {path}: the partition is {reason}; it was not loaded (run `skg extract ... --out` on the same "
            "folder again to write it anew)")
    E085 = ("E085 {path}: the extraction did not finish ({n} partition(s) written); those were loaded, and running "
            "the same `skg extract ... --out` again writes the rest")
    E086 = ("E086 lost the Dask scheduler at {address} during the run ({reason}); the {n} partition(s) written are "
            "whole and kept, and running the same command again writes the rest")


class SkgError(Exception):
    """An error whose message comes from `Errors`; the CLI prints it without a traceback."""
