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

from kg.iris import Iris
from kg.queries.documents import DocumentDetail, Span, document_text, get_document
from kg.store import Store
from kg.subgraph_details import ClaimDetail, claim_details
from kg.subgraph_index import GraphIndex

MAX_TEXT = 400_000


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

    detail: DocumentDetail
    segments: list[Segment]
    spans: list[MarkedSpan]
    claims: list[ClaimDetail]
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


def document_view(store: Store, ix: GraphIndex, doc_id: str, *, iris: Iris) -> DocumentView:
    """The document's metadata, its marked text and its claims (in reading order)."""
    detail = get_document(store, doc_id, iris=iris)
    full = document_text(store, detail.summary.id, iris=iris)
    truncated = len(full) > MAX_TEXT
    shown = full[:MAX_TEXT]
    spans = [s for s in detail.spans if s.start < len(shown)]
    marked = [
        MarkedSpan(
            index=i,
            start=s.start,
            end=s.end,
            claims=[u.id for u in s.used_by if u.kind == "claim" and u.id],
            others=[u.kind for u in s.used_by if u.kind != "claim"],
        )
        for i, s in enumerate(spans)
    ]
    order = {cid: n for n, m in enumerate(marked) for cid in m.claims}
    records = [ix.claims[i] for i in ix.claims_in.get(detail.summary.id, ())]
    records.sort(key=lambda r: (order.get(r.id, len(order)), r.id))
    return DocumentView(
        detail=detail,
        segments=segments(shown, spans),
        spans=marked,
        claims=claim_details(store, ix, records, iris=iris),
        truncated=truncated,
    )
