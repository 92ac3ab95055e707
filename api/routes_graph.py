"""Relations API: triple patterns, paths between entities, network analytics."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.errors import ERROR_RESPONSES
from api.models import Index
from api.models_graph import CentralityList, CoalitionList, PathsOut, TermOut, TriplePage
from api.params import LIST_RESPONSES, FormatParam, Limit, Offset, Rt
from api.render import csv_response, page_csv, wants_csv
from api.render_json import Fragments, page_json
from kg.networks.analytics import centrality, coalitions
from kg.queries import count_triples, match_triples, parse_term, shortest_paths
from kg.queries.paths import MAX_LENGTH
from kg.queries.relations import TripleItem
from kg.store.bounded import MAX_OFFSET

router = APIRouter(prefix="/api", tags=["Network"])

TermParam = Annotated[
    str | None,
    Query(
        max_length=2000,
        description="An entity id (chn), prefix:name (dkg:claimant), <IRI> or a literal "
        '("text"@en); leave out to match anything',
    ),
]
EntityParam = Annotated[str, Query(min_length=1, max_length=200, description="Entity id")]


@router.get("", response_model=Index)
def index() -> Index:
    """Where the API's lists are."""
    return Index(
        name="Diplomacy knowledge graph API",
        links={
            "entities": "/api/entities",
            "claims": "/api/claims",
            "votes": "/api/votes",
            "relations": "/api/relations",
            "paths": "/api/paths",
            "documents": "/api/documents",
            "centrality": "/api/analytics/centrality",
            "coalitions": "/api/analytics/coalitions",
            "sparql": "/sparql",
            "graph_store": "/store",
            "docs": "/docs",
        },
    )


@router.get("/relations", response_model=TriplePage, responses=LIST_RESPONSES)
async def relations(
    request: Request,
    rt: Rt,
    subject: TermParam = None,
    predicate: TermParam = None,
    object: TermParam = None,
    limit: Limit = 100,
    offset: Offset = 0,
    format: FormatParam = None,
):
    """Triple patterns (like Linked Data Fragments): fix any of subject, predicate and
    object; every page gives the total number of matches and a link to the next page."""
    terms = {
        name: parse_term(value, iris=rt.iris) if value is not None else None
        for name, value in (("subject", subject), ("predicate", predicate), ("object", object))
    }
    key = "triples-total:" + "|".join(str(t) for t in terms.values())
    total = await rt.cached_off_loop(key, lambda: count_triples(rt.store, **terms))
    page = await rt.on_loop(  # a page is an index walk of at most offset + limit triples
        lambda: match_triples(
            rt.store, iris=rt.iris, limit=limit, offset=offset, total=total, **terms
        ),
        cheap=offset <= MAX_OFFSET,
    )
    if wants_csv(request, format):
        return page_csv(
            request,
            page,
            {
                "subject": lambda t: t.subject.value,
                "predicate": lambda t: t.predicate.value,
                "object": lambda t: t.object.value,
                "object_kind": lambda t: t.object.kind,
                "object_datatype": lambda t: t.object.datatype,
                "object_language": lambda t: t.object.language,
            },
        )
    return page_json(request, page, _triple_json)


_TERMS = Fragments(TermOut, size=50_000)


def _triple_json(t: TripleItem) -> str:
    """A triple as :class:`TripleOut` writes it (IRIs recur; literals are not kept)."""
    s, p, o = t.subject, t.predicate, t.object
    return (
        f'{{"subject":{_TERMS(s, keep=s.kind == "uri")},'
        f'"predicate":{_TERMS(p, keep=p.kind == "uri")},'
        f'"object":{_TERMS(o, keep=o.kind == "uri")}}}'
    )


@router.get("/paths", response_model=PathsOut, responses=ERROR_RESPONSES)
def paths(
    rt: Rt,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    max: Annotated[int, Query(ge=1, le=MAX_LENGTH, description="Most steps")] = 4,
    limit: Annotated[int, Query(ge=1, le=50, description="Most paths")] = 10,
) -> PathsOut:
    """The shortest connections between two entities in the actor network (relations and
    claims as edges, direction ignored; each edge says which way it points)."""
    found = shortest_paths(rt.entity_graph(), source, target, max_length=max, limit=limit)
    return PathsOut.model_validate(
        {"source": source, "target": target, "max": max, "paths": found}, from_attributes=True
    )


@router.get("/analytics/centrality", response_model=CentralityList, responses=LIST_RESPONSES)
def analytics_centrality(
    request: Request,
    rt: Rt,
    by: Annotated[Literal["degree", "betweenness", "closeness"], Query()] = "degree",
    type: Annotated[str | None, Query(max_length=50, description="Only this type")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 25,
    format: FormatParam = None,
):
    """The most central entities of the actor network."""
    scores = rt.cached(
        f"centrality:{by}:{type}:{limit}",
        lambda: centrality(rt.entity_graph(), limit=limit, type=type, by=by),
    )
    if wants_csv(request, format):
        columns = {
            "id": lambda s: s.id,
            "label": lambda s: s.label,
            "type": lambda s: s.type,
            "degree": lambda s: s.degree,
            "betweenness": lambda s: s.betweenness,
            "closeness": lambda s: s.closeness,
            "edges": lambda s: s.edges,
        }
        return csv_response(scores, columns)
    return CentralityList.model_validate({"by": by, "items": scores}, from_attributes=True)


@router.get("/analytics/coalitions", response_model=CoalitionList, responses=LIST_RESPONSES)
def analytics_coalitions(request: Request, rt: Rt, format: FormatParam = None):
    """Communities of actors that take the same stance on the same things or vote alike."""
    found = rt.cached("coalitions", lambda: coalitions(rt.store, iris=rt.iris))
    if wants_csv(request, format):
        rows = [(c, m) for c in found for m in c.members]
        columns = {
            "coalition": lambda r: r[0].id,
            "cohesion": lambda r: r[0].cohesion,
            "member": lambda r: r[1].id,
            "label": lambda r: r[1].label,
            "type": lambda r: r[1].type,
        }
        return csv_response(rows, columns)
    return CoalitionList.model_validate({"items": found}, from_attributes=True)
