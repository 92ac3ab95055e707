"""The Graph Store endpoint beyond the W3C manifests: tokens, media types, consistency."""

from __future__ import annotations

from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

GRAPH = "http://example.org/graphs/notes"
TURTLE = b'<http://e/s> <http://e/p> "first" .'
TTL = {"Content-Type": "text/turtle"}


def test_reads_are_open_writes_need_the_token(writable: TestClient, auth) -> None:
    assert (
        writable.put("/store", params={"graph": GRAPH}, content=TURTLE, headers=TTL).status_code
        == 401
    )
    created = writable.put(
        "/store", params={"graph": GRAPH}, content=TURTLE, headers={**TTL, **auth}
    )
    assert created.status_code == 201
    read = writable.get("/store", params={"graph": GRAPH})
    assert read.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=read.text, format="turtle")
    assert set(graph) == {(URIRef("http://e/s"), URIRef("http://e/p"), Literal("first"))}
    # the SPARQL endpoint's workers see the new graph at once
    ask = f'ASK {{ GRAPH <{GRAPH}> {{ ?s ?p "first" }} }}'
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"] is True
    added = writable.post(
        "/store",
        params={"graph": GRAPH},
        content=b'<http://e/s> <http://e/p> "second" .',
        headers={"Content-Type": "application/n-triples", **auth},
    )
    assert added.status_code == 204
    assert len(Graph().parse(data=writable.get("/store", params={"graph": GRAPH}).text)) == 2
    assert writable.delete("/store", params={"graph": GRAPH}).status_code == 401
    assert writable.delete("/store", params={"graph": GRAPH}, headers=auth).status_code == 204
    assert writable.get("/store", params={"graph": GRAPH}).status_code == 404
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"] is False


def test_media_types(writable: TestClient, auth) -> None:
    wrong = writable.put(
        "/store",
        params={"graph": GRAPH},
        content=b"s p o",
        headers={"Content-Type": "text/plain", **auth},
    )
    assert wrong.status_code == 415
    broken = writable.put(
        "/store", params={"graph": GRAPH}, content=b"<a> <b", headers={**TTL, **auth}
    )
    assert broken.status_code == 400 and broken.json()["error"]["type"] == "InvalidQuery"
    ref = "https://w3id.org/diplokg/graph/reference"
    as_xml = writable.get(
        "/store", params={"graph": ref}, headers={"Accept": "application/rdf+xml"}
    )
    assert as_xml.headers["content-type"] == "application/rdf+xml"
    assert len(Graph().parse(data=as_xml.text, format="xml")) > 50
    refused = writable.get(
        "/store", params={"graph": ref}, headers={"Accept": "application/sparql-results+json"}
    )
    assert refused.status_code == 406


def test_graph_or_default_exactly_once(writable: TestClient) -> None:
    both = writable.get("/store", params={"graph": GRAPH, "default": ""})
    assert both.status_code == 400
    neither = writable.get("/store")
    assert neither.status_code == 400
    assert writable.get("/store", params={"graph": "relative/iri"}).status_code == 400
