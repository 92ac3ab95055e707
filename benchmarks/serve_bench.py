"""Serving figures: the same queries against our server, Oxigraph server and rdflib-endpoint
(latency, throughput at 16 clients, row counts, peak memory), and our throughput by the
number of query workers and HTTP worker processes.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from measure import (  # noqa: E402
    Connection,
    Failed,
    Latency,
    Request,
    Throughput,
    api_request,
    latency,
    once,
    sparql_request,
)
from measure import throughput as measure_throughput  # noqa: E402
from queries import BY_NAME, QUERIES, Query  # noqa: E402
from servers import MemoryWatch, Server, start_ours  # noqa: E402

HTTP_PROCESSES = 2
"""Our server in the side-by-side runs is ``kg serve --http-workers 2``: one HTTP process per
core, as Oxigraph server answers on every core (2 query workers each)."""


@dataclass
class Figures:
    """What one system did on one query."""

    latency: Latency
    throughput: Throughput | None = None
    note: str = ""


@dataclass
class SystemRun:
    """Every query on one system, and its memory."""

    name: str
    startup_s: float = 0.0
    peak_rss: int = 0
    queries: dict[str, Figures] = field(default_factory=dict)


@dataclass
class Plan:
    """How hard to measure (``--quick`` makes everything shorter)."""

    runs: int = 30
    budget: float = 15.0
    clients: int = 16
    duration: float = 5.0
    rdflib_timeout: float = 120.0
    tput_max_latency: float = 3.0  # no throughput run for queries slower than this (median)

    @classmethod
    def quick(cls) -> Plan:
        return cls(runs=8, budget=4.0, duration=2.0, rdflib_timeout=30.0)


def sparql_of(server: Server, q: Query) -> Request:
    return sparql_request(server.sparql, q.sparql, server.params)


def _measure(req: Request, plan: Plan, *, timeout: float, tput: bool) -> Figures:
    lat = latency(req, runs=plan.runs, budget=plan.budget, timeout=timeout)
    fig = Figures(lat)
    if lat.error:
        fig.note = lat.error
    elif tput and lat.median is not None and lat.median <= plan.tput_max_latency:
        duration = max(plan.duration, 4 * lat.median)
        fig.throughput = measure_throughput(
            req, clients=plan.clients, duration=duration, timeout=timeout
        )
    elif tput:
        fig.note = "too slow for a throughput run"
    return fig


def run_system(
    server: Server,
    plan: Plan,
    *,
    startup_timeout: float,
    api: bool = False,
    rdflib: bool = False,
) -> SystemRun:
    """Start-up, then every query (and, for ours, every relations-API equivalent)."""
    out = SystemRun(server.name)
    try:
        out.startup_s = server.wait(timeout=startup_timeout)
        watch = MemoryWatch(server.process.pid)
        watch.reset()
        timeout = plan.rdflib_timeout if rdflib else 300.0
        for q in QUERIES:
            if rdflib and q.heavy and _stuck(out):
                out.queries[q.name] = Figures(Latency(error="skipped"), note="skipped")
                continue
            out.queries[q.name] = _measure(sparql_of(server, q), plan, timeout=timeout, tput=True)
            print(f"    {server.name:<9} {q.name:<16} {_brief(out.queries[q.name])}", flush=True)
        if api:
            _api_queries(server, plan, out)
        out.peak_rss = watch.stop()
    finally:
        server.stop()
    return out


API_ORDER = ("lookup", "triple_page", "claims_by", "votes_of")
API_TIMEOUT = 60.0


def uncached_api(
    server: Server, plan: Plan, *, startup_timeout: float, prefix: str = "api-uncached:"
) -> dict[str, Figures]:
    """The relations-API requests on a server started without its response cache
    (``KG_RESPONSE_CACHE_MB=0``): every request is routed, queried and rendered, which is
    what a request for a page nobody asked for since the last write costs. Keys
    ``<prefix><name>``."""
    out = SystemRun(server.name)
    try:
        out.startup_s = server.wait(timeout=startup_timeout)
        _api_queries(server, plan, out, prefix=prefix)
    finally:
        server.stop()
    return out.queries


def ours_server(store: Path, logs: Path, **options) -> Server:
    """Our server as the side-by-side runs start it."""
    return start_ours(store, workers=2, http_workers=HTTP_PROCESSES, logs=logs, **options)


def uncached_runs(store: Path, logs: Path, plan: Plan) -> dict[str, Figures]:
    """The relations API without its response cache, served as in the side-by-side runs
    (keys ``api-uncached:<name>``) and by one HTTP process (``api-uncached-1:<name>``)."""
    out = uncached_api(ours_server(store, logs, response_cache=False), plan, startup_timeout=120)
    one = start_ours(store, workers=2, logs=logs, response_cache=False)
    return out | uncached_api(one, plan, startup_timeout=120, prefix="api-uncached-1:")


def _api_queries(server: Server, plan: Plan, out: SystemRun, *, prefix: str = "api:") -> None:
    """The relations-API equivalents, after the SPARQL queries: they run in the server's own
    process without a time limit, so one that times out keeps a core busy; the rest are then
    skipped rather than measured against it."""
    for name in API_ORDER:
        q = BY_NAME[name]
        assert q.api is not None
        key = prefix + name
        if _stuck(out, api=True):
            out.queries[key] = Figures(Latency(error="skipped"), note="skipped (server busy)")
            continue
        path, params = q.api
        req = api_request(server.base, path, params)
        out.queries[key] = _measure(req, plan, timeout=API_TIMEOUT, tput=True)
        print(f"    {prefix[:-1]:<9} {name:<16} {_brief(out.queries[key])}", flush=True)


def _stuck(run: SystemRun, *, api: bool = False) -> bool:
    """rdflib-endpoint answers in its event loop: after a timeout it is busy for good."""
    return any(
        "timeout" in (f.latency.error or "")
        for name, f in run.queries.items()
        if name.startswith("api") == api
    )


def _brief(f: Figures) -> str:
    lat = f.latency
    if lat.median is None:
        return f"rows=?    {f.note}"
    tp = f"{f.throughput.rps:8.1f} req/s" if f.throughput else f"  ({f.note})" if f.note else ""
    return f"rows={lat.rows:<6} median {lat.median * 1000:9.1f} ms  n={len(lat.times):<3} {tp}"


def scaling(
    start: callable,  # (workers, http_workers) -> Server
    plan: Plan,
    *,
    sparql_query: Query,
    api_query: Query,
    workers: tuple[int, ...] = (1, 2, 4),
    http_workers: tuple[int, ...] = (1, 2),
) -> dict[str, dict[str, float]]:
    """Throughput at ``plan.clients`` clients by query workers (SPARQL) and by uvicorn worker
    processes (relations API, which runs in the HTTP process, not in the query workers)."""
    out: dict[str, dict[str, float]] = {"sparql": {}, "api": {}}
    assert api_query.api is not None
    for w in workers:
        server = start(w, 1)
        try:
            server.wait(timeout=120)
            req = sparql_of(server, sparql_query)
            latency(req, runs=2, budget=1)
            tp = measure_throughput(req, clients=plan.clients, duration=plan.duration)
            out["sparql"][f"{w} query workers"] = tp.rps
            print(f"    sparql {sparql_query.name} with {w} query workers: {tp.rps:.1f} req/s")
        finally:
            server.stop()
    for h in http_workers:
        server = start(2, h)
        try:
            server.wait(timeout=120)
            time.sleep(1.0 if h > 1 else 0)  # let every HTTP worker come up
            path, params = api_query.api
            req = api_request(server.base, path, params)
            latency(req, runs=2 * h, budget=1)
            tp = measure_throughput(req, clients=plan.clients, duration=plan.duration)
            out["api"][f"{h} HTTP processes"] = tp.rps
            print(f"    api {api_query.name} with {h} uvicorn worker processes: {tp.rps:.1f} req/s")
        finally:
            server.stop()
    return out


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def isolation(
    server: Server, *, cheap: Query, runaways: int = 4, duration: float = 8.0
) -> dict[str, float]:
    """A cheap query's latency (p50, p99) while ``runaways`` clients keep sending a query
    that would run for hours (a four-way cross product): the time limit must stop them,
    and they must never stall the cheap one."""
    stop = time.perf_counter() + duration
    heavy = sparql_request(server.sparql, RUNAWAY, server.params)

    def runaway() -> None:
        conn = Connection(heavy, timeout=duration + 60)
        while time.perf_counter() < stop:
            with contextlib.suppress(Failed):
                conn.get()
        conn.close()

    threads = [threading.Thread(target=runaway, daemon=True) for _ in range(runaways)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the runaway queries are running
    req = sparql_of(server, cheap)
    conn = Connection(req, timeout=60)
    times: list[float] = []
    failed = 0
    while time.perf_counter() < stop:
        try:
            times.append(once(conn, req)[0])
        except Failed:
            failed += 1
    conn.close()
    for t in threads:
        t.join(timeout=120)
    times.sort()
    pick = lambda f: times[min(len(times) - 1, int(f * len(times)))] if times else None  # noqa: E731
    return {"p50": pick(0.5), "p99": pick(0.99), "n": len(times), "failed": failed}
