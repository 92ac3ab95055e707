"""Ingest: documents -> extraction -> RDF -> one named graph per document.

One bad document never stops a batch and never touches what is already stored: it is reported
(an :class:`kg.errors.InputError` naming the file) and the rest goes on. Re-ingesting a document
replaces its graph atomically (one transaction per document).

Reading and extraction run in worker processes when a batch is big enough (the default
extractor only); results come back in file order, so reports, progress and the graph are the
same as with one process. An entity that documents (not the reference data) describe keeps
one preferred label across documents and batches: the first document that names it decides
(:class:`LabelBook`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from kg import errors as kg_errors
from kg.documents import SourceDocument, collect, load_index, read_document
from kg.errors import InputError, KGError, StoreError
from kg.iris import Iris
from kg.rdf_document import extraction_triples
from kg.store import Store
from kg.store.terms import to_ox

Extractor = Callable[..., dict[str, Any]]
Progress = Callable[[str], None]
POOL_MIN_FILES = 48  # fewer documents than this are not worth starting worker processes


@dataclass(frozen=True)
class DocumentResult:
    """What ingesting one document stored."""

    doc_id: str
    path: Path
    graph: URIRef
    triples: int
    entities: int
    claims: int
    votes: int
    relations: int


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


def default_extractor() -> Extractor:
    """The rule-based extraction of :mod:`kg.extract`."""
    from kg.extract import extract

    return extract


# --- reading and extraction (in this process or in workers) -------------------------------


@dataclass(frozen=True)
class Extracted:
    """A document read from disk and its extraction (None when not extracted)."""

    doc: SourceDocument
    extraction: dict[str, Any] | None

    def result(self, graph: URIRef, triples: int) -> DocumentResult:
        x = self.extraction or {}
        return DocumentResult(
            doc_id=self.doc.doc_id,
            path=self.doc.path,
            graph=graph,
            triples=triples,
            entities=len(x.get("entities", [])),
            claims=len(x.get("claims", [])),
            votes=len(x.get("votes", [])),
            relations=len(x.get("relations", [])),
        )


class _Indexes:
    """``index.json`` metadata per folder, read once (a bad index is reported by collect())."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, dict[str, Any]] = {}

    def __call__(self, folder: Path) -> dict[str, Any]:
        if folder not in self._by_folder:
            try:
                self._by_folder[folder] = load_index(folder)
            except InputError:
                self._by_folder[folder] = {}
        return self._by_folder[folder]


def read_and_extract(
    path: Path, *, indexes: _Indexes, extractor: Extractor | None, max_bytes: int
) -> Extracted:
    """Read one file and run the extractor; raises KGError naming the file on any problem."""
    doc = read_document(path, index=indexes(path.parent), max_bytes=max_bytes)
    if extractor is None:
        return Extracted(doc, None)
    meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
    try:
        return Extracted(doc, extractor(doc.text, doc_id=doc.doc_id, meta=meta))
    except KGError:
        raise
    except Exception as exc:  # an extractor bug must not lose the batch
        raise InputError(f"{path}: extraction failed: {exc!r}") from None


_WORKER: dict[str, Any] = {}


def _init_worker(extract: bool, base: str | None, known: frozenset[str]) -> None:
    _WORKER.update(
        indexes=_Indexes(),
        extractor=default_extractor() if extract else None,
        iris=Iris(base) if base else None,
        known=set(known),
    )


def _work(path: Path, max_bytes: int) -> tuple[str, Any]:
    """In a worker: read, extract and (for a build) map to N-Quads with the document's own
    labels. Errors travel as (type name, message): exceptions are not always picklable."""
    try:
        ex = read_and_extract(
            path, indexes=_WORKER["indexes"], extractor=_WORKER["extractor"], max_bytes=max_bytes
        )
        if _WORKER["iris"] is None:
            return "ok", (ex, None, 0)
        data, count = document_nquads(ex, iris=_WORKER["iris"], known=_WORKER["known"], labels={})
        return "ok", (ex, data, count)
    except KGError as exc:
        return "error", (type(exc).__name__, str(exc))
    except Exception as exc:
        return "error", ("InputError", f"{path}: cannot be ingested: {exc!r}")


def _error(name: str, message: str) -> KGError:
    cls = getattr(kg_errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, KGError)):
        cls = InputError
    return cls(message)


def default_workers(files: int) -> int:
    """Worker processes for a batch: one per core (at most 4), none for small batches."""
    if files < POOL_MIN_FILES:
        return 0
    return max(0, min(os.cpu_count() or 1, 4)) if (os.cpu_count() or 1) > 1 else 0


def extracted_stream(
    files: list[Path],
    *,
    extractor: Extractor | None,
    extract: bool,
    max_bytes: int,
    workers: int | None = None,
    map_iris: Iris | None = None,
    known: set[str] | None = None,
) -> Iterator[tuple[Path, Any]]:
    """(path, outcome) for each file, in order: ``(Extracted, nquads, count)`` or a KGError.

    ``nquads`` is the document's graph mapped with its own labels (see :func:`own_labels`)
    when ``map_iris`` is given and a worker made it, else None.

    Worker processes are used for the default extractor when ``workers`` (default: one per
    core for big batches) is above zero; a custom extractor always runs in this process."""
    n = default_workers(len(files)) if workers is None else workers
    if n < 1 or (extract and extractor is not None):
        indexes = _Indexes()
        run = extractor if extract else None
        if extract and run is None:
            run = default_extractor()
        for path in files:
            try:
                ex = read_and_extract(path, indexes=indexes, extractor=run, max_bytes=max_bytes)
                yield path, (ex, None, 0)
            except KGError as exc:
                yield path, exc
        return
    base = map_iris.base if map_iris is not None else None
    context = multiprocessing.get_context("spawn")  # never fork a process with an open store
    init = (extract, base, frozenset(known or ()))
    with ProcessPoolExecutor(
        n, mp_context=context, initializer=_init_worker, initargs=init
    ) as pool:
        window: deque[tuple[Path, Future]] = deque()
        todo = iter(files)
        for path in todo:
            window.append((path, pool.submit(_work, path, max_bytes)))
            if len(window) >= 32 * n:
                break
        while window:
            path, future = window.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                window.append((nxt, pool.submit(_work, nxt, max_bytes)))
            status, value = future.result()
            yield path, value if status == "ok" else _error(*value)


# --- labels of entities described by documents ----------------------------------------------


def own_labels(ex: Extracted, known: set[str]) -> dict[str, str]:
    """The preferred label a document gives each entity it describes, left to itself (the
    same rule as :func:`kg.rdf_document.extraction_triples`)."""
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

    def __init__(self, store: Store | None, *, iris: Iris) -> None:
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


# --- RDF ----------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _to_ox(term: Node) -> Any:
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, BNode):
        raise StoreError("blank nodes are not allowed: mint a deterministic IRI")
    return to_ox(term)


def document_nquads(
    ex: Extracted, *, iris: Iris, known: set[str], labels: Mapping[str, str]
) -> tuple[bytes, int]:
    """The document's named graph as N-Quads (each quad once) and its number of quads."""
    graph = _iri(str(iris.doc_graph(ex.doc.doc_id)))
    triples = extraction_triples(ex.doc, ex.extraction, iris=iris, known=known, labels=labels)
    quads = dict.fromkeys(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph) for s, p, o in triples)
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS), len(quads)


def store_document(
    store: Store,
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
    store: Store, ex: Extracted, *, iris: Iris, known: set[str], book: LabelBook | None = None
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


def known_entity_ids(store: Store, *, iris: Iris) -> set[str]:
    """Ids of entities the reference graph describes (linked, not re-described, by documents)."""
    rows = store.select(
        "SELECT ?g ?e WHERE { GRAPH ?g { ?e skos:prefLabel ?l } }",
        bindings={"g": iris.reference_graph()},
    )
    ids = (iris.local_id(str(r["e"])) for r in rows)
    return {i for i in ids if i}


def ingest_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    iris: Iris,
    extractor: Extractor | None = None,
    extract: bool = True,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    max_bytes: int = 50_000_000,
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
                report.errors.append(InputError(f"{path}: cannot be stored: {exc!r}"))
            report.load_seconds += time.perf_counter() - t0
        if progress:
            progress(path.name)
    report.seconds = time.perf_counter() - started
    return report
