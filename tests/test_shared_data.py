"""Tests that read ../shared (the evaluation data) skip with the reason on a clone
without it, and fail under CI, where a skip would hide a missing check."""
import os
import subprocess
import sys

from conftest import ROOT

TARGET = "tests/test_loaders.py::test_seed_header_skips_crawl_date_and_breadcrumb"


def _run(tmp_path, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SKG_SHARED"] = str(tmp_path / "nowhere")
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", TARGET],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_without_shared_data_the_test_skips_and_says_why(tmp_path):
    run = _run(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout
    assert "1 skipped" in run.stdout and "set SKG_SHARED" in run.stdout


def test_under_ci_missing_shared_data_fails(tmp_path):
    run = _run(tmp_path, ci=True)
    assert run.returncode == 1 and "shared data missing" in run.stdout, run.stdout
