"""Every class and property the code writes is declared in the ontology."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.store import Store


def test_every_emitted_term_is_declared(built_store: Store) -> None:
    from ontology import load_ontology

    declared = set(load_ontology().subjects())
    used = built_store.select(
        """SELECT DISTINCT ?term WHERE {
             GRAPH ?g { { ?s ?term ?o } UNION { ?s a ?term } }
             FILTER(!STRENDS(STR(?g), "/graph/ontology"))
           }"""
    )
    terms = {row["term"] for row in used}
    assert URIRef(str(RDF.type)) in terms
    missing = sorted(str(t) for t in terms - declared - {RDF.type})
    assert missing == []
