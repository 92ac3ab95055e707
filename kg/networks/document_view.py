"""A document as the explorer shows it: metadata, the stored text cut into segments with
every extracted span marked, and the claims those spans carry.

Spans may overlap; the text is cut at every span boundary, so each segment is covered by a
fixed set of spans (none for plain text).

>>> from kg.queries.documents import Span, SpanUse
>>> spans = [Span("d", 0, 5, "Hello", used_by=[SpanUse("claim", "i", "d/1")]),
...          Span("d", 3, 8, "lo wo")]
>>> [(s.text, s.spans) for s in segments("Hello world", spans)]
[('Hel', [0]), ('lo', [0, 1]), (' wo', [1]), ('rld', [])]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import NotFound
from kg.networks.details import ClaimDetail, claim_details
from kg.networks.index import GraphIndex
from kg.queries.common import Ref, entity_ref, number, text
from kg.queries.documents import (
    DocumentSummary,
    Span,
    document_record,
    document_spans,
    document_summary,
)
from kg.rdf.iris import Iris
from kg.store import GraphStore

MAX_TEXT = 400_000
MAX_CLAIMS = 300


@dataclass(frozen=True)
class Segment:
    """A stretch of text and the indices (into the document's spans) covering it."""

    start: int
    end: int
    text: str
    spans: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class MarkedSpan:
    """An extracted span: where it is and what was drawn from it (claim ids and others)."""

    index: int
    start: int
    end: int
    claims: list[str]
    others: list[str]


@dataclass(frozen=True)
class DocumentView:
    """Everything the document view shows."""

    summary: DocumentSummary
    sha256: str | None
    media_type: str | None
    characters: int | None
    entities: list[Ref]
    segments: list[Segment]
    spans: list[MarkedSpan]
    claims: list[ClaimDetail]
    claims_total: int = 0
    truncated: bool = False


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text cut at every span boundary, each piece with the spans covering it."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        covering = [i for i, s in enumerate(spans) if s.start <= a and b <= s.end]
        out.append(Segment(start=a, end=b, text=text[a:b], spans=covering))
    return out


_ENTITIES = "SELECT ?doc ?e WHERE { ?e dkg:mentionedIn ?doc } LIMIT 500"


def document_view(store: GraphStore, ix: GraphIndex, doc_id: str, *, iris: Iris) -> DocumentView:
    """The document's metadata, its marked text and its claims (in reading order)."""
    node = iris.document(doc_id)
    try:
        row = document_record(store, node, with_text=True)
    except NotFound:
        raise NotFound(f"no document '{doc_id}'") from None
    summary = document_summary(row, iri=str(node))
    full = str(row["text"])
    truncated = len(full) > MAX_TEXT
    shown = full[:MAX_TEXT]
    spans = document_spans(store, node, doc_id=summary.id, iris=iris)
    spans = [s for s in spans if s.start < len(shown)]
    marked = [
        MarkedSpan(
            index=i,
            start=s.start,
            end=s.end,
            claims=[u.id for u in s.used_by if u.kind == "claim" and u.id],
            others=sorted({u.kind for u in s.used_by if u.kind != "claim"}),
        )
        for i, s in enumerate(spans)
    ]
    order = {cid: n for n, m in enumerate(marked) for cid in m.claims}
    records = [ix.claims[i] for i in ix.claims_in.get(summary.id, ())]
    records.sort(key=lambda r: (order.get(r.id, len(order)), r.id))
    entities = [
        entity_ref(iris, r["e"], ix.label(eid))
        for r in store.select(_ENTITIES, bindings={"doc": node})
        if (eid := iris.local_id(str(r["e"])))
    ]
    return DocumentView(
        summary=summary,
        sha256=text(row, "sha"),
        media_type=text(row, "format"),
        characters=number(row, "chars"),
        entities=sorted(entities, key=lambda e: (e.label or "").casefold()),
        segments=segments(shown, spans),
        spans=marked,
        claims=claim_details(store, ix, records[:MAX_CLAIMS], iris=iris),
        claims_total=len(records),
        truncated=truncated,
    )
