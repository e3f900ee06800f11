"""Local servers for development and tests, without Docker: Neo4j 5 Community (a tiny
launcher of our own over the embedded database, built with Maven from Maven Central) and
Virtuoso (Debian's virtuoso-opensource), each bound to 127.0.0.1.

Each server keeps a pid file and a log in its data folder; `start` waits until the
server answers, `stop` asks it to shut down (SIGTERM) and waits.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import Errors, SkgError

CACHE = Path(os.environ.get("SKG_CACHE", Path.home() / ".cache" / "sanctions-kg"))
NEO4J_DEFAULT_DATA = Path(os.environ.get("SKG_NEO4J_DATA", CACHE / "neo4j-data"))
NEO4J_DEFAULT_PORT = 7687
VIRTUOSO_DEFAULT_DATA = Path(os.environ.get("SKG_VIRTUOSO_DATA", CACHE / "virtuoso-data"))
VIRTUOSO_DEFAULT_PORT = 8890


@dataclass
class Running:
    pid: int
    port: int
    log: Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child counts as gone
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return True


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _read_pid(data: Path) -> Running | None:
    pidfile = data / "server.pid"
    if not pidfile.exists():
        return None
    pid, port = (int(x) for x in pidfile.read_text().split())
    if not _alive(pid):
        pidfile.unlink(missing_ok=True)
        return None
    return Running(pid, port, data / "server.log")


def _spawn(cmd: list[str], data: Path, port: int, cwd: Path | None = None) -> Running:
    data.mkdir(parents=True, exist_ok=True)
    log = data / "server.log"
    with open(log, "ab") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=cwd, start_new_session=True)
    (data / "server.pid").write_text(f"{proc.pid} {port}")
    return Running(proc.pid, port, log)


def _wait(ready, running: Running, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(running.pid):
            tail = running.log.read_text(errors="replace")[-2000:] if running.log.exists() else ""
            raise SkgError(Errors.E017.format(what=what, reason=f"the process exited; log:\n{tail}"))
        if ready():
            return
        time.sleep(0.5)
    raise SkgError(Errors.E017.format(what=what, reason=f"not ready after {timeout:.0f} s; see {running.log}"))


def stop(data: Path, timeout: float = 60) -> bool:
    running = _read_pid(data)
    if running is None:
        return False
    os.killpg(running.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(running.pid) and time.monotonic() < deadline:
        time.sleep(0.3)
    if _alive(running.pid):
        os.killpg(running.pid, signal.SIGKILL)
    (data / "server.pid").unlink(missing_ok=True)
    return True


# ---- Neo4j ----------------------------------------------------------------------------
def neo4j_launcher() -> tuple[Path, Path]:
    """Build the launcher once (Maven caches Neo4j in ~/.m2); return (jar, lib folder)."""
    src = resources.files("sanctions_kg.graph").joinpath("neo4j_launcher")
    build = CACHE / "neo4j-launcher"
    jar = build / "target" / "neo4j-launcher-1.0.jar"
    pom_text = src.joinpath("pom.xml").read_text("utf-8")
    java_src = src.joinpath("src/main/java/org/sanctionskg/Launcher.java").read_text("utf-8")
    stamp = build / "source.stamp"
    fingerprint = hashlib.sha256((pom_text + java_src).encode()).hexdigest()
    if jar.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return jar, build / "target" / "lib"
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise SkgError(Errors.E017.format(what="Neo4j", reason="Java 17 and Maven are needed to build the launcher"))
    (build / "src/main/java/org/sanctionskg").mkdir(parents=True, exist_ok=True)
    (build / "pom.xml").write_text(pom_text, encoding="utf-8")
    (build / "src/main/java/org/sanctionskg/Launcher.java").write_text(java_src, encoding="utf-8")
    proc = subprocess.run(["mvn", "-q", "-B", "package", "-DskipTests"], cwd=build, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SkgError(Errors.E017.format(what="Neo4j", reason="the launcher build failed:\n" + proc.stdout[-3000:]))
    stamp.write_text(fingerprint)
    return jar, build / "target" / "lib"


def neo4j_start(data: Path = NEO4J_DEFAULT_DATA, port: int = NEO4J_DEFAULT_PORT, timeout: float = 180) -> Running:
    running = _read_pid(data)
    if running is not None:
        return running
    if _port_open(port):
        raise SkgError(Errors.E017.format(what="Neo4j", reason=f"port {port} is already in use"))
    jar, lib = neo4j_launcher()
    java = shutil.which("java") or "java"
    cmd = [java, "-Xmx2g", "-cp", f"{jar}{os.pathsep}{lib}/*", "org.sanctionskg.Launcher", str(data / "db"), str(port)]
    running = _spawn(cmd, data, port)
    _wait(lambda: _port_open(port) and "neo4j ready" in running.log.read_text(errors="replace"), running,
          "Neo4j", timeout)
    return running


def neo4j_status(data: Path = NEO4J_DEFAULT_DATA) -> Running | None:
    return _read_pid(data)


# ---- Virtuoso ---------------------------------------------------------------------------
VIRTUOSO_INI = """[Database]
DatabaseFile = {data}/virtuoso.db
ErrorLogFile = {data}/virtuoso.log
LockFile = {data}/virtuoso.lck
TransactionFile = {data}/virtuoso.trx
xa_persistent_file = {data}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {data}/virtuoso-temp.db
TransactionFile = {data}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {data}, /usr/share/virtuoso-opensource-7/vad
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
DefaultMailServer = localhost:25
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
MaintenancePage = atomic.html
EnabledGzipContent = 1

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[VDB]
ArrayOptimization = 0
NumArrayParameters = 10
VDBDisconnectTimeout = 1000
KeepConnectionOnFixedThread = 0

[Replication]
ServerName = skg
ServerEnable = 1
QueueMax = 50000

[Striping]
Segment1 = 100M, db-seg1-1.db, db-seg1-2.db

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
DeferInferenceRulesInit = 0
MaxSortedTopRows = 10000
"""


def virtuoso_start(data: Path = VIRTUOSO_DEFAULT_DATA, port: int = VIRTUOSO_DEFAULT_PORT,
                   timeout: float = 120) -> Running:
    running = _read_pid(data)
    if running is not None:
        return running
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise SkgError(Errors.E017.format(what="Virtuoso", reason="virtuoso-t is not installed; "
                                          "apt-get install virtuoso-opensource"))
    if _port_open(port):
        raise SkgError(Errors.E017.format(what="Virtuoso", reason=f"port {port} is already in use"))
    data.mkdir(parents=True, exist_ok=True)
    ini = data / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(data=data.resolve(), http_port=port, isql_port=port + 1000), encoding="utf-8")
    running = _spawn([binary, "+foreground", "+configfile", str(ini)], data, port, cwd=data)

    def ready() -> bool:
        import urllib.request
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False
    _wait(ready, running, "Virtuoso", timeout)
    return running


def virtuoso_status(data: Path = VIRTUOSO_DEFAULT_DATA) -> Running | None:
    return _read_pid(data)


def virtuoso_stop(data: Path = VIRTUOSO_DEFAULT_DATA, timeout: float = 120) -> bool:
    """Checkpoint, then shut down. SIGTERM makes Virtuoso do a quick shutdown with no
    checkpoint, leaving every update since the last one to its roll-forward on the next
    start, which lost acknowledged triples (issue 32); a checkpoint writes them into the
    database file first. If the SQL port does not take the command (another dba
    password), SIGTERM is the fallback."""
    running = _read_pid(data)
    if running is None:
        return False
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if isql:
        user, password = "dba", os.environ.get("SKG_VIRTUOSO_DBA_PASSWORD", "dba")
        try:
            subprocess.run([isql, f"127.0.0.1:{running.port + 1000}", user, password, "exec=checkpoint; shutdown;"],
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + timeout
        while _alive(running.pid) and time.monotonic() < deadline:
            time.sleep(0.3)
    if _alive(running.pid):
        return stop(data, timeout)
    (data / "server.pid").unlink(missing_ok=True)
    return True
