"""How the explorer draws things: colours and shapes per entity type, colours per stance,
dashes for relations; and the legend that explains them.

>>> node_style("State")
('#4e79a7', 'dot')
>>> edge_style("claim", "oppose")["color"]
'#d62728'
>>> [item["label"] for item in legend()["stances"]][:2]
['concern', 'oppose']
"""

from __future__ import annotations

from kg.networks.filters import RELATION_LABELS
from kg.rdf.iris import STANCES

# type -> (colour, vis-network shape)
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "State": ("#4e79a7", "dot"),
    "Person": ("#f28e2b", "diamond"),
    "Organization": ("#59a14f", "square"),
    "Mechanism": ("#e15759", "triangle"),
    "Meeting": ("#b07aa1", "star"),
    "Position": ("#9c755f", "triangleDown"),
    "Report": ("#76b7b2", "hexagon"),
    "Instrument": ("#edc948", "hexagon"),
}
OTHER_STYLE = ("#bab0ac", "dot")
MORE_STYLE = ("#ffffff", "box")
MOTION_STYLE = ("#d4a017", "box")

STANCE_COLORS: dict[str, str] = {
    "concern": "#ff7f0e",
    "oppose": "#d62728",
    "support": "#2ca02c",
    "accuse": "#8c2d04",
    "call_for": "#1f77b4",
    "recommend": "#17becf",
    "find": "#9467bd",
    "assert": "#7f7f7f",
}
VOTE_COLORS = {"yes": "#2ca02c", "no": "#d62728", "abstain": "#e6a700"}
RELATION_COLOR = "#9aa5b1"
SPOKE_COLOR = "#c7b3d9"
COALITION_COLORS = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


def node_style(type_: str | None, *, kind: str = "entity") -> tuple[str, str]:
    """Colour and shape of a node."""
    if kind == "more":
        return MORE_STYLE
    if kind == "motion":
        return MOTION_STYLE
    return TYPE_STYLES.get(type_ or "", OTHER_STYLE)


def coalition_color(group: str | None) -> str | None:
    """The colour of a coalition (``coalition-3``), None outside any."""
    if not group or not group.rsplit("-", 1)[-1].isdigit():
        return None
    return COALITION_COLORS[(int(group.rsplit("-", 1)[-1]) - 1) % len(COALITION_COLORS)]


def edge_style(kind: str, predicate: str) -> dict:
    """vis-network edge options for a kind of edge: stance colours for claims, grey dashes
    for relations, ballot colours for votes."""
    if kind == "claim":
        return {"color": STANCE_COLORS.get(predicate, "#7f7f7f"), "dashes": False}
    if kind == "vote":
        return {"color": VOTE_COLORS.get(predicate, "#7f7f7f"), "dashes": [2, 4]}
    if kind == "spoke":
        return {"color": SPOKE_COLOR, "dashes": [1, 3]}
    if kind == "more":
        return {"color": "#cccccc", "dashes": [4, 4]}
    return {"color": RELATION_COLOR, "dashes": [6, 4]}


def legend() -> dict[str, list[dict[str, str]]]:
    """What the colours, shapes and dashes mean."""
    return {
        "types": [
            {"label": name, "color": color, "shape": shape}
            for name, (color, shape) in TYPE_STYLES.items()
        ],
        "stances": [
            {"label": s.replace("_", " "), "value": s, "color": STANCE_COLORS[s]} for s in STANCES
        ],
        "relations": [
            {"label": label, "value": name, "color": RELATION_COLOR}
            for name, label in RELATION_LABELS.items()
            if name in ("holdsPosition", "memberOf", "represents", "worksFor")
        ],
        "votes": [{"label": v, "value": v, "color": c} for v, c in VOTE_COLORS.items()],
    }


def palette_css() -> str:
    """The colours above as CSS classes (``type-State``, ``stance-oppose``, ``coalition-2``,
    ``ballot-yes``), so pages need no inline styles (the CSP forbids them)."""
    rules = [f".type-{name} {{ background-color: {c}; }}" for name, (c, _) in TYPE_STYLES.items()]
    for name, c in STANCE_COLORS.items():
        rules.append(f".stance-{name} {{ border-color: {c}; color: {c}; }}")
        rules.append(f".line.stance-{name} {{ background-color: {c}; }}")
    for i, c in enumerate(COALITION_COLORS, start=1):
        rules.append(f".coalition-{i} {{ background-color: {c}; }}")
    for name, c in VOTE_COLORS.items():
        rules.append(f".ballot-{name} {{ color: {c}; font-weight: bold; }}")
        rules.append(f".line.vote-{name} {{ background-color: {c}; }}")
    return "\n".join(rules) + "\n"
