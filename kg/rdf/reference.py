"""RDF for the embedded reference data (the reference named graph).

States, bodies, mechanisms, reports, positions, persons with dated tenures, Security Council
membership per year, and the Council's meetings with their procedural votes. Every entity
carries ``dcterms:source`` links to where its facts come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.rdf.common import ACTOR_TYPES, TYPE_CLASSES, date_literal
from kg.rdf.document import vote_counts
from kg.rdf.iris import DKG, ORG, SCHEMA, WD, Iris

Triple = tuple[URIRef, URIRef, Any]
SECURITY_COUNCIL = "un-security-council"
UNITED_NATIONS = "united-nations"


def _describe(
    node: URIRef,
    *,
    eid: str,
    type_: str,
    label: str,
    aliases: Iterable[str],
    wikidata: str | None,
    sources: Iterable[str],
) -> Iterator[Triple]:
    yield node, RDF.type, TYPE_CLASSES[type_]
    if type_ in ACTOR_TYPES:
        yield node, RDF.type, DKG.Actor
    yield node, SKOS.prefLabel, Literal(label)
    yield node, RDFS.label, Literal(label)
    yield node, DCTERMS.identifier, Literal(eid)
    for alias in dict.fromkeys(aliases):
        if alias and alias != label:
            yield node, SKOS.altLabel, Literal(alias)
    if wikidata:
        yield node, SKOS.exactMatch, WD[wikidata]
    for src in dict.fromkeys(sources):
        if src:
            yield node, DCTERMS.source, URIRef(src)


def _date(node: URIRef, pred: URIRef, value: Any) -> Iterator[Triple]:
    lit = date_literal(value)
    if lit is not None:
        yield node, pred, lit


def state_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    un = iris.entity(UNITED_NATIONS)
    for s in ref.states:
        node = iris.entity(s.id)
        aliases = [s.official_name, *s.aliases] if s.official_name else list(s.aliases)
        yield from _describe(
            node,
            eid=s.id,
            type_="State",
            label=s.name,
            aliases=aliases,
            wikidata=s.wikidata,
            sources=s.sources,
        )
        if s.official_name:
            yield node, SCHEMA.legalName, Literal(s.official_name)
        yield node, DKG.iso3166Alpha2, Literal(s.iso2)
        yield node, DKG.iso3166Alpha3, Literal(s.iso3)
        for demonym in s.demonyms:
            yield node, DKG.demonym, Literal(demonym)
        if s.capital:
            yield node, DKG.capital, Literal(s.capital)
        yield node, DKG.unStatus, Literal(s.status)
        yield from _date(node, DKG.unAdmissionDate, s.un_admission)
        if s.status == "member":
            yield node, ORG.memberOf, un


def body_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    for b in ref.bodies:
        node = iris.entity(b.id)
        yield from _describe(
            node,
            eid=b.id,
            type_=b.type,
            label=b.label,
            aliases=b.aliases,
            wikidata=b.wikidata,
            sources=b.sources,
        )
        if getattr(b, "description", None):
            yield node, SCHEMA.description, Literal(b.description)
        if getattr(b, "part_of", None):
            yield node, ORG.subOrganizationOf, iris.entity(b.part_of)
        if getattr(b, "post_in", None):
            yield node, ORG.postIn, iris.entity(b.post_in)
        if getattr(b, "author", None):
            yield iris.entity(b.author), DKG.authored, node
        if getattr(b, "symbol", None):
            yield node, DKG.documentSymbol, Literal(b.symbol)
        yield from _date(node, SCHEMA.datePublished, getattr(b, "date", None))
        for target in getattr(b, "recommended", None) or ():
            yield node, DKG.recommended, iris.entity(target)


def person_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    for p in ref.persons:
        node = iris.entity(p.id)
        yield from _describe(
            node,
            eid=p.id,
            type_="Person",
            label=p.label,
            aliases=p.aliases,
            wikidata=p.wikidata,
            sources=p.sources,
        )
        if getattr(p, "represents", None):
            yield node, DKG.represents, iris.entity(p.represents)
        for t in p.positions:
            post = iris.entity(t.position)
            yield node, ORG.holds, post
            tenure = iris.tenure(p.id, t.position, t.start)
            yield tenure, RDF.type, DKG.Tenure
            yield tenure, DKG.holder, node
            yield tenure, DKG.post, post
            yield from _date(tenure, SCHEMA.startDate, t.start)
            yield from _date(tenure, SCHEMA.endDate, t.end)
            if t.source:
                yield tenure, DCTERMS.source, URIRef(t.source)


def council_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    sc = ref.security_council
    council = iris.entity(SECURITY_COUNCIL)
    sources = [URIRef(s) for s in sc.sources]
    for sid in sc.permanent:
        m = iris.membership(sid, SECURITY_COUNCIL, "permanent")
        yield from _membership(m, iris.entity(sid), council, "permanent", None, None, sources)
        yield iris.entity(sid), ORG.memberOf, council
    for year, members in sorted(sc.elected.items()):
        for sid in members:
            m = iris.membership(sid, SECURITY_COUNCIL, str(year))
            start, end = f"{year}-01-01", f"{year}-12-31"
            yield from _membership(m, iris.entity(sid), council, "elected", start, end, sources)


def _membership(
    m: URIRef,
    member: URIRef,
    body: URIRef,
    seat: str,
    start: str | None,
    end: str | None,
    sources: list[URIRef],
) -> Iterator[Triple]:
    yield m, RDF.type, ORG.Membership
    yield m, ORG.member, member
    yield m, ORG.organization, body
    yield m, DKG.seatType, Literal(seat)
    yield from _date(m, SCHEMA.startDate, start)
    yield from _date(m, SCHEMA.endDate, end)
    for src in sources:
        yield m, DCTERMS.source, src


def meeting_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    for mt in ref.meetings:
        node = iris.entity(mt.id)
        aliases = [a for a in (getattr(mt, "symbol", None),) if a]
        yield from _describe(
            node,
            eid=mt.id,
            type_="Meeting",
            label=mt.label,
            aliases=aliases,
            wikidata=None,
            sources=mt.sources,
        )
        yield from _date(node, SCHEMA.startDate, mt.date)
        if mt.meeting_number:
            yield node, DKG.meetingNumber, Literal(int(mt.meeting_number), datatype=XSD.integer)
        if getattr(mt, "symbol", None):
            yield node, DKG.documentSymbol, Literal(mt.symbol)
        if getattr(mt, "body", None):
            yield node, SCHEMA.organizer, iris.entity(mt.body)
        for about in getattr(mt, "about", None) or ():
            yield node, SCHEMA.about, iris.entity(about)
        vote = getattr(mt, "vote", None)
        if vote is not None:
            yield from _meeting_vote(node, mt, vote, iris=iris)


def _meeting_vote(node: URIRef, mt: Any, vote: Any, *, iris: Iris) -> Iterator[Triple]:
    from kg.rdf.iris import OPENGOV

    key = f"{mt.id}-agenda"
    event, motion = iris.vote_event(key), iris.motion(key)
    v = vote.model_dump() if hasattr(vote, "model_dump") else dict(vote)
    yield event, RDF.type, OPENGOV.VoteEvent
    yield event, OPENGOV.motion, motion
    yield event, DKG.atMeeting, node
    yield from _date(event, SCHEMA.startDate, mt.date)
    yield motion, RDF.type, OPENGOV.Motion
    yield motion, OPENGOV.text, Literal(v.get("on") or "adoption of the provisional agenda")
    yield motion, OPENGOV.organization, iris.entity(getattr(mt, "body", None) or SECURITY_COUNCIL)
    if v.get("result"):
        yield event, OPENGOV.result, Literal(v["result"])
        yield motion, OPENGOV.result, Literal(v["result"])
    yield from vote_counts(event, v, iris=iris, key=key)
    for src in mt.sources:
        yield event, DCTERMS.source, URIRef(src)


def reference_triples(ref: Any, *, iris: Iris) -> Iterator[Triple]:
    """Every triple of the reference graph."""
    yield from state_triples(ref, iris=iris)
    yield from body_triples(ref, iris=iris)
    yield from person_triples(ref, iris=iris)
    yield from council_triples(ref, iris=iris)
    yield from meeting_triples(ref, iris=iris)
