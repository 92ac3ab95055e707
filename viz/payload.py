"""The explorer's views as plain JSON-ready dicts: what ``.json`` serves and what the HTML
page embeds (in a ``<script type="application/json">`` block its own script reads).

One dict per view, built from the library's objects; the HTML templates render the same
dict, so the page and its ``.json`` always agree.

>>> view_url("/explore/entity/chn", {"stances": ["oppose", "call_for"], "from": "2023-01-01"})
'/explore/entity/chn?stances=oppose&stances=call_for&from=2023-01-01'
>>> view_url("/explore", {})
'/explore'
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import quote, urlencode

from kg.networks.index import GraphIndex
from kg.networks.subgraph import Subgraph
from viz.network import vis_data
from viz.style import legend


def view_url(path: str, params: dict[str, Any]) -> str:
    """A root-relative URL with its query (lists repeat their key; empty values dropped)."""
    items = [(k, v) for k, v in params.items() if v not in (None, "", [])]
    query = urlencode(items, doseq=True)
    return f"{path}?{query}" if query else path


def entity_path(eid: str) -> str:
    """The explorer URL of an entity."""
    return f"/explore/entity/{quote(eid, safe='')}"


def links(path: str, params: dict[str, Any], *, api: str | None = None) -> dict[str, str]:
    """The view in every format: the page, ``.json`` and ``.graphml`` beside it."""
    out = {
        "self": view_url(path, params),
        "json": view_url(f"{path}.json", params),
        "graphml": view_url(f"{path}.graphml", params),
    }
    if api:
        out["api"] = api
    return out


def network(sub: Subgraph, *, positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """A subgraph as plain data plus its vis-network form."""
    return {
        "center": sub.center,
        "total": sub.total,
        "cap": sub.cap,
        "shown": sum(1 for n in sub.nodes if n.kind == "entity"),
        "notice": sub.notice,
        "truncated": sub.truncated,
        "nodes": [asdict(n) for n in sub.nodes],
        "edges": [{**asdict(e), "label": e.label} for e in sub.edges],
        "paths": sub.paths,
        "communities": sub.communities,
        "layout": "precomputed" if positions else "physics",
        "vis": vis_data(sub, positions=positions),
    }


def entity_payload(
    sub: Subgraph,
    details: Any,
    *,
    params: dict[str, Any],
    positions: dict[str, tuple[float, float]] | None = None,
) -> dict:
    """The entity view: ego network, facets, details, legend and links."""
    eid = sub.center or ""
    path = entity_path(eid)
    return {
        "view": "entity",
        "title": details.entity.label,
        "entity": asdict(details.entity),
        "params": params,
        "links": links(path, params, api=f"/api/entities/{quote(eid, safe='')}"),
        "network": network(sub, positions=positions),
        "facets": sub.facets,
        "details": asdict(details),
        "legend": legend(),
    }


def search_results(ix: GraphIndex, q: str, *, type: str | None = None, limit: int = 20) -> list:
    """Entities matching a name or alias, with their type and counts, and their view URL."""
    out = []
    for rec in ix.search(q, type=type, limit=limit):
        meeting = rec.type == "Meeting" or rec.id in ix.claims_at
        out.append(
            {
                "id": rec.id,
                "label": rec.label,
                "type": rec.type,
                "aliases": list(rec.aliases[:5]),
                "claims_made": len(ix.claims_by.get(rec.id, ())),
                "claims_received": len(ix.claims_about.get(rec.id, ())),
                "relations": len(ix.rel_out.get(rec.id, ())) + len(ix.rel_in.get(rec.id, ())),
                "href": f"/explore/meeting/{quote(rec.id, safe='')}"
                if meeting
                else entity_path(rec.id),
            }
        )
    return out


def plain(value: Any) -> Any:
    """Dataclasses (nested) as dicts; anything else as is."""
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def year_links(path: str, params: dict[str, Any], years: dict[str, int]) -> list[dict]:
    """One link per year of the timeline (the view narrowed to that year), with a bar level
    0..10 for its count."""
    peak = max(years.values(), default=0)
    out = []
    for year, count in years.items():
        narrowed = {**params, "from": f"{year}-01-01", "to": f"{year}-12-31", "offset": None}
        out.append(
            {
                "year": year,
                "count": count,
                "href": view_url(path, narrowed),
                "level": -(-10 * count // peak) if peak else 0,
            }
        )
    return out


def overview_payload(
    ix: GraphIndex,
    sub: Subgraph,
    *,
    params: dict[str, Any],
    positions: dict[str, tuple[float, float]] | None = None,
    q: str | None = None,
) -> dict:
    """The overview: the main actors' network with coalitions, totals, facets, and the
    search results for ``q``."""
    years: dict[str, int] = {}
    stances: dict[str, int] = {}
    for rec in ix.claims:
        stances[rec.stance] = stances.get(rec.stance, 0) + 1
        if rec.date:
            years[rec.date[:4]] = years.get(rec.date[:4], 0) + 1
    types: dict[str, int] = {}
    for n in sub.nodes:
        types[n.type or "Other"] = types.get(n.type or "Other", 0) + 1
    data = {
        "view": "overview",
        "title": "Explorer",
        "params": params,
        "links": links("/explore", params),
        "stats": {
            "entities": len(ix.entities),
            "claims": len(ix.claims),
            "relations": len(ix.relations),
            "documents": len(ix.documents),
            "index_seconds": round(ix.seconds, 3),
        },
        "network": network(sub, positions=positions),
        "facets": {"stances": stances, "types": dict(sorted(types.items()))},
        "years": dict(sorted(years.items())),
        "documents_recent": [{"id": d, "title": t} for d, t in sorted(ix.documents.items())[:20]],
        "legend": legend(),
    }
    if q:
        data["results"] = search_results(ix, q)
        needle = q.casefold()
        data["documents"] = [
            {"id": d, "title": t} for d, t in ix.documents.items() if needle in t.casefold()
        ][:10]
    return data


__all__ = [
    "entity_path",
    "entity_payload",
    "legend",
    "links",
    "network",
    "overview_payload",
    "plain",
    "quote",
    "search_results",
    "view_url",
    "year_links",
]
