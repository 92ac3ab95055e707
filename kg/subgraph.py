"""Networks for the explorer as plain objects: ego networks, the overview, paths, meetings.

Computed once from a :class:`kg.subgraph_index.GraphIndex`, then rendered many ways (HTML page,
JSON, GraphML). Every view has a node cap: what does not fit is counted, said in a notice, and
reachable through a "+N more" node (``offset``) or narrower filters.

>>> from kg.subgraph_index import GraphIndex, EntityRecord
>>> ix = GraphIndex(entities={"a": EntityRecord("a", "A", "State")})
>>> ego_network(ix, "a").nodes[0].label
'A'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import InvalidQuery, NotFound
from kg.iris import STANCES, slug
from kg.queries.entities import RELATION_NAMES
from kg.rdf_common import TYPE_CLASSES
from kg.subgraph_index import ACTOR_TYPES, ClaimRecord, GraphIndex, RelationRecord

MAX_NODES = 300
MAX_HOPS = 3
RELATIONS = tuple(dict.fromkeys(RELATION_NAMES.values()))
RELATION_LABELS = {
    "holdsPosition": "holds",
    "memberOf": "member of",
    "represents": "represents",
    "worksFor": "works for",
    "participatedIn": "participated in",
    "subOrganizationOf": "part of",
    "postIn": "post in",
}


@dataclass(frozen=True)
class Filters:
    """What a view shows. ``None`` means no restriction; an empty set hides that kind."""

    types: frozenset[str] | None = None
    stances: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    documents: frozenset[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        types: Iterable[str] = (),
        stances: Iterable[str] = (),
        relations: Iterable[str] = (),
        documents: Iterable[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Filters:
        """Validate user values (InvalidQuery on anything unknown); ``none`` hides a kind."""
        return cls(
            types=_choice("types", types, TYPE_CLASSES),
            stances=_choice("stances", [s.replace("-", "_") for s in _split(stances)], STANCES),
            relations=_choice("relations", relations, RELATIONS),
            documents=frozenset(slug(d) for d in _split(documents)) or None,
            date_from=_date("from", date_from),
            date_to=_date("to", date_to),
        )

    def params(self) -> dict[str, list[str] | str]:
        """The filters as URL query parameters (what :meth:`parse` reads back)."""
        out: dict[str, list[str] | str] = {}
        for name in ("types", "stances", "relations", "documents"):
            value = getattr(self, name)
            if value is not None:
                out[name] = sorted(value) or ["none"]
        if self.date_from:
            out["from"] = self.date_from
        if self.date_to:
            out["to"] = self.date_to
        return out

    @property
    def per_claim(self) -> bool:
        """Whether each claim must be checked (dates, documents), not aggregated links."""
        return self.documents is not None or bool(self.date_from or self.date_to)

    def claim_ok(self, rec: ClaimRecord) -> bool:
        if self.stances is not None and rec.stance not in self.stances:
            return False
        if self.documents is not None and rec.document not in self.documents:
            return False
        if self.date_from or self.date_to:
            if rec.date is None:
                return False
            if self.date_from and rec.date < self.date_from:
                return False
            if self.date_to and rec.date > self.date_to:
                return False
        return True

    def relation_ok(self, rec: RelationRecord) -> bool:
        if self.relations is not None and rec.predicate not in self.relations:
            return False
        if self.documents is not None:
            return False  # relations from the reference data belong to no document
        if self.date_from and rec.end and rec.end < self.date_from:
            return False
        return not (self.date_to and rec.start and rec.start > self.date_to)

    def type_ok(self, type_: str | None) -> bool:
        return self.types is None or type_ in self.types


def _split(values: Iterable[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _choice(name: str, values: Iterable[str], allowed: Iterable[str]) -> frozenset[str] | None:
    chosen = _split(values)
    if not chosen:
        return None
    if "none" in chosen:
        return frozenset()
    by_lower = {a.lower(): a for a in allowed}
    unknown = [v for v in chosen if v.lower() not in by_lower]
    if unknown:
        raise InvalidQuery(
            f"unknown {name}: {', '.join(unknown)} (choose from {', '.join(by_lower.values())})"
        )
    return frozenset(by_lower[v.lower()] for v in chosen)


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidQuery(f"{name} must be an ISO date (YYYY-MM-DD)") from None


@dataclass
class GraphNode:
    """A node: an entity, a "+N more" placeholder, or a motion (votes)."""

    id: str
    label: str
    type: str | None
    kind: str = "entity"
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
    kind: str  # claim | relation | vote | spoke
    predicate: str
    count: int = 0
    first: str | None = None
    last: str | None = None
    claim: str | None = None

    @property
    def label(self) -> str:
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
        return any(n.kind == "more" for n in self.nodes) or self.notice is not None


# A link: (other end, source, target, kind, predicate, count, first date, last date, sample)
Link = tuple[str, str, str, str, str, int, "str | None", "str | None", "str | None"]


class _Edges:
    """Accumulates links into aggregated edges."""

    def __init__(self) -> None:
        self.acc: dict[tuple[str, str, str, str], list] = {}

    def add(self, link: Link) -> None:
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

    def edges(self) -> list[GraphEdge]:
        return [
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
            for (source, target, kind, pred), agg in self.acc.items()
        ]


def _links(ix: GraphIndex, eid: str, f: Filters, *, incoming: bool = True) -> Iterator[Link]:
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


def _node(ix: GraphIndex, eid: str, *, hop: int, weight: int = 0) -> GraphNode:
    return GraphNode(id=eid, label=ix.label(eid), type=ix.type(eid), hop=hop, weight=weight)


def _ties(ix: GraphIndex, shown: set[str], f: Filters, acc: _Edges, skip: str | None) -> None:
    """Links among shown nodes, walked from their source (``skip``: a node whose links are
    already in ``acc``)."""
    nodes = sorted(shown - {skip} if skip else shown)
    if not f.per_claim:  # look the pairs up: fewer steps than walking a hub's links
        stances, relations = f.stances, f.relations
        for a in nodes:
            out = ix.pairs_out.get(a)
            if not out:
                continue
            for b in nodes:
                groups = out.get(b)
                if groups is None:
                    continue
                for (kind, pred), agg in groups.items():
                    allowed = stances if kind == "claim" else relations
                    if allowed is None or pred in allowed:
                        acc.add((b, a, b, kind, pred, agg[0], agg[1], agg[2], agg[3]))
        return
    for eid in nodes:
        for link in _links(ix, eid, f, incoming=False):
            if link[0] in shown and link[0] != skip:
                acc.add(link)


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
    weight: Counter[str] = Counter()
    acc = _Edges()
    around = [link for link in _links(ix, center, f) if link[0] != center]
    for link in around:
        weight[link[0]] += link[5]
    ranked = sorted(weight, key=lambda n: (-weight[n], n))
    first = ranked[offset : offset + limit]
    sub = Subgraph(view="entity", center=center, total=len(ranked), cap=limit)
    sub.nodes = [_node(ix, center, hop=0, weight=ix.degree(center))]
    sub.nodes += [_node(ix, n, hop=1, weight=weight[n]) for n in first]
    shown = {center, *first}
    frontier, budget = first, limit - len(first)
    for hop in range(2, hops + 1):
        if budget <= 0 or not frontier:
            break
        w2: Counter[str] = Counter()
        for n in frontier:
            for link in _links(ix, n, f):
                if link[0] not in shown:
                    w2[link[0]] += link[5]
        nxt = sorted(w2, key=lambda n: (-w2[n], n))
        sub.total += len(nxt)
        frontier = nxt[:budget]
        budget -= len(frontier)
        sub.nodes += [_node(ix, n, hop=hop, weight=w2[n]) for n in frontier]
        shown.update(frontier)
    for link in around:
        if link[0] in shown:
            acc.add(link)
    _ties(ix, shown, f, acc, center)
    sub.edges, dropped = _cap_edges(acc.edges(), center, max(4 * limit, 100))
    remaining = len(ranked) - offset - len(first)
    if remaining > 0:
        sub.nodes.append(_more(center, offset + len(first), remaining))
        sub.edges.append(GraphEdge(f"more:{center}", center, f"more:{center}", "more", "more"))
    beyond_first = len(shown) - 1 - len(first) < sub.total - len(ranked)
    if remaining > 0 or beyond_first or dropped:
        sub.notice = (
            f"Showing {len(shown) - 1} of {sub.total} connected entities (cap {limit})"
            + (
                f" and the strongest {len(sub.edges)} of {len(sub.edges) + dropped} edges"
                if dropped
                else ""
            )
            + ". Narrow with the filters, or click the '+ more' node to page on."
        )
    sub.facets = facets(ix, center, f, links=around)
    return sub


def _cap_edges(edges: list[GraphEdge], center: str, cap: int) -> tuple[list[GraphEdge], int]:
    """The ``cap`` strongest edges, the centre's first; and how many were dropped."""
    if len(edges) <= cap:
        return edges, 0
    ranked = sorted(edges, key=lambda e: (center not in (e.source, e.target), -e.count, e.id))
    return ranked[:cap], len(edges) - cap


def _more(parent: str, offset: int, remaining: int) -> GraphNode:
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


def facets(ix: GraphIndex, center: str, f: Filters, *, links: list[Link] | None = None) -> dict:
    """Counts for the filter controls: claims (made or received) per stance, document and
    year, neighbours per type, relations per predicate. Each facet ignores its own filter,
    so unticked values still show their counts. ``links``: the centre's links under ``f``
    when already computed."""
    types: Counter[str] = Counter()
    stances: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    years: Counter[str] = Counter()
    wanted_stances, wanted_docs = f.stances, f.documents
    lo, hi = f.date_from or "", f.date_to or "9999"
    dated = bool(f.date_from or f.date_to)
    for rec in ix.claims_of(center):
        in_stance = wanted_stances is None or rec.stance in wanted_stances
        in_docs = wanted_docs is None or rec.document in wanted_docs
        in_dates = not dated or (rec.date is not None and lo <= rec.date <= hi)
        if in_docs and in_dates:
            stances[rec.stance] += 1
        if rec.document and in_stance and in_dates:
            documents[rec.document] += 1
        if rec.date and in_stance and in_docs:
            years[rec.date[:4]] += 1
    if links is None or f.types is not None:
        unfiltered = Filters(
            stances=f.stances,
            relations=f.relations,
            documents=f.documents,
            date_from=f.date_from,
            date_to=f.date_to,
        )
        links = list(_links(ix, center, unfiltered))
    for other in {link[0] for link in links}:
        types[ix.type(other) or "Other"] += 1
    no_rel = Filters(date_from=f.date_from, date_to=f.date_to)
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


def overview(ix: GraphIndex, *, filters: Filters | None = None, limit: int = 50) -> Subgraph:
    """The most active actors (claims made and received in the filters' range), the edges
    among them, and their coalitions: Louvain communities of actors that take the same
    stance on the same targets (networkx, fixed seed)."""
    f = filters or Filters()
    if not 1 <= limit <= MAX_NODES:
        raise InvalidQuery(f"limit must be between 1 and {MAX_NODES}")
    types = f.types if f.types is not None else frozenset(ACTOR_TYPES)
    activity: Counter[str] = Counter()
    for rec in ix.claims:
        if f.claim_ok(rec):
            for eid in (rec.claimant, *rec.about):
                if ix.type(eid) in types:
                    activity[eid] += 1
    if not activity:  # no claims yet: rank by relations
        for rec in ix.relations:
            if f.relation_ok(rec):
                for eid in (rec.source, rec.target):
                    if ix.type(eid) in types:
                        activity[eid] += 1
    top = sorted(activity, key=lambda n: (-activity[n], n))[:limit]
    shown = set(top)
    sub = Subgraph(view="overview", center=None, total=len(activity), cap=limit)
    acc = _Edges()
    positions: dict[tuple[str, str], set[str]] = defaultdict(set)
    scoped = Filters(
        types=types,
        stances=f.stances,
        relations=f.relations,
        documents=f.documents,
        date_from=f.date_from,
        date_to=f.date_to,
    )
    for eid in top:
        for i in ix.claims_by.get(eid, ()):
            rec = ix.claims[i]
            if scoped.claim_ok(rec):
                for other in rec.about:
                    positions[(rec.stance, other)].add(eid)
    _ties(ix, shown, scoped, acc, None)
    sub.edges, dropped = _cap_edges(acc.edges(), "", 4 * limit)
    groups = _coalitions(top, positions, sub.edges)
    sub.nodes = [
        GraphNode(
            id=n, label=ix.label(n), type=ix.type(n), hop=0, weight=activity[n], group=groups.get(n)
        )
        for n in top
    ]
    members: dict[str, list[str]] = defaultdict(list)
    for n in top:
        if n in groups:
            members[groups[n]].append(n)
    sub.communities = [
        {"id": g, "size": len(m), "members": [{"id": n, "label": ix.label(n)} for n in m]}
        for g, m in sorted(members.items(), key=lambda t: (-len(t[1]), t[0]))
    ]
    if len(activity) > limit or dropped:
        sub.notice = (
            f"Showing the {len(top)} most active of {len(activity)} actors"
            + (f" and the strongest {len(sub.edges)} edges among them" if dropped else "")
            + "; narrow by date, stance or type, or open an entity to explore it."
        )
    return sub


def _coalitions(
    nodes: list[str], positions: dict[tuple[str, str], set[str]], edges: list[GraphEdge]
) -> dict[str, str]:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    for actors in positions.values():
        ordered = sorted(actors)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    if g.number_of_edges() == 0:  # nobody shares a position: group by who talks to whom
        for e in edges:
            if e.source != e.target:
                g.add_edge(e.source, e.target, weight=e.count)
    if g.number_of_edges() == 0:
        return {}
    communities = nx.community.louvain_communities(g, weight="weight", seed=0)
    ordered = sorted(communities, key=lambda c: (-len(c), sorted(c)))
    return {n: f"coalition-{i + 1}" for i, c in enumerate(ordered) for n in c}


def path_view(
    ix: GraphIndex,
    source: str,
    target: str,
    *,
    filters: Filters | None = None,
    max_length: int = 4,
    max_paths: int = 10,
) -> Subgraph:
    """Every shortest connection (up to ``max_paths``, ``max_length`` steps) between two
    entities, ignoring edge direction, with the edges along them."""
    f = filters or Filters()
    for eid in (source, target):
        if eid not in ix.entities:
            raise NotFound(f"no entity '{eid}'")
    if not 1 <= max_length <= 8 or not 1 <= max_paths <= 50:
        raise InvalidQuery("max_length must be 1..8 and max_paths 1..50")
    sub = Subgraph(view="path", center=source)
    parents: dict[str, set[str]] = {source: set()}
    level = [source]
    for _ in range(max_length):
        if target in parents or not level:
            break
        nxt: dict[str, set[str]] = defaultdict(set)
        for n in level:
            for link in _links(ix, n, f):
                if link[0] not in parents:
                    nxt[link[0]].add(n)
        parents.update(nxt)
        level = sorted(nxt)
    if target in parents and source != target:
        sub.paths = _unwind(parents, target, max_paths)
    on_path = {n for p in sub.paths for n in p} | {source, target}
    sub.nodes = [_node(ix, n, hop=0 if n in (source, target) else 1) for n in sorted(on_path)]
    acc = _Edges()
    steps = {frozenset(pair) for p in sub.paths for pair in zip(p, p[1:], strict=False)}
    for a in sorted(on_path):
        for link in _links(ix, a, f, incoming=False):
            if frozenset((a, link[0])) in steps:
                acc.add(link)
    sub.edges = acc.edges()
    sub.total = len(on_path)
    if not sub.paths and source != target:
        sub.notice = f"No connection of at most {max_length} steps with these filters."
    return sub


def _unwind(parents: dict[str, set[str]], target: str, limit: int) -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(node: str, tail: list[str]) -> None:
        if len(paths) >= limit:
            return
        if not parents[node]:
            paths.append([node, *tail])
            return
        for p in sorted(parents[node]):
            walk(p, [node, *tail])

    walk(target, [])
    return paths


def meeting_network(ix: GraphIndex, meeting: str, *, limit: int = 120) -> Subgraph:
    """Who spoke at a meeting (an edge to the meeting) and what about (claim edges)."""
    if meeting not in ix.entities:
        raise NotFound(f"no meeting '{meeting}'")
    sub = Subgraph(view="meeting", center=meeting, cap=limit)
    acc = _Edges()
    involved: Counter[str] = Counter()
    for i in ix.claims_at.get(meeting, ()):
        rec = ix.claims[i]
        d = rec.date
        acc.add((meeting, rec.claimant, meeting, "spoke", "spoke at", 1, d, d, rec.id))
        involved[rec.claimant] += 1
        for other in rec.about:
            acc.add((other, rec.claimant, other, "claim", rec.stance, 1, d, d, rec.id))
            involved[other] += 1
    keep = set(sorted(involved, key=lambda n: (-involved[n], n))[:limit])
    sub.total = len(involved)
    sub.nodes = [_node(ix, meeting, hop=0)]
    sub.nodes += [_node(ix, n, hop=1, weight=involved[n]) for n in sorted(keep) if n != meeting]
    keep.add(meeting)
    sub.edges = [e for e in acc.edges() if e.source in keep and e.target in keep]
    if len(involved) > limit:
        sub.notice = f"Showing {limit} of {len(involved)} participants and targets."
    return sub
