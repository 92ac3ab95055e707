"""The scaling benchmark: realistic corpora built through the real extraction, served by our
server, Oxigraph server and rdflib-endpoint side by side on the same data and queries.

For each size (about 100k, 1M, 10M triples after extraction): generate the corpus
(:mod:`corpus`), build it (:func:`kg.pipeline.build.build`, timed against pyoxigraph's own bulk
load of the same N-Quads and against one transaction per document), grow it by 1,000 documents
with ``kg ingest`` (time per document, entity resolution across batches), then run every query
of :mod:`queries` on each system (row counts checked, median/p95 latency, throughput at 16
clients, peak memory) and our throughput by query workers and HTTP processes. Prints the
tables, the targets (ok/LOW) and writes ``data/bench/results.json``.

Usage::

    .venv/bin/python benchmarks/run.py [--sizes 100k,1m] [--quick] [--seed 7] [--keep]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (ROOT, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import build_bench as bb  # noqa: E402
import report  # noqa: E402
import serve_bench as sb  # noqa: E402
import servers  # noqa: E402
from queries import BY_NAME  # noqa: E402

DATA = ROOT / "data" / "bench"
EXTRA_DOCS = 1000


def sizing(seed: int) -> bb.Sizing:
    """Triples per document, measured once per seed (cached in data/bench/)."""
    cache = DATA / f"sizing-{seed}.json"
    if cache.exists():
        return bb.Sizing(**json.loads(cache.read_text()))
    s = bb.calibrate(seed=seed)
    cache.write_text(json.dumps(dataclasses.asdict(s)))
    return s


def bench_size(label: str, args: argparse.Namespace, size: bb.Sizing) -> dict:
    """Every figure for one size."""
    plan = sb.Plan.quick() if args.quick else sb.Plan()
    target = bb.SIZES[label]
    docs = size.documents(target)
    print(f"\n=== {label}: {docs} documents (~{size.triples_per_doc:.0f} triples each) ===")
    folder = DATA / f"corpus-{label}"
    gen = bb.make_corpus(folder, docs=docs, seed=args.seed)
    if gen.seconds:
        print(f"  corpus generated in {gen.seconds:.1f} s ({gen.characters / 1e6:.1f} M chars)")
    store = DATA / f"store-{label}"
    build = bb.build_store(folder, store)
    print(
        f"  build: {build.documents} docs, {build.triples} triples in {build.seconds:.1f} s "
        f"(loading {build.load_seconds:.1f} s), {build.failed} failed"
    )
    nq = DATA / f"{label}.nq"
    build.nquads_mb = bb.dump_nquads(store, nq)
    build.bulk_seconds = bb.pyoxigraph_bulk_load(nq, DATA / "tmp-bulk")
    print(
        f"  pyoxigraph bulk_load of the same {build.nquads_mb:.0f} MB: {build.bulk_seconds:.1f} s"
    )
    build.chunked_seconds = bb.chunked_load(nq, DATA / "tmp-chunked")
    print(f"  our loading step alone (bulk loads in build's chunks): {build.chunked_seconds:.1f} s")
    if label != "10m" and not args.quick:
        build.per_doc_seconds = bb.per_document_build(folder, DATA / "tmp-per-doc")
        build.per_doc_load_seconds = bb.per_document_load(nq, DATA / "tmp-per-doc")
        print(
            f"  one transaction per document: {build.per_doc_seconds:.1f} s "
            f"(loading alone {build.per_doc_load_seconds:.1f} s)"
        )
    out: dict = {"label": label, "build": dataclasses.asdict(build)}
    extra = DATA / "extra-1000"
    bb.make_corpus(extra, docs=EXTRA_DOCS, seed=args.seed, start=bb.EXTRA_START)
    growth = bb.grow(store, extra, DATA / "tmp-grow")
    out["growth"] = dataclasses.asdict(growth)
    print(
        f"  ingest {growth.documents} more: {growth.per_doc_ms:.1f} ms/doc, "
        f"{growth.shared_new_entities} new entities named in both batches, "
        f"{growth.multi_label_entities} with >1 prefLabel"
    )
    logs = DATA / "logs" / label
    ox_dir = DATA / f"oxigraph-{label}"
    out["oxigraph_load_s"] = servers.oxigraph_load(ox_dir, nq)
    runs: dict[str, sb.SystemRun] = {}
    print("  queries:")
    runs["ours"] = sb.run_system(sb.ours_server(store, logs), plan, startup_timeout=120, api=True)
    runs["ours"].queries |= sb.uncached_runs(store, logs, plan)
    runs["oxigraph"] = sb.run_system(
        servers.start_oxigraph(ox_dir, logs=logs), plan, startup_timeout=120
    )
    print("  isolation (a cheap query while four runaway queries run, time limit 3 s):")
    iso = servers.start_ours(store, workers=2, logs=logs, timeout=3)
    try:
        iso.wait(timeout=120)
        out["isolation"] = sb.isolation(iso, cheap=BY_NAME["lookup"], duration=10)
        print(f"    {out['isolation']}")
    finally:
        iso.stop()
    earlier = (args.previous or {}).get(label, {}).get("systems", {}).get("rdflib")
    if args.no_rdflib and earlier:
        print("  rdflib-endpoint: figures kept from the earlier run (--keep --no-rdflib)")
        out.setdefault("notes", []).append("rdflib-endpoint figures from an earlier run")
    elif label == "10m" or args.no_rdflib:
        print("  rdflib-endpoint skipped (see README: parsing 10M quads needs > 24 GB and hours)")
    else:
        runs["rdflib"] = sb.run_system(
            servers.start_rdflib(nq, logs=logs),
            plan,
            startup_timeout=3600,
            rdflib=True,
        )
    out["systems"] = {k: _plain(v) for k, v in runs.items()}
    if args.no_rdflib and earlier:
        out["systems"]["rdflib"] = earlier
    print("  scaling (throughput at 16 clients):")
    out["scaling"] = sb.scaling(
        lambda w, h: servers.start_ours(store, workers=w, http_workers=h, logs=logs),
        plan,
        sparql_query=BY_NAME["ego_2hop"],
        api_query=BY_NAME["triple_page"],
        workers=(1, 2) if args.quick else (1, 2, 4),
    )
    if label == "1m" and (HERE / "explorer.py").exists() and not args.quick:
        out["explorer"] = explorer(store)
    return out


def explorer(store: Path) -> str | None:
    """The explorer's entity-view figure (benchmarks/explorer.py) on our built store."""
    cmd = [sys.executable, str(HERE / "explorer.py"), "--store", str(store), "--runs", "5"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    line = next((x for x in done.stdout.splitlines() if "all entities, unfiltered" in x), None)
    if line is None:
        print(f"  explorer benchmark failed: {done.stderr.strip()[-300:]}")
    return line.strip() if line else None


def _plain(run: sb.SystemRun) -> dict:
    data = dataclasses.asdict(run)
    for name, fig in run.queries.items():
        lat = fig.latency
        data["queries"][name]["median"] = lat.median
        data["queries"][name]["p95"] = lat.p95
        data["queries"][name]["rps"] = fig.throughput.rps if fig.throughput else None
        data["queries"][name]["latency"].pop("times")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m", help="comma-separated: 100k, 1m, 10m")
    parser.add_argument("--quick", action="store_true", help="fewer runs, shorter loads")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-rdflib", action="store_true", help="leave rdflib-endpoint out")
    parser.add_argument(
        "--keep", action="store_true", help="keep other sizes' results from data/bench/results.json"
    )
    args = parser.parse_args(argv)
    labels = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in labels if s not in bb.SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)} (choose from {', '.join(bb.SIZES)})")
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    size = sizing(args.seed)
    print(
        f"sizing: {size.triples_per_doc:.1f} triples per document (first {size.sample} docs), "
        f"{size.base_triples} triples of ontology + reference data"
    )
    rates = bb.extraction_rate(seed=args.seed)
    print(f"extraction alone: {rates['docs_per_s']:.0f} docs/s, {rates['mb_per_s']:.2f} MB/s")
    results = {"extraction": rates, "sizes": {}}
    saved = DATA / "results.json"
    args.previous = {}
    if args.keep and saved.exists():  # sizes measured by an earlier run stay in the tables
        results["sizes"] = json.loads(saved.read_text()).get("sizes", {})
        args.previous = dict(results["sizes"])
    for label in labels:
        results["sizes"][label] = bench_size(label, args, size)
        (DATA / "results.json").write_text(json.dumps(results, indent=1))
    report.print_all(results)
    print(f"\n(total {time.perf_counter() - started:.0f} s; results in {DATA / 'results.json'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
