"""Extraction on a Dask cluster (issue 31, item 1): a LocalCluster of two worker
processes gives the rows the single-process path gives, a worker killed mid-run still
leaves every article written exactly once, a restart skips what was written whole, and
`skg load` reads the partitions. One cluster serves the module (starting one costs two
pipeline loads); 100 synthetic articles made from the samples by bench/make_corpus.py."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, skg_in_process

pytest.importorskip("distributed")

from sanctions_kg import distributed as dist  # noqa: E402
from sanctions_kg.loaders.article import Article  # noqa: E402
from sanctions_kg.loaders.readers import read_paths  # noqa: E402

N_ARTICLES = 100
PARTITION = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(N_ARTICLES), str(folder),
                    "--seed", "7"], check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def articles(corpus) -> list[Article]:
    found = [a for a in read_paths([str(corpus)]) if isinstance(a, Article)]
    assert len(found) == N_ARTICLES
    return found


@pytest.fixture(scope="module")
def single_rows(extractor, articles) -> list[dict]:
    """What `skg extract` prints without the cluster options (one process)."""
    return [ex.to_json() for ex in extractor.extract_many(articles, batch_size=16)]


@pytest.fixture(scope="module")
def client():
    with dist.cluster_client(workers=2) as c:
        yield c


def _rows(folder: Path) -> list:
    return list(dist.read_rows([str(folder)]))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def two_worker_run(client, articles, tmp_path_factory):
    """The 100 articles extracted on the two workers, in partitions of 10."""
    folder = tmp_path_factory.mktemp("two-workers")
    before = client.run(lambda: id(dist.worker_extractor(None)))
    report = dist.run(client, articles, folder, partition_size=PARTITION)
    return folder, report, before


def test_two_workers_give_the_single_process_rows(client, articles, single_rows, two_worker_run):
    """Same rows in the same order; ten whole partitions in the manifest, each with its
    counts, inputs and checksum; both workers used, each holding one extractor that
    tasks reuse (loaded by the plugin, not per task)."""
    folder, report, before = two_worker_run
    assert _rows(folder) == single_rows
    assert (report.written, report.resumed, report.articles, report.failures) == (10, 0, N_ARTICLES, [])
    entries = dist.Manifest.read(folder).entries()
    assert sorted(entries) == list(range(10))
    for index, entry in entries.items():
        part = folder / entry["file"]
        assert dist.sha256_of(part) == entry["sha256"]
        assert entry["articles"] == len(part.read_text().splitlines()) == PARTITION
        assert entry["inputs"] == [a.source for a in articles[index * PARTITION:(index + 1) * PARTITION]]
    assert len({entry["pid"] for entry in entries.values()}) == 2
    assert client.run(lambda: id(dist.worker_extractor(None))) == before
    assert set(client.run(lambda: len(dist._EXTRACTORS)).values()) == {1}
    assert not list(folder.glob(".*.tmp"))


def test_a_killed_worker_still_gives_every_article_once(client, articles, single_rows, tmp_path):
    """SIGKILL to a worker process while it parses: the scheduler hands its task to the
    other worker (the nanny starts a new one), and each article is written once."""
    pids = client.run(os.getpid)
    killed: list[int] = []

    busy: list[int] = []

    def kill_the_other(entry: dict) -> None:
        if not killed:
            address, victim = next((a, pid) for a, pid in pids.items() if pid != entry["pid"])
            busy.append(len(client.processing().get(address, ())))  # the tasks it holds as it dies
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
    half = N_ARTICLES // 2  # in partitions of 5: still ten tasks, half the parsing
    report = dist.run(client, articles[:half], tmp_path, partition_size=5, on_partition=kill_the_other)
    rows = _rows(tmp_path)
    assert killed and not _alive(killed[0]) and busy[0] >= 1
    assert report.failures == [] and report.written == 10
    assert Counter(row["article"]["id"] for row in rows) == Counter(a.id for a in articles[:half])
    assert rows == single_rows[:half]
    entries = dist.Manifest.read(tmp_path).lines
    after_kill = [e for e in entries if "partition" in e][1:]
    assert killed[0] not in {e["pid"] for e in after_kill[2:]}  # beyond what it had finished as the kill came
    deadline = time.monotonic() + 30
    while len(client.scheduler_info(n_workers=-1)["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the nanny's new worker, for the next test


def test_a_restart_skips_whole_partitions_and_redoes_the_rest(client, articles, single_rows, tmp_path):
    """A run stopped after some partitions: a partition file that never got its
    manifest line, a missing file, and a manifest line cut short by the crash. Running
    again writes only those partitions; the rows are the single-process rows."""
    first = dist.run(client, articles[:30], tmp_path, partition_size=PARTITION)
    assert first.written == 3
    (tmp_path / "part-00002.jsonl").unlink()
    with (tmp_path / dist.MANIFEST).open("a") as handle:
        handle.write('{"partition": 3, "file": "part-0')  # the crash came mid-line
    again = dist.run(client, articles[:40], tmp_path, partition_size=PARTITION)
    assert (again.resumed, again.written) == (2, 2)
    assert _rows(tmp_path) == single_rows[:40]
    third = dist.run(client, articles[:40], tmp_path, partition_size=PARTITION)
    assert (third.resumed, third.written) == (4, 0)


def test_skg_load_reads_partitions_and_refuses_a_changed_one(two_worker_run, tmp_path):
    """`skg load DIR` loads the partitions (here into the embedded store); a partition
    edited after it was written is named (E084) and left out, an unfinished run is
    named (E085), and the exit code says partial."""
    out = two_worker_run[0]
    done = skg_in_process("load", out / dist.MANIFEST, "--store", tmp_path / "a")
    assert done.returncode == 0, done.stderr
    assert f"{N_ARTICLES} article(s) loaded" in done.stderr
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    (broken / "part-00001.jsonl").write_text((broken / "part-00001.jsonl").read_text()[:-50] + "\n")
    lines = (broken / dist.MANIFEST).read_text().splitlines()
    (broken / dist.MANIFEST).write_text("\n".join(line for line in lines if '"complete"' not in line) + "\n")
    partial = skg_in_process("load", broken, "--store", tmp_path / "b")
    assert partial.returncode == 3
    assert "E084" in partial.stderr and "E085" in partial.stderr
    assert f"{N_ARTICLES - PARTITION} article(s) loaded" in partial.stderr


def test_cluster_options_are_checked_before_any_work(tmp_path):
    """--out without a cluster, both cluster options, and a folder of another partition
    size are refused with E080/E083 and exit 2, before a cluster starts."""
    from typer.testing import CliRunner

    from sanctions_kg.cli import app

    def extract(*options: str):
        return CliRunner().invoke(app, ["extract", str(ROOT / "samples" / "articles"), *options])
    no_cluster = extract("--out", str(tmp_path))
    both = extract("--workers", "1", "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path))
    (tmp_path / dist.MANIFEST).write_text(json.dumps({"run": "x", "partition_size": 5}) + "\n")
    other_size = extract("--workers", "1", "--out", str(tmp_path))
    assert [r.exit_code for r in (no_cluster, both, other_size)] == [2, 2, 2]
    assert "E080" in no_cluster.output and "E080" in both.output and "E083" in other_size.output


def test_one_run_per_folder_and_no_leftovers(tmp_path):
    """A second run on a folder being written is refused (E080): two clients appending
    to one manifest would take each other's partitions; the temporary file a killed
    client left is removed by the next run."""
    (tmp_path / ".part-00003.jsonl.0badc0de.tmp").write_text('{"half": ')
    with dist._only_writer(tmp_path):
        assert not list(tmp_path.glob(".part-*.tmp"))
        with pytest.raises(dist.SkgError, match="E080"):
            with dist._only_writer(tmp_path):
                pass


def test_parquet_partitions_give_the_same_rows_and_a_table(client, articles, single_rows, tmp_path):
    """--partition-format parquet: the rows load back exactly as extracted, and a table
    reader sees the folder as one table of articles (the manifest is skipped by name)."""
    import pyarrow.dataset as ds

    report = dist.run(client, articles[:20], tmp_path, partition_size=PARTITION, fmt="parquet")
    assert report.written == 2 and sorted(p.name for p in tmp_path.glob("part-*")) == [
        "part-00000.parquet", "part-00001.parquet"]
    assert _rows(tmp_path) == single_rows[:20]
    table = ds.dataset(tmp_path, format="parquet").to_table(columns=["article_id", "relations"])
    assert table.column("article_id").to_pylist() == [a.id for a in articles[:20]]
    assert sum(table.column("relations").to_pylist()) == sum(len(r["relations"]) for r in single_rows[:20])
