"""The serving half of :mod:`run` on stores it has already built: our server and Oxigraph
server side by side on every query (latency, throughput at 16 clients), the relations API,
and the isolation figure (a cheap query while four runaway queries run). Minutes instead of
the full run's build and growth steps.

Usage (after ``benchmarks/run.py --sizes 1m`` has built ``data/bench/store-1m`` and
``data/bench/oxigraph-1m``)::

    .venv/bin/python benchmarks/serve_only.py [--size 1m]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
for _p in (HERE.parent, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import report  # noqa: E402
import serve_bench as sb  # noqa: E402
import servers  # noqa: E402
from queries import BY_NAME  # noqa: E402
from run import DATA, _plain  # noqa: E402


def cube(side: int) -> str:
    """A query of side ** 3 rows that needs no data (three VALUES blocks crossed)."""
    values = " ".join(str(i) for i in range(side))
    return (
        "SELECT ?a ?b ?c WHERE { " + " ".join(f"VALUES ?{v} {{ {values} }}" for v in "abc") + " }"
    )


def streamed_memory(server: servers.Server, *, side: int = 150) -> dict[str, float]:
    """Stream a result of side ** 3 rows (about 1 GB of JSON) and watch the resident memory
    of the server's whole process tree: streaming keeps it flat."""
    watch = servers.MemoryWatch(server.process.pid)
    watch.reset()
    start, size, started = watch.sample(), 0, time.perf_counter()
    with httpx.stream("GET", server.sparql, params={"query": cube(side)}, timeout=600) as r:
        for chunk in r.iter_bytes():
            size += len(chunk)
    seconds = time.perf_counter() - started
    return {"rows": side**3, "mb": size / 1e6, "seconds": seconds,
            "rss_start_mb": start / 2**20, "rss_peak_mb": watch.stop() / 2**20}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1m")
    args = parser.parse_args(argv)
    store, ox_dir = DATA / f"store-{args.size}", DATA / f"oxigraph-{args.size}"
    missing = [str(p) for p in (store, ox_dir) if not p.is_dir()]
    if missing:
        parser.error(f"not built yet: {', '.join(missing)} (run benchmarks/run.py first)")
    logs = DATA / "logs" / args.size
    plan = sb.Plan(runs=30, budget=8.0, duration=4.0)
    runs = {"ours": sb.run_system(sb.ours_server(store, logs), plan, startup_timeout=120, api=True)}
    runs["ours"].queries |= sb.uncached_runs(store, logs, plan)
    oxigraph = servers.start_oxigraph(ox_dir, logs=logs)
    runs["oxigraph"] = sb.run_system(oxigraph, plan, startup_timeout=120)
    systems = {k: _plain(v) for k, v in runs.items()}
    limited = servers.start_ours(store, workers=2, logs=logs, timeout=3)
    try:
        limited.wait(timeout=120)
        isolation = sb.isolation(limited, cheap=BY_NAME["lookup"], duration=10)
    finally:
        limited.stop()
    big = servers.start_ours(store, workers=2, logs=logs)
    try:
        big.wait(timeout=120)
        memory = streamed_memory(big)
    finally:
        big.stop()
    print(
        f"streamed {memory['rows']} rows ({memory['mb']:.0f} MB) in {memory['seconds']:.1f} s; "
        f"server RSS {memory['rss_start_mb']:.0f} MB at start, {memory['rss_peak_mb']:.0f} MB peak"
    )
    result = {"systems": systems, "isolation": isolation, "streamed": memory}
    (DATA / f"serve-{args.size}.json").write_text(json.dumps(result, indent=1))
    print("\n".join(report.query_table(args.size, systems)))
    print("\n".join(report.serving_targets(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
