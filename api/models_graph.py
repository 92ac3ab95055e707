"""Response models of the network routes: triple patterns, paths and analytics."""

from __future__ import annotations

from pydantic import BaseModel, computed_field

from api.models import Out, PageOut, entity_link


class TermOut(Out):
    """One position of a triple: an IRI (entities have an id) or a literal."""

    kind: str
    value: str
    id: str | None = None
    datatype: str | None = None
    language: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str | None:
        return entity_link(self.id) if self.kind == "uri" else None


class TripleOut(Out):
    """A triple."""

    subject: TermOut
    predicate: TermOut
    object: TermOut


class TriplePage(PageOut):
    """A page of triples matching a pattern."""

    items: list[TripleOut]


class PathNodeOut(Out):
    """An entity on a path."""

    id: str
    label: str | None = None
    type: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return entity_link(self.id) or ""


class PathEdgeOut(Out):
    """An edge between consecutive path nodes (``forward``: as the path goes)."""

    source: str
    target: str
    predicate: str
    kind: str
    forward: bool


class PathOut(Out):
    """One shortest path."""

    length: int
    nodes: list[PathNodeOut]
    edges: list[PathEdgeOut]


class PathsOut(BaseModel):
    """The shortest paths between two entities."""

    source: str
    target: str
    max: int
    paths: list[PathOut]


class CentralityOut(Out):
    """How central one entity is in the actor network."""

    id: str
    label: str | None = None
    type: str | None = None
    degree: float
    betweenness: float
    closeness: float
    edges: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return entity_link(self.id) or ""


class CentralityList(BaseModel):
    """The most central entities."""

    by: str
    items: list[CentralityOut]


class MemberOut(Out):
    """A member of a coalition."""

    id: str
    label: str | None = None
    type: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str:
        return entity_link(self.id) or ""


class PositionOut(Out):
    """A position several members share (a stance about something, a vote)."""

    kind: str
    key: str
    target: str
    target_label: str | None = None
    actors: list[str]


class CoalitionOut(Out):
    """A coalition: members, cohesion and the positions they share."""

    id: int
    members: list[MemberOut]
    cohesion: float
    shared: list[PositionOut]


class CoalitionList(BaseModel):
    """Coalitions, largest first."""

    items: list[CoalitionOut]
