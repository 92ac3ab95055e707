"""Source documents: their metadata, the spans statements were extracted from, and text.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_documents(Store.in_memory(), iris=Iris("https://example.org/")).total
0
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal

from kg.errors import InvalidQuery, NotFound
from kg.queries.common import Page, Ref, entity_ref, number, page_of, text
from kg.rdf.iris import Iris
from kg.store import GraphStore


@dataclass(frozen=True)
class DocumentSummary:
    """A document in a list."""

    id: str
    iri: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class SpanUse:
    """A statement drawn from a span: a claim, a vote or a relation statement."""

    kind: str
    iri: str
    id: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text (end exclusive), with what was extracted from it."""

    document: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    used_by: list[SpanUse] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentDetail:
    """A document's metadata and the spans its statements come from."""

    summary: DocumentSummary
    sha256: str | None
    media_type: str | None
    characters: int | None
    source_file: str | None
    spans: list[Span]
    entities: list[Ref]


_DOCS = """
SELECT DISTINCT ?doc ?id ?title ?date ?publisher ?url ?kind WHERE {
  ?doc a dkg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?doc schema:name ?title }
  OPTIONAL { ?doc schema:datePublished ?date }
  OPTIONAL { ?doc dkg:publisherName ?publisher }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc dkg:documentKind ?kind }
} ORDER BY ?id"""

_DOC = """
SELECT ?doc ?id ?title ?date ?publisher ?url ?kind ?sha ?format ?chars ?file WHERE {
  ?doc a dkg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?doc schema:name ?title }
  OPTIONAL { ?doc schema:datePublished ?date }
  OPTIONAL { ?doc dkg:publisherName ?publisher }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc dkg:documentKind ?kind }
  OPTIONAL { ?doc dkg:sha256 ?sha }
  OPTIONAL { ?doc schema:encodingFormat ?format }
  OPTIONAL { ?doc dkg:characterCount ?chars }
  OPTIONAL { ?doc dkg:sourcePath ?file }
} LIMIT 1"""

_SPANS = """
SELECT DISTINCT ?doc ?ev ?start ?end ?exact ?prefix ?suffix ?user ?kind WHERE {
  ?ev oa:hasSource ?doc ; oa:hasSelector ?ps , ?qs .
  ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
  OPTIONAL { ?qs oa:prefix ?prefix }
  OPTIONAL { ?qs oa:suffix ?suffix }
  OPTIONAL { ?user dkg:evidence ?ev ; a ?kind .
             FILTER(?kind IN (dkg:Claim, opengov:VoteEvent, dkg:RelationStatement)) }
} ORDER BY ?start ?end ?user"""

_ENTITIES = """
SELECT DISTINCT ?doc ?e ?label WHERE {
  ?e dkg:mentionedIn ?doc . OPTIONAL { ?e skos:prefLabel ?label }
} ORDER BY ?label ?e"""

_TEXT = "SELECT ?doc ?text WHERE { ?doc a dkg:Document ; schema:text ?text } LIMIT 1"


def document_summary(row: dict, *, iri: str | None = None) -> DocumentSummary:
    """A document's metadata from a row of ``?id ?title ?date ?publisher ?url ?kind`` (and
    ``?doc``, unless ``iri`` is given)."""
    return DocumentSummary(
        id=str(row["id"]),
        iri=iri or str(row["doc"]),
        title=text(row, "title"),
        date=text(row, "date"),
        publisher=text(row, "publisher"),
        url=text(row, "url"),
        kind=text(row, "kind"),
    )


def list_documents(
    store: GraphStore, *, iris: Iris, limit: int = 50, offset: int = 0
) -> Page[DocumentSummary]:
    """Every ingested document, by id."""
    rows = store.select(_DOCS)
    docs = list({str(r["doc"]): document_summary(r) for r in rows}.values())
    return page_of(docs, limit=limit, offset=offset)


def _use(row: dict, iris: Iris) -> SpanUse | None:
    if row.get("user") is None:
        return None
    kind = str(row["kind"]).rsplit("#", 1)[-1]
    user = str(row["user"])
    section = {"Claim": "claim", "VoteEvent": "vote", "RelationStatement": "statement"}[kind]
    return SpanUse(kind=section, iri=user, id=iris.local_id(user, section))


def get_document(store: GraphStore, doc_id: str, *, iris: Iris) -> DocumentDetail:
    """A document's metadata, its spans (in text order) and the entities it mentions."""
    node = iris.document(doc_id)
    rows = store.select(_DOC, bindings={"doc": node})
    if not rows:
        raise NotFound(f"no document '{doc_id}'")
    row = rows[0]
    spans: dict[tuple[int, int], Span] = {}
    for r in store.select(_SPANS, bindings={"doc": node}):
        start, end = number(r, "start"), number(r, "end")
        if start is None or end is None:
            continue
        span = spans.setdefault(
            (start, end),
            Span(
                document=str(row["id"]),
                start=start,
                end=end,
                text=str(r["exact"]),
                prefix=text(r, "prefix") or "",
                suffix=text(r, "suffix") or "",
            ),
        )
        use = _use(r, iris)
        if use is not None and use not in span.used_by:
            span.used_by.append(use)
    entities = [
        entity_ref(iris, r["e"], r.get("label"))
        for r in store.select(_ENTITIES, bindings={"doc": node})
    ]
    return DocumentDetail(
        summary=document_summary(row),
        sha256=text(row, "sha"),
        media_type=text(row, "format"),
        characters=number(row, "chars"),
        source_file=text(row, "file"),
        spans=[spans[k] for k in sorted(spans)],
        entities=entities,
    )


def document_text(store: GraphStore, doc_id: str, *, iris: Iris) -> str:
    """The stored text of a document (what evidence offsets index)."""
    rows = store.select(_TEXT, bindings={"doc": iris.document(doc_id)})
    if not rows:
        raise NotFound(f"no document '{doc_id}'")
    value = rows[0]["text"]
    return str(value) if isinstance(value, Literal) else ""


def get_span(
    store: GraphStore, doc_id: str, *, iris: Iris, start: int, end: int, context: int = 80
) -> Span:
    """Any span of a document's text (end exclusive) with ``context`` characters around it."""
    full = document_text(store, doc_id, iris=iris)
    if not 0 <= start < end <= len(full):
        raise InvalidQuery(f"the span must satisfy 0 <= start < end <= {len(full)}")
    return Span(
        document=doc_id,
        start=start,
        end=end,
        text=full[start:end],
        prefix=full[max(0, start - context) : start],
        suffix=full[end : end + context],
    )
