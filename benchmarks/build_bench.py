"""Build figures: corpus sizing, our build through the real extraction vs pyoxigraph's bulk
load of the same N-Quads, and incremental growth (``kg ingest`` of more documents).
"""

from __future__ import annotations

import math
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (ROOT, HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import corpus  # noqa: E402

from kg.documents.reading import SourceDocument  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.pipeline.build import CHUNK_BYTES, build  # noqa: E402
from kg.pipeline.ingest import Extracted, document_nquads, ingest_paths, known_entity_ids  # noqa: E402
from kg.rdf.iris import Iris  # noqa: E402
from kg.store import Store  # noqa: E402

IRIS = Iris("https://w3id.org/diplokg/")
EXTRA_START = 5_000_000  # numbers of the documents of the incremental batch
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}


@dataclass
class Sizing:
    """Triples per document (measured once) and the documents each size needs."""

    base_triples: int  # ontology + reference data
    triples_per_doc: float
    sample: int

    def documents(self, triples: int) -> int:
        return max(1, math.ceil((triples - self.base_triples) / self.triples_per_doc))


def _document(d: corpus.Document) -> SourceDocument:
    from hashlib import sha256

    from kg.documents.reading import DocumentMeta
    from kg.rdf.iris import slug

    return SourceDocument(
        doc_id=slug(Path(d.file).stem),
        path=Path(d.file),
        text=d.text,
        sha256=sha256(d.text.encode()).hexdigest(),
        media_type="text/plain",
        meta=DocumentMeta.model_validate(d.meta),
    )


def calibrate(*, seed: int, sample: int = 300) -> Sizing:
    """Extract and map the first ``sample`` documents: how many triples each adds."""
    store = Store.in_memory()
    build(store, [], iris=IRIS)
    base = len(store)
    known = known_entity_ids(store, iris=IRIS)
    total = 0
    for n in range(sample):
        doc = _document(corpus.document(n, seed=seed))
        meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
        ex = Extracted(doc, extract(doc.text, doc_id=doc.doc_id, meta=meta))
        total += document_nquads(ex, iris=IRIS, known=known, labels={})[1]
    return Sizing(base, total / sample, sample)


def extraction_rate(*, seed: int, docs: int = 300) -> dict:
    """Documents/s and MB/s of ``kg.extract.extract`` alone, one core."""
    sample = [corpus.document(n, seed=seed) for n in range(docs)]
    extract(sample[0].text, doc_id="warm", meta=sample[0].meta)
    started = time.process_time()
    for d in sample:
        extract(d.text, doc_id=d.file[:-4], meta=d.meta)
    cpu = time.process_time() - started
    chars = sum(len(d.text) for d in sample)
    return {"docs_per_s": docs / cpu, "mb_per_s": chars / 1e6 / cpu, "docs": docs}


@dataclass
class BuildFigures:
    documents: int
    triples: int
    seconds: float
    load_seconds: float
    failed: int
    nquads_mb: float = 0.0
    bulk_seconds: float = 0.0  # pyoxigraph Store.bulk_load of the same N-Quads, one call
    chunked_seconds: float = 0.0  # our loading step alone: Store.bulk_load in build's chunks
    per_doc_seconds: float | None = None  # the old path: one transaction per document
    per_doc_load_seconds: float | None = None  # its loading step alone (replace_graph)


def build_store(docs_dir: Path, store_dir: Path, *, workers: int | None = None) -> BuildFigures:
    """``kg build`` into a new directory, timed."""
    shutil.rmtree(store_dir, ignore_errors=True)
    store = Store.open(store_dir)
    report = build(store, [docs_dir], iris=IRIS, workers=workers)
    triples = len(store)
    store.close()
    return BuildFigures(
        documents=len(report.stored),
        triples=triples,
        seconds=report.seconds,
        load_seconds=report.load_seconds,
        failed=len(report.errors),
    )


def dump_nquads(store_dir: Path, target: Path) -> float:
    """Write the store's dataset as N-Quads (what the other systems load); MB written."""
    store = Store.open(store_dir, read_only=True)
    data = store.dump(media_type="application/n-quads")
    store.close()
    target.write_bytes(data)
    return len(data) / 1e6


def pyoxigraph_bulk_load(nquads: Path, target: Path) -> float:
    """Seconds for pyoxigraph's own ``Store.bulk_load`` of an N-Quads file (new directory)."""
    shutil.rmtree(target, ignore_errors=True)
    data = nquads.read_bytes()
    started = time.perf_counter()
    store = ox.Store(str(target))
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    del store
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def chunked_load(nquads: Path, target: Path, *, chunk_bytes: int = CHUNK_BYTES) -> float:
    """Seconds for our build's loading step on its own: the same N-Quads through
    ``Store.bulk_load`` in the chunks :func:`kg.pipeline.build.load_documents` uses, into a
    new store (during a build it runs in a background thread while extraction goes on)."""
    shutil.rmtree(target, ignore_errors=True)
    data = nquads.read_bytes()
    store = Store.open(target)
    started = time.perf_counter()
    at = 0
    while at < len(data):
        end = data.find(b"\n", min(at + chunk_bytes, len(data) - 1)) + 1 or len(data)
        store.bulk_load(data[at:end], media_type="application/n-quads")
        at = end
    store.optimize()  # as kg.pipeline.build does after its last chunk
    store.close()
    seconds = time.perf_counter() - started
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def per_document_load(nquads: Path, target: Path) -> float:
    """Seconds for the old loading step on its own: each document graph of the N-Quads
    written with one ``Store.replace_graph`` (one SPARQL update) into a new store."""
    from rdflib import URIRef

    from kg.store.terms import from_ox

    shutil.rmtree(target, ignore_errors=True)
    graphs: dict[str, list] = {}
    for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(q.graph_name.value, []).append(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        )
    store = Store.open(target)
    started = time.perf_counter()
    for graph, triples in graphs.items():
        store.replace_graph(URIRef(graph), triples)
    store.close()
    seconds = time.perf_counter() - started
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def per_document_build(docs_dir: Path, target: Path) -> float:
    """Seconds to store the same documents one transaction each (``kg ingest``'s path)."""
    shutil.rmtree(target, ignore_errors=True)
    store = Store.open(target)
    build(store, [], iris=IRIS)
    report = ingest_paths(store, [docs_dir], iris=IRIS)
    store.close()
    shutil.rmtree(target, ignore_errors=True)
    return report.seconds


_MULTI_LABELS = """
SELECT (COUNT(*) AS ?n) WHERE {
  SELECT ?e WHERE { ?e skos:prefLabel ?l } GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1)
}"""
# Read as plain rows and counted in Python: a join of every entity's old and new mentions is
# quadratic in its mentions (popular actors are named in thousands of documents).
_MENTIONS = "SELECT DISTINCT ?e ?d WHERE { ?e dkg:mentionedIn ?d }"
_REFERENCE = "SELECT DISTINCT ?e WHERE { GRAPH ?refgraph { ?e skos:prefLabel ?x } }"
_NEW_DOC = re.compile(r"-5[0-9]{6}$")


def shared_new_entities(store: Store) -> int:
    """Entities not in the reference data that documents of both batches mention."""
    ref = {
        str(r["e"]) for r in store.select(_REFERENCE, bindings={"refgraph": IRIS.reference_graph()})
    }
    old: set[str] = set()
    new: set[str] = set()
    for r in store.select(_MENTIONS):
        e = str(r["e"])
        if e not in ref:
            (new if _NEW_DOC.search(str(r["d"])) else old).add(e)
    return len(old & new)


@dataclass
class Growth:
    """``kg ingest`` of a batch into an existing store."""

    base_triples: int
    documents: int
    seconds: float
    per_doc_ms: float
    shared_new_entities: int  # document-described entities named in both batches
    multi_label_entities: int  # entities with more than one skos:prefLabel (must be 0)
    failed: int


def grow(store_dir: Path, extra_dir: Path, work: Path) -> Growth:
    """Copy a built store, ingest the extra batch into the copy, check entity resolution."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(store_dir, work)
    store = Store.open(work)
    base = len(store)
    report = ingest_paths(store, [extra_dir], iris=IRIS)
    shared = shared_new_entities(store)
    multi = store.select(_MULTI_LABELS)
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    n = len(report.stored)
    return Growth(
        base_triples=base,
        documents=n,
        seconds=report.seconds,
        per_doc_ms=report.seconds / max(n, 1) * 1000,
        shared_new_entities=shared,
        multi_label_entities=int(multi[0]["n"]) if multi else 0,
        failed=len(report.errors),
    )


def make_corpus(folder: Path, *, docs: int, seed: int, start: int = 0) -> corpus.CorpusSummary:
    """(Re)generate a corpus folder unless it already holds exactly these documents."""
    marker = folder / ".generated"
    want = f"{docs} {seed} {start}"
    if marker.exists() and marker.read_text() == want:
        return corpus.CorpusSummary(folder, docs, 0, {}, 0.0)
    shutil.rmtree(folder, ignore_errors=True)
    summary = corpus.write_corpus(folder, docs=docs, seed=seed, start=start)
    marker.write_text(want)
    return summary
