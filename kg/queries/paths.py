"""Shortest connections between two entities in the actor network (networkx).

The network is :func:`kg.networks.actors.entity_graph`: entities as nodes, relations and claims as
edges. Paths ignore edge direction; each step says which way its edges point.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="A", type="State"); g.add_node("b", label="B", type="State")
>>> g.add_node("c", label="C", type="Person")
>>> _ = g.add_edge("a", "c", kind="claim", predicate="oppose")
>>> _ = g.add_edge("b", "c", kind="relation", predicate="memberOf")
>>> [n.id for n in shortest_paths(g, "a", "b")[0].nodes]
['a', 'c', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.errors import InvalidQuery, NotFound

MAX_LENGTH = 8


@dataclass(frozen=True)
class PathNode:
    """An entity on a path."""

    id: str
    label: str | None
    type: str | None


@dataclass(frozen=True)
class PathEdge:
    """The edges between two consecutive nodes of a path (``forward``: from the earlier
    node to the later one)."""

    source: str
    target: str
    predicate: str
    kind: str
    forward: bool


@dataclass(frozen=True)
class EntityPath:
    """One path: its nodes and, between each two, the edges joining them."""

    nodes: list[PathNode]
    edges: list[PathEdge]

    @property
    def length(self) -> int:
        return len(self.nodes) - 1


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_length: int = 4,
    limit: int = 10,
) -> list[EntityPath]:
    """Up to ``limit`` shortest paths of at most ``max_length`` steps ([] when none)."""
    if not 1 <= max_length <= MAX_LENGTH:
        raise InvalidQuery(f"max must be between 1 and {MAX_LENGTH}")
    for node in (source, target):
        if node not in graph:
            raise NotFound(f"no entity '{node}' in the network")
    if source == target:
        return [EntityPath(nodes=[_node(graph, source)], edges=[])]
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    try:
        found = nx.all_shortest_paths(undirected, source, target)
        paths = []
        for nodes in found:
            if len(nodes) - 1 > max_length:
                break
            paths.append(nodes)
            if len(paths) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return [_path(graph, nodes) for nodes in sorted(paths)]


def _node(graph: nx.MultiDiGraph, node: str) -> PathNode:
    data = graph.nodes[node]
    return PathNode(id=node, label=data.get("label"), type=data.get("type"))


def _path(graph: nx.MultiDiGraph, nodes: list[str]) -> EntityPath:
    edges: list[PathEdge] = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        for src, dst, forward in ((a, b, True), (b, a, False)):
            for data in (graph.get_edge_data(src, dst) or {}).values():
                edges.append(
                    PathEdge(
                        source=src,
                        target=dst,
                        predicate=str(data.get("predicate", "")),
                        kind=str(data.get("kind", "")),
                        forward=forward,
                    )
                )
    return EntityPath(nodes=[_node(graph, n) for n in nodes], edges=edges)
