"""The store: round trips, graph replacement, bindings, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import InvalidQuery, StoreError
from kg.store import Store

EX = "https://example.org/"
G1, G2 = URIRef(EX + "graph/1"), URIRef(EX + "graph/2")
P = URIRef(EX + "p")


def s(n: int) -> URIRef:
    return URIRef(f"{EX}s{n}")


def test_round_trip_keeps_term_kinds(fresh_store: Store) -> None:
    triples = [
        (s(1), P, Literal("plain")),
        (s(1), P, Literal("Genève", lang="fr")),
        (s(1), P, Literal("2024-06-12", datatype=XSD.date)),
        (s(1), P, Literal(12)),
        (s(1), P, s(2)),
    ]
    assert fresh_store.replace_graph(G1, triples) == 5
    assert set(fresh_store.triples(G1)) == set(triples)


def test_replace_graph_replaces_only_that_graph(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(1), P, Literal("old"))])
    fresh_store.replace_graph(G2, [(s(2), P, Literal("other"))])
    fresh_store.replace_graph(G1, [(s(1), P, Literal("new"))])
    assert list(fresh_store.triples(G1)) == [(s(1), P, Literal("new"))]
    assert list(fresh_store.triples(G2)) == [(s(2), P, Literal("other"))]
    assert fresh_store.graph_names() == [G1, G2]


def test_blank_nodes_are_refused_and_nothing_is_written(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(1), P, Literal("kept"))])
    with pytest.raises(StoreError, match="blank nodes"):
        fresh_store.replace_graph(G1, [(s(1), P, BNode())])
    assert list(fresh_store.triples(G1)) == [(s(1), P, Literal("kept"))]


def test_bindings_are_terms_not_text(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(1), P, Literal("a")), (s(2), P, Literal("b"))])
    hostile = Literal('a" } UNION { ?s ?p ?o')
    query = "SELECT ?s ?v WHERE { ?s ?p ?v }"
    assert fresh_store.select(query, bindings={"v": hostile}) == []
    rows = fresh_store.select(query, bindings={"v": Literal("a")})
    assert rows == [{"s": s(1), "v": Literal("a")}]


def test_values_bind_many_terms_in_one_query(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(n), P, Literal(f"v{n}")) for n in range(4)])
    hostile = Literal('v1" } UNION { ?s ?p ?o')
    query = "SELECT ?s ?v WHERE { ?s ?p ?v } ORDER BY ?v"
    rows = fresh_store.select(query, values={"s": [s(1), s(3), s(9)]})
    assert rows == [{"s": s(1), "v": Literal("v1")}, {"s": s(3), "v": Literal("v3")}]
    assert fresh_store.select(query, values={"v": [hostile]}) == []
    assert fresh_store.select(query, values={"s": []}) == []


def test_invalid_query_is_reported(fresh_store: Store) -> None:
    with pytest.raises(InvalidQuery):
        fresh_store.select("SELECT WHERE {")


def test_default_graph_is_the_union_of_named_graphs(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(1), P, Literal("a"))])
    fresh_store.replace_graph(G2, [(s(2), P, Literal("b"))])
    assert len(fresh_store.select("SELECT ?s WHERE { ?s ?p ?o }")) == 2


def test_persistent_store_survives_reopening(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db")
    store.replace_graph(G1, [(s(1), P, Literal("persisted"))])
    store.close()
    reopened = Store.open(tmp_path / "db", read_only=True)
    assert list(reopened.triples(G1)) == [(s(1), P, Literal("persisted"))]


def test_read_only_open_of_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        Store.open(tmp_path / "absent", read_only=True)


def test_dump_nquads_keeps_graphs(fresh_store: Store) -> None:
    fresh_store.replace_graph(G1, [(s(1), P, Literal("a"))])
    data = fresh_store.dump(media_type="application/n-quads").decode()
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=data, format="nquads")
    assert (s(1), P, Literal("a"), G1) in set(ds.quads((None, None, None, None)))


def test_a_url_is_no_directory():
    with pytest.raises(StoreError, match="open_store"):
        Store.open("http://127.0.0.1:9/sparql")
