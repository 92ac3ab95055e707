"""Claims: who said what about whom, with the stance, the date and the evidence span.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_claims(Store.in_memory(), iris=Iris("https://example.org/")).total
0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.queries.common import (
    Evidence,
    Page,
    Ref,
    check_page,
    date_term,
    entity_iri,
    entity_ref,
    evidence_from,
    evidence_pattern,
    select_bound,
    stance_iri,
    stance_name,
    text,
)
from kg.rdf.iris import Iris
from kg.store import GraphStore

Memo = Callable[[str, Callable[[], list[str]]], list[str]]


@dataclass(frozen=True)
class Claim:
    """One attributed proposition."""

    id: str
    iri: str
    claimant: Ref
    stance: str
    about: list[Ref] = field(default_factory=list)
    meeting: Ref | None = None
    date: str | None = None
    confidence: float | None = None
    summary: str | None = None
    document: str | None = None
    evidence: Evidence | None = None


# Only claims have a claimant: no type pattern (with a bound claimant, the engine would scan
# every claim for it). Reading order is restored in Python from the evidence IRIs
# ({base}evidence/{doc}/{start}-{end}), which is much faster than ORDER BY in the engine.
_MATCHING = """
SELECT DISTINCT ?claim ?doc ?ev {bound} WHERE {
  ?claim dkg:claimant ?claimant ; dkg:stance ?stance .
  %s
  OPTIONAL { ?claim prov:wasDerivedFrom ?doc }
  OPTIONAL { ?claim dkg:evidence ?ev }
}
"""

_FILTERS = {
    "about": "?claim schema:about ?about .",
    "meeting": "?claim dkg:atMeeting ?meeting .",
    "document": "?claim prov:wasDerivedFrom ?document .",
    "from": "?claim schema:dateCreated ?date . FILTER(?date >= ?from)",
    "to": "?claim schema:dateCreated ?date2 . FILTER(?date2 <= ?to)",
}

_DETAIL = (
    """
SELECT ?claim ?claimant ?claimantLabel ?stance ?doc ?date ?meeting ?meetingLabel ?summary
       ?confidence ?evdoc ?exact ?prefix ?suffix ?start ?end WHERE {
  ?claim dkg:claimant ?claimant ; dkg:stance ?stance .
  OPTIONAL { ?claimant skos:prefLabel ?claimantLabel }
  OPTIONAL { ?claim prov:wasDerivedFrom ?doc }
  OPTIONAL { ?claim schema:dateCreated ?date }
  OPTIONAL { ?claim dkg:atMeeting ?meeting OPTIONAL { ?meeting skos:prefLabel ?meetingLabel } }
  OPTIONAL { ?claim schema:description ?summary }
  OPTIONAL { ?claim dkg:confidence ?confidence }"""
    + evidence_pattern("claim")
    + "\n} LIMIT 1"
)

_ABOUT = """
SELECT DISTINCT ?claim ?about ?label WHERE {
  ?claim schema:about ?about . OPTIONAL { ?about skos:prefLabel ?label }
} ORDER BY ?about
"""


def list_claims(
    store: GraphStore,
    *,
    iris: Iris,
    claimant: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    meeting: str | None = None,
    document: str | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
    cache: Memo | None = None,
) -> Page[Claim]:
    """Claims matching every filter given (entity ids, a stance name, a document id, ISO
    dates), in document reading order.

    ``cache(key, compute)``: optional memoisation of the ordered list of matching claims
    (e.g. per store state), so paging through a large result does not redo the search.
    """
    check_page(limit, offset)
    bindings = {
        "claimant": entity_iri(iris, claimant) if claimant else None,
        "stance": stance_iri(stance) if stance else None,
        "about": entity_iri(iris, about) if about else None,
        "meeting": entity_iri(iris, meeting) if meeting else None,
        "document": iris.document(document) if document else None,
        "from": date_term(date_from, name="from"),
        "to": date_term(date_to, name="to"),
    }
    patterns = "\n  ".join(p for k, p in _FILTERS.items() if bindings.get(k) is not None)

    def matching() -> list[str]:
        rows = select_bound(store, _MATCHING % patterns, bindings)
        rows.sort(key=_reading_order)
        return list(dict.fromkeys(str(r["claim"]) for r in rows))

    key = "claims:" + "|".join(f"{k}={v}" for k, v in bindings.items() if v is not None)
    iris_in_order = cache(key, matching) if cache is not None else matching()
    chosen = iris_in_order[offset : offset + limit]
    found = get_claims(store, [URIRef(i) for i in chosen], iris=iris)
    items = [found[i] for i in chosen if i in found]
    return Page(items=items, total=len(iris_in_order), limit=limit, offset=offset)


def _reading_order(row: dict) -> tuple[str, int, str]:
    """(document, start offset, claim) from a row of _MATCHING."""
    start = -1
    ev = str(row.get("ev") or "")
    span = ev.rsplit("/", 1)[-1]
    head = span.split("-", 1)[0]
    if head.isdigit():
        start = int(head)
    return str(row.get("doc") or ""), start, str(row["claim"])


def claim_id(iris: Iris, iri: str) -> str:
    """``{base}claim/doc/hash`` -> ``doc/hash``."""
    return iris.local_id(iri, "claim") or iri


def get_claim(store: GraphStore, claim: URIRef, *, iris: Iris) -> Claim | None:
    """Everything about one claim, or None when there is no such claim."""
    return get_claims(store, [claim], iris=iris).get(str(claim))


def get_claims(store: GraphStore, claims: list[URIRef], *, iris: Iris) -> dict[str, Claim]:
    """Everything about each of several claims, by claim IRI; claims not in the store are
    left out. One query per claim with its IRI written in: the engine starts from a written
    term, while from a VALUES block of several it scans every claim first."""
    out: dict[str, Claim] = {}
    for claim in claims:
        rows = store.select(_DETAIL, bindings={"claim": claim})
        if rows:
            about = [
                entity_ref(iris, a["about"], a.get("label"))
                for a in store.select(_ABOUT, bindings={"claim": claim})
            ]
            out[str(claim)] = _claim(str(claim), rows[0], about, iris)
    return out


def _claim(iri: str, row: dict, about: list[Ref], iris: Iris) -> Claim:
    confidence = text(row, "confidence")
    meeting = row.get("meeting")
    return Claim(
        id=claim_id(iris, iri),
        iri=iri,
        claimant=entity_ref(iris, row["claimant"], row.get("claimantLabel")),
        stance=stance_name(row["stance"]),
        about=about,
        meeting=entity_ref(iris, meeting, row.get("meetingLabel")) if meeting else None,
        date=text(row, "date"),
        confidence=float(confidence) if confidence is not None else None,
        summary=text(row, "summary"),
        document=iris.local_id(str(row["doc"]), "doc") if row.get("doc") else None,
        evidence=evidence_from(row, iris),
    )
