"""Ingest: documents -> extraction -> RDF -> one named graph per document.

One bad document never stops a batch and never touches what is already stored: it is reported
(an :class:`kg.errors.InputError` naming the file) and the rest goes on. Re-ingesting a document
replaces its graph atomically (one transaction per document).

Reading and extraction run in worker processes when a batch is big enough (the default
extractor only, :mod:`kg.pipeline.stream`); results come back in file order, so reports, progress
and the graph are the same as with one process. An entity that documents (not the reference
data) describe keeps one preferred label across documents and batches: the first document
that names it decides (:class:`LabelBook`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.documents.reading import MAX_BYTES, SourceDocument, collect
from kg.errors import KGError, internal
from kg.pipeline.stream import (
    DocumentResult,
    Extracted,
    Extractor,
    default_extractor,
    document_nquads,
    extracted_stream,
)
from kg.rdf.document import extraction_triples
from kg.rdf.iris import Iris
from kg.store import GraphStore

Progress = Callable[[str], None]
__all__ = [
    "DocumentResult",
    "Extracted",
    "Extractor",
    "IngestReport",
    "LabelBook",
    "Progress",
    "default_extractor",
    "document_nquads",
    "extracted_stream",
    "ingest_paths",
    "known_entity_ids",
    "own_labels",
    "store_document",
    "store_extracted",
]


@dataclass
class IngestReport:
    """Outcome of a batch: stored documents and one error per document that was not.

    ``seconds`` is the batch's wall time, ``load_seconds`` the part spent writing to the store.
    """

    stored: list[DocumentResult] = field(default_factory=list)
    errors: list[KGError] = field(default_factory=list)
    seconds: float = 0.0
    load_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line: how many stored, failed, and what they hold."""
        claims = sum(r.claims for r in self.stored)
        triples = sum(r.triples for r in self.stored)
        return (
            f"{len(self.stored)} document(s) stored ({triples} triples, {claims} claims), "
            f"{len(self.errors)} failed"
        )


# --- labels of entities described by documents ----------------------------------------------


def own_labels(ex: Extracted, known: set[str]) -> dict[str, str]:
    """The preferred label a document gives each entity it describes, left to itself (the
    same rule as :func:`kg.rdf.document.extraction_triples`)."""
    out: dict[str, str] = {}
    for ent in (ex.extraction or {}).get("entities", []):
        eid = ent["id"]
        if eid not in known and eid not in out:
            out[eid] = ent.get("label") or eid
    return out


class LabelBook:
    """Which preferred label each document-described entity has, and in which graphs.

    An entity named by several documents keeps the label of the first one stored: later
    documents take the label another graph already gives it (in this batch, else in the
    store). A document stored again gives up its own claim first, like a graph replaced.
    """

    _QUERY = (
        "SELECT ?e ?self ?g ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } FILTER(?g != ?self) } "
        "LIMIT 1"
    )

    def __init__(self, store: GraphStore | None, *, iris: Iris) -> None:
        self.store, self.iris = store, iris
        self._holders: dict[str, dict[URIRef, str]] = {}  # entity id -> graph -> label
        self._graph_ids: dict[URIRef, list[str]] = {}
        self.lookups = 0

    def labels_for(self, graph: URIRef, ids: Iterable[str]) -> dict[str, str]:
        """Labels other graphs already give these entity ids (ids none gives are left out).

        Asks the store (one indexed look-up, whatever its size) only for ids no other graph
        of this batch describes."""
        found: dict[str, str] = {}
        for eid in ids:
            held = self._holders.get(eid)
            others = [lbl for g, lbl in held.items() if g != graph] if held else []
            if others:
                found[eid] = min(others)
            elif self.store is not None:
                self.lookups += 1
                rows = self.store.select(
                    self._QUERY, bindings={"e": self.iris.entity(eid), "self": graph}
                )
                if rows:
                    other = URIRef(str(rows[0]["g"]))
                    self._holders.setdefault(eid, {})[other] = found[eid] = str(rows[0]["l"])
                    self._graph_ids.setdefault(other, []).append(eid)
        return found

    def record(self, graph: URIRef, labels: Mapping[str, str]) -> None:
        """A graph was stored with these labels (it replaces what the graph had)."""
        for eid in self._graph_ids.pop(graph, []):
            self._holders.get(eid, {}).pop(graph, None)
        for eid, label in labels.items():
            self._holders.setdefault(eid, {})[graph] = label
        self._graph_ids[graph] = list(labels)


def store_document(
    store: GraphStore,
    doc: SourceDocument,
    *,
    iris: Iris,
    extractor: Extractor | None,
    known: set[str],
    book: LabelBook | None = None,
) -> DocumentResult:
    """Extract one document and replace its named graph with the result (one transaction)."""
    extraction: dict[str, Any] | None = None
    if extractor is not None:
        meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
        extraction = extractor(doc.text, doc_id=doc.doc_id, meta=meta)
    return store_extracted(store, Extracted(doc, extraction), iris=iris, known=known, book=book)


def store_extracted(
    store: GraphStore, ex: Extracted, *, iris: Iris, known: set[str], book: LabelBook | None = None
) -> DocumentResult:
    """Replace a document's named graph with its extraction's triples (one transaction)."""
    book = book or LabelBook(store, iris=iris)
    graph = iris.doc_graph(ex.doc.doc_id)
    mine = own_labels(ex, known)
    labels = book.labels_for(graph, mine)
    triples = extraction_triples(ex.doc, ex.extraction, iris=iris, known=known, labels=labels)
    written = store.replace_graph(graph, triples)
    book.record(graph, mine | labels)
    return ex.result(graph, written)


def known_entity_ids(store: GraphStore, *, iris: Iris) -> set[str]:
    """Ids of entities the reference graph describes (linked, not re-described, by documents)."""
    rows = store.select(
        "SELECT ?g ?e WHERE { GRAPH ?g { ?e skos:prefLabel ?l } }",
        bindings={"g": iris.reference_graph()},
    )
    ids = (iris.local_id(str(r["e"])) for r in rows)
    return {i for i in ids if i}


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path | str],
    *,
    iris: Iris,
    extractor: Extractor | None = None,
    extract: bool = True,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    max_bytes: int = MAX_BYTES,
    workers: int | None = None,
) -> IngestReport:
    """Ingest files and folders, each document in its own transaction; returns what was
    stored and what failed (never raises for a single bad document)."""
    started = time.perf_counter()
    files, errors = collect(paths)
    report = IngestReport(errors=list(errors))
    known = known_entity_ids(store, iris=iris)
    book = LabelBook(store, iris=iris)
    if on_start:
        on_start(len(files))
    stream = extracted_stream(
        files, extractor=extractor, extract=extract, max_bytes=max_bytes, workers=workers
    )
    for path, outcome in stream:
        if isinstance(outcome, KGError):
            report.errors.append(outcome)
        else:
            t0 = time.perf_counter()
            try:
                report.stored.append(
                    store_extracted(store, outcome[0], iris=iris, known=known, book=book)
                )
            except KGError as exc:
                report.errors.append(exc)
            except Exception as exc:
                report.errors.append(internal(path, "storing", exc))
            report.load_seconds += time.perf_counter() - t0
        if progress:
            progress(path.name)
    report.seconds = time.perf_counter() - started
    return report
