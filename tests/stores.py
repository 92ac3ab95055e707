"""Stores for the tests: embedded by default, or remote when ``KG_TEST_STORE=oxigraph``.

With ``KG_TEST_STORE=oxigraph`` every store a fixture asks for is a fresh Oxigraph server
(the ``oxigraph`` command from PyPI, in memory) started on a free 127.0.0.1 port and stopped
when the test session ends, so the suite runs unchanged against a remote SPARQL 1.1 store.
Tests of the embedded engine itself (on-disk files, snapshots) keep using ``Store`` directly.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from kg.store import Store, open_store

MODE = os.environ.get("KG_TEST_STORE", "embedded")
REMOTE = MODE == "oxigraph"
_servers: list[subprocess.Popen] = []


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        raise RuntimeError(
            "KG_TEST_STORE=oxigraph needs the oxigraph command (pip install oxigraph)"
        )
    return found


def start_oxigraph() -> str:
    """An empty in-memory Oxigraph server on a free port; returns its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _servers.append(process)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.post(f"{url}/query", data={"query": "ASK {}"}).status_code == 200:
                return url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError("the Oxigraph server did not start")
        time.sleep(0.05)


def new_store() -> Store:
    """A fresh, empty store of the kind under test."""
    return open_store(start_oxigraph()) if REMOTE else Store.in_memory()


def new_location(path: Path) -> str:
    """A location for a persistent store of the kind under test (a directory, or a server)."""
    return start_oxigraph() if REMOTE else str(path)


@atexit.register
def _stop_servers() -> None:
    for process in _servers:
        if process.poll() is None:
            process.kill()
