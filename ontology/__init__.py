"""The DiploKG ontology, its stance scheme and the SHACL shapes, as rdflib graphs.

``diplokg.ttl`` (classes and properties, own and reused) and ``stances.ttl`` (the SKOS stance
scheme) form the ontology graph, which the build loads into its own named graph; it holds no
blank nodes. ``shapes.ttl`` holds the SHACL shapes used by :mod:`kg.validate.store`. Files are
parsed once; every call returns a fresh copy, so callers may change what they get.

>>> from rdflib.namespace import OWL, RDF, SKOS
>>> from kg.rdf.iris import DKG, STANCE
>>> g = load_ontology()
>>> (DKG.Claim, RDF.type, OWL.Class) in g
True
>>> sorted(str(c).rsplit("/", 1)[-1] for c in g.subjects(SKOS.inScheme, DKG.StanceScheme))
['accuse', 'assert', 'call_for', 'concern', 'find', 'oppose', 'recommend', 'support']
>>> _ = g.remove((DKG.Claim, None, None))  # the copy is the caller's; the cache is untouched
>>> (DKG.Claim, RDF.type, OWL.Class) in load_ontology()
True
>>> DKG.claimant in declared_terms() and STANCE["find"] in declared_terms()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILES = ("diplokg.ttl", "stances.ttl")
SHAPES_FILE = "shapes.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/diplokg/ontology")

__all__ = [
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILES",
    "ONTOLOGY_IRI",
    "SHAPES_FILE",
    "declared_terms",
    "load_ontology",
    "load_shapes",
]


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out


@cache
def _parsed(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


def load_ontology() -> Graph:
    """The ontology and the stance scheme (a fresh copy of the cached parse)."""
    return _copy(_parsed(*ONTOLOGY_FILES))


def load_shapes() -> Graph:
    """The SHACL shapes graph (a fresh copy of the cached parse)."""
    return _copy(_parsed(SHAPES_FILE))


def declared_terms() -> frozenset[URIRef]:
    """Every IRI the ontology graph describes (the subjects of its triples)."""
    return frozenset(s for s in _parsed(*ONTOLOGY_FILES).subjects() if isinstance(s, URIRef))
