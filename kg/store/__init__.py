"""The triplestore: the only package that knows which engine is behind the graph.

:class:`Store` is the embedded engine (Oxigraph: persistent on disk, or in memory for tests);
:class:`~kg.store.remote.RemoteStore` speaks SPARQL 1.1 (query, update, Graph Store Protocol)
to a server instead — Oxigraph server, Fuseki, GraphDB, Virtuoso. Both implement
:class:`~kg.store.base.GraphStore` (neither imports the other) and return the same result
objects, read through :mod:`kg.store.results`; :func:`open_store` picks one from a location.

One named graph per source document plus one for the reference data. Replacing a graph is one
transaction: readers see the old graph or the new one, never half.

>>> from rdflib import URIRef, Literal
>>> store = Store.in_memory()
>>> g = URIRef("https://example.org/graph/a")
>>> store.replace_graph(g, [(URIRef("https://example.org/s"), URIRef("https://example.org/p"),
...                          Literal("o"))])
1
>>> [row["o"].toPython() for row in store.select("SELECT ?o WHERE { ?s ?p ?o }")]
['o']
>>> store.graph_names() == [g]
True
"""

from __future__ import annotations

from pathlib import Path

from kg.store.base import GraphStore
from kg.store.embedded import Store
from kg.store.terms import PREFIXES, Triple, from_ox, to_ox


def open_store(location: Path | str | None, *, read_only: bool = False) -> GraphStore:
    """A store at a location: a directory, ``None``/``"memory"`` (in memory), or the URL of a
    remote SPARQL endpoint (see :mod:`kg.store.remote` for the options)."""
    if location in ("", "memory", ":memory:"):
        location = None
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore.open(location, read_only=read_only)
    return Store.open(location, read_only=read_only)


__all__ = ["PREFIXES", "GraphStore", "Store", "Triple", "from_ox", "open_store", "to_ox"]
