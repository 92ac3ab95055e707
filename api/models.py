"""Response models of the relations API (``/api``): the library's plain objects, plus links.

Models read the library's dataclasses directly (``from_attributes``); links are computed
from ids, so every object carries the URL of its own page (root-relative).
"""

from __future__ import annotations

from typing import Generic, TypeVar
from urllib.parse import quote, urlencode

from pydantic import BaseModel, ConfigDict, computed_field

ItemT = TypeVar("ItemT")


class Out(BaseModel):
    """Base of the response models: built from the library's dataclasses."""

    model_config = ConfigDict(from_attributes=True)


def entity_link(entity_id: str | None) -> str | None:
    return f"/api/entities/{quote(entity_id, safe='')}" if entity_id else None


def document_link(doc_id: str | None) -> str | None:
    return f"/api/documents/{quote(doc_id, safe='')}" if doc_id else None


def span_link(doc_id: str, start: int, end: int) -> str:
    return f"{document_link(doc_id)}/span?{urlencode({'start': start, 'end': end})}"


class RefOut(Out):
    """A node of the graph; entities have an id and a link to their page."""

    iri: str
    id: str | None = None
    label: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str | None:
        return entity_link(self.id)


class EvidenceOut(Out):
    """The document span a statement comes from (``end`` exclusive)."""

    document: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return span_link(self.document, self.start, self.end)


class PageLinks(BaseModel):
    """Root-relative links to this page and its neighbours (None at the ends)."""

    self: str
    next: str | None = None
    prev: str | None = None


class PageOut(Out, Generic[ItemT]):
    """A page of a list: its items, how many match in all, and the page's place."""

    total: int
    limit: int
    offset: int
    links: PageLinks
    items: list[ItemT]


class EntitySummaryOut(Out):
    """An entity in a search result."""

    id: str
    iri: str
    label: str
    types: list[str]
    aliases: list[str]
    wikidata: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str | None:
        return entity_link(self.id)


class EntityPage(PageOut[EntitySummaryOut]):
    """A page of entities."""


class ClaimOut(Out):
    """One claim: claimant, stance, targets, date and the evidence span."""

    id: str
    iri: str
    claimant: RefOut
    stance: str
    about: list[RefOut]
    meeting: RefOut | None = None
    date: str | None = None
    confidence: float | None = None
    summary: str | None = None
    document: str | None = None
    evidence: EvidenceOut | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def document_link(self) -> str | None:
        return document_link(self.document)


class ClaimPage(PageOut[ClaimOut]):
    """A page of claims."""


class ClaimSample(Out):
    """The first claims of a longer list, and where to get them all."""

    total: int
    items: list[ClaimOut]
    link: str


class RelationOut(Out):
    """A relation between two entities (``value`` for literal objects)."""

    predicate: str
    predicate_iri: str
    subject: RefOut
    object: RefOut | None = None
    value: str | None = None


class EventRef(Out):
    """A vote event."""

    iri: str
    id: str | None = None


class BallotCastOut(Out):
    """A vote an entity cast."""

    event: EventRef
    option: str
    motion: str | None = None
    date: str | None = None


class DocumentRef(Out):
    """A source document."""

    iri: str
    id: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str | None:
        return document_link(self.id)


class EntityLinks(BaseModel):
    """Other views of an entity."""

    self: str
    turtle: str
    jsonld: str
    wikidata: str | None = None
    relations: str
    votes: str


class EntityOut(Out):
    """Everything about one entity."""

    id: str
    iri: str
    label: str | None
    aliases: list[str]
    types: list[str]
    wikidata: str | None
    properties: dict[str, list[str]]
    relations_out: list[RelationOut]
    relations_in: list[RelationOut]
    claims_made: ClaimSample
    claims_about: ClaimSample
    votes: list[BallotCastOut]
    documents: list[DocumentRef]
    links: EntityLinks


class BallotOut(Out):
    """How one voter voted (yes, no, abstain)."""

    voter: RefOut
    option: str


class VoteOut(Out):
    """A vote event with its motion, counts and ballots."""

    id: str
    iri: str
    motion: str | None = None
    body: RefOut | None = None
    meeting: RefOut | None = None
    date: str | None = None
    result: str | None = None
    counts: dict[str, int]
    ballots: list[BallotOut]
    document: str | None = None
    evidence: EvidenceOut | None = None


class VotePage(PageOut[VoteOut]):
    """A page of vote events."""


class DocumentSummaryOut(Out):
    """A source document's metadata."""

    id: str
    iri: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    kind: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return document_link(self.id) or ""


class DocumentPage(PageOut[DocumentSummaryOut]):
    """A page of documents."""


class SpanUseOut(Out):
    """A claim, vote or relation statement drawn from a span."""

    kind: str
    iri: str
    id: str | None = None


class SpanOut(Out):
    """A span of a document's text (``end`` exclusive) with its context."""

    document: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    used_by: list[SpanUseOut] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return span_link(self.document, self.start, self.end)


class DocumentOut(Out):
    """A document: metadata, the spans its statements come from, entities."""

    summary: DocumentSummaryOut
    sha256: str | None = None
    media_type: str | None = None
    characters: int | None = None
    source_file: str | None = None
    spans: list[SpanOut]
    entities: list[RefOut]
    claims: str


class Index(BaseModel):
    """Where things are."""

    name: str
    links: dict[str, str]
