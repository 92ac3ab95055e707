"""The W3C SPARQL 1.1 Service Description tests (the manifest names three checks without
requests: we run each against ``GET /sparql``)."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from w3c_manifest import AUTHORITY, W3C, parse_rdf, read_manifest

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ENDPOINT = URIRef(f"{AUTHORITY}/sparql")
LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")

NAMES = (
    [c.name for c in read_manifest(W3C / "service-description" / "manifest.ttl")]
    if (W3C.is_dir())
    else []
)


def describe(client, accept: str | None = None) -> Graph:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", headers=headers)
    assert response.status_code == 200, response.text
    return parse_rdf(response, base=str(ENDPOINT))


def test_the_manifest_names_three_tests(w3c_dir) -> None:
    assert sorted(NAMES) == ["conforms-to-schema", "has-endpoint-triple", "returns-rdf"]


@pytest.mark.parametrize("name", NAMES)
def test_service_description(name: str, w3c_client, load_data) -> None:
    load_data([])
    if name == "returns-rdf":
        for accept in (None, *RDF_TYPES):
            graph = describe(w3c_client, accept)
            assert (None, RDF.type, SD.Service) in graph
    elif name == "has-endpoint-triple":
        graph = describe(w3c_client)
        assert (None, SD.endpoint, ENDPOINT) in graph
    else:
        check_schema(describe(w3c_client, "text/turtle"))


def check_schema(g: Graph) -> None:
    """The sd: structure: one service with an IRI endpoint, known languages, formats and
    features as IRIs, and a default dataset of typed graphs."""
    services = list(g.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    service = services[0]
    endpoints = list(g.objects(service, SD.endpoint))
    assert endpoints and all(isinstance(e, URIRef) for e in endpoints)
    languages = set(g.objects(service, SD.supportedLanguage))
    assert SD.SPARQL11Query in languages and languages <= LANGUAGES
    assert SD.SPARQL11Update in languages  # the harness's app has a token
    for prop in (SD.resultFormat, SD.feature):
        values = list(g.objects(service, prop))
        assert values and all(isinstance(v, URIRef) for v in values)
    assert SD.UnionDefaultGraph in set(g.objects(service, SD.feature))
    datasets = list(g.objects(service, SD.defaultDataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    assert (dataset, RDF.type, SD.Dataset) in g
    default = g.value(dataset, SD.defaultGraph)
    assert default is not None and (default, RDF.type, SD.Graph) in g
    for named in g.objects(dataset, SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in g
        assert isinstance(g.value(named, SD.name), URIRef)
    notes = [str(o) for o in g.objects(service, None) if isinstance(o, Literal)]
    assert any("union" in n for n in notes), "the default dataset convention is documented"


def test_named_graphs_are_listed(w3c_client, load_data, w3c_dir) -> None:
    load_data([(W3C / "protocol" / "data1.nt", "http://example.org/g1")])
    g = describe(w3c_client, "text/turtle")
    names = {g.value(n, SD.name) for n in g.subjects(RDF.type, SD.NamedGraph)}
    assert names == {URIRef("http://example.org/g1")}


def test_a_browser_is_sent_to_the_query_page(w3c_client) -> None:
    response = w3c_client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/query"
