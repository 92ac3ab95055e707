"""How fast the explorer's views are on a large graph (default: 1 million synthetic triples).

Builds (or reuses) the synthetic store of ``benchmarks/synthetic.py``, builds the in-memory
index once (timed), then times the entity view's data — the ego network, the details panel
(facts, positions, claims with evidence) and the vis-network payload, exactly what
``/explore/entity/{id}.json`` returns — for popular and unpopular entities, unfiltered and
filtered; and the other views once each. Prints median and p95 per group.

Usage::

    .venv/bin/python benchmarks/explorer.py [--triples 1000000] [--store DIR] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import BASE, generate  # noqa: E402
from kg.networks.details import entity_details, meeting_details, meeting_votes  # noqa: E402
from kg.networks.document_view import document_view  # noqa: E402
from kg.networks.filters import Filters  # noqa: E402
from kg.networks.index import ACTOR_TYPES, GraphIndex, build_index  # noqa: E402
from kg.networks.subgraph import ego_network  # noqa: E402
from kg.networks.views import meeting_network, overview, path_view  # noqa: E402
from kg.rdf.iris import Iris  # noqa: E402
from kg.store import Store  # noqa: E402
from viz.network import layout  # noqa: E402
from viz.payload import entity_payload  # noqa: E402

BUDGET_MS = 200.0


def entity_view(store: Store, ix: GraphIndex, iris: Iris, eid: str, f: Filters) -> int:
    """The entity view's data as the server makes it; returns the JSON size."""
    sub = ego_network(ix, eid, filters=f)
    details = entity_details(store, ix, eid, iris=iris, filters=f)
    data = entity_payload(sub, details, params={"hops": 1, "limit": 60, **f.params()})
    return len(json.dumps(data))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def pick(ix: GraphIndex) -> tuple[list[str], list[str]]:
    """The 5 most connected actors and 5 little-connected ones (spread over the tail)."""
    actors = [e for e, rec in ix.entities.items() if rec.type in ACTOR_TYPES]
    ranked = sorted(actors, key=lambda e: (-ix.degree(e), e))
    tail = [e for e in ranked if 1 <= ix.degree(e) <= 30]
    step = max(1, len(tail) // 5)
    return ranked[:5], tail[::step][:5]


def row(name: str, values: list[float], *, budget: bool = True) -> str:
    med, high = statistics.median(values), p95(values)
    verdict = ""
    if budget:
        verdict = "ok" if med < BUDGET_MS and high < BUDGET_MS else f"OVER {BUDGET_MS:.0f} ms"
    return f"  {name:<38} median {med:7.1f} ms   p95 {high:7.1f} ms   n={len(values):<3} {verdict}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=None, help="default data/bench/synthetic-N")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per entity")
    args = parser.parse_args(argv)
    iris = Iris(BASE)
    path = args.store or ROOT / "data" / "bench" / f"synthetic-{args.triples}"
    if not path.exists() or not any(path.iterdir()):
        print(f"generating {args.triples} synthetic triples into {path} …", flush=True)
        path.mkdir(parents=True, exist_ok=True)
        store = Store.open(path)
        summary = generate(store, triples=args.triples)
        store.close()
        print(f"  {summary.triples} triples in {summary.seconds:.1f} s")
    store = Store.open(path, read_only=True)
    print(f"store {path}: {len(store)} triples")

    started = time.perf_counter()
    ix = build_index(store, iris=iris)
    build_s = time.perf_counter() - started
    print(
        f"index build: {build_s:.2f} s ({len(ix.entities)} entities, {len(ix.claims)} claims, "
        f"{len(ix.relations)} relations)"
    )
    popular, unpopular = pick(ix)
    print("popular:   " + ", ".join(f"{e} ({ix.degree(e)})" for e in popular))
    print("unpopular: " + ", ".join(f"{e} ({ix.degree(e)})" for e in unpopular))

    dated = Filters.parse(date_from="2018-01-01", date_to="2019-12-31")
    stance = Filters.parse(stances=["oppose", "accuse"])
    groups: dict[str, list[float]] = {}
    first: list[float] = []
    for label, entities, f in (
        ("entity view, popular", popular, Filters()),
        ("entity view, unpopular", unpopular, Filters()),
        ("entity view, popular, 2 years", popular, dated),
        ("entity view, popular, 2 stances", popular, stance),
    ):
        values = groups.setdefault(label, [])
        for eid in entities:
            for run in range(args.runs):
                ms = timed(lambda eid=eid, f=f: entity_view(store, ix, iris, eid, f))
                values.append(ms)
                if run == 0 and f.empty:
                    first.append(ms)
    print(f"\nentity view data (ego network + details + vis payload), {args.runs} runs each:")
    unfiltered = groups["entity view, popular"] + groups["entity view, unpopular"]
    print(row("all entities, unfiltered", unfiltered))
    for label, values in groups.items():
        print(row(label, values))
    print(row("first request per entity (cold)", first))

    big = ego_network(ix, popular[0], limit=300)
    others = {
        "ego network only, popular": lambda: ego_network(ix, popular[0]),
        "ego network, 2 hops, popular": lambda: ego_network(ix, popular[0], hops=2),
        "details only, popular": lambda: entity_details(store, ix, popular[0], iris=iris),
        "overview (top 50 actors, coalitions)": lambda: overview(ix),
        "path view": lambda: path_view(ix, unpopular[0], unpopular[-1]),
        "layout of a 300-node view (cached)": lambda: layout(big),
    }
    meeting = next(iter(ix.claims_at))
    document = next(iter(ix.documents))
    others["meeting view"] = lambda: (
        meeting_network(ix, meeting, votes=meeting_votes(store, ix, meeting, iris=iris)),
        meeting_details(store, ix, meeting, iris=iris),
    )
    others["document view"] = lambda: document_view(store, ix, document, iris=iris)
    print("\nother views (3 runs each; the overview, paths and layouts are cached per URL):")
    for label, fn in others.items():
        print(row(label, [timed(fn) for _ in range(3)], budget=False))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
