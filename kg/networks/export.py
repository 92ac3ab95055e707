"""Export the graph: Turtle, N-Quads, TriG, JSON-LD (RDF) or GraphML (the actor network)."""

from __future__ import annotations

import io

import networkx as nx

from kg.errors import InvalidQuery
from kg.networks.actors import entity_graph
from kg.rdf.iris import Iris
from kg.store import GraphStore

RDF_FORMATS = {
    "turtle": "text/turtle",
    "nquads": "application/n-quads",
    "ntriples": "application/n-triples",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
}
FORMATS = (*RDF_FORMATS, "graphml")


def export(store: GraphStore, *, fmt: str, iris: Iris) -> bytes:
    """The whole graph in one format (Turtle and N-Triples merge the named graphs)."""
    if fmt == "graphml":
        g = entity_graph(store, iris=iris)
        buffer = io.BytesIO()
        nx.write_graphml(nx.DiGraph(g) if g.number_of_edges() == 0 else g, buffer)
        return buffer.getvalue()
    media_type = RDF_FORMATS.get(fmt)
    if media_type is None:
        raise InvalidQuery(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    return store.dump(media_type=media_type)
