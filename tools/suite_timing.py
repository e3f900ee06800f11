"""Where the test suite's time goes: per test and per file, wall time and CPU time.

Wall time alone misleads on a machine shared with other work (a test waiting for a core
looks slow), so each test also records the CPU it used: this process's user+system time
plus that of the children it waited for (`skg` subprocesses, rapper, a nested pytest).
What it cannot see: the CPU of the Neo4j and Virtuoso servers, which tools/run-tests
starts outside pytest; their share shows in wall time only.

Two uses:
  record  (a pytest plugin)   tools/run-tests -p tools.suite_timing --timing-out times.jsonl [pytest args]
  report  (prints the tables) python tools/suite_timing.py times.jsonl [--top 25] [--compare before.jsonl]

Each line of the JSON Lines file is one test: its node id, file, outcome, wall seconds and
CPU seconds (setup, call and teardown together, so a session fixture's cost lands on the
first test that asks for it).
"""
from __future__ import annotations

import argparse
import json
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

    def pytest_runtest_logreport(self, report) -> None:
        # the worst phase decides: a failed setup or teardown is a failure of the test
        if self.outcomes.get(report.nodeid) == "failed":
            return
        if report.failed or report.when == "call" or (report.when == "setup" and report.skipped):
            self.outcomes[report.nodeid] = report.outcome

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        wall, cpu = time.perf_counter(), _cpu()
        result = yield
        row = {"test": item.nodeid, "file": item.nodeid.split("::")[0],
               "outcome": self.outcomes.get(item.nodeid, "?"),
               "wall": round(time.perf_counter() - wall, 3), "cpu": round(_cpu() - cpu, 3)}
        with self.out.open("a") as fh:
            fh.write(json.dumps(row) + "\n")
        return result


def pytest_configure(config) -> None:
    out = config.getoption("--timing-out")
    if out:
        config.pluginmanager.register(_Recorder(Path(out)), "skg-test-timing")


# ---- the report -------------------------------------------------------------------------

def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _by_file(rows: list[dict]) -> dict[str, dict[str, float]]:
    files: dict[str, dict[str, float]] = defaultdict(lambda: {"tests": 0, "wall": 0.0, "cpu": 0.0})
    for row in rows:
        entry = files[row["file"]]
        entry["tests"] += 1
        entry["wall"] += row["wall"]
        entry["cpu"] += row["cpu"]
    return files


def _file_table(rows: list[dict], before: list[dict] | None) -> list[str]:
    files = _by_file(rows)
    old = _by_file(before) if before else {}
    head = f"{'file':<34}{'tests':>6}{'wall s':>9}{'cpu s':>9}"
    if before:
        head += f"{'wall before':>13}{'cpu before':>12}"
    lines = [head]
    for name, entry in sorted(files.items(), key=lambda kv: -kv[1]["wall"]):
        line = f"{name:<34}{int(entry['tests']):>6}{entry['wall']:>9.1f}{entry['cpu']:>9.1f}"
        if before:
            was = old.get(name)
            line += f"{was['wall']:>13.1f}{was['cpu']:>12.1f}" if was else f"{'-':>13}{'-':>12}"
        lines.append(line)
    total = f"{'TOTAL':<34}{len(rows):>6}{sum(r['wall'] for r in rows):>9.1f}{sum(r['cpu'] for r in rows):>9.1f}"
    if before:
        total += f"{sum(r['wall'] for r in before):>13.1f}{sum(r['cpu'] for r in before):>12.1f}"
    lines.append(total)
    return lines


def _test_table(rows: list[dict], top: int) -> list[str]:
    lines = [f"{'wall s':>8}{'cpu s':>8}  test"]
    for row in sorted(rows, key=lambda r: -r["wall"])[:top]:
        lines.append(f"{row['wall']:>8.1f}{row['cpu']:>8.1f}  {row['test']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-file and slowest-test tables of a timing file.")
    parser.add_argument("times", type=Path, help="JSON Lines written by --timing-out")
    parser.add_argument("--top", type=int, default=25, help="how many of the slowest tests to list")
    parser.add_argument("--compare", type=Path, default=None, help="an earlier timing file, shown beside")
    args = parser.parse_args(argv)
    rows = _load(args.times)
    before = _load(args.compare) if args.compare else None
    print("\n".join(_file_table(rows, before)))
    print()
    print("\n".join(_test_table(rows, args.top)))
    failed = [r["test"] for r in rows if r["outcome"] == "failed"]
    if failed:
        print(f"\n{len(failed)} failed: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
