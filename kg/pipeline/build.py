"""Build: a fresh graph from the ontology, the reference data and a set of documents.

Building twice from the same inputs gives the identical dataset (deterministic IRIs, no blank
nodes, no timestamps). A build starts from an empty store that nothing reads yet, so the
documents' graphs are bulk-loaded (N-Quads, in chunks) instead of written one transaction per
document as ``kg ingest`` does; extraction and the RDF mapping run in one worker process per
core for big batches. The graph is the same as ingesting the documents one by one in order.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from rdflib import URIRef

from kg.documents.reading import MAX_BYTES, collect
from kg.errors import KGError, internal
from kg.pipeline.ingest import (
    Extractor,
    IngestReport,
    LabelBook,
    Progress,
    document_nquads,
    extracted_stream,
    known_entity_ids,
    own_labels,
)
from kg.rdf.iris import Iris, slug
from kg.rdf.reference import reference_triples
from kg.store import GraphStore

CHUNK_BYTES = 64_000_000  # N-Quads per bulk load


def ontology_graph(iris: Iris) -> URIRef:
    return URIRef(iris.base + "graph/ontology")


def load_ontology_graph(store: GraphStore, *, iris: Iris) -> int:
    """(Re)load the ontology and stance scheme into their named graph."""
    from ontology import load_ontology

    return store.replace_graph(ontology_graph(iris), load_ontology())


def load_reference_graph(store: GraphStore, *, iris: Iris) -> int:
    """(Re)load the embedded reference data into the reference graph."""
    from kg.reference.loader import load_reference

    return store.replace_graph(
        iris.reference_graph(), reference_triples(load_reference(), iris=iris)
    )


class _Loader:
    """Collects documents' N-Quads and bulk-loads them in chunks, in a background thread
    (the engine releases the GIL while loading, so extraction goes on meanwhile).

    A graph that a later file of the batch replaces (same document id) is held back until
    that file is done, so only the last stored version of a graph is loaded."""

    def __init__(self, store: GraphStore, *, chunk_bytes: int) -> None:
        self.store, self.chunk_bytes = store, chunk_bytes
        self._chunk: list[bytes] = []
        self._size = 0
        self._held: dict[URIRef, bytes] = {}
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-load")
        self._running: Future | None = None
        self.seconds = 0.0

    def put(self, graph: URIRef, data: bytes, *, final: bool) -> None:
        if final:
            self._held.pop(graph, None)
            self._add(data)
        else:
            self._held[graph] = data

    def release(self, graph: URIRef) -> None:
        """No later file replaces this graph: load what is held for it."""
        data = self._held.pop(graph, None)
        if data is not None:
            self._add(data)

    def _add(self, data: bytes) -> None:
        self._chunk.append(data)
        self._size += len(data)
        if self._size >= self.chunk_bytes:
            self.flush()

    def flush(self, *, wait: bool = False) -> None:
        """Start loading what is collected (after the previous load is done)."""
        if self._chunk:
            self._wait()
            data, self._chunk, self._size = b"".join(self._chunk), [], 0
            self._running = self._pool.submit(self._load, data)
        if wait:
            self._wait()
            self._pool.shutdown()

    def _load(self, data: bytes) -> None:
        t0 = time.perf_counter()
        self.store.bulk_load(data, media_type="application/n-quads")
        self.seconds += time.perf_counter() - t0

    def _wait(self) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            running.result()  # raises the load's error here


def load_documents(
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
    chunk_bytes: int = CHUNK_BYTES,
) -> IngestReport:
    """Bulk-load documents into a store that holds none yet (not transactional).

    Reports like :func:`kg.pipeline.ingest.ingest_paths`: a bad document is named and skipped."""
    started = time.perf_counter()
    files, errors = collect(paths)
    report = IngestReport(errors=list(errors))
    known = known_entity_ids(store, iris=iris)
    book = LabelBook(None, iris=iris)
    loader = _Loader(store, chunk_bytes=chunk_bytes)
    remaining = Counter(slug(p.stem) for p in files)
    if on_start:
        on_start(len(files))
    stream = extracted_stream(
        files,
        extractor=extractor,
        extract=extract,
        max_bytes=max_bytes,
        workers=workers,
        map_iris=iris,
        known=known,
    )
    for path, outcome in stream:
        doc_id = slug(path.stem)
        remaining[doc_id] -= 1
        final = remaining[doc_id] == 0
        graph = iris.doc_graph(doc_id)
        if isinstance(outcome, KGError):
            report.errors.append(outcome)
        else:
            ex, data, count = outcome
            mine = own_labels(ex, known)
            labels = book.labels_for(graph, mine)
            try:
                if data is None or any(labels.get(k, v) != v for k, v in mine.items()):
                    data, count = document_nquads(ex, iris=iris, known=known, labels=labels)
            except KGError as exc:
                report.errors.append(exc)
            except Exception as exc:  # e.g. an IRI the engine refuses: a mapper bug
                report.errors.append(internal(path, "mapping to RDF", exc))
            else:
                book.record(graph, mine | labels)
                loader.put(graph, data, final=final)
                report.stored.append(ex.result(graph, count))
        if final:
            loader.release(graph)
        if progress:
            progress(path.name)
    loader.flush(wait=True)
    report.load_seconds = loader.seconds
    report.seconds = time.perf_counter() - started
    return report


def build(
    store: GraphStore,
    documents: Iterable[Path | str] = (),
    *,
    iris: Iris,
    extractor: Extractor | None = None,
    extract: bool = True,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    workers: int | None = None,
    max_bytes: int = MAX_BYTES,
) -> IngestReport:
    """Empty the store, then load ontology, reference data and the documents.

    ``workers``: extraction processes (default: one per core for big batches; 0: none);
    ``max_bytes``: the largest document read (``KG_MAX_DOCUMENT_BYTES``)."""
    started = time.perf_counter()
    store.clear()
    load_ontology_graph(store, iris=iris)
    load_reference_graph(store, iris=iris)
    report = load_documents(
        store,
        list(documents),
        iris=iris,
        extractor=extractor,
        extract=extract,
        progress=progress,
        on_start=on_start,
        workers=workers,
        max_bytes=max_bytes,
    )
    optimizing = time.perf_counter()
    store.optimize()
    report.load_seconds += time.perf_counter() - optimizing
    report.seconds = time.perf_counter() - started
    return report
