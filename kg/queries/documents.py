"""Source documents: their metadata, the spans statements were extracted from, and text.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> list_documents(Store.in_memory(), iris=Iris("https://example.org/")).total
0
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.errors import InvalidQuery, NotFound
from kg.queries.common import Evidence, Page, Ref, entity_ref, number, page_of, text
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
class Span(Evidence):
    """A stretch of a document's text (end exclusive), with what was extracted from it."""

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


_META = """
  OPTIONAL { ?doc schema:name ?title }
  OPTIONAL { ?doc schema:datePublished ?date }
  OPTIONAL { ?doc dkg:publisherName ?publisher }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc dkg:documentKind ?kind }"""

_DOCS = (
    "SELECT DISTINCT ?doc ?id ?title ?date ?publisher ?url ?kind WHERE {\n"
    "  ?doc a dkg:Document ; dcterms:identifier ?id ." + _META + "\n} ORDER BY ?id"
)

# One document, bound by IRI: no rdf:type patterns (a bound ?doc is where the engine starts;
# see kg.networks.details.EVIDENCE), and the text only when asked for.
_DOC = """
SELECT * WHERE {
  ?doc dcterms:identifier ?id .%s%s
  OPTIONAL { ?doc dkg:sha256 ?sha }
  OPTIONAL { ?doc schema:encodingFormat ?format }
  OPTIONAL { ?doc dkg:characterCount ?chars }
  OPTIONAL { ?doc dkg:sourcePath ?file }
} LIMIT 1"""

# The kind of statement a span is used by is read from its IRI (no rdf:type patterns).
_SPANS = """
SELECT ?doc ?ev ?start ?end ?exact ?prefix ?suffix ?user WHERE {
  ?ev oa:hasSource ?doc ; oa:hasSelector ?ps , ?qs .
  ?ps oa:start ?start ; oa:end ?end .
  ?qs oa:exact ?exact .
  OPTIONAL { ?qs oa:prefix ?prefix }
  OPTIONAL { ?qs oa:suffix ?suffix }
  OPTIONAL { ?user dkg:evidence ?ev }
} ORDER BY ?start ?end ?user"""

_ENTITIES = """
SELECT DISTINCT ?doc ?e ?label WHERE {
  ?e dkg:mentionedIn ?doc . OPTIONAL { ?e skos:prefLabel ?label }
} ORDER BY ?label ?e"""

_TEXT = "SELECT ?doc ?text WHERE { ?doc a dkg:Document ; schema:text ?text } LIMIT 1"

_USES = ("claim", "vote", "statement")


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


def document_record(store: GraphStore, node: URIRef, *, with_text: bool = False) -> dict:
    """The metadata row of the document ``node`` (with ``?text`` if asked); ``NotFound``
    if there is none."""
    query = _DOC % ("\n  ?doc schema:text ?text ." if with_text else "", _META)
    rows = store.select(query, bindings={"doc": node})
    if not rows:
        raise NotFound(f"no document '{node}'")
    return rows[0]


def _use(user: str | None, iris: Iris) -> SpanUse | None:
    for kind in _USES:
        local = iris.local_id(user or "", kind)
        if local is not None:
            return SpanUse(kind=kind, iri=str(user), id=local)
    return None


def document_spans(store: GraphStore, node: URIRef, *, doc_id: str, iris: Iris) -> list[Span]:
    """The spans of a document that statements were drawn from, in text order, each with
    the claims, votes and relation statements using it."""
    spans: dict[tuple[int, int], Span] = {}
    for r in store.select(_SPANS, bindings={"doc": node}):
        start, end = number(r, "start"), number(r, "end")
        if start is None or end is None:
            continue
        span = spans.setdefault(
            (start, end),
            Span(
                document=doc_id,
                start=start,
                end=end,
                text=str(r["exact"]),
                prefix=text(r, "prefix") or "",
                suffix=text(r, "suffix") or "",
            ),
        )
        use = _use(text(r, "user"), iris)
        if use is not None and use not in span.used_by:
            span.used_by.append(use)
    return [spans[k] for k in sorted(spans)]


def get_document(store: GraphStore, doc_id: str, *, iris: Iris) -> DocumentDetail:
    """A document's metadata, its spans (in text order) and the entities it mentions."""
    node = iris.document(doc_id)
    try:
        row = document_record(store, node)
    except NotFound:
        raise NotFound(f"no document '{doc_id}'") from None
    entities = [
        entity_ref(iris, r["e"], r.get("label"))
        for r in store.select(_ENTITIES, bindings={"doc": node})
    ]
    return DocumentDetail(
        summary=document_summary(row, iri=str(node)),
        sha256=text(row, "sha"),
        media_type=text(row, "format"),
        characters=number(row, "chars"),
        source_file=text(row, "file"),
        spans=document_spans(store, node, doc_id=str(row["id"]), iris=iris),
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
