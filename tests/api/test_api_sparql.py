"""The SPARQL endpoint beyond the W3C suite: negotiation, datasets, the row cap, updates."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SKOS

from api.app import create_app
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import Store

BASE = "https://w3id.org/diplokg/"
STATES = "SELECT ?s ?label WHERE { ?s a dkg:State ; skos:prefLabel ?label } ORDER BY ?label"
DIRECT = {"Content-Type": "application/sparql-query"}


def media(response) -> str:
    return response.headers["content-type"].split(";")[0]


def labels_from(response) -> list[str]:
    """The ?label column of a SELECT result, whatever its format."""
    kind, text = media(response), response.content.decode("utf-8")
    if kind == "application/sparql-results+json":
        return [b["label"]["value"] for b in json.loads(text)["results"]["bindings"]]
    if kind == "application/sparql-results+xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        root = ET.fromstring(text)
        return [
            b.find(f"{ns}literal").text
            for b in root.iter(f"{ns}binding")
            if b.get("name") == "label"
        ]
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t" if "tab" in kind else ","))
    key = "?label" if "tab" in kind else "label"
    return [r[key].strip('"') for r in rows]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.8", "application/sparql-results+xml"),
        ("application/json", "application/sparql-results+json"),
        ("text/*;q=0.5, */*;q=0.1", "text/csv"),
    ],
)
def test_select_is_negotiated_with_q_values(client: TestClient, accept, expected) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": STATES}, headers=headers)
    assert response.status_code == 200, response.text
    assert media(response) == expected
    assert labels_from(response)[:2] == ["China", "Côte d'Ivoire"]
    assert len(labels_from(response)) == 7


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
    ],
)
def test_construct_in_every_rdf_format(client: TestClient, accept, rdflib_format) -> None:
    query = "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a dkg:State ; skos:prefLabel ?l }"
    response = client.post("/sparql", content=query, headers={**DIRECT, "Accept": accept})
    assert response.status_code == 200, response.text
    assert media(response) == accept
    graph = Dataset() if rdflib_format in ("nquads", "trig") else Graph()
    graph.parse(data=response.content, format=rdflib_format)
    labels = {str(o) for _, p, o in graph.triples((None, SKOS.prefLabel, None))}
    assert "Côte d'Ivoire" in labels and len(labels) == 7


def test_ask_in_every_results_format(client: TestClient) -> None:
    ask = {"query": "ASK { ?s skos:prefLabel 'China' }"}
    assert client.get("/sparql", params=ask).json()["boolean"] is True
    as_xml = client.get("/sparql", params=ask, headers={"Accept": "application/sparql-results+xml"})
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert ET.fromstring(as_xml.text).find(f"{ns}boolean").text == "true"
    for accept in ("text/csv", "text/tab-separated-values"):
        response = client.get("/sparql", params=ask, headers={"Accept": accept})
        assert media(response) == accept and response.text == "true"


def test_unservable_formats_get_406(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": STATES}, headers={"Accept": "text/turtle"})
    assert select.status_code == 406
    assert select.json()["error"]["type"] == "NotAcceptable"
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
    )
    assert construct.status_code == 406


def test_describe_negotiates_rdf(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        data={"query": f"DESCRIBE <{BASE}entity/chn>"},
        headers={"Accept": "application/sparql-results+json;q=0.9, text/turtle;q=0.5"},
    )
    assert response.status_code == 200 and media(response) == "text/turtle"
    g = Graph().parse(data=response.text, format="turtle")
    assert g.value(URIRef(f"{BASE}entity/chn"), SKOS.prefLabel).toPython() == "China"


def count(client: TestClient, query: str, **params) -> int:
    response = client.get("/sparql", params={"query": query, **params})
    assert response.status_code == 200, response.text
    return len(response.json()["results"]["bindings"])


def test_default_graph_is_the_union_of_every_graph(client: TestClient) -> None:
    # a claim (document graph) joined with its claimant's label (reference graph)
    query = "SELECT ?c WHERE { ?c dkg:claimant ?who . ?who dkg:iso3166Alpha3 ?x }"
    assert count(client, query) == 0  # no ISO codes in the sample: the join is real
    query = "SELECT DISTINCT ?c WHERE { ?c dkg:claimant ?who . ?who skos:exactMatch ?wd }"
    assert count(client, query) == 8


def test_from_and_protocol_graphs_select_only_stored_graphs(client: TestClient) -> None:
    q = "SELECT DISTINCT ?c WHERE { ?c a dkg:Claim }"
    assert count(client, q) == 9
    briefing = f"{BASE}graph/doc/press-briefing"
    assert count(client, q.replace("WHERE", f"FROM <{briefing}> WHERE")) == 3
    assert count(client, q, **{"default-graph-uri": briefing}) == 3
    # the protocol's dataset replaces the query's FROM
    meeting = f"{BASE}graph/doc/council-meeting"
    from_briefing = q.replace("WHERE", f"FROM <{briefing}> WHERE")
    assert count(client, from_briefing, **{"default-graph-uri": meeting}) == 6
    # a graph that is not in the store is empty (never fetched)
    assert count(client, q, **{"default-graph-uri": "http://example.org/elsewhere"}) == 0
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a dkg:Claim } }"
    assert count(client, named, **{"named-graph-uri": briefing}) == 1
    assert count(client, named) == 2


def test_bad_graph_parameters_are_refused(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidQuery"


def test_a_row_cap_refuses_larger_results_whole(iris: Iris, sample_store: Store) -> None:
    app = create_app(
        settings=Settings(store="memory", max_rows=3, query_workers=1), store=sample_store
    )
    with TestClient(app) as c:
        refused = c.get("/sparql", params={"query": STATES})
        assert refused.status_code == 422
        assert refused.json()["error"]["type"] == "ResultTooLarge"
        as_csv = c.get("/sparql", params={"query": STATES}, headers={"Accept": "text/csv"})
        assert as_csv.status_code == 422
        whole = c.get("/sparql", params={"query": STATES + " LIMIT 3"})
        assert len(whole.json()["results"]["bindings"]) == 3
        assert whole.headers["X-KG-Rows"] == "3"
        as_csv = c.get(
            "/sparql", params={"query": STATES + " LIMIT 3"}, headers={"Accept": "text/csv"}
        )
        assert len(list(csv.reader(io.StringIO(as_csv.text)))) == 1 + 3
        triples = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        rdf = c.get("/sparql", params={"query": triples}, headers={"Accept": "text/turtle"})
        assert rdf.status_code == 422
        three = c.get(
            "/sparql", params={"query": triples + " LIMIT 3"}, headers={"Accept": "text/turtle"}
        )
        assert len(Graph().parse(data=three.text, format="turtle")) == 3


def test_updates_need_the_token(client: TestClient, writable: TestClient, auth) -> None:
    update = {
        "update": "INSERT DATA { GRAPH <http://example.org/g> { <http://e/a> <http://e/b> 1 } }"
    }
    refused = client.post("/sparql", data=update)
    assert refused.status_code == 403
    assert refused.json()["error"]["type"] == "Forbidden"
    missing = writable.post("/sparql", data=update)
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = writable.post("/sparql", data=update, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ask = "ASK { GRAPH <http://example.org/g> { <http://e/a> <http://e/b> 1 } }"
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"] is False
    done = writable.post("/sparql", data=update, headers=auth)
    assert done.status_code == 204
    # the query workers see the change at once (a fresh snapshot)
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_direct_update_and_relative_iris(writable: TestClient, auth) -> None:
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> <http://e/p> <rel> } }"
    response = writable.post(
        "/sparql", content=update, headers={**auth, "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 204
    rows = writable.get(
        "/sparql", params={"query": "SELECT ?o WHERE { <http://e/s> <http://e/p> ?o }"}
    ).json()["results"]["bindings"]
    assert rows == [{"o": {"type": "uri", "value": "http://testserver/rel"}}]


def test_head_and_other_methods(client: TestClient) -> None:
    head = client.head("/sparql", params={"query": "ASK {}"})
    assert head.status_code == 200 and head.content == b""
    assert media(head) == "application/sparql-results+json"
    put = client.put("/sparql", params={"query": "ASK {}"})
    assert put.status_code == 405
    assert put.json()["error"]["type"] == "MethodNotAllowed"


def test_without_a_token_the_store_is_opened_read_only(store_dir, auth) -> None:
    app = create_app(settings=Settings(store=str(store_dir), query_workers=1))
    assert app.state.runtime.store.read_only is True
    with TestClient(app) as c:
        response = c.post("/sparql", data={"update": "CLEAR ALL"}, headers=auth)
        assert response.status_code == 403
        assert len(labels_from(c.get("/sparql", params={"query": STATES}))) == 7


def test_update_errors_are_client_errors(writable: TestClient, auth) -> None:
    form = {"update": "DROP GRAPH <http://example.org/never-created>"}
    response = writable.post("/sparql", data=form, headers=auth)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidQuery"
    silent = {"update": "DROP SILENT GRAPH <http://example.org/never-created>"}
    assert writable.post("/sparql", data=silent, headers=auth).status_code == 204
