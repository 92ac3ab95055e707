"""Relations API: claims and votes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.models import ClaimPage, VotePage
from api.params import LIST_RESPONSES, FormatParam, Limit, Offset, Rt, id_query
from api.render import joined, page_csv, page_model, wants_csv
from kg.queries import list_claims, list_votes

router = APIRouter(prefix="/api", tags=["Claims and votes"])

CLAIM_COLUMNS = {
    "id": lambda c: c.id,
    "claimant": lambda c: c.claimant.id,
    "claimant_label": lambda c: c.claimant.label,
    "stance": lambda c: c.stance,
    "about": lambda c: joined(a.id or a.iri for a in c.about),
    "meeting": lambda c: c.meeting.id if c.meeting else None,
    "date": lambda c: c.date,
    "confidence": lambda c: c.confidence,
    "summary": lambda c: c.summary,
    "document": lambda c: c.document,
    "start": lambda c: c.evidence.start if c.evidence else None,
    "end": lambda c: c.evidence.end if c.evidence else None,
    "evidence": lambda c: c.evidence.text if c.evidence else None,
}

VOTE_COLUMNS = {
    "id": lambda v: v.id,
    "motion": lambda v: v.motion,
    "body": lambda v: v.body.id if v.body else None,
    "meeting": lambda v: v.meeting.id if v.meeting else None,
    "date": lambda v: v.date,
    "result": lambda v: v.result,
    "yes": lambda v: v.counts.get("yes"),
    "no": lambda v: v.counts.get("no"),
    "abstain": lambda v: v.counts.get("abstain"),
    "voted_yes": lambda v: joined(b.voter.id for b in v.ballots if b.option == "yes"),
    "voted_no": lambda v: joined(b.voter.id for b in v.ballots if b.option == "no"),
    "abstained": lambda v: joined(b.voter.id for b in v.ballots if b.option == "abstain"),
    "document": lambda v: v.document,
}


@router.get("/claims", response_model=ClaimPage, responses=LIST_RESPONSES)
def claims(
    request: Request,
    rt: Rt,
    claimant: Annotated[str | None, id_query("Entity id of the claimant")] = None,
    stance: Annotated[
        str | None, Query(max_length=20, description="concern, oppose, support, …")
    ] = None,
    about: Annotated[str | None, id_query("Entity id the claim is about")] = None,
    meeting: Annotated[str | None, id_query("Entity id of the meeting")] = None,
    document: Annotated[str | None, id_query("Document id")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="From (ISO)")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="To (ISO)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: FormatParam = None,
):
    """Claims, each with its evidence text and a link to the document span."""
    page = list_claims(
        rt.store,
        iris=rt.iris,
        claimant=claimant,
        stance=stance,
        about=about,
        meeting=meeting,
        document=document,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
        cache=rt.cached,
        records=rt.claims,
    )
    if wants_csv(request, format):
        return page_csv(request, page, CLAIM_COLUMNS)
    return page_model(request, page, ClaimPage)


@router.get("/votes", response_model=VotePage, responses=LIST_RESPONSES)
def votes(
    request: Request,
    rt: Rt,
    meeting: Annotated[str | None, id_query("Entity id of the meeting")] = None,
    state: Annotated[str | None, id_query("Entity id of a state that voted")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: FormatParam = None,
):
    """Vote events with their motion, counts and each state's ballot."""
    page = list_votes(
        rt.store,
        iris=rt.iris,
        meeting=meeting,
        state=state,
        limit=limit,
        offset=offset,
        cache=rt.cached,
        records=rt.votes,
    )
    if wants_csv(request, format):
        return page_csv(request, page, VOTE_COLUMNS)
    return page_model(request, page, VotePage)
