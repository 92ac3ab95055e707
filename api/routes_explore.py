"""The browser explorer: every view is a URL, with its data at ``.json`` and its network at
``.graphml`` beside it.

* ``/explore`` search over names and aliases, and the main actors with their coalitions;
* ``/explore/entity/{id}`` the ego network with filters and the entity's details;
* ``/explore/meeting/{id}`` who spoke, with what stance about what, and how states voted;
* ``/explore/path?from=&to=`` the shortest connections between two entities;
* ``/explore/document/{id}`` a document's text with every extracted span marked.

Networks are cut from the in-memory index (:mod:`kg.networks.index`, cached per store
generation), so no view scans the store; large views get a layout computed once and cached.
Library errors become the JSON error shape on ``.json``/``.graphml`` and an HTML page (with
the same type and message) on the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from api.params import Rt
from api.runtime import Runtime
from kg.errors import KGError, NotFound
from kg.networks.details import entity_details, meeting_details, meeting_votes
from kg.networks.document_view import document_view
from kg.networks.filters import Filters
from kg.networks.index import GraphIndex, build_index
from kg.networks.subgraph import MAX_HOPS, MAX_NODES, Subgraph, ego_network
from kg.networks.views import meeting_network, overview, path_view
from viz import payload as views
from viz.export import graphml
from viz.network import layout
from viz.render import STATIC, render
from viz.style import palette_css

router = APIRouter(include_in_schema=False)

Id = Annotated[str, Path(min_length=1, max_length=200)]
Values = Annotated[list[str], Query(max_length=60)]
DateParam = Annotated[str | None, Query(max_length=10)]
GRAPHML = "application/graphml+xml"


def install(app: FastAPI) -> None:
    """Add the explorer's routes and its static files (``/static/viz``) to an app."""
    app.mount("/static/viz", StaticFiles(directory=STATIC), name="viz-static")
    app.include_router(router)


def index(rt: Runtime) -> GraphIndex:
    """The actor network index of the current store (built once per generation)."""
    return rt.cached("explore:index", lambda: build_index(rt.store, iris=rt.iris))


def _key(*parts: Any) -> str:
    return "explore:" + "|".join(repr(p) for p in parts)


def _positions(rt: Runtime, key: str, sub: Subgraph) -> dict | None:
    """The cached layout of a large view (None: the browser lays it out)."""
    return rt.cached("layout:" + key, lambda: layout(sub))


def _page(template: str, build: Callable[[], dict], *, q: str | None = None) -> HTMLResponse:
    """An HTML page from the context ``build()`` returns, or an HTML error page with the
    error's type and message (and its status)."""
    try:
        context = build()
    except KGError as exc:
        html = render("error.html", error=exc.to_dict()["error"], status=exc.status, q=q)
        return HTMLResponse(html, status_code=exc.status if exc.status < 500 else 500)
    return HTMLResponse(render(template, q=q, **context))


def _chosen(f: Filters) -> dict[str, frozenset[str] | None]:
    return {
        "types": f.types,
        "stances": f.stances,
        "relations": f.relations,
        "documents": f.documents,
    }


# --- overview and search ------------------------------------------------------------------


def _overview(
    rt: Runtime, *, q: str | None, types: list[str], stances: list[str], lo, hi, limit: int
) -> dict:
    f = Filters.parse(types=types, stances=stances, date_from=lo, date_to=hi)
    ix = index(rt)
    key = _key("overview", f, limit)
    sub = rt.cached(key, lambda: overview(ix, filters=f, limit=limit))
    params = {**f.params(), "limit": limit}
    if q:
        params["q"] = q
    positions = _positions(rt, key, sub)
    return views.overview_payload(ix, sub, params=params, positions=positions, q=q)


Limit = Annotated[int, Query(ge=1, le=MAX_NODES)]
Q = Annotated[str | None, Query(max_length=200)]


@router.get("/explore")
def explore_page(
    rt: Rt,
    q: Q = None,
    types: Values = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
    stances: Values = [],  # noqa: B006
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    to: DateParam = None,
    limit: Limit = 50,
) -> HTMLResponse:
    """Search box, results, and the overview of the main actors."""

    def build() -> dict:
        data = _overview(rt, q=q, types=types, stances=stances, lo=date_from, hi=to, limit=limit)
        return {
            "data": data,
            "chosen": _chosen(Filters.parse(types=types, stances=stances)),
            "years": views.year_links("/explore", data["params"], data["years"]),
        }

    return _page("explore.html", build, q=q)


@router.get("/explore.json")
def explore_json(
    rt: Rt,
    q: Q = None,
    types: Values = [],  # noqa: B006
    stances: Values = [],  # noqa: B006
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    to: DateParam = None,
    limit: Limit = 50,
) -> JSONResponse:
    """The overview (and search results) as JSON."""
    return JSONResponse(
        _overview(rt, q=q, types=types, stances=stances, lo=date_from, hi=to, limit=limit)
    )


@router.get("/explore.graphml")
def explore_graphml(
    rt: Rt,
    types: Values = [],  # noqa: B006
    stances: Values = [],  # noqa: B006
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    to: DateParam = None,
    limit: Limit = 50,
) -> Response:
    """The overview's network as GraphML."""
    f = Filters.parse(types=types, stances=stances, date_from=date_from, date_to=to)
    ix = index(rt)
    sub = rt.cached(_key("overview", f, limit), lambda: overview(ix, filters=f, limit=limit))
    return _graphml(sub, "overview")


@router.get("/explore/search.json")
def search_json(rt: Rt, q: Annotated[str, Query(min_length=1, max_length=200)], type: Q = None):
    """Entities whose name or alias contains ``q``, with type and counts."""
    return JSONResponse({"q": q, "results": views.search_results(index(rt), q, type=type)})


@router.get("/explore/palette.css")
def palette() -> Response:
    """The colours of types, stances and coalitions as CSS classes (from :mod:`viz.style`)."""
    return Response(
        palette_css(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )


def _graphml(sub: Subgraph, name: str) -> Response:
    return Response(
        graphml(sub),
        media_type=GRAPHML,
        headers={"Content-Disposition": f'attachment; filename="{name}.graphml"'},
    )


# --- entity -------------------------------------------------------------------------------

Hops = Annotated[int, Query(ge=1, le=MAX_HOPS)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Claims = Annotated[int, Query(ge=0, le=100)]


class EntityQuery:
    """The entity view's parameters (FastAPI dependency)."""

    def __init__(
        self,
        hops: Hops = 1,
        types: Values = [],  # noqa: B006
        stances: Values = [],  # noqa: B006
        relations: Values = [],  # noqa: B006
        documents: Values = [],  # noqa: B006
        date_from: Annotated[DateParam, Query(alias="from")] = None,
        to: DateParam = None,
        limit: Limit = 60,
        offset: Offset = 0,
        claims: Claims = 10,
    ) -> None:
        self.hops, self.limit, self.offset, self.claims = hops, limit, offset, claims
        self.raw = {
            "types": types,
            "stances": stances,
            "relations": relations,
            "documents": documents,
            "date_from": date_from,
            "date_to": to,
        }

    def filters(self) -> Filters:
        return Filters.parse(**self.raw)

    def params(self, f: Filters) -> dict[str, Any]:
        out: dict[str, Any] = {"hops": self.hops, "limit": self.limit}
        if self.offset:
            out["offset"] = self.offset
        return {**out, **f.params()}


def _ego(rt: Runtime, eid: str, p: EntityQuery, f: Filters) -> tuple[Subgraph, str]:
    ix = index(rt)
    key = _key("entity", eid, p.hops, p.limit, p.offset, f)
    return ego_network(ix, eid, hops=p.hops, filters=f, limit=p.limit, offset=p.offset), key


def _entity(rt: Runtime, eid: str, p: EntityQuery) -> dict:
    f = p.filters()
    ix = index(rt)
    if eid not in ix.entities:
        raise NotFound(f"no entity '{eid}'")
    sub, key = _ego(rt, eid, p, f)
    positions = _positions(rt, key, sub) if len(sub.nodes) > 80 else None
    details = entity_details(rt.store, ix, eid, iris=rt.iris, filters=f, claims_limit=p.claims)
    return views.entity_payload(sub, details, params=p.params(f), positions=positions)


EntityParams = Annotated[EntityQuery, Depends()]


@router.get("/explore/entity/{entity_id}.json")
def entity_json(rt: Rt, entity_id: Id, p: EntityParams) -> JSONResponse:
    """The entity view as JSON: ego network (plain and vis-network), facets, details."""
    return JSONResponse(_entity(rt, entity_id, p))


@router.get("/explore/entity/{entity_id}.graphml")
def entity_graphml(rt: Rt, entity_id: Id, p: EntityParams) -> Response:
    """The entity view's network as GraphML."""
    sub, _ = _ego(rt, entity_id, p, p.filters())
    return _graphml(sub, entity_id)


@router.get("/explore/entity/{entity_id}")
def entity_page(rt: Rt, entity_id: Id, p: EntityParams) -> HTMLResponse:
    """The ego network with its filters, legend, table and details panel."""

    def build() -> dict:
        data = _entity(rt, entity_id, p)
        path = views.entity_path(entity_id)
        return {
            "data": data,
            "path": path,
            "chosen": _chosen(p.filters()),
            "years": views.year_links(path, data["params"], data["facets"]["years"]),
        }

    return _page("entity.html", build)


# --- meeting ------------------------------------------------------------------------------


def _meeting_sub(rt: Runtime, mid: str) -> Subgraph:
    ix = index(rt)
    if mid not in ix.entities:
        raise NotFound(f"no meeting '{mid}'")
    votes = meeting_votes(rt.store, ix, mid, iris=rt.iris)
    return meeting_network(ix, mid, votes=votes)


def _meeting(rt: Runtime, mid: str) -> dict:
    ix = index(rt)
    sub = _meeting_sub(rt, mid)
    details = meeting_details(rt.store, ix, mid, iris=rt.iris)
    path = f"/explore/meeting/{views.quote(mid, safe='')}"
    return {
        "view": "meeting",
        "title": ix.label(mid),
        "entity": views.plain(details.details.entity),
        "params": {},
        "links": views.links(path, {}, api=f"/api/votes?meeting={views.quote(mid, safe='')}"),
        "network": views.network(sub, positions=_positions(rt, _key("meeting", mid), sub)),
        "details": views.plain(details),
        "legend": views.legend(),
    }


@router.get("/explore/meeting/{meeting_id}.json")
def meeting_json(rt: Rt, meeting_id: Id) -> JSONResponse:
    """The meeting view as JSON."""
    return JSONResponse(_meeting(rt, meeting_id))


@router.get("/explore/meeting/{meeting_id}.graphml")
def meeting_graphml(rt: Rt, meeting_id: Id) -> Response:
    """The meeting's network as GraphML."""
    return _graphml(_meeting_sub(rt, meeting_id), meeting_id)


@router.get("/explore/meeting/{meeting_id}")
def meeting_page(rt: Rt, meeting_id: Id) -> HTMLResponse:
    """Who spoke, with what stance about what, and how each state voted."""
    return _page("meeting.html", lambda: {"data": _meeting(rt, meeting_id)})


# --- paths --------------------------------------------------------------------------------

Name = Annotated[str | None, Query(max_length=200)]
MaxSteps = Annotated[int, Query(ge=1, le=8)]


def resolve(ix: GraphIndex, value: str) -> str:
    """An entity id, or the best match for a name or alias (NotFound when none)."""
    value = value.strip()
    if value in ix.entities:
        return value
    found = ix.search(value, limit=1)
    if not found:
        raise NotFound(f"no entity named '{value}'")
    return found[0].id


def _path(rt: Runtime, source: str, target: str, steps: int) -> tuple[Subgraph, dict]:
    ix = index(rt)
    a, b = resolve(ix, source), resolve(ix, target)
    sub = rt.cached(_key("path", a, b, steps), lambda: path_view(ix, a, b, max_length=steps))
    params = {"from": a, "to": b, "max": steps}
    data = {
        "view": "path",
        "title": f"{ix.label(a)} to {ix.label(b)}",
        "params": params,
        "links": views.links("/explore/path", params),
        "network": views.network(sub, positions=_positions(rt, _key("path", a, b, steps), sub)),
        "legend": views.legend(),
    }
    return sub, data


@router.get("/explore/path.json")
def path_json(
    rt: Rt,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    steps: Annotated[MaxSteps, Query(alias="max")] = 4,
) -> JSONResponse:
    """The shortest connections between two entities as JSON."""
    return JSONResponse(_path(rt, source, target, steps)[1])


@router.get("/explore/path.graphml")
def path_graphml(
    rt: Rt,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    steps: Annotated[MaxSteps, Query(alias="max")] = 4,
) -> Response:
    """The paths' network as GraphML."""
    return _graphml(_path(rt, source, target, steps)[0], "path")


@router.get("/explore/path")
def path_page(
    rt: Rt,
    source: Annotated[Name, Query(alias="from")] = None,
    target: Annotated[Name, Query(alias="to")] = None,
    steps: Annotated[MaxSteps, Query(alias="max")] = 4,
) -> HTMLResponse:
    """A form for two entities and the shortest connections between them."""
    form = {"source": source or "", "target": target or "", "max": steps}

    def build() -> dict:
        data = _path(rt, source, target, steps)[1] if source and target else None
        return {"data": data, "form": form} if data else {"form": form}

    return _page("path.html", build)


# --- documents ----------------------------------------------------------------------------


def _document(rt: Runtime, doc_id: str) -> dict:
    doc = document_view(rt.store, index(rt), doc_id, iris=rt.iris)
    path = f"/explore/document/{views.quote(doc.summary.id, safe='')}"
    return {
        "view": "document",
        "title": doc.summary.title or doc.summary.id,
        "params": {},
        "links": {
            "self": path,
            "json": f"{path}.json",
            "api": f"/api/documents/{views.quote(doc.summary.id, safe='')}",
        },
        "document": views.plain(doc),
    }


@router.get("/explore/document/{doc_id}.json")
def document_json(rt: Rt, doc_id: Id) -> JSONResponse:
    """The document view as JSON: metadata, text segments, spans and claims."""
    return JSONResponse(_document(rt, doc_id))


@router.get("/explore/document/{doc_id}")
def document_page(rt: Rt, doc_id: Id) -> HTMLResponse:
    """The document's metadata and text with every extracted span marked."""
    return _page("document.html", lambda: {"data": _document(rt, doc_id)})
