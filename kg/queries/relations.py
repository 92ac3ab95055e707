"""A triple-pattern interface (like Linked Data Fragments): any of subject, predicate and
object may be fixed, the others are free; each page says how many triples match in all.

Triples are read from the default graph of queries (the union of every graph), without
duplicates, in the engine's stable order (it only changes when the store does).

>>> from kg.rdf.iris import Iris
>>> iris = Iris("https://example.org/")
>>> parse_term("chn", iris=iris)
rdflib.term.URIRef('https://example.org/entity/chn')
>>> parse_term("dkg:claimant", iris=iris)
rdflib.term.URIRef('https://w3id.org/diplokg/ontology#claimant')
>>> parse_term('"oppose"@en', iris=iris)
rdflib.term.Literal('oppose', lang='en')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node
from rdflib.util import from_n3

from kg.errors import InvalidQuery
from kg.queries.common import Page, Ref, check_page, entity_ref, number, select_bound
from kg.rdf.iris import PREFIXES, Iris
from kg.store import GraphStore

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_IRI_CHARS = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


@dataclass(frozen=True)
class TermValue:
    """One position of a triple: an IRI (with its entity id, if any) or a literal."""

    kind: str  # "uri", "literal" or "bnode"
    value: str
    id: str | None = None
    datatype: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class TripleItem:
    """A triple whose terms carry entity ids."""

    subject: TermValue
    predicate: TermValue
    object: TermValue


_MATCH = """
SELECT DISTINCT %s WHERE { ?s ?p ?o } LIMIT %d OFFSET %d
"""
_COUNT = """
SELECT {bound} (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } %s
"""


def _namespaces() -> NamespaceManager:
    from rdflib import Graph

    nsm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        nsm.bind(prefix, ns)
    return nsm


_NSM = _namespaces()


def parse_term(text: str, *, iris: Iris) -> Node:
    """A term written by a user: ``<iri>``, an absolute IRI, ``prefix:name`` (known
    prefixes), an entity id (``chn``), or a literal in Turtle syntax (``"x"@en``,
    ``"3"^^xsd:integer``)."""
    value = text.strip()
    if not value:
        raise InvalidQuery("a triple-pattern term must not be empty")
    if value.startswith('"') or value.startswith("'"):
        try:
            term = from_n3(value, nsm=_NSM)
        except Exception:  # rdflib raises assorted errors on bad input
            raise InvalidQuery(f"not a valid literal: {value}") from None
        if not isinstance(term, Literal):
            raise InvalidQuery(f"not a valid literal: {value}")
        return term
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif not _SCHEME.match(value) and ":" in value:
        prefix, _, local = value.partition(":")
        if prefix not in PREFIXES:
            raise InvalidQuery(f"unknown prefix '{prefix}:' (known: {', '.join(PREFIXES)})")
        value = str(PREFIXES[prefix]) + local
    elif ":" not in value:
        return iris.entity(value)
    if not _IRI_CHARS.match(value) or ":" not in value:
        raise InvalidQuery(f"not a valid IRI: {text}")
    return URIRef(value)


def term_value(term: Node, iris: Iris) -> TermValue:
    """A TermValue for an rdflib term."""
    if isinstance(term, Literal):
        return TermValue(
            kind="literal",
            value=str(term),
            datatype=str(term.datatype) if term.datatype else None,
            language=term.language,
        )
    if isinstance(term, BNode):
        return TermValue(kind="bnode", value=str(term))
    ref: Ref = entity_ref(iris, term)
    return TermValue(kind="uri", value=str(term), id=ref.id)


# IRIs recur from page to page (predicates, types, the entities of a pattern); literals,
# which can be long, are converted each time
_iri_value = lru_cache(maxsize=65_536)(term_value)


def match_triples(
    store: GraphStore,
    *,
    iris: Iris,
    subject: Node | None = None,
    predicate: Node | None = None,
    object: Node | None = None,
    limit: int = 100,
    offset: int = 0,
    total: int | None = None,
) -> Page[TripleItem]:
    """One page of the triples matching the pattern, and the number that match in all
    (``total``: that number when the caller already knows it, see :func:`count_triples`)."""
    check_page(limit, offset)
    if isinstance(subject, Literal) or isinstance(predicate, Literal):
        return Page(items=[], total=0, limit=limit, offset=offset)
    if predicate is not None and not isinstance(predicate, URIRef):
        raise InvalidQuery("the predicate must be an IRI")
    bindings = {"s": subject, "p": predicate, "o": object}
    values = {k: v for k, v in bindings.items() if v is not None}
    # only the free positions are projected (the engine then has fewer columns to keep
    # distinct); the fixed ones are the same on every row
    free = " ".join(f"?{k}" for k in bindings if k not in values) or "*"
    rows = [values | row for row in store.select(_MATCH % (free, limit, offset), bindings=values)]
    if total is None:
        total = _count(store, bindings)

    def value(term: Node) -> TermValue:
        return _iri_value(term, iris) if type(term) is URIRef else term_value(term, iris)

    items = [TripleItem(value(r["s"]), value(r["p"]), value(r["o"])) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def count_triples(
    store: GraphStore, *, subject: Node | None = None, predicate: Node | None = None,
    object: Node | None = None,
) -> int:  # fmt: skip
    """How many distinct triples match the pattern."""
    if isinstance(subject, Literal) or isinstance(predicate, Literal):
        return 0
    return _count(store, {"s": subject, "p": predicate, "o": object})


def _count(store: GraphStore, bindings: dict[str, Node | None]) -> int:
    bound = " ".join(f"?{k}" for k, v in bindings.items() if v is not None)
    rows = select_bound(store, _COUNT % (f"GROUP BY {bound}" if bound else ""), bindings)
    return number(rows[0], "n") or 0 if rows else 0
