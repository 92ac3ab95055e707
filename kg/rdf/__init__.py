"""RDF: the mapping of extractions and reference data to triples.

Takes the extractor's plain dictionaries (:mod:`kg.extract`) and the reference data
(:mod:`kg.reference`); gives rdflib/pyoxigraph-ready triples under deterministic IRIs
(:mod:`kg.rdf.iris`), described by the ontology in ``ontology/``.
"""
