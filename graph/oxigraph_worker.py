"""A query on the embedded store within a time limit.

pyoxigraph (0.5) offers no way to stop a query it evaluates: no timeout option, no
cancellation, and a Python signal handler does not run until the evaluation returns (a
cartesian COUNT ran on past SIGALRM). So a query with a limit is evaluated in a process
of its own, killed at the limit, which stops the work (a thread would only stop the
waiting). A store in a folder is opened read-only by a fresh interpreter running this
module (about 0.1 s; it imports only pyoxigraph); a store in memory exists only in this
process, so it is evaluated in a fork of it. The answer comes back serialised (SPARQL
results JSON, N-Triples) and is parsed into what `Store.query` returns without a limit.

The module is light on purpose: the child imports nothing of the package but this file.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

RESULTS = ox.QueryResultsFormat.JSON


class TimedOut(Exception):
    """The query ran past its limit and its process was killed."""


def open_reader(path: Path, tries: int = 8) -> ox.Store:
    """The store opened read-only while a writer may be at work. RocksDB's read-only
    open reads the file list (MANIFEST) the writer is replacing as it flushes and
    compacts, and now and then finds it half-written ("Corruption ... MANIFEST"): the
    store is fine, the moment is not. Try again a few times, a little later each time."""
    delay = 0.05
    for attempt in range(tries):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as err:  # RocksDB's "Corruption" comes as a RuntimeError
            if not transient(err) or attempt == tries - 1 or not (path / "CURRENT").exists():
                raise err if isinstance(err, OSError) else OSError(str(err)) from err
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def transient(err: Exception) -> bool:
    """Whether a read failed on the moment rather than the store: a writer swapping the
    MANIFEST, or deleting the table files its compaction replaced, which a reader opened
    before still lists ("IO error: No such file ... 000062.sst"). Opened again, the
    reader sees the new files and the same data."""
    return isinstance(err, FileNotFoundError) or (isinstance(err, (OSError, RuntimeError)) and any(
        word in str(err) for word in ("Corruption", "MANIFEST", "No such file", "IO error")))


def evaluate(store: ox.Store, path: Path | None, text: str, timeout: float):
    """The query's result (QuerySolutions, QueryBoolean, or N-Triples bytes for a
    CONSTRUCT or DESCRIBE), or TimedOut after `timeout` seconds. Oxigraph's own errors
    come back as the same classes (SyntaxError, OSError, RuntimeError) and messages."""
    data = _in_fork(store, text, timeout) if path is None else _in_interpreter(path, text, timeout)
    return decode(data)


def _in_interpreter(path: Path, text: str, timeout: float) -> bytes:
    """Run this module on the store folder; killed (and reaped) at the limit."""
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path.resolve())], input=text.encode("utf-8"),
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise TimedOut() from err
    if not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return _header({"error": "RuntimeError", "message": f"the query process failed: {message[0]}"})
    return done.stdout


def _in_fork(store: ox.Store, text: str, timeout: float) -> bytes:
    """Evaluate in a fork of this process (the store is in its memory); read its answer
    from a pipe until the deadline, then kill it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running any of the parent's cleanup
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(answer(store, text))
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        return _read_until(read_end, time.monotonic() + timeout)
    except TimedOut:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def _read_until(fd: int, deadline: float) -> bytes:
    """Everything written to `fd` until it is closed, or TimedOut at the deadline."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimedOut()
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def answer(store: ox.Store, text: str) -> bytes:
    """The query evaluated, as one header line (JSON: the kind of result, or the error)
    and the serialised result."""
    try:
        result = store.query(text, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            return _header({"kind": "triples"}) + result.serialize(format=ox.RdfFormat.N_TRIPLES)
        return _header({"kind": "results"}) + result.serialize(format=RESULTS)
    except Exception as err:  # noqa: BLE001 - every error goes back to the parent, by class name
        kinds = [name for name, cls in (("SyntaxError", SyntaxError), ("OSError", OSError)) if isinstance(err, cls)]
        return _header({"error": (kinds or ["RuntimeError"])[0], "message": str(err)})


def _header(fields: dict) -> bytes:
    return json.dumps(fields).encode("utf-8") + b"\n"


def decode(data: bytes):
    """What `answer` wrote, as pyoxigraph's own result objects (or N-Triples bytes), or
    its error raised again."""
    line, _, body = data.partition(b"\n")
    fields = json.loads(line)
    if "error" in fields:
        raise {"SyntaxError": SyntaxError, "OSError": OSError}.get(fields["error"], RuntimeError)(fields["message"])
    if fields["kind"] == "triples":
        return body
    return ox.parse_query_results(body, format=RESULTS)


def main() -> None:
    """The child: the store folder as argument, the query on standard input, the answer
    on standard output."""
    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        store = open_reader(Path(sys.argv[1]))
    except OSError as err:
        sys.stdout.buffer.write(_header({"error": "OSError", "message": str(err)}))
        return
    sys.stdout.buffer.write(answer(store, text))


if __name__ == "__main__":
    main()
