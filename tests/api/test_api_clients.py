"""Real clients against uvicorn on a 127.0.0.1 socket: SPARQLWrapper, rdflib's SPARQLStore,
httpx for the relations API and the Graph Store."""

from __future__ import annotations

import httpx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

BASE = "https://w3id.org/diplokg/"
OPPOSED = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX stance: <https://w3id.org/diplokg/stance/>
SELECT ?label WHERE {
  ?c dkg:claimant ?who ; dkg:stance stance:oppose . ?who skos:prefLabel ?label
} ORDER BY ?label"""


def test_sparqlwrapper_select_ask_construct(live) -> None:
    endpoint = SPARQLWrapper(f"{live.url}/sparql")
    endpoint.setQuery(OPPOSED)
    endpoint.setReturnFormat(JSON)
    rows = endpoint.query().convert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["China", "Russian Federation"]

    endpoint.setMethod(POST)
    endpoint.setReturnFormat(XML)
    document = endpoint.query().convert()  # a DOM of the SPARQL XML results
    literals = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert literals == ["China", "Russian Federation"]

    endpoint.setReturnFormat(CSV)
    assert endpoint.query().convert().decode().splitlines()[1:] == ["China", "Russian Federation"]

    endpoint.setQuery("ASK { ?s a <https://w3id.org/diplokg/ontology#Claim> }")
    endpoint.setReturnFormat(JSON)
    assert endpoint.query().convert()["boolean"] is True

    endpoint.setQuery(f"DESCRIBE <{BASE}entity/rus>")
    endpoint.setReturnFormat(TURTLE)
    graph = Graph().parse(data=endpoint.query().convert(), format="turtle")
    assert graph.value(URIRef(f"{BASE}entity/rus"), SKOS.altLabel) == Literal("Russia")


def test_rdflib_sparqlstore(live) -> None:
    store = SPARQLStore(f"{live.url}/sparql", returnFormat="xml")
    graph = Graph(store=store)
    rows = list(graph.query(OPPOSED))
    assert [str(r.label) for r in rows] == ["China", "Russian Federation"]
    assert (URIRef(f"{BASE}entity/chn"), SKOS.prefLabel, Literal("China")) in graph
    states = set(graph.subjects(SKOS.altLabel, Literal("Ivory Coast")))
    assert states == {URIRef(f"{BASE}entity/civ")}


def test_httpx_drives_the_relations_api(live) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        index = http.get("/api").json()["links"]
        claims = http.get(index["claims"], params={"about": "meeting-9700", "limit": 2}).json()
        assert claims["total"] == 4
        collected = [c["id"] for c in claims["items"]]
        while claims["links"]["next"]:
            claims = http.get(claims["links"]["next"]).json()
            collected += [c["id"] for c in claims["items"]]
        assert len(set(collected)) == 4
        first = http.get(f"/api/claims/{collected[0]}")  # no such route: one JSON error shape
        assert first.status_code == 404 and first.json()["error"]["type"] == "NotFound"
        entity = http.get("/api/entities/rus").json()
        assert entity["claims_made"]["items"][0]["stance"] == "oppose"
        graph = http.get(
            "/store",
            params={"graph": f"{BASE}graph/doc/press-briefing"},
            headers={"Accept": "application/n-triples"},
        )
        assert graph.status_code == 200
        assert len(Graph().parse(data=graph.text, format="nt")) > 20
        assert http.put("/store", params={"default": ""}, content=b"").status_code == 403
