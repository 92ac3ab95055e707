"""Content negotiation: parse ``Accept`` with q-values and choose among offered media types.

>>> choose("text/csv;q=0.5, application/sparql-results+json", SELECT_TYPES)
'application/sparql-results+json'
>>> choose("text/*;q=0.9, application/json;q=0.1", SELECT_TYPES)
'text/csv'
>>> choose("application/rdf+xml", SELECT_TYPES) is None
True
>>> choose(None, RDF_TYPES)
'text/turtle'
>>> choose("text/turtle;q=0, */*;q=0.1", RDF_TYPES)
'application/n-triples'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Offered media types, best first; aliases map to the canonical type we serve.
SELECT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
RDF_TYPES: dict[str, str] = {
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
    "application/ld+json": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
    "application/xml": "application/rdf+xml",
}
# A graph (Graph Store Protocol, entity pages): no dataset formats.
GRAPH_TYPES: dict[str, str] = {
    k: v for k, v in RDF_TYPES.items() if v not in ("application/n-quads", "application/trig")
}
TEXT_TYPES = (
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "text/html",
    "text/plain",
)


@dataclass(frozen=True)
class Range:
    """One media range of an Accept header."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (2 exact, 1 type/*, 0 */*), or -1."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == t and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == s:
            return 2
        return -1


@lru_cache(maxsize=256)
def parse_accept(header: str | None) -> tuple[Range, ...]:
    """The media ranges of an Accept header (malformed entries are skipped); clients send a
    handful of distinct headers, so each is parsed once."""
    ranges: list[Range] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(Range(t, s, q))
    return tuple(ranges)


def quality(ranges: Sequence[Range], media_type: str) -> float:
    """The q-value the client gives one media type (most specific matching range wins)."""
    best, specificity = 0.0, -1
    for r in ranges:
        m = r.matches(media_type)
        if m > specificity:
            best, specificity = r.q, m
    return best


def choose(accept: str | None, offers: dict[str, str] | list[str] | tuple[str, ...]) -> str | None:
    """The offered type the client prefers (the server's order breaks ties); None when the
    client accepts none of them. No Accept header means anything goes."""
    names = list(offers)
    canonical = offers if isinstance(offers, dict) else {n: n for n in names}
    ranges = parse_accept(accept)
    if not ranges:
        return canonical[names[0]]
    best, best_q = None, 0.0
    for name in names:
        q = quality(ranges, name)
        if q > best_q:
            best, best_q = name, q
    return canonical[best] if best else None


def with_charset(media_type: str) -> str:
    """A Content-Type value: text formats get ``; charset=utf-8``."""
    if media_type in TEXT_TYPES or media_type.startswith("text/"):
        return f"{media_type}; charset=utf-8"
    return media_type


def base_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    """``text/turtle; charset=UTF-8`` -> (``text/turtle``, {"charset": "UTF-8"})."""
    if not content_type:
        return "", {}
    media, *params = content_type.split(";")
    parsed = {}
    for p in params:
        name, _, value = p.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), parsed
