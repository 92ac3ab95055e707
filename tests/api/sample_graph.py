"""A small made-up graph for the API tests: reference entities and two documents.

The texts are our own invented sentences (about a fictional state, Ruritania); their
extraction is written by hand in the gold format and mapped with the library's own RDF
mapping, so the graph follows docs/model.md exactly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.documents.reading import DocumentMeta, SourceDocument
from kg.rdf.document import extraction_triples
from kg.rdf.iris import DKG, OPENGOV, ORG, WD, Iris
from kg.store import Store

MEETING_TEXT = (
    "At its 9700th meeting the Security Council took up the situation in Ruritania. "
    "The representative of China opposed holding the meeting at all. "
    "The Russian Federation also objected to the discussion. "
    "France welcomed the briefing and called for accountability through the "
    "International Criminal Court. "
    "The Special Rapporteur on Ruritania called for the release of every detainee. "
    "The provisional agenda was adopted by 12 votes to 2 (China, Russian Federation), "
    "with 1 abstention (Mozambique). "
    "Côte d'Ivoire supported the agenda."
)
BRIEFING_TEXT = (
    "Speaking to reporters, the envoy of the United States accused Ruritania of blocking "
    "aid convoys. The United States and France called for a new Council resolution."
)

# id, label, type, aliases, wikidata
REFERENCE = [
    ("chn", "China", "State", ["People's Republic of China"], "Q148"),
    ("rus", "Russian Federation", "State", ["Russia"], "Q159"),
    ("fra", "France", "State", ["French Republic"], "Q142"),
    ("usa", "United States", "State", ["USA", "United States of America"], "Q30"),
    ("moz", "Mozambique", "State", [], "Q1029"),
    ("civ", "Côte d'Ivoire", "State", ["Ivory Coast"], "Q1008"),
    ("rur", "Ruritania", "State", [], None),
    ("un-security-council", "UN Security Council", "Organization", ["Security Council"], "Q37470"),
    ("icc", "International Criminal Court", "Mechanism", ["ICC"], "Q47488"),
    ("volker-turk", "Volker Türk", "Person", [], "Q15983985"),
    (
        "un-high-commissioner-for-human-rights",
        "UN High Commissioner for Human Rights",
        "Position",
        [],
        None,
    ),
]
REFERENCE_RELATIONS = [
    ("volker-turk", ORG.holds, "un-high-commissioner-for-human-rights"),
    ("chn", ORG.memberOf, "un-security-council"),
    ("rus", ORG.memberOf, "un-security-council"),
    ("fra", ORG.memberOf, "un-security-council"),
    ("usa", ORG.memberOf, "un-security-council"),
    ("moz", ORG.memberOf, "un-security-council"),
]
_CLASS = {
    "State": DKG.State,
    "Organization": DKG.Organization,
    "Mechanism": DKG.Mechanism,
    "Person": DKG.Person,
    "Position": DKG.Position,
}


def reference_triples(iris: Iris) -> Iterator[tuple[URIRef, URIRef, Any]]:
    for eid, label, kind, aliases, wikidata in REFERENCE:
        node = iris.entity(eid)
        yield node, RDF.type, _CLASS[kind]
        if kind != "Position":
            yield node, RDF.type, DKG.Actor
        yield node, SKOS.prefLabel, Literal(label)
        yield node, RDFS.label, Literal(label)
        yield node, DCTERMS.identifier, Literal(eid)
        for alias in aliases:
            yield node, SKOS.altLabel, Literal(alias)
        if wikidata:
            yield node, SKOS.exactMatch, WD[wikidata]
    for s, p, o in REFERENCE_RELATIONS:
        yield iris.entity(s), p, iris.entity(o)


def span(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def _entity(eid: str, label: str, kind: str, *mentions: str) -> dict[str, Any]:
    return {"id": eid, "label": label, "type": kind, "mentions": list(mentions) or [label]}


def meeting_extraction() -> dict[str, Any]:
    t = MEETING_TEXT
    ents = [
        _entity("chn", "China", "State"),
        _entity("rus", "Russian Federation", "State"),
        _entity("fra", "France", "State"),
        _entity("moz", "Mozambique", "State"),
        _entity("civ", "Côte d'Ivoire", "State"),
        _entity("rur", "Ruritania", "State"),
        _entity("icc", "International Criminal Court", "Mechanism"),
        _entity("un-security-council", "Security Council", "Organization"),
        _entity(
            "meeting-9700", "9700th meeting of the Security Council", "Meeting", "9700th meeting"
        ),
        _entity("special-rapporteur-on-ruritania", "Special Rapporteur on Ruritania", "Mechanism"),
    ]
    day = "2024-06-12"
    claims = [
        {
            "claimant": "chn",
            "stance": "oppose",
            "about": ["meeting-9700"],
            "meeting": "meeting-9700",
            "date": day,
            "summary": "China opposed the meeting.",
            "evidence": span(t, "The representative of China opposed holding the meeting at all."),
        },
        {
            "claimant": "rus",
            "stance": "oppose",
            "about": ["meeting-9700"],
            "meeting": "meeting-9700",
            "date": day,
            "summary": "Russia objected to the discussion.",
            "evidence": span(t, "The Russian Federation also objected to the discussion."),
        },
        {
            "claimant": "fra",
            "stance": "support",
            "about": ["meeting-9700"],
            "meeting": "meeting-9700",
            "date": day,
            "evidence": span(t, "France welcomed the briefing"),
        },
        {
            "claimant": "fra",
            "stance": "call_for",
            "about": ["icc", "rur"],
            "meeting": "meeting-9700",
            "date": day,
            "confidence": 0.8,
            "summary": "France called for accountability through the ICC.",
            "evidence": span(
                t, "called for accountability through the International Criminal Court"
            ),
        },
        {
            "claimant": "special-rapporteur-on-ruritania",
            "stance": "call_for",
            "about": ["rur"],
            "meeting": "meeting-9700",
            "date": day,
            "summary": "The Special Rapporteur called for the release of detainees.",
            "evidence": span(
                t, "The Special Rapporteur on Ruritania called for the release of every detainee."
            ),
        },
        {
            "claimant": "civ",
            "stance": "support",
            "about": ["meeting-9700"],
            "meeting": "meeting-9700",
            "date": day,
            "evidence": span(t, "Côte d'Ivoire supported the agenda."),
        },
    ]
    votes = [
        {
            "on": "provisional agenda",
            "body": "un-security-council",
            "meeting": "meeting-9700",
            "date": day,
            "result": "adopted",
            "in_favour": 12,
            "against": 2,
            "abstentions": 1,
            "voted_in_favour": ["fra", "civ", "usa"],
            "voted_against": ["chn", "rus"],
            "abstained": ["moz"],
            "evidence": span(t, "The provisional agenda was adopted by 12 votes to 2"),
        },
    ]
    relations = [
        {
            "subject": "meeting-9700",
            "predicate": "about",
            "object": "rur",
            "evidence": span(t, "the situation in Ruritania"),
        },
        {
            "subject": "un-security-council",
            "predicate": "convened",
            "object": "meeting-9700",
            "evidence": span(t, "At its 9700th meeting the Security Council"),
        },
    ]
    return {"entities": ents, "claims": claims, "votes": votes, "relations": relations}


def briefing_extraction() -> dict[str, Any]:
    t = BRIEFING_TEXT
    day = "2024-07-01"
    return {
        "entities": [
            _entity("usa", "United States", "State"),
            _entity("fra", "France", "State"),
            _entity("rur", "Ruritania", "State"),
            _entity("un-security-council", "Security Council", "Organization"),
        ],
        "claims": [
            {
                "claimant": "usa",
                "stance": "accuse",
                "about": ["rur"],
                "date": day,
                "evidence": span(
                    t, "the envoy of the United States accused Ruritania of blocking aid convoys"
                ),
            },
            {
                "claimant": "usa",
                "stance": "call_for",
                "about": ["un-security-council"],
                "date": day,
                "evidence": span(
                    t, "The United States and France called for a new Council resolution."
                ),
            },
            {
                "claimant": "fra",
                "stance": "call_for",
                "about": ["un-security-council"],
                "date": day,
                "evidence": span(t, "France called for a new Council resolution."),
            },
        ],
        "votes": [],
        "relations": [],
    }


def _document(doc_id: str, text: str, *, title: str, date: str, kind: str) -> SourceDocument:
    meta = DocumentMeta(
        title=title,
        date=date,
        publisher="Example Press",
        kind=kind,
        url=f"https://example.org/{doc_id}",
    )
    return SourceDocument(
        doc_id=doc_id,
        path=Path(f"{doc_id}.txt"),
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        media_type="text/plain",
        meta=meta,
    )


DOCUMENTS = {
    "council-meeting": (
        MEETING_TEXT,
        meeting_extraction,
        "Council meeting 9700",
        "2024-06-12",
        "meeting-summary",
    ),
    "press-briefing": (
        BRIEFING_TEXT,
        briefing_extraction,
        "Press briefing",
        "2024-07-01",
        "press-briefing",
    ),
}


def _checked(triples: Iterator[tuple[Any, Any, Any]]) -> Iterator[tuple[Any, Any, Any]]:
    """Work around ``OPENGOV["count"]`` in kg.rdf.document, which rdflib resolves to the
    ``str.count`` method instead of the IRI (reported; drop this once it is fixed)."""
    for s, p, o in triples:
        yield s, (p if isinstance(p, URIRef) else OPENGOV["count"]), o


def fill(store: Store, iris: Iris) -> Store:
    """Write the reference graph and both documents' graphs into the store."""
    store.replace_graph(iris.reference_graph(), reference_triples(iris))
    known = {eid for eid, *_ in REFERENCE}
    for doc_id, (text, extraction, title, date, kind) in DOCUMENTS.items():
        doc = _document(doc_id, text, title=title, date=date, kind=kind)
        triples = extraction_triples(doc, extraction(), iris=iris, known=known)
        store.replace_graph(iris.doc_graph(doc_id), _checked(triples))
    return store
