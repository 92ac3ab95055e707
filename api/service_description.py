"""The SPARQL service description (``GET /sparql`` without a query), in the sd: vocabulary.

It documents the endpoint's conventions: the default dataset is the union of every graph,
``FROM`` / ``default-graph-uri`` only select graphs already in the store (nothing is ever
fetched), SERVICE and LOAD are refused, and the limits (time, rows, body size).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from api.negotiation import SELECT_TYPES
from kg.settings import Settings
from kg.store import GraphStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")
KG = Namespace("https://w3id.org/diplokg/ontology#")

RESULT_FORMATS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/n-quads": FORMATS["N-Quads"],
    "application/trig": FORMATS.TriG,
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}
GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}

DEFAULT_DATASET_NOTE = (
    "When a request names no dataset (no default-graph-uri / named-graph-uri parameter, no "
    "FROM / FROM NAMED clause), the default graph of a query is the union (RDF merge) of "
    "every graph in the store: the unnamed graph and all named graphs (one per source "
    "document, plus the reference data and the ontology). Named graphs are all available to "
    "GRAPH. default-graph-uri, named-graph-uri, FROM and FROM NAMED select graphs already in "
    "the store and are never fetched; a protocol dataset replaces the query's own. Updates "
    "without USING / WITH / using-graph-uri match the unnamed graph."
)


def describe_service(
    endpoint: str, *, settings: Settings, store: GraphStore, writable: bool
) -> Graph:
    """The service description graph of the endpoint at ``endpoint``."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, RDFS.label, Literal("Diplomacy knowledge graph SPARQL endpoint")))
    g.add((service, SD.supportedLanguage, SD.SPARQL10Query))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if writable:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for media in dict.fromkeys(SELECT_TYPES.values()):
        g.add((service, SD.resultFormat, RESULT_FORMATS[media]))
    for media, iri in RESULT_FORMATS.items():
        if media not in SELECT_TYPES:
            g.add((service, SD.resultFormat, iri))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.feature, SD.EmptyGraphs))
    g.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    g.add((service, RDFS.comment, Literal(DEFAULT_DATASET_NOTE, lang="en")))
    limits = (
        f"Queries are stopped after {settings.query_timeout:g} s (HTTP 503; an answer already "
        "being streamed is cut off without its final chunk, so it never looks complete). "
        + (
            f"Results of more than {settings.max_rows} rows or triples are refused whole "
            "(HTTP 422, before any row is sent). "
            if settings.max_rows
            else "Results are complete and streamed, whatever their size. "
        )
        + f"Request bodies over {settings.max_body_bytes} bytes are refused (413). "
        "SERVICE and LOAD are refused "
        "(400). Common prefixes (dkg:, schema:, org:, skos:, prov:, oa:, …) are predeclared. "
        + (
            "Updates need 'Authorization: Bearer <token>'."
            if writable
            else "The endpoint is read-only."
        )
    )
    g.add((service, DCTERMS.description, Literal(limits, lang="en")))
    g.add((service, KG.queryTimeoutSeconds, Literal(settings.query_timeout, datatype=XSD.decimal)))
    if settings.max_rows:
        g.add((service, KG.maxRows, Literal(settings.max_rows, datatype=XSD.integer)))

    dataset = BNode("dataset")
    default = BNode("defaultGraph")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("the union of every graph in the store", lang="en")))
    g.add((default, VOID.triples, Literal(len(store), datatype=XSD.integer)))
    for i, name in enumerate(store.graph_names()):
        named, graph = BNode(f"named{i}"), BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, name))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
    return g


def serialize_graph(graph: Graph, media_type: str) -> bytes:
    """A graph in one of :data:`GRAPH_FORMATS`."""
    data = graph.serialize(format=GRAPH_FORMATS[media_type])
    return data.encode("utf-8") if isinstance(data, str) else data
