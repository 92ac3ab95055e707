"""The details panels of the explorer: an entity's facts and claims, a meeting's speakers and
votes, each claim with the evidence span it was extracted from.

The network around the details comes from the in-memory index (:mod:`kg.networks.index`);
what the index does not hold (facts, dated positions, evidence, votes) is read here with a
few small queries bound to one node each, so a panel costs the same on a large graph as on a
small one. Every claim list is capped, with its full count beside it.

>>> from kg.networks.index import GraphIndex, EntityRecord
>>> from kg.store import Store
>>> from kg.rdf.iris import Iris
>>> ix = GraphIndex(entities={"a": EntityRecord("a", "A", "State")})
>>> d = entity_details(Store.in_memory(), ix, "a", iris=Iris("https://example.org/"))
>>> d.entity.label, d.claims_made, d.claims_made_total
('A', [], 0)
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.errors import NotFound
from kg.networks.filters import RELATION_LABELS, Filters
from kg.networks.index import ClaimRecord, GraphIndex
from kg.queries.common import Evidence, Ref, evidence_from, number, text
from kg.queries.entities import RELATION_NAMES
from kg.queries.stats import compact
from kg.queries.votes import Ballot, VoteEvent
from kg.rdf.iris import WD, Iris
from kg.store import GraphStore

CLAIMS_SHOWN = 10
MAX_CLAIMS = 200
RELATIONS_SHOWN = 40


@dataclass(frozen=True)
class EntityRef:
    """An entity as shown in a panel: id, label and type (from the index)."""

    id: str
    label: str
    type: str | None = None


@dataclass(frozen=True)
class ClaimDetail:
    """One claim with what the panel shows of it, and its evidence span."""

    id: str
    claimant: EntityRef
    stance: str
    about: list[EntityRef]
    date: str | None = None
    document: str | None = None
    document_title: str | None = None
    meeting: EntityRef | None = None
    summary: str | None = None
    confidence: float | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Spell:
    """A dated tie: a post held, a seat in a body (``kind``: holds, held by, member of,
    member), with the other end and the dates."""

    kind: str
    other: EntityRef
    start: str | None = None
    end: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tie:
    """An undated relation to another entity (``outgoing``: from this entity)."""

    predicate: str
    label: str
    other: EntityRef
    outgoing: bool
    sources: tuple[str, ...] = ()  # the named graphs that state it (one fact, shown once)


@dataclass(frozen=True)
class EntityDetails:
    """What the details panel says about one entity."""

    entity: EntityRef
    iri: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    wikidata_url: str | None = None
    sources: list[str] = field(default_factory=list)
    facts: dict[str, list[str]] = field(default_factory=dict)
    spells: list[Spell] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    ties_total: int = 0
    claims_made: list[ClaimDetail] = field(default_factory=list)
    claims_made_total: int = 0
    claims_received: list[ClaimDetail] = field(default_factory=list)
    claims_received_total: int = 0


@dataclass(frozen=True)
class MeetingDetails:
    """A meeting: its facts, every claim made at it and the votes taken."""

    details: EntityDetails
    claims: list[ClaimDetail]
    claims_total: int
    votes: list[VoteEvent]


_FACTS = """
SELECT ?e ?p ?o ?ol ?g WHERE {
  GRAPH ?g { ?e ?p ?o }
  FILTER(?p NOT IN (dkg:mentionedIn, dkg:participatedIn, rdfs:label))
  OPTIONAL { ?o skos:prefLabel ?ol }
} LIMIT 400"""

_SPELLS = """
SELECT ?e ?kind ?other ?start ?end ?seat WHERE {
  { ?x dkg:holder ?e ; dkg:post ?other . BIND("holds" AS ?kind) }
  UNION { ?x dkg:post ?e ; dkg:holder ?other . BIND("held by" AS ?kind) }
  UNION { ?x org:member ?e ; org:organization ?other . BIND("member of" AS ?kind) }
  UNION { ?x org:organization ?e ; org:member ?other . BIND("member" AS ?kind) }
  OPTIONAL { ?x schema:startDate ?start }
  OPTIONAL { ?x schema:endDate ?end }
  OPTIONAL { ?x dkg:seatType ?seat }
} ORDER BY DESC(?start) ?other LIMIT 200"""

# Evidence read without rdf:type patterns: with a bound claim the engine then starts from
# the claim; with "?qs a oa:TextQuoteSelector" it scans every selector first.
EVIDENCE = """
  OPTIONAL {
    ?%s dkg:evidence ?ev .
    ?ev oa:hasSource ?evdoc ; oa:hasSelector ?qs , ?ps .
    ?qs oa:exact ?exact .
    ?ps oa:start ?start ; oa:end ?end .
    OPTIONAL { ?qs oa:prefix ?prefix }
    OPTIONAL { ?qs oa:suffix ?suffix }
  }"""

_CLAIM = (
    """
SELECT ?claim ?summary ?confidence ?evdoc ?exact ?prefix ?suffix ?start ?end WHERE {
  OPTIONAL { ?claim schema:description ?summary }
  OPTIONAL { ?claim dkg:confidence ?confidence }"""
    + EVIDENCE % "claim"
    + "\n} LIMIT 1"
)

_VOTES = """
SELECT ?meeting ?event ?date ?result ?text WHERE {
  ?event dkg:atMeeting ?meeting ; opengov:motion ?motion .
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event opengov:result ?result }
  OPTIONAL { ?motion opengov:text ?text }
} ORDER BY ?date ?event LIMIT 50"""

_BALLOTS = """
SELECT ?event ?voter ?option WHERE {
  ?event opengov:vote ?v . ?v opengov:voter ?voter ; opengov:option ?option .
} ORDER BY ?option ?voter"""

_COUNTS = """
SELECT ?event ?option ?value WHERE {
  ?event opengov:count ?c . ?c opengov:option ?option ; opengov:value ?value .
}"""

_SKIP = {
    "rdf:type",
    "skos:prefLabel",
    "skos:altLabel",
    "skos:exactMatch",
    "dcterms:source",
    "dcterms:identifier",
}


def ref(ix: GraphIndex, eid: str) -> EntityRef:
    """The panel reference of an entity id."""
    return EntityRef(id=eid, label=ix.label(eid), type=ix.type(eid))


def entity_details(
    store: GraphStore,
    ix: GraphIndex,
    eid: str,
    *,
    iris: Iris,
    filters: Filters | None = None,
    claims_limit: int = CLAIMS_SHOWN,
) -> EntityDetails:
    """Facts (labels, Wikidata link, literal properties), dated positions and seats,
    relations, and the claims the entity made and received under the filters (newest
    first, ``claims_limit`` of each with evidence)."""
    if eid not in ix.entities:
        raise NotFound(f"no entity '{eid}'")
    f = filters or Filters()
    node = iris.entity(eid)
    aliases = list(ix.entities[eid].aliases)
    facts: dict[str, list[str]] = {}
    sources: list[str] = []
    wikidata = None
    outgoing: dict[tuple[str, str], set[str]] = {}  # (predicate, other) -> graphs
    for row in store.select(_FACTS, bindings={"e": node}):
        p, o = str(row["p"]), row["o"]
        name = compact(p)
        if name == "skos:exactMatch":
            if str(o).startswith(str(WD)):
                wikidata = str(o)[len(str(WD)) :]
        elif name == "dcterms:source":
            sources.append(str(o))
        elif p in RELATION_NAMES and isinstance(o, URIRef):
            other = iris.local_id(str(o))
            if other:
                graphs = outgoing.setdefault((RELATION_NAMES[p], other), set())
                graphs.add(str(row["g"]))
        elif name not in _SKIP and not isinstance(o, URIRef):
            facts.setdefault(name, []).append(str(o))
    ties = [
        Tie(pred, RELATION_LABELS.get(pred, pred), ref(ix, other), True, tuple(sorted(graphs)))
        for (pred, other), graphs in outgoing.items()
    ]
    incoming = list(dict.fromkeys((r.predicate, r.source) for r in (
        ix.relations[i] for i in ix.rel_in.get(eid, ())
    )))  # fmt: skip
    for pred, source in incoming[:RELATIONS_SHOWN]:
        ties.append(Tie(pred, RELATION_LABELS.get(pred, pred), ref(ix, source), False))
    made, made_total = _chosen(ix, ix.claims_by.get(eid, ()), f, claims_limit)
    received, received_total = _chosen(ix, ix.claims_about.get(eid, ()), f, claims_limit)
    return EntityDetails(
        entity=ref(ix, eid),
        iri=str(node),
        aliases=aliases,
        wikidata=wikidata,
        wikidata_url=f"https://www.wikidata.org/wiki/{wikidata}" if wikidata else None,
        sources=sorted(set(sources)),
        facts={k: sorted(set(v)) for k, v in sorted(facts.items())},
        spells=spells(store, ix, eid, iris=iris),
        ties=ties,
        ties_total=len(ties) - min(len(incoming), RELATIONS_SHOWN) + len(incoming),
        claims_made=claim_details(store, ix, made, iris=iris),
        claims_made_total=made_total,
        claims_received=claim_details(store, ix, received, iris=iris),
        claims_received_total=received_total,
    )


def _chosen(
    ix: GraphIndex, indices: Iterable[int], f: Filters, limit: int
) -> tuple[list[ClaimRecord], int]:
    """The newest ``limit`` claims passing the filters, and how many pass."""
    claims = ix.claims
    found = [claims[i] for i in indices]
    if not f.empty:
        found = [rec for rec in found if f.claim_ok(rec)]
    newest = heapq.nlargest(limit, found, key=lambda r: (r.date or "", r.id))
    return newest, len(found)


def spells(store: GraphStore, ix: GraphIndex, eid: str, *, iris: Iris) -> list[Spell]:
    """Posts held and seats in bodies, with their dates (newest first)."""
    out = []
    for row in store.select(_SPELLS, bindings={"e": iris.entity(eid)}):
        other = iris.local_id(str(row["other"]))
        if other:
            out.append(
                Spell(
                    kind=str(row["kind"]),
                    other=ref(ix, other),
                    start=text(row, "start"),
                    end=text(row, "end"),
                    note=text(row, "seat"),
                )
            )
    return out


def claim_details(
    store: GraphStore, ix: GraphIndex, records: Iterable[ClaimRecord], *, iris: Iris
) -> list[ClaimDetail]:
    """Claims from the index completed with summary, confidence and evidence (one small
    query per claim: callers cap how many)."""
    out = []
    for rec in records:
        doc, _, key = rec.id.partition("/")
        rows = store.select(_CLAIM, bindings={"claim": iris.claim(doc, key)})
        row = rows[0] if rows else {}
        confidence = text(row, "confidence")
        out.append(
            ClaimDetail(
                id=rec.id,
                claimant=ref(ix, rec.claimant),
                stance=rec.stance,
                about=[ref(ix, a) for a in rec.about],
                date=rec.date,
                document=rec.document,
                document_title=ix.documents.get(rec.document or ""),
                meeting=ref(ix, rec.meeting) if rec.meeting else None,
                summary=text(row, "summary"),
                confidence=float(confidence) if confidence is not None else None,
                evidence=evidence_from(row, iris) if row else None,
            )
        )
    return out


def meeting_details(
    store: GraphStore, ix: GraphIndex, meeting: str, *, iris: Iris, limit: int = 100
) -> MeetingDetails:
    """A meeting's facts, the claims made at it (in reading order, ``limit`` shown) and
    every vote taken at it with each state's ballot."""
    details = entity_details(store, ix, meeting, iris=iris, claims_limit=0)
    records = [ix.claims[i] for i in ix.claims_at.get(meeting, ())]
    records.sort(key=lambda r: (r.document or "", r.id))
    chosen = _reading_order(store, records[:MAX_CLAIMS], iris=iris)[:limit]
    votes = meeting_votes(store, ix, meeting, iris=iris)
    return MeetingDetails(
        details=details,
        claims=claim_details(store, ix, chosen, iris=iris),
        claims_total=len(records),
        votes=votes,
    )


def meeting_votes(
    store: GraphStore, ix: GraphIndex, meeting: str, *, iris: Iris
) -> list[VoteEvent]:
    """The votes taken at a meeting, with their counts and each voter's ballot."""
    out = []
    for row in store.select(_VOTES, bindings={"meeting": iris.entity(meeting)}):
        event = row["event"]
        counts = {
            str(r["option"]): number(r, "value") or 0
            for r in store.select(_COUNTS, bindings={"event": event})
        }
        ballots = []
        for r in store.select(_BALLOTS, bindings={"event": event}):
            voter = iris.local_id(str(r["voter"]))
            ballots.append(
                Ballot(
                    voter=Ref(iri=str(r["voter"]), id=voter, label=ix.label(voter or "")),
                    option=str(r["option"]),
                )
            )
        out.append(
            VoteEvent(
                id=iris.local_id(str(event), "vote") or str(event),
                iri=str(event),
                motion=text(row, "text"),
                meeting=Ref(iri=str(iris.entity(meeting)), id=meeting, label=ix.label(meeting)),
                date=text(row, "date"),
                result=text(row, "result"),
                counts=counts,
                ballots=ballots,
            )
        )
    return out


_START = "SELECT ?claim ?start WHERE { ?claim dkg:evidence/oa:hasSelector/oa:start ?start }"


def _reading_order(
    store: GraphStore, records: list[ClaimRecord], *, iris: Iris
) -> list[ClaimRecord]:
    """Claims sorted by document, then by where their evidence starts."""
    starts = {}
    for rec in records:
        doc, _, key = rec.id.partition("/")
        rows = store.select(_START, bindings={"claim": iris.claim(doc, key)})
        starts[rec.id] = number(rows[0], "start") if rows else None
    return sorted(records, key=lambda r: (r.document or "", starts[r.id] or 0, r.id))


def is_meeting(ix: GraphIndex, eid: str) -> bool:
    """The entity is a meeting (it has a meeting view)."""
    return ix.type(eid) == "Meeting" or eid in ix.claims_at
