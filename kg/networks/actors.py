"""The graph of actors as a networkx graph: entities as nodes, relations and claims as edges.

Computed once from the store, then rendered many ways (GraphML export, analytics, pyvis).
"""

from __future__ import annotations

import networkx as nx

from kg.rdf.common import CLASS_TYPES
from kg.rdf.document import RELATION_PREDICATES
from kg.rdf.iris import ORG, Iris
from kg.store import GraphStore

UNITED_NATIONS = "united-nations"
_PREDICATE_NAMES = {str(v): k for k, v in RELATION_PREDICATES.items()}

_ENTITIES = """
SELECT ?e ?label ?type WHERE { ?e skos:prefLabel ?label ; a ?type }"""

_CLAIM_EDGES = """
SELECT ?claim ?claimant ?about ?stance WHERE {
  ?claim a dkg:Claim ; dkg:claimant ?claimant ; dkg:stance ?stance ; schema:about ?about .
}"""

_RELATION_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { %s }
  ?s ?p ?o . FILTER(isIRI(?o))
}"""


def entity_graph(store: GraphStore, *, iris: Iris) -> nx.MultiDiGraph:
    """Every entity with its label and type; relation and claim edges between them."""
    g = nx.MultiDiGraph()
    prefix = iris.base + "entity/"
    for row in store.select(_ENTITIES):
        kind = CLASS_TYPES.get(row["type"])
        if kind is None or not str(row["e"]).startswith(prefix):
            continue
        eid = str(row["e"])[len(prefix) :]
        g.add_node(eid, label=str(row["label"]), type=kind)
    values = " ".join(f"<{p}>" for p in _PREDICATE_NAMES)
    for row in store.select(_RELATION_EDGES % values):
        s, o = iris.local_id(str(row["s"])), iris.local_id(str(row["o"]))
        if o == UNITED_NATIONS and str(row["p"]) == str(ORG.memberOf):
            continue  # every member state: carries nothing, and would make the UN the hub
        if s in g and o in g:
            g.add_edge(s, o, kind="relation", predicate=_PREDICATE_NAMES[str(row["p"])])
    for row in store.select(_CLAIM_EDGES):
        s, o = iris.local_id(str(row["claimant"])), iris.local_id(str(row["about"]))
        if s in g and o in g and s != o:
            stance = str(row["stance"]).rsplit("/", 1)[-1]
            g.add_edge(s, o, kind="claim", predicate=stance, claim=str(row["claim"]))
    return g
