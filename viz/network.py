"""A view's network as vis-network data, built with pyvis; and precomputed layouts.

pyvis builds the node, edge and option objects (``Network.add_node`` / ``add_edge``); we do not
use its HTML templates (they load scripts from CDNs and put titles and headings through
``innerHTML``). Titles are plain text: vis-network shows string titles with ``innerText``.

Small views are laid out in the browser (physics, stopped after stabilisation); larger ones
get positions computed here with networkx (``spring_layout``, fixed seed), which callers cache.

>>> from kg.networks.subgraph import GraphNode, GraphEdge, Subgraph
>>> sub = Subgraph(view="entity", center="a",
...                nodes=[GraphNode("a", "A", "State"), GraphNode("b", "<b>", "Person", hop=1)],
...                edges=[GraphEdge("claim:a>b:oppose", "a", "b", "claim", "oppose")])
>>> data = vis_data(sub)
>>> [n["title"] for n in data["nodes"]]
['A (State)', '<b> (Person)']
>>> data["edges"][0]["label"], data["edges"][0]["color"]["color"]
('oppose', '#d62728')
"""

from __future__ import annotations

import networkx as nx
from pyvis.network import Network

from kg.networks.subgraph import GraphEdge, GraphNode, Subgraph
from viz.style import coalition_color, edge_style, node_style

LAYOUT_THRESHOLD = 80  # views with more nodes get a precomputed layout
LABEL_MAX = 40
SCALE = 900.0


def short(label: str, limit: int = LABEL_MAX) -> str:
    """A label cut to ``limit`` characters."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _node_title(n: GraphNode) -> str:
    if n.kind == "more":
        return f"{n.remaining} more connected entities: open to show the next ones"
    kind = n.type or ("motion" if n.kind == "motion" else "entity")
    return f"{n.label} ({kind})"


def _edge_title(e: GraphEdge, labels: dict[str, str]) -> str:
    dates = ""
    if e.first and e.last and e.first != e.last:
        dates = f", {e.first} to {e.last}"
    elif e.first:
        dates = f", {e.first}"
    count = f" ({e.count}×{dates})" if e.count > 1 else (f" ({dates[2:]})" if dates else "")
    what = e.label.split(" ×")[0]
    return f"{labels.get(e.source, e.source)} {what} {labels.get(e.target, e.target)}{count}"


def vis_data(sub: Subgraph, *, positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """Nodes, edges and options for vis-network (``positions`` fix the layout)."""
    net = Network(directed=True)
    labels = {n.id: n.label for n in sub.nodes}
    for n in sub.nodes:
        color, shape = node_style(n.type, kind=n.kind)
        group_color = coalition_color(n.group)
        options: dict = {
            "title": _node_title(n),
            "color": {"background": group_color or color, "border": "#333333"},
            "size": 28 if n.id == sub.center else (12 + min(n.weight, 40) / 4),
            "borderWidth": 3 if n.id == sub.center else 1,
            "font": {"size": 16 if n.id == sub.center else 13},
            "name": n.label,
            "kind": n.kind,
            "type": n.type,
            "hop": n.hop,
            "weight": n.weight,
        }
        if n.group:
            options["coalition"] = n.group
        if n.kind == "more":
            options.update(parent=n.parent, offset=n.offset, remaining=n.remaining)
            options["font"] = {"size": 13, "color": "#333333"}
            options["color"] = {"background": color, "border": "#888888"}
        if positions and n.id in positions:
            x, y = positions[n.id]
            options.update(x=round(x, 1), y=round(y, 1), physics=False)
        net.add_node(n.id, label=short(n.label), shape=shape, **options)
    for e in sub.edges:
        style = edge_style(e.kind, e.predicate)
        net.add_edge(
            e.source,
            e.target,
            id=e.id,
            label=e.label if e.kind in ("claim", "vote") else "",
            title=_edge_title(e, labels) if e.kind != "more" else "",
            color={"color": style["color"], "highlight": style["color"]},
            dashes=style["dashes"],
            width=1 + min(e.count, 12) / 3,
            font={"size": 10, "align": "middle", "color": "#444444"},
            kind=e.kind,
            predicate=e.predicate,
            count=e.count,
            first=e.first,
            last=e.last,
        )
    net.options = _options(positioned=bool(positions))
    return {"nodes": net.nodes, "edges": net.edges, "options": net.options}


def _options(*, positioned: bool) -> dict:
    return {
        "autoResize": True,
        "physics": {
            "enabled": not positioned,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "damping": 0.3},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        },
        "interaction": {"hover": True, "keyboard": False, "tooltipDelay": 150},
        "edges": {
            "smooth": {"enabled": True, "type": "continuous"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        },
        "nodes": {"font": {"face": "sans-serif"}},
    }


def layout(sub: Subgraph, *, seed: int = 0) -> dict[str, tuple[float, float]] | None:
    """Positions for a view too large for the browser's physics (None for small views)."""
    if len(sub.nodes) <= LAYOUT_THRESHOLD:
        return None
    g = nx.Graph()
    g.add_nodes_from(n.id for n in sub.nodes)
    for e in sub.edges:
        if e.source != e.target:
            weight = g.get_edge_data(e.source, e.target, {"weight": 0})["weight"] + e.count
            g.add_edge(e.source, e.target, weight=weight)
    fixed = {sub.center: (0.0, 0.0)} if sub.center in g else None
    pos = nx.spring_layout(
        g, seed=seed, iterations=60, pos=fixed, fixed=list(fixed) if fixed else None
    )
    return {n: (float(x) * SCALE, float(y) * SCALE) for n, (x, y) in pos.items()}
