"""RDF for one source document and its extraction (the document's named graph).

Input: a :class:`kg.documents.reading.SourceDocument` and an extraction dict in the gold format
(entities, claims, votes, relations; evidence as ``{"start", "end", "text"}``). Output: triples
with deterministic IRIs (see ``docs/model.md``). Entities already in the reference data are only
linked, never re-described, so their labels stay single.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.documents.reading import SourceDocument
from kg.rdf.common import ACTOR_TYPES, TYPE_CLASSES, date_literal
from kg.rdf.iris import DKG, OA, OPENGOV, ORG, SCHEMA, STANCE, STANCES, WD, Iris, digest

Triple = tuple[URIRef, URIRef, Any]

RELATION_PREDICATES: dict[str, URIRef] = {
    "holdsPosition": ORG.holds,
    "represents": DKG.represents,
    "memberOf": ORG.memberOf,
    "authored": DKG.authored,
    "found": DKG.found,
    "recommended": DKG.recommended,
    "convened": DKG.convened,
    "requested": DKG.requested,
    "participatedIn": DKG.participatedIn,
    "worksFor": SCHEMA.worksFor,
    "about": SCHEMA.about,
}

VOTE_OPTIONS = (
    ("in_favour", "voted_in_favour", "yes"),
    ("against", "voted_against", "no"),
    ("abstentions", "abstained", "abstain"),
)
CONTEXT = 40  # characters of prefix / suffix kept in a TextQuoteSelector


def document_triples(doc: SourceDocument, *, iris: Iris) -> Iterator[Triple]:
    """The document as a source entity: identifier, checksum, metadata and text."""
    d = iris.document(doc.doc_id)
    yield d, RDF.type, DKG.Document
    yield d, DCTERMS.identifier, Literal(doc.doc_id)
    yield d, DKG.sha256, Literal(doc.sha256)
    yield d, SCHEMA.text, Literal(doc.text)
    yield d, SCHEMA.encodingFormat, Literal(doc.media_type)
    yield d, DKG.sourcePath, Literal(doc.path.name)
    yield d, DKG.characterCount, Literal(len(doc.text), datatype=XSD.integer)
    yield d, SCHEMA.name, Literal(doc.title)
    yield d, RDFS.label, Literal(doc.title)
    m = doc.meta
    if m.date:
        yield d, SCHEMA.datePublished, date_literal(m.date.isoformat())
    if m.publisher:
        yield d, DKG.publisherName, Literal(m.publisher)
    if m.url:
        yield d, SCHEMA.url, URIRef(m.url)
    if m.kind:
        yield d, DKG.documentKind, Literal(m.kind)


class _Mapper:
    """Maps one extraction dict to triples; keeps the id -> IRI table."""

    def __init__(
        self,
        doc: SourceDocument,
        extraction: Mapping[str, Any],
        *,
        iris: Iris,
        known: set[str],
        labels: Mapping[str, str],
    ) -> None:
        self.doc, self.x, self.iris = doc, extraction, iris
        self.known, self.labels = known, labels
        self.doc_iri = iris.document(doc.doc_id)
        self.activity = iris.activity(doc.doc_id)

    def entity(self, entity_id: str) -> URIRef:
        return self.iris.entity(entity_id)

    def evidence(self, ev: Mapping[str, Any] | None) -> Iterator[Triple]:
        """Triples of an oa:SpecificResource for a span; yields nothing for a bad span."""
        if not ev:
            return
        start, end = ev.get("start"), ev.get("end")
        text = self.doc.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return
        iri = self.iris.evidence(self.doc.doc_id, start, end)
        quote = self.iris.selector(self.doc.doc_id, start, end, "quote")
        pos = self.iris.selector(self.doc.doc_id, start, end, "position")
        yield iri, RDF.type, OA.SpecificResource
        yield iri, OA.hasSource, self.doc_iri
        yield iri, OA.hasSelector, quote
        yield iri, OA.hasSelector, pos
        yield quote, RDF.type, OA.TextQuoteSelector
        yield quote, OA.exact, Literal(text[start:end])
        yield quote, OA.prefix, Literal(text[max(0, start - CONTEXT) : start])
        yield quote, OA.suffix, Literal(text[end : end + CONTEXT])
        yield pos, RDF.type, OA.TextPositionSelector
        yield pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)
        yield pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)

    def valid_span(self, ev: Mapping[str, Any] | None) -> bool:
        start, end = (ev or {}).get("start"), (ev or {}).get("end")
        return (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(self.doc.text)
        )

    def evidence_iri(self, ev: Mapping[str, Any]) -> URIRef:
        return self.iris.evidence(self.doc.doc_id, ev["start"], ev["end"])

    def entities(self) -> Iterator[Triple]:
        for ent in self.x.get("entities", []):
            eid = ent["id"]
            node = self.entity(eid)
            yield node, DKG.mentionedIn, self.doc_iri
            if eid in self.known:
                continue  # described by the reference graph
            cls = TYPE_CLASSES.get(ent.get("type", ""), DKG.Organization)
            yield node, RDF.type, cls
            if cls in _ACTOR_CLASSES:
                yield node, RDF.type, DKG.Actor
            label = self.labels.get(eid) or ent.get("label") or eid
            yield node, SKOS.prefLabel, Literal(label)
            yield node, RDFS.label, Literal(label)
            yield node, DCTERMS.identifier, Literal(eid)
            for mention in sorted(set(ent.get("mentions") or [])):
                if mention != label:
                    yield node, SKOS.altLabel, Literal(mention)
            if ent.get("label") and ent["label"] != label:
                yield node, SKOS.altLabel, Literal(ent["label"])
            if ent.get("wikidata"):
                yield node, SKOS.exactMatch, WD[ent["wikidata"]]
            yield node, PROV.wasDerivedFrom, self.doc_iri

    def claims(self) -> Iterator[Triple]:
        done: set[str] = set()
        for c in self.x.get("claims", []):
            ev = c.get("evidence") or {}
            stance = c.get("stance")
            if stance not in STANCES or not self.valid_span(ev) or not c.get("claimant"):
                continue  # a claim needs a claimant, a stance and a span of this text
            key = digest(
                c["claimant"], stance, ev["start"], ev["end"], *sorted(c.get("about") or [])
            )
            if key in done:
                continue  # the same claim found twice in one sentence is one fact
            done.add(key)
            node = self.iris.claim(self.doc.doc_id, key)
            yield node, RDF.type, DKG.Claim
            yield node, DKG.claimant, self.entity(c["claimant"])
            yield node, DKG.stance, STANCE[stance]
            for about in c.get("about") or []:
                yield node, SCHEMA.about, self.entity(about)
            if c.get("meeting"):
                yield node, DKG.atMeeting, self.entity(c["meeting"])
            if (day := date_literal(c.get("date"))) is not None:
                yield node, SCHEMA.dateCreated, day
            if c.get("confidence") is not None:
                conf = round(float(c["confidence"]), 3)
                yield node, DKG.confidence, Literal(str(conf), datatype=XSD.decimal)
            if c.get("summary"):
                yield node, SCHEMA.description, Literal(c["summary"])
            yield from self.evidence(ev)
            yield node, DKG.evidence, self.evidence_iri(ev)
            yield node, PROV.wasDerivedFrom, self.doc_iri
            yield node, PROV.wasGeneratedBy, self.activity

    def votes(self) -> Iterator[Triple]:
        for i, v in enumerate(self.x.get("votes", [])):
            ev = v.get("evidence") or {}
            key = f"{self.doc.doc_id}-{i}-{ev.get('start', 0)}"
            event, motion = self.iris.vote_event(key), self.iris.motion(key)
            yield event, RDF.type, OPENGOV.VoteEvent
            yield event, OPENGOV.motion, motion
            yield motion, RDF.type, OPENGOV.Motion
            yield motion, OPENGOV.text, Literal(v.get("on") or "motion")
            if v.get("body"):
                yield motion, OPENGOV.organization, self.entity(v["body"])
            if v.get("result"):
                yield event, OPENGOV.result, Literal(v["result"])
                yield motion, OPENGOV.result, Literal(v["result"])
            if v.get("meeting"):
                yield event, DKG.atMeeting, self.entity(v["meeting"])
            if (day := date_literal(v.get("date"))) is not None:
                yield event, SCHEMA.startDate, day
            yield from vote_counts(event, v, iris=self.iris, key=key)
            if self.valid_span(ev):
                yield from self.evidence(ev)
                yield event, DKG.evidence, self.evidence_iri(ev)
            yield event, PROV.wasDerivedFrom, self.doc_iri

    def relations(self) -> Iterator[Triple]:
        for r in self.x.get("relations", []):
            pred = RELATION_PREDICATES.get(r.get("predicate", ""))
            if pred is None:
                continue
            subj = self.entity(r["subject"])
            obj = Literal(r["object"]) if pred == DKG.found else self.entity(r["object"])
            yield subj, pred, obj
            ev = r.get("evidence") or {}
            key = digest(r["subject"], r["predicate"], r["object"], ev.get("start"))
            st = self.iris.statement(self.doc.doc_id, key)
            yield st, RDF.type, DKG.RelationStatement
            yield st, RDF.subject, subj
            yield st, RDF.predicate, pred
            yield st, RDF.object, obj
            yield st, PROV.wasDerivedFrom, self.doc_iri
            if self.valid_span(ev):
                yield from self.evidence(ev)
                yield st, DKG.evidence, self.evidence_iri(ev)

    def activity_triples(self) -> Iterator[Triple]:
        yield self.activity, RDF.type, DKG.ExtractionActivity
        yield self.activity, PROV.used, self.doc_iri
        yield self.activity, RDFS.label, Literal(f"extraction of {self.doc.doc_id}")


_ACTOR_CLASSES = {TYPE_CLASSES[t] for t in ACTOR_TYPES}


def vote_counts(event: URIRef, v: Mapping[str, Any], *, iris: Iris, key: str) -> Iterator[Triple]:
    """Counts and per-voter votes of a vote event (shared with the reference data)."""
    for count_key, list_key, option in VOTE_OPTIONS:
        value = v.get(count_key)
        if value is not None:
            count = iris.count(key, option)
            yield event, OPENGOV["count"], count
            yield count, RDF.type, OPENGOV.Count
            yield count, OPENGOV.option, Literal(option)
            yield count, OPENGOV.value, Literal(int(value), datatype=XSD.integer)
        for voter in v.get(list_key) or []:
            vote = iris.vote(key, voter)
            yield event, OPENGOV.vote, vote
            yield vote, RDF.type, OPENGOV.Vote
            yield vote, OPENGOV.voteEvent, event
            yield vote, OPENGOV.voter, iris.entity(voter)
            yield vote, OPENGOV.option, Literal(option)


def extraction_triples(
    doc: SourceDocument,
    extraction: Mapping[str, Any] | None,
    *,
    iris: Iris,
    known: set[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Iterator[Triple]:
    """Every triple of a document's named graph.

    ``known``: ids described by the reference graph (linked, not re-described);
    ``labels``: preferred labels already in the store for other new ids (kept, so an entity
    seen in several documents keeps one preferred label).
    """
    yield from document_triples(doc, iris=iris)
    if not extraction:
        return
    m = _Mapper(doc, extraction, iris=iris, known=known or set(), labels=labels or {})
    yield from m.activity_triples()
    yield from m.entities()
    yield from m.claims()
    yield from m.votes()
    yield from m.relations()
