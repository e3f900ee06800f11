"""Where the test suite's time goes: per test and per file, wall time and CPU time.

Wall time alone misleads on a machine shared with other work (a test waiting for a core
looks slow), so each test also records the CPU it used: this process's user+system time
plus that of the children it waited for (`skg` subprocesses, rapper, a nested pytest).
The Neo4j and Virtuoso servers that tools/run-tests starts are not children of pytest:
their CPU is read from /proc by the pid files in their data folders (SKG_TEST_DATA, or
.cache/test-servers as tools/run-tests defaults) and kept apart as `server`. Servers a
test starts for itself count only if the test waits for them.

Two uses:
  record  (a pytest plugin)   tools/run-tests -p tools.suite_timing --timing-out times.jsonl [pytest args]
  report  (prints the tables) python tools/suite_timing.py times.jsonl [--top 25] [--compare before.jsonl]

Each line of the JSON Lines file is one test: its node id, file, outcome, wall seconds and
CPU seconds, and the test servers' CPU seconds (setup, call and teardown together, so a
session fixture's cost lands on the first test that asks for it).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest


def _cpu() -> float:
    """User+system CPU seconds of this process and of its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _server_pids() -> list[int]:
    """The pids of the test servers tools/run-tests started, from their pid files."""
    data = Path(os.environ.get("SKG_TEST_DATA") or Path.cwd() / ".cache" / "test-servers")
    pids = []
    for pidfile in data.glob("*/server.pid"):
        try:
            pids.append(int(pidfile.read_text().split()[0]))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def _server_cpu(pids: list[int]) -> float:
    """User+system CPU seconds the servers have used so far (all their threads)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a server that stopped counts no more
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


# ---- the pytest plugin ------------------------------------------------------------------

def pytest_addoption(parser) -> None:
    parser.addoption("--timing-out", default=None,
                     help="write per-test wall and CPU seconds here (JSON Lines)")


class _Recorder:
    """Times each test's whole protocol (setup, call, teardown) and appends one line."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.out.write_text("")
        self.outcomes: dict[str, str] = {}
        self.servers = _server_pids()

    def pytest_runtest_logreport(self, report) -> None:
        # the worst phase decides: a failed setup or teardown is a failure of the test
        if self.outcomes.get(report.nodeid) == "failed":
            return
        if report.failed or report.when == "call" or (report.when == "setup" and report.skipped):
            self.outcomes[report.nodeid] = report.outcome

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        wall, cpu, server = time.perf_counter(), _cpu(), _server_cpu(self.servers)
        result = yield
        row = {"test": item.nodeid, "file": item.nodeid.split("::")[0],
               "outcome": self.outcomes.get(item.nodeid, "?"),
               "wall": round(time.perf_counter() - wall, 3), "cpu": round(_cpu() - cpu, 3),
               "server": round(_server_cpu(self.servers) - server, 3)}
        with self.out.open("a") as fh:
            fh.write(json.dumps(row) + "\n")
        return result


def pytest_configure(config) -> None:
    out = config.getoption("--timing-out")
    if out:
        config.pluginmanager.register(_Recorder(Path(out)), "skg-test-timing")


# ---- the report -------------------------------------------------------------------------

MEASURES = ("wall", "cpu", "server")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _by_file(rows: list[dict]) -> dict[str, dict[str, float]]:
    """Tests and summed seconds per file; `server` is None where the run did not record it."""
    files: dict[str, dict] = defaultdict(lambda: {"tests": 0, "wall": 0.0, "cpu": 0.0, "server": None})
    for row in rows:
        entry = files[row["file"]]
        entry["tests"] += 1
        for key in MEASURES:
            if row.get(key) is not None:
                entry[key] = (entry[key] or 0.0) + row[key]
    return files


def _cells(entry: dict | None) -> str:
    if entry is None:
        return "".join(f"{'-':>11}" for _ in MEASURES)
    return "".join(f"{entry[key]:>11.1f}" if entry[key] is not None else f"{'-':>11}" for key in MEASURES)


def _file_table(rows: list[dict], before: list[dict] | None, by: str) -> list[str]:
    """One line per file, the costliest first, and the total; beside it the earlier run."""
    files, old = _by_file(rows), _by_file(before or [])
    files["TOTAL"] = _by_file([dict(r, file="TOTAL") for r in rows])["TOTAL"]
    if before:
        old["TOTAL"] = _by_file([dict(r, file="TOTAL") for r in before])["TOTAL"]
    head = f"{'file':<34}{'tests':>6}" + "".join(f"{k + ' s':>11}" for k in MEASURES)
    if before:
        head += "  |" + "".join(f"{'was ' + k:>11}" for k in MEASURES)
    lines = [head]
    order = sorted((n for n in files if n != "TOTAL"), key=lambda n: -(files[n][by] or 0.0)) + ["TOTAL"]
    for name in order:
        line = f"{name:<34}{int(files[name]['tests']):>6}" + _cells(files[name])
        if before:
            line += "  |" + _cells(old.get(name))
        lines.append(line)
    return lines


def _test_table(rows: list[dict], top: int, by: str) -> list[str]:
    lines = ["".join(f"{k + ' s':>11}" for k in MEASURES) + "  test"]
    for row in sorted(rows, key=lambda r: -(r.get(by) or 0.0))[:top]:
        lines.append(_cells({k: row.get(k) for k in MEASURES}) + "  " + row["test"])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-file and slowest-test tables of a timing file.")
    parser.add_argument("times", type=Path, help="JSON Lines written by --timing-out")
    parser.add_argument("--top", type=int, default=25, help="how many of the costliest tests to list")
    parser.add_argument("--by", choices=MEASURES, default="cpu",
                        help="order by this (cpu: steady on a loaded machine, where wall time is not)")
    parser.add_argument("--compare", type=Path, default=None, help="an earlier timing file, shown beside")
    args = parser.parse_args(argv)
    rows = _load(args.times)
    before = _load(args.compare) if args.compare else None
    print("\n".join(_file_table(rows, before, args.by)))
    print()
    print("\n".join(_test_table(rows, args.top, args.by)))
    failed = [r["test"] for r in rows if r["outcome"] == "failed"]
    if failed:
        print(f"\n{len(failed)} failed: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
