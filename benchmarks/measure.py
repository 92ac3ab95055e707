"""Latency and throughput of HTTP requests: SPARQL queries and relations-API calls.

Latency: warm runs one after the other on one keep-alive connection (median and p95).
Throughput: ``clients`` threads, each with its own keep-alive connection, sending the same
request for a while (requests/s). The client is the standard library's ``http.client``: an
asynchronous httpx client tops out near 300 requests/s on this machine, ten times less than
the fastest server here, so it would measure itself.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Request:
    """One HTTP GET: the URL, its parameters, and how to count its rows."""

    url: str
    params: dict[str, str]
    kind: str  # "sparql" or "api"

    @property
    def headers(self) -> dict[str, str]:
        return {"Accept": JSON if self.kind == "sparql" else "application/json"}

    @property
    def host(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80

    @property
    def target(self) -> str:
        path = urlsplit(self.url).path or "/"
        return f"{path}?{urlencode(self.params)}" if self.params else path


def sparql_request(endpoint: str, query: str, extra: dict[str, str] | None = None) -> Request:
    return Request(endpoint, {"query": query, **(extra or {})}, "sparql")


def api_request(base: str, path: str, params: dict[str, str]) -> Request:
    return Request(base + path, dict(params), "api")


def rows_of(req: Request, body: bytes) -> int:
    """Result rows (SPARQL bindings, or the items of an API page)."""
    data = json.loads(body)
    if req.kind == "sparql":
        return len(data["results"]["bindings"])
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return len(data["items"])
    return len(data) if isinstance(data, list) else 1


class Failed(Exception):
    """A request that did not succeed (status, timeout)."""


class Connection:
    """A keep-alive connection that reconnects when the server closes it."""

    def __init__(self, req: Request, *, timeout: float) -> None:
        self.req, self.timeout = req, timeout
        self._conn: http.client.HTTPConnection | None = None

    def get(self) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self._conn is None:
                host, port = self.req.host
                self._conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
            try:
                self._conn.request("GET", self.req.target, headers=self.req.headers)
                response = self._conn.getresponse()
                return response.status, response.read()
            except TimeoutError:
                self.close()
                raise Failed(f"timeout after {self.timeout:g} s") from None
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                self.close()
                if attempt == 2:
                    raise Failed(f"{type(exc).__name__}: {exc}") from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


@dataclass
class Latency:
    """Warm latencies of one request, in seconds."""

    rows: int | None = None
    times: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def once(conn: Connection, req: Request) -> tuple[float, int]:
    """Send the request once: (seconds, rows); raises Failed."""
    started = time.perf_counter()
    status, body = conn.get()
    elapsed = time.perf_counter() - started
    if status != 200:
        raise Failed(f"HTTP {status}: {body[:200]!r}")
    return elapsed, rows_of(req, body)


def latency(
    req: Request,
    *,
    runs: int = 30,
    budget: float = 20.0,
    warm: int = 2,
    timeout: float = 300.0,
    min_runs: int = 3,
) -> Latency:
    """``warm`` unmeasured runs, then up to ``runs`` measured ones (fewer when they take more
    than ``budget`` seconds in all, but at least ``min_runs``)."""
    out = Latency()
    conn = Connection(req, timeout=timeout)
    try:
        for _ in range(warm):
            first, out.rows = once(conn, req)
            if first > budget:
                out.times.append(first)
                return out  # too slow to repeat: one (warm enough) figure
        spent = 0.0
        while len(out.times) < runs and (spent < budget or len(out.times) < min_runs):
            elapsed, out.rows = once(conn, req)
            out.times.append(elapsed)
            spent += elapsed
    except Failed as exc:
        out.error = str(exc)
    finally:
        conn.close()
    return out


@dataclass
class Throughput:
    """Requests completed per second by concurrent clients."""

    clients: int
    done: int = 0
    failed: int = 0
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0


def throughput(
    req: Request, *, clients: int = 16, duration: float = 5.0, timeout: float = 300.0
) -> Throughput:
    """Requests/s with ``clients`` concurrent clients sending ``req`` for ``duration`` s
    (requests still running at the end are waited for and counted)."""
    result = Throughput(clients)
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def client() -> None:
        conn = Connection(req, timeout=timeout)
        done = failed = 0
        while time.perf_counter() < stop_at:
            try:
                status, _ = conn.get()
                done, failed = (done + 1, failed) if status == 200 else (done, failed + 1)
            except Failed:
                failed += 1
        conn.close()
        with lock:
            result.done += done
            result.failed += failed

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - started
    return result
