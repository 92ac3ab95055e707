"""Reading, extracting and mapping a batch of documents, in worker processes when it is big.

Shared by :mod:`kg.pipeline.ingest` (one transaction per document) and
:mod:`kg.pipeline.build` (bulk load):
:func:`extracted_stream` gives each file's outcome in file order, whichever process did the
work, so reports, progress and the graph do not depend on the number of processes. Workers
are fresh interpreters (``spawn``): nothing of the caller's state, such as an open store, is
inherited. Scripts that call into this must guard their entry point with
``if __name__ == "__main__":`` (otherwise the batch falls back to one process).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg import errors as kg_errors
from kg.documents.reading import SourceDocument, load_index, read_document
from kg.errors import InputError, InternalError, KGError, internal
from kg.rdf.document import extraction_triples
from kg.rdf.iris import Iris
from kg.store.terms import graph_nquads

Extractor = Callable[..., dict[str, Any]]
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
    except Exception as exc:  # a bug: reported as one, and the batch goes on
        raise internal(path, "extraction", exc) from exc


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
        return "error", (type(exc).__name__, str(exc), getattr(exc, "detail", ""))
    except Exception as exc:
        bug = internal(path, "mapping to RDF", exc)
        return "error", ("InternalError", str(bug), bug.detail)


def _error(name: str, message: str, detail: str = "") -> KGError:
    """The error a worker reported, rebuilt in the parent (an unknown name is a bug)."""
    cls = getattr(kg_errors, name, None)
    if cls is InternalError or not (isinstance(cls, type) and issubclass(cls, KGError)):
        return InternalError(message, detail=detail)
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
        yield from _in_process(files, extractor=extractor, extract=extract, max_bytes=max_bytes)
        return
    base = map_iris.base if map_iris is not None else None
    context = multiprocessing.get_context("spawn")  # never fork a process with an open store
    init = (extract, base, frozenset(known or ()))
    done = 0
    try:
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
                done += 1
                yield path, value if status == "ok" else _error(*value)
    except BrokenProcessPool:
        # e.g. a script without an ``if __name__ == "__main__"`` guard: its workers die on
        # start; the rest of the batch is done in this process
        rest = files[done:]
        yield from _in_process(rest, extractor=extractor, extract=extract, max_bytes=max_bytes)


def _in_process(
    files: list[Path], *, extractor: Extractor | None, extract: bool, max_bytes: int
) -> Iterator[tuple[Path, Any]]:
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


# --- RDF ----------------------------------------------------------------------------------


def document_nquads(
    ex: Extracted, *, iris: Iris, known: set[str], labels: Mapping[str, str]
) -> tuple[bytes, int]:
    """The document's named graph as N-Quads (each quad once) and its number of quads."""
    triples = extraction_triples(ex.doc, ex.extraction, iris=iris, known=known, labels=labels)
    return graph_nquads(iris.doc_graph(ex.doc.doc_id), triples)
