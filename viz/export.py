"""A view's network as GraphML (networkx ``write_graphml``), for Gephi, yEd, Cytoscape.

>>> from kg.networks.subgraph import GraphNode, GraphEdge, Subgraph
>>> sub = Subgraph(view="entity", center="a",
...                nodes=[GraphNode("a", "A", "State"), GraphNode("b", "B", None, hop=1)],
...                edges=[GraphEdge("claim:a>b:oppose", "a", "b", "claim", "oppose", 2)])
>>> b"<graphml" in graphml(sub) and b'key="d' in graphml(sub)
True
"""

from __future__ import annotations

import io

import networkx as nx

from kg.networks.subgraph import Subgraph


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """The view as a networkx graph (attributes without None values: GraphML has no null)."""
    g = nx.MultiDiGraph(view=sub.view, center=sub.center or "", truncated=sub.truncated)
    for n in sub.nodes:
        attrs = {
            "label": n.label,
            "type": n.type,
            "kind": n.kind,
            "hop": n.hop,
            "weight": n.weight,
            "coalition": n.group,
            "x": n.x,
            "y": n.y,
        }
        g.add_node(n.id, **{k: v for k, v in attrs.items() if v is not None})
    for e in sub.edges:
        attrs = {
            "kind": e.kind,
            "predicate": e.predicate,
            "label": e.label,
            "count": e.count,
            "first": e.first,
            "last": e.last,
            "claim": e.claim,
        }
        g.add_edge(e.source, e.target, key=e.id, **{k: v for k, v in attrs.items() if v})
    return g


def graphml(sub: Subgraph) -> bytes:
    """The view as a GraphML document."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(sub), buffer)
    return buffer.getvalue()
