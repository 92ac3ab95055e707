"""Network analytics with networkx: who is central, and which actors form coalitions.

Centrality is computed on the actor network (:func:`kg.networks.actors.entity_graph`).
Coalitions are communities of actors that take the same stance on the same things or vote
alike. Two actors agree when they take a position together (a stance with a direction —
support, call for and recommend on one side; oppose, accuse and concern on the other — about
the same entity, or the same option in the same vote) and disagree when they take opposite
ones. A position shared by few weighs more than one shared by many (1 / (n - 1) per pair, so a
lone "no" against a large "yes" says more than the "yes"); disagreements subtract. Louvain
community detection (fixed seed, so the result is repeatable) groups actors over the pairs that
agree on balance.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n in "abc": g.add_node(n, label=n.upper(), type="State")
>>> _ = g.add_edge("a", "b", kind="claim", predicate="oppose")
>>> _ = g.add_edge("c", "b", kind="claim", predicate="oppose")
>>> [s.id for s in centrality(g)][0]
'b'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.errors import InvalidQuery
from kg.rdf.common import CLASS_TYPES
from kg.rdf.iris import Iris
from kg.store import GraphStore

_ACTOR_TYPES = ("State", "Person", "Organization", "Mechanism")


@dataclass(frozen=True)
class CentralityScore:
    """How central one entity is: degree, betweenness and closeness centrality (all
    normalised to 0..1, on the undirected network), and its number of edges."""

    id: str
    label: str | None
    type: str | None
    degree: float
    betweenness: float
    closeness: float
    edges: int


@dataclass(frozen=True)
class Position:
    """Something several actors share: a stance about an entity, or an option in a vote."""

    kind: str  # "claim" or "vote"
    key: str  # stance or vote option
    target: str  # the entity id (claims) or vote event id (votes)
    target_label: str | None
    actors: list[str]


@dataclass(frozen=True)
class Member:
    """An actor in a coalition."""

    id: str
    label: str | None
    type: str | None


@dataclass(frozen=True)
class Coalition:
    """A community of actors and the positions at least two of them share.

    ``cohesion``: net agreement per pair of members, on average (0 when none).
    """

    id: int
    members: list[Member]
    cohesion: float
    shared: list[Position] = field(default_factory=list)


CENTRALITY_MEASURES = ("degree", "betweenness", "closeness")


def centrality(
    graph: nx.MultiDiGraph,
    *,
    limit: int = 25,
    type: str | None = None,
    by: str = "degree",
) -> list[CentralityScore]:
    """The ``limit`` most central entities (optionally of one type), ranked ``by`` one of
    :data:`CENTRALITY_MEASURES` (ties broken by the others, then by id)."""
    if by not in CENTRALITY_MEASURES:
        raise InvalidQuery(f"by must be one of {', '.join(CENTRALITY_MEASURES)}")
    if graph.number_of_nodes() == 0:
        return []
    simple = nx.Graph(graph.to_undirected(as_view=True))
    measures = {
        "degree": nx.degree_centrality(simple),
        "betweenness": nx.betweenness_centrality(simple),
        "closeness": nx.closeness_centrality(simple),
    }
    scores = [
        CentralityScore(
            id=n,
            label=data.get("label"),
            type=data.get("type"),
            edges=graph.degree(n),
            **{m: round(values.get(n, 0.0), 6) for m, values in measures.items()},
        )
        for n, data in graph.nodes(data=True)
        if type is None or data.get("type") == type
    ]
    order = [by, *(m for m in CENTRALITY_MEASURES if m != by)]
    scores.sort(key=lambda s: (*(-getattr(s, m) for m in order), s.id))
    return scores[:limit]


_STANCES = """
SELECT DISTINCT ?actor ?stance ?about ?aboutLabel WHERE {
  ?claim a dkg:Claim ; dkg:claimant ?actor ; dkg:stance ?stance ; schema:about ?about .
  OPTIONAL { ?about skos:prefLabel ?aboutLabel }
}"""

_BALLOTS = """
SELECT DISTINCT ?actor ?event ?option ?text WHERE {
  ?vote a opengov:Vote ; opengov:voter ?actor ; opengov:option ?option ;
        opengov:voteEvent ?event .
  OPTIONAL { ?event opengov:motion/opengov:text ?text }
}"""

_ACTORS = """
SELECT DISTINCT ?actor ?label ?type WHERE {
  ?actor a dkg:Actor ; skos:prefLabel ?label ; a ?type .
}"""


def shared_positions(store: GraphStore, *, iris: Iris) -> list[Position]:
    """Every position taken by at least two actors."""
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    labels: dict[str, str | None] = {}
    for row in store.select(_STANCES):
        actor, about = iris.local_id(str(row["actor"])), iris.local_id(str(row["about"]))
        if actor and about and actor != about:
            stance = str(row["stance"]).rsplit("/", 1)[-1]
            groups[("claim", stance, about)].add(actor)
            labels[about] = str(row["aboutLabel"]) if row.get("aboutLabel") else None
    for row in store.select(_BALLOTS):
        actor = iris.local_id(str(row["actor"]))
        event = iris.local_id(str(row["event"]), "vote") or str(row["event"])
        if actor:
            groups[("vote", str(row["option"]), event)].add(actor)
            labels[event] = str(row["text"]) if row.get("text") else None
    return [
        Position(kind=k, key=key, target=t, target_label=labels.get(t), actors=sorted(actors))
        for (k, key, t), actors in sorted(groups.items())
        if len(actors) >= 2
    ]


_DIRECTION = {"support": 1, "call_for": 1, "recommend": 1, "oppose": -1, "accuse": -1,
              "concern": -1}  # fmt: skip


def _side(pos: Position) -> tuple[str, int] | None:
    """(what the position is about, which side it takes), or None for neutral stances."""
    if pos.kind == "vote":
        return (f"vote:{pos.target}", {"yes": 1, "no": -1}.get(pos.key, 0))
    direction = _DIRECTION.get(pos.key)
    return None if direction is None else (f"claim:{pos.target}", direction)


def agreement_graph(positions: list[Position]) -> nx.Graph:
    """Actors linked by how much more they agree than disagree (positive weights only)."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    sides: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for pos in positions:
        side = _side(pos)
        if side is None:
            continue
        share = 1.0 / (len(pos.actors) - 1)
        for a, b in combinations(sorted(pos.actors), 2):
            weights[(a, b)] += share
        sides[side[0]].append((side[1], pos.actors))
    for groups in sides.values():
        for (d1, a1), (d2, a2) in combinations(groups, 2):
            if d1 * d2 < 0 or d1 != d2:  # opposite sides (or abstention against a side)
                penalty = (0.5 if 0 in (d1, d2) else 1.0) / max(len(a1), len(a2))
                for a in a1:
                    for b in a2:
                        if a != b:
                            weights[tuple(sorted((a, b)))] -= penalty  # type: ignore[index]
    g = nx.Graph()
    for (a, b), w in weights.items():
        if w > 0:
            g.add_edge(a, b, weight=round(w, 6))
    return g


def coalitions(store: GraphStore, *, iris: Iris, min_size: int = 2) -> list[Coalition]:
    """Communities of actors that take the same positions, largest first."""
    positions = shared_positions(store, iris=iris)
    g = agreement_graph(positions)
    if g.number_of_edges() == 0:
        return []
    actors: dict[str, Member] = {}
    for row in store.select(_ACTORS):
        aid = iris.local_id(str(row["actor"]))
        kind = CLASS_TYPES.get(row["type"])
        if aid and (aid not in actors or kind in _ACTOR_TYPES):
            actors[aid] = Member(id=aid, label=str(row["label"]), type=kind)
    communities = nx.community.louvain_communities(g, weight="weight", seed=0)
    result = []
    for members in communities:
        if len(members) < min_size:
            continue
        sub = g.subgraph(members)
        possible = len(members) * (len(members) - 1) / 2
        shared = [
            Position(p.kind, p.key, p.target, p.target_label, sorted(members & set(p.actors)))
            for p in positions
            if len(members.intersection(p.actors)) >= 2
        ]
        result.append(
            (
                sorted(members),
                round(sub.size(weight="weight") / possible, 4) if possible else 0.0,
                shared,
            )
        )
    result.sort(key=lambda c: (-len(c[0]), c[0]))
    return [
        Coalition(
            id=i + 1,
            members=[actors.get(m, Member(id=m, label=None, type=None)) for m in members],
            cohesion=cohesion,
            shared=shared,
        )
        for i, (members, cohesion, shared) in enumerate(result)
    ]
