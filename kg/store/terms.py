"""Conversion between rdflib terms (the library's vocabulary) and pyoxigraph terms.

>>> from rdflib import Literal, URIRef
>>> from_ox(to_ox(Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))))
rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_ox(URIRef("https://example.org/a"))
<NamedNode value=https://example.org/a>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.iris import PREFIXES as _NAMESPACES
from kg.store.sparql_text import substitute, with_values

PREFIXES = {name: str(ns) for name, ns in _NAMESPACES.items()}
Triple = tuple[Node, Node, Node]


# --- term conversion -----------------------------------------------------------------------


def to_ox(term: Node) -> Any:
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term: Any) -> Node | None:
    """pyoxigraph term -> rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _uriref(term.value)
    if isinstance(term, ox.Literal):
        value = term.value
        if len(value) > 256:  # a document's text, a long quote: not worth keeping
            return _make_literal(value, term.language, term.datatype.value)
        return _literal(value, term.language, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term from the store: {term!r}")


# rdflib checks every IRI and parses every typed literal when it makes a term; the same terms
# come back from query after query, so each is made once (rdflib terms are immutable).
@lru_cache(maxsize=100_000)
def _uriref(value: str) -> URIRef:
    return URIRef(value)


def _make_literal(value: str, language: str | None, datatype: str) -> Literal:
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=None if datatype == _XSD_STRING else _uriref(datatype))


_literal = lru_cache(maxsize=100_000)(_make_literal)


def bind(
    sparql: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    values: Mapping[str, Sequence[Node]] | None = None,
) -> str:
    """Bind variables as RDF terms, each serialised by pyoxigraph (a checked IRI, an escaped
    literal), so no caller text reaches the query unescaped: ``bindings`` are written where
    their variables are (the planner starts from a written term, it scans for a substituted
    variable), ``values`` become a ``VALUES`` block (one query for many items)."""
    if bindings:
        sparql = substitute(sparql, {k: str(to_ox(v)) for k, v in bindings.items()})
    if values is not None:
        sparql = with_values(sparql, {k: [str(to_ox(t)) for t in ts] for k, ts in values.items()})
    return sparql


@lru_cache(maxsize=200_000)
def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _quad_term(term: Node) -> Any:
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, BNode):
        raise StoreError("blank nodes are not allowed: mint a deterministic IRI")
    return to_ox(term)


def graph_nquads(graph: URIRef, triples: Iterable[Triple]) -> tuple[bytes, int]:
    """A named graph as N-Quads (each quad once) and its number of quads."""
    g = _iri(str(graph))
    quads = dict.fromkeys(
        ox.Quad(_quad_term(s), _quad_term(p), _quad_term(o), g) for s, p, o in triples
    )
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS), len(quads)
