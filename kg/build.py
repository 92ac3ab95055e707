"""Build: a fresh graph from the ontology, the reference data and a set of documents.

Building twice from the same inputs gives the identical dataset (deterministic IRIs, no blank
nodes, no timestamps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import URIRef

from kg.ingest import Extractor, IngestReport, Progress, ingest_paths
from kg.iris import Iris
from kg.rdf_reference import reference_triples
from kg.store import Store


def ontology_graph(iris: Iris) -> URIRef:
    return URIRef(iris.base + "graph/ontology")


def load_ontology_graph(store: Store, *, iris: Iris) -> int:
    """(Re)load the ontology and stance scheme into their named graph."""
    from ontology import load_ontology

    return store.replace_graph(ontology_graph(iris), load_ontology())


def load_reference_graph(store: Store, *, iris: Iris) -> int:
    """(Re)load the embedded reference data into the reference graph."""
    from kg.reference import load_reference

    return store.replace_graph(
        iris.reference_graph(), reference_triples(load_reference(), iris=iris)
    )


def build(
    store: Store,
    documents: Iterable[Path | str] = (),
    *,
    iris: Iris,
    extractor: Extractor | None = None,
    extract: bool = True,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestReport:
    """Empty the store, then load ontology, reference data and the documents."""
    store.clear()
    load_ontology_graph(store, iris=iris)
    load_reference_graph(store, iris=iris)
    return ingest_paths(
        store,
        list(documents),
        iris=iris,
        extractor=extractor,
        extract=extract,
        progress=progress,
        on_start=on_start,
    )
