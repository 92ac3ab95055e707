"""Latency and throughput of HTTP requests: SPARQL queries and relations-API calls.

Latency: warm runs one after the other on one keep-alive connection (median and p95).
Throughput: ``clients`` concurrent clients sending the same request for a while (requests/s).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

import httpx

JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Request:
    """One HTTP GET: the URL, its parameters and headers, and how to count its rows."""

    url: str
    params: dict[str, str]
    kind: str  # "sparql" or "api"

    @property
    def headers(self) -> dict[str, str]:
        return {"Accept": JSON if self.kind == "sparql" else "application/json"}


def sparql_request(endpoint: str, query: str, extra: dict[str, str] | None = None) -> Request:
    return Request(endpoint, {"query": query, **(extra or {})}, "sparql")


def api_request(base: str, path: str, params: dict[str, str]) -> Request:
    return Request(base + path, dict(params), "api")


def rows_of(req: Request, response: httpx.Response) -> int:
    """Result rows (SPARQL bindings, or the items of an API page)."""
    data = response.json()
    if req.kind == "sparql":
        return len(data["results"]["bindings"])
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return len(data["items"])
    return len(data) if isinstance(data, list) else 1


class Failed(Exception):
    """A request that did not succeed (status, timeout)."""


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


def once(client: httpx.Client, req: Request, *, timeout: float) -> tuple[float, int]:
    """Send the request once: (seconds, rows); raises Failed."""
    started = time.perf_counter()
    try:
        r = client.get(req.url, params=req.params, headers=req.headers, timeout=timeout)
    except httpx.TimeoutException:
        raise Failed(f"timeout after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise Failed(f"{type(exc).__name__}: {exc}") from None
    elapsed = time.perf_counter() - started
    if r.status_code != 200:
        raise Failed(f"HTTP {r.status_code}: {r.text[:200]}")
    return elapsed, rows_of(req, r)


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
    with httpx.Client() as client:
        try:
            for _ in range(warm):
                first, out.rows = once(client, req, timeout=timeout)
                if first > budget:
                    out.times.append(first)
                    return out  # too slow to repeat: one (warm enough) figure
            spent = 0.0
            while len(out.times) < runs and (spent < budget or len(out.times) < min_runs):
                elapsed, out.rows = once(client, req, timeout=timeout)
                out.times.append(elapsed)
                spent += elapsed
        except Failed as exc:
            out.error = str(exc)
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


async def _throughput(req: Request, clients: int, duration: float, timeout: float) -> Throughput:
    result = Throughput(clients)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        stop_at = time.perf_counter() + duration
        started = time.perf_counter()
        last = [started]

        async def one_client() -> None:
            while time.perf_counter() < stop_at:
                try:
                    r = await client.get(req.url, params=req.params, headers=req.headers)
                    if r.status_code == 200:
                        result.done += 1
                    else:
                        result.failed += 1
                except httpx.HTTPError:
                    result.failed += 1
                last[0] = max(last[0], time.perf_counter())

        await asyncio.gather(*(one_client() for _ in range(clients)))
        result.seconds = last[0] - started
    return result


def throughput(
    req: Request, *, clients: int = 16, duration: float = 5.0, timeout: float = 300.0
) -> Throughput:
    """Requests/s with ``clients`` concurrent clients sending ``req`` for ``duration`` s."""
    return asyncio.run(_throughput(req, clients, duration, timeout))
