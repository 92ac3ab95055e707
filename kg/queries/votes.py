"""Procedural votes: vote events with their motion, counts and how each state voted.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_votes(Store.in_memory(), iris=Iris("https://example.org/")).items
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import PROV, RDF

from kg.queries.common import (
    Evidence,
    Memo,
    Page,
    Ref,
    check_page,
    entity_iri,
    entity_ref,
    integer,
    select_bound,
    string,
)
from kg.queries.records import (
    RecordCache,
    every,
    evidence_of,
    labels,
    one,
    properties,
    read_records,
    selectors,
)
from kg.rdf.iris import DKG, OPENGOV, SCHEMA, Iris
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


def list_votes(
    store: GraphStore,
    *,
    iris: Iris,
    meeting: str | None = None,
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
    cache: Memo | None = None,
    records: RecordCache[VoteEvent] | None = None,
) -> Page[VoteEvent]:
    """Vote events, optionally only those at a meeting or in which a state voted, by date.

    ``cache``: optional memoisation of the ordered list of matching events (see
    :func:`kg.queries.claims.list_claims`); ``records``: events already read (see
    :class:`kg.queries.records.RecordCache`)."""
    check_page(limit, offset)
    bindings = {
        "meeting": entity_iri(iris, meeting) if meeting else None,
        "state": entity_iri(iris, state) if state else None,
    }
    patterns = "\n  ".join(p for k, p in _FILTERS.items() if bindings[k] is not None)

    def matching() -> list[str]:
        rows = select_bound(store, _MATCHING % patterns, bindings)
        return list(dict.fromkeys(str(r["event"]) for r in rows))

    key = "votes:" + "|".join(f"{k}={v}" for k, v in bindings.items() if v is not None)
    events = cache(key, matching) if cache is not None else matching()
    chosen = events[offset : offset + limit]

    def read(keys: list[str]) -> dict[str, VoteEvent]:
        return get_votes(store, [URIRef(k) for k in keys], iris=iris)

    found = read_records(chosen, read, records)
    items = [found[e] for e in chosen if e in found]
    return Page(items=items, total=len(events), limit=limit, offset=offset)


def get_vote(store: GraphStore, event: URIRef, *, iris: Iris) -> VoteEvent | None:
    """One vote event with counts and ballots, or None when there is no such event."""
    return get_votes(store, [event], iris=iris).get(str(event))


def get_votes(store: GraphStore, events: list[URIRef], *, iris: Iris) -> dict[str, VoteEvent]:
    """Several vote events with counts and ballots, by event IRI; events not in the store
    are left out. Four queries whatever the number of events: the events' properties, those
    of their motions, counts, ballots and evidence, the selectors, and the labels."""
    props = {
        iri: p
        for iri, p in properties(store, events).items()
        if OPENGOV.VoteEvent in p.get(str(RDF.type), ())
    }
    parts = properties(
        store,
        [n for p in props.values() for n in (one(p, OPENGOV.motion), one(p, DKG.evidence))]
        + [
            n for p in props.values() for k in (OPENGOV["count"], OPENGOV.vote) for n in every(p, k)
        ],
    )
    found = properties(store, selectors(parts))
    motion_of = {e: parts.get(str(one(p, OPENGOV.motion)), {}) for e, p in props.items()}
    named = labels(
        store,
        [one(p, DKG.atMeeting) for p in props.values()]
        + [one(m, OPENGOV.organization) for m in motion_of.values()]
        + [one(parts.get(str(b), {}), OPENGOV.voter) for p in props.values()
           for b in every(p, OPENGOV.vote)],
    )  # fmt: skip
    out: dict[str, VoteEvent] = {}
    for event in events:
        if (p := props.get(str(event))) is None:
            continue
        counts: dict[str, int] = {}
        for c in every(p, OPENGOV["count"]):
            cp = parts.get(str(c), {})
            option = one(cp, OPENGOV.option)
            if option is not None and str(OPENGOV.value) in cp:
                counts.setdefault(str(option), integer(one(cp, OPENGOV.value)) or 0)
        ballots = []
        for b in every(p, OPENGOV.vote):
            bp = parts.get(str(b), {})
            voter, option = one(bp, OPENGOV.voter), one(bp, OPENGOV.option)
            if voter is not None and option is not None:
                ref = entity_ref(iris, voter, named.get(str(voter)))
                ballots.append(Ballot(voter=ref, option=str(option)))
        ballots = sorted(
            dict.fromkeys(ballots), key=lambda x: (x.option, x.voter.label or "", x.voter.iri)
        )
        motion = motion_of[str(event)]
        body, meeting = one(motion, OPENGOV.organization), one(p, DKG.atMeeting)
        doc = one(p, PROV.wasDerivedFrom)
        out[str(event)] = VoteEvent(
            id=iris.local_id(str(event), "vote") or str(event),
            iri=str(event),
            motion=string(one(motion, OPENGOV.text)),
            body=entity_ref(iris, body, named.get(str(body))) if body else None,
            meeting=entity_ref(iris, meeting, named.get(str(meeting))) if meeting else None,
            date=string(one(p, SCHEMA.startDate)),
            result=string(one(p, OPENGOV.result)),
            counts=counts,
            ballots=ballots,
            document=iris.local_id(str(doc), "doc") if doc is not None else None,
            evidence=evidence_of(one(p, DKG.evidence), parts, found, iris),
        )
    return out
