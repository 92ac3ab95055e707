"""Networks for the explorer as plain objects: the ego network of an entity, and its facets.

Computed once from a :class:`kg.networks.index.GraphIndex`, then rendered many ways (HTML page,
JSON, GraphML). Every view has a node cap: what does not fit is counted, said in a notice, and
reachable through a "+N more" node (``offset``) or narrower filters (:mod:`kg.networks.filters`).
The other views (overview, paths, meetings) are in :mod:`kg.networks.views`; the per-view
details (facts, claims with evidence, document spans) in :mod:`kg.networks.details`.

>>> from kg.networks.index import GraphIndex, EntityRecord
>>> ix = GraphIndex(entities={"a": EntityRecord("a", "A", "State")})
>>> ego_network(ix, "a").nodes[0].label
'A'
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.errors import InvalidQuery, NotFound
from kg.networks.filters import RELATION_LABELS, Filters
from kg.networks.index import GraphIndex
from kg.rdf.iris import STANCES

MAX_NODES = 300
MAX_HOPS = 3


@dataclass
class GraphNode:
    """A node: an entity, a "+N more" placeholder, or a motion (votes)."""

    id: str
    label: str
    type: str | None
    kind: str = "entity"  # entity | more | motion
    hop: int = 0
    weight: int = 0
    group: str | None = None
    parent: str | None = None
    offset: int | None = None
    remaining: int | None = None
    x: float | None = None
    y: float | None = None


@dataclass
class GraphEdge:
    """Claims and relations aggregated per (source, target, kind, predicate)."""

    id: str
    source: str
    target: str
    kind: str  # claim | relation | vote | spoke | more
    predicate: str
    count: int = 1
    first: str | None = None
    last: str | None = None
    claim: str | None = None

    @property
    def label(self) -> str:
        """What the edge says: ``oppose``, ``call for ×3``, ``member of``."""
        if self.kind == "more":
            return ""
        name = RELATION_LABELS.get(self.predicate, self.predicate.replace("_", " "))
        return f"{name} ×{self.count}" if self.count > 1 else name


@dataclass
class Subgraph:
    """One view's network and what was left out."""

    view: str
    center: str | None
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)
    total: int = 0  # candidate nodes before the cap (centre excluded)
    cap: int = MAX_NODES
    notice: str | None = None
    facets: dict = field(default_factory=dict)
    communities: list[dict] = field(default_factory=list)
    paths: list[list[str]] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        """Something was left out (a "+N more" node or a notice says what)."""
        return any(n.kind == "more" for n in self.nodes) or self.notice is not None


# A link: (other end, source, target, kind, predicate, count, first date, last date, sample)
Link = tuple[str, str, str, str, str, int, "str | None", "str | None", "str | None"]


class Edges:
    """Accumulates links into aggregated edges."""

    def __init__(self) -> None:
        self.acc: dict[tuple[str, str, str, str], list] = {}

    def add(self, link: Link) -> None:
        """Count one link into its (source, target, kind, predicate) edge."""
        _, source, target, kind, pred, count, first, last, sample = link
        key = (source, target, kind, pred)
        agg = self.acc.get(key)
        if agg is None:
            self.acc[key] = [count, first, last, sample]
            return
        agg[0] += count
        if first:
            agg[1] = min(agg[1] or first, first)
        if last:
            agg[2] = max(agg[2] or last, last)

    def put(self, key: tuple[str, str, str, str], agg: list) -> None:
        """Count an aggregated ``[count, first, last, sample]`` into the ``key`` edge."""
        mine = self.acc.get(key)
        if mine is None:
            self.acc[key] = list(agg)
            return
        mine[0] += agg[0]
        if agg[1]:
            mine[1] = min(mine[1] or agg[1], agg[1])
        if agg[2]:
            mine[2] = max(mine[2] or agg[2], agg[2])

    def edges(self, *, cap: int | None = None, center: str = "") -> tuple[list[GraphEdge], int]:
        """The edges (the ``cap`` strongest, the centre's first) and how many were dropped."""
        keys = list(self.acc)
        dropped = 0
        if cap is not None and len(keys) > cap:
            acc = self.acc
            keys = heapq.nsmallest(
                cap, keys, key=lambda k: (center not in (k[0], k[1]), -acc[k][0], k)
            )
            dropped = len(self.acc) - cap
        out = []
        for key in keys:
            source, target, kind, pred = key
            agg = self.acc[key]
            out.append(
                GraphEdge(
                    id=f"{kind}:{source}>{target}:{pred}",
                    source=source,
                    target=target,
                    kind=kind,
                    predicate=pred,
                    count=agg[0],
                    first=agg[1],
                    last=agg[2],
                    claim=agg[3],
                )
            )
        return out, dropped


def links(ix: GraphIndex, eid: str, f: Filters, *, incoming: bool = True) -> Iterator[Link]:
    """Every claim or relation link of ``eid`` that passes the filters (aggregated per
    neighbour and predicate unless a date or document filter needs each claim)."""
    types, stances, relations = ix.types, f.stances, f.relations
    wanted = f.types
    if not f.per_claim:
        sides = [(ix.pairs_out.get(eid, {}), True)]
        if incoming:
            sides.append((ix.pairs_in.get(eid, {}), False))
        for pairs, out in sides:
            for other, groups in pairs.items():
                if wanted is not None and types.get(other) not in wanted:
                    continue
                src, dst = (eid, other) if out else (other, eid)
                for (kind, pred), agg in groups.items():
                    allowed = stances if kind == "claim" else relations
                    if allowed is None or pred in allowed:
                        yield (other, src, dst, kind, pred, agg[0], agg[1], agg[2], agg[3])
        return
    claims = ix.claims
    for i in ix.claims_by.get(eid, ()):
        rec = claims[i]
        if f.claim_ok(rec):
            for other in rec.about:
                if wanted is None or types.get(other) in wanted:
                    yield (other, eid, other, "claim", rec.stance, 1, rec.date, rec.date, rec.id)
    if incoming:
        for i in ix.claims_about.get(eid, ()):
            rec = claims[i]
            other = rec.claimant
            if f.claim_ok(rec) and (wanted is None or types.get(other) in wanted):
                yield (other, other, eid, "claim", rec.stance, 1, rec.date, rec.date, rec.id)
    for rels, out in ((ix.rel_out, True), (ix.rel_in, False)):
        if not out and not incoming:
            continue
        for i in rels.get(eid, ()):
            r = ix.relations[i]
            other = r.target if out else r.source
            if f.relation_ok(r) and (wanted is None or types.get(other) in wanted):
                yield (other, r.source, r.target, "relation", r.predicate, 1, r.start, r.end, None)


def _weights(ix: GraphIndex, eid: str, f: Filters) -> dict[str, int]:
    """How strongly each neighbour is linked to ``eid`` under the filters (claims and
    relations counted), read straight off the aggregated pairs when no claim must be checked."""
    weight: dict[str, int] = {}
    if f.per_claim:
        for link in links(ix, eid, f):
            if link[0] != eid:
                weight[link[0]] = weight.get(link[0], 0) + link[5]
        return weight
    types, wanted, stances, relations = ix.types, f.types, f.stances, f.relations
    for pairs in (ix.pairs_out.get(eid, {}), ix.pairs_in.get(eid, {})):
        for other, groups in pairs.items():
            if other == eid or (wanted is not None and types.get(other) not in wanted):
                continue
            n = 0
            for (kind, pred), agg in groups.items():
                allowed = stances if kind == "claim" else relations
                if allowed is None or pred in allowed:
                    n += agg[0]
            if n:
                weight[other] = weight.get(other, 0) + n
    return weight


def _center_links(ix: GraphIndex, eid: str, shown: set[str], f: Filters) -> Iterator[Link]:
    """The links between ``eid`` and the shown nodes."""
    if f.per_claim:
        yield from (link for link in links(ix, eid, f) if link[0] in shown and link[0] != eid)
        return
    stances, relations = f.stances, f.relations
    for pairs, out in ((ix.pairs_out.get(eid, {}), True), (ix.pairs_in.get(eid, {}), False)):
        for other in shown:
            groups = pairs.get(other)
            if groups is None or other == eid:
                continue
            src, dst = (eid, other) if out else (other, eid)
            for (kind, pred), agg in groups.items():
                allowed = stances if kind == "claim" else relations
                if allowed is None or pred in allowed:
                    yield (other, src, dst, kind, pred, agg[0], agg[1], agg[2], agg[3])


def node(ix: GraphIndex, eid: str, *, hop: int, weight: int = 0) -> GraphNode:
    """The node of an entity."""
    return GraphNode(id=eid, label=ix.label(eid), type=ix.type(eid), hop=hop, weight=weight)


def ties(ix: GraphIndex, shown: set[str], f: Filters, acc: Edges, skip: str | None) -> None:
    """Links among shown nodes, walked from their source (``skip``: a node whose links are
    already in ``acc``)."""
    nodes = sorted(shown - {skip} if skip else shown)
    inside = set(nodes)
    if not f.per_claim:  # look the pairs up: fewer steps than walking a hub's links
        stances, relations = f.stances, f.relations
        for a in nodes:
            out = ix.pairs_out.get(a)
            if not out:
                continue
            if len(out) < len(nodes):
                pairs = [(b, g) for b, g in out.items() if b in inside]
            else:
                pairs = [(b, out[b]) for b in nodes if b in out]
            for b, groups in pairs:
                for (kind, pred), agg in groups.items():
                    allowed = stances if kind == "claim" else relations
                    if allowed is None or pred in allowed:
                        acc.put((a, b, kind, pred), agg)
        return
    for eid in nodes:
        for link in links(ix, eid, f, incoming=False):
            if link[0] in inside:
                acc.add(link)


def _ranked(weight: dict[str, int], n: int) -> list[str]:
    return heapq.nsmallest(n, weight, key=lambda k: (-weight[k], k))


def ego_network(
    ix: GraphIndex,
    center: str,
    *,
    hops: int = 1,
    filters: Filters | None = None,
    limit: int = 60,
    offset: int = 0,
) -> Subgraph:
    """The entity, its neighbours within ``hops`` and the ties among them, capped at
    ``limit`` nodes (neighbours ranked by the number of claims and relations linking them;
    ``offset`` pages through the first hop)."""
    f = filters or Filters()
    if center not in ix.entities:
        raise NotFound(f"no entity '{center}'")
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidQuery(f"hops must be between 1 and {MAX_HOPS}")
    if not 1 <= limit <= MAX_NODES or offset < 0:
        raise InvalidQuery(f"limit must be between 1 and {MAX_NODES}, offset not negative")
    weight = _weights(ix, center, f)
    first = _ranked(weight, offset + limit)[offset:]
    sub = Subgraph(view="entity", center=center, total=len(weight), cap=limit)
    sub.nodes = [node(ix, center, hop=0, weight=ix.degree(center))]
    sub.nodes += [node(ix, n, hop=1, weight=weight[n]) for n in first]
    shown = {center, *first}
    frontier, budget, beyond = first, limit - len(first), 0
    for hop in range(2, hops + 1):
        if budget <= 0 or not frontier:
            break
        w2: Counter[str] = Counter()
        for n in frontier:
            for other, w in _weights(ix, n, f).items():
                if other not in shown and other not in weight:
                    w2[other] += w
        sub.total += len(w2)
        frontier = _ranked(w2, budget)
        beyond += len(w2) - len(frontier)
        budget -= len(frontier)
        sub.nodes += [node(ix, n, hop=hop, weight=w2[n]) for n in frontier]
        shown.update(frontier)
    acc = Edges()
    for link in _center_links(ix, center, shown, f):
        acc.add(link)
    ties(ix, shown, f, acc, center)
    sub.edges, dropped = acc.edges(cap=max(4 * limit, 100), center=center)
    remaining = len(weight) - offset - len(first)
    if remaining > 0:
        sub.nodes.append(more_node(center, offset + len(first), remaining))
        sub.edges.append(GraphEdge(f"more:{center}", center, f"more:{center}", "more", "more"))
    if remaining > 0 or beyond or dropped:
        sub.notice = (
            f"Showing {len(shown) - 1} of {sub.total} connected entities (cap {limit})"
            + (
                f" and the strongest {len(sub.edges)} of {len(sub.edges) + dropped} edges"
                if dropped
                else ""
            )
            + ". Narrow with the filters, or open the '+ more' node to page on."
        )
    sub.facets = facets(ix, center, f, neighbours=weight if f.types is None else None)
    return sub


def more_node(parent: str, offset: int, remaining: int) -> GraphNode:
    """The "+N more" placeholder: opening it pages on from ``offset``."""
    return GraphNode(
        id=f"more:{parent}",
        label=f"+{remaining} more",
        type=None,
        kind="more",
        hop=1,
        parent=parent,
        offset=offset,
        remaining=remaining,
    )


def facets(
    ix: GraphIndex, center: str, f: Filters, *, neighbours: dict[str, int] | None = None
) -> dict:
    """Counts for the filter controls: claims (made or received) per stance, document and
    year, neighbours per type, relations per predicate. Each facet ignores its own filter,
    so unticked values still show their counts. ``neighbours``: the centre's neighbours
    under ``f`` when already computed (and ``f`` has no type filter)."""
    stances: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    years: Counter[str] = Counter()
    if f.stances is None and f.documents is None and not (f.date_from or f.date_to):
        stances, documents, years = ix.claim_facets(center)
    else:
        wanted_stances, wanted_docs = f.stances, f.documents
        for rec in ix.claims_of(center):
            in_stance = wanted_stances is None or rec.stance in wanted_stances
            in_docs = wanted_docs is None or rec.document in wanted_docs
            in_dates = f.in_range(rec.date)
            if in_docs and in_dates:
                stances[rec.stance] += 1
            if rec.document and in_stance and in_dates:
                documents[rec.document] += 1
            if rec.date and in_stance and in_docs:
                years[rec.date[:4]] += 1
    if neighbours is None:
        neighbours = _weights(ix, center, f.without("types"))
    types: Counter[str] = Counter(ix.types.get(n) or "Other" for n in neighbours)
    relations: Counter[str] = Counter()
    no_rel = f.without("relations").without("documents")
    for rels in (ix.rel_out, ix.rel_in):
        for i in rels.get(center, ()):
            if no_rel.relation_ok(ix.relations[i]):
                relations[ix.relations[i].predicate] += 1
    return {
        "types": dict(sorted(types.items())),
        "stances": {s: stances[s] for s in STANCES if stances[s]},
        "relations": dict(sorted(relations.items())),
        "documents": [
            {"id": d, "title": ix.documents.get(d, d), "count": n}
            for d, n in sorted(documents.items(), key=lambda t: (-t[1], t[0]))[:30]
        ],
        "years": dict(sorted(years.items())),
    }
