"""The explorer's other networks: the overview of the main actors, the shortest connections
between two entities, and a meeting (who spoke, about what, how each state voted).

Like :func:`kg.networks.subgraph.ego_network`, each returns a capped
:class:`kg.networks.subgraph.Subgraph`.

>>> from kg.networks.index import GraphIndex, EntityRecord, ClaimRecord
>>> from kg.networks.index import aggregate
>>> ix = GraphIndex(entities={n: EntityRecord(n, n.upper(), "State") for n in "abc"})
>>> ix.claims = [ClaimRecord("d/1", "a", ("b",), "oppose", None, "d", None),
...              ClaimRecord("d/2", "c", ("b",), "oppose", None, "d", None)]
>>> for i, c in enumerate(ix.claims):
...     ix.claims_by[c.claimant].append(i); ix.claims_about[c.about[0]].append(i)
>>> aggregate(ix)
>>> path_view(ix, "a", "c").paths
[['a', 'b', 'c']]
>>> [n.id for n in overview(ix).nodes]
['b', 'a', 'c']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import networkx as nx

from kg.errors import InvalidQuery, NotFound
from kg.networks.filters import Filters
from kg.networks.index import ACTOR_TYPES, GraphIndex
from kg.networks.subgraph import MAX_NODES, Edges, GraphEdge, GraphNode, Subgraph, links, node, ties
from kg.queries.votes import VoteEvent


def overview(ix: GraphIndex, *, filters: Filters | None = None, limit: int = 50) -> Subgraph:
    """The most active actors (claims made and received in the filters' range), the edges
    among them, and their coalitions: Louvain communities of actors that take the same
    stance on the same targets (networkx, fixed seed)."""
    f = filters or Filters()
    if not 1 <= limit <= MAX_NODES:
        raise InvalidQuery(f"limit must be between 1 and {MAX_NODES}")
    types = f.types if f.types is not None else frozenset(ACTOR_TYPES)
    activity: Counter[str] = Counter()
    kinds = ix.types
    for rec in ix.claims:
        if f.claim_ok(rec):
            if kinds.get(rec.claimant) in types:
                activity[rec.claimant] += 1
            for eid in rec.about:
                if kinds.get(eid) in types:
                    activity[eid] += 1
    if not activity:  # no claims yet: rank by relations
        for rel in ix.relations:
            if f.relation_ok(rel):
                for eid in (rel.source, rel.target):
                    if kinds.get(eid) in types:
                        activity[eid] += 1
    top = sorted(activity, key=lambda n: (-activity[n], n))[:limit]
    shown = set(top)
    sub = Subgraph(view="overview", center=None, total=len(activity), cap=limit)
    scoped = Filters(types, f.stances, f.relations, f.documents, f.date_from, f.date_to)
    positions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for eid in top:
        for i in ix.claims_by.get(eid, ()):
            rec = ix.claims[i]
            if scoped.claim_ok(rec):
                for other in rec.about:
                    positions[(rec.stance, other)].add(eid)
    acc = Edges()
    ties(ix, shown, scoped, acc, None)
    sub.edges, dropped = acc.edges(cap=4 * limit)
    groups = _coalitions(top, positions, sub.edges)
    sub.nodes = [
        GraphNode(id=n, label=ix.label(n), type=ix.type(n), weight=activity[n], group=groups.get(n))
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
    ordered = sorted((c for c in communities if len(c) > 1), key=lambda c: (-len(c), sorted(c)))
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
            for link in links(ix, n, f):
                if link[0] not in parents:
                    nxt[link[0]].add(n)
        parents.update(nxt)
        level = sorted(nxt)
    if target in parents and source != target:
        sub.paths = _unwind(parents, target, max_paths)
    on_path = {n for p in sub.paths for n in p} | {source, target}
    sub.nodes = [node(ix, n, hop=0 if n in (source, target) else 1) for n in sorted(on_path)]
    acc = Edges()
    steps = {frozenset(pair) for p in sub.paths for pair in zip(p, p[1:], strict=False)}
    for a in sorted(on_path):
        for link in links(ix, a, f, incoming=False):
            if frozenset((a, link[0])) in steps:
                acc.add(link)
    sub.edges, _ = acc.edges()
    sub.total = len(on_path)
    if not sub.paths and source != target:
        sub.notice = f"No connection of at most {max_length} steps with these filters."
    return sub


def _unwind(parents: dict[str, set[str]], target: str, limit: int) -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(at: str, tail: list[str]) -> None:
        if len(paths) >= limit:
            return
        if not parents[at]:
            paths.append([at, *tail])
            return
        for p in sorted(parents[at]):
            walk(p, [at, *tail])

    walk(target, [])
    return paths


def meeting_network(
    ix: GraphIndex, meeting: str, *, votes: Sequence[VoteEvent] = (), limit: int = 120
) -> Subgraph:
    """Who spoke at a meeting (an edge to the meeting), what about (claim edges), and how
    each state voted (an edge to each motion put to the vote: yes, no or abstain)."""
    if meeting not in ix.entities:
        raise NotFound(f"no meeting '{meeting}'")
    sub = Subgraph(view="meeting", center=meeting, cap=limit)
    acc = Edges()
    involved: Counter[str] = Counter()
    for i in ix.claims_at.get(meeting, ()):
        rec = ix.claims[i]
        d = rec.date
        acc.add((meeting, rec.claimant, meeting, "spoke", "spoke at", 1, d, d, rec.id))
        involved[rec.claimant] += 1
        for other in rec.about:
            acc.add((other, rec.claimant, other, "claim", rec.stance, 1, d, d, rec.id))
            involved[other] += 1
    motions: list[GraphNode] = []
    for event in votes:
        motion = f"motion:{event.id}"
        label = (event.motion or "motion")[:60] + (f" ({event.result})" if event.result else "")
        motions.append(GraphNode(id=motion, label=label, type=None, kind="motion", hop=1))
        acc.add((motion, motion, meeting, "relation", "voted at", 1, event.date, None, None))
        for ballot in event.ballots:
            voter = ballot.voter.id
            if voter:
                acc.add((motion, voter, motion, "vote", ballot.option, 1, event.date, None, None))
                involved[voter] += 1
    keep = set(sorted(involved, key=lambda n: (-involved[n], n))[:limit])
    sub.total = len(involved)
    sub.nodes = [node(ix, meeting, hop=0)]
    sub.nodes += [node(ix, n, hop=1, weight=involved[n]) for n in sorted(keep) if n != meeting]
    sub.nodes += motions
    keep.update([meeting, *(m.id for m in motions)])
    edges, _ = acc.edges()
    sub.edges = [e for e in edges if e.source in keep and e.target in keep]
    if len(involved) > limit:
        sub.notice = f"Showing {limit} of {len(involved)} participants and targets."
    return sub
