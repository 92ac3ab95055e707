"""Claims: who said what about whom, with the stance, the date and the evidence span.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_claims(Store.in_memory(), iris=Iris("https://example.org/")).total
0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import PROV

from kg.queries.common import (
    Evidence,
    Memo,
    Page,
    Ref,
    check_page,
    date_term,
    entity_iri,
    entity_ref,
    select_bound,
    stance_iri,
    stance_name,
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
from kg.rdf.iris import DKG, SCHEMA, Iris
from kg.store import GraphStore


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
    records: RecordCache[Claim] | None = None,
) -> Page[Claim]:
    """Claims matching every filter given (entity ids, a stance name, a document id, ISO
    dates), in document reading order.

    ``cache(key, compute)``: optional memoisation of the ordered list of matching claims
    (e.g. per store state), so paging through a large result does not redo the search;
    ``records``: claims already read (see :class:`kg.queries.records.RecordCache`).
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

    def read(keys: list[str]) -> dict[str, Claim]:
        return get_claims(store, [URIRef(k) for k in keys], iris=iris)

    found = read_records(chosen, read, records)
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
    """Everything about each of several claims, by claim IRI; claims not in the store (no
    claimant or no stance) are left out. Four queries whatever the number of claims: the
    claims' properties, their evidence, its selectors, and the labels of the entities."""
    props = {
        iri: p
        for iri, p in properties(store, claims).items()
        if str(DKG.claimant) in p and str(DKG.stance) in p
    }
    evidence = properties(store, [one(p, DKG.evidence) for p in props.values()])
    found = properties(store, selectors(evidence))
    named = labels(
        store,
        [n for p in props.values() for n in (one(p, DKG.claimant), one(p, DKG.atMeeting))]
        + [a for p in props.values() for a in every(p, SCHEMA.about)],
    )
    out: dict[str, Claim] = {}
    for claim in claims:
        if (p := props.get(str(claim))) is None:
            continue
        claimant, meeting = one(p, DKG.claimant), one(p, DKG.atMeeting)
        confidence, doc = one(p, DKG.confidence), one(p, PROV.wasDerivedFrom)
        out[str(claim)] = Claim(
            id=claim_id(iris, str(claim)),
            iri=str(claim),
            claimant=entity_ref(iris, claimant, named.get(str(claimant))),
            stance=stance_name(one(p, DKG.stance)),
            about=[entity_ref(iris, a, named.get(str(a))) for a in every(p, SCHEMA.about)],
            meeting=entity_ref(iris, meeting, named.get(str(meeting))) if meeting else None,
            date=string(one(p, SCHEMA.dateCreated)),
            confidence=float(confidence) if confidence is not None else None,
            summary=string(one(p, SCHEMA.description)),
            document=iris.local_id(str(doc), "doc") if doc is not None else None,
            evidence=evidence_of(one(p, DKG.evidence), evidence, found, iris),
        )
    return out
