"""The servers the benchmark compares, each started as its own process on a free port.

* ours: uvicorn serving ``api.app:create_app`` (the factory ``kg serve`` uses) over a built
  store, read-only, with N query worker processes (and optionally several uvicorn workers);
* Oxigraph server: ``oxigraph serve-read-only`` over a store loaded by ``oxigraph load``;
* rdflib-endpoint: an rdflib ``Dataset`` (union default graph) parsed from the same N-Quads,
  served by ``rdflib_endpoint.SparqlEndpoint`` under uvicorn (see :mod:`rdflib_server`).

:class:`MemoryWatch` samples the resident memory of a server's whole process tree (our
server's query workers are child processes) and keeps the high-water mark.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        raise RuntimeError("the oxigraph command is missing: pip install -e '.[bench]'")
    return found


@dataclass
class Server:
    """A running server: its name, process, SPARQL endpoint and extra query parameters."""

    name: str
    process: subprocess.Popen
    base: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)
    log: Path | None = None

    def wait(self, *, timeout: float, probe: str = "ASK {}") -> float:
        """Block until the endpoint answers a query; returns the seconds it took."""
        started = time.perf_counter()
        deadline = started + timeout
        while True:
            if self.process.poll() is not None:
                tail = self.log.read_text()[-2000:] if self.log and self.log.exists() else ""
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}\n{tail}")
            with contextlib.suppress(httpx.HTTPError):
                r = httpx.get(self.sparql, params={"query": probe, **self.params}, timeout=5)
                if r.status_code == 200:
                    return time.perf_counter() - started
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.name} did not start within {timeout:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server and every process it started."""
        with contextlib.suppress(psutil.NoSuchProcess):
            parent = psutil.Process(self.process.pid)
            children = parent.children(recursive=True)
            parent.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            for child in children:
                with contextlib.suppress(psutil.NoSuchProcess):
                    child.kill()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _spawn(
    cmd: list[str], *, log: Path, env: dict[str, str | None] | None = None
) -> subprocess.Popen:
    """Start a process logging to ``log``; ``env`` values of None remove the variable."""
    log.parent.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, **(env or {})}
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={k: v for k, v in environ.items() if v is not None},
            cwd=ROOT,
        )


def start_ours(
    store: Path,
    *,
    workers: int,
    http_workers: int = 1,
    logs: Path,
    timeout: float = 300,
    response_cache: bool = True,
) -> Server:
    """Our server over a built store (read-only, like ``kg serve`` without a token);
    ``response_cache=False``: without the relations API's cache of rendered answers."""
    port = free_port()
    env: dict[str, str | None] = {
        "KG_STORE": str(store),
        "KG_QUERY_WORKERS": str(workers),
        "KG_QUERY_TIMEOUT": f"{timeout:g}",
        "KG_TOKEN": None,  # read-only, as served to the public
        "KG_RESPONSE_CACHE_MB": None if response_cache else "0",
        "PYTHONPATH": str(ROOT),
    }
    cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    cmd += ["--no-access-log", "--workers", str(http_workers)]
    log = logs / f"ours-w{workers}-h{http_workers}{'' if response_cache else '-uncached'}.log"
    base = f"http://127.0.0.1:{port}"
    return Server("ours", _spawn(cmd, log=log, env=env), base, f"{base}/sparql", log=log)


def oxigraph_load(location: Path, nquads: Path) -> float:
    """``oxigraph load`` the N-Quads into a new directory; returns the seconds it took."""
    shutil.rmtree(location, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(nquads)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def start_oxigraph(location: Path, *, logs: Path) -> Server:
    """Oxigraph server, read-only; queries ask for the union default graph."""
    port = free_port()
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location)]
    # no --timeout-s: Oxigraph 0.5 starts a timer thread per query that lives as long as the
    # timeout, so thousands of requests a second exhaust the process's memory maps
    cmd += ["--bind", f"127.0.0.1:{port}"]
    log = logs / "oxigraph.log"
    base = f"http://127.0.0.1:{port}"
    return Server(
        "oxigraph",
        _spawn(cmd, log=log),
        base,
        f"{base}/query",
        params={"union-default-graph": ""},
        log=log,
    )


def start_rdflib(nquads: Path, *, logs: Path) -> Server:
    """rdflib-endpoint over a Dataset parsed from the N-Quads (parsing takes a while)."""
    port = free_port()
    cmd = [sys.executable, str(HERE / "rdflib_server.py"), str(nquads), str(port)]
    log = logs / "rdflib.log"
    base = f"http://127.0.0.1:{port}"
    return Server("rdflib", _spawn(cmd, log=log), base, f"{base}/", log=log)


class MemoryWatch:
    """Samples the RSS of a process and all its descendants; ``peak`` is the high-water mark
    (bytes) since the last :meth:`reset`."""

    def __init__(self, pid: int, *, every: float = 0.1) -> None:
        self.pid, self.every = pid, every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def sample(self) -> int:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for p in procs:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.every)

    def reset(self) -> None:
        self.peak = self.sample()

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(timeout=5)
        return self.peak
