"""Counts that describe a built graph: per class, per stance, per document."""

from __future__ import annotations

from typing import Any

from kg.rdf.iris import PREFIXES, Iris
from kg.store import GraphStore

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)
"""
_STANCES = """
SELECT ?stance (COUNT(?c) AS ?n) WHERE { ?c a dkg:Claim ; dkg:stance ?stance }
GROUP BY ?stance ORDER BY DESC(?n)
"""
_DOCUMENTS = """
SELECT ?doc ?id ?title (COUNT(DISTINCT ?c) AS ?claims) WHERE {
  ?doc a dkg:Document ; dcterms:identifier ?id ; schema:name ?title .
  OPTIONAL { ?c a dkg:Claim ; prov:wasDerivedFrom ?doc }
} GROUP BY ?doc ?id ?title ORDER BY ?id
"""


def compact(iri: str) -> str:
    """A prefixed name for an IRI in a known namespace.

    >>> compact("https://w3id.org/diplokg/ontology#Claim")
    'dkg:Claim'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


def graph_stats(store: GraphStore, *, iris: Iris) -> dict[str, Any]:
    """Plain data: totals and the three breakdowns."""
    docs = []
    for row in store.select(_DOCUMENTS):
        graph_triples = store.count(iris.doc_graph(str(row["id"])))
        docs.append(
            {
                "id": str(row["id"]),
                "title": str(row["title"]),
                "claims": int(row["claims"].toPython()),
                "triples": graph_triples,
            }
        )
    return {
        "triples": len(store),
        "graphs": len(store.graph_names()),
        "classes": [
            {"class": compact(str(r["class"])), "count": int(r["n"].toPython())}
            for r in store.select(_CLASSES)
        ],
        "stances": [
            {"stance": str(r["stance"]).rsplit("/", 1)[-1], "count": int(r["n"].toPython())}
            for r in store.select(_STANCES)
        ],
        "documents": docs,
    }
