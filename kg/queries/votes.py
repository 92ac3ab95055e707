"""Procedural votes: vote events with their motion, counts and how each state voted.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_votes(Store.in_memory(), iris=Iris("https://example.org/")).items
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.queries.common import (
    Evidence,
    Page,
    Ref,
    check_page,
    entity_iri,
    entity_ref,
    evidence_from,
    evidence_pattern,
    number,
    select_bound,
    text,
)
from kg.rdf.iris import Iris
from kg.store import GraphStore


@dataclass(frozen=True)
class Ballot:
    """How one voter voted: ``yes``, ``no`` or ``abstain``."""

    voter: Ref
    option: str


@dataclass(frozen=True)
class VoteEvent:
    """One vote on a motion, with its counts and ballots."""

    id: str
    iri: str
    motion: str | None = None
    body: Ref | None = None
    meeting: Ref | None = None
    date: str | None = None
    result: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    ballots: list[Ballot] = field(default_factory=list)
    document: str | None = None
    evidence: Evidence | None = None


_MATCHING = """
SELECT DISTINCT ?event ?date {bound} WHERE {
  ?event a opengov:VoteEvent .
  OPTIONAL { ?event schema:startDate ?date }
  %s
}
ORDER BY ?date ?event
"""
_FILTERS = {
    "meeting": "?event dkg:atMeeting ?meeting .",
    "state": "?event opengov:vote/opengov:voter ?state .",
}

_DETAIL = (
    """
SELECT ?event ?motion ?text ?body ?bodyLabel ?meeting ?meetingLabel ?date ?result ?doc
       ?evdoc ?exact ?prefix ?suffix ?start ?end WHERE {
  ?event a opengov:VoteEvent .
  OPTIONAL { ?event opengov:motion ?motion .
             OPTIONAL { ?motion opengov:text ?text }
             OPTIONAL { ?motion opengov:organization ?body
                        OPTIONAL { ?body skos:prefLabel ?bodyLabel } } }
  OPTIONAL { ?event dkg:atMeeting ?meeting OPTIONAL { ?meeting skos:prefLabel ?meetingLabel } }
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event opengov:result ?result }
  OPTIONAL { ?event prov:wasDerivedFrom ?doc }"""
    + evidence_pattern("event")
    + "\n} LIMIT 1"
)

_COUNTS = """
SELECT DISTINCT ?event ?option ?value WHERE {
  ?event opengov:count ?c . ?c opengov:option ?option ; opengov:value ?value .
}"""

_BALLOTS = """
SELECT DISTINCT ?event ?voter ?label ?option WHERE {
  ?event opengov:vote ?v . ?v opengov:voter ?voter ; opengov:option ?option .
  OPTIONAL { ?voter skos:prefLabel ?label }
} ORDER BY ?option ?label ?voter"""


def list_votes(
    store: GraphStore,
    *,
    iris: Iris,
    meeting: str | None = None,
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[VoteEvent]:
    """Vote events, optionally only those at a meeting or in which a state voted."""
    check_page(limit, offset)
    bindings = {
        "meeting": entity_iri(iris, meeting) if meeting else None,
        "state": entity_iri(iris, state) if state else None,
    }
    patterns = "\n  ".join(p for k, p in _FILTERS.items() if bindings[k] is not None)
    rows = select_bound(store, _MATCHING % patterns, bindings)
    events = list(dict.fromkeys(str(r["event"]) for r in rows))
    chosen = events[offset : offset + limit]
    found = get_votes(store, [URIRef(e) for e in chosen], iris=iris)
    items = [found[e] for e in chosen if e in found]
    return Page(items=items, total=len(events), limit=limit, offset=offset)


def get_vote(store: GraphStore, event: URIRef, *, iris: Iris) -> VoteEvent | None:
    """One vote event with counts and ballots, or None when there is no such event."""
    return get_votes(store, [event], iris=iris).get(str(event))


def get_votes(store: GraphStore, events: list[URIRef], *, iris: Iris) -> dict[str, VoteEvent]:
    """Several vote events with counts and ballots, by event IRI; events not in the store
    are left out (one query of each kind per event: see :func:`kg.queries.claims.get_claims`)."""
    out: dict[str, VoteEvent] = {}
    for event in events:
        rows = store.select(_DETAIL, bindings={"event": event})
        if not rows:
            continue
        counts = {
            str(r["option"]): number(r, "value") or 0
            for r in store.select(_COUNTS, bindings={"event": event})
        }
        ballots = [
            Ballot(voter=entity_ref(iris, r["voter"], r.get("label")), option=str(r["option"]))
            for r in store.select(_BALLOTS, bindings={"event": event})
        ]
        out[str(event)] = _vote(str(event), rows[0], counts, ballots, iris)
    return out


def _vote(
    event: str, row: dict, counts: dict[str, int], ballots: list[Ballot], iris: Iris
) -> VoteEvent:
    body, meeting = row.get("body"), row.get("meeting")
    return VoteEvent(
        id=iris.local_id(event, "vote") or event,
        iri=event,
        motion=text(row, "text"),
        body=entity_ref(iris, body, row.get("bodyLabel")) if body else None,
        meeting=entity_ref(iris, meeting, row.get("meetingLabel")) if meeting else None,
        date=text(row, "date"),
        result=text(row, "result"),
        counts=counts,
        ballots=ballots,
        document=iris.local_id(str(row["doc"]), "doc") if row.get("doc") else None,
        evidence=evidence_from(row, iris),
    )
