"""Relations API: entities and documents."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from api.errors import ERROR_RESPONSES, NotAcceptable
from api.models import (
    ClaimSample,
    DocumentOut,
    DocumentPage,
    EntityLinks,
    EntityOut,
    EntityPage,
    EntitySummaryOut,
    SpanOut,
    entity_link,
)
from api.negotiation import choose
from api.params import LIST_RESPONSES, FormatParam, Limit, Offset, Rt
from api.render import (
    joined,
    page_csv,
    page_model,
    rdf_response,
    wants_csv,
)
from api.render_json import Fragments, page_json
from kg.queries import (
    EntityIndex,
    describe_entity,
    entity_table,
    get_document,
    get_entity,
    get_span,
    list_documents,
    search_entities,
)

router = APIRouter(prefix="/api", tags=["Entities and documents"])

EntityId = Annotated[str, Path(min_length=1, max_length=200, description="Entity id, e.g. chn")]
DocId = Annotated[str, Path(min_length=1, max_length=200, description="Document id")]
_ENTITY_MEDIA = {
    "application/json": "application/json",
    "text/turtle": "text/turtle",
    "application/ld+json": "application/ld+json",
}
_ENTITY_FORMATS = {
    "json": "application/json",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
}


@router.get("/entities", response_model=EntityPage, responses=LIST_RESPONSES)
async def entities(
    request: Request,
    rt: Rt,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias")] = None,
    type: Annotated[str | None, Query(max_length=50, description="State, Person, …")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: FormatParam = None,
):
    """Search entities by name or alias (case- and accent-insensitive), optionally by type."""
    index = await rt.cached_off_loop(
        "entity-index", lambda: EntityIndex.of(entity_table(rt.store, iris=rt.iris))
    )
    page = await rt.on_loop(
        lambda: search_entities(
            rt.store, iris=rt.iris, q=q, type=type, limit=limit, offset=offset, index=index
        ),
        cheap=index.quick(q),
    )
    if wants_csv(request, format):
        return page_csv(
            request,
            page,
            {
                "id": lambda e: e.id,
                "label": lambda e: e.label,
                "types": lambda e: joined(e.types),
                "aliases": lambda e: joined(e.aliases),
                "wikidata": lambda e: e.wikidata,
                "iri": lambda e: e.iri,
            },
        )
    return page_json(request, page, _SUMMARIES)


_SUMMARIES = Fragments(EntitySummaryOut)


@router.get(
    "/entities/{entity_id}",
    response_model=EntityOut,
    responses={
        200: {
            "content": {
                "text/turtle": {"schema": {"type": "string"}},
                "application/ld+json": {"schema": {"type": "object"}},
            }
        },
        **ERROR_RESPONSES,
    },
)
def entity(
    request: Request,
    rt: Rt,
    entity_id: EntityId,
    format: Annotated[
        Literal["json", "ttl", "jsonld"] | None, Query(description="json, ttl or jsonld")
    ] = None,
):
    """Labels, types, Wikidata link, relations in and out, claims made and claims about the
    entity, and votes cast. Also as Turtle or JSON-LD (``?format=`` or ``Accept``)."""
    media = (
        _ENTITY_FORMATS[format] if format else choose(request.headers.get("accept"), _ENTITY_MEDIA)
    )
    if media is None:
        raise NotAcceptable("entities are served as JSON, Turtle or JSON-LD")
    if media != "application/json":
        return rdf_response(describe_entity(rt.store, entity_id, iris=rt.iris), media)
    detail = get_entity(rt.store, entity_id, iris=rt.iris, cache=rt.cached, records=rt.claims)
    self_link = entity_link(detail.id) or ""
    return EntityOut.model_validate(
        {
            **vars(detail),
            "claims_made": ClaimSample.model_validate(
                {
                    "total": detail.claims_made.total,
                    "items": detail.claims_made.items,
                    "link": f"/api/claims?claimant={detail.id}",
                },
                from_attributes=True,
            ),
            "claims_about": ClaimSample.model_validate(
                {
                    "total": detail.claims_about.total,
                    "items": detail.claims_about.items,
                    "link": f"/api/claims?about={detail.id}",
                },
                from_attributes=True,
            ),
            "links": EntityLinks(
                self=self_link,
                turtle=f"{self_link}?format=ttl",
                jsonld=f"{self_link}?format=jsonld",
                wikidata=f"https://www.wikidata.org/wiki/{detail.wikidata}"
                if detail.wikidata
                else None,
                relations=f"/api/relations?subject={detail.id}",
                votes=f"/api/votes?state={detail.id}",
            ),
        },
        from_attributes=True,
    )


@router.get("/documents", response_model=DocumentPage, responses=LIST_RESPONSES)
def documents(
    request: Request,
    rt: Rt,
    limit: Limit = 50,
    offset: Offset = 0,
    format: FormatParam = None,
):
    """Every ingested document."""
    page = list_documents(rt.store, iris=rt.iris, limit=limit, offset=offset)
    if wants_csv(request, format):
        return page_csv(
            request,
            page,
            {
                "id": lambda d: d.id,
                "title": lambda d: d.title,
                "date": lambda d: d.date,
                "publisher": lambda d: d.publisher,
                "kind": lambda d: d.kind,
                "url": lambda d: d.url,
            },
        )
    return page_model(request, page, DocumentPage)


@router.get("/documents/{doc_id}", response_model=DocumentOut, responses=ERROR_RESPONSES)
def document(rt: Rt, doc_id: DocId) -> DocumentOut:
    """A document's metadata and the spans its claims, votes and relations come from."""
    detail = get_document(rt.store, doc_id, iris=rt.iris)
    return DocumentOut.model_validate(
        {
            **vars(detail),
            "claims": f"/api/claims?document={detail.summary.id}",
        },
        from_attributes=True,
    )


@router.get("/documents/{doc_id}/span", response_model=SpanOut, responses=ERROR_RESPONSES)
def span(
    rt: Rt,
    doc_id: DocId,
    start: Annotated[int, Query(ge=0, description="First character (Python str offset)")],
    end: Annotated[int, Query(ge=1, description="One past the last character")],
    context: Annotated[int, Query(ge=0, le=2000, description="Characters around")] = 80,
) -> SpanOut:
    """A span of a document's stored text, with context on both sides."""
    found = get_span(rt.store, doc_id, iris=rt.iris, start=start, end=end, context=context)
    return SpanOut.model_validate(found, from_attributes=True)
