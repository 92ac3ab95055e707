"""The engine boundary: the methods every store offers, whichever engine is behind it.

:class:`kg.store.embedded.Store` (Oxigraph in this process) and
:class:`kg.store.remote.RemoteStore` (a SPARQL 1.1 server) both implement
:class:`GraphStore`; neither imports the other. The typed helpers (``select``, ``ask``,
``construct``, ``to_dataset``) are written once here on top of ``raw_query`` and ``dump``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import InvalidQuery
from kg.store.results import QueryResult
from kg.store.terms import Triple, from_ox


class GraphStore(ABC):
    """A SPARQL store of named graphs. Queries see the union of all named graphs as their
    default graph unless told otherwise."""

    read_only: bool

    @property
    @abstractmethod
    def location(self) -> str | None:
        """Where the store is: a directory, a URL, or None (in memory)."""

    @property
    @abstractmethod
    def is_remote(self) -> bool:
        """Is the engine another process (a SPARQL server)?"""

    @abstractmethod
    def raw_query(self, sparql: str, **options: Any) -> QueryResult:
        """A query's result (the types are declared in :mod:`kg.store.results`)."""

    @abstractmethod
    def dump(
        self, *, media_type: str, graph: URIRef | None = None, default_graph: bool = False
    ) -> bytes:
        """The dataset, one named graph or the default graph, serialised."""

    @abstractmethod
    def replace_graph(self, graph: URIRef, triples: Any) -> int:
        """Replace one named graph's triples in one transaction; returns how many."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs."""

    @abstractmethod
    def triples(self, graph: URIRef | None = None) -> Iterator[Triple]:
        """The triples of one graph (or of all)."""

    def select(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        values: Mapping[str, Sequence[Node]] | None = None,
    ) -> list[dict[str, Node]]:
        """Rows of a SELECT as dicts of rdflib terms (unbound variables left out).

        Values are bound as RDF terms (SEP-0007 semantics: each is serialised by pyoxigraph and
        written where its variable is), never pasted as caller text; ``values`` gives each
        variable a list of terms (a ``VALUES`` block at the start of the WHERE group).
        """
        result = self.raw_query(sparql, bindings=bindings, values=values)
        if not isinstance(result, ox.QuerySolutions):
            raise InvalidQuery("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        # a solution iterates its values in the order of the variables (None when unbound),
        # which is cheaper than looking each one up by name
        return [
            {n: from_ox(v) for n, v in zip(names, solution, strict=True) if v is not None}
            for solution in result
        ]

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self.raw_query(sparql, bindings=bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise InvalidQuery("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE as an rdflib Graph."""
        result = self.raw_query(sparql, bindings=bindings)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            raise InvalidQuery("construct() needs a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in result:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def to_dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for small exports and validation)."""
        data = self.dump(media_type="application/n-quads")
        ds = Dataset()
        ds.parse(data=data, format="nquads")
        return ds
