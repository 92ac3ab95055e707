"""Ingest: documents -> extraction -> RDF -> one named graph per document.

One bad document never stops a batch and never touches what is already stored: it is reported
(an :class:`kg.errors.InputError` naming the file) and the rest goes on. Re-ingesting a document
replaces its graph atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.documents import SourceDocument, collect, load_index, read_document
from kg.errors import InputError, KGError
from kg.iris import Iris
from kg.rdf_document import extraction_triples
from kg.store import Store

Extractor = Callable[..., dict[str, Any]]
Progress = Callable[[str], None]


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
    """Outcome of a batch: stored documents and one error per document that was not."""

    stored: list[DocumentResult] = field(default_factory=list)
    errors: list[KGError] = field(default_factory=list)

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


def _existing_labels(store: Store, ids: Iterable[str], *, iris: Iris, graph: URIRef) -> dict:
    """Preferred labels other graphs already give these entity ids."""
    labels: dict[str, str] = {}
    query = (
        "SELECT ?e ?self ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } FILTER(?g != ?self) } "
        "ORDER BY ?l LIMIT 1"
    )
    for eid in ids:
        rows = store.select(query, bindings={"e": iris.entity(eid), "self": graph})
        if rows:
            labels[eid] = str(rows[0]["l"])
    return labels


def store_document(
    store: Store,
    doc: SourceDocument,
    *,
    iris: Iris,
    extractor: Extractor | None,
    known: set[str],
) -> DocumentResult:
    """Extract one document and replace its named graph with the result."""
    extraction: dict[str, Any] | None = None
    if extractor is not None:
        meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
        extraction = extractor(doc.text, doc_id=doc.doc_id, meta=meta)
    graph = iris.doc_graph(doc.doc_id)
    new_ids = [e["id"] for e in (extraction or {}).get("entities", []) if e["id"] not in known]
    labels = _existing_labels(store, new_ids, iris=iris, graph=graph)
    triples = list(extraction_triples(doc, extraction, iris=iris, known=known, labels=labels))
    written = store.replace_graph(graph, triples)
    x = extraction or {}
    return DocumentResult(
        doc_id=doc.doc_id,
        path=doc.path,
        graph=graph,
        triples=written,
        entities=len(x.get("entities", [])),
        claims=len(x.get("claims", [])),
        votes=len(x.get("votes", [])),
        relations=len(x.get("relations", [])),
    )


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
) -> IngestReport:
    """Ingest files and folders; returns what was stored and what failed (never raises
    for a single bad document)."""
    files, errors = collect(paths)
    report = IngestReport(errors=list(errors))
    if extract and extractor is None:
        extractor = default_extractor()
    known = known_entity_ids(store, iris=iris)
    indexes: dict[Path, dict[str, Any]] = {}
    if on_start:
        on_start(len(files))
    for path in files:
        try:
            folder = path.parent
            if folder not in indexes:
                try:
                    indexes[folder] = load_index(folder)
                except InputError:
                    indexes[folder] = {}  # reported once by collect()
            doc = read_document(path, index=indexes[folder], max_bytes=max_bytes)
            report.stored.append(
                store_document(
                    store, doc, iris=iris, extractor=extractor if extract else None, known=known
                )
            )
        except KGError as exc:
            report.errors.append(exc)
        except Exception as exc:  # an extractor bug must not lose the batch
            report.errors.append(InputError(f"{path}: extraction failed: {exc!r}"))
        if progress:
            progress(path.name)
    return report
